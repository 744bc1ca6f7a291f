"""The browser extension's endpoint on 127.0.0.1: active-tab reports, paired by a token.

Only extension origins (chrome-extension://, moz-extension://) are accepted, so a web page cannot post here;
the Host header must name the loopback address (no DNS rebinding). Incognito reports keep only the fact that a
private tab is active: their URL and title are never kept or stored.

Every body is bounded before it is read: a declared length over MAX_BODY is refused unread, and a chunked
body is read only up to MAX_BODY; JSON deeper than MAX_DEPTH is refused before it is parsed. Every bad body
gets a 4xx. Reports beyond RATE a second (after a burst of BURST) are dropped with a 429 and counted, so a
flood can neither fill memory nor rewrite the evidence faster than a person changes tabs.

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
"""bytes: a report is a URL, a title and three small fields"""
MAX_DEPTH = 4
"""nesting of JSON arrays and objects in a report (it is one flat object)"""
RATE = 10.0
"""reports a second, sustained"""
BURST = 30
"""reports accepted at once after a quiet spell"""


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


class RateLimit:
    """A token bucket: rate a second, up to burst at once."""

    def __init__(self, rate: float, burst: int, monotonic: Callable[[], float]) -> None:
        self.rate, self.burst, self.monotonic = rate, burst, monotonic
        self.tokens = float(burst)
        self.at = monotonic()
        self.lock = threading.Lock()

    def allow(self) -> bool:
        with self.lock:
            now = self.monotonic()
            self.tokens = min(float(self.burst), self.tokens + (now - self.at) * self.rate)
            self.at = now
            if self.tokens < 1:
                return False
            self.tokens -= 1
            return True


async def read_bounded(request: Request, limit: int = MAX_BODY) -> bytes | None:
    """The body when it is at most limit bytes, else None, having read no more than limit (+ one chunk)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            return None
        if int(declared) > limit:
            return None
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return bytes(body)


def json_depth(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text nests arrays and objects at most limit deep (strings are skipped)."""
    depth, in_string, escaped = 0, False, False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:  # quote
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > limit:
                return False
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return True


def create_app(tabs: BrowserTabs, token: str, monotonic: Callable[[], float] = time.monotonic) -> Starlette:
    """The ASGI app the extension talks to."""
    limit = RateLimit(RATE, BURST, monotonic)

    async def tab(request: Request) -> Response:
        refused = _check(request, token)
        if refused is not None:
            return refused
        if not limit.allow():
            tabs.drop()
            return JSONResponse(
                {"error": "too many reports; this one was dropped"}, status_code=429, headers={"Retry-After": "1"}
            )
        body = await read_bounded(request)
        if body is None:  # and close the connection: the rest of the body is never read
            return JSONResponse(
                {"error": f"report too large (at most {MAX_BODY} bytes)"},
                status_code=413,
                headers={"Connection": "close"},
            )
        if not json_depth(body):
            return _problem(400, f"JSON nested deeper than {MAX_DEPTH} levels")
        try:
            data: Any = json.loads(body)
        except (ValueError, RecursionError):
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

    def __init__(
        self, tabs: BrowserTabs, token: str, port: int = 5607, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        if not token:
            raise ValueError("the browser endpoint needs a pairing token")
        import uvicorn

        self.tabs = tabs
        config = uvicorn.Config(
            create_app(tabs, token, monotonic),
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
