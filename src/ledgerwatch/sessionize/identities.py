"""Identities across the range: what an item is, wherever it is seen again.

A document (across its versions and DMS numbers), a thread or a research question decided on its own
evidence in one place is the same matter's where it is read alone (topics, carried identities); a document
opened straight from a matter's workspace or folder is that matter's (binding); what the attorney approved
before answers for research the day left open (memory); and, last, the learned model speaks for what nothing
else decided, suggesting rather than deciding unless the firm lets it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Iterator, Mapping, Sequence
from datetime import datetime, tzinfo
from functools import lru_cache

from ledgerwatch.sessionize.labels import HARD, evidence_of, is_matter, label_piece, propose
from ledgerwatch.sessionize.learning import Model, Prediction, features
from ledgerwatch.sessionize.matching import MatterIndex, Scores, words
from ledgerwatch.sessionize.memory import DMS_KEY, Memory, dms_number, generic
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import REF_KEY, Reading, Role, references
from ledgerwatch.sessionize.timeline import Meeting, Piece

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


def learn_recalled(pieces: Sequence[Piece]) -> dict[str, str]:
    """Identities only a recall from memory decided (a name with no evidence of its own, recalled on a day its
    matter is named: rules.approved_before). They are carried only to other days that name the same matter
    (recalled_for), not through the week as learn_topics carries: 'Affidavit of Heirship' recalled on Monday
    for one estate is not Tuesday's for it when only another client's estate is on the screen that day."""
    return _agreed(*_votes(pieces, _RECALLED, False, recalled=True), 0.8, 1)


def recalled_for(learned: dict[str, str], named: Container[str], memory: Memory | None) -> dict[str, str]:
    """The identities of learn_recalled whose matter is among named (the matters a day names outright), or
    that are a habit of approvals for it (Memory.habit)."""
    return {
        key: matter
        for key, matter in learned.items()
        if matter in named or (memory is not None and memory.habit((key,), matter))
    }


def named_today(pieces: Sequence[Piece], numbers: Sequence[str], strong: float) -> frozenset[str]:
    """The matters a day's own words name outright: a window's strong evidence for one matter (no sibling
    close behind), or a calendar event it was drafted from."""
    named = {
        numbers[best]
        for scores in {id(p.reading): p.reading.scores for p in pieces}.values()
        if (best := _outright(scores, strong)) is not None
    }
    named.update(str(p.label) for p in pieces if p.how == "calendar" and is_matter(p.label))
    return frozenset(named)


def _outright(scores: Scores, strong: float) -> int | None:
    """The matter (its index) a text names outright: strong evidence for it, no sibling close behind."""
    return scores.best if scores.best is not None and scores.score >= strong and not scores.siblings else None


_RECALLED = frozenset({"memory"})


def _votes(
    pieces: Sequence[Piece], sources: frozenset[str], research: bool | None, recalled: bool = False
) -> tuple[dict[str, dict[str, float]], dict[str, int]]:
    """Seconds per matter and sightings for each identity of the pieces decided by sources; a recall from
    memory of a window with no evidence of its own votes only where recalled (learn_recalled)."""
    votes: dict[str, dict[str, float]] = {}
    seen: dict[str, int] = {}
    for piece in pieces:
        label = piece.label
        how = piece.how
        if label is None or how not in sources:
            continue
        reading = piece.reading
        if not reading.keys or label.startswith("\x00"):
            continue
        if (how == "memory" and reading.scores.best is None) is not recalled:
            continue
        if research is not None and (reading.role is Role.RESEARCH) is not research:
            continue
        seconds = piece.end - piece.start
        for key in _identities(reading.keys):
            bucket = votes.get(key)
            if bucket is None:
                bucket = votes[key] = {}
            bucket[label] = bucket.get(label, 0.0) + seconds
            seen[key] = seen.get(key, 0) + 1
    return votes, seen


@lru_cache(maxsize=8192)
def _identities(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The keys of a window that are identities (cached: a week's pieces share few windows)."""
    return tuple(key for key in keys if not key.startswith(_NOT_IDENTITIES) and not generic(key))


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
    """A matter's workspace, folder or page that documents are opened from, decided by its own text. One that
    names only the client of several matters ("NORTHGATE-INV - Documents - RelativityOne", the client's name
    listed as one suit's keyword) is no one matter's: what is opened after it may be any client's (a Word
    witness statement of another client's arbitration went to the suit all afternoon; blind litigation firm,
    development weeks: that week's wrong 11.9 -> 7.0, nothing else moved)."""
    if piece.how != "evidence" or not is_matter(piece.label):
        return False
    reading = piece.reading
    if reading.scores.siblings:
        return False
    if reading.role is Role.FILES:
        return True
    if reading.family != "browser" or reading.role is not Role.WEB:
        return False  # a web mail message about "RFE documents" is no folder
    where = f"{reading.site} {reading.label} {reading.tool}".lower()  # the service a title named, put aside
    return any(marker in where for marker in policy.workspace_markers)


