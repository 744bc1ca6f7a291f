"""The HTTP plumbing shared by connectors: one request path, transport failures mapped, rate limits paced.

Status codes are not interpreted here: each connector hands in its own `classify` (the one place where its
statuses become sync.errors).
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx

from ledgerwatch.domain.clock import Clock
from ledgerwatch.sync.errors import OutcomeUnknown, RetryAfter, SyncError, Transient

Sleep = Callable[[float], None]


def client_options(proxy: str = "", system_trust_store: bool = True) -> dict[str, Any]:
    """httpx.Client arguments for the network settings: the TLS trust store and the proxy.

    The OS trust store (truststore: Windows and macOS verify natively; elsewhere OpenSSL's system store) holds
    the root a firm's TLS-inspecting proxy signs with, which certifi's bundle does not. proxy "" keeps the
    system's (HTTPS_PROXY/NO_PROXY, and on Windows and macOS the system proxy settings, through urllib);
    "direct" ignores them all; a URL is used for every request.
    """
    options: dict[str, Any] = {"verify": ssl_context() if system_trust_store else True}
    if proxy == "direct":
        options["trust_env"] = False
    elif proxy:
        options["proxy"] = proxy
    return options


def ssl_context() -> ssl.SSLContext:
    """A client TLS context on the OS trust store (truststore when installed, else the system's defaults)."""
    try:
        import truststore
    except ImportError:
        return ssl.create_default_context()
    context: ssl.SSLContext = truststore.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    return context
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def retry_after_seconds(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta seconds, decimals accepted, or an HTTP date)."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


class Pacer:
    """Keeps requests inside the provider's rate-limit window using its X-RateLimit-* headers.

    When a response says no requests remain, the next request waits until the window resets, so a
    well-behaved client sees (almost) no 429s; a 429 blocks for its Retry-After.
    """

    def __init__(self, clock: Clock, sleep: Sleep) -> None:
        self.clock = clock
        self.sleep = sleep
        self.blocked_until: float = 0.0
        self.requests = 0

    def wait(self) -> None:
        delay = self.blocked_until - self.clock().timestamp()
        if delay > 0:
            self.sleep(delay)
        self.requests += 1

    def observe(self, headers: Mapping[str, str]) -> None:
        remaining, reset = headers.get("x-ratelimit-remaining"), headers.get("x-ratelimit-reset")
        if remaining is None or reset is None:
            return
        try:
            left, at = int(remaining), float(reset)
        except ValueError:
            return
        if left <= 0:
            self.blocked_until = max(self.blocked_until, at)

    def hold(self, seconds: float) -> None:
        self.blocked_until = max(self.blocked_until, self.clock().timestamp() + seconds)


class Api:
    """Authorised requests to one provider's API base; raises only sync.errors."""

    def __init__(
        self,
        client: httpx.Client,
        base: str,
        token: Callable[[], str],
        classify: Callable[[httpx.Response, datetime], SyncError | None],
        pacer: Pacer | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.client = client
        self.base = base.rstrip("/")
        self.token = token
        self.classify = classify
        self.pacer = pacer
        self.timeout = timeout

    def url(self, path: str) -> str:
        return path if path.startswith(("http://", "https://")) else f"{self.base}{path}"

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        headers: Mapping[str, str] | None = None,
        auth: bool = True,
    ) -> httpx.Response:
        sent_headers = {"Accept": "application/json", **(headers or {})}
        if auth:
            sent_headers["Authorization"] = f"Bearer {self.token()}"
        return self.send(method, self.url(path), params=params, json=json, headers=sent_headers)

    def send(
        self,
        method: str,
        url: str,
        *,
        params: Mapping[str, Any] | None = None,
        json: Any = None,
        data: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> httpx.Response:
        if self.pacer is not None:
            self.pacer.wait()
        mutating = method.upper() not in SAFE_METHODS
        where = f"{method} {httpx.URL(url).path}"
        try:
            response = self.client.request(
                method, url, params=params, json=json, data=data, headers=headers, timeout=self.timeout
            )
        except (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout) as exc:
            raise Transient(f"{where}: cannot reach the provider ({type(exc).__name__})") from None
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            message = f"{where}: no answer ({type(exc).__name__})"
            raise (OutcomeUnknown(message) if mutating else Transient(message)) from None
        if self.pacer is not None:
            self.pacer.observe(response.headers)
        error = self.classify(response, self.now())
        if error is not None:
            if isinstance(error, RetryAfter) and self.pacer is not None:
                self.pacer.hold(error.seconds)
            raise error
        return response

    def now(self) -> datetime:
        return self.pacer.clock() if self.pacer is not None else datetime.now(UTC)
