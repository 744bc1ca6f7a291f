"""The running agent's address: the review page on demand, and the page's capture switches.

The agent itself stays small: it holds this door (the standard library's HTTP server, one blocking accept,
no timers) and starts the review page in a process of its own only when someone opens it (`PageProcess`).

    GET  /launch?code=C&next=P   on this launch's host name (review.session): a launch code the agent's key
                                 made and still good starts the page if need be, then 303 to the same
                                 /launch on the page's port, where the page trades the code for a session
    POST /agent/<switch>         Authorization: Bearer T, on 127.0.0.1; from the page process, never from a
                                 browser: pause {"until": ISO time | null}, resume, private {"on": bool},
                                 flush, status

The door never spends a code (the page does) and admits nothing else: any other request is refused. The Host
must name this door (no DNS rebinding); a POST that carries an Origin (any browser's) is refused, so a web
page cannot flip a switch even with the token.
"""

from __future__ import annotations

import hmac
import json
import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import datetime
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode, urlsplit

from ledgerwatch.domain import utcnow
from ledgerwatch.review.session import LAUNCH_PATH, read_code

if TYPE_CHECKING:
    from ledgerwatch.review.ports import CaptureControl

log = logging.getLogger("ledgerwatch.runtime")

HOST = "127.0.0.1"
SWITCHES = ("pause", "resume", "private", "flush", "status")


class Door:
    """Serves the door on 127.0.0.1:port (0: a free one) in a daemon thread."""

    def __init__(
        self,
        token: str,
        open_page: Callable[[], str],
        control: CaptureControl,
        *,
        key: bytes,
        host: str,
        clock: Callable[[], datetime] = utcnow,
        notice: Callable[[], str | None] = lambda: None,
        port: int = 0,
        wall: Callable[[], float] = time.time,
    ) -> None:
        self.token = token
        self.open_page = open_page
        self.control = control
        self.key = key
        self.host = host.lower()
        self.clock = clock
        self.notice = notice
        self.wall = wall
        self._server = HTTPServer((HOST, port), _handler(self))
        self._server.timeout = None
        self.port = int(self._server.server_address[1])
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="lw-door", daemon=True)

    @property
    def base(self) -> str:
        """Where the page's process reaches the switches (the loopback address: not a secret)."""
        return f"http://{HOST}:{self.port}"

    @property
    def launch_base(self) -> str:
        """Where launch links go: this launch's host name, as secret as the launch key."""
        return f"http://{self.host}:{self.port}"

    def start(self) -> Door:
        self._thread.start()
        return self

    def _serve(self) -> None:
        while not self._stopping.is_set():
            try:
                self._server.handle_request()  # blocks in accept: no wake-ups while nobody calls
            except OSError:
                if self._stopping.is_set():
                    return
                log.warning("door: a request failed", exc_info=True)

    def stop(self) -> None:
        self._stopping.set()
        try:  # wake the blocking accept
            with socket.create_connection((HOST, self.port), timeout=1):
                pass
        except OSError:
            pass
        self._thread.join(timeout=5)
        self._server.server_close()

    # --- what a request asks ---

    def switch(self, name: str, body: dict[str, Any]) -> dict[str, Any]:
        """Flip one capture switch; returns the capture's state and notice."""
        if name == "pause":
            until = body.get("until")
            self.control.pause(datetime.fromisoformat(str(until)) if until is not None else None)
        elif name == "resume":
            self.control.resume()
        elif name == "private":
            self.control.set_private(bool(body.get("on")))
        elif name == "flush":
            self.control.flush()
        return {"status": self.control.status(), "notice": self.notice()}


def _handler(door: Door) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "ledgerwatch"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _host_ok(self, *names: str) -> bool:
            return self.headers.get("Host", "").lower() in {f"{name}:{door.port}" for name in names}

        def _answer(self, status: int, body: str, content_type: str = "text/plain; charset=utf-8") -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            if not self._host_ok(door.host):
                self._answer(403, "This page is only served to this computer (unknown host).")
                return
            query = parse_qsl(parts.query, keep_blank_values=True)
            code = dict(query).get("code", "")
            if parts.path != LAUNCH_PATH or read_code(door.key, code, door.wall()) is None:
                self._answer(
                    403,
                    "Open the review page from the ledgerwatch tray menu or with `ledgerwatch review`.",
                )
                return
            try:
                base = door.open_page()
            except Exception as exc:  # the page's process could not start: say so, keep the agent
                log.warning("door: the review page did not start: %r", exc)
                self._answer(503, f"The review page could not start: {exc}")
                return
            self.send_response(303)
            self.send_header("Location", f"{base}{LAUNCH_PATH}?{urlencode(query)}")
            self.send_header("Content-Length", "0")
            self.send_header("Cache-Control", "no-store")
            self.send_header("Referrer-Policy", "no-referrer")
            self.end_headers()

        def do_POST(self) -> None:
            name = self.path.removeprefix("/agent/")
            bearer = self.headers.get("Authorization", "").removeprefix("Bearer ")
            if (
                not self._host_ok(HOST, "localhost")
                or self.headers.get("Origin") is not None
                or not hmac.compare_digest(bearer.encode(), door.token.encode())
            ):
                self._answer(403, "refused")
                return
            if not self.path.startswith("/agent/") or name not in SWITCHES:
                self._answer(404, "no such switch")
                return
            try:
                length = min(int(self.headers.get("Content-Length") or 0), 4096)
                body = json.loads(self.rfile.read(length) or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("the body must be a JSON object")
                answer = door.switch(name, body)
            except (ValueError, TypeError) as exc:
                self._answer(400, str(exc))
                return
            self._answer(200, json.dumps(answer), "application/json")

    return Handler


class DoorControl:
    """The agent's capture switches as the page's process reaches them: POSTs to the agent's door."""

    def __init__(self, base: str, token: str, timeout: float = 5.0) -> None:
        self.base = base.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _post(self, name: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        from urllib.request import Request, urlopen

        request = Request(
            f"{self.base}/agent/{name}",
            data=json.dumps(body or {}).encode(),
            headers={"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"},
            method="POST",
        )
        with urlopen(request, timeout=self.timeout) as response:
            answer: dict[str, Any] = json.loads(response.read())
        return answer

    def pause(self, until: datetime | None) -> None:
        self._post("pause", {"until": until.isoformat() if until is not None else None})

    def resume(self) -> None:
        self._post("resume")

    def set_private(self, on: bool) -> None:
        self._post("private", {"on": on})

    def flush(self) -> None:
        self._post("flush")

    def status(self) -> str:
        try:
            return str(self._post("status")["status"])
        except OSError:
            return "recording"  # the agent is stopping; the page says so on its next load

    def notice(self) -> str | None:
        try:
            value = self._post("status").get("notice")
        except OSError:
            return None
        return str(value) if value else None
