"""Reading an input file as text: it must exist and be UTF-8."""

from __future__ import annotations

from pathlib import Path

from ledgerwatch.importers.errors import ImportFailed, position


def read_text(path: Path, hint: str = "") -> str:
    """The file's text, decoded as strict UTF-8 (a leading BOM is dropped); ImportFailed otherwise.

    hint is appended to the not-UTF-8 message, e.g. how to re-save the file.
    """
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ImportFailed(path, "file does not exist") from None
    except IsADirectoryError:
        raise ImportFailed(path, "is a directory, not a file") from None
    except PermissionError:
        raise ImportFailed(path, "permission denied") from None
    except OSError as exc:
        raise ImportFailed(path, f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        good = raw[: exc.start].decode("utf-8-sig")
        line, column = position(good, len(good))
        message = f"not UTF-8 text: byte 0x{raw[exc.start]:02x} cannot be decoded"
        raise ImportFailed(path, f"{message}{hint}", line, column) from None
