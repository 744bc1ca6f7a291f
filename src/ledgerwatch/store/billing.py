"""Billing tables: thin reads and writes over one connection; billing/service.py owns the transactions.

Rows come back as plain dicts (column name -> value, Decimal for money); billing turns them into its records.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, and_, delete, func, literal, select, update
from sqlalchemy.exc import IntegrityError

from ledgerwatch.domain import Client
from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.matters import client_id as upsert_client
from ledgerwatch.store.schema import (
    bill_adjustments,
    bill_allocations,
    bill_claims,
    bill_client_settings,
    bill_counters,
    bill_credits,
    bill_entry_timekeeper,
    bill_expenses,
    bill_invoice_lines,
    bill_invoices,
    bill_letters,
    bill_payments,
    bill_rates,
    bill_referrals,
    bill_reminders,
    bill_terms,
    bill_timekeepers,
    bill_trust,
    clients,
    entries,
    matters,
)

Row = dict[str, Any]
BILLABLE_STATES = ("approved", "synced")
LIVE = ("draft", "final", "sent")
OPEN = ("final", "sent")


def _rows(conn: Connection, stmt: Any) -> list[Row]:
    return [dict(r) for r in conn.execute(stmt).mappings()]


# --- setup: timekeepers, rates, terms, client settings, expenses ---


def put_timekeeper(conn: Connection, row: Row) -> None:
    """Insert or replace a timekeeper by id."""
    if conn.execute(select(bill_timekeepers.c.id).where(bill_timekeepers.c.id == row["id"])).first():
        conn.execute(update(bill_timekeepers).where(bill_timekeepers.c.id == row["id"]).values(**row))
    else:
        conn.execute(bill_timekeepers.insert().values(**row))


def timekeepers(conn: Connection) -> list[Row]:
    return _rows(conn, select(bill_timekeepers).order_by(bill_timekeepers.c.id))


def assign_timekeeper(conn: Connection, entry_id: str, timekeeper_id: str) -> None:
    conn.execute(delete(bill_entry_timekeeper).where(bill_entry_timekeeper.c.entry_id == entry_id))
    conn.execute(bill_entry_timekeeper.insert().values(entry_id=entry_id, timekeeper_id=timekeeper_id))


def add_rate(conn: Connection, row: Row) -> None:
    conn.execute(bill_rates.insert().values(**row))


def rates(conn: Connection) -> list[Row]:
    return _rows(conn, select(bill_rates).order_by(bill_rates.c.effective_from, bill_rates.c.id))


def put_terms(conn: Connection, row: Row) -> None:
    row = {**row, "task_fees": dumps({k: str(v) for k, v in dict(row.get("task_fees") or {}).items()})}
    if conn.execute(select(bill_terms.c.matter).where(bill_terms.c.matter == row["matter"])).first():
        conn.execute(update(bill_terms).where(bill_terms.c.matter == row["matter"]).values(**row))
    else:
        conn.execute(bill_terms.insert().values(**row))


def terms(conn: Connection, matter: str) -> Row | None:
    found = conn.execute(select(bill_terms).where(bill_terms.c.matter == matter)).mappings().first()
    if found is None:
        return None
    row = dict(found)
    row["task_fees"] = {k: Decimal(v) for k, v in json.loads(row["task_fees"]).items()}
    return row


def client_id(conn: Connection, name: str) -> int | None:
    found = conn.execute(select(clients.c.id).where(clients.c.name == name)).scalar()
    return None if found is None else int(found)


def put_client_settings(conn: Connection, client: str, row: Row) -> int:
    """Billing settings for a client (created by name if new); returns the client id."""
    cid = client_id(conn, client)
    if cid is None:
        cid = upsert_client(conn, Client(client))
    row = {**row}
    if "rules" in row:
        row["rules"] = dumps(row["rules"])
    if conn.execute(
        select(bill_client_settings.c.client_id).where(bill_client_settings.c.client_id == cid)
    ).first():
        conn.execute(
            update(bill_client_settings).where(bill_client_settings.c.client_id == cid).values(**row)
        )
    else:
        conn.execute(bill_client_settings.insert().values(client_id=cid, **row))
    return cid


def client_settings(conn: Connection, cid: int) -> Row:
    """The client's name, do-not-contact flag and billing settings (defaults when none are stored)."""
    stmt = (
        select(clients.c.id, clients.c.name, clients.c.do_not_contact, bill_client_settings)
        .select_from(
            clients.outerjoin(bill_client_settings, bill_client_settings.c.client_id == clients.c.id)
        )
        .where(clients.c.id == cid)
    )
    found = conn.execute(stmt).mappings().first()
    if found is None:
        raise LookupError(f"no client with id {cid}")
    row = dict(found)
    row["client_id"] = cid
    defaults = {"email": "", "address": "", "cycle": "monthly", "terms_days": 30, "ledes_client_id": ""}
    for key, value in defaults.items():
        if row.get(key) is None:
            row[key] = value
    row["timekeeper_codes"] = row.get("timekeeper_codes") or "1998B"
    row["rules"] = json.loads(row["rules"]) if row.get("rules") else {}
    return row


