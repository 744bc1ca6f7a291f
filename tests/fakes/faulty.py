"""A client-side fault injector for a real server: an httpx transport that fails about `rate` of requests.

    500 / 429       answered here, the request never reaches the server
    connect         the connection is refused (nothing sent)
    timeout_after   the request reaches the server and is applied, then no answer comes back
    reset_after     the request is applied, then the connection drops
"""

from __future__ import annotations

import random

import httpx

FAULTS = ("500", "429", "connect", "timeout_after", "reset_after")


class FaultyTransport(httpx.BaseTransport):
    def __init__(self, inner: httpx.BaseTransport, rate: float, seed: int) -> None:
        self.inner = inner
        self.rate = rate
        self.rng = random.Random(seed)
        self.log: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        fault = self.rng.choice(FAULTS) if self.rng.random() < self.rate else None
        self.log.append(fault or "ok")
        if fault == "500":
            return httpx.Response(500, json={"error": "injected"}, request=request)
        if fault == "429":
            return httpx.Response(429, json={"error": "injected"}, headers={"Retry-After": "0.01"}, request=request)
        if fault == "connect":
            raise httpx.ConnectError("injected: connection refused", request=request)
        response = self.inner.handle_request(request)
        response.read()
        if fault == "timeout_after":
            raise httpx.ReadTimeout("injected: no answer", request=request)
        if fault == "reset_after":
            raise httpx.RemoteProtocolError("injected: connection dropped", request=request)
        return response

    def close(self) -> None:
        self.inner.close()
