"""The local store: integrity check and online backup."""

from __future__ import annotations

import argparse

from ledgerwatch.cli.arguments import Subparsers, command, group, output_file, services

TITLE = "settings and the store"


def register(sub: Subparsers) -> None:
    db = group(sub, "db", "the local store")
    command(db, "check", cmd_db_check, "run the database integrity check")
    command(db, "backup", cmd_db_backup, "write an online backup to FILE").add_argument(
        "file", type=output_file
    )


def cmd_db_check(args: argparse.Namespace) -> int:
    with services(args) as svc:
        problems = svc.db.integrity_check()
        revision = svc.db.revision()
    if problems:
        for p in problems:
            print(f"problem: {p}")
        return 1
    print(f"ok: {svc.effective.database_target} (schema revision {revision})")
    return 0


def cmd_db_backup(args: argparse.Namespace) -> int:
    with services(args) as svc:
        svc.db.backup(args.file)
    print(f"backup written to {args.file}")
    return 0
