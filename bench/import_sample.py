"""Benchmark: import a week (matters, ActivityWatch export, calendar) into a fresh store, then again.

  python bench/import_sample.py [WEEK_DIR]   (default: the sample week shipped in ledgerwatch.samples)

Target (issue 2): the sample week imports in under 2 seconds; the second import adds 0 events.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from ledgerwatch import samples


def main() -> int:
    week = Path(sys.argv[1]) if len(sys.argv) > 1 else samples.week()
    with tempfile.TemporaryDirectory() as home:
        os.environ["LEDGERWATCH_HOME"] = home
        os.environ.setdefault("LEDGERWATCH_TIMEZONE", "UTC")
        from ledgerwatch.app import open_services

        t0 = time.perf_counter()
        svc = open_services()
        matters = svc.import_matters(week / "matters.csv")
        aw = svc.import_activitywatch(week / "aw-export.json")
        cal = svc.import_ics(week / "calendar.ics")
        first = time.perf_counter() - t0
        t1 = time.perf_counter()
        again = (
            svc.import_activitywatch(week / "aw-export.json").new + svc.import_ics(week / "calendar.ics").new
        )
        second = time.perf_counter() - t1
        svc.close()
    print(f"week: {week}")
    print(
        f"first import:  {first:.3f} s  ({matters} matters, {aw.new} activity events, {cal.new} calendar events)"
    )
    print(f"second import: {second:.3f} s  ({again} new events)")
    print(f"target: < 2 s and 0 new on re-import -> {'PASS' if first < 2 and again == 0 else 'FAIL'}")
    return 0 if first < 2 and again == 0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