def _allows(piece: Piece, label: str, numbers: Sequence[str]) -> bool:
    """Whether a piece's own evidence (if it has any) admits label: a document whose own words point at
    another matter (of any client) was not opened from this matter's workspace. A lean too thin to decide
    anything ("Summary Judgment" sharing a word with another client's declaratory judgment action) points
    nowhere. One asked between matters (a client's two) admits each of them."""
    scores = piece.reading.scores
    pointed = scores.by_matter
    if not pointed or (scores.best is None and not scores.candidates):
        return True
    if scores.best is None:
        return label in {numbers[index] for index in scores.candidates}
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
                piece.start - seen > REOPEN_SECONDS and any(key.startswith(DMS_KEY) for key in reading.keys)
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
    DMS number carried that suit all week), and so was one opened after any document was worked on, one
    already open or one just opened from it, whatever decided its matter (a lease folder glanced at, two
    minutes in an open draft, then a software licence's vendor questionnaire: not the lease's; a subpoena
    folder, a minute and a half in its custodian notes, then another client's court decision: not the
    subpoena's, and the decision's binding carried the wrong matter all week). Later sightings follow
    through identity memory."""
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
        document = piece.reading.role in _OPENED_ROLES
        if document and piece.label is None and not piece.how:
            if (
                id(piece) in firsts
                and (folder or _in_workspace(piece.reading))
                and not _glanced_amid(pieces, opened, position, label, policy)
            ):
                if not _allows(piece, label, numbers):
                    label = None
                    continue
                propose(piece, label, "workspace", 0.8, f"opened from '{name}' ({label})")
                until = piece.start + reach  # documents opened together; a later one was opened anew
        elif is_matter(piece.label) and piece.label != label and piece.seconds > 30:
            label = None
            continue
        if document and piece.seconds > WORKED_SECONDS:
            label = None  # a document worked on, however decided: what comes next was opened some other way


WORKED_SECONDS = 60.0
"""a document in front this long after a workspace or folder is being worked on: what is opened after it was
not opened from there (blind litigation firm, week two: wrong -1.75 points, capture +3.2; bench/weeks capture
-0.02, wrong -0.001)"""

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
    before = hard_anchor(pieces, opened, -1, policy.context_seconds)
    return before is not None and before != label and before == hard_anchor(pieces, position, 1, policy.context_seconds)


SAVED_GAP_SECONDS = 60.0
"""the most time between a document and a folder in front right before or after it for the two to be one act"""

_SOFT = frozenset({"", "context", "topic"})
"""ways of deciding a piece that local evidence may overrule: the work around it, or its identity carried"""


def saved_in_folder(pieces: Sequence[Piece], policy: SessionizePolicy, numbers: Sequence[str]) -> None:
    """A document worked on right before and right after its matter's folder or workspace (saving it there,
    or fetching what it needs) is that matter's, whatever the work around it or its identity elsewhere in
    the week said: a form every client's file holds ("Petition for Record Restriction.docx"), carried from
    one client's use to another's, was drafted around a glance at "00587-Dubois record restriction". Only
    the stretch of that document around the folder is bound, not its identity: the same form is another
    client's on another day."""
    for position, folder in enumerate(pieces):
        label = folder.label
        if folder.how != "evidence" or label is None or not _container(folder, policy) or not _whole_number(folder):
            continue  # (how first: one cheap test for the year's every piece)
        before, after = _beside(pieces, position, -1), _beside(pieces, position, 1)
        if before is None or after is None:
            continue
        document = pieces[before].reading
        if document.role not in _OPENED_ROLES or pieces[after].reading.folded != document.folded:
            continue
        stretch = [k for k in _stretch(pieces, before, after) if pieces[k].label != label]
        if any(
            not _sibling_lean(pieces[k], label, numbers)
            and (pieces[k].how not in _SOFT or not _allows(pieces[k], label, numbers))
            for k in stretch
        ):
            continue
        for k in stretch:
            propose(pieces[k], label, "workspace", 0.8, f"worked on around its matter's folder '{folder.reading.label}'")


def _sibling_lean(piece: Piece, label: str, numbers: Sequence[str]) -> bool:
    """Whether a piece's own words chose its matter over label, a matter of the same client, only by a small
    lead (the client's name listed as one matter's keyword, a word both could use): the folder that names
    label by its whole number is the better evidence ("Plea memo - Hernandez" saved around a glance at
    "00665-Hernandez DUI" is the DUI's, not the probation matter's that lists the surname)."""
    siblings = piece.reading.scores.siblings
    return piece.how == "evidence" and bool(siblings) and label in {numbers[index] for index in siblings}


def _whole_number(folder: Piece) -> bool:
    """Whether a folder names its matter by the matter's whole number ("00587-Dubois record restriction"): a
    client's folder ("1001 Acme Freight", its client number) is passed through on the way to any of its
    matters' papers."""
    return any(kind == "number" and text == folder.label for _, kind, text in folder.reading.scores.reasons)


