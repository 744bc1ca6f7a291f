"""IT's managed policy, read from wherever the platform keeps it, and kept usable when a source breaks.

Sources (first that names a key wins): Windows Group Policy / Intune in the registry (HKLM, then HKCU), macOS
managed preferences (configuration profiles, machine then user), then the policy TOML file the installers write
(the only source on Linux). A source that cannot be read, is invalid, or could be written by a non-administrator
is *broken*: its last good values are used instead, and the problem is reported (status, tray, log).

config.py calls `read_policy`; this package knows nothing of the settings model (config hands in `validate`).
"""

from ledgerwatch.policy.cache import LastGood
from ledgerwatch.policy.merge import ManagedPolicy, Validate, read_policy
from ledgerwatch.policy.platforms import system_sources
from ledgerwatch.policy.sources import PolicyBroken, PolicySource, Reading, TomlFile

__all__ = [
    "LastGood",
    "ManagedPolicy",
    "PolicyBroken",
    "PolicySource",
    "Reading",
    "TomlFile",
    "Validate",
    "read_policy",
    "system_sources",
]
