"""Where a week's drafts go wrong: each wrong, missed or phantom stretch with the truth, the draft and the windows.

  python bench/sessionize_diagnose.py WEEK_DIR [--teach EARLIER_WEEK_DIR] [--learn] [--min 30]

Per stretch of at least --min seconds: what the attorney was really doing (truth), the draft that
covers it (matter, narrative, reasons), and the window titles on screen. The totals at the end add up
the seconds per kind of error and per (truth matter -> draft matter), which is where a general cause
shows. --teach replays the review of an earlier week (memory; with --learn also the learned model).
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sessionize_accuracy import load

from ledgerwatch.domain import Source, WindowPayload
from ledgerwatch.sessionize import build_range


def _second_labels(truth: dict) -> dict[int, tuple[str | None, str, str]]:
    labels: dict[int, tuple[str | None, str, str]] = {}
    for iv in truth["intervals"]:
        a = int(datetime.fromisoformat(iv["start"]).timestamp())
        b = int(datetime.fromisoformat(iv["end"]).timestamp())
        for s in range(a, b):
            labels[s] = (iv["matter"], iv["kind"], iv.get("what", ""))
    return labels


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("week", type=Path)
    parser.add_argument("--teach", type=Path, action="append", default=[])
    parser.add_argument("--learn", action="store_true", help="also train the learned model on --teach weeks")
    parser.add_argument("--min", type=int, default=30, help="shortest stretch shown (seconds)")
    args = parser.parse_args()
    truth, tz, events, matters, first, last = load(args.week)
    memory = model = None
    if args.teach:
        from learning_two_weeks import review  # the replayed review of a week

        for earlier in args.teach:
            memory, model = review(earlier, memory, model if args.learn else None, learn=args.learn)
    entries = build_range(events, matters, first, last, tz, memory=memory, model=model)
    labels = _second_labels(truth)
    drafted: dict[int, int] = {}
    unassigned: dict[int, int] = {}  # seconds in a draft with no matter, to show why it found none
    for index, entry in enumerate(entries):
        into = drafted if entry.matter is not None else unassigned
        for span in entry.spans:
            for s in range(int(span.start.timestamp()), int(span.end.timestamp())):
                into[s] = index
    windows = sorted(
        (e.start.timestamp(), e.end.timestamp(), e.payload.app, e.payload.title)
        for e in events
        if e.source is Source.WINDOW and isinstance(e.payload, WindowPayload)
    )

    def verdict(s: int) -> tuple[str, str | None, str | None, int]:
        true_matter, kind, _ = labels.get(s, (None, "away", ""))
        index = drafted.get(s, -1)
        mine = entries[index].matter if index >= 0 else None
        if kind == "billable":
            if mine == true_matter:
                return "ok", true_matter, mine, index
            if mine:
                return "wrong", true_matter, mine, index
            return "missed", true_matter, None, unassigned.get(s, -1)
        return ("phantom" if mine else "ok"), None, mine, index

    seconds = sorted(set(labels) | set(drafted))
    totals: dict[str, int] = defaultdict(int)
    pairs: dict[tuple[str, str | None, str | None], int] = defaultdict(int)
    stretch: list[int] = []
    current: tuple[str, str | None, str | None, int] | None = None

    def flush() -> None:
        if current is None or current[0] == "ok" or not stretch:
            return
        what, true_matter, mine, index = current
        length = len(stretch)
        totals[what] += length
        pairs[(what, true_matter, mine)] += length
        if length < args.min:
            return
        a, b = stretch[0], stretch[-1] + 1
        start = datetime.fromtimestamp(a, UTC).astimezone(tz)
        print(
            f"\n{what.upper()} {length}s {start:%a %H:%M:%S}-{datetime.fromtimestamp(b, UTC).astimezone(tz):%H:%M:%S}"
            f"  truth {true_matter} ({labels.get(a, (None, 'away', ''))[1]}: {labels.get(a, (None, '', ''))[2]})  draft {mine}"
        )
        if index >= 0:
            entry = entries[index]
            print(f"   draft: {entry.description}  [{entry.confidence}]")
            for reason in entry.reasons[:4]:
                print(f"     - {reason}")
        for w0, w1, app, title in windows:
            if w1 > a and w0 < b:
                print(f"   {max(w0, a) - a:>6.0f}s +{min(w1, b) - max(w0, a):>5.0f}s  {app}: {title}")

    for s in seconds:
        found = verdict(s)
        if current is not None and (found != current or (stretch and s != stretch[-1] + 1)):
            flush()
            stretch = []
        current = found
        stretch.append(s)
    flush()
    billable = sum(1 for v in labels.values() if v[1] == "billable")
    print("\ntotals (% of true billable):")
    for what, value in sorted(totals.items()):
        print(f"  {what:<8}{value:>7}s  {value / billable:.2%}")
    print("by (error, truth matter -> draft matter):")
    for (what, true_matter, mine), value in sorted(pairs.items(), key=lambda kv: -kv[1]):
        print(f"  {what:<8}{true_matter!s:>12} -> {mine!s:<12}{value:>7}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
