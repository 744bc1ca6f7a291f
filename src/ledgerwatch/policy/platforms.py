"""Which policy sources each platform has, in priority order."""

from __future__ import annotations

import getpass
import sys
from collections.abc import Collection
from pathlib import Path

from ledgerwatch.policy.managed_prefs import MANAGED, ManagedPreferences, managed_paths
from ledgerwatch.policy.registry import RegistryPolicy, RegistryView, WinRegistry
from ledgerwatch.policy.sources import PolicySource, TomlFile
from ledgerwatch.policy.trust import file_trust


def system_sources(
    policy_file: Path,
    platform: str = sys.platform,
    *,
    registry: RegistryView | None = None,
    managed_root: Path = MANAGED,
    user: str | None = None,
    trusted_uids: Collection[int] = (),
) -> list[PolicySource]:
    """Windows: registry HKLM, HKCU, then the file; macOS: managed preferences (computer, user), then the file;
    elsewhere the file alone. trusted_uids may own the file besides root (a development override's owner)."""
    file = TomlFile(policy_file, file_trust(platform, trusted_uids))
    if platform == "win32":
        view = registry or WinRegistry()
        return [RegistryPolicy(view, "HKLM"), RegistryPolicy(view, "HKCU"), file]
    if platform == "darwin":
        machine, own = managed_paths(user or getpass.getuser(), managed_root)
        return [ManagedPreferences(machine), ManagedPreferences(own), file]
    return [file]
