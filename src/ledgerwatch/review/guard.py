"""The review app's guard, in the order a request meets it: Host allow-list, session token, same-origin changes.

The Host must be ours (no DNS rebinding); the per-launch secret must arrive once as ?token= (it becomes an
HttpOnly cookie) or as that cookie; a change (POST) must come from our own origin and carry the CSRF token
(checked by the app, which knows the form). Every answer carries the strict security headers.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qsl, urlencode

from markupsafe import escape
from starlette.responses import HTMLResponse, RedirectResponse

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def csrf_for(token: str) -> str:
    """The CSRF token that goes with a session token (derived, so nothing else is stored)."""
    return hmac.new(token.encode(), b"ledgerwatch-csrf", hashlib.sha256).hexdigest()


def cookie_name(port: int | None) -> str:
    return f"lw_session_{port or 0}"


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: Host allow-list, session token, same-origin changes."""

    def __init__(self, app: ASGIApp, token: str, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token
        self.allowed = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host).lower() not in self.allowed:
            await _deny(scope, receive, send, "This page is only served to this computer (unknown host).")
            return
        port = scope.get("server", (None, None))[1]
        name = cookie_name(port)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        offered = query.get("token")
        if offered is not None:
            if not hmac.compare_digest(offered, self.token):
                await _deny(scope, receive, send, "This link has expired. Open review from the tray again.")
                return
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            target = scope.get("path", "/") + (f"?{rest}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(name, self.token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        cookies = SimpleCookie()
        cookies.load(headers.get("cookie", ""))
        held = cookies[name].value if name in cookies else ""
        if not held or not hmac.compare_digest(held, self.token):
            await _deny(scope, receive, send, "Open review from the tray icon or with `ledgerwatch review`.")
            return
        if scope["method"] in UNSAFE:
            origin = headers.get("origin")
            fetch_site = headers.get("sec-fetch-site")
            if origin is not None and origin != f"http://{host}":
                await _deny(scope, receive, send, "Changes are accepted only from this page (cross-origin).")
                return
            if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
                await _deny(scope, receive, send, "Changes are accepted only from this page (cross-site).")
                return
        await self.app(scope, receive, send)


async def _deny(scope: Scope, receive: Receive, send: Send, why: str) -> None:
    page = (
        "<!doctype html><meta charset=utf-8><title>ledgerwatch</title>"
        f"<h1>Not allowed</h1><p>{escape(why)}</p>"
    )
    await HTMLResponse(page, status_code=403, headers=SECURITY_HEADERS)(scope, receive, send)


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}
