"""`ledgerwatch run`: the agent that runs all day, kept small.

This process holds only capture (its own thread, writing the local store through the standard library's
sqlite3), the tray, a few timers and the door (runtime.door: the review page's address). The review page and
the occasional heavy job (the reminder, sync, opening and migrating the store) run in processes of their own,
started when needed (runtime.page), so SQLAlchemy, the web server, sessionize, billing and sync never stay
resident.
"""

from __future__ import annotations

import contextlib
import logging
import os
import secrets
import signal
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from ledgerwatch import config
from ledgerwatch.domain import Event, utcnow
from ledgerwatch.runtime.capture import CaptureSwitch, LiveCapture, capture_settings
from ledgerwatch.runtime.door import Door
from ledgerwatch.runtime.page import NOT_CONNECTED, PartRunner
from ledgerwatch.runtime.timers import Job, Timers, daily, every

if TYPE_CHECKING:
    from ledgerwatch.review.ports import CaptureControl

log = logging.getLogger("ledgerwatch.runtime")

SYNC_EVERY = timedelta(minutes=2)


def has_display(env: Mapping[str, str], platform: str) -> bool:
    """Whether a tray icon can be shown (Linux needs an X or Wayland display)."""
    if platform.startswith("linux"):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


class EventSink:
    """Where capture's events go: the local SQLite file through sqlite3, or (firm mode) the configured database."""

    def __init__(self, effective: config.Effective) -> None:
        self._close: Callable[[], object]
        if effective.settings.database_url:
            from ledgerwatch.store import EventLog, open_database

            db = open_database(effective.database_target)
            log_ = EventLog(db)
            self.add_many: Callable[[Sequence[Event]], int] = log_.add_many
            self.purge_before: Callable[[datetime], int] = log_.purge_before
            self._close = db.dispose
        else:
            from ledgerwatch.store.agentlog import AgentEventLog

            local = AgentEventLog(effective.paths.database)
            self.add_many, self.purge_before, self._close = local.add_many, local.purge_before, local.close

    def close(self) -> None:
        self._close()


class SyncState:
    """What the last sync part reported: whether approved entries wait to go and whether one needs attention."""

    def __init__(self, report: Mapping[str, Any]) -> None:
        self.lock = threading.Lock()
        self.waiting = False
        self.problem = False
        self.update(0, report)

    def update(self, status: int, report: Mapping[str, Any]) -> None:
        with self.lock:
            self.waiting = (
                status != NOT_CONNECTED and bool(report.get("connected")) and bool(report.get("waiting"))
            )
            self.problem = bool(report.get("problem"))


