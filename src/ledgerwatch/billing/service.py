"""Billing services for the CLI and the review app: drafts, finalisation, exports, payments, A/R, reminders, letters.

Every moment comes from the injected clock; the firm's local calendar day is taken in settings.timezone.

Reminders are never sent twice, across crashes and restarts, because a record comes first:
  1. in one transaction, insert (invoice, rung, 'sending'); the primary key refuses a second claimant;
  2. send the e-mail;
  3. mark the record 'sent' (or delete it when the server surely refused: a later run retries).
A crash between 1 and 3 leaves 'sending'. A later run turns records older than settings.sending_grace into
'unknown' and never retries them on its own: a person checks the mail log and calls resolve_reminder().
So a crash can cost a reminder (flagged for review) but can never send one twice.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from string import Template
from typing import Any
from zoneinfo import ZoneInfo

from ledgerwatch.billing import aging as ar
from ledgerwatch.billing.checks import RuleSet, blocking, check_invoice
from ledgerwatch.billing.csvfile import write_csv
from ledgerwatch.billing.invoicing import Context, Draft, History, apply_retainer, draft_invoice, due_date
from ledgerwatch.billing.ledes import LedesError, LedesParty, write_ledes
from ledgerwatch.billing.mail import Mailer, MaybeSent, NotSent, message
from ledgerwatch.billing.model import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    Classification,
    ClientBilling,
    ExpenseItem,
    FeeTerms,
    Invoice,
    InvoiceState,
    ItemKind,
    Line,
    Rate,
    RateScope,
    Realization,
    Timekeeper,
    WorkItem,
)
from ledgerwatch.billing.payments import PaymentRecord, allocate, check_template, payment_link
from ledgerwatch.billing.pdf import (
    DEFAULT_LETTER,
    Letterhead,
    PastDue,
    Statement,
    letter_text,
    render_invoice,
    render_letter,
)
from ledgerwatch.billing.rates import RateBook
from ledgerwatch.billing.reminders import DEFAULT_LADDER, ReminderFacts, Rung, decide
from ledgerwatch.domain import Money, Problem, ProblemCode, Severity
from ledgerwatch.domain.clock import Clock
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store import Database
from ledgerwatch.store import billing as repo

Row = dict[str, Any]


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

    def __post_init__(self) -> None:
        if self.payment_link_template:
            check_template(self.payment_link_template)
        if self.attorney is not None and self.default_timekeeper not in (None, self.attorney.id):
            raise ValueError("default_timekeeper and attorney.id name different timekeepers")

    @property
    def fallback_timekeeper(self) -> str | None:
        """The timekeeper of entries nobody was assigned to."""
        return self.default_timekeeper or (self.attorney.id if self.attorney else None)


@dataclass(frozen=True, slots=True)
class DraftOutcome:
    matter: str
    invoice_id: int | None
    invoice: Invoice | None
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class FinalizeOutcome:
    invoice_id: int
    number: str | None
    """None when blocking problems stopped finalisation"""
    problems: tuple[Problem, ...] = ()
    trust_applied: Money | None = None
    replenish: Money | None = None


@dataclass(frozen=True, slots=True)
class PaymentOutcome:
    payment_id: int | None
    """None: already recorded (the same provider payment pulled again)"""
    allocations: tuple[tuple[str, Decimal], ...] = ()
    unapplied: Decimal = Decimal(0)
    problem: str = ""
    """why a pulled payment was not recorded (unknown client, ...); empty when it was"""
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class ReminderOutcome:
    invoice: str
    rung: str | None
    status: str
    """sent | would-send | skipped | failed | unknown | paused | none"""
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReminderRun:
    outcomes: tuple[ReminderOutcome, ...] = field(default=())
    needs_review: tuple[ReminderOutcome, ...] = field(default=())

    @property
    def sent(self) -> tuple[ReminderOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "sent")


def _money(value: Any, currency: str) -> Money:
    return Money(Decimal(value), currency)


def _line_row(seq: int, line: Line) -> Row:
    return {
        "seq": seq,
        "kind": line.kind.value,
        "entry_id": line.entry_id,
        "expense_id": line.expense_id,
        "day": line.day,
        "timekeeper_id": line.timekeeper,
        "units": line.units,
        "unit_cost": line.unit_cost.amount if line.unit_cost else None,
        "adjustment": line.adjustment.amount,
        "total": line.total.amount,
        "worked_value": line.worked_value.amount if line.worked_value else Decimal(0),
        "task_code": line.task_code,
        "activity_code": line.activity_code,
        "expense_code": line.expense_code,
        "narrative": line.narrative,
        "reason": line.reason,
        "note": line.note,
    }


def _line(row: Row, currency: str) -> Line:
    kind = ItemKind(row["kind"])
    units = Decimal(row["units"]).normalize() if row["units"] is not None else None
    if units is not None and units == units.to_integral_value():
        units = units.quantize(Decimal("0.1"))
    worked = Decimal(row["worked_value"])
    return Line(
        kind=kind,
        day=row["day"],
        units=units,
        unit_cost=_money(row["unit_cost"], currency) if row["unit_cost"] is not None else None,
        adjustment=_money(row["adjustment"], currency),
        narrative=row["narrative"],
        timekeeper=row["timekeeper_id"],
        entry_id=row["entry_id"],
        expense_id=row["expense_id"],
        task_code=row["task_code"],
        activity_code=row["activity_code"],
        expense_code=row["expense_code"],
        reason=row["reason"],
        worked_value=_money(worked, currency) if kind is ItemKind.FEE else None,
        note=row["note"],
    )


def _invoice(head: Row, lines: Sequence[Row]) -> Invoice:
    currency = head["currency"]
    replenish = Decimal(head["replenish"])
    return Invoice(
        client=head["client"],
        matter=head["matter"],
        period_start=head["period_start"],
        period_end=head["period_end"],
        lines=tuple(_line(r, currency) for r in lines),
        currency=currency,
        arrangement=Arrangement(head["arrangement"]),
        responsible=head["responsible"],
        id=head["id"],
        number=head["number"],
        state=InvoiceState(head["state"]),
        issue_date=head["issue_date"],
        due_date=head["due_date"],
        replenish=Money(replenish, currency) if replenish else None,
        client_id=head["client_id"],
    )


def _terms(row: Row | None, matter: str, currency: str) -> FeeTerms:
    if row is None:
        return FeeTerms(matter)

    def m(value: Any) -> Money | None:
        return None if value is None else Money(Decimal(value), currency)

    return FeeTerms(
        matter=matter,
        arrangement=Arrangement(row["arrangement"]),
        flat_amount=m(row["flat_amount"]),
        task_fees=tuple((k, Money(v, currency)) for k, v in sorted(row["task_fees"].items())),
        cap=m(row["cap_amount"]),
        retainer_minimum=m(row["retainer_minimum"]),
        retainer_target=m(row["retainer_target"]),
        responsible=row["responsible"],
        client_matter_id=row["client_matter_id"] or "",
    )


def _timekeeper(row: Row) -> Timekeeper:
    return Timekeeper(
        id=row["id"],
        name=row["name"],
        initials=row["initials"],
        classification=Classification(row["classification"]),
        code_2014=row["code_2014"],
        default_rate=Money(Decimal(row["default_rate"])) if row["default_rate"] is not None else None,
        email=row["email"],
    )


def _client_billing(row: Row) -> ClientBilling:
    return ClientBilling(
        client=row["name"],
        email=row["email"],
        address=row["address"],
        cycle=row["cycle"],
        terms_days=int(row["terms_days"]),
        ledes_client_id=row["ledes_client_id"],
        timekeeper_codes=row["timekeeper_codes"],
        rules=dict(row["rules"]),
        do_not_contact=bool(row["do_not_contact"]),
    )


class BillingService:
    def __init__(
        self, db: Database, settings: BillingSettings, clock: Clock, mailer: Mailer | None = None
    ) -> None:
        self.db = db
        self.settings = settings
        self.clock = clock
        self.mailer = mailer
        self.zone = ZoneInfo(settings.timezone)

    def today(self) -> date:
        return self.clock().astimezone(self.zone).date()

    # --- setup ---

    def add_timekeeper(self, tk: Timekeeper) -> None:
        row = {
            "id": tk.id,
            "name": tk.name,
            "initials": tk.initials,
            "classification": tk.classification.value,
            "code_2014": tk.code_2014,
            "default_rate": tk.default_rate.amount if tk.default_rate else None,
            "email": tk.email,
        }
        with self.db.begin() as conn:
            repo.put_timekeeper(conn, row)

    def timekeepers(self) -> dict[str, Timekeeper]:
        with self.db.connect() as conn:
            return self._timekeepers(conn)

    def _timekeepers(self, conn: Any) -> dict[str, Timekeeper]:
        """Stored timekeepers, plus the configured attorney while no stored record has that id."""
        found = {r["id"]: _timekeeper(r) for r in repo.timekeepers(conn)}
        attorney = self.settings.attorney
        if attorney is not None and attorney.id not in found:
            found[attorney.id] = attorney
        return found

    def _seed(self, conn: Any) -> None:
        """Store the configured attorney as a timekeeper (once) so invoices name who did the work."""
        attorney = self.settings.attorney
        if attorney is None or any(r["id"] == attorney.id for r in repo.timekeepers(conn)):
            return
        repo.put_timekeeper(
            conn,
            {
                "id": attorney.id,
                "name": attorney.name,
                "initials": attorney.initials,
                "classification": attorney.classification.value,
                "code_2014": attorney.code_2014,
                "default_rate": None,  # read from settings each time, so changing the setting takes effect
                "email": attorney.email,
            },
        )

    def assign(self, entry_id: str, timekeeper: str) -> None:
        with self.db.begin() as conn:
            repo.assign_timekeeper(conn, entry_id, timekeeper)

    def add_rate(self, rate: Rate) -> None:
        with self.db.begin() as conn:
            repo.add_rate(
                conn,
                {
                    "scope": rate.scope.value,
                    "key": rate.key,
                    "timekeeper_id": rate.timekeeper,
                    "rate": rate.rate.amount,
                    "currency": rate.rate.currency,
                    "effective_from": rate.effective_from,
                },
            )

    def set_terms(self, terms: FeeTerms) -> None:
        def a(value: Money | None) -> Decimal | None:
            return None if value is None else value.amount

        row = {
            "matter": terms.matter,
            "arrangement": terms.arrangement.value,
            "flat_amount": a(terms.flat_amount),
            "task_fees": {k: v.amount for k, v in terms.task_fees},
            "cap_amount": a(terms.cap),
            "retainer_minimum": a(terms.retainer_minimum),
            "retainer_target": a(terms.retainer_target),
            "responsible": terms.responsible,
            "client_matter_id": terms.client_matter_id,
        }
        with self.db.begin() as conn:
            repo.put_terms(conn, row)

    def client_billing(self, client: str) -> ClientBilling:
        """A client's billing settings (the defaults when none are stored yet)."""
        with self.db.connect() as conn:
            cid = repo.client_id(conn, client)
            if cid is None:
                raise BillingError(f"no client named {client!r}")
            return _client_billing(repo.client_settings(conn, cid))

    def set_client(self, billing: ClientBilling) -> int:
        row = {
            "email": billing.email,
            "address": billing.address,
            "cycle": billing.cycle,
            "terms_days": billing.terms_days,
            "ledes_client_id": billing.ledes_client_id,
            "timekeeper_codes": billing.timekeeper_codes,
            "rules": dict(billing.rules),
        }
        RuleSet.from_mapping(billing.rules)
        with self.db.begin() as conn:
            cid = repo.put_client_settings(conn, billing.client, row)
            repo.set_do_not_contact(conn, cid, billing.do_not_contact)
            return cid

    def add_expense(self, item: ExpenseItem) -> None:
        with self.db.begin() as conn:
            repo.add_expense(
                conn,
                {
                    "id": item.expense_id,
                    "matter": item.matter,
                    "day": item.day,
                    "quantity": item.quantity,
                    "unit_cost": item.unit_cost.amount,
                    "code": item.code,
                    "description": item.description,
                    "timekeeper_id": item.timekeeper,
                },
            )

    def deposit_trust(self, client: str, amount: Money, memo: str = "retainer deposit") -> None:
        with self.db.begin() as conn:
            cid = self._client_id(conn, client)
            repo.add_trust(
                conn,
                {"client_id": cid, "day": self.today(), "amount": amount.amount, "memo": memo},
                self.clock(),
            )

    def trust_balance(self, client: str) -> Decimal:
        with self.db.connect() as conn:
            return repo.trust_balances(conn).get(self._client_id(conn, client), Decimal(0))

    def _client_id(self, conn: Any, client: str) -> int:
        cid = repo.client_id(conn, client)
        if cid is None:
            raise BillingError(f"no client named {client!r}")
        return cid

    # --- drafting ---

    def _rate_book(self, conn: Any) -> RateBook:
        rules = [
            Rate(
                RateScope(r["scope"]),
                r["key"],
                Money(Decimal(r["rate"]), r["currency"]),
                r["effective_from"],
                r["timekeeper_id"],
            )
            for r in repo.rates(conn)
        ]
        for tk in repo.timekeepers(conn):
            if tk["default_rate"] is not None:
                rules.append(
                    Rate(RateScope.TIMEKEEPER, tk["id"], Money(Decimal(tk["default_rate"])), date.min)
                )
        scopes = {(r.scope, r.key) for r in rules}
        attorney = self.settings.attorney
        if (
            attorney is not None
            and attorney.default_rate is not None
            and (RateScope.TIMEKEEPER, attorney.id) not in scopes
        ):
            rules.append(Rate(RateScope.TIMEKEEPER, attorney.id, attorney.default_rate, date.min))
        if self.settings.firm_rate is not None and (RateScope.FIRM, "") not in scopes:
            rules.append(Rate(RateScope.FIRM, "", self.settings.firm_rate, date.min))
        return RateBook.of(rules)

    def rate_for(self, matter: str, day: date, timekeeper: str | None = None) -> Rate | None:
        """The hourly rate an invoice would charge for the matter's work on day (matter > client > timekeeper
        > firm, the matter's own rate when billing set none), or None when no rate applies.

        The review page shows amounts from here, so they equal what the invoice will say.
        """
        with self.db.connect() as conn:
            row = repo.matter_row(conn, matter)
            if row is None:
                return None
            rules = [r for rules in self._rate_book(conn).index.values() for r in rules]
            if row["rate"] is not None and not any(
                r.scope is RateScope.MATTER and r.key == matter for r in rules
            ):
                own = Money(Decimal(row["rate"]), row["currency"])
                rules.append(Rate(RateScope.MATTER, matter, own, date.min))
        who = timekeeper or self.settings.fallback_timekeeper or ""
        return RateBook.of(rules).resolve(day=day, matter=matter, client=row["client"], timekeeper=who)

    def _draft(self, conn: Any, matter: Row, through: date, book: RateBook, invoice_id: int | None) -> Draft:
        currency = matter["currency"]
        terms = _terms(repo.terms(conn, matter["number"]), matter["number"], currency)
        if matter["rate"] is not None and (RateScope.MATTER, matter["number"]) not in book.index:
            # The matter's own rate (matters.csv or the provider) when billing set no matter rate.
            book = RateBook.of(
                [
                    *[r for rules in book.index.values() for r in rules],
                    Rate(
                        RateScope.MATTER, matter["number"], Money(Decimal(matter["rate"]), currency), date.min
                    ),
                ]
            )
        problems: list[Problem] = []
        work = []
        rows = repo.unbilled_work(conn, matter["number"], through)
        if invoice_id is not None:
            _, current = repo.invoice(conn, invoice_id)
            mine = {r["entry_id"] for r in current if r["entry_id"]}
            rows = [r for r in rows if r["id"] not in mine] + self._claimed_work(conn, mine)
        for r in rows:
            tk = r["timekeeper_id"] or self.settings.fallback_timekeeper
            if tk is None:
                problems.append(
                    Problem(
                        ProblemCode.NO_TIMEKEEPER,
                        f"entry {r['id']}: no timekeeper (set billing.default_timekeeper)",
                        Severity.ERROR,
                    )
                )
                tk = ""
            work.append(
                WorkItem(
                    entry_id=r["id"],
                    day=r["day"],
                    matter=r["matter"],
                    timekeeper=tk,
                    hours=Decimal(r["billed_hours"]).normalize(),
                    narrative=r["description"],
                    task_code=r["task_code"],
                    activity_code=r["activity_code"],
                )
            )
        expense_rows = repo.unbilled_expenses(conn, matter["number"], through)
        expenses = [
            ExpenseItem(
                expense_id=x["id"],
                day=x["day"],
                matter=x["matter"],
                quantity=Decimal(x["quantity"]),
                unit_cost=Money(Decimal(x["unit_cost"]), currency),
                code=x["code"],
                description=x["description"],
                timekeeper=x["timekeeper_id"],
            )
            for x in expense_rows
        ]
        if invoice_id is not None:
            _, current = repo.invoice(conn, invoice_id)
            mine_x = {r["expense_id"] for r in current if r["expense_id"]}
            expenses = [x for x in expenses if x.expense_id not in mine_x] + self._claimed_expenses(
                conn, matter["number"], mine_x, currency
            )
        adjustments = []
        if invoice_id is not None:
            adjustments = [
                Adjustment(
                    AdjustmentKind(a["kind"]),
                    Decimal(a["value"]),
                    a["item"],
                    ItemKind(a["target"]),
                    a["reason"],
                    a["memo"],
                )
                for a in repo.adjustments(conn, invoice_id)
            ]
        hist = repo.matter_history(conn, matter["number"], exclude=invoice_id)
        days = [w.day for w in work] + [x.day for x in expenses]
        ctx = Context(
            client=matter["client"],
            terms=terms,
            rates=book,
            period_start=min(days) if days else through,
            period_end=through,
            currency=currency,
            history=History(hist["flat_billed"], hist["tasks_billed"], hist["fees_billed"]),
        )
        result = draft_invoice(ctx, work, expenses, adjustments)
        return Draft(result.invoice, (*problems, *result.problems))

    def _claimed_work(self, conn: Any, ids: set[str]) -> list[Row]:
        return repo.work_by_ids(conn, sorted(ids)) if ids else []

    def _claimed_expenses(self, conn: Any, matter: str, ids: set[str], currency: str) -> list[ExpenseItem]:
        if not ids:
            return []
        return [
            ExpenseItem(
                x["id"],
                x["day"],
                x["matter"],
                Decimal(x["quantity"]),
                Money(Decimal(x["unit_cost"]), currency),
                x["code"],
                x["description"],
                x["timekeeper_id"],
            )
            for x in repo.expenses_by_ids(conn, sorted(ids))
        ]

    def _store_draft(self, conn: Any, matter: Row, draft: Draft, invoice_id: int | None) -> int:
        inv = draft.invoice
        now = self.clock()
        if invoice_id is None:
            invoice_id = repo.insert_invoice(
                conn,
                {
                    "state": "draft",
                    "client_id": matter["client_id"],
                    "matter": inv.matter,
                    "responsible": inv.responsible,
                    "arrangement": inv.arrangement.value,
                    "currency": inv.currency,
                    "period_start": inv.period_start,
                    "period_end": inv.period_end,
                },
                now,
            )
        totals = {
            "fees": inv.fees.amount,
            "expenses": inv.expenses.amount,
            "adjustments": inv.adjustments.amount,
            "total": inv.total.amount,
            "worked_value": inv.worked_value.amount,
            "period_start": inv.period_start,
            "period_end": inv.period_end,
        }
        repo.write_lines(
            conn, invoice_id, [_line_row(i, ln) for i, ln in enumerate(inv.lines, 1)], totals, now
        )
        return invoice_id

    def draft(self, matter: str, through: date | None = None) -> DraftOutcome:
        """A pre-bill for one matter's approved, unbilled work up to through (default: today)."""
        through = through or self.today()
        with self.db.begin() as conn:
            row = repo.matter_row(conn, matter)
            if row is None:
                raise BillingError(f"no matter {matter!r}")
            self._seed(conn)
            return self._draft_one(conn, row, through, self._rate_book(conn))

    def _draft_one(self, conn: Any, row: Row, through: date, book: RateBook) -> DraftOutcome:
        draft = self._draft(conn, row, through, book, None)
        inv = draft.invoice
        if inv.arrangement is Arrangement.CONTINGENCY:
            note = Problem(
                ProblemCode.CONTINGENCY,
                f"matter {row['number']}: contingency fee, time tracked and not billed",
                Severity.INFO,
            )
            return DraftOutcome(row["number"], None, inv, (note, *draft.problems))
        if not inv.lines:
            return DraftOutcome(row["number"], None, None, draft.problems)
        invoice_id = self._store_draft(conn, row, draft, None)
        return DraftOutcome(row["number"], invoice_id, replace(inv, id=invoice_id), draft.problems)

    def draft_all(self, client: str | None = None, through: date | None = None) -> list[DraftOutcome]:
        """Pre-bills for every matter (of one client, or all) with unbilled work: billing on demand."""
        through = through or self.today()
        with self.db.begin() as conn:
            cid = self._client_id(conn, client) if client else None
            self._seed(conn)
            book = self._rate_book(conn)
            return [
                self._draft_one(conn, m, through, book) for m in repo.billable_matters(conn, through, cid)
            ]

    def run_cycle(self) -> list[DraftOutcome]:
        """Monthly billing: once per calendar month, pre-bills for clients on the monthly cycle, through
        the last day of the previous month."""
        today = self.today()
        through = today.replace(day=1) - timedelta(days=1)
        out: list[DraftOutcome] = []
        with self.db.begin() as conn:
            self._seed(conn)
            book = self._rate_book(conn)
            seen: set[int] = set()
            for m in repo.billable_matters(conn, through):
                settings = repo.client_settings(conn, m["client_id"])
                last = settings.get("last_cycle_on")
                if settings["cycle"] != "monthly":
                    continue
                if last is not None and (last.year, last.month) >= (today.year, today.month):
                    continue
                out.append(self._draft_one(conn, m, through, book))
                seen.add(m["client_id"])
            for cid in seen:
                repo.mark_cycle(conn, cid, today)
        return out

    def adjust(self, invoice_id: int, adjustment: Adjustment) -> Invoice:
        """Add a discount or write-down to a draft and recompute it."""
        with self.db.begin() as conn:
            head, _ = repo.invoice(conn, invoice_id)
            if head["state"] != "draft":
                raise BillingError(
                    f"invoice {head['number']} is {head['state']}; only drafts can be adjusted"
                )
            if adjustment.kind is AdjustmentKind.WRITE_DOWN and not adjustment.reason:
                raise BillingError("a write-down needs a reason code")
            repo.add_adjustment(
                conn,
                {
                    "invoice_id": invoice_id,
                    "item": adjustment.item,
                    "target": adjustment.target.value,
                    "kind": adjustment.kind.value,
                    "value": adjustment.value,
                    "reason": adjustment.reason,
                    "memo": adjustment.memo,
                },
            )
            return self._redraft(conn, invoice_id)

    def _redraft(self, conn: Any, invoice_id: int) -> Invoice:
        head, _ = repo.invoice(conn, invoice_id)
        matter = repo.matter_row(conn, head["matter"])
        assert matter is not None
        draft = self._draft(conn, matter, head["period_end"], self._rate_book(conn), invoice_id)
        self._store_draft(conn, matter, draft, invoice_id)
        h, lines = repo.invoice(conn, invoice_id)
        return _invoice(h, lines)

    def refresh(self, invoice_id: int) -> Invoice:
        """Draft a pre-bill again with today's rates, timekeepers and unbilled work (after fixing settings)."""
        with self.db.begin() as conn:
            head, _ = repo.invoice(conn, invoice_id)
            if head["state"] != "draft":
                raise BillingError(
                    f"invoice {head['number']} is {head['state']}; only drafts can be redrafted"
                )
            self._seed(conn)
            return self._redraft(conn, invoice_id)

    def delete_draft(self, invoice_id: int) -> None:
        with self.db.begin() as conn:
            head, _ = repo.invoice(conn, invoice_id)
            if head["state"] != "draft":
                raise BillingError(f"invoice {head['number']} is {head['state']}; void it instead")
            repo.delete_draft(conn, invoice_id)

    # --- reading ---

    def find(self, reference: str) -> int:
        """An invoice id from a number ('INV-000012') or a draft's id ('12' or '#12')."""
        with self.db.connect() as conn:
            found = repo.invoice_id_for(conn, reference)
        if found is None:
            raise BillingError(f"no invoice {reference!r}")
        return found

    def get(self, invoice_id: int) -> Invoice:
        with self.db.connect() as conn:
            head, lines = repo.invoice(conn, invoice_id)
        return _invoice(head, lines)

    def billed_entries(self, entry_ids: Iterable[str]) -> dict[str, int]:
        """Entries that sit on a live invoice (draft, final or sent) -> its id; review can lock them."""
        with self.db.connect() as conn:
            found = repo.claimed(conn, [f"entry:{i}" for i in entry_ids])
        return {item.removeprefix("entry:"): invoice_id for item, invoice_id in found.items()}

    def check(self, invoice_id: int) -> tuple[Problem, ...]:
        """The client's e-billing problems with this invoice."""
        with self.db.connect() as conn:
            return self._check(conn, invoice_id)

    def _check(self, conn: Any, invoice_id: int) -> tuple[Problem, ...]:
        head, lines = repo.invoice(conn, invoice_id)
        inv = _invoice(head, lines)
        settings = repo.client_settings(conn, head["client_id"])
        rules = RuleSet.from_mapping(settings["rules"])
        tks = self._timekeepers(conn)
        problems = list(check_invoice(inv, rules, tks))
        if settings["timekeeper_codes"] == "2014":
            for tk_id in sorted({ln.timekeeper for ln in inv.lines if ln.timekeeper}):
                if tk_id in tks and not tks[tk_id].code_2014:
                    problems.append(
                        Problem(ProblemCode.LEDES_2014, f"{tk_id}: no LEDES 2014 classification code", Severity.ERROR)
                    )
        return tuple(problems)

    # --- finalise, send, void ---

    def finalize(self, invoice_id: int, accept_warnings: bool = True) -> FinalizeOutcome:
        """Number the invoice (next in sequence, never reused), date it, apply a retainer from trust.

        E-billing errors stop it; warnings stop it only when accept_warnings is False.
        """
        with self.db.begin() as conn:
            head, lines = repo.invoice(conn, invoice_id)
            if head["state"] != "draft":
                raise BillingError(f"invoice {head['number']} is already {head['state']}")
            problems = self._check(conn, invoice_id)
            stop = (
                blocking(problems)
                if accept_warnings
                else tuple(p for p in problems if p.severity is not Severity.INFO)
            )
            if stop:
                return FinalizeOutcome(invoice_id, None, problems)
            inv = _invoice(head, lines)
            settings = repo.client_settings(conn, head["client_id"])
            number = f"{self.settings.invoice_prefix}{repo.next_number(conn):0{self.settings.number_width}d}"
            today = self.today()
            values: Row = {
                "number": number,
                "state": "final",
                "issue_date": today,
                "due_date": due_date(today, int(settings["terms_days"])),
            }
            applied = replenish = None
            if inv.arrangement is Arrangement.RETAINER:
                terms = _terms(repo.terms(conn, inv.matter), inv.matter, inv.currency)
                balance = repo.trust_balances(conn).get(head["client_id"], Decimal(0))
                outcome = apply_retainer(inv.total, Money(balance, inv.currency), terms)
                applied, replenish = outcome.applied, outcome.replenish
                now = self.clock()
                if applied.amount > 0:
                    repo.add_trust(
                        conn,
                        {
                            "client_id": head["client_id"],
                            "day": today,
                            "amount": -applied.amount,
                            "memo": f"applied to {number}",
                            "invoice_id": invoice_id,
                        },
                        now,
                    )
                    repo.add_credit(
                        conn,
                        {
                            "invoice_id": invoice_id,
                            "kind": "trust",
                            "amount": applied.amount,
                            "reason": "RETAINER",
                            "memo": "paid from trust",
                            "day": today,
                        },
                        now,
                    )
                values["replenish"] = replenish.amount
            repo.update_invoice(conn, invoice_id, values, self.clock())
            return FinalizeOutcome(invoice_id, number, problems, applied, replenish)

    def void(self, invoice_id: int, reason: str) -> None:
        """Void a final or sent invoice: it keeps its number, its work becomes billable again."""
        if not reason:
            raise BillingError("voiding needs a reason")
        with self.db.begin() as conn:
            head, _ = repo.invoice(conn, invoice_id)
            if head["state"] == "draft":
                repo.delete_draft(conn, invoice_id)
                return
            if head["state"] == "void":
                raise BillingError(f"invoice {head['number']} is already void")
            if repo.payments_for(conn, invoice_id):
                raise BillingError(
                    f"invoice {head['number']} has payments; issue a credit note or refund first"
                )
            for credit in repo.credits_for(conn, invoice_id):
                if credit["kind"] == "trust":
                    repo.add_trust(
                        conn,
                        {
                            "client_id": head["client_id"],
                            "day": self.today(),
                            "amount": Decimal(credit["amount"]),
                            "invoice_id": invoice_id,
                            "memo": f"returned from void {head['number']}",
                        },
                        self.clock(),
                    )
            repo.release_claims(conn, invoice_id)
            repo.update_invoice(conn, invoice_id, {"state": "void", "note": f"void: {reason}"}, self.clock())

    def _statement(self, conn: Any, head: Row, inv: Invoice) -> Statement:
        currency = inv.currency
        paid = [
            (p["received_on"], f"Payment ({p['method']})", Money(Decimal(p["amount"]), currency))
            for p in repo.payments_for(conn, inv.id or 0)
        ]
        labels = {"trust": "Applied from trust", "credit_note": "Credit note", "write_off": "Written off"}
        paid += [
            (c["day"], labels.get(c["kind"], str(c["kind"])), Money(Decimal(c["amount"]), currency))
            for c in repo.credits_for(conn, inv.id or 0)
        ]
        due = inv.total
        for _, _, amount in paid:
            due = due - amount
        prior = Decimal(0)
        for other in repo.receivables(conn, head["client_id"]):
            if other["id"] != inv.id and (inv.issue_date is None or other["issue_date"] <= inv.issue_date):
                prior += other["balance"]
        link = self._link(inv.number, due) if inv.number else None
        return Statement(Money(prior, currency), tuple(paid), due, link, inv.replenish)

    def _link(self, number: str | None, amount: Money) -> str | None:
        if not self.settings.payment_link_template or number is None:
            return None
        return payment_link(
            self.settings.payment_link_template,
            number=number,
            amount=amount,
            account=self.settings.payment_account,
        )

    def _pdf(self, conn: Any, invoice_id: int) -> tuple[Invoice, Statement, bytes, Row]:
        head, lines = repo.invoice(conn, invoice_id)
        inv = _invoice(head, lines)
        settings = repo.client_settings(conn, head["client_id"])
        statement = self._statement(conn, head, inv)
        bill_to = [settings["name"], *[ln for ln in settings["address"].splitlines() if ln.strip()]]
        tks = self._timekeepers(conn)
        return (
            inv,
            statement,
            render_invoice(inv, self.settings.letterhead, bill_to, tks, statement),
            settings,
        )

    def export(self, invoice_id: int, fmt: str) -> bytes:
        """The invoice as pdf, ledes (LEDES 1998B) or csv."""
        with self.db.connect() as conn:
            if fmt == "pdf":
                return self._pdf(conn, invoice_id)[2]
            head, lines = repo.invoice(conn, invoice_id)
            inv = _invoice(head, lines)
            tks = self._timekeepers(conn)
            if fmt == "csv":
                return write_csv(inv, tks).encode()
            if fmt == "ledes":
                settings = repo.client_settings(conn, head["client_id"])
                terms = repo.terms(conn, inv.matter)
                party = LedesParty(
                    law_firm_id=self.settings.law_firm_id,
                    client_id=settings["ledes_client_id"] or str(head["client_id"]),
                    client_matter_id=(terms or {}).get("client_matter_id") or "",
                    timekeeper_codes=settings["timekeeper_codes"],
                )
                try:
                    return write_ledes([(inv, party)], tks).encode("ascii")
                except LedesError as exc:
                    raise BillingError(str(exc)) from exc
        raise BillingError(f"unknown export format {fmt!r}: use pdf, ledes or csv")

    def send(self, invoice_id: int) -> str:
        """E-mail a finalised invoice (PDF attached, payment link in the body); returns the address used."""
        if self.mailer is None:
            raise BillingError("no mail server configured")
        with self.db.connect() as conn:
            inv, statement, pdf, settings = self._pdf(conn, invoice_id)
        if inv.state not in (InvoiceState.FINAL, InvoiceState.SENT) or inv.number is None:
            raise BillingError(f"invoice {inv.id} is {inv.state}; finalise it first")
        if not settings["email"]:
            raise BillingError(f"client {settings['name']!r} has no billing e-mail address")
        body = (
            f"Please find attached invoice {inv.number} for {inv.total.amount:,.2f} {inv.currency}, "
            f"due {inv.due_date.isoformat() if inv.due_date else ''}."
        )
        if statement.payment_link:
            body += f"\n\nPay online: {statement.payment_link}"
        msg = message(
            sender=self.settings.sender,
            to=settings["email"],
            subject=f"Invoice {inv.number}",
            body=body,
            attachment=pdf,
            filename=f"{inv.number}.pdf",
        )
        try:
            self.mailer.send(msg)
        except (NotSent, MaybeSent) as exc:
            raise BillingError(f"invoice {inv.number} not sent: {exc}") from exc
        with self.db.begin() as conn:
            now = self.clock()
            repo.update_invoice(conn, invoice_id, {"state": "sent", "sent_ms": _ms(now)}, now)
        return str(settings["email"])

    def dispute(self, invoice_id: int, disputed: bool = True, note: str = "") -> None:
        """Flag an invoice as disputed (reminders pause) or clear the flag."""
        with self.db.begin() as conn:
            repo.update_invoice(conn, invoice_id, {"disputed": disputed, "note": note}, self.clock())

    def do_not_contact(self, client: str, flag: bool = True) -> None:
        with self.db.begin() as conn:
            repo.set_do_not_contact(conn, self._client_id(conn, client), flag)

    # --- payments and credits ---

    def record_payment(self, record: PaymentRecord) -> PaymentOutcome:
        """Record a payment (manual or pulled by sync) and apply it: to the named invoice, else oldest first.

        The same (source, external_id) recorded twice is ignored, so sync may feed payments again and again.
        """
        if record.amount.amount <= 0:
            raise BillingError("a payment must be positive; use a credit note for reductions")
        with self.db.begin() as conn:
            cid = self._client_id(conn, record.client)
            pid = repo.insert_payment(
                conn,
                {
                    "client_id": cid,
                    "received_on": record.received_on,
                    "amount": record.amount.amount,
                    "currency": record.amount.currency,
                    "method": record.method,
                    "reference": record.reference,
                    "source": record.source,
                    "external_id": record.external_id,
                },
                self.clock(),
            )
            if pid is None:
                return PaymentOutcome(None, external_id=record.external_id)
            number = record.invoice_number
            if record.source != "manual" and number is not None:
                open_numbers = {r["number"] for r in repo.receivables(conn, cid) if r["balance"] > 0}
                if number not in open_numbers:
                    number = None  # the provider's own bill number: apply oldest first instead
            outcome = self._apply_credit(conn, cid, pid, record.amount.amount, number)
            return replace(outcome, external_id=record.external_id)

    def _apply_credit(
        self, conn: Any, cid: int, pid: int, amount: Decimal, number: str | None
    ) -> PaymentOutcome:
        open_rows = [r for r in repo.receivables(conn, cid) if r["balance"] > 0]
        if number is not None:
            named = [r for r in open_rows if r["number"] == number]
            if not named:
                raise BillingError(f"no open invoice {number!r} for this client")
            others = [r for r in open_rows if r["number"] != number]
            open_rows = named + others
        allocations, left = allocate(amount, [(r["id"], r["balance"]) for r in open_rows])
        numbers = {r["id"]: r["number"] for r in open_rows}
        for a in allocations:
            repo.allocate(conn, pid, a.invoice_id, a.amount)
        return PaymentOutcome(pid, tuple((numbers[a.invoice_id], a.amount) for a in allocations), left)

    def accept_payments(self, records: Iterable[PaymentRecord]) -> list[PaymentOutcome]:
        """The entry point for sync: provider payments, recorded once each (by source and external id).

        A payment that cannot be recorded (its client is unknown here) is reported, not raised, so one
        bad record does not hold back the rest; pulling again retries it.
        """
        out = []
        for r in records:
            if r.external_id is None or r.source == "manual":
                raise ValueError("pulled payments need a source and an external id")
            try:
                out.append(self.record_payment(r))
            except BillingError as exc:
                out.append(PaymentOutcome(None, problem=str(exc), external_id=r.external_id))
        return out

    def apply_unapplied(self, client: str) -> PaymentOutcome:
        """Apply a client's credit on account to its open invoices (after a new invoice is finalised)."""
        with self.db.begin() as conn:
            cid = self._client_id(conn, client)
            left = repo.unapplied(conn, cid)
            latest = repo.latest_payment(conn, cid)
            if left <= 0 or latest is None:
                return PaymentOutcome(None)
            return self._apply_credit(conn, cid, latest, left, None)

    def _credit(self, invoice_id: int, kind: str, amount: Money, reason: str, memo: str) -> None:
        if not reason:
            raise BillingError(f"a {kind.replace('_', ' ')} needs a reason code")
        with self.db.begin() as conn:
            rows = {r["id"]: r for r in repo.receivables(conn)}
            row = rows.get(invoice_id)
            if row is None:
                raise BillingError(f"invoice {invoice_id} is not open")
            if amount.amount <= 0 or amount.amount > row["balance"]:
                raise BillingError(
                    f"{kind} of {amount.amount} must be positive and at most the balance {row['balance']}"
                )
            repo.add_credit(
                conn,
                {
                    "invoice_id": invoice_id,
                    "kind": kind,
                    "amount": amount.amount,
                    "reason": reason,
                    "memo": memo,
                    "day": self.today(),
                },
                self.clock(),
            )

    def credit_note(self, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        self._credit(invoice_id, "credit_note", amount, reason, memo)

    def write_off(self, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        """Write off part or all of an unpaid balance (bad debt), with a reason code."""
        self._credit(invoice_id, "write_off", amount, reason, memo)

    def balance(self, invoice_id: int) -> Decimal:
        with self.db.connect() as conn:
            for r in repo.receivables(conn):
                if r["id"] == invoice_id:
                    return Decimal(r["balance"])
        return Decimal(0)

    # --- A/R ---

    def receivables(self, as_of: date | None = None) -> list[ar.Receivable]:
        """Open invoices with their balances (as they stood at the end of as_of, if given)."""
        with self.db.connect() as conn:
            rows = repo.receivables(conn, as_of=as_of)
        return [
            ar.Receivable(
                r["id"],
                r["number"],
                r["client"],
                r["matter"],
                r["responsible"] or self.settings.fallback_timekeeper or "",
                r["issue_date"],
                r["due_date"],
                Decimal(r["total"]),
                r["balance"],
            )
            for r in rows
        ]

    def aging(self, as_of: date | None = None, by: str = "client") -> ar.AgingReport:
        """A/R aging at the end of as_of (default today): later payments and credits do not count."""
        day = as_of or self.today()
        return ar.age(self.receivables(as_of=day), day, by, self.settings.dso_days)

    def realization(self, since: date, until: date, currency: str = "USD") -> Realization:
        with self.db.connect() as conn:
            r = repo.realization(conn, since, until)
        return Realization(
            Money(r["worked"], currency), Money(r["billed"], currency), Money(r["collected"], currency)
        )

    # --- reminders ---

    def run_reminders(self, dry_run: bool = False) -> ReminderRun:
        """Send the reminders due today, each (invoice, rung) at most once ever; see the module docstring."""
        now = self.clock()
        today = self.today()
        review: list[ReminderOutcome] = []
        if not dry_run:
            with self.db.begin() as conn:
                for row in repo.stale_sending(conn, now - self.settings.sending_grace, now):
                    review.append(
                        ReminderOutcome(
                            str(row["invoice_id"]),
                            row["rung"],
                            "unknown",
                            "crashed while sending; check before resending",
                        )
                    )
        with self.db.connect() as conn:
            rows = repo.receivables(conn)
            trust = repo.trust_balances(conn)
            records = repo.reminder_records(conn)
            settings = {cid: repo.client_settings(conn, cid) for cid in {r["client_id"] for r in rows}}
        outcomes: list[ReminderOutcome] = []
        for r in rows:
            if r["due_date"] is None:
                continue
            client = settings[r["client_id"]]
            facts = ReminderFacts(
                invoice_id=r["id"],
                due_date=r["due_date"],
                balance=r["balance"],
                trust_available=trust.get(r["client_id"], Decimal(0)),
                disputed=bool(r["disputed"]),
                do_not_contact=bool(client["do_not_contact"]),
                recorded=frozenset(records.get(r["id"], set())),
            )
            decision = decide(facts, today, self.settings.ladder)
            if decision.send is None:
                status = "paused" if decision.reason.startswith("paused") else "none"
                outcomes.append(ReminderOutcome(r["number"], None, status, decision.reason))
                continue
            rung = decision.send
            if dry_run:
                outcomes.append(ReminderOutcome(r["number"], rung.name, "would-send", client["email"]))
                continue
            if not client["email"]:
                outcomes.append(
                    ReminderOutcome(r["number"], rung.name, "failed", "client has no billing e-mail")
                )
                continue
            if self.mailer is None:
                raise BillingError("no mail server configured")
            with self.db.begin() as conn:
                for skipped in decision.skip:
                    repo.claim_reminder(conn, r["id"], skipped.name, "skipped", now)
                claimed = repo.claim_reminder(conn, r["id"], rung.name, "sending", now)
            if not claimed:
                outcomes.append(ReminderOutcome(r["number"], rung.name, "none", "recorded by another run"))
                continue
            outcomes.append(self._send_reminder(r, rung, client))
        return ReminderRun(tuple(outcomes), tuple(review))

    def _send_reminder(self, row: Row, rung: Rung, client: Row) -> ReminderOutcome:
        assert self.mailer is not None
        with self.db.connect() as conn:
            inv, statement, pdf, _ = self._pdf(conn, row["id"])
        balance = Money(row["balance"], inv.currency)
        days = (self.today() - row["due_date"]).days
        when = f"is due on {row['due_date'].isoformat()}" if days <= 0 else f"is {days} days past due"
        body = (
            f"Dear {client['name']},\n\nThis is a reminder that invoice {inv.number} {when}. "
            f"The balance is {balance.amount:,.2f} {balance.currency}."
        )
        if statement.payment_link:
            body += f"\n\nPay online: {statement.payment_link}"
        body += "\n\nIf you have already paid, thank you, and please disregard this message."
        msg = message(
            sender=self.settings.sender,
            to=client["email"],
            subject=f"Reminder: invoice {inv.number} ({rung.name})",
            body=body,
            attachment=pdf,
            filename=f"{inv.number}.pdf",
        )
        msg["X-Ledgerwatch-Reminder"] = f"{inv.number}/{rung.name}"
        try:
            self.mailer.send(msg)
        except NotSent as exc:
            with self.db.begin() as conn:
                repo.forget_reminder(conn, row["id"], rung.name)
            return ReminderOutcome(row["number"], rung.name, "failed", f"not sent, will retry: {exc}")
        except Exception as exc:
            # MaybeSent or anything unexpected after the claim: never retry on our own.
            with self.db.begin() as conn:
                repo.set_reminder(conn, row["id"], rung.name, "unknown", self.clock(), str(exc))
            return ReminderOutcome(row["number"], rung.name, "unknown", f"may have been sent: {exc}")
        with self.db.begin() as conn:
            repo.set_reminder(conn, row["id"], rung.name, "sent", self.clock())
        return ReminderOutcome(row["number"], rung.name, "sent", client["email"])

    def reminder_log(self, invoice_id: int | None = None) -> list[Row]:
        with self.db.connect() as conn:
            return repo.reminders(conn, invoice_id)

    def resolve_reminder(self, invoice_id: int, rung: str, was_sent: bool) -> None:
        """After review of an 'unknown' reminder: mark it sent, or release it so the next run sends it."""
        with self.db.begin() as conn:
            if was_sent:
                repo.set_reminder(conn, invoice_id, rung, "sent", self.clock(), "confirmed by review")
            else:
                repo.set_reminder(conn, invoice_id, rung, "sending", self.clock())
                repo.forget_reminder(conn, invoice_id, rung)

    # --- collections ---

    def _past_due_90(self, conn: Any) -> dict[int, list[Row]]:
        today = self.today()
        taken = repo.letter_invoices_pending(conn)
        out: dict[int, list[Row]] = {}
        for r in repo.receivables(conn):
            if r["balance"] <= 0 or r["disputed"] or r["id"] in taken or r["due_date"] is None:
                continue
            if (today - r["due_date"]).days > 90:
                out.setdefault(r["client_id"], []).append(r)
        return out

    def draft_collection_letters(self) -> list[int]:
        """Draft a letter per client with invoices more than 90 days past due; nothing goes out unreviewed."""
        ids = []
        with self.db.begin() as conn:
            for cid, rows in sorted(self._past_due_90(conn).items()):
                if repo.client_settings(conn, cid)["do_not_contact"]:
                    continue
                ids.append(repo.add_letter(conn, cid, [r["id"] for r in rows], self.clock()))
        return ids

    def letters(self, state: str | None = None) -> list[Row]:
        with self.db.connect() as conn:
            return repo.letters(conn, state)

    def letter_pdf(self, letter_id: int) -> bytes:
        """The letter for review: invoice numbers, dates and balances only (Model Rule 1.6(b)(5))."""
        with self.db.connect() as conn:
            return self._letter(conn, letter_id)[1]

    def _letter(self, conn: Any, letter_id: int) -> tuple[Row, bytes, Row]:
        letter = next((x for x in repo.letters(conn) if x["id"] == letter_id), None)
        if letter is None:
            raise BillingError(f"no collection letter {letter_id}")
        settings = repo.client_settings(conn, letter["client_id"])
        rows = {r["id"]: r for r in repo.receivables(conn, letter["client_id"])}
        items = [
            PastDue(
                rows[i]["number"],
                rows[i]["issue_date"],
                rows[i]["due_date"],
                Money(rows[i]["balance"], rows[i]["currency"]),
            )
            for i in letter["invoices"]
            if i in rows and rows[i]["balance"] > 0
        ]
        if not items:
            raise BillingError(f"letter {letter_id}: nothing is past due any more")
        total = items[0].balance
        for item in items[1:]:
            total = total + item.balance
        link = self._link(items[0].number if len(items) == 1 else f"ACCT-{letter['client_id']}", total)
        body = letter_text(
            self.settings.letter_template,
            client=settings["name"],
            items=items,
            signer=self.settings.letter_signer,
            firm=self.settings.letterhead.firm,
            payment_link=link,
        )
        address = [settings["name"], *[ln for ln in settings["address"].splitlines() if ln.strip()]]
        return letter, render_letter(self.settings.letterhead, self.today(), address, body), settings

    def approve_letter(self, letter_id: int, reviewer: str) -> None:
        if not reviewer:
            raise BillingError("approval needs the reviewer's name")
        with self.db.begin() as conn:
            repo.update_letter(
                conn,
                letter_id,
                {"state": "approved", "approved_by": reviewer, "approved_ms": _ms(self.clock())},
            )

    def send_letter(self, letter_id: int) -> None:
        """Send an approved letter; drafts are refused."""
        if self.mailer is None:
            raise BillingError("no mail server configured")
        with self.db.connect() as conn:
            letter, pdf, settings = self._letter(conn, letter_id)
        if letter["state"] != "approved":
            raise BillingError(
                f"letter {letter_id} is {letter['state']}: it must be reviewed and approved first"
            )
        if not settings["email"]:
            raise BillingError(f"client {settings['name']!r} has no billing e-mail address")
        msg = message(
            sender=self.settings.sender,
            to=settings["email"],
            subject="Past-due account",
            body="Please see the attached letter about your past-due account.",
            attachment=pdf,
            filename="past-due-notice.pdf",
        )
        self.mailer.send(msg)
        with self.db.begin() as conn:
            repo.update_letter(conn, letter_id, {"state": "sent", "sent_ms": _ms(self.clock())})

    def approve_referral(self, client: str, approved_by: str) -> int:
        """Explicit approval to hand a client's 90+ day invoices to a collections agency."""
        if not approved_by:
            raise BillingError("a collections referral needs the approver's name")
        with self.db.begin() as conn:
            cid = self._client_id(conn, client)
            today = self.today()
            rows = [
                r
                for r in repo.receivables(conn, cid)
                if r["balance"] > 0 and r["due_date"] is not None and (today - r["due_date"]).days > 90
            ]
            if not rows:
                raise BillingError(f"{client}: nothing is more than 90 days past due")
            return repo.add_referral(conn, cid, [r["id"] for r in rows], approved_by, self.clock())

    def export_referral(self, referral_id: int) -> str:
        """The agency file (CSV) for an approved referral: who owes what, nothing about the legal work."""
        with self.db.begin() as conn:
            ref = repo.referral(conn, referral_id)
            if ref is None:
                raise BillingError(f"no approved collections referral {referral_id}")
            settings = repo.client_settings(conn, ref["client_id"])
            rows = {r["id"]: r for r in repo.receivables(conn, ref["client_id"])}
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(
                [
                    "debtor",
                    "address",
                    "email",
                    "invoice",
                    "invoice_date",
                    "due_date",
                    "balance",
                    "currency",
                    "approved_by",
                ]
            )
            for i in ref["invoices"]:
                r = rows.get(i)
                if r is None or r["balance"] <= 0:
                    continue
                writer.writerow(
                    [
                        settings["name"],
                        " / ".join(settings["address"].splitlines()),
                        settings["email"],
                        r["number"],
                        r["issue_date"].isoformat(),
                        r["due_date"].isoformat(),
                        f"{r['balance']:.2f}",
                        r["currency"],
                        ref["approved_by"],
                    ]
                )
            repo.mark_referral_exported(conn, referral_id, self.clock())
            return buffer.getvalue()


def _ms(moment: datetime) -> int:
    return round(moment.astimezone(UTC).timestamp() * 1000)
