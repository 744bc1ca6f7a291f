"""Opening the database: SQLite (WAL, foreign keys, busy timeout) or PostgreSQL for firm mode."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import OperationalError

from ledgerwatch import permissions
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store import migrations


class StoreError(LedgerwatchError):
    """The database cannot be used: unreadable, corrupt, newer than this program, or the disk is full."""


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def database_url(target: str | Path) -> str:
    """A SQLAlchemy URL for a path or URL string."""
    text_target = str(target)
    if "://" in text_target:
        return text_target
    return f"sqlite+pysqlite:///{Path(text_target).expanduser().resolve()}"


@dataclass(frozen=True)
class Database:
    engine: Engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One transaction: everything inside commits together or not at all.

        A full disk or a locked or read-only database becomes a StoreError; the transaction is rolled back,
        so nothing already stored is lost.
        """
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(f"{self.where}: {_explain(exc)}; nothing of this change was written") from exc

    @property
    def where(self) -> str:
        return self.engine.url.render_as_string(hide_password=True).removeprefix("sqlite+pysqlite:///")

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        with self.engine.connect() as conn:
            yield conn

    def revision(self) -> int:
        with self.connect() as conn:
            return migrations.current_revision(conn)

    def integrity_check(self) -> list[str]:
        """Problems found by the database's own checks; empty when healthy."""
        if not self.is_sqlite:
            with self.connect() as conn:
                conn.execute(text("SELECT 1"))
            return []
        with self.connect() as conn:
            found = [str(r[0]) for r in conn.exec_driver_sql("PRAGMA integrity_check").all()]
            found = [] if found == ["ok"] else found
            found += [
                f"foreign key violation: {tuple(r)}" for r in conn.exec_driver_sql("PRAGMA foreign_key_check")
            ]
        return found

    def backup(self, destination: Path) -> None:
        """An online, consistent copy (SQLite backup API), private to this user; the source stays usable."""
        if not self.is_sqlite:
            raise StoreError("online backup is for the local SQLite store; use pg_dump for firm databases")
        destination = destination.expanduser().resolve()
        if destination.exists():
            raise StoreError(f"{destination}: already exists; choose a new file")
        if not destination.parent.exists():
            permissions.private_dir(destination.parent)
        permissions.private_file(destination)
        raw = self.engine.raw_connection()
        try:
            source = raw.driver_connection
            assert isinstance(source, sqlite3.Connection)
            target = sqlite3.connect(destination)
            try:
                source.backup(target)
            finally:
                target.close()
        finally:
            raw.close()

    def dispose(self) -> None:
        self.engine.dispose()


def _explain(exc: OperationalError) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "disk is full" in text or "No space left" in text:
        return "the disk is full (free some space and try again)"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only"
    if "locked" in text:
        return "the database is busy in another program (try again in a moment)"
    return text


def open_database(target: str | Path, *, migrate: bool = True) -> Database:
    """Open (creating if needed) the store at a path or URL and bring its schema to HEAD.

    A SQLite file is made 0600 before SQLite first opens it (its WAL and shared-memory files take the same
    mode), in a 0700 folder when the folder is made here.
    """
    url = make_url(database_url(target))
    if url.get_backend_name() == "sqlite" and url.database and url.database != ":memory:":
        path = Path(url.database)
        if not path.parent.exists():
            permissions.private_dir(path.parent)
        permissions.private_file(path)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    db = Database(engine)
    if migrate:
        try:
            with db.begin() as conn:
                migrations.upgrade(conn)
        except Exception as exc:
            engine.dispose()
            if isinstance(exc, RuntimeError):
                raise StoreError(str(exc)) from exc
            raise StoreError(
                f"{url.render_as_string(hide_password=True)}: cannot open the store: {exc}"
            ) from exc
    return db