def mark_cycle(conn: Connection, cid: int, on: date) -> None:
    """Remember the day the client's billing cycle last ran."""
    name = conn.execute(select(clients.c.name).where(clients.c.id == cid)).scalar_one()
    put_client_settings(conn, str(name), {"last_cycle_on": on})


def set_do_not_contact(conn: Connection, cid: int, flag: bool) -> None:
    conn.execute(update(clients).where(clients.c.id == cid).values(do_not_contact=flag))


def add_expense(conn: Connection, row: Row) -> None:
    conn.execute(bill_expenses.insert().values(**row))


# --- unbilled work ---


def billable_matters(conn: Connection, through: date, client: int | None = None) -> list[Row]:
    """Matters with approved, unclaimed billable time (or expenses) up to through, with their client."""
    claimed = literal("entry:").concat(entries.c.id)
    work = (
        select(entries.c.matter)
        .outerjoin(bill_claims, bill_claims.c.item == claimed)
        .where(
            entries.c.status.in_(BILLABLE_STATES),
            entries.c.kind == "billable",
            entries.c.day <= through,
            bill_claims.c.item.is_(None),
            entries.c.matter.is_not(None),
        )
    )
    spent = (
        select(bill_expenses.c.matter)
        .outerjoin(bill_claims, bill_claims.c.item == literal("expense:").concat(bill_expenses.c.id))
        .where(bill_expenses.c.day <= through, bill_claims.c.item.is_(None))
    )
    names = {r[0] for r in conn.execute(work.distinct())} | {r[0] for r in conn.execute(spent.distinct())}
    if not names:
        return []
    stmt = (
        select(
            matters.c.number,
            matters.c.rate,
            matters.c.currency,
            matters.c.description,
            clients.c.id.label("client_id"),
            clients.c.name.label("client"),
        )
        .join(clients, clients.c.id == matters.c.client_id)
        .where(matters.c.number.in_(sorted(names)))
        .order_by(clients.c.name, matters.c.number)
    )
    if client is not None:
        stmt = stmt.where(clients.c.id == client)
    return _rows(conn, stmt)


def matter_row(conn: Connection, number: str) -> Row | None:
    stmt = (
        select(
            matters.c.number,
            matters.c.rate,
            matters.c.currency,
            matters.c.description,
            clients.c.id.label("client_id"),
            clients.c.name.label("client"),
        )
        .join(clients, clients.c.id == matters.c.client_id)
        .where(matters.c.number == number)
    )
    found = conn.execute(stmt).mappings().first()
    return dict(found) if found else None


def unbilled_work(conn: Connection, matter: str, through: date) -> list[Row]:
    claimed = literal("entry:").concat(entries.c.id)
    stmt = (
        select(
            entries.c.id,
            entries.c.day,
            entries.c.matter,
            entries.c.billed_hours,
            entries.c.description,
            entries.c.task_code,
            entries.c.activity_code,
            bill_entry_timekeeper.c.timekeeper_id,
        )
        .outerjoin(bill_claims, bill_claims.c.item == claimed)
        .outerjoin(bill_entry_timekeeper, bill_entry_timekeeper.c.entry_id == entries.c.id)
        .where(
            entries.c.matter == matter,
            entries.c.status.in_(BILLABLE_STATES),
            entries.c.kind == "billable",
            entries.c.day <= through,
            bill_claims.c.item.is_(None),
        )
        .order_by(entries.c.day, entries.c.id)
    )
    return _rows(conn, stmt)


