"""Sessionize vs ActivityWatch's query pipeline, side by side in one run on the same generated events (issue 3).

    python bench/peers/sessionize_vs_aw.py [--days 250] [--seed 1] [--repeat 1] [--aw-python PATH]
                                          [--modes memory,store] [--json out.json]

Generates the year of bench/sessionize_speed.py (its own generator, same seed), writes it as an ActivityWatch
export (window, afk and web buckets) and times, on the first half of the workdays ("6 months") and on all of
them ("year"):

  ours  ledgerwatch.sessionize.build_range over the slice (in this venv);
  AW    aw-client's canonical desktop query (fullDesktopQuery: flood, not-afk via filter_period_intersect,
        browser events, categorize with one regex rule per matter, merge_events_by_keys on app/title, app and
        category, sums), run once per calendar day through aw_query.query2, as aw-server does for a list of
        per-day timeperiods (bench/peers/aw_query_runner.py, under the ActivityWatch venv).

Three pairings, each on the same input:
  memory  ours: build_range on events in memory.  AW: the query over an in-memory, bisect-indexed store.
  store   ours: EventLog.between from our SQLite store + build_range.  AW: the query over aw-server's own
          peewee/SQLite storage, called in-process (no HTTP, no JSON answer).
  server  ours: the same as store.  AW: a real aw-server 0.12 on 127.0.0.1, one POST /api/0/query/ per day,
          answers decoded by the client, as aw-webui does (needs aw-server in the AW venv).
Loading the stores (and importing into aw-server) is not timed on either side.

The ActivityWatch venv is kept apart from ours: by default awvenv in the temporary folder (/tmp/awvenv), created on demand with
`python3 -m venv` and `pip install aw-core aw-client aw-server "peewee<4" "flask<2.3"` (PyPI; the two pins are what those
releases were built against: with today's peewee 4 and Flask 2.3 they fail) when --aw-python does not exist yet.
Target (issue 3): ours at least 10x faster per event than ActivityWatch.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from ledgerwatch.domain import (
    AfkPayload,
    BrowserTabPayload,
    Event,
    Matter,
    TimeEntry,
    WindowPayload,
)
from ledgerwatch.sessionize import SessionizePolicy, build_range
from ledgerwatch.sessionize.pipeline import reader_for
from ledgerwatch.store import EventLog, open_database

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from sessionize_speed import day_events, matters, workdays  # noqa: E402  (the generator of the speed bench)

RUNNER = HERE / "aw_query_runner.py"
DEFAULT_AW_PYTHON = Path(tempfile.gettempdir()) / "awvenv" / "bin" / "python"
HOST = "benchhost"
TARGET_RATIO = 10.0


def ensure_aw_python(path: Path) -> Path:
    """The ActivityWatch interpreter; creates the throwaway venv when the path is missing."""
    if path.exists():
        return path
    venv = path.parent.parent
    print(f"creating ActivityWatch venv {venv} (pip install from PyPI)", file=sys.stderr)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    # peewee<4: aw-core 0.5.18 allows peewee 4, whose DateTimeField breaks its bucket metadata (ParseError).
    # flask<2.3: aw-server 0.12.0 sets app.json_encoder, which Flask 2.3 ignores (500 on every query).
    packages = ["aw-core", "aw-client", "aw-server", "peewee<4", "flask>=2.2,<2.3"]
    subprocess.run([str(path), "-m", "pip", "install", "-q", *packages], check=True)
    return path


def iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat()


def aw_event(start: datetime, end: datetime, data: dict[str, Any]) -> dict[str, Any]:
    return {"timestamp": iso(start), "duration": (end - start).total_seconds(), "data": data}


def afk_events(day: list[Event]) -> list[dict[str, Any]]:
    """A day's afk log as aw-watcher-afk writes it: alternating not-afk / afk events that never overlap."""
    present = sorted(
        (e.start, e.end) for e in day if isinstance(e.payload, AfkPayload) and not e.payload.away
    )
    away = sorted((e.start, e.end) for e in day if isinstance(e.payload, AfkPayload) and e.payload.away)
    out = [aw_event(start, end, {"status": "afk"}) for start, end in away]
    for start, end in present:
        cursor = start
        for a_start, a_end in away:
            if a_end <= cursor or a_start >= end:
                continue
            if a_start > cursor:
                out.append(aw_event(cursor, a_start, {"status": "not-afk"}))
            cursor = max(cursor, a_end)
        if cursor < end:
            out.append(aw_event(cursor, end, {"status": "not-afk"}))
    return sorted(out, key=lambda e: e["timestamp"])


