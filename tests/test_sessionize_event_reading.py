"""Reading events fast for sessionizing: the shortcuts keep every Event invariant and every stored value."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from ledgerwatch.domain import (
    AfkPayload,
    CalendarPayload,
    EmailPayload,
    Event,
    Source,
    WindowPayload,
    require_utc,
)
from ledgerwatch.store import EventLog, open_database

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class TaggedWindow(WindowPayload):
    """A payload subclass: still a window payload."""

    tag: str = ""


def test_utc_times_are_kept_and_other_zones_become_utc() -> None:
    """An event's times are the same instants in UTC, whatever zone they came in."""
    plus_two = timezone(timedelta(hours=2))
    event = Event(Source.WINDOW, T0, datetime(2026, 3, 2, 12, 0, tzinfo=plus_two), WindowPayload("a", "b"))
    assert event.start is T0
    assert event.end == T0 + timedelta(hours=1)
    assert event.end.tzinfo is UTC
    assert require_utc(T0) is T0
    assert require_utc(datetime(2026, 3, 2, 11, 0, tzinfo=plus_two)).tzinfo is UTC


def test_the_fast_path_still_refuses_naive_times_reversed_times_and_wrong_payloads() -> None:
    """Naive times, an end before the start and a payload of another source are still refused."""
    with pytest.raises(ValueError, match="event start"):
        Event(Source.WINDOW, datetime(2026, 3, 2, 9), T0, WindowPayload("a", "b"))
    with pytest.raises(ValueError, match="event end"):
        Event(Source.WINDOW, T0, datetime(2026, 3, 2, 10), WindowPayload("a", "b"))
    with pytest.raises(ValueError, match="ends before"):
        Event(Source.WINDOW, T0, T0 - timedelta(seconds=1), WindowPayload("a", "b"))
    with pytest.raises(TypeError, match="AfkPayload"):
        Event(Source.AFK, T0, T0, WindowPayload("a", "b"))
    with pytest.raises(ValueError, match="naive"):
        require_utc(datetime(2026, 3, 2, 9))


def test_payload_subclasses_are_still_accepted_for_their_source() -> None:
    """A subclass of a source's payload type is that source's payload."""
    event = Event(Source.WINDOW, T0, T0, TaggedWindow("a", "b", tag="x"))
    assert isinstance(event.payload, WindowPayload)
    with pytest.raises(TypeError):
        Event(Source.BROWSER, T0, T0, TaggedWindow("a", "b"))


def test_repeated_payloads_and_instants_read_back_equal(tmp_path: Path) -> None:
    """Events sharing payloads and boundaries come back equal to what was written, tuples as tuples."""
    meeting = CalendarPayload("Call re Okafor", attendees=("a@x.com", "b@y.com"))
    mail = EmailPayload("RE: Okafor", recipients=("c@z.com",))
    written = []
    for i in range(6):
        start = T0 + timedelta(seconds=30 * i)
        title = "Okafor - Brief.docx - Word" if i % 2 else "Inbox - Outlook"
        written.append(Event(Source.WINDOW, start, start + timedelta(seconds=30), WindowPayload("w", title)))
    written.append(Event(Source.CALENDAR, T0, T0 + timedelta(minutes=30), meeting))
    written.append(Event(Source.CALENDAR, T0 + timedelta(hours=1), T0 + timedelta(hours=2), meeting))
    written.append(Event(Source.EMAIL, T0, T0 + timedelta(minutes=1), mail))
    written.append(Event(Source.AFK, T0, T0 + timedelta(minutes=5), AfkPayload(True, note="lunch")))
    db = open_database(tmp_path / "lw.db")
    try:
        log = EventLog(db)
        log.add_many(written)
        read = log.between(T0, T0 + timedelta(hours=3))
    finally:
        db.dispose()
    assert [(e.source, e.start, e.end, e.payload) for e in read] == sorted(
        ((e.source, e.start, e.end, e.payload) for e in written), key=lambda row: row[1]
    )
    calendar = [e for e in read if e.source is Source.CALENDAR]
    assert calendar[0].payload.attendees == ("a@x.com", "b@y.com")  # type: ignore[union-attr]
    assert all(e.start.tzinfo is UTC and e.end.tzinfo is UTC for e in read)
    assert all(e.id is not None for e in read)


@pytest.mark.parametrize("enabled", [True, False])
def test_reading_leaves_the_garbage_collector_as_it_was(tmp_path: Path, enabled: bool) -> None:
    """A read pauses the cyclic collector only while it builds events, then restores its state."""
    db = open_database(tmp_path / "lw.db")
    was = gc.isenabled()
    try:
        log = EventLog(db)
        log.add_many([Event(Source.WINDOW, T0, T0 + timedelta(seconds=5), WindowPayload("a", "b"))])
        if not enabled:
            gc.disable()
        assert len(log.between(T0, T0 + timedelta(hours=1))) == 1
        assert gc.isenabled() is enabled
    finally:
        if was:
            gc.enable()
        db.dispose()
