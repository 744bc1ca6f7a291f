"""The own-evidence ladder: each piece is labelled by the first rule that decides it.

Rules run in order of trust: the window's class (personal), memory where a client's matters are close,
the window's own text (numbers, dockets, client IDs, captions, names, keywords, description words, e-mail
domains), memory of approvals, firm administration, the calendar for calls, then e-mail and document
events. A rule returns True when it has settled the piece (labelled it, or left it with candidates to ask
about); later stages (propagation) only touch what no rule settled.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ledgerwatch.domain.text import ADDRESS, fold
from ledgerwatch.sessionize.identities import named_today
from ledgerwatch.sessionize.labels import ADMIN, PERSONAL, label_piece
from ledgerwatch.sessionize.matching import EMPTY, MatterIndex, Scores
from ledgerwatch.sessionize.memory import Memory, memory_key
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import Klass, Reading, Role, hosted, says
from ledgerwatch.sessionize.teams import Teams, team_of
from ledgerwatch.sessionize.timeline import Meeting, Overlay, Piece, firms_own, names_no_client, private


@dataclass(slots=True)
class Ladder:
    """What the rules consult for one day: matchers, memory, the calendar and e-mail/document events."""

    index: MatterIndex
    policy: SessionizePolicy
    memory: Memory | None
    calendar: Sequence[Meeting]
    overlays: Sequence[Overlay]
    people: People
    """who is who in the range (see People)"""
    numbers: list[str] = field(init=False)
    meeting_scores: list[Scores] = field(init=False)
    meeting_class: list[str | None] = field(init=False)
    meeting_platforms: list[str | None] = field(init=False)
    """the video platform each event is held on, as its location or notes name it (see _platform)"""
    overlay_scores: list[Scores] = field(init=False)
    own: dict[int, tuple[str, float, bool, tuple[str, ...]]] = field(init=False, default_factory=dict)
    """id of a reading (alive in the day's pieces) -> its matter, confidence, strength and candidates"""
    held: set[int] = field(init=False, default_factory=set)
    """positions of the events a call was held in so far (the day's pieces are labelled in time order)"""
    last_call: tuple[str, float, int] | None = field(init=False, default=None)
    """the last call window given an event: its title, when it left the front, and the event's position"""
    joined_anew: bool = field(init=False, default=False)
    """a lobby or the call app's own window came to the front since the last call was given an event: the next
    call window is another call, not the last one resumed"""
    known: dict[str, tuple[Scores, str] | None] = field(init=False, default_factory=dict)
    """person -> what their address says of the matter, and the address"""
    active: frozenset[str] = field(init=False, default=frozenset())
    """the matters the day's own words or calendar name outright, when there is a memory to recall"""
    last_work: tuple[str, float] | None = field(init=False, default=None)
    """the matter of the last desk work (not a call, chat or meeting) decided so far, and when it left the front"""
    event_for: tuple[Piece | None, tuple[int, bool]] = field(init=False, default=(None, (-1, False)))
    """the last piece whose calendar event was found, and that event (see event_of): the own-evidence and
    calendar rules both ask for one call window's event"""

    def __post_init__(self) -> None:
        self.numbers = [m.number for m in self.index.matters]
        found = [self.index.score_event(m.text, m.summary, m.description) for m in self.calendar]
        own = [private(m, scores) for m, scores in zip(self.calendar, found, strict=True)]
        firm = [firms_own(m, scores) for m, scores in zip(self.calendar, found, strict=True)]
        # an appointment of the attorney's own life, the firm's own business or a venue alone names no matter,
        # whatever surname it shares with one
        self.meeting_scores = [
            EMPTY if names_no_client(m, scores) else scores for m, scores in zip(self.calendar, found, strict=True)
        ]
        classes = [
            ADMIN if ours else _class_of(m, self.policy, self.index)
            for m, ours in zip(self.calendar, firm, strict=True)
        ]
        self.meeting_class = [PERSONAL if mine else klass for mine, klass in zip(own, classes, strict=True)]
        self.meeting_platforms = [_platform(f"{m.location} {m.description}") for m in self.calendar]
        self.overlay_scores = [self.index.score(o.text) for o in self.overlays]

    def remembered(self, piece: Piece) -> str | None:
        """The matter approvals taught for one of the piece's keys, if any."""
        if self.memory is None or not piece.reading.keys:
            return None
        return self.memory.recall(piece.reading.keys, self.numbers)


Rule = Callable[[Piece, Ladder], bool]


def personal_class(piece: Piece, ladder: Ladder) -> bool:
    """A personal site or app is personal, whatever it names."""
    if piece.reading.klass is Klass.PERSONAL:
        label_piece(piece, PERSONAL, "class", 0.9, "personal site or app")
        return True
    return False


def memory_between_siblings(piece: Piece, ladder: Ladder) -> bool:
    """Where a client's matters are close on the text, what the attorney approved before decides."""
    scores = piece.reading.scores
    if scores.best is None or not scores.siblings:
        return False
    remembered = ladder.remembered(piece)
    if remembered is None:
        return False
    label_piece(piece, remembered, "memory", 0.85, f"approved before for {piece.reading.label}")
    return True


def own_evidence(piece: Piece, ladder: Ladder) -> bool:
    """The window's own text names a matter."""
    reading = piece.reading
    scores = reading.scores
    best = scores.best
    if best is None:
        return False
    decided = ladder.own.get(id(reading))
    if decided is None:
        numbers = ladder.numbers
        siblings = scores.siblings
        decided = ladder.own[id(reading)] = (
            numbers[best],
            _confidence(scores.score, ladder.policy),
            scores.score >= ladder.policy.strong_score,
            (numbers[best], *(numbers[i] for i in siblings)) if siblings else (),
        )
    number, confidence, strong, candidates = decided
    if reading.role is Role.CALL and not strong and ladder.calendar:
        event, _ = event_of(piece, ladder)
        if event >= 0:
            found = ladder.meeting_scores[event]
            if found.best is not None and found.score >= ladder.policy.strong_score and found.best != best:
                return False  # the event the call is held in names its matter outright: the calendar decides
    if reading.role is Role.CALL and not strong and _namesake(piece, ladder, number):
        return False
    piece.strong = strong
    if candidates:
        piece.candidates = candidates
        if reading.role is Role.CALL:
            # a call naming the client only leans to one of its matters (as its calendar event would): which
            # one is for the calendar event it is (its notes may say), the work around it, or the attorney
            return not ladder.calendar
        if reading.role is Role.MEETING and scores.by_matter[0][0] == best and _client_only(scores, best):
            # hours away at an event only the client's name leans to one of its matters: the attorney says which
            piece.note = f"calendar event '{reading.label}'"
            return True
        piece.soft = True
    label_piece(piece, number, "evidence", confidence, reading.evidence)
    return True


def _namesake(piece: Piece, ladder: Ladder, number: str) -> bool:
    """Whether a call with a person leans to a matter only by a word of the person's name ("Aisha Nguyen" and the
    plaintiff in "Nguyen v. Mueller") while the desk work just before it is another matter's: a namesake is
    no evidence against the work the call answers, nor the work against the name. The draft asks between the
    two (a call from a contact about the e-mail just read went to the suit whose party shares the surname;
    insurance-defense weeks, bench/weeks: all such calls were the other matter's or neither's; chats were
    right by the name more often and keep it)."""
    last = ladder.last_work
    if not piece.reading.person or last is None or last[0] == number:
        return False
    if piece.start - last[1] > ladder.policy.call_context_seconds:
        return False
    scores = piece.reading.scores
    names = piece.reading.person.lower().split()
    if not all(text.lower() in names for index, _, text in scores.reasons if index == scores.best):
        return False
    piece.candidates = (last[0], number)
    piece.note = f"'{piece.reading.person}' shares a name with {number}; the work just before is {last[0]}'s"
    return True


def _client_only(scores: Scores, best: int) -> bool:
    """Whether a text's evidence for best is only the client's: its name (a keyword that is the surname too) or
    address. "Nakamura/Fatima mediation" at the mediator's office leaned to the protective order listing the
    surname, not the divorce it was (five hours on the wrong bill); "Inventor meeting and IP committee" keeps
    its one word of a description (blind family firm, development weeks: wrong 6.62 -> 6.13, week two 7.84 ->
    6.89; the other firms' weeks unchanged; what was right by the lean is asked now). Evidence its siblings have
    too is the client's as well: the client's e-mail address listed as a contact of each of its matters."""
    shared = {(kind, text) for index, kind, text in scores.reasons if index in scores.siblings}
    return all(
        kind in ("client", "domain") or (kind, text) in shared
        for index, kind, text in scores.reasons
        if index == best
    )


def calendar_only(piece: Piece, ladder: Ladder) -> bool:
    """Away at an attended event: its own text (summary, notes, place, attendees) leans to a matter or
    names a client's matters (then the draft asks which)."""
    if piece.reading.role is not Role.MEETING:
        return False
    scores = piece.reading.scores
    numbers = ladder.numbers
    note = f"calendar event '{piece.reading.label}'"
    if scores.lean is not None:
        label_piece(piece, numbers[scores.lean], "calendar", 0.7, note)
    elif scores.candidates:
        piece.candidates = tuple(numbers[i] for i in scores.candidates)
        piece.note = note
    return True


def approved_before(piece: Piece, ladder: Ladder) -> bool:
    """A document, thread, site or topic the attorney approved for a matter before.

    A window with no evidence of its own is recalled only on a day the matter is named outright somewhere
    (identities.named_today, or a calendar event naming it). A name with nothing of its own in it ("Affidavit of
    Heirship", "GCIC criminal history", "Certification of Trust") is used for several clients at some firms:
    approved once for one, it was recalled for the others on days that one was never named (blind generator,
    week two after review, dev seeds 901-903: wrong-matter time -3.2 points at the estates firm, -2.8 at the
    family firm, for capture -1.0 to -2.5 elsewhere; 624 development weeks of the other generators: capture
    -0.11 at most, wrong -0.03). Left open, the work around it or the attorney decides.

    A habit is recalled any day: a name approved HABIT_APPROVALS times for the matter (a deal's "Disclosure
    Schedules", worked on all week). Nor is such a recall carried to the days its matter is not named
    (identities.learn_recalled): carried there, it put the same names back on the wrong clients (blind week
    two, after this rule: wrong -1.2 estates, -2.0 family, -0.3 IP, capture within +-0.9 except litigation
    -1.4; the litigator personas' week two capture -0.6 and the other generators' -0.1 to -0.2, no
    wrong-matter time either way).

    A call or meeting with nothing of its own in its name ("Quick call", "Meeting with Wei Ryan", someone's
    personal room) is recalled only as a habit, even on a day its matter is named: a person talks about all
    their matters, and such recalls were their matter a third of the time on the development weeks (117 bench
    firm weeks, week two: 27 minutes right, 53 wrong; blind estates firm week two wrong -0.8 points without
    them). So is a page known only by its site: a court's portal or the patent office serves every matter
    before it (week two: wrong -0.03 points on the bench firms, -0.2 to -0.8 at the blind family firm, capture
    unchanged)."""
    remembered = ladder.remembered(piece)
    if remembered is None:
        return False
    memory = ladder.memory
    assert memory is not None
    if (
        piece.reading.scores.best is None
        and (
            remembered not in ladder.active
            or piece.reading.role in (Role.CALL, Role.MEETING)
            or _site_only(piece, memory)
        )
        and not memory.habit(piece.reading.keys, remembered)
    ):
        return False
    label_piece(piece, remembered, "memory", 0.85, f"approved before for {piece.reading.label}")
    return True


def _site_only(piece: Piece, memory: Memory) -> bool:
    """Whether only the piece's web host answers from memory (not its document, thread or topic)."""
    return all(key.startswith("site:") for key in piece.reading.keys if memory.lookup(key) is not None)


def admin_class(piece: Piece, ladder: Ladder) -> bool:
    """Firm administration (intranet, timesheets, CLE) that names no matter."""
    if piece.reading.klass is Klass.ADMIN:
        label_piece(piece, ADMIN, "class", 0.85, "firm administration")
        return True
    return False


def calendar_call(piece: Piece, ladder: Ladder) -> bool:
    """A call window takes the matter of the calendar event it is (see _event_of)."""
    calendar = ladder.calendar
    if piece.reading.role is not Role.CALL or not calendar:
        return False
    best, clear = event_of(piece, ladder)
    if best < 0:
        return False
    ladder.held.add(best)
    ladder.joined_anew = False
    ladder.last_call = (piece.reading.label, piece.end, best) if clear else None
    meeting = calendar[best]
    piece.call_summary = meeting.summary
    found = ladder.meeting_scores[best]
    numbers = ladder.numbers
    note = f"call during calendar event '{meeting.summary}'"
    # the client's matters the event is close between (it names the client, or leans to one of them)
    between = (found.best, *found.siblings) if found.best is not None and found.siblings else found.candidates
    if meeting.recurring and (found.best is None or found.siblings):
        remembered = _remembered_series(meeting.summary, ladder)
        if remembered is not None and (not between or remembered in {numbers[i] for i in between}):
            # the attorney put this meeting's earlier occurrences on one matter: the series is that matter's
            label_piece(piece, remembered, "memory", 0.85, f"approved before for '{meeting.summary}'")
            return True
    team = team_of(ladder.people.teams, meeting.attendees, between) if between else None
    if team is not None:
        # the event names only the client; its people are seen on one of the client's matters alone
        matter, why = team
        label_piece(piece, numbers[matter], "evidence", 0.75, f"{note}: {why}")
        return True
    if found.best is None and meeting.programme:
        # a CLE programme or a webinar sharing a word with a matter ("Patent Quality Chat") is nobody's matter
        label_piece(piece, ADMIN, "class", 0.8, f"calendar event '{meeting.summary}'")
        return True
    if found.best is not None and found.siblings:
        # the event names the client and only leans to one of its matters: which one is for the work
        # around the call, or the attorney, to say
        piece.candidates = tuple(sorted(numbers[i] for i in (found.best, *found.siblings)))
        piece.note = note
        return True
    if found.best is not None:
        label_piece(piece, numbers[found.best], "calendar", 0.9, note)
        piece.strong = True
        return True
    if found.lean is not None:
        label_piece(piece, numbers[found.lean], "calendar", 0.8, note)
        return True
    if found.candidates:
        piece.candidates = tuple(numbers[i] for i in found.candidates)
        piece.note = note
        return True
    klass = ladder.meeting_class[best]
    if klass is not None:
        label_piece(piece, klass, "class", 0.8, f"calendar event '{meeting.summary}'")
        return True
    return False


def _remembered_series(summary: str, ladder: Ladder) -> str | None:
    """The matter the attorney approved earlier occurrences of a repeating event (by its summary) for, if any.
    Only a series: two one-off calls titled "Call w/ Juan" a week apart were about two of the client's
    matters."""
    if ladder.memory is None:
        return None
    key = memory_key("calendar", summary)
    return None if key is None else ladder.memory.recall((key,), ladder.numbers)


def event_of(piece: Piece, ladder: Ladder) -> tuple[int, bool]:
    """_event_of, found once per piece."""
    last, found = ladder.event_for
    if last is not piece:
        found = _event_of(piece, ladder)
        ladder.event_for = (piece, found)
    return found


def _event_of(piece: Piece, ladder: Ladder) -> tuple[int, bool]:
    """The calendar event a call window is (-1 if none), and whether the choice is clear: the one its title
    names; the one it was clearly held in when it left the front minutes ago, if that event still runs; else
    the one it overlaps most (a busy one before one shown as free, one held on the call's own video platform
    before one on another; among those overlapping it within TIE_SECONDS of each other, the one whose slot it
    fits, and then the choice is not clear), else one it started late after."""
    calendar = ladder.calendar
    named = _named_meeting(piece, calendar)
    if named is not None:
        return named, True
    last = ladder.last_call
    if last is not None:
        title, left, event = last
        resumed = title == piece.reading.label and piece.start - left <= RESUME_SECONDS
        if resumed and calendar[event].end > piece.start:
            return event, True  # the same call, back in front after a look at a document: still that event
    person = _person(piece)
    ranked: list[tuple[tuple[bool, bool, float], int]] = []
    for position, meeting in enumerate(calendar):
        if person and not _invites(meeting, person):
            continue  # a call with someone the event does not name is another call
        shared = min(meeting.end, piece.end) - max(meeting.start, piece.start)
        if shared <= 0:
            continue
        # a busy event beats focus time the call also falls in; one held on the call's own platform beats one
        # on another (a Zoom window beside a Teams status call and a Zoom webinar set for the same hour)
        ranked.append(((not meeting.free, _same_platform(ladder.meeting_platforms[position], piece), shared), position))
    if not ranked:
        return _started_late(piece, ladder), True
    most = max(rank for rank, _ in ranked)
    tied = [position for rank, position in ranked if rank[:2] == most[:2] and most[2] - rank[2] < TIE_SECONDS]
    # events set for the same slot overlap a call alike: the one whose own slot the call fits is it (a call
    # from 20:32 to 21:00 is the half-hour review set for 20:30, not the hour-long call set beside it)
    if ladder.joined_anew and len(tied) > 1:
        # two events set for the same slot, a call held in one of them past the slot's middle and another
        # joined from the lobby: the second call is the event nobody has joined yet (a client's weekly ran on
        # into the slot of another client's strategy call booked beside it; both went to the weekly). Early in
        # the slot, a look at the lobby is a look, and the call goes on.
        fresh = [position for position in tied if position not in ladder.held]
        if fresh and len(fresh) < len(tied):
            middle = max((calendar[p].start + calendar[p].end) / 2 for p in tied if p in ladder.held)
            if piece.start >= middle:
                tied = fresh
    best = min(tied, key=lambda position: (_misfit(calendar[position], piece), position))
    return best, len(tied) == 1


TIE_SECONDS = 60.0
"""events that overlap a call within this of each other are tied: a call resumed after a glance is not held to
a choice that was a toss-up (two events set for the same slot), it is matched again"""
RESUME_SECONDS = 300.0
"""how long a call window may leave the front (the attorney looks at a document during the call) and still be
the same call when it comes back"""

LATE_SECONDS = 900.0
"""how soon after its slot a call may still be an event that started late"""


def _misfit(meeting: Meeting, piece: Piece) -> float:
    """How far a call window's span is from an event's slot: seconds apart at the start and at the end."""
    return abs(piece.start - meeting.start) + abs(piece.end - meeting.end)


def _started_late(piece: Piece, ladder: Ladder) -> int:
    """The event a call with no event around it is, having started late: one that ended at most LATE_SECONDS
    before the call began and that no call was held in (the call before it ran over its own slot and
    this one's), the latest such (one on the call's own video platform first); -1 if none."""
    person = _person(piece)
    found, latest = -1, (False, 0.0)
    for position, meeting in enumerate(ladder.calendar):
        if position in ladder.held or meeting.free or not meeting.end <= piece.start <= meeting.end + LATE_SECONDS:
            continue
        if person and not _invites(meeting, person):
            continue
        rank = (_same_platform(ladder.meeting_platforms[position], piece), meeting.end)
        if rank > latest:
            found, latest = position, rank
    return found


_PLATFORMS = (
    ("zoom", re.compile(r"\bzoom", re.IGNORECASE)),
    ("teams", re.compile(r"\bteams\b|teams\.microsoft|teams\.live", re.IGNORECASE)),
    ("webex", re.compile(r"webex", re.IGNORECASE)),
    ("meet", re.compile(r"google meet|meet\.google", re.IGNORECASE)),
    ("goto", re.compile(r"gotomeeting|goto meeting|gotomeet\.me", re.IGNORECASE)),
    ("ringcentral", re.compile(r"ringcentral", re.IGNORECASE)),
    ("skype", re.compile(r"skype", re.IGNORECASE)),
)
"""video platforms, as an event's location or notes name them (its join link) and as a call window's tool does"""


def _platform(text: str) -> str | None:
    """The one video platform text names, or None (none, or several: a bridge with a dial-in on another)."""
    found = {name for name, pattern in _PLATFORMS if pattern.search(text)}
    return found.pop() if len(found) == 1 else None


def _same_platform(held_on: str | None, piece: Piece) -> bool:
    """Whether a call window can be an event held on held_on: not when the event is held on one video platform
    and the window is another's (a CLE webinar on Zoom beside a client's status call on Teams set for the same
    hour)."""
    window_on = _platform(piece.reading.tool)
    return held_on is None or window_on is None or held_on == window_on


def _person(piece: Piece) -> str:
    """The person a call window names ("Amir Fitzgerald | Microsoft Teams"), lower case, or "": not the host a
    meeting room is named after, who may be the attorney in their own room, whom no event names (a call in
    "Anjali Hernández's Personal Room" during a client's "Touch base" is that event)."""
    reading = piece.reading
    return "" if hosted(reading.label) else reading.person.lower()


def _invites(meeting: Meeting, person: str) -> bool:
    """Whether an event names the person: a name of theirs as a word of the event's text ("Ann Lee" is not in
    "Annual review"), or inside an attendee's address before the @ ("afitzgerald@" is Amir Fitzgerald)."""
    names = tuple(part for part in fold(person).split() if len(part) >= 3)
    if not names:
        return False
    if says(f" {fold(meeting.text).lower()} ", names):
        return True
    locals_ = [fold(address).lower().partition("@")[0] for address in meeting.attendees]
    return any(name in local for local in locals_ for name in names)


_NAMED_SLACK = 3600.0
"""a meeting window titled like a calendar event is that event, even if it starts or runs this far outside it"""


def _named_meeting(piece: Piece, calendar: Sequence[Meeting]) -> int | None:
    """The calendar event whose summary the call window's title names (Teams and Webex title the meeting
    window with it), near enough in time: it beats whichever other event overlaps the call more."""
    title = _plain(piece.reading.label)
    if len(title) < 6:
        return None
    for position, meeting in enumerate(calendar):
        if meeting.start - _NAMED_SLACK < piece.end and piece.start < meeting.end + _NAMED_SLACK:
            summary = _plain(meeting.summary)
            if summary and (summary == title or (len(summary) >= 8 and summary in title)):
                return position
    return None


def _plain(text: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text.lower()).split())


