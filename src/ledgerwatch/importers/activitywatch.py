"""ActivityWatch exports (`GET /api/0/export`, the web UI's export) read into domain events.

Both servers' variants are accepted: aw-server (Python: events newest first, no ids) and
aw-server-rust (event ids, `metadata`, `last_updated`, timestamps ending in `Z`). Ids, metadata and
bucket-level data are ignored; the batch is sorted by time whatever the file's order.

Rules:
- Bucket types `currentwindow` -> WINDOW, `afkstatus` -> AFK, `web.tab.current` -> BROWSER; any other
  type is skipped and its events counted in `skipped` under "bucket type '<type>'".
- Each event's origin is its bucket id.
- A timestamp without a UTC offset is UTC: both servers store UTC, so a naive time is one whose
  offset was dropped, not a local time.
- Incognito (private) browsing is kept as time but not as content: an incognito tab or window event
  keeps its start, end and app, with its title and url blanked, so nothing private is stored.
- SSNs and payment card numbers are redacted (`domain.sensitive`, as live capture does).
- Zero durations are fine; negative, non-numeric or non-finite durations are errors.
- A title longer than 4,096 characters (or an url longer than 65,536) is an error, not truncated.
- Any error fails the whole file with an ImportFailed naming the line, the bucket and the event.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from ledgerwatch.domain import AfkPayload, BrowserTabPayload, Event, Payload, Source, WindowPayload
from ledgerwatch.domain.sensitive import redact_payload
from ledgerwatch.importers.batch import ImportBatch
from ledgerwatch.importers.errors import ImportFailed
from ledgerwatch.importers.files import read_text
from ledgerwatch.importers.jsonpos import locate

TITLE_LIMIT = 4096
URL_LIMIT = 65536
PROGRESS_EVERY = 5000

Progress = Callable[[int, int], None]


class _Bad(Exception):
    """A problem inside one event: what is wrong, and the JSON path below the event."""

    def __init__(self, reason: str, where: Sequence[str | int] = ()) -> None:
        super().__init__(reason)
        self.reason = reason
        self.where = tuple(where)


def read_activitywatch(path: Path, progress: Progress | None = None) -> ImportBatch:
    """Every window, afk and browser-tab event in an ActivityWatch export; ImportFailed otherwise."""
    path = Path(path)
    text = read_text(path)
    document = _parse(path, text)
    buckets = _buckets(path, text, document)
    total = sum(len(events) for _, _, events in buckets)
    done = 0
    if progress:
        progress(0, total)
    events: list[Event] = []
    skipped: dict[str, int] = {}
    for bucket_id, kind, bucket_events in buckets:
        convert = _CONVERTERS.get(kind)
        if convert is None:
            label = f"bucket type '{kind}'"
            skipped[label] = skipped.get(label, 0) + len(bucket_events)
            done += len(bucket_events)
            continue
        source, make = convert
        for index, raw in enumerate(bucket_events):
            try:
                start, end, payload = _event(raw, make)
            except _Bad as bad:
                where = ("buckets", bucket_id, "events", index, *bad.where)
                reason = f"bucket '{bucket_id}' events[{index}]: {bad.reason}"
                raise _failure(path, text, where, reason) from None
            events.append(Event(source, start, end, redact_payload(payload), origin=bucket_id))
            done += 1
            if progress and done % PROGRESS_EVERY == 0:
                progress(done, total)
    if progress:
        progress(total, total)
    return ImportBatch.of(path, events, skipped)


def _parse(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        what = exc.msg[:-3] + " here" if exc.msg.endswith(" at") else exc.msg
        end = text.rstrip()
        if exc.pos >= len(end) or not end.endswith(("}", "]")):
            reason = f"JSON ends too early (truncated file?): {what}"
        else:
            reason = f"invalid JSON: {what}"
        raise ImportFailed(path, reason, exc.lineno, exc.colno) from None
    except RecursionError:
        raise ImportFailed(path, "JSON is nested too deeply") from None


def _buckets(path: Path, text: str, document: Any) -> list[tuple[str, str, list[Any]]]:
    """(bucket id, type, events) for each bucket, after checking the export's outer shape."""
    if not isinstance(document, dict) or not isinstance(document.get("buckets"), dict):
        where: tuple[str, ...] = ("buckets",) if isinstance(document, dict) and "buckets" in document else ()
        reason = "not an ActivityWatch export: expected an object with a 'buckets' object"
        raise _failure(path, text, where, reason)
    found = []
    for bucket_id, bucket in document["buckets"].items():
        here: tuple[str, ...] = ("buckets", bucket_id)
        if not isinstance(bucket, dict):
            raise _failure(path, text, here, f"bucket '{bucket_id}' is {_kind(bucket)}, not an object")
        kind = bucket.get("type")
        if not isinstance(kind, str):
            reason = f"bucket '{bucket_id}' has no 'type' string"
            raise _failure(path, text, here, reason)
        events = bucket.get("events")
        if not isinstance(events, list):
            reason = f"bucket '{bucket_id}': 'events' must be a list, got {_kind(events)}"
            raise _failure(path, text, (*here, "events") if "events" in bucket else here, reason)
        found.append((bucket_id, kind, events))
    return found


