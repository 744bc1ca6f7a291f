"""Serving the review app on 127.0.0.1 from a background thread, under this launch's own host name."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import httpx
import uvicorn

from ledgerwatch.review.app import create_app
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables
from ledgerwatch.review.session import Access, launch_link

HOST = "127.0.0.1"


@dataclass
class RunningServer:
    """A review server in a thread: its port, whom it admits (access) and a stop().

    Its address is http://<per-launch name>.localhost:<port>; the name is a secret like the session, so
    neither is ever printed or logged.
    """

    port: int
    access: Access
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def base(self) -> str:
        return f"http://{self.access.host}:{self.port}"

    @property
    def csrf(self) -> str:
        return self.access.csrf

    def url(self, path: str = "/") -> str:
        """A one-time link that logs a browser in and lands it on path (a fresh code each call)."""
        return launch_link(self.base, self.access.key, path, self.access.clock())

    def day_url(self, day: date) -> str:
        return self.url(f"/day/{day.isoformat()}")

    def client(self, **kwargs: object) -> httpx.Client:
        """An httpx client for this server from this process (tools, benches, tests), logged out.

        It connects to 127.0.0.1 and names the host in the Host header, so it works where the system's
        resolver does not know names under localhost (browsers always do).
        """
        return loopback_client(base_url=self.base, **kwargs)

    def stop(self, timeout: float = 5.0) -> None:
        self.server.should_exit = True
        self.thread.join(timeout)


def start_server(
    workday: AttorneyDay,
    port: int = 0,
    timeout: float = 10.0,
    agent: AgentControls | None = None,
    billing: Callable[[], Receivables] | None = None,
    access: Access | None = None,
) -> RunningServer:
    """Start the review app on 127.0.0.1 (port 0: a free one) and return once it accepts connections."""
    access = access or Access()
    app = create_app(workday, access, agent=agent, billing=billing)
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
    return RunningServer(bound, access, server, thread)


def loopback_client(**kwargs: object) -> httpx.Client:
    """An httpx client that reaches every address on 127.0.0.1, keeping the URL's host name in the Host header
    (for names under localhost where the system's resolver does not know them; browsers always do)."""
    return httpx.Client(transport=_ToLoopback(), **kwargs)  # type: ignore[arg-type]


class _ToLoopback(httpx.BaseTransport):
    """Sends each request to 127.0.0.1, keeping its URL (and so its Host header and cookies) as it was."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        routed = httpx.Request(
            request.method,
            request.url.copy_with(host=HOST),
            headers=request.headers,
            stream=request.stream,
            extensions=request.extensions,
        )
        response = self.inner.handle_request(routed)
        response.request = request
        return response

    def close(self) -> None:
        self.inner.close()
