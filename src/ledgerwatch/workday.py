"""The attorney's day as a service: what the review app and the tray read and the actions they take.

Every change goes through EntryRepository (audit log, outbox in the approval's transaction); user mistakes
come back as an Outcome with a message, never as an exception. Reassignments and approvals teach the
attribution memory so the same document, thread or site goes to the corrected matter next time.
"""

from __future__ import annotations

import contextlib
import dataclasses
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any, Protocol

from ledgerwatch import config
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Evidence,
    IllegalTransition,
    Matter,
    MatterStatus,
    Problem,
    ProblemCode,
    RoundingPolicy,
    Severity,
    Source,
    Span,
    TimeEntry,
    away_spans,
    day_bounds,
    hours_from_seconds,
    split_spans,
    subtract_span,
    subtract_spans,
)
from ledgerwatch.sessionize.memory import Memory, memory_keys
from ledgerwatch.store.entries import EntryNotFound, EntryRepository, Rebuild
from ledgerwatch.store.events import EventLog
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.store.memory import MemoryRepository

ACTOR = "review"
REVIEWED = frozenset({EntryStatus.APPROVED, EntryStatus.SYNCED})
CLEARED_BY_REASSIGN = frozenset(
    {ProblemCode.LOW_CONFIDENCE, ProblemCode.NO_MATTER, ProblemCode.CLOSED_MATTER}
)
"""problem codes a reassignment answers (the attorney has chosen the matter)"""

EDITABLE_SETTINGS = (
    "review.reminder_time",
    "start_at_login",
    "sessionize.min_confidence",
    "sessionize.rounding_increment",
    "sessionize.rounding_direction",
    "sessionize.rounding_minimum",
    "capture.idle_threshold_seconds",
)
"""settings the review page may write to the user file"""

SHADES = {
    EntryKind.BILLABLE: "matter",
    EntryKind.NONBILLABLE: "admin",
    EntryKind.PERSONAL: "personal",
    EntryKind.AI_TOOL: "ai",
    EntryKind.UNASSIGNED: "unassigned",
}


class WorkdayServices(Protocol):
    """What Workday needs from the composition root (app.Services fits)."""

    entries: EntryRepository
    matters: MatterRepository
    events: EventLog

    @property
    def settings(self) -> config.Settings: ...

    def clock(self) -> datetime: ...

    def attribution_memory(self) -> Memory: ...

    def build_drafts(self, first: date, last: date) -> list[tuple[date, Rebuild]]: ...


# --- values handed to the review app ---


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did: ok, a message the attorney can read, and the entries it touched."""

    ok: bool
    message: str
    entry_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of the day's timeline: a draft's span, or an away period."""

    start: datetime
    end: datetime
    shade: str
    """matter | unassigned | admin | personal | ai | away"""
    matter: str | None
    entry_id: str | None
    label: str

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())


@dataclass(frozen=True, slots=True)
class MatterTotal:
    matter: str | None
    label: str
    worked_seconds: int
    billed_hours: Decimal
    entries: int


@dataclass(frozen=True, slots=True)
class DayView:
    day: date
    zone: tzinfo
    entries: tuple[TimeEntry, ...]
    """drafts and reviewed entries of the day, in time order (discarded ones left out)"""
    segments: tuple[Segment, ...]
    window: tuple[datetime, datetime]
    worked_seconds: int
    billed_hours: Decimal
    unassigned_seconds: int
    away_seconds: int
    per_matter: tuple[MatterTotal, ...]
    matters: Mapping[str, Matter]
    discarded: int
    policies: Mapping[str, RoundingPolicy]
    default_policy: RoundingPolicy
    min_confidence: Decimal

    @property
    def pending(self) -> int:
        return sum(1 for e in self.entries if e.status is EntryStatus.DRAFT)

    def policy_for(self, matter: str | None) -> RoundingPolicy:
        return self.policies.get(matter or "", self.default_policy)


@dataclass(frozen=True, slots=True)
class WeekRow:
    matter: str | None
    label: str
    hours: tuple[Decimal, ...]
    """billed hours per day, Monday first (drafts and approved entries)"""

    @property
    def total(self) -> Decimal:
        return sum(self.hours, Decimal(0))


@dataclass(frozen=True, slots=True)
class WeekView:
    days: tuple[date, ...]
    rows: tuple[WeekRow, ...]
    captured: tuple[Decimal, ...]
    """worked hours per day of every draft and approved entry"""
    approved: tuple[Decimal, ...]
    """worked hours per day of approved (or synced) entries"""


@dataclass(frozen=True, slots=True)
class _Undo:
    label: str
    revert: Callable[[], None] = field(compare=False)


# --- pure helpers ---


def rounding_text(policy: RoundingPolicy) -> str:
    """'0.1 h up, minimum 0.1 h' for the page."""
    text = f"{policy.increment} h {policy.direction.value}"
    return text + (f", minimum {policy.minimum} h" if policy.minimum else "")


