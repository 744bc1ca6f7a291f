"""The composition root: builds the services from settings and wires them together."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from ledgerwatch import config
from ledgerwatch.domain import Event, Matter
from ledgerwatch.importers import read_activitywatch, read_ics, read_matters
from ledgerwatch.sessionize.summary import SummaryRow, day_bounds, summarize
from ledgerwatch.store import Database, EventLog, open_database
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.matters import MatterRepository

Clock = Callable[[], datetime]
Progress = Callable[[int, int], None]


def utcnow() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: Path
    read: int
    new: int
    skipped: dict[str, int] = field(default_factory=dict)


@dataclass
class Services:
    """Everything the CLI, review app, tray and jobs call into."""

    effective: config.Effective
    db: Database
    clock: Clock = utcnow

    def __post_init__(self) -> None:
        self.events = EventLog(self.db)
        self.matters = MatterRepository(self.db)
        self.entries = EntryRepository(self.db, self.clock)

    @property
    def settings(self) -> config.Settings:
        return self.effective.settings

    def close(self) -> None:
        self.db.dispose()

    # --- imports: each file is one transaction, all or nothing ---

    def import_activitywatch(self, path: Path, progress: Progress | None = None) -> ImportReport:
        batch = read_activitywatch(path, progress)
        new = self.events.add_many(batch.events)
        return ImportReport(path, len(batch.events), new, dict(batch.skipped))

    def import_ics(self, path: Path) -> ImportReport:
        batch = read_ics(path, self.settings.zone())
        new = self.events.add_many(batch.events)
        return ImportReport(path, len(batch.events), new, dict(batch.skipped))

    def import_matters(self, path: Path) -> int:
        return self.matters.upsert_many(read_matters(path), self.clock())

    def all_matters(self) -> list[Matter]:
        return self.matters.all()

    # --- reading the log ---

    def events_for_day(self, day: date, margin: timedelta = timedelta(0)) -> list[Event]:
        start, end = day_bounds(day, self.settings.zone())
        return self.events.between(start - margin, end + margin)

    def summary(self, day: date) -> list[SummaryRow]:
        return summarize(self.events_for_day(day), day, self.settings.zone())


def open_services(
    effective: config.Effective | None = None, clock: Clock = utcnow, *, create: bool = True
) -> Services:
    """Open the configured store (creating the local folders when create) and build the services."""
    effective = effective or config.load()
    if create and not effective.settings.database_url:
        effective.paths.data_dir.mkdir(parents=True, exist_ok=True)
    return Services(effective, open_database(effective.database_target), clock)
