"""Where everything lives and how it is set: init, and the layered settings."""

from __future__ import annotations

import argparse

from ledgerwatch.cli.arguments import Subparsers, command, group

TITLE = "settings and the store"


def register(sub: Subparsers) -> None:
    command(sub, "init", cmd_init, "create the local store and show where everything lives")
    cfg = group(sub, "config", "settings: policy > environment > user file > defaults")
    command(
        cfg, "show", cmd_config_show, "print the effective settings and where each came from (secrets: set or not)"
    )
    p = command(
        cfg, "set", cmd_config_set, "write a setting to your user file (refused if the policy locks it)"
    )
    p.add_argument("key", help="dotted key, e.g. capture.idle_threshold_seconds")
    p.add_argument("value")


def cmd_init(args: argparse.Namespace) -> int:
    from ledgerwatch import config, permissions
    from ledgerwatch.app import open_services

    effective = config.load()
    with open_services(effective) as svc:
        permissions.private_dir(effective.paths.config_dir)
        print(f"store:     {effective.database_target} (schema revision {svc.db.revision()})")
        print(f"settings:  {effective.paths.user_file}")
        print(
            f"policy:    {effective.paths.policy_file}{'' if effective.paths.policy_file.exists() else ' (none)'}"
        )
        print(f"timezone:  {effective.settings.zone()}")
    return 0


def cmd_config_show(args: argparse.Namespace) -> int:
    from ledgerwatch import config

    effective = config.load()
    print(f"# user file: {effective.paths.user_file}")
    print(
        f"# policy:    {effective.paths.policy_file}{'' if effective.paths.policy_file.exists() else ' (none)'}"
    )
    for problem in effective.policy_problems:
        print(f"# PROBLEM:   {problem}")
    for key, value, origin in effective.rows():
        lock = " [locked by policy]" if key in effective.locked else ""
        shown = str(value) if value != "" else '""'
        print(f"{key} = {shown}    # {origin}{lock}")
    return 0


def cmd_config_set(args: argparse.Namespace) -> int:
    from ledgerwatch import config

    effective = config.load()
    path = config.set_user_value(effective, args.key, args.value)
    print(f"{args.key} = {config.display_value(args.key, args.value)} written to {path}")
    return 0
