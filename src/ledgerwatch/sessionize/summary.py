"""Time per application and title for one local day, away time excluded (`ledgerwatch events summary`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from ledgerwatch.domain import Event, Source, WindowPayload, away_intervals, day_bounds, subtract_intervals


@dataclass(frozen=True, slots=True)
class SummaryRow:
    app: str
    title: str
    seconds: float


def summarize(events: Sequence[Event], day: date, tz: tzinfo) -> list[SummaryRow]:
    """Seconds per (app, title) on day, clipped to the day and with away periods removed, longest first."""
    lo, hi = (m.timestamp() for m in day_bounds(day, tz))
    away = away_intervals(events, lo, hi)
    totals: dict[tuple[str, str], float] = {}
    for ev in events:
        if ev.source is not Source.WINDOW or not isinstance(ev.payload, WindowPayload):
            continue
        start, end = max(lo, ev.start.timestamp()), min(hi, ev.end.timestamp())
        if end <= start:
            continue
        seconds = sum(b - a for a, b in subtract_intervals(start, end, away))
        if seconds > 0:
            key = (ev.payload.app, ev.payload.title)
            totals[key] = totals.get(key, 0.0) + seconds
    rows = [SummaryRow(app, title, secs) for (app, title), secs in totals.items()]
    return sorted(rows, key=lambda r: (-r.seconds, r.app, r.title))