def work_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    """Entries by id with their timekeeper (a draft's own work), if they are still approved and billable."""
    stmt = (
        select(
            entries.c.id,
            entries.c.day,
            entries.c.matter,
            entries.c.billed_hours,
            entries.c.description,
            entries.c.task_code,
            entries.c.activity_code,
            bill_entry_timekeeper.c.timekeeper_id,
        )
        .outerjoin(bill_entry_timekeeper, bill_entry_timekeeper.c.entry_id == entries.c.id)
        .where(
            entries.c.id.in_(list(ids)), entries.c.status.in_(BILLABLE_STATES), entries.c.kind == "billable"
        )
        .order_by(entries.c.day, entries.c.id)
    )
    return _rows(conn, stmt)


def claimed(conn: Connection, items: Sequence[str]) -> dict[str, int]:
    """Which of these items ('entry:<id>', 'expense:<id>') are on a live invoice, and which."""
    stmt = select(bill_claims.c.item, bill_claims.c.invoice_id).where(bill_claims.c.item.in_(list(items)))
    return {item: int(invoice_id) for item, invoice_id in conn.execute(stmt)}


def expenses_by_ids(conn: Connection, ids: Sequence[str]) -> list[Row]:
    return _rows(
        conn, select(bill_expenses).where(bill_expenses.c.id.in_(list(ids))).order_by(bill_expenses.c.id)
    )


def unbilled_expenses(conn: Connection, matter: str, through: date) -> list[Row]:
    stmt = (
        select(bill_expenses)
        .outerjoin(bill_claims, bill_claims.c.item == literal("expense:").concat(bill_expenses.c.id))
        .where(bill_expenses.c.matter == matter, bill_expenses.c.day <= through, bill_claims.c.item.is_(None))
        .order_by(bill_expenses.c.day, bill_expenses.c.id)
    )
    return _rows(conn, stmt)


def matter_history(conn: Connection, matter: str, exclude: int | None = None) -> Row:
    """Fees already billed on live invoices, and which flat fees (whole matter, per task) they carried."""
    stmt = (
        select(bill_invoice_lines.c.kind, bill_invoice_lines.c.total, bill_invoice_lines.c.note,
               bill_invoice_lines.c.task_code)
        .join(bill_invoices, bill_invoices.c.id == bill_invoice_lines.c.invoice_id)
        .where(bill_invoices.c.matter == matter, bill_invoices.c.state.in_(LIVE))
    )  # fmt: skip
    if exclude is not None:
        stmt = stmt.where(bill_invoices.c.id != exclude)
    fees = Decimal(0)
    flat = False
    tasks: set[str] = set()
    for kind, total, note, task in conn.execute(stmt):
        if kind in ("F", "IF"):
            fees += Decimal(total)
        if note == "flat fee":
            flat = True
        if note == "flat fee per task" and task:
            tasks.add(task)
    return {"fees_billed": fees, "flat_billed": flat, "tasks_billed": frozenset(tasks)}


# --- invoices ---


def insert_invoice(conn: Connection, header: Row, now: datetime) -> int:
    ms = to_ms(now)
    key = conn.execute(
        bill_invoices.insert().values(**header, created_ms=ms, updated_ms=ms)
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def write_lines(conn: Connection, invoice_id: int, lines: Sequence[Row], totals: Row, now: datetime) -> None:
    """Replace an invoice's lines and claims: every entry and expense on it is claimed by this invoice alone.

    A claim already held by another invoice raises IntegrityError (two drafts racing for the same entry).
    """
    conn.execute(delete(bill_invoice_lines).where(bill_invoice_lines.c.invoice_id == invoice_id))
    conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))
    if lines:
        conn.execute(bill_invoice_lines.insert(), [{**ln, "invoice_id": invoice_id} for ln in lines])
    items = [f"entry:{ln['entry_id']}" for ln in lines if ln.get("entry_id")]
    items += [f"expense:{ln['expense_id']}" for ln in lines if ln.get("expense_id")]
    if items:
        conn.execute(bill_claims.insert(), [{"item": i, "invoice_id": invoice_id} for i in items])
    conn.execute(
        update(bill_invoices).where(bill_invoices.c.id == invoice_id).values(**totals, updated_ms=to_ms(now))
    )


