"""Raw activity as the attorney reads it: stretches of one application and title, and what became of them.

Used by a draft's evidence panel (what was on screen during its spans) and by "find unbilled time" (the day's
activity that no entry holds, and the away periods). Raw activity never leaves the machine: these values
feed only the local review page. Pure: the service reads the event log and hands the events in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ledgerwatch.domain import (
    BrowserTabPayload,
    CallPayload,
    DocumentPayload,
    EmailPayload,
    Event,
    Span,
    subtract_spans,
)

JOIN_GAP = timedelta(seconds=60)
"""events of one application and title this close together read as one stretch"""


@dataclass(frozen=True, slots=True)
class Stretch:
    """A run of one application and title: when, what, and (for the day's timeline) what holds it."""

    start: datetime
    end: datetime
    app: str
    title: str
    state: str = "activity"
    """activity | entry (an entry holds all of it) | unbilled (no entry holds part of it) | away"""
    entry_id: str | None = None
    free: tuple[Span, ...] = ()
    """the parts no entry holds (unbilled or away time the attorney may turn into an entry)"""

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())

    @property
    def free_seconds(self) -> int:
        return sum(s.seconds for s in self.free)


def what_of(event: Event) -> tuple[str, str]:
    """(application, title) of an event in plain words."""
    p = event.payload
    if isinstance(p, BrowserTabPayload):
        return "Browser", p.title or p.url
    if isinstance(p, EmailPayload):
        return "E-mail", p.subject
    if isinstance(p, CallPayload):
        return p.app or "Call", p.title or (p.peer or "call")
    if isinstance(p, DocumentPayload):
        return p.app or "Document", p.path.replace("\\", "/").rsplit("/", 1)[-1]
    app = getattr(p, "app", "") or event.source.value
    title = getattr(p, "title", "") or getattr(p, "summary", "")
    return str(app), str(title)


def stretches(events: Iterable[Event], limit: Sequence[Span] | None = None) -> list[Stretch]:
    """Consecutive events of one application and title joined; clipped to limit's spans when given."""
    out: list[Stretch] = []
    for e in sorted(events, key=lambda e: (e.start, e.end)):
        start, end = e.start, e.end
        if limit is not None:
            inside = [
                (max(start, s.start), min(end, s.end)) for s in limit if s.start < end and start < s.end
            ]
            if not inside:
                continue
            start, end = inside[0][0], inside[-1][1]
        if end <= start:
            continue
        app, title = what_of(e)
        last = out[-1] if out else None
        if last is not None and (last.app, last.title) == (app, title) and start - last.end <= JOIN_GAP:
            out[-1] = Stretch(last.start, max(last.end, end), app, title)
        else:
            out.append(Stretch(start, end, app, title))
    return out


def day_activity(
    events: Iterable[Event], entries: Sequence[tuple[str, Sequence[Span]]], away: Sequence[Span]
) -> list[Stretch]:
    """The day's stretches marked with what holds them, and its away periods, in time order.

    entries are (id, spans) of the live entries; a stretch wholly inside one entry is "entry", one with
    any time outside every entry (and not away) is "unbilled" with those parts as its free spans.
    """
    taken = sorted((s for _, spans in entries for s in spans), key=lambda s: s.start)
    out: list[Stretch] = []
    for st in stretches(events):
        free = tuple(f for f in subtract_spans([Span(st.start, st.end)], [*taken, *away]) if f.seconds >= 1)
        if free:
            out.append(Stretch(st.start, st.end, st.app, st.title, "unbilled", None, free))
            continue
        owner = next(
            (i for i, spans in entries for s in spans if s.start < st.end and st.start < s.end), None
        )
        out.append(Stretch(st.start, st.end, st.app, st.title, "entry" if owner else "activity", owner))
    for s in away:
        free = tuple(subtract_spans([s], taken))
        if free:
            out.append(Stretch(s.start, s.end, "Away", "away from the desk", "away", None, free))
    out.sort(key=lambda s: (s.start, s.end))
    return out