@dataclass(frozen=True, slots=True)
class People:
    """Who is who outside the firm: the addresses the range's calendar invites and its e-mail comes from or
    goes to, and the matters' listed contacts, looked up by the name a call or chat window shows ("Liam
    Whitaker" is lwhitaker@arborlabs.com, or "Liam Whitaker <lw@arborlabs.com>" on a message)."""

    addresses: tuple[tuple[str, str], ...]
    """(display name in lower case or "", address in lower case)"""
    teams: Teams = field(default_factory=Teams)
    """who works on which of a client's matters (see teams.learn_teams)"""
    _found: dict[str, frozenset[str]] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, others: Sequence[str], teams: Teams | None = None) -> People:
        found: set[tuple[str, str]] = set()
        for text in others:
            match = ADDRESS.search(text)  # "lw@arborlabs.com" or "Liam Whitaker <lw@arborlabs.com>"
            if match is not None:
                name = " ".join(re.split(r"[^a-z]+", fold(text[: match.start()]).lower())).strip()
                found.add((name, match.group(0).lower()))
        return cls(tuple(sorted(found)), teams or Teams())

    def addresses_of(self, person: str) -> frozenset[str]:
        """The addresses that are the person: shown with that display name, or spelling the surname and the
        first name or its initial ("lwhitaker", "liam.whitaker", "whitaker.l")."""
        known = self._found.get(person)
        if known is not None:
            return known
        names = [w for w in re.split(r"[^a-z]+", fold(person).lower()) if w]
        if len(names) < 2 or len(names[-1]) < 3:
            return frozenset()
        first, last = names[0], names[-1]
        found = set()
        for name, address in self.addresses:
            if name:
                if name.split() == names:
                    found.add(address)
                continue
            letters = re.sub(r"[^a-z]", "", fold(address.rpartition("@")[0]))
            if last in letters and (first in letters or letters.startswith(first[0]) or letters.endswith(first[0])):
                found.add(address)
        self._found[person] = frozenset(found)
        return self._found[person]


