"""What MyCase and PracticePanther say about a matter beyond the basics reaches RemoteMatter: the real connector
pulls from the provider's fake over its MockTransport, as the other sync tests do.

PracticePanther documents custom field values on a matter and an account's primary contact's e-mail (no
practice area); MyCase's public pages show a case's practice area and a client's e-mail (no custom fields)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import httpx
import pytest

from ledgerwatch.sync.connector import RemoteMatter
from ledgerwatch.sync.connectors.mycase import MyCaseConnector
from ledgerwatch.sync.connectors.practicepanther import PracticePantherConnector
from tests.fakes.base import FakeProvider
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther, custom_field_value
from tests.fakes.support import FakeClock

CONNECTORS = {"mycase": MyCaseConnector, "practicepanther": PracticePantherConnector}


def _fake(provider: str) -> FakeMyCase | FakePracticePanther:
    clock = FakeClock()
    fake = (FakeMyCase if provider == "mycase" else FakePracticePanther)(clock=clock.time, seed=5)
    fake.add_matters(3)
    return fake


def _pull(fake: FakeProvider) -> dict[str, RemoteMatter]:
    """Every matter the real connector pulls from the fake, by matter number; the fake saw nothing its
    provider's documentation does not allow."""
    settings = fake.settings("https://provider.test", page_size=10)  # type: ignore[attr-defined]
    token = fake.issue_tokens()["access_token"]
    with httpx.Client(transport=fake.transport()) as client:
        connector = CONNECTORS[fake.name](client, settings, lambda: token)
        pulled = list(connector.pull_matters(None))
    assert fake.violations == []
    return {m.number: m for m in pulled}


# --- PracticePanther: custom field values and the account's primary contact ---


def test_practicepanther_claim_number_adjuster_and_client_email_reach_the_matter() -> None:
    fake = _fake("practicepanther")
    matter = fake.matters[0]
    matter["custom_field_values"] = [
        custom_field_value("Claim Number", "CLM-2025-004417"),
        custom_field_value("Adjuster", "Dana Reyes"),
    ]
    fake.client_emails[matter["client_id"]] = "claims@acme-insurance.com"
    pulled = _pull(fake)[matter["number"]]
    assert pulled.identifiers == ("CLM-2025-004417",)
    assert pulled.contacts == ("Dana Reyes",)
    assert pulled.client_email == "claims@acme-insurance.com"


def test_practicepanther_staff_fields_are_never_contacts() -> None:
    """A custom field naming the firm's own people (a responsible paralegal) is neither a contact nor a
    reference, while the adjuster beside it is a contact."""
    fake = _fake("practicepanther")
    matter = fake.matters[0]
    matter["custom_field_values"] = [
        custom_field_value("Responsible Paralegal", "Pat Lee"),
        custom_field_value("Responsible Paralegal", "Pat Lee", "Contact"),
        custom_field_value("Adjuster", "Dana Reyes"),
    ]
    pulled = _pull(fake)[matter["number"]]
    assert pulled.contacts == ("Dana Reyes",)
    assert "Pat Lee" not in pulled.contacts + pulled.identifiers


def test_practicepanther_reads_contact_and_number_fields_but_never_dates_or_amounts() -> None:
    """A Contact field's contact is a person on the matter, a Number field's whole number a reference; a date
    or an amount in a field whose name says claim or policy is neither."""
    fake = _fake("practicepanther")
    matter = fake.matters[0]
    matter["custom_field_values"] = [
        custom_field_value("Adjuster", "Dana Reyes", "Contact"),
        custom_field_value("Claim Number", 2025004417.0, "Number"),
        custom_field_value("Claim Date", "2025-01-04T00:00:00", "Date"),
        custom_field_value("Policy Limit", 1000000.0, "Currency"),
    ]
    pulled = _pull(fake)[matter["number"]]
    assert pulled.identifiers == ("2025004417",)
    assert pulled.contacts == ("Dana Reyes",)


