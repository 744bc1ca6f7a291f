"""macOS managed preferences: what a configuration profile (Jamf, Intune, any MDM) sets for com.ledgerwatch.agent.

macOS writes a profile's custom settings to ``/Library/Managed Preferences/com.ledgerwatch.agent.plist`` (for
the computer) and ``/Library/Managed Preferences/<user>/com.ledgerwatch.agent.plist`` (for one user), owned by
root. They are read each time settings load, so a profile pushed after the install applies at the next start.
"""

from __future__ import annotations

import plistlib
from pathlib import Path

from ledgerwatch.policy.sources import PolicyBroken, Reading, flatten
from ledgerwatch.policy.trust import FileTrust, posix_trust

DOMAIN = "com.ledgerwatch.agent"
MANAGED = Path("/Library/Managed Preferences")


def managed_paths(user: str, root: Path = MANAGED) -> tuple[Path, Path]:
    """The computer's and the user's managed-preferences file, in that order (the computer's wins)."""
    return root / f"{DOMAIN}.plist", root / user / f"{DOMAIN}.plist"


class ManagedPreferences:
    """One managed-preferences plist; keys as in policy.toml, sections as dictionaries."""

    def __init__(self, path: Path, trust: FileTrust | None = None) -> None:
        self.path = path
        self.trust = trust or posix_trust(platform="darwin")

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
                data = plistlib.load(f)
        except (plistlib.InvalidFileException, ValueError, OSError) as exc:
            raise PolicyBroken(f"not a readable property list: {exc}") from exc
        if not isinstance(data, dict):
            raise PolicyBroken("not a dictionary of settings")
        # A profile may carry its own bookkeeping keys (PayloadUUID, ...): they are not settings.
        values = {k: v for k, v in flatten(data).items() if not k.startswith("Payload")}
        return Reading(self.name, values, present=bool(values))
