"""Billing records: timekeepers, rates, fee terms, billable items, invoice lines and invoices, and their states.

All frozen; money is domain Money (Decimal to the cent), hours are Decimal. They live in domain so that the
store can hand them to billing as they are (as it hands TimeEntry to review).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from ledgerwatch.domain.money import Money


class Classification(enum.StrEnum):
    """LEDES 1998B timekeeper classifications."""

    PARTNER = "PT"
    ASSOCIATE = "AS"
    OF_COUNSEL = "OC"
    LEGAL_ASSISTANT = "LA"
    OTHER = "OT"


@dataclass(frozen=True, slots=True)
class Timekeeper:
    id: str
    name: str
    """'Surname, First', as e-billing systems expect it"""
    initials: str = ""
    classification: Classification = Classification.OTHER
    code_2014: str | None = None
    """the six-letter LEDES 2014 classification, for clients whose e-billing system asks for it"""
    default_rate: Money | None = None
    email: str | None = None


class RateScope(enum.StrEnum):
    MATTER = "matter"
    CLIENT = "client"
    TIMEKEEPER = "timekeeper"
    ACTIVITY = "activity"
    FIRM = "firm"


RATE_PRIORITY = (RateScope.MATTER, RateScope.CLIENT, RateScope.TIMEKEEPER, RateScope.ACTIVITY, RateScope.FIRM)


@dataclass(frozen=True, slots=True)
class Rate:
    """An hourly rate in force from effective_from until a later rule of the same scope and key replaces it.

    key is the matter number, client name, timekeeper id or activity code ('' for the firm default);
    timekeeper narrows a matter or client rate to one timekeeper.
    """

    scope: RateScope
    key: str
    rate: Money
    effective_from: date
    timekeeper: str | None = None


class Arrangement(enum.StrEnum):
    HOURLY = "hourly"
    FLAT = "flat"
    FLAT_PER_TASK = "flat_per_task"
    CAPPED = "capped"
    CONTINGENCY = "contingency"
    RETAINER = "retainer"


@dataclass(frozen=True, slots=True)
class FeeTerms:
    """How a matter is billed."""

    matter: str
    arrangement: Arrangement = Arrangement.HOURLY
    flat_amount: Money | None = None
    task_fees: tuple[tuple[str, Money], ...] = ()
    """UTBMS task code -> flat fee, for flat fees per task"""
    cap: Money | None = None
    retainer_minimum: Money | None = None
    retainer_target: Money | None = None
    """evergreen: the balance a replenishment restores"""
    responsible: str | None = None
    client_matter_id: str = ""


class ItemKind(enum.StrEnum):
    FEE = "F"
    EXPENSE = "E"
    FEE_ADJUSTMENT = "IF"
    EXPENSE_ADJUSTMENT = "IE"


@dataclass(frozen=True, slots=True)
class WorkItem:
    """An approved time entry ready for billing, with the timekeeper who did it."""

    entry_id: str
    day: date
    matter: str
    timekeeper: str
    hours: Decimal
    narrative: str = ""
    task_code: str | None = None
    activity_code: str | None = None


@dataclass(frozen=True, slots=True)
class ExpenseItem:
    expense_id: str
    day: date
    matter: str
    quantity: Decimal
    unit_cost: Money
    code: str = ""
    description: str = ""
    timekeeper: str | None = None


class AdjustmentKind(enum.StrEnum):
    DISCOUNT_PERCENT = "discount_percent"
    DISCOUNT_AMOUNT = "discount_amount"
    WRITE_DOWN = "write_down"
    """an amount taken off before billing, with a reason code"""


@dataclass(frozen=True, slots=True)
class Adjustment:
    """A discount or write-down on one item (item = 'entry:<id>' / 'expense:<id>') or the whole invoice."""

    kind: AdjustmentKind
    value: Decimal
    """percent (10 = 10 %) or an amount in the invoice currency"""
    item: str | None = None
    target: ItemKind = ItemKind.FEE
    """for invoice-level adjustments: fees (IF) or expenses (IE)"""
    reason: str = ""
    memo: str = ""


@dataclass(frozen=True, slots=True)
class Line:
    """One invoice line. total = units x unit_cost + adjustment (the LEDES LINE_ITEM_TOTAL)."""

    kind: ItemKind
    day: date
    units: Decimal | None
    unit_cost: Money | None
    adjustment: Money
    narrative: str = ""
    timekeeper: str | None = None
    entry_id: str | None = None
    expense_id: str | None = None
    task_code: str | None = None
    activity_code: str | None = None
    expense_code: str | None = None
    reason: str = ""
    worked_value: Money | None = None
    """hours at the standard rate, for realization (time billed at no charge still has a worked value)"""
    note: str = ""
    """shown on the invoice: 'no charge (flat fee)', 'cap write-down'"""

    @property
    def total(self) -> Money:
        if self.units is None or self.unit_cost is None:
            return self.adjustment
        return self.unit_cost.times(self.units) + self.adjustment

    @property
    def item(self) -> str | None:
        if self.entry_id is not None:
            return f"entry:{self.entry_id}"
        if self.expense_id is not None:
            return f"expense:{self.expense_id}"
        return None


class InvoiceState(enum.StrEnum):
    DRAFT = "draft"
    FINAL = "final"
    SENT = "sent"
    VOID = "void"
    NO_CHARGE = "no_charge"
    """finalised at a total of zero: the work is closed as billed, and no invoice number is used"""


LIVE_STATES = (InvoiceState.DRAFT, InvoiceState.FINAL, InvoiceState.SENT, InvoiceState.NO_CHARGE)
"""states whose invoice holds its work (its entries and expenses are claimed)"""
OPEN_STATES = (InvoiceState.FINAL, InvoiceState.SENT)
"""states of an issued invoice that A/R counts"""


@dataclass(frozen=True, slots=True)
class Invoice:
    """An invoice for one matter over a billing period; number is None until finalised."""

    client: str
    matter: str
    period_start: date
    period_end: date
    lines: tuple[Line, ...]
    currency: str = "USD"
    arrangement: Arrangement = Arrangement.HOURLY
    responsible: str | None = None
    id: int | None = None
    number: str | None = None
    state: InvoiceState = InvoiceState.DRAFT
    issue_date: date | None = None
    due_date: date | None = None
    replenish: Money | None = None
    """retainer: the deposit requested to bring trust back to its target"""
    client_id: int | None = None
    approved_by: str | None = None
    """who approved the pre-bill for finalising (None: not approved yet)"""

    def _sum(self, kinds: frozenset[ItemKind]) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines:
            if line.kind in kinds:
                total = total + line.total
        return total

    @property
    def fees(self) -> Money:
        return self._sum(frozenset({ItemKind.FEE}))

    @property
    def expenses(self) -> Money:
        return self._sum(frozenset({ItemKind.EXPENSE}))

    @property
    def adjustments(self) -> Money:
        return self._sum(frozenset({ItemKind.FEE_ADJUSTMENT, ItemKind.EXPENSE_ADJUSTMENT}))

    @property
    def total(self) -> Money:
        return self._sum(frozenset(ItemKind))

    @property
    def worked_value(self) -> Money:
        total = Money.zero(self.currency)
        for line in self.lines:
            if line.worked_value is not None:
                total = total + line.worked_value
        return total


@dataclass(frozen=True, slots=True)
class History:
    """What earlier live invoices already billed on the matter (flat fees are billed once; caps add up)."""

    flat_billed: bool = False
    tasks_billed: frozenset[str] = frozenset()
    fees_billed: Decimal = Decimal(0)


class CreditKind(enum.StrEnum):
    """What reduced an invoice's balance other than a payment."""

    CREDIT_NOTE = "credit_note"
    WRITE_OFF = "write_off"
    TRUST = "trust"
    """applied from the client's trust (retainer) funds"""


