"""Events for sessionize tests: a day from 13:00 UTC on 2 March 2026, by minutes from then."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ledgerwatch.domain import AfkPayload, Event, Matter, Source, TimeEntry, WindowPayload
from ledgerwatch.sessionize import SessionizePolicy, build_drafts

DAY = date(2026, 3, 2)


def at(minute: float) -> datetime:
    return datetime(2026, 3, 2, 13, 0, tzinfo=UTC) + timedelta(minutes=minute)


def window(start: float, minutes: float, app: str, title: str) -> Event:
    return Event(Source.WINDOW, at(start), at(start + minutes), WindowPayload(app, title))


def seconds_on(entries: list[TimeEntry], matter: str | None) -> int:
    """Seconds the drafts put on matter (None: undecided)."""
    return sum(e.worked_seconds for e in entries if e.matter == matter)


def away(start: float, minutes: float, gone: bool = True) -> Event:
    return Event(Source.AFK, at(start), at(start + minutes), AfkPayload(gone))


def amid(work: str, title: str, matters: tuple[Matter, ...]) -> list[TimeEntry]:
    """Drafts of 20 minutes of one Word document (work), 15 of another (title), 20 of the first again."""
    events = [
        window(0, 20, "WINWORD.EXE", f"{work} - Word"),
        window(20, 15, "WINWORD.EXE", f"{title} - Word"),
        window(35, 20, "WINWORD.EXE", f"{work} - Word"),
    ]
    return build_drafts(events, matters, DAY, UTC, SessionizePolicy())
