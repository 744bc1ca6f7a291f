"""Time away from the keyboard that still was work: a calendar event attended away from the desk, and a
document read without input. Both are kept only on positive evidence and are flagged for the attorney.

- Calendar-only time: an accepted, timed event naming a matter that overlaps away time with no desk
  activity (locked or idle, or no record at all: the computer asleep or shut) becomes pieces of that away
  time, labelled later from the event's own text: attending (a place, or a hearing, deposition,
  mediation...) or a call taken away from the keyboard (a phone call, a meeting listened to). An event still
  away after its slot ends ran on for as long as the trip back exceeds the trip there (see overrun). Travel
  around an attended event is not billed unless the firm says so.
- Passive reading: a document, court filing, research page or call in front, with no input for up to a
  bounded time, the same window before (if only the input that brought it to the front) and after (a
  lock, sleep or screen saver shows as another window, so it never spans one); a work page playing sound
  in front (a video or recording watched) needs no input after it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ledgerwatch.domain import Interval, merge_intervals, subtract_intervals
from ledgerwatch.sessionize.matching import MatterIndex, Scores
from ledgerwatch.sessionize.memory import memory_key
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import Klass, Reading, Role, says
from ledgerwatch.sessionize.timeline import Meeting, Piece, names_no_client

_PASSIVE_ROLES = frozenset({Role.DOCKET, Role.RESEARCH, Role.CALL})


def reads_passively(reading: Reading) -> bool:
    """What a person reads or listens to without touching the keyboard: a PDF or other document open
    read-only, a court filing, a research page, a call (not a document being written)."""
    if reading.role in _PASSIVE_ROLES:
        return True
    return reading.role is Role.DOCUMENT and not reading.editing and reading.family in ("pdf", "word", "browser")

_VIDEO = re.compile(
    r"\b(?:teams|zoom|zoomgov|webex|google meet|skype|ringcentral video|gotomeeting|bluejeans|whereby)\b"
    r"|meet\.google|https?://",
    re.IGNORECASE,
)
"""a meeting held in an application: when it happens, its window is in front (no window, no meeting)"""
_VIRTUAL = re.compile(
    r"\b(?:teams|zoom|zoomgov|webex|google meet|skype|ringcentral|gotomeeting|bluejeans|dial[- ]in|"
    r"conference (?:call|bridge|line)|(?:tele)?phone|calls?|virtual|virtually|online|remote|remotely)\b"
    r"|meet\.google|https?://|\.com/",
    re.IGNORECASE,
)
"""a location that is no place: a video or phone bridge, named as words of their own (the Callaway County
Courthouse is a place; "call" inside its name made it a phone call)"""


_TRAVEL_EVENT = re.compile(
    r"^\W*(?:travel(?:l?ing)?|flights?|fly(?:ing)?|drive|driving|train|return(?:ing)?(?:\s+travel)?|"
    r"depart(?:ure)?|commute|uber|lyft|taxi|cab|shuttle)\b"
    r"(?:\s+(?:to|from|back|home|day)\b|\s*[-:–—(]|\s*$)"
    r"|[(\[]\s*travel(?:\s+time)?\s*[)\]]\s*$|[-–—:]\s*travel(?:\s+time)?\s*$",
    re.IGNORECASE,
)
"""an event that is the trip itself ("Travel to Chicago - Smith deposition", "Flight to ORD", "Drive to court",
"Uber to JAMS", "Travel day", "Smith depo (travel)", "Smith hearing - travel time"): drafted as travel under the
firm's setting (default: not billed), never as attending the place its location names or as a call taken away
from the desk"""


_PLACE = re.compile(
    r"\b\d{1,6}\s+(?:[a-z0-9.'-]+\s+){0,4}(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|"
    r"pl|place|plaza|sq|square|pkwy|parkway|hwy|highway)\b"
    r"|\b(?:courtroom|courthouse|conference room|conf\.?\s?rm|meeting room|board\s?room|suite|floor|dept\.?)\s?\w",
    re.IGNORECASE,
)
"""a location that names a physical place (a street address, a courtroom, a conference room), whatever video
service it also names: a hybrid hearing or a deposition room with a Zoom line for the others is attended there"""
_LOCATION_PARTS = re.compile(r"[,;/]|\s\|\s|\s\(")
_LOCATION_LIMIT = 300
"""a location longer than this is read by its first characters only (a hostile calendar costs its length)"""


def at_a_place(location: str) -> bool:
    """Whether an event's location is somewhere the attorney goes: no video or phone bridge, or a physical
    place named beside one ("Veritext, 100 Main St, Suite 400 / Zoom", "Courtroom 4B (hybrid - Zoom available)")."""
    location = location.strip()[:_LOCATION_LIMIT]
    return bool(location) and (not _VIRTUAL.search(location) or _PLACE.search(location) is not None)


def _venue(location: str) -> str:
    """The place a narrative names for an event: the location's first part that is no video or phone bridge
    ("Veritext" of "Veritext, 100 Main St / Zoom"), "" when it is all bridge ("Dial-in: 555-0100")."""
    for part in _LOCATION_PARTS.split(location[:_LOCATION_LIMIT]):
        part = part.strip(" )")
        if part and not _VIRTUAL.search(part):
            return part
    return ""


def _kind_of(meeting: Meeting, policy: SessionizePolicy) -> str | None:
    """"calendar" for an event attended at a place, "phone" for a call taken away from the keyboard, None for
    a video meeting (when it happens its window is in front: no window, no meeting)."""
    location = meeting.location.strip()
    if at_a_place(location):
        return "calendar"
    if _VIDEO.search(f"{location} {meeting.description}"):
        return None
    return "calendar" if attended(meeting, policy) else "phone"


def attended(meeting: Meeting, policy: SessionizePolicy) -> bool:
    """Whether an event is one the attorney attends away from the desk: a physical place, or a hearing,
    deposition, mediation, trial, closing or site visit."""
    if at_a_place(meeting.location):
        return True
    text = f" {meeting.summary} {meeting.description} ".lower()
    return says(text, policy.attendance_words)  # as words: a call with Courtney is not in court


def away_at_meetings(
    calendar: Sequence[Meeting],
    away: Sequence[Interval],
    pieces: Sequence[Piece],
    index: MatterIndex,
    policy: SessionizePolicy,
    before: Sequence[Interval] = (),
) -> list[Piece]:
    """Pieces for the away time inside attended calendar events that no desk activity covers. before is the
    morning before the laptop was first opened (timeline.unrecorded): away for an event attended at a place (a
    morning hearing, straight to court; blind family firm, development seeds: +1.3 points of capture), not for
    a call, which may as well not have been held."""
    if not policy.calendar_away or not (away or before):
        return []
    with_morning = merge_intervals([*before, *away]) if before else away
    found: list[Piece] = []
    busy: list[Interval] | None = None
    for meeting in calendar:
        family = _family(meeting, policy)
        if family is None:
            continue
        gone = away if family == "phone" else with_morning
        ends = meeting.end
        until = ends
        if family == "calendar":  # an attended event may run on; a call taken away from the desk ends on time
            ends = ended_early(meeting, gone, policy)
            until = ends + (max(policy.overrun_seconds, overrun(meeting, gone, policy)) if ends == meeting.end else 0)
        inside = [
            (max(a, meeting.start), min(b, until if a < ends else ends))
            for a, b in gone
            if b > meeting.start and a < ends
        ]
        if not inside:
            continue
        if busy is None:
            busy = merge_intervals((p.start, p.end) for p in pieces)
        reading = _meeting_reading(meeting, index, family)
        if not _for_a_client(meeting, reading.scores):
            continue
        stretches = [part for a, b in inside for part in subtract_intervals(a, b, busy)]
        kept = [(a, b, reading) for a, b in stretches if b - a >= policy.calendar_away_min_seconds]
        if kept and policy.bill_travel and family == "calendar":
            travel = _meeting_reading(meeting, index, "travel")
            kept += [(a, b, travel) for a, b in _travel(meeting, until, gone, busy, policy)]
        for start, end, what in sorted(kept, key=lambda part: part[0]):
            parts = [(start, end)]
            if what is reading and start < meeting.end < end:
                parts = [(start, meeting.end), (meeting.end, end)]
            for part_start, part_end in parts:
                piece = Piece(part_start, part_end, what)
                piece.call_summary = meeting.summary
                piece.overrun = what is reading and part_start >= meeting.end
                found.append(piece)
    return found


def _family(meeting: Meeting, policy: SessionizePolicy) -> str | None:
    """What away time inside an event is drafted as: "calendar" (attended at a place), "phone" (a call taken
    away from the keyboard), "travel" (the trip itself, when the firm bills travel); None for what drafts
    nothing (focus time, a reminder, a CLE programme, a video meeting, unbilled travel)."""
    if meeting.free or meeting.programme:
        return None  # focus time, a reminder or a CLE programme accounts for no client's time
    if _TRAVEL_EVENT.search(meeting.summary):
        # a trip is billed by the firm's setting, never as attending its destination
        return "travel" if policy.bill_travel else None
    return _kind_of(meeting, policy)


def _for_a_client(meeting: Meeting, scores: Scores) -> bool:
    """Whether an event's own words name a matter (or stay close between some) and it is no private
    appointment, firm business or namesake venue: time at it is some client's."""
    if scores.best is None and scores.lean is None and not scores.candidates:
        return False  # an event that names no matter is not work we can draft
    return not names_no_client(meeting, scores)  # the dentist's, whatever surname it shares with a party


