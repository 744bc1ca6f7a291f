"""The ledger's web server: the agents' API and the billing workspace in one ASGI app, served by uvicorn."""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.middleware import Middleware

from ledgerwatch.firm import api, workspace
from ledgerwatch.firm.ledger import FirmLedger
from ledgerwatch.review.guard import raw_headers, with_security_headers

HARDENING = {
    "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
"""headers every answer carries unless it sets its own (the workspace's pages set a CSP allowing their styles):
the ledger's pages and JSON hold the firm's billing, never to be framed, sniffed, cached or read cross-origin"""
HSTS = ("strict-transport-security", "max-age=31536000")
"""served over TLS: browsers keep to HTTPS for a year"""


class Hardened:
    """ASGI middleware adding HARDENING (and HSTS behind TLS) to every HTTP answer that does not set them."""

    def __init__(self, app: Any, tls: bool) -> None:
        self.app = app
        self.headers = raw_headers({**HARDENING, **(dict([HSTS]) if tls else {})})

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            send = with_security_headers(send, self.headers)
        await self.app(scope, receive, send)


def create_app(ledger: FirmLedger, secure_cookies: bool = True) -> Starlette:
    """The ledger's app: /api/v1 for agents, everything else the billing workspace; every answer hardened."""
    return Starlette(
        routes=[
            *api.routes(ledger.intake, ledger.billing.timekeepers),
            *workspace.routes(ledger, secure_cookies=secure_cookies),
        ],
        middleware=[Middleware(Hardened, tls=secure_cookies)],
    )


@dataclass
class RunningLedger:
    host: str
    port: int
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def base(self) -> str:
        return f"http://{self.host}:{self.port}"

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def _socket(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(128)
    return sock


def start(
    ledger: FirmLedger, host: str = "127.0.0.1", port: int = 0, secure_cookies: bool = False
) -> RunningLedger:
    """Serve the ledger from a thread (tests, and `firm serve` in the foreground below); returns once listening."""
    sock = _socket(host, port)
    config = uvicorn.Config(
        create_app(ledger, secure_cookies), log_level="warning", access_log=False, lifespan="off"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, name="lw-ledger", daemon=True)
    thread.start()
    while not server.started:
        if not thread.is_alive():
            raise RuntimeError("the ledger server stopped while starting")
        threading.Event().wait(0.02)
    return RunningLedger(host, int(sock.getsockname()[1]), server, thread)


def serve(
    ledger: FirmLedger,
    host: str,
    port: int,
    certfile: str | None = None,
    keyfile: str | None = None,
) -> None:
    """Serve the ledger in the foreground until interrupted (TLS when a certificate is given)."""
    config = uvicorn.Config(
        create_app(ledger, secure_cookies=certfile is not None or host not in ("127.0.0.1", "localhost")),
        host=host,
        port=port,
        log_level="info",
        lifespan="off",
        ssl_certfile=certfile,
        ssl_keyfile=keyfile,
        proxy_headers=True,
    )
    uvicorn.Server(config).run()
