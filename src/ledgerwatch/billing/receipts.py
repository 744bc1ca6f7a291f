"""Money in and balances down: payments (typed in or pulled by sync) applied to open invoices, credit on
account, credit notes and write-offs, and the client's trust (retainer) funds."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from decimal import Decimal

from ledgerwatch.billing.context import BillingContext, BillingError
from ledgerwatch.billing.payments import PaymentRecord, allocate
from ledgerwatch.billing.setup import client_id
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import CreditKind
from ledgerwatch.store.billing import BillingTables


@dataclass(frozen=True, slots=True)
class PaymentOutcome:
    payment_id: int | None
    """None: already recorded (the same provider payment pulled again)"""
    allocations: tuple[tuple[str, Decimal], ...] = ()
    unapplied: Decimal = Decimal(0)
    problem: str = ""
    """why a pulled payment was not recorded (unknown client, ...); empty when it was"""
    external_id: str | None = None


def record_payment(ctx: BillingContext, record: PaymentRecord) -> PaymentOutcome:
    """Record a payment (manual or pulled by sync) and apply it: to the named invoice, else oldest first.

    The same (source, external_id) recorded twice is ignored, so sync may feed payments again and again.
    """
    if record.amount.amount <= 0:
        raise BillingError("a payment must be positive; use a credit note for reductions")
    with ctx.store.write() as tx:
        cid = client_id(tx, record.client)
        pid = tx.payments.insert(
            client_id=cid,
            received_on=record.received_on,
            amount=record.amount,
            method=record.method,
            reference=record.reference,
            source=record.source,
            external_id=record.external_id,
            now=ctx.clock(),
        )
        if pid is None:
            return PaymentOutcome(None, external_id=record.external_id)
        number = record.invoice_number
        if record.source != "manual" and number is not None:
            open_numbers = {r.number for r in tx.invoices.receivables(cid) if r.balance > 0}
            if number not in open_numbers:
                number = None  # the provider's own bill number: apply oldest first instead
        outcome = _apply(tx, cid, pid, record.amount.amount, number)
        return replace(outcome, external_id=record.external_id)


def _apply(tx: BillingTables, cid: int, pid: int, amount: Decimal, number: str | None) -> PaymentOutcome:
    """Allocate a payment's amount to the client's open invoices: the named one first, then oldest first."""
    open_rows = [r for r in tx.invoices.receivables(cid) if r.balance > 0]
    if number is not None:
        named = [r for r in open_rows if r.number == number]
        if not named:
            raise BillingError(f"no open invoice {number!r} for this client")
        open_rows = named + [r for r in open_rows if r.number != number]
    allocations, left = allocate(amount, [(r.id, r.balance) for r in open_rows])
    numbers = {r.id: r.number for r in open_rows}
    for a in allocations:
        tx.payments.allocate(pid, a.invoice_id, a.amount)
    return PaymentOutcome(pid, tuple((numbers[a.invoice_id], a.amount) for a in allocations), left)


def accept_payments(ctx: BillingContext, records: Iterable[PaymentRecord]) -> list[PaymentOutcome]:
    """The entry point for sync: provider payments, recorded once each (by source and external id).

    A payment that cannot be recorded (its client is unknown here) is reported, not raised, so one bad record
    does not hold back the rest; pulling again retries it.
    """
    out = []
    for r in records:
        if r.external_id is None or r.source == "manual":
            raise ValueError("pulled payments need a source and an external id")
        try:
            out.append(record_payment(ctx, r))
        except BillingError as exc:
            out.append(PaymentOutcome(None, problem=str(exc), external_id=r.external_id))
    return out


def apply_unapplied(ctx: BillingContext, client: str) -> PaymentOutcome:
    """Apply a client's credit on account to its open invoices (after a new invoice is finalised)."""
    with ctx.store.write() as tx:
        cid = client_id(tx, client)
        left = tx.payments.unapplied(cid)
        latest = tx.payments.latest(cid)
        if left <= 0 or latest is None:
            return PaymentOutcome(None)
        return _apply(tx, cid, latest, left, None)


def credit_note(ctx: BillingContext, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
    _credit(ctx, invoice_id, CreditKind.CREDIT_NOTE, amount, reason, memo)


def write_off(ctx: BillingContext, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
    """Write off part or all of an unpaid balance (bad debt), with a reason code."""
    _credit(ctx, invoice_id, CreditKind.WRITE_OFF, amount, reason, memo)


def _credit(
    ctx: BillingContext, invoice_id: int, kind: CreditKind, amount: Money, reason: str, memo: str
) -> None:
    if not reason:
        raise BillingError(f"a {kind.value.replace('_', ' ')} needs a reason code")
    with ctx.store.write() as tx:
        row = next((r for r in tx.invoices.receivables() if r.id == invoice_id), None)
        if row is None:
            raise BillingError(f"invoice {invoice_id} is not open")
        if amount.amount <= 0 or amount.amount > row.balance:
            raise BillingError(
                f"{kind} of {amount.amount} must be positive and at most the balance {row.balance}"
            )
        tx.payments.add_credit(invoice_id, kind, amount.amount, ctx.today(), ctx.clock(), reason, memo)


def balance(ctx: BillingContext, invoice_id: int) -> Decimal:
    """What is still owed on an issued invoice (0 for drafts, voids and unknown ids)."""
    with ctx.store.read() as tx:
        for r in tx.invoices.receivables():
            if r.id == invoice_id:
                return r.balance
    return Decimal(0)


def deposit_trust(ctx: BillingContext, client: str, amount: Money, memo: str = "retainer deposit") -> None:
    with ctx.store.write() as tx:
        tx.payments.add_trust(client_id(tx, client), ctx.today(), amount.amount, memo, ctx.clock())


def trust_balance(ctx: BillingContext, client: str) -> Decimal:
    with ctx.store.read() as tx:
        return tx.payments.trust_balances().get(client_id(tx, client), Decimal(0))
