"""A draft's pieces added up in one pass each: its items (Tally) and what its narrative, evidence and checks
need (Sums)."""

from __future__ import annotations

from collections.abc import Sequence

from ledgerwatch.sessionize.labels import PERSONAL, evidence_of
from ledgerwatch.sessionize.matching import Scores
from ledgerwatch.sessionize.reading import Klass, Role, readable
from ledgerwatch.sessionize.timeline import Piece

_DOCUMENTS = frozenset({Role.DOCUMENT, Role.DOCKET})


class Item:
    """The pieces of one reading (and call, label and way of deciding) in a draft, added up."""

    __slots__ = ("piece", "seconds")

    def __init__(self, piece: Piece) -> None:
        self.piece = piece
        """the first of them: they share its reading, call, label and way of deciding"""
        self.seconds = 0.0


class Tally:
    """A draft's pieces added up in one pass: its items and what its spans, confidence and reasons need."""

    __slots__ = ("calendar", "candidates", "idle", "intervals", "items", "notes", "passive", "playing", "weighted")

    def __init__(self, pieces: Sequence[Piece]) -> None:
        found: dict[tuple[int, str, str | None, str], Item] = {}
        get = found.get
        intervals: list[tuple[float, float]] = []
        weighted: list[float] = []
        notes: dict[str, float] = {}
        idle = passive = playing = 0.0
        calendar: dict[str, float] = {}
        candidates: dict[tuple[str, ...], float] = {}
        span = intervals.append
        weigh = weighted.append
        meeting = Role.MEETING
        for piece in pieces:
            start = piece.start
            end = piece.end
            seconds = end - start
            reading = piece.reading
            label = piece.label
            key = (id(reading), piece.call_summary, label, piece.how)
            item = get(key)
            if item is None:
                item = found[key] = Item(piece)
            item.seconds += seconds
            span((start, end))
            weigh(piece.confidence * seconds)
            note = piece.note
            if note:
                notes[note] = notes.get(note, 0.0) + seconds
            if piece.idle:
                idle += piece.idle
            if piece.passive:
                passive += piece.passive
                if piece.playing:
                    playing += piece.passive
            if label is None and piece.candidates:
                candidates[piece.candidates] = candidates.get(piece.candidates, 0.0) + seconds
            if reading.role is meeting:
                place = reading.tool
                what = f"'{reading.label}'" + (f" at {place}" if place else "")
                if reading.family == "travel":
                    what = f"travel to and from {what}"
                elif piece.overrun:
                    what = f"{what}, running past its slot (estimated: the trip back as long as the trip there)"
                calendar[what] = calendar.get(what, 0.0) + seconds
        self.items = list(found.values())
        """pieces added up per (reading, call, label, how), in first-seen order"""
        self.intervals = intervals
        """each piece's (start, end)"""
        self.weighted = weighted
        """each piece's confidence times its seconds"""
        self.notes = notes
        """reason -> seconds"""
        self.idle = idle
        """seconds of calls kept while the keyboard was idle"""
        self.passive = passive
        """seconds of reading without input, kept because the same window was in front before and after or
        was playing sound"""
        self.playing = playing
        """of those, seconds kept because the page in front was playing sound (a video or recording watched)"""
        self.calendar = calendar
        """calendar events attended away from the desk (and travel) -> seconds"""
        self.candidates = max(sorted(candidates), key=candidates.__getitem__) if candidates else ()
        """for undecided time: the matters its evidence stays close between (most seconds first)"""


class Sums:
    """Items added up once for a draft's narrative, evidence and checks (one pass over the items)."""

    __slots__ = ("ai", "by_kind", "grouped", "labels", "leaned", "lengths", "pointed", "scored", "texts", "tools")

    def __init__(self, items: Sequence[Item], numbers: Sequence[str]) -> None:
        self.lengths: list[float] = []
        """seconds of each item, in order"""
        self.ai: list[float] = []
        """seconds of each item in a generative-AI tool, in order"""
        self.by_kind: dict[str, float] = {}
        """task kind -> seconds"""
        self.labels: dict[str, dict[str, float]] = {}
        """task kind -> what the narrative names -> seconds"""
        self.texts: dict[str, dict[str, float]] = {}
        """task kind -> what the narrative names, in lower case -> seconds (what tells tasks apart)"""
        self.tools: dict[str, dict[str, float]] = {}
        """task kind -> research service or call app -> seconds"""
        self.grouped: dict[tuple[str, str], float] = {}
        """evidence (kind, label) -> seconds"""
        self.pointed: dict[tuple[str, str], str | None] = {}
        """evidence (kind, label) -> the matter it pointed to on its own, if any"""
        self.leaned: dict[tuple[str, str], Scores] = {}
        """evidence (kind, label) that pointed to no one matter -> its own evidence, when its words were close
        between matters (a party's name shared by one client's two matters)"""
        self.scored: dict[str, Scores] = {}
        """what the narrative names -> the evidence of the window it came from (calls: none kept)"""
        lengths, ai, by_kind, labels, tools = self.lengths, self.ai, self.by_kind, self.labels, self.tools
        grouped, pointed, texts = self.grouped, self.pointed, self.texts
        for item in items:
            piece = item.piece
            reading = piece.reading
            seconds = item.seconds
            lengths.append(seconds)
            if reading.klass is Klass.AI:
                ai.append(seconds)
            task = reading.task
            by_kind[task] = by_kind.get(task, 0.0) + seconds
            call = reading.role is Role.CALL
            if call:
                name, folded = _call_named(piece)
                if name and not piece.call_summary:
                    self.scored.setdefault(name, reading.scores)
            else:
                name = readable(reading.named) if reading.role in _DOCUMENTS else reading.named
                folded = reading.folded_text
            if name:
                bucket = labels.get(task)
                if bucket is None:
                    bucket = labels[task] = {}
                bucket[name] = bucket.get(name, 0.0) + seconds
                if not call:
                    self.scored.setdefault(name, reading.scores)
            if folded:
                bucket = texts.get(task)
                if bucket is None:
                    bucket = texts[task] = {}
                bucket[folded] = bucket.get(folded, 0.0) + seconds
            tool = reading.tool
            if tool:
                tool_bucket = tools.setdefault(task, {})
                tool_bucket[tool] = tool_bucket.get(tool, 0.0) + seconds
            label = piece.label
            if call or label == PERSONAL:
                key = evidence_of(reading, piece.call_summary, label)
            else:
                key = reading.shown
            grouped[key] = grouped.get(key, 0.0) + seconds
            if piece.how == "calendar" and label is not None:
                pointed[key] = label
            elif reading.points is not None:
                pointed[key] = numbers[reading.points]
            else:
                pointed.setdefault(key, None)
                scores = reading.scores
                if scores.best is not None or scores.candidates:
                    self.leaned[key] = scores


def _call_named(piece: Piece) -> tuple[str, str]:
    """What a narrative names a call by, and its lower-case text: its calendar event's summary; else who it is
    with ("Dana Whitfield | Microsoft Teams"); else its window's title when that names a matter by itself
    ("Smith v. Acme - deposition prep | Microsoft Teams"); nothing for "Zoom Meeting" (a phone number is no
    person: see reading._named)."""
    summary = piece.call_summary.strip()
    if summary:
        return summary, piece.call_summary.lower()
    reading = piece.reading
    if reading.person:
        name = f"Call with {reading.person}"
        return name, name.lower()
    if reading.scores.best is not None and reading.named:
        return reading.named, reading.named.lower()
    return "", ""
