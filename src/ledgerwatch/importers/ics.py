"""iCalendar (.ics) files read into calendar events.

Rules:
- Each VEVENT becomes CALENDAR events with summary, location, attendees (mailto addresses,
  lowercased, in order, without repeats), uid, start and end in UTC.
- Recurring events (RRULE, RDATE, EXDATE, and RECURRENCE-ID overrides) are expanded over
  [start, end). A missing start is the earliest DTSTART in the file; a missing end is one year after
  the latest DTSTART (or after start, if later), so an old event does not starve a newer series.
  Given bounds also filter single events (kept if they overlap the range); defaulted bounds only
  limit recurrences.
- All-day events (DATE values) are kept, marked all_day, spanning local midnights in tz.
- Events shown as free (TRANSP:TRANSPARENT, or Outlook's X-MICROSOFT-CDO-BUSYSTATUS:FREE) are kept, marked free.
- Floating times (no TZID, no Z) are in tz.
- Declined events are kept, marked declined: STATUS:CANCELLED, a subject that says it was called off (Outlook's
  "Canceled:", "... - POSTPONED": domain.called_off), or an
  ATTENDEE with PARTSTAT=DECLINED who is the calendar's owner (an owner address passed in, or the
  X-WR-CALNAME of a Google export, which is the owner's address; else the one address on nearly every event
  that lists people, as an Outlook export of one's own calendar has).
- Without DTEND or DURATION an event lasts one day (all-day) or no time (timed), per RFC 5545.
- VTODO, VJOURNAL and VFREEBUSY components are counted in skipped.
- Each event's origin is "ics", or "ics:<calendar name>" when the file names its calendar.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo
from pathlib import Path
from typing import Any

from dateutil.relativedelta import relativedelta
from icalendar import Calendar, Component

from ledgerwatch.domain import CalendarPayload, Event, Source, called_off, require_utc
from ledgerwatch.domain.sensitive import redact_payload
from ledgerwatch.importers.batch import ImportBatch
from ledgerwatch.importers.errors import ImportFailed
from ledgerwatch.importers.files import read_text
from ledgerwatch.importers.recurrence import RecurrenceError, instant, occurrences

SKIPPED_COMPONENTS = ("VTODO", "VJOURNAL", "VFREEBUSY")
_TIME_PROPS = frozenset({"DTSTART", "DTEND", "DURATION", "RRULE", "RDATE", "EXDATE", "RECURRENCE-ID"})
_BEGIN_EVENT = re.compile(r"^BEGIN:VEVENT[ \t]*\r?$", re.MULTILINE | re.IGNORECASE)


def read_ics(
    path: Path,
    tz: tzinfo,
    start: datetime | None = None,
    end: datetime | None = None,
    *,
    owner: Iterable[str] = (),
) -> ImportBatch:
    """The calendar's events over [start, end), recurrences expanded; ImportFailed otherwise.

    owner: the attorney's own addresses, to recognise invitations they declined.
    """
    path = Path(path)
    text = read_text(path, hint=" (export or save the calendar as UTF-8)")
    calendars = _parse(path, text)
    reader = _Reader(path, text, tz)
    owners = {address.strip().lower() for address in owner}
    vevents: list[_VEvent] = []
    for calendar in calendars:
        name = str(calendar.get("X-WR-CALNAME", "")).strip()
        origin = f"ics:{name}" if name else "ics"
        mine = owners | ({name.lower()} if "@" in name else set())
        if not mine:
            mine = _inferred_owner(calendar.walk("VEVENT"))
        vevents.extend(reader.read(vevent, origin, mine) for vevent in calendar.walk("VEVENT"))
    window = _window(start, end, vevents)
    overridden = {(o.uid, o.anchor) for o in vevents if o.is_override}
    events = [event for o in vevents for event in reader.expand(o, window, overridden)]
    skipped: dict[str, int] = {}
    for calendar in calendars:
        for name in SKIPPED_COMPONENTS:
            if count := len(calendar.walk(name)):
                skipped[f"component {name}"] = skipped.get(f"component {name}", 0) + count
    return ImportBatch.of(path, events, skipped)


@dataclass(frozen=True, slots=True)
class _Range:
    """[start, end) in UTC; explicit when the caller gave at least one bound."""

    start: datetime
    end: datetime
    explicit: bool

    def overlaps(self, start: datetime, end: datetime) -> bool:
        return start < self.end and (end > self.start or start >= self.start)


@dataclass(frozen=True, slots=True)
class _VEvent:
    """One VEVENT, read and checked: its first start, length, recurrence and payload."""

    number: int
    uid: str
    dtstart: date | datetime
    anchor: datetime
    """the instant naming this VEVENT: DTSTART, or RECURRENCE-ID for an override"""
    length: timedelta
    all_day: bool
    is_override: bool
    rules: tuple[Any, ...]
    rdates: tuple[Any, ...]
    exdates: tuple[Any, ...]
    payload: CalendarPayload
    origin: str


def _parse(path: Path, text: str) -> list[Calendar]:
    body = text.lstrip()
    if body.split("\n", 1)[0].strip().upper() != "BEGIN:VCALENDAR":
        line = text[: len(text) - len(body)].count("\n") + 1
        raise ImportFailed(path, "not an iCalendar file: it must start with BEGIN:VCALENDAR", line)
    try:
        return list(Calendar.from_ical(text, multiple=True))
    except (ValueError, IndexError, KeyError) as exc:
        raise ImportFailed(path, f"cannot parse the calendar: {str(exc)[:200]}") from None


def _window(start: datetime | None, end: datetime | None, read: list[_VEvent]) -> _Range:
    """The range to expand recurrences over, from the given bounds or the file's DTSTARTs."""
    lo = require_utc(start, "range start") if start is not None else None
    hi = require_utc(end, "range end") if end is not None else None
    anchors = [v.anchor for v in read] or [datetime(1970, 1, 1, tzinfo=UTC)]
    if lo is None:
        lo = min(anchors)
    if hi is None:
        hi = max(lo, *anchors) + relativedelta(years=1)
    return _Range(lo, hi, start is not None or end is not None)


