"""Payments: records (manual or fed by sync), allocation to open invoices, and payment links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from string import Formatter
from urllib.parse import quote

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import PAYMENT_LINK_FIELDS

LINK_FIELDS = PAYMENT_LINK_FIELDS
LINK_PRESETS = {
    # Examples of each provider's shape; the firm configures its own link with its account in it.
    "lawpay": "https://secure.lawpay.com/pages/{account}/operating?amount={amount}&reference={number}",
    "stripe": "https://buy.stripe.com/{account}?client_reference_id={number}",
    "clio": "https://app.clio.com/link/{account}?invoice={number}&amount={amount}",
}


@dataclass(frozen=True, slots=True)
class PaymentRecord:
    """A payment to record: typed in, or pulled from a provider by sync (source + external_id make it unique)."""

    client: str
    amount: Money
    received_on: date
    source: str = "manual"
    external_id: str | None = None
    invoice_number: str | None = None
    """apply to this invoice; None applies to the client's oldest open invoices first"""
    method: str = "manual"
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Allocation:
    invoice_id: int
    amount: Decimal


def allocate(
    amount: Decimal, open_invoices: Sequence[tuple[int, Decimal]]
) -> tuple[tuple[Allocation, ...], Decimal]:
    """Spread a payment over (invoice id, balance) pairs in the order given; returns what is left unapplied."""
    if amount < 0:
        raise ValueError("a payment is not negative; record a refund or credit note instead")
    left = amount
    out = []
    for invoice_id, balance in open_invoices:
        if left <= 0:
            break
        take = min(left, balance)
        if take > 0:
            out.append(Allocation(invoice_id, take))
            left -= take
    return tuple(out), left


def check_template(template: str) -> None:
    """Refuse a link template with unknown placeholders (a settings error, raised at startup)."""
    names = {name for _, name, _, _ in Formatter().parse(template) if name}
    unknown = names - LINK_FIELDS
    if unknown:
        raise ValueError(
            f"payment link template: unknown fields {sorted(unknown)}; use {sorted(LINK_FIELDS)}"
        )


def payment_link(template: str, *, number: str, amount: Money, account: str = "") -> str:
    """The pay-online URL for one invoice; carries only the invoice number and amount, never client details."""
    check_template(template)
    return template.format(
        number=quote(number, safe=""),
        amount=f"{amount.amount:.2f}",
        currency=quote(amount.currency, safe=""),
        account=quote(account, safe=""),
    )
