"""ICS calendars: the sample, recurrence expansion, declined and all-day events, and bad input."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledgerwatch import samples
from ledgerwatch.domain import CalendarPayload, Source
from ledgerwatch.importers import ImportFailed, read_ics

SAMPLE = samples.week() / "calendar.ics"
NEW_YORK = ZoneInfo("America/New_York")


def ics(tmp_path: Path, *events: str, header: str = "", name: str = "cal.ics") -> Path:
    """A calendar file with the given VEVENT bodies, CRLF line endings as RFC 5545 wants."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN", *header.split("\n")]
    for body in events:
        lines += ["BEGIN:VEVENT", *body.strip().split("\n"), "END:VEVENT"]
    lines.append("END:VCALENDAR")
    path = tmp_path / name
    path.write_bytes("\r\n".join(line for line in lines if line).encode() + b"\r\n")
    return path


def test_sample_calendar_imports_eight_meetings() -> None:
    """The sample week's eight meetings come through with summary, location, attendees and uid."""
    batch = read_ics(SAMPLE, NEW_YORK)
    assert len(batch.events) == 8
    assert all(e.source is Source.CALENDAR for e in batch.events)
    first = batch.events[0]
    assert first.start == datetime(2026, 2, 2, 11, 46, 41, tzinfo=UTC)
    assert first.end == datetime(2026, 2, 2, 12, 1, 41, tzinfo=UTC)
    assert first.payload == CalendarPayload(
        summary="Garcia weekly check-in",
        location="Microsoft Teams Meeting",
        attendees=("someone@northwindtraders.com",),
        uid="0000-desktop-mcole@calendar",
    )
    assert batch.events[-1].start == datetime(2026, 2, 6, 14, 18, 26, tzinfo=UTC)
    assert all(e.start.tzinfo is UTC for e in batch.events)


def test_attendees_are_lowercased_mailto_addresses_without_repeats(tmp_path: Path) -> None:
    """Attendees keep only e-mail addresses, lowercased, in order, each once."""
    path = ics(
        tmp_path,
        """
UID:a
DTSTART:20260302T140000Z
DTEND:20260302T150000Z
SUMMARY:Call
ATTENDEE;CN=Ann:MAILTO:Ann@Example.COM
ATTENDEE:urn:uuid:123
ATTENDEE:mailto:bob@example.com
ATTENDEE:mailto:ann@example.com
""",
    )
    (event,) = read_ics(path, UTC).events
    assert event.payload.attendees == ("ann@example.com", "bob@example.com")  # type: ignore[union-attr]


WEEKLY = """
UID:weekly-1
DTSTART;TZID=America/New_York:20260302T090000
DTEND;TZID=America/New_York:20260302T093000
RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20260330T235959Z
EXDATE;TZID=America/New_York:20260316T090000
SUMMARY:Team meeting
"""


def test_weekly_rule_expands_in_local_time_across_dst(tmp_path: Path) -> None:
    """A weekly 9:00 meeting stays at 9:00 New York time after DST starts; EXDATE removes a week."""
    batch = read_ics(ics(tmp_path, WEEKLY), UTC)
    starts = [e.start for e in batch.events]
    assert starts == [
        datetime(2026, 3, 2, 14, 0, tzinfo=UTC),  # EST, UTC-5
        datetime(2026, 3, 9, 13, 0, tzinfo=UTC),  # EDT, UTC-4 (DST began 8 March)
        datetime(2026, 3, 23, 13, 0, tzinfo=UTC),
        datetime(2026, 3, 30, 13, 0, tzinfo=UTC),
    ]
    assert all(e.duration == timedelta(minutes=30) for e in batch.events)
    assert {e.payload.uid for e in batch.events} == {"weekly-1"}  # type: ignore[union-attr]
    assert all(e.payload.recurring for e in batch.events)  # type: ignore[union-attr]
    (one_off,) = read_ics(ics(tmp_path, "UID:o\nDTSTART:20260302T090000Z\nSUMMARY:Team meeting"), UTC).events
    assert one_off.payload.recurring is False  # type: ignore[union-attr]