def _known(person: str, ladder: Ladder) -> tuple[Scores, str] | None:
    """What the person's address says of the matter (a listed contact, else its domain's client), when every
    address that is the person points to the same matters."""
    if person in ladder.known:
        return ladder.known[person]
    found: tuple[Scores, str] | None = None
    for address in sorted(ladder.people.addresses_of(person)):
        if address.rpartition("@")[2] in ladder.policy.consumer_mail_domains and not ladder.index.contacts.get(address):
            continue
        scores = ladder.index.score(address)
        if not scores.by_matter:
            continue
        if found is not None and {m for m, _ in found[0].by_matter} != {m for m, _ in scores.by_matter}:
            found = None
            break
        found = (scores, address)
    ladder.known[person] = found
    return found


def known_person(piece: Piece, ladder: Ladder) -> bool:
    """A call or chat with someone known by address (see People): a listed contact's matter, or the address's
    client, is the evidence (one matter: that matter; several: the work around it, or the attorney, says which)."""
    known = _known(piece.reading.person, ladder)
    if known is None:
        return False
    scores, address = known
    numbers = ladder.numbers
    note = f"{piece.reading.person} writes from {address}"
    chosen = scores.best if scores.best is not None and not scores.siblings else scores.lean
    if chosen is not None:
        label_piece(piece, numbers[chosen], "evidence", 0.7, note)
        return True
    matters = scores.candidates or tuple(m for m, _ in scores.by_matter)
    team = team_of(ladder.people.teams, (address,), (*matters, *scores.siblings))
    if team is not None:
        label_piece(piece, numbers[team[0]], "evidence", 0.75, f"{note}: {team[1]}")
        return True
    piece.candidates = tuple(sorted(numbers[i] for i in matters))
    piece.note = note
    return True


