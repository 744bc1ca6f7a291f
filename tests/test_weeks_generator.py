"""The second synthetic-week generator (bench/weeks): deterministic, consistent truth, parseable files."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data" / "weeks"
START = date(2026, 2, 2)
CSV_HEADER = ["matter_number", "client", "description", "keywords", "status"]


@pytest.fixture(scope="module")
def weeks() -> Iterator[ModuleType]:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import weeks.cli
        import weeks.generate

        yield weeks
    finally:
        sys.path.remove(str(ROOT / "bench"))


@pytest.fixture(scope="module")
def firms(weeks: ModuleType) -> list[str]:
    return sorted(weeks.firms.PROFILES)


@pytest.fixture(scope="module")
def generated(weeks: ModuleType, firms: list[str]) -> dict[str, list[Any]]:
    return {firm: weeks.generate.generate(firm, 11, 2, START) for firm in firms}


def _ts(text: str) -> float:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def test_at_least_three_firms_of_different_desktops(weeks: ModuleType, firms: list[str]) -> None:
    assert len(firms) >= 3
    worlds = [weeks.firms.build(f, 1, START) for f in firms]
    assert {w.desk.os for w in worlds} == {"windows", "macos"}
    assert len({w.export for w in worlds}) >= 2


def test_same_seed_same_files_other_seed_other_firm(weeks: ModuleType, firms: list[str]) -> None:
    for firm in firms:
        a = weeks.generate.generate(firm, 5, 1, START)[0].files
        b = weeks.generate.generate(firm, 5, 1, START)[0].files
        c = weeks.generate.generate(firm, 6, 1, START)[0].files
        assert a == b
        assert a["aw-export.json"] != c["aw-export.json"]
        assert a["matters.csv"] != c["matters.csv"]


def test_truth_intervals_never_overlap_and_each_day_is_one_utc_date(generated: dict[str, list[Any]]) -> None:
    for weeks_of_firm in generated.values():
        for g in weeks_of_firm:
            truth = json.loads(g.files["truth.json"])
            assert truth["timezone"] == "UTC"
            last_end = float("-inf")
            dates = set()
            for iv in truth["intervals"]:
                start, end = _ts(iv["start"]), _ts(iv["end"])
                assert start < end
                assert start >= last_end - 1e-6, iv
                assert iv["start"][:10] == iv["end"][:10]
                assert iv["kind"] in {"billable", "nonbillable", "personal", "away"}
                dates.add(iv["start"][:10])
                last_end = end
            assert len(dates) == 5


def test_every_billable_second_maps_to_a_matter_in_the_csv(generated: dict[str, list[Any]]) -> None:
    for weeks_of_firm in generated.values():
        for g in weeks_of_firm:
            rows = list(csv.DictReader(io.StringIO(g.files["matters.csv"])))
            numbers = {r["matter_number"] for r in rows}
            assert len(numbers) == len(rows), "matter numbers are unique"
            for iv in json.loads(g.files["truth.json"])["intervals"]:
                if iv["kind"] == "billable":
                    assert iv["matter"] in numbers, iv
                else:
                    assert iv["matter"] is None, iv


def test_files_parse_as_json_csv_and_ics(generated: dict[str, list[Any]]) -> None:
    for weeks_of_firm in generated.values():
        for g in weeks_of_firm:
            export = json.loads(g.files["aw-export.json"])
            kinds = {b["type"] for b in export["buckets"].values()}
            assert {"currentwindow", "afkstatus", "web.tab.current"} <= kinds
            for bucket in export["buckets"].values():
                for ev in bucket["events"]:
                    _ts(ev["timestamp"])
                    assert ev["duration"] >= 0
            reader = csv.reader(io.StringIO(g.files["matters.csv"]))
            header = next(reader)
            assert header[:5] == CSV_HEADER
            assert all(len(row) == len(header) for row in reader)
            _check_ics(g.files["calendar.ics"])


def _check_ics(text: str) -> None:
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    raw = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw)
    lines: list[str] = []
    for line in raw:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    stack: list[str] = []
    props: dict[str, str] = {}
    for line in lines:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            props = {}
        elif name == "END":
            assert stack.pop() == value
            if value == "VEVENT":
                assert {"UID", "DTSTART", "DTEND", "SUMMARY"} <= props.keys(), props
        else:
            props[name.split(";")[0]] = value
    assert not stack


def test_window_events_span_the_truth_and_afk_marks_idle_reading(generated: dict[str, list[Any]]) -> None:
    for firm, weeks_of_firm in generated.items():
        g = weeks_of_firm[0]
        export = json.loads(g.files["aw-export.json"])["buckets"]
        window = next(b for b in export.values() if b["type"] == "currentwindow")["events"]
        afk = next(b for b in export.values() if b["type"] == "afkstatus")["events"]
        truth = json.loads(g.files["truth.json"])["intervals"]
        first = min(_ts(e["timestamp"]) for e in window)
        last = max(_ts(e["timestamp"]) + e["duration"] for e in window)
        assert abs(first - _ts(truth[0]["start"])) < 1e-3, firm
        assert abs(last - _ts(truth[-1]["end"])) < 1.0, firm
        assert any(e["data"]["status"] == "afk" and e["duration"] >= 180 for e in afk), firm


def test_export_styles_differ_like_the_servers(generated: dict[str, list[Any]]) -> None:
    styles = {}
    for weeks_of_firm in generated.values():
        g = weeks_of_firm[0]
        export = json.loads(g.files["aw-export.json"])["buckets"]
        window = next(b for b in export.values() if b["type"] == "currentwindow")
        styles[g.world.export] = window
    python, rust = styles["aw-server"], styles["aw-server-rust"]
    assert "id" not in python["events"][0] and python["events"][0]["timestamp"].endswith("+00:00")
    assert python["events"][0]["timestamp"] > python["events"][-1]["timestamp"]
    assert rust["events"][0]["timestamp"].endswith("Z") and "metadata" in rust and "id" in rust["events"][0]


def test_cli_writes_every_week(weeks: ModuleType, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert weeks.cli.main(["--list"]) == 0
    assert "insurance-defense" in capsys.readouterr().out
    out = tmp_path / "out"
    code = weeks.cli.main([str(out), "--firm", "main-street", "--weeks", "2", "--start", "2026-03-02",
                           "--seed", "3", "--stats"])
    assert code == 0
    assert "billable" in capsys.readouterr().out
    for n in (1, 2):
        assert sorted(p.name for p in (out / f"week{n}").iterdir()) == sorted(weeks.generate.FILES)


def test_committed_sample_weeks_are_what_the_generator_makes(weeks: ModuleType) -> None:
    folders = sorted(p for p in DATA.glob("*/week1") if p.is_dir()) if DATA.exists() else []
    if not folders:
        pytest.skip("no committed weeks under tests/data/weeks")
    for folder in folders:
        firm = folder.parent.name
        files = weeks.generate.generate(firm, 1, 1, START)[0].files
        for name in weeks.generate.FILES:
            with (folder / name).open(encoding="utf-8", newline="") as f:
                assert f.read() == files[name], (firm, name)
