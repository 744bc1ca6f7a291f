"""ActivityWatch exports: both server variants, the sample week, and every bad input."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch import samples
from ledgerwatch.domain import AfkPayload, BrowserTabPayload, Source, WindowPayload
from ledgerwatch.importers import ImportFailed, read_activitywatch

SAMPLE = samples.week() / "aw-export.json"
T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _events(kind: str) -> list[dict[str, Any]]:
    """Three events in time order, with data fitting the bucket type."""
    data = {
        "currentwindow": [
            {"app": "WINWORD.EXE", "title": "Lease v2.docx - Word"},
            {"app": "OUTLOOK.EXE", "title": "Inbox - Outlook"},
            {"app": "WINWORD.EXE", "title": "Lease v3.docx - Word"},
        ],
        "afkstatus": [{"status": "not-afk"}, {"status": "afk"}, {"status": "not-afk"}],
        "web.tab.current": [
            {"url": "https://a.example/", "title": "A", "audible": False, "incognito": False, "tabCount": 3},
            {"url": "https://b.example/", "title": "B", "audible": True, "incognito": False, "tabCount": 4},
            {"url": "https://c.example/", "title": "C", "audible": False, "incognito": False, "tabCount": 4},
        ],
    }[kind]
    return [
        {"start": T0 + timedelta(minutes=10 * i), "seconds": 60.5 * (i + 1), "data": d}
        for i, d in enumerate(data)
    ]


def python_export(kinds: dict[str, str]) -> dict[str, Any]:
    """aw-server (Python): events newest first, no ids, +00:00 offsets with microseconds."""
    buckets = {}
    for bucket_id, kind in kinds.items():
        events = [
            {"timestamp": e["start"].isoformat(), "duration": e["seconds"], "data": e["data"]}
            for e in reversed(_events(kind))
        ]
        buckets[bucket_id] = {
            "id": bucket_id,
            "created": "2026-01-01T00:00:00.000000+00:00",
            "name": None,
            "type": kind,
            "client": "aw-watcher",
            "hostname": "host",
            "data": {},
            "events": events,
        }
    return {"buckets": buckets}


def rust_export(kinds: dict[str, str]) -> dict[str, Any]:
    """aw-server-rust: event ids, metadata, last_updated, timestamps ending in Z."""
    buckets = {}
    for bucket_id, kind in kinds.items():
        events = [
            {
                "id": i + 1,
                "timestamp": e["start"].strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                "duration": e["seconds"],
                "data": e["data"],
            }
            for i, e in enumerate(_events(kind))
        ]
        buckets[bucket_id] = {
            "id": bucket_id,
            "name": None,
            "type": kind,
            "client": "aw-watcher",
            "hostname": "host",
            "created": "2026-01-01T00:00:00Z",
            "data": {},
            "metadata": {"start": None, "end": None},
            "events": events,
            "last_updated": "2026-03-02T10:00:00Z",
        }
    return {"buckets": buckets}


KINDS = {"win_host": "currentwindow", "afk_host": "afkstatus", "web_host": "web.tab.current"}


def write(tmp_path: Path, document: Any, name: str = "export.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document, indent=1), encoding="utf-8")
    return path


def test_sample_week_imports_every_event_in_utc() -> None:
    """The sample week yields 558 window, 172 browser and 25 afk events, sorted, all aware UTC."""
    batch = read_activitywatch(SAMPLE)
    counts = Counter(event.source for event in batch.events)
    assert counts == {Source.WINDOW: 558, Source.BROWSER: 172, Source.AFK: 25}
    assert dict(batch.skipped) == {}
    assert batch.events[0].start == datetime(2026, 2, 2, 8, 25, tzinfo=UTC)
    assert batch.events[-1].start == datetime(2026, 2, 6, 17, 59, 16, 21352, tzinfo=UTC)
    assert all(event.start.tzinfo is UTC and event.end.tzinfo is UTC for event in batch.events)
    starts = [(event.start, event.source) for event in batch.events]
    assert starts == sorted(starts)
    assert {event.origin for event in batch.events if event.source is Source.AFK} == {
        "aw-watcher-afk_DESKTOP-MCOLE"
    }


def test_sample_week_parses_every_bucket() -> None:
    """The sample export yields window, away and browser events (its speed is measured in bench/import_sample.py)."""
    sources = {event.source for event in read_activitywatch(SAMPLE).events}
    assert {Source.WINDOW, Source.AFK, Source.BROWSER} <= sources


@pytest.mark.parametrize("variant", [python_export, rust_export])
def test_both_server_variants_give_typed_payloads(tmp_path: Path, variant: Any) -> None:
    """Each supported bucket type becomes its source and payload, with the bucket id as origin."""
    batch = read_activitywatch(write(tmp_path, variant(KINDS)))
    by_source = {source: [e for e in batch.events if e.source is source] for source in Source}
    window = by_source[Source.WINDOW][0]
    assert window.payload == WindowPayload(app="WINWORD.EXE", title="Lease v2.docx - Word")
    assert window.origin == "win_host"
    assert window.start == T0
    assert window.end == T0 + timedelta(seconds=60.5)
    assert [e.payload for e in by_source[Source.AFK]] == [
        AfkPayload(away=False),
        AfkPayload(away=True),
        AfkPayload(away=False),
    ]
    assert by_source[Source.BROWSER][1].payload == BrowserTabPayload(
        url="https://b.example/", title="B", audible=True, tab_count=4
    )


def test_python_and_rust_variants_give_identical_batches(tmp_path: Path) -> None:
    """Newest-first files without ids and oldest-first files with ids read to the same sorted events."""
    python = read_activitywatch(write(tmp_path, python_export(KINDS), "py.json"))
    rust = read_activitywatch(write(tmp_path, rust_export(KINDS), "rs.json"))
    assert python.events == rust.events
    assert len(python.events) == 9
    assert [e.start for e in python.events] == sorted(e.start for e in python.events)


def test_timestamps_without_offset_are_utc(tmp_path: Path) -> None:
    """aw-server stores UTC, so a timestamp without an offset is read as UTC."""
    document = python_export({"w": "currentwindow"})
    for event in document["buckets"]["w"]["events"]:
        event["timestamp"] = event["timestamp"].replace("+00:00", "")
    batch = read_activitywatch(write(tmp_path, document))
    assert batch.events[0].start == T0
    assert batch.events[0].start.utcoffset() == timedelta(0)


def test_other_offsets_are_converted_to_utc(tmp_path: Path) -> None:
    """A timestamp with a non-UTC offset is converted to the same instant in UTC."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"][0]["timestamp"] = "2026-03-02T10:00:00+01:00"
    batch = read_activitywatch(write(tmp_path, document))
    assert batch.events[0].start == T0
    assert batch.events[0].start.tzinfo is UTC