def overlay_event(piece: Piece, ladder: Ladder) -> bool:
    """An e-mail or document event at the same time names the matter."""
    for position, overlay in enumerate(ladder.overlays):
        if overlay.start >= piece.end:
            break
        matter_index = ladder.overlay_scores[position].best
        if overlay.end > piece.start and matter_index is not None:
            label_piece(
                piece, ladder.numbers[matter_index], "evidence", 0.85, f"{overlay.kind} {overlay.label}"
            )
            return True
    return False


RULES: tuple[Rule, ...] = (
    personal_class,
    memory_between_siblings,
    own_evidence,
    approved_before,
    calendar_only,
    admin_class,
    calendar_call,
    known_person,
    overlay_event,
)
"""the ladder, most trusted first"""


def attribute_own(
    pieces: Sequence[Piece],
    index: MatterIndex,
    policy: SessionizePolicy,
    memory: Memory | None,
    calendar: Sequence[Meeting],
    extra: Sequence[Overlay],
    people: People,
) -> None:
    """Label each piece by the first rule of the ladder that decides it."""
    ladder = Ladder(index, policy, memory, calendar, extra, people)
    if memory is not None:
        ladder.active = named_today(pieces, ladder.numbers, policy.strong_score) | frozenset(
            ladder.numbers[found.best] for found in ladder.meeting_scores if found.best is not None
        )
    ladders: dict[int, tuple[Rule, ...]] = {}
    for piece in pieces:
        if piece.reading.family == "call" and piece.reading.role is not Role.CALL:
            ladder.last_call = None  # a lobby or the call app's own window: the next call is joined anew
            ladder.joined_anew = bool(ladder.held)
        rules = ladders.get(id(piece.reading))
        if rules is None:
            rules = ladders[id(piece.reading)] = _applicable(piece.reading, ladder)
        for rule in rules:
            if rule(piece, ladder):
                break
        label = piece.label
        if label is not None and piece.how in _DESK_SOURCES and piece.reading.role not in _NOT_DESK_WORK:
            ladder.last_work = (label, piece.end)