def new_id() -> str:
    return uuid.uuid4().hex[:16]


# --- the service ---


class Workday:
    """Reads and changes one attorney's days; keeps a per-session undo stack."""

    def __init__(self, services: WorkdayServices, memory: MemoryRepository | None = None) -> None:
        self.services = services
        self.entries: EntryRepository = services.entries
        self.memory = memory or MemoryRepository(services.entries.db, services.clock)
        self._undo: list[_Undo] = []

    # --- settings and reference data ---

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

    def attribution_memory(self) -> Memory:
        """The memory rows as sessionize's Memory (for build_drafts)."""
        memory: Memory = self.services.attribution_memory()
        return memory

    # --- reads ---

    def day(self, day: date) -> DayView:
        zone = self.zone
        bounds = day_bounds(day, zone)
        everything = self.entries.for_day(day)
        shown = sorted(
            (e for e in everything if e.status is not EntryStatus.DISCARDED),
            key=lambda e: (e.spans[0].start if e.spans else bounds[0], e.id),
        )
        matters = {m.number: m for m in self.matters()}
        away = subtract_spans(
            away_spans(self.services.events.between(*bounds, sources=[Source.AFK]), bounds),
            [s for e in shown for s in e.spans],
        )
        segments: list[Segment] = []
        for e in shown:
            label = _entry_label(e, matters)
            for s in e.spans:
                segments.append(Segment(s.start, s.end, SHADES[_effective_kind(e)], e.matter, e.id, label))
        for s in away:
            segments.append(Segment(s.start, s.end, "away", None, None, "away"))
        segments.sort(key=lambda g: (g.start, g.end))
        window = _window(segments, day, zone)
        totals: dict[str | None, list[Any]] = {}
        for e in shown:
            key = e.matter if e.billable else None
            row = totals.setdefault(key, [0, Decimal(0), 0])
            row[0] += e.worked_seconds
            row[1] += e.billed_hours if e.billable else Decimal(0)
            row[2] += 1
        per_matter = tuple(
            MatterTotal(
                k,
                _matter_label(k, matters) if k else "Not billable / unassigned",
                v[0],
                v[1],
                v[2],
            )
            for k, v in sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        )
        policies = {m.number: m.rounding for m in matters.values() if m.rounding is not None}
        return DayView(
            day=day,
            zone=zone,
            entries=tuple(shown),
            segments=tuple(segments),
            window=window,
            worked_seconds=sum(e.worked_seconds for e in shown),
            billed_hours=sum((e.billed_hours for e in shown if e.billable), Decimal(0)),
            unassigned_seconds=sum(
                e.worked_seconds for e in shown if _effective_kind(e) is EntryKind.UNASSIGNED
            ),
            away_seconds=sum(s.seconds for s in away),
            per_matter=per_matter,
            matters=matters,
            discarded=sum(1 for e in everything if e.status is EntryStatus.DISCARDED),
            policies=policies,
            default_policy=self.default_policy(),
            min_confidence=self.settings.sessionize.min_confidence,
        )

    def week(self, day: date) -> WeekView:
        monday = day - timedelta(days=day.weekday())
        days = tuple(monday + timedelta(days=i) for i in range(7))
        found = [e for e in self.entries.between(days[0], days[-1]) if e.status is not EntryStatus.DISCARDED]
        matters = {m.number: m for m in self.matters()}
        per: dict[str | None, list[Decimal]] = {}
        captured = [Decimal(0)] * 7
        approved = [Decimal(0)] * 7
        for e in found:
            i = (e.date - monday).days
            worked = hours_from_seconds(e.worked_seconds)
            captured[i] += worked
            if e.status in REVIEWED:
                approved[i] += worked
            if e.billable:
                per.setdefault(e.matter, [Decimal(0)] * 7)[i] += e.billed_hours
        rows = tuple(
            WeekRow(k, _matter_label(k, matters), tuple(v))
            for k, v in sorted(per.items(), key=lambda kv: kv[0] or "")
        )
        q = Decimal("0.01")
        return WeekView(
            days, rows, tuple(c.quantize(q) for c in captured), tuple(a.quantize(q) for a in approved)
        )

    def unreviewed(self, day: date) -> int:
        return sum(1 for e in self.entries.for_day(day) if e.status is EntryStatus.DRAFT)

    def reminder(self, day: date | None = None) -> str | None:
        """The end-of-day notification text, or None when nothing waits for review."""
        day = day or self.today()
        waiting = self.unreviewed(day)
        if not waiting:
            return None
        return f"{waiting} time {'entry' if waiting == 1 else 'entries'} from {day:%A} waiting for review"

    def history(self, entry_id: str) -> list[Any]:
        return list(self.entries.history(entry_id))

    # --- actions ---

    @property
    def can_undo(self) -> str | None:
        return self._undo[-1].label if self._undo else None

    def undo(self) -> Outcome:
        """Revert the last action of this session."""
        if not self._undo:
            return Outcome(False, "nothing to undo")
        step = self._undo[-1]
        try:
            step.revert()
        except (IllegalTransition, EntryNotFound) as exc:
            return Outcome(False, f"cannot undo {step.label}: {exc}")
        self._undo.pop()
        return Outcome(True, f"undid {step.label}")

    def approve(self, entry_id: str) -> Outcome:
        return self._approve_many([entry_id], f"approve {entry_id}")

    def approve_above(self, day: date, confidence: Decimal | None = None) -> Outcome:
        """Approve every draft of the day at or above confidence that has a matter and no warnings."""
        floor = self.settings.sessionize.min_confidence if confidence is None else confidence
        ids = [
            e.id
            for e in self.entries.for_day(day)
            if e.status is EntryStatus.DRAFT
            and e.confidence >= floor
            and _approvable(e) is None
            and not any(p.severity is not Severity.INFO for p in e.problems)
        ]
        if not ids:
            return Outcome(False, f"no drafts at or above {floor:.0%} confidence without problems")
        return self._approve_many(ids, f"approve {len(ids)} drafts")

    def _approve_many(self, ids: Sequence[str], label: str) -> Outcome:
        done: list[TimeEntry] = []
        for entry_id in ids:
            try:
                before = self.entries.get(entry_id)
            except EntryNotFound:
                return Outcome(False, f"no entry {entry_id}")
            refused = _approvable(before)
            if refused:
                return Outcome(False, refused, (entry_id,))
            try:
                done.append(self._approve_one(before))
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (entry_id,))

        def revert() -> None:
            for e in reversed(done):
                self._unapprove_one(e)

        self._undo.append(_Undo(label, revert))
        n = len(done)
        return Outcome(True, f"approved {n} {'entry' if n == 1 else 'entries'}", tuple(e.id for e in done))

    def _approve_one(self, entry: TimeEntry) -> TimeEntry:
        """Approve, and teach memory the entry's evidence for its matter (undone by _unapprove_one)."""
        approved = self.entries.approve(entry.id, ACTOR)
        if entry.matter:
            self.memory.learn(taught_keys(entry), entry.matter, f"approve {entry.id}")
        return approved

    def _unapprove_one(self, entry: TimeEntry) -> None:
        """Back to draft (refused once sync has tried), and forget what approving taught memory."""
        self.entries.unapprove(entry.id, ACTOR)
        if entry.matter:
            self.memory.forget(taught_keys(entry), entry.matter)

    def edit(
        self,
        entry_id: str,
        *,
        description: str | None = None,
        worked_minutes: int | None = None,
        billed_hours: Decimal | None = None,
        activity_code: str | None = None,
        task_code: str | None = None,
    ) -> Outcome:
        """Change the narrative, time or codes; billed hours follow the rounding unless written down."""
        try:
            before = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        changes: dict[str, Any] = {}
        if description is not None:
            text = " ".join(description.split())
            if not text:
                return Outcome(False, "the narrative cannot be empty", (entry_id,))
            changes["description"] = text
        worked = before.worked_seconds
        if worked_minutes is not None:
            if worked_minutes < 0 or worked_minutes > 24 * 60:
                return Outcome(False, "worked time must be between 0 and 24 hours", (entry_id,))
            worked = worked_minutes * 60
            changes["worked_seconds"] = worked
        policy = self.policy_for(self.services.matters.get(before.matter) if before.matter else None)
        rounded = policy.bill(worked)
        if billed_hours is not None:
            if billed_hours < 0 or billed_hours % policy.increment:
                return Outcome(False, f"billed hours must be a multiple of {policy.increment} h", (entry_id,))
            if billed_hours > rounded:
                return Outcome(
                    False,
                    f"{billed_hours} h is more than the worked time rounded ({rounded} h, {rounding_text(policy)})",
                    (entry_id,),
                )
            changes["billed_hours"] = billed_hours.quantize(policy.increment)
        elif worked_minutes is not None:
            changes["billed_hours"] = rounded
        for name, code in (("activity_code", activity_code), ("task_code", task_code)):
            if code is not None:
                changes[name] = code.strip().upper() or None
        changes = {k: v for k, v in changes.items() if getattr(before, k) != v}
        if not changes:
            return Outcome(True, "nothing changed", (entry_id,))
        return self._revise(before, changes, "edit")

    def reassign(self, entry_id: str, matter_number: str) -> Outcome:
        """Move a draft to another matter, re-round it by that matter's policy and teach the memory."""
        matter = self.services.matters.get(matter_number)
        if matter is None:
            return Outcome(False, f"no matter {matter_number!r}", (entry_id,))
        try:
            before = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        problems = tuple(p for p in before.problems if p.code not in CLEARED_BY_REASSIGN)
        if matter.status is MatterStatus.CLOSED:
            problems += (Problem(ProblemCode.CLOSED_MATTER, f"matter {matter.number} is closed", Severity.WARNING),)
        changes: dict[str, Any] = {
            "matter": matter.number,
            "kind": EntryKind.BILLABLE if before.kind is EntryKind.UNASSIGNED else before.kind,
            "billed_hours": self.policy_for(matter).bill(before.worked_seconds),
            "confidence": Decimal(1),
            "reasons": (f"assigned by the attorney (was {before.matter or 'unassigned'})", *before.reasons),
            "problems": problems,
        }
        outcome = self._revise(before, changes, f"reassign to {matter.number}")
        if outcome.ok:
            # What pointed to the wrong matter (or to none) now teaches the right one; a glance at a third
            # matter's mail inside the block does not.
            keys = memory_keys(e for e in before.evidence if e.matter in (None, before.matter, matter.number))
            self.memory.learn(keys, matter.number, f"reassign {entry_id}")
            undo_entry = self._undo[-1]

            def revert() -> None:
                undo_entry.revert()
                self.memory.forget(keys, matter.number)

            self._undo[-1] = _Undo(undo_entry.label, revert)
        return outcome

    def set_kind(self, entry_id: str, kind: EntryKind) -> Outcome:
        """Mark a draft billable, non-billable (firm administration) or personal."""
        try:
            before = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        changes: dict[str, Any] = {"kind": kind}
        if kind is EntryKind.PERSONAL:
            changes["matter"] = None
        if kind is EntryKind.BILLABLE and before.matter is None:
            return Outcome(False, "assign a matter to make this billable", (entry_id,))
        return self._revise(before, changes, f"mark {kind.value}")

    def _revise(self, before: TimeEntry, changes: Mapping[str, Any], label: str) -> Outcome:
        try:
            after = self.entries.revise(before.id, ACTOR, **changes)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), (before.id,))
        restore = {k: getattr(before, k) for k in changes}

        def revert() -> None:
            self.entries.revise(before.id, ACTOR, **restore)

        self._undo.append(_Undo(f"{label} ({before.id})", revert))
        note = ""
        if after.version > before.version:
            note = f"; approved entry saved as version {after.version}"
        return Outcome(True, f"{label}{note}", (after.id,))

    def discard(self, entry_id: str) -> Outcome:
        try:
            self.entries.discard(entry_id, ACTOR)
        except (IllegalTransition, EntryNotFound) as exc:
            return Outcome(False, str(exc), (entry_id,))
        self._undo.append(_Undo(f"discard {entry_id}", lambda: self._restore(entry_id)))
        return Outcome(True, "discarded", (entry_id,))

    def _restore(self, entry_id: str) -> None:
        self.entries.restore(entry_id, ACTOR)

    def reopen(self, entry_id: str) -> Outcome:
        """Back to draft: an approval not yet sent to the provider, or a discard (any day, any session).

        Time a split or merge replaced, or that other entries now cover, is not brought back: no second
        may be in two entries.
        """
        try:
            entry = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        if entry.status is EntryStatus.APPROVED:
            try:
                self._unapprove_one(entry)
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (entry_id,))

            def approve_again() -> None:
                self._approve_one(entry)

            self._undo.append(_Undo(f"reopen {entry_id}", approve_again))
            return Outcome(True, "reopened as a draft: nothing was sent", (entry_id,))
        if entry.status is EntryStatus.DISCARDED:
            if not self._discarded_by_hand(entry_id):
                return Outcome(False, "other entries replaced this one (split or merge)", (entry_id,))
            live = [
                e
                for e in self.entries.for_day(entry.date)
                if e.id != entry_id and e.status is not EntryStatus.DISCARDED
            ]
            if any(s.overlaps(t) for e in live for s in e.spans for t in entry.spans):
                return Outcome(False, "other entries now cover part of this time", (entry_id,))
            try:
                self.entries.restore(entry_id, ACTOR)
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (entry_id,))

            def discard_again() -> None:
                self.entries.discard(entry_id, ACTOR)

            self._undo.append(_Undo(f"restore {entry_id}", discard_again))
            return Outcome(True, "restored as a draft", (entry_id,))
        return Outcome(
            False, f"entry {entry_id} is {entry.status.value}: only approved or discarded ones reopen"
        )

    def discarded(self, day: date) -> list[TimeEntry]:
        """The day's discarded entries that could be restored (not those a split or merge replaced)."""
        return [
            e
            for e in self.entries.for_day(day)
            if e.status is EntryStatus.DISCARDED and self._discarded_by_hand(e.id)
        ]

    def _discarded_by_hand(self, entry_id: str) -> bool:
        """Discarded by the discard action (not replaced by a split, a merge or an undo)."""
        steps = self.entries.history(entry_id)
        return bool(steps) and steps[-1].action == "discard"

    def split(self, entry_id: str, at: datetime) -> Outcome:
        """Cut a draft in two at a moment; each part gets its share of the worked time and its own rounding."""
        try:
            entry = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        if entry.status is not EntryStatus.DRAFT:
            return Outcome(False, "only drafts can be split", (entry_id,))
        before, after = split_spans(entry.spans, at)
        first, second = sum(s.seconds for s in before), sum(s.seconds for s in after)
        if not first or not second:
            return Outcome(False, "the split time must fall inside the entry", (entry_id,))
        worked_first = round(entry.worked_seconds * first / (first + second))
        policy = self.policy_for(self.services.matters.get(entry.matter) if entry.matter else None)
        parts = [
            dataclasses.replace(
                entry,
                id=new_id(),
                spans=tuple(spans),
                worked_seconds=worked,
                billed_hours=policy.bill(worked),
                version=1,
                reasons=(f"split from {entry.id}", *entry.reasons),
            )
            for spans, worked in ((before, worked_first), (after, entry.worked_seconds - worked_first))
        ]
        return self._replace([entry], parts, "split")

    def merge(self, entry_ids: Sequence[str]) -> Outcome:
        """Join drafts into one entry (the matter of the longest), rounded once."""
        ids = list(dict.fromkeys(entry_ids))
        if len(ids) < 2:
            return Outcome(False, "choose at least two drafts to merge", tuple(ids))
        try:
            found = [self.entries.get(i) for i in ids]
        except EntryNotFound as exc:
            return Outcome(False, f"no entry {exc}")
        if any(e.status is not EntryStatus.DRAFT for e in found):
            return Outcome(False, "only drafts can be merged", tuple(ids))
        if len({e.date for e in found}) > 1:
            return Outcome(False, "merge drafts of the same day", tuple(ids))
        found.sort(key=lambda e: e.spans[0].start if e.spans else datetime.max.replace(tzinfo=UTC))
        lead = max(found, key=lambda e: e.worked_seconds)
        worked = sum(e.worked_seconds for e in found)
        matter = self.services.matters.get(lead.matter) if lead.matter else None
        narrative = "; ".join(dict.fromkeys(e.description for e in found if e.description))
        merged = dataclasses.replace(
            lead,
            id=new_id(),
            spans=tuple(sorted((s for e in found for s in e.spans), key=lambda s: s.start)),
            worked_seconds=worked,
            billed_hours=self.policy_for(matter).bill(worked),
            description=narrative,
            confidence=min(e.confidence for e in found),
            reasons=tuple(dict.fromkeys([f"merged from {', '.join(e.id for e in found)}", *lead.reasons])),
            problems=tuple(dict.fromkeys(p for e in found for p in e.problems)),
            evidence=tuple(dict.fromkeys(ev for e in found for ev in e.evidence)),
            version=1,
        )
        return self._replace(found, [merged], "merge")

    def _replace(self, removed: Sequence[TimeEntry], added: Sequence[TimeEntry], action: str) -> Outcome:
        try:
            self.entries.replace([e.id for e in removed], added, action, ACTOR)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), tuple(e.id for e in removed))

        def revert() -> None:
            self.entries.replace([e.id for e in added], [], f"undo {action}", ACTOR)
            for e in removed:
                self.entries.change(e.id, _constant(e), f"undo {action}", ACTOR)

        self._undo.append(_Undo(f"{action} {', '.join(e.id for e in removed)}", revert))
        verb = "split into" if action == "split" else "merged into"
        return Outcome(
            True,
            f"{verb} {len(added)} {'entry' if len(added) == 1 else 'entries'}",
            tuple(e.id for e in added),
        )

    def reclaim(self, day: date, start: datetime, end: datetime, matter_number: str, note: str) -> Outcome:
        """Keep away time the attorney says was work (a call, a meeting away from the desk), with a note."""
        note = " ".join(note.split())
        if not note:
            return Outcome(False, "say what the away time was (the note is kept with the entry)")
        matter = self.services.matters.get(matter_number)
        if matter is None:
            return Outcome(False, f"no matter {matter_number!r}")
        try:
            span = Span(start, end)
        except ValueError as exc:
            return Outcome(False, str(exc))
        if not span.seconds:
            return Outcome(False, "the kept time is empty")
        view = self.day(day)
        away = [Span(g.start, g.end) for g in view.segments if g.shade == "away"]
        if subtract_span(span, away):
            return Outcome(False, "only time shown as away can be reclaimed")
        taken = [s for e in view.entries for s in e.spans]
        if any(span.overlaps(s) for s in taken):
            return Outcome(False, "that time already belongs to another entry")
        entry = TimeEntry(
            id=new_id(),
            date=day,
            spans=(span,),
            worked_seconds=span.seconds,
            billed_hours=self.policy_for(matter).bill(span.seconds),
            matter=matter.number,
            kind=EntryKind.BILLABLE,
            description=note,
            confidence=Decimal(1),
            reasons=("away time kept by the attorney",),
            evidence=(Evidence("reclaimed", note, span.seconds, matter.number),),
            note=note,
        )
        self.entries.add(entry, ACTOR)

        def revert() -> None:
            self.entries.replace([entry.id], [], "undo reclaim", ACTOR)

        self._undo.append(_Undo(f"reclaim {entry.id}", revert))
        return Outcome(True, f"kept {span.seconds // 60} min of away time for {matter.number}", (entry.id,))

    # --- settings ---

    def setting_rows(self) -> list[tuple[str, Any, str, bool]]:
        """(key, value, where it came from, locked by policy) for the settings page."""
        effective = getattr(self.services, "effective", None)
        if effective is None:
            return []
        return [(k, v, origin, k in effective.locked) for k, v, origin in effective.rows()]

    def editable_settings(self) -> tuple[str, ...]:
        effective = getattr(self.services, "effective", None)
        locked = effective.locked if effective is not None else frozenset()
        return tuple(k for k in EDITABLE_SETTINGS if k not in locked)

    def change_setting(self, key: str, value: str) -> Outcome:
        """Write one of the review page's settings to the user file (refused when the policy locks it)."""
        effective = getattr(self.services, "effective", None)
        if effective is None or key not in EDITABLE_SETTINGS:
            return Outcome(False, f"{key!r} cannot be changed here; use `ledgerwatch config set`")
        try:
            path = config.set_user_value(effective, key, value.strip())
        except config.ConfigError as exc:
            return Outcome(False, str(exc))
        return Outcome(True, f"{key} = {value.strip()} saved to {path}; it takes effect at the next start")

    # --- building drafts (the hourly job) ---

    def rebuild(self, day: date | None = None) -> Outcome:
        """Sessionize a day again: unreviewed drafts are replaced, reviewed entries stay."""
        ((_, result),) = self.services.build_drafts(day or self.today(), day or self.today())
        return Outcome(True, f"{result.written} drafts built, {result.kept} reviewed entries kept")


