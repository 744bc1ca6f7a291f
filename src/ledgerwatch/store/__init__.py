"""The local store: schema, migrations, repositories, outbox, integrity and backups. Only store imports SQLAlchemy.

The names below load on first use, so `ledgerwatch.store.agentlog` (the running agent's writer on the
standard library's sqlite3) is importable without SQLAlchemy.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledgerwatch.store.db import Database, StoreError, database_url, open_database
    from ledgerwatch.store.events import EventLog

__all__ = ["Database", "EventLog", "StoreError", "database_url", "open_database"]

_HOMES = {
    "Database": "db",
    "StoreError": "db",
    "database_url": "db",
    "open_database": "db",
    "EventLog": "events",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ledgerwatch.store' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ledgerwatch.store.{home}"), name)
    globals()[name] = value
    return value
