"""The values handed to the review app (an action's Outcome, the day and the week) and how the views are built.

Building a view is pure: the service reads the store and hands the rows in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from typing import Any

from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Event,
    Matter,
    ProblemCode,
    RoundingPolicy,
    RoundingScope,
    Severity,
    TimeEntry,
    away_spans,
    day_bounds,
    subtract_spans,
)
from ledgerwatch.workday.amounts import HourlyRate

REVIEWED = frozenset({EntryStatus.APPROVED, EntryStatus.SYNCED})

CONFIRM_FLAGS = frozenset({ProblemCode.FROM_CALENDAR, ProblemCode.PASSIVE_READING})
"""time kept while away from the keyboard: approving it takes the attorney's explicit confirmation"""

SHADES = {
    EntryKind.BILLABLE: "matter",
    EntryKind.NONBILLABLE: "admin",
    EntryKind.PERSONAL: "personal",
    EntryKind.AI_TOOL: "ai",
    EntryKind.UNASSIGNED: "unassigned",
}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an action did: ok, a message the attorney can read, and the entries it touched."""

    ok: bool
    message: str
    entry_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Segment:
    """One stretch of the day's timeline: a draft's span, or an away period."""

    start: datetime
    end: datetime
    shade: str
    """matter | unassigned | admin | personal | ai | away"""
    matter: str | None
    entry_id: str | None
    label: str

    @property
    def seconds(self) -> int:
        return int((self.end - self.start).total_seconds())


@dataclass(frozen=True, slots=True)
class MatterTotal:
    matter: str | None
    label: str
    worked_seconds: int
    billed_hours: Decimal
    entries: int


@dataclass(frozen=True, slots=True)
class DayView:
    day: date
    zone: tzinfo
    entries: tuple[TimeEntry, ...]
    """drafts and reviewed entries of the day, in time order (discarded ones left out)"""
    segments: tuple[Segment, ...]
    window: tuple[datetime, datetime]
    worked_seconds: int
    billed_hours: Decimal
    unassigned_seconds: int
    away_seconds: int
    per_matter: tuple[MatterTotal, ...]
    matters: Mapping[str, Matter]
    discarded: int
    policies: Mapping[str, RoundingPolicy]
    default_policy: RoundingPolicy
    min_confidence: Decimal
    rates: Mapping[str, HourlyRate | None]
    """the hourly rate of each billable matter of the day (None: no rate applies)"""
    amounts: Mapping[str, Decimal | None]
    """what each billable entry comes to at its matter's rate (None: no rate)"""
    amount_total: Decimal
    currency: str
    billable_worked_seconds: int
    """worked time of the billable entries (what billed_hours rounds)"""
    ready: tuple[str, ...]
    """drafts bulk approval takes: a matter, at or above the confidence floor, no warning, nothing to confirm"""
    flagged: tuple[str, ...]
    """drafts otherwise ready that carry away-from-desk time to confirm one by one"""

    @property
    def pending(self) -> int:
        return sum(1 for e in self.entries if e.status is EntryStatus.DRAFT)

    @property
    def missing_rates(self) -> tuple[str, ...]:
        return tuple(sorted(m for m, r in self.rates.items() if r is None))

    @property
    def rounding_seconds(self) -> int:
        """Billed minus worked for the billable entries, in seconds (what rounding added or took)."""
        return int(self.billed_hours * 3600) - self.billable_worked_seconds

    def policy_for(self, matter: str | None) -> RoundingPolicy:
        return self.policies.get(matter or "", self.default_policy)


@dataclass(frozen=True, slots=True)
class WeekRow:
    matter: str | None
    label: str
    hours: tuple[Decimal, ...]
    """billed hours per day, Monday first (drafts and approved entries)"""

    @property
    def total(self) -> Decimal:
        return sum(self.hours, Decimal(0))


@dataclass(frozen=True, slots=True)
class WeekView:
    days: tuple[date, ...]
    rows: tuple[WeekRow, ...]
    captured_seconds: tuple[int, ...]
    """worked seconds per day of every draft and approved entry (the day page's worked total)"""
    approved_seconds: tuple[int, ...]
    """worked seconds per day of approved (or synced) entries"""
    pending: tuple[int, ...]
    """drafts still to review per day"""

    @property
    def captured(self) -> tuple[Decimal, ...]:
        return tuple(_hours(s) for s in self.captured_seconds)

    @property
    def approved(self) -> tuple[Decimal, ...]:
        return tuple(_hours(s) for s in self.approved_seconds)