class _Reader:
    """Reads VEVENTs of one file, knowing where each starts so errors can name a line."""

    def __init__(self, path: Path, text: str, tz: tzinfo) -> None:
        self.path = path
        self.text = text
        self.tz = tz
        self.begins = _begin_lines(text)
        self.count = 0

    def read(self, vevent: Component, origin: str, owners: set[str]) -> _VEvent:
        """The next VEVENT of the file, checked; owners are the addresses whose refusal declines it."""
        number = self.count
        self.count += 1
        uid = str(vevent.get("UID", ""))
        for prop, message in getattr(vevent, "errors", ()):
            name = str(prop).upper()
            if name in _TIME_PROPS:
                raise self.failed(number, name, f"{name} is unreadable: {message}")
        dtstart = self._when(number, vevent, "DTSTART")
        if dtstart is None:
            raise self.failed(number, None, "event has no DTSTART")
        all_day = not isinstance(dtstart, datetime)
        first = instant(dtstart, self.tz)
        length = self._length(number, vevent, dtstart, first)
        summary = str(vevent.get("SUMMARY", "")).strip()
        attendees = _attendees(vevent)
        replaces = self._when(number, vevent, "RECURRENCE-ID")
        rules = _listed(vevent.get("RRULE"))
        rdates = tuple(d.dt for value in _listed(vevent.get("RDATE")) for d in value.dts)
        return _VEvent(
            number=number,
            uid=uid,
            dtstart=dtstart,
            anchor=first if replaces is None else instant(replaces, self.tz),
            length=length,
            all_day=all_day,
            is_override=replaces is not None,
            rules=rules,
            rdates=rdates,
            exdates=tuple(d.dt for value in _listed(vevent.get("EXDATE")) for d in value.dts),
            payload=redact_payload(
                CalendarPayload(
                    summary=summary,
                    location=str(vevent.get("LOCATION", "")).strip(),
                    attendees=tuple(address for address, _ in attendees),
                    uid=uid,
                    declined=_declined(vevent, summary, attendees, owners),
                    all_day=all_day,
                    description=_description(vevent),
                    free=_free(vevent),
                    recurring=bool(rules or rdates) or replaces is not None,
                )
            ),
            origin=origin,
        )

    def expand(self, o: _VEvent, window: _Range, overridden: set[tuple[str, datetime]]) -> Iterator[Event]:
        """The events of one VEVENT inside the window (all of a single event's when not explicit)."""
        if o.is_override or not (o.rules or o.rdates):
            start, end = self._span(o, o.dtstart)
            if not window.explicit or window.overlaps(start, end):
                yield Event(Source.CALENDAR, start, end, o.payload, origin=o.origin)
            return
        try:
            starts = list(
                occurrences(
                    o.dtstart, o.rules, o.rdates, o.exdates, self.tz, window.start, window.end, o.length
                )
            )
        except RecurrenceError as exc:
            raise self.failed(o.number, exc.prop, exc.reason) from None
        for moment in starts:
            start, end = self._span(o, moment)
            if (o.uid, start) not in overridden and window.overlaps(start, end):
                yield Event(Source.CALENDAR, start, end, o.payload, origin=o.origin)

    def _span(self, o: _VEvent, moment: date | datetime) -> tuple[datetime, datetime]:
        start = instant(moment, self.tz)
        if o.all_day and not isinstance(moment, datetime):
            return start, instant(moment + o.length, self.tz)
        return start, start + o.length

    def _when(self, number: int, vevent: Component, prop: str) -> date | datetime | None:
        value = vevent.get(prop)
        if value is None:
            return None
        moment = getattr(value, "dt", None)
        if not isinstance(moment, date):
            raise self.failed(number, prop, f"{prop} must be a date or date-time, got {str(value)[:40]!r}")
        return moment

    def _length(self, number: int, vevent: Component, dtstart: date | datetime, first: datetime) -> timedelta:
        dtend = self._when(number, vevent, "DTEND")
        if dtend is not None:
            if isinstance(dtstart, datetime) or isinstance(dtend, datetime):
                length = instant(dtend, self.tz) - first
            else:
                length = dtend - dtstart
            if length < timedelta(0):
                raise self.failed(number, "DTEND", "DTEND is before DTSTART")
            return length
        duration = vevent.get("DURATION")
        if duration is not None:
            given = getattr(duration, "dt", None)
            if not isinstance(given, timedelta) or given < timedelta(0):
                raise self.failed(number, "DURATION", f"DURATION must be a positive duration, got {duration}")
            return given
        return timedelta(0) if isinstance(dtstart, datetime) else timedelta(days=1)

    def failed(self, number: int, prop: str | None, reason: str) -> ImportFailed:
        """An ImportFailed at the property's line in the number-th VEVENT (or at its BEGIN line)."""
        line = self.begins[number] if number < len(self.begins) else None
        if line is not None and prop is not None:
            line = _property_line(self.text, line, prop) or line
        return ImportFailed(self.path, f"event #{number + 1}: {reason}", line)