@dataclass(frozen=True, slots=True)
class Realization:
    """Worked value, what was billed and what was collected, with the two rates firms watch."""

    worked: Money
    billed: Money
    collected: Money

    @property
    def billing_rate(self) -> Decimal:
        """billed / worked, as a fraction (0 when nothing was worked)."""
        return _ratio(self.billed.amount, self.worked.amount)

    @property
    def collection_rate(self) -> Decimal:
        return _ratio(self.collected.amount, self.billed.amount)


def _ratio(part: Decimal, whole: Decimal) -> Decimal:
    if whole == 0:
        return Decimal(0)
    return (part / whole).quantize(Decimal("0.0001"))


class BillingCycle(enum.StrEnum):
    MONTHLY = "monthly"
    ON_DEMAND = "on_demand"


class TimekeeperCodes(enum.StrEnum):
    """Which LEDES timekeeper classifications a client's e-billing system expects."""

    LEDES_1998B = "1998B"
    """PT, AS, ..."""
    LEDES_2014 = "2014"
    """six-letter codes"""


@dataclass(frozen=True, slots=True)
class ClientBilling:
    """Per-client billing settings: contact, cycle, payment terms, LEDES ids and e-billing rules."""

    client: str
    email: str = ""
    address: str = ""
    cycle: BillingCycle = BillingCycle.MONTHLY
    terms_days: int = 30
    ledes_client_id: str = ""
    timekeeper_codes: TimekeeperCodes = TimekeeperCodes.LEDES_1998B
    rules: dict[str, Any] = field(default_factory=dict)
    """e-billing rules as JSON-friendly values (the client's own document); see checks.RuleSet.from_mapping"""
    do_not_contact: bool = False
    salutation: str = ""
    """how letters and reminders greet the client ('Ms. Smith'); empty: the client's name as written"""

    @property
    def greeting(self) -> str:
        """'Dear Ms. Smith': the salutation, else the name turned round ('Smith, Jordan' -> 'Jordan Smith')."""
        if self.salutation.strip():
            return f"Dear {self.salutation.strip()}"
        surname, comma, given = self.client.partition(",")
        person = comma and given.strip() and given.strip(" .").lower() not in _CORPORATE
        name = f"{given.strip()} {surname.strip()}" if person else self.client
        return f"Dear {name}"

    @property
    def address_lines(self) -> list[str]:
        """The postal address, one non-blank line each."""
        return [ln for ln in self.address.splitlines() if ln.strip()]


class ReminderState(enum.StrEnum):
    """A reminder's record: written before the e-mail goes out, so none is ever sent twice."""

    SENDING = "sending"
    SENT = "sent"
    UNKNOWN = "unknown"
    """a crash or broken connection after the claim: a person checks the mail log"""
    SKIPPED = "skipped"
    """superseded by a later rung that was due at the same time"""


class LetterState(enum.StrEnum):
    """A collection letter: drafted, approved by a person, sent."""

    DRAFT = "draft"
    APPROVED = "approved"
    SENT = "sent"


PAYMENT_LINK_FIELDS = frozenset({"number", "amount", "currency", "account"})
"""the placeholders a payment-link template may use: {number}, {amount}, {currency}, {account}"""


_CORPORATE = frozenset(
    {"inc", "llc", "ltd", "llp", "lp", "corp", "co", "pc", "pllc", "plc", "gmbh", "ag", "sa", "nv", "bv"}
)
"""what follows a comma in a company's name ('Acme, Inc.'): not a given name to turn round"""
