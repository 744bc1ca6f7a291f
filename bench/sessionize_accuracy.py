"""Accuracy of sessionize on a labelled week, side by side with ActivityWatch regex categories.

  python bench/sessionize_accuracy.py [WEEK_DIR] [--teach EARLIER_WEEK_DIR] [--out drafts.json]

WEEK_DIR holds aw-export.json, matters.csv, calendar.ics and truth.json (default: the sample week shipped in ledgerwatch.samples).
--teach simulates the attorney's review of an earlier week: its drafts are built, each is corrected
to the matter the truth gives most of its time and approved, and the memory learns from those
approvals before WEEK_DIR is sessionized (as the product does week after week).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

from ledgerwatch import samples
from ledgerwatch.domain import Event, Matter, TimeEntry, approve, revise
from ledgerwatch.importers import read_activitywatch, read_ics, read_matters
from ledgerwatch.sessionize import Memory, build_range, drafts_document, learn

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = samples.week()
SCORE = ROOT / "bench" / "score.py"
TARGETS = {"capture": (">=", 0.95), "wrong": ("<=", 0.02), "phantom": ("<=", 0.01), "time_err": ("<=", 0.05)}


def _zone(name: str) -> tzinfo:
    return UTC if name.upper() == "UTC" else ZoneInfo(name)


def _score(score_py: Path, truth: Path, *args: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, str(score_py), str(truth), *args, "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def load(week: Path) -> tuple[dict, tzinfo, list[Event], list[Matter], date, date]:
    """Truth, timezone, events, matters and the first and last local day of a week directory."""
    truth = json.loads((week / "truth.json").read_text(encoding="utf-8"))
    tz = _zone(truth.get("timezone", "UTC"))
    events = list(read_activitywatch(week / "aw-export.json").events)
    if (week / "calendar.ics").exists():
        events += read_ics(week / "calendar.ics", tz).events
    matters = read_matters(week / "matters.csv")
    starts = [datetime.fromisoformat(iv["start"]).astimezone(tz) for iv in truth["intervals"]]
    ends = [datetime.fromisoformat(iv["end"]).astimezone(tz) for iv in truth["intervals"]]
    return truth, tz, events, matters, min(starts).date(), max(ends).date()


def teach(week: Path, memory: Memory | None) -> Memory:
    """The memory after the attorney reviewed week's drafts, correcting matters to the truth."""
    truth, tz, events, matters, first, last = load(week)
    labels: list[tuple[float, float, str]] = [
        (
            datetime.fromisoformat(iv["start"]).timestamp(),
            datetime.fromisoformat(iv["end"]).timestamp(),
            iv["matter"],
        )
        for iv in truth["intervals"]
        if iv["kind"] == "billable" and iv["matter"]
    ]
    memory = memory or Memory()
    now = datetime.now(UTC)
    for entry in build_range(events, matters, first, last, tz, memory=memory):
        right = _true_matter(entry, labels)
        if right is None:
            continue
        corrected: TimeEntry = revise(entry, matter=right) if right != entry.matter else entry
        memory = learn(memory, approve(corrected, now))
    return memory


def _true_matter(entry: TimeEntry, labels: list[tuple[float, float, str]]) -> str | None:
    seconds: dict[str, float] = {}
    for span in entry.spans:
        a, b = span.start.timestamp(), span.end.timestamp()
        for start, end, matter in labels:
            shared = min(b, end) - max(a, start)
            if shared > 0:
                seconds[matter] = seconds.get(matter, 0.0) + shared
    if not seconds or sum(seconds.values()) < 0.5 * entry.worked_seconds:
        return None
    return max(sorted(seconds), key=lambda m: seconds[m])


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("week", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--out", type=Path, default=None, help="where to write drafts.json")
    parser.add_argument("--score", type=Path, default=SCORE, help="path of score.py")
    parser.add_argument(
        "--teach", type=Path, action="append", default=[], help="an earlier week to learn from"
    )
    args = parser.parse_args()
    week: Path = args.week
    truth_path = week / "truth.json"
    _truth, tz, events, matters, first, last = load(week)
    memory: Memory | None = None
    for earlier in args.teach:
        memory = teach(earlier, memory)

    began = time.perf_counter()
    entries = build_range(events, matters, first, last, tz, memory=memory)
    elapsed = time.perf_counter() - began
    document = drafts_document(entries, tz, matters)
    out = args.out or Path(tempfile.gettempdir()) / f"drafts-{week.name}.json"
    out.write_text(json.dumps(document, indent=1), encoding="utf-8")

    ours = _score(args.score, truth_path, str(out))
    base = _score(
        args.score, truth_path, "--baseline-aw", str(week / "aw-export.json"), str(week / "matters.csv")
    )
    taught = f", memory of {len(memory)} keys from {len(args.teach)} earlier week(s)" if memory else ""
    print(f"week {week}  ({len(events)} events, {len(matters)} matters, {elapsed * 1000:.0f} ms{taught})")
    print(f"drafts: {out}")
    print(f"{'figure':<18}{'sessionize':>12}{'AW regex':>12}   target")
    rows = [
        ("capture", "pct"),
        ("wrong", "pct"),
        ("phantom", "pct"),
        ("time_err", "pct"),
        ("bill_err", "pct"),
        ("rounding_avg_min", "min"),
        ("rounding_max_min", "min"),
        ("entries_per_day", "num"),
        ("true_hours", "num"),
        ("billed_hours", "num"),
        ("overlapping_seconds", "num"),
    ]
    failed = []
    for key, fmt in rows:
        mine, theirs = ours[key], base[key]
        shown = f"{mine:>12.1%}{theirs:>12.1%}" if fmt == "pct" else f"{mine:>12.1f}{theirs:>12.1f}"
        target = ""
        if key in TARGETS:
            op, value = TARGETS[key]
            ok = mine >= value if op == ">=" else mine <= value
            target = f"{op} {value:.0%}  {'ok' if ok else 'MISSED'}"
            if not ok:
                failed.append(key)
        elif key == "rounding_max_min":
            ok = mine <= 6.0 + 1e-6
            target = f"<= 6 min  {'ok' if ok else 'MISSED'}"
            failed += [] if ok else [key]
        elif key == "entries_per_day":
            ok = 8 <= mine <= 25
            target = f"8-25  {'ok' if ok else 'MISSED'}"
            failed += [] if ok else [key]
        print(f"{key:<18}{shown}   {target}")
    print("all targets met" if not failed else f"targets missed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
