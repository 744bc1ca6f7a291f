"""The firm ledger, run on the firm's server: serve it, manage people and devices, and every billing action of
the workspace from scripts (each recorded in the audit log as `cli:<login>`)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ledgerwatch.cli.arguments import (
    Subparsers,
    amount,
    command,
    currency,
    day,
    group,
    input_file,
)
from ledgerwatch.cli.errors import CommandError

if TYPE_CHECKING:
    from ledgerwatch.firm import FirmLedger

TITLE = "the firm ledger (on the firm's server)"
ROLES = ("attorney", "billing", "admin")


def register(sub: Subparsers) -> None:
    firm = group(sub, "firm", "the firm ledger on PostgreSQL: people, devices, the billing workspace")
    p = command(firm, "init", cmd_init, "create (or upgrade) the ledger's tables on its database")
    _database(p)
    p = command(firm, "serve", cmd_serve, "serve the ledger: the agents' API and the billing workspace")
    _database(p)
    p.add_argument("--host", help="address to listen on (default: the firm.host setting)")
    p.add_argument("--port", type=int, help="port (default: the firm.port setting)")

    p = command(firm, "user-add", cmd_user_add, "add a person: attorney (a timekeeper), billing staff or admin")
    _database(p)
    p.add_argument("login")
    p.add_argument("--name", required=True, help="'Surname, First' (LEDES wants it so)")
    p.add_argument("--role", choices=ROLES, required=True)
    p.add_argument("--timekeeper", help="timekeeper id their time is billed under (attorneys)")
    p.add_argument("--classification", choices=["PT", "AS", "OC", "LA", "OT"], default="AS")
    p.add_argument("--rate", type=amount, help="the timekeeper's standard hourly rate")
    p.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    p = command(firm, "user-list", cmd_user_list, "people with their roles and devices")
    _database(p)
    p = command(firm, "user-password", cmd_user_password, "set a person's password (ends their sessions)")
    _database(p)
    p.add_argument("login")
    p.add_argument("--password-stdin", action="store_true")
    p = command(firm, "user-disable", cmd_user_disable, "disable a person: no sign-in, their devices refused")
    _database(p)
    p.add_argument("login")

    p = command(firm, "device-add", cmd_device_add, "issue a device token for a timekeeper's agent (shown once)")
    _database(p)
    p.add_argument("login")
    p.add_argument("--name", default="laptop", help="which machine, e.g. 'Jane's laptop'")
    p = command(firm, "device-revoke", cmd_device_revoke, "revoke a device's token at once")
    _database(p)
    p.add_argument("device", type=int, help="the device id (see user-list)")

    p = command(firm, "matters-import", cmd_matters_import, "import the firm's clients and matters from CSV")
    _database(p)
    p.add_argument("file", type=input_file)

    p = command(firm, "prebills", cmd_prebills, "draft pre-bills for all unbilled work, and list those waiting")
    _database(p)
    p.add_argument("--through", type=day, help="bill work up to this day (default: today)")
    p.add_argument("--as", dest="login", default="admin", help="recorded in the audit log as cli:LOGIN")
    p = command(firm, "approve", cmd_approve, "approve pre-bills for finalising")
    _database(p)
    p.add_argument("ref", nargs="+", help="pre-bill id (#12)")
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "finalize", cmd_finalize, "finalise approved pre-bills as a batch (numbers in order)")
    _database(p)
    p.add_argument("ref", nargs="+", help="pre-bill id (#12)")
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "payment", cmd_payment, "record a payment on the ledger")
    _database(p)
    p.add_argument("client")
    p.add_argument("amount", type=amount)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--invoice", help="apply to this invoice number")
    p.add_argument("--date", type=day, help="received on (default today)")
    p.add_argument("--method", default="check")
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "trust-deposit", cmd_trust_deposit, "record money a client placed in trust")
    _database(p)
    p.add_argument("client")
    p.add_argument("amount", type=amount)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument(
        "--matter",
        metavar="NUMBER",
        help="held for this matter of the client only (default: a general retainer for any of its matters)",
    )
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "trust-reconcile", cmd_trust_reconcile, "three-way trust reconciliation on a day")
    _database(p)
    p.add_argument("--bank", type=amount, required=True)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--as-of", type=day)
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "reminders", cmd_reminders, "send the payment reminders due today")
    _database(p)
    p.add_argument("--as", dest="login", default="admin")
    p = command(firm, "audit", cmd_audit, "the audit log of billing changes, newest first")
    _database(p)
    p.add_argument("--limit", type=int, default=50)


def _database(p: argparse.ArgumentParser) -> None:
    p.add_argument("--database", help="the ledger's PostgreSQL URL (default: the firm.database_url setting)")


@contextmanager
def ledger(args: argparse.Namespace) -> Iterator[FirmLedger]:
    """The ledger for the settings (or --database), with billing's settings from this machine's config."""
    from ledgerwatch import config
    from ledgerwatch.app import billing_settings, smtp_mailer
    from ledgerwatch.firm import FirmLedger
    from ledgerwatch.store.ledger import open_ledger

    effective = config.load()
    url = args.database or effective.settings.firm.database_url
    if not url:
        raise CommandError("no ledger database: give --database URL or set firm.database_url")
    db = open_ledger(url)
    found = FirmLedger(db, billing_settings(effective.settings), mailer=smtp_mailer(effective.settings))
    try:
        yield found
    finally:
        found.close()


def _actor(login: str):  # type: ignore[no-untyped-def]
    from ledgerwatch.firm.accounts import command_line

    return command_line(login)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise CommandError("the passwords differ")
    return first


def cmd_init(args: argparse.Namespace) -> int:
    from ledgerwatch.store.ledger import table_names

    with ledger(args) as found:
        names = table_names(found.db)
    print(f"ledger ready: {len(names)} tables (no raw-activity tables)")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from ledgerwatch import config
    from ledgerwatch.firm.server import serve

    settings = config.load().settings.firm
    host, port = args.host or settings.host, args.port or settings.port
    with ledger(args) as found:
        print(f"firm ledger on http{'s' if settings.certfile else ''}://{host}:{port}/ (Ctrl+C stops it)")
        serve(found, host, port, settings.certfile or None, settings.keyfile or None)
    return 0


def cmd_user_add(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money
    from ledgerwatch.domain.billing import Classification, Timekeeper
    from ledgerwatch.firm import Role

    password = _password(True) if args.password_stdin else None
    with ledger(args) as found:
        if args.timekeeper:
            tk = Timekeeper(
                args.timekeeper, args.name, "".join(w[0] for w in args.name.replace(",", " ").split())[:4],
                Classification(args.classification), default_rate=Money(args.rate) if args.rate else None,
            )  # fmt: skip
            user = found.add_timekeeper_user(args.login, tk, Role(args.role), password)
        else:
            if args.role == "attorney":
                raise CommandError("an attorney needs --timekeeper ID (their time is billed under it)")
            user = found.accounts.add_user(args.login, args.name, Role(args.role), None, password)
    print(f"{user.login}: {user.role}" + (f", timekeeper {user.timekeeper_id}" if user.timekeeper_id else ""))
    return 0


def cmd_user_list(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        users = found.accounts.users()
        devices = found.accounts.devices()
    for u in users:
        print(f"{u.login:<16} {u.role:<9} {u.timekeeper_id or '-':<8} {u.name}{'' if u.active else '  (disabled)'}")
        for d in devices:
            if d.user_id == u.id:
                print(f"    device {d.id}: {d.name}{'  (revoked)' if d.revoked_ms else ''}")
    return 0


def cmd_user_password(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        found.accounts.set_password(args.login, _password(args.password_stdin))
    print(f"{args.login}: password set")
    return 0


def cmd_user_disable(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        found.accounts.set_active(args.login, False)
    print(f"{args.login}: disabled (signed out, devices refused)")
    return 0


def cmd_device_add(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        device, token = found.accounts.add_device(args.login, args.name)
    print(f"device {device.id} ({device.name}) for {args.login}; its token, shown once:")
    print(token)
    return 0


def cmd_device_revoke(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        found.accounts.revoke_device(args.device)
    print(f"device {args.device}: token revoked")
    return 0


def cmd_matters_import(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        n = found.import_matters(args.file)
    print(f"{n} matters imported")
    return 0


def cmd_prebills(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        actor = _actor(args.login)
        made = found.audited.draft_all(actor, args.through)
        waiting = found.audited.drafts(actor)
    print(f"{len(made)} pre-bills drafted")
    for inv in waiting:
        who = f"approved by {inv.approved_by}" if inv.approved_by else "not approved"
        print(f"#{inv.id:<6} {inv.client[:24]:<24} {inv.matter:<12} {inv.total!s:>14}  {who}")
    return 0


def _ids(found: FirmLedger, refs: list[str]) -> list[int]:
    return [found.billing.find(ref) for ref in refs]


def cmd_approve(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        for invoice_id in _ids(found, args.ref):
            inv = found.audited.approve(_actor(args.login), invoice_id)
            print(f"pre-bill #{invoice_id} approved by {inv.approved_by}")
    return 0


def cmd_finalize(args: argparse.Namespace) -> int:
    from ledgerwatch.billing import BillingError

    failed = 0
    with ledger(args) as found:
        ids = _ids(found, args.ref)
        for invoice_id, outcome in zip(ids, found.audited.finalize_batch(_actor(args.login), ids), strict=True):
            if isinstance(outcome, BillingError):
                print(f"pre-bill #{invoice_id}: {outcome}")
                failed += 1
            elif outcome.no_charge:
                print(f"pre-bill #{invoice_id}: closed at no charge (no number used)")
            elif outcome.number is None:
                print(f"pre-bill #{invoice_id}: not finalised: " + "; ".join(p.message for p in outcome.problems))
                failed += 1
            else:
                print(f"pre-bill #{invoice_id}: invoice {outcome.number}")
    return 1 if failed else 0


def cmd_payment(args: argparse.Namespace) -> int:
    from ledgerwatch.billing.payments import PaymentRecord
    from ledgerwatch.domain import Money

    with ledger(args) as found:
        record = PaymentRecord(
            args.client, Money(args.amount, args.currency), args.date or found.billing.today(),
            invoice_number=args.invoice, method=args.method,
        )  # fmt: skip
        outcome = found.audited.record_payment(_actor(args.login), record)
    for number, applied in outcome.allocations:
        print(f"applied {applied} {args.currency} to {number}")
    if outcome.unapplied:
        print(f"{outcome.unapplied} {args.currency} unapplied (credit on account)")
    return 0


def cmd_trust_deposit(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with ledger(args) as found:
        balance = found.audited.deposit_trust(
            _actor(args.login), args.client, Money(args.amount, args.currency), "deposit", args.matter
        )
    print(f"{args.client}{' / ' + args.matter if args.matter else ''}: trust balance {balance}")
    return 0


def cmd_trust_reconcile(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with ledger(args) as found:
        rec = found.audited.reconcile_trust(_actor(args.login), Money(args.bank, args.currency), args.as_of)
    print(f"as of {rec.as_of}: bank {rec.bank}, journal {rec.journal}, client ledgers {rec.client_total}")
    for line in rec.ledgers:
        print(f"  {line.label}: {line.balance}" + ("  (below zero)" if line in rec.negative else ""))
    print("balanced" if rec.balanced else "NOT balanced")
    return 0 if rec.balanced else 1


def cmd_reminders(args: argparse.Namespace) -> int:
    with ledger(args) as found:
        run = found.audited.run_reminders(_actor(args.login))
    for o in run.sent:
        print(f"{o.invoice}: {o.rung} sent to {o.detail}")
    print(f"{len(run.sent)} reminders sent")
    return 0


def cmd_audit(args: argparse.Namespace) -> int:
    from ledgerwatch.store.codec import from_ms

    with ledger(args) as found:
        records = found.audited.audit(_actor("admin"), args.limit)
    for r in records:
        print(f"{from_ms(r.at_ms):%Y-%m-%d %H:%M:%S} {r.actor:<16} {r.action:<16} {r.subject:<20} {r.before} -> {r.after}")
    return 0
