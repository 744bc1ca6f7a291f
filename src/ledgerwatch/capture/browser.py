"""The browser extension's endpoint on 127.0.0.1: active-tab reports, paired by a token.

Only extension origins (chrome-extension://, moz-extension://) are accepted, so a web page cannot post here;
the Host header must name the loopback address (no DNS rebinding). Incognito reports keep only the fact that a
private tab is active: their URL and title are never kept or stored.

    POST /api/v1/tab   Authorization: Bearer <token>
        {"url": str, "title": str, "incognito": bool, "audible": bool, "tabCount": int}
    GET  /api/v1/ping  Authorization: Bearer <token>     -> {"ok": true}   (the options page's "Test")
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
import time
from collections.abc import Callable
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ledgerwatch.capture.tabs import BrowserTabs

log = logging.getLogger(__name__)

EXTENSION_SCHEMES = ("chrome-extension://", "moz-extension://", "safari-web-extension://")
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
MAX_BODY = 16_384


def new_token() -> str:
    """A pairing token for the user to paste into the extension's options page."""
    return secrets.token_urlsafe(24)


def _problem(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _check(request: Request, token: str) -> JSONResponse | None:
    host = request.headers.get("host", "").rsplit(":", 1)[0]
    if host not in LOOPBACK_HOSTS:
        return _problem(403, "host must be the loopback address")
    origin = request.headers.get("origin", "")
    if not origin.startswith(EXTENSION_SCHEMES):
        return _problem(403, "only the ledgerwatch browser extension may call this endpoint")
    auth = request.headers.get("authorization", "")
    if not auth.lower().startswith("bearer ") or not auth[7:].strip():
        return _problem(401, "missing pairing token")
    if not token or not hmac.compare_digest(auth[7:].strip().encode(), token.encode()):
        return _problem(403, "wrong pairing token")
    return None


def create_app(tabs: BrowserTabs, token: str, monotonic: Callable[[], float] = time.monotonic) -> Starlette:
    """The ASGI app the extension talks to."""

    async def tab(request: Request) -> Response:
        refused = _check(request, token)
        if refused is not None:
            return refused
        body = await request.body()
        if len(body) > MAX_BODY:
            return _problem(413, "report too large")
        try:
            data: Any = json.loads(body)
        except ValueError:
            return _problem(400, "body must be JSON")
        if not isinstance(data, dict):
            return _problem(400, "body must be a JSON object")
        incognito = data.get("incognito") is True
        url, title = data.get("url", ""), data.get("title", "")
        if not incognito and (not isinstance(url, str) or not isinstance(title, str)):
            return _problem(422, "url and title must be strings")
        count = data.get("tabCount")
        tabs.report(
            url="" if incognito else url,
            title="" if incognito else title,
            incognito=incognito,
            received=monotonic(),
            audible=data.get("audible") is True,
            tab_count=count if isinstance(count, int) else None,
        )
        return Response(status_code=204)

    async def ping(request: Request) -> Response:
        refused = _check(request, token)
        return refused if refused is not None else JSONResponse({"ok": True})

    return Starlette(
        routes=[Route("/api/v1/tab", tab, methods=["POST"]), Route("/api/v1/ping", ping, methods=["GET"])]
    )


class BrowserEndpoint:
    """Serves create_app with uvicorn on 127.0.0.1 in a daemon thread; port 0 picks a free port."""

    def __init__(self, tabs: BrowserTabs, token: str, port: int = 5607) -> None:
        if not token:
            raise ValueError("the browser endpoint needs a pairing token")
        import uvicorn

        self.tabs = tabs
        config = uvicorn.Config(
            create_app(tabs, token),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            lifespan="off",
            access_log=False,
            date_header=False,
        )
        self._server = quiet_server(config)
        self._thread = threading.Thread(
            target=self._server.run, name="ledgerwatch-browser-endpoint", daemon=True
        )
        self.port = port

    def start(self, timeout: float = 10.0) -> int:
        """Start serving; returns the bound port."""
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError(f"the browser endpoint did not start on 127.0.0.1:{self.port}")
            time.sleep(0.02)
        sockets = [s for server in self._server.servers for s in server.sockets]
        self.port = int(sockets[0].getsockname()[1])
        return self.port

    def stop(self) -> None:
        self._server.request_exit()
        self._thread.join(timeout=5)


def quiet_server(config: Any) -> Any:
    """A uvicorn server without its ten-a-second housekeeping tick, stopped by request_exit().

    uvicorn wakes every 0.1 s to refresh the Date header and look at should_exit: about 0.25 % of a core in an
    agent that runs all day. This one sleeps in the event loop until a request or request_exit() comes.
    """
    import asyncio

    import uvicorn

    class QuietServer(uvicorn.Server):
        _loop: asyncio.AbstractEventLoop | None = None
        _exit: asyncio.Event | None = None

        async def main_loop(self) -> None:
            self._exit = asyncio.Event()
            self._loop = asyncio.get_running_loop()
            await self.on_tick(0)
            if not self.should_exit:
                await self._exit.wait()

        def request_exit(self) -> None:
            self.should_exit = True
            loop, event = self._loop, self._exit
            if loop is not None and event is not None:
                loop.call_soon_threadsafe(event.set)

    return QuietServer(config)
