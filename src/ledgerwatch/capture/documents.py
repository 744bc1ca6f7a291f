"""The document a window shows: its name from the title, its path from the process's open files (never content)."""

from __future__ import annotations

import ntpath
import posixpath
from collections import OrderedDict
from collections.abc import Callable, Sequence

from ledgerwatch.capture.classify import DOCUMENT_EXTENSIONS

OpenFiles = Callable[[int], Sequence[str]]
"""pid -> paths of the files the process holds open."""

_SUFFIXES = tuple("." + ext for ext in DOCUMENT_EXTENSIONS)


def psutil_open_files(pid: int) -> Sequence[str]:
    """Open file paths of a process via psutil; empty when it is gone or not ours to inspect."""
    import psutil

    try:
        return [f.path for f in psutil.Process(pid).open_files()]
    except (psutil.Error, OSError):
        return []


def _base(path: str) -> str:
    return ntpath.basename(posixpath.basename(path))


def pick_document(paths: Sequence[str], name: str | None) -> str | None:
    """The open document matching the title's name; the only open document when the title names none."""
    docs = [
        p
        for p in paths
        if p.lower().endswith(_SUFFIXES)
        and not _base(p).startswith(("~$", ".~lock", "~WRL"))
        and "/." not in p
    ]
    if name:
        wanted = _base(name).lower()
        for path in docs:
            base = _base(path).lower()
            if base == wanted or base.rsplit(".", 1)[0] == wanted:
                return path
        return None
    return docs[0] if len(docs) == 1 else None


class DocumentFinder:
    """Looks up a window's document path once per (pid, title) and caches the answer."""

    def __init__(self, open_files: OpenFiles = psutil_open_files, cache_size: int = 256) -> None:
        self._open_files = open_files
        self._cache: OrderedDict[tuple[int, str], str | None] = OrderedDict()
        self._size = cache_size

    def find(self, pid: int | None, title: str, name: str | None) -> str | None:
        """The full path when the process holds it open, else the name from the title (may be None)."""
        if pid is None:
            return name
        key = (pid, title)
        if key in self._cache:
            self._cache.move_to_end(key)
            found = self._cache[key]
        else:
            found = pick_document(self._open_files(pid), name)
            self._cache[key] = found
            if len(self._cache) > self._size:
                self._cache.popitem(last=False)
        return found or name
