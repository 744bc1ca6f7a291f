"""Propagation: pieces no rule decided take their matter from the work around them.

Research sessions and runs, episodes of an item recurring amid one matter's work, ties between a client's
matters, generic windows, mailbox views and calls between one matter's work (sandwiches), and a review of
matters chosen by a small lead. What an item is across the range (topics, binding, memory, the learned model)
is `identities`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence

from ledgerwatch.sessionize.identities import IDENTITY_SOURCES, hard_anchor, hard_within
from ledgerwatch.sessionize.labels import ADMIN, HARD, admits, is_matter, label_piece, propose
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import CONSUMER_CALL_TOOLS, Reading, Role, is_case
from ledgerwatch.sessionize.timeline import Piece

_RESEARCH_ROLES = {Role.RESEARCH, Role.DOCKET}

_CALLED_AFTER = {Role.EMAIL, Role.CALL}
"""what an unscheduled call straight after is about: a message answered by a call, or the same call joined again.
A call that interrupts a document or a page is as often about another matter: the phone rings (after a
message 99.9% of such calls' time was its matter on the bench/corpus and bench/weeks firms, after a document
67%; the blind generator 33% and 27%)"""


def apply_context(
    pieces: Sequence[Piece], policy: SessionizePolicy, numbers: Sequence[str], prior: dict[str, float]
) -> None:
    """Undecided pieces take their label from the work around them.

    1. A document, thread, call or research topic that recurs amid decided work takes the
       matter that work has while it recurs (an episode).
    2. Matters tied on a piece's own evidence (two matters of one client) are settled, for a call or meeting,
       by the work done during its event; else by decided work among them on both sides of it (the
       client's most active matter, when the policy guesses); else the draft asks.
    3. A generic window (unsaved document, unaddressed message) takes the nearest decided work of
       the same application; a research page the nearest research or work around it; a named
       document, thread or call only when the work before and after it agrees.
    """
    if not pieces:
        return
    _episodes(pieces, policy, numbers)
    research_sessions(pieces, policy)
    mailbox_views(pieces, policy)
    anchors = Anchors(pieces)
    for position, piece in enumerate(pieces):
        if piece.label is not None or piece.how:
            continue
        reading = piece.reading
        candidates = piece.candidates
        if not candidates and reading.scores.candidates:
            candidates = tuple(numbers[i] for i in reading.scores.candidates)
        lean = reading.scores.lean
        if not candidates and lean is not None and reading.role in _SANDWICH_ROLES:
            number = numbers[lean]
            chosen = anchors.nearest(position, policy.context_seconds, same_family=False, among=(number,))
            if chosen is not None:  # thin evidence alone is a guess: it needs work on that matter nearby
                note = f"'{reading.label}': nearby work on the same matter"
                piece.soft = propose(piece, number, "context", 0.65, note)  # right here, not an identity
            continue
        if candidates and piece.call_summary:  # a call or meeting held in a calendar event
            during = _worked_during(pieces, position, candidates, numbers, policy.call_context_seconds)
            if during is not None:
                matter, leaned = during
                note = f"'{piece.call_summary}' names the client; the work done during it is on this matter"
                if propose(piece, matter, "context", 0.7, note):
                    for document in leaned:
                        if document.label is None and not document.how:
                            note = f"'{document.reading.label}' leans to this matter, worked on during its call"
                            document.soft = propose(document, matter, "context", 0.65, note)
                    continue
        if candidates and reading.role is Role.MEETING:
            piece.candidates = candidates  # hours away at a client's event: the attorney says which matter
            continue
        if candidates:
            chosen = _among(pieces, anchors, position, candidates, policy)
            if chosen is None and reading.role is Role.CALL and not piece.call_summary:
                # an unscheduled call with the client right after work on one of its matters is about that
                chosen = anchors.nearest(
                    position, policy.call_context_seconds, same_family=False, among=candidates, side=-1
                )
            if chosen is not None:
                propose(
                    piece,
                    pieces[chosen].label,
                    "context",
                    0.7,
                    f"'{reading.label}' names the client; the work around it is on this matter",
                )
                continue
            if policy.guess_busiest_sibling:
                busiest = min(candidates, key=lambda number: (-prior.get(number, 0.0), number))
                propose(piece, busiest, "context", 0.55, f"'{reading.label}' names the client; its most active matter")
                continue
            piece.candidates = candidates  # close between the client's matters: the draft asks
            continue
        role = reading.role
        if role is Role.GENERIC:
            # an unsaved document or an unaddressed message belongs with the same application's work
            # around it: another application's work nearby is too weak to bill it to (wrong 8% of the time)
            earlier = anchors.nearest(position, policy.context_seconds, same_family=True, side=-1)
            later = anchors.nearest(position, policy.context_seconds, same_family=True, side=1)
            split = _split_sides(pieces, position, earlier, later)
            if split:
                # one matter's work in the same application before it, another's after: the nearer was right
                # only 55-77% of the time on the development weeks (bench/weeks, bench/corpus, the sample's
                # firm), a guess; the draft asks between the two instead
                piece.candidates = split
                continue
            chosen = earlier if later is None or _nearer_before(pieces, position, earlier, later) else later
        elif role in _RESEARCH_ROLES:
            chosen = _sandwich(pieces, anchors, position, policy.research_context_seconds)
        elif role in _SANDWICH_ROLES or _working_mailbox(piece, policy):
            chosen = None
            longest = MAILBOX_SANDWICH_SECONDS if role is Role.NEUTRAL else policy.sandwich_max_seconds
            if reading.mailbox and _beside_admin_mail(pieces, position, position, policy.interruption_seconds):
                continue  # the firm's own mail being cleared from the inbox
            if piece.seconds <= longest:  # a long named document is a task of its own
                chosen = _sandwich(pieces, anchors, position, policy.context_seconds)
            if chosen is None and role is Role.CALL and not piece.call_summary:
                held = _meeting_beside(pieces, position, policy.interruption_seconds)
                if held is not None:
                    # straight before or after a calendar meeting in the same app (moved to a personal room,
                    # joined again) it is that meeting going on, billable or not; in another app, another one
                    meeting = pieces[held]
                    if meeting.reading.tool == reading.tool and meeting.label is not None:
                        how = "context" if is_matter(meeting.label) else "class"
                        propose(piece, meeting.label, how, 0.7, f"'{meeting.call_summary}' going on")
                    continue
                chosen = None
                if reading.tool not in CONSUMER_CALL_TOOLS:
                    chosen = anchors.nearest(position, policy.call_context_seconds, same_family=False, side=-1)
                before = pieces[chosen] if chosen is not None else None
                if before is not None and before.call_summary and before.reading.tool != reading.tool:
                    # a meeting of its own in another call app just before (Teams, then Zoom) says nothing of
                    # what this call is about; in the same app it is this call joined from its lobby
                    chosen = None
                elif before is not None and not _answered(pieces, position, before.label, policy.call_context_seconds):
                    chosen = None
                if chosen is not None:
                    propose(
                        piece,
                        pieces[chosen].label,
                        "context",
                        0.65,
                        f"unscheduled call '{reading.label}' right after work on the same matter",
                    )
                    continue
            if chosen is None and role is Role.NEUTRAL:
                chosen = _message_after(pieces, position, policy.interruption_seconds)
            if chosen is None and role is Role.NEUTRAL:
                chosen = _message_before_break(pieces, position, policy.interruption_seconds)
        else:
            continue
        if chosen is None:
            continue
        label = pieces[chosen].label
        what = "research page" if role in _RESEARCH_ROLES else "window"
        propose(piece, label, "context", 0.65, f"{what} '{reading.label}' within work on the same matter")
    _between_one_matter(pieces, policy.interruption_seconds)


def _worked_during(
    pieces: Sequence[Piece], position: int, candidates: Sequence[str], numbers: Sequence[str], gap: float
) -> tuple[str, list[Piece]] | None:
    """The one of candidates (a client's matters a call or meeting names only by the client) that the work
    done during that calendar event is for: documents and messages between its pieces (each break in it at
    most gap seconds) decided on their own words, all for that one of them. "Call w/ Lila", the adjuster of
    three of the insurer's suits, with the photographs exhibit of one suit opened in the middle of it, is about
    that suit; work before or after the event says nothing of it (a prepared-for call may follow any work).
    Failing that, papers during it whose subject only leans to one of them (too thin to bill alone) settle it
    with them: the event names the client, the paper the matter; those papers are returned to be placed too."""
    event = pieces[position].call_summary  # (set on the pieces of a call or meeting held in an event only)
    bounds: list[int] = []
    for step in (-1, 1):
        k, edge = position + step, position
        while 0 <= k < len(pieces):
            piece = pieces[k]
            if piece.call_summary == event:
                edge = k
            elif (piece.end - pieces[edge].end if step > 0 else pieces[edge].start - piece.start) > gap:
                break  # away from the event longer than gap: it is over (or not begun)
            k += step
        bounds.append(edge)
    first, last = bounds
    found: set[str] = set()
    leaned: dict[str, list[Piece]] = {}
    for k in range(first + 1, last):
        piece = pieces[k]
        lean = piece.reading.scores.lean
        leans_to = numbers[lean] if lean is not None else None
        undecided = piece.how in ("", "context") and piece.label in (None, leans_to)  # or placed on its lean
        if leans_to is not None and leans_to in candidates and undecided:
            leaned.setdefault(leans_to, []).append(piece)
        if piece.label not in candidates or piece.soft:
            continue
        own = piece.how == "evidence" and piece.reading.points is not None
        if own or piece.how in ("memory", "workspace"):
            found.add(str(piece.label))
    if found:
        return (found.pop(), []) if len(found) == 1 else None
    if len(leaned) == 1:
        # a subject that only leans to one of them ("OWBPA disclosure", the client's one employment matter) and
        # the event naming the client: each says what the other leaves open
        ((matter, documents),) = leaned.items()
        return matter, documents
    return None


def _nearer_before(pieces: Sequence[Piece], position: int, before: int | None, after: int) -> bool:
    """Whether the decided piece before a window is at least as near as the one after it (ties go before, as
    in Anchors.nearest)."""
    if before is None:
        return False
    return pieces[position].start - pieces[before].end <= pieces[after].start - pieces[position].end


def _split_sides(pieces: Sequence[Piece], position: int, before: int | None, after: int | None) -> tuple[str, ...]:
    """The two matters of the same application's decided work on either side of a window (before, after),
    nearest first, when they differ (else ()): an unsaved document between one matter's document and another's
    is either."""
    if before is None or after is None:
        return ()
    first, second = pieces[before].label, pieces[after].label
    if first == second or first is None or second is None or not (is_matter(first) and is_matter(second)):
        return ()
    return (first, second) if _nearer_before(pieces, position, before, after) else (second, first)


def _among(
    pieces: Sequence[Piece], anchors: Anchors, position: int, candidates: Sequence[str], policy: SessionizePolicy
) -> int | None:
    """The decided piece that settles which of a client's matters a piece is: work on both sides of it on
    one of them. Work on one side only is no answer: a document naming only the client, read after one of
    its matters' work, was the other matter's as often as not (six development seed sets: as many seconds
    wrong as right), and the draft asks instead."""
    chosen = _sandwich(pieces, anchors, position, policy.context_seconds)
    if chosen is not None and pieces[chosen].label in candidates:
        return chosen
    return None


MAILBOX_SANDWICH_SECONDS = 1800.0
"""the longest mailbox view that the same matter's work on both sides makes that matter's correspondence (web and
new Outlook show the mailbox while a message is read or written): a named document that long is a task of its
own, a mailbox view is still the correspondence around it (15-30 minute views on 192 development weeks: 146
minutes right, none wrong)"""
MAILBOX_LEAD_SECONDS = 600.0
"""the longest mailbox view taken as reading the message opened straight after it: longer is triage"""


def mailbox_views(pieces: Sequence[Piece], policy: SessionizePolicy) -> None:
    """A mailbox view of the same mail client in front for minutes, between one matter's work, is that
    matter's correspondence, however many messages its URL named meanwhile: web Outlook's "Mail - Name -
    Outlook" is one view whose reading pane went through a thread's messages, each URL a piece of a minute
    that alone was a glance (MAILBOX_SANDWICH_SECONDS bounds the view as a whole). Run again once documents
    and threads are carried through the week: the work after a view may be known only then."""
    position, count = 0, len(pieces)
    gap, reach = policy.interruption_seconds, policy.context_seconds
    while position < count:
        piece = pieces[position]
        if not _open_mailbox(piece):
            position += 1
            continue
        last, seconds = position, piece.seconds
        while (
            last + 1 < count
            and _open_mailbox(pieces[last + 1])
            and pieces[last + 1].reading.family == piece.reading.family
            and pieces[last + 1].start - pieces[last].end <= gap
        ):
            last += 1
            seconds += pieces[last].seconds
        if gap < seconds <= MAILBOX_SANDWICH_SECONDS and not _beside_admin_mail(pieces, position, last, gap):
            before = _decided_beside(pieces, position, -1, reach)
            after = _decided_beside(pieces, last, 1, reach)
            label = before.label if before is not None and after is not None else None
            if label is not None and after is not None and label == after.label and is_matter(label):
                for k in range(position, last + 1):
                    note = f"mailbox view '{pieces[k].reading.label}' within work on the same matter"
                    propose(pieces[k], label, "context", 0.65, note)
        position = last + 1


def _beside_admin_mail(pieces: Sequence[Piece], first: int, last: int, gap: float) -> bool:
    """Whether the mailbox view from first to last has a message of the firm's own administration straight
    before or after it ("IT maintenance tonight", "Timesheets due Friday"): the inbox is being cleared of the
    firm's mail, no client's correspondence, whatever matter's work lies further out (bench/weeks: a quarter
    of an hour of such triage between two calls on one patent was billed to it)."""
    for k, step in ((first - 1, -1), (last + 1, 1)):
        if not 0 <= k < len(pieces):
            continue
        other = pieces[k]
        apart = pieces[first].start - other.end if step < 0 else other.start - pieces[last].end
        if apart <= gap and other.label == ADMIN and other.reading.family == "mail":
            return True
    return False


def _decided_beside(pieces: Sequence[Piece], position: int, step: int, reach: float) -> Piece | None:
    """The nearest piece before (step -1) or after (1) position decided on evidence of its own or an identity
    (labels.HARD), within reach seconds, unless it is a call or meeting (_talk); else None."""
    other = next(hard_within(pieces, position, step, reach), None)
    return None if other is None or _talk(other) else other


def _answered(pieces: Sequence[Piece], position: int, label: str | None, reach: float) -> bool:
    """Whether a message (or a call) on label was in front within reach before the call at position: the call
    answers it, past any glance at a document of the matter on the way to the call."""
    start = pieces[position].start
    for k in range(position - 1, -1, -1):
        piece = pieces[k]
        if piece.end < start - reach:
            return False
        if piece.label == label and piece.reading.role in _CALLED_AFTER:
            return True
    return False


def _talk(piece: Piece) -> bool:
    """A call or meeting: it says whom the attorney spoke with, not which message the mailbox showed."""
    return piece.reading.role in (Role.CALL, Role.MEETING)


def _open_mailbox(piece: Piece) -> bool:
    """An undecided mailbox view (no message of its own in the title) of a mail client or web mail."""
    reading = piece.reading
    return piece.label is None and not piece.how and reading.mailbox and reading.family in ("mail", "browser")


def _message_after(pieces: Sequence[Piece], position: int, gap: float) -> int | None:
    """The message a mailbox view leads to: web and new Outlook title the reading pane with the mailbox, and a
    message read there and then answered shows its subject only once opened. A message of the same mail
    client, decided on its own evidence, opened straight after a view of at most MAILBOX_LEAD_SECONDS."""
    return _message_beside(pieces, position, 1, gap)


def _meeting_beside(pieces: Sequence[Piece], position: int, gap: float) -> int | None:
    """The call held in a calendar event that a call at position follows straight on, else the one straight
    after it (only blips of other applications between, none longer than gap), if any."""
    for step in (-1, 1):
        edge = pieces[position].start if step < 0 else pieces[position].end
        k = position + step
        while 0 <= k < len(pieces):
            beside = pieces[k]
            if (edge - beside.end if step < 0 else beside.start - edge) > gap:
                break
            if beside.reading.role is Role.CALL and beside.call_summary:
                return k
            if beside.seconds > gap or beside.reading.family == "call":
                break  # work between, or the call app's lobby: a meeting joined anew
            edge = beside.start if step < 0 else beside.end
            k += step
    return None


def _message_before_break(pieces: Sequence[Piece], position: int, gap: float) -> int | None:
    """The message a mailbox view stays on: after a message is answered, web and new Outlook go back to the
    mailbox with that message still in the reading pane. A view straight after a message of the same mail
    client decided on its own evidence, at most MAILBOX_LEAD_SECONDS, and followed by a break (nothing for
    longer than gap, or the end of the day) is that correspondence; with other work after it, it may be the
    next task's triage, and the work around it decides (two development seed sets: 80 minutes right, 2 wrong)."""
    if position + 1 < len(pieces) and pieces[position + 1].start - pieces[position].end <= gap:
        return None
    return _message_beside(pieces, position, -1, gap)


def _message_beside(pieces: Sequence[Piece], position: int, step: int, gap: float) -> int | None:
    """The position of the message straight beside a mailbox view of at most MAILBOX_LEAD_SECONDS (after it
    for step 1, before it for -1, at most gap away), of the same mail client and decided for a matter on its
    own evidence; else None."""
    piece, other = pieces[position], position + step
    if piece.seconds > MAILBOX_LEAD_SECONDS or not 0 <= other < len(pieces):
        return None
    message = pieces[other]
    apart = message.start - piece.end if step > 0 else piece.start - message.end
    if apart > gap or message.reading.role is not Role.EMAIL:
        return None
    if message.reading.family != piece.reading.family or message.how not in IDENTITY_SOURCES:
        return None
    return other if is_matter(message.label) else None


def _working_mailbox(piece: Piece, policy: SessionizePolicy) -> bool:
    """A mailbox view in front for longer than a glance: web and new Outlook show 'Mail - Name - Outlook'
    while a message is read or written, so it is correspondence on the work around it."""
    return (
        piece.reading.mailbox
        and piece.reading.family in ("mail", "browser")
        and piece.seconds > policy.interruption_seconds
    )


_SANDWICH_ROLES = {Role.DOCUMENT, Role.EMAIL, Role.FILES, Role.CALL}


def _asked(reading: Reading) -> str:
    """The question a research page asks (its folded topic), or "" for a case opened from a search."""
    return "" if is_case(reading.label) else reading.folded


RECALLED_PAGES = 2
"""distinct pages of a session (its question, cases) recalled from approvals for one matter before the session is
that matter's on approvals alone: one recalled question may be a question every matter asks (a research topic
approved once for one application, asked this week for another), two that agree are this work (week two,
development seeds 251-371: bench/corpus capture +0.16, wrong unchanged; with one: bench/weeks wrong +0.07)"""


def research_sessions(pieces: Sequence[Piece], policy: SessionizePolicy, recalled: int = 1) -> None:
    """A run of research pages (glances at the inbox or a chat allowed) whose decided pages agree on one
    matter is research for that matter: one page with the client ID names the whole session. A new search
    (a query, not a case opened from the last one) starts a new session: one question's client ID does not
    name the next question's pages. Decided by approvals alone, a session needs recalled distinct pages
    (a question or a case) that agree."""
    for session in _research_runs(pieces, policy.interruption_seconds, by_question=True):
        _settle_session(pieces, session, recalled)


def _research_runs(pieces: Sequence[Piece], gap: float, by_question: bool) -> Iterator[list[int]]:
    """The positions of each run of research pages no more than gap apart (glances at the inbox or a chat of
    at most gap inside it allowed); by_question: a new search (a query, not a case opened from the last one)
    starts a new run. Labels may change between runs: only roles and times are read."""
    session: list[int] = []
    query = ""
    for position, piece in enumerate(pieces):
        role = piece.reading.role
        joined = bool(session) and piece.start - pieces[session[-1]].end <= gap
        if role in _RESEARCH_ROLES and (not session or joined):
            asked = _asked(piece.reading)
            if by_question and asked and query and asked != query and session:
                yield session
                session = []
            query = asked or query
            session.append(position)
            continue
        if role is Role.NEUTRAL and joined and piece.seconds <= gap:
            continue
        if session:
            yield session
        session = [position] if role in _RESEARCH_ROLES else []
        query = _asked(piece.reading)
    if session:
        yield session


_BETWEEN_ROLES = {Role.GENERIC, Role.WEB, Role.CALL, Role.RESEARCH, Role.FILES, Role.DOCKET}
"""work that the same matter's work straight before and after it decides: not a named document or message,
whose identity the whole week decides (a guess here split the vote that carries it), nor a glance (runs.py)"""


def research_by_subject(
    pieces: Sequence[Piece],
    policy: SessionizePolicy,
    subject_of: Callable[[str], int | None],
    numbers: Sequence[str],
) -> None:
    """A research session nothing placed (no client ID, no matter's work around it, no approval), whose every
    question is in the practice area of one matter alone ("quiet title adverse possession" when the one real
    estate matter is a purchase, every matter naming its area: MatterIndex.research_subject), is research for
    that matter, the cases opened in it too. Development weeks (624): the sample's firm +0.09 capture in week
    one, no wrong-matter time anywhere; the only matter with the question's term among several of its area
    (an EEOC question, one EEOC charge among employment matters) was the wrong one as often as the right one.
    A matter's area is read from its practice area column and its kind's common names too ("Real Estate", "US
    Appl.", "dram shop defense"): with most matters placed, bench/weeks firms +0.22 capture over week one
    (main-street: +47 points summed over 78 weeks), wrong -0.01."""
    if not any(p.label is None and not p.how and p.reading.role in _RESEARCH_ROLES for p in pieces):
        return
    for session in _research_runs(pieces, policy.interruption_seconds, by_question=False):
        _subject_session(pieces, session, subject_of, numbers)


def _subject_session(
    pieces: Sequence[Piece], session: list[int], subject_of: Callable[[str], int | None], numbers: Sequence[str]
) -> None:
    if not session or any(pieces[p].label is not None or pieces[p].how for p in session):
        return
    questions = [pieces[p].reading.label for p in session if _asked(pieces[p].reading)]
    found = {subject_of(question) for question in questions}
    index = found.pop() if len(found) == 1 else None
    if index is None:
        return
    matter = numbers[index]
    note = f"research on '{questions[0]}', in the practice area of this matter alone"
    for position in session:
        propose(pieces[position], matter, "context", 0.6, note)


def _between_one_matter(pieces: Sequence[Piece], gap: float) -> None:
    """What is still open once the other context has spoken, straight after one matter's work and straight
    before more of it (at most gap seconds on either side), is that matter's: an unsaved document, a web page,
    a research page or a call with no words of its own, between two pieces decided for one matter however
    they were decided (four development seed sets: bench/weeks firms +0.3 to +0.45 capture, wrong +0.02 at
    most). Undecided glances at the inbox beside it do not break "straight" (624 development weeks: capture
    +0.03 to +0.11, wrong +0.01 at most; letting a call cross them put 2,308 s on the wrong matter for 152 s
    right). Its own words still bar another matter (propose), and an ask stays an ask unless that matter is
    among its candidates. Decided all at once, so one decision does not lead to the next."""
    found: list[tuple[Piece, str]] = []
    for position in range(1, len(pieces) - 1):
        piece = pieces[position]
        if piece.label is not None or piece.how or piece.reading.role not in _BETWEEN_ROLES:
            continue
        first = last = position
        if piece.reading.role is not Role.CALL:
            # a glance at the inbox beside it is no break (a call is: its app's lobby there is a new meeting)
            while first > 1 and _open_glance(pieces[first - 1], gap):
                first -= 1
            while last < len(pieces) - 2 and _open_glance(pieces[last + 1], gap):
                last += 1
        around = _straight_between(pieces, first, last, gap)
        if around is None:
            continue
        label = around[0]
        if piece.candidates and label not in piece.candidates:
            continue
        found.append((piece, label))
    for piece, label in found:
        propose(piece, label, "context", 0.6, f"'{piece.reading.label}' straight between work on the same matter")


def _open_glance(piece: Piece, gap: float) -> bool:
    """An undecided glance (the inbox, a chat list) of at most gap seconds."""
    return piece.label is None and not piece.how and piece.reading.role is Role.NEUTRAL and piece.seconds <= gap


def _straight_between(pieces: Sequence[Piece], first: int, last: int, gap: float) -> tuple[str, Piece, Piece] | None:
    """The matter whose work comes straight before pieces[first] and straight after pieces[last] (at most gap
    seconds away on each side: after a break, what lies between may be for anything), with those two pieces."""
    if first == 0 or last + 1 >= len(pieces):
        return None
    before, after = pieces[first - 1], pieces[last + 1]
    label = before.label
    if label is None or not is_matter(label) or after.label != label:
        return None
    if pieces[first].start - before.end > gap or after.start - pieces[last].end > gap:
        return None
    return label, before, after


def _settle_session(pieces: Sequence[Piece], session: list[int], recalled: int) -> None:
    if len(session) < 2:
        return
    seconds: dict[str, float] = {}
    evidence = False
    remembered: set[str] = set()
    for position in session:
        piece = pieces[position]
        if piece.how in ("evidence", "memory") and is_matter(piece.label) and not piece.soft:
            assert piece.label is not None
            seconds[piece.label] = seconds.get(piece.label, 0.0) + piece.seconds
            evidence = evidence or piece.how == "evidence"
            if piece.how == "memory":
                remembered.add(piece.reading.folded)
    if not seconds or (not evidence and len(remembered) < recalled):
        return
    best = max(sorted(seconds), key=seconds.__getitem__)
    if seconds[best] < 0.9 * sum(seconds.values()):
        return
    for position in session:
        piece = pieces[position]
        if piece.label is None and not piece.how:
            propose(piece, best, "context", 0.7, f"research page '{piece.reading.label}' in a session for this matter")


def _episodes(pieces: Sequence[Piece], policy: SessionizePolicy, numbers: Sequence[str]) -> None:
    """Named items that recur amid decided work take that work's matter (never against their own lean)."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for position, piece in enumerate(pieces):
        if (
            piece.label is None
            and not piece.how
            and piece.reading.role in _EPISODE_ROLES
            and piece.reading.label
            and (piece.reading.role is not Role.CALL or piece.reading.keys)
        ):  # calls recur only by who is on them: every 'Zoom Meeting' is not one call
            # a portal's page titled alike for every case is one page per record its address names
            groups.setdefault((piece.reading.role, piece.reading.folded, piece.reading.record), []).append(position)
    gap = policy.episode_gap_seconds
    for positions in groups.values():
        if len(positions) == 1:
            continue  # an episode of one piece settles nothing
        episode: list[int] = [positions[0]]
        for position in positions[1:]:
            if pieces[position].start - pieces[episode[-1]].end > gap:
                if len(episode) > 1:
                    _settle_episode(pieces, episode, numbers)
                episode = []
            episode.append(position)
        if len(episode) > 1:
            _settle_episode(pieces, episode, numbers)


EPISODE_EVIDENCE_SECONDS = 30.0
"""the least decided work that settles an episode of a document, thread or call: a glance at a page naming a
matter does not settle a document worked on around it (estate-planning documents went to a litigation matter
over a 17-second glance). Research is made of short pages: a case opened again amid them follows them."""
_NOT_ABOUT_A_DOCUMENT = {Role.NEUTRAL, Role.CALL, Role.MEETING}
"""work between a document's sightings that says nothing of the document's matter: a glance at the inbox or a
chat, and a call or meeting, a task of its own that interrupts the drafting (an officer's certificate drafted
around three calls on another client's charge went to the charge, 40 minutes)"""
_EPISODE_ROLES = {Role.DOCUMENT, Role.EMAIL, Role.CALL, Role.RESEARCH, Role.DOCKET, Role.FILES, Role.WEB}


def _settle_episode(pieces: Sequence[Piece], episode: list[int], numbers: Sequence[str]) -> None:
    first, last = episode[0], episode[-1]
    if first == last:
        return
    skipped = _NOT_ABOUT_A_DOCUMENT if pieces[first].reading.role is Role.DOCUMENT else {Role.NEUTRAL}
    tied = pieces[first].candidates or tuple(numbers[i] for i in pieces[first].reading.scores.candidates)
    if tied:
        # an item naming only a client of several matters: the work it is read with decides, not all the
        # work of the span (the attorney may move between the client's matters meanwhile)
        beside = _decided_seconds(pieces, _beside_sightings(pieces, episode, skipped), skipped)
        seconds = {label: value for label, value in beside.items() if label in tied}
        best = _settled_by(pieces, episode, seconds, numbers)
    else:
        best = None
        if pieces[first].reading.role is Role.DOCUMENT:
            # the work done between a document's sightings speaks for it, an e-mail read there only when no
            # work does: mail arrives unbidden (an estate's asset schedule worked on around its client folder
            # and another client's 30-second message went to that client). Blind generator, development seeds
            # 11-25: wrong -0.11 points (-0.10 after a reviewed week), capture +0.1; bench firms unchanged
            worked = _decided_seconds(pieces, range(first, last + 1), _NOT_ABOUT_A_DOCUMENT | {Role.EMAIL})
            best = _settled_by(pieces, episode, worked, numbers)
        if best is None:
            best = _settled_by(pieces, episode, _decided_seconds(pieces, range(first, last + 1), skipped), numbers)
    if best is None:
        return
    reading = pieces[first].reading
    lean = reading.scores.lean
    if lean is not None and numbers[lean] != best:
        return  # its own words lean to another matter ("Pour-over will" amid a suit's work is the estate's)
    for position in episode:
        piece = pieces[position]
        if piece.label is None and not piece.how:
            propose(piece, best, "context", 0.7, f"'{reading.label}' recurs amid work on the same matter")


def _settled_by(
    pieces: Sequence[Piece], episode: list[int], seconds: dict[str, float], numbers: Sequence[str]
) -> str | None:
    """The matter decided work (seconds by matter) settles an episode for: at least 60% of it, and at least
    EPISODE_EVIDENCE_SECONDS unless the item is research or the matter's own folder was opened between."""
    if not seconds:
        return None
    best = max(sorted(seconds), key=lambda label: seconds[label])
    if seconds[best] < 0.6 * sum(seconds.values()):
        return None
    reading = pieces[episode[0]].reading
    if (
        seconds[best] < EPISODE_EVIDENCE_SECONDS
        and reading.role not in _RESEARCH_ROLES
        and not (
            reading.role is Role.DOCUMENT and _matter_folder_between(pieces, episode[0], episode[-1], best, numbers)
        )
    ):
        return None
    return best


def _matter_folder_between(
    pieces: Sequence[Piece], first: int, last: int, label: str, numbers: Sequence[str]
) -> bool:
    """Whether the attorney went into the matter's own folder (named by its number) between two sightings of
    a document: saving it there or fetching what it needs. A glance of a few seconds, yet no page naming
    the matter: the document is that matter's (blind litigation and estates firms: +2 to +3 points of
    capture, wrong-matter time unchanged; an e-mail thread read around the folder is not)."""
    return any(
        piece.reading.role is Role.FILES
        and piece.how == "evidence"
        and piece.label == label
        and any(kind == "number" and numbers[i] == label for i, kind, _ in piece.reading.scores.reasons)
        for piece in pieces[first + 1 : last]
    )


def _decided_seconds(pieces: Sequence[Piece], positions: Iterable[int], skipped: Container[Role]) -> dict[str, float]:
    """Seconds by matter of the pieces at positions that name their matter themselves: a research topic or the
    learned model decided elsewhere is itself a step removed, and would carry one matter's topic onto another's
    document; and a chat or an inbox list glanced at (skipped roles) names a person more than a matter."""
    seconds: dict[str, float] = {}
    for position in positions:
        piece = pieces[position]
        if piece.how in IDENTITY_SOURCES and piece.label is not None and piece.reading.role not in skipped:
            seconds[piece.label] = seconds.get(piece.label, 0.0) + piece.seconds
    return seconds


def _beside_sightings(pieces: Sequence[Piece], episode: list[int], skipped: Container[Role]) -> set[int]:
    """Positions of the decided work right beside each sighting of an item (the first on each side, past
    glances): what a client's document is read with, when the attorney moves between its matters."""
    folded = pieces[episode[0]].reading.folded
    seen: set[int] = set()
    for position in episode:
        for step in (-1, 1):
            k = position + step
            while 0 <= k < len(pieces) and episode[0] <= k <= episode[-1]:
                beside = pieces[k]
                if beside.reading.folded == folded or beside.reading.role in skipped:
                    k += step
                    continue
                if beside.how in IDENTITY_SOURCES and beside.label is not None:
                    seen.add(k)
                break
    return seen


def _sandwich(pieces: Sequence[Piece], anchors: Anchors, position: int, reach: float) -> int | None:
    before = anchors.nearest(position, reach, same_family=False, side=-1)
    after = anchors.nearest(position, reach, same_family=False, side=1)
    if before is not None and after is not None and pieces[before].label == pieces[after].label:
        return before
    return None


class Anchors:
    """Positions of decided pieces, by family and by label, for nearest-neighbour lookups."""

    def __init__(self, pieces: Sequence[Piece]) -> None:
        self.pieces = pieces
        self.every: list[int] = [
            position for position, piece in enumerate(pieces) if piece.how in HARD and piece.label is not None
        ]
        self.by_family: dict[str, list[int]] = {}
        self.by_label: dict[str, list[int]] = {}
        for position in self.every:
            piece = pieces[position]
            self.by_family.setdefault(piece.reading.family, []).append(position)
            self.by_label.setdefault(piece.label, []).append(position)  # type: ignore[arg-type]
        self._by_both: dict[tuple[str, str], list[int]] | None = None

    @property
    def by_both(self) -> dict[tuple[str, str], list[int]]:
        """Positions by (family, label), built on first use (same-family lookups among matters are rare)."""
        if self._by_both is None:
            self._by_both = {}
            for position in self.every:
                piece = self.pieces[position]
                assert piece.label is not None
                self._by_both.setdefault((piece.reading.family, piece.label), []).append(position)
        return self._by_both

    def nearest(
        self, position: int, reach: float, same_family: bool, among: Sequence[str] = (), side: int = 0
    ) -> int | None:
        """The closest decided piece within reach seconds (ties go to the earlier one)."""
        if not among:
            positions = (
                self.by_family.get(self.pieces[position].reading.family, []) if same_family else self.every
            )
            closest = self._closest(positions, position, reach, side) if positions else None
            return closest[2] if closest is not None else None
        if same_family:
            family = self.pieces[position].reading.family
            lists = [self.by_both.get((family, label), []) for label in among]
        else:
            lists = [self.by_label.get(label, []) for label in among]
        best: tuple[float, int, int] | None = None
        for positions in lists:
            if positions:
                found = self._closest(positions, position, reach, side)
                if found is not None and (best is None or found < best):
                    best = found
        return best[2] if best is not None else None

    def _closest(
        self, positions: list[int], position: int, reach: float, side: int
    ) -> tuple[float, int, int] | None:
        """(gap, 0 before / 1 after, position) of the closest of positions within reach, if any."""
        pieces = self.pieces
        piece = pieces[position]
        at = bisect_left(positions, position)
        best: tuple[float, int, int] | None = None
        if side <= 0 and at > 0:
            other = positions[at - 1]
            gap = piece.start - pieces[other].end
            if gap <= reach:
                best = (gap, 0, other)
        if side >= 0:
            later = at + 1 if at < len(positions) and positions[at] == position else at
            if later < len(positions):
                other = positions[later]
                gap = pieces[other].start - piece.end
                if gap <= reach:
                    after = (gap, 1, other)
                    if best is None or after < best:
                        best = after
        return best


def review_soft(pieces: Sequence[Piece], policy: SessionizePolicy) -> None:
    """A matter chosen by a small lead over the client's other matter yields to the work around it."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for position, piece in enumerate(pieces):
        if piece.soft and piece.how == "evidence":
            groups.setdefault((piece.reading.role, piece.reading.folded, piece.reading.record), []).append(position)
    gap = policy.episode_gap_seconds
    for positions in groups.values():
        episode: list[int] = [positions[0]]
        for position in [*positions[1:], -1]:
            if position >= 0 and pieces[position].start - pieces[episode[-1]].end <= gap:
                episode.append(position)
                continue
            _review_episode(pieces, episode, policy)
            episode = [position]


def _review_episode(pieces: Sequence[Piece], episode: list[int], policy: SessionizePolicy) -> None:
    first, last = episode[0], episode[-1]
    if sum(pieces[position].seconds for position in episode) > policy.sandwich_max_seconds:
        return  # a long piece of work is a task of its own: the lean of its own words stands
    candidates = pieces[first].candidates
    current = pieces[first].label
    seconds: dict[str, float] = {}
    for piece in pieces[first : last + 1]:
        if piece.how in HARD and not piece.soft and piece.label in candidates:
            assert piece.label is not None
            seconds[piece.label] = seconds.get(piece.label, 0.0) + piece.seconds
    best: str | None = None
    if seconds:
        total = sum(seconds.values())
        top = max(sorted(seconds), key=lambda label: seconds[label])
        if seconds[top] >= 0.6 * total:
            best = top
    if best is None:
        before = hard_anchor(pieces, first, -1, policy.context_seconds)
        after = hard_anchor(pieces, last, 1, policy.context_seconds)
        if before is not None and before == after and before in candidates:
            best = before
    if best is None or best == current:
        return
    label = pieces[first].reading.label
    for position in episode:
        propose(
            pieces[position],
            best,
            "context",
            0.7,
            f"'{label}' names the client; the work around it is on this matter",
        )


def research_around_work(pieces: Sequence[Piece], policy: SessionizePolicy) -> None:
    """Research pages nothing placed, in one unbroken stretch of research (no gap longer than the interruption
    allowance; glances allowed) that has one matter's work inside it, research before and after that work,
    and no other matter's work, are research for that matter: the attorney opened the matter's document
    in the middle of the research ("Separation Agreement - Arias.docx" between searches on an OWBPA release).
    Work at one end of the stretch only says nothing: research next to one matter's document was another
    matter's as often as not (development weeks: bench/corpus wrong +0.26 for +0.22 capture). With the work
    inside (624 development weeks and the blind generator's 901-903): bench/weeks firms capture +0.48 for
    wrong +0.11, blind litigation firm +1.1, blind IP firm +0.5, no wrong-matter time there. The work inside is a
    document or a folder the attorney opened: an e-mail arrives unbidden, and one answered in the middle of
    research is an interruption (blind litigation firm, seeds 481-483: 0.3 points of wrong-matter time)."""
    gap = policy.interruption_seconds
    research, talk, hard = _RESEARCH_ROLES, (Role.CALL, Role.MEETING), HARD
    first = 0
    open_page = False
    labels: set[str] = set()
    end = float("-inf")
    for position, piece in enumerate(pieces):
        # one pass over every day (the year's speed budget), adding up what each stretch holds as it grows
        role = piece.reading.role
        label = piece.label
        if role in research:
            fits = True
        elif role in talk:
            fits = False
        elif label is None and not piece.how:
            fits = piece.end - piece.start <= gap  # a glance
        else:
            fits = is_matter(label)
        if not fits or piece.start - end > gap:
            if open_page and len(labels) == 1:
                _settle_stretch(pieces, range(first, position), labels.pop())
            first, open_page, end = position, False, float("-inf")
            labels.clear()
        if not fits:
            first = position + 1
            continue
        end = piece.end
        if label is None:
            open_page = open_page or (role in research and not piece.how)
        elif piece.how in hard and is_matter(label):
            labels.add(label)  # a research page's client ID too: two matters' work in a stretch is no one's
    if open_page and len(labels) == 1:
        _settle_stretch(pieces, range(first, len(pieces)), labels.pop())


_OPENED_IN_RESEARCH = frozenset({Role.DOCUMENT, Role.GENERIC, Role.FILES})
"""work whose being inside a research stretch makes the stretch its matter's: what the attorney opened"""


def _settle_stretch(pieces: Sequence[Piece], stretch: range, label: str) -> None:
    """Place a stretch's open research pages on label, the one matter decided in it, if that matter's work
    lies inside the stretch: research before it and after it. The work inside names its matter itself or by its
    identity (labels.HARD): a new blank document ("Document11") placed only by the matter worked on after the
    research says nothing of what the research was for (an insurer's suit's research went to its sibling
    through one; development weeks: bench/weeks worst week's wrong 3.20 -> 3.17, week two 4.32 -> 4.01, for
    capture -0.05)."""
    research = [position for position in stretch if pieces[position].reading.role in _RESEARCH_ROLES]
    inside = any(
        research[0] < p < research[-1]
        and pieces[p].label == label
        and pieces[p].how in HARD
        and pieces[p].reading.role in _OPENED_IN_RESEARCH
        for p in stretch
    )
    if not inside:
        return
    for position in research:
        piece = pieces[position]
        if piece.label is None and not piece.how:
            propose(piece, label, "context", 0.6, f"research page '{piece.reading.label}' around work on this matter")


_OF_A_KIND = {Role.DOCUMENT, Role.EMAIL}
"""what names the kind of matter it serves by its own words (a question of law serves any: research keeps its area)"""


def kinds_against_context(
    pieces: Sequence[Piece],
    kind_against: Callable[[str, str], tuple[str, ...] | None],
    clients: Mapping[str, frozenset[str]],
) -> None:
    """A document or message that the work around it (or its identity carried) placed on a matter, while its
    own words name a kind of matter that one is not (MatterIndex.kind_against):

    - of the same client's matters, the one of that kind takes it: "Complaint for Divorce - filed.pdf" read amid
      the client's custody modification is her divorce (the work tells the client, the words which matter);
    - else the words contradict the context, and it is left open: "Petition for Record Restriction.docx", a
      template every record restriction client's file has, carried from one client's use to another client's
      custody modification (blind family firm), is for the attorney to say."""
    for piece in pieces:
        label = piece.label
        if label is None or piece.how not in ("context", "topic") or piece.reading.role not in _OF_A_KIND:
            continue
        fits = kind_against(label, piece.reading.folded_text) if is_matter(label) else None
        if fits is None:
            continue
        own = [number for number in fits if number in clients.get(label, ())]
        if len(own) == 1 and admits(piece, own[0]):
            note = f"'{piece.reading.label}' names the kind of the client's other matter"
            label_piece(piece, own[0], piece.how, piece.confidence, note)
        else:
            label_piece(piece, None, "", 0.0, "")