def test_unknown_bucket_types_are_counted_and_skipped(tmp_path: Path) -> None:
    """Buckets of other types add no events; their events are counted per type in skipped."""
    document = rust_export({"w": "currentwindow"})
    other = rust_export({"e": "currentwindow"})["buckets"]["e"]
    other["type"] = "app.editor.activity"
    document["buckets"]["e"] = other
    batch = read_activitywatch(write(tmp_path, document))
    assert {e.origin for e in batch.events} == {"w"}
    assert dict(batch.skipped) == {"bucket type 'app.editor.activity'": 3}


def test_zero_duration_events_are_kept(tmp_path: Path) -> None:
    """A zero-length event is valid and ends where it starts."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"][0]["duration"] = 0
    batch = read_activitywatch(write(tmp_path, document))
    assert batch.events[0].start == batch.events[0].end == T0


def test_incognito_events_keep_time_but_not_content(tmp_path: Path) -> None:
    """Incognito tab and window events keep start, end and app, with url and title blanked."""
    document = rust_export({"w": "currentwindow", "b": "web.tab.current"})
    document["buckets"]["b"]["events"][0]["data"].update(incognito=True, title="Secret", url="https://s/")
    document["buckets"]["w"]["events"][0]["data"].update(incognito=True, url="https://s/")
    batch = read_activitywatch(write(tmp_path, document))
    tab = next(e for e in batch.events if e.source is Source.BROWSER)
    window = next(e for e in batch.events if e.source is Source.WINDOW)
    assert tab.payload == BrowserTabPayload(url="", title="", incognito=True, audible=False, tab_count=3)
    assert tab.duration == timedelta(seconds=60.5)
    assert window.payload == WindowPayload(app="WINWORD.EXE", title="", url="", incognito=True)
    assert "Secret" not in repr(batch)


def test_progress_is_reported_up_to_the_total(tmp_path: Path) -> None:
    """progress(done, total) starts at 0, never goes back and ends at (total, total)."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"] *= 4000
    calls: list[tuple[int, int]] = []
    read_activitywatch(write(tmp_path, document), progress=lambda done, total: calls.append((done, total)))
    assert calls[0] == (0, 12000)
    assert calls[-1] == (12000, 12000)
    assert len(calls) > 2
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_large_export_parses_completely(tmp_path: Path) -> None:
    """100,000 events (about 15 MB) parse, every one of them (speed: bench/import_sample.py)."""
    document = rust_export({"w": "currentwindow"})
    template = document["buckets"]["w"]["events"][0]
    document["buckets"]["w"]["events"] = [
        {**template, "timestamp": (T0 + timedelta(seconds=i)).isoformat()} for i in range(100_000)
    ]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    batch = read_activitywatch(path)
    assert len(batch.events) == 100_000


