"""The agent's heavy parts, each in a process of its own started when needed: `ledgerwatch run --part NAME`.

    prepare  read the settings, open (and migrate) the store, make the browser pairing token; report what the
             agent needs (runtime.agentconfig) and the sync queue
    page     serve the review page until nobody has used it for a while (or the agent goes away)
    remind   rebuild today's drafts and show the end-of-day reminder when some wait for review
    sync     push the outbox (the firm ledger, and the connected provider); report whether anything still waits
    purge    delete raw activity past retention (firm mode: the agent writes SQLite only)

Each reports one JSON line on stdout. The agent (runtime.agent) holds the door, capture, the tray and the
timers, so the review server, SQLAlchemy, sessionize, billing and sync live only as long as their work.
The door token, and the page's launch key and host name (review.session), arrive on stdin (never on a command
line that other users can list); stdin closing means the agent went away, and the page follows it.
"""

from __future__ import annotations

import contextlib
import json
import secrets
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import IO, TYPE_CHECKING, Any

from ledgerwatch.review.session import new_host

if TYPE_CHECKING:
    from ledgerwatch import config

PARTS = ("prepare", "page", "remind", "sync", "purge")
PAGE_IDLE_SECONDS = 30 * 60.0
NOT_CONNECTED = 3


def report(out: IO[str], **values: Any) -> None:
    out.write(json.dumps(values) + "\n")
    out.flush()


def run_part(
    name: str,
    effective: config.Effective,
    door: str | None = None,
    stdin: IO[str] | None = None,
    stdout: IO[str] | None = None,
    idle_seconds: float = PAGE_IDLE_SECONDS,
) -> int:
    """Run one part to its end; its exit status and one JSON line on stdout say how it went."""
    from ledgerwatch.app import open_services

    source = stdin or sys.stdin
    out = stdout or sys.stdout
    token = source.readline().strip() if name == "page" else ""
    launch = source.readline().split() if name == "page" else []
    with open_services(effective) as services:
        if name == "prepare":
            from ledgerwatch.runtime.agentconfig import AgentConfig
            from ledgerwatch.runtime.capture import browser_token

            agent = AgentConfig.from_effective(effective, browser_token(services))
            report(out, agent=agent.to_json(), **_queue(services))
            return 0
        if name == "sync":
            queue = _queue(services)
            if not queue["connected"]:
                report(out, **queue)
                return NOT_CONNECTED
            try:
                push(services)
            finally:
                report(out, **_queue(services))
            return 0
        if name == "purge":
            keep = timedelta(days=services.settings.capture.retention_days)
            report(out, purged=services.events.purge_before(services.clock() - keep))
            return 0
        from ledgerwatch.runtime.rates import rate_lookup
        from ledgerwatch.workday import Workday

        workday = Workday(services, rates=rate_lookup(services))
        with contextlib.suppress(ImportError):
            workday.rebuild()
        if name == "remind":
            text = workday.reminder()
            if text:
                from ledgerwatch.tray.notify import desktop_notify

                desktop_notify("ledgerwatch", text)
            report(out, reminder=text)
            return 0
        if name != "page" or door is None:
            raise ValueError(f"unknown part {name!r} (one of {', '.join(PARTS)})")
        if len(launch) != 2:
            raise ValueError("the page needs its launch key and host name on stdin")
        access = _access(bytes.fromhex(launch[0]), launch[1])
        return _serve_page(services, workday, door, token, access, source, out, idle_seconds)


def _access(key: bytes, host: str) -> Any:
    from ledgerwatch.review.session import Access

    return Access(host=host, key=key)


def push(services: Any) -> object:
    """Send what waits: to the firm ledger when connected (a target of its own), then to the provider."""
    firm = services.firm_sync()
    if firm.url():
        firm.push()
    sync = services.sync()
    return sync.push() if sync.connected() else None


def _queue(services: Any) -> dict[str, Any]:
    """Whether sync is connected, how many approved entries wait to go, and whether any needs attention."""
    provider, queue = services.sync_queue()
    items = list(queue.open_items)
    return {
        "connected": bool(provider) or bool(services.firm_sync().url()),
        "waiting": len(items),
        "problem": any(item.state != "pending" for item in items),
    }


