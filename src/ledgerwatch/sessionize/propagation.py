"""Propagation: pieces no rule decided take their matter from other work.

In order: the same research topic, document or thread decided elsewhere in the range (topics); the
learned model, above its confidence; the work around a piece (episodes, ties between a client's matters,
generic windows, research pages, sandwiches); and a review of matters chosen by a small lead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from datetime import datetime, tzinfo

from ledgerwatch.sessionize.labels import HARD, evidence_of, is_matter, propose
from ledgerwatch.sessionize.learning import Model, Prediction, features
from ledgerwatch.sessionize.memory import Memory, dms_number
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import Reading, Role, is_case
from ledgerwatch.sessionize.timeline import Piece

_RESEARCH_ROLES = {Role.RESEARCH, Role.DOCKET}


IDENTITY_SOURCES = frozenset({"evidence", "memory", "calendar", "workspace"})
"""ways of deciding a piece that teach its document, thread or topic to the rest of the range"""
CARRIED_SOURCES = frozenset({"context", "topic", "learned", "workspace", "evidence", "memory", "calendar"})
"""after context: decided work whose identity undecided pieces elsewhere may still take"""


def learn_topics(
    pieces: Sequence[Piece],
    sources: frozenset[str] = IDENTITY_SOURCES,
    research: bool | None = None,
    share: float = 0.8,
    sightings: int = 1,
) -> dict[str, str]:
    """Identities (documents across versions, threads, research topics) whose decided pieces agree on
    one matter (at least share of their seconds, over at least sightings pieces); research=True only
    research topics, False none of them."""
    return _agreed(*_votes(pieces, sources, research), share, sightings)


_NOT_IDENTITIES = ("site:", "series:")
"""keys that name no one matter's work within a range: a web host (Google Patents, the USCIS case status page)
serves every matter, and a person on a call (a client's contact, an adjuster) talks about several. Decided
pages and calls of one matter carried to the same host's or person's others were wrong a third of the time
(development seed sets 181-211: wrong -0.08 to -0.28 points on the bench/weeks firms without them). What
the attorney approved for a host or a series is still remembered (memory)."""


def _votes(
    pieces: Sequence[Piece], sources: frozenset[str], research: bool | None
) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Seconds per matter and sightings for each identity of the pieces decided by sources."""
    votes: dict[str, dict[str, float]] = {}
    seen: dict[str, int] = {}
    for piece in pieces:
        label = piece.label
        if piece.how not in sources or label is None or label.startswith("\x00") or not piece.reading.keys:
            continue
        if research is not None and (piece.reading.role is Role.RESEARCH) is not research:
            continue
        for key in piece.reading.keys:
            if key.startswith(_NOT_IDENTITIES):
                continue
            bucket = votes.setdefault(key, {})
            bucket[label] = bucket.get(label, 0.0) + (piece.end - piece.start)
            seen[key] = seen.get(key, 0) + 1
    return votes, seen


def _agreed(
    votes: dict[str, dict[str, float]], seen: dict[str, int], share: float, sightings: int
) -> dict[str, str]:
    learned: dict[str, str] = {}
    for key, bucket in votes.items():
        total = sum(bucket.values())
        best = max(sorted(bucket), key=lambda number: bucket[number])
        if bucket[best] >= share * total and seen[key] >= sightings:
            learned[key] = best
    return learned


_OPENED_ROLES = {Role.DOCUMENT, Role.GENERIC, Role.DOCKET}


def _container(piece: Piece, policy: SessionizePolicy) -> bool:
    """A matter's workspace, folder or page that documents are opened from, decided by its own text."""
    if piece.how != "evidence" or not is_matter(piece.label):
        return False
    reading = piece.reading
    if reading.role is Role.FILES:
        return True
    if reading.family != "browser" or reading.role is not Role.WEB:
        return False  # a web mail message about "RFE documents" is no folder
    where = f"{reading.site} {reading.label}".lower()
    return any(marker in where for marker in policy.workspace_markers)


def _allows(piece: Piece, label: str, numbers: Sequence[str]) -> bool:
    """Whether a piece's own evidence (if it has any) admits label: a document whose own words point at
    another matter (of any client) was not opened from this matter's workspace. A lean too thin to decide
    anything ("Summary Judgment" sharing a word with another client's declaratory judgment action) points
    nowhere."""
    scores = piece.reading.scores
    pointed = scores.by_matter
    if not pointed or (scores.best is None and not scores.candidates):
        return True
    top = pointed[0][1]
    return label in {numbers[index] for index, value in pointed if value >= top}


REOPEN_SECONDS = 3600.0


def first_sightings(pieces: Sequence[Piece]) -> set[int]:
    """Ids of the pieces where a document is opened: its first sighting in the range; for a document the
    DMS numbers (one number, one document), also a sighting after it was out of sight for REOPEN_SECONDS
    (closed, and opened again). A document already open does not come from a folder glanced at on the way
    back to it, and two documents of one generic name ("Litigation budget") are not one document."""
    last: dict[str, float] = {}
    found: set[int] = set()
    for piece in pieces:
        reading = piece.reading
        if reading.role in _OPENED_ROLES:
            seen = last.get(reading.folded)
            if seen is None or (
                piece.start - seen > REOPEN_SECONDS and any(key.startswith("doc:dms ") for key in reading.keys)
            ):
                found.add(id(piece))
            last[reading.folded] = piece.end
    return found


def bind_opened(
    pieces: Sequence[Piece], policy: SessionizePolicy, numbers: Sequence[str], firsts: set[int]
) -> None:
    """Documents opened right after a matter's workspace or folder belong to that matter: first seen in the
    range right after it (a document already open does not come from a folder glanced at), and only if their
    own words do not point elsewhere. A document management system's web workspace holds the documents it
    numbers: a DMS-numbered document, or a new one ("Document3"), is opened from it; a named file read next
    (a prior-art PDF, "Assignment recordation") is as often the client's other matter's. Documents opened
    together (each within the reach of the one before it started) all come from it; one opened after another
    was worked on for a while, with the workspace not in front again, was opened some other way (a
    motion for summary judgment opened half an hour on went to the suit whose disclosures were open, and its
    DMS number carried that suit all week), and so was one opened after a document already open was worked on
    (a lease folder glanced at, two minutes in an open draft, then a software licence's vendor questionnaire:
    not the lease's). Later sightings follow through identity memory."""
    reach = policy.opened_seconds
    label: str | None = None
    name = ""
    until = 0.0
    folder = False
    opened = 0
    for position, piece in enumerate(pieces):
        if piece.how == "evidence" and _container(piece, policy):
            label, name, until = piece.label, piece.reading.label, piece.end + reach
            folder = piece.reading.role is Role.FILES
            opened = position
            continue
        if label is None:
            continue
        if piece.start > until:
            label = None
            continue
        if piece.reading.role in _OPENED_ROLES and piece.label is None and not piece.how:
            if id(piece) not in firsts or not (folder or _in_workspace(piece.reading)):
                if id(piece) not in firsts and piece.seconds > WORKED_SECONDS:
                    label = None  # a document already open, worked on: what comes next was opened some other way
                continue
            if _glanced_amid(pieces, opened, position, label, policy):
                continue
            if _allows(piece, label, numbers):
                propose(piece, label, "workspace", 0.8, f"opened from '{name}' ({label})")
                until = piece.start + reach  # documents opened together; a later one was opened anew
            else:
                label = None
        elif is_matter(piece.label) and piece.label != label and piece.seconds > 30:
            label = None


WORKED_SECONDS = 60.0
"""a document already open (seen before) in front this long after a workspace or folder is being worked on:
what is opened after it was not opened from there"""

GLANCE_SECONDS = 30.0
"""a folder or workspace in front this briefly, and a document after it read for twice as long at most, amid
another matter's work, are a glance: nothing is known to be opened from there"""


def _glanced_amid(
    pieces: Sequence[Piece], opened: int, position: int, label: str, policy: SessionizePolicy
) -> bool:
    """Whether a folder and the document after it were glanced at between two stretches of work on one other
    matter (e-mails on Smith, a 5-second look at the Lease folder, 33 s of a letter, Smith again): the letter
    is as likely Smith's, and binding it would carry that guess to all its later sightings."""
    if pieces[opened].seconds >= GLANCE_SECONDS or pieces[position].seconds >= 2 * GLANCE_SECONDS:
        return False
    before = _anchor(pieces, opened, -1, policy.context_seconds)
    return before is not None and before != label and before == _anchor(pieces, position, 1, policy.context_seconds)


def _in_workspace(reading: Reading) -> bool:
    """Whether a document can come from a DMS's web workspace: one it numbers, or a new one created there."""
    return reading.role is Role.GENERIC or dms_number(reading.label) is not None


def apply_topics(pieces: Sequence[Piece], learned: dict[str, str]) -> None:
    """Undecided pieces whose key was decided elsewhere take that matter."""
    if not learned:
        return
    for piece in pieces:
        if piece.label is not None or piece.how:
            continue
        for key in piece.reading.keys:
            matter = learned.get(key)
            if matter is not None:
                propose(
                    piece,
                    matter,
                    "topic",
                    0.8,
                    f"same {_topic_word(piece.reading)} '{piece.reading.label}' as other work",
                )
                break


CARRIED_SIGHTINGS = 3
"""sightings after which a thread, page or folder that decided work agrees on is carried to where it is alone"""
CARRIED_DOCUMENT_SIGHTINGS = 1
"""the same for a named document: a file is one piece of work, a subject line ("follow up") is not"""


def carry_identities(every: Sequence[Piece], days: Sequence[Sequence[Piece]]) -> None:
    """A document or thread that decided work placed on one matter (nine tenths of its time) is that
    matter's where it is later read alone, with nothing around it: a thread, page or folder after
    CARRIED_SIGHTINGS, a named document after CARRIED_DOCUMENT_SIGHTINGS. A document carried on fewer
    sightings does not go where its own words name the client of several matters: which one is for the
    work around it or the attorney (a tender letter read once amid a liability suit is not that suit's)."""
    votes, seen = _votes(every, CARRIED_SOURCES, research=False)
    carried = _agreed(votes, seen, 0.9, CARRIED_SIGHTINGS)
    documents = {
        key: matter
        for key, matter in _agreed(votes, seen, 0.9, CARRIED_DOCUMENT_SIGHTINGS).items()
        if key.startswith("doc:") and key not in carried
    }
    for pieces in days:
        apply_topics(pieces, carried)
        if documents:
            apply_topics([p for p in pieces if not (p.candidates or p.reading.scores.candidates)], documents)


def recall_research(pieces: Sequence[Piece], memory: Memory, known: Container[str]) -> None:
    """Research pages the day's own work left undecided take the matter the attorney approved the same
    question for before. Only then: the same question recurs for other matters (a patent practice asks
    about written description for every application), so today's client IDs and sessions come first."""
    for piece in pieces:
        if piece.label is None and not piece.how and piece.reading.role is Role.RESEARCH:
            matter = memory.recall(piece.reading.keys, known)
            if matter is not None:
                propose(piece, matter, "memory", 0.75, f"approved before for {piece.reading.label}")


def _topic_word(reading: Reading) -> str:
    return {Role.RESEARCH: "research", Role.EMAIL: "thread", Role.DOCUMENT: "document"}.get(
        reading.role, "page"
    )


_UNLEARNED_ROLES = {Role.GENERIC, Role.NEUTRAL}


def apply_model(pieces: Sequence[Piece], model: Model, policy: SessionizePolicy, tz: tzinfo) -> None:
    """What is still undecided once words, memory, calendar, topics and context have spoken: the learned
    model's matter, when it is confident enough, is offered first (a lone guess becomes a one-choice ask, a
    question between a client's matters lists it first) with what it learned from; it is drafted to that
    matter only when the firm lets the model decide (policy.learned_decides). Measured on development weeks,
    its decisions were right about half the time on other firms' desktops: a suggestion, not evidence."""
    anchors = [i for i, piece in enumerate(pieces) if piece.how in HARD and is_matter(piece.label)]
    reach = policy.context_seconds
    cache: dict[tuple[int, str, tuple[str, ...], int, tuple[str, ...]], Prediction | None] = {}
    for position, piece in enumerate(pieces):
        if piece.label is not None or piece.how or piece.reading.role in _UNLEARNED_ROLES:
            continue
        reading = piece.reading
        kind, label = evidence_of(reading, piece.call_summary, piece.label)
        at = bisect_left(anchors, position)
        near: set[str] = set()
        if at > 0 and piece.start - pieces[anchors[at - 1]].end <= reach:
            near.add(str(pieces[anchors[at - 1]].label))
        if at < len(anchors) and pieces[anchors[at]].start - piece.end <= reach:
            near.add(str(pieces[anchors[at]].label))
        hour = datetime.fromtimestamp(piece.start, tz).hour
        neighbours = tuple(sorted(near))
        key = (id(reading), label, piece.candidates, hour, neighbours)
        if key in cache:
            found = cache[key]
        else:
            found = cache[key] = model.predict(features(kind, label, hour, neighbours), piece.candidates)
        if found is None or found.confidence < policy.learned_confidence:
            continue
        if policy.learned_decides:
            propose(piece, found.matter, "learned", round(min(found.confidence, 0.9) * 0.9, 2), found.reason)
        else:
            others = tuple(number for number in piece.candidates if number != found.matter)
            piece.candidates = (found.matter, *others)
            piece.note = f"suggested: {found.reason}"


def prior_seconds(pieces: Sequence[Piece]) -> dict[str, float]:
    """Seconds per matter decided by hard evidence: which of a client's matters is most active."""
    seconds: dict[str, float] = {}
    for piece in pieces:
        label = piece.label
        if label is not None and piece.how in HARD and not label.startswith("\x00"):
            seconds[label] = seconds.get(label, 0.0) + (piece.end - piece.start)
    return seconds


def apply_context(
    pieces: Sequence[Piece], policy: SessionizePolicy, numbers: Sequence[str], prior: dict[str, float]
) -> None:
    """Undecided pieces take their label from the work around them.

    1. A document, thread, call or research topic that recurs amid decided work takes the
       matter that work has while it recurs (an episode).
    2. Matters tied on a piece's own evidence (two matters of one client) are settled by the
       nearest decided work among them, else by the client's most active matter.
    3. A generic window (unsaved document, unaddressed message) takes the nearest decided work of
       the same application; a research page the nearest research or work around it; a named
       document, thread or call only when the work before and after it agrees.
    """
    if not pieces:
        return
    _episodes(pieces, policy, numbers)
    _research_sessions(pieces, policy)
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
                propose(piece, number, "context", 0.65, f"'{reading.label}': nearby work on the same matter")
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
            chosen = anchors.nearest(position, policy.context_seconds, same_family=True)
        elif role in _RESEARCH_ROLES:
            chosen = _sandwich(pieces, anchors, position, policy.research_context_seconds)
        elif role in _SANDWICH_ROLES or _working_mailbox(piece, policy):
            chosen = None
            longest = MAILBOX_SANDWICH_SECONDS if role is Role.NEUTRAL else policy.sandwich_max_seconds
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
                chosen = anchors.nearest(position, policy.call_context_seconds, same_family=False, side=-1)
                before = pieces[chosen] if chosen is not None else None
                if before is not None and before.call_summary and before.reading.tool != reading.tool:
                    # a meeting of its own in another call app just before (Teams, then Zoom) says nothing of
                    # what this call is about; in the same app it is this call joined from its lobby
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


def _research_sessions(pieces: Sequence[Piece], policy: SessionizePolicy) -> None:
    """A run of research pages (glances at the inbox or a chat allowed) whose decided pages agree on one
    matter is research for that matter: one page with the client ID names the whole session. A new search
    (a query, not a case opened from the last one) starts a new session: one question's client ID does not
    name the next question's pages."""
    session: list[int] = []
    query = ""
    for position, piece in enumerate([*pieces, None]):
        if piece is not None:
            role = piece.reading.role
            joined = session and piece.start - pieces[session[-1]].end <= policy.interruption_seconds
            if role in _RESEARCH_ROLES and (not session or joined):
                asked = _asked(piece.reading)
                if asked and query and asked != query:
                    _settle_session(pieces, session)
                    session = []
                query = asked or query
                session.append(position)
                continue
            if role is Role.NEUTRAL and joined and piece.seconds <= policy.interruption_seconds:
                continue
        _settle_session(pieces, session)
        session = [position] if piece is not None and piece.reading.role in _RESEARCH_ROLES else []
        query = "" if piece is None else _asked(piece.reading)


_BETWEEN_ROLES = {Role.GENERIC, Role.WEB, Role.CALL, Role.RESEARCH, Role.FILES, Role.DOCKET}
"""work that the same matter's work straight before and after it decides: not a named document or message,
whose identity the whole week decides (a guess here split the vote that carries it), nor a glance (runs.py)"""


def _between_one_matter(pieces: Sequence[Piece], gap: float) -> None:
    """What is still open once the other context has spoken, straight after one matter's work and straight
    before more of it (at most gap seconds on either side), is that matter's: an unsaved document, a web page,
    a research page or a call with no words of its own, between two pieces decided for one matter however
    they were decided (four development seed sets: bench/weeks firms +0.3 to +0.45 capture, wrong +0.02 at
    most). Its own words still bar another matter (propose), and an ask stays an ask unless that matter is
    among its candidates. Decided all at once, so one decision does not lead to the next."""
    found: list[tuple[Piece, str]] = []
    for position in range(1, len(pieces) - 1):
        piece = pieces[position]
        if piece.label is not None or piece.how or piece.reading.role not in _BETWEEN_ROLES:
            continue
        around = _straight_between(pieces, position, position, gap)
        if around is None:
            continue
        label = around[0]
        if piece.candidates and label not in piece.candidates:
            continue
        found.append((piece, label))
    for piece, label in found:
        propose(piece, label, "context", 0.6, f"'{piece.reading.label}' straight between work on the same matter")


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


def _settle_session(pieces: Sequence[Piece], session: list[int]) -> None:
    if len(session) < 2:
        return
    seconds: dict[str, float] = {}
    for position in session:
        piece = pieces[position]
        if piece.how in ("evidence", "memory") and is_matter(piece.label) and not piece.soft:
            assert piece.label is not None
            seconds[piece.label] = seconds.get(piece.label, 0.0) + piece.seconds
    if not seconds:
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
    groups: dict[tuple[str, str], list[int]] = {}
    for position, piece in enumerate(pieces):
        if (
            piece.label is None
            and not piece.how
            and piece.reading.role in _EPISODE_ROLES
            and piece.reading.label
            and (piece.reading.role is not Role.CALL or piece.reading.keys)
        ):  # calls recur only by who is on them: every 'Zoom Meeting' is not one call
            groups.setdefault((piece.reading.role, piece.reading.folded), []).append(position)
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
    else:
        seconds = _decided_seconds(pieces, range(first, last + 1), skipped)
    if not seconds:
        return
    total = sum(seconds.values())
    best = max(sorted(seconds), key=lambda label: seconds[label])
    if seconds[best] < 0.6 * total:
        return
    reading = pieces[first].reading
    if seconds[best] < EPISODE_EVIDENCE_SECONDS and reading.role not in _RESEARCH_ROLES:
        return
    lean = reading.scores.lean
    if lean is not None and numbers[lean] != best:
        return  # its own words lean to another matter ("Pour-over will" amid a suit's work is the estate's)
    for position in episode:
        piece = pieces[position]
        if piece.label is None and not piece.how:
            propose(piece, best, "context", 0.7, f"'{reading.label}' recurs amid work on the same matter")


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
    groups: dict[tuple[str, str], list[int]] = {}
    for position, piece in enumerate(pieces):
        if piece.soft and piece.how == "evidence":
            groups.setdefault((piece.reading.role, piece.reading.folded), []).append(position)
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
        before = _anchor(pieces, first, -1, policy.context_seconds)
        after = _anchor(pieces, last, 1, policy.context_seconds)
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


def _anchor(pieces: Sequence[Piece], position: int, step: int, reach: float) -> str | None:
    piece = pieces[position]
    i = position + step
    while 0 <= i < len(pieces):
        other = pieces[i]
        gap = piece.start - other.end if step < 0 else other.start - piece.end
        if gap > reach:
            return None
        if other.how in HARD and not other.soft and other.label is not None:
            return other.label
        i += step
    return None