def invoice(conn: Connection, invoice_id: int) -> tuple[Row, list[Row]]:
    stmt = (
        select(bill_invoices, clients.c.name.label("client"))
        .join(clients, clients.c.id == bill_invoices.c.client_id)
        .where(bill_invoices.c.id == invoice_id)
    )
    head = conn.execute(stmt).mappings().first()
    if head is None:
        raise LookupError(f"no invoice {invoice_id}")
    lines = _rows(
        conn,
        select(bill_invoice_lines)
        .where(bill_invoice_lines.c.invoice_id == invoice_id)
        .order_by(bill_invoice_lines.c.seq),
    )
    return dict(head), lines


def invoice_id_for(conn: Connection, number_or_id: str) -> int | None:
    """An invoice by its number, or by its row id for drafts ('#12' or '12')."""
    found = conn.execute(select(bill_invoices.c.id).where(bill_invoices.c.number == number_or_id)).scalar()
    if found is not None:
        return int(found)
    text = number_or_id.lstrip("#")
    if text.isdigit():
        found = conn.execute(select(bill_invoices.c.id).where(bill_invoices.c.id == int(text))).scalar()
    return None if found is None else int(found)


def adjustments(conn: Connection, invoice_id: int) -> list[Row]:
    return _rows(
        conn,
        select(bill_adjustments)
        .where(bill_adjustments.c.invoice_id == invoice_id)
        .order_by(bill_adjustments.c.id),
    )


def add_adjustment(conn: Connection, row: Row) -> None:
    conn.execute(bill_adjustments.insert().values(**row))


def update_invoice(conn: Connection, invoice_id: int, values: Row, now: datetime) -> None:
    conn.execute(
        update(bill_invoices).where(bill_invoices.c.id == invoice_id).values(**values, updated_ms=to_ms(now))
    )


def release_claims(conn: Connection, invoice_id: int) -> None:
    conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))


def delete_draft(conn: Connection, invoice_id: int) -> None:
    conn.execute(delete(bill_claims).where(bill_claims.c.invoice_id == invoice_id))
    conn.execute(delete(bill_adjustments).where(bill_adjustments.c.invoice_id == invoice_id))
    conn.execute(delete(bill_invoice_lines).where(bill_invoice_lines.c.invoice_id == invoice_id))
    conn.execute(
        delete(bill_invoices).where(bill_invoices.c.id == invoice_id, bill_invoices.c.state == "draft")
    )


def next_number(conn: Connection, counter: str = "invoice") -> int:
    """The next value of a counter that never goes back; the row lock serialises concurrent finalisers."""
    done = conn.execute(
        update(bill_counters).where(bill_counters.c.name == counter).values(value=bill_counters.c.value + 1)
    )
    if done.rowcount == 0:
        try:
            with conn.begin_nested():
                conn.execute(bill_counters.insert().values(name=counter, value=1))
            return 1
        except IntegrityError:
            conn.execute(
                update(bill_counters)
                .where(bill_counters.c.name == counter)
                .values(value=bill_counters.c.value + 1)
            )
    return int(
        conn.execute(select(bill_counters.c.value).where(bill_counters.c.name == counter)).scalar_one()
    )


def invoices(conn: Connection, states: Iterable[str] = OPEN, client: int | None = None) -> list[Row]:
    stmt = (
        select(bill_invoices, clients.c.name.label("client"))
        .join(clients, clients.c.id == bill_invoices.c.client_id)
        .where(bill_invoices.c.state.in_(list(states)))
        .order_by(bill_invoices.c.issue_date, bill_invoices.c.id)
    )
    if client is not None:
        stmt = stmt.where(bill_invoices.c.client_id == client)
    return _rows(conn, stmt)


def receivables(conn: Connection, client: int | None = None, as_of: date | None = None) -> list[Row]:
    """Finalised invoices with what has been paid and credited against each (Decimal sums in Python).

    as_of: only payments received and credits given on or before that day count (aging a past date).
    """
    heads = invoices(conn, OPEN, client)
    allocations = select(bill_allocations.c.invoice_id, bill_allocations.c.amount)
    credits = select(bill_credits.c.invoice_id, bill_credits.c.amount)
    if as_of is not None:
        allocations = allocations.join(
            bill_payments, bill_payments.c.id == bill_allocations.c.payment_id
        ).where(bill_payments.c.received_on <= as_of)
        credits = credits.where(bill_credits.c.day <= as_of)
    paid: dict[int, Decimal] = {}
    for invoice_id, amount in conn.execute(allocations):
        paid[invoice_id] = paid.get(invoice_id, Decimal(0)) + Decimal(amount)
    credited: dict[int, Decimal] = {}
    for invoice_id, amount in conn.execute(credits):
        credited[invoice_id] = credited.get(invoice_id, Decimal(0)) + Decimal(amount)
    for head in heads:
        head["paid"] = paid.get(head["id"], Decimal(0))
        head["credited"] = credited.get(head["id"], Decimal(0))
        head["balance"] = Decimal(head["total"]) - head["paid"] - head["credited"]
    return heads


