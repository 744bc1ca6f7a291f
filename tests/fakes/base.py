"""Shared machinery of the provider fakes: state, tokens, rate limits, fault switches, two ways to serve.

A fake is a plain object with `handle(request) -> httpx.Response` (an httpx.MockTransport handler that raises
httpx timeouts/disconnects for the network faults) and `serve()` (a threaded HTTP server on 127.0.0.1 that
sleeps past the client's timeout or drops the connection for the same faults).

Faults (switched on one at a time with `fail_next`, or at random with `chaos`):
  429             rate limited, with Retry-After; nothing applied
  500             server error; nothing applied
  timeout_before  no answer, nothing applied
  timeout_after   the change is applied, then no answer
  reset_before    connection dropped, nothing applied
  reset_after     the change is applied, then the connection is dropped
  expire_token    the access token expires just now (the request is refused as unauthorised)
  validation      the provider refuses the body with its own validation message (writes only)
"""

from __future__ import annotations

import itertools
import json
import random
import socket
import struct
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler
from typing import Any

import httpx

from tests.fakes.support import request_body, serve_on_localhost

FAULTS = (
    "429",
    "500",
    "timeout_before",
    "timeout_after",
    "reset_before",
    "reset_after",
    "expire_token",
    "validation",
)
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass
class Reply:
    status: int
    body: Any = None
    headers: dict[str, str] = field(default_factory=dict)
    drop: str | None = None
    """'timeout' or 'reset': the client gets no answer"""


@dataclass
class Queued:
    fault: str
    method: str | None
    path: str | None
    times: int


class Dropped(Exception):
    def __init__(self, kind: str) -> None:
        super().__init__(kind)
        self.kind = kind


