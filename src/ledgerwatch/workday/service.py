"""The attorney's day as a service: what the review app and the tray read and the actions they take.

Every change goes through EntryRepository (audit log, outbox in the approval's transaction); user mistakes
come back as an Outcome with a message, never as an exception. Reassignments and approvals teach the
attribution memory so the same document, thread or site goes to the corrected matter next time. The actions
live in core (revise, replace, undo per day, rounding kept), approvals and reshaping.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from ledgerwatch.assist.report import Decision
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    IllegalTransition,
    ProblemCode,
    Source,
    Span,
    TimeEntry,
    day_bounds,
)
from ledgerwatch.sessionize.memory import Memory
from ledgerwatch.store.entries import EntryNotFound
from ledgerwatch.workday.activity import Stretch, day_activity, stretches
from ledgerwatch.workday.approvals import Approvals
from ledgerwatch.workday.changes import edit_changes, reassign_changes, reassign_keys
from ledgerwatch.workday.core import ACTOR, WorkdayServices
from ledgerwatch.workday.reshaping import Reshaping
from ledgerwatch.workday.settings import SettingGroup, change_settings, setting_groups
from ledgerwatch.workday.views import Outcome, WeekView, build_week, week_of

__all__ = ["Workday", "WorkdayServices"]

ACTIVITY_SOURCES = (Source.WINDOW, Source.BROWSER, Source.EMAIL, Source.CALL, Source.DOCUMENT)
"""what the attorney did at the desk (calendar events and away periods are shown apart)"""


class Workday(Approvals, Reshaping):
    """Reads and changes one attorney's days; keeps an undo stack per day for this session."""

    # --- reads ---

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

    def attribution_memory(self) -> Memory:
        """The memory rows as sessionize's Memory (for build_drafts)."""
        memory: Memory = self.services.attribution_memory()
        return memory

    def evidence(self, entry_id: str) -> tuple[TimeEntry, list[Stretch]] | None:
        """An entry and what was on screen during its spans (application, title, time), or None."""
        try:
            entry = self.entries.get(entry_id)
        except EntryNotFound:
            return None
        if not entry.spans:
            return entry, []
        events = self.services.events.between(
            entry.spans[0].start, entry.spans[-1].end, sources=[*ACTIVITY_SOURCES, Source.CALENDAR]
        )
        return entry, stretches(events, entry.spans)

    def activity(self, day: date) -> list[Stretch]:
        """The day's raw activity, each stretch marked entry / unbilled / away (for "find unbilled time")."""
        view = self.day(day)
        events = self.services.events.between(*day_bounds(day, self.zone), sources=list(ACTIVITY_SOURCES))
        away = [Span(g.start, g.end) for g in view.segments if g.shade == "away"]
        return day_activity(events, [(e.id, e.spans) for e in view.entries], away)

    def discarded(self, day: date) -> list[TimeEntry]:
        """The day's discarded entries that could be restored (not those a split or merge replaced)."""
        return [
            e
            for e in self.entries.for_day(day)
            if e.status is EntryStatus.DISCARDED and self.discarded_by_hand(e.id)
        ]

    # --- revisions: edit, reassign, kind, discard ---

    def edit(
        self,
        entry_id: str,
        *,
        description: str | None = None,
        worked_seconds: int | None = None,
        billed_hours: Decimal | None = None,
        activity_code: str | None = None,
        task_code: str | None = None,
    ) -> Outcome:
        """Change only what the attorney changed: worked time stays the captured seconds unless given anew."""
        before = self._get(entry_id)
        if isinstance(before, Outcome):
            return before
        changes = edit_changes(
            before,
            self._policy_of(before.matter),
            description=description,
            worked_seconds=worked_seconds,
            billed_hours=billed_hours,
            activity_code=activity_code,
            task_code=task_code,
        )
        if isinstance(changes, str):
            return Outcome(False, changes, (entry_id,))
        if not changes:
            return Outcome(True, f"nothing changed in {self.phrase(before)}", (entry_id,))
        action = "write down" if "billed_hours" in changes and billed_hours is not None else "edit"
        return self._revise(before, changes, "edited", action)

    def restore_rule_narrative(self, entry_id: str) -> Outcome:
        """Put the rules' narrative back where the AI assist rewrote it (undoable like any edit)."""
        before = self._get(entry_id)
        if isinstance(before, Outcome):
            return before
        if not before.rule_description:
            return Outcome(False, f"the narrative of {self.phrase(before)} is already the rules' own", (entry_id,))
        problems = tuple(
            p for p in before.problems if not (p.code is ProblemCode.AI_SUGGESTION and "narrative" in p.message)
        )
        changes = {
            "description": before.rule_description,
            "rule_description": "",
            "problems": problems,
            "ai_suggested": any(p.code is ProblemCode.AI_SUGGESTION for p in problems),
        }
        return self._revise(before, changes, "restored the rules' narrative of", "restore the rules' narrative")

    def assist_summary(self) -> str | None:
        """What the AI assist did in the last build, in one line (None when it is off or has not run)."""
        report = self.services.assist_report()
        return report.summary() if report is not None else None

    def assist_decisions(self, entry_id: str) -> tuple[Decision, ...]:
        """What the AI assist did with one draft in the last build: sent or not, answered, applied, refused
        or failed, and why."""
        report = self.services.assist_report()
        return report.for_entry(entry_id) if report is not None else ()

    def reassign(self, entry_id: str, matter_number: str) -> Outcome:
        """Move a draft to another matter: re-rounded by its policy, a narrative the attorney never wrote
        rewritten for it, and the memory taught."""
        matter = self.services.matters.get(matter_number)
        if matter is None:
            return Outcome(False, f"no matter {matter_number!r}; choose one from the list", (entry_id,))
        before = self._get(entry_id)
        if isinstance(before, Outcome):
            return before
        if before.matter == matter.number and before.kind is EntryKind.BILLABLE:
            return Outcome(True, f"{self.phrase(before)} is already on {matter.number}", (entry_id,))
        old = self.services.matters.get(before.matter) if before.matter else None
        rewrite = not self.attorney_wrote(entry_id, "description")
        changes = reassign_changes(before, matter, self.policy_for(matter), rewrite, old)
        outcome = self._revise(before, changes, f"moved to {matter.number}:", "reassign")
        if outcome.ok:
            keys = reassign_keys(before, matter.number)
            self.memory.learn(keys, matter.number, f"reassign {entry_id}")
            self._undo[before.date].extend_last(lambda: self.memory.forget(keys, matter.number))
        return outcome

    def set_kind(self, entry_id: str, kind: EntryKind) -> Outcome:
        """Mark a draft billable, non-billable (firm administration) or personal."""
        before = self._get(entry_id)
        if isinstance(before, Outcome):
            return before
        changes: dict[str, Any] = {"kind": kind}
        if kind is EntryKind.PERSONAL:
            changes["matter"] = None
        if kind is EntryKind.BILLABLE and before.matter is None:
            return Outcome(False, "assign a matter to make this billable", (entry_id,))
        if kind in (EntryKind.PERSONAL, EntryKind.NONBILLABLE):
            changes["billed_hours"] = Decimal("0.0")
        label = {"nonbillable": "marked non-billable:", "personal": "marked personal:"}.get(
            kind.value, "marked"
        )
        return self._revise(before, changes, label, "kind")

    def discard(self, entry_id: str) -> Outcome:
        before = self._get(entry_id)
        if isinstance(before, Outcome):
            return before
        try:
            self.entries.discard(entry_id, ACTOR)
        except IllegalTransition as exc:
            return Outcome(False, str(exc), (entry_id,))
        self._push(
            before.date,
            f"discard {self.phrase(before)}",
            lambda: self.entries.restore(entry_id, ACTOR),
            [entry_id],
        )
        self._keep_rounding(before.date)
        return Outcome(True, f"discarded {self.phrase(before)}", (entry_id,))

    # --- settings ---

    def setting_groups(self) -> list[SettingGroup]:
        """The settings page: every setting grouped by area, typed, with units, bounds and its origin."""
        return setting_groups(self.services.effective)

    def change_settings(self, values: Mapping[str, str]) -> Outcome:
        """Write the page's settings to the user file, all or none (refused when the policy locks one)."""
        return change_settings(self.services.effective, values)

    # --- building drafts (the hourly job) ---

    def rebuild(self, day: date | None = None) -> Outcome:
        """Sessionize a day again: unreviewed drafts are replaced, reviewed entries stay."""
        ((_, result),) = self.services.build_drafts(day or self.today(), day or self.today())
        return Outcome(True, f"{result.written} drafts built, {result.kept} reviewed entries kept")
