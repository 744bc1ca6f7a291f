"""The event log as the running agent writes it: the standard library's sqlite3, without SQLAlchemy.

The capture agent only appends events and purges old ones; doing that through sqlite3 keeps about 30 MiB of
ORM out of a process that runs all day. The rows are the ones `EventLog.add_many` writes (same natural key,
same upsert that extends an open heartbeat), so either writer can follow the other. The schema is made and
migrated by `open_database`; this writer refuses a file that lacks the events table rather than make one.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from ledgerwatch.domain import Event
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store.codec import event_rows, to_ms

_UPSERT = (
    "INSERT INTO events (source, start_ms, end_ms, key, origin, data) "
    "VALUES (:source, :start_ms, :end_ms, :key, :origin, :data) "
    "ON CONFLICT (start_ms, key) DO UPDATE SET end_ms = max(events.end_ms, excluded.end_ms)"
)


class AgentLogError(LedgerwatchError):
    """The local store cannot take the agent's events (missing schema, unreadable file)."""


class AgentEventLog:
    """Appends events to the local SQLite store in one transaction per batch; thread-safe."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self._con = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
            for pragma in ("journal_mode=WAL", "synchronous=NORMAL", "busy_timeout=10000"):
                self._con.execute(f"PRAGMA {pragma}")
            found = self._con.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'"
            ).fetchone()[0]
        except sqlite3.Error as exc:
            raise AgentLogError(f"{path}: cannot open the store: {exc}") from exc
        if not found:
            self._con.close()
            raise AgentLogError(f"{path}: not a ledgerwatch store (no events table); open it once to migrate")
        self._lock = threading.Lock()

    def add_many(self, batch: Iterable[Event]) -> int:
        """Store events in one transaction; returns how many rows are new."""
        rows = event_rows(batch)
        if not rows:
            return 0
        with self._lock:
            con = self._con
            con.execute("BEGIN IMMEDIATE")
            try:
                before = con.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
                con.executemany(_UPSERT, rows)
                new = con.execute("SELECT count(*) FROM events WHERE id > ?", (before,)).fetchone()[0]
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
        return int(new)

    def purge_before(self, moment: datetime) -> int:
        """Delete raw events that ended before moment (retention); returns how many."""
        with self._lock:
            cursor = self._con.execute("DELETE FROM events WHERE end_ms < ?", (to_ms(moment),))
            return int(cursor.rowcount or 0)

    def close(self) -> None:
        with self._lock:
            self._con.close()
