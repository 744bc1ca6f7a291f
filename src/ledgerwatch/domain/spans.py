"""Time algebra shared by every stage: local day bounds, interval union and subtraction, away periods.

Two forms of the same rules: ``Span`` (aware datetimes, for records) and ``Interval`` (epoch seconds as
floats, for sessionize's hot loops, where building datetimes per event would dominate).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ledgerwatch.domain.entries import Span
from ledgerwatch.domain.events import AfkPayload, Event, Source

Interval = tuple[float, float]
"""[start, end) in epoch seconds"""


def day_bounds(day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where a local day starts and ends (DST days are 23 or 25 hours)."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start.astimezone(UTC), end.astimezone(UTC)


def merge_intervals(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, non-overlapping union of intervals (empty ones dropped)."""
    merged: list[list[float]] = []
    for start, end in sorted(intervals):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1][1] = end
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


def subtract_intervals(start: float, end: float, holes: Sequence[Interval], first: int = 0) -> list[Interval]:
    """[start, end) minus sorted, merged holes (searching from index first)."""
    parts: list[Interval] = []
    cursor = start
    i = bisect_left(holes, (start, start), lo=first) - 1 if holes else 0
    i = max(i, 0)
    while i < len(holes) and holes[i][0] < end:
        hole_start, hole_end = holes[i]
        if hole_end > cursor:
            if hole_start > cursor:
                parts.append((cursor, min(hole_start, end)))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
        i += 1
    if cursor < end:
        parts.append((cursor, end))
    return parts


def away_intervals(events: Iterable[Event], lo: float, hi: float) -> list[Interval]:
    """Merged away periods (AFK events saying away) clipped to [lo, hi)."""
    return merge_intervals(
        (max(e.start.timestamp(), lo), min(e.end.timestamp(), hi))
        for e in events
        if e.source is Source.AFK and isinstance(e.payload, AfkPayload) and e.payload.away
    )


def away_spans(events: Iterable[Event], bounds: tuple[datetime, datetime]) -> list[Span]:
    """Merged away periods from AFK events, clipped to bounds."""
    lo, hi = bounds
    merged: list[list[datetime]] = []
    for start, end in sorted(
        (max(e.start, lo), min(e.end, hi))
        for e in events
        if e.source is Source.AFK and isinstance(e.payload, AfkPayload) and e.payload.away
    ):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [Span(s, e) for s, e in merged]


def subtract_span(span: Span, taken: Iterable[Span]) -> list[Span]:
    """The parts of span not covered by taken."""
    parts = [span]
    for cut in sorted(taken, key=lambda s: s.start):
        out: list[Span] = []
        for part in parts:
            if not part.overlaps(cut):
                out.append(part)
                continue
            if part.start < cut.start:
                out.append(Span(part.start, cut.start))
            if cut.end < part.end:
                out.append(Span(cut.end, part.end))
        parts = out
    return parts


def subtract_spans(spans: Iterable[Span], taken: Sequence[Span]) -> list[Span]:
    """Every span minus taken."""
    return [part for s in spans for part in subtract_span(s, [t for t in taken if t.overlaps(s)])]


def split_spans(spans: Sequence[Span], at: datetime) -> tuple[list[Span], list[Span]]:
    """Spans before and after a moment (a span that contains it is cut in two)."""
    before: list[Span] = []
    after: list[Span] = []
    for s in spans:
        if s.end <= at:
            before.append(s)
        elif s.start >= at:
            after.append(s)
        else:
            before.append(Span(s.start, at))
            after.append(Span(at, s.end))
    return before, after
