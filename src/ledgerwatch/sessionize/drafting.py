"""Drafts: labelled runs -> one time entry per matter per coherent task, with narrative and codes.

Rounding is applied once per entry (never per fragment); a block's narrative names what was done
(documents, threads, research topics, calls), never "review file".
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TypeVar

from ledgerwatch.domain import EntryKind, Evidence, Matter, Problem, ProblemCode, Severity, Span, TimeEntry
from ledgerwatch.sessionize.confidential import Confidences
from ledgerwatch.sessionize.labels import ADMIN, AI, PERSONAL, evidence_of, is_matter
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.reading import Klass, Role
from ledgerwatch.sessionize.runs import Run
from ledgerwatch.sessionize.timeline import Piece

ZERO_HOURS = Decimal("0.0")
_HUNDREDTH = Decimal("0.01")
VAGUE = re.compile(
    r"^\s*(?:review(?:ed)? file|work(?:ed)? on (?:the )?(?:matter|file|case)|attention to (?:the )?(?:matter|file)|"
    r"various|misc(?:ellaneous)?|general|legal services|file review|document)\W*$",
    re.IGNORECASE,
)

_COUNSEL = re.compile(r"co-counsel|opposing|counsel", re.IGNORECASE)
_ATTENDANCE = re.compile(
    r"\b(?:deposition|depo|hearing|trial|mediation|oral argument|arraignment|sentencing|"
    r"(?:status|pretrial|pre-trial|settlement|case management) conference)\b",
    re.IGNORECASE,
)
"""calls and events that are attending a proceeding, not communicating (activity A109, not A106)"""
_ATTEND_PREFIX = re.compile(r"^\s*(?:attend(?:ance)?(?: at)?|appear(?:ance)? (?:at|for)|remote)\s*[:-]?\s*", re.I)
_CALL_PREFIX = re.compile(
    r"^\s*(?:call|meeting|conference|zoom|teams call|video call)\s*(?:w/|with)\s+", re.I
)
_KIND_VERB = {
    "draft": "Draft and revise",
    "review": "Review and analyze",
    "email": "Review and respond to correspondence re",
    "research": "Legal research re",
    "docket": "Review docket and filings:",
    "call": "Conference",
    "files": "Organize matter files:",
    "attend": "Attend",
    "travel": "Travel to and from",
    "other": "Review",
}
_ACTIVITY = {
    "draft": "A103",
    "review": "A104",
    "email": "A106",
    "research": "A102",
    "docket": "A104",
    "call": "A106",
    "files": "A110",
    "attend": "A109",
    "travel": "A111",
    "other": "A111",
}
_TASK_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("attend hearing", "attend trial", "attend oral argument", "attend motion hearing"), "L450"),
    (("attend deposition", "attend remote deposition", "attend depo"), "L330"),
    (("attend mediation", "attend settlement conference"), "L160"),
    (("attend status conference", "attend case management", "attend pretrial", "attend pre-trial"), "L230"),
    (("appeal", "appellate", "notice of appeal"), "L520"),
    (("trial", "jury", "witness list", "exhibit list", "voir dire", "motion in limine"), "L440"),
    (("motion to compel", "discovery motion", "protective order"), "L350"),
    (("deposition", "depo ", "transcript"), "L330"),
    (("expert",), "L340"),
    (
        (
            "interrogator",
            "request for production",
            "requests for production",
            "requests for admission",
            "rfp",
            "subpoena",
            "discovery",
            "privilege log",
            "production",
        ),
        "L310",
    ),
    (("motion to dismiss", "summary judgment", "msj", "dispositive", "12(b)"), "L240"),
    (("motion", "brief", "opposition", "reply", "memorandum of points"), "L250"),
    (("complaint", "answer", "counterclaim", "cross-claim", "pleading", "amended"), "L210"),
    (("settlement", "mediation", "demand letter", "demand", "release", "adr"), "L160"),
    (("case management", "scheduling conference", "status conference", "rule 26"), "L230"),
    (
        (
            "medical records",
            "police report",
            "investigation",
            "driver log",
            "witness statement",
            "records",
            "photos",
            "incident",
        ),
        "L110",
    ),
    (("docket", "dkt", "cm/ecf", "pacer", "filing"), "L190"),
)


class Item:
    """The pieces of one reading (and call, label and way of deciding) in a draft, added up."""

    __slots__ = ("piece", "seconds")

    def __init__(self, piece: Piece) -> None:
        self.piece = piece
        """the first of them: they share its reading, call, label and way of deciding"""
        self.seconds = 0.0


class Tally:
    """A draft's pieces added up in one pass: its items and what its spans, confidence and reasons need."""

    __slots__ = ("calendar", "candidates", "idle", "intervals", "items", "notes", "passive", "weighted")

    def __init__(self, pieces: Sequence[Piece]) -> None:
        found: dict[tuple[int, str, str | None, str], Item] = {}
        get = found.get
        intervals: list[tuple[float, float]] = []
        weighted: list[float] = []
        notes: dict[str, float] = {}
        idle = passive = 0.0
        calendar: dict[str, float] = {}
        candidates: dict[tuple[str, ...], float] = {}
        span = intervals.append
        weigh = weighted.append
        for piece in pieces:
            start = piece.start
            end = piece.end
            key = (id(piece.reading), piece.call_summary, piece.label, piece.how)
            item = get(key)
            if item is None:
                item = found[key] = Item(piece)
            item.seconds += end - start
            span((start, end))
            weigh(piece.confidence * (end - start))
            note = piece.note
            if note:
                notes[note] = notes.get(note, 0.0) + end - start
            if piece.idle:
                idle += piece.idle
            if piece.passive:
                passive += piece.passive
            if piece.label is None and piece.candidates:
                candidates[piece.candidates] = candidates.get(piece.candidates, 0.0) + end - start
            if piece.reading.role is Role.MEETING:
                place = piece.reading.tool
                what = f"'{piece.reading.label}'" + (f" at {place}" if place else "")
                if piece.reading.family == "travel":
                    what = f"travel to and from {what}"
                calendar[what] = calendar.get(what, 0.0) + end - start
        self.items = list(found.values())
        """pieces added up per (reading, call, label, how), in first-seen order"""
        self.intervals = intervals
        """each piece's (start, end)"""
        self.weighted = weighted
        """each piece's confidence times its seconds"""
        self.notes = notes
        """reason -> seconds"""
        self.idle = idle
        """seconds of calls kept while the keyboard was idle"""
        self.passive = passive
        """seconds of reading without input, kept because the same window was in front before and after"""
        self.calendar = calendar
        """calendar events attended away from the desk (and travel) -> seconds"""
        self.candidates = max(sorted(candidates), key=candidates.__getitem__) if candidates else ()
        """for undecided time: the matters its evidence stays close between (most seconds first)"""


