"""A registry view replayed from a regedit export (.reg, UTF-16), for the policy reader's tests.

Understands what `reg export` writes for policy keys: "name"="text", dword:, hex(b): (QWORD), hex(7): (MULTI_SZ),
hex(2): (EXPAND_SZ), hex: (BINARY), continuation lines ending in a backslash.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

HIVES = {"HKEY_LOCAL_MACHINE": "HKLM", "HKEY_CURRENT_USER": "HKCU"}
REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 3, 4, 7, 11


def _hex_bytes(text: str) -> bytes:
    return bytes(int(part, 16) for part in text.replace(" ", "").split(",") if part)


def _parse_value(raw: str) -> tuple[int, Any]:
    if raw.startswith('"'):
        return REG_SZ, raw[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if raw.startswith("dword:"):
        return REG_DWORD, int(raw[6:], 16)
    if raw.startswith("hex(b):"):
        return REG_QWORD, int.from_bytes(_hex_bytes(raw[7:]), "little")
    if raw.startswith("hex(7):"):
        items = _hex_bytes(raw[7:]).decode("utf-16-le").split("\x00")
        return REG_MULTI_SZ, [item for item in items if item]
    if raw.startswith("hex(2):"):
        return REG_EXPAND_SZ, _hex_bytes(raw[7:]).decode("utf-16-le").rstrip("\x00")
    if raw.startswith("hex:"):
        return REG_BINARY, _hex_bytes(raw[4:])
    raise ValueError(f"unsupported .reg value {raw[:20]!r}")


class RecordedRegistry:
    """RegistryView over a .reg export: keys by (hive, path), case-insensitive as the registry is."""

    def __init__(self, keys: dict[tuple[str, str], dict[str, tuple[int, Any]]]) -> None:
        self.keys = {(hive, path.lower()): values for (hive, path), values in keys.items()}
        self.names = {(hive, path.lower()): path for (hive, path) in keys}

    @classmethod
    def load(cls, path: Path) -> RecordedRegistry:
        text = path.read_bytes().decode("utf-16")
        logical: list[str] = []
        for line in text.splitlines():
            if logical and logical[-1].endswith("\\") and not logical[-1].startswith("["):
                logical[-1] = logical[-1][:-1] + line.strip()
            else:
                logical.append(line)
        keys: dict[tuple[str, str], dict[str, tuple[int, Any]]] = {}
        current: dict[str, tuple[int, Any]] | None = None
        for line in logical[1:]:
            if line.startswith("[") and line.endswith("]"):
                hive, _, sub = line[1:-1].partition("\\")
                current = keys.setdefault((HIVES[hive], sub), {})
            elif line.startswith('"') and current is not None:
                name, _, raw = line[1:].partition('"=')
                current[name] = _parse_value(raw)
        return cls(keys)

    def values(self, hive: str, path: str) -> dict[str, tuple[int, Any]] | None:
        found = self.keys.get((hive, path.lower()))
        return None if found is None else dict(found)

    def subkeys(self, hive: str, path: str) -> list[str]:
        prefix = path.lower() + "\\"
        return sorted(
            self.names[(h, p)][len(prefix):]
            for (h, p) in self.keys
            if h == hive and p.startswith(prefix) and "\\" not in p[len(prefix):]
        )
