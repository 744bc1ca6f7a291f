"""What every billing use case shares: the store, the firm's billing settings, the clock and the mailer.

Every moment comes from the injected clock; the firm's local calendar day is taken in settings.timezone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from string import Template
from zoneinfo import ZoneInfo

from ledgerwatch.billing.mail import Mailer
from ledgerwatch.billing.payments import check_template, payment_link
from ledgerwatch.billing.pdf import DEFAULT_LETTER, Letterhead
from ledgerwatch.billing.reminders import DEFAULT_LADDER, Rung
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import Invoice, Timekeeper
from ledgerwatch.domain.clock import Clock
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store.billing import BillingStore


class BillingError(LedgerwatchError):
    """A billing request that cannot be done as asked (wrong state, missing setting); the message says why."""


@dataclass(frozen=True, slots=True)
class BillingSettings:
    letterhead: Letterhead
    law_firm_id: str = ""
    invoice_prefix: str = "INV-"
    number_width: int = 6
    default_timekeeper: str | None = None
    """who did the work when an entry has no timekeeper assigned (a solo practitioner's own id)"""
    attorney: Timekeeper | None = None
    """the default timekeeper's record, seeded into the store when no timekeeper has its id;
    its default_rate is the timekeeper rate whenever the stored record has none"""
    firm_rate: Money | None = None
    """the firm default rate (lowest priority), used while no firm-scope rate is stored"""
    payment_link_template: str | None = None
    payment_account: str = ""
    sender: str = "billing@localhost"
    timezone: str = "UTC"
    ladder: tuple[Rung, ...] = DEFAULT_LADDER
    sending_grace: timedelta = timedelta(minutes=10)
    letter_signer: str = "Accounts receivable"
    letter_template: Template = DEFAULT_LETTER
    dso_days: int = 90
    apply_credit: bool = True
    """apply a client's credit on account to its oldest open invoices whenever an invoice is finalised"""
    reminders_attach_invoice: bool = False
    """attach the full invoice (with its work descriptions) to reminders; by default only a statement"""

    def __post_init__(self) -> None:
        if self.payment_link_template:
            try:
                check_template(self.payment_link_template)
            except ValueError as exc:
                raise BillingError(str(exc)) from exc
        if self.attorney is not None and self.default_timekeeper not in (None, self.attorney.id):
            raise ValueError("default_timekeeper and attorney.id name different timekeepers")

    @property
    def fallback_timekeeper(self) -> str | None:
        """The timekeeper of entries nobody was assigned to."""
        return self.default_timekeeper or (self.attorney.id if self.attorney else None)

    def payment_link(self, number: str | None, amount: Money) -> str | None:
        """The pay-online link for an invoice (or an account) and amount; None without a link template."""
        if not self.payment_link_template or number is None:
            return None
        return payment_link(
            self.payment_link_template, number=number, amount=amount, account=self.payment_account
        )


@dataclass(frozen=True, slots=True)
class BillingContext:
    """The store, settings, clock and mailer that each use case module (setup, prebills, ...) works over."""

    store: BillingStore
    settings: BillingSettings
    clock: Clock
    mailer: Mailer | None = None
    zone: ZoneInfo = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "zone", ZoneInfo(self.settings.timezone))

    def today(self) -> date:
        """The firm's calendar day now."""
        return self.clock().astimezone(self.zone).date()

    def require_mailer(self) -> Mailer:
        if self.mailer is None:
            raise BillingError("no mail server configured")
        return self.mailer


def client_of(invoice: Invoice) -> int:
    """The client id of an invoice read from the store (which always sets it)."""
    if invoice.client_id is None:
        raise BillingError(f"invoice {invoice.id} has no client")
    return invoice.client_id
