"""What attribution learned from the attorney's approvals and corrections (it stays on this machine)."""

from __future__ import annotations

import argparse
import json

from ledgerwatch.cli.arguments import Subparsers, command, count, group, input_file, output_file, services
from ledgerwatch.cli.errors import CommandError

TITLE = "learning"


def register(sub: Subparsers) -> None:
    le = group(
        sub, "learn", "what attribution learned from your approvals and corrections (stays on this machine)"
    )
    command(le, "status", cmd_learn_status, "show what was learned and from which corrections").add_argument(
        "--limit", type=count, default=20, help="rows to show (default 20)"
    )
    command(le, "reset", cmd_learn_reset, "forget everything learned")
    command(
        le, "export", cmd_learn_export, "write what was learned to FILE (for a new machine)"
    ).add_argument("file", type=output_file)
    command(le, "import", cmd_learn_import, "add what another machine learned from FILE").add_argument(
        "file", type=input_file
    )


def cmd_learn_status(args: argparse.Namespace) -> int:
    with services(args) as svc:
        rows = svc.memory.rows()
        model = svc.learned_model()
        decides = svc.settings.sessionize.learned_decides
    print(f"attribution memory: {len(rows)} associations (document, thread, site, folder, series -> matter)")
    for row in sorted(rows, key=lambda r: -r.weight)[: args.limit]:
        print(f"  {row.weight:>3}x  {row.key:<60} -> {row.matter}   ({row.source})")
    summary = model.summary()
    role = "decides what nothing else did" if decides else "suggests a matter where nothing else decided"
    print(f"learned classifier: {len(summary)} matters ({role}; sessionize.learned_decides = {str(decides).lower()})")
    for matter, approvals, words in summary[: args.limit]:
        print(f"  {matter:<20} from {approvals} approvals: {', '.join(words[:8])}")
    return 0


def cmd_learn_reset(args: argparse.Namespace) -> int:
    with services(args) as svc:
        svc.reset_learning()
    print("learning reset: memory cleared; approvals before now no longer teach the classifier")
    return 0


def cmd_learn_export(args: argparse.Namespace) -> int:
    with services(args) as svc:
        document = svc.export_learning()
    from ledgerwatch import permissions

    permissions.write_private(args.file, json.dumps(document, indent=1, sort_keys=True))
    print(f"learning exported to {args.file} (no raw activity; keys and matter numbers only)")
    return 0


def cmd_learn_import(args: argparse.Namespace) -> int:
    try:  # a missing or unreadable file is main's one line
        document = json.loads(args.file.read_text(encoding="utf-8"))
    except ValueError as exc:  # not UTF-8, not JSON
        raise CommandError(f"{args.file}: not a learning export: {exc}") from exc
    if not isinstance(document, dict):
        raise CommandError(f"{args.file}: not a learning export (not a JSON object)")
    svc = services(args)
    try:
        keys, matters = svc.import_learning(document)
    except ValueError as exc:
        raise CommandError(f"{args.file}: {exc}") from exc
    finally:
        svc.close()
    print(f"imported {keys} memory keys and a model of {matters} matters")
    return 0
