"""Billing for a solo attorney out of the box, finalisation never past errors, and payments fed by sync."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ledgerwatch.billing import BillingService, BillingSettings
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.domain import Client, Matter, Money
from ledgerwatch.domain.billing import Classification, Rate, RateScope, Timekeeper
from ledgerwatch.store import Database
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.matters import MatterRepository
from tests.billing_support import DATABASES, SETTINGS, Clock, Firm, billing_database

D = Decimal
FEB = date(2026, 2, 28)
SOLO = dataclasses.replace(
    SETTINGS,
    default_timekeeper=None,
    attorney=Timekeeper("ATTY", "Doe, Jane", "JD", Classification.PARTNER, default_rate=Money(D(320))),
    firm_rate=Money(D(250)),
)


def usd(value: str) -> Money:
    return Money(D(value))


@pytest.fixture(params=DATABASES)
def bare(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Firm]:
    """A store with matters and approved time but no timekeepers and no rates: a new solo practice."""
    with billing_database(request.param, tmp_path) as db:
        clock = Clock(datetime(2026, 3, 2, 9, tzinfo=UTC))
        MatterRepository(db).upsert_many(
            [
                Matter("1001-Smith", Client("Smith, Jordan"), "Smith v. Acme"),
                Matter("1002-North", Client("Northwind Traders Inc."), "License review", rate=usd("410")),
            ],
            clock(),
        )
        firm = Firm(db, clock, EntryRepository(db, clock))
        firm.entry("s1", date(2026, 2, 2), "1.5", "1001-Smith")
        firm.entry(
            "n1", date(2026, 2, 3), "2.0", "1002-North", "Review license grant and field-of-use limits"
        )
        yield firm


def service(db: Database, clock: Clock, settings: BillingSettings = SOLO) -> BillingService:
    return BillingService(db, settings, clock)


def test_errors_always_block_finalisation(bare: Firm) -> None:
    """A pre-bill with no timekeeper and no rate is refused even when warnings are accepted; no number is used."""
    nothing = dataclasses.replace(SETTINGS, default_timekeeper=None)
    svc = service(bare.db, bare.clock, nothing)
    draft = svc.draft("1001-Smith", FEB)
    assert draft.invoice_id is not None and draft.invoice is not None
    assert draft.invoice.total == usd("0")
    outcome = svc.finalize(draft.invoice_id, accept_warnings=True)
    assert outcome.number is None
    assert {p.code for p in outcome.problems} >= {"no_timekeeper", "no_rate"}
    assert svc.get(draft.invoice_id).number is None
    # Once the attorney and a rate are configured, the refreshed pre-bill takes the first number.
    fixed = service(bare.db, bare.clock)
    assert fixed.refresh(draft.invoice_id).total == usd("480.00")
    assert fixed.finalize(draft.invoice_id).number == "INV-000001"


def test_solo_attorney_bills_from_settings_alone(bare: Firm) -> None:
    """With no stored timekeeper or rate, the configured attorney does the work at the configured rate, the
    matter's own rate (matters.csv / provider) wins over it, and the attorney is seeded for LEDES and PDF."""
    svc = service(bare.db, bare.clock)
    drafts = {d.matter: d for d in svc.draft_all(through=FEB)}
    smith, north = drafts["1001-Smith"], drafts["1002-North"]
    assert smith.problems == () and north.problems == ()
    assert smith.invoice is not None and north.invoice is not None
    assert smith.invoice.total == usd("480.00")  # 1.5 h x attorney 320
    assert north.invoice.total == usd("820.00")  # 2.0 h x the matter's 410
    assert {ln.timekeeper for ln in smith.invoice.lines} == {"ATTY"}
    stored = svc.timekeepers()["ATTY"]
    assert (stored.name, stored.classification) == ("Doe, Jane", Classification.PARTNER)
    assert smith.invoice_id is not None
    number = svc.finalize(smith.invoice_id).number
    assert number is not None
    ledes = svc.export(smith.invoice_id, "ledes").decode()
    assert "|ATTY|" in ledes and "|Doe, Jane|PT|" in ledes


def test_stored_rates_outrank_settings_and_the_matter_rate(bare: Firm) -> None:
    """A billing matter rate replaces the imported matter rate; stored firm and timekeeper rates replace the
    settings' ones; the firm rate from settings applies when nothing else does."""
    no_tk_rate = dataclasses.replace(
        SOLO,
        attorney=dataclasses.replace(SOLO.attorney, default_rate=None),  # type: ignore[type-var]
    )
    svc = service(bare.db, bare.clock, no_tk_rate)
    drafts = {d.matter: d.invoice for d in svc.draft_all(through=FEB)}
    assert drafts["1001-Smith"] is not None and drafts["1001-Smith"].total == usd("375.00")  # firm 250
    assert svc.draft_all(through=FEB) == []  # the work sits on these pre-bills
    svc.add_rate(Rate(RateScope.MATTER, "1002-North", usd("500"), date(2026, 1, 1)))
    svc.add_rate(Rate(RateScope.FIRM, "", usd("200"), date.min))
    ids = {inv.matter: inv.id for inv in drafts.values() if inv is not None}
    assert svc.refresh(ids["1002-North"]).total == usd("1000.00")
    assert svc.refresh(ids["1001-Smith"]).total == usd("300.00")


def _billed(bare: Firm) -> tuple[BillingService, str]:
    svc = service(bare.db, bare.clock)
    draft = svc.draft("1001-Smith", FEB)
    assert draft.invoice_id is not None
    number = svc.finalize(draft.invoice_id).number
    assert number is not None
    return svc, number


def test_pulled_payments_are_recorded_once_and_never_crash_the_batch(bare: Firm) -> None:
    """A provider payment is recorded once however often it is pulled; the provider's own bill number falls
    back to oldest-first; an unknown client is reported and the rest still recorded."""
    svc, number = _billed(bare)
    pulled = [
        PaymentRecord("Smith, Jordan", usd("100.00"), date(2026, 3, 3), "clio", "allocation-7", "B-17"),
        PaymentRecord("Nobody Ltd", usd("5.00"), date(2026, 3, 3), "clio", "allocation-8"),
        PaymentRecord("Smith, Jordan", usd("30.00"), date(2026, 3, 4), "clio", "allocation-9", number),
    ]
    first = svc.accept_payments(pulled)
    assert [o.allocations for o in first] == [((number, D("100.00")),), (), ((number, D("30.00")),)]
    assert "Nobody Ltd" in first[1].problem and first[1].payment_id is None
    again = svc.accept_payments(pulled)
    assert [o.payment_id for o in again] == [None, None, None]
    assert [bool(o.problem) for o in again] == [False, True, False]
    assert svc.balance(svc.find(number)) == D("350.00")
    with pytest.raises(ValueError, match="external id"):
        svc.accept_payments([PaymentRecord("Smith, Jordan", usd("1"), date(2026, 3, 4))])
