"""Trust (retainer) funds: deposits, each client's ledger, and the three-way reconciliation."""

from __future__ import annotations

import argparse

from ledgerwatch.cli.arguments import Subparsers, amount, command, currency, day, group, services

TITLE = "billing and collections"


def register(sub: Subparsers) -> None:
    tr = group(sub, "trust", "trust (IOLTA) funds: deposits, client ledgers, three-way reconciliation")
    p = command(tr, "deposit", cmd_trust_deposit, "record money a client placed in trust")
    p.add_argument("client")
    p.add_argument("amount", type=amount)
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--memo", default="retainer deposit")
    p = command(tr, "ledger", cmd_trust_ledger, "trust movements, of one client or all, with running balances")
    p.add_argument("--client")
    p = command(
        tr, "reconcile", cmd_trust_reconcile, "bank statement vs trust journal vs client ledgers on a day"
    )
    p.add_argument("--bank", type=amount, required=True, help="the trust account's balance on the statement")
    p.add_argument("--currency", type=currency, default="USD")
    p.add_argument("--as-of", type=day, help="the statement's day (default today)")


def cmd_trust_deposit(args: argparse.Namespace) -> int:
    from ledgerwatch.domain import Money

    with services(args) as svc:
        billing = svc.billing()
        billing.deposit_trust(args.client, Money(args.amount, args.currency), args.memo)
        balance = billing.trust_balance(args.client)
    print(f"{args.client}: {args.amount} {args.currency} deposited in trust; balance {balance}")
    return 0


def cmd_trust_ledger(args: argparse.Namespace) -> int:
    from decimal import Decimal

    with services(args) as svc:
        moves = svc.billing().trust_ledger(args.client)
    running: dict[str, Decimal] = {}
    for m in moves:
        running[m.client] = running.get(m.client, Decimal(0)) + m.amount
        print(f"{m.day.isoformat()}  {m.client[:24]:<24} {m.amount:>12,.2f} {running[m.client]:>12,.2f}  {m.memo}")
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
    for client, balance in rec.clients:
        print(f"    {client[:28]:<28} {balance:>14,.2f}")
    for client in rec.negative:
        print(f"  ! {client}: trust balance below zero")
    print("balanced" if rec.balanced else "NOT balanced: find the difference before the next disbursement")
    return 0 if rec.balanced else 1
