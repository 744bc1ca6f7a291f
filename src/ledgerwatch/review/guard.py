"""The review app's guard, in the order a request meets it: our host name, the launch, the session, our origin.

The Host must be this launch's own name under localhost (review.session: no DNS rebinding, and no page on
another port ever gets the cookie); `/launch?code=` trades a one-time code for a session cookie (and a page
that moves on to where the link pointed); every other
request needs that cookie; a change (POST) must come from our own origin and carry the CSRF token (checked
by the app, which knows the form). Every answer, errors and static files included, carries the security
headers.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, MutableMapping
from http.cookies import CookieError, SimpleCookie
from typing import Any
from urllib.parse import parse_qsl

from markupsafe import escape
from starlette.responses import HTMLResponse

from ledgerwatch.review.session import COOKIE, LAUNCH_PATH, Access, local_path

UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
RawHeaders = list[tuple[bytes, bytes]]


def raw_headers(headers: Mapping[str, str]) -> RawHeaders:
    """Headers as an ASGI answer carries them: lower-case names, latin-1 bytes."""
    return [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]


_RAW_HEADERS = raw_headers(SECURITY_HEADERS)

EXPIRED = (
    "This link has expired or was already used. Open review again from the tray or with `ledgerwatch review`."
)
NO_SESSION = "Open review from the tray icon or with `ledgerwatch review`."


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


def with_security_headers(send: Send, headers: RawHeaders = _RAW_HEADERS) -> Send:
    """send, adding every security header (the review page's, unless others are given) a response does not set
    itself."""

    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            present = {k.lower() for k, _ in message.get("headers", [])}
            extra = [(k, v) for k, v in headers if k not in present]
            message["headers"] = [*message.get("headers", []), *extra]
        await send(message)

    return sending


class Guard:
    """ASGI middleware: our host name, launch codes for sessions, same-origin changes, headers on everything."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = with_security_headers(send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host).lower() != self.access.host:
            await deny(scope, receive, send, "This page is only served to this computer (unknown host).")
            return
        if scope.get("path") == LAUNCH_PATH:
            await self._launch(scope, receive, send)
            return
        if not self.access.admits(_cookie(headers.get("cookie", ""))):
            await deny(scope, receive, send, NO_SESSION)
            return
        if scope["method"] in UNSAFE:
            origin = headers.get("origin")
            fetch_site = headers.get("sec-fetch-site")
            if origin is not None and origin != f"http://{host}":
                await deny(scope, receive, send, "Changes are accepted only from this page (cross-origin).")
                return
            if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
                await deny(scope, receive, send, "Changes are accepted only from this page (cross-site).")
                return
        await self.app(scope, receive, send)

    async def _launch(self, scope: Scope, receive: Receive, send: Send) -> None:
        """GET /launch?code=C&next=P: a good code becomes a session cookie and a page that moves on to P.

        Not a redirect: the launch link usually comes from outside (a forwarding file, a window), and a
        redirect would carry that cross-site start along, so the browser would withhold the new SameSite=Strict
        cookie from P. A page of ours moving on makes the next request same-site.
        """
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        secret = self.access.redeem(query.get("code", "")) if scope["method"] == "GET" else None
        if secret is None:
            await deny(scope, receive, send, EXPIRED)
            return
        target = escape(local_path(query.get("next", "/")))
        page = (
            '<!doctype html><meta charset=utf-8><link rel=icon href="data:,">'
            f'<meta http-equiv=refresh content="0;url={target}"><title>ledgerwatch</title>'
            f'<p>Signed in. <a href="{target}">Continue to your review page</a>.</p>'
        )
        response = HTMLResponse(page, headers=SECURITY_HEADERS)
        response.set_cookie(COOKIE, secret, httponly=True, samesite="strict", path="/")
        await response(scope, receive, send)


def _cookie(header: str) -> str:
    cookies: SimpleCookie = SimpleCookie()
    try:
        cookies.load(header)
    except CookieError:
        return ""
    return cookies[COOKIE].value if COOKIE in cookies else ""


def error_page(status: int, title: str, why: str) -> HTMLResponse:
    """A small HTML error page with the security headers."""
    page = (
        "<!doctype html><meta charset=utf-8><title>ledgerwatch</title>"
        f"<h1>{escape(title)}</h1><p>{escape(why)}</p>"
    )
    return HTMLResponse(page, status_code=status, headers=SECURITY_HEADERS)


async def deny(scope: Scope, receive: Receive, send: Send, why: str) -> None:
    await error_page(403, "Not allowed", why)(scope, receive, send)
