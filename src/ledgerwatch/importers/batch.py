"""What an importer hands to the store: all of a file's events, or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

from ledgerwatch.domain import Event


@dataclass(frozen=True, slots=True)
class ImportBatch:
    """Every event read from one file, sorted by (start, source), and what was skipped and why."""

    path: Path
    events: tuple[Event, ...]
    skipped: Mapping[str, int]

    @classmethod
    def of(cls, path: Path, events: Iterable[Event], skipped: Mapping[str, int] | None = None) -> ImportBatch:
        """A batch with events sorted by (start, source); ties keep a stable, content-based order."""
        ordered = sorted(events, key=lambda e: (e.start, e.source, e.origin, e.end))
        return cls(Path(path), tuple(ordered), MappingProxyType(dict(skipped or {})))
