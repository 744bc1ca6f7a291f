"""Small test doubles for sync: a clock whose sleep advances it, a token store in memory, entry builders."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from ledgerwatch.domain import EntryStatus, TimeEntry
from ledgerwatch.store import outbox
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import entries
from ledgerwatch.sync.connector import TokenSet


class FakeClock:
    """Time that moves only when someone sleeps (so back-offs and rate-limit waits are instant)."""

    def __init__(self, start: datetime = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def time(self) -> float:
        return self.now.timestamp()

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=max(0.0, seconds))


class MemoryTokenStore:
    def __init__(self) -> None:
        self.saved: dict[str, TokenSet] = {}

    def load(self, provider: str) -> TokenSet | None:
        return self.saved.get(provider)

    def save(self, provider: str, tokens: TokenSet) -> None:
        self.saved[provider] = tokens

    def delete(self, provider: str) -> None:
        self.saved.pop(provider, None)


def approved_entry(n: int, matter: str, day: date = date(2024, 5, 6), hours: str = "0.3") -> TimeEntry:
    return TimeEntry(
        id=f"e{n:05d}",
        date=day,
        spans=(),
        worked_seconds=int(Decimal(hours) * 3600) - 30,
        billed_hours=Decimal(hours),
        matter=matter,
        description=f"Draft and revise motion {n}",
        status=EntryStatus.APPROVED,
        approved_at=datetime(2024, 5, 6, 18, 0, tzinfo=UTC),
    )


def approve_all(db: Database, batch: list[TimeEntry], now: datetime) -> None:
    """Store approved entries and their outbox rows in one transaction, as the approval code does."""
    with db.begin() as conn:
        for entry in batch:
            conn.execute(
                entries.insert().values(
                    id=entry.id,
                    day=entry.date,
                    matter=entry.matter,
                    kind=entry.kind.value,
                    worked_seconds=entry.worked_seconds,
                    billed_hours=entry.billed_hours,
                    description=entry.description,
                    status=entry.status.value,
                    version=entry.version,
                )
            )
            outbox.enqueue(conn, entry, "create", now)
