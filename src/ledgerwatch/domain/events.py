"""Activity events: one typed payload per source, times aware UTC.

An Event covers [start, end). Importers and capture produce them; the store keeps them; only
sessionize reads them back. Raw events never leave the machine.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


class Source(enum.StrEnum):
    WINDOW = "window"
    BROWSER = "browser"
    AFK = "afk"
    CALENDAR = "calendar"
    EMAIL = "email"
    CALL = "call"
    DOCUMENT = "document"


@dataclass(frozen=True, slots=True)
class WindowPayload:
    app: str
    title: str
    executable: str | None = None
    pid: int | None = None
    document: str | None = None
    url: str | None = None
    incognito: bool = False


@dataclass(frozen=True, slots=True)
class BrowserTabPayload:
    url: str
    title: str
    incognito: bool = False
    audible: bool = False
    tab_count: int | None = None


@dataclass(frozen=True, slots=True)
class AfkPayload:
    """away is True for an idle/away period, False for active presence."""

    away: bool
    note: str | None = None


@dataclass(frozen=True, slots=True)
class CalendarPayload:
    summary: str
    location: str = ""
    attendees: tuple[str, ...] = ()
    uid: str = ""
    declined: bool = False
    all_day: bool = False
    description: str = ""
    """the event's notes (often what a vaguely named call is about), cut to a few hundred characters"""
    free: bool = False
    """shown as free (iCalendar TRANSP:TRANSPARENT, Outlook's show-as Free): a reminder or a block of focus
    time, not a meeting that holds a call or accounts for time away"""
    recurring: bool = False
    """one occurrence of a repeating event (RRULE, RDATE, or an edited occurrence): a series, whose earlier
    occurrences' approvals speak for the next ones; a one-off meeting with the same title may not"""


_CALLED_OFF_WORDS = r"cancell?ed|postponed|called off"
_CALLED_OFF = re.compile(
    rf"^\W*(?:{_CALLED_OFF_WORDS})\b"  # "Canceled: ...", "CANCELLED - ...", "[Postponed] ..."
    rf"|\b(?:{_CALLED_OFF_WORDS})\W*$"  # "... - CANCELLED", "... (postponed)"
    r"|[(\[]\s*(?:moved|rescheduled)\s+to\b|[-–—]\s*(?:moved|rescheduled)\s+to\b",  # "... (moved to 5/12)"
    re.IGNORECASE,
)
CALLED_OFF_LIMIT = 200
"""a subject longer than this is looked at by its first and last CALLED_OFF_LIMIT characters only"""


def called_off(summary: str) -> bool:
    """Whether an event's own title says it did not take place in its slot: cancelled or postponed, at its start
    or its end ("Canceled: Smith deposition", "[Cancelled] ...", "Smith depo - CANCELLED"), or moved away ("Smith
    deposition (moved to 5/12)"). A word inside the title is the subject's own ("Smith - cancelled policy
    coverage call" is a meeting about a cancelled policy), and "rescheduled" alone may be the new slot."""
    text = summary
    if len(text) > 2 * CALLED_OFF_LIMIT:
        text = f"{summary[:CALLED_OFF_LIMIT]} {summary[-CALLED_OFF_LIMIT:]}"
    return _CALLED_OFF.search(text) is not None


@dataclass(frozen=True, slots=True)
class EmailPayload:
    subject: str
    sender: str = ""
    recipients: tuple[str, ...] = ()
    direction: str = "read"
    """read | compose | sent"""


@dataclass(frozen=True, slots=True)
class CallPayload:
    app: str
    title: str = ""
    peer: str | None = None
    microphone_in_use: bool | None = None


@dataclass(frozen=True, slots=True)
class DocumentPayload:
    path: str
    app: str = ""


Payload = (
    WindowPayload
    | BrowserTabPayload
    | AfkPayload
    | CalendarPayload
    | EmailPayload
    | CallPayload
    | DocumentPayload
)

PAYLOAD_TYPES: dict[Source, type] = {
    Source.WINDOW: WindowPayload,
    Source.BROWSER: BrowserTabPayload,
    Source.AFK: AfkPayload,
    Source.CALENDAR: CalendarPayload,
    Source.EMAIL: EmailPayload,
    Source.CALL: CallPayload,
    Source.DOCUMENT: DocumentPayload,
}

_SOURCE_OF: dict[type, Source] = {kind: source for source, kind in PAYLOAD_TYPES.items()}
"""The source of each payload type exactly (subclasses take the isinstance path)."""


def require_utc(moment: datetime, what: str = "time") -> datetime:
    """The same instant in UTC; naive datetimes are a programmer error."""
    if moment.tzinfo is UTC and type(moment) is datetime:
        return moment  # already UTC: astimezone would return this very object
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware, got naive {moment.isoformat()}")
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Event:
    """Something observed over [start, end) from one source."""

    source: Source
    start: datetime
    end: datetime
    payload: Payload
    origin: str = ""
    """Where it came from: a capture host or an import bucket id."""
    id: int | None = None

    def __post_init__(self) -> None:
        start, end = self.start, self.end
        # Events read back from the store are already UTC: checking that is cheap, converting is not.
        if not (start.tzinfo is UTC and type(start) is datetime):
            object.__setattr__(self, "start", start := require_utc(start, "event start"))
        if not (end.tzinfo is UTC and type(end) is datetime):
            object.__setattr__(self, "end", end := require_utc(end, "event end"))
        if end < start:
            raise ValueError(f"event ends before it starts: {start} > {end}")
        if _SOURCE_OF.get(type(self.payload)) is self.source:
            return
        expected = PAYLOAD_TYPES[self.source]
        if not isinstance(self.payload, expected):
            raise TypeError(
                f"{self.source} event needs {expected.__name__}, got {type(self.payload).__name__}"
            )

    @property
    def duration(self) -> timedelta:
        return self.end - self.start


@dataclass(slots=True)
class EventColumn:
    """One source's events as parallel columns, in the order read: what a long range is handed on as.

    A year of activity is hundreds of thousands of events; building an Event and two datetimes per
    row only for the pipeline to turn them back into numbers is most of a read's cost. Times here are
    the same UTC instants as an Event's, as epoch seconds.
    """

    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    payloads: list[Payload] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.starts)

    def events(self, source: Source) -> list[Event]:
        """The column as events of source (for callers that want the records)."""
        return [
            Event(source, datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC), payload)
            for a, b, payload in zip(self.starts, self.ends, self.payloads, strict=True)
        ]


EventColumns = dict[Source, EventColumn]
"""a range of the log by source"""
