"""Billing and collections: invoices, payments, clients' billing details, A/R aging, reminders."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from ledgerwatch.cli.arguments import (
    Subparsers,
    address,
    amount,
    command,
    currency,
    day,
    days,
    email,
    group,
    output_file,
    services,
)
from ledgerwatch.cli.errors import CommandError
from ledgerwatch.domain import ProblemCode

TITLE = "billing and collections"


def register(sub: Subparsers) -> None:
    _register_invoice(sub)

    pay = group(sub, "payments", "payments received")
    p = command(
        pay,
        "record",
        cmd_payments_record,
        "record a payment (applied to the oldest open invoices unless --invoice)",
    )
    p.add_argument("client")
    p.add_argument("amount", type=amount, help="to the cent, e.g. 500.00")
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--invoice", help="apply to this invoice number")
    p.add_argument("--date", type=day, help="received on (default today)")
    p.add_argument("--method", default="manual", help="check, wire, card, ...")
    p.add_argument("--reference", default="", help="check number, transaction id")
    p = command(
        pay, "refund", cmd_payments_refund, "pay money back: a payment on an invoice, or credit on account"
    )
    p.add_argument("client")
    p.add_argument("amount", type=amount)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--invoice", help="refund a payment on this invoice (it can then be voided)")
    p.add_argument("--reason", required=True, help="why, e.g. 'invoice issued in error'")
    command(
        pay,
        "pull",
        cmd_payments_pull,
        "pull payments from the connected provider (each recorded once, however often pulled)",
    ).add_argument("--full", action="store_true", help="pull every payment, not only recent changes")

    cl = group(sub, "clients", "clients' billing details")
    p = command(cl, "set", cmd_clients_set, "set a client's billing e-mail, address, terms and flags")
    p.add_argument("client", help="client name as in the matter list")
    p.add_argument("--email", type=email, help="where invoices and reminders go")
    p.add_argument("--address", type=address, help="billing address (use \\n between lines)")
    p.add_argument("--salutation", help="how letters and reminders greet the client, e.g. 'Ms. Smith'")
    p.add_argument("--terms-days", type=days, help="payment terms in days")
    p.add_argument("--cycle", choices=["monthly", "on_demand"])
    p.add_argument("--ledes-client-id", help="the client's id for LEDES e-billing")
    p.add_argument(
        "--do-not-contact",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="pause reminders and letters",
    )

    ar = group(sub, "ar", "accounts receivable")
    p = command(
        ar, "aging", cmd_ar_aging, "A/R aging: current, 1-30, 31-60, 61-90, 90+ days past due, with DSO"
    )
    p.add_argument("--by", choices=["client", "matter", "attorney"], default="client")
    p.add_argument(
        "--as-of",
        type=day,
        help="the day to age at (default today); later payments and credits do not count",
    )

    rem = group(sub, "reminders", "payment reminders over SMTP (never the same one twice)")
    command(rem, "run", cmd_reminders_run, "send the reminders that are due").add_argument(
        "--dry-run", action="store_true", help="show what would be sent; send and record nothing"
    )
    command(rem, "preview", cmd_reminders_preview, "the e-mails a run would send today, in full")


def _register_invoice(sub: Subparsers) -> None:
    inv = group(sub, "invoice", "pre-bills and invoices from approved time")
    p = command(
        inv, "draft", cmd_invoice_draft, "draft pre-bills (per matter, per client, or the monthly cycle)"
    )
    p.add_argument("--client", help="only this client's matters")
    p.add_argument("--matter", help="only this matter")
    p.add_argument("--through", type=day, help="bill work up to this day (default: today)")
    p.add_argument(
        "--cycle", action="store_true", help="run the clients' billing cycles (monthly by default)"
    )
    p = command(
        inv,
        "finalize",
        cmd_invoice_finalize,
        "run the e-billing checks and assign the next invoice number (several pre-bills: a batch)",
    )
    p.add_argument("ref", nargs="+", help="pre-bill id (#12); several finalise as a batch")
    p.add_argument("--strict", action="store_true", help="refuse on warnings too, not only on errors")
    p = command(inv, "approve", cmd_invoice_approve, "approve a pre-bill for finalising (who approved is kept)")
    p.add_argument("ref", help="pre-bill id (#12)")
    p.add_argument("--by", required=True, help="the approver's name")
    command(inv, "list", cmd_invoice_list, "pre-bills waiting, and the latest invoices")
    command(
        inv, "refresh", cmd_invoice_refresh, "draft a pre-bill again with the current rates and timekeepers"
    ).add_argument("ref", help="pre-bill id (#12)")
    command(inv, "send", cmd_invoice_send, "e-mail the invoice PDF with its payment link").add_argument("ref")
    p = command(inv, "void", cmd_invoice_void, "void an invoice (its number stays used)")
    p.add_argument("ref")
    p.add_argument("--reason", required=True)
    p = command(inv, "export", cmd_invoice_export, "write an invoice as PDF, LEDES 1998B or CSV")
    p.add_argument("ref")
    p.add_argument("--format", choices=["pdf", "ledes", "csv"], required=True)
    p.add_argument("--output", "-o", type=output_file, help="file to write (required for pdf)")


def _problems(problems: Sequence[Any]) -> None:
    for p in problems:
        print(f"  {p.severity.value}: {p.message}")
    codes = {p.code for p in problems if p.severity.value == "error"}
    if codes & {ProblemCode.NO_RATE, ProblemCode.NO_TIMEKEEPER}:
        print(
            "  hint: set a rate (`ledgerwatch config set billing.firm_rate 300`, or billing.timekeeper_rate) "
            "and the attorney (billing.default_timekeeper, billing.timekeeper_name), "
            "then `ledgerwatch invoice refresh REF`"
        )


def cmd_invoice_draft(args: argparse.Namespace) -> int:
    with services(args) as svc:
        billing = svc.billing()
        if args.matter:
            outcomes = [billing.draft(args.matter, args.through)]
        elif args.client:
            outcomes = billing.draft_all(args.client, args.through)
        else:
            outcomes = billing.run_cycle() if args.cycle else billing.draft_all(None, args.through)
    if not outcomes:
        print("nothing to bill: no approved, unbilled time")
    for o in outcomes:
        if o.invoice is None:
            print(f"{o.matter}: no draft")
        else:
            print(f"{o.matter}: pre-bill #{o.invoice_id} for {o.invoice.client}, {o.invoice.total}")
        _problems(o.problems)
    return 0


def cmd_invoice_finalize(args: argparse.Namespace) -> int:
    from ledgerwatch.billing.context import BillingError

    with services(args) as svc:
        billing = svc.billing()
        ids = [billing.find(ref) for ref in args.ref]
        outcomes = billing.finalize_batch(ids, accept_warnings=not args.strict)
    if len(outcomes) == 1 and isinstance(outcomes[0], BillingError):
        raise outcomes[0]
    failed = 0
    for invoice_id, outcome in zip(ids, outcomes, strict=True):
        if isinstance(outcome, BillingError):
            print(f"pre-bill #{invoice_id}: {outcome}")
            failed += 1
        elif outcome.no_charge:
            print(f"pre-bill #{outcome.invoice_id} closed at no charge (total 0.00; no invoice number used)")
        elif outcome.number is None:
            print(f"pre-bill #{outcome.invoice_id} not finalised:")
            _problems(outcome.problems)
            failed += 1
        else:
            print(f"invoice {outcome.number} finalised")
            _problems(outcome.problems)
            if outcome.replenish is not None:
                print(f"  retainer below its minimum: replenishment of {outcome.replenish} requested")
            for number, applied in outcome.credit_applied:
                print(f"  credit on account: {applied} applied to {number}")
    return 1 if failed else 0


def cmd_invoice_refresh(args: argparse.Namespace) -> int:
    with services(args) as svc:
        billing = svc.billing()
        invoice_id = billing.find(args.ref)
        inv = billing.refresh(invoice_id)
        problems = billing.check(invoice_id)
    print(f"pre-bill #{invoice_id} redrafted: {inv.total}")
    _problems(problems)
    return 0


def cmd_invoice_send(args: argparse.Namespace) -> int:
    with services(args) as svc:
        billing = svc.billing()
        print(billing.send(billing.find(args.ref)))
    return 0


def cmd_invoice_void(args: argparse.Namespace) -> int:
    if not args.reason.strip():
        raise CommandError("voiding needs a reason")
    with services(args) as svc:
        billing = svc.billing()
        billing.void(billing.find(args.ref), args.reason)
    print(f"invoice {args.ref} voided (its number is kept, never reused)")
    return 0


def cmd_invoice_export(args: argparse.Namespace) -> int:
    if args.format == "pdf" and not args.output:
        raise CommandError("a PDF needs --output FILE")
    with services(args) as svc:
        billing = svc.billing()
        data = billing.export(billing.find(args.ref), args.format)
    if args.output:
        args.output.write_bytes(data)
        print(f"{args.format} written to {args.output}")
    else:
        sys.stdout.buffer.write(data)
    return 0


def cmd_payments_record(args: argparse.Namespace) -> int:
    from ledgerwatch.billing.payments import PaymentRecord
    from ledgerwatch.domain import Money

    with services(args) as svc:
        billing = svc.billing()
        record = PaymentRecord(
            client=args.client,
            amount=Money(args.amount, args.currency),
            received_on=args.date or billing.today(),
            invoice_number=args.invoice,
            method=args.method,
            reference=args.reference,
        )
        outcome = billing.record_payment(record)
    for invoice, applied in outcome.allocations:
        print(f"applied {applied} {args.currency} to {invoice}")
    if outcome.unapplied:
        print(f"{outcome.unapplied} {args.currency} unapplied (credit on account)")
    return 0


def cmd_payments_pull(args: argparse.Namespace) -> int:
    with services(args) as svc:
        provider, outcomes = svc.pull_payments(full=args.full)
    new = [o for o in outcomes if o.payment_id is not None]
    refused = [o for o in outcomes if o.problem]
    print(
        f"{provider}: {len(outcomes)} payments pulled, {len(new)} recorded, "
        f"{len(outcomes) - len(new) - len(refused)} already recorded, {len(refused)} not recorded"
    )
    for o in new:
        for invoice, applied in o.allocations:
            print(f"  {o.external_id}: applied {applied} to {invoice}")
        if o.unapplied:
            print(f"  {o.external_id}: {o.unapplied} unapplied (credit on account)")
    for o in refused:
        print(f"  ! {o.external_id}: {o.problem}")
    return 1 if refused else 0


def cmd_ar_aging(args: argparse.Namespace) -> int:
    from ledgerwatch.billing.aging import format_report

    with services(args) as svc:
        report = svc.billing().aging(args.as_of, args.by)
    print(format_report(report))
    return 0


def cmd_reminders_run(args: argparse.Namespace) -> int:
    with services(args) as svc:
        run = svc.billing().run_reminders(dry_run=args.dry_run)
    for o in run.outcomes:
        if o.status != "none":
            print(f"{o.invoice:<16} {o.rung or '':<12} {o.status:<10} {o.detail}")
    for o in run.needs_review:
        print(f"REVIEW {o.invoice} {o.rung}: {o.detail}")
    print(f"{len(run.sent)} reminders sent" + (" (dry run: nothing sent)" if args.dry_run else ""))
    return 0


def cmd_clients_set(args: argparse.Namespace) -> int:
    import dataclasses

    with services(args) as svc:
        billing = svc.billing()
        current = billing.client_billing(args.client)
        changes = {
            name: value
            for name, value in (
                ("email", args.email),
                ("address", args.address),
                ("terms_days", args.terms_days),
                ("cycle", args.cycle),
                ("ledes_client_id", args.ledes_client_id),
                ("do_not_contact", args.do_not_contact),
                ("salutation", args.salutation),
            )
            if value is not None
        }
        billing.set_client(dataclasses.replace(current, **changes))
    print(f"{args.client}: " + (", ".join(f"{k} = {v}" for k, v in changes.items()) or "unchanged"))
    return 0


def cmd_invoice_approve(args: argparse.Namespace) -> int:
    with services(args) as svc:
        billing = svc.billing()
        inv = billing.approve(billing.find(args.ref), args.by)
    print(f"pre-bill #{inv.id} ({inv.matter}, {inv.total}) approved by {inv.approved_by}")
    return 0


def cmd_invoice_list(args: argparse.Namespace) -> int:
    with services(args) as svc:
        billing = svc.billing()
        drafts, issued = billing.drafts(), billing.issued(50)
    for inv in drafts:
        who = f"approved by {inv.approved_by}" if inv.approved_by else "not approved"
        print(f"#{inv.id:<6} draft      {inv.client[:24]:<24} {inv.matter:<14} {inv.total!s:>14}  {who}")
    for inv in issued:
        ref = inv.number or f"#{inv.id}"
        print(f"{ref:<7} {inv.state:<10} {inv.client[:24]:<24} {inv.matter:<14} {inv.total!s:>14}")
    if not drafts and not issued:
        print("no pre-bills or invoices yet")
    return 0


def cmd_payments_refund(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with services(args) as svc:
        outcome = svc.billing().refund(args.client, Money(args.amount, args.currency), args.reason, args.invoice)
    where = f"a payment on {args.invoice}" if args.invoice else "credit on account"
    print(f"refunded {args.amount} {args.currency} to {args.client} from {where} (payment #{outcome.payment_id})")
    return 0


def cmd_reminders_preview(args: argparse.Namespace) -> int:
    with services(args) as svc:
        previews = svc.billing().preview_reminders()
    shown = 0
    for outcome, msg in previews:
        if msg is None:
            continue
        shown += 1
        body = msg.get_body(("plain",))
        text = body.get_content() if body is not None else ""
        names = [part.get_filename() for part in msg.iter_attachments()]
        print(f"--- {outcome.invoice} ({outcome.rung}) to {msg['To']}")
        print(f"Subject: {msg['Subject']}")
        print(f"Attached: {', '.join(n for n in names if n) or 'nothing'}")
        print(text.rstrip())
    print(f"{shown} reminders would be sent today")
    return 0