class FakeProvider:
    """State and fault machinery shared by the Clio, MyCase and PracticePanther fakes."""

    name = "fake"
    rotate_refresh_tokens = True
    access_lifetime = 3600

    def __init__(self, clock: Callable[[], float] = time.time, seed: int = 0) -> None:
        self.clock = clock
        self.lock = threading.RLock()
        self.rng = random.Random(seed)
        self.ids = itertools.count(1001)
        self.entries: dict[int, dict[str, Any]] = {}
        self.matters: list[dict[str, Any]] = []
        self.clients: dict[int, str] = {}
        self.codes: list[dict[str, Any]] = []
        self.user = {"id": 501, "name": "Ada Attorney", "email": "ada@example.com", "rate": Decimal("350.00")}
        self.access: dict[str, float] = {}
        self.refresh: set[str] = set()
        self.issued: dict[str, float] = {}
        self.min_token_age = 0.5
        self.revoked: list[str] = []
        self.queued: list[Queued] = []
        self.chaos_rate = 0.0
        self.chaos_faults: tuple[str, ...] = FAULTS
        self.limit: tuple[int, float] | None = None
        self.window_start = 0.0
        self.window_count = 0
        self.log: list[tuple[str, str, int | str]] = []
        self.served_drop_after = 0.3
        self.retry_after = 1.0
        self.validations: list[dict[str, Any]] = []
        self.payments: list[dict[str, Any]] = []
        """payments received: id, date (ISO), amount (Decimal), client_id, matter (dict or None),
        bill (number or None), method, reference, voided, updated_at"""

    # --- test controls ---

    def issue_tokens(self, lifetime: float | None = None) -> dict[str, Any]:
        """New tokens as the token endpoint would give them (also what `connect --token-stdin` takes)."""
        with self.lock:
            life = self.access_lifetime if lifetime is None else lifetime
            access, refresh = f"at-{self.rng.getrandbits(64):016x}", f"rt-{self.rng.getrandbits(64):016x}"
            self.access[access] = self.clock() + life
            self.issued[access] = self.clock()
            self.refresh.add(refresh)
            return {
                "access_token": access,
                "refresh_token": refresh,
                "expires_in": int(life),
                "token_type": "bearer",
            }

    def expire_tokens(self) -> None:
        with self.lock:
            for token in self.access:
                self.access[token] = 0.0

    def fail_next(
        self, fault: str, method: str | None = None, path: str | None = None, times: int = 1
    ) -> None:
        if fault not in FAULTS:
            raise ValueError(fault)
        with self.lock:
            self.queued.append(Queued(fault, method, path, times))

    def chaos(self, rate: float, faults: tuple[str, ...] = FAULTS, seed: int | None = None) -> None:
        """Fail about `rate` of API requests with a fault drawn at random from faults."""
        with self.lock:
            self.chaos_rate, self.chaos_faults = rate, faults
            if seed is not None:
                self.rng.seed(seed)

    def rate_limit(self, limit: int, window: float) -> None:
        """Allow `limit` API requests per `window` seconds (fixed windows), like Clio's per-token limit."""
        with self.lock:
            self.limit = (limit, window)
            self.window_start, self.window_count = self.clock(), 0

    def add_matters(self, count: int, start: int = 1) -> list[dict[str, Any]]:
        with self.lock:
            made = []
            for i in range(start, start + count):
                client_id = 7000 + (i % 5)
                self.clients[client_id] = f"Client {client_id} LLC"
                matter = {
                    "id": next(self.ids),
                    "number": f"{i:05d}-{client_id}",
                    "description": f"Matter {i}",
                    "client_id": client_id,
                    "status": "open",
                    "billing_method": "hourly",
                    "rate": Decimal("300.00") if i % 2 else None,
                    "updated_at": self.clock(),
                }
                self.matters.append(matter)
                made.append(matter)
            return made

    def add_payment(
        self,
        matter: dict[str, Any],
        amount: str,
        day: str,
        bill: str | None = None,
        method: str = "check",
        reference: str = "",
    ) -> dict[str, Any]:
        """A payment from the matter's client, applied to the provider's bill numbered bill (if any)."""
        with self.lock:
            payment = {
                "id": next(self.ids),
                "date": day,
                "amount": Decimal(amount),
                "client_id": matter["client_id"],
                "matter": matter,
                "bill": bill,
                "method": method,
                "reference": reference,
                "voided": False,
                "updated_at": self.clock(),
            }
            self.payments.append(payment)
            return payment

    def void_payment(self, payment_id: int) -> None:
        with self.lock:
            for p in self.payments:
                if p["id"] == payment_id:
                    p["voided"] = True
                    p["updated_at"] = self.clock()

    def payments_since(self, since: str | None) -> list[dict[str, Any]]:
        """Payments changed at or after an ISO timestamp (all when None), oldest id first."""
        from datetime import datetime

        cut = datetime.fromisoformat(since).timestamp() if since else None
        with self.lock:
            return [p for p in self.payments if cut is None or p["updated_at"] >= cut]

    def time_entries(self) -> list[dict[str, Any]]:
        """The entries the provider holds: id, date, hours (Decimal), note, matter_id, user_id, billed."""
        with self.lock:
            return [dict(e) for e in self.entries.values()]

    def bill(self, entry_id: int) -> None:
        with self.lock:
            self.entries[entry_id]["billed"] = True
            self._touch(self.entries[entry_id])

    def edit_remotely(self, entry_id: int, **changes: Any) -> None:
        with self.lock:
            self.entries[entry_id].update(changes)
            self._touch(self.entries[entry_id])

    # --- request handling ---

    def handle(self, request: httpx.Request) -> httpx.Response:
        """httpx.MockTransport handler: network faults raise what httpx would raise."""
        reply = self.dispatch(request)
        if reply.drop == "timeout":
            raise httpx.ReadTimeout("timed out", request=request)
        if reply.drop == "reset":
            raise httpx.RemoteProtocolError(
                "Server disconnected without sending a response.", request=request
            )
        return self.to_response(request, reply)

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self.handle)

    def to_response(self, request: httpx.Request, reply: Reply) -> httpx.Response:
        headers = dict(reply.headers)
        if reply.body is None:
            response = httpx.Response(reply.status, headers=headers, request=request)
        else:
            content = json.dumps(reply.body, default=_json_default).encode()
            headers.setdefault("Content-Type", self.content_type)
            response = httpx.Response(reply.status, headers=headers, content=content, request=request)
        self.check_response(request, response)
        return response

    content_type = "application/json"

    def dispatch(self, request: httpx.Request) -> Reply:
        with self.lock:
            reply = self._dispatch(request)
            self.log.append((request.method, request.url.path, reply.drop or reply.status))
            return reply

    def _dispatch(self, request: httpx.Request) -> Reply:
        if self.is_oauth(request):
            return self.oauth(request)
        self.check_request(request)
        limited = self._rate(request)
        if limited is not None:
            return limited
        fault = self._fault(request)
        if fault == "429":
            return self._with_limits(
                Reply(
                    429, self.error_body(429, "Rate limit exceeded"), {"Retry-After": _num(self.retry_after)}
                )
            )
        if fault == "500":
            return self._with_limits(Reply(500, self.error_body(500, "Internal server error")))
        if fault in ("timeout_before", "reset_before"):
            return Reply(0, drop=fault.split("_")[0])
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        if fault == "expire_token" and self.clock() - self.issued.get(token, 0.0) >= self.min_token_age:
            self.expire_tokens()  # a token just issued does not expire again at once
        if self.access.get(token, 0.0) <= self.clock():
            return self._with_limits(self.auth_error())
        if fault == "validation":
            return self._with_limits(self.validation_error())
        reply = self.route(request)
        if fault in ("timeout_after", "reset_after") and 200 <= reply.status < 300:
            return Reply(0, drop=fault.split("_")[0])
        return self._with_limits(reply)

    def _fault(self, request: httpx.Request) -> str | None:
        for q in self.queued:
            if (q.method is None or q.method == request.method) and (
                q.path is None or q.path in request.url.path
            ):
                q.times -= 1
                if q.times <= 0:
                    self.queued.remove(q)
                return q.fault
        if self.chaos_rate and self.rng.random() < self.chaos_rate:
            choices = [f for f in self.chaos_faults if f != "validation" or request.method in WRITES]
            return self.rng.choice(choices)
        return None

    def _rate(self, request: httpx.Request) -> Reply | None:
        if self.limit is None:
            return None
        limit, window = self.limit
        now = self.clock()
        if now >= self.window_start + window:
            self.window_start, self.window_count = now, 0
        if self.window_count >= limit:
            wait = self.window_start + window - now
            return self._with_limits(
                Reply(429, self.error_body(429, "Rate limit exceeded"), {"Retry-After": _num(wait)})
            )
        self.window_count += 1
        return None

    def _with_limits(self, reply: Reply) -> Reply:
        if self.limit is not None:
            limit, window = self.limit
            reply.headers |= {
                "X-RateLimit-Limit": str(limit),
                "X-RateLimit-Remaining": str(max(0, limit - self.window_count)),
                "X-RateLimit-Reset": _num(self.window_start + window),
            }
        return reply

    # --- oauth ---

    token_path = "/oauth/token"
    revoke_path = "/oauth/deauthorize"

    def is_oauth(self, request: httpx.Request) -> bool:
        return request.url.path in (self.token_path, self.revoke_path)

    def oauth_params(self, request: httpx.Request) -> dict[str, str]:
        from urllib.parse import parse_qsl

        return dict(parse_qsl(request.content.decode()))

    def oauth(self, request: httpx.Request) -> Reply:
        params = self.oauth_params(request)
        if request.url.path == self.revoke_path:
            token = params.get("token", "")
            self.revoked.append(token)
            self.access.pop(token, None)
            self.refresh.discard(token)
            return Reply(200, {})
        if params.get("grant_type") == "refresh_token":
            old = params.get("refresh_token", "")
            if old not in self.refresh:
                return Reply(
                    400, {"error": "invalid_grant", "error_description": "refresh token is not valid"}
                )
            tokens = self.issue_tokens()
            if self.rotate_refresh_tokens:
                self.refresh.discard(old)
            else:
                self.refresh.discard(tokens["refresh_token"])
                tokens["refresh_token"] = old
            return Reply(200, tokens)
        if params.get("grant_type") == "authorization_code" and params.get("code") == "good-code":
            return Reply(200, self.issue_tokens())
        return Reply(400, {"error": "invalid_request"})

    # --- provider-specific parts ---

    def route(self, request: httpx.Request) -> Reply:
        raise NotImplementedError

    def error_body(self, status: int, message: str) -> Any:
        raise NotImplementedError

    def auth_error(self) -> Reply:
        return Reply(401, self.error_body(401, "The access token is invalid or expired"))

    def validation_error(self) -> Reply:
        return Reply(422, self.error_body(422, "Note can't be blank"))

    def check_request(self, request: httpx.Request) -> None:
        return None

    def check_response(self, request: httpx.Request, response: httpx.Response) -> None:
        return None

    # --- helpers for subclasses ---

    def _touch(self, entry: dict[str, Any]) -> None:
        entry["version"] = entry.get("version", 0) + 1
        entry["updated_at"] = self.clock()

    def new_entry(self, **fields: Any) -> dict[str, Any]:
        entry = {"id": next(self.ids), "billed": False, **fields}
        self._touch(entry)
        self.entries[entry["id"]] = entry
        return entry

    def client_name(self, client_id: int) -> str:
        return self.clients.get(client_id, "(unknown)")

    # --- serving over HTTP ---

    @contextmanager
    def serve(self) -> Iterator[str]:
        """Serve this fake on 127.0.0.1 (a free port) in a thread; yields the base URL."""
        with serve_on_localhost(self._answer) as base:
            yield base

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        """One served request: dispatched like a MockTransport one; network faults drop the connection."""
        host = f"http://{handler.headers.get('Host', '127.0.0.1')}"
        request = httpx.Request(
            handler.command,
            host + handler.path,
            headers=list(handler.headers.items()),
            content=request_body(handler),
        )
        try:
            reply = self.dispatch(request)
            if reply.drop == "timeout":
                time.sleep(self.served_drop_after)
                raise Dropped("timeout")
            if reply.drop == "reset":
                raise Dropped("reset")
            response = self.to_response(request, reply)
        except Dropped:
            handler.close_connection = True
            with suppress(OSError):  # RST instead of FIN: the client sees a reset, not an empty answer
                handler.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            return
        handler.send_response(response.status_code)
        for key, value in response.headers.items():
            if key.lower() not in ("content-length", "connection"):
                handler.send_header(key, value)
        handler.send_header("Content-Length", str(len(response.content)))
        handler.end_headers()
        handler.wfile.write(response.content)


def _num(value: float) -> str:
    return f"{max(0.0, value):.3f}".rstrip("0").rstrip(".") or "0"


def _json_default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value).__name__)


def page_slice(items: list[Any], offset: int, size: int) -> tuple[list[Any], int | None]:
    chunk = items[offset : offset + size]
    following = offset + size if offset + size < len(items) else None
    return chunk, following