def aw_export(by_day: list[list[Event]]) -> tuple[dict[str, Any], int]:
    """The events as an ActivityWatch export; also how many had no ActivityWatch bucket (calendar)."""
    window: list[dict[str, Any]] = []
    web: list[dict[str, Any]] = []
    afk: list[dict[str, Any]] = []
    skipped = 0
    for day in by_day:
        afk.extend(afk_events(day))
        for e in day:
            p = e.payload
            if isinstance(p, WindowPayload):
                window.append(aw_event(e.start, e.end, {"app": p.app, "title": p.title}))
            elif isinstance(p, BrowserTabPayload):
                data = {"url": p.url, "title": p.title, "audible": p.audible, "incognito": p.incognito}
                web.append(aw_event(e.start, e.end, data))
            elif not isinstance(p, AfkPayload):
                skipped += 1

    created = iso(datetime(2025, 1, 1, tzinfo=UTC))
    buckets = [
        (f"aw-watcher-window_{HOST}", "currentwindow", "aw-watcher-window", window),
        (f"aw-watcher-afk_{HOST}", "afkstatus", "aw-watcher-afk", afk),
        (f"aw-watcher-web-chrome_{HOST}", "web.tab.current", "aw-client-web", web),
    ]
    export = {
        "buckets": {
            bid: {
                "id": bid,
                "created": created,
                "type": kind,
                "client": client,
                "hostname": HOST,
                "events": evs,
            }
            for bid, kind, client, evs in buckets
        }
    }
    return export, skipped


def category_rules(pool: Sequence[Matter]) -> list[dict[str, Any]]:
    """One regex rule per matter, as a user would write it: matter number, its keywords, the client's name."""
    rules = []
    for matter in pool:
        words = [matter.number, *matter.keywords, matter.client.name.split()[0]]
        for word in words:
            if not all(ch.isalnum() or ch in " -" for ch in word):
                raise ValueError(f"rule word needs escaping: {word!r}")
        rules.append(
            {
                "name": ["Work", matter.number],
                "rule": {"type": "regex", "regex": "|".join(words), "ignore_case": True},
            }
        )
    return rules


def day_periods(first: date, last: date) -> list[list[str]]:
    """[start, end) of every calendar day from first to last, UTC, as aw-webui asks for a per-day view."""
    out, day = [], first
    while day <= last:
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        out.append([iso(start), iso(start + timedelta(days=1))])
        day += timedelta(days=1)
    return out


def entry_totals(entries: list[TimeEntry], days: int) -> dict[str, float]:
    worked = sum(e.worked_seconds for e in entries)
    attributed = sum(e.worked_seconds for e in entries if e.matter is not None)
    return {
        "worked_hours": worked / 3600,
        "attributed_hours": attributed / 3600,
        "drafts_per_day": len(entries) / days,
    }


def time_ours_memory(
    events: list[Event], pool: list[Matter], first: date, last: date, repeat: int
) -> tuple[float, list[TimeEntry]]:
    best, entries = float("inf"), []
    for _ in range(repeat):
        reader_for.cache_clear()
        gc.collect()
        began = time.perf_counter()
        entries = build_range(events, pool, first, last, UTC, SessionizePolicy())
        best = min(best, time.perf_counter() - began)
    return best, entries