def test_practicepanther_null_or_malformed_custom_fields_are_skipped_and_the_pull_goes_on() -> None:
    """Null values, values of the wrong type, fields without a label and a list that is not one are passed over
    quietly; every matter still pulls, and a good field beside the bad ones is kept."""
    fake = _fake("practicepanther")
    bad: list[Any] = [
        None,
        "junk",
        [1, 2],
        {"custom_field_ref": None, "value_string": "CLM-2025-000001"},
        {"custom_field_ref": {"label": 7}, "value_string": "CLM-2025-000002"},
        {"custom_field_ref": "Claim Number", "value_string": "CLM-2025-000003"},
        {"custom_field_ref": {"label": "Claim Number"}, "value_string": None},
        {"custom_field_ref": {"label": "Claim Number"}, "value_string": 20250004},
        {"custom_field_ref": {"label": "Claim Number", "value_type": "Number"}, "value_number": "2025004417"},
        {"custom_field_ref": {"label": "Claim Number", "value_type": "Number"}, "value_number": True},
        {"custom_field_ref": {"label": "Adjuster"}, "value_string": ["Dana Reyes"]},
        {"custom_field_ref": {"label": "Adjuster"}, "contact_ref": "Dana Reyes"},
        {"custom_field_ref": {"label": "Adjuster"}, "contact_ref": {"display_name": None}},
        custom_field_value("Docket Number", "1:24-cv-03318"),
    ]
    first, second, third = fake.matters
    first["custom_field_values"] = bad
    second["custom_field_values"] = "not a list"
    third["custom_field_values"] = None
    fake.client_emails[first["client_id"]] = {"email": "claims@acme-insurance.com"}
    pulled = _pull(fake)
    assert set(pulled) == {m["number"] for m in fake.matters}
    assert pulled[first["number"]].identifiers == ("1:24-cv-03318",)
    assert pulled[first["number"]].contacts == ()
    assert pulled[first["number"]].client_email == ""
    assert all(pulled[m["number"]].identifiers == () for m in (second, third))


# --- MyCase: a case's practice area and its client's e-mail ---


def test_mycase_practice_area_and_client_email_reach_the_matter() -> None:
    fake = _fake("mycase")
    matter = fake.matters[0]
    matter["practice_area"] = "Insurance Defense"
    fake.client_emails[matter["client_id"]] = "claims@acme-insurance.com"
    pulled = _pull(fake)
    assert pulled[matter["number"]].practice_area == "Insurance Defense"
    assert pulled[matter["number"]].client_email == "claims@acme-insurance.com"
    others = [pulled[m["number"]] for m in fake.matters[1:]]
    assert [m.practice_area for m in others] == ["", ""]


@pytest.mark.parametrize("practice_area", [None, 42, ["Insurance Defense"], {"name": None}, {"id": 3}])
def test_mycase_a_null_or_malformed_practice_area_or_email_is_skipped(practice_area: Any) -> None:
    fake = _fake("mycase")
    matter = fake.matters[0]
    matter["practice_area"] = practice_area
    fake.client_emails[matter["client_id"]] = ["claims@acme-insurance.com"]
    pulled = _pull(fake)
    assert set(pulled) == {m["number"] for m in fake.matters}
    assert pulled[matter["number"]].practice_area == ""
    assert pulled[matter["number"]].client_email == ""


# --- both: a matter without any of it pulls as before ---


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
def test_a_matter_without_metadata_pulls_as_before(provider: str) -> None:
    fake = _fake(provider)
    pulled = _pull(fake)
    for m in fake.matters:
        ids = (
            (f"m-{m['id']}", f"a-{m['client_id']}")
            if provider == "practicepanther"
            else (m["id"], m["client_id"])
        )
        assert pulled[m["number"]] == RemoteMatter(
            id=str(ids[0]),
            number=m["number"],
            description=m["description"],
            client_id=str(ids[1]),
            client_name=f"Client {m['client_id']} LLC",
            status="open",
            billing_method="hourly",
            rate=Decimal("300.00") if m["rate"] is not None else None,
        )
