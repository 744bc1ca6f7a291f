"""Sending the payment reminders due today (the ladder in reminders.py decides which), each at most once ever.

Reminders are never sent twice, across crashes and restarts, because a record comes first:
  1. in one transaction, insert (invoice, rung, 'sending'); the primary key refuses a second claimant;
  2. send the e-mail;
  3. mark the record 'sent' (or delete it when the server surely refused: a later run retries).
A crash between 1 and 3 leaves 'sending'. A later run turns records older than settings.sending_grace into
'unknown' and never retries them on its own: a person checks the mail log and calls resolve_reminder().
So a crash can cost a reminder (flagged for review) but can never send one twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from email.message import EmailMessage

from ledgerwatch.billing.context import BillingContext
from ledgerwatch.billing.mail import Mailer, NotSent, message
from ledgerwatch.billing.pdf import PastDue, letter_text, render_letter, render_statement
from ledgerwatch.billing.receipts import matter_funds
from ledgerwatch.billing.reminders import ReminderFacts, Rung, decide, wording
from ledgerwatch.billing.statements import document
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ClientBilling, ReminderState
from ledgerwatch.store.billing import OpenInvoice, ReminderRecord


class ReminderStatus(enum.StrEnum):
    """What a run did about one invoice."""

    SENT = "sent"
    WOULD_SEND = "would-send"
    SKIPPED = "skipped"
    FAILED = "failed"
    UNKNOWN = "unknown"
    PAUSED = "paused"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class ReminderOutcome:
    invoice: str
    rung: str | None
    status: ReminderStatus
    detail: str = ""


@dataclass(frozen=True, slots=True)
class ReminderRun:
    outcomes: tuple[ReminderOutcome, ...] = field(default=())
    needs_review: tuple[ReminderOutcome, ...] = field(default=())

    @property
    def sent(self) -> tuple[ReminderOutcome, ...]:
        return tuple(o for o in self.outcomes if o.status is ReminderStatus.SENT)


def run_reminders(ctx: BillingContext, dry_run: bool = False) -> ReminderRun:
    """Send the reminders due today, each (invoice, rung) at most once ever; see the module docstring."""
    now = ctx.clock()
    today = ctx.today()
    review: list[ReminderOutcome] = []
    if not dry_run:
        with ctx.store.write() as tx:
            for stale in tx.reminders.stale_sending(now - ctx.settings.sending_grace):
                review.append(
                    ReminderOutcome(
                        str(stale.invoice_id),
                        stale.rung,
                        ReminderStatus.UNKNOWN,
                        "crashed while sending; check before resending",
                    )
                )
    with ctx.store.read() as tx:
        invoices = tx.invoices.receivables()
        funds = tx.payments.trust_funds()
        # what trust could pay each invoice: its own matter's funds and the client's general retainer, never
        # another matter's (trust is held per client-matter)
        held = {cid for cid, _ in funds}
        trust = {
            r.id: sum(
                matter_funds(funds, r.client_id, tx.payments.client_matter(r.client_id, r.matter)), Decimal(0)
            )
            for r in invoices
            if r.client_id in held
        }
        records = tx.reminders.recorded()
        clients = {cid: tx.setup.client(cid) for cid in {r.client_id for r in invoices}}
    outcomes: list[ReminderOutcome] = []
    for r in invoices:
        client = clients[r.client_id]
        facts = ReminderFacts(
            invoice_id=r.id,
            due_date=r.due_date,
            balance=r.balance,
            trust_available=trust.get(r.id, Decimal(0)),
            disputed=r.disputed,
            do_not_contact=client.do_not_contact,
            recorded=frozenset(records.get(r.id, set())),
        )
        decision = decide(facts, today, ctx.settings.ladder)
        if decision.send is None:
            status = ReminderStatus.PAUSED if decision.reason.startswith("paused") else ReminderStatus.NONE
            outcomes.append(ReminderOutcome(r.number, None, status, decision.reason))
            continue
        rung = decision.send
        if dry_run:
            outcomes.append(ReminderOutcome(r.number, rung.name, ReminderStatus.WOULD_SEND, client.email))
            continue
        if not client.email:
            outcomes.append(
                ReminderOutcome(r.number, rung.name, ReminderStatus.FAILED, "client has no billing e-mail")
            )
            continue
        mailer = ctx.require_mailer()
        with ctx.store.write() as tx:
            for skipped in decision.skip:
                tx.reminders.claim(r.id, skipped.name, ReminderState.SKIPPED, now)
            claimed = tx.reminders.claim(r.id, rung.name, ReminderState.SENDING, now)
        if not claimed:
            outcomes.append(
                ReminderOutcome(r.number, rung.name, ReminderStatus.NONE, "recorded by another run")
            )
            continue
        outcomes.append(_send(ctx, mailer, r, rung, client))
    return ReminderRun(tuple(outcomes), tuple(review))


def _send(
    ctx: BillingContext, mailer: Mailer, r: OpenInvoice, rung: Rung, client: ClientBilling
) -> ReminderOutcome:
    """Send one claimed reminder and record how it went."""
    msg = reminder_message(ctx, r, rung, client)
    try:
        mailer.send(msg)
    except NotSent as exc:
        with ctx.store.write() as tx:
            tx.reminders.forget(r.id, rung.name)
        return ReminderOutcome(r.number, rung.name, ReminderStatus.FAILED, f"not sent, will retry: {exc}")
    except Exception as exc:
        # MaybeSent or anything unexpected after the claim: never retry on our own.
        with ctx.store.write() as tx:
            tx.reminders.mark(r.id, rung.name, ReminderState.UNKNOWN, ctx.clock(), str(exc))
        return ReminderOutcome(r.number, rung.name, ReminderStatus.UNKNOWN, f"may have been sent: {exc}")
    with ctx.store.write() as tx:
        tx.reminders.mark(r.id, rung.name, ReminderState.SENT, ctx.clock())
    return ReminderOutcome(r.number, rung.name, ReminderStatus.SENT, client.email)


def reminder_message(ctx: BillingContext, r: OpenInvoice, rung: Rung, client: ClientBilling) -> EmailMessage:
    """The reminder e-mail: wording that escalates with the rung, the client's salutation, and as attachment a
    statement of the balance (the final notice: the collection letter). The invoice itself, with its work
    descriptions, only where the firm opted in (billing.reminders_attach_invoice)."""
    today = ctx.today()
    with ctx.store.read() as tx:
        doc = document(ctx, tx, r.id) if ctx.settings.reminders_attach_invoice else None
        link = ctx.settings.payment_link(r.number, Money(r.balance, r.currency))
    balance = f"{r.balance:,.2f} {r.currency}"
    words = wording(
        rung, greeting=client.greeting, number=r.number, due=r.due_date, today=today, balance=balance,
        link=link, firm=ctx.settings.letterhead.firm,
    )  # fmt: skip
    item = PastDue(r.number, r.issue_date, r.due_date, Money(r.balance, r.currency))
    if doc is not None:
        attachment, filename = doc.pdf, f"{r.number}.pdf"
    elif words.tone == "final":
        body = letter_text(
            ctx.settings.letter_template, client=client.client, items=[item], signer=ctx.settings.letter_signer,
            firm=ctx.settings.letterhead.firm, links={r.number: link} if link else {}, greeting=client.greeting,
        )  # fmt: skip
        address = [client.client, *client.address_lines]
        attachment = render_letter(ctx.settings.letterhead, today, address, body)
        filename = f"final-notice-{r.number}.pdf"
    else:
        attachment = render_statement(
            ctx.settings.letterhead, today, [client.client, *client.address_lines], [item]
        )
        filename = f"statement-{r.number}.pdf"
    msg = message(
        sender=ctx.settings.sender,
        to=client.email,
        subject=words.subject,
        body=words.body,
        attachment=attachment,
        filename=filename,
    )
    msg["X-Ledgerwatch-Reminder"] = f"{r.number}/{rung.name}"
    return msg


def preview(ctx: BillingContext) -> list[tuple[ReminderOutcome, EmailMessage | None]]:
    """What a run would send today, each with the e-mail as it would go (nothing is sent or recorded)."""
    run = run_reminders(ctx, dry_run=True)
    with ctx.store.read() as tx:
        invoices = {r.number: r for r in tx.invoices.receivables()}
        clients = {r.client_id: tx.setup.client(r.client_id) for r in invoices.values()}
    rungs = {r.name: r for r in ctx.settings.ladder}
    out: list[tuple[ReminderOutcome, EmailMessage | None]] = []
    for o in run.outcomes:
        r = invoices.get(o.invoice)
        if o.status is ReminderStatus.WOULD_SEND and r is not None and o.rung in rungs:
            out.append((o, reminder_message(ctx, r, rungs[o.rung], clients[r.client_id])))
        else:
            out.append((o, None))
    return out


def reminder_log(ctx: BillingContext, invoice_id: int | None = None) -> list[ReminderRecord]:
    with ctx.store.read() as tx:
        return tx.reminders.log(invoice_id)


def resolve_reminder(ctx: BillingContext, invoice_id: int, rung: str, was_sent: bool) -> None:
    """After review of an 'unknown' reminder: mark it sent, or release it so the next run sends it."""
    with ctx.store.write() as tx:
        if was_sent:
            tx.reminders.mark(invoice_id, rung, ReminderState.SENT, ctx.clock(), "confirmed by review")
        else:
            tx.reminders.mark(invoice_id, rung, ReminderState.SENDING, ctx.clock())
            tx.reminders.forget(invoice_id, rung)
