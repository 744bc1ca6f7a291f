"""The browser extension's latest report of the active tab, shared between the endpoint and the agent."""

from __future__ import annotations

import threading
from dataclasses import dataclass

from ledgerwatch.domain.text import clean_line


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
    """Thread-safe holder of the latest report; incognito reports keep only the fact that a private tab is active.

    It also counts the reports the endpoint dropped (rate limit), for `ledgerwatch status`.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._latest: TabReport | None = None
        self._dropped = 0

    def report(self, url: str, title: str, incognito: bool, received: float, **extra: object) -> None:
        """Record a report; an incognito one is dropped except for the flag (never its URL or title).

        Control and bidirectional-override characters are removed from the URL and title here, as they arrive.
        """
        url, title = clean_line(url), clean_line(title)
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

    def drop(self) -> None:
        """Count a report the endpoint refused to take (too many too fast)."""
        with self._lock:
            self._dropped += 1

    @property
    def dropped(self) -> int:
        with self._lock:
            return self._dropped