def _beside(pieces: Sequence[Piece], position: int, step: int) -> int | None:
    """The position of the piece right beside a folder on one side, within SAVED_GAP_SECONDS, past undecided
    glances (the inbox, shorter than SAVED_GAP_SECONDS) between them: "Settlement Agreement - Muller.docx", a look
    into "00744-Muller", 23 seconds at the inbox, the agreement again is one act of saving it there (blind family
    firm, development weeks: wrong 19.1 -> 18.1 in its worst week, none lost anywhere)."""
    k, edge = position + step, position
    while 0 <= k < len(pieces):
        gap = pieces[edge].start - pieces[k].end if step < 0 else pieces[k].start - pieces[edge].end
        if gap > SAVED_GAP_SECONDS:
            return None
        piece = pieces[k]
        if piece.reading.role is not Role.NEUTRAL or piece.label is not None or piece.seconds >= SAVED_GAP_SECONDS:
            return k
        edge, k = k, k + step
    return None


def _stretch(pieces: Sequence[Piece], before: int, after: int) -> list[int]:
    """Positions of a document's sightings around a folder: outward from the two beside it, through glances
    (under SAVED_GAP_SECONDS) at anything else, until other work or a break; an idle pause with the same
    document still in front is no break (a new "Untitled" document saved into the estate's folder, then a few
    minutes away and ten more on it, was asked about for those ten)."""
    folded = pieces[before].reading.folded
    found = [before, after]
    for start, step in ((before, -1), (after, 1)):
        k, edge = start + step, start
        while 0 <= k < len(pieces):
            piece = pieces[k]
            gap = pieces[edge].start - piece.end if step < 0 else piece.start - pieces[edge].end
            if gap > SAVED_GAP_SECONDS and not (k == edge + step and piece.reading.folded == folded):
                break  # (the same document straight after time away from the keyboard is the same stretch)
            if piece.reading.folded == folded:
                found.append(k)
                edge = k
            elif piece.seconds >= SAVED_GAP_SECONDS:
                break
            k += step
    return sorted(found)


def _in_workspace(reading: Reading) -> bool:
    """Whether a document can come from a DMS's web workspace: one it numbers, or a new one created there."""
    return reading.role is Role.GENERIC or dms_number(reading.label) is not None


def apply_topics(pieces: Sequence[Piece], learned: Mapping[str, str], why: Mapping[str, str] | None = None) -> None:
    """Undecided pieces whose key was decided elsewhere take that matter (why: a key's reason, where it is not
    the same item decided as other work)."""
    if not learned:
        return
    for piece in pieces:
        if piece.label is not None or piece.how:
            continue
        for key in piece.reading.keys:
            matter = learned.get(key)
            if matter is not None:
                note = why.get(key) if why is not None else None
                if note is None:
                    note = f"same {_topic_word(piece.reading)} '{piece.reading.label}' as other work"
                propose(piece, matter, "topic", 0.8, note)
                break


CARRIED_SIGHTINGS = 3
"""sightings after which a thread, page or folder that decided work agrees on is carried to where it is alone"""
CARRIED_DOCUMENT_SIGHTINGS = 1
"""the same for a named document: a file is one piece of work, a subject line ("follow up") is not"""