def test_recurrence_is_limited_to_the_requested_range(tmp_path: Path) -> None:
    """Only occurrences overlapping [start, end) are returned."""
    start = datetime(2026, 3, 9, tzinfo=UTC)
    end = datetime(2026, 3, 24, tzinfo=UTC)
    batch = read_ics(ics(tmp_path, WEEKLY), UTC, start, end)
    assert [e.start.date().isoformat() for e in batch.events] == ["2026-03-09", "2026-03-23"]


def test_unbounded_rule_defaults_to_one_year_from_earliest_start(tmp_path: Path) -> None:
    """Without bounds, an endless daily rule expands from its DTSTART for one year (365 days)."""
    path = ics(
        tmp_path, "UID:d\nDTSTART:20260101T090000Z\nDURATION:PT15M\nRRULE:FREQ=DAILY\nSUMMARY:Stand-up"
    )
    batch = read_ics(path, UTC)
    assert len(batch.events) == 365
    assert batch.events[0].start == datetime(2026, 1, 1, 9, tzinfo=UTC)
    assert batch.events[-1].start == datetime(2026, 12, 31, 9, tzinfo=UTC)


def test_default_range_reaches_a_year_past_the_latest_start(tmp_path: Path) -> None:
    """An old single event does not stop a newer series from expanding: the default end is a year
    after the latest DTSTART."""
    path = ics(
        tmp_path,
        "UID:old\nDTSTART:20200106T090000Z\nSUMMARY:Old meeting",
        "UID:w\nDTSTART:20260105T090000Z\nRRULE:FREQ=WEEKLY\nSUMMARY:Weekly",
    )
    weekly = [e for e in read_ics(path, UTC).events if e.payload.uid == "w"]  # type: ignore[union-attr]
    assert len(weekly) == 53
    assert weekly[-1].start == datetime(2027, 1, 4, 9, tzinfo=UTC)


def test_count_and_rdate_are_honoured(tmp_path: Path) -> None:
    """COUNT limits a rule and RDATE adds an occurrence."""
    path = ics(
        tmp_path,
        "UID:c\nDTSTART:20260302T100000Z\nDTEND:20260302T110000Z\nRRULE:FREQ=DAILY;COUNT=3\n"
        "RDATE:20260310T100000Z\nSUMMARY:Depositions",
    )
    starts = [e.start.day for e in read_ics(path, UTC).events]
    assert starts == [2, 3, 4, 10]


def test_recurrence_id_overrides_one_occurrence(tmp_path: Path) -> None:
    """A VEVENT with RECURRENCE-ID replaces that occurrence: moved time and new summary."""
    moved = """
UID:weekly-1
RECURRENCE-ID;TZID=America/New_York:20260309T090000
DTSTART;TZID=America/New_York:20260309T150000
DTEND;TZID=America/New_York:20260309T160000
SUMMARY:Team meeting (moved)
"""
    batch = read_ics(ics(tmp_path, WEEKLY, moved), UTC)
    march_9 = [e for e in batch.events if e.start.date().day == 9]
    assert len(march_9) == 1
    assert march_9[0].start == datetime(2026, 3, 9, 19, 0, tzinfo=UTC)
    assert march_9[0].payload.summary == "Team meeting (moved)"  # type: ignore[union-attr]
    assert len(batch.events) == 4


