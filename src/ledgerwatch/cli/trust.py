"""Trust (retainer) funds: deposits, a ledger per client-matter, and the three-way reconciliation."""

from __future__ import annotations

import argparse

from ledgerwatch.cli.arguments import Subparsers, amount, command, currency, day, group, services

TITLE = "billing and collections"


def register(sub: Subparsers) -> None:
    tr = group(
        sub, "trust", "trust (IOLTA) funds: deposits, client-matter ledgers, three-way reconciliation"
    )
    p = command(tr, "deposit", cmd_trust_deposit, "record money a client placed in trust")
    p.add_argument("client")
    p.add_argument("amount", type=amount)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--memo", default="retainer deposit")
    p.add_argument(
        "--matter",
        metavar="NUMBER",
        help="held for this matter of the client only (default: a general retainer for any of its matters)",
    )
    p = command(
        tr, "ledger", cmd_trust_ledger, "trust movements, of one client or all, with client-matter balances"
    )
    p.add_argument("--client")
    p = command(
        tr, "reconcile", cmd_trust_reconcile, "bank statement vs trust journal vs client-matter ledgers on a day"
    )
    p.add_argument("--bank", type=amount, required=True, help="the trust account's balance on the statement")
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--as-of", type=day, help="the statement's day (default today)")


def cmd_trust_deposit(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with services(args) as svc:
        billing = svc.billing()
        billing.deposit_trust(args.client, Money(args.amount, args.currency), args.memo, args.matter)
        balance = billing.trust_balance(args.client, args.matter)
    if args.matter:  # the matter's own funds
        print(f"{args.client} / {args.matter}: {args.amount} {args.currency} deposited in trust; balance {balance}")
    else:  # all the client's funds
        print(f"{args.client}: {args.amount} {args.currency} deposited in trust (general retainer); balance {balance}")
    return 0


def cmd_trust_ledger(args: argparse.Namespace) -> int:
    from decimal import Decimal

    with services(args) as svc:
        moves = svc.billing().trust_ledger(args.client)
    running: dict[tuple[str, str | None], Decimal] = {}  # per client-matter (None: general retainer)
    for m in moves:
        key = (m.client, m.matter)
        running[key] = running.get(key, Decimal(0)) + m.amount
        matter = m.matter or "(general)"
        print(
            f"{m.day.isoformat()}  {m.client[:24]:<24} {matter[:16]:<16} {m.amount:>12,.2f} "
            f"{running[key]:>12,.2f}  {m.memo}"
        )
    if not moves:
        print("no trust movements")
    return 0


def cmd_trust_reconcile(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with services(args) as svc:
        rec = svc.billing().reconcile_trust(Money(args.bank, args.currency), args.as_of)
    print(f"trust reconciliation as of {rec.as_of.isoformat()}")
    print(f"  bank statement   {rec.bank:>14,.2f}")
    print(f"  trust journal    {rec.journal:>14,.2f}")
    print(f"  client ledgers   {rec.client_total:>14,.2f}")
    for line in rec.ledgers:
        print(f"    {line.label[:40]:<40} {line.balance:>14,.2f}")
    for line in rec.negative:
        print(f"  ! {line.label}: trust balance below zero")
    print("balanced" if rec.balanced else "NOT balanced: find the difference before the next disbursement")
    return 0 if rec.balanced else 1