def carry_identities(every: Sequence[Piece], days: Sequence[Sequence[Piece]], reach: float) -> None:
    """A document or thread that decided work placed on one matter (nine tenths of its time) is that
    matter's where it is later read alone, with nothing around it: a thread, page or folder after
    CARRIED_SIGHTINGS, a named document after CARRIED_DOCUMENT_SIGHTINGS. A document carried on fewer
    sightings does not go where its own words name the client of several matters: which one is for the
    work around it or the attorney (a tender letter read once amid a liability suit is not that suit's).
    A document placed only where its words leaned thinly to a matter (_thin) is not carried into the middle of
    another matter's own work (that matter's on both sides, within reach): "AAA Notice of Hearing" leans to the
    one matter whose description says AAA, and read amid another arbitration's brief it is not carried there.
    A document only the work around it placed, with no words of its own for that matter, is carried only on
    the days it was placed, unless its name makes it one document (_one_document): "Procedural Order No. 1"
    read amid one arbitration's work on Monday may be another arbitration's order on Thursday (blind
    generator, development weeks: wrong-matter time of two firms' week one 15.0 -> 14.0 and 10.5 -> 9.2, capture
    -0.1 to -1.7; bench/weeks and bench/corpus firms -0.05 capture, the sample firm and the personas unchanged).
    However many times the work around it placed it: seven sightings in one morning's episode are one guess,
    and "Guaranty (limited) - Kestrel", placed on one of the client's three leases on Wednesday, went to it on
    Tuesday and Friday, when it was another lease's (blind generator, development weeks: wrong-matter time of
    week one 3.62 -> 2.50 and 4.30 -> 3.04 for two firms, capture -0.2 to -1.4; the personas -0.23, bench/weeks
    -0.19, bench/corpus -0.07, the sample firm -0.05). Offering the matter it was placed on as a one-choice
    question on the other days instead (as the learned model offers its guesses) changed week two both ways
    through what the approved questions taught (blind family firm: wrong +4.7 points in one week, -2.5 in
    another): not kept.

    Then a reference number (reading.references) in the name of a document placed on one matter, on any
    sighting and however placed, is that matter's where only the number shows: "I-797C LIN2594889547.pdf"
    read amid one petition's work makes the case status page "?appReceiptNum=LIN2594889547" that petition's.
    Only documents teach it: a court portal's temporary file number (show_temp.pl?file=...) recurs across
    cases (development weeks: every kind of window teaching doubled the gain and multiplied wrong by twenty)."""
    votes, seen = _votes(every, CARRIED_SOURCES, research=False)
    carried = _agreed(votes, seen, 0.9, CARRIED_SIGHTINGS)
    documents = {
        key: matter
        for key, matter in _agreed(votes, seen, 0.9, CARRIED_DOCUMENT_SIGHTINGS).items()
        if key.startswith("doc:") and key not in carried
    }
    thinly = _votes([p for p in every if _thin(p)], CARRIED_SOURCES, research=False)[1]
    thin = {key: matter for key, matter in documents.items() if thinly.get(key) == seen[key]}
    guessed = {*documents, *(key for key in carried if key.startswith("doc:"))}
    loose = {key for key in guessed if key not in thinly and not _one_document(key)}
    placed = _days_placed(days, loose) if loose else {}
    for day, pieces in enumerate(days):
        elsewhere = {key for key, on in placed.items() if day not in on}
        apply_topics(pieces, _without(carried, elsewhere))
        if documents:
            apply_topics(_unasked(_alone(pieces, thin, reach)), _without(documents, elsewhere))
    # a reference number in a document's name is that document's matter's, however the document was placed
    numbered = [p for p in every if p.reading.role is Role.DOCUMENT and p.label is not None]
    votes, seen = _votes(numbered, CARRIED_SOURCES, research=False)
    refs = {key: matter for key, matter in _agreed(votes, seen, 0.9, 1).items() if key.startswith(REF_KEY)}
    if refs:
        apply_topics(_unasked(p for p in every if p.label is None and not p.how), refs)


def _without_links(text: str) -> str:
    """text without its links (a meeting's dial-in: its numbers are no reference), word by word (a pattern
    looking for "://" from every character of a long word is quadratic)."""
    if "://" not in text:
        return text
    return " ".join(word for word in text.split() if "://" not in word)


def named_references(
    calendar: Sequence[Meeting], index: MatterIndex, strong: float
) -> tuple[dict[str, str], dict[str, str]]:
    """Reference numbers (reading.references) that calendar events name beside one matter's own words, for
    apply_topics: number -> that matter, and number -> the reason. "Re: Suzuki v. Hazellight
    (NNH-CV-25-6041526-S)" makes the state docket that suit's, so the court's case page and its entry PDFs
    ("NNHCV256041526S Entry No 189.00.pdf"), which name no party, are the suit's (applied before context, so the
    court portal's pages between them follow). A number named beside two matters, or beside words that decide
    no one matter (a client's two matters), is no one's; a link's numbers (a meeting's dial-in) are no
    reference."""
    named: dict[str, tuple[str, str] | None] = {}
    for meeting in calendar:
        refs = references(_without_links(f"{meeting.summary} {meeting.description} {meeting.location}"), None)
        if not refs:
            continue
        best = _outright(index.score_event(meeting.text, meeting.summary, meeting.description), strong)
        said = (index.matters[best].number, meeting.summary) if best is not None else None
        for ref in refs:
            known = named.get(ref, said)  # the first event naming it, or the same matter again
            named[ref] = said if known is not None and said is not None and known[0] == said[0] else None
    found = {ref: said for ref, said in named.items() if said is not None}
    return (
        {ref: matter for ref, (matter, _) in found.items()},
        {
            ref: f"its number {ref.removeprefix(REF_KEY)} is named in '{summary}' for {matter}"
            for ref, (matter, summary) in found.items()
        },
    )


def _without(learned: dict[str, str], keys: set[str]) -> dict[str, str]:
    """learned without keys (itself when it holds none of them: most days)."""
    if keys.isdisjoint(learned):
        return learned
    return {key: matter for key, matter in learned.items() if key not in keys}


_LONG_NUMBER = re.compile(r"\d{5}")


def _one_document(key: str) -> bool:
    """Whether a document's name makes it one document: a DMS number, or a long number of its own (a Bates
    range, a publication, application or claim number). "Procedural Order No. 1" is every arbitration's."""
    return key.startswith(DMS_KEY) or _LONG_NUMBER.search(key) is not None