def held_away(calendar: Sequence[Meeting], index: MatterIndex, policy: SessionizePolicy) -> list[Interval]:
    """The slots of the events that away time is drafted from (away_at_meetings: a call taken away from the
    keyboard or an event attended, naming a client's matter). No input inside one is the event, not reading
    the document left in front: a PDF on the screen through a scheduled phone call about another matter is
    that call's time (the call's hour was billed to the PDF's matter). Blind generator, development seeds 11-25:
    wrong -0.03 points, -0.06 after a reviewed week, capture unchanged; bench/corpus and bench/weeks unchanged.
    Only away stretches the event would draft count (pipeline._inside): a few idle minutes between glances in
    a meeting's slot are the attorney still at the desk (a 'Touch base' in the library never attended)."""
    if not policy.calendar_away:
        return []
    slots = [
        (meeting.start, meeting.end)
        for meeting in calendar
        if (family := _family(meeting, policy)) in ("phone", "calendar")
        and _for_a_client(meeting, _meeting_reading(meeting, index, family).scores)
    ]
    return merge_intervals(slots)


def _travel(
    meeting: Meeting, until: float, away: Sequence[Interval], busy: Sequence[Interval], policy: SessionizePolicy
) -> list[Interval]:
    """Away time running into the event's start and out of its end (or its overrun, until), with no desk
    activity, bounded."""
    found: list[Interval] = []
    for a, b in away:
        if a < meeting.start <= b:
            found += subtract_intervals(max(a, meeting.start - policy.travel_max_seconds), meeting.start, busy)
        if a <= until < b:
            found += subtract_intervals(until, min(b, until + policy.travel_max_seconds), busy)
    return found


