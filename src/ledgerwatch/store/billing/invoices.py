"""Invoices: headers and lines, the claims that keep an entry on one live invoice, numbers, adjustments, A/R.

A claim ('entry:<id>' or 'expense:<id>' -> invoice) is the primary key of bill_claims, so two drafts racing for
the same work cannot both hold it; a void or a deleted draft releases its claims and the work is billable again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import Connection, RowMapping, delete, select, update
from sqlalchemy.exc import IntegrityError

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import (
    LIVE_STATES,
    OPEN_STATES,
    Adjustment,
    AdjustmentKind,
    Arrangement,
    History,
    Invoice,
    InvoiceState,
    ItemKind,
    Line,
)
from ledgerwatch.store.billing.setup import BillingRecordNotFound
from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.schema import (
    bill_adjustments,
    bill_allocations,
    bill_claims,
    bill_counters,
    bill_credits,
    bill_invoice_lines,
    bill_invoices,
    bill_payments,
    clients,
)

_LIVE = [s.value for s in LIVE_STATES]
_OPEN = [s.value for s in OPEN_STATES]
_TENTH = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class OpenInvoice:
    """An issued invoice as A/R sees it: what was paid and credited against it, and what is left.

    Issued invoices always have their issue and due dates (finalising sets both).
    """

    id: int
    number: str
    client_id: int
    client: str
    matter: str
    responsible: str | None
    currency: str
    issue_date: date
    due_date: date
    total: Decimal
    paid: Decimal
    credited: Decimal
    disputed: bool

    @property
    def balance(self) -> Decimal:
        return self.total - self.paid - self.credited


def _line_row(invoice_id: int, seq: int, line: Line) -> dict[str, object]:
    return {
        "invoice_id": invoice_id,
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


def _line(r: RowMapping, currency: str) -> Line:
    kind = ItemKind(r["kind"])
    units = Decimal(r["units"]).normalize() if r["units"] is not None else None
    if units is not None and units == units.to_integral_value():
        units = units.quantize(_TENTH)  # '2.0', not '2'
    return Line(
        kind=kind,
        day=r["day"],
        units=units,
        unit_cost=Money(Decimal(r["unit_cost"]), currency) if r["unit_cost"] is not None else None,
        adjustment=Money(Decimal(r["adjustment"]), currency),
        narrative=r["narrative"],
        timekeeper=r["timekeeper_id"],
        entry_id=r["entry_id"],
        expense_id=r["expense_id"],
        task_code=r["task_code"],
        activity_code=r["activity_code"],
        expense_code=r["expense_code"],
        reason=r["reason"],
        worked_value=Money(Decimal(r["worked_value"]), currency) if kind is ItemKind.FEE else None,
        note=r["note"],
    )


def _invoice(head: RowMapping, lines: Sequence[RowMapping]) -> Invoice:
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
        approved_by=head["approved_by"],
    )


class InvoiceTables:
    """Invoices read and written inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- reads ---

    def get(self, invoice_id: int) -> Invoice:
        heads = (
            select(bill_invoices, clients.c.name.label("client"))
            .join(clients, clients.c.id == bill_invoices.c.client_id)
            .where(bill_invoices.c.id == invoice_id)
        )
        head = self._conn.execute(heads).mappings().first()
        if head is None:
            raise BillingRecordNotFound(f"no invoice {invoice_id}")
        lines = (
            select(bill_invoice_lines)
            .where(bill_invoice_lines.c.invoice_id == invoice_id)
            .order_by(bill_invoice_lines.c.seq)
        )
        return _invoice(head, self._conn.execute(lines).mappings().all())

    def lock(self, invoice_id: int) -> Invoice:
        """The invoice, its row locked until the transaction ends (SELECT ... FOR UPDATE on PostgreSQL).

        A second finaliser waits here and then reads the state the first one committed. SQLite has no row
        locks; there a second writer fails with 'database is locked' instead of finalising twice.
        """
        found = self._conn.execute(
            select(bill_invoices.c.id).where(bill_invoices.c.id == invoice_id).with_for_update()
        ).first()
        if found is None:
            raise BillingRecordNotFound(f"no invoice {invoice_id}")
        return self.get(invoice_id)

    def find(self, number_or_id: str) -> int | None:
        """An invoice by its number, or by its row id for drafts ('#12' or '12')."""
        conn = self._conn
        found = conn.execute(
            select(bill_invoices.c.id).where(bill_invoices.c.number == number_or_id)
        ).scalar()
        if found is not None:
            return int(found)
        text = number_or_id.lstrip("#")
        if text.isdigit():
            found = conn.execute(select(bill_invoices.c.id).where(bill_invoices.c.id == int(text))).scalar()
        return None if found is None else int(found)

    def adjustments(self, invoice_id: int) -> list[Adjustment]:
        stmt = (
            select(bill_adjustments)
            .where(bill_adjustments.c.invoice_id == invoice_id)
            .order_by(bill_adjustments.c.id)
        )
        return [
            Adjustment(
                AdjustmentKind(r["kind"]),
                Decimal(r["value"]),
                r["item"],
                ItemKind(r["target"]),
                r["reason"],
                r["memo"],
            )
            for r in self._conn.execute(stmt).mappings()
        ]

    def claimed(self, items: Sequence[str]) -> dict[str, int]:
        """Which of these items ('entry:<id>', 'expense:<id>') are on a live invoice, and which."""
        stmt = select(bill_claims.c.item, bill_claims.c.invoice_id).where(bill_claims.c.item.in_(list(items)))
        return {item: int(invoice_id) for item, invoice_id in self._conn.execute(stmt)}

    def history(self, matter: str, exclude: int | None = None) -> History:
        """Fees already billed on live invoices, and which flat fees (whole matter, per task) they carried."""
        return self.histories([matter], exclude)[matter]

    def histories(self, matters: Sequence[str], exclude: int | None = None) -> dict[str, History]:
        """history() for many matters in one query.

        Only the matters' fee totals (their invoices' stored fees and adjustments) and flat-fee lines are read,
        not every time line: a year of invoices stays one small query.
        """
        live = (bill_invoices.c.matter.in_(list(matters)), bill_invoices.c.state.in_(_LIVE))
        heads = select(bill_invoices.c.matter, bill_invoices.c.id).where(*live)
        flats = (
            select(bill_invoices.c.matter, bill_invoice_lines.c.note, bill_invoice_lines.c.task_code)
            .join(bill_invoices, bill_invoices.c.id == bill_invoice_lines.c.invoice_id)
            .where(*live, bill_invoice_lines.c.note.in_(("flat fee", "flat fee per task")))
        )
        fee_kinds = (ItemKind.FEE.value, ItemKind.FEE_ADJUSTMENT.value)
        fees_q = (
            select(bill_invoices.c.matter, bill_invoice_lines.c.total)
            .join(bill_invoices, bill_invoices.c.id == bill_invoice_lines.c.invoice_id)
            .where(*live, bill_invoice_lines.c.kind.in_(fee_kinds))
        )
        if exclude is not None:
            heads = heads.where(bill_invoices.c.id != exclude)
            flats = flats.where(bill_invoices.c.id != exclude)
            fees_q = fees_q.where(bill_invoices.c.id != exclude)
        fees: dict[str, Decimal] = dict.fromkeys(matters, Decimal(0))
        flat: set[str] = set()
        tasks: dict[str, set[str]] = {m: set() for m in matters}
        billed_before = {m for m, _ in self._conn.execute(heads)}
        if billed_before:  # lines are read only where the matters have live invoices at all
            for matter, total in self._conn.execute(fees_q):
                fees[matter] += Decimal(total)
            for matter, note, task in self._conn.execute(flats):
                if note == "flat fee":
                    flat.add(matter)
                elif task:
                    tasks[matter].add(task)
        return {
            m: History(flat_billed=m in flat, tasks_billed=frozenset(tasks[m]), fees_billed=fees[m]) for m in matters
        }

    def receivables(self, client: int | None = None, as_of: date | None = None) -> list[OpenInvoice]:
        """Issued invoices (final or sent) by issue date, with what has been paid and credited against each.

        as_of: only payments received and credits given on or before that day count (aging a past date).
        """
        conn = self._conn
        heads = (
            select(
                bill_invoices.c.id,
                bill_invoices.c.number,
                bill_invoices.c.client_id,
                clients.c.name,
                bill_invoices.c.matter,
                bill_invoices.c.responsible,
                bill_invoices.c.currency,
                bill_invoices.c.issue_date,
                bill_invoices.c.due_date,
                bill_invoices.c.total,
                bill_invoices.c.disputed,
            )
            .join(clients, clients.c.id == bill_invoices.c.client_id)
            .where(bill_invoices.c.state.in_(_OPEN))
            .order_by(bill_invoices.c.issue_date, bill_invoices.c.id)
        )
        if client is not None:
            heads = heads.where(bill_invoices.c.client_id == client)
        allocations = select(bill_allocations.c.invoice_id, bill_allocations.c.amount)
        credits = select(bill_credits.c.invoice_id, bill_credits.c.amount)
        if as_of is not None:
            allocations = allocations.join(
                bill_payments, bill_payments.c.id == bill_allocations.c.payment_id
            ).where(bill_payments.c.received_on <= as_of)
            credits = credits.where(bill_credits.c.day <= as_of)
        zero = Decimal(0)
        paid: dict[int, Decimal] = {}
        for invoice_id, amount in conn.execute(allocations):
            paid[invoice_id] = paid.get(invoice_id, zero) + Decimal(amount)
        credited: dict[int, Decimal] = {}
        for invoice_id, amount in conn.execute(credits):
            credited[invoice_id] = credited.get(invoice_id, zero) + Decimal(amount)
        return [
            OpenInvoice(
                id=i,
                number=number,
                client_id=cid,
                client=name,
                matter=matter,
                responsible=responsible,
                currency=currency,
                issue_date=issued,
                due_date=due,
                total=Decimal(total),
                paid=paid.get(i, zero),
                credited=credited.get(i, zero),
                disputed=bool(disputed),
            )
            for i, number, cid, name, matter, responsible, currency, issued, due, total, disputed in conn.execute(
                heads
            )
        ]

    # --- drafts ---

    def insert_draft(self, invoice: Invoice, client_id: int, now: datetime) -> int:
        """A new, empty draft for the invoice's matter and period; its id (write_lines fills it)."""
        ms = to_ms(now)
        key = self._conn.execute(
            bill_invoices.insert().values(
                state=InvoiceState.DRAFT.value,
                client_id=client_id,
                matter=invoice.matter,
                responsible=invoice.responsible,
                arrangement=invoice.arrangement.value,
                currency=invoice.currency,
                period_start=invoice.period_start,
                period_end=invoice.period_end,
                created_ms=ms,
                updated_ms=ms,
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def write_lines(self, invoice_id: int, invoice: Invoice, now: datetime) -> None:
        """Replace an invoice's lines, totals and claims: every entry and expense on it is claimed by it alone.

        A claim already held by another invoice raises IntegrityError (two drafts racing for the same entry).
        """
        conn = self._conn
        conn.execute(delete(bill_invoice_lines).where(bill_invoice_lines.c.invoice_id == invoice_id))
        conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))
        if invoice.lines:
            conn.execute(
                bill_invoice_lines.insert(),
                [_line_row(invoice_id, seq, ln) for seq, ln in enumerate(invoice.lines, 1)],
            )
        items = [f"entry:{ln.entry_id}" for ln in invoice.lines if ln.entry_id]
        items += [f"expense:{ln.expense_id}" for ln in invoice.lines if ln.expense_id]
        if items:
            conn.execute(bill_claims.insert(), [{"item": i, "invoice_id": invoice_id} for i in items])
        conn.execute(
            update(bill_invoices)
            .where(bill_invoices.c.id == invoice_id)
            .values(
                fees=invoice.fees.amount,
                expenses=invoice.expenses.amount,
                adjustments=invoice.adjustments.amount,
                total=invoice.total.amount,
                worked_value=invoice.worked_value.amount,
                period_start=invoice.period_start,
                period_end=invoice.period_end,
                updated_ms=to_ms(now),
            )
        )

    def insert_drafts(self, drafts: Sequence[tuple[Invoice, int]], now: datetime) -> list[int]:
        """Many new drafts (invoice, client id) with their lines, claims and totals, in a few statements; their ids
        in order. A claim already held raises IntegrityError, as write_lines does."""
        if not drafts:
            return []
        ms = to_ms(now)
        heads = [
            {
                "state": InvoiceState.DRAFT.value,
                "client_id": client_id,
                "matter": inv.matter,
                "responsible": inv.responsible,
                "arrangement": inv.arrangement.value,
                "currency": inv.currency,
                "period_start": inv.period_start,
                "period_end": inv.period_end,
                "fees": inv.fees.amount,
                "expenses": inv.expenses.amount,
                "adjustments": inv.adjustments.amount,
                "total": inv.total.amount,
                "worked_value": inv.worked_value.amount,
                "created_ms": ms,
                "updated_ms": ms,
            }
            for inv, client_id in drafts
        ]
        result = self._conn.execute(
            bill_invoices.insert().returning(bill_invoices.c.id, sort_by_parameter_order=True), heads
        )
        ids = [int(i) for i in result.scalars()]
        lines, claims = [], []
        for invoice_id, (inv, _client) in zip(ids, drafts, strict=True):
            lines += [_line_row(invoice_id, seq, ln) for seq, ln in enumerate(inv.lines, 1)]
            claims += [{"item": f"entry:{ln.entry_id}", "invoice_id": invoice_id} for ln in inv.lines if ln.entry_id]
            claims += [
                {"item": f"expense:{ln.expense_id}", "invoice_id": invoice_id} for ln in inv.lines if ln.expense_id
            ]
        if lines:
            self._conn.execute(bill_invoice_lines.insert(), lines)
        if claims:
            self._conn.execute(bill_claims.insert(), claims)
        return ids

    def add_adjustment(self, invoice_id: int, adjustment: Adjustment) -> None:
        self._conn.execute(
            bill_adjustments.insert().values(
                invoice_id=invoice_id,
                item=adjustment.item,
                target=adjustment.target.value,
                kind=adjustment.kind.value,
                value=adjustment.value,
                reason=adjustment.reason,
                memo=adjustment.memo,
            )
        )

    def delete_draft(self, invoice_id: int) -> None:
        """Remove a draft with its lines, adjustments and claims (an issued invoice is never deleted)."""
        conn = self._conn
        conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))
        conn.execute(delete(bill_adjustments).where(bill_adjustments.c.invoice_id == invoice_id))
        conn.execute(delete(bill_invoice_lines).where(bill_invoice_lines.c.invoice_id == invoice_id))
        conn.execute(
            delete(bill_invoices).where(
                bill_invoices.c.id == invoice_id, bill_invoices.c.state == InvoiceState.DRAFT.value
            )
        )

    # --- issuing ---

    def next_number(self, counter: str = "invoice") -> int:
        """The next value of a counter that never goes back; the row lock serialises concurrent finalisers."""
        conn = self._conn
        step = (
            update(bill_counters)
            .where(bill_counters.c.name == counter)
            .values(value=bill_counters.c.value + 1)
        )
        if conn.execute(step).rowcount == 0:
            try:
                with conn.begin_nested():
                    conn.execute(bill_counters.insert().values(name=counter, value=1))
                return 1
            except IntegrityError:
                conn.execute(step)
        return int(
            conn.execute(select(bill_counters.c.value).where(bill_counters.c.name == counter)).scalar_one()
        )

    def _update(self, invoice_id: int, now: datetime, **values: object) -> None:
        self._conn.execute(
            update(bill_invoices)
            .where(bill_invoices.c.id == invoice_id)
            .values(**values, updated_ms=to_ms(now))
        )

    def issue(
        self,
        invoice_id: int,
        number: str,
        issue_date: date,
        due_date: date,
        replenish: Money | None,
        now: datetime,
    ) -> None:
        """Make a draft final under its number; replenish is the retainer top-up it asks for, if any.

        Only a draft changes: a second finaliser that got this far anyway changes nothing and raises.
        """
        values: dict[str, object] = {
            "number": number,
            "state": InvoiceState.FINAL.value,
            "issue_date": issue_date,
            "due_date": due_date,
        }
        if replenish is not None:
            values["replenish"] = replenish.amount
        self._from_draft(invoice_id, now, **values)

    def close_no_charge(self, invoice_id: int, issue_date: date, now: datetime) -> None:
        """A draft totalling zero: its work is billed (claims kept), no number is used, A/R never sees it."""
        self._from_draft(invoice_id, now, state=InvoiceState.NO_CHARGE.value, issue_date=issue_date)

    def _from_draft(self, invoice_id: int, now: datetime, **values: object) -> None:
        changed = self._conn.execute(
            update(bill_invoices)
            .where(bill_invoices.c.id == invoice_id, bill_invoices.c.state == InvoiceState.DRAFT.value)
            .values(**values, updated_ms=to_ms(now))
        ).rowcount
        if changed != 1:
            raise BillingRecordNotFound(f"invoice {invoice_id} is no longer a draft")

    def approve(self, invoice_id: int, approver: str | None, now: datetime) -> None:
        """Record who approved a pre-bill for finalising (None withdraws the approval)."""
        self._update(invoice_id, now, approved_by=approver, approved_ms=to_ms(now) if approver else None)

    def drafts(self) -> list[Invoice]:
        """Every pre-bill (draft), oldest first."""
        ids = self._conn.execute(
            select(bill_invoices.c.id)
            .where(bill_invoices.c.state == InvoiceState.DRAFT.value)
            .order_by(bill_invoices.c.id)
        ).scalars()
        return [self.get(int(i)) for i in ids]

    def issued(self, limit: int = 200) -> list[Invoice]:
        """The most recent invoices that left the draft state (final, sent, void, no charge), newest first."""
        ids = self._conn.execute(
            select(bill_invoices.c.id)
            .where(bill_invoices.c.state != InvoiceState.DRAFT.value)
            .order_by(bill_invoices.c.id.desc())
            .limit(limit)
        ).scalars()
        return [self.get(int(i)) for i in ids]

    def mark_sent(self, invoice_id: int, now: datetime) -> None:
        self._update(invoice_id, now, state=InvoiceState.SENT.value, sent_ms=to_ms(now))

    def set_disputed(self, invoice_id: int, disputed: bool, note: str, now: datetime) -> None:
        self._update(invoice_id, now, disputed=disputed, note=note)

    def void(self, invoice_id: int, note: str, now: datetime) -> None:
        """Void an issued invoice: it keeps its number, and its claims go so its work is billable again."""
        self._conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))
        self._update(invoice_id, now, state=InvoiceState.VOID.value, note=note)
