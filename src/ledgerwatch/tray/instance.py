"""One ledgerwatch per user: a lock file in the data folder; a second launch finds how to open the first one's page.

Both files are private (0600 in the 0700 data folder): the review address and launch key in `review.json`
let whoever reads them open the attorney's review page.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import IO, Any

from ledgerwatch import permissions


class InstanceLock:
    """An exclusive, non-blocking lock held for the life of the process (released by the OS on exit)."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / "ledgerwatch.lock"
        self.url_file = data_dir / "review.json"
        self._handle: IO[Any] | None = None

    def acquire(self) -> bool:
        """True when this process is now the one instance; False when another holds the lock."""
        permissions.private_dir(self.data_dir)
        permissions.private_file(self.path)
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

    def publish(self, base: str, key: bytes) -> None:
        """Leave the review page's address and launch key for a second launch; readable only by this user."""
        permissions.write_private(self.url_file, json.dumps({"base": base, "key": key.hex()}))

    def running(self) -> tuple[str, bytes] | None:
        """The running instance's review address and launch key, or None when none was published."""
        try:
            data = json.loads(self.url_file.read_text(encoding="utf-8"))
            return str(data["base"]), bytes.fromhex(data["key"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

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