OVERRUN_SLACK_SECONDS = 900.0
"""how much longer than the trip there the trip back may take before the difference is the event running on"""


_IN_HOUSE = re.compile(
    r"^\s*(?:(?:the\s+|my\s+|our\s+)?(?:conf(?:erence)?\.?|board|meeting|client|partners'?|war)\s*room\b|"
    r"boardroom\b|(?:my|our|your)\s+office\b|(?:the\s+)?office$|room\s+[\w-]+$)",
    re.IGNORECASE,
)
"""a place in the firm's own office (a conference room, "my office"): no trip there or back to measure"""


def _trip(meeting: Meeting, away: Sequence[Interval], policy: SessionizePolicy) -> tuple[float, float] | None:
    """The trip to an attended event and the return to the desk: (seconds from leaving to the event's start,
    the time input came back), for the away period the event starts in; None when there is none, the attorney
    left long before, or the event is down the hall (_IN_HOUSE: a signing in Conference Room B after a call
    taken with the screen locked is no 19-minute trip that would end it early; no trip to measure)."""
    if _IN_HOUSE.match(meeting.location):
        return None
    for position, (a, b) in enumerate(away):
        if a < meeting.start < b:
            trip = meeting.start - a
            if trip > policy.travel_max_seconds:
                return None
            for later, after in away[position + 1 :]:
                if later - b > BLIP_SECONDS:
                    break
                b = max(b, after)  # a key pressed on the way out (to lock the screen) is no return
            return trip, b
        if a >= meeting.start:
            break
    return None