def taught_keys(entry: TimeEntry) -> tuple[str, ...]:
    """The memory keys an approval teaches: evidence that agreed with the entry's matter or named none.

    A glance at another client's e-mail or a personal page absorbed into the block must not be learned.
    """
    return memory_keys(e for e in entry.evidence if e.matter in (None, entry.matter))


def _constant(entry: TimeEntry) -> Callable[[TimeEntry], TimeEntry]:
    """A step that puts entry back exactly as it was (undo of split and merge)."""
    return lambda _current: entry


def _approvable(entry: TimeEntry) -> str | None:
    """Why this entry may not be approved as it is, or None."""
    if entry.kind is EntryKind.PERSONAL:
        return "personal time never leaves this machine: discard it instead"
    if entry.matter is None and entry.kind in (EntryKind.BILLABLE, EntryKind.UNASSIGNED):
        return "assign a matter (r) or mark it non-billable before approving"
    return None


def _effective_kind(entry: TimeEntry) -> EntryKind:
    if entry.kind is EntryKind.BILLABLE and entry.matter is None:
        return EntryKind.UNASSIGNED
    return entry.kind


def _matter_label(number: str | None, matters: Mapping[str, Matter]) -> str:
    if number is None:
        return "Unassigned"
    m = matters.get(number)
    return f"{number} · {m.client.name}" if m else number