def _signature(label: str | None, sums: _Sums) -> tuple[str | None, str, str]:
    """What tells one task of a matter from another: its matter, main task kind and most-named item."""
    seconds = sums.by_kind
    if len(seconds) == 1:
        (kind,) = seconds
    else:
        kind = max(sorted(seconds), key=seconds.__getitem__)
    texts = sums.texts.get(kind)
    named = max([(length, text) for text, length in texts.items()]) if texts else None
    return label, kind, named[1] if named is not None else ""


Prepared = tuple[Tally, "_Sums"]
Group = tuple[list[Run], Prepared | None]
"""runs that make one draft, and their tally and sums when they are one run (already added up)"""


def group_runs(runs: Sequence[Run], policy: SessionizePolicy, numbers: Sequence[str] = ()) -> list[Group]:
    """Runs that make one draft: same matter and task (when merging), or one non-billable class a day."""
    groups: dict[tuple[str | None, str, str] | int, list[Run]] = {}
    prepared: dict[int, Prepared] = {}
    for position, run in enumerate(runs):
        if run.label is None:
            key: tuple[str | None, str, str] | int = position
        elif not is_matter(run.label):
            key = (run.label, "", "")
        elif policy.merge_same_task:
            counted = Tally(run.pieces)
            sums = _Sums(counted.items, numbers)
            prepared[id(run)] = (counted, sums)
            key = _signature(run.label, sums)
        else:
            key = position
        groups.setdefault(key, []).append(run)
    return [(group, prepared.get(id(group[0])) if len(group) == 1 else None) for group in groups.values()]