# --- payments, credits, trust ---


def insert_payment(conn: Connection, row: Row, now: datetime) -> int | None:
    """A new payment's id, or None when (source, external_id) is already recorded (a re-pulled payment)."""
    if row.get("external_id") is not None:
        found = conn.execute(
            select(bill_payments.c.id).where(
                bill_payments.c.source == row["source"], bill_payments.c.external_id == row["external_id"]
            )
        ).first()
        if found is not None:
            return None
    key = conn.execute(bill_payments.insert().values(**row, recorded_ms=to_ms(now))).inserted_primary_key
    assert key is not None
    return int(key[0])


def allocate(conn: Connection, payment_id: int, invoice_id: int, amount: Decimal) -> None:
    conn.execute(
        bill_allocations.insert().values(payment_id=payment_id, invoice_id=invoice_id, amount=amount)
    )


def unapplied(conn: Connection, client: int) -> Decimal:
    """Payments received from a client and not yet allocated to an invoice (credit on account)."""
    received = sum(
        (
            Decimal(a)
            for (a,) in conn.execute(
                select(bill_payments.c.amount).where(bill_payments.c.client_id == client)
            )
        ),
        Decimal(0),
    )
    applied = sum(
        (
            Decimal(a)
            for (a,) in conn.execute(
                select(bill_allocations.c.amount)
                .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
                .where(bill_payments.c.client_id == client)
            )
        ),
        Decimal(0),
    )
    return received - applied


def latest_payment(conn: Connection, client: int) -> int | None:
    found = conn.execute(
        select(bill_payments.c.id)
        .where(bill_payments.c.client_id == client)
        .order_by(bill_payments.c.id.desc())
    ).first()
    return None if found is None else int(found[0])


def payments_for(conn: Connection, invoice_id: int) -> list[Row]:
    stmt = (
        select(bill_payments.c.received_on, bill_payments.c.method, bill_allocations.c.amount)
        .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
        .where(bill_allocations.c.invoice_id == invoice_id)
        .order_by(bill_payments.c.received_on, bill_allocations.c.id)
    )
    return _rows(conn, stmt)


def add_credit(conn: Connection, row: Row, now: datetime) -> None:
    conn.execute(bill_credits.insert().values(**row, created_ms=to_ms(now)))


def credits_for(conn: Connection, invoice_id: int) -> list[Row]:
    return _rows(
        conn, select(bill_credits).where(bill_credits.c.invoice_id == invoice_id).order_by(bill_credits.c.id)
    )


def add_trust(conn: Connection, row: Row, now: datetime) -> None:
    conn.execute(bill_trust.insert().values(**row, created_ms=to_ms(now)))


def trust_balances(conn: Connection) -> dict[int, Decimal]:
    out: dict[int, Decimal] = {}
    for cid, amount in conn.execute(select(bill_trust.c.client_id, bill_trust.c.amount)):
        out[cid] = out.get(cid, Decimal(0)) + Decimal(amount)
    return out


def realization(conn: Connection, since: date, until: date) -> Row:
    """Worked value and billed amounts of invoices issued in [since, until], and payments received then."""
    worked = billed = collected = Decimal(0)
    for w, t in conn.execute(
        select(bill_invoices.c.worked_value, bill_invoices.c.total).where(
            bill_invoices.c.state.in_(OPEN), bill_invoices.c.issue_date.between(since, until)
        )
    ):
        worked += Decimal(w)
        billed += Decimal(t)
    for (a,) in conn.execute(
        select(bill_allocations.c.amount)
        .join(bill_payments, bill_payments.c.id == bill_allocations.c.payment_id)
        .where(bill_payments.c.received_on.between(since, until))
    ):
        collected += Decimal(a)
    return {"worked": worked, "billed": billed, "collected": collected}


# --- reminders: the record that makes 'never twice' hold ---


