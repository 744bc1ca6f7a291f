"""Collecting accounts past 90 days: letters a person reviews before they go, referrals to a collections agency.

Both say only what Model Rule 1.6(b)(5) allows: invoice numbers, dates and balances, nothing about the work.
"""

from __future__ import annotations

import csv
import io

from ledgerwatch.billing.context import BillingContext, BillingError
from ledgerwatch.billing.mail import message
from ledgerwatch.billing.pdf import PastDue, letter_text, render_letter
from ledgerwatch.billing.setup import client_id
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ClientBilling, LetterState
from ledgerwatch.store.billing import BillingTables, Letter, OpenInvoice

PAST_DUE_DAYS = 90
REFERRAL_COLUMNS = (
    "debtor",
    "address",
    "email",
    "invoice",
    "invoice_date",
    "due_date",
    "balance",
    "currency",
    "approved_by",
)


def _past_due(ctx: BillingContext, invoices: list[OpenInvoice]) -> list[OpenInvoice]:
    """The invoices with a balance more than 90 days past due."""
    today = ctx.today()
    return [r for r in invoices if r.balance > 0 and (today - r.due_date).days > PAST_DUE_DAYS]


def draft_collection_letters(ctx: BillingContext) -> list[int]:
    """Draft a letter per client with invoices more than 90 days past due; nothing goes out unreviewed."""
    ids = []
    with ctx.store.write() as tx:
        taken = tx.letters.invoices_in_letters()
        by_client: dict[int, list[OpenInvoice]] = {}
        for r in _past_due(ctx, tx.invoices.receivables()):
            if not r.disputed and r.id not in taken:
                by_client.setdefault(r.client_id, []).append(r)
        for cid in sorted(by_client):
            if tx.setup.client(cid).do_not_contact:
                continue
            ids.append(tx.letters.add(cid, [r.id for r in by_client[cid]], ctx.clock()))
    return ids


def letters(ctx: BillingContext, state: LetterState | None = None) -> list[Letter]:
    with ctx.store.read() as tx:
        return tx.letters.letters(state)


def letter_pdf(ctx: BillingContext, letter_id: int) -> bytes:
    """The letter for review: invoice numbers, dates and balances only (Model Rule 1.6(b)(5))."""
    with ctx.store.read() as tx:
        return _letter(ctx, tx, letter_id)[1]


def _letter(ctx: BillingContext, tx: BillingTables, letter_id: int) -> tuple[Letter, bytes, ClientBilling]:
    letter = tx.letters.letter(letter_id)
    if letter is None:
        raise BillingError(f"no collection letter {letter_id}")
    client = tx.setup.client(letter.client_id)
    open_now = {r.id: r for r in tx.invoices.receivables(letter.client_id)}
    items = [
        PastDue(r.number, r.issue_date, r.due_date, Money(r.balance, r.currency))
        for r in (open_now[i] for i in letter.invoices if i in open_now)
        if r.balance > 0
    ]
    if not items:
        raise BillingError(f"letter {letter_id}: nothing is past due any more")
    links = {i.number: link for i in items if (link := ctx.settings.payment_link(i.number, i.balance))}
    body = letter_text(
        ctx.settings.letter_template,
        client=client.client,
        items=items,
        signer=ctx.settings.letter_signer,
        firm=ctx.settings.letterhead.firm,
        links=links,
        greeting=client.greeting,
    )
    address = [client.client, *client.address_lines]
    return letter, render_letter(ctx.settings.letterhead, ctx.today(), address, body), client


def approve_letter(ctx: BillingContext, letter_id: int, reviewer: str) -> None:
    if not reviewer:
        raise BillingError("approval needs the reviewer's name")
    with ctx.store.write() as tx:
        tx.letters.approve(letter_id, reviewer, ctx.clock())


def send_letter(ctx: BillingContext, letter_id: int) -> None:
    """Send an approved letter; drafts are refused."""
    mailer = ctx.require_mailer()
    with ctx.store.read() as tx:
        letter, pdf, client = _letter(ctx, tx, letter_id)
    if letter.state is not LetterState.APPROVED:
        raise BillingError(f"letter {letter_id} is {letter.state}: it must be reviewed and approved first")
    if not client.email:
        raise BillingError(f"client {client.client!r} has no billing e-mail address")
    msg = message(
        sender=ctx.settings.sender,
        to=client.email,
        subject="Past-due account",
        body="Please see the attached letter about your past-due account.",
        attachment=pdf,
        filename="past-due-notice.pdf",
    )
    mailer.send(msg)
    with ctx.store.write() as tx:
        tx.letters.mark_sent(letter_id, ctx.clock())


def approve_referral(ctx: BillingContext, client: str, approved_by: str) -> int:
    """Explicit approval to hand a client's 90+ day invoices to a collections agency."""
    if not approved_by:
        raise BillingError("a collections referral needs the approver's name")
    with ctx.store.write() as tx:
        cid = client_id(tx, client)
        due = _past_due(ctx, tx.invoices.receivables(cid))
        if not due:
            raise BillingError(f"{client}: nothing is more than 90 days past due")
        return tx.letters.add_referral(cid, [r.id for r in due], approved_by, ctx.clock())


def export_referral(ctx: BillingContext, referral_id: int) -> str:
    """The agency file (CSV) for an approved referral: who owes what, nothing about the legal work."""
    with ctx.store.write() as tx:
        ref = tx.letters.referral(referral_id)
        if ref is None:
            raise BillingError(f"no approved collections referral {referral_id}")
        client = tx.setup.client(ref.client_id)
        open_now = {r.id: r for r in tx.invoices.receivables(ref.client_id)}
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(REFERRAL_COLUMNS)
        for i in ref.invoices:
            r = open_now.get(i)
            if r is None or r.balance <= 0:
                continue
            writer.writerow(
                [
                    client.client,
                    " / ".join(client.address.splitlines()),
                    client.email,
                    r.number,
                    r.issue_date.isoformat(),
                    r.due_date.isoformat(),
                    f"{r.balance:.2f}",
                    r.currency,
                    ref.approved_by,
                ]
            )
        tx.letters.mark_referral_exported(referral_id, ctx.clock())
        return buffer.getvalue()
