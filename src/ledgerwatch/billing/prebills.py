"""Pre-bills: drafts of approved, unbilled work per matter (one, a client's, all, or the monthly cycle).

A draft claims its entries and expenses, so no other invoice can bill them; adjusting or refreshing it drafts it
again from the same work plus anything new, and deleting it frees the work.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from ledgerwatch.billing import invoicing
from ledgerwatch.billing.context import BillingContext, BillingError
from ledgerwatch.billing.invoicing import Draft, draft_invoice
from ledgerwatch.billing.rates import RateBook
from ledgerwatch.billing.setup import client_id, rate_book, seed_attorney
from ledgerwatch.domain import Problem, ProblemCode, Severity
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    BillingCycle,
    ExpenseItem,
    FeeTerms,
    History,
    Invoice,
    InvoiceState,
    Rate,
    RateScope,
    WorkItem,
)
from ledgerwatch.store.billing import BillableMatter, BillingTables, UnbilledEntry


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    matter: str
    invoice_id: int | None
    invoice: Invoice | None
    problems: tuple[Problem, ...] = ()


def draft(ctx: BillingContext, matter: str, through: date | None = None) -> DraftOutcome:
    """A pre-bill for one matter's approved, unbilled work up to through (default: today)."""
    through = through or ctx.today()
    with ctx.store.write() as tx:
        found = tx.work.matter(matter)
        if found is None:
            raise BillingError(f"no matter {matter!r}")
        if found.status == "closed":
            raise BillingError(f"matter {matter} is closed; reopen it before billing it")
        seed_attorney(ctx, tx)
        return _draft_one(ctx, tx, found, through, rate_book(ctx, tx))


def draft_all(
    ctx: BillingContext, client: str | None = None, through: date | None = None
) -> list[DraftOutcome]:
    """Pre-bills for every matter (of one client, or all) with unbilled work: billing on demand."""
    through = through or ctx.today()
    with ctx.store.write() as tx:
        cid = client_id(tx, client) if client else None
        seed_attorney(ctx, tx)
        book = rate_book(ctx, tx)
        return _draft_many(ctx, tx, tx.work.billable_matters(through, cid), through, book)


def run_cycle(ctx: BillingContext) -> list[DraftOutcome]:
    """Monthly billing: once per calendar month, pre-bills for clients on the monthly cycle, through the last
    day of the previous month."""
    today = ctx.today()
    through = today.replace(day=1) - timedelta(days=1)
    out: list[DraftOutcome] = []
    with ctx.store.write() as tx:
        seed_attorney(ctx, tx)
        book = rate_book(ctx, tx)
        seen: set[int] = set()
        due: list[BillableMatter] = []
        clients: dict[int, bool] = {}
        for m in tx.work.billable_matters(through):
            if m.client_id not in clients:
                last = tx.setup.last_cycle(m.client_id)
                clients[m.client_id] = tx.setup.client(m.client_id).cycle == BillingCycle.MONTHLY and (
                    last is None or (last.year, last.month) < (today.year, today.month)
                )
            if clients[m.client_id]:
                due.append(m)
                seen.add(m.client_id)
        out = _draft_many(ctx, tx, due, through, book)
        for cid in seen:
            tx.setup.mark_cycle(cid, today)
    return out


def adjust(ctx: BillingContext, invoice_id: int, adjustment: Adjustment) -> Invoice:
    """Add a discount or write-down to a draft and recompute it."""
    with ctx.store.write() as tx:
        current = _draft_of(tx, invoice_id, "only drafts can be adjusted")
        if adjustment.kind is AdjustmentKind.WRITE_DOWN and not adjustment.reason:
            raise BillingError("a write-down needs a reason code")
        tx.invoices.add_adjustment(invoice_id, adjustment)
        tx.invoices.approve(invoice_id, None, ctx.clock())  # a changed pre-bill is reviewed again
        return _redraft(ctx, tx, current)


