"""Money in and balances down: payments (typed in or pulled by sync) applied to open invoices, credit on
account, credit notes and write-offs, and the client's trust (retainer) funds."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ledgerwatch.billing.context import BillingContext, BillingError
from ledgerwatch.billing.payments import PaymentRecord, allocate
from ledgerwatch.billing.setup import client_id
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import CreditKind
from ledgerwatch.store.billing import BillingTables, TrustMovement


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

    The same (source, external_id) recorded twice is ignored, so sync may feed payments again and again. A
    payment is applied only to invoices in its own currency; one typed in cannot be received after today.
    """
    if record.amount.amount <= 0:
        raise BillingError("a payment must be positive; use a credit note for reductions")
    if record.source == "manual" and record.received_on > ctx.today():
        raise BillingError(
            f"a payment received on {record.received_on.isoformat()} is in the future (today is {ctx.today()})"
        )
    currency = record.amount.currency
    with ctx.store.write() as tx:
        cid = client_id(tx, record.client)
        open_rows = [r for r in tx.invoices.receivables(cid) if r.balance > 0]
        currencies = {r.currency for r in open_rows}
        if currencies and currency not in currencies:
            raise BillingError(
                f"{record.client}'s open invoices are in {', '.join(sorted(currencies))}; "
                f"a {currency} payment cannot reduce them"
            )
        named = next((r for r in open_rows if r.number == record.invoice_number), None)
        if record.source == "manual" and named is not None and named.currency != currency:
            raise BillingError(f"invoice {named.number} is in {named.currency}, the payment in {currency}")
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
            open_numbers = {r.number for r in open_rows}
            if number not in open_numbers:
                number = None  # the provider's own bill number: apply oldest first instead
        outcome = _apply(tx, cid, pid, record.amount.amount, number, currency)
        return replace(outcome, external_id=record.external_id)


def _apply(
    tx: BillingTables, cid: int, pid: int, amount: Decimal, number: str | None, currency: str
) -> PaymentOutcome:
    """Allocate a payment's amount to the client's open invoices in its currency: the named one first, then
    oldest first."""
    open_rows = [r for r in tx.invoices.receivables(cid) if r.balance > 0 and r.currency == currency]
    if number is not None:
        named = [r for r in open_rows if r.number == number]
        if not named:
            raise BillingError(f"no open {currency} invoice {number!r} for this client")
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
    """Apply a client's credit on account to its open invoices, oldest invoice first, each payment's own
    money booked against that payment (oldest payment first)."""
    with ctx.store.write() as tx:
        return apply_credit(tx, client_id(tx, client))


def apply_credit(tx: BillingTables, cid: int) -> PaymentOutcome:
    """Credit on account applied inside the caller's transaction (also on finalising, when the setting is on)."""
    allocations: list[tuple[str, Decimal]] = []
    left = Decimal(0)
    first: int | None = None
    currencies = sorted({r.currency for r in tx.invoices.receivables(cid) if r.balance > 0})
    for currency in currencies:
        for pid, amount in tx.payments.unapplied_payments(cid, currency):
            outcome = _apply(tx, cid, pid, amount, None, currency)
            first = first or pid
            allocations.extend(outcome.allocations)
            left += outcome.unapplied
    return PaymentOutcome(first, tuple(allocations), left)


def refund(
    ctx: BillingContext, client: str, amount: Money, reason: str, invoice_number: str | None = None
) -> PaymentOutcome:
    """Pay money back: a payment on an invoice (its balance is owed again, and it can then be voided), or the
    client's credit on account."""
    if not reason.strip():
        raise BillingError("a refund needs a reason")
    if amount.amount <= 0:
        raise BillingError("a refund must be a positive amount")
    with ctx.store.write() as tx:
        cid = client_id(tx, client)
        if invoice_number is not None:
            found = tx.invoices.find(invoice_number)
            inv = tx.invoices.get(found) if found is not None else None
            if inv is None or inv.client_id != cid or inv.number is None:
                raise BillingError(f"{client} has no invoice {invoice_number!r}")
            if inv.currency != amount.currency:
                raise BillingError(
                    f"invoice {inv.number} is in {inv.currency}, the refund in {amount.currency}"
                )
            paid = tx.payments.paid_on(found or 0)
            if amount.amount > paid:
                raise BillingError(f"invoice {inv.number} has {paid} paid; cannot refund {amount.amount}")
        else:
            credit = sum((a for _p, a in tx.payments.unapplied_payments(cid, amount.currency)), Decimal(0))
            if amount.amount > credit:
                raise BillingError(
                    f"{client} has {credit} {amount.currency} on account; cannot refund {amount.amount}"
                )
        pid = tx.payments.insert(
            client_id=cid,
            received_on=ctx.today(),
            amount=Money(-amount.amount, amount.currency),
            method="refund",
            reference=reason,
            source="refund",
            external_id=None,
            now=ctx.clock(),
        )
        assert pid is not None
        if invoice_number is not None and found is not None:
            tx.payments.allocate(pid, found, -amount.amount)
            return PaymentOutcome(pid, ((invoice_number, -amount.amount),))
        return PaymentOutcome(pid, (), -amount.amount)


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
        if amount.currency != row.currency:
            raise BillingError(f"invoice {row.number} is in {row.currency}, the {kind} in {amount.currency}")
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


