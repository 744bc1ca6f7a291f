"""Attribution accuracy over many labelled weeks: each week's figures, then the mean and the worst week.

  python bench/attribution_eval.py DIR [DIR ...] [--teach] [--json]

Each DIR is a week (aw-export.json, matters.csv, calendar.ics, truth.json) or a folder holding weeks at any
depth (a generated corpus: persona/weekN). With --teach, week N of a persona is scored after the attorney's
review of week N-1 was replayed (drafts corrected to the truth and approved, so memory learns), as the
product works week after week; a persona's first week is then skipped.

Figures are the shared scorer's (bench/score.py): capture, wrong, phantom, time_err, entries per day.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sessionize_accuracy import load, teach

from ledgerwatch.sessionize import Memory, build_range, drafts_document

HERE = Path(__file__).resolve().parent


def _scorer():  # type: ignore[no-untyped-def]
    """The scorer (bench/score.py) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lw_score", HERE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def weeks_under(roots: list[Path]) -> list[Path]:
    """Week folders (those holding truth.json) under roots, in path order."""
    found: list[Path] = []
    for root in roots:
        if (root / "truth.json").exists():
            found.append(root)
        else:
            found += sorted(p.parent for p in root.rglob("truth.json"))
    return found


def score_week(week: Path, memory: Memory | None, score) -> dict[str, float]:  # type: ignore[no-untyped-def]
    truth, tz, events, matters, first, last = load(week)
    began = time.perf_counter()
    entries = build_range(events, matters, first, last, tz, memory=memory)
    elapsed = time.perf_counter() - began
    document = json.loads(json.dumps(drafts_document(entries, tz, matters)))
    figures = score.score(truth, document["drafts"])
    figures["seconds"] = elapsed
    figures["events"] = len(events)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--teach", action="store_true", help="score week N after reviewing week N-1")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    score = _scorer()
    weeks = weeks_under(args.dirs)
    rows: list[tuple[str, dict[str, float]]] = []
    for week in weeks:
        memory = None
        if args.teach:
            earlier = sorted(p for p in week.parent.iterdir() if (p / "truth.json").exists())
            position = earlier.index(week)
            if position == 0:
                continue
            memory = teach(earlier[position - 1], None)
        name = f"{week.parent.name}/{week.name}"
        figures = score_week(week, memory, score)
        rows.append((name, figures))
        if not args.json:
            print(
                f"{name:<44} capture {figures['capture']:6.1%}  wrong {figures['wrong']:5.1%}  "
                f"phantom {figures['phantom']:5.1%}  time_err {figures['time_err']:5.1%}  "
                f"entries/day {figures['entries_per_day']:4.1f}  ({figures['seconds']:.2f} s)",
                flush=True,
            )
    if not rows:
        print("no weeks found")
        return 1
    keys = ("capture", "wrong", "phantom", "time_err", "entries_per_day")
    mean = {k: statistics.fmean(f[k] for _, f in rows) for k in keys}
    worst = {
        "capture": min(f["capture"] for _, f in rows),
        "wrong": max(f["wrong"] for _, f in rows),
        "phantom": max(f["phantom"] for _, f in rows),
        "time_err": max(f["time_err"] for _, f in rows),
        "entries_per_day": max(f["entries_per_day"] for _, f in rows),
    }
    if args.json:
        print(json.dumps({"weeks": dict(rows), "mean": mean, "worst": worst}, indent=1))
        return 0
    for title, figures in (("mean", mean), ("worst week", worst)):
        print(
            f"{title:<44} capture {figures['capture']:6.1%}  wrong {figures['wrong']:5.1%}  "
            f"phantom {figures['phantom']:5.1%}  time_err {figures['time_err']:5.1%}  "
            f"entries/day {figures['entries_per_day']:4.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