def _event(raw: Any, make: Callable[[Mapping[str, Any]], Payload]) -> tuple[datetime, datetime, Payload]:
    if not isinstance(raw, dict):
        raise _Bad(f"event is {_kind(raw)}, not an object")
    start = _timestamp(raw)
    seconds = _duration(raw)
    try:
        end = start + timedelta(seconds=seconds)
    except OverflowError:
        raise _Bad(f"duration {seconds} is too large", ("duration",)) from None
    data = raw.get("data")
    if not isinstance(data, dict):
        raise _wrong(raw, "data", "an object", ())
    return start, end, make(data)


def _timestamp(raw: Mapping[str, Any]) -> datetime:
    value = raw.get("timestamp")
    if not isinstance(value, str):
        raise _wrong(raw, "timestamp", "a string", ())
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise _Bad(f"timestamp {value[:40]!r} is not an ISO 8601 time", ("timestamp",)) from None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _duration(raw: Mapping[str, Any]) -> float:
    value = raw.get("duration")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _wrong(raw, "duration", "a number of seconds", ())
    if not math.isfinite(value):
        raise _Bad(f"duration {value} is not a finite number", ("duration",))
    if value < 0:
        raise _Bad(f"duration {value} is negative", ("duration",))
    return float(value)


def _text(data: Mapping[str, Any], key: str, limit: int = TITLE_LIMIT) -> str:
    value = data.get(key)
    if not isinstance(value, str):
        raise _wrong(data, key, "a string", ("data",))
    if len(value) > limit:
        raise _Bad(f"'{key}' is {len(value):,} characters long; the limit is {limit:,}", ("data", key))
    return value


def _optional_text(data: Mapping[str, Any], key: str, limit: int) -> str | None:
    return None if data.get(key) is None else _text(data, key, limit)


def _flag(data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise _Bad(f"'{key}' must be true or false, got {_kind(value)}", ("data", key))
    return value


def _count(data: Mapping[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise _Bad(f"'{key}' must be a whole number, got {_kind(value)}", ("data", key))
    return value


def _window(data: Mapping[str, Any]) -> WindowPayload:
    app = _text(data, "app")
    title = _text(data, "title")
    url = _optional_text(data, "url", URL_LIMIT)
    if _flag(data, "incognito"):
        return WindowPayload(app=app, title="", url=None if url is None else "", incognito=True)
    return WindowPayload(app=app, title=title, url=url)


def _afk(data: Mapping[str, Any]) -> AfkPayload:
    status = data.get("status")
    if status == "afk":
        return AfkPayload(away=True)
    if status == "not-afk":
        return AfkPayload(away=False)
    shown = repr(status[:40]) if isinstance(status, str) else _kind(status)
    raise _Bad(f"unknown afk status {shown} (expected 'afk' or 'not-afk')", ("data", "status"))


def _tab(data: Mapping[str, Any]) -> BrowserTabPayload:
    url = _text(data, "url", URL_LIMIT)
    title = _text(data, "title")
    audible = _flag(data, "audible")
    tabs = _count(data, "tabCount")
    if _flag(data, "incognito"):
        return BrowserTabPayload(url="", title="", incognito=True, audible=audible, tab_count=tabs)
    return BrowserTabPayload(url=url, title=title, audible=audible, tab_count=tabs)


_CONVERTERS: dict[str, tuple[Source, Callable[[Mapping[str, Any]], Payload]]] = {
    "currentwindow": (Source.WINDOW, _window),
    "afkstatus": (Source.AFK, _afk),
    "web.tab.current": (Source.BROWSER, _tab),
}


def _wrong(holder: Mapping[str, Any], key: str, expected: str, at: tuple[str, ...]) -> _Bad:
    """The error for a member that is missing or of the wrong type, pointing at it when present."""
    if key not in holder:
        return _Bad(f"'{key}' is missing", at)
    return _Bad(f"'{key}' must be {expected}, got {_kind(holder[key])}", (*at, key))


def _kind(value: Any) -> str:
    """A short, safe description of a JSON value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return f"the string {value[:40]!r}" + ("..." if len(value) > 40 else "")
    if isinstance(value, dict):
        return "an object"
    return "a list" if isinstance(value, list) else type(value).__name__


def _failure(path: Path, text: str, where: Sequence[str | int], reason: str) -> ImportFailed:
    """An ImportFailed pointing at the JSON value at where (or at no position if it cannot be found)."""
    offset = locate(text, where)
    if offset is None:
        return ImportFailed(path, reason)
    return ImportFailed.at_offset(path, text, offset, reason)