def _serve_page(
    services: Any,
    workday: Any,
    door: str,
    token: str,
    access: Any,
    stdin: IO[str],
    out: IO[str],
    idle_seconds: float,
) -> int:
    from ledgerwatch.review.ports import AgentControls
    from ledgerwatch.review.server import start_server
    from ledgerwatch.runtime.door import DoorControl

    def sync_now() -> object:
        return push(services)

    control = DoorControl(door, token)
    server = start_server(
        workday, agent=AgentControls(control, sync_now, control.notice), billing=services.billing, access=access
    )
    report(out, url=server.base)
    gone = threading.Event()

    def watch_agent() -> None:
        with contextlib.suppress(OSError, ValueError):
            stdin.read()
        gone.set()

    threading.Thread(target=watch_agent, name="lw-agent-watch", daemon=True).start()
    seen, quiet_since = -1, time.monotonic()
    try:
        while not gone.wait(min(30.0, idle_seconds)):
            served = int(server.server.server_state.total_requests)
            if served != seen:
                seen, quiet_since = served, time.monotonic()
            elif time.monotonic() - quiet_since >= idle_seconds:
                break
    finally:
        server.stop()
    return 0


class PartRunner:
    """Starts the parts from the agent: the page kept while used, the others run to their end."""

    def __init__(
        self,
        command: Sequence[str],
        door: Callable[[], str],
        token: str,
        timeout: float = 120.0,
        launch: tuple[bytes, str] | None = None,
    ) -> None:
        self.command = list(command)
        self.door = door
        self.token = token
        self.launch = launch or (secrets.token_bytes(32), new_host())
        """the page's launch key and host name (review.session): launch links the agent mints, the page takes"""
        self.timeout = timeout
        self._lock = threading.Lock()
        self._page: subprocess.Popen[str] | None = None
        self._page_url: str | None = None
        self.on_page_closed: Callable[[], object] = lambda: None

    def _popen(
        self, name: str, extra: Sequence[str] = (), stdin: int = subprocess.PIPE
    ) -> subprocess.Popen[str]:
        flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0
        return subprocess.Popen(
            [*self.command, "--part", name, *extra],
            stdin=stdin,
            stdout=subprocess.PIPE,
            text=True,
            creationflags=flags,
        )

    def page(self) -> str:
        """The review page's base URL, starting its process when none is running."""
        with self._lock:
            if self._page is not None and self._page.poll() is None and self._page_url:
                return self._page_url
            self._page_closed()
            process = self._popen("page", ["--door", self.door()])
            assert process.stdin is not None and process.stdout is not None
            key, host = self.launch
            process.stdin.write(f"{self.token}\n{key.hex()} {host}\n")
            process.stdin.flush()  # left open: its end tells the page the agent is gone
            line = _read_line(process, self.timeout)
            url = json.loads(line).get("url") if line else None
            if not url:
                process.kill()
                process.wait()
                raise RuntimeError(f"the review page's process ended (status {process.poll()})")
            self._page, self._page_url = process, str(url)
            threading.Thread(target=self._reap, args=(process,), name="lw-page-reaper", daemon=True).start()
            return self._page_url

    def _reap(self, process: subprocess.Popen[str]) -> None:
        process.wait()
        with self._lock:
            if self._page is process:
                self._page_closed()

    def _page_closed(self) -> None:
        if self._page is not None:
            self._page, self._page_url = None, None
            self.on_page_closed()

    def run(self, name: str) -> tuple[int, dict[str, Any]]:
        """Run a part to its end: its exit status and its report."""
        process = self._popen(name, stdin=subprocess.DEVNULL)
        try:
            out, _ = process.communicate(timeout=self.timeout * 5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
            return -1, {}
        lines = [line for line in out.splitlines() if line.startswith("{")]
        return process.returncode, (json.loads(lines[-1]) if lines else {})

    def stop(self) -> None:
        with self._lock:
            page, self._page = self._page, None
        if page is not None and page.poll() is None:
            if page.stdin is not None:
                with contextlib.suppress(OSError):
                    page.stdin.close()
            try:
                page.wait(timeout=10)
            except subprocess.TimeoutExpired:
                page.terminate()
                page.wait()


def _read_line(process: subprocess.Popen[str], timeout: float) -> str | None:
    """The first line the process writes, or None when it ends or stays silent for timeout seconds."""
    found: list[str] = []
    assert process.stdout is not None
    stdout = process.stdout
    reader = threading.Thread(target=lambda: found.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    return found[0] if found and found[0] else None
