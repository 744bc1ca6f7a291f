"""Reshaping the day's time: split a draft, merge drafts of one matter, and turn away or unbilled time into
an entry (the attorney's "find unbilled time")."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from ledgerwatch.domain import EntryStatus, Span, TimeEntry, day_bounds, subtract_spans
from ledgerwatch.workday.changes import claimed_entry, merge_refused, merged_entry, split_entry
from ledgerwatch.workday.core import ACTOR, WorkdayCore
from ledgerwatch.workday.views import Outcome


class Reshaping(WorkdayCore):
    """split, merge, claim (unbilled or away time), reclaim (away time)."""

    def split(self, entry_id: str, at: datetime) -> Outcome:
        """Cut a draft in two at a moment; each part gets its share of the worked time and its own rounding."""
        entry = self._get(entry_id)
        if isinstance(entry, Outcome):
            return entry
        if entry.status is not EntryStatus.DRAFT:
            return Outcome(False, "only drafts can be split", (entry_id,))
        parts = split_entry(entry, at, self._policy_of(entry.matter))
        if isinstance(parts, str):
            return Outcome(False, parts, (entry_id,))
        return self._replace([entry], parts, "split")

    def merge(self, entry_ids: Sequence[str]) -> Outcome:
        """Join drafts of one matter and one day into one entry, rounded once; anything else changes nothing."""
        ids = list(dict.fromkeys(entry_ids))
        if len(ids) < 2:
            return Outcome(False, "choose at least two drafts to merge", tuple(ids))
        found: list[TimeEntry] = []
        for i in ids:
            entry = self._get(i)
            if isinstance(entry, Outcome):
                return entry
            found.append(entry)
        if any(e.status is not EntryStatus.DRAFT for e in found):
            return Outcome(False, "only drafts can be merged", tuple(ids))
        if len({e.date for e in found}) > 1:
            return Outcome(False, "merge drafts of the same day", tuple(ids))
        refused = merge_refused(found)
        if refused:
            return Outcome(False, refused, tuple(ids))
        found.sort(key=lambda e: e.spans[0].start if e.spans else datetime.max.replace(tzinfo=UTC))
        return self._replace(found, [merged_entry(found, self._policy_of(found[0].matter))], "merge")

    def claim(
        self, day: date, spans: Sequence[Span], matter_number: str, note: str, *, away_only: bool = False
    ) -> Outcome:
        """Keep time no entry holds (unattributed activity, or away time) as an entry for matter, with a note."""
        note = " ".join(note.split())
        if not note:
            return Outcome(False, "say what the time was (the note becomes the narrative)")
        matter = self.services.matters.get(matter_number)
        if matter is None:
            return Outcome(False, f"no matter {matter_number!r}; choose one from the list")
        kept = sorted((s for s in spans if s.seconds), key=lambda s: s.start)
        if not kept:
            return Outcome(False, "the kept time is empty")
        if any(a.overlaps(b) for i, a in enumerate(kept) for b in kept[i + 1 :]):
            return Outcome(False, "the chosen times overlap")
        lo, hi = day_bounds(day, self.zone)
        if kept[0].start < lo or kept[-1].end > hi:
            return Outcome(False, "the time must fall on the day shown")
        view = self.day(day)
        if away_only:
            away = [Span(g.start, g.end) for g in view.segments if g.shade == "away"]
            if subtract_spans(kept, away):
                return Outcome(False, "only time shown as away can be reclaimed")
        if any(s.overlaps(t) for e in view.entries for t in e.spans for s in kept):
            return Outcome(False, "that time already belongs to another entry")
        reason = "away time kept by the attorney" if away_only else "time kept by the attorney"
        entry = claimed_entry(day, kept, matter, note, self.policy_for(matter), reason)
        self.entries.add(entry, ACTOR)

        def revert() -> None:
            self.entries.replace([entry.id], [], "undo claim", ACTOR)

        self._push(day, f"keep {self.phrase(entry)}", revert, [])
        self._keep_rounding(day)
        return Outcome(True, f"kept {self.phrase(entry)}", (entry.id,))

    def reclaim(self, day: date, start: datetime, end: datetime, matter_number: str, note: str) -> Outcome:
        """Keep away time the attorney says was work (a call, a meeting away from the desk), with a note."""
        try:
            span = Span(start, end)
        except ValueError as exc:
            return Outcome(False, str(exc))
        return self.claim(day, [span], matter_number, note, away_only=True)
