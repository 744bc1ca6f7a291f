#!/usr/bin/env python3
"""Print one generated day as local-time lines: window event, afk state, truth label.

  dump.py WEEKDIR YYYY-MM-DD
"""
import json
import os
import sys
from datetime import UTC, datetime, timedelta

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engine import utc_offset

wd, d = sys.argv[1], sys.argv[2]
with open(os.path.join(wd, "aw-export.json"), encoding="utf-8") as fh:
    aw = json.load(fh)["buckets"]
with open(os.path.join(wd, "truth.json"), encoding="utf-8") as fh:
    truth = json.load(fh)
tz = truth["timezone"]


def ts(s):
    return datetime.fromisoformat(s).timestamp()


off = utc_offset(tz, datetime.fromisoformat(d).date())


def loc(t):
    return (datetime.fromtimestamp(t, UTC) + timedelta(hours=off)).strftime("%H:%M:%S")


win = [e for b in aw.values() if b["type"] == "currentwindow" for e in b["events"] if e["timestamp"].startswith(d)]
afk = [(ts(e["timestamp"]), ts(e["timestamp"]) + e["duration"]) for b in aw.values() if b["type"] == "afkstatus"
       for e in b["events"] if e["data"]["status"] == "afk" and e["timestamp"].startswith(d)]
tr = [(ts(i["start"]), ts(i["end"]), i) for i in truth["intervals"] if i["start"].startswith(d)]
rows = [(ts(e["timestamp"]), 1, e) for e in win] + [(a, 0, ("AFK", b)) for a, b in afk] + [(a, 2, i) for a, b, i in tr]
for t, k, x in sorted(rows, key=lambda r: (r[0], r[1])):
    if k == 1:
        print(f"  {loc(t)} {x['duration']:7.0f}s {x['data']['app'][:18]:18s} {x['data']['title'][:110]}")
    elif k == 0:
        print(f"  {loc(t)}          ~~ afk until {loc(x[1])}")
    else:
        print(f"{loc(t)} == {x['kind']:11s} {x['matter'] or '':14s} {x['what'][:90]}")
