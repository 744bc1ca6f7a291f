"""Issuing invoices: e-billing checks, finalising (the next number, the date, a retainer drawn from trust),
voiding, disputes, exports (PDF, LEDES 1998B, CSV) and sending by e-mail."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from ledgerwatch.billing.checks import RuleSet, blocking, check_invoice
from ledgerwatch.billing.context import BillingContext, BillingError, client_of
from ledgerwatch.billing.csvfile import write_csv
from ledgerwatch.billing.invoicing import apply_retainer, due_date
from ledgerwatch.billing.ledes import LedesError, LedesParty, write_ledes
from ledgerwatch.billing.mail import MaybeSent, NotSent, message
from ledgerwatch.billing.receipts import apply_credit, matter_funds
from ledgerwatch.billing.setup import known_timekeepers
from ledgerwatch.billing.statements import document
from ledgerwatch.domain import Money, Problem, ProblemCode, Severity
from ledgerwatch.domain.billing import (
    Arrangement,
    ClientBilling,
    CreditKind,
    Invoice,
    InvoiceState,
    TimekeeperCodes,
)
from ledgerwatch.store.billing import BillingTables


@dataclass(frozen=True, slots=True)
class FinalizeOutcome:
    invoice_id: int
    number: str | None
    """None when blocking problems stopped finalisation"""
    problems: tuple[Problem, ...] = ()
    trust_applied: Money | None = None
    replenish: Money | None = None
    credit_applied: tuple[tuple[str, Decimal], ...] = ()
    """credit on account applied to open invoices on finalising (billing.apply_credit)"""
    no_charge: bool = False
    """closed at a total of zero: the work is billed, no number was used"""


def find(ctx: BillingContext, reference: str) -> int:
    """An invoice id from a number ('INV-000012') or a draft's id ('12' or '#12')."""
    with ctx.store.read() as tx:
        found = tx.invoices.find(reference)
    if found is None:
        raise BillingError(f"no invoice {reference!r}")
    return found


def get(ctx: BillingContext, invoice_id: int) -> Invoice:
    with ctx.store.read() as tx:
        return tx.invoices.get(invoice_id)


def issued(ctx: BillingContext, limit: int = 200) -> list[Invoice]:
    """Invoices past the draft state (final, sent, void, no charge), newest first."""
    with ctx.store.read() as tx:
        return tx.invoices.issued(limit)


def billed_entries(ctx: BillingContext, entry_ids: Iterable[str]) -> dict[str, int]:
    """Entries that sit on a live invoice (draft, final or sent) -> its id; review can lock them."""
    with ctx.store.read() as tx:
        found = tx.invoices.claimed([f"entry:{i}" for i in entry_ids])
    return {item.removeprefix("entry:"): invoice_id for item, invoice_id in found.items()}


def check(ctx: BillingContext, invoice_id: int) -> tuple[Problem, ...]:
    """The client's e-billing problems with this invoice."""
    with ctx.store.read() as tx:
        inv = tx.invoices.get(invoice_id)
        return _problems(ctx, tx, inv, tx.setup.client(client_of(inv)))


def _problems(
    ctx: BillingContext, tx: BillingTables, inv: Invoice, client: ClientBilling
) -> tuple[Problem, ...]:
    tks = known_timekeepers(ctx, tx)
    problems = list(check_invoice(inv, RuleSet.from_mapping(client.rules), tks))
    if client.timekeeper_codes == TimekeeperCodes.LEDES_2014:
        for tk_id in sorted({ln.timekeeper for ln in inv.lines if ln.timekeeper}):
            if tk_id in tks and not tks[tk_id].code_2014:
                problems.append(
                    Problem(
                        ProblemCode.LEDES_2014, f"{tk_id}: no LEDES 2014 classification code", Severity.ERROR
                    )
                )
    return tuple(problems)


