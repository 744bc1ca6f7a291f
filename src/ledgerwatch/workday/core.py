"""What every action of the attorney's day shares: the services, the rounding, the day's undo stack, and
the one way an entry is revised or replaced (audit log, undo, the rounding rule kept after each change)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import Any, Protocol

from ledgerwatch import config
from ledgerwatch.assist.report import Report
from ledgerwatch.domain import (
    EntryStatus,
    IllegalTransition,
    Matter,
    RoundingPolicy,
    RoundingScope,
    Source,
    TimeEntry,
    billed_hours_for_day,
    day_bounds,
    revise,
)
from ledgerwatch.sessionize.memory import Memory
from ledgerwatch.store.entries import EntryNotFound, EntryRepository, Rebuild
from ledgerwatch.store.events import EventLog
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.store.memory import MemoryRepository
from ledgerwatch.workday.amounts import RateFor, no_rates
from ledgerwatch.workday.changes import as_it_was
from ledgerwatch.workday.undo import UndoStack
from ledgerwatch.workday.views import DayView, Outcome, build_day, entry_phrase

ACTOR = "review"
ATTORNEY_WRITES = frozenset({"edit", "write down"})
"""audit actions in which the attorney wrote an entry's narrative or billed hours"""


class WorkdayServices(Protocol):
    """What Workday needs from the composition root (app.Services fits)."""

    entries: EntryRepository
    matters: MatterRepository
    events: EventLog
    effective: config.Effective
    """the settings with the origin of each value and the keys the policy locks"""

    @property
    def settings(self) -> config.Settings: ...

    def clock(self) -> datetime: ...

    def attribution_memory(self) -> Memory: ...

    def build_drafts(self, first: date, last: date) -> list[tuple[date, Rebuild]]: ...

    def assist_report(self) -> Report | None: ...


