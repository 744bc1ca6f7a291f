"""Handing an address that carries a secret to the default browser without putting it on a command line.

A browser is started with the address as its argument, and every local user can read a process's
arguments. So the browser is handed a private file instead (0600, in a 0700 folder) that sends it on to the
address at once: only the file's path appears in the process list. The review page's launch links and the
provider's OAuth consent page (its `state`) both travel this way.
"""

from __future__ import annotations

import contextlib
import secrets
import time
import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markupsafe import escape

from ledgerwatch import permissions

STALE_SECONDS = 120
"""a forwarding file older than this is removed when the next is written (what it held expired long before)"""


def forwarding_page(link: str, hint: str = "") -> str:
    """A page that sends the browser on to link at once, with a link and hint for a browser that does not."""
    href = escape(link)
    return (
        "<!doctype html><meta charset=utf-8><meta name=referrer content=no-referrer>"
        f'<meta http-equiv=refresh content="0;url={href}"><title>ledgerwatch</title>'
        f'<p>Opening&hellip; if nothing happens, <a href="{href}">open it here</a>.</p>'
        + (f"<p>{escape(hint)}</p>" if hint else "")
    )


def write_forwarding_file(folder: Path, link: str, hint: str = "", now: float | None = None) -> Path:
    """A private file in folder that forwards to link; older forwarding files there are removed."""
    permissions.private_dir(folder)
    clear_forwarding_files(folder, older_than=STALE_SECONDS, now=now)
    path = folder / f"open-{secrets.token_hex(8)}.html"
    permissions.write_private(path, forwarding_page(link, hint))
    return path


def clear_forwarding_files(folder: Path, older_than: float = 0.0, now: float | None = None) -> None:
    """Remove the forwarding files in folder written more than older_than seconds ago."""
    now = time.time() if now is None else now
    for old in folder.glob("open-*.html"):
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime >= older_than:
                old.unlink()


def open_in_browser(
    link: str, folder: Path, hint: str = "", browser: Callable[[str], Any] = webbrowser.open
) -> Path:
    """Open link in the default browser through a forwarding file in folder; returns the file."""
    path = write_forwarding_file(folder, link, hint)
    browser(path.as_uri())
    return path
