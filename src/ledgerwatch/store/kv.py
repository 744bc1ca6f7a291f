"""A small key-value table for settings the app owns (consent registry, sync cursors)."""

from __future__ import annotations

from sqlalchemy import select

from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import kv


class KeyValue:
    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, key: str, default: str = "") -> str:
        with self.db.connect() as conn:
            value = conn.execute(select(kv.c.value).where(kv.c.key == key)).scalar()
        return default if value is None else str(value)

    def set(self, key: str, value: str) -> None:
        with self.db.begin() as conn:
            if conn.execute(select(kv.c.key).where(kv.c.key == key)).first() is None:
                conn.execute(kv.insert().values(key=key, value=value))
            else:
                conn.execute(kv.update().where(kv.c.key == key).values(value=value))