BLIP_SECONDS = 60.0
"""the longest stretch at the desk between two away periods that is no return from an event: a few seconds of
input on the way out (an e-mail glanced at, the screen locked) split the away time, and the return measured
from the first part ended a meeting down the hall two minutes into it"""


def overrun(meeting: Meeting, away: Sequence[Interval], policy: SessionizePolicy) -> float:
    """How long an attended event ran past its calendar slot, estimated from the trip: away from the desk from
    before it starts to after it ends, the trip back is taken to be as long as the trip there (plus
    OVERRUN_SLACK_SECONDS); what is left after the slot ends is the hearing or deposition running on, at most
    as long again as the slot. Nothing when the attorney left long before (no trip to measure)."""
    found = _trip(meeting, away, policy)
    if found is None or found[1] <= meeting.end:
        return 0.0
    trip, back = found
    left = (back - meeting.end) - trip - OVERRUN_SLACK_SECONDS
    return max(0.0, min(left, meeting.end - meeting.start))


EARLY_SLACK_SECONDS = 300.0
"""how much quicker than the trip there the trip back may be before the event is taken to have ended early"""


def ended_early(meeting: Meeting, away: Sequence[Interval], policy: SessionizePolicy) -> float:
    """When an attended event ended, estimated from the trip: back at the desk sooner after the slot than the
    trip there took (less EARLY_SLACK_SECONDS), it ended that trip before the return (a deposition over at
    11:37 for a slot to 12:00, back at 12:05 after a 34-minute trip there); the slot's end otherwise, or when
    there is no trip to measure. Time not worked is not billed on the slot's word."""
    found = _trip(meeting, away, policy)
    if found is None:
        return meeting.end
    trip, back = found
    return max(meeting.start, min(meeting.end, back - trip + EARLY_SLACK_SECONDS))


def _meeting_reading(meeting: Meeting, index: MatterIndex, family: str) -> Reading:
    """The reading of time at an event (family "calendar") or travelling to and from it ("travel")."""
    key = memory_key("calendar", meeting.summary)
    # the venue, not its street address: "Apexwick Mediation Group" of "Apexwick Mediation Group, 1532 Main St,
    # Suite 1800, Brooklyn, NY 11201" is what a narrative names
    place = _venue(meeting.location)
    return Reading(
        Role.MEETING,
        Klass.WORK,
        family,
        meeting.summary,
        (key,) if key else (),
        index.score_event(meeting.text, meeting.summary, meeting.description),
        tool=place,
    )


def passive_holes(
    start: float, end: float, away: Sequence[Interval], first: int, limit: float, playing: bool = False
) -> tuple[list[Interval], float]:
    """The away periods to subtract from a window [start, end) (from index first), and the seconds of
    away time kept as passive reading: periods inside the window (begun no earlier than the input that
    brought it to the front, ended by input in the same window: a break that ends by switching away is
    not reading), each at most limit long. A window playing sound (a body-cam video, a recorded hearing)
    is watched while it plays: its quiet stretches are kept up to the switch that ends them."""
    kept = 0.0
    holes: list[Interval] = []
    for position in range(first, len(away)):
        a, b = away[position]
        if a >= end:
            break
        if a >= start - 1.0 and b - a <= limit and (playing or b < end - 1.0):
            kept += min(b, end) - a
        else:
            holes.append((a, b))
    return holes, kept
