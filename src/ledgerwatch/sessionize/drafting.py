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

from ledgerwatch.domain import EntryKind, Evidence, Matter, Problem, ProblemCode, Severity, Span, TimeEntry
from ledgerwatch.sessionize.codes import ACTIVITY, task_code
from ledgerwatch.sessionize.confidential import Confidences
from ledgerwatch.sessionize.labels import ADMIN, AI, PERSONAL, is_matter
from ledgerwatch.sessionize.narrative import by_rank, narrative, question
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.runs import Run
from ledgerwatch.sessionize.tally import Sums, Tally

ZERO_HOURS = Decimal("0.0")
_HUNDREDTH = Decimal("0.01")
VAGUE = re.compile(
    r"^\s*(?:review(?:ed)? file|work(?:ed)? on (?:the )?(?:matter|file|case)|attention to (?:the )?(?:matter|file)|"
    r"various|misc(?:ellaneous)?|general|legal services|file review|document)\W*$",
    re.IGNORECASE,
)

_COUNSEL = re.compile(r"co-counsel|opposing|counsel", re.IGNORECASE)
def _signature(label: str | None, sums: Sums) -> tuple[str | None, str, str]:
    """What tells one task of a matter from another: its matter, main task kind and most-named item."""
    seconds = sums.by_kind
    if len(seconds) == 1:
        (kind,) = seconds
    else:
        kind = max(sorted(seconds), key=seconds.__getitem__)
    texts = sums.texts.get(kind)
    named = max([(length, text) for text, length in texts.items()]) if texts else None
    return label, kind, named[1] if named is not None else ""


Prepared = tuple[Tally, "Sums"]
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
            sums = Sums(counted.items, numbers)
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
        sums = Sums(counted.items, numbers)
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
    description, dominant = narrative(items, matter, kind, sums, confidences)
    asked = counted.candidates if kind is EntryKind.UNASSIGNED else ()
    if asked:
        what = description.removeprefix("No matter found").lstrip(":").strip()
        description = f"{question(asked, matters)} {what}".rstrip()
    activity = (
        ACTIVITY.get(dominant)
        if kind in (EntryKind.BILLABLE, EntryKind.AI_TOOL, EntryKind.UNASSIGNED)
        else None
    )
    if activity == "A106" and _COUNSEL.search(description):
        activity = "A107"
    if description.startswith("Attend "):
        activity = "A109"
    task = None
    if matter is not None and litigation.get(matter.number, False):
        task = task_code(description, dominant)
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
    reasons = _reasons(counted.notes, counted.idle, counted.passive, counted.calendar, counted.playing)
    evidence = _evidence(sums, matter_number, numbers)
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


def _problems(
    kind: EntryKind,
    matter: Matter | None,
    confidence: Decimal,
    description: str,
    policy: SessionizePolicy,
    asked: Sequence[str] = (),
) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    if len(asked) == 1:
        problems.append(
            Problem(
                ProblemCode.AMBIGUOUS_MATTER,
                f"Nothing in the evidence names a matter; it points only weakly to {asked[0]} (see the reasons): "
                "confirm or choose the matter.",
            )
        )
    elif asked:
        problems.append(
            Problem(
                ProblemCode.AMBIGUOUS_MATTER,
                f"The evidence is close between {', '.join(asked[:-1])} and {asked[-1]}: choose the matter.",
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


def _reasons(
    notes: Mapping[str, float], idle: float, passive: float, calendar: Mapping[str, float], playing: float = 0.0
) -> tuple[str, ...]:
    ranked = by_rank(notes)[:5]
    found = tuple(f"{note} ({_minutes(notes[note])})" for note in ranked)
    if idle >= 1:
        found = (f"call continued while keyboard idle ({_minutes(idle)})", *found)
    if passive - playing >= 1:
        kept = _minutes(passive - playing)
        found = (f"read or listened to without keyboard or mouse input, same window before and after ({kept})", *found)
    if playing >= 1:
        found = (f"watched or listened to while the page played sound, no keyboard or mouse input ({_minutes(playing)})", *found)
    for what in by_rank(calendar):
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
                f"{_minutes(counted.passive)} of reading or listening without keyboard or mouse input is "
                "included: confirm it was work.",
                Severity.INFO,
            )
        )
    return tuple(found)


def _minutes(seconds: float) -> str:
    minutes = seconds / 60
    return f"{minutes:.0f} min" if minutes >= 1 else f"{seconds:.0f} s"


def _evidence(sums: Sums, matter: str | None = None, numbers: Sequence[str] = ()) -> tuple[Evidence, ...]:
    """What was seen, for how long, and the matter each item pointed to on its own (if any). An item whose
    own words leaned to other matters than the draft's (a production volume named after a party of one
    client's two matters, inside another client's draft) points to the first of them: approving the draft
    teaches memory nothing for an item pointing elsewhere (memory.taught_keys), so a sliver of another
    client's document inside a long block is not recalled for this matter next week (bench/weeks, week two:
    worst week's wrong 6.4 -> 4.9 points)."""
    grouped, pointed = sums.grouped, sums.pointed
    ranked = by_rank(grouped)[:12]
    leaned = sums.leaned if matter is not None and numbers else {}
    if not leaned:
        return tuple(Evidence(key[0], key[1], int(grouped[key]), pointed[key]) for key in ranked)
    found: list[Evidence] = []
    for key in ranked:
        points = pointed[key]
        scores = leaned.get(key) if points is None else None
        if scores is not None:
            between = (scores.best, *scores.siblings) if scores.best is not None else scores.candidates
            close = [numbers[i] for i in between]
            if matter not in close:
                points = close[0]
        found.append(Evidence(key[0], key[1], int(grouped[key]), points))
    return tuple(found)


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
