"""Opening the review page for the attorney without putting its credential on any command line.

The default browser gets the one-time launch link through a private forwarding file (ledgerwatch.handoff);
a pywebview window, running inside this process, takes the link directly.
"""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ledgerwatch.handoff import clear_forwarding_files, open_in_browser

__all__ = ["clear_forwarding_files", "open_review", "webview_available"]

LOCALHOST_HINT = (
    "If it still does not open, this browser does not reach names under localhost: make Chrome, Edge or "
    "Firefox your default browser, or open review from the tray again."
)


def webview_available() -> bool:
    try:
        import webview  # type: ignore[import-not-found]  # noqa: F401
    except Exception:
        return False
    return True


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
    open_in_browser(link, folder, LOCALHOST_HINT, browser)
    return "browser"


def _webview_window(link: str) -> None:
    import webview

    webview.create_window("ledgerwatch · review", link, width=1280, height=900)
    webview.start()
