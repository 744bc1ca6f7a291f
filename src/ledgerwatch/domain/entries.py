"""Time entries and their life: draft -> approved -> synced, or discarded.

Transitions are functions that return a new entry and refuse illegal moves with IllegalTransition.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.domain.events import require_utc
from ledgerwatch.domain.text import clean_text, is_clean


class EntryStatus(enum.StrEnum):
    DRAFT = "draft"
    APPROVED = "approved"
    SYNCED = "synced"
    DISCARDED = "discarded"


class EntryKind(enum.StrEnum):
    """What the time was: billable to a matter, or one of the non-billable classes."""

    BILLABLE = "billable"
    NONBILLABLE = "nonbillable"
    """firm administration: intranet, CLE, expense reports"""
    PERSONAL = "personal"
    AI_TOOL = "ai_tool"
    """time in generative-AI tools, flagged per ABA Formal Opinion 512"""
    UNASSIGNED = "unassigned"


class Severity(enum.StrEnum):
    INFO = "info"
    WARNING = "warning"
    ERROR = "error"


class ProblemCode(enum.StrEnum):
    """Every problem a draft, an entry or an invoice can carry: one spelling, each one emitted somewhere."""

    # drafts (sessionize, assist)
    NO_MATTER = "no_matter"
    LOW_CONFIDENCE = "low_confidence"
    CLOSED_MATTER = "closed_matter"
    VAGUE_NARRATIVE = "vague_narrative"
    OVER_MAX_HOURS = "over_max_hours"
    AI_TOOL = "ai_tool"
    AI_SUGGESTION = "ai_suggestion"
    FROM_CALENDAR = "from_calendar"
    PASSIVE_READING = "passive_reading"
    AMBIGUOUS_MATTER = "ambiguous_matter"
    # invoices (billing checks and e-billing guidelines)
    NO_TIMEKEEPER = "no_timekeeper"
    NO_RATE = "no_rate"
    RATE_CAP = "rate_cap"
    BLOCK_BILLING = "block_billing"
    VAGUE = "vague"
    TASK_CODE = "task_code"
    ACTIVITY_CODE = "activity_code"
    EXPENSE_CODE = "expense_code"
    NEGATIVE_LINE = "negative_line"
    INCREMENT = "increment"
    MAX_HOURS_DAY = "max_hours_day"
    MAX_HOURS_ENTRY = "max_hours_entry"
    CONTINGENCY = "contingency"
    LEDES_2014 = "ledes_2014"

    @classmethod
    def _missing_(cls, value: object) -> ProblemCode | None:
        """Older stores spelled some codes with dashes ("no-rate"): read them as today's code."""
        if isinstance(value, str) and "-" in value:
            return cls.__members__.get(value.replace("-", "_").upper())
        return None


@dataclass(frozen=True, slots=True)
class Problem:
    """A user-data problem shown in review (a value, not an exception)."""

    code: ProblemCode
    message: str
    severity: Severity = Severity.WARNING

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", ProblemCode(self.code))


