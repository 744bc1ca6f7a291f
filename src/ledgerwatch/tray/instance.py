"""One ledgerwatch per user: a lock file in the data folder; a second launch finds the first one's review link."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import IO, Any


class InstanceLock:
    """An exclusive, non-blocking lock held for the life of the process (released by the OS on exit)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "ledgerwatch.lock"
        self.url_file = data_dir / "review.url"
        self._handle: IO[Any] | None = None

    def acquire(self) -> bool:
        """True when this process is now the one instance; False when another holds the lock."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")  # noqa: SIM115 - held open while the lock lives
        try:
            _lock(handle)
        except OSError:
            handle.close()
            return False
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._handle = handle
        return True

    def release(self) -> None:
        if self._handle is None:
            return
        try:
            self.url_file.unlink(missing_ok=True)
            _unlock(self._handle)
        finally:
            self._handle.close()
            self._handle = None

    def publish(self, url: str) -> None:
        """Leave the review link (with its token) for a second launch; readable only by this user."""
        fd = os.open(self.url_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(url)

    def running_url(self) -> str | None:
        try:
            text = self.url_file.read_text(encoding="utf-8").strip()
        except OSError:
            return None
        return text or None

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _lock(handle: IO[Any]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(handle: IO[Any]) -> None:
    if sys.platform == "win32":
        import msvcrt

        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)  # type: ignore[attr-defined]
    else:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
