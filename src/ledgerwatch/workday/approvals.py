"""Approving the day's drafts (one, or the previewed many), confirming away-from-desk time, and reopening."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from ledgerwatch.domain import EntryStatus, IllegalTransition, TimeEntry, revise
from ledgerwatch.workday.changes import taught_keys
from ledgerwatch.workday.core import ACTOR, WorkdayCore
from ledgerwatch.workday.views import CONFIRM_FLAGS, Outcome, approvable, bulk_ready, confirm_flags


class Approvals(WorkdayCore):
    """approve, approve_many (what the bulk preview showed), approve_above, reopen."""

    def approve(self, entry_id: str, confirm: bool = False) -> Outcome:
        """Approve one draft; one with time from the calendar or passive reading needs confirm=True.

        Confirming clears those flags and records that the attorney confirmed them.
        """
        found = self._get(entry_id)
        if isinstance(found, Outcome):
            return found
        flags = confirm_flags(found)
        if flags and not confirm:
            return Outcome(False, f"confirm first: {' '.join(flags)}", (entry_id,))
        return self._approve_many([found], f"approve {self.phrase(found)}", confirm)

    def approve_many(self, day: date, entry_ids: Sequence[str]) -> Outcome:
        """Approve exactly the drafts the bulk preview listed; refused whole if any is no longer ready."""
        floor = self.settings.sessionize.min_confidence
        found: list[TimeEntry] = []
        for entry_id in dict.fromkeys(entry_ids):
            entry = self._get(entry_id)
            if isinstance(entry, Outcome):
                return entry
            if entry.date != day or not bulk_ready(entry, floor) or confirm_flags(entry):
                return Outcome(
                    False, f"{self.phrase(entry)} is not ready to approve in bulk; reload the page"
                )
            found.append(entry)
        if not found:
            return Outcome(False, "no drafts are ready to approve")
        return self._approve_many(found, f"approve {len(found)} drafts", False)

    def approve_above(self, day: date, confidence: Decimal | None = None) -> Outcome:
        """Approve every draft of the day at or above confidence with a matter, no warning and no flag."""
        floor = self.settings.sessionize.min_confidence if confidence is None else confidence
        ready = [e for e in self.entries.for_day(day) if bulk_ready(e, floor) and not confirm_flags(e)]
        if not ready:
            return Outcome(False, f"no drafts at or above {floor:.0%} confidence without problems")
        return self._approve_many(ready, f"approve {len(ready)} drafts", False)

    def _approve_many(self, found: Sequence[TimeEntry], label: str, confirm: bool) -> Outcome:
        done: list[tuple[TimeEntry, TimeEntry]] = []
        for before in found:
            refused = approvable(before)
            if refused:
                return Outcome(False, refused, (before.id,))
            try:
                done.append((before, self._approve_one(before, confirm)))
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (before.id,))

        def revert() -> None:
            for before, _ in reversed(done):
                self._unapprove_one(before)

        self._push(found[0].date, label, revert, [b.id for b, _ in done])
        n = len(done)
        if n == 1:
            return Outcome(True, f"approved {self.phrase(done[0][1])}", (done[0][1].id,))
        return Outcome(True, f"approved {n} entries", tuple(a.id for _, a in done))

    def _approve_one(self, entry: TimeEntry, confirm: bool = False) -> TimeEntry:
        """Approve (clearing confirmed flags first), and teach memory the entry's evidence for its matter."""
        if confirm and confirm_flags(entry):
            confirmed = tuple(p for p in entry.problems if p.code not in CONFIRM_FLAGS)
            note = "confirmed by the attorney: " + "; ".join(confirm_flags(entry))
            self.entries.change(
                entry.id,
                lambda e: revise(e, problems=confirmed, reasons=(note, *e.reasons)),
                "confirm",
                ACTOR,
            )
        approved = self.entries.approve(entry.id, ACTOR)
        if entry.matter:
            self.memory.learn(taught_keys(entry), entry.matter, f"approve {entry.id}")
        return approved

    def _unapprove_one(self, entry: TimeEntry) -> None:
        """Back to draft as it was before approving (refused once sync has tried); forget what it taught."""
        self.entries.unapprove(entry.id, ACTOR)
        current = self.entries.get(entry.id)
        if (current.problems, current.reasons) != (entry.problems, entry.reasons):
            self.entries.change(
                entry.id,
                lambda e: revise(e, problems=entry.problems, reasons=entry.reasons),
                "undo confirm",
                ACTOR,
            )
        if entry.matter:
            self.memory.forget(taught_keys(entry), entry.matter)

    def reopen(self, entry_id: str) -> Outcome:
        """Back to draft: an approval not yet sent to the provider, or a discard (any day, any session).

        Time a split or merge replaced, or that other entries now cover, is not brought back: no second
        may be in two entries.
        """
        entry = self._get(entry_id)
        if isinstance(entry, Outcome):
            return entry
        if entry.status is EntryStatus.APPROVED:
            try:
                self.entries.unapprove(entry.id, ACTOR)
            except IllegalTransition as exc:
                return Outcome(False, str(exc), (entry_id,))
            if entry.matter:
                self.memory.forget(taught_keys(entry), entry.matter)
            self._push(
                entry.date, f"reopen {self.phrase(entry)}", lambda: self._approve_one(entry), [entry_id]
            )
            return Outcome(True, f"reopened {self.phrase(entry)} as a draft: nothing was sent", (entry_id,))
        if entry.status is EntryStatus.DISCARDED:
            if not self.discarded_by_hand(entry_id):
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
            self._push(
                entry.date,
                f"restore {self.phrase(entry)}",
                lambda: self.entries.discard(entry_id, ACTOR),
                [entry_id],
            )
            self._keep_rounding(entry.date)
            return Outcome(True, f"restored {self.phrase(entry)} as a draft", (entry_id,))
        return Outcome(
            False, f"{self.phrase(entry)} is {entry.status.value}: only approved or discarded entries reopen"
        )

    def discarded_by_hand(self, entry_id: str) -> bool:
        """Discarded by the discard action (not replaced by a split, a merge or an undo)."""
        steps = self.entries.history(entry_id)
        return bool(steps) and steps[-1].action == "discard"
