"""A/R aging: open balances by days past due (current, 1-30, 31-60, 61-90, 90+) and days sales outstanding."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")
GROUPS = ("client", "matter", "attorney")


@dataclass(frozen=True, slots=True)
class Receivable:
    """One finalised invoice as A/R sees it (balance = total - payments - credits)."""

    invoice_id: int
    number: str
    client: str
    matter: str
    attorney: str
    issue_date: date
    due_date: date
    total: Decimal
    balance: Decimal


@dataclass(frozen=True, slots=True)
class AgingRow:
    key: str
    buckets: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]

    @property
    def total(self) -> Decimal:
        return sum(self.buckets, Decimal(0))


@dataclass(frozen=True, slots=True)
class AgingReport:
    as_of: date
    by: str
    rows: tuple[AgingRow, ...]
    totals: tuple[Decimal, Decimal, Decimal, Decimal, Decimal]
    dso: Decimal
    """days sales outstanding: open A/R / billed in the last period_days x period_days"""
    period_days: int

    @property
    def outstanding(self) -> Decimal:
        return sum(self.totals, Decimal(0))


def bucket_of(days_past_due: int) -> int:
    """The bucket index for an invoice that many days past its due date (<= 0 is current)."""
    if days_past_due <= 0:
        return 0
    if days_past_due <= 30:
        return 1
    if days_past_due <= 60:
        return 2
    if days_past_due <= 90:
        return 3
    return 4


def age(
    receivables: Iterable[Receivable], as_of: date, by: str = "client", period_days: int = 90
) -> AgingReport:
    """Open balances per client, matter or attorney, by bucket, with DSO over the last period_days."""
    if by not in GROUPS:
        raise ValueError(f"aging by {by!r}: choose one of {GROUPS}")
    zero = Decimal(0)
    grid: dict[str, list[Decimal]] = {}
    totals = [zero] * 5
    billed = zero
    since = as_of - timedelta(days=period_days)
    for r in receivables:
        if since < r.issue_date <= as_of:
            billed += r.total
        if r.balance <= 0 or r.issue_date > as_of:
            continue
        key = getattr(r, by) or "(none)"
        row = grid.get(key)
        if row is None:
            row = grid[key] = [zero] * 5
        i = bucket_of((as_of - r.due_date).days)
        row[i] += r.balance
        totals[i] += r.balance
    outstanding = sum(totals, zero)
    dso = (outstanding / billed * period_days).quantize(Decimal("0.1")) if billed > 0 else zero
    rows = tuple(AgingRow(k, (v[0], v[1], v[2], v[3], v[4])) for k, v in sorted(grid.items()))
    return AgingReport(
        as_of, by, rows, (totals[0], totals[1], totals[2], totals[3], totals[4]), dso, period_days
    )


def format_report(report: AgingReport) -> str:
    """A plain-text table for the CLI."""
    head = f"{report.by:<30}" + "".join(f"{b:>14}" for b in (*BUCKETS, "total"))
    lines = [f"A/R aging as of {report.as_of.isoformat()}", head, "-" * len(head)]
    for row in report.rows:
        lines.append(f"{row.key[:30]:<30}" + "".join(f"{v:>14,.2f}" for v in (*row.buckets, row.total)))
    lines.append("-" * len(head))
    lines.append(f"{'total':<30}" + "".join(f"{v:>14,.2f}" for v in (*report.totals, report.outstanding)))
    lines.append(f"DSO ({report.period_days} days): {report.dso}")
    return "\n".join(lines)
