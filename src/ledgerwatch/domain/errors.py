"""The one exception root of ledgerwatch.

Every error the package raises on purpose derives from ``LedgerwatchError``, so the CLI can print any of
them as one line and exit 2, and a caller can catch ours without catching a programmer's bug::

    LedgerwatchError
    ├── IllegalTransition         (domain: an entry asked to move where it cannot)
    ├── StoreError                (store: the database cannot be opened or migrated)
    │   └── EntryNotFound
    ├── ConfigError               (config: a bad setting or policy)
    │   └── PolicyLocked
    ├── ImportFailed              (importers: a file that cannot be read)
    ├── BillingError              (billing: a refused billing action)
    │   ├── MailError -> NotSent, MaybeSent
    │   └── LedesError
    ├── SyncError                 (sync: Transient, AuthExpired, Permanent, NotConnected, ...)
    │   └── KeyringUnavailable
    └── CommandError              (cli: bad arguments a parser cannot see)
"""

from __future__ import annotations


class LedgerwatchError(Exception):
    """A failure ledgerwatch explains to its user in one line (never a programmer's bug)."""
