"""Timeline: events of every source -> pieces, each wall-clock second in at most one piece.

Windows are enriched by the browser tab open at the time, away periods are cut out, overlaps go to
the later window, calls win over windows, and everything is clipped to the local day. Times are
epoch floats inside; datetimes come back only at the edge.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice, pairwise
from operator import itemgetter
from typing import NamedTuple

from ledgerwatch.domain import (
    AfkPayload,
    BrowserTabPayload,
    CalendarPayload,
    CallPayload,
    DocumentPayload,
    EmailPayload,
    Event,
    EventColumn,
    Interval,
    Payload,
    Source,
    WindowPayload,
    called_off,
    merge_intervals,
    subtract_intervals,
)
from ledgerwatch.domain.text import TITLE_LIMIT, bounded
from ledgerwatch.sessionize.matching import DECISIVE, Scores
from ledgerwatch.sessionize.reading import Reading, says
from ledgerwatch.sessionize.wordlists import FIRM_EVENTS, PERSONAL_EVENTS, WORK_EVENT_WORDS


@dataclass(slots=True)
class Piece:
    """A stretch of one activity; its label is filled in by attribution."""

    start: float
    end: float
    reading: Reading
    label: str | None = None
    """a matter number, a class label (see attribution) or None when nothing is known"""
    how: str = ""
    """evidence, memory, calendar, topic, context, interruption, class"""
    confidence: float = 0.0
    strong: bool = False
    note: str = ""
    call_summary: str = ""
    candidates: tuple[str, ...] = ()
    soft: bool = False
    """chosen by a small lead over another matter of the same client (context may overturn it), or placed by
    context where its own words only leaned thinly (right there, not an identity to carry)"""
    idle: float = 0.0
    """seconds of the piece during which the keyboard was idle (a call kept on positive call evidence)"""
    passive: float = 0.0
    """seconds of the piece read without input, kept because the same window was in front before and after"""
    playing: bool = False
    """its passive seconds were kept because the page in front was playing sound (see away.passive_holes)"""
    overrun: bool = False
    """time at an attended event after its calendar slot ended, estimated from the trip (see away.overrun)"""

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(slots=True)
class SourceEvents:
    """Payloads of one source sorted by (start, end), with their times and the longest duration for lookups."""

    payloads: list[Payload] = field(default_factory=list)
    starts: list[float] = field(default_factory=list)
    ends: list[float] = field(default_factory=list)
    longest: float = 0.0

    def between(self, lo: float, hi: float) -> Iterable[int]:
        """Indexes of events overlapping [lo, hi)."""
        first = bisect_left(self.starts, lo - self.longest)
        last = bisect_left(self.starts, hi)
        ends = self.ends
        return (i for i in range(first, last) if ends[i] > lo)


def by_source(events: Sequence[Event] | Mapping[Source, EventColumn]) -> dict[Source, SourceEvents]:
    """Events (or a store's columns) split by source, each sorted by (start, end) once.

    The sort is stable: events with the same start and end keep the order they came in.
    """
    if isinstance(events, Mapping):
        return {
            source: _sorted(column.starts, column.ends, _bounded(source, column.payloads))
            for source, column in events.items()
            if column.starts
        }
    columns: dict[Source, EventColumn] = {}
    get = columns.get
    for event in events:
        column = get(event.source)
        if column is None:
            column = columns[event.source] = EventColumn()
        column.starts.append(event.start.timestamp())
        column.ends.append(event.end.timestamp())
        column.payloads.append(event.payload)
    return {source: _sorted(c.starts, c.ends, _bounded(source, c.payloads)) for source, c in columns.items()}


MESSAGE_TEXT_LIMIT = 4 * TITLE_LIMIT
"""the most of an event's notes that is read (an invitation's agenda and dial-in fit; a hostile one is cut)"""
PEOPLE_LIMIT = 1000
"""the most attendees or recipients of one event read: more is a broadcast, which names no matter"""


def _bounded(source: Source, payloads: list[Payload]) -> list[Payload]:
    """Calendar and e-mail events' texts as the reader's patterns may see them (domain.text.bounded): an
    invitation or a message is written by anyone, and thousands of characters of separators in its notes made
    the matter index's patterns take seconds. Windows are bounded when read (reading.read_window)."""
    if source is Source.CALENDAR:
        return [_bounded_event(p) if isinstance(p, CalendarPayload) else p for p in payloads]
    if source is Source.EMAIL:
        return [_bounded_message(p) if isinstance(p, EmailPayload) else p for p in payloads]
    return payloads


