"""The browser extension's latest report of the active tab, shared between the endpoint and the agent."""

from __future__ import annotations

import threading
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class TabReport:
    """The active tab as the extension last reported it; private reports carry no URL or title."""

    url: str
    title: str
    received: float
    """time.monotonic() when it arrived."""
    audible: bool = False
    tab_count: int | None = None
    private: bool = False


class BrowserTabs:
    """Thread-safe holder of the latest report; incognito reports keep only the fact that a private tab is active."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: TabReport | None = None

    def report(self, url: str, title: str, incognito: bool, received: float, **extra: object) -> None:
        """Record a report; an incognito one is dropped except for the flag (never its URL or title)."""
        audible = bool(extra.get("audible", False))
        count = extra.get("tab_count")
        tab_count = count if isinstance(count, int) and not isinstance(count, bool) else None
        if incognito:
            latest = TabReport(url="", title="", received=received, private=True)
        else:
            latest = TabReport(url=url, title=title, received=received, audible=audible, tab_count=tab_count)
        with self._lock:
            self._latest = latest

    def latest(self) -> TabReport | None:
        with self._lock:
            return self._latest

    def clear(self) -> None:
        with self._lock:
            self._latest = None
