"""Command line.

make.py OUTDIR --firm NAME --weeks N --start YYYY-MM-DD --seed S [--stats]
make.py --list
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from .firms import PROFILES
from .generate import generate, write
from .stats import render_stats


def _monday(text: str) -> date:
    try:
        day = date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date: {text}") from exc
    if day.weekday() != 0:
        raise argparse.ArgumentTypeError(f"{text} is a {day:%A}, not a Monday")
    return day


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="make.py", description="Generate synthetic attorney weeks (second generator)."
    )
    ap.add_argument("outdir", nargs="?", type=Path)
    ap.add_argument("--firm", choices=sorted(PROFILES))
    ap.add_argument("--weeks", type=int, default=1)
    ap.add_argument("--start", type=_monday, default=date(2026, 2, 2))
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list", action="store_true", help="list the firms and exit")
    ap.add_argument("--stats", action="store_true", help="print per-week statistics")
    return ap


def main(argv: list[str] | None = None) -> int:
    ap = parser()
    a = ap.parse_args(argv)
    if a.list:
        for key, profile in PROFILES.items():
            print(f"{key:18} {profile.summary}")
        return 0
    if a.outdir is None or a.firm is None:
        ap.error("OUTDIR and --firm are required (or --list)")
    if a.weeks < 1:
        ap.error("--weeks must be at least 1")
    generated = generate(a.firm, a.seed, a.weeks, a.start)
    paths = write(a.outdir, generated)
    print(
        f"wrote {len(paths)} files for {len(generated)} week(s) of {a.firm} (seed {a.seed}) under {a.outdir}",
        file=sys.stderr,
    )
    if a.stats:
        print(render_stats(generated))
    return 0
