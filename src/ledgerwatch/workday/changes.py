"""What the attorney's actions make of entries: pure functions, no store and no undo.

Each returns the changed fields or the new entries, or a message saying why the change is refused.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from ledgerwatch.domain import (
    EntryKind,
    Evidence,
    Matter,
    MatterStatus,
    Problem,
    ProblemCode,
    RoundingPolicy,
    Severity,
    Span,
    TimeEntry,
    split_spans,
)
from ledgerwatch.sessionize.memory import taught_keys as memory_taught
from ledgerwatch.workday.views import rounding_text

CLEARED_BY_REASSIGN = frozenset(
    {
        ProblemCode.LOW_CONFIDENCE,
        ProblemCode.NO_MATTER,
        ProblemCode.CLOSED_MATTER,
        ProblemCode.AMBIGUOUS_MATTER,
        ProblemCode.VAGUE_NARRATIVE,
    }
)
"""problem codes a reassignment answers (the attorney has chosen the matter)"""


def new_id() -> str:
    return uuid.uuid4().hex[:16]


def taught_keys(entry: TimeEntry) -> tuple[str, ...]:
    """The memory keys an approval teaches: evidence that agreed with the entry's matter or named none.

    A glance at another client's e-mail or a personal page absorbed into the block must not be learned, nor
    a generic thread ("comments").
    """
    return memory_taught(entry.evidence, (None, entry.matter))


def reassign_keys(before: TimeEntry, matter: str) -> tuple[str, ...]:
    """The memory keys a reassignment teaches the new matter.

    What pointed to the wrong matter (or to none) now teaches the right one; a glance at a third matter's
    mail inside the block does not.
    """
    return memory_taught(before.evidence, (None, before.matter, matter))


def as_it_was(entry: TimeEntry) -> Callable[[TimeEntry], TimeEntry]:
    """A step that puts entry back exactly as it was (undo of split and merge)."""
    return lambda _current: entry


def edit_changes(
    before: TimeEntry,
    policy: RoundingPolicy,
    *,
    description: str | None,
    worked_seconds: int | None,
    billed_hours: Decimal | None,
    activity_code: str | None,
    task_code: str | None,
) -> dict[str, Any] | str:
    """The fields an edit changes, or why not: only what the attorney changed.

    Worked time stays the captured seconds unless a new duration is given; billed hours follow the rounding
    when the worked time changes, unless written down.
    """
    changes: dict[str, Any] = {}
    if description is not None:
        text = " ".join(description.split())
        if not text:
            return "the narrative cannot be empty"
        changes["description"] = text
    worked = before.worked_seconds
    if worked_seconds is not None and worked_seconds != before.worked_seconds:
        if worked_seconds < 0 or worked_seconds > 24 * 3600:
            return "worked time must be between 0 and 24 hours"
        worked = worked_seconds
        changes["worked_seconds"] = worked
    rounded = policy.bill(worked)
    if billed_hours is not None:
        if billed_hours < 0 or billed_hours % policy.increment:
            return f"billed hours must be a multiple of {policy.increment} h"
        if billed_hours > rounded:
            return f"{billed_hours} h is more than the worked time rounded ({rounded} h, {rounding_text(policy)})"
        changes["billed_hours"] = billed_hours.quantize(policy.increment)
    elif "worked_seconds" in changes:
        changes["billed_hours"] = rounded
    for name, code in (("activity_code", activity_code), ("task_code", task_code)):
        if code is not None:
            changes[name] = code.strip().upper() or None
    return {k: v for k, v in changes.items() if getattr(before, k) != v}


def reassign_changes(
    before: TimeEntry, matter: Matter, policy: RoundingPolicy, rewrite: bool, old: Matter | None = None
) -> dict[str, Any]:
    """The fields a move to matter changes: re-rounded by its policy, its problems answered, and (rewrite:
    the attorney never wrote the narrative) a narrative for the new matter."""
    problems = tuple(p for p in before.problems if p.code not in CLEARED_BY_REASSIGN)
    if matter.status is MatterStatus.CLOSED:
        problems += (
            Problem(ProblemCode.CLOSED_MATTER, f"matter {matter.number} is closed", Severity.WARNING),
        )
    return {
        "matter": matter.number,
        "kind": EntryKind.BILLABLE if before.kind is EntryKind.UNASSIGNED else before.kind,
        "billed_hours": policy.bill(before.worked_seconds),
        "confidence": Decimal(1),
        "reasons": (f"assigned by the attorney (was {before.matter or 'unassigned'})", *before.reasons),
        "problems": problems,
        "candidates": (),
        **({"description": narrative_for(before, matter, old)} if rewrite else {}),
    }


TASK_PHRASES = {
    "document": "Draft and revise",
    "email": "Review and respond to correspondence re",
    "calendar": "Conference re",
    "call": "Telephone conference re",
    "research": "Legal research re",
}
GENERIC_LABELS = frozenset({"inbox", "message", "new tab", "untitled", "home"})


def narrative_for(entry: TimeEntry, matter: Matter, old: Matter | None = None) -> str:
    """A narrative for the entry's work on matter, from its evidence: only what names no other matter.

    Evidence pointing to another matter, and labels naming the old matter's client or number, are left out
    (a narrative names only its own matter's facts).
    """
    banned = {w.lower() for w in (old.number, old.client.name.split()[0]) if w} if old else set()
    by_kind: dict[str, list[str]] = {}
    for ev in sorted(entry.evidence, key=lambda ev: -ev.seconds):
        label = " ".join(ev.label.split())
        if ev.matter not in (None, matter.number) or not label or label.lower() in GENERIC_LABELS:
            continue
        if any(b in label.lower() for b in banned) or label.lower().startswith("document"):
            continue
        if ev.kind in TASK_PHRASES and label not in by_kind.get(ev.kind, []):
            by_kind.setdefault(ev.kind, []).append(label)
    parts = [f"{TASK_PHRASES[k]} {' and '.join(v[:2])}" for k, v in by_kind.items()][:2]
    return "; ".join(parts) if parts else f"Work on {matter.description or matter.number}"


DURATION_HELP = "write a duration as 1h12m, 1:12, 72m or 1.2h"


def parse_duration(text: str) -> int | None:
    """'1h12m', '1:12', '72m' or '1.2h' as seconds; '' means unchanged (None). Raises ValueError."""
    raw = text.strip().lower().replace(" ", "")
    if not raw:
        return None
    try:
        if ":" in raw:
            parts = raw.split(":")
            if len(parts) > 3 or not all(p.isdigit() for p in parts):
                raise ValueError(raw)
            h, m, *rest = (int(p) for p in parts)
            if m >= 60 or (rest and rest[0] >= 60):
                raise ValueError(raw)
            return h * 3600 + m * 60 + (rest[0] if rest else 0)
        total = Decimal(0)
        rest_text = raw.replace("min", "m").replace("hrs", "h").replace("hr", "h")
        matched = False
        for unit, scale in (("h", 3600), ("m", 60), ("s", 1)):
            if unit in rest_text:
                number, rest_text = rest_text.split(unit, 1)
                total += Decimal(number) * scale
                matched = True
        if not matched or rest_text:
            raise ValueError(raw)
    except (ValueError, ArithmeticError) as exc:
        raise ValueError(f"{text.strip()!r} is not a duration: {DURATION_HELP}") from exc
    if total < 0:
        raise ValueError(f"{text.strip()!r} is not a duration: {DURATION_HELP}")
    return int(total.to_integral_value())


def split_entry(entry: TimeEntry, at: datetime, policy: RoundingPolicy) -> list[TimeEntry] | str:
    """A draft cut in two at a moment: each part its share of the worked time and its own rounding."""
    before, after = split_spans(entry.spans, at)
    first, second = sum(s.seconds for s in before), sum(s.seconds for s in after)
    if not first or not second:
        return "the split time must fall inside the entry"
    worked_first = round(entry.worked_seconds * first / (first + second))
    return [
        dataclasses.replace(
            entry,
            id=new_id(),
            spans=tuple(spans),
            worked_seconds=worked,
            billed_hours=policy.bill(worked),
            version=1,
            reasons=(f"split from {entry.id}", *entry.reasons),
        )
        for spans, worked in ((before, worked_first), (after, entry.worked_seconds - worked_first))
    ]


def merge_lead(found: Sequence[TimeEntry]) -> TimeEntry:
    """The draft a merge takes its kind, codes and rounding from: the longest (all share one matter)."""
    return max(found, key=lambda e: e.worked_seconds)


def merge_refused(found: Sequence[TimeEntry]) -> str | None:
    """Why these drafts may not be merged, or None: a merge stays within one matter and one kind."""
    if len({e.matter for e in found}) > 1:
        names = ", ".join(dict.fromkeys(e.matter or "unassigned" for e in found))
        return f"a merge stays within one matter: these drafts are for {names}; reassign first"
    if len({e.kind for e in found}) > 1:
        return "a merge stays within one kind of time: mark them alike first"
    return None


def merged_entry(found: Sequence[TimeEntry], policy: RoundingPolicy) -> TimeEntry:
    """Drafts (in time order) joined into one entry with the lead's matter, rounded once by policy."""
    lead = merge_lead(found)
    worked = sum(e.worked_seconds for e in found)
    narrative = "; ".join(dict.fromkeys(e.description for e in found if e.description))
    return dataclasses.replace(
        lead,
        id=new_id(),
        spans=tuple(sorted((s for e in found for s in e.spans), key=lambda s: s.start)),
        worked_seconds=worked,
        billed_hours=policy.bill(worked),
        description=narrative,
        confidence=min(e.confidence for e in found),
        reasons=tuple(dict.fromkeys([f"merged from {', '.join(e.id for e in found)}", *lead.reasons])),
        problems=tuple(dict.fromkeys(p for e in found for p in e.problems)),
        evidence=tuple(dict.fromkeys(ev for e in found for ev in e.evidence)),
        version=1,
    )


def claimed_entry(
    day: date, spans: Sequence[Span], matter: Matter, note: str, policy: RoundingPolicy, reason: str
) -> TimeEntry:
    """Time the attorney says was work for matter (away or unattributed), kept as a billable entry with the note."""
    worked = sum(s.seconds for s in spans)
    return TimeEntry(
        id=new_id(),
        date=day,
        spans=tuple(sorted(spans, key=lambda s: s.start)),
        worked_seconds=worked,
        billed_hours=policy.bill(worked),
        matter=matter.number,
        kind=EntryKind.BILLABLE,
        description=note,
        confidence=Decimal(1),
        reasons=(reason,),
        evidence=(Evidence("reclaimed", note, worked, matter.number),),
        note=note,
    )
