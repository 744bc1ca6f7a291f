"""The one exception every importer raises: the file, the position and what is wrong."""

from __future__ import annotations

from pathlib import Path

from ledgerwatch.domain.errors import LedgerwatchError


class ImportFailed(LedgerwatchError):
    """One-line message 'FILE:LINE[:COL]: what is wrong' (or 'FILE: what is wrong' when no position)."""

    path: Path
    line: int | None
    column: int | None
    reason: str

    def __init__(self, path: Path, reason: str, line: int | None = None, column: int | None = None) -> None:
        self.path = Path(path)
        self.reason = " ".join(reason.split())
        self.line = line
        self.column = column if line is not None else None
        super().__init__(str(self))

    def __str__(self) -> str:
        where = str(self.path)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {self.reason}"

    @classmethod
    def at_offset(cls, path: Path, text: str, offset: int, reason: str) -> ImportFailed:
        """An error at a character offset in text, reported as a 1-based line and column."""
        line, column = position(text, offset)
        return cls(path, reason, line, column)


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based (line, column) of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, column