def finalize(ctx: BillingContext, invoice_id: int, accept_warnings: bool = True) -> FinalizeOutcome:
    """Number the invoice (next in sequence, never reused), date it, apply a retainer from trust: first the
    funds held for the invoice's own matter, then the client's general retainer, never another matter's.

    The pre-bill's row is locked first and its state read again under the lock, so any number of finalisers
    at once give one invoice, one number and one draw on trust; the others are told it is already final.
    E-billing errors stop it; warnings stop it only when accept_warnings is False. A pre-bill totalling zero
    closes at no charge without using a number.
    """
    with ctx.store.write() as tx:
        inv = tx.invoices.lock(invoice_id)
        if inv.state is not InvoiceState.DRAFT:
            raise BillingError(
                f"pre-bill #{invoice_id} is already {inv.state}" + (f" as {inv.number}" if inv.number else "")
            )
        cid = client_of(inv)
        client = tx.setup.client(cid)
        problems = _problems(ctx, tx, inv, client)
        if inv.total.amount < 0:
            problems += (
                Problem(ProblemCode.NEGATIVE_LINE, f"the total {inv.total} is below zero", Severity.ERROR),
            )
        stop = (
            blocking(problems)
            if accept_warnings
            else tuple(p for p in problems if p.severity is not Severity.INFO)
        )
        if stop:
            return FinalizeOutcome(invoice_id, None, problems)
        today = ctx.today()
        if inv.total.amount == 0 and inv.arrangement is not Arrangement.RETAINER:
            tx.invoices.close_no_charge(invoice_id, today, ctx.clock())
            return FinalizeOutcome(invoice_id, None, problems, no_charge=True)
        number = f"{ctx.settings.invoice_prefix}{tx.invoices.next_number():0{ctx.settings.number_width}d}"
        applied = replenish = None
        if inv.arrangement is Arrangement.RETAINER:
            tx.payments.lock_client(cid)  # two invoices of one client never draw the same trust money
            terms = tx.setup.terms(inv.matter, inv.currency)
            funds = tx.payments.trust_funds(cid)
            mid = tx.payments.client_matter(cid, inv.matter)
            own, general = (max(held, Decimal(0)) for held in matter_funds(funds, cid, mid))
            outcome = apply_retainer(inv.total, Money(own + general, inv.currency), terms)
            applied, replenish = outcome.applied, outcome.replenish
            now = ctx.clock()
            if applied.amount > 0:
                left = applied.amount
                for fund, held in ((mid, own), (None, general)):
                    take = min(left, held)
                    if take > 0:  # each part recorded against the fund it came from
                        tx.payments.add_trust(
                            cid, today, -take, f"applied to {number}", now, invoice_id, fund
                        )
                        left -= take
                tx.payments.add_credit(
                    invoice_id, CreditKind.TRUST, applied.amount, today, now, "RETAINER", "paid from trust"
                )
        tx.invoices.issue(
            invoice_id, number, today, due_date(today, client.terms_days), replenish, ctx.clock()
        )
        credit = apply_credit(tx, cid) if ctx.settings.apply_credit else None
        return FinalizeOutcome(
            invoice_id, number, problems, applied, replenish, credit.allocations if credit else ()
        )


def finalize_batch(
    ctx: BillingContext, invoice_ids: Iterable[int], accept_warnings: bool = True
) -> list[FinalizeOutcome | BillingError]:
    """Finalise several pre-bills, each in its own transaction: one that cannot be finalised is reported and
    the rest go ahead."""
    out: list[FinalizeOutcome | BillingError] = []
    for invoice_id in invoice_ids:
        try:
            out.append(finalize(ctx, invoice_id, accept_warnings))
        except BillingError as exc:
            out.append(exc)
    return out