def refresh(ctx: BillingContext, invoice_id: int) -> Invoice:
    """Draft a pre-bill again with today's rates, timekeepers and unbilled work (after fixing settings)."""
    with ctx.store.write() as tx:
        current = _draft_of(tx, invoice_id, "only drafts can be redrafted")
        seed_attorney(ctx, tx)
        return _redraft(ctx, tx, current)


def approve(ctx: BillingContext, invoice_id: int, approver: str) -> Invoice:
    """Record that a person reviewed the pre-bill and approved it for finalising."""
    if not approver.strip():
        raise BillingError("approving a pre-bill needs the approver's name")
    with ctx.store.write() as tx:
        _draft_of(tx, invoice_id, "only pre-bills are approved")
        tx.invoices.approve(invoice_id, approver.strip(), ctx.clock())
        return tx.invoices.get(invoice_id)


def drafts(ctx: BillingContext) -> list[Invoice]:
    """Every pre-bill waiting for review or finalising, oldest first."""
    with ctx.store.read() as tx:
        return tx.invoices.drafts()


def _closed(matter: BillableMatter) -> DraftOutcome:
    note = Problem(
        ProblemCode.CLOSED_MATTER,
        f"matter {matter.number} is closed: its unbilled work was not drafted (reopen the matter to bill it)",
        Severity.WARNING,
    )
    return DraftOutcome(matter.number, None, None, (note,))


def delete_draft(ctx: BillingContext, invoice_id: int) -> None:
    with ctx.store.write() as tx:
        _draft_of(tx, invoice_id, "void it instead")
        tx.invoices.delete_draft(invoice_id)


def _draft_of(tx: BillingTables, invoice_id: int, otherwise: str) -> Invoice:
    """The invoice if it is still a draft; a BillingError saying what to do otherwise."""
    current = tx.invoices.get(invoice_id)
    if current.state is not InvoiceState.DRAFT:
        raise BillingError(f"invoice {current.number} is {current.state}; {otherwise}")
    return current


def _draft_one(
    ctx: BillingContext, tx: BillingTables, matter: BillableMatter, through: date, book: RateBook
) -> DraftOutcome:
    return _draft_many(ctx, tx, [matter], through, book)[0]


@dataclass(frozen=True, slots=True)
class _Work:
    """What drafting many matters reads, each kind in one query: unbilled entries and expenses, fee terms and
    what earlier invoices billed."""

    entries: dict[str, list[UnbilledEntry]]
    expenses: dict[str, list[ExpenseItem]]
    terms: dict[str, FeeTerms]
    history: dict[str, History]

    @classmethod
    def of(cls, tx: BillingTables, matters: list[BillableMatter], through: date) -> _Work:
        currencies = {m.number: m.currency for m in matters}
        return cls(
            tx.work.unbilled_by_matter(list(currencies), through),
            tx.work.unbilled_expenses_by_matter(currencies, through),
            tx.setup.terms_by_matter(currencies),
            tx.invoices.histories(list(currencies)),
        )


def _draft_many(
    ctx: BillingContext, tx: BillingTables, matters: list[BillableMatter], through: date, book: RateBook
) -> list[DraftOutcome]:
    """Pre-bills for many matters: read in a few queries, composed in memory, stored in a few statements."""
    open_matters = [m for m in matters if m.status != "closed"]
    work = _Work.of(tx, open_matters, through)
    out: dict[str, DraftOutcome] = {m.number: _closed(m) for m in matters if m.status == "closed"}
    stored: list[tuple[BillableMatter, Draft]] = []
    for matter in open_matters:
        result = _compose(ctx, tx, matter, through, book, None, work)
        inv = result.invoice
        if inv.arrangement is Arrangement.CONTINGENCY:
            note = Problem(
                ProblemCode.CONTINGENCY,
                f"matter {matter.number}: contingency fee, time tracked and not billed",
                Severity.INFO,
            )
            out[matter.number] = DraftOutcome(matter.number, None, inv, (note, *result.problems))
        elif not inv.lines:
            out[matter.number] = DraftOutcome(matter.number, None, None, result.problems)
        else:
            stored.append((matter, result))
    ids = tx.invoices.insert_drafts([(r.invoice, m.client_id) for m, r in stored], ctx.clock())
    for invoice_id, (matter, result) in zip(ids, stored, strict=True):
        inv = replace(result.invoice, id=invoice_id, client_id=matter.client_id)
        out[matter.number] = DraftOutcome(matter.number, invoice_id, inv, result.problems)
    return [out[m.number] for m in matters]


