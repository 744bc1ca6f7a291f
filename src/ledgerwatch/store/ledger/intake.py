"""Approved entries as the ledger receives them from agents: each under its timekeeper, found by reference.

An entry lives in the store's `entries` table (approved, so billing sees it) with its timekeeper in
`bill_entry_timekeeper`; `ledger_intake` says which device sent it and its reference. Nothing but what the
attorney approved arrives here: no spans, evidence or raw activity.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, RowMapping, delete, literal, select, update

from ledgerwatch.domain import EntryKind, EntryStatus
from ledgerwatch.domain.billing import OPEN_STATES, InvoiceState
from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.ledger.schema import ledger_intake
from ledgerwatch.store.schema import bill_claims, bill_entry_timekeeper, bill_invoices, entries

_ISSUED = [s.value for s in (*OPEN_STATES, InvoiceState.NO_CHARGE)]


@dataclass(frozen=True, slots=True)
class Received:
    """An approved entry as an agent sends it."""

    timekeeper: str
    day: date
    hours: Decimal
    note: str
    reference: str
    matter: str
    billable: bool = True
    activity_code: str | None = None
    task_code: str | None = None


@dataclass(frozen=True, slots=True)
class LedgerEntry:
    id: str
    etag: str
    day: date
    hours: Decimal
    note: str
    reference: str
    matter: str
    timekeeper: str
    billable: bool
    invoice_id: int | None
    """the live invoice (draft or issued) that holds it: the entry can no longer change"""
    billed: bool
    """on an issued invoice"""


_COLUMNS = (
    entries.c.id,
    entries.c.version,
    entries.c.day,
    entries.c.billed_hours,
    entries.c.description,
    entries.c.matter,
    entries.c.kind,
    ledger_intake.c.reference,
    ledger_intake.c.timekeeper_id,
    bill_claims.c.invoice_id,
    bill_invoices.c.state,
)


def _entry(r: RowMapping) -> LedgerEntry:
    return LedgerEntry(
        id=r["id"],
        etag=str(r["version"]),
        day=r["day"],
        hours=Decimal(r["billed_hours"]).normalize(),
        note=r["description"],
        reference=r["reference"],
        matter=r["matter"] or "",
        timekeeper=r["timekeeper_id"],
        billable=r["kind"] == EntryKind.BILLABLE.value,
        invoice_id=r["invoice_id"],
        billed=r["state"] in _ISSUED,
    )


class IntakeTables:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def _select(self):  # type: ignore[no-untyped-def]
        claimed = bill_claims.c.item == literal("entry:").concat(entries.c.id)
        return (
            select(*_COLUMNS)
            .join(ledger_intake, ledger_intake.c.entry_id == entries.c.id)
            .outerjoin(bill_claims, claimed)
            .outerjoin(bill_invoices, bill_invoices.c.id == bill_claims.c.invoice_id)
        )

    def get(self, entry_id: str) -> LedgerEntry | None:
        r = self._conn.execute(self._select().where(entries.c.id == entry_id)).mappings().first()
        return _entry(r) if r else None

    def find(self, timekeeper: str, matter: str, first: date, last: date) -> list[LedgerEntry]:
        stmt = self._select().where(
            ledger_intake.c.timekeeper_id == timekeeper,
            entries.c.matter == matter,
            entries.c.day.between(first, last),
        )
        return [_entry(r) for r in self._conn.execute(stmt.order_by(entries.c.id)).mappings()]

    def by_timekeeper(self, timekeeper: str) -> list[LedgerEntry]:
        stmt = (
            self._select()
            .where(ledger_intake.c.timekeeper_id == timekeeper)
            .order_by(entries.c.day, entries.c.id)
        )
        return [_entry(r) for r in self._conn.execute(stmt).mappings()]

    def billed(self, timekeeper: str) -> list[str]:
        """The timekeeper's entries on issued invoices (their agents lock them)."""
        stmt = (
            select(entries.c.id)
            .join(ledger_intake, ledger_intake.c.entry_id == entries.c.id)
            .join(bill_claims, bill_claims.c.item == literal("entry:").concat(entries.c.id))
            .join(bill_invoices, bill_invoices.c.id == bill_claims.c.invoice_id)
            .where(ledger_intake.c.timekeeper_id == timekeeper, bill_invoices.c.state.in_(_ISSUED))
        )
        return [str(i) for i in self._conn.execute(stmt).scalars()]

    def create(self, received: Received, device_id: int, now: datetime) -> str:
        """Store a received entry as approved work of its timekeeper; its new id."""
        entry_id = secrets.token_hex(8)
        ms = to_ms(now)
        self._conn.execute(
            entries.insert().values(id=entry_id, version=1, approved_ms=ms, **_values(received))
        )
        self._conn.execute(
            bill_entry_timekeeper.insert().values(entry_id=entry_id, timekeeper_id=received.timekeeper)
        )
        self._conn.execute(
            ledger_intake.insert().values(
                entry_id=entry_id,
                timekeeper_id=received.timekeeper,
                device_id=device_id,
                reference=received.reference,
                received_ms=ms,
                updated_ms=ms,
            )
        )
        return entry_id

    def update(self, entry_id: str, received: Received, now: datetime) -> None:
        self._conn.execute(
            update(entries)
            .where(entries.c.id == entry_id)
            .values(version=entries.c.version + 1, **_values(received))
        )
        self._conn.execute(
            update(ledger_intake)
            .where(ledger_intake.c.entry_id == entry_id)
            .values(reference=received.reference, updated_ms=to_ms(now))
        )

    def delete(self, entry_id: str) -> None:
        self._conn.execute(delete(ledger_intake).where(ledger_intake.c.entry_id == entry_id))
        self._conn.execute(delete(bill_entry_timekeeper).where(bill_entry_timekeeper.c.entry_id == entry_id))
        self._conn.execute(delete(entries).where(entries.c.id == entry_id))


def _values(received: Received) -> dict[str, object]:
    return {
        "day": received.day,
        "matter": received.matter,
        "kind": (EntryKind.BILLABLE if received.billable else EntryKind.NONBILLABLE).value,
        "worked_seconds": int(received.hours * 3600),
        "billed_hours": received.hours,
        "activity_code": received.activity_code,
        "task_code": received.task_code,
        "description": received.note,
        "status": EntryStatus.APPROVED.value,
    }
