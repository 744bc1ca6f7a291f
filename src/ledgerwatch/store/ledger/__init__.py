"""The firm ledger's database: billing's tables plus people, devices, intake and audit; never raw activity.

    db = open_ledger("postgresql+psycopg://...")   # migrated to the ledger's HEAD
    with LedgerStore(db).write() as tx:            # one transaction
        tx.people.add_user(...); tx.audit.add(...)

Billing's own code runs on the same `Database` (billing.BillingService(db, ...)).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, inspect
from sqlalchemy.engine import make_url

from ledgerwatch.store.db import Database, StoreError, _sqlite_pragmas, database_url
from ledgerwatch.store.ledger import migrations
from ledgerwatch.store.ledger.audit import AuditRecord, AuditTables
from ledgerwatch.store.ledger.intake import IntakeTables, LedgerEntry, Received
from ledgerwatch.store.ledger.people import Device, PeopleTables, Session, User

RAW_TABLES = migrations.RAW_TABLES


def open_ledger(target: str | Path) -> Database:
    """Open (creating the tables if needed) the firm ledger at a PostgreSQL URL (or a SQLite path, for trials)."""
    url = make_url(database_url(target))
    if url.get_backend_name() == "sqlite" and url.database:
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = (
        create_engine(url, pool_size=20, max_overflow=20)
        if url.get_backend_name() != "sqlite"
        else create_engine(url)
    )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    db = Database(engine)
    try:
        with db.begin() as conn:
            migrations.upgrade(conn)
    except Exception as exc:
        engine.dispose()
        if isinstance(exc, StoreError):
            raise
        raise StoreError(
            f"{url.render_as_string(hide_password=True)}: cannot open the ledger: {exc}"
        ) from exc
    return db


def table_names(db: Database) -> list[str]:
    """Every table in the ledger's database (to show that none holds raw activity)."""
    with db.connect() as conn:
        return sorted(inspect(conn).get_table_names())


@dataclass(frozen=True, slots=True)
class LedgerTables:
    people: PeopleTables
    intake: IntakeTables
    audit: AuditTables

    @classmethod
    def over(cls, conn: Connection) -> LedgerTables:
        return cls(PeopleTables(conn), IntakeTables(conn), AuditTables(conn))


@dataclass(frozen=True, slots=True)
class LedgerStore:
    db: Database

    @contextmanager
    def read(self) -> Iterator[LedgerTables]:
        with self.db.connect() as conn:
            yield LedgerTables.over(conn)

    @contextmanager
    def write(self) -> Iterator[LedgerTables]:
        with self.db.begin() as conn:
            yield LedgerTables.over(conn)


__all__ = [
    "RAW_TABLES",
    "AuditRecord",
    "Device",
    "LedgerEntry",
    "LedgerStore",
    "LedgerTables",
    "Received",
    "Session",
    "User",
    "open_ledger",
    "table_names",
]
