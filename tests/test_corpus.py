"""The realistic-week corpus (bench/corpus): reproducible, self-consistent, scorable."""

from __future__ import annotations

import csv
import itertools
import json
import re
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import icalendar
import pytest

ROOT = Path(__file__).resolve().parents[1]
GENERATOR = ROOT / "bench" / "corpus" / "generate.py"
DATA = ROOT / "tests" / "data" / "corpus"
SCORE = ROOT.parent / "shared" / "samples" / "score.py"
PERSONAS = ("mac-litigator", "linux-transactional")
FILES = ("aw-export.json", "matters.csv", "calendar.ics", "truth.json")
WEEKS = (1, 2)


def ts(s: str) -> float:
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()


def load(persona: str, week: int, name: str) -> dict:
    return json.loads((DATA / persona / f"week{week}" / name).read_text(encoding="utf-8"))


def bucket(export: dict, kind: str) -> dict:
    return next(b for b in export["buckets"].values() if b["type"] == kind)


@pytest.mark.parametrize("persona", PERSONAS)
def test_regenerating_with_the_default_seed_gives_the_committed_files(persona: str, tmp_path: Path) -> None:
    """The generator is deterministic: the default invocation reproduces the committed corpus byte for byte."""
    subprocess.run([sys.executable, str(GENERATOR), str(tmp_path), "--persona", persona], check=True)
    for week in WEEKS:
        for name in FILES:
            fresh = (tmp_path / f"week{week}" / name).read_bytes()
            committed = (DATA / persona / f"week{week}" / name).read_bytes()
            assert fresh == committed, f"{persona} week{week}/{name} differs from the committed file"


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("week", WEEKS)
def test_truth_intervals_never_overlap_and_lie_inside_the_export(persona: str, week: int) -> None:
    """Each truth second has one label, and every labelled second was recorded by the window watcher."""
    truth = load(persona, week, "truth.json")
    windows = bucket(load(persona, week, "aw-export.json"), "currentwindow")["events"]
    first = min(ts(e["timestamp"]) for e in windows)
    last = max(ts(e["timestamp"]) + e["duration"] for e in windows)
    intervals = sorted(truth["intervals"], key=lambda iv: ts(iv["start"]))
    for prev, cur in itertools.pairwise(intervals):
        assert ts(prev["end"]) <= ts(cur["start"]), (prev, cur)
    for iv in intervals:
        assert first <= ts(iv["start"]) < ts(iv["end"]) <= last + 1e-6, iv
        assert iv["kind"] in ("billable", "nonbillable", "personal", "away")
        assert (iv["matter"] is not None) == (iv["kind"] == "billable"), iv
        assert iv["start"][:10] == iv["end"][:10], iv  # a workday stays inside one UTC date


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("week", WEEKS)
def test_a_week_has_realistic_proportions(persona: str, week: int) -> None:
    """Five workdays of 6-9 billable hours, 250-700 window events a day, matters all on the matter list."""
    truth = load(persona, week, "truth.json")
    windows = bucket(load(persona, week, "aw-export.json"), "currentwindow")["events"]
    with (DATA / persona / f"week{week}" / "matters.csv").open(encoding="utf-8", newline="") as f:
        numbers = {row["matter_number"] for row in csv.DictReader(f)}
    billable: dict[str, float] = {}
    for iv in truth["intervals"]:
        if iv["kind"] == "billable":
            day = iv["start"][:10]
            billable[day] = billable.get(day, 0.0) + (ts(iv["end"]) - ts(iv["start"])) / 3600
            assert iv["matter"] in numbers, iv
    assert len(billable) == 5
    assert all(6 <= h <= 9 for h in billable.values()), billable
    per_day: dict[str, int] = {}
    for e in windows:
        per_day[e["timestamp"][:10]] = per_day.get(e["timestamp"][:10], 0) + 1
    assert all(250 <= n <= 700 for n in per_day.values()), per_day


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("week", WEEKS)
def test_away_time_is_reported_afk(persona: str, week: int) -> None:
    """Every truly away second lies in an afk event (lunch with a window left on screen included)."""
    afk = bucket(load(persona, week, "aw-export.json"), "afkstatus")["events"]
    spans = sorted(
        (ts(e["timestamp"]), ts(e["timestamp"]) + e["duration"]) for e in afk if e["data"]["status"] == "afk"
    )
    for iv in load(persona, week, "truth.json")["intervals"]:
        if iv["kind"] == "away":
            s, e = ts(iv["start"]), ts(iv["end"])
            assert any(a <= s + 1e-6 and e <= b + 1e-6 for a, b in spans), iv


def test_the_two_personas_use_the_two_activitywatch_server_variants() -> None:
    """mac-litigator is an aw-server-rust export (Z times, metadata, last_updated); linux is aw-server (Python), newest first."""
    rust = load("mac-litigator", 1, "aw-export.json")
    win = bucket(rust, "currentwindow")
    assert {"metadata", "last_updated"} <= win.keys()
    assert all(e["timestamp"].endswith("Z") and isinstance(e["id"], int) for e in win["events"])
    py = bucket(load("linux-transactional", 1, "aw-export.json"), "currentwindow")["events"]
    assert all(e["timestamp"].endswith("+00:00") for e in py)
    stamps = [ts(e["timestamp"]) for e in py]
    assert stamps == sorted(stamps, reverse=True)


@pytest.mark.parametrize("persona", PERSONAS)
def test_calendars_parse_and_hold_a_weekly_series(persona: str) -> None:
    """Each week's calendar is valid iCalendar with at least one recurring series and one all-day item."""
    for week in WEEKS:
        cal = icalendar.Calendar.from_ical((DATA / persona / f"week{week}" / "calendar.ics").read_bytes())
        events = list(cal.walk("VEVENT"))
        assert any(e.get("RRULE") for e in events)
        assert any(not isinstance(e.get("DTSTART").dt, datetime) for e in events)


def test_week_two_brings_new_matters_documents_and_reuses_week_one() -> None:
    """Week 2 shares most window titles with week 1 (learnable) but also has titles never seen before."""
    for persona in PERSONAS:
        titles = [
            {
                e["data"]["title"]
                for e in bucket(load(persona, w, "aw-export.json"), "currentwindow")["events"]
            }
            for w in WEEKS
        ]
        assert len(titles[1] & titles[0]) > 0.5 * len(titles[1])
        assert len(titles[1] - titles[0]) >= 5


@pytest.mark.skipif(not SCORE.exists(), reason="the shared scorer is not available")
@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("week", WEEKS)
def test_the_shared_scorer_gives_an_activitywatch_baseline(persona: str, week: int) -> None:
    """score.py --baseline-aw runs on the corpus; plain AW regex categories capture well under the 95% target."""
    d = DATA / persona / f"week{week}"
    out = subprocess.run(
        [
            sys.executable,
            str(SCORE),
            str(d / "truth.json"),
            "--baseline-aw",
            str(d / "aw-export.json"),
            str(d / "matters.csv"),
        ],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    m = re.search(r"capture (\d+\.\d)%", out)
    assert m is not None, out
    assert 20.0 <= float(m.group(1)) <= 80.0, out
