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
from ledgerwatch.sessionize.memory import memory_keys
from ledgerwatch.workday.views import rounding_text

CLEARED_BY_REASSIGN = frozenset(
    {ProblemCode.LOW_CONFIDENCE, ProblemCode.NO_MATTER, ProblemCode.CLOSED_MATTER}
)
"""problem codes a reassignment answers (the attorney has chosen the matter)"""


def new_id() -> str:
    return uuid.uuid4().hex[:16]


def taught_keys(entry: TimeEntry) -> tuple[str, ...]:
    """The memory keys an approval teaches: evidence that agreed with the entry's matter or named none.

    A glance at another client's e-mail or a personal page absorbed into the block must not be learned.
    """
    return memory_keys(e for e in entry.evidence if e.matter in (None, entry.matter))


def reassign_keys(before: TimeEntry, matter: str) -> tuple[str, ...]:
    """The memory keys a reassignment teaches the new matter.

    What pointed to the wrong matter (or to none) now teaches the right one; a glance at a third matter's
    mail inside the block does not.
    """
    return memory_keys(e for e in before.evidence if e.matter in (None, before.matter, matter))


def approvable(entry: TimeEntry) -> str | None:
    """Why this entry may not be approved as it is, or None."""
    if entry.kind is EntryKind.PERSONAL:
        return "personal time never leaves this machine: discard it instead"
    if entry.matter is None and entry.kind in (EntryKind.BILLABLE, EntryKind.UNASSIGNED):
        return "assign a matter (r) or mark it non-billable before approving"
    return None


def as_it_was(entry: TimeEntry) -> Callable[[TimeEntry], TimeEntry]:
    """A step that puts entry back exactly as it was (undo of split and merge)."""
    return lambda _current: entry


def edit_changes(
    before: TimeEntry,
    policy: RoundingPolicy,
    *,
    description: str | None,
    worked_minutes: int | None,
    billed_hours: Decimal | None,
    activity_code: str | None,
    task_code: str | None,
) -> dict[str, Any] | str:
    """The fields an edit changes (billed hours follow the rounding unless written down), or why not."""
    changes: dict[str, Any] = {}
    if description is not None:
        text = " ".join(description.split())
        if not text:
            return "the narrative cannot be empty"
        changes["description"] = text
    worked = before.worked_seconds
    if worked_minutes is not None:
        if worked_minutes < 0 or worked_minutes > 24 * 60:
            return "worked time must be between 0 and 24 hours"
        worked = worked_minutes * 60
        changes["worked_seconds"] = worked
    rounded = policy.bill(worked)
    if billed_hours is not None:
        if billed_hours < 0 or billed_hours % policy.increment:
            return f"billed hours must be a multiple of {policy.increment} h"
        if billed_hours > rounded:
            return f"{billed_hours} h is more than the worked time rounded ({rounded} h, {rounding_text(policy)})"
        changes["billed_hours"] = billed_hours.quantize(policy.increment)
    elif worked_minutes is not None:
        changes["billed_hours"] = rounded
    for name, code in (("activity_code", activity_code), ("task_code", task_code)):
        if code is not None:
            changes[name] = code.strip().upper() or None
    return {k: v for k, v in changes.items() if getattr(before, k) != v}


def reassign_changes(before: TimeEntry, matter: Matter, policy: RoundingPolicy) -> dict[str, Any]:
    """The fields a move to matter changes: re-rounded by its policy, its problems answered."""
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
    }


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
    """The draft a merge takes its matter from: the longest."""
    return max(found, key=lambda e: e.worked_seconds)


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


def reclaimed_entry(day: date, span: Span, matter: Matter, note: str, policy: RoundingPolicy) -> TimeEntry:
    """Away time the attorney says was work for matter, kept as a billable entry carrying the note."""
    return TimeEntry(
        id=new_id(),
        date=day,
        spans=(span,),
        worked_seconds=span.seconds,
        billed_hours=policy.bill(span.seconds),
        matter=matter.number,
        kind=EntryKind.BILLABLE,
        description=note,
        confidence=Decimal(1),
        reasons=("away time kept by the attorney",),
        evidence=(Evidence("reclaimed", note, span.seconds, matter.number),),
        note=note,
    )