def test_all_day_events_span_the_local_day(tmp_path: Path) -> None:
    """A DATE event is kept, marked all_day, from local midnight to the next in tz."""
    path = ics(tmp_path, "UID:h\nDTSTART;VALUE=DATE:20260305\nSUMMARY:Trial prep day")
    (event,) = read_ics(path, NEW_YORK).events
    assert event.payload.all_day is True  # type: ignore[union-attr]
    assert event.start == datetime(2026, 3, 5, 5, 0, tzinfo=UTC)
    assert event.end == datetime(2026, 3, 6, 5, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("extra", "free"),
    [
        ("TRANSP:TRANSPARENT", True),
        ("TRANSP:OPAQUE\nX-MICROSOFT-CDO-BUSYSTATUS:FREE", True),
        ("TRANSP:OPAQUE\nX-MICROSOFT-CDO-BUSYSTATUS:BUSY", False),
        ("X-MICROSOFT-CDO-BUSYSTATUS:TENTATIVE", False),
        ("", False),
    ],
)
def test_events_shown_as_free_are_marked(tmp_path: Path, extra: str, free: bool) -> None:
    """Focus time and reminders are shown as free (RFC 5545 TRANSP, Outlook's show-as): marked, kept."""
    path = ics(tmp_path, f"UID:f\nDTSTART:20260302T090000Z\nDTEND:20260302T110000Z\nSUMMARY:Focus time\n{extra}")
    (event,) = read_ics(path, UTC).events
    assert event.payload.free is free  # type: ignore[union-attr]


def test_multi_day_all_day_event_ends_at_dtend_midnight(tmp_path: Path) -> None:
    """DTEND of an all-day event is exclusive: 5-7 March is three local days."""
    path = ics(tmp_path, "UID:h\nDTSTART;VALUE=DATE:20260305\nDTEND;VALUE=DATE:20260308\nSUMMARY:Trial")
    (event,) = read_ics(path, UTC).events
    assert event.duration == timedelta(days=3)


def test_floating_times_are_in_the_given_zone(tmp_path: Path) -> None:
    """A time without TZID or Z is local time in tz."""
    path = ics(tmp_path, "UID:f\nDTSTART:20260302T090000\nDTEND:20260302T100000\nSUMMARY:Floating")
    (event,) = read_ics(path, NEW_YORK).events
    assert event.start == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("extra", "header", "owner", "declined"),
    [
        ("STATUS:CANCELLED", "", (), True),
        ("SUMMARY:Canceled: Team meeting", "", (), True),
        ("SUMMARY:Team meeting - POSTPONED", "", (), True),
        ("SUMMARY:Team meeting on cancelled policy", "", (), False),
        ("ATTENDEE;PARTSTAT=DECLINED:mailto:Me@Firm.com", "", ("me@firm.com",), True),
        ("ATTENDEE;PARTSTAT=DECLINED:mailto:me@firm.com", "X-WR-CALNAME:me@firm.com", (), True),
        ("ATTENDEE;PARTSTAT=DECLINED:mailto:other@client.com", "", ("me@firm.com",), False),
        ("ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@firm.com", "", ("me@firm.com",), False),
        ("STATUS:CONFIRMED", "", (), False),
    ],
)
def test_declined_events_are_kept_and_marked(
    tmp_path: Path, extra: str, header: str, owner: tuple[str, ...], declined: bool
) -> None:
    """Cancelled events and invitations the owner declined are kept, marked declined; others are not."""
    body = f"UID:x\nDTSTART:20260302T140000Z\nDTEND:20260302T150000Z\n{extra}"
    if "SUMMARY" not in extra:
        body += "\nSUMMARY:Team meeting"
    (event,) = read_ics(ics(tmp_path, body, header=header), UTC, owner=owner).events
    assert event.payload.declined is declined  # type: ignore[union-attr]


def _invitation(uid: str, day: int, *attendees: str, organizer: str = "boss@client.com") -> str:
    people = "".join(f"\nATTENDEE;PARTSTAT={status}:mailto:{address}" for address, status in map(str.split, attendees))
    return (
        f"UID:{uid}\nDTSTART:202603{day:02d}T140000Z\nDTEND:202603{day:02d}T150000Z\nSUMMARY:Call {uid}"
        f"\nORGANIZER:mailto:{organizer}{people}"
    )


