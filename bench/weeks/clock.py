"""US time zones with their daylight-saving rule, without the system's tz database.

Days are planned in the attorney's local time and stored in UTC; the calendar may name the zone the way
Outlook for Windows does ("Eastern Standard Time") or by its IANA id.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True)
class Zone:
    iana: str
    windows: str
    std_hours: int  # offset of standard time, e.g. -5
    std_abbr: str
    dst_abbr: str

    def dst_bounds(self, year: int) -> tuple[float, float]:
        """UTC epoch seconds when daylight time starts and ends (2:00 local, 2nd Sunday of March to 1st of
        November)."""
        march = _nth_sunday(year, 3, 2)
        november = _nth_sunday(year, 11, 1)
        start = datetime(march.year, march.month, march.day, 2, tzinfo=UTC) - timedelta(hours=self.std_hours)
        end = datetime(november.year, november.month, november.day, 2, tzinfo=UTC) - timedelta(
            hours=self.std_hours + 1
        )
        return start.timestamp(), end.timestamp()

    def offset_hours(self, utc: float) -> int:
        year = datetime.fromtimestamp(utc, UTC).year
        start, end = self.dst_bounds(year)
        return self.std_hours + 1 if start <= utc < end else self.std_hours

    def local_to_utc(self, day: date, seconds: float) -> float:
        """Epoch seconds of `seconds` after local midnight of `day` (the day's offset at noon)."""
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC).timestamp()
        offset = self.offset_hours(noon - self.std_hours * 3600)
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        return midnight + seconds - offset * 3600

    def utc_to_local(self, utc: float) -> datetime:
        """A naive local datetime."""
        return (datetime.fromtimestamp(utc, UTC) + timedelta(hours=self.offset_hours(utc))).replace(
            tzinfo=None
        )


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    to_sunday = (6 - first.weekday()) % 7
    return first + timedelta(days=to_sunday + 7 * (n - 1))


EASTERN = Zone("America/New_York", "Eastern Standard Time", -5, "EST", "EDT")
CENTRAL = Zone("America/Chicago", "Central Standard Time", -6, "CST", "CDT")


def iso(utc: float) -> str:
    """The sample's timestamp style: microseconds and +00:00."""
    return datetime.fromtimestamp(utc, UTC).strftime("%Y-%m-%dT%H:%M:%S.%f+00:00")


def utc_date(utc: float) -> str:
    return datetime.fromtimestamp(utc, UTC).date().isoformat()
