"""Sessionize's output on whole weeks is pinned: speed work must not change a single draft.

The snapshots in tests/data/sessionize/ are written by bench/sessionize_snapshot.py; an intended
change of behaviour rewrites them there (and the diff is reviewed).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledgerwatch.importers import read_activitywatch, read_ics, read_matters
from ledgerwatch.sessionize import build_range, drafts_document

DATA = Path(__file__).resolve().parent / "data"
CORPUS_WEEKS = sorted(p for p in (DATA / "corpus").glob("*/week*") if p.is_dir())


def _drafts(week: Path) -> str:
    truth = json.loads((week / "truth.json").read_text(encoding="utf-8"))
    name = truth.get("timezone", "UTC")
    tz: tzinfo = UTC if name.upper() == "UTC" else ZoneInfo(name)
    events = list(read_activitywatch(week / "aw-export.json").events)
    if (week / "calendar.ics").exists():
        events += read_ics(week / "calendar.ics", tz).events
    matters = read_matters(week / "matters.csv")
    local = [
        datetime.fromisoformat(iv[side]).astimezone(tz).date()
        for iv in truth["intervals"]
        for side in ("start", "end")
    ]
    entries = build_range(events, matters, min(local), max(local), tz)
    return json.dumps(drafts_document(entries, tz, matters), indent=1, sort_keys=True) + "\n"


@pytest.mark.parametrize("week", CORPUS_WEEKS, ids=lambda p: f"{p.parent.name}-{p.name}")
def test_corpus_week_drafts_match_the_snapshot(week: Path) -> None:
    """A corpus week's drafts are exactly the committed snapshot."""
    expected = (DATA / "sessionize" / f"{week.parent.name}-{week.name}.json").read_text(encoding="utf-8")
    assert _drafts(week) == expected


def test_sample_week_drafts_match_the_snapshot(sample_week: Path) -> None:
    """The packaged sample week's drafts are exactly the committed snapshot."""
    expected = (DATA / "sessionize" / "sample-week1.json").read_text(encoding="utf-8")
    assert _drafts(sample_week) == expected