def matter_funds(
    funds: Mapping[tuple[int, int | None], Decimal], cid: int, mid: int | None
) -> tuple[Decimal, Decimal]:
    """What may pay a matter's invoice out of trust (funds as tx.payments.trust_funds gives them): the matter's
    own funds (none for a matter unknown to the client) and the client's general retainer, never another
    matter's."""
    own = funds.get((cid, mid), Decimal(0)) if mid is not None else Decimal(0)
    return own, funds.get((cid, None), Decimal(0))


def _fund(tx: BillingTables, cid: int, client: str, matter: str | None) -> int | None:
    """The matter id whose trust funds a deposit or balance names (None: the client's general retainer)."""
    if matter is None:
        return None
    mid = tx.payments.client_matter(cid, matter)
    if mid is None:
        raise BillingError(f"{matter!r} is not a matter of {client}; trust is held per client-matter")
    return mid


def deposit_trust(
    ctx: BillingContext, client: str, amount: Money, memo: str = "retainer deposit", matter: str | None = None
) -> None:
    """Money placed in trust: for one of the client's matters, or (matter None) a general retainer of the
    client that may pay any of its matters."""
    with ctx.store.write() as tx:
        cid = client_id(tx, client)
        mid = _fund(tx, cid, client, matter)
        tx.payments.add_trust(cid, ctx.today(), amount.amount, memo, ctx.clock(), matter_id=mid)


def trust_balance(ctx: BillingContext, client: str, matter: str | None = None) -> Decimal:
    """A matter's own trust funds, or (matter None) all the client's: its matters' and its general retainer."""
    with ctx.store.read() as tx:
        cid = client_id(tx, client)
        if matter is None:
            return tx.payments.trust_balances().get(cid, Decimal(0))
        return tx.payments.trust_funds(cid).get((cid, _fund(tx, cid, client, matter)), Decimal(0))


def trust_ledger(ctx: BillingContext, client: str | None = None) -> list[TrustMovement]:
    """Trust movements in date order, of one client or of all, each naming its matter (None: general)."""
    with ctx.store.read() as tx:
        return tx.payments.trust_ledger(client_id(tx, client) if client else None)


@dataclass(frozen=True, slots=True)
class TrustLine:
    """One client-matter's trust ledger balance; matter None is the client's general retainer."""

    client: str
    matter: str | None
    balance: Decimal

    @property
    def label(self) -> str:
        return f"{self.client} / {self.matter}" if self.matter else f"{self.client} (general)"


@dataclass(frozen=True, slots=True)
class Reconciliation:
    """Three-way trust reconciliation on a day: the bank statement, the trust journal, and the sum of the
    client-matter ledgers must agree, and no client-matter may be below zero."""

    as_of: date
    bank: Decimal
    journal: Decimal
    """every trust movement up to as_of"""
    ledgers: tuple[TrustLine, ...]
    """each client-matter's ledger balance (a client's general retainer as the client with no matter)"""
    negative: tuple[TrustLine, ...]
    """client-matters whose trust balance is below zero (never allowed)"""

    @property
    def clients(self) -> tuple[tuple[str, Decimal], ...]:
        """each client's ledgers together"""
        per: dict[str, Decimal] = {}
        for line in self.ledgers:
            per[line.client] = per.get(line.client, Decimal(0)) + line.balance
        return tuple(sorted(per.items()))

    @property
    def client_total(self) -> Decimal:
        return sum((line.balance for line in self.ledgers), Decimal(0))

    @property
    def balanced(self) -> bool:
        return self.bank == self.journal == self.client_total and not self.negative


def reconcile_trust(ctx: BillingContext, bank_balance: Money, as_of: date | None = None) -> Reconciliation:
    """Compare the bank's trust balance with the journal and the client-matter ledgers as of a day."""
    day = as_of or ctx.today()
    moves = [m for m in trust_ledger(ctx) if m.day <= day]
    journal = sum((m.amount for m in moves), Decimal(0))
    per: dict[tuple[str, str], Decimal] = {}
    for m in moves:
        key = (m.client, m.matter or "")
        per[key] = per.get(key, Decimal(0)) + m.amount
    ledgers = tuple(TrustLine(c, m or None, b) for (c, m), b in sorted(per.items()))
    negative = tuple(line for line in ledgers if line.balance < 0)
    return Reconciliation(day, bank_balance.amount, journal, ledgers, negative)
