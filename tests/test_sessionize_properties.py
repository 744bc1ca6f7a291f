"""Invariants of sessionize, checked on random days (hypothesis)."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerwatch.domain import (
    AfkPayload,
    CalendarPayload,
    Client,
    Event,
    Matter,
    ProblemCode,
    RoundingPolicy,
    Source,
    WindowPayload,
)
from ledgerwatch.sessionize import SessionizePolicy, build_drafts

DAY = date(2026, 2, 2)
START = datetime(2026, 2, 2, 7, 0, tzinfo=UTC)
MATTERS = (
    Matter("1001-Smith", Client("Smith, Jordan"), "Smith v. Acme Freight", ("Smith",)),
    Matter("1002-Northwind", Client("Northwind Traders Inc."), "Software license review", ("Northwind",)),
    Matter("1003-Northwind", Client("Northwind Traders Inc."), "Garcia separation", ("Garcia",)),
    Matter(
        "1004-Patel",
        Client("Patel Family"),
        "Estate plan",
        ("Patel",),
        rounding=RoundingPolicy(Decimal("0.25")),
    ),
)
TITLES = (
    ("WINWORD.EXE", "Smith v Acme - Motion.docx - Word"),
    ("WINWORD.EXE", "Northwind DPA.docx - Word"),
    ("WINWORD.EXE", "Document1 - Word"),
    ("OUTLOOK.EXE", "RE: Garcia separation - Message (HTML)"),
    ("OUTLOOK.EXE", "Untitled - Message (HTML)"),
    ("OUTLOOK.EXE", "Inbox - me@firm.law - Outlook"),
    ("chrome.exe", "Westlaw - tolling - Search Results | Client ID: 1004 - Google Chrome"),
    ("chrome.exe", "Westlaw - tolling - Search Results - Google Chrome"),
    ("chrome.exe", "YouTube - Google Chrome"),
    ("Zoom.exe", "Zoom Meeting"),
    ("EXCEL.EXE", "Expense report.xlsx - Excel"),
    ("notepad.exe", "notes.txt - Notepad"),
)

windows = st.lists(
    st.tuples(st.integers(0, 600), st.integers(1, 1800), st.sampled_from(TITLES)), min_size=1, max_size=40
)
aways = st.lists(st.tuples(st.integers(0, 600), st.integers(60, 3600)), max_size=4)
meetings = st.lists(
    st.tuples(
        st.integers(0, 600),
        st.integers(600, 3600),
        st.sampled_from(("Smith: client call", "Garcia weekly check-in", "Firm meeting")),
    ),
    max_size=2,
)


def day(
    spec: list[tuple[int, int, tuple[str, str]]],
    away: list[tuple[int, int]],
    booked: list[tuple[int, int, str]] = (),
) -> list[Event]:  # type: ignore[assignment]
    """Windows placed back to back (with random gaps), away periods and calendar events."""
    events = []
    cursor = START
    for gap, seconds, (app, title) in spec:
        cursor += timedelta(seconds=gap // 10)
        events.append(
            Event(Source.WINDOW, cursor, cursor + timedelta(seconds=seconds), WindowPayload(app, title))
        )
        cursor += timedelta(seconds=seconds)
    for offset, seconds in away:
        begin = START + timedelta(seconds=offset * 30)
        events.append(Event(Source.AFK, begin, begin + timedelta(seconds=seconds), AfkPayload(True)))
    for offset, seconds, summary in booked:
        begin = START + timedelta(seconds=offset * 30)
        events.append(
            Event(Source.CALENDAR, begin, begin + timedelta(seconds=seconds), CalendarPayload(summary))
        )
    return events


def covered(entries, billable_only: bool = True) -> list[tuple[datetime, datetime, str | None]]:  # type: ignore[no-untyped-def]
    return [(s.start, s.end, e.matter) for e in entries for s in e.spans if e.matter or not billable_only]


@settings(max_examples=150, deadline=None)
@given(windows, aways)
def test_no_second_is_billed_twice_and_no_span_overlaps(spec, away) -> None:  # type: ignore[no-untyped-def]
    """A wall-clock second belongs to at most one draft, so never to two matters."""
    entries = build_drafts(day(spec, away), MATTERS, DAY, UTC)
    spans = sorted(covered(entries, billable_only=False))
    for (_, end, _), (start, _, _) in itertools.pairwise(spans):
        assert end <= start


@settings(max_examples=150, deadline=None)
@given(windows, aways, meetings)
def test_billed_never_exceeds_worked_by_more_than_one_increment(spec, away, booked) -> None:  # type: ignore[no-untyped-def]
    """Rounding adds at most one increment (or the minimum) per entry, and worked = sum of spans."""
    policy = SessionizePolicy()
    for entry in build_drafts(day(spec, away, booked), MATTERS, DAY, UTC, policy):
        assert entry.worked_seconds == sum(span.seconds for span in entry.spans)
        matter = next((m for m in MATTERS if m.number == entry.matter), None)
        rounding = matter.rounding if matter is not None and matter.rounding else policy.rounding
        worked_hours = Decimal(entry.worked_seconds) / 3600
        assert entry.billed_hours <= max(worked_hours + rounding.increment, rounding.minimum)


@settings(max_examples=150, deadline=None)
@given(windows, aways)
def test_away_time_is_never_billed_silently(spec, away) -> None:  # type: ignore[no-untyped-def]
    """No draft covers a second the attorney was away unless it says so (reading without input, kept
    because the same window was in front before and after); with passive reading off, none at all."""
    events = day(spec, away)
    gone = [(e.start, e.end) for e in events if e.source is Source.AFK]
    strict = SessionizePolicy(passive_reading_seconds=0)
    for policy in (strict, SessionizePolicy()):
        for entry in build_drafts(events, MATTERS, DAY, UTC, policy):
            flagged = any(p.code is ProblemCode.PASSIVE_READING for p in entry.problems)
            for span in entry.spans:
                overlaps = any(span.start < b and a < span.end for a, b in gone)
                assert not overlaps or (flagged and policy is not strict)


@settings(max_examples=100, deadline=None)
@given(windows, aways, meetings, st.randoms(use_true_random=False))
def test_same_input_gives_the_same_drafts(spec, away, booked, rnd) -> None:  # type: ignore[no-untyped-def]
    """The drafts are a pure function of the events, whatever order they arrive in."""
    events = day(spec, away, booked)
    shuffled = list(events)
    rnd.shuffle(shuffled)
    assert build_drafts(events, MATTERS, DAY, UTC) == build_drafts(shuffled, MATTERS, DAY, UTC)


@settings(max_examples=100, deadline=None)
@given(windows, aways)
def test_worked_time_is_the_present_time(spec, away) -> None:  # type: ignore[no-untyped-def]
    """Nothing is dropped: drafts cover exactly the window time that is not away (passive reading off)."""
    events = day(spec, away)
    entries = build_drafts(events, MATTERS, DAY, UTC, SessionizePolicy(passive_reading_seconds=0))
    present = set()
    gone = set()
    for event in events:
        seconds = range(int(event.start.timestamp()), int(event.end.timestamp()))
        (gone if event.source is Source.AFK else present).update(seconds)
    drafted = sum(entry.worked_seconds for entry in entries)
    assert abs(drafted - len(present - gone)) <= 2 * len(entries) + 2
