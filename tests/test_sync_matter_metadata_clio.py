"""What Clio knows about a matter that helps attribution comes along with the pull (issue: attribution that
generalizes, "matter metadata that helps"): the client reference, custom fields holding a claim or case number
or naming an adjuster, the practice area, the responsible attorney and the client's e-mail.

Against the Clio fake, which checks every request and answer against Clio's OpenAPI document (Matter,
Contact_base, PracticeArea_base, User_base, CustomFieldValue_base)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch.domain import Client, Event, Matter, Source, WindowPayload
from ledgerwatch.sessionize import SessionizePolicy, build_drafts
from ledgerwatch.store import open_database
from ledgerwatch.store.db import Database
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.sync.service import SyncService
from tests.fakes.clio import FakeClio
from tests.fakes.support import FakeClock, MemoryTokenStore, sync_service

CUSTOM = [
    {"id": "1", "field_name": "Claim Number", "field_type": "text_line", "value": "CLM-2025-004417"},
    {"id": "2", "field_name": "Court Case Number", "field_type": "text_line", "value": "3:25-cv-00917"},
    {"id": "3", "field_name": "Adjuster", "field_type": "text_line", "value": "Dana Reyes"},
    {"id": "4", "field_name": "Responsible Paralegal", "field_type": "text_line", "value": "Sam Ortiz"},
    {"id": "5", "field_name": "Date of Loss", "field_type": "date", "value": "2025-01-14"},
    {"id": "6", "field_name": "Policy Number", "field_type": "text_line", "value": "n/a"},
    {"id": "7", "field_name": "Insured", "field_type": "contact", "value": "88123"},  # a contact record's id
]


@pytest.fixture
def pulled(tmp_path: Path) -> Iterator[tuple[FakeClio, Database, SyncService]]:
    clock = FakeClock()
    fake = FakeClio(clock=clock.time, seed=3)
    fake.add_matters(3)
    first = fake.matters[0]
    first |= {
        "client_reference": "HX-77120",
        "practice_area": {"id": 11, "name": "Insurance Defense"},
        "responsible_attorney": {"id": 5, "name": "Priya Nair"},
        "custom_field_values": CUSTOM,
    }
    fake.client_emails[first["client_id"]] = "claims@harborins.com"
    fake.matters[1]["custom_field_values"] = [
        {"id": "9", "field_name": "Claim Number", "field_type": "text_line"},  # no value at all
    ]
    clock.sleep(3600)
    db = open_database(tmp_path / "lw.sqlite")
    service = sync_service(
        db,
        fake,
        fake.settings("https://clio.test"),
        token_store=MemoryTokenStore(),
        clock=clock,
        sleep=clock.sleep,
    )
    service.connect_with_tokens("clio", fake.issue_tokens())
    yield fake, db, service
    db.dispose()
    assert fake.violations == [], "requests Clio's documentation does not allow"


def _matter(db: Database, number: str) -> Matter:
    found = MatterRepository(db).get(number)
    assert found is not None
    return found


def test_a_pull_brings_references_people_and_practice_area(
    pulled: tuple[FakeClio, Database, SyncService],
) -> None:
    """References (client reference, claim and case numbers) become identifiers, the adjuster and the client's
    address contacts; the firm's own paralegal, a date and a field without a number are left out."""
    fake, db, service = pulled
    service.pull()
    matter = _matter(db, fake.matters[0]["number"])
    assert matter.identifiers == ("HX-77120", "CLM-2025-004417", "3:25-cv-00917")
    assert matter.contacts == ("Dana Reyes", "claims@harborins.com")
    assert matter.practice_area == "Insurance Defense"
    assert matter.responsible_attorney == "Priya Nair"
    plain = _matter(db, fake.matters[1]["number"])  # a custom field without a value pulls as nothing
    assert plain.identifiers == () and plain.contacts == () and plain.practice_area == ""


def test_a_pull_keeps_what_the_firms_matter_list_says(pulled: tuple[FakeClio, Database, SyncService]) -> None:
    """An identifier or contact the firm listed for the matter (matters.csv) stays after a pull adds Clio's."""
    fake, db, service = pulled
    number = fake.matters[0]["number"]
    listed = Matter(
        number, Client(fake.client_name(fake.matters[0]["client_id"])), identifiers=("HHD-CV24-6001234-S",)
    )
    MatterRepository(db).upsert_many([listed], datetime(2026, 1, 1, tzinfo=UTC))
    service.pull()
    service.pull()  # twice: nothing is listed twice
    matter = _matter(db, number)
    assert matter.identifiers == ("HHD-CV24-6001234-S", "HX-77120", "CLM-2025-004417", "3:25-cv-00917")
    assert matter.practice_area == "Insurance Defense"


def test_a_pulled_claim_number_attributes_a_file_named_in_another_spelling(
    pulled: tuple[FakeClio, Database, SyncService],
) -> None:
    """The claim number Clio holds finds the matter in a file name that spells it without punctuation: no
    matters.csv needed."""
    fake, db, service = pulled
    service.pull()
    start = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    title = "CLM2025004417 adjuster notes.pdf - Adobe Acrobat Reader"
    events: list[Any] = [
        Event(Source.WINDOW, start, start + timedelta(minutes=20), WindowPayload("Acrobat.exe", title)),
    ]
    drafts = build_drafts(events, MatterRepository(db).all(), date(2026, 3, 2), UTC, SessionizePolicy())
    worked = {e.matter: e.worked_seconds for e in drafts}
    assert worked.get(fake.matters[0]["number"], 0) >= 19 * 60
