"""Phone call logs (CSV) read into call events.

Header (line 1): `start` and either `end` or `duration_seconds`; optional `direction`
(incoming/in/inbound, outgoing/out/outbound, missed), `number` and `name`. Other columns are ignored.
Times are ISO 8601; a time without a UTC offset is local time in tz. Each event's origin is
"call-log"; its payload has app "phone", the peer's number (or name) and a title such as
"Outgoing call with Jordan Smith (+1 555 0100)".
"""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ledgerwatch.domain import CallPayload, Event, Source
from ledgerwatch.domain.sensitive import redact_payload
from ledgerwatch.importers.batch import ImportBatch
from ledgerwatch.importers.errors import ImportFailed
from ledgerwatch.importers.files import read_text

_MAX_SECONDS = 7 * 24 * 3600
_DIRECTIONS = {
    "": "",
    "in": "incoming",
    "incoming": "incoming",
    "inbound": "incoming",
    "out": "outgoing",
    "outgoing": "outgoing",
    "outbound": "outgoing",
    "missed": "missed",
}


def read_call_log(path: Path, tz: tzinfo) -> ImportBatch:
    """Every call in the log as a CALL event; ImportFailed at the first bad line."""
    path = Path(path)
    text = read_text(path, hint=" (in Excel, save as 'CSV UTF-8')")
    reader = csv.reader(io.StringIO(text, newline=""))
    events: list[Event] = []
    try:
        header = next(reader, None)
        columns = {
            "_".join(cell.strip().lower().split()): i for i, cell in reversed(list(enumerate(header or [])))
        }
        if "start" not in columns or not ({"end", "duration_seconds"} & columns.keys()):
            raise ImportFailed(
                path, "missing column 'start' and 'end' or 'duration_seconds' in the header", 1
            )
        line = reader.line_num + 1
        for cells in reader:
            if any(cell.strip() for cell in cells):
                events.append(_call(path, line, columns, cells, tz))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise ImportFailed(path, f"not valid CSV: {exc}", reader.line_num or 1) from None
    return ImportBatch.of(path, events)


def _call(path: Path, line: int, columns: dict[str, int], cells: list[str], tz: tzinfo) -> Event:
    def cell(name: str) -> str:
        index = columns.get(name)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    def moment(name: str) -> datetime:
        try:
            value = datetime.fromisoformat(cell(name))
        except ValueError:
            raise ImportFailed(path, f"{name} {cell(name)!r} is not an ISO 8601 time", line) from None
        return value.replace(tzinfo=tz) if value.tzinfo is None else value

    start = moment("start")
    if cell("end"):
        end = moment("end")
    else:
        try:
            seconds = Decimal(cell("duration_seconds"))
        except InvalidOperation:
            raise ImportFailed(
                path, f"duration_seconds {cell('duration_seconds')!r} is not a number", line
            ) from None
        if not seconds.is_finite() or not 0 <= seconds < _MAX_SECONDS:
            reason = f"duration_seconds {cell('duration_seconds')!r} is not a plausible call length"
            raise ImportFailed(path, reason, line)
        end = start + timedelta(seconds=float(seconds))
    if end < start:
        raise ImportFailed(path, "the call ends before it starts", line)
    direction = _DIRECTIONS.get(cell("direction").lower())
    if direction is None:
        raise ImportFailed(path, f"direction {cell('direction')!r} is not incoming, outgoing or missed", line)
    name, number = cell("name"), cell("number")
    title = " ".join(
        part
        for part in (
            f"{direction.capitalize()} call" if direction else "Call",
            name and f"with {name}",
            number and f"({number})",
        )
        if part
    )
    return Event(
        Source.CALL,
        start,
        end,
        redact_payload(CallPayload(app="phone", title=title, peer=number or name or None)),
        origin="call-log",
    )