def _entry_label(entry: TimeEntry, matters: Mapping[str, Matter]) -> str:
    kind = _effective_kind(entry)
    if kind is EntryKind.PERSONAL:
        return "Personal"
    if kind is EntryKind.NONBILLABLE and entry.matter is None:
        return "Firm administration"
    return _matter_label(entry.matter, matters)


def _window(segments: Sequence[Segment], day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The timeline's range: whole local hours around the activity, at least 08:00-18:00."""
    lo = datetime.combine(day, time(8), zone).astimezone(UTC)
    hi = datetime.combine(day, time(18), zone).astimezone(UTC)
    if segments:
        lo = min(lo, min(s.start for s in segments))
        hi = max(hi, max(s.end for s in segments))
    lo_local = lo.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    hi_local = hi.astimezone(zone)
    if hi_local.minute or hi_local.second or hi_local.microsecond:
        hi_local = hi_local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return lo_local.astimezone(UTC), hi_local.astimezone(UTC)


# --- sample data (the demo, tests and benchmarks) ---

SAMPLE_EVIDENCE = (
    ("draft/review ", "document", "A103"),
    ("correspondence re ", "email", "A106"),
    ("call: ", "calendar", "A106"),
)


def sample_drafts(truth: Mapping[str, Any], day: date, policy: RoundingPolicy) -> list[TimeEntry]:
    """Drafts made from a sample week's truth file: a stand-in while sessionize cannot build them."""
    out: list[TimeEntry] = []
    for i, item in enumerate(truth["intervals"]):
        start = datetime.fromisoformat(item["start"]).astimezone(UTC)
        end = datetime.fromisoformat(item["end"]).astimezone(UTC)
        if start.date() != day or item["kind"] == "away":
            continue
        span = Span(start.replace(microsecond=0), end.replace(microsecond=0))
        what: str = item["what"]
        kind = {"billable": EntryKind.BILLABLE, "personal": EntryKind.PERSONAL}.get(
            item["kind"], EntryKind.NONBILLABLE
        )
        evidence_kind, label, code = "window", what, None
        for prefix, ev_kind, activity in SAMPLE_EVIDENCE:
            if what.startswith(prefix):
                evidence_kind, label, code = ev_kind, what[len(prefix) :], activity
        narrative = {
            "document": f"Draft and revise {label}",
            "email": f"Correspondence regarding {label}",
            "calendar": f"Conference call: {label}",
        }.get(evidence_kind, what.capitalize())
        out.append(
            TimeEntry(
                id=f"{day:%Y%m%d}-{i:03d}",
                date=day,
                spans=(span,),
                worked_seconds=span.seconds,
                billed_hours=policy.bill(span.seconds) if kind is EntryKind.BILLABLE else Decimal("0.0"),
                matter=item["matter"],
                kind=kind,
                activity_code=code if kind is EntryKind.BILLABLE else None,
                description=narrative,
                confidence=Decimal("0.9") if item["matter"] else Decimal("0.7"),
                reasons=(f"{evidence_kind} '{label}' names the matter" if item["matter"] else f"{what}",),
                evidence=(Evidence(evidence_kind, label, span.seconds, item["matter"]),),
            )
        )
    return out


def build_sample_day(workday: Workday, samples: Any, day: date, *, prefer_sessionize: bool = True) -> Outcome:
    """Drafts for one sample day: sessionize when it can build them, else the sample's truth file."""
    try:
        if not prefer_sessionize:
            raise ImportError("sample drafts asked for")
        return workday.rebuild(day)
    except ImportError:
        import json
        from pathlib import Path

        truth = json.loads((Path(samples) / "truth.json").read_text(encoding="utf-8"))
        drafts = sample_drafts(truth, day, workday.default_policy())
        result = workday.entries.replace_drafts(day, drafts, actor="sample")
        return Outcome(True, f"{result.written} sample drafts (sessionize not available)")


# --- launching: what `ledgerwatch run`, `review` and `demo` call ---


class CaptureControl(Protocol):
    """What the tray needs from live capture."""

    def pause(self, until: datetime | None) -> None: ...
    def resume(self) -> None: ...
    def set_private(self, on: bool) -> None: ...
    def flush(self) -> None: ...
    def status(self) -> str:
        """recording | paused | private"""
        ...


class CaptureSwitch:
    """A capture control that only keeps the state (headless, tests, or before live capture is wired)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.paused_until: datetime | None = None
        self.paused = False
        self.private = False
        self.flushes = 0

    def pause(self, until: datetime | None) -> None:
        self.paused, self.paused_until = True, until

    def resume(self) -> None:
        self.paused, self.paused_until = False, None

    def set_private(self, on: bool) -> None:
        self.private = on

    def flush(self) -> None:
        self.flushes += 1

    def status(self) -> str:
        if self.paused and self.paused_until is not None and self.clock() >= self.paused_until:
            self.resume()
        if self.private:
            return "private"
        return "paused" if self.paused else "recording"


def has_display(env: Mapping[str, str], platform: str) -> bool:
    """Whether a tray icon can be shown (Linux needs an X or Wayland display)."""
    if platform.startswith("linux"):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def launch_review(
    services: Any,
    day: date | None = None,
    *,
    opener: Callable[[str], object] | None = None,
    block: bool = True,
) -> str:
    """`ledgerwatch review [--date D]`: open the running instance's page, or serve one until Ctrl+C."""
    from ledgerwatch.review.server import open_review, start_server
    from ledgerwatch.tray.instance import InstanceLock

    lock = InstanceLock(services.effective.paths.data_dir)
    workday = Workday(services)
    path = f"/day/{(day or workday.today()).isoformat()}"
    show = opener or (lambda url: open_review(url))
    if not lock.acquire():
        running = lock.running_url()
        if running:
            url = running.replace("/?token=", f"{path}?token=")
            show(url)
            return url
    try:
        server = start_server(workday, port=services.settings.review.port)
        url = server.url(path)
        show(url)
        if block:
            print(f"review: {server.base}{path} (Ctrl+C to stop)")
            _wait_forever()
        else:
            return url
        server.stop()
        return url
    finally:
        if block:
            lock.release()


def _wait_forever() -> None:
    import threading

    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()


def run_app(
    services: Any,
    *,
    capture: CaptureControl | None = None,
    sync_now: Callable[[], object] | None = None,
    sync_problem: Callable[[], bool] | None = None,
    refresh_calendars: Callable[[], object] | None = None,
    env: Mapping[str, str] | None = None,
    opener: Callable[[str], object] | None = None,
    headless: bool = False,
) -> int:
    """`ledgerwatch run`: tray + capture + scheduler + review server; headless when asked or without a display."""
    import os
    import subprocess
    import sys
    import webbrowser

    from ledgerwatch.jobs import JobCalls, build_scheduler, job_table
    from ledgerwatch.review.app import AgentControls
    from ledgerwatch.review.server import open_review, start_server
    from ledgerwatch.tray.autostart import Autostart
    from ledgerwatch.tray.icon import Tray, TrayActions, TrayState
    from ledgerwatch.tray.instance import InstanceLock
    from ledgerwatch.tray.notify import desktop_notify

    environ = os.environ if env is None else env
    data_dir = services.effective.paths.data_dir
    lock = InstanceLock(data_dir)
    show = opener or (lambda url: open_review(url))
    if not lock.acquire():
        running = lock.running_url()
        if running:
            show(running)
        print("ledgerwatch is already running; opened its review page")
        return 0
    workday = Workday(services)
    capture = capture or CaptureSwitch(services.clock)
    server = start_server(workday, port=services.settings.review.port, agent=AgentControls(capture, sync_now))
    lock.publish(server.url())
    tray: Tray | None = None

    def remind() -> None:
        text = workday.reminder()
        if text:
            desktop_notify("ledgerwatch", text, fallback=tray.notify if tray else None)

    def purge() -> None:
        keep = timedelta(days=services.settings.capture.retention_days)
        services.events.purge_before(services.clock() - keep)

    def sessionize() -> None:
        with contextlib.suppress(ImportError):
            workday.rebuild()

    zone = workday.zone
    calls = JobCalls(
        capture_flush=capture.flush,
        sessionize_today=sessionize,
        remind=remind,
        drain_outbox=sync_now or (lambda: None),
        purge_retention=purge,
        refresh_calendars=refresh_calendars or (lambda: None),
    )
    scheduler = build_scheduler(job_table(calls, services.settings, zone), zone)
    scheduler.start()
    try:
        Autostart().apply(services.settings.start_at_login)
    except OSError as exc:
        print(f"start at login: {exc}", file=sys.stderr)

    def state() -> TrayState:
        if sync_problem is not None and sync_problem():
            return TrayState.SYNC_PROBLEM
        return TrayState(capture.status())

    def open_folder() -> None:
        if sys.platform == "win32":
            os.startfile(data_dir)  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(data_dir)])
        else:
            webbrowser.open(data_dir.as_uri())

    quit_event = __import__("threading").Event()
    actions = TrayActions(
        review_today=lambda: show(server.day_url(workday.today())),
        pause=lambda minutes: capture.pause(
            services.clock() + timedelta(minutes=minutes) if minutes is not None else None
        ),
        resume=capture.resume,
        set_private=capture.set_private,
        sync_now=sync_now or (lambda: None),
        settings=lambda: show(server.url("/settings")),
        open_data_folder=open_folder,
        quit=quit_event.set,
        state=state,
    )
    try:
        if not headless and has_display(environ, sys.platform):
            tray = Tray(actions)
            tray.run()
        else:
            print(f"ledgerwatch running headless; review at {server.base} (Ctrl+C to stop)")
            print(f"open once: {server.url()}")
            with contextlib.suppress(KeyboardInterrupt):
                quit_event.wait()
    finally:
        scheduler.shutdown(wait=False)
        server.stop()
        lock.release()
    return 0