def _bounded_event(payload: CalendarPayload) -> CalendarPayload:
    found = replace(
        payload,
        summary=bounded(payload.summary),
        location=bounded(payload.location),
        attendees=tuple(bounded(a, 320) for a in payload.attendees[:PEOPLE_LIMIT]),
        description=bounded(payload.description, MESSAGE_TEXT_LIMIT),
    )
    return payload if found == payload else found


def _bounded_message(payload: EmailPayload) -> EmailPayload:
    found = replace(
        payload,
        subject=bounded(payload.subject),
        sender=bounded(payload.sender, 320),
        recipients=tuple(bounded(r, 320) for r in payload.recipients[:PEOPLE_LIMIT]),
    )
    return payload if found == payload else found


def _sorted(starts: list[float], ends: list[float], payloads: list[Payload]) -> SourceEvents:
    if not _in_order(starts, ends):  # most sources come in time order: checked at C speed, sorted if not
        rows = sorted(zip(starts, ends, range(len(payloads)), payloads, strict=True))  # positions break ties
        starts = [row[0] for row in rows]
        ends = [row[1] for row in rows]
        payloads = [row[3] for row in rows]
    longest = max(map(float.__sub__, ends, starts), default=0.0)
    return SourceEvents(payloads, starts, ends, longest)


def _in_order(starts: list[float], ends: list[float]) -> bool:
    """Whether (start, end) pairs are already in order (checked at C speed when starts strictly increase)."""
    if all(map(float.__lt__, starts, islice(starts, 1, None))):
        return True
    return all(
        before < start or (before == start and previous <= end)
        for before, start, previous, end in zip(starts, starts[1:], ends, ends[1:], strict=False)
    )


_new = tuple.__new__
"""builds a Window from a full tuple without the Python-level __new__ of NamedTuple (per event: it adds up)"""
_BY_TIME = itemgetter(0, 1)
"""a window's (start, end): its sort key"""


class Window(NamedTuple):
    """A foreground window after enrichment: what the reader needs (a tuple: built per event, cheaply)."""

    start: float
    end: float
    app: str
    title: str
    url: str | None
    incognito: bool
    call: bool = False
    audible: bool = False
    """the browser tab in front was playing sound (a video or recording watched, a webinar listened to)"""


def away_periods(groups: dict[Source, SourceEvents], lo: float, hi: float) -> list[Interval]:
    """Merged away periods overlapping [lo, hi)."""
    afk = groups.get(Source.AFK)
    if afk is None:
        return []
    spans = []
    for i in afk.between(lo, hi):
        payload = afk.payloads[i]
        if isinstance(payload, AfkPayload) and payload.away:
            spans.append((max(afk.starts[i], lo), min(afk.ends[i], hi)))
    return merge_intervals(spans)


SLEEP_SECONDS = 60.0
"""the shortest stretch with no record at all (the computer asleep or off) taken as time away from the desk"""


def unrecorded(
    groups: dict[Source, SourceEvents], lo: float, hi: float, windows: Sequence[Window]
) -> tuple[list[Interval], list[Interval]]:
    """The stretches of [lo, hi) that neither a foreground window (see foreground) nor an input record covers,
    at least SLEEP_SECONDS long, as (before, between):

    - before: the morning before the day's first record, the laptop not yet opened (straight to court). Only an
      event attended at a place may take it (away.py): a call set for the morning says nothing of whether it was
      held before the laptop was on.
    - between: those between the day's first and last record, the computer asleep or shut down (taken to court
      in a bag).

    After the last record, nothing: a laptop shut for the evening says nothing of an event that evening."""
    spans: list[Interval] = [(window.start, window.end) for window in windows]
    afk = groups.get(Source.AFK)
    if afk is not None:
        spans += [(max(afk.starts[i], lo), min(afk.ends[i], hi)) for i in afk.between(lo, hi)]
    covered = merge_intervals(spans)
    before = [(lo, covered[0][0])] if covered and covered[0][0] - lo >= SLEEP_SECONDS else []
    between = [(a_end, b_start) for (_, a_end), (b_start, _) in pairwise(covered) if b_start - a_end >= SLEEP_SECONDS]
    return before, between