def void(ctx: BillingContext, invoice_id: int, reason: str) -> None:
    """Void a final or sent invoice: it keeps its number, its work becomes billable again (a draft is deleted)."""
    if not reason:
        raise BillingError("voiding needs a reason")
    with ctx.store.write() as tx:
        inv = tx.invoices.get(invoice_id)
        if inv.state is InvoiceState.DRAFT:
            tx.invoices.delete_draft(invoice_id)
            return
        if inv.state is InvoiceState.VOID:
            raise BillingError(f"invoice {inv.number} is already void")
        if inv.state is InvoiceState.NO_CHARGE:
            raise BillingError(f"pre-bill #{invoice_id} closed at no charge; there is nothing to void")
        if tx.payments.paid_on(invoice_id) != 0:
            raise BillingError(
                f"invoice {inv.number} has payments; refund them first (`ledgerwatch payments refund`)"
            )
        for fund, drawn in tx.payments.trust_drawn(invoice_id).items():  # back to the fund it came from
            memo = f"returned from void {inv.number}"
            tx.payments.add_trust(client_of(inv), ctx.today(), drawn, memo, ctx.clock(), invoice_id, fund)
        tx.invoices.void(invoice_id, f"void: {reason}", ctx.clock())


def dispute(ctx: BillingContext, invoice_id: int, disputed: bool = True, note: str = "") -> None:
    """Flag an invoice as disputed (reminders pause) or clear the flag."""
    with ctx.store.write() as tx:
        tx.invoices.set_disputed(invoice_id, disputed, note, ctx.clock())


def export(ctx: BillingContext, invoice_id: int, fmt: str) -> bytes:
    """The invoice as pdf, ledes (LEDES 1998B) or csv."""
    with ctx.store.read() as tx:
        if fmt == "pdf":
            return document(ctx, tx, invoice_id).pdf
        inv = tx.invoices.get(invoice_id)
        tks = known_timekeepers(ctx, tx)
        if fmt == "csv":
            return write_csv(inv, tks).encode()
        if fmt == "ledes":
            cid = client_of(inv)
            client = tx.setup.client(cid)
            party = LedesParty(
                law_firm_id=ctx.settings.law_firm_id,
                client_id=client.ledes_client_id or str(cid),
                client_matter_id=tx.setup.terms(inv.matter, inv.currency).client_matter_id,
                timekeeper_codes=client.timekeeper_codes,
            )
            try:
                return write_ledes([(inv, party)], tks).encode("ascii")
            except LedesError as exc:
                raise BillingError(str(exc)) from exc
    raise BillingError(f"unknown export format {fmt!r}: use pdf, ledes or csv")


def send(ctx: BillingContext, invoice_id: int) -> str:
    """E-mail a finalised invoice (PDF attached, payment link in the body); returns the address used."""
    mailer = ctx.require_mailer()
    with ctx.store.read() as tx:
        doc = document(ctx, tx, invoice_id)
    inv, client = doc.invoice, doc.client
    if inv.state not in (InvoiceState.FINAL, InvoiceState.SENT) or inv.number is None:
        raise BillingError(f"invoice {inv.id} is {inv.state}; finalise it first")
    if not client.email:
        raise BillingError(f"client {client.client!r} has no billing e-mail address")
    body = (
        f"Please find attached invoice {inv.number} for {inv.total.amount:,.2f} {inv.currency}, "
        f"due {inv.due_date.isoformat() if inv.due_date else ''}."
    )
    if doc.statement.payment_link:
        body += f"\n\nPay online: {doc.statement.payment_link}"
    msg = message(
        sender=ctx.settings.sender,
        to=client.email,
        subject=f"Invoice {inv.number}",
        body=body,
        attachment=doc.pdf,
        filename=f"{inv.number}.pdf",
    )
    try:
        mailer.send(msg)
    except (NotSent, MaybeSent) as exc:
        raise BillingError(f"invoice {inv.number} not sent: {exc}") from exc
    with ctx.store.write() as tx:
        tx.invoices.mark_sent(invoice_id, ctx.clock())
    return client.email
