"""What an importer hands to the store: all of a file's events, or nothing."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ledgerwatch.domain import Event
from ledgerwatch.domain.text import clean_record


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Every event read from one file, sorted by (start, source), and what was skipped and why."""

    path: Path
    events: tuple[Event, ...]
    skipped: Mapping[str, int]

    @classmethod
    def of(cls, path: Path, events: Iterable[Event], skipped: Mapping[str, int] | None = None) -> ImportBatch:
        """A batch with events sorted by (start, source); ties keep a stable, content-based order.

        Every text in every payload loses its control and bidirectional-override characters here, the one
        door all imported activity passes.
        """
        ordered = sorted((_clean(e) for e in events), key=lambda e: (e.start, e.source, e.origin, e.end))
        return cls(Path(path), tuple(ordered), MappingProxyType(dict(skipped or {})))


def _clean(event: Event) -> Event:
    payload = clean_record(event.payload)
    return event if payload is event.payload else dataclasses.replace(event, payload=payload)