def test_an_outlook_export_declines_for_the_address_on_every_invitation(tmp_path: Path) -> None:
    """Outlook's export of one's own calendar names no owner, but the owner is on every invitation: the
    invitation that address declined is marked declined (it was billed as attended), another's refusal is not."""
    path = ics(
        tmp_path,
        _invitation("a", 2, "me@firm.com ACCEPTED", "ann@client.com ACCEPTED"),
        _invitation("b", 3, "me@firm.com ACCEPTED", "bob@other.com DECLINED"),
        _invitation("c", 4, "me@firm.com DECLINED", "ann@client.com ACCEPTED"),
        _invitation("d", 5, "ann@client.com ACCEPTED", organizer="me@firm.com"),
        "UID:e\nDTSTART:20260306T140000Z\nDTEND:20260306T150000Z\nSUMMARY:Focus time",
    )
    declined = {e.payload.uid: e.payload.declined for e in read_ics(path, UTC).events}  # type: ignore[union-attr]
    assert declined == {"a": False, "b": False, "c": True, "d": False, "e": False}


def test_a_shared_calendar_with_no_owner_on_every_invitation_declines_nothing(tmp_path: Path) -> None:
    """A team calendar lists different people on each event: no address is its owner, so a refusal by one
    of them is no refusal of the calendar's owner."""
    path = ics(
        tmp_path,
        _invitation("a", 2, "amy@firm.com ACCEPTED", organizer="x@client.com"),
        _invitation("b", 3, "ben@firm.com DECLINED", organizer="y@client.com"),
        _invitation("c", 4, "cat@firm.com ACCEPTED", organizer="z@client.com"),
        _invitation("d", 5, "amy@firm.com DECLINED", "ben@firm.com DECLINED", organizer="w@client.com"),
    )
    assert not any(e.payload.declined for e in read_ics(path, UTC).events)  # type: ignore[union-attr]


def test_explicit_range_filters_single_events(tmp_path: Path) -> None:
    """With bounds, only events overlapping [start, end) are kept."""
    path = ics(
        tmp_path,
        "UID:1\nDTSTART:20260301T090000Z\nDTEND:20260301T100000Z\nSUMMARY:Before",
        "UID:2\nDTSTART:20260302T090000Z\nDTEND:20260302T100000Z\nSUMMARY:Inside",
        "UID:3\nDTSTART:20260303T090000Z\nDTEND:20260303T100000Z\nSUMMARY:After",
    )
    start, end = datetime(2026, 3, 2, tzinfo=UTC), datetime(2026, 3, 3, tzinfo=UTC)
    batch = read_ics(path, UTC, start, end)
    assert [e.payload.summary for e in batch.events] == ["Inside"]  # type: ignore[union-attr]
    assert len(read_ics(path, UTC).events) == 3


def test_todos_are_counted_and_skipped(tmp_path: Path) -> None:
    """VTODO components add no events and are counted in skipped."""
    path = ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nSUMMARY:Meeting")
    text = path.read_text().replace(
        "END:VCALENDAR", "BEGIN:VTODO\r\nUID:t\r\nSUMMARY:File brief\r\nEND:VTODO\r\nEND:VCALENDAR"
    )
    path.write_text(text)
    batch = read_ics(path, UTC)
    assert len(batch.events) == 1
    assert dict(batch.skipped) == {"component VTODO": 1}


