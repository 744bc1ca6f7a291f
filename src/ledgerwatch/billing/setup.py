"""Billing setup: timekeepers, rates and the rate book, matters' fee terms, clients' billing details, expenses."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from ledgerwatch.billing.checks import RuleSet
from ledgerwatch.billing.context import BillingContext, BillingError
from ledgerwatch.billing.rates import RateBook
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ClientBilling, ExpenseItem, FeeTerms, Rate, RateScope, Timekeeper
from ledgerwatch.store.billing import BillingTables

EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
EXPENSE_CODE = re.compile(r"E1\d\d")
"""a UTBMS expense code (E101 copying ... E124 other); an expense may also have none"""
CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class ExpenseRecord:
    """A stored expense, its amount (quantity x unit cost, in the matter's currency) and the live invoice that
    claims it (None: unbilled, so the matter's next pre-bill picks it up)."""

    item: ExpenseItem
    amount: Decimal
    invoice_id: int | None


def add_timekeeper(ctx: BillingContext, tk: Timekeeper) -> None:
    with ctx.store.write() as tx:
        tx.setup.put_timekeeper(tk)


def timekeepers(ctx: BillingContext) -> dict[str, Timekeeper]:
    with ctx.store.read() as tx:
        return known_timekeepers(ctx, tx)


def known_timekeepers(ctx: BillingContext, tx: BillingTables) -> dict[str, Timekeeper]:
    """Stored timekeepers, plus the configured attorney while no stored record has that id."""
    found = {tk.id: tk for tk in tx.setup.timekeepers()}
    attorney = ctx.settings.attorney
    if attorney is not None and attorney.id not in found:
        found[attorney.id] = attorney
    return found


def seed_attorney(ctx: BillingContext, tx: BillingTables) -> None:
    """Store the configured attorney as a timekeeper (once) so invoices name who did the work."""
    attorney = ctx.settings.attorney
    if attorney is None or any(tk.id == attorney.id for tk in tx.setup.timekeepers()):
        return
    # No stored rate: it is read from settings each time, so changing the setting takes effect.
    tx.setup.put_timekeeper(replace(attorney, default_rate=None))


def assign(ctx: BillingContext, entry_id: str, timekeeper: str) -> None:
    with ctx.store.write() as tx:
        tx.setup.assign(entry_id, timekeeper)


def _positive(what: str, value: Decimal) -> None:
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        raise BillingError(f"{what} is positive, to the cent (got {value})")


def add_rate(ctx: BillingContext, rate: Rate) -> None:
    """Store a rate rule; refused when the rate is not a positive amount or what it is keyed on is unknown."""
    _positive("a rate", rate.rate.amount)
    if rate.scope is RateScope.FIRM and rate.key:
        raise BillingError("the firm rate has no key")
    if rate.scope is not RateScope.FIRM and not rate.key.strip():
        raise BillingError(f"a {rate.scope.value} rate names its {rate.scope.value}")
    if rate.timekeeper is not None and rate.scope not in (RateScope.MATTER, RateScope.CLIENT):
        raise BillingError("only a matter or client rate is narrowed to a timekeeper")
    with ctx.store.write() as tx:
        if rate.scope is RateScope.MATTER and tx.work.matter(rate.key) is None:
            raise BillingError(f"no matter {rate.key!r}")
        if rate.scope is RateScope.CLIENT and tx.setup.client_id(rate.key) is None:
            raise BillingError(f"no client named {rate.key!r}")
        known = known_timekeepers(ctx, tx)
        for tk in (rate.key if rate.scope is RateScope.TIMEKEEPER else None, rate.timekeeper):
            if tk is not None and tk not in known:
                raise BillingError(f"no timekeeper {tk!r}")
        tx.setup.add_rate(rate)


def rates(ctx: BillingContext) -> list[Rate]:
    """The stored rate rules, oldest effective date first (timekeepers' default rates are on the timekeepers)."""
    with ctx.store.read() as tx:
        return tx.setup.rates()


def rate_book(ctx: BillingContext, tx: BillingTables) -> RateBook:
    """Stored rates, stored timekeepers' default rates, then the settings' attorney and firm rates."""
    rules = tx.setup.rates()
    for tk in tx.setup.timekeepers():
        if tk.default_rate is not None:
            rules.append(Rate(RateScope.TIMEKEEPER, tk.id, tk.default_rate, date.min))
    scopes = {(r.scope, r.key) for r in rules}
    attorney = ctx.settings.attorney
    if (
        attorney is not None
        and attorney.default_rate is not None
        and (RateScope.TIMEKEEPER, attorney.id) not in scopes
    ):
        rules.append(Rate(RateScope.TIMEKEEPER, attorney.id, attorney.default_rate, date.min))
    if ctx.settings.firm_rate is not None and (RateScope.FIRM, "") not in scopes:
        rules.append(Rate(RateScope.FIRM, "", ctx.settings.firm_rate, date.min))
    return RateBook.of(rules)


def set_terms(ctx: BillingContext, terms: FeeTerms) -> None:
    with ctx.store.write() as tx:
        tx.setup.put_terms(terms)


def client_id(tx: BillingTables, client: str) -> int:
    """A client's id by name; a BillingError when there is none."""
    cid = tx.setup.client_id(client)
    if cid is None:
        raise BillingError(f"no client named {client!r}")
    return cid


def client_billing(ctx: BillingContext, client: str) -> ClientBilling:
    """A client's billing settings (the defaults when none are stored yet)."""
    with ctx.store.read() as tx:
        return tx.setup.client(client_id(tx, client))


def set_client(ctx: BillingContext, billing: ClientBilling) -> int:
    """Store a client's billing settings (its e-billing rules must parse); the client's id."""
    if billing.email and not EMAIL.fullmatch(billing.email):
        raise BillingError(f"not an e-mail address: {billing.email!r}")
    if billing.terms_days < 0:
        raise BillingError(f"payment terms cannot be negative ({billing.terms_days} days)")
    try:
        RuleSet.from_mapping(billing.rules)
    except (ValueError, TypeError) as exc:
        raise BillingError(f"e-billing rules: {exc}") from exc
    with ctx.store.write() as tx:
        return tx.setup.put_client(billing)


def do_not_contact(ctx: BillingContext, client: str, flag: bool = True) -> None:
    with ctx.store.write() as tx:
        tx.setup.set_do_not_contact(client_id(tx, client), flag)


def add_expense(ctx: BillingContext, item: ExpenseItem) -> None:
    """Store a disbursement on a matter; refused for an unknown matter, a non-positive quantity or cost, a code
    that is not a UTBMS expense code, no description, or an id already used. The matter's next pre-bill
    through the expense's day picks it up."""
    _positive("a quantity", item.quantity)
    _positive("an expense's cost", item.unit_cost.amount)
    if item.code and not EXPENSE_CODE.fullmatch(item.code):
        raise BillingError(f"not a UTBMS expense code (E101-E199): {item.code!r}")
    if not item.description.strip():
        raise BillingError("an expense needs a description")
    with ctx.store.write() as tx:
        if tx.work.matter(item.matter) is None:
            raise BillingError(f"no matter {item.matter!r}")
        if item.timekeeper is not None and item.timekeeper not in known_timekeepers(ctx, tx):
            raise BillingError(f"no timekeeper {item.timekeeper!r}")
        if tx.setup.has_expense(item.expense_id):
            raise BillingError(f"there is already an expense {item.expense_id!r}")
        tx.setup.add_expense(item)


def expenses(ctx: BillingContext, matter: str | None = None) -> list[ExpenseRecord]:
    """Stored expenses (one matter's, or all), newest first, each priced in its matter's currency and with the
    live invoice that claims it, if any."""
    with ctx.store.read() as tx:
        rows = tx.setup.expense_rows(matter)
        currencies: dict[str, str] = {}
        for number in {r["matter"] for r in rows}:
            found = tx.work.matter(number)
            currencies[number] = found.currency if found else "USD"
        claims = tx.invoices.claimed([f"expense:{r['id']}" for r in rows]) if rows else {}
    out = []
    for r in rows:
        cost = Money(Decimal(r["unit_cost"]), currencies[r["matter"]])
        item = ExpenseItem(
            r["id"], r["day"], r["matter"], Decimal(r["quantity"]), cost, r["code"], r["description"],
            r["timekeeper_id"],
        )  # fmt: skip
        amount = (item.quantity * cost.amount).quantize(CENT)
        out.append(ExpenseRecord(item, amount, claims.get(f"expense:{r['id']}")))
    return out


def rate_for(ctx: BillingContext, matter: str, day: date, timekeeper: str | None = None) -> Rate | None:
    """The hourly rate an invoice would charge for the matter's work on day (matter > client > timekeeper >
    firm; the matter's own rate when billing set none), or None when no rate applies: the review page shows
    amounts from here, so they equal what the invoice will say."""
    with ctx.store.read() as tx:
        found = tx.work.matter(matter)
        if found is None:
            return None
        book = rate_book(ctx, tx)
    rules = [rule for rules in book.index.values() for rule in rules]
    if found.rate is not None and not any(r.scope is RateScope.MATTER and r.key == matter for r in rules):
        rules.append(Rate(RateScope.MATTER, matter, found.rate, date.min))
    who = timekeeper or ctx.settings.fallback_timekeeper or ""
    return RateBook.of(rules).resolve(day=day, matter=matter, client=found.client, timekeeper=who)