# --- bad input: each is one ImportFailed naming the file, the position and what is wrong ---


def line_of(path: Path, needle: str) -> int:
    """The 1-based line of the first line containing needle."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def failure(path: Path) -> ImportFailed:
    with pytest.raises(ImportFailed) as caught:
        read_activitywatch(path)
    message = str(caught.value)
    assert message.startswith(f"{path}:")
    assert "\n" not in message
    return caught.value


def test_truncated_json_names_line_and_column(tmp_path: Path) -> None:
    """A file cut off mid-way fails at the end of the text, saying it ends too early."""
    path = tmp_path / "cut.json"
    text = json.dumps(rust_export(KINDS), indent=1)
    path.write_text(text[: len(text) // 2], encoding="utf-8")
    error = failure(path)
    assert error.line == text[: len(text) // 2].count("\n") + 1
    assert error.column is not None
    assert "truncated" in error.reason
    assert str(error).startswith(f"{path}:{error.line}:{error.column}: ")


def test_invalid_json_names_position(tmp_path: Path) -> None:
    """A syntax error in the middle says where it is."""
    path = tmp_path / "bad.json"
    path.write_text('{"buckets": {\n  "a": {,}\n}}', encoding="utf-8")
    error = failure(path)
    assert (error.line, error.column) == (2, 9)
    assert "invalid JSON" in error.reason


def test_not_an_export_fails_at_line_one(tmp_path: Path) -> None:
    """A JSON document without a 'buckets' object is not an export."""
    error = failure(write(tmp_path, [1, 2, 3]))
    assert error.line == 1
    assert "'buckets'" in error.reason


@pytest.mark.parametrize(
    ("change", "needle", "expected"),
    [
        (lambda b: b.update(events={"a": 1}), '"events"', "'events' must be a list, got an object"),
        # a missing member points at the object that lacks it: the line before its first member
        (lambda b: b["events"][1].pop("timestamp"), '"id": 2', "events[1]: 'timestamp' is missing"),
        (lambda b: b["events"][1].pop("duration"), '"id": 2', "events[1]: 'duration' is missing"),
        (lambda b: b["events"][1].update(duration=-5), '"duration": -5', "duration -5 is negative"),
        (lambda b: b["events"][1].update(duration="12"), '"duration": "12"', "must be a number of seconds"),
        (lambda b: b["events"][1].update(duration=float("nan")), "NaN", "not a finite number"),
        (lambda b: b["events"][1].update(data=["x"]), '"data": [', "'data' must be an object, got a list"),
        (lambda b: b["events"][1].update(timestamp="yesterday"), "yesterday", "not an ISO 8601 time"),
        (lambda b: b["events"][1]["data"].pop("title"), '"app": "OUTLOOK.EXE"', "'title' is missing"),
        (lambda b: b["events"][1]["data"].update(title=7), '"title": 7', "'title' must be a string"),
        (lambda b: b["events"][1].update(duration=1e300), "1e+300", "too large"),
    ],
)
def test_malformed_events_name_bucket_event_and_line(
    tmp_path: Path, change: Any, needle: str, expected: str
) -> None:
    """A structural problem fails the import, naming the bucket, the event index and its line."""
    document = rust_export({"win_host": "currentwindow"})
    change(document["buckets"]["win_host"])
    path = write(tmp_path, document)
    error = failure(path)
    assert "bucket 'win_host'" in error.reason
    assert expected in error.reason
    expected_line = line_of(path, needle) - (1 if "missing" in expected else 0)
    assert error.line == expected_line


def test_ten_megabyte_title_fails_without_echoing_it(tmp_path: Path) -> None:
    """A 10 MB title is rejected, and the message says how long it is, not what it says."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"][2]["data"]["title"] = "x" * 10_000_000
    path = write(tmp_path, document)
    error = failure(path)
    assert "'title' is 10,000,000 characters long; the limit is 4,096" in error.reason
    assert "events[2]" in error.reason
    assert error.line == line_of(path, '"title": "xxx')
    assert len(str(error)) < 300


