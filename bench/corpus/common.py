"""Time, ISO-8601 and iCalendar helpers shared by both generators (stdlib only)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

US = 1_000_000
MIN = 60 * US
EPOCH = date(1970, 1, 1)


def nth_sunday(year: int, month: int, n: int) -> date:
    d = date(year, month, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def us_dst(d: date) -> bool:
    """US daylight-saving time (rules since 2007) is in force on that date."""
    return nth_sunday(d.year, 3, 2) <= d < nth_sunday(d.year, 11, 1)


def hm(s: str) -> int:
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def iso_py(us: int) -> str:
    """Python aw-server style: +00:00, microseconds left out when zero."""
    return datetime.fromtimestamp(us / US, UTC).replace(microsecond=us % US).isoformat()


def iso_rust(us: int) -> str:
    """chrono/serde style: Z, fraction trimmed to 0, 3 or 6 digits."""
    dt = datetime.fromtimestamp(us // US, UTC)
    frac = us % US
    base = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if frac == 0:
        return base + "Z"
    if frac % 1000 == 0:
        return f"{base}.{frac // 1000:03d}Z"
    return f"{base}.{frac:06d}Z"


def iso_truth(us: int) -> str:
    """The sample truth's style: always six fractional digits, +00:00."""
    dt = datetime.fromtimestamp(us // US, UTC)
    return dt.strftime("%Y-%m-%dT%H:%M:%S") + f".{us % US:06d}+00:00"


def ics_utc(us: int) -> str:
    return datetime.fromtimestamp(us // US, UTC).strftime("%Y%m%dT%H%M%SZ")


def ics_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def fold(line: str) -> str:
    """RFC 5545 folding at 75 octets."""
    out: list[str] = []
    cur = ""
    for ch in line:
        if len((cur + ch).encode()) > (75 if not out else 74):
            out.append(cur)
            cur = ""
        cur += ch
    out.append(cur)
    return "\r\n ".join(out)