def _hours(seconds: int) -> Decimal:
    return (Decimal(seconds) / 3600).quantize(Decimal("0.01"))


def rounding_text(policy: RoundingPolicy) -> str:
    """'0.1 h up after 60 s, minimum 0.1 h, per entry' for the page."""
    text = f"{policy.increment} h {policy.direction.value}"
    if policy.grace_seconds:
        text += f" after {policy.grace_seconds} s"
    text += f", minimum {policy.minimum} h" if policy.minimum else ""
    return text + (", per matter and day" if policy.scope is RoundingScope.MATTER_DAY else ", per entry")


def entry_phrase(entry: TimeEntry, zone: tzinfo) -> str:
    """An entry in the attorney's words: '1002-Northwind 10:09 (0:48)'."""
    what = entry.matter or {
        EntryKind.PERSONAL: "personal time",
        EntryKind.NONBILLABLE: "firm administration",
    }.get(entry.kind, "unassigned time")
    when = f" {entry.spans[0].start.astimezone(zone):%H:%M}" if entry.spans else ""
    minutes = round(entry.worked_seconds / 60)
    return f"{what}{when} ({minutes // 60}:{minutes % 60:02d})"


def approvable(entry: TimeEntry) -> str | None:
    """Why this entry may not be approved as it is, or None."""
    if entry.kind is EntryKind.PERSONAL:
        return "personal time never leaves this machine: discard it (d) instead"
    if entry.matter is None and entry.kind in (EntryKind.BILLABLE, EntryKind.UNASSIGNED):
        return "assign a matter (r) or mark it non-billable (n) before approving"
    return None


def confirm_flags(entry: TimeEntry) -> tuple[str, ...]:
    """The messages of the entry's away-from-desk flags, which approving confirms."""
    return tuple(p.message for p in entry.problems if p.code in CONFIRM_FLAGS)


def bulk_ready(entry: TimeEntry, floor: Decimal) -> bool:
    """A draft bulk approval may take (flags aside): a matter or a non-billable kind, no warning."""
    return (
        entry.status is EntryStatus.DRAFT
        and entry.confidence >= floor
        and approvable(entry) is None
        and not any(p.severity is not Severity.INFO for p in entry.problems if p.code not in CONFIRM_FLAGS)
    )


