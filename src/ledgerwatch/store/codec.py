"""Domain values to and from compact database columns (epoch milliseconds, terse JSON)."""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ledgerwatch.domain import PAYLOAD_TYPES, Event, Payload, Source


def to_ms(moment: datetime) -> int:
    if moment.tzinfo is None:
        raise ValueError(f"naive datetime {moment.isoformat()} cannot be stored")
    return round(moment.timestamp() * 1000)


def from_ms(ms: int) -> datetime:
    return datetime.fromtimestamp(ms / 1000, tz=UTC)


def dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, sort_keys=True)


def encode_payload(payload: Payload) -> str:
    """Only the fields that differ from their defaults, so common events stay small."""
    out: dict[str, Any] = {}
    for f in dataclasses.fields(payload):
        value = getattr(payload, f.name)
        if f.default is not dataclasses.MISSING and value == f.default:
            continue
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return dumps(out)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {
    kind: tuple(f.name for f in dataclasses.fields(kind)) for kind in PAYLOAD_TYPES.values()
}
_decode_json = json.JSONDecoder().decode


def decode_payload(source: Source, data: str) -> Payload:
    kind = PAYLOAD_TYPES[source]
    raw = _decode_json(data)
    for name in _FIELD_NAMES[kind]:
        value = raw.get(name)
        if type(value) is list:
            raw[name] = tuple(value)
    payload: Payload = kind(**raw)
    return payload


def natural_key(source: Source, origin: str, data: str) -> int:
    """A signed 64-bit hash of what an event is (not when): with start it identifies the event."""
    digest = hashlib.blake2b(f"{source}\x1f{origin}\x1f{data}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def event_rows(batch: Iterable[Event]) -> list[dict[str, object]]:
    """Events as rows of the events table (the natural key computed), for either writer of the log."""
    rows: list[dict[str, object]] = []
    for ev in batch:
        data = encode_payload(ev.payload)
        rows.append(
            {
                "source": ev.source.value,
                "start_ms": to_ms(ev.start),
                "end_ms": to_ms(ev.end),
                "key": natural_key(ev.source, ev.origin, data),
                "origin": ev.origin,
                "data": data,
            }
        )
    return rows