def time_ours_store(
    log: EventLog, pool: list[Matter], first: date, last: date, repeat: int
) -> tuple[float, list[TimeEntry]]:
    start = datetime(first.year, first.month, first.day, tzinfo=UTC)
    end = datetime(last.year, last.month, last.day, tzinfo=UTC) + timedelta(days=1)
    best, entries = float("inf"), []
    for _ in range(repeat):
        reader_for.cache_clear()
        gc.collect()
        began = time.perf_counter()
        events = log.columns(start, end)
        entries = build_range(events, pool, first, last, UTC, SessionizePolicy())
        best = min(best, time.perf_counter() - began)
    return best, entries


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--days", type=int, default=250, help="workdays in the year (6 months = the first half)"
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=1, help="runs per slice and side; the best one counts")
    parser.add_argument("--aw-python", type=Path, default=DEFAULT_AW_PYTHON)
    parser.add_argument("--modes", default="memory,store,server", help="comma list of: memory, store, server")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    if not set(modes) <= {"memory", "store", "server"}:
        parser.error("--modes takes memory, store and/or server")
    aw_python = ensure_aw_python(args.aw_python)

    rng = random.Random(args.seed)
    pool = matters()
    days = workdays(date(2025, 1, 6), args.days)
    by_day = [day_events(rng, day, pool) for day in days]
    half = len(days) // 2
    slices = {
        "6 months": (days[0], days[half - 1], [e for chunk in by_day[:half] for e in chunk]),
        "year": (days[0], days[-1], [e for chunk in by_day for e in chunk]),
    }
    export, skipped = aw_export(by_day)

    with tempfile.TemporaryDirectory(prefix="lw-vs-aw-") as tmp:
        work = Path(tmp)
        export_path, spec_path = work / "aw-export.json", work / "spec.json"
        export_path.write_text(json.dumps(export), encoding="utf-8")
        aw_modes = {"memory": "memory", "store": "peewee", "server": "http"}
        spec = {
            "slices": [
                {"name": name, "periods": day_periods(first, last)}
                for name, (first, last, _) in slices.items()
            ],
            "classes": category_rules(pool),
            "modes": [aw_modes[m] for m in modes],
            "repeat": args.repeat,
        }
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        print(f"ActivityWatch side: {aw_python} {RUNNER.name} ...", file=sys.stderr, flush=True)
        began = time.perf_counter()
        done = subprocess.run(
            [str(aw_python), str(RUNNER), str(export_path), str(spec_path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            print(done.stderr[-4000:], file=sys.stderr)
            print("the ActivityWatch side failed", file=sys.stderr)
            return 2
        aw = json.loads(done.stdout)
        aw_wall = time.perf_counter() - began

        print("our side ...", file=sys.stderr, flush=True)
        ours: dict[str, dict[str, Any]] = {}
        log = None
        db = None
        if "store" in modes or "server" in modes:
            db = open_database(work / "lw.db")
            log = EventLog(db)
            log.add_many(slices["year"][2])
        try:
            for mode in sorted(modes, key=lambda m: m == "server"):  # store before server
                if mode == "server" and "store" in modes:
                    ours[mode] = ours["store"]  # our side of both pairings is the same measured path
                    continue
                ours[mode] = {}
                for name, (first, last, events) in slices.items():
                    if mode == "memory":
                        seconds, entries = time_ours_memory(events, pool, first, last, args.repeat)
                    else:
                        assert log is not None
                        seconds, entries = time_ours_store(log, pool, first, last, args.repeat)
                    workday_count = half if name == "6 months" else len(days)
                    ours[mode][name] = {"seconds": seconds, **entry_totals(entries, workday_count)}
        finally:
            if db is not None:
                db.dispose()

    rows = []
    for mode in modes:
        aw_mode = aw["modes"][aw_modes[mode]]
        for name, (first, last, events) in slices.items():
            n = len(events)
            mine, theirs = ours[mode][name], aw_mode[name]
            rows.append(
                {
                    "mode": mode,
                    "slice": name,
                    "events": n,
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "ours_s": round(mine["seconds"], 3),
                    "ours_us_per_event": round(mine["seconds"] / n * 1e6, 2),
                    "aw_s": round(theirs["seconds"], 3),
                    "aw_us_per_event": round(theirs["seconds"] / n * 1e6, 2),
                    "ratio_aw_over_ours": round(theirs["seconds"] / mine["seconds"], 1),
                    "ours_totals": {k: round(v, 1) for k, v in mine.items() if k != "seconds"},
                    "aw_totals": {k: round(v, 1) for k, v in theirs.items() if k != "seconds"},
                }
            )

    versions = ", ".join(f"{k} {v}" for k, v in aw["versions"].items())
    print(
        f"\nSame input: {len(days)} workdays, {len(slices['year'][2]):,} events (seed {args.seed}); ActivityWatch "
        f"gets them as window/afk/web buckets ({skipped} calendar events have no ActivityWatch bucket). "
        f"AW: {versions}, Python {aw['python']}; ours: Python {sys.version.split()[0]}. "
        f"Best of {args.repeat}. µs/event = seconds / our event count."
    )
    header = f"{'pairing':<8} {'slice':<9} {'events':>8} | {'ours s':>7} {'µs/ev':>6} | {'AW s':>7} {'µs/ev':>6} | AW/ours"
    print(header)
    print("-" * len(header))
    for r in rows:
        print(
            f"{r['mode']:<8} {r['slice']:<9} {r['events']:>8,} | {r['ours_s']:>7.2f} {r['ours_us_per_event']:>6.1f} "
            f"| {r['aw_s']:>7.2f} {r['aw_us_per_event']:>6.1f} | {r['ratio_aw_over_ours']:>5.1f}x"
        )
    print("\nWhat each side produced (sanity; not a quality comparison, see bench/sessionize_accuracy.py):")
    for r in rows:
        o, a = r["ours_totals"], r["aw_totals"]
        print(
            f"  {r['mode']:<6} {r['slice']:<8} ours: {o['worked_hours']:,.0f} h worked, "
            f"{o['attributed_hours']:,.0f} h to matters, {o['drafts_per_day']:.1f} drafts/day | "
            f"AW: {a['active_hours']:,.0f} h active window time, {a['categorized_hours']:,.0f} h in matter "
            f"categories, {a['category_rows'] / (len(days) if r['slice'] == 'year' else half):.1f} category rows/day"
        )
    load = {m: round(v["load_s"], 1) for m, v in aw["modes"].items()}
    print(f"  (not timed: AW store load {load} s; AW subprocess wall {aw_wall:.0f} s)")
    met = all(r["ratio_aw_over_ours"] >= TARGET_RATIO for r in rows)
    print(f"\nat least {TARGET_RATIO:.0f}x faster than ActivityWatch in every row: {'yes' if met else 'NO'}")
    if args.json:
        args.json.write_text(
            json.dumps({"rows": rows, "aw_versions": aw["versions"], "aw_query": aw["query"]}, indent=2)
        )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