def foreground(groups: dict[Source, SourceEvents], lo: float, hi: float, calls_first: bool) -> list[Window]:
    """Foreground windows in [lo, hi), overlaps resolved (the later window wins), calls on top."""
    windows: list[Window] = []
    source = groups.get(Source.WINDOW)
    tabs = groups.get(Source.BROWSER)
    if source is not None:
        payloads, starts, ends = source.payloads, source.starts, source.ends
        add = windows.append
        for i in range(bisect_left(starts, lo - source.longest), bisect_left(starts, hi)):
            end = ends[i]
            if end <= lo:
                continue  # what between() leaves out, inlined: this loop runs once per window event
            payload = payloads[i]
            if type(payload) is not WindowPayload and not isinstance(payload, WindowPayload):
                continue
            start = starts[i]
            start = lo if start < lo else start
            end = hi if end > hi else end
            if end > start:
                add(
                    _new(
                        Window,
                        (start, end, payload.app, payload.title, payload.url, payload.incognito, False, False),
                    )
                )
    elif tabs is not None:
        for i in tabs.between(lo, hi):
            payload = tabs.payloads[i]
            if isinstance(payload, BrowserTabPayload):
                start, end = max(tabs.starts[i], lo), min(tabs.ends[i], hi)
                if end > start:
                    windows.append(
                        Window(
                            start, end, "browser", payload.title, payload.url, payload.incognito, False, payload.audible
                        )
                    )
    windows = _resolve_overlaps(windows)
    if tabs is not None and source is not None:
        browsers: dict[str, bool] = {}
        enriched = []
        for window in windows:
            browser = browsers.get(window.app)
            if browser is None:
                browser = browsers[window.app] = is_browser(window.app)
            enriched.append(_with_tab(window, tabs) if browser else window)
        windows = enriched
    calls = groups.get(Source.CALL)
    if calls is None:
        return windows
    call_windows: list[Window] = []
    for i in calls.between(lo, hi):
        payload = calls.payloads[i]
        if isinstance(payload, CallPayload):
            start, end = max(calls.starts[i], lo), min(calls.ends[i], hi)
            if end > start:
                title = payload.title or (f"Call with {payload.peer}" if payload.peer else "Call")
                call_windows.append(Window(start, end, payload.app, title, None, False, True))
    if not call_windows or not calls_first:
        return _resolve_overlaps(windows + call_windows)
    holes = merge_intervals((w.start, w.end) for w in call_windows)
    kept: list[Window] = []
    for window in windows:
        for start, end in subtract_intervals(window.start, window.end, holes):
            kept.append(window._replace(start=start, end=end))
    return sorted(kept + _resolve_overlaps(call_windows), key=_BY_TIME)


BROWSER_NAMES = (
    "chrome",
    "firefox",
    "safari",
    "edge",
    "brave",
    "opera",
    "vivaldi",
    "chromium",
    "arc",
    "browser",
)


def is_browser(app: str) -> bool:
    """Whether an application name is a web browser (Windows, macOS and Linux spellings)."""
    lowered = app.lower()
    return any(name in lowered for name in BROWSER_NAMES)


def _resolve_overlaps(windows: list[Window]) -> list[Window]:
    windows.sort(key=_BY_TIME)
    result: list[Window] = []
    for window in windows:
        while result and result[-1].end > window.start:
            last = result.pop()
            if last.start < window.start:
                result.append(_new(Window, (last.start, window.start, *last[2:])))
                break
        result.append(window)
    return result


