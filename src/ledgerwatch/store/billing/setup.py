"""Billing setup tables: timekeepers and who did which entry, rates, fee terms, clients' billing details, expenses."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, select, update

from ledgerwatch.domain import Client, Money
from ledgerwatch.domain.billing import (
    Arrangement,
    BillingCycle,
    Classification,
    ClientBilling,
    ExpenseItem,
    FeeTerms,
    Rate,
    RateScope,
    Timekeeper,
    TimekeeperCodes,
)
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store.codec import dumps
from ledgerwatch.store.matters import client_id as upsert_client
from ledgerwatch.store.schema import (
    bill_client_settings,
    bill_entry_timekeeper,
    bill_expenses,
    bill_rates,
    bill_terms,
    bill_timekeepers,
    clients,
)


class BillingRecordNotFound(LedgerwatchError, LookupError):
    """A billing row asked for by id does not exist (an invoice, a client)."""


def _amount(value: Money | None) -> Decimal | None:
    return None if value is None else value.amount


class SetupTables:
    """Billing's setup, read and written inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- timekeepers ---

    def put_timekeeper(self, tk: Timekeeper) -> None:
        """Insert or replace a timekeeper by id."""
        row = {
            "id": tk.id,
            "name": tk.name,
            "initials": tk.initials,
            "classification": tk.classification.value,
            "code_2014": tk.code_2014,
            "default_rate": _amount(tk.default_rate),
            "email": tk.email,
        }
        conn = self._conn
        if conn.execute(select(bill_timekeepers.c.id).where(bill_timekeepers.c.id == tk.id)).first():
            conn.execute(update(bill_timekeepers).where(bill_timekeepers.c.id == tk.id).values(**row))
        else:
            conn.execute(bill_timekeepers.insert().values(**row))

    def timekeepers(self) -> list[Timekeeper]:
        rows = self._conn.execute(select(bill_timekeepers).order_by(bill_timekeepers.c.id)).mappings()
        return [
            Timekeeper(
                id=r["id"],
                name=r["name"],
                initials=r["initials"],
                classification=Classification(r["classification"]),
                code_2014=r["code_2014"],
                default_rate=Money(Decimal(r["default_rate"])) if r["default_rate"] is not None else None,
                email=r["email"],
            )
            for r in rows
        ]

    def assign(self, entry_id: str, timekeeper_id: str) -> None:
        """Record who did an entry's work (replacing any earlier assignment)."""
        self._conn.execute(delete(bill_entry_timekeeper).where(bill_entry_timekeeper.c.entry_id == entry_id))
        self._conn.execute(
            bill_entry_timekeeper.insert().values(entry_id=entry_id, timekeeper_id=timekeeper_id)
        )

    # --- rates and fee terms ---

    def add_rate(self, rate: Rate) -> None:
        self._conn.execute(
            bill_rates.insert().values(
                scope=rate.scope.value,
                key=rate.key,
                timekeeper_id=rate.timekeeper,
                rate=rate.rate.amount,
                currency=rate.rate.currency,
                effective_from=rate.effective_from,
            )
        )

    def rates(self) -> list[Rate]:
        """Stored rate rules, oldest first."""
        stmt = select(bill_rates).order_by(bill_rates.c.effective_from, bill_rates.c.id)
        return [
            Rate(
                RateScope(r["scope"]),
                r["key"],
                Money(Decimal(r["rate"]), r["currency"]),
                r["effective_from"],
                r["timekeeper_id"],
            )
            for r in self._conn.execute(stmt).mappings()
        ]

    def put_terms(self, terms: FeeTerms) -> None:
        """Insert or replace how a matter is billed."""
        row = {
            "matter": terms.matter,
            "arrangement": terms.arrangement.value,
            "flat_amount": _amount(terms.flat_amount),
            "task_fees": dumps({k: str(v.amount) for k, v in terms.task_fees}),
            "cap_amount": _amount(terms.cap),
            "retainer_minimum": _amount(terms.retainer_minimum),
            "retainer_target": _amount(terms.retainer_target),
            "responsible": terms.responsible,
            "client_matter_id": terms.client_matter_id,
        }
        conn = self._conn
        if conn.execute(select(bill_terms.c.matter).where(bill_terms.c.matter == terms.matter)).first():
            conn.execute(update(bill_terms).where(bill_terms.c.matter == terms.matter).values(**row))
        else:
            conn.execute(bill_terms.insert().values(**row))

    def terms(self, matter: str, currency: str) -> FeeTerms:
        """The matter's fee terms with amounts in currency; hourly when none are stored."""
        r = self._conn.execute(select(bill_terms).where(bill_terms.c.matter == matter)).mappings().first()
        return _terms(matter, currency, r)

    def terms_by_matter(self, currencies: dict[str, str]) -> dict[str, FeeTerms]:
        """terms() for many matters (number -> its currency) in one query."""
        rows = {
            r["matter"]: r
            for r in self._conn.execute(
                select(bill_terms).where(bill_terms.c.matter.in_(list(currencies)))
            ).mappings()
        }
        return {m: _terms(m, c, rows.get(m)) for m, c in currencies.items()}

    # --- clients ---

    def client_id(self, name: str) -> int | None:
        found = self._conn.execute(select(clients.c.id).where(clients.c.name == name)).scalar()
        return None if found is None else int(found)

    def put_client(self, billing: ClientBilling) -> int:
        """A client's billing details and do-not-contact flag (the client is created by name if new); its id."""
        cid = self.client_id(billing.client)
        if cid is None:
            cid = upsert_client(self._conn, Client(billing.client))
        self._put_settings(
            cid,
            {
                "email": billing.email,
                "address": billing.address,
                "cycle": str(billing.cycle),
                "terms_days": billing.terms_days,
                "ledes_client_id": billing.ledes_client_id,
                "timekeeper_codes": str(billing.timekeeper_codes),
                "rules": dumps(dict(billing.rules)),
                "salutation": billing.salutation,
            },
        )
        self.set_do_not_contact(cid, billing.do_not_contact)
        return cid

    def _put_settings(self, cid: int, values: dict[str, object]) -> None:
        conn = self._conn
        where = bill_client_settings.c.client_id == cid
        if conn.execute(select(bill_client_settings.c.client_id).where(where)).first():
            conn.execute(update(bill_client_settings).where(where).values(**values))
        else:
            conn.execute(bill_client_settings.insert().values(client_id=cid, **values))

    def client(self, cid: int) -> ClientBilling:
        """The client's billing details and do-not-contact flag (the defaults where none are stored)."""
        stmt = (
            select(
                clients.c.name,
                clients.c.do_not_contact,
                bill_client_settings.c.email,
                bill_client_settings.c.address,
                bill_client_settings.c.cycle,
                bill_client_settings.c.terms_days,
                bill_client_settings.c.ledes_client_id,
                bill_client_settings.c.timekeeper_codes,
                bill_client_settings.c.rules,
                bill_client_settings.c.salutation,
            )
            .select_from(
                clients.outerjoin(bill_client_settings, bill_client_settings.c.client_id == clients.c.id)
            )
            .where(clients.c.id == cid)
        )
        r = self._conn.execute(stmt).mappings().first()
        if r is None:
            raise BillingRecordNotFound(f"no client with id {cid}")
        return ClientBilling(
            client=r["name"],
            email=_or(r["email"], ""),
            address=_or(r["address"], ""),
            cycle=BillingCycle(_or(r["cycle"], BillingCycle.MONTHLY)),
            terms_days=int(_or(r["terms_days"], 30)),
            ledes_client_id=_or(r["ledes_client_id"], ""),
            timekeeper_codes=TimekeeperCodes(r["timekeeper_codes"] or TimekeeperCodes.LEDES_1998B),
            rules=json.loads(r["rules"]) if r["rules"] else {},
            do_not_contact=bool(r["do_not_contact"]),
            salutation=_or(r["salutation"], ""),
        )

    def last_cycle(self, cid: int) -> date | None:
        """The day the client's billing cycle last ran, if it ever did."""
        found = self._conn.execute(
            select(bill_client_settings.c.last_cycle_on).where(bill_client_settings.c.client_id == cid)
        ).scalar()
        return found if isinstance(found, date) else None

    def mark_cycle(self, cid: int, on: date) -> None:
        """Remember the day the client's billing cycle last ran."""
        self._put_settings(cid, {"last_cycle_on": on})

    def set_do_not_contact(self, cid: int, flag: bool) -> None:
        self._conn.execute(update(clients).where(clients.c.id == cid).values(do_not_contact=flag))

    # --- expenses ---

    def has_expense(self, expense_id: str) -> bool:
        return self._conn.execute(select(bill_expenses.c.id).where(bill_expenses.c.id == expense_id)).first() is not None

    def expense_rows(self, matter: str | None = None) -> list[dict[str, Any]]:
        """Stored expenses (one matter's, or all), newest first, as plain rows (amounts unpriced)."""
        stmt = select(bill_expenses).order_by(bill_expenses.c.day.desc(), bill_expenses.c.id.desc())
        if matter is not None:
            stmt = stmt.where(bill_expenses.c.matter == matter)
        return [dict(r) for r in self._conn.execute(stmt).mappings()]

    def add_expense(self, item: ExpenseItem) -> None:
        self._conn.execute(
            bill_expenses.insert().values(
                id=item.expense_id,
                matter=item.matter,
                day=item.day,
                quantity=item.quantity,
                unit_cost=item.unit_cost.amount,
                code=item.code,
                description=item.description,
                timekeeper_id=item.timekeeper,
            )
        )


def _or(value: Any, default: Any) -> Any:
    """A stored value, or the default where the column is NULL (no settings row yet)."""
    return default if value is None else value


def _terms(matter: str, currency: str, r: Any) -> FeeTerms:
    """A matter's fee terms from its row (hourly when there is none), amounts in currency."""
    if r is None:
        return FeeTerms(matter)

    def money(value: Any) -> Money | None:
        return None if value is None else Money(Decimal(value), currency)

    task_fees = {k: Decimal(v) for k, v in json.loads(r["task_fees"]).items()}
    return FeeTerms(
        matter=matter,
        arrangement=Arrangement(r["arrangement"]),
        flat_amount=money(r["flat_amount"]),
        task_fees=tuple((k, Money(v, currency)) for k, v in sorted(task_fees.items())),
        cap=money(r["cap_amount"]),
        retainer_minimum=money(r["retainer_minimum"]),
        retainer_target=money(r["retainer_target"]),
        responsible=r["responsible"],
        client_matter_id=r["client_matter_id"] or "",
    )
