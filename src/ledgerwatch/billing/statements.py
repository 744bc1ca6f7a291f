"""An invoice as the client receives it: the statement around it (prior balance, payments, what is due, the
pay link) and the PDF, for exports, e-mail and reminders."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledgerwatch.billing.context import BillingContext, client_of
from ledgerwatch.billing.pdf import Statement, render_invoice
from ledgerwatch.billing.setup import known_timekeepers
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ClientBilling, CreditKind, Invoice
from ledgerwatch.store.billing import BillingTables

CREDIT_LABELS = {
    CreditKind.TRUST: "Applied from trust",
    CreditKind.CREDIT_NOTE: "Credit note",
    CreditKind.WRITE_OFF: "Written off",
}


@dataclass(frozen=True, slots=True)
class InvoiceDocument:
    invoice: Invoice
    client: ClientBilling
    statement: Statement
    pdf: bytes


def statement(ctx: BillingContext, tx: BillingTables, inv: Invoice) -> Statement:
    """Payments and credits on the invoice, the client's earlier open balance, and the amount due now."""
    currency = inv.currency
    invoice_id = inv.id or 0
    paid = [
        (p.received_on, f"Payment ({p.method})", Money(p.amount, currency))
        for p in tx.payments.applied_to(invoice_id)
    ]
    paid += [
        (c.day, CREDIT_LABELS[c.kind], Money(c.amount, currency)) for c in tx.payments.credits(invoice_id)
    ]
    due = inv.total
    for _, _, amount in paid:
        due = due - amount
    prior = Decimal(0)
    for other in tx.invoices.receivables(client_of(inv)):
        if other.id != inv.id and (inv.issue_date is None or other.issue_date <= inv.issue_date):
            prior += other.balance
    # A paid, credited or zero invoice has nothing to pay online.
    link = ctx.settings.payment_link(inv.number, due) if inv.number and due.amount > 0 else None
    return Statement(Money(prior, currency), tuple(paid), due, link, inv.replenish)


def document(ctx: BillingContext, tx: BillingTables, invoice_id: int) -> InvoiceDocument:
    """The invoice with its statement, rendered as the PDF the client receives."""
    inv = tx.invoices.get(invoice_id)
    client = tx.setup.client(client_of(inv))
    account = statement(ctx, tx, inv)
    bill_to = [client.client, *client.address_lines]
    pdf = render_invoice(inv, ctx.settings.letterhead, bill_to, known_timekeepers(ctx, tx), account)
    return InvoiceDocument(inv, client, account, pdf)
