"""Serving the review app on 127.0.0.1 from a background thread, and opening it for the attorney."""

from __future__ import annotations

import secrets
import socket
import threading
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import uvicorn

from ledgerwatch.review.app import create_app
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables

HOST = "127.0.0.1"


@dataclass
class RunningServer:
    """A review server in a thread: its address, its per-launch token and a stop()."""

    port: int
    token: str
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def base(self) -> str:
        return f"http://{HOST}:{self.port}"

    def url(self, path: str = "/") -> str:
        """The link that logs the browser in (the token travels once, then lives in a cookie)."""
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def day_url(self, day: date) -> str:
        return self.url(f"/day/{day.isoformat()}")

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_server(
    workday: AttorneyDay,
    port: int = 0,
    token: str | None = None,
    timeout: float = 10.0,
    agent: AgentControls | None = None,
    billing: Callable[[], Receivables] | None = None,
) -> RunningServer:
    """Start the review app on 127.0.0.1 (port 0: a free one) and return once it accepts connections."""
    token = token or secrets.token_urlsafe(32)
    app = create_app(workday, token, allowed_hosts=(HOST, "localhost"), agent=agent, billing=billing)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, port))
    sock.listen(64)
    bound = int(sock.getsockname()[1])
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="lw-review", daemon=True)
    thread.start()
    waited = 0.0
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the review server stopped while starting")
        if waited > timeout:
            server.should_exit = True
            raise RuntimeError("the review server did not start in time")
        threading.Event().wait(0.02)
        waited += 0.02
    return RunningServer(bound, token, server, thread)


def webview_available() -> bool:
    try:
        import webview  # type: ignore[import-not-found]  # noqa: F401
    except Exception:
        return False
    return True


def open_review(
    url: str,
    *,
    prefer_window: bool = True,
    browser: Callable[[str], Any] = webbrowser.open,
    window: Callable[[str], Any] | None = None,
) -> str:
    """Open the review page: a native window through pywebview when available, else the default browser.

    Returns "window" or "browser". pywebview must run on the main thread; callers on other threads pass
    prefer_window=False.
    """
    if prefer_window and (window is not None or webview_available()):
        (window or _webview_window)(url)
        return "window"
    browser(url)
    return "browser"


def _webview_window(url: str) -> None:
    import webview

    webview.create_window("ledgerwatch · review", url, width=1280, height=900)
    webview.start()
