"""The command's own error, and how any failure a user can cause becomes one line.

A programmer's bug still raises (with its traceback); everything a user can cause with a file, a
setting or an argument is one line ``ledgerwatch: error: ...`` and exit status 2.
"""

from __future__ import annotations

from ledgerwatch.domain import LedgerwatchError


class CommandError(LedgerwatchError):
    """A user-facing failure the parser cannot see: printed as one line, exit status 2."""


def one_line(exc: BaseException) -> str | None:
    """The one line that explains exc to the user, or None for a programmer's bug (which must raise)."""
    import json
    import sqlite3

    if isinstance(exc, LedgerwatchError):
        text = str(exc) or type(exc).__name__
    elif isinstance(exc, json.JSONDecodeError):
        text = f"not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})"
    elif isinstance(exc, UnicodeDecodeError):
        text = f"not UTF-8 text ({exc.reason} at byte {exc.start})"
    elif isinstance(exc, OSError):
        text = _os_error(exc)
    elif isinstance(exc, sqlite3.DatabaseError):
        text = f"database: {exc}"
    elif isinstance(getattr(exc, "orig", None), sqlite3.DatabaseError):
        text = f"database: {exc.orig}"  # type: ignore[attr-defined]  # SQLAlchemy's wrapper
    else:
        return None
    return "; ".join(line.strip() for line in text.splitlines() if line.strip())


def _os_error(exc: OSError) -> str:
    what = {
        FileNotFoundError: "no such file",
        IsADirectoryError: "is a folder, not a file",
        NotADirectoryError: "not a folder",
        PermissionError: "permission denied",
    }.get(type(exc), exc.strerror or str(exc))
    return f"{exc.filename}: {what}" if exc.filename is not None else what
