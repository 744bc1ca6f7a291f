"""Approved entries arriving from attorneys' agents: each filed under the timekeeper its device belongs to.

The device's token says who sent it; an entry naming another timekeeper is refused, so no one's time is ever
billed as someone else's. An entry on a live pre-bill or invoice can no longer change from the agent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from ledgerwatch.domain.clock import Clock
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.firm.accounts import Accounts
from ledgerwatch.store.db import Database
from ledgerwatch.store.ledger import LedgerEntry, LedgerStore, Received
from ledgerwatch.store.matters import MatterRepository

MAX_HOURS = Decimal(24)


class IntakeError(LedgerwatchError):
    """A request the ledger refuses; status is the HTTP status the API answers with."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True, slots=True)
class Agent:
    """A signed-in device: whose time it sends."""

    device_id: int
    user_id: int
    timekeeper: str
    name: str


def as_json(entry: LedgerEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "etag": entry.etag,
        "day": entry.day.isoformat(),
        "hours": str(entry.hours),
        "note": entry.note,
        "reference": entry.reference,
        "matter": entry.matter,
        "user": entry.timekeeper,
        "billable": entry.billable,
        "billed": entry.billed,
    }


class Intake:
    def __init__(self, db: Database, store: LedgerStore, accounts: Accounts, clock: Clock) -> None:
        self.db = db
        self.store = store
        self.accounts = accounts
        self.clock = clock

    def agent(self, token: str) -> Agent:
        found = self.accounts.device(token) if token else None
        if found is None:
            raise IntakeError(401, "unknown or revoked device token")
        device, user = found
        assert user.timekeeper_id is not None
        with self.store.write() as tx:
            tx.people.seen(device.id, self.clock())
        return Agent(device.id, user.id, user.timekeeper_id, user.name)

    def matters(self) -> list[dict[str, Any]]:
        return [
            {
                "number": m.number,
                "description": m.description,
                "client": m.client.name,
                "status": m.status.value,
                "billing_method": m.billing_method.value,
                "rate": str(m.rate.amount) if m.rate else None,
                "currency": m.rate.currency if m.rate else "USD",
                # what attribution on each laptop needs from the firm's matter list (never any activity)
                "keywords": list(m.keywords),
                "aliases": list(m.aliases),
                "identifiers": list(m.identifiers),
                "contacts": list(m.contacts),
                "practice_area": m.practice_area,
                "responsible_attorney": m.responsible_attorney,
                "client_aliases": list(m.client.aliases),
                "client_domains": list(m.client.email_domains),
            }
            for m in MatterRepository(self.db).all()
        ]

    def _received(self, agent: Agent, body: Any) -> Received:
        if not isinstance(body, dict):
            raise IntakeError(422, "expected a JSON object")
        user = str(body.get("user") or agent.timekeeper)
        if user != agent.timekeeper:
            raise IntakeError(403, f"this device sends {agent.timekeeper}'s time, not {user}'s")
        try:
            day = date.fromisoformat(str(body["day"]))
            hours = Decimal(str(body["hours"]))
        except (KeyError, ValueError, InvalidOperation) as exc:
            raise IntakeError(422, f"day (YYYY-MM-DD) and hours are required: {exc}") from None
        if not hours.is_finite() or not Decimal(0) < hours <= MAX_HOURS:
            raise IntakeError(422, f"hours must be above 0 and at most {MAX_HOURS}, not {hours}")
        matter = str(body.get("matter") or "")
        known = {m.number: m for m in MatterRepository(self.db).all()}
        if matter not in known:
            raise IntakeError(422, f"matter {matter!r} is not on the firm ledger")
        reference = str(body.get("reference") or "")
        if not reference or len(reference) > 40:
            raise IntakeError(422, "an entry needs its reference (LW-xxxxxxxx)")
        return Received(
            timekeeper=agent.timekeeper,
            day=day,
            hours=hours,
            note=str(body.get("note") or "")[:4000],
            reference=reference,
            matter=matter,
            billable=bool(body.get("billable", True)),
            activity_code=(str(body["activity_code"])[:10] if body.get("activity_code") else None),
            task_code=(str(body["task_code"])[:10] if body.get("task_code") else None),
        )

    def _mine(self, agent: Agent, entry_id: str) -> LedgerEntry:
        with self.store.read() as tx:
            found = tx.intake.get(entry_id)
        if found is None or found.timekeeper != agent.timekeeper:
            raise IntakeError(404, f"no entry {entry_id}")
        return found

    def create(self, agent: Agent, body: Any) -> LedgerEntry:
        received = self._received(agent, body)
        with self.store.write() as tx:
            entry_id = tx.intake.create(received, agent.device_id, self.clock())
            found = tx.intake.get(entry_id)
        assert found is not None
        return found

    def get(self, agent: Agent, entry_id: str) -> LedgerEntry:
        return self._mine(agent, entry_id)

    def update(self, agent: Agent, entry_id: str, body: Any, if_match: str | None) -> LedgerEntry:
        received = self._received(agent, body)
        with self.store.write() as tx:
            current = tx.intake.get(entry_id)
            if current is None or current.timekeeper != agent.timekeeper:
                raise IntakeError(404, f"no entry {entry_id}")
            if if_match and if_match != current.etag:
                raise IntakeError(412, "the entry changed on the ledger since it was last synced")
            if current.invoice_id is not None:
                raise IntakeError(
                    409, f"entry {entry_id} is on pre-bill or invoice #{current.invoice_id}; ask billing"
                )
            tx.intake.update(entry_id, received, self.clock())
            found = tx.intake.get(entry_id)
        assert found is not None
        return found

    def delete(self, agent: Agent, entry_id: str) -> None:
        with self.store.write() as tx:
            current = tx.intake.get(entry_id)
            if current is None or current.timekeeper != agent.timekeeper:
                raise IntakeError(404, f"no entry {entry_id}")
            if current.invoice_id is not None:
                raise IntakeError(
                    409, f"entry {entry_id} is on pre-bill or invoice #{current.invoice_id}; ask billing"
                )
            tx.intake.delete(entry_id)

    def find(self, agent: Agent, day: str, matter: str, user: str) -> list[LedgerEntry]:
        if user and user != agent.timekeeper:
            raise IntakeError(403, f"this device sends {agent.timekeeper}'s time, not {user}'s")
        try:
            middle = date.fromisoformat(day)
        except ValueError:
            raise IntakeError(422, f"not a day: {day!r}") from None
        with self.store.read() as tx:
            return tx.intake.find(
                agent.timekeeper, matter, middle - timedelta(days=1), middle + timedelta(days=1)
            )

    def billed(self, agent: Agent) -> list[str]:
        with self.store.read() as tx:
            return tx.intake.billed(agent.timekeeper)

    def give_up(self, agent: Agent) -> None:
        """The device revokes its own token (on `ledgerwatch disconnect firm`)."""
        self.accounts.revoke_device(agent.device_id)