def build_day(
    day: date,
    zone: tzinfo,
    everything: Sequence[TimeEntry],
    afk: Iterable[Event],
    matter_list: Iterable[Matter],
    default_policy: RoundingPolicy,
    min_confidence: Decimal,
    rates: Mapping[str, HourlyRate | None] | None = None,
) -> DayView:
    """The day from all its entries (discarded ones only counted), its AFK events and its matters' rates."""
    bounds = day_bounds(day, zone)
    shown = sorted(
        (e for e in everything if e.status is not EntryStatus.DISCARDED),
        key=lambda e: (e.spans[0].start if e.spans else bounds[0], e.id),
    )
    matters = {m.number: m for m in matter_list}
    away = subtract_spans(away_spans(afk, bounds), [s for e in shown for s in e.spans])
    segments: list[Segment] = []
    for e in shown:
        label = _entry_label(e, matters)
        for s in e.spans:
            segments.append(Segment(s.start, s.end, SHADES[effective_kind(e)], e.matter, e.id, label))
    for s in away:
        segments.append(Segment(s.start, s.end, "away", None, None, "away"))
    segments.sort(key=lambda g: (g.start, g.end))
    window = _window(segments, day, zone)
    totals: dict[str | None, list[Any]] = {}
    for e in shown:
        key = e.matter if e.billable else None
        row = totals.setdefault(key, [0, Decimal(0), 0])
        row[0] += e.worked_seconds
        row[1] += e.billed_hours if e.billable else Decimal(0)
        row[2] += 1
    per_matter = tuple(
        MatterTotal(
            k,
            _matter_label(k, matters) if k else "Not billable / unassigned",
            v[0],
            v[1],
            v[2],
        )
        for k, v in sorted(totals.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
    )
    policies = {m.number: m.rounding for m in matters.values() if m.rounding is not None}
    billable = [e for e in shown if e.billable]
    rates = dict(rates or {})
    amounts: dict[str, Decimal | None] = {}
    for e in billable:
        rate = rates.get(e.matter or "")
        amounts[e.id] = rate.times(e.billed_hours) if rate is not None else None
    currencies = [r.currency for r in rates.values() if r is not None]
    ready = [e for e in shown if bulk_ready(e, min_confidence)]
    return DayView(
        day=day,
        zone=zone,
        entries=tuple(shown),
        segments=tuple(segments),
        window=window,
        worked_seconds=sum(e.worked_seconds for e in shown),
        billed_hours=sum((e.billed_hours for e in shown if e.billable), Decimal(0)),
        unassigned_seconds=sum(e.worked_seconds for e in shown if effective_kind(e) is EntryKind.UNASSIGNED),
        away_seconds=sum(s.seconds for s in away),
        per_matter=per_matter,
        matters=matters,
        discarded=sum(1 for e in everything if e.status is EntryStatus.DISCARDED),
        policies=policies,
        default_policy=default_policy,
        min_confidence=min_confidence,
        rates={m: rates.get(m) for m in dict.fromkeys(e.matter for e in billable if e.matter)},
        amounts=amounts,
        amount_total=sum((a for a in amounts.values() if a is not None), Decimal(0)),
        currency=currencies[0] if currencies else "USD",
        billable_worked_seconds=sum(e.worked_seconds for e in billable),
        ready=tuple(e.id for e in ready if not confirm_flags(e)),
        flagged=tuple(e.id for e in ready if confirm_flags(e)),
    )


def week_of(day: date) -> tuple[date, ...]:
    """The seven days, Monday first, of day's week."""
    monday = day - timedelta(days=day.weekday())
    return tuple(monday + timedelta(days=i) for i in range(7))


def build_week(
    days: tuple[date, ...], entries: Iterable[TimeEntry], matter_list: Iterable[Matter]
) -> WeekView:
    """The week (days from week_of) from its entries: billed hours per matter, captured and approved per day."""
    monday = days[0]
    found = [e for e in entries if e.status is not EntryStatus.DISCARDED]
    matters = {m.number: m for m in matter_list}
    per: dict[str | None, list[Decimal]] = {}
    captured = [0] * 7
    approved = [0] * 7
    pending = [0] * 7
    for e in found:
        i = (e.date - monday).days
        captured[i] += e.worked_seconds
        if e.status in REVIEWED:
            approved[i] += e.worked_seconds
        if e.status is EntryStatus.DRAFT:
            pending[i] += 1
        if e.billable:
            per.setdefault(e.matter, [Decimal(0)] * 7)[i] += e.billed_hours
    rows = tuple(
        WeekRow(k, _matter_label(k, matters), tuple(v))
        for k, v in sorted(per.items(), key=lambda kv: kv[0] or "")
    )
    return WeekView(days, rows, tuple(captured), tuple(approved), tuple(pending))


def effective_kind(entry: TimeEntry) -> EntryKind:
    """The entry's kind as the page shades it: billable without a matter is unassigned."""
    if entry.kind is EntryKind.BILLABLE and entry.matter is None:
        return EntryKind.UNASSIGNED
    return entry.kind


def _matter_label(number: str | None, matters: Mapping[str, Matter]) -> str:
    if number is None:
        return "Unassigned"
    m = matters.get(number)
    return f"{number} · {m.client.name}" if m else number


def _entry_label(entry: TimeEntry, matters: Mapping[str, Matter]) -> str:
    kind = effective_kind(entry)
    if kind is EntryKind.PERSONAL:
        return "Personal"
    if kind is EntryKind.NONBILLABLE and entry.matter is None:
        return "Firm administration"
    return _matter_label(entry.matter, matters)


def _window(segments: Sequence[Segment], day: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The timeline's range: whole local hours around the activity, at least 08:00-18:00."""
    lo = datetime.combine(day, time(8), zone).astimezone(UTC)
    hi = datetime.combine(day, time(18), zone).astimezone(UTC)
    if segments:
        lo = min(lo, min(s.start for s in segments))
        hi = max(hi, max(s.end for s in segments))
    lo_local = lo.astimezone(zone).replace(minute=0, second=0, microsecond=0)
    hi_local = hi.astimezone(zone)
    if hi_local.minute or hi_local.second or hi_local.microsecond:
        hi_local = hi_local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return lo_local.astimezone(UTC), hi_local.astimezone(UTC)