def _with_tab(window: Window, tabs: SourceEvents) -> Window:
    """The window with the URL and privacy flag of the browser tab that overlaps it most."""
    best = 0.0
    found: BrowserTabPayload | None = None
    lo, hi = window.start, window.end
    starts, ends, payloads = tabs.starts, tabs.ends, tabs.payloads
    for i in range(bisect_left(starts, lo - tabs.longest), bisect_left(starts, hi)):
        end = ends[i]
        if end <= lo:
            continue
        start = starts[i]
        overlap = (end if end < hi else hi) - (start if start > lo else lo)
        if overlap > best:
            payload = payloads[i]
            if isinstance(payload, BrowserTabPayload):
                best, found = overlap, payload
    if found is None:
        return window
    if best < 0.5 * (window.end - window.start):
        title_matches = found.title and found.title.split(" - ")[0][:20].lower() in window.title.lower()
        if not title_matches:
            return window
    return _new(
        Window,
        (
            window.start,
            window.end,
            window.app,
            window.title,
            found.url,
            found.incognito or window.incognito,
            window.call,
            found.audible,
        ),
    )


@dataclass(frozen=True, slots=True)
class Meeting:
    """A calendar event that can name the matter of a call."""

    start: float
    end: float
    summary: str
    text: str
    attendees: tuple[str, ...] = ()
    location: str = ""
    description: str = ""
    free: bool = False
    """shown as free (focus time, a reminder): a call overlapping a busy event is that event's, and time away
    is never drafted from it"""
    recurring: bool = False
    """an occurrence of a repeating event: approvals of the series' earlier occurrences speak for it"""

    @property
    def programme(self) -> bool:
        """A continuing-education programme or a webinar: listed with its credit hours ("USPTO Patent Quality
        Chat (1.0)") or joined by a webinar link. An audience of many, never a client's meeting, whatever word
        of a matter its title shares ("Patent")."""
        return _CREDITS.search(self.summary) is not None or _WEBINAR_LINK.search(self.description) is not None


def private(meeting: Meeting, scores: Scores) -> bool:
    """An appointment of the attorney's own life ("Dentist - Dr. Smith", "Pick up Smith kids"): it names no
    client's matter, whatever surname or place it shares with one (scores: the event's evidence), and accounts
    for no time away. Not when the word of private life is a name the evidence matched (the client "Boulderport
    Dental Group") or the event names a matter outright (its number, a docket)."""
    return _no_clients(meeting, scores, PERSONAL_EVENTS)


def firms_own(meeting: Meeting, scores: Scores) -> bool:
    """An event of the firm's own business, recruiting or winning work ("Interview - associate candidate Smith",
    "Pitch to Acme Corp - new matter"): no client's time whatever name it shares with a party, on the same terms
    as private."""
    return _no_clients(meeting, scores, FIRM_EVENTS)


def names_no_client(meeting: Meeting, scores: Scores) -> bool:
    """Whether an event accounts for no client's time whatever its evidence (scores) matched: an appointment of
    private life, the firm's own business, or a venue alone. One test for the hour away and for a call held
    during the event."""
    return private(meeting, scores) or firms_own(meeting, scores) or by_its_place_alone(meeting, scores)


def by_its_place_alone(meeting: Meeting, scores: Scores) -> bool:
    """Whether an event names its matter only by a word of its venue ("Car service" at "Pinecrest Auto", "Flu
    shot" at "CVS Pinecrest"): a shop or a clinic named like a party is anyone's namesake. Not the client's own
    name (a meeting at the client's office), anything decisive, or an event that says it is work (a deposition
    at the other side's offices)."""
    if scores.best is None or not meeting.location or says(f" {meeting.summary.lower()} ", WORK_EVENT_WORDS):
        return False
    own = scores.reasons_for(scores.best)
    if any(kind in DECISIVE or kind in ("client", "domain") for kind, _ in own):
        return False
    said = f"{meeting.summary} {meeting.description} {' '.join(meeting.attendees)}".lower()
    return not any(text.lower() in said for _, text in own)


def _no_clients(meeting: Meeting, scores: Scores, words: tuple[str, ...]) -> bool:
    summary = f" {meeting.summary.lower()} "
    if not says(summary, words) or says(summary, WORK_EVENT_WORDS):
        return False
    if any(kind in DECISIVE for _, kind, _ in scores.reasons):
        return False
    leading = {scores.best, scores.lean, *scores.candidates}
    named = " ".join(text for matter, _, text in scores.reasons if matter in leading)
    return not says(f" {named.lower()} ", words)


