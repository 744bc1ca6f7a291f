"""OAuth 2.0 authorization code flow for a desktop app: system browser, loopback redirect, PKCE, refresh, revoke.

Tokens pass through here and go straight to the TokenStore; nothing in this module logs or prints them.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import httpx

from ledgerwatch.domain.clock import Clock
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.errors import AuthExpired, OutcomeUnknown, Permanent, SyncError, Transient
from ledgerwatch.sync.http import oauth_description
from ledgerwatch.sync.settings import ProviderSettings


def pkce_pair() -> tuple[str, str]:
    """(verifier, S256 challenge) per RFC 7636."""
    verifier = secrets.token_urlsafe(64)[:96]
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def token_set(data: dict[str, Any], now: datetime, previous_refresh: str | None = None) -> TokenSet:
    """Tokens from a token-endpoint answer; a provider that does not rotate keeps the old refresh token."""
    if "access_token" not in data:
        raise Permanent("the token endpoint answered without an access token")
    expires_in = data.get("expires_in")
    expires = now + timedelta(seconds=float(expires_in)) if expires_in not in (None, "") else None
    return TokenSet(str(data["access_token"]), data.get("refresh_token") or previous_refresh, expires)


def authorization_url(
    settings: ProviderSettings, redirect_uri: str, state: str, challenge: str | None
) -> str:
    query = {
        "response_type": "code",
        "client_id": settings.client_id,
        "redirect_uri": redirect_uri,
        "state": state,
    }
    if settings.scopes:
        query["scope"] = " ".join(settings.scopes)
    if challenge is not None:
        query |= {"code_challenge": challenge, "code_challenge_method": "S256"}
    return f"{settings.authorize_url}?{urllib.parse.urlencode(query)}"


def _post_token(
    client: httpx.Client, settings: ProviderSettings, params: dict[str, str], now: datetime
) -> dict[str, Any]:
    body = {k: v for k, v in params.items() if v}
    try:
        if settings.token_body == "json":
            response = client.post(settings.token_url, json=body, timeout=settings.timeout)
        else:
            response = client.post(settings.token_url, data=body, timeout=settings.timeout)
    except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout):
        raise Transient(f"{settings.provider}: cannot reach the token endpoint") from None
    except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError):
        raise OutcomeUnknown(f"{settings.provider}: no answer from the token endpoint") from None
    if response.status_code >= 500 or response.status_code == 429:
        raise Transient(
            f"{settings.provider}: token endpoint answered {response.status_code}", response.status_code
        )
    if response.status_code >= 400:
        try:
            detail = response.json()
        except ValueError:
            detail = {}
        code = detail.get("error", "") if isinstance(detail, dict) else ""
        said = oauth_description(detail) or str(response.status_code)
        if code in ("invalid_grant", "invalid_token", "unauthorized_client") or response.status_code == 401:
            raise AuthExpired(f"{settings.provider}: the authorization was refused ({said}); reconnect")
        raise Permanent(f"{settings.provider}: token endpoint refused the request ({said})")
    data = response.json()
    if not isinstance(data, dict):
        raise Permanent(f"{settings.provider}: unexpected token endpoint answer")
    return data


def refresh(client: httpx.Client, settings: ProviderSettings, refresh_token: str, now: datetime) -> TokenSet:
    """New tokens for a refresh token (rotating providers return a new refresh token; keep it)."""
    data = _post_token(
        client,
        settings,
        {
            "grant_type": "refresh_token",
            "refresh_token": refresh_token,
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
        },
        now,
    )
    return token_set(data, now, previous_refresh=refresh_token)


def exchange_code(
    client: httpx.Client,
    settings: ProviderSettings,
    code: str,
    redirect_uri: str,
    verifier: str | None,
    now: datetime,
) -> TokenSet:
    data = _post_token(
        client,
        settings,
        {
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": settings.client_id,
            "client_secret": settings.client_secret,
            "code_verifier": verifier or "",
        },
        now,
    )
    return token_set(data, now)


@dataclass(frozen=True, slots=True)
class Revocation:
    """What the provider said to a revocation: done, or why not (shown to the user as it is)."""

    done: bool
    message: str

    def check(self) -> None:
        if not self.done:
            raise SyncError(self.message)


def revoke(
    client: httpx.Client, settings: ProviderSettings, token: str, *, bearer: bool = False
) -> Revocation:
    """Ask the provider to forget the grant, and report honestly whether it did.

    The token goes as the form parameter `token` (RFC 7009) and, where the provider wants it (Clio), also as
    the Bearer credential. A provider with no documented revocation endpoint gets no request.
    """
    name = settings.provider
    if not settings.revoke_url:
        return Revocation(
            False, f"{name} documents no way to revoke a grant; remove ledgerwatch in {name}'s settings"
        )
    headers = {"Authorization": f"Bearer {token}"} if bearer else None
    try:
        response = client.post(
            settings.revoke_url, data={"token": token}, headers=headers, timeout=settings.timeout
        )
    except httpx.HTTPError as exc:
        return Revocation(False, f"{name} could not be reached to revoke the grant ({type(exc).__name__})")
    if response.status_code < 300:
        return Revocation(True, f"{name} revoked the grant")
    try:
        body: Any = response.json()
    except ValueError:
        body = None
    detail = oauth_description(body) or response.reason_phrase or str(response.status_code)
    return Revocation(False, f"{name} did not revoke the grant ({response.status_code}: {detail})")


@dataclass(frozen=True, slots=True)
class Callback:
    code: str | None
    state: str | None
    error: str | None


class LoopbackReceiver:
    """A one-shot HTTP server on 127.0.0.1 that catches the provider's redirect to /callback."""

    def __init__(self, port: int = 0) -> None:
        received: list[Callback] = []
        done = threading.Event()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                parsed = urllib.parse.urlsplit(self.path)
                if parsed.path != "/callback":
                    self.send_error(404)
                    return
                query = urllib.parse.parse_qs(parsed.query)
                received.append(
                    Callback(
                        query.get("code", [None])[0],
                        query.get("state", [None])[0],
                        query.get("error", [None])[0],
                    )
                )
                body = b"<p>ledgerwatch is connected. You can close this tab.</p>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                done.set()

            def log_message(self, format: str, *args: Any) -> None:  # the query holds the code: never log it
                return

        self.server = HTTPServer(("127.0.0.1", port), Handler)
        self.received = received
        self.done = done
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def redirect_uri(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/callback"

    def __enter__(self) -> LoopbackReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def wait(self, timeout: float) -> Callback | None:
        return self.received[0] if self.done.wait(timeout) else None


def authorize_interactive(
    client: httpx.Client,
    settings: ProviderSettings,
    open_browser: Callable[[str], object],
    clock: Clock,
    timeout: float = 300.0,
) -> TokenSet:
    """Open the provider's consent page in the system browser and trade the returned code for tokens."""
    state = secrets.token_urlsafe(24)
    verifier, challenge = pkce_pair() if settings.pkce else (None, None)
    with LoopbackReceiver(settings.redirect_port) as receiver:
        open_browser(authorization_url(settings, receiver.redirect_uri, state, challenge))
        callback = receiver.wait(timeout)
        redirect_uri = receiver.redirect_uri
    if callback is None:
        raise SyncError(f"{settings.provider}: no answer from the browser within {int(timeout)} s")
    if callback.error or not callback.code:
        raise Permanent(f"{settings.provider}: authorization was not granted ({callback.error or 'no code'})")
    if not secrets.compare_digest(callback.state or "", state):
        raise Permanent(f"{settings.provider}: the redirect's state does not match; try again")
    return exchange_code(client, settings, callback.code, redirect_uri, verifier, clock())