def make_entry(
    day: date,
    runs: Sequence[Run],
    matters: Mapping[str, Matter],
    litigation: Mapping[str, bool],
    policy: SessionizePolicy,
    numbers: Sequence[str] = (),
    prepared: Prepared | None = None,
    confidences: Confidences | None = None,
) -> TimeEntry | None:
    """One draft for runs sharing a label (prepared: their tally and sums, if known); None when it covers no
    whole second."""
    label = runs[0].label
    if prepared is None:
        pieces = runs[0].pieces if len(runs) == 1 else [piece for run in runs for piece in run.pieces]
        counted = Tally(pieces)
        sums = _Sums(counted.items, numbers)
    else:
        counted, sums = prepared
    spans = _spans(counted.intervals)
    worked = sum(span.seconds for span in spans)
    if worked <= 0:
        return None
    matter_number, kind = _kind(label)
    matter = matters.get(matter_number) if matter_number else None
    rounding = matter.rounding if matter is not None and matter.rounding is not None else policy.rounding
    billed = ZERO_HOURS if kind in (EntryKind.PERSONAL, EntryKind.NONBILLABLE) else rounding.bill(worked)
    items = counted.items
    total = sum(sums.lengths) or 1.0
    confidence = Decimal(str(sum(counted.weighted) / total)).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)
    description, dominant = _narrative(items, matter, kind, sums, confidences)
    asked = counted.candidates if kind is EntryKind.UNASSIGNED else ()
    if asked:
        description = _question(asked, matters) + description.removeprefix("No matter found")
    activity = (
        _ACTIVITY.get(dominant)
        if kind in (EntryKind.BILLABLE, EntryKind.AI_TOOL, EntryKind.UNASSIGNED)
        else None
    )
    if activity == "A106" and _COUNSEL.search(description):
        activity = "A107"
    if description.startswith("Attend "):
        activity = "A109"
    task = None
    if matter is not None and litigation.get(matter.number, False):
        task = _task_code(description, dominant)
    problems = _problems(kind, matter, confidence, description, policy, asked)
    ai_seconds = sum(sums.ai)
    if ai_seconds >= 1 and kind is not EntryKind.AI_TOOL:
        problems = (
            *problems,
            Problem(
                ProblemCode.AI_TOOL,
                f"Includes {_minutes(ai_seconds)} in generative-AI tools (ABA Formal Opinion 512): "
                "bill only actual time and check the output.",
                Severity.INFO,
            ),
        )
    problems = (*problems, *_away_problems(counted))
    reasons = _reasons(counted.notes, counted.idle, counted.passive, counted.calendar)
    evidence = _evidence(sums)
    first = spans[0].start
    digest = hashlib.sha256(
        f"{day.isoformat()}|{label or 'unassigned'}|{first.isoformat()}".encode()
    ).hexdigest()
    return TimeEntry(
        id=digest[:16],
        date=day,
        spans=tuple(spans),
        worked_seconds=worked,
        billed_hours=billed,
        matter=matter_number,
        kind=kind,
        activity_code=activity,
        task_code=task,
        description=description,
        confidence=confidence,
        reasons=reasons,
        problems=problems,
        evidence=evidence,
        candidates=asked,
    )


def _kind(label: str | None) -> tuple[str | None, EntryKind]:
    if label is None:
        return None, EntryKind.UNASSIGNED
    if label == PERSONAL:
        return None, EntryKind.PERSONAL
    if label == ADMIN:
        return None, EntryKind.NONBILLABLE
    if label.startswith(AI):
        matter = label[len(AI) + 1 :] or None
        return matter, EntryKind.AI_TOOL
    return label, EntryKind.BILLABLE


def _spans(intervals: list[tuple[float, float]]) -> list[Span]:
    """The wall-clock spans of pieces' (start, end) intervals (sorted in place): gaps under a second closed."""
    intervals.sort()
    merged: list[tuple[float, float]] = []
    low, high = intervals[0]
    for start, end in intervals:
        if start - high <= 1.0:
            if end > high:
                high = end
        else:
            merged.append((low, high))
            low, high = start, end
    merged.append((low, high))
    return [
        Span(datetime.fromtimestamp(a, UTC), datetime.fromtimestamp(b, UTC))
        for a, b in merged
        if b - a >= 1.0
    ] or [Span(datetime.fromtimestamp(merged[0][0], UTC), datetime.fromtimestamp(merged[0][1], UTC))]


