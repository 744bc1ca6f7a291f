"""Billable work: matters with approved time or expenses no live invoice has claimed yet, and that work itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, RowMapping, Select, literal, select

from ledgerwatch.domain import EntryKind, EntryStatus, Money
from ledgerwatch.domain.billing import ExpenseItem
from ledgerwatch.store.schema import (
    bill_claims,
    bill_entry_timekeeper,
    bill_expenses,
    clients,
    entries,
    matters,
)

BILLABLE_STATES = (EntryStatus.APPROVED.value, EntryStatus.SYNCED.value)
"""entries the attorney approved (and perhaps already synced): the only time billing ever sees"""


@dataclass(frozen=True, slots=True)
class BillableMatter:
    """A matter as billing sees it: its client and its own hourly rate (from matters.csv or the provider)."""

    number: str
    client_id: int
    client: str
    currency: str
    rate: Money | None
    description: str
    status: str = "open"
    """open, pending or closed"""


@dataclass(frozen=True, slots=True)
class UnbilledEntry:
    """An approved, billable time entry with the timekeeper assigned to it (None: nobody was)."""

    id: str
    day: date
    matter: str
    billed_hours: Decimal
    description: str
    task_code: str | None
    activity_code: str | None
    timekeeper: str | None


_ENTRY_COLUMNS = (
    entries.c.id,
    entries.c.day,
    entries.c.matter,
    entries.c.billed_hours,
    entries.c.description,
    entries.c.task_code,
    entries.c.activity_code,
    bill_entry_timekeeper.c.timekeeper_id,
)
_MATTER_COLUMNS = (
    matters.c.number,
    matters.c.rate,
    matters.c.currency,
    matters.c.description,
    matters.c.status,
    clients.c.id.label("client_id"),
    clients.c.name.label("client"),
)


def _matter(r: RowMapping) -> BillableMatter:
    currency = r["currency"]
    return BillableMatter(
        number=r["number"],
        client_id=int(r["client_id"]),
        client=r["client"],
        currency=currency,
        rate=Money(Decimal(r["rate"]), currency) if r["rate"] is not None else None,
        description=r["description"],
        status=r["status"],
    )


def _entry(r: RowMapping) -> UnbilledEntry:
    return UnbilledEntry(
        id=r["id"],
        day=r["day"],
        matter=r["matter"],
        billed_hours=Decimal(r["billed_hours"]),
        description=r["description"],
        task_code=r["task_code"],
        activity_code=r["activity_code"],
        timekeeper=r["timekeeper_id"],
    )


def _expense(r: RowMapping, currency: str) -> ExpenseItem:
    return ExpenseItem(
        expense_id=r["id"],
        day=r["day"],
        matter=r["matter"],
        quantity=Decimal(r["quantity"]),
        unit_cost=Money(Decimal(r["unit_cost"]), currency),
        code=r["code"],
        description=r["description"],
        timekeeper=r["timekeeper_id"],
    )


class WorkTables:
    """Reads of unbilled work inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def billable_matters(self, through: date, client: int | None = None) -> list[BillableMatter]:
        """Matters with approved, unclaimed billable time (or expenses) up to through, by client and number."""
        claimed = literal("entry:").concat(entries.c.id)
        work = (
            select(entries.c.matter)
            .outerjoin(bill_claims, bill_claims.c.item == claimed)
            .where(
                entries.c.status.in_(BILLABLE_STATES),
                entries.c.kind == EntryKind.BILLABLE.value,
                entries.c.day <= through,
                bill_claims.c.item.is_(None),
                entries.c.matter.is_not(None),
            )
        )
        spent = (
            select(bill_expenses.c.matter)
            .outerjoin(bill_claims, bill_claims.c.item == literal("expense:").concat(bill_expenses.c.id))
            .where(bill_expenses.c.day <= through, bill_claims.c.item.is_(None))
        )
        conn = self._conn
        names = {r[0] for r in conn.execute(work.distinct())} | {r[0] for r in conn.execute(spent.distinct())}
        if not names:
            return []
        stmt = (
            select(*_MATTER_COLUMNS)
            .join(clients, clients.c.id == matters.c.client_id)
            .where(matters.c.number.in_(sorted(names)))
            .order_by(clients.c.name, matters.c.number)
        )
        if client is not None:
            stmt = stmt.where(clients.c.id == client)
        return [_matter(r) for r in conn.execute(stmt).mappings()]

    def matter(self, number: str) -> BillableMatter | None:
        stmt = (
            select(*_MATTER_COLUMNS)
            .join(clients, clients.c.id == matters.c.client_id)
            .where(matters.c.number == number)
        )
        found = self._conn.execute(stmt).mappings().first()
        return _matter(found) if found else None

    def _entries(self, stmt: Select[Any]) -> list[UnbilledEntry]:
        return [_entry(r) for r in self._conn.execute(stmt).mappings()]

    def unbilled(self, matter: str, through: date) -> list[UnbilledEntry]:
        """The matter's approved billable entries up to through that no live invoice claims."""
        claimed = literal("entry:").concat(entries.c.id)
        return self._entries(
            select(*_ENTRY_COLUMNS)
            .outerjoin(bill_claims, bill_claims.c.item == claimed)
            .outerjoin(bill_entry_timekeeper, bill_entry_timekeeper.c.entry_id == entries.c.id)
            .where(
                entries.c.matter == matter,
                entries.c.status.in_(BILLABLE_STATES),
                entries.c.kind == EntryKind.BILLABLE.value,
                entries.c.day <= through,
                bill_claims.c.item.is_(None),
            )
            .order_by(entries.c.day, entries.c.id)
        )

    def entries(self, ids: Sequence[str]) -> list[UnbilledEntry]:
        """Entries by id (a draft's own work), if they are still approved and billable."""
        return self._entries(
            select(*_ENTRY_COLUMNS)
            .outerjoin(bill_entry_timekeeper, bill_entry_timekeeper.c.entry_id == entries.c.id)
            .where(
                entries.c.id.in_(list(ids)),
                entries.c.status.in_(BILLABLE_STATES),
                entries.c.kind == EntryKind.BILLABLE.value,
            )
            .order_by(entries.c.day, entries.c.id)
        )

    def unbilled_expenses(self, matter: str, through: date, currency: str) -> list[ExpenseItem]:
        """The matter's expenses up to through that no live invoice claims, priced in currency."""
        stmt = (
            select(bill_expenses)
            .outerjoin(bill_claims, bill_claims.c.item == literal("expense:").concat(bill_expenses.c.id))
            .where(
                bill_expenses.c.matter == matter, bill_expenses.c.day <= through, bill_claims.c.item.is_(None)
            )
            .order_by(bill_expenses.c.day, bill_expenses.c.id)
        )
        return [_expense(r, currency) for r in self._conn.execute(stmt).mappings()]

    def expenses(self, ids: Sequence[str], currency: str) -> list[ExpenseItem]:
        """Expenses by id (a draft's own), priced in currency."""
        stmt = select(bill_expenses).where(bill_expenses.c.id.in_(list(ids))).order_by(bill_expenses.c.id)
        return [_expense(r, currency) for r in self._conn.execute(stmt).mappings()]

    def unbilled_by_matter(self, numbers: Sequence[str], through: date) -> dict[str, list[UnbilledEntry]]:
        """unbilled() for many matters in one query (a month's pre-bills for the whole firm)."""
        claimed = literal("entry:").concat(entries.c.id)
        out: dict[str, list[UnbilledEntry]] = {n: [] for n in numbers}
        stmt = (
            select(*_ENTRY_COLUMNS)
            .outerjoin(bill_claims, bill_claims.c.item == claimed)
            .outerjoin(bill_entry_timekeeper, bill_entry_timekeeper.c.entry_id == entries.c.id)
            .where(
                entries.c.matter.in_(list(numbers)),
                entries.c.status.in_(BILLABLE_STATES),
                entries.c.kind == EntryKind.BILLABLE.value,
                entries.c.day <= through,
                bill_claims.c.item.is_(None),
            )
            .order_by(entries.c.matter, entries.c.day, entries.c.id)
        )
        for e in self._entries(stmt):
            out[e.matter].append(e)
        return out

    def unbilled_expenses_by_matter(
        self, currencies: dict[str, str], through: date
    ) -> dict[str, list[ExpenseItem]]:
        """unbilled_expenses() for many matters (number -> its currency) in one query."""
        out: dict[str, list[ExpenseItem]] = {n: [] for n in currencies}
        stmt = (
            select(bill_expenses)
            .outerjoin(bill_claims, bill_claims.c.item == literal("expense:").concat(bill_expenses.c.id))
            .where(
                bill_expenses.c.matter.in_(list(currencies)),
                bill_expenses.c.day <= through,
                bill_claims.c.item.is_(None),
            )
            .order_by(bill_expenses.c.day, bill_expenses.c.id)
        )
        for r in self._conn.execute(stmt).mappings():
            out[r["matter"]].append(_expense(r, currencies[r["matter"]]))
        return out