def demo(
    home: Any,
    samples: Any,
    open_services: Callable[[Any], Any],
    *,
    opener: Callable[[str], object] | None = None,
    block: bool = True,
) -> tuple[Any, str]:
    """`ledgerwatch demo`: the sample week in a throw-away home, drafts built, review opened on its Monday."""
    import json
    import os
    from pathlib import Path

    from ledgerwatch.review.server import open_review, start_server

    home, samples = Path(home), Path(samples)
    truth_file = samples / "truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    zone_name = truth.get("timezone", "UTC")
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(f'timezone = "{zone_name}"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env["LEDGERWATCH_HOME"] = str(home)
    services = open_services(config.load(env=env))
    services.import_matters(samples / "matters.csv")
    services.import_activitywatch(samples / "aw-export.json")
    if (samples / "calendar.ics").exists():
        services.import_ics(samples / "calendar.ics")
    days = sorted({datetime.fromisoformat(i["start"]).date() for i in truth.get("intervals", [])})
    workday = Workday(services)
    for d in days:
        build_sample_day(workday, samples, d)
    first = days[0] if days else workday.today()
    server = start_server(workday)
    url = server.day_url(first)
    (opener or (lambda u: open_review(u)))(url)
    if block:
        print(f"demo home: {home}\nreview: {url}\n(Ctrl+C to stop)")
        _wait_forever()
        server.stop()
        services.close()
    return server, url
