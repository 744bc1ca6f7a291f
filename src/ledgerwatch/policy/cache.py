"""The last good values of each policy source, so that a source broken later does not unlock anything.

Kept per user beside the local store (0600). It is used only while a source is broken, never when a source is
absent: IT removing a policy unlocks its keys, IT breaking one does not.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Remembered:
    values: Mapping[str, Any]
    read_at: str
    """when these values were last read successfully (ISO 8601, UTC)"""


class LastGood:
    """A small JSON file: source name -> its last good values and when they were read."""

    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _load(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def get(self, source: str) -> Remembered | None:
        entry = self._load().get(source)
        if not isinstance(entry, dict) or not isinstance(entry.get("values"), dict):
            return None
        return Remembered(entry["values"], str(entry.get("read_at", "?")))

    def put(self, source: str, values: Mapping[str, Any] | None, read_at: str) -> None:
        """Remember a source's good values (None forgets it); a store that cannot be written is skipped."""
        if self.path is None:
            return
        data = self._load()
        current = data.get(source)
        if values is None:
            if source not in data:
                return
            del data[source]
        elif isinstance(current, dict) and current.get("values") == json.loads(json.dumps(values, default=str)):
            return  # unchanged: no write at every command
        else:
            data[source] = {"values": dict(values), "read_at": read_at}
        with contextlib.suppress(OSError):
            if not self.path.parent.is_dir():
                return
            tmp = self.path.with_name(self.path.name + ".tmp")
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump(data, f, default=str, indent=1, sort_keys=True)
            os.replace(tmp, self.path)
