"""The practice-management system: connect, disconnect, and sync (approved entries out, matters in)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from ledgerwatch.cli.arguments import Subparsers, command, group, services
from ledgerwatch.cli.errors import CommandError

if TYPE_CHECKING:
    from ledgerwatch import config
    from ledgerwatch.sync.drain import DrainReport

TITLE = "sync with Clio, MyCase or PracticePanther"
PROVIDERS = ("clio", "mycase", "practicepanther")
TARGETS = (*PROVIDERS, "firm")
"""what `connect` takes: a provider, or the firm ledger (a target of its own, beside a provider)"""
NOT_CONNECTED = "not connected: `ledgerwatch connect clio|mycase|practicepanther`"


def register(sub: Subparsers) -> None:
    p = command(
        sub,
        "connect",
        cmd_connect,
        "connect a practice-management system (OAuth) or the firm ledger (a device token); tokens go to the OS keyring",
    )
    p.add_argument("provider", choices=TARGETS)
    p.add_argument("--url", help="firm: the firm ledger's address, e.g. https://ledger.firm.example")
    p.add_argument(
        "--region", choices=["us", "eu", "ca", "au"], help="Clio data region (default: the setting)"
    )
    p.add_argument(
        "--token-stdin",
        action="store_true",
        help='read {"access_token","refresh_token","expires_in"} JSON from standard input',
    )
    command(sub, "disconnect", cmd_disconnect, "revoke and forget a provider's tokens").add_argument(
        "provider", choices=TARGETS
    )
    sy = group(sub, "sync", "approved entries to the provider, exactly once; matters from it")
    command(
        sy, "pull", cmd_sync_pull, "pull the user, matters and activity codes (incremental)"
    ).add_argument("--full", action="store_true", help="pull everything, not only what changed")
    command(sy, "push", cmd_sync_push, "push approved entries from the outbox")
    command(
        sy, "status", cmd_sync_status, "counts per state and the entries that need attention"
    ).add_argument("--all", action="store_true", help="list every queued entry, not only those needing attention")
    command(sy, "retry", cmd_sync_retry, "queue entries that needed attention again")


def _provider_allowed(effective: config.Effective, provider: str) -> None:
    locked = effective.settings.sync.provider
    if "sync.provider" in effective.locked and locked != provider:
        raise CommandError(
            f"your organisation's policy sets the provider to {locked or 'none'}; {provider} cannot be connected"
        )


def cmd_connect(args: argparse.Namespace) -> int:
    from ledgerwatch import config
    from ledgerwatch.app import open_services

    effective = config.load()
    if args.provider == "firm":
        return _connect_firm(args, effective)
    _provider_allowed(effective, args.provider)
    region = (args.region or effective.settings.sync.region).upper()
    svc = open_services(effective)
    try:
        sync = svc.sync()
        if args.token_stdin:
            result = sync.connect_with_tokens(args.provider, _tokens(sys.stdin.read()), region=region)
        else:
            print(f"opening your browser to authorise ledgerwatch with {args.provider}...")
            result = sync.connect_interactive(args.provider, region)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        svc.close()
    who = f" as {result.user_name}" if result.user_name else ""
    print(f"connected to {result.provider} ({result.region}){who}; tokens are in the OS keyring")
    if result.requeued:
        print(f"{result.requeued} entries waiting for attention were queued again")
    return 0


def _connect_firm(args: argparse.Namespace, effective: config.Effective) -> int:
    """The firm ledger: its URL and this device's token (from the administrator; standard input or a prompt)."""
    from ledgerwatch.app import open_services

    if not args.url:
        raise CommandError("connecting the firm ledger needs --url, e.g. --url https://ledger.firm.example")
    if args.token_stdin:
        token = sys.stdin.read().strip()
    else:
        import getpass

        token = getpass.getpass("device token from the firm's administrator: ").strip()
    if not token:
        raise CommandError("no device token given")
    svc = open_services(effective)
    try:
        result = svc.firm_sync().connect(args.url, token)
    except ValueError as exc:
        raise CommandError(str(exc)) from exc
    finally:
        svc.close()
    print(f"connected to the firm ledger at {result.url} as {result.name} ({result.timekeeper}); token in the OS keyring")
    print(f"{result.matters} matters from the ledger; {result.queued} approved entries queued for it")
    return 0


