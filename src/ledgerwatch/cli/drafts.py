"""Time-entry drafts built from the activity log: build, list, export."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from typing import IO, Any

from ledgerwatch.cli.arguments import (
    Subparsers,
    chosen_range,
    command,
    date_range,
    group,
    output_file,
    services,
)

TITLE = "build drafts"
CSV_FIELDS = (
    "id",
    "date",
    "matter",
    "client",
    "status",
    "worked_seconds",
    "billed_hours",
    "activity_code",
    "task_code",
    "confidence",
    "description",
    "spans",
    "problems",
)


def register(sub: Subparsers) -> None:
    dr = group(sub, "drafts", "time-entry drafts built from the activity log")
    date_range(
        command(
            dr, "build", cmd_drafts_build, "build drafts (replaces unreviewed drafts, never reviewed ones)"
        )
    )
    date_range(command(dr, "list", cmd_drafts_list, "list drafts and entries"))
    p = command(dr, "export", cmd_drafts_export, "export drafts as JSON or CSV")
    date_range(p)
    p.add_argument("--format", choices=["json", "csv"], default="json")
    p.add_argument("--output", "-o", type=output_file, help="file to write (default: standard output)")


def cmd_drafts_build(args: argparse.Namespace) -> int:
    first, last = chosen_range(args)
    with services(args) as svc:
        results = svc.build_drafts(first, last)
        report = svc.assist_report() if svc.assist_settings().endpoint_allowed else None
    for day, r in results:
        print(
            f"{day}: {r.written} drafts written, {r.replaced} unreviewed drafts replaced, {r.kept} reviewed kept"
        )
    if report is not None:
        print(report.summary())
    return 0


def cmd_drafts_list(args: argparse.Namespace) -> int:
    first, last = chosen_range(args)
    with services(args) as svc:
        entries = svc.drafts_between(first, last)
    if not entries:
        print("no drafts: run `ledgerwatch drafts build` first")
        return 0
    for e in entries:
        matter = e.matter or f"({e.kind.value})"
        flags = " !" if e.problems else ""
        print(
            f"{e.date} {e.status.value:<9} {matter:<18} {e.billed_hours:>5} h  {e.activity_code or '':<5} "
            f"{e.description[:70]}{flags}"
        )
    return 0


def cmd_drafts_export(args: argparse.Namespace) -> int:
    first, last = chosen_range(args)
    with services(args) as svc:
        document = svc.export_drafts(first, last)
    if args.output:
        from ledgerwatch import permissions

        with permissions.open_private(args.output, "w", encoding="utf-8", newline="") as out:
            _write(document, args.format, out)
    else:
        _write(document, args.format, sys.stdout)
    return 0


def _write(document: dict[str, Any], form: str, out: IO[str]) -> None:
    if form == "json":
        json.dump(document, out, indent=1)
        out.write("\n")
    else:
        write_drafts_csv(document, out)


def write_drafts_csv(document: dict[str, Any], out: IO[str]) -> None:
    """One CSV row per draft; spans as start/end pairs, problems joined by '; '."""
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for d in document["drafts"]:
        row = dict(d)
        row["spans"] = " ".join(f"{s['start']}/{s['end']}" for s in d["spans"])
        row["problems"] = "; ".join(str(p) for p in d.get("problems", []))
        writer.writerow(row)