def run(
    effective: config.Effective,
    *,
    headless: bool = False,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    opener: Callable[[str], object] | None = None,
    ready: Callable[[Door], object] | None = None,
) -> int:
    """Capture, timers, the door and (unless headless or without a display) the tray, until Quit or a signal."""
    from ledgerwatch.tray.autostart import Autostart, agent_command
    from ledgerwatch.tray.instance import InstanceLock
    from ledgerwatch.tray.notify import desktop_notify

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    environ = os.environ if env is None else env
    show = opener or webbrowser.open
    settings = effective.settings
    lock = InstanceLock(effective.paths.data_dir)
    if not lock.acquire():
        running = lock.running_url()
        if running:
            show(running)
        print("ledgerwatch is already running; opened its review page")
        return 0

    token = secrets.token_urlsafe(32)
    door_box: list[Door] = []
    parts = PartRunner(command or agent_command(), lambda: door_box[0].base, token)
    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    try:
        code, prepared = parts.run("prepare")
    except KeyboardInterrupt:
        lock.release()
        return 0
    if code != 0:
        lock.release()
        print(
            "ledgerwatch: the store could not be opened (run `ledgerwatch status` to see why)",
            file=sys.stderr,
        )
        return 2
    sync_state = SyncState(prepared)

    sink: EventSink | None = None
    capture: LiveCapture | None = None
    if settings.capture.enabled:
        sink = EventSink(effective)
        capture = LiveCapture(
            capture_settings(settings, str(prepared.get("browser_token", ""))),
            sink.add_many,
            effective.paths.data_dir,
        )
    control: CaptureControl = capture or CaptureSwitch(utcnow)

    def notice() -> str | None:
        return capture.notice() if capture is not None else None

    door = Door(token, parts.page, control, notice=notice, port=settings.review.port)
    door_box.append(door)

    def sync_now() -> object:
        status, report = parts.run("sync")
        sync_state.update(status, report)
        return report

    def sync_if_waiting() -> None:
        if sync_state.waiting:
            sync_now()

    # Approving on the page queues entries: look once the page is closed, then every 2 min while any wait.
    parts.on_page_closed = lambda: threading.Thread(target=sync_now, name="lw-sync", daemon=True).start()

    def purge() -> None:
        if sink is not None:
            sink.purge_before(utcnow() - timedelta(days=settings.capture.retention_days))

    zone = settings.zone()
    hour, minute = (int(p) for p in settings.review.reminder_time.split(":"))
    timers = Timers(
        [
            Job("reminder", lambda: parts.run("remind"), daily(time(hour, minute), zone), timedelta(hours=4)),
            Job("retention_purge", purge, daily(time(3, 17), zone), timedelta(hours=24)),
            Job("drain_outbox", sync_if_waiting, every(SYNC_EVERY), timedelta(hours=1)),
        ],
        utcnow,
    )

    tray: Any = None
    try:
        if capture is not None:
            capture.start()
        door.start()
        lock.publish(door.url())
        timers.start()
        try:
            Autostart().apply(settings.start_at_login)
        except OSError as exc:
            print(f"start at login: {exc}", file=sys.stderr)
        for problem in effective.policy_problems:  # also logged when the policy was read
            print(f"ledgerwatch: {problem}", file=sys.stderr)
            desktop_notify("ledgerwatch: IT policy problem", problem)
        if notice():
            desktop_notify("ledgerwatch: permission needed", str(notice()))
        if ready is not None:
            ready(door)
        if not headless and has_display(environ, sys.platform):
            tray = _tray(effective, door, control, sync_now, sync_state, notice, show)
            tray.run()
        else:
            print(f"ledgerwatch running headless; review at {door.base} (Ctrl+C to stop)", flush=True)
            print(f"open once: {door.url()}", flush=True)
            with contextlib.suppress(KeyboardInterrupt):
                threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        timers.stop()
        door.stop()
        parts.stop()
        if capture is not None:
            capture.stop()
        if sink is not None:
            sink.close()
        lock.release()
    return 0


def _tray(
    effective: config.Effective,
    door: Door,
    control: CaptureControl,
    sync_now: Callable[[], object],
    sync_state: SyncState,
    notice: Callable[[], str | None],
    show: Callable[[str], object],
) -> Any:
    from ledgerwatch.tray.icon import Tray, TrayActions, TrayState

    data_dir = effective.paths.data_dir
    policy_problems = effective.policy_problems
    zone = effective.settings.zone()

    def state() -> TrayState:
        if policy_problems:
            return TrayState.POLICY_PROBLEM
        if sync_state.problem:
            return TrayState.SYNC_PROBLEM
        return TrayState(control.status())

    def open_folder() -> None:
        if sys.platform == "win32":
            os.startfile(data_dir)  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(data_dir)])
        else:
            webbrowser.open(data_dir.as_uri())

    def in_background(call: Callable[[], object]) -> Callable[[], object]:
        return lambda: threading.Thread(target=call, name="lw-tray-action", daemon=True).start()

    actions = TrayActions(
        review_today=in_background(
            lambda: show(door.url(f"/day/{utcnow().astimezone(zone).date().isoformat()}"))
        ),
        pause=lambda minutes: control.pause(
            utcnow() + timedelta(minutes=minutes) if minutes is not None else None
        ),
        resume=control.resume,
        set_private=control.set_private,
        sync_now=in_background(sync_now),
        settings=in_background(lambda: show(door.url("/settings"))),
        open_data_folder=open_folder,
        quit=lambda: None,
        state=state,
        notice=notice,
    )
    return Tray(actions)
