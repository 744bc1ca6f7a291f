#!/usr/bin/env python3
# Copied unchanged from the shared samples folder (samples/score.py beside the sample week) so benches and tests score from the repository.
"""Score time-entry drafts against a generated week's ground truth.

  score.py TRUTH.json DRAFTS.json [--json]
  score.py TRUTH.json --baseline-aw AW-EXPORT.json MATTERS.csv   (ActivityWatch-style regex categories)

DRAFTS.json: {"drafts": [{"matter": "00412-Okafor" | null, "date": "YYYY-MM-DD",
               "spans": [{"start": ISO, "end": ISO}, ...], "billed_hours": "0.4", ...}, ...]}
(a bare list of drafts is accepted too).

Figures, all over the whole week:
  capture    seconds labelled with the right matter / true billable seconds
  wrong      seconds labelled with another matter / true billable seconds
  phantom    seconds given a matter while truly away, personal or firm admin / true billable seconds
  time_err   sum over (matter, day) of |worked hours - true hours| / true hours, where worked hours are
             the drafts' spans (before rounding)
  rounding   billed minus worked hours, per entry on average (minutes) and at most; round-up to
             0.1 h adds 0-6 minutes to an entry
  bill_err   sum over (matter, day) of |billed hours - true hours| / true hours (rounding included)
  entries    drafts with a matter, per day
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from datetime import datetime, timezone
from decimal import Decimal


def read_json(path: str):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def ts(s: str) -> int:
    return int(datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp())


def truth_labels(truth: dict) -> dict[int, tuple[str | None, str]]:
    lab: dict[int, tuple[str | None, str]] = {}
    for iv in truth["intervals"]:
        for s in range(ts(iv["start"]), ts(iv["end"])):
            lab[s] = (iv["matter"], iv["kind"])
    return lab


def load_drafts(path: str) -> list[dict]:
    data = read_json(path)
    if isinstance(data, dict):
        data = data.get("drafts", data.get("entries", []))
    return data


def score(truth: dict, drafts: list[dict]) -> dict:
    lab = truth_labels(truth)
    pred: dict[int, str] = {}
    overlap = 0
    for d in drafts:
        m = d.get("matter")
        if isinstance(m, dict):
            m = m.get("number") or m.get("display_number")
        if not m:
            continue
        for sp in d.get("spans", []):
            for s in range(ts(sp["start"]), ts(sp["end"])):
                if s in pred and pred[s] != m:
                    overlap += 1
                pred[s] = m
    true_bill = sum(1 for v in lab.values() if v[1] == "billable")
    captured = sum(1 for s, (m, k) in lab.items() if k == "billable" and pred.get(s) == m)
    wrong = sum(1 for s, (m, k) in lab.items() if k == "billable" and s in pred and pred[s] != m)
    phantom = sum(1 for s, m in pred.items() if lab.get(s, (None, "none"))[1] != "billable")
    # billed hours per (matter, day) against true hours
    true_md: dict[tuple[str, str], float] = defaultdict(float)
    for s, (m, k) in lab.items():
        if k == "billable":
            day = datetime.fromtimestamp(s, timezone.utc).date().isoformat()
            true_md[(m, day)] += 1 / 3600
    billed_md: dict[tuple[str, str], float] = defaultdict(float)
    worked_md: dict[tuple[str, str], float] = defaultdict(float)
    over: list[float] = []
    entries = 0
    for d in drafts:
        m = d.get("matter")
        if isinstance(m, dict):
            m = m.get("number") or m.get("display_number")
        if not m:
            continue
        entries += 1
        day = d.get("date") or (d["spans"][0]["start"][:10] if d.get("spans") else "?")
        bh = d.get("billed_hours")
        if bh is None:
            bh = d.get("billed_seconds", 0) / 3600 if d.get("billed_seconds") is not None else 0
        billed_md[(m, day)] += float(Decimal(str(bh)))
        worked = sum(ts(sp["end"]) - ts(sp["start"]) for sp in d.get("spans", [])) / 3600
        worked_md[(m, day)] += worked
        over.append(float(Decimal(str(bh))) - worked)
    keys = set(true_md) | set(billed_md) | set(worked_md)
    total_true = max(1e-9, sum(true_md.values()))
    bill_err = sum(abs(billed_md[k] - true_md[k]) for k in keys) / total_true
    time_err = sum(abs(worked_md[k] - true_md[k]) for k in keys) / total_true
    days = len({k[1] for k in true_md}) or 1
    return {
        "capture": captured / true_bill,
        "wrong": wrong / true_bill,
        "phantom": phantom / true_bill,
        "time_err": time_err,
        "bill_err": bill_err,
        "rounding_avg_min": 60 * sum(over) / max(1, len(over)),
        "rounding_max_min": 60 * max(over, default=0.0),
        "entries_per_day": entries / days,
        "true_hours": true_bill / 3600,
        "billed_hours": sum(billed_md.values()),
        "overlapping_seconds": overlap,
    }


def aw_baseline(aw_path: str, matters_csv: str) -> list[dict]:
    """What a user gets from ActivityWatch with one regex category per matter.

    Category rule per matter: its number, its keywords and the client's first name token,
    case-insensitive, on the window title (and URL for web events), non-afk time only.
    """
    rules = []
    with open(matters_csv, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        words = [row["matter_number"]] + [k for k in row["keywords"].split(";") if k]
        words.append(re.split(r"[ ,]", row["client"])[0])
        rules.append((row["matter_number"], re.compile("|".join(re.escape(w) for w in words), re.I)))
    exp = read_json(aw_path)["buckets"]
    win = next(b for b in exp.values() if b["type"] == "currentwindow")["events"]
    afk = next(b for b in exp.values() if b["type"] == "afkstatus")["events"]
    away = set()
    for e in afk:
        if e["data"]["status"] == "afk":
            s = ts(e["timestamp"])
            away.update(range(s, s + int(e["duration"])))
    drafts = []
    for e in win:
        s = ts(e["timestamp"])
        e_end = s + int(e["duration"])
        for num, rx in rules:
            if rx.search(e["data"]["title"]):
                secs = [x for x in range(s, e_end) if x not in away]
                if secs:
                    drafts.append(
                        {
                            "matter": num,
                            "date": e["timestamp"][:10],
                            "spans": [
                                {
                                    "start": datetime.fromtimestamp(secs[0], timezone.utc).isoformat(),
                                    "end": datetime.fromtimestamp(secs[-1] + 1, timezone.utc).isoformat(),
                                }
                            ],
                            "billed_hours": len(secs) / 3600,
                        }
                    )
                break
    return drafts


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("truth")
    ap.add_argument("drafts", nargs="?")
    ap.add_argument("--baseline-aw", nargs=2, metavar=("AW_EXPORT", "MATTERS_CSV"))
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    truth = read_json(a.truth)
    drafts = aw_baseline(*a.baseline_aw) if a.baseline_aw else load_drafts(a.drafts)
    r = score(truth, drafts)
    if a.json:
        print(json.dumps(r))
    else:
        print(
            "capture {capture:.1%}  wrong {wrong:.1%}  phantom {phantom:.1%}  time_err {time_err:.1%}  "
            "rounding {rounding_avg_min:+.1f} min/entry (max {rounding_max_min:+.1f})  bill_err {bill_err:.1%}  "
            "entries/day {entries_per_day:.1f}  true {true_hours:.1f} h  billed {billed_hours:.1f} h".format(
                **r
            )
        )


if __name__ == "__main__":
    sys.exit(main())