class _Sums:
    """Items added up once for a draft's narrative, evidence and checks (one pass over the items)."""

    __slots__ = ("ai", "by_kind", "grouped", "labels", "lengths", "pointed", "texts", "tools")

    def __init__(self, items: Sequence[Item], numbers: Sequence[str]) -> None:
        self.lengths: list[float] = []
        """seconds of each item, in order"""
        self.ai: list[float] = []
        """seconds of each item in a generative-AI tool, in order"""
        self.by_kind: dict[str, float] = {}
        """task kind -> seconds"""
        self.labels: dict[str, dict[str, float]] = {}
        """task kind -> what the narrative names -> seconds"""
        self.texts: dict[str, dict[str, float]] = {}
        """task kind -> what the narrative names, in lower case -> seconds (what tells tasks apart)"""
        self.tools: dict[str, dict[str, float]] = {}
        """task kind -> research service or call app -> seconds"""
        self.grouped: dict[tuple[str, str], float] = {}
        """evidence (kind, label) -> seconds"""
        self.pointed: dict[tuple[str, str], str | None] = {}
        """evidence (kind, label) -> the matter it pointed to on its own, if any"""
        lengths, ai, by_kind, labels, tools = self.lengths, self.ai, self.by_kind, self.labels, self.tools
        grouped, pointed, texts = self.grouped, self.pointed, self.texts
        for item in items:
            piece = item.piece
            reading = piece.reading
            seconds = item.seconds
            lengths.append(seconds)
            if reading.klass is Klass.AI:
                ai.append(seconds)
            task = reading.task
            by_kind[task] = by_kind.get(task, 0.0) + seconds
            call = reading.role is Role.CALL
            if call:
                name = piece.call_summary.strip()
                folded = piece.call_summary.lower()
            else:
                name = reading.named
                folded = reading.folded_text
            if name:
                bucket = labels.get(task)
                if bucket is None:
                    bucket = labels[task] = {}
                bucket[name] = bucket.get(name, 0.0) + seconds
            if folded:
                bucket = texts.get(task)
                if bucket is None:
                    bucket = texts[task] = {}
                bucket[folded] = bucket.get(folded, 0.0) + seconds
            tool = reading.tool
            if tool:
                tool_bucket = tools.setdefault(task, {})
                tool_bucket[tool] = tool_bucket.get(tool, 0.0) + seconds
            label = piece.label
            if call or label == PERSONAL:
                key = evidence_of(reading, piece.call_summary, label)
            else:
                key = reading.shown
            grouped[key] = grouped.get(key, 0.0) + seconds
            if piece.how == "calendar" and label is not None:
                pointed[key] = label
            elif reading.points is not None:
                pointed[key] = numbers[reading.points]
            else:
                pointed.setdefault(key, None)


def _narrative(
    pieces: Sequence[Item],
    matter: Matter | None,
    kind: EntryKind,
    sums: _Sums,
    confidences: Confidences | None = None,
) -> tuple[str, str]:
    """A billing narrative from the evidence, and the dominant task kind: only the matter's own facts (a
    name that carries another matter's facts is left out)."""
    if kind is EntryKind.PERSONAL:
        return "Personal time (not billable)", "other"
    by_kind, labels, tools = sums.by_kind, sums.labels, sums.tools
    total = sum(by_kind.values()) or 1.0
    ranked = _ranked(by_kind)
    dominant = ranked[0]
    if kind is EntryKind.UNASSIGNED:
        names = [n for n in _top(labels, ranked, 3)] or sorted(
            {i.piece.reading.label for i in pieces if i.piece.reading.label}, key=lambda n: n.lower()
        )[:3]
        return ("No matter found: " + ", ".join(names)) if names else "No matter found", dominant
    if kind is EntryKind.NONBILLABLE:
        names = _top(labels, ranked, 3)
        return ("Firm administration: " + ", ".join(names)) if names else "Firm administration", dominant
    parts: list[str] = []
    for task in ranked:
        if task != dominant and by_kind[task] < max(0.15 * total, 240.0):
            continue
        if len(parts) == 3:
            break
        names = _by_seconds(labels.get(task, {}))
        if confidences is not None and matter is not None:
            names = [name for name in names if not confidences.foreign(name, matter.number)]
        phrase = _phrase(task, names[:2], _by_seconds(tools.get(task, {}))[:2], matter)
        if phrase:
            parts.append(phrase)
    if not parts:
        subject = matter.description if matter is not None and matter.description else "matter"
        parts.append(f"{_KIND_VERB.get(dominant, 'Work')} {subject}")
    text = "; ".join(parts[:1] + [_lower_verb(p) for p in parts[1:]])
    if confidences is not None and matter is not None and confidences.foreign(text, matter.number):
        text = f"{_KIND_VERB.get(dominant, 'Work on')} {matter.description or matter.number}".strip()
    if kind is EntryKind.AI_TOOL:
        text = f"{text} (generative-AI tool used)"
    return text, dominant


