"""The local store: schema, migrations, repositories, outbox, integrity and backups. Only store imports SQLAlchemy."""

from ledgerwatch.store.db import Database, StoreError, database_url, open_database
from ledgerwatch.store.events import EventLog

__all__ = ["Database", "EventLog", "StoreError", "database_url", "open_database"]
