"""Opening the review page for the attorney without putting its credential on any command line.

A browser is started with an address as its argument, and every local user can read a process's arguments.
So the default browser is handed a private file instead (0600, in the 0700 data folder) that forwards to the
one-time launch link: only its path appears in the process list. A pywebview window, running inside this
process, takes the link directly.
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
"""a forwarding file older than this is removed when the next is written (its code expired long before)"""


def webview_available() -> bool:
    try:
        import webview  # type: ignore[import-not-found]  # noqa: F401
    except Exception:
        return False
    return True


def forwarding_page(link: str) -> str:
    """A page that sends the browser on to link at once, with words for a browser that does not follow."""
    href = escape(link)
    return (
        "<!doctype html><meta charset=utf-8><meta name=referrer content=no-referrer>"
        f'<meta http-equiv=refresh content="0;url={href}"><title>ledgerwatch</title>'
        f'<p>Opening your review page&hellip; if nothing happens, <a href="{href}">open it here</a>.</p>'
        "<p>If it still does not open, this browser does not reach names under <code>localhost</code>: "
        "make Chrome, Edge or Firefox your default browser, or open review from the tray again.</p>"
    )


def write_forwarding_file(folder: Path, link: str, now: float | None = None) -> Path:
    """A private file in folder that forwards to link; older forwarding files there are removed."""
    permissions.private_dir(folder)
    clear_forwarding_files(folder, older_than=STALE_SECONDS, now=now)
    path = folder / f"open-{secrets.token_hex(8)}.html"
    permissions.write_private(path, forwarding_page(link))
    return path


def clear_forwarding_files(folder: Path, older_than: float = 0.0, now: float | None = None) -> None:
    """Remove the forwarding files in folder written more than older_than seconds ago."""
    now = time.time() if now is None else now
    for old in folder.glob("open-*.html"):
        with contextlib.suppress(OSError):
            if now - old.stat().st_mtime >= older_than:
                old.unlink()


def open_review(
    link: str,
    folder: Path,
    *,
    prefer_window: bool = True,
    browser: Callable[[str], Any] = webbrowser.open,
    window: Callable[[str], Any] | None = None,
) -> str:
    """Open the review page at link: a native window through pywebview when available, else the default
    browser through a forwarding file in folder. Returns "window" or "browser".

    pywebview must run on the main thread; callers on other threads pass prefer_window=False.
    """
    if prefer_window and (window is not None or webview_available()):
        (window or _webview_window)(link)
        return "window"
    browser(write_forwarding_file(folder, link).as_uri())
    return "browser"


def _webview_window(link: str) -> None:
    import webview

    webview.create_window("ledgerwatch · review", link, width=1280, height=900)
    webview.start()
