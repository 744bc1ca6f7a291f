"""The optional AI assist (off by default): per-client consent and the endpoint's API key."""

from __future__ import annotations

import argparse
import sys

from ledgerwatch.cli.arguments import Subparsers, command, group, services
from ledgerwatch.cli.errors import CommandError

TITLE = "the optional AI assist"


def register(sub: Subparsers) -> None:
    ai = group(sub, "ai", "optional AI assist (off by default): client consent and the API key")
    consent = ai.add_parser(
        "consent",
        help="per-client consent (ABA Formal Opinion 512)",
        description="per-client consent (ABA Formal Opinion 512)",
    )
    consent.set_defaults(handler=cmd_ai_consent)
    actions = consent.add_subparsers(dest="consent_action", metavar="ACTION", required=True)
    for action, text in (
        ("grant", "record a client's informed consent"),
        ("revoke", "withdraw a client's consent"),
    ):
        p = actions.add_parser(action, help=text, description=text)
        p.add_argument("client", help="client name as in the matter list")
        p.add_argument("--note", default="", help="where the consent is documented")
    actions.add_parser("list", help="show the consent registry", description="show the consent registry")
    command(
        ai,
        "set-key",
        cmd_ai_set_key,
        "store the AI endpoint's API key (read from standard input) in the OS keyring",
    )


def cmd_ai_consent(args: argparse.Namespace) -> int:
    from ledgerwatch.assist.consent import client_key

    with services(args) as svc:
        registry = svc.consent()
        if args.consent_action in ("grant", "revoke"):
            known = {client_key(m.client.name) for m in svc.all_matters()}
            known |= {client_key(name) for name, _ in registry.records}
            if client_key(args.client) not in known:
                raise CommandError(
                    f"no client named {args.client!r} (`ledgerwatch matters list` shows the clients)"
                )
        if args.consent_action == "grant":
            registry = registry.grant(args.client, svc.clock(), note=args.note)
            svc.save_consent(registry)
            print(f"consent recorded for {args.client}: its data may be sent to the configured AI endpoint")
        elif args.consent_action == "revoke":
            registry = registry.revoke(args.client, svc.clock(), note=args.note)
            svc.save_consent(registry)
            print(f"consent revoked for {args.client}: none of its data will be sent to a remote AI endpoint")
        else:
            if not registry.records:
                print("no client has consented: AI assist sends nothing off this machine")
            for name, record in registry.records:
                state = "granted" if record.granted else "revoked"
                print(
                    f"{name:<40} {state:<8} {record.granted_at.isoformat() if record.granted_at else ''} {record.note}"
                )
    return 0


def cmd_ai_set_key(args: argparse.Namespace) -> int:
    import keyring
    import keyring.errors

    from ledgerwatch import config
    from ledgerwatch.assist.client import SERVICE, keyring_username

    effective = config.load()
    base_url = effective.settings.ai.base_url
    if not base_url:
        raise CommandError("set ai.base_url first (`ledgerwatch config set ai.base_url URL`)")
    key = sys.stdin.readline().strip()
    if not key:
        raise CommandError("no key on standard input")
    try:
        keyring.set_password(SERVICE, keyring_username(base_url), key)
    except keyring.errors.KeyringError as exc:
        raise CommandError(f"the OS keyring cannot store the key: {exc}") from exc
    print(f"API key for {base_url} stored in the OS keyring")
    return 0