def test_event_without_end_is_a_moment(tmp_path: Path) -> None:
    """A timed event without DTEND or DURATION lasts no time."""
    (event,) = read_ics(ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nSUMMARY:Reminder"), UTC).events
    assert event.start == event.end


# --- bad input ---


def failure(path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        read_ics(path, UTC)
    assert str(caught.value).startswith(f"{path}:")
    assert "\n" not in str(caught.value)
    return caught.value


def test_not_utf8_fails_with_position(tmp_path: Path) -> None:
    """An ICS file in Latin-1 fails at the first undecodable byte's line."""
    path = ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nSUMMARY:Réunion")
    path.write_bytes(path.read_bytes().replace("é".encode(), b"\xe9"))
    error = failure(path)
    assert error.line == 7
    assert "not UTF-8" in error.reason
    assert "UTF-8" in error.reason


def test_not_a_calendar_fails_at_line_one(tmp_path: Path) -> None:
    """A file that does not start with BEGIN:VCALENDAR is rejected at line 1."""
    path = tmp_path / "notes.ics"
    path.write_text("hello\n")
    error = failure(path)
    assert error.line == 1
    assert "BEGIN:VCALENDAR" in error.reason


def test_missing_dtstart_fails_at_the_event(tmp_path: Path) -> None:
    """A VEVENT without DTSTART fails at its BEGIN:VEVENT line."""
    path = ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nSUMMARY:Ok", "UID:2\nSUMMARY:No start")
    error = failure(path)
    assert error.line == 9
    assert "event #2: event has no DTSTART" in error.reason


def test_broken_dtstart_fails_at_its_line(tmp_path: Path) -> None:
    """An unreadable DTSTART fails at the DTSTART line, saying what was expected."""
    path = ics(tmp_path, "UID:1\nSUMMARY:Bad\nDTSTART:2026-13-45")
    error = failure(path)
    assert error.line == 7
    assert "event #1: DTSTART is unreadable" in error.reason
    assert "2026-13-45" in error.reason


def test_end_before_start_fails(tmp_path: Path) -> None:
    """DTEND earlier than DTSTART is an error at the DTEND line."""
    path = ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nDTEND:20260301T080000Z\nSUMMARY:Backwards")
    error = failure(path)
    assert error.line == 7
    assert "DTEND is before DTSTART" in error.reason


def test_nonexistent_file_fails() -> None:
    """A missing calendar file fails naming the file."""
    with pytest.raises(ImportFailed, match=r"^/nope/cal\.ics: file does not exist$"):
        read_ics(Path("/nope/cal.ics"), UTC)


def test_naive_bounds_are_a_programmer_error(tmp_path: Path) -> None:
    """Range bounds must be aware; a naive bound raises ValueError, not ImportFailed."""
    with pytest.raises(ValueError, match="aware"):
        read_ics(ics(tmp_path, WEEKLY), UTC, datetime(2026, 3, 1))


def test_unreadable_rrule_fails_at_its_line(tmp_path: Path) -> None:
    """An RRULE that cannot be understood fails at the RRULE line."""
    path = ics(tmp_path, "UID:1\nDTSTART:20260301T090000Z\nRRULE:FREQ=SOMETIMES\nSUMMARY:Odd")
    error = failure(path)
    assert error.line == 7
    assert "RRULE" in error.reason


def test_outlook_windows_timezone_with_vtimezone(tmp_path: Path) -> None:
    """An Outlook TZID such as 'Eastern Standard Time' is resolved through the file's VTIMEZONE."""
    vtimezone = "\n".join(
        [
            "BEGIN:VTIMEZONE",
            "TZID:Eastern Standard Time",
            "BEGIN:STANDARD",
            "DTSTART:16011104T020000",
            "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
            "TZOFFSETFROM:-0400",
            "TZOFFSETTO:-0500",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:16010311T020000",
            "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
            "TZOFFSETFROM:-0500",
            "TZOFFSETTO:-0400",
            "END:DAYLIGHT",
            "END:VTIMEZONE",
        ]
    )
    body = (
        "UID:o\nDTSTART;TZID=Eastern Standard Time:20260302T090000\n"
        "DTEND;TZID=Eastern Standard Time:20260302T100000\nSUMMARY:Outlook"
    )
    (event,) = read_ics(ics(tmp_path, body, header=vtimezone), UTC).events
    assert event.start == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_long_occurrence_started_before_the_range_is_kept(tmp_path: Path) -> None:
    """A three-day weekly occurrence that began before the range but runs into it is returned."""
    path = ics(
        tmp_path,
        "UID:t\nDTSTART:20260302T090000Z\nDURATION:P3D\nRRULE:FREQ=WEEKLY;COUNT=2\nSUMMARY:Trial",
    )
    batch = read_ics(path, UTC, datetime(2026, 3, 11, 12, tzinfo=UTC), datetime(2026, 3, 20, tzinfo=UTC))
    assert [e.start for e in batch.events] == [datetime(2026, 3, 9, 9, tzinfo=UTC)]
