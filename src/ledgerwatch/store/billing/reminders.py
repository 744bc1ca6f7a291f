"""The reminder record: one row per (invoice, rung), written before the e-mail goes out (never twice)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Select, and_, delete, select, update
from sqlalchemy.exc import IntegrityError

from ledgerwatch.domain.billing import ReminderState
from ledgerwatch.store.codec import from_ms, to_ms
from ledgerwatch.store.schema import bill_reminders


@dataclass(frozen=True, slots=True)
class ReminderRecord:
    invoice_id: int
    rung: str
    state: ReminderState
    at: datetime
    detail: str


class ReminderTables:
    """Reminder records read and written inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def recorded(self) -> dict[int, set[str]]:
        """Invoice -> the rungs recorded for it, in any state."""
        out: dict[int, set[str]] = {}
        for invoice_id, rung in self._conn.execute(
            select(bill_reminders.c.invoice_id, bill_reminders.c.rung)
        ):
            out.setdefault(invoice_id, set()).add(rung)
        return out

    def claim(self, invoice_id: int, rung: str, state: ReminderState, now: datetime) -> bool:
        """Record (invoice, rung) once; False if it is already recorded, by us or by another process."""
        try:
            with self._conn.begin_nested():
                self._conn.execute(
                    bill_reminders.insert().values(
                        invoice_id=invoice_id, rung=rung, state=state.value, at_ms=to_ms(now)
                    )
                )
        except IntegrityError:
            return False
        return True

    def mark(self, invoice_id: int, rung: str, state: ReminderState, now: datetime, detail: str = "") -> None:
        self._conn.execute(
            update(bill_reminders)
            .where(bill_reminders.c.invoice_id == invoice_id, bill_reminders.c.rung == rung)
            .values(state=state.value, at_ms=to_ms(now), detail=detail)
        )

    def forget(self, invoice_id: int, rung: str) -> None:
        """Drop a record still in 'sending' (the server surely refused): a later run sends that rung again."""
        self._conn.execute(
            delete(bill_reminders).where(
                bill_reminders.c.invoice_id == invoice_id,
                bill_reminders.c.rung == rung,
                bill_reminders.c.state == ReminderState.SENDING.value,
            )
        )

    def stale_sending(self, before: datetime) -> list[ReminderRecord]:
        """Mark 'sending' records older than before as 'unknown' (a crash mid-send); the records as they were."""
        cond = and_(
            bill_reminders.c.state == ReminderState.SENDING.value, bill_reminders.c.at_ms < to_ms(before)
        )
        found = self._records(select(bill_reminders).where(cond))
        if found:
            self._conn.execute(
                update(bill_reminders)
                .where(cond)
                .values(
                    state=ReminderState.UNKNOWN.value,
                    detail="crashed while sending: check the mail log before resending",
                )
            )
        return found

    def log(self, invoice_id: int | None = None) -> list[ReminderRecord]:
        """Every record (or one invoice's), by invoice and time."""
        stmt = select(bill_reminders).order_by(bill_reminders.c.invoice_id, bill_reminders.c.at_ms)
        if invoice_id is not None:
            stmt = stmt.where(bill_reminders.c.invoice_id == invoice_id)
        return self._records(stmt)

    def _records(self, stmt: Select[Any]) -> list[ReminderRecord]:
        return [
            ReminderRecord(
                r["invoice_id"], r["rung"], ReminderState(r["state"]), from_ms(r["at_ms"]), r["detail"]
            )
            for r in self._conn.execute(stmt).mappings()
        ]