def _days_placed(days: Sequence[Sequence[Piece]], keys: set[str]) -> dict[str, set[int]]:
    """For each of keys that no piece decided on its own evidence (IDENTITY_SOURCES), the days (indexes) on which
    a piece was decided with it (as _votes counts them): the days it may be carried on."""
    found: dict[str, set[int]] = {}
    strong: set[str] = set()
    for day, pieces in enumerate(days):
        for piece in pieces:
            how = piece.how
            if how not in CARRIED_SOURCES or not piece.reading.keys:
                continue
            label = piece.label
            if label is None or label.startswith("\x00") or (how == "memory" and piece.reading.scores.best is None):
                continue
            for key in piece.reading.keys:
                if key in keys:
                    found.setdefault(key, set()).add(day)
                    if how in IDENTITY_SOURCES and not _opened_only(piece):
                        strong.add(key)
    return {key: found.get(key, set()) for key in keys - strong}


def _opened_only(piece: Piece) -> bool:
    """Whether a piece was placed only by the workspace or folder it was opened from (no evidence of its own)."""
    return piece.how == "workspace" and piece.reading.scores.best is None


def opened_only(pieces: Sequence[Piece]) -> frozenset[str]:
    """Document keys that only the workspaces they were opened from decided, and whose name does not make them
    one document (_one_document): "Audit Committee minutes" opened from one client's investigation folder on
    Monday is not every audit committee's minutes all week (blind litigation firm: one week's wrong-matter time
    14.6%, most of it that). They hold for the days they were opened (learn_topics day by day)."""
    bound: set[str] = set()
    decided: set[str] = set()
    for piece in pieces:
        if piece.label is None or piece.how not in IDENTITY_SOURCES or piece.reading.role is Role.RESEARCH:
            continue
        for key in _identities(piece.reading.keys):
            (bound if _opened_only(piece) else decided).add(key)
    return frozenset(key for key in bound - decided if key.startswith("doc:") and not _one_document(key))


def _thin(piece: Piece) -> bool:
    """Whether the work around a piece placed it where its own words only leaned (evidence too thin to name a
    matter): right for that sighting, not an identity for the week."""
    return piece.how == "context" and piece.soft


def _alone(pieces: Sequence[Piece], thin: dict[str, str], reach: float) -> Sequence[Piece]:
    """The pieces but those whose identity is thin's and that are read amid another matter's own work (the
    same matter's on both sides, within reach)."""
    if not thin:
        return pieces
    kept = []
    for position, piece in enumerate(pieces):
        matter = next((thin[key] for key in piece.reading.keys if key in thin), None)
        if matter is not None and piece.label is None and not piece.how:
            amid = hard_amid(pieces, position, reach)
            if amid != matter and is_matter(amid):
                continue  # read amid another matter's work: the thin lean is not enough
        kept.append(piece)
    return kept


def _unasked(pieces: Iterable[Piece]) -> list[Piece]:
    """The pieces neither their own words nor the work around them left between matters (no question)."""
    return [p for p in pieces if not (p.candidates or p.reading.scores.candidates)]


def _asked(pieces: Iterable[Piece], roles: Container[Role]) -> list[Piece]:
    """The undecided pieces of roles that the draft asks between matters about (their candidates)."""
    return [p for p in pieces if p.label is None and p.candidates and not p.how and p.reading.role in roles]


def one_numbered_document(every: Sequence[Piece]) -> None:
    """A document the DMS numbers is one document all week, so one matter's. Where only the work around it
    placed it (an episode, a sandwich, a topic) and those placements disagree, they were guesses: its own
    evidence elsewhere in the week (nine tenths of its evidence seconds on one matter) decides, else every
    such placement asks between the matters. Neither the majority nor the first placement was right more
    often than the placements themselves (development weeks: 27 of 40 minutes each way); asking took the
    worst week's wrong-matter time from 4.3% to 3.0% (624 weeks: capture -0.06, wrong -0.05 on bench/weeks)."""
    groups: dict[str, list[Piece]] = {}
    document = Role.DOCUMENT
    for piece in every:
        reading = piece.reading
        if reading.role is document and reading.keys and reading.keys[0].startswith(DMS_KEY) and is_matter(piece.label):
            groups.setdefault(reading.keys[0], []).append(piece)  # a document's one key: its identity
    for pieces in groups.values():
        guessed = [piece for piece in pieces if piece.how not in IDENTITY_SOURCES]
        if not guessed or len({piece.label for piece in pieces}) < 2:
            continue  # nothing guessed, or every placement agrees
        evidence = _seconds_by_matter(piece for piece in pieces if piece.how in IDENTITY_SOURCES)
        best = max(sorted(evidence), key=evidence.__getitem__) if evidence else None
        if best is not None and evidence[best] >= 0.9 * sum(evidence.values()):
            for piece in guessed:
                if piece.label != best:
                    piece.label, piece.how = best, "topic"
                    piece.note = f"same document '{piece.reading.label}' as other work"
            continue
        seconds = _seconds_by_matter(guessed)
        asked = tuple(sorted(seconds, key=lambda number: (-seconds[number], number)))
        note = f"one document, read amid the work on {' at one time and on '.join(asked)} at another"
        for piece in guessed:
            piece.label, piece.how, piece.note, piece.candidates = None, "", note, asked


