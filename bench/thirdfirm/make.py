#!/usr/bin/env python3
"""Third, independent test-week generator for ledgerwatch.

  make.py OUT --firm NAME [--weeks 2] [--start 2026-05-04] [--seed N]
  make.py --list
"""
from __future__ import annotations

import argparse
import os
import sys
from datetime import date, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import engine
from firms import FIRMS


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", nargs="?")
    ap.add_argument("--firm", default="commlit")
    ap.add_argument("--weeks", type=int, default=2)
    ap.add_argument("--start", default="2026-05-04", help="a Monday")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--list", action="store_true")
    a = ap.parse_args(argv)
    if a.list:
        for k, p in FIRMS.items():
            print(f"{k:10s} {p.label} - {p.practice}; {p.os_label}")
        return 0
    if not a.out:
        ap.error("OUT is required")
    if a.firm not in FIRMS:
        ap.error(f"unknown firm {a.firm!r}; one of {', '.join(FIRMS)}")
    start = date.fromisoformat(a.start)
    if start.weekday() != 0:
        ap.error("--start must be a Monday")
    ctx = FIRMS[a.firm].setup(a.seed)
    for w in range(1, a.weeks + 1):
        engine.write_week(os.path.join(a.out, f"week{w}"), ctx, w, start + timedelta(weeks=w - 1))
    print(f"{a.firm} seed {a.seed}: {ctx.firm_name} ({ctx.attorney_name}, {ctx.tz}, host {ctx.desk.host}) -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
