"""Expanding an iCalendar event's RRULE, RDATE and EXDATE into occurrence starts.

Rules repeat in the event's own wall-clock time (a weekly 9:00 meeting stays at 9:00 across a DST
change), so expansion runs on naive wall times in the event's zone and re-attaches the zone after.
DTSTART is always the first occurrence unless an EXDATE removes it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any

from dateutil.rrule import rruleset, rrulestr

from ledgerwatch.domain.errors import LedgerwatchError

MAX_OCCURRENCES = 100_000


class RecurrenceError(LedgerwatchError, ValueError):
    """A recurrence that cannot be expanded; prop names the property at fault."""

    def __init__(self, prop: str, reason: str) -> None:
        super().__init__(reason)
        self.prop = prop
        self.reason = reason


def instant(value: date | datetime, zone: tzinfo) -> datetime:
    """The UTC instant of a date (its local midnight) or datetime (floating times are in zone)."""
    if not isinstance(value, datetime):
        value = datetime.combine(value, time())
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def occurrences(
    dtstart: date | datetime,
    rules: Sequence[Any],
    rdates: Sequence[date | datetime],
    exdates: Sequence[date | datetime],
    zone: tzinfo,
    after: datetime,
    before: datetime,
    reach: timedelta = timedelta(0),
) -> Iterator[date | datetime]:
    """Occurrence starts (dates for all-day events) from after - reach - 1 day up to, not including, before.

    rules are icalendar vRecur values; zone is used for floating and all-day times. reach, the
    event's length, lets the caller keep occurrences that started earlier but are still running.
    """
    all_day = not isinstance(dtstart, datetime)
    home = zone if all_day or dtstart.tzinfo is None else dtstart.tzinfo  # type: ignore[union-attr]
    anchor = _wall(dtstart, home, all_day)
    schedule = rruleset()
    for rule in rules:
        schedule.rrule(_rrule(rule, anchor, home, all_day))
    for moment in (dtstart, *rdates):
        schedule.rdate(_wall(moment, home, all_day))
    for moment in exdates:
        schedule.exdate(_wall(moment, home, all_day))
    stop = before.astimezone(home).replace(tzinfo=None)
    start = after.astimezone(home).replace(tzinfo=None) - reach - timedelta(days=1)
    for count, wall in enumerate(schedule.xafter(start, inc=True)):
        if wall >= stop:
            return
        if count >= MAX_OCCURRENCES:
            raise RecurrenceError("RRULE", f"repeats more than {MAX_OCCURRENCES:,} times in the range")
        yield wall.date() if all_day else wall.replace(tzinfo=home)


def _wall(value: Any, home: tzinfo, all_day: bool) -> datetime:
    """A naive wall time in home for a date, datetime or (start, end|duration) period."""
    if isinstance(value, tuple):
        value = value[0]
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(home).replace(tzinfo=None)
        return datetime.combine(value.date(), time()) if all_day else value
    if isinstance(value, date):
        return datetime.combine(value, time())
    raise RecurrenceError("RDATE", f"expected a date or time, got {value!r}")


def _rrule(rule: Any, anchor: datetime, home: tzinfo, all_day: bool) -> Any:
    """A dateutil rrule for an icalendar vRecur, with UNTIL moved to naive wall time in home."""
    parts = {key: values for key, values in rule.items() if key != "UNTIL"}
    text = type(rule)(parts).to_ical().decode()
    until = rule.get("UNTIL")
    if until:
        value = until[0]
        if isinstance(value, datetime):
            wall = _wall(value, home, False)
        else:
            wall = datetime.combine(value, time() if all_day else time(23, 59, 59))
        text += f";UNTIL={wall:%Y%m%dT%H%M%S}"
    try:
        return rrulestr(f"RRULE:{text}", dtstart=anchor)
    except (ValueError, TypeError) as exc:
        raise RecurrenceError("RRULE", f"cannot understand RRULE {text!r}: {exc}") from None