class WorkdayCore:
    """The services, the rounding and the undo stacks (one per day) every action of the day uses."""

    def __init__(
        self, services: WorkdayServices, memory: MemoryRepository | None = None, rates: RateFor | None = None
    ) -> None:
        self.services = services
        self.entries: EntryRepository = services.entries
        self.memory = memory or MemoryRepository(services.entries.db, services.clock)
        self.rates: RateFor = rates or no_rates
        self._undo: dict[date, UndoStack] = {}

    @property
    def settings(self) -> config.Settings:
        return self.services.settings

    @property
    def zone(self) -> tzinfo:
        return self.settings.zone()

    def now(self) -> datetime:
        return self.services.clock()

    def today(self) -> date:
        return self.now().astimezone(self.zone).date()

    def matters(self) -> list[Matter]:
        return self.services.matters.all()

    def default_policy(self) -> RoundingPolicy:
        return self.settings.sessionize.rounding_policy()

    def policy_for(self, matter: Matter | None) -> RoundingPolicy:
        if matter is not None and matter.rounding is not None:
            return matter.rounding
        return self.default_policy()

    def _policy_of(self, number: str | None) -> RoundingPolicy:
        """The rounding of the matter numbered so (the default for none or an unknown number)."""
        return self.policy_for(self.services.matters.get(number) if number else None)

    def day(self, day: date) -> DayView:
        """The day's entries, away time, totals and amounts (each matter's rate looked up once)."""
        zone = self.zone
        afk = self.services.events.between(*day_bounds(day, zone), sources=[Source.AFK])
        found = self.entries.for_day(day)
        billable = {e.matter for e in found if e.billable and e.status is not EntryStatus.DISCARDED}
        rates = {m: self.rates(m, day) for m in sorted(m for m in billable if m)}
        return build_day(
            day,
            zone,
            found,
            afk,
            self.matters(),
            self.default_policy(),
            self.settings.sessionize.min_confidence,
            rates,
        )

    def phrase(self, entry: TimeEntry) -> str:
        return entry_phrase(entry, self.zone)

    def _get(self, entry_id: str) -> TimeEntry | Outcome:
        try:
            return self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, "that entry no longer exists; reload the page")

    # --- undo, one stack per day ---

    def undo_label(self, day: date) -> str | None:
        """What undo would revert on this day, or None."""
        stack = self._undo.get(day)
        return stack.label if stack else None

    def undo(self, day: date) -> Outcome:
        """Revert the last action taken on this day in this session; the page then selects its entry."""
        outcome = self._undo.setdefault(day, UndoStack()).undo()
        if outcome.ok:
            self._keep_rounding(day)
        return outcome

    def _push(self, day: date, label: str, revert: Any, select: Sequence[str] = ()) -> None:
        self._undo.setdefault(day, UndoStack()).push(label, revert, tuple(select))

    # --- the one way entries change ---

    def _revise(self, before: TimeEntry, changes: Mapping[str, Any], label: str, action: str) -> Outcome:
        try:
            after = self.entries.change(before.id, lambda e: revise(e, **changes), action, ACTOR)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), (before.id,))
        restore = {k: getattr(before, k) for k in changes}

        def revert() -> None:
            self.entries.change(before.id, lambda e: revise(e, **restore), f"undo {action}", ACTOR)

        self._push(before.date, f"{label} {self.phrase(before)}", revert, (before.id,))
        self._keep_rounding(before.date)
        note = f"; approved entry saved as version {after.version}" if after.version > before.version else ""
        return Outcome(True, f"{label} {self.phrase(after)}{note}", (after.id,))

    def _replace(self, removed: Sequence[TimeEntry], added: Sequence[TimeEntry], action: str) -> Outcome:
        try:
            self.entries.replace([e.id for e in removed], added, action, ACTOR)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), tuple(e.id for e in removed))

        def revert() -> None:
            self.entries.replace([e.id for e in added], [], f"undo {action}", ACTOR)
            for e in removed:
                self.entries.change(e.id, as_it_was(e), f"undo {action}", ACTOR)

        day = removed[0].date
        self._push(day, f"{action} of {', '.join(self.phrase(e) for e in removed)}", revert, [removed[0].id])
        self._keep_rounding(day)
        verb = "split into" if action == "split" else "merged into"
        return Outcome(True, f"{verb} {', '.join(self.phrase(e) for e in added)}", tuple(e.id for e in added))

    def attorney_wrote(self, entry_id: str, field: str) -> bool:
        """Whether the entry's current narrative (or billed hours) is the attorney's own writing."""
        owned, previous = False, None
        for record in self.entries.history(entry_id):
            value = record.snapshot.get(field)
            if field == "billed_hours" and value is not None:
                value = Decimal(str(value)).normalize()
            if value != previous:
                owned = record.action in ATTORNEY_WRITES
            previous = value
        return owned

    def _keep_rounding(self, day: date) -> None:
        """Re-share a matter's day among its drafts after a change, where the rule rounds per matter and day."""
        default = self.default_policy()
        rules = {m.number: m.rounding for m in self.matters() if m.rounding is not None}
        if default.scope is RoundingScope.ENTRY and all(
            r.scope is RoundingScope.ENTRY for r in rules.values()
        ):
            return
        live = [e for e in self.entries.for_day(day) if e.status is not EntryStatus.DISCARDED]
        fixed = {
            e.id
            for e in live
            if e.status is not EntryStatus.DRAFT or (e.billable and self.attorney_wrote(e.id, "billed_hours"))
        }
        billed = billed_hours_for_day(live, lambda m: rules.get(m or "", default), fixed)
        for e in live:
            if e.id in billed and billed[e.id] != e.billed_hours:
                self.entries.change(e.id, _billed(billed[e.id]), "round", ACTOR)


def _billed(hours: Decimal) -> Callable[[TimeEntry], TimeEntry]:
    """A step that sets an entry's billed hours (the rounding rule's share)."""
    return lambda entry: revise(entry, billed_hours=hours)
