"""A/R over the store: open invoices with their balances, aging by client, matter or attorney, realization."""

from __future__ import annotations

from datetime import date

from ledgerwatch.billing import aging as ar
from ledgerwatch.billing.context import BillingContext
from ledgerwatch.domain.billing import Realization


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