def reminder_records(conn: Connection) -> dict[int, set[str]]:
    out: dict[int, set[str]] = {}
    for invoice_id, rung in conn.execute(select(bill_reminders.c.invoice_id, bill_reminders.c.rung)):
        out.setdefault(invoice_id, set()).add(rung)
    return out


def claim_reminder(conn: Connection, invoice_id: int, rung: str, state: str, now: datetime) -> bool:
    """Record (invoice, rung) once; False if it is already recorded, by us or by another process."""
    try:
        with conn.begin_nested():
            conn.execute(
                bill_reminders.insert().values(
                    invoice_id=invoice_id, rung=rung, state=state, at_ms=to_ms(now)
                )
            )
    except IntegrityError:
        return False
    return True


def set_reminder(
    conn: Connection, invoice_id: int, rung: str, state: str, now: datetime, detail: str = ""
) -> None:
    conn.execute(
        update(bill_reminders)
        .where(bill_reminders.c.invoice_id == invoice_id, bill_reminders.c.rung == rung)
        .values(state=state, at_ms=to_ms(now), detail=detail)
    )


def forget_reminder(conn: Connection, invoice_id: int, rung: str) -> None:
    conn.execute(
        delete(bill_reminders).where(
            bill_reminders.c.invoice_id == invoice_id,
            bill_reminders.c.rung == rung,
            bill_reminders.c.state == "sending",
        )
    )


def stale_sending(conn: Connection, before: datetime, now: datetime) -> list[Row]:
    """Mark 'sending' records older than before as 'unknown' (a crash mid-send) and return them for review."""
    cond = and_(bill_reminders.c.state == "sending", bill_reminders.c.at_ms < to_ms(before))
    found = _rows(conn, select(bill_reminders).where(cond))
    if found:
        conn.execute(
            update(bill_reminders)
            .where(cond)
            .values(state="unknown", detail="crashed while sending: check the mail log before resending")
        )
    return found


def reminders(conn: Connection, invoice_id: int | None = None) -> list[Row]:
    stmt = select(bill_reminders).order_by(bill_reminders.c.invoice_id, bill_reminders.c.at_ms)
    if invoice_id is not None:
        stmt = stmt.where(bill_reminders.c.invoice_id == invoice_id)
    return _rows(conn, stmt)


# --- collection letters and agency referrals ---


def add_letter(conn: Connection, client: int, invoice_ids: Sequence[int], now: datetime) -> int:
    key = conn.execute(
        bill_letters.insert().values(
            client_id=client, invoices=dumps(list(invoice_ids)), state="draft", created_ms=to_ms(now)
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def letters(conn: Connection, state: str | None = None) -> list[Row]:
    stmt = select(bill_letters).order_by(bill_letters.c.id)
    if state is not None:
        stmt = stmt.where(bill_letters.c.state == state)
    rows = _rows(conn, stmt)
    for row in rows:
        row["invoices"] = json.loads(row["invoices"])
    return rows


def letter_invoices_pending(conn: Connection) -> set[int]:
    """Invoices already in a collection letter (any state)."""
    out: set[int] = set()
    for (text,) in conn.execute(select(bill_letters.c.invoices)):
        out.update(json.loads(text))
    return out


def update_letter(conn: Connection, letter_id: int, values: Row) -> None:
    conn.execute(update(bill_letters).where(bill_letters.c.id == letter_id).values(**values))


def add_referral(
    conn: Connection, client: int, invoice_ids: Sequence[int], approved_by: str, now: datetime
) -> int:
    key = conn.execute(
        bill_referrals.insert().values(
            client_id=client,
            invoices=dumps(list(invoice_ids)),
            approved_by=approved_by,
            approved_ms=to_ms(now),
        )
    ).inserted_primary_key
    assert key is not None
    return int(key[0])


def referral(conn: Connection, referral_id: int) -> Row | None:
    found = conn.execute(select(bill_referrals).where(bill_referrals.c.id == referral_id)).mappings().first()
    if found is None:
        return None
    row = dict(found)
    row["invoices"] = json.loads(row["invoices"])
    return row


def mark_referral_exported(conn: Connection, referral_id: int, now: datetime) -> None:
    conn.execute(
        update(bill_referrals).where(bill_referrals.c.id == referral_id).values(exported_ms=to_ms(now))
    )


def count_invoices(conn: Connection) -> int:
    return int(conn.execute(select(func.count()).select_from(bill_invoices)).scalar_one())