def _seconds_by_matter(pieces: Iterable[Piece]) -> dict[str, float]:
    seconds: dict[str, float] = {}
    for piece in pieces:
        seconds[str(piece.label)] = seconds.get(str(piece.label), 0.0) + piece.seconds
    return seconds


KNOWN_PERSON_SHARE = 0.9
"""the share of a person's placed call and chat seconds that must be on one matter for it to be theirs"""
_WITH_PEOPLE = (Role.CALL, Role.MEETING, Role.NEUTRAL)
"""calls, meetings and chats: windows that name who the attorney is talking to"""
_PEOPLE_ALONE = (Role.NEUTRAL,)
"""chat windows ("Chat | Dana Reyes"), which name the person written to. Not call windows: a video room is
named after its host ("Anjali Whitfield's Personal Room"), a colleague whose calls this week were on a matter,
holding the firm's docket meeting there (blind IP firm: 51 minutes of it on her matter)"""


def known_people(
    every: Sequence[Piece], calendar: Sequence[Meeting], clients: Mapping[str, frozenset[str]]
) -> None:
    """A call, chat or meeting left between a client's matters, with someone whose calls and chats this week
    were placed on one of those matters (nine tenths of their seconds), is that matter's. The client's
    general counsel is on the licence, its HR director on the employee's separation: when the separation's
    work is around every call with the HR director, "Northwind - next steps" with her is the separation too.

    Only where the client's people are seen apart this week, as for invitations (teams.py): two or more of
    its matters have people of their own, and nobody is on two of them. An inventor on every one of the
    client's applications, or an adjuster on every suit, teaches nothing, and those calls are still asked.
    Only between the matters the piece leaves open, and only where every person named or invited who is
    known points to the same one. clients maps each matter to its client's matters (itself included); a
    calendar event's attendees are matched by name: "Ava Goldberg <ava@...>", or an address's first.last.

    A chat whose words name no matter at all, with someone known this way, is that person's matter too:
    the HR director's Teams chat the day after her call on the separation, with the licence's work around it
    (development weeks: the sample's firm and bench/corpus +0.5 to +1.0 capture in six weeks, wrong-matter time
    unchanged but for 0.01 in one; requiring that matter's work near it as well placed none of them)."""
    open_calls, alone = _open_with_people(every)
    if not open_calls and not alone:
        return
    known, names = _people_apart(every, calendar, clients)
    if not known:
        return
    teams = set(known.values())
    position = {id(piece): at for at, piece in enumerate(every)}
    by_summary = _by_summary(meeting for meeting in calendar if meeting.attendees)
    for piece in open_calls:
        if not teams.issuperset(piece.candidates):
            continue  # a matter it may be whose people are not seen: theirs may be these very people
        people = [_person_key(piece.reading.person)] if piece.reading.person else []
        held = _held(by_summary, piece.call_summary, piece) if piece.call_summary else None
        if held is not None:
            people += [name for name in map(_attendee_name, held.attendees) if name]
        found = {known[person] for person in people if person in known}
        if len(found) != 1:
            continue
        (matter,) = found
        if matter in piece.candidates and _worked_near(every, position[id(piece)], matter):
            who = next(person for person in people if known.get(person) == matter)
            propose(piece, matter, "topic", 0.75, f"with {names[who]}, whose calls this week were on this matter")
    for piece in alone:
        person = _person_key(piece.reading.person)
        theirs = known.get(person)
        if theirs is not None:
            propose(piece, theirs, "topic", 0.7, f"with {names[person]}, whose calls this week were on this matter")


def _open_with_people(every: Sequence[Piece]) -> tuple[list[Piece], list[Piece]]:
    """In one pass over the range (a year's pieces): the undecided calls, meetings and chats asked between
    matters (as _asked), and the undecided chats with a named person whose words point to no matter at all."""
    asked: list[Piece] = []
    alone: list[Piece] = []
    for piece in every:
        if piece.label is not None or piece.how:
            continue
        reading = piece.reading
        if piece.candidates:
            if reading.role in _WITH_PEOPLE:
                asked.append(piece)
        elif reading.role in _PEOPLE_ALONE and reading.person and not reading.scores.by_matter:
            alone.append(piece)
    return asked, alone


