"""A/R over the store: open invoices with their balances, aging by client, matter or attorney, realization."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledgerwatch.billing import aging as ar
from ledgerwatch.billing.context import BillingContext
from ledgerwatch.domain.billing import Realization
from ledgerwatch.store.billing import AppliedPayment, Credit, OpenInvoice


def receivables(ctx: BillingContext, as_of: date | None = None) -> list[ar.Receivable]:
    """Open invoices with their balances (as they stood at the end of as_of, if given)."""
    with ctx.store.read() as tx:
        found = tx.invoices.receivables(as_of=as_of)
    fallback = ctx.settings.fallback_timekeeper or ""
    return [
        ar.Receivable(
            r.id,
            r.number,
            r.client,
            r.matter,
            r.responsible or fallback,
            r.issue_date,
            r.due_date,
            r.total,
            r.balance,
        )
        for r in found
    ]


def aging(ctx: BillingContext, as_of: date | None = None, by: str = "client") -> ar.AgingReport:
    """A/R aging at the end of as_of (default today): later payments and credits do not count."""
    day = as_of or ctx.today()
    return ar.age(receivables(ctx, as_of=day), day, by, ctx.settings.dso_days)


def realization(ctx: BillingContext, since: date, until: date, currency: str = "USD") -> Realization:
    """Worked value, billed and collected over [since, until]."""
    with ctx.store.read() as tx:
        return tx.payments.realization(since, until, currency)


def open_invoices(ctx: BillingContext, client_id: int | None = None) -> list[OpenInvoice]:
    """Issued invoices with something still owed, of one client (by id) or of all, oldest first."""
    with ctx.store.read() as tx:
        return [r for r in tx.invoices.receivables(client_id) if r.balance > 0]


@dataclass(frozen=True, slots=True)
class InvoiceAccount:
    """What has happened to one invoice's balance: the payments applied to it and the credits given."""

    invoice_id: int
    issued: OpenInvoice | None
    """the invoice as A/R sees it; None for a draft or a voided invoice (nothing is owed on it)"""
    payments: tuple[AppliedPayment, ...]
    credits: tuple[Credit, ...]

    @property
    def paid(self) -> Decimal:
        return self.issued.paid if self.issued else Decimal(0)

    @property
    def credited(self) -> Decimal:
        return self.issued.credited if self.issued else Decimal(0)

    @property
    def balance(self) -> Decimal:
        return self.issued.balance if self.issued else Decimal(0)


def invoice_account(ctx: BillingContext, invoice_id: int) -> InvoiceAccount:
    with ctx.store.read() as tx:
        issued = next((r for r in tx.invoices.receivables() if r.id == invoice_id), None)
        return InvoiceAccount(
            invoice_id,
            issued,
            tuple(tx.payments.applied_to(invoice_id)),
            tuple(tx.payments.credits(invoice_id)),
        )
