"""Drafting an invoice: work and expenses + rates + fee terms + adjustments -> lines and totals.

Pure: billing.prebills loads what it needs, calls draft_invoice, and stores the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ledgerwatch.billing.rates import RateBook
from ledgerwatch.domain import Money, Problem, ProblemCode, Severity
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    ExpenseItem,
    FeeTerms,
    History,
    Invoice,
    ItemKind,
    Line,
    WorkItem,
)

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Draft:
    invoice: Invoice
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Context:
    client: str
    terms: FeeTerms
    rates: RateBook
    period_start: date
    period_end: date
    currency: str = "USD"
    history: History = field(default_factory=History)


def _reduction(base: Money, adjustment: Adjustment) -> Money:
    """The (negative) amount an adjustment takes off base."""
    if adjustment.kind is AdjustmentKind.DISCOUNT_PERCENT:
        if not Decimal(0) <= adjustment.value <= HUNDRED:
            raise ValueError(f"discount percent out of range: {adjustment.value}")
        return -base.times(adjustment.value / HUNDRED)
    return -Money(adjustment.value, base.currency)


def _item_adjustments(adjustments: Iterable[Adjustment]) -> dict[str, list[Adjustment]]:
    out: dict[str, list[Adjustment]] = {}
    for adj in adjustments:
        if adj.item is not None:
            out.setdefault(adj.item, []).append(adj)
    return out


def _adjusted(line: Line, adjustments: Sequence[Adjustment], currency: str) -> Line:
    if not adjustments or line.unit_cost is None or line.units is None:
        return line
    base = line.unit_cost.times(line.units)
    total = Money.zero(currency)
    for adj in adjustments:
        total = total + _reduction(base, adj)
    reasons = ",".join(a.reason for a in adjustments if a.reason)
    return Line(
        kind=line.kind,
        day=line.day,
        units=line.units,
        unit_cost=line.unit_cost,
        adjustment=total,
        narrative=line.narrative,
        timekeeper=line.timekeeper,
        entry_id=line.entry_id,
        expense_id=line.expense_id,
        task_code=line.task_code,
        activity_code=line.activity_code,
        expense_code=line.expense_code,
        reason=reasons,
        worked_value=line.worked_value,
        note=line.note,
    )


def draft_invoice(
    ctx: Context,
    work: Sequence[WorkItem],
    expenses: Sequence[ExpenseItem] = (),
    adjustments: Sequence[Adjustment] = (),
) -> Draft:
    """Lines and totals for one matter's unbilled work under its fee arrangement."""
    terms, currency = ctx.terms, ctx.currency
    zero = Money.zero(currency)
    problems: list[Problem] = []
    arrangement = terms.arrangement
    task_fees = dict(terms.task_fees)

    flat_lines: list[Line] = []
    if arrangement is Arrangement.FLAT and not ctx.history.flat_billed:
        if terms.flat_amount is None:
            raise ValueError(f"matter {terms.matter}: a flat fee needs flat_amount")
        flat_lines.append(
            Line(
                kind=ItemKind.FEE,
                day=ctx.period_end,
                units=Decimal(1),
                unit_cost=terms.flat_amount,
                adjustment=zero,
                narrative=f"Flat fee, matter {terms.matter}",
                timekeeper=terms.responsible,
                note="flat fee",
            )
        )
    if arrangement is Arrangement.FLAT_PER_TASK:
        seen = sorted({w.task_code for w in work if w.task_code in task_fees})
        for code in seen:
            if code in ctx.history.tasks_billed:
                continue
            first = min(w.day for w in work if w.task_code == code)
            flat_lines.append(
                Line(
                    kind=ItemKind.FEE,
                    day=first,
                    units=Decimal(1),
                    unit_cost=task_fees[code],
                    adjustment=zero,
                    narrative=f"Flat fee for task {code}",
                    timekeeper=terms.responsible,
                    task_code=code,
                    note="flat fee per task",
                )
            )

    by_item = _item_adjustments(adjustments)
    fee_lines: list[Line] = []
    for w in sorted(work, key=lambda w: (w.day, w.timekeeper, w.entry_id)):
        rate = ctx.rates.rate(
            day=w.day, matter=w.matter, client=ctx.client, timekeeper=w.timekeeper, activity=w.activity_code
        )
        if rate is None:
            problems.append(
                Problem(
                    ProblemCode.NO_RATE, f"entry {w.entry_id}: no rate for {w.timekeeper} on {w.day}", Severity.ERROR
                )
            )
            rate = zero
        worked = rate.times(w.hours)
        no_charge = arrangement in (Arrangement.FLAT, Arrangement.CONTINGENCY) or (
            arrangement is Arrangement.FLAT_PER_TASK and w.task_code in task_fees
        )
        note = ""
        if no_charge:
            note = (
                "contingency: not billed"
                if arrangement is Arrangement.CONTINGENCY
                else "no charge (flat fee)"
            )
        line = Line(
            kind=ItemKind.FEE,
            day=w.day,
            units=w.hours,
            unit_cost=zero if no_charge else rate,
            adjustment=zero,
            narrative=w.narrative,
            timekeeper=w.timekeeper,
            entry_id=w.entry_id,
            task_code=w.task_code,
            activity_code=w.activity_code,
            worked_value=worked,
            note=note,
        )
        fee_lines.append(_adjusted(line, by_item.get(f"entry:{w.entry_id}", ()), currency))

    expense_lines: list[Line] = []
    for x in sorted(expenses, key=lambda x: (x.day, x.expense_id)):
        unbilled = arrangement is Arrangement.CONTINGENCY
        line = Line(
            kind=ItemKind.EXPENSE,
            day=x.day,
            units=x.quantity,
            unit_cost=zero if unbilled else x.unit_cost,
            adjustment=zero,
            narrative=x.description,
            timekeeper=x.timekeeper,
            expense_id=x.expense_id,
            expense_code=x.code or None,
            note="contingency: not billed" if unbilled else "",
        )
        expense_lines.append(_adjusted(line, by_item.get(f"expense:{x.expense_id}", ()), currency))

    lines = [*flat_lines, *fee_lines, *expense_lines]
    for line in lines:
        if line.total.amount < 0:
            problems.append(
                Problem(
                    ProblemCode.NEGATIVE_LINE, f"{line.item or 'line'}: adjustments exceed the amount", Severity.ERROR
                )
            )

    invoice_lines: list[Line] = []
    for kind, target in (
        (ItemKind.FEE_ADJUSTMENT, ItemKind.FEE),
        (ItemKind.EXPENSE_ADJUSTMENT, ItemKind.EXPENSE),
    ):
        subtotal = sum((ln.total for ln in lines if ln.kind is target), zero)
        for adj in adjustments:
            if adj.item is not None or adj.target is not target:
                continue
            label = {
                AdjustmentKind.DISCOUNT_PERCENT: f"Discount {adj.value.normalize()}%",
                AdjustmentKind.DISCOUNT_AMOUNT: "Discount",
                AdjustmentKind.WRITE_DOWN: "Write-down",
            }[adj.kind]
            invoice_lines.append(
                Line(
                    kind=kind,
                    day=ctx.period_end,
                    units=None,
                    unit_cost=None,
                    adjustment=_reduction(subtotal, adj),
                    narrative=adj.memo or label,
                    reason=adj.reason,
                )
            )

    if arrangement is Arrangement.CAPPED:
        if terms.cap is None:
            raise ValueError(f"matter {terms.matter}: a capped fee needs cap")
        fees_net = sum((ln.total for ln in [*lines, *invoice_lines] if ln.kind in _FEE_KINDS), zero)
        room = max(terms.cap.amount - ctx.history.fees_billed, Decimal(0))
        excess = fees_net.amount - room
        if excess > 0:
            invoice_lines.append(
                Line(
                    kind=ItemKind.FEE_ADJUSTMENT,
                    day=ctx.period_end,
                    units=None,
                    unit_cost=None,
                    adjustment=Money(-excess, currency),
                    narrative=(
                        f"Fee cap {terms.cap.amount:,.2f}: billed before {ctx.history.fees_billed:,.2f}, "
                        f"excess written down"
                    ),
                    reason="CAP",
                    note="cap write-down",
                )
            )

    invoice = Invoice(
        client=ctx.client,
        matter=terms.matter,
        period_start=ctx.period_start,
        period_end=ctx.period_end,
        lines=tuple([*lines, *invoice_lines]),
        currency=currency,
        arrangement=arrangement,
        responsible=terms.responsible,
    )
    return Draft(invoice, tuple(problems))


_FEE_KINDS = frozenset({ItemKind.FEE, ItemKind.FEE_ADJUSTMENT})


@dataclass(frozen=True, slots=True)
class RetainerOutcome:
    applied: Money
    """taken from trust toward the invoice"""
    remaining: Money
    """trust left afterwards"""
    replenish: Money
    """requested to restore the evergreen target (zero while at or above the minimum)"""


def apply_retainer(total: Money, trust_balance: Money, terms: FeeTerms) -> RetainerOutcome:
    """Apply trust to an invoice and ask for a top-up when what is left falls below the minimum."""
    zero = Money.zero(total.currency)
    applied = min(max(total.amount, Decimal(0)), max(trust_balance.amount, Decimal(0)))
    remaining = trust_balance.amount - applied
    replenish = zero
    minimum = terms.retainer_minimum.amount if terms.retainer_minimum else Decimal(0)
    if remaining < minimum:
        target = terms.retainer_target.amount if terms.retainer_target else minimum
        replenish = Money(target - remaining, total.currency)
    return RetainerOutcome(Money(applied, total.currency), Money(remaining, total.currency), replenish)


def due_date(issue: date, terms_days: int) -> date:
    """Payment is due terms_days after the invoice date."""
    return issue + timedelta(days=terms_days)