@dataclass(frozen=True, slots=True)
class Span:
    """A wall-clock interval [start, end), aware UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        object.__setattr__(self, "start", require_utc(self.start, "span start"))
        object.__setattr__(self, "end", require_utc(self.end, "span end"))
        if self.end < self.start:
            raise ValueError(f"span ends before it starts: {self.start} > {self.end}")

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end


@dataclass(frozen=True, slots=True)
class Evidence:
    """One observation that supports a draft: what was seen, for how long, and what it pointed to."""

    kind: str
    """e.g. window, document, email, calendar, research, memory"""
    label: str
    seconds: int = 0
    matter: str | None = None


class IllegalTransition(LedgerwatchError):
    """An entry was asked to move to a state it cannot reach from where it is."""


@dataclass(frozen=True, slots=True)
class TimeEntry:
    id: str
    date: date
    """the attorney's local day"""
    spans: tuple[Span, ...]
    worked_seconds: int
    billed_hours: Decimal
    matter: str | None = None
    kind: EntryKind = EntryKind.BILLABLE
    activity_code: str | None = None
    task_code: str | None = None
    description: str = ""
    confidence: Decimal = Decimal("0")
    reasons: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    status: EntryStatus = EntryStatus.DRAFT
    version: int = 1
    approved_at: datetime | None = None
    locked: bool = False
    """billed on the provider's side: no more local changes"""
    ai_suggested: bool = False
    note: str = ""
    candidates: tuple[str, ...] = ()
    """matters the evidence stays close between (an unassigned draft asks which one)"""
    rule_description: str = ""
    """the narrative the rules wrote, kept when the AI assist replaced it (empty: the narrative is the rules')"""
    extra: tuple[tuple[str, str], ...] = field(default=())

    def __post_init__(self) -> None:
        if not isinstance(self.billed_hours, Decimal):
            raise TypeError("billed_hours must be a Decimal")
        if self.worked_seconds < 0:
            raise ValueError("worked_seconds must not be negative")
        # a narrative never holds control or bidirectional-override characters, whoever wrote it
        for name in ("description", "note", "rule_description"):
            text = getattr(self, name)
            if not is_clean(text):
                object.__setattr__(self, name, clean_text(text))

    @property
    def billable(self) -> bool:
        return self.kind is EntryKind.BILLABLE and self.matter is not None


_ALLOWED: dict[EntryStatus, frozenset[EntryStatus]] = {
    EntryStatus.DRAFT: frozenset({EntryStatus.APPROVED, EntryStatus.DISCARDED}),
    EntryStatus.APPROVED: frozenset({EntryStatus.DRAFT, EntryStatus.SYNCED}),
    EntryStatus.SYNCED: frozenset({EntryStatus.APPROVED}),
    EntryStatus.DISCARDED: frozenset({EntryStatus.DRAFT}),
}


def _move(entry: TimeEntry, to: EntryStatus, **changes: object) -> TimeEntry:
    if entry.locked:
        raise IllegalTransition(f"entry {entry.id} is billed on the provider and locked")
    if to not in _ALLOWED[entry.status]:
        raise IllegalTransition(f"entry {entry.id}: cannot go from {entry.status} to {to}")
    return dataclasses.replace(entry, status=to, **changes)  # type: ignore[arg-type]


def approve(entry: TimeEntry, at: datetime) -> TimeEntry:
    """The attorney signs the draft; only approved entries may leave the machine."""
    return _move(entry, EntryStatus.APPROVED, approved_at=require_utc(at, "approval time"))


def unapprove(entry: TimeEntry) -> TimeEntry:
    """Undo an approval that has not reached the provider yet."""
    return _move(entry, EntryStatus.DRAFT, approved_at=None)


def mark_synced(entry: TimeEntry) -> TimeEntry:
    return _move(entry, EntryStatus.SYNCED)


def discard(entry: TimeEntry) -> TimeEntry:
    return _move(entry, EntryStatus.DISCARDED)


def restore(entry: TimeEntry) -> TimeEntry:
    return _move(entry, EntryStatus.DRAFT)


def revise(entry: TimeEntry, **changes: object) -> TimeEntry:
    """A changed entry. Drafts change in place; approved or synced ones get a new version
    (a synced one returns to approved so the change is pushed again)."""
    if entry.locked:
        raise IllegalTransition(f"entry {entry.id} is billed on the provider and locked")
    if entry.status is EntryStatus.DISCARDED:
        raise IllegalTransition(f"entry {entry.id} is discarded; restore it first")
    if "status" in changes or "version" in changes:
        raise ValueError("revise() changes content, not status or version")
    if entry.status is EntryStatus.DRAFT:
        return dataclasses.replace(entry, **changes)  # type: ignore[arg-type]
    status = EntryStatus.APPROVED
    return dataclasses.replace(entry, status=status, version=entry.version + 1, **changes)  # type: ignore[arg-type]


def lock(entry: TimeEntry) -> TimeEntry:
    """The provider has billed this entry: it may no longer change here."""
    if entry.status is not EntryStatus.SYNCED:
        raise IllegalTransition(f"entry {entry.id}: only synced entries can be locked")
    return dataclasses.replace(entry, locked=True)
