"""One drain at a time per store and target, across processes: a lock the operating system releases when its
holder dies.

SQLite: an exclusive `flock` (POSIX) or `msvcrt.locking` (Windows) on `<database>.sync-<target>.lock`, a file
beside the database (threads of one process conflict too: each lock opens the file anew). PostgreSQL: a
session advisory lock of the store's database, held on one connection for the drain (released by the server
when that connection ends). A store with no file (SQLite in memory) has no lock; rows' claims still hold.

`DrainLock.acquire()` answers HELD, BUSY (another drain holds it: nothing to do here) or NONE (no lock could
be had; the caller relies on row claims alone).
"""

from __future__ import annotations

import enum
import hashlib
import os
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, text

from ledgerwatch.store.db import Database


class LockState(enum.Enum):
    HELD = "held"
    BUSY = "busy"
    NONE = "none"


def lock_path(db: Database, target: str) -> Path | None:
    """The lock file beside a SQLite database file, or None (PostgreSQL, or SQLite in memory)."""
    if not db.is_sqlite:
        return None
    name = db.engine.url.database
    if not name or name == ":memory:":
        return None
    database = Path(name)
    return database.with_name(f"{database.name}.sync-{target}.lock")


def _advisory_key(target: str) -> int:
    digest = hashlib.sha256(f"ledgerwatch.sync.{target}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class DrainLock:
    """The store's drain lock for one target; acquire once, release once."""

    def __init__(self, db: Database, target: str) -> None:
        self.db = db
        self.target = target
        self._fd: int | None = None
        self._conn: Connection | None = None

    def acquire(self) -> LockState:
        if self.db.engine.dialect.name == "postgresql":
            return self._acquire_advisory()
        path = lock_path(self.db, self.target)
        if path is None:
            return LockState.NONE
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        except OSError:
            return LockState.NONE
        try:
            taken = _lock_file(fd)
        except OSError:
            os.close(fd)
            return LockState.NONE
        if not taken:
            os.close(fd)
            return LockState.BUSY
        self._fd = fd
        return LockState.HELD

    def _acquire_advisory(self) -> LockState:
        conn = self.db.engine.connect()
        try:
            held = bool(
                conn.execute(
                    text("SELECT pg_try_advisory_lock(:k)"), {"k": _advisory_key(self.target)}
                ).scalar()
            )
            conn.commit()
        except Exception:
            conn.close()
            return LockState.NONE
        if not held:
            conn.close()
            return LockState.BUSY
        self._conn = conn
        return LockState.HELD

    def release(self) -> None:
        if self._fd is not None:
            fd, self._fd = self._fd, None
            try:
                _unlock_file(fd)
            finally:
                os.close(fd)
        if self._conn is not None:
            conn, self._conn = self._conn, None
            try:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": _advisory_key(self.target)})
                conn.commit()
            finally:
                conn.close()

    def __enter__(self) -> LockState:
        return self.acquire()

    def __exit__(self, *exc: Any) -> None:
        self.release()


def _lock_file(fd: int) -> bool:
    """Take an exclusive lock without waiting: False when another holder has it."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except PermissionError:
            return False
        except OSError as exc:  # Windows answers EACCES or EDEADLOCK for a held region
            if exc.errno in (13, 36):
                return False
            raise
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock_file(fd: int) -> None:
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