def _tokens(text: str) -> dict[str, Any]:
    """The token JSON IT hands over on standard input."""
    if not text.strip():
        raise CommandError("no tokens on standard input")
    try:
        tokens = json.loads(text)
    except ValueError as exc:
        raise CommandError(f"standard input is not JSON: {exc}") from exc
    if not isinstance(tokens, dict):
        raise CommandError('standard input: expected {"access_token", "refresh_token", "expires_in"}')
    return tokens


def cmd_disconnect(args: argparse.Namespace) -> int:
    with services(args) as svc:
        done = svc.firm_sync().disconnect() if args.provider == "firm" else svc.sync().disconnect(args.provider)
    if not done.had_tokens:
        print(f"{args.provider} was not connected")
    elif done.revocation is not None and done.revocation.done:
        print(f"disconnected from {args.provider}: {done.revocation.message}; tokens removed from the keyring")
    else:
        reason = done.revocation.message if done.revocation is not None else "not revoked"
        print(f"disconnected from {args.provider}; tokens removed from the keyring, but {reason}")
    return 0


def cmd_sync_pull(args: argparse.Namespace) -> int:
    with services(args) as svc:
        firm = svc.firm_sync()
        if firm.url():
            print(f"firm ledger: {firm.pull()} matters")
            if not svc.sync().connected():
                return 0
        r = svc.sync().pull(full=args.full)
    print(
        f"{r.provider}: {r.matters} matters ({r.new_matters} new), {r.activity_codes} activity codes, {r.locked} entries locked as billed"
    )
    return 0


def cmd_sync_push(args: argparse.Namespace) -> int:
    with services(args) as svc:
        firm = svc.firm_sync()
        stopped = False
        if firm.url():
            stopped = _print_push(firm.push(), "firm ledger: ")
            if not svc.sync().connected():
                return 1 if stopped else 0
        r = svc.sync().push()
    return 1 if _print_push(r, "") or stopped else 0


def _print_push(r: DrainReport, label: str) -> bool:
    """One target's push, in a few lines; True when it stopped early (authorization)."""
    if r.busy:
        print(f"{label}another ledgerwatch sync is delivering the queue now; it will send these entries too")
        return False
    print(
        f"{label}created {r.created}, updated {r.updated}, deleted {r.deleted}, found already there {r.found}, "
        f"retried {r.retried}, needing attention {r.parked}"
    )
    for message in r.messages[:SHOWN]:
        print(f"  {message}")
    if len(r.messages) > SHOWN:
        print(f"  ... and {len(r.messages) - SHOWN} more (`ledgerwatch sync status --all`)")
    if r.stopped:
        print(f"{label}stopped: {r.stopped}")
    return r.stopped is not None


SHOWN = 10
"""entries listed by push and status before '... and N more' (status --all lists them all)"""


def cmd_sync_status(args: argparse.Namespace) -> int:
    with services(args) as svc:
        st = svc.sync().status()
        firm = svc.firm_sync().url()
    if st.provider:
        print(
            f"provider: {st.provider} ({st.region}); tokens {'in keyring' if st.has_tokens else 'MISSING: reconnect'}; last pull {st.last_pull or 'never'}"
        )
    if firm:
        print(f"firm ledger: {firm}")
    counts = ", ".join(f"{state.replace('_', ' ')} {n}" for state, n in sorted(st.counts.items()))
    print(f"outbox: {counts or 'empty'}")
    listed = st.open_items if args.all else tuple(i for i in st.open_items if i.state != "pending")
    if listed and not args.all:
        print("needing attention:")
    shown = listed if args.all else listed[:SHOWN]
    for item in shown:
        target = f"{item.target} " if item.target not in ("", st.provider) else ""  # the firm ledger's rows
        print(f"  ! {target}{item.day or ''} {item.matter or ''} {item.op} {item.state}: {item.message or 'waiting'}")
    if len(listed) > len(shown):
        print(f"  ... and {len(listed) - len(shown)} more (`ledgerwatch sync status --all`)")
    if not st.provider and not firm:
        raise CommandError(NOT_CONNECTED)
    return 0


def cmd_sync_retry(args: argparse.Namespace) -> int:
    with services(args) as svc:
        n = svc.sync().retry_parked()
    print(f"{n} entries queued again")
    return 0
