"""Live capture in its own thread, and the switches the tray, the page header and the agent's timers use.

The capture agent writes a small status file after every flush so that `ledgerwatch status` (another
process) can tell what is being captured. Nothing here loads the store's ORM: the sink is handed in.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
import socket
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledgerwatch import permissions
from ledgerwatch.capture import BrowserTabs, CaptureAgent, CaptureSettings, CaptureStatus
from ledgerwatch.capture.backends import Backends, select_backend
from ledgerwatch.capture.settings import DEFAULT_REDACTIONS, Redaction
from ledgerwatch.domain import Event, utcnow

if TYPE_CHECKING:
    from ledgerwatch import config
    from ledgerwatch.app import Services

log = logging.getLogger("ledgerwatch.runtime")

BROWSER_TOKEN_KEY = "browser_token"
STATUS_FILE = "capture-status.json"
ENDPOINT_FILE = "browser-endpoint.json"


def status_file(effective: config.Effective) -> Path:
    return effective.paths.data_dir / STATUS_FILE


def endpoint_file(effective: config.Effective) -> Path:
    """Where this session's browser endpoint (port and token) is published for the native messaging host."""
    return effective.paths.data_dir / ENDPOINT_FILE


def publish_endpoint(path: Path, port: int, token: str) -> None:
    """Write the endpoint for this user only (0600): the token lets a page of this session report tabs."""
    tmp = path.with_name(path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as f:
        json.dump({"port": port, "token": token, "pid": os.getpid()}, f)
    os.replace(tmp, path)


def browser_token(services: Services) -> str:
    """The extension's pairing token, made on first use and kept in the local store."""
    token = services.kv.get(BROWSER_TOKEN_KEY)
    if not token:
        token = secrets.token_urlsafe(24)
        services.kv.set(BROWSER_TOKEN_KEY, token)
    return token


def capture_settings(settings: config.Settings, token: str) -> CaptureSettings:
    """The capture agent's settings from the user's (and IT's) settings."""
    c = settings.capture
    extra = tuple(Redaction(f"custom-{i}", pattern) for i, pattern in enumerate(c.redact_patterns, 1))
    return CaptureSettings(
        sample_interval=c.sample_seconds,
        flush_interval=c.flush_seconds,
        idle_threshold=float(c.idle_threshold_seconds),
        origin=socket.gethostname(),
        excluded_apps=tuple(c.excluded_apps),
        excluded_titles=tuple(c.excluded_title_patterns),
        excluded_domains=tuple(c.excluded_domains),
        redactions=DEFAULT_REDACTIONS + extra,
        browser_endpoint=c.browser_port != 0,
        browser_port=c.browser_port,
        browser_token=token,
    )


class LiveCapture:
    """The capture agent as the tray, the page and the agent's timers see it (pause, private mode, flush, state).

    It samples and flushes in its own thread: one flush per interval, and the status file written right after
    it, so `ledgerwatch status` never reads a state one flush old.
    """

    def __init__(
        self,
        settings: CaptureSettings,
        sink: Callable[[Sequence[Event]], object],
        data_dir: Path,
        clock: Callable[[], datetime] = utcnow,
        backends: Backends | None = None,
    ) -> None:
        self.settings = settings
        self.clock = clock
        self.backends = backends or select_backend(self.settings.idle_source)
        self.tabs = BrowserTabs() if self.settings.browser_endpoint else None
        self.endpoint: Any = None
        self.status_path = data_dir / STATUS_FILE
        self.endpoint_path = data_dir / ENDPOINT_FILE
        self.agent = CaptureAgent(
            self.backends.window,
            self.backends.idle,
            sink,
            self.settings,
            tabs=self.tabs,
            notice=self.backends.notice,
            on_flush=self.write_status,
        )
        self.stop_event = threading.Event()
        self.thread = threading.Thread(
            target=self.agent.run_forever, args=(self.stop_event,), name="capture", daemon=True
        )

    def write_status(self, status: CaptureStatus) -> None:
        data = status.to_dict()
        data["written_at"] = self.clock().isoformat()
        data["pid"] = os.getpid()
        permissions.write_private(self.status_path, json.dumps(data))

    def start(self) -> None:
        notice = self.agent.status().notice
        if notice:
            print(notice)
        if self.tabs is not None:
            from ledgerwatch.capture.browser import BrowserEndpoint

            self.endpoint = None
            # The configured port first; when another session of a terminal server holds it, any free port:
            # the extension finds this session's port through the native messaging host (endpoint_file).
            for port in dict.fromkeys((self.settings.browser_port, 0)):
                endpoint = BrowserEndpoint(self.tabs, self.settings.browser_token, port)
                try:
                    endpoint.start()
                except (OSError, RuntimeError) as exc:
                    log.warning("browser extension endpoint not started on port %s: %s", port, exc)
                    continue
                self.endpoint = endpoint
                publish_endpoint(self.endpoint_path, endpoint.port, self.settings.browser_token)
                break
        self.thread.start()

    def stop(self) -> None:
        self.stop_event.set()
        self.thread.join(timeout=10)
        if self.endpoint is not None:
            self.endpoint.stop()
        self.backends.window.close()
        self.backends.idle.close()
        self.status_path.unlink(missing_ok=True)
        self.endpoint_path.unlink(missing_ok=True)

    # --- CaptureControl, for the tray, the page and the agent's timers ---

    def pause(self, until: datetime | None) -> None:
        seconds = None if until is None else max(0.0, (until - self.clock()).total_seconds())
        self.agent.pause(seconds)

    def resume(self) -> None:
        self.agent.resume()

    def set_private(self, on: bool) -> None:
        self.agent.set_private(on)

    def flush(self) -> None:
        self.agent.flush()

    def status(self) -> str:
        state = self.agent.status().state
        return state if state in {"paused", "private"} else "recording"

    def notice(self) -> str | None:
        """What the user should know about this capture (a missing permission, a remote session)."""
        return self.agent.status().notice


class CaptureSwitch:
    """A capture control that only keeps the state (headless, tests, or before live capture is wired)."""

    def __init__(self, clock: Callable[[], datetime]) -> None:
        self.clock = clock
        self.paused_until: datetime | None = None
        self.paused = False
        self.private = False
        self.flushes = 0

    def pause(self, until: datetime | None) -> None:
        self.paused, self.paused_until = True, until

    def resume(self) -> None:
        self.paused, self.paused_until = False, None

    def set_private(self, on: bool) -> None:
        self.private = on

    def flush(self) -> None:
        self.flushes += 1

    def status(self) -> str:
        if self.paused and self.paused_until is not None and self.clock() >= self.paused_until:
            self.resume()
        if self.private:
            return "private"
        return "paused" if self.paused else "recording"
