"""Bringing in what the attorney already has: activity files, calendars, call logs, matters; the raw log."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TextIO

from ledgerwatch.cli.arguments import Subparsers, command, count, day, group, input_file, services

TITLE = "bring in activity and matters"


def register(sub: Subparsers) -> None:
    imp = group(
        sub, "import", "import activity from files (each file all or nothing; re-importing adds nothing)"
    )
    command(
        imp, "activitywatch", cmd_import_activitywatch, "import an ActivityWatch export (JSON)"
    ).add_argument("file", type=input_file)
    command(
        imp,
        "ics",
        cmd_import_ics,
        "import an ICS calendar (recurring events expanded; an updated export replaces the events it changed)",
    ).add_argument("file", type=input_file)
    command(
        imp,
        "calls",
        cmd_import_calls,
        "import a call log (CSV: start,end or duration_seconds,direction,number,name)",
    ).add_argument("file", type=input_file)

    mat = group(sub, "matters", "the firm's clients and matters")
    command(
        mat,
        "import",
        cmd_matters_import,
        "import matters from CSV: matter_number,client,description,keywords,status",
    ).add_argument("file", type=input_file)
    command(mat, "list", cmd_matters_list, "list matters")

    ev = group(sub, "events", "the raw activity log (never leaves this machine)")
    p = command(
        ev, "summary", cmd_events_summary, "time per application and title for a day, away time excluded"
    )
    p.add_argument("--date", type=day, required=True, help="local day, YYYY-MM-DD")
    p.add_argument("--limit", type=count, default=40, help="rows to show (default 40)")


class ProgressBar:
    """A progress bar on stderr that appears only once an operation has taken more than a second."""

    def __init__(self, label: str, stream: TextIO = sys.stderr, delay: float = 1.0) -> None:
        self.label, self.stream, self.delay = label, stream, delay
        self.started = time.monotonic()
        self.shown = False

    def __call__(self, done: int, total: int) -> None:
        if time.monotonic() - self.started < self.delay or total <= 0:
            return
        self.shown = True
        width = 30
        filled = int(width * min(done, total) / total)
        self.stream.write(
            f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {100 * done // total:3d}%"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")


def cmd_import_activitywatch(args: argparse.Namespace) -> int:
    svc = services(args)
    bar = ProgressBar(f"importing {args.file.name}")
    try:
        report = svc.import_activitywatch(args.file, bar)
    finally:
        bar.close()
        svc.close()
    print(f"{report.path}: {report.read} events read, {report.new} new")
    for what, n in sorted(report.skipped.items()):
        print(f"  skipped {n} from {what}")
    return 0


def cmd_import_ics(args: argparse.Namespace) -> int:
    with services(args) as svc:
        report = svc.import_ics(args.file)
    print(f"{report.path}: {report.read} calendar events read, {report.new} new")
    for what, n in sorted(report.skipped.items()):
        print(f"  skipped {n} from {what}")
    return 0


def cmd_import_calls(args: argparse.Namespace) -> int:
    with services(args) as svc:
        report = svc.import_calls(args.file)
    print(f"{report.path}: {report.read} calls read, {report.new} new")
    return 0


def cmd_matters_import(args: argparse.Namespace) -> int:
    with services(args) as svc:
        n = svc.import_matters(args.file)
    print(f"{args.file}: {n} matters imported")
    return 0


def cmd_matters_list(args: argparse.Namespace) -> int:
    with services(args) as svc:
        matters = svc.all_matters()
    if not matters:
        print("no matters yet: `ledgerwatch matters import FILE` or `ledgerwatch sync pull`")
        return 0
    for m in matters:
        print(f"{m.number:<20} {m.status.value:<8} {m.client.name:<32} {m.description}")
    return 0


def cmd_events_summary(args: argparse.Namespace) -> int:
    with services(args) as svc:
        rows = svc.summary(args.date)
    if not rows:
        print(f"no activity recorded on {args.date}")
        return 0
    total = sum(r.seconds for r in rows)
    print(f"{args.date}: {hours(total)} active (away time excluded)")
    for r in rows[: args.limit]:
        title = r.title if len(r.title) <= 70 else r.title[:67] + "..."
        print(f"  {hours(r.seconds):>6}  {r.app:<18} {title}")
    if len(rows) > args.limit:
        print(f"  ... {len(rows) - args.limit} more (use --limit)")
    return 0


def hours(seconds: float) -> str:
    """H:MM for a number of seconds."""
    minutes = round(seconds / 60)
    return f"{minutes // 60:d}:{minutes % 60:02d}"