_CREDITS = re.compile(
    r"\(\s*\d{1,2}(?:\.\d{1,2})?\s*(?:m?cle|cpd|ce|hours?|hrs?\.?|credits?|units?)?\s*\)\s*$", re.IGNORECASE
)
"""a programme listed with its continuing-education credit hours, as attorneys keep CLE on their calendars"""
_WEBINAR_LINK = re.compile(
    r"zoom\.us/w/|webinar link|join (?:the )?webinar|on24\.com|gotowebinar|webex\.com/\S*/(?:webinar|onstage)",
    re.IGNORECASE,
)
"""a webinar's join link (not the word: a client call may be about the client's own webinar)"""


_URL_HOST = re.compile(r"https?://[^/\s]+", re.IGNORECASE)
"""a link's scheme and host: a meeting link's host names the conferencing service and the tenant that runs it
(the firm's own "goodwin.webex.com"), never a matter; its path and query may"""


_HELD_FOR_WORK = re.compile(
    r"^\W*(?:focus(?:\s+(?:time|block|hours?))?|deep\s+work|heads[-\s]down(?:\s+time)?|do\s+not\s+(?:book|schedule)|"
    r"no\s+meetings?|busy|hold|blocked(?:\s+time)?|block(?:ed)?\s+time|time\s+block|protected\s+time|work\s+block)"
    r"\W*(?:\((?:via|by)\s[^()]*\))?\W*$",
    re.IGNORECASE,
)
"""the whole title of a block the attorney (or an assistant: Viva Insights' "Focus time", Clockwise's "Focus
Time (via Clockwise)") holds for desk work: no meeting, so it names no call and accounts for no time away (a
family firm's parenting-time matter took "Focus time" by its word "time": 21 minutes away billed from the
calendar, and a Zoom call "re Focus time")"""
_BLOCK_TITLE_LIMIT = 80
"""a block's title is short: a longer one is no block (and a hostile one is not matched at length)"""


def meetings(groups: dict[Source, SourceEvents], lo: float, hi: float) -> list[Meeting]:
    """Accepted, timed calendar events overlapping [lo, hi); not a block held for desk work."""
    source = groups.get(Source.CALENDAR)
    if source is None:
        return []
    found = []
    for i in source.between(lo, hi):
        payload = source.payloads[i]
        if (
            isinstance(payload, CalendarPayload)
            and not payload.declined
            and not payload.all_day
            and not called_off(payload.summary)
            and not (len(payload.summary) <= _BLOCK_TITLE_LIMIT and _HELD_FOR_WORK.match(payload.summary))
        ):
            text = _URL_HOST.sub(" ", " ".join((payload.summary, payload.description, payload.location)))
            text = " ".join((text, *payload.attendees))
            found.append(
                Meeting(
                    source.starts[i],
                    source.ends[i],
                    payload.summary,
                    text,
                    tuple(payload.attendees),
                    payload.location,
                    payload.description,
                    payload.free,
                    payload.recurring,
                )
            )
    return found


@dataclass(frozen=True, slots=True)
class Overlay:
    """An e-mail or document event whose text can attribute the window it overlaps."""

    start: float
    end: float
    kind: str
    label: str
    text: str


def overlays(groups: dict[Source, SourceEvents], lo: float, hi: float) -> list[Overlay]:
    """E-mail and document events overlapping [lo, hi), sorted by start."""
    found: list[Overlay] = []
    email = groups.get(Source.EMAIL)
    if email is not None:
        for i in email.between(lo, hi):
            payload = email.payloads[i]
            if isinstance(payload, EmailPayload):
                text = " ".join((payload.subject, payload.sender, *payload.recipients))
                found.append(Overlay(email.starts[i], email.ends[i], "email", payload.subject, text))
    documents = groups.get(Source.DOCUMENT)
    if documents is not None:
        for i in documents.between(lo, hi):
            payload = documents.payloads[i]
            if isinstance(payload, DocumentPayload):
                path = payload.path.replace("\\", "/")
                found.append(
                    Overlay(documents.starts[i], documents.ends[i], "folder", path.rsplit("/", 1)[0], path)
                )
    found.sort(key=lambda o: (o.start, o.end))
    return found
