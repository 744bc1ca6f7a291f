"""Group Policy and Intune (ADMX-backed) policy in the registry: HKLM and HKCU ``SOFTWARE\\Policies\\ledgerwatch``.

Layout (what packaging/windows/admx/ledgerwatch.admx writes): top-level settings (``timezone``, ``locked``,
...) are values of the ``ledgerwatch`` key, every other setting a value of the subkey named after its section
(``...\\ledgerwatch\\sync`` value ``region``). REG_DWORD/REG_QWORD are numbers (booleans 0/1), REG_SZ text,
REG_MULTI_SZ lists. The registry is read through a small view so the tests can replay a recorded export.
"""

from __future__ import annotations

from typing import Any, Protocol

from ledgerwatch.policy.sources import PolicyBroken, Reading

POLICY_KEY = r"SOFTWARE\Policies\ledgerwatch"
REG_SZ, REG_EXPAND_SZ, REG_DWORD, REG_MULTI_SZ, REG_QWORD = 1, 2, 4, 7, 11
TYPE_NAMES = {0: "REG_NONE", 3: "REG_BINARY", 5: "REG_DWORD_BIG_ENDIAN", 6: "REG_LINK"}

RegValue = tuple[int, Any]
"""(registry type, data) as winreg.EnumValue gives them"""


class RegistryView(Protocol):
    """The read-only slice of the registry policy needs; hive is "HKLM" or "HKCU"."""

    def values(self, hive: str, path: str) -> dict[str, RegValue] | None:
        """The values of a key by name, or None when the key does not exist."""
        ...

    def subkeys(self, hive: str, path: str) -> list[str]: ...


class WinRegistry:
    """The real registry through winreg (Windows only, imported lazily), always the 64-bit view."""

    def _open(self, hive: str, path: str) -> Any:
        import importlib

        winreg = importlib.import_module("winreg")
        root = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[hive]
        return winreg, winreg.OpenKey(root, path, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)

    def values(self, hive: str, path: str) -> dict[str, RegValue] | None:
        try:
            winreg, key = self._open(hive, path)
        except FileNotFoundError:
            return None
        out: dict[str, RegValue] = {}
        with key:
            count = winreg.QueryInfoKey(key)[1]
            for i in range(count):
                name, data, kind = winreg.EnumValue(key, i)
                out[name] = (kind, data)
        return out

    def subkeys(self, hive: str, path: str) -> list[str]:
        try:
            winreg, key = self._open(hive, path)
        except FileNotFoundError:
            return []
        with key:
            return [winreg.EnumKey(key, i) for i in range(winreg.QueryInfoKey(key)[0])]


def _value(where: str, kind: int, data: Any) -> Any:
    if kind in (REG_DWORD, REG_QWORD):
        return int(data)
    if kind in (REG_SZ, REG_EXPAND_SZ):
        return str(data).rstrip("\x00")
    if kind == REG_MULTI_SZ:
        return [str(item) for item in (data or []) if str(item)]
    raise PolicyBroken(f"{where} is {TYPE_NAMES.get(kind, f'type {kind}')}; expected a number, text or list")


class RegistryPolicy:
    """One hive's policy key (HKLM: the computer's policy, HKCU: the user's)."""

    def __init__(self, view: RegistryView, hive: str) -> None:
        self.view = view
        self.hive = hive

    @property
    def name(self) -> str:
        return f"{self.hive}\\{POLICY_KEY}"

    def read(self) -> Reading:
        top = self.view.values(self.hive, POLICY_KEY)
        if top is None:
            return Reading(self.name)
        found: dict[str, Any] = {}
        tables = [("", top)]
        for section in self.view.subkeys(self.hive, POLICY_KEY):
            tables.append((section.lower() + ".", self.view.values(self.hive, f"{POLICY_KEY}\\{section}") or {}))
        for prefix, table in tables:
            for name, (kind, data) in table.items():
                if not name or name.startswith("**"):  # the default value; Group Policy's deletion markers
                    continue
                dotted = prefix + name.lower()
                found[dotted] = _value(f"{self.name} value {dotted}", kind, data)
        return Reading(self.name, found, present=bool(found))
