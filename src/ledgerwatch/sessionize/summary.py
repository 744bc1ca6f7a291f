"""Time per application and title for one local day, away time excluded (`ledgerwatch events summary`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ledgerwatch.domain import AfkPayload, Event, Source, WindowPayload


@dataclass(frozen=True, slots=True)
class SummaryRow:
    app: str
    title: str
    seconds: float


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The UTC instants where the local day starts and ends (DST days are 23 or 25 hours)."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _subtract(start: float, end: float, holes: Sequence[tuple[float, float]]) -> float:
    total = end - start
    for h0, h1 in holes:
        lo, hi = max(start, h0), min(end, h1)
        if hi > lo:
            total -= hi - lo
    return total


def summarize(events: Sequence[Event], day: date, tz: tzinfo) -> list[SummaryRow]:
    """Seconds per (app, title) on day, clipped to the day and with away periods removed, longest first."""
    lo, hi = (m.timestamp() for m in day_bounds(day, tz))
    away = sorted(
        (e.start.timestamp(), e.end.timestamp())
        for e in events
        if e.source is Source.AFK and isinstance(e.payload, AfkPayload) and e.payload.away
    )
    totals: dict[tuple[str, str], float] = {}
    for ev in events:
        if ev.source is not Source.WINDOW or not isinstance(ev.payload, WindowPayload):
            continue
        start, end = max(lo, ev.start.timestamp()), min(hi, ev.end.timestamp())
        if end <= start:
            continue
        seconds = _subtract(start, end, away)
        if seconds > 0:
            key = (ev.payload.app, ev.payload.title)
            totals[key] = totals.get(key, 0.0) + seconds
    rows = [SummaryRow(app, title, secs) for (app, title), secs in totals.items()]
    return sorted(rows, key=lambda r: (-r.seconds, r.app, r.title))