def _lower_verb(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first in ("Draft", "Review", "Legal", "Organize", "Conference"):
        return f"{first.lower()} {rest}"
    return phrase


def _top(labels: dict[str, dict[str, float]], ranked: Sequence[str], count: int) -> list[str]:
    found: list[str] = []
    for task in ranked:
        for name in _by_seconds(labels.get(task, {})):
            if name not in found:
                found.append(name)
    return found[:count]


def _phrase(task: str, names: Sequence[str], tools: Sequence[str], matter: Matter | None) -> str:
    short = [_shorten(n) for n in names]
    subject = " and ".join(short)
    fallback = matter.description if matter is not None and matter.description else ""
    if task == "attend":
        where = f" ({tools[0]})" if tools else ""
        return f"Attend {_ATTEND_PREFIX.sub('', subject) or fallback}{where}"
    if task == "travel":
        return f"Travel to and from {_ATTEND_PREFIX.sub('', subject) or fallback}"
    if task == "call":
        tool = tools[0] if tools else "telephone"
        about = _CALL_PREFIX.sub("", subject).strip(" :-") if subject else fallback
        if subject and _ATTENDANCE.search(subject):
            return f"Attend {_ATTEND_PREFIX.sub('', about)} (remotely, {tool})"
        if subject and _CALL_PREFIX.match(subject):
            return f"Conference ({tool}) with {about}"
        return f"Conference ({tool}) re {about}" if about else f"Conference ({tool})"
    if task == "research":
        where = f" ({', '.join(tools)})" if tools else ""
        about = subject or fallback
        return f"Legal research re {about}{where}" if about else ""
    if task == "email":
        about = subject or fallback
        return f"Review and respond to correspondence re {about}" if about else ""
    if task == "docket":
        return f"Review docket and filings ({subject})" if subject else "Review docket and recent filings"
    if task == "files":
        return f"Organize and review matter files ({subject})" if subject else ""
    if task in ("draft", "review"):
        verb = _KIND_VERB[task]
        if subject:
            return f"{verb} {subject}"
        return f"{verb} working draft re {fallback}" if fallback else ""
    return f"Review {subject}" if subject else ""


_SPACE_RUNS = re.compile(r"\s+")


@lru_cache(maxsize=4096)
def _shorten(name: str, limit: int = 80) -> str:
    """name on one line, cut at limit characters (cached: the same documents and threads recur)."""
    name = _SPACE_RUNS.sub(" ", name).strip()
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


_NOT_TASK_TEXT = re.compile(r"[^0-9a-z()/]+")


def _needles_by_word() -> dict[str, tuple[tuple[int, str], ...]]:
    """First word of each rule's phrases -> (rule position, phrase padded with spaces)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for position, (needles, _code) in enumerate(_TASK_RULES):
        for needle in needles:
            words = needle.split()
            found.setdefault(words[0], []).append((position, f" {' '.join(words)} "))
    return {word: tuple(entries) for word, entries in found.items()}


_TASK_BY_WORD = _needles_by_word()
"""a phrase can only be in a narrative whose words include its first word: only those are tried"""


@lru_cache(maxsize=4096)
def _task_code(description: str, dominant: str) -> str:
    """The UTBMS task code a narrative names: the first rule with a phrase in it (cached: narratives recur)."""
    lowered = f" {_NOT_TASK_TEXT.sub(' ', description.lower())} "
    best = len(_TASK_RULES)
    for word in set(lowered.split()):
        for position, needle in _TASK_BY_WORD.get(word, ()):
            if position < best and needle in lowered:
                best = position
    if best < len(_TASK_RULES):
        return _TASK_RULES[best][1]
    if dominant in ("research", "call", "email"):
        return "L120"
    return "L190"


def _question(candidates: Sequence[str], matters: Mapping[str, Matter]) -> str:
    """'Kestrel Logistics: 2024-0137 or 2025-0021?': which of a client's matters, asked in one line."""
    clients = {matters[number].client.name for number in candidates if number in matters}
    who = f"{clients.pop()}: " if len(clients) == 1 else ""
    options = list(candidates)
    listed = " or ".join(options) if len(options) <= 2 else ", ".join(options[:-1]) + f" or {options[-1]}"
    return f"{who}{listed}?"


def _problems(
    kind: EntryKind,
    matter: Matter | None,
    confidence: Decimal,
    description: str,
    policy: SessionizePolicy,
    asked: Sequence[str] = (),
) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if asked:
        problems.append(
            Problem(
                ProblemCode.AMBIGUOUS_MATTER,
                f"The evidence is close between {' and '.join(asked)}: choose the matter.",
            )
        )
    elif kind is EntryKind.UNASSIGNED:
        problems.append(
            Problem(ProblemCode.NO_MATTER, "No matter could be found for this time; assign it or discard it.")
        )
    if (
        kind in (EntryKind.BILLABLE, EntryKind.AI_TOOL, EntryKind.UNASSIGNED)
        and confidence < policy.min_confidence
    ):
        problems.append(
            Problem(ProblemCode.LOW_CONFIDENCE, f"Low confidence ({confidence}) in the matter chosen.")
        )
    if matter is not None and not matter.is_open:
        problems.append(
            Problem(ProblemCode.CLOSED_MATTER, f"Matter {matter.number} is closed.", Severity.ERROR)
        )
    if kind is EntryKind.AI_TOOL:
        problems.append(
            Problem(
                ProblemCode.AI_TOOL,
                "Time in a generative-AI tool (ABA Formal Opinion 512): bill only actual time.",
                Severity.INFO,
            )
        )
    if kind is EntryKind.BILLABLE and (VAGUE.match(description) or len(description.split()) < 3):
        problems.append(
            Problem(ProblemCode.VAGUE_NARRATIVE, "The narrative is too vague for a bill; say what was done.")
        )
    return tuple(problems)


_Key = TypeVar("_Key", str, tuple[str, str])


def _ranked(seconds: Mapping[_Key, float]) -> list[_Key]:
    """Keys by seconds, most first; ties in key order (a stable sort by seconds over the sorted keys)."""
    keys = sorted(seconds)
    keys.sort(key=seconds.__getitem__, reverse=True)  # reverse keeps a sort stable: ties stay in key order
    return keys


def _by_seconds(seconds: Mapping[str, float]) -> list[str]:
    """Keys by seconds, most first; ties in the mapping's own order."""
    return sorted(seconds, key=seconds.__getitem__, reverse=True)


def _reasons(
    notes: Mapping[str, float], idle: float, passive: float, calendar: Mapping[str, float]
) -> tuple[str, ...]:
    ranked = _ranked(notes)[:5]
    found = tuple(f"{note} ({_minutes(notes[note])})" for note in ranked)
    if idle >= 1:
        found = (f"call continued while keyboard idle ({_minutes(idle)})", *found)
    if passive >= 1:
        found = (f"read without keyboard or mouse input, same window before and after ({_minutes(passive)})", *found)
    for what in _ranked(calendar):
        found = (f"from the calendar: {what}, away from the desk ({_minutes(calendar[what])})", *found)
    return found


def _away_problems(counted: Tally) -> tuple[Problem, ...]:
    """Time kept while away from the keyboard is never billed silently: the attorney confirms it."""
    found: list[Problem] = []
    calendar = sum(counted.calendar.values())
    if calendar >= 1:
        found.append(
            Problem(
                ProblemCode.FROM_CALENDAR,
                f"{_minutes(calendar)} comes from the calendar while you were away from the desk: "
                "confirm you attended.",
            )
        )
    if counted.passive >= 1:
        found.append(
            Problem(
                ProblemCode.PASSIVE_READING,
                f"{_minutes(counted.passive)} of reading without keyboard or mouse input is included: "
                "confirm it was work.",
                Severity.INFO,
            )
        )
    return tuple(found)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes >= 1 else f"{seconds:.0f} s"


def _evidence(sums: _Sums) -> tuple[Evidence, ...]:
    """What was seen, for how long, and the matter each item pointed to on its own (if any)."""
    grouped, pointed = sums.grouped, sums.pointed
    ranked = _ranked(grouped)[:12]
    return tuple(Evidence(key[0], key[1], int(grouped[key]), pointed[key]) for key in ranked)


def flag_long_days(entries: list[TimeEntry], policy: SessionizePolicy) -> list[TimeEntry]:
    """Every draft of a day whose drafts add up to more than the daily maximum carries a problem."""
    total = sum(e.worked_seconds for e in entries if e.kind is not EntryKind.PERSONAL)
    if Decimal(total) <= policy.max_hours_per_day * 3600:
        return entries
    problem = Problem(
        ProblemCode.OVER_MAX_HOURS, f"Drafts of this day add up to more than {policy.max_hours_per_day} h."
    )
    from dataclasses import replace

    return [replace(e, problems=(*e.problems, problem)) for e in entries]
