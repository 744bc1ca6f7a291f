"""The attorney's day as a service: what the review app and the tray read and the actions they take.

Every change goes through EntryRepository (audit log, outbox in the approval's transaction); user mistakes
come back as an Outcome with a message, never as an exception. Reassignments and approvals teach the
attribution memory so the same document, thread or site goes to the corrected matter next time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from typing import Any, Protocol

from ledgerwatch import config
from ledgerwatch.assist.report import Decision, Report
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    IllegalTransition,
    Matter,
    ProblemCode,
    RoundingPolicy,
    Severity,
    Source,
    Span,
    TimeEntry,
    day_bounds,
    subtract_span,
)
from ledgerwatch.sessionize.memory import Memory
from ledgerwatch.store.entries import EntryNotFound, EntryRepository, Rebuild
from ledgerwatch.store.events import EventLog
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.store.memory import MemoryRepository
from ledgerwatch.workday.changes import (
    approvable,
    as_it_was,
    edit_changes,
    merge_lead,
    merged_entry,
    reassign_changes,
    reassign_keys,
    reclaimed_entry,
    split_entry,
    taught_keys,
)
from ledgerwatch.workday.settings import change_setting, editable_settings, setting_rows
from ledgerwatch.workday.undo import UndoStack
from ledgerwatch.workday.views import DayView, Outcome, WeekView, build_day, build_week, week_of

ACTOR = "review"


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


class Workday:
    """Reads and changes one attorney's days; keeps a per-session undo stack."""

    def __init__(self, services: WorkdayServices, memory: MemoryRepository | None = None) -> None:
        self.services = services
        self.entries: EntryRepository = services.entries
        self.memory = memory or MemoryRepository(services.entries.db, services.clock)
        self._undo = UndoStack()

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

    def _policy_of(self, number: str | None) -> RoundingPolicy:
        """The rounding of the matter numbered so (the default for none or an unknown number)."""
        return self.policy_for(self.services.matters.get(number) if number else None)

    def attribution_memory(self) -> Memory:
        """The memory rows as sessionize's Memory (for build_drafts)."""
        memory: Memory = self.services.attribution_memory()
        return memory

    # --- reads ---

    def day(self, day: date) -> DayView:
        zone = self.zone
        afk = self.services.events.between(*day_bounds(day, zone), sources=[Source.AFK])
        return build_day(
            day,
            zone,
            self.entries.for_day(day),
            afk,
            self.matters(),
            self.default_policy(),
            self.settings.sessionize.min_confidence,
        )

    def week(self, day: date) -> WeekView:
        days = week_of(day)
        return build_week(days, self.entries.between(days[0], days[-1]), self.matters())

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

    def assist_summary(self) -> str | None:
        """What the AI assist did in the last build, in one line (None when it is off or has not run)."""
        report = self.services.assist_report()
        return report.summary() if report is not None else None

    def assist_decisions(self, entry_id: str) -> tuple[Decision, ...]:
        """What the AI assist did with one draft in the last build: sent or not, answered, applied, refused
        or failed, and why."""
        report = self.services.assist_report()
        return report.for_entry(entry_id) if report is not None else ()

    # --- undo, approve, reopen ---

    @property
    def can_undo(self) -> str | None:
        return self._undo.label

    def undo(self) -> Outcome:
        """Revert the last action of this session."""
        return self._undo.undo()

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
            and approvable(e) is None
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
            refused = approvable(before)
            if refused:
                return Outcome(False, refused, (entry_id,))
            try:
                done.append(self._approve_one(before))
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (entry_id,))

        def revert() -> None:
            for e in reversed(done):
                self._unapprove_one(e)

        self._undo.push(label, revert)
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

            self._undo.push(f"reopen {entry_id}", approve_again)
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

            self._undo.push(f"restore {entry_id}", discard_again)
            return Outcome(True, "restored as a draft", (entry_id,))
        return Outcome(
            False, f"entry {entry_id} is {entry.status.value}: only approved or discarded ones reopen"
        )

    # --- revisions: edit, reassign, kind, discard ---

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
        changes = edit_changes(
            before,
            self._policy_of(before.matter),
            description=description,
            worked_minutes=worked_minutes,
            billed_hours=billed_hours,
            activity_code=activity_code,
            task_code=task_code,
        )
        if isinstance(changes, str):
            return Outcome(False, changes, (entry_id,))
        if not changes:
            return Outcome(True, "nothing changed", (entry_id,))
        return self._revise(before, changes, "edit")

    def restore_rule_narrative(self, entry_id: str) -> Outcome:
        """Put the rules' narrative back where the AI assist rewrote it (undoable like any edit)."""
        try:
            before = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        if not before.rule_description:
            return Outcome(False, "the narrative is already the rules' own", (entry_id,))
        problems = tuple(
            p
            for p in before.problems
            if not (p.code is ProblemCode.AI_SUGGESTION and "narrative" in p.message)
        )
        changes = {
            "description": before.rule_description,
            "rule_description": "",
            "problems": problems,
            "ai_suggested": any(p.code is ProblemCode.AI_SUGGESTION for p in problems),
        }
        return self._revise(before, changes, "restore the rules' narrative")

    def reassign(self, entry_id: str, matter_number: str) -> Outcome:
        """Move a draft to another matter, re-round it by that matter's policy and teach the memory."""
        matter = self.services.matters.get(matter_number)
        if matter is None:
            return Outcome(False, f"no matter {matter_number!r}", (entry_id,))
        try:
            before = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        changes = reassign_changes(before, matter, self.policy_for(matter))
        outcome = self._revise(before, changes, f"reassign to {matter.number}")
        if outcome.ok:
            keys = reassign_keys(before, matter.number)
            self.memory.learn(keys, matter.number, f"reassign {entry_id}")
            self._undo.extend_last(lambda: self.memory.forget(keys, matter.number))
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

        self._undo.push(f"{label} ({before.id})", revert)
        note = ""
        if after.version > before.version:
            note = f"; approved entry saved as version {after.version}"
        return Outcome(True, f"{label}{note}", (after.id,))

    def discard(self, entry_id: str) -> Outcome:
        try:
            self.entries.discard(entry_id, ACTOR)
        except (IllegalTransition, EntryNotFound) as exc:
            return Outcome(False, str(exc), (entry_id,))
        self._undo.push(f"discard {entry_id}", lambda: self._restore(entry_id))
        return Outcome(True, "discarded", (entry_id,))

    def _restore(self, entry_id: str) -> None:
        self.entries.restore(entry_id, ACTOR)

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

    # --- reshaping: split, merge, reclaim away time ---

    def split(self, entry_id: str, at: datetime) -> Outcome:
        """Cut a draft in two at a moment; each part gets its share of the worked time and its own rounding."""
        try:
            entry = self.entries.get(entry_id)
        except EntryNotFound:
            return Outcome(False, f"no entry {entry_id}")
        if entry.status is not EntryStatus.DRAFT:
            return Outcome(False, "only drafts can be split", (entry_id,))
        parts = split_entry(entry, at, self._policy_of(entry.matter))
        if isinstance(parts, str):
            return Outcome(False, parts, (entry_id,))
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
        merged = merged_entry(found, self._policy_of(merge_lead(found).matter))
        return self._replace(found, [merged], "merge")

    def _replace(self, removed: Sequence[TimeEntry], added: Sequence[TimeEntry], action: str) -> Outcome:
        try:
            self.entries.replace([e.id for e in removed], added, action, ACTOR)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), tuple(e.id for e in removed))

        def revert() -> None:
            self.entries.replace([e.id for e in added], [], f"undo {action}", ACTOR)
            for e in removed:
                self.entries.change(e.id, as_it_was(e), f"undo {action}", ACTOR)

        self._undo.push(f"{action} {', '.join(e.id for e in removed)}", revert)
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
        entry = reclaimed_entry(day, span, matter, note, self.policy_for(matter))
        self.entries.add(entry, ACTOR)

        def revert() -> None:
            self.entries.replace([entry.id], [], "undo reclaim", ACTOR)

        self._undo.push(f"reclaim {entry.id}", revert)
        return Outcome(True, f"kept {span.seconds // 60} min of away time for {matter.number}", (entry.id,))

    # --- settings ---

    def setting_rows(self) -> list[tuple[str, Any, str, bool]]:
        """(key, value, where it came from, locked by policy) for the settings page."""
        return setting_rows(self.services.effective)

    def editable_settings(self) -> tuple[str, ...]:
        return editable_settings(self.services.effective)

    def change_setting(self, key: str, value: str) -> Outcome:
        """Write one of the review page's settings to the user file (refused when the policy locks it)."""
        return change_setting(self.services.effective, key, value)

    # --- building drafts (the hourly job) ---

    def rebuild(self, day: date | None = None) -> Outcome:
        """Sessionize a day again: unreviewed drafts are replaced, reviewed entries stay."""
        ((_, result),) = self.services.build_drafts(day or self.today(), day or self.today())
        return Outcome(True, f"{result.written} drafts built, {result.kept} reviewed entries kept")