def test_title_of_exactly_the_limit_is_accepted(tmp_path: Path) -> None:
    """4,096 characters is still a valid title."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"][0]["data"]["title"] = "x" * 4096
    batch = read_activitywatch(write(tmp_path, document))
    assert len(batch.events[0].payload.title) == 4096  # type: ignore[union-attr]


def test_unknown_afk_status_fails(tmp_path: Path) -> None:
    """An afk status other than 'afk' or 'not-afk' is an error at that event."""
    document = rust_export({"afk_host": "afkstatus"})
    document["buckets"]["afk_host"]["events"][2]["data"]["status"] = "asleep"
    path = write(tmp_path, document)
    error = failure(path)
    assert "bucket 'afk_host' events[2]: unknown afk status 'asleep'" in error.reason
    assert error.line == line_of(path, '"asleep"')


def test_bucket_that_is_not_an_object_fails(tmp_path: Path) -> None:
    """A bucket must be an object."""
    path = write(tmp_path, {"buckets": {"a": [1]}})
    error = failure(path)
    assert "bucket 'a' is a list, not an object" in error.reason
    assert error.line == 3


def test_nonexistent_file_fails() -> None:
    """A missing file is an ImportFailed that says so, with no position."""
    path = Path("/nonexistent/aw.json")
    with pytest.raises(ImportFailed) as caught:
        read_activitywatch(path)
    assert str(caught.value) == f"{path}: file does not exist"


def test_not_utf8_names_the_position(tmp_path: Path) -> None:
    """A byte that is not UTF-8 fails at its line and column."""
    path = tmp_path / "latin1.json"
    path.write_bytes('{"buckets": {\n "caf\xe9": {}}}'.encode("latin-1"))
    error = failure(path)
    assert (error.line, error.column) == (2, 6)
    assert "not UTF-8" in error.reason


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("2026-03-02T09:00:00Z", T0),
        ("2026-03-02T09:00:00.123456789Z", T0 + timedelta(microseconds=123456)),
        ("2026-03-02T09:00:00.5+00:00", T0 + timedelta(milliseconds=500)),
    ],
)
def test_rust_timestamp_precisions_are_read(tmp_path: Path, stamp: str, expected: datetime) -> None:
    """Whole seconds, nanoseconds (truncated to microseconds) and short fractions all parse."""
    document = rust_export({"w": "currentwindow"})
    document["buckets"]["w"]["events"][0]["timestamp"] = stamp
    assert read_activitywatch(write(tmp_path, document)).events[0].start == expected
