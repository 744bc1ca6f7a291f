"""Call logs (CSV) and the shared error format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ledgerwatch.domain import CallPayload, Source
from ledgerwatch.importers import ImportFailed, read_call_log


def log(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calls.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_calls_with_end_or_duration_become_call_events(tmp_path: Path) -> None:
    """Each row is a CALL event; end or duration_seconds sets its length; naive times are in tz."""
    path = log(
        tmp_path,
        "start,end,duration_seconds,direction,number,name\n"
        "2026-03-02T09:00:00,2026-03-02T09:07:00,,outgoing,+1 555 0100,Jordan Smith\n"
        "2026-03-02T15:00:00Z,,90,in,+1 555 0199,\n",
    )
    first, second = read_call_log(path, ZoneInfo("America/New_York")).events
    assert first.source is Source.CALL
    assert first.start == datetime(2026, 3, 2, 14, 0, tzinfo=UTC)
    assert first.duration == timedelta(minutes=7)
    assert first.payload == CallPayload(
        app="phone", title="Outgoing call with Jordan Smith (+1 555 0100)", peer="+1 555 0100"
    )
    assert second.start == datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    assert second.duration == timedelta(seconds=90)
    assert second.payload.title == "Incoming call (+1 555 0199)"  # type: ignore[union-attr]


def test_missing_time_columns_fail_at_line_one(tmp_path: Path) -> None:
    """Without start and one of end or duration_seconds, the log is rejected at line 1."""
    with pytest.raises(ImportFailed) as caught:
        read_call_log(log(tmp_path, "start,direction\n2026-03-02T09:00:00,in\n"), UTC)
    assert caught.value.line == 1
    assert "duration_seconds" in caught.value.reason


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        ("yesterday,,60,in,1,A", "start 'yesterday' is not an ISO 8601 time"),
        ("2026-03-02T09:00:00,,-5,in,1,A", "duration_seconds '-5'"),
        ("2026-03-02T09:00:00,2026-03-02T08:00:00,,in,1,A", "ends before it starts"),
        ("2026-03-02T09:00:00,,60,sideways,1,A", "direction 'sideways'"),
    ],
)
def test_bad_rows_fail_at_their_line(tmp_path: Path, row: str, expected: str) -> None:
    """A bad time, length or direction fails at that row's line."""
    path = log(
        tmp_path, f"start,end,duration_seconds,direction,number,name\n2026-03-02T08:00:00,,1,in,1,A\n{row}\n"
    )
    with pytest.raises(ImportFailed) as caught:
        read_call_log(path, UTC)
    assert str(caught.value).startswith(f"{path}:3: ")
    assert expected in caught.value.reason


def test_error_message_is_one_line_with_position() -> None:
    """ImportFailed renders FILE:LINE:COL: reason, folding any line breaks in the reason."""
    error = ImportFailed(Path("a.json"), "bad\nthing", 3, 7)
    assert str(error) == "a.json:3:7: bad thing"
    assert str(ImportFailed(Path("a.csv"), "bad", 2)) == "a.csv:2: bad"
    assert str(ImportFailed(Path("a.csv"), "bad")) == "a.csv: bad"
