"""A policy source reads flat dotted keys (``sync.region``) from one place, or says why it cannot."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.policy.trust import FileTrust, file_trust


class PolicyBroken(LedgerwatchError):
    """A policy source exists but cannot be used (unreadable, invalid, or writable by a non-administrator)."""


@dataclass(frozen=True)
class Reading:
    """What one source said: its values (dotted keys; ``locked`` is a list), or nothing when it is absent."""

    name: str
    values: Mapping[str, Any] = field(default_factory=dict)
    present: bool = False


class PolicySource(Protocol):
    """One place IT's policy can come from."""

    @property
    def name(self) -> str:
        """How the source is named to people: a path, or a registry key."""
        ...

    def read(self) -> Reading:
        """The source's values; raises PolicyBroken when it exists but cannot be used."""
        ...


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables (TOML, plist, registry keys) to dotted keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


class TomlFile:
    """The policy file (policy.toml): refused unless only administrators can write it."""

    def __init__(self, path: Path, trust: FileTrust | None = None) -> None:
        self.path = path
        self.trust = trust or file_trust()

    @property
    def name(self) -> str:
        return str(self.path)

    def read(self) -> Reading:
        if not self.path.exists():
            return Reading(self.name)
        refusal = self.trust(self.path)
        if refusal:
            raise PolicyBroken(f"refused: {refusal}")
        try:
            with self.path.open("rb") as f:
                data = tomllib.load(f)
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise PolicyBroken(f"not valid TOML: {exc}") from exc
        except OSError as exc:
            raise PolicyBroken(f"cannot be read: {exc.strerror or exc}") from exc
        return Reading(self.name, flatten(data), present=True)
