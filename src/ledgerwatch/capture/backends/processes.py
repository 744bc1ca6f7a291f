"""Process name and executable by pid and start time, from psutil, cached.

A pid is reused once its process ends, so the cache key is (pid, start time): a new process under an old pid
is looked up afresh instead of inheriting the dead one's application.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable

Started = Callable[[int], float | None]
"""pid -> its process's start time (seconds since the epoch), or None when there is no such process"""
Describe = Callable[[int], tuple[str, str | None] | None]
"""pid -> (name, executable or None), or None when the process is gone or hidden"""


def _started(pid: int) -> float | None:
    import psutil

    try:
        return float(psutil.Process(pid).create_time())
    except (psutil.Error, OSError):
        return None


def _describe(pid: int) -> tuple[str, str | None] | None:
    import psutil

    try:
        proc = psutil.Process(pid)
        name = proc.name()
    except (psutil.Error, OSError):
        return None
    try:
        exe: str | None = proc.exe() or None
    except (psutil.Error, OSError):
        exe = None
    return name, exe


class ProcessNames:
    """(pid, start time) -> (name, executable), least recently used first out."""

    def __init__(self, size: int = 256, started: Started = _started, describe: Describe = _describe) -> None:
        self._cache: OrderedDict[tuple[int, float], tuple[str, str | None]] = OrderedDict()
        self._size = size
        self._started = started
        self._describe = describe

    def lookup(self, pid: int) -> tuple[str, str | None] | None:
        start = self._started(pid)
        if start is None:
            return None
        key = (pid, start)
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        found = self._describe(pid)
        if found is None:
            return None
        self._cache[key] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found