_DESK_SOURCES = frozenset({"evidence", "memory"})
"""ways of deciding desk work that make it the work a call right after answers (see _namesake)"""
_NOT_DESK_WORK = frozenset({Role.CALL, Role.NEUTRAL, Role.MEETING})
"""calls, chats and meetings: talk, not the desk work a call answers"""


def _applicable(reading: Reading, ladder: Ladder) -> tuple[Rule, ...]:
    """The rules of the ladder that can decide pieces of this reading (the rest are skipped, not asked)."""
    remembers = ladder.memory is not None and bool(reading.keys)
    klass, role = reading.klass, reading.role
    found: list[Rule] = []
    if klass is Klass.PERSONAL:
        found.append(personal_class)
    if remembers and reading.scores.siblings:
        found.append(memory_between_siblings)
    if reading.scores.best is not None:
        found.append(own_evidence)
    if remembers and role is not Role.RESEARCH:  # a question recurs for other matters: see recall_research
        found.append(approved_before)
    if role is Role.MEETING:
        found.append(calendar_only)
    if klass is Klass.ADMIN:
        found.append(admin_class)
    if role is Role.CALL and ladder.calendar:
        found.append(calendar_call)
    if reading.person and role in (Role.CALL, Role.NEUTRAL) and ladder.people.addresses:
        found.append(known_person)
    if ladder.overlays:
        found.append(overlay_event)
    return tuple(found)


def _confidence(score: float, policy: SessionizePolicy) -> float:
    if score >= policy.strong_score:
        return 0.95
    if score >= 5:
        return 0.85
    return 0.75


def _class_of(meeting: Meeting, policy: SessionizePolicy, index: MatterIndex) -> str | None:
    """The non-billable class of a calendar event that names no matter, if it has one."""
    lowered = f" {meeting.summary.lower()} "
    if meeting.programme or says(lowered, policy.admin_patterns):  # as words: a call with McLean is no MCLE
        return ADMIN
    if _internal(meeting.attendees, policy, index):
        return ADMIN
    return None


def _internal(attendees: Sequence[str], policy: SessionizePolicy, index: MatterIndex) -> bool:
    """Everyone invited is at one (non-client, non-consumer) domain: the firm meeting internally."""
    domains = {a.rpartition("@")[2].lower() for a in attendees if "@" in a}
    if len(attendees) < 2 or len(domains) != 1:
        return False
    (domain,) = domains
    return domain not in policy.consumer_mail_domains and index.score_domain(domain).by_matter == ()