def _redraft(ctx: BillingContext, tx: BillingTables, current: Invoice) -> Invoice:
    assert current.id is not None
    matter = tx.work.matter(current.matter)
    assert matter is not None
    result = _compose(ctx, tx, matter, current.period_end, rate_book(ctx, tx), current)
    _store(ctx, tx, matter, result, current.id)
    return tx.invoices.get(current.id)


def _compose(
    ctx: BillingContext,
    tx: BillingTables,
    matter: BillableMatter,
    through: date,
    book: RateBook,
    current: Invoice | None,
    work_read: _Work | None = None,
) -> Draft:
    """The matter's draft through a day: its unbilled work, or a stored draft's own work plus what is new.

    work_read: what _draft_many already read for many matters (new drafts only).
    """
    currency = matter.currency
    terms = work_read.terms[matter.number] if work_read else tx.setup.terms(matter.number, currency)
    if matter.rate is not None and (RateScope.MATTER, matter.number) not in book.index:
        # The matter's own rate (matters.csv or the provider) when billing set no matter rate.
        book = RateBook.of(
            [
                *[r for rules in book.index.values() for r in rules],
                Rate(RateScope.MATTER, matter.number, matter.rate, date.min),
            ]
        )
    if work_read is not None:
        entries, expenses = work_read.entries[matter.number], work_read.expenses[matter.number]
    else:
        entries = tx.work.unbilled(matter.number, through)
        expenses = tx.work.unbilled_expenses(matter.number, through, currency)
    adjustments: list[Adjustment] = []
    if current is not None and current.id is not None:
        mine = {ln.entry_id for ln in current.lines if ln.entry_id}
        entries = [e for e in entries if e.id not in mine] + (tx.work.entries(sorted(mine)) if mine else [])
        mine_x = {ln.expense_id for ln in current.lines if ln.expense_id}
        expenses = [x for x in expenses if x.expense_id not in mine_x] + (
            tx.work.expenses(sorted(mine_x), currency) if mine_x else []
        )
        adjustments = tx.invoices.adjustments(current.id)
    problems: list[Problem] = []
    work = []
    for e in entries:
        tk = e.timekeeper or ctx.settings.fallback_timekeeper
        if tk is None:
            problems.append(
                Problem(
                    ProblemCode.NO_TIMEKEEPER,
                    f"entry {e.id}: no timekeeper (set billing.default_timekeeper)",
                    Severity.ERROR,
                )
            )
            tk = ""
        work.append(
            WorkItem(
                entry_id=e.id,
                day=e.day,
                matter=e.matter,
                timekeeper=tk,
                hours=e.billed_hours.normalize(),
                narrative=e.description,
                task_code=e.task_code,
                activity_code=e.activity_code,
            )
        )
    days = [w.day for w in work] + [x.day for x in expenses]
    facts = invoicing.Context(
        client=matter.client,
        terms=terms,
        rates=book,
        period_start=min(days) if days else through,
        period_end=through,
        currency=currency,
        history=work_read.history[matter.number]
        if work_read
        else tx.invoices.history(matter.number, exclude=current.id if current else None),
        fallback_timekeeper=ctx.settings.fallback_timekeeper,
    )
    result = draft_invoice(facts, work, expenses, adjustments)
    return Draft(result.invoice, (*problems, *result.problems))


def _store(
    ctx: BillingContext, tx: BillingTables, matter: BillableMatter, result: Draft, invoice_id: int | None
) -> int:
    """Write a draft's lines and totals (inserting the draft first when it is new); its id."""
    now = ctx.clock()
    if invoice_id is None:
        invoice_id = tx.invoices.insert_draft(result.invoice, matter.client_id, now)
    tx.invoices.write_lines(invoice_id, result.invoice, now)
    return invoice_id