def _begin_lines(text: str) -> list[int]:
    """The 1-based line number of each BEGIN:VEVENT, in order."""
    lines: list[int] = []
    line, offset = 1, 0
    for match in _BEGIN_EVENT.finditer(text):
        line += text.count("\n", offset, match.start())
        offset = match.start()
        lines.append(line)
    return lines


def _property_line(text: str, begin: int, prop: str) -> int | None:
    """The line of prop in the VEVENT that begins at line begin, or None."""
    lines = text.splitlines()
    for number in range(begin, len(lines)):
        name = re.split(r"[;:]", lines[number], maxsplit=1)[0].strip().upper()
        if name == prop:
            return number + 1
        if name == "END" and lines[number].strip().upper() == "END:VEVENT":
            return None
    return None


def _listed(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


OWNER_SHARE = 0.8
"""the least share of the events listing people that must list one address for it to be the calendar's owner"""
OWNER_EVENTS = 3


def _inferred_owner(vevents: Iterable[Component]) -> set[str]:
    """The calendar's owner when the file does not say: one's own calendar lists its owner on every invitation
    (as organizer or attendee), so an address on at least OWNER_SHARE of the events that list people, and on
    more of them than any other, is the owner's. A shared or team calendar has no such address: none."""
    counts: dict[str, int] = {}
    listing = 0
    for vevent in vevents:
        people = {address for address, _ in _attendees(vevent)}
        organizer = str(vevent.get("ORGANIZER", "")).strip().lower()
        if organizer.startswith("mailto:"):
            people.add(organizer[len("mailto:") :])
        if not people:
            continue
        listing += 1
        for address in people:
            counts[address] = counts.get(address, 0) + 1
    ranked = sorted(counts.values(), reverse=True)
    if not ranked or ranked[0] < max(OWNER_EVENTS, OWNER_SHARE * listing):
        return set()
    if len(ranked) > 1 and ranked[1] == ranked[0]:
        return set()
    return {next(address for address, count in counts.items() if count == ranked[0])}


def _attendees(vevent: Component) -> list[tuple[str, str]]:
    """(address, PARTSTAT) of each mailto attendee, lowercased, first occurrence only."""
    found: dict[str, str] = {}
    for attendee in _listed(vevent.get("ATTENDEE")):
        value = str(attendee).strip()
        if value.lower().startswith("mailto:"):
            value = value[len("mailto:") :]
        elif ":" in value or "@" not in value:
            continue
        address = value.strip().lower()
        params = getattr(attendee, "params", {})
        if address and address not in found:
            found[address] = str(params.get("PARTSTAT", "")).upper()
    return list(found.items())


_DESCRIPTION_LIMIT = 600
_BOILERPLATE_LINE = re.compile(
    r"^\W*(?:(?:microsoft teams|zoom|webex|google meet|ringcentral|gotomeeting)\b.*\b(?:meeting|webinar|video)\W*$|"
    r"join\b|click here|learn more|meeting options|help\b|webinar link|meeting (?:id|number)|passcode|password|"
    r"dial|one tap|find your local number|or call in|by phone|conference id|tap to join|"
    r"_{3,}|-{3,}|={3,}|\.{3,}|\*{3,})",
    re.IGNORECASE,
)
_LINK_NOISE = re.compile(r"<?(?:https?|tel|mailto|sip):\S+>?|\+\d[\d ()-]{7,}\d(?:,,\d+#?)*", re.IGNORECASE)


def _description(vevent: Component) -> str:
    """The event's notes without join links, dial-in numbers and rules, on one line, bounded."""
    text = str(vevent.get("DESCRIPTION", "") or "")
    lines = (_LINK_NOISE.sub(" ", line) for line in text.splitlines())
    kept = " ".join(line.strip() for line in lines if line.strip() and not _BOILERPLATE_LINE.match(line))
    return " ".join(kept.split())[:_DESCRIPTION_LIMIT]


def _free(vevent: Component) -> bool:
    """Shown as free: TRANSP:TRANSPARENT (RFC 5545 3.8.2.7) or Outlook's X-MICROSOFT-CDO-BUSYSTATUS:FREE."""
    transp = str(vevent.get("TRANSP", "")).strip().upper()
    status = str(vevent.get("X-MICROSOFT-CDO-BUSYSTATUS", "")).strip().upper()
    return transp == "TRANSPARENT" or status == "FREE"


def _declined(vevent: Component, summary: str, attendees: list[tuple[str, str]], owners: set[str]) -> bool:
    if str(vevent.get("STATUS", "")).strip().upper() == "CANCELLED":
        return True
    if called_off(summary):
        return True
    return any(status == "DECLINED" and address in owners for address, status in attendees)