def _people_apart(
    every: Sequence[Piece], calendar: Sequence[Meeting], clients: Mapping[str, frozenset[str]]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each person -> the one matter their placed calls and chats were on, for clients whose people are seen
    apart (see known_people): nobody on two of the client's matters, two matters with people of their own,
    and no calendar event that invites people of two of them together. And each person's name as shown."""
    seconds: dict[str, dict[str, float]] = {}
    names: dict[str, str] = {}
    for piece in every:
        person = piece.reading.person
        label = piece.label
        if person and label is not None and piece.how in CARRIED_SOURCES and label in clients:
            key = _person_key(person)
            names.setdefault(key, person)
            bucket = seconds.setdefault(key, {})
            bucket[label] = bucket.get(label, 0.0) + piece.seconds
    by_client: dict[frozenset[str], dict[str, str | None]] = {}
    for person, bucket in seconds.items():
        best = max(sorted(bucket), key=bucket.__getitem__)
        client = clients[best]
        if len(client) < 2 or not set(bucket) <= client:
            continue  # a client of one matter needs no one's help; someone on two clients' work is no one's
        share = bucket[best] >= KNOWN_PERSON_SHARE * sum(bucket.values())
        by_client.setdefault(client, {})[person] = best if share else None
    known: dict[str, str] = {}
    for people in by_client.values():
        matters = set(people.values())
        if None in matters or len(matters) < 2:
            continue  # someone works on two of the client's matters, or only one matter's people are seen
        known.update((person, matter) for person, matter in people.items() if matter is not None)
    mixed: set[str] = set()
    for meeting in calendar:
        invited = {known[name] for name in map(_attendee_name, meeting.attendees) if name in known}
        if len(invited) > 1:
            mixed |= invited  # one meeting with people of two matters: the client's people work together
    if mixed:
        shared = {number for matter in mixed for number in clients[matter]}
        known = {person: matter for person, matter in known.items() if matter not in shared}
    return known, names


NEAR_SECONDS = 900.0
"""how close decided work on a matter must be to a call for the call's people to settle it"""


def _worked_near(every: Sequence[Piece], at: int, matter: str) -> bool:
    """Whether work decided on matter is within NEAR_SECONDS before or after the piece at position at."""
    return any(other.label == matter for step in (-1, 1) for other in hard_within(every, at, step, NEAR_SECONDS))


def _person_key(name: str) -> str:
    return " ".join(words(name))


def _attendee_name(attendee: str) -> str:
    """An attendee's name: the one written before the address, else the address's first.last ("" when its
    local part is not two or three words: "jdoe@" names nobody)."""
    name, bracket, _ = attendee.partition("<")
    if bracket and name.strip():
        return _person_key(name.strip().strip('"'))
    local = attendee.removeprefix("mailto:").partition("@")[0]
    parts = [part for part in re.split(r"[._-]+", local) if part.isalpha()]
    return " ".join(parts).lower() if 2 <= len(parts) <= 3 else ""


def recall_research(
    pieces: Sequence[Piece], memory: Memory, named: Container[str], known: Container[str]
) -> bool:
    """Research pages the day's own work left undecided take the matter the attorney approved the same
    question for before. Only then: the same question recurs for other matters (a patent practice asks
    about written description for every application), so today's client IDs and sessions come first. And only
    on a day that matter is named (named_today), unless the question is a habit of its approvals, as for a
    name with nothing of its own (rules.approved_before): recalled on any day, such questions went to the
    matter of last week's research while the attorney worked on another's (week two wrong, development weeks:
    blind generator -0.5 to -1.0 points at three of its four firms, bench/weeks -0.04 and its worst week
    4.8 -> 4.3; bench/corpus capture -0.13). Whether any page was recalled."""
    recalled = False
    for piece in pieces:
        if piece.label is None and not piece.how and piece.reading.role is Role.RESEARCH:
            matter = memory.recall(piece.reading.keys, named)
            if matter is None:
                habit = memory.recall(piece.reading.keys, known)
                if habit is not None and memory.habit(piece.reading.keys, habit):
                    matter = habit
            if matter is not None:
                recalled |= propose(piece, matter, "memory", 0.75, f"approved before for {piece.reading.label}")
    return recalled


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


def hard_anchor(pieces: Sequence[Piece], position: int, step: int, reach: float) -> str | None:
    """The matter of the nearest piece decided on hard evidence, walking from position by step (-1 before, 1
    after) no further than reach seconds; None when there is none that close."""
    return next((other.label for other in hard_within(pieces, position, step, reach) if not other.soft), None)


_OWN_TASKS = frozenset({Role.CALL, Role.MEETING})
"""calls and meetings: tasks of their own, whatever the work around them"""


def recalls_amid_other_work(pieces: Sequence[Piece], memory: Memory, reach: float) -> None:
    """A name recalled from approvals with nothing of its own in it (no evidence for any matter, no DMS or
    other long number of its own), read amid another matter's decided work (that matter's on both sides within
    reach), asks between the two instead: "Expense reports Q3" approved for one client's audit last week is
    read today between two stretches of another client's board work. A habit (HABIT_APPROVALS) still
    answers, and so does a call or meeting: a task of its own, whatever the work around it."""
    for position, piece in enumerate(pieces):
        remembered = piece.label
        if piece.how != "memory" or remembered is None or piece.reading.scores.best is not None:
            continue
        keys = piece.reading.keys
        if piece.reading.role in _OWN_TASKS or memory.habit(keys, remembered):
            continue
        if any(_one_document(key) for key in keys):
            continue
        around = hard_amid(pieces, position, reach)
        if around is not None and around != remembered and is_matter(around):
            label_piece(piece, None, "", piece.confidence, "")
            piece.candidates = (remembered, around)


def hard_amid(pieces: Sequence[Piece], position: int, reach: float) -> str | None:
    """The label of the work decided on hard evidence nearest on both sides of position within reach, when
    both sides have the same one (the piece is read amid that work); else None."""
    before, after = (next(hard_within(pieces, position, step, reach), None) for step in (-1, 1))
    return before.label if before is not None and after is not None and before.label == after.label else None


def hard_within(pieces: Sequence[Piece], position: int, step: int, reach: float) -> Iterator[Piece]:
    """The pieces decided on hard evidence with a matter or class, walking from position by step, no further
    than reach seconds."""
    piece = pieces[position]
    i = position + step
    while 0 <= i < len(pieces):
        other = pieces[i]
        if (piece.start - other.end if step < 0 else other.start - piece.end) > reach:
            return
        if other.how in HARD and other.label is not None:
            yield other
        i += step


NOTES_WORDS = 3
"""the fewest words of a document or thread name that an event's notes can name it by ("Remote work policy -
draft"): fewer ("Memo", "follow up") name nothing in particular"""


def named_in_notes(every: Sequence[Piece], calendar: Sequence[Meeting]) -> None:
    """A call or meeting the calendar leaves between a client's matters, whose event's notes name a document
    or an e-mail thread ("Touch base - Kelly/Barbara" with the client's people, notes "Re: Remote work policy
    - draft"; "To go over Paid leave policy v3"), is about the one of those matters that document or thread
    was decided for (nine tenths of its decided seconds). Only between the matters the event leaves open: a
    document's name alone ("Request for Production - Second Set") is written in many matters, and an event
    that names no client was another matter's as often as not (development weeks: bench/corpus wrong +0.02,
    worst week 2.8 -> 2.9). Development weeks (624): capture +0.03 to +0.06 in every group, wrong +0.01."""
    open_calls = _asked(every, _OWN_TASKS)
    if not open_calls or not calendar:
        return
    by_summary = _by_summary(meeting for meeting in calendar if meeting.description)
    if not by_summary:
        return
    items = _decided_items(every)
    if not items:
        return
    by_first: dict[str, list[tuple[str, list[str]]]] = {}
    for name in items:
        named = name.split(" ")
        by_first.setdefault(named[0], []).append((name, named))
    for piece in open_calls:
        summary = piece.call_summary or piece.reading.label
        held = _held(by_summary, summary, piece)
        if held is None:
            continue
        notes = words(held.description.split("\n", 1)[0])
        found: set[str] = set()
        for at, word in enumerate(notes):
            for name, named in by_first.get(word, ()):
                if notes[at : at + len(named)] == named:
                    found.add(items[name])
        if len(found) != 1:
            continue
        (matter,) = found
        if matter not in piece.candidates:
            continue
        propose(piece, matter, "topic", 0.8, f"calendar event '{summary}' names work on this matter in its notes")


def _by_summary(calendar: Iterable[Meeting]) -> dict[str, list[Meeting]]:
    """Calendar events by their summary: a call or meeting window is named by its event's summary."""
    found: dict[str, list[Meeting]] = {}
    for meeting in calendar:
        found.setdefault(meeting.summary, []).append(meeting)
    return found


def _held(by_summary: Mapping[str, list[Meeting]], summary: str, piece: Piece) -> Meeting | None:
    """The event of that summary the piece falls in, if any."""
    return next((m for m in by_summary.get(summary, ()) if m.start < piece.end and piece.start < m.end), None)


def _decided_items(every: Sequence[Piece]) -> dict[str, str]:
    """The words of each document and thread name (NOTES_WORDS or more, joined by spaces) decided for one
    matter: nine tenths of its decided seconds."""
    votes: dict[str, dict[str, float]] = {}
    seen: dict[str, int] = {}
    for piece in every:
        label = piece.label
        reading = piece.reading
        if label is None or piece.how not in CARRIED_SOURCES or reading.role not in (Role.DOCUMENT, Role.EMAIL):
            continue
        if not is_matter(label):
            continue
        named = words(reading.named)
        if len(named) < NOTES_WORDS:
            continue
        name = " ".join(named)
        seconds = votes.setdefault(name, {})
        seconds[label] = seconds.get(label, 0.0) + piece.seconds
        seen[name] = seen.get(name, 0) + 1
    return _agreed(votes, seen, 0.9, 1)
