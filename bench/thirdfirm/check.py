#!/usr/bin/env python3
"""Sanity checks and per-day stats for generated weeks.

  check.py OUT [OUT ...]     (each OUT holds week1/, week2/ ...)
"""
from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime

ISO = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}\+00:00$")


def ts(s):
    assert ISO.match(s), s
    return datetime.fromisoformat(s).timestamp()


def day(t):
    return datetime.fromtimestamp(t, UTC).date().isoformat()


def check_week(wd):
    errs = []
    with open(os.path.join(wd, "aw-export.json"), encoding="utf-8") as fh:
        aw = json.load(fh)["buckets"]
    with open(os.path.join(wd, "truth.json"), encoding="utf-8") as fh:
        truth = json.load(fh)
    with open(os.path.join(wd, "matters.csv"), encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    with open(os.path.join(wd, "calendar.ics"), encoding="utf-8") as fh:
        ics = fh.read().replace("\r\n ", "")
    nums = {r["matter_number"] for r in rows}
    for r in rows:
        for c in ("matter_number", "client", "description", "keywords", "status"):
            if c not in r:
                errs.append(f"matters.csv lacks {c}")
    vev = ics.count("BEGIN:VEVENT")
    for blk in ics.split("BEGIN:VEVENT")[1:]:
        for p in ("DTSTART", "DTEND", "SUMMARY"):
            if f"\n{p}" not in blk:
                errs.append(f"VEVENT without {p}")
    types = Counter(b["type"] for b in aw.values())
    if types["currentwindow"] != 1 or types["afkstatus"] != 1 or types["web.tab.current"] < 1:
        errs.append(f"bucket types {types}")
    win = next(b for b in aw.values() if b["type"] == "currentwindow")["events"]
    afk = next(b for b in aw.values() if b["type"] == "afkstatus")["events"]
    for b in aw.values():
        prev = None
        for e in b["events"]:
            s = ts(e["timestamp"])
            if e["duration"] <= 0:
                errs.append(f"{b['id']}: non-positive duration at {e['timestamp']}")
            if prev is not None and s < prev - 1e-3:
                errs.append(f"{b['id']}: overlap at {e['timestamp']} ({prev - s:.3f}s)")
            prev = s + e["duration"]
            if b["type"] == "web.tab.current":
                for k in ("url", "title", "audible", "incognito", "tabCount"):
                    if k not in e["data"]:
                        errs.append(f"web event lacks {k}")
    # afk covers window time (except laptop sleeps, where both are absent)
    afk_secs = defaultdict(float)
    for e in afk:
        afk_secs[day(ts(e["timestamp"]))] += e["duration"]
    win_span = {}
    for e in win:
        s = ts(e["timestamp"])
        d = day(s)
        if day(s + e["duration"] - 0.001) != d:
            errs.append(f"window event crosses UTC midnight {e['timestamp']}")
        a, b_ = win_span.get(d, (s, s))
        win_span[d] = (min(a, s), max(b_, s + e["duration"]))
    win_secs = defaultdict(float)
    for e in win:
        win_secs[day(ts(e["timestamp"]))] += e["duration"]
    for d in win_secs:
        if abs(win_secs[d] - afk_secs[d]) > 5:
            errs.append(f"{d}: window seconds {win_secs[d]:.0f} != afk seconds {afk_secs[d]:.0f}")
    # truth
    prev = None
    bill = defaultdict(float)
    kinds = defaultdict(lambda: defaultdict(float))
    for iv in truth["intervals"]:
        s, e = ts(iv["start"]), ts(iv["end"])
        if e <= s:
            errs.append(f"truth: empty interval {iv}")
        if prev is not None and s < prev - 1e-3:
            errs.append(f"truth: overlap at {iv['start']}")
        prev = e
        if day(s) != day(e - 0.001):
            errs.append(f"truth crosses UTC midnight {iv}")
        d = day(s)
        if d not in win_span:
            errs.append(f"truth on a day without window events {iv['start']}")
        if iv["kind"] not in ("billable", "nonbillable", "personal", "away"):
            errs.append(f"bad kind {iv['kind']}")
        if (iv["kind"] == "billable") != (iv["matter"] is not None):
            errs.append(f"matter/kind mismatch {iv}")
        if iv["matter"] is not None and iv["matter"] not in nums:
            errs.append(f"unknown matter {iv['matter']}")
        kinds[d][iv["kind"]] += (e - s) / 3600
        if iv["kind"] == "billable":
            bill[d] += (e - s) / 3600
    days = sorted(win_secs)
    for d in days:
        if not 5.0 <= bill[d] <= 9.5:
            errs.append(f"{d}: billable {bill[d]:.2f} h")
    n_win = Counter(day(ts(e["timestamp"])) for e in win)
    webn = sum(len(b["events"]) for b in aw.values() if b["type"] == "web.tab.current")
    per_matter = defaultdict(float)
    for iv in truth["intervals"]:
        if iv["matter"]:
            per_matter[iv["matter"]] += (ts(iv["end"]) - ts(iv["start"])) / 3600
    stats = {
        "days": len(days), "bill_h_day": [round(bill[d], 2) for d in days],
        "win_ev_day": [n_win[d] for d in days], "afk_ev": len(afk), "web_ev": webn, "vevents": vev,
        "truth_iv": len(truth["intervals"]), "matters": len(rows),
        "matters_worked": len(per_matter),
        "nonbill_h": round(sum(k["nonbillable"] for k in kinds.values()), 1),
        "personal_h": round(sum(k["personal"] for k in kinds.values()), 1),
        "away_h": round(sum(k["away"] for k in kinds.values()), 1),
        "apps": len({e["data"]["app"] for e in win}), "titles": len({e["data"]["title"] for e in win}),
    }
    return errs, stats


def main():
    bad = 0
    for out in sys.argv[1:]:
        for w in sorted(os.listdir(out)):
            wd = os.path.join(out, w)
            if not os.path.isdir(wd):
                continue
            errs, st = check_week(wd)
            print(f"{wd}: {'OK' if not errs else 'FAIL'} {json.dumps(st, ensure_ascii=False)}")
            for e in errs[:15]:
                print("   ", e)
            bad += bool(errs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
