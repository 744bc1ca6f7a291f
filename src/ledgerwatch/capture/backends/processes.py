"""Process name and executable by pid, from psutil, cached."""

from __future__ import annotations

from collections import OrderedDict


class ProcessNames:
    """pid -> (name, executable) from psutil, cached (least recently used)."""

    def __init__(self, size: int = 256) -> None:
        self._cache: OrderedDict[int, tuple[str, str | None]] = OrderedDict()
        self._size = size

    def lookup(self, pid: int) -> tuple[str, str | None] | None:
        if pid in self._cache:
            self._cache.move_to_end(pid)
            return self._cache[pid]
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
        self._cache[pid] = (name, exe)
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return name, exe
