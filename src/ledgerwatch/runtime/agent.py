"""`ledgerwatch run`: the agent that runs all day, kept small.

This process holds only capture (its own thread, writing the local store through the standard library's
sqlite3), the tray, a few timers and the door (runtime.door: the review page's address). The review page and
the occasional heavy job (the reminder, sync, opening and migrating the store) run in processes of their own,
started when needed (runtime.page), so pydantic, SQLAlchemy, the web server, sessionize, billing and sync
never stay resident.

The review page is opened as `ledgerwatch review` opens it (review.session): a one-time launch link under this
launch's own host name, handed to the browser through a private forwarding file, never on a command line and
never printed. The link names the door, which starts the page when none runs and passes the code on to it.
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
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from ledgerwatch.domain import Event, utcnow
from ledgerwatch.review.session import launch_link, new_host
from ledgerwatch.runtime.agentconfig import AgentConfig
from ledgerwatch.runtime.capture import CaptureSwitch, LiveCapture
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

    def __init__(self, agent: AgentConfig) -> None:
        self._close: Callable[[], object]
        if agent.database_url:
            from ledgerwatch.store import EventLog, open_database

            db = open_database(agent.database_url)
            log_ = EventLog(db)
            self.add_many: Callable[[Sequence[Event]], int] = log_.add_many
            self.purge_before: Callable[[datetime], int] = log_.purge_before
            self._close = db.dispose
        else:
            from ledgerwatch.store.agentlog import AgentEventLog

            local = AgentEventLog(agent.database)
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
            self.waiting = status != NOT_CONNECTED and bool(report.get("connected")) and bool(report.get("waiting"))
            self.problem = bool(report.get("problem"))


def run(
    *,
    headless: bool = False,
    command: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    opener: Callable[[str], object] | None = None,
) -> int:
    """Capture, timers, the door and (unless headless or without a display) the tray, until Quit or a signal.

    The settings are read, and the store opened, by the prepare part: this process never loads pydantic or
    SQLAlchemy (firm mode aside, whose events go to its database through SQLAlchemy).
    """
    from ledgerwatch.tray.autostart import agent_command

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    token = secrets.token_urlsafe(32)
    door_box: list[Door] = []
    key, host = secrets.token_bytes(32), new_host()
    parts = PartRunner(command or agent_command(), lambda: door_box[0].base, token, launch=(key, host))

    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    # Ctrl+C stops the agent even when it was started with SIGINT ignored (a background job of a
    # non-interactive shell inherits that, and Python then never raises KeyboardInterrupt)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        code, prepared = parts.run("prepare")
    except KeyboardInterrupt:
        return 0
    if code != 0 or "agent" not in prepared:
        print("ledgerwatch: the agent could not start (the reason is above)", file=sys.stderr)
        return 2
    agent = AgentConfig.from_json(prepared["agent"])
    return _run_prepared(
        agent,
        parts,
        door_box,
        SyncState(prepared),
        headless=headless,
        env=os.environ if env is None else env,
        show=opener or _opener(agent),
    )


def _opener(agent: AgentConfig) -> Callable[[str], object]:
    """Opens a launch link in the default browser through a private forwarding file (never a command line)."""
    from ledgerwatch.review.opening import open_review

    folder = agent.data_dir / "launch"
    return lambda link: open_review(link, folder, prefer_window=False)


def _run_prepared(
    agent: AgentConfig,
    parts: PartRunner,
    door_box: list[Door],
    sync_state: SyncState,
    *,
    headless: bool,
    env: Mapping[str, str],
    show: Callable[[str], object],
) -> int:
    from ledgerwatch.handoff import clear_forwarding_files
    from ledgerwatch.tray.autostart import Autostart
    from ledgerwatch.tray.instance import InstanceLock
    from ledgerwatch.tray.notify import desktop_notify

    lock = InstanceLock(agent.data_dir)
    if not lock.acquire():
        running = lock.running()
        if running:
            show(launch_link(*running))
        print("ledgerwatch is already running; opened its review page")
        return 0
    key, host = parts.launch

    sink: EventSink | None = None
    capture: LiveCapture | None = None
    if agent.capture is not None:
        sink = EventSink(agent)
        capture = LiveCapture(agent.capture, sink.add_many, agent.data_dir)
    control: CaptureControl = capture or CaptureSwitch(utcnow)

    def notice() -> str | None:
        return capture.notice() if capture is not None else None

    door = Door(parts.token, parts.page, control, key=key, host=host, notice=notice, port=agent.review_port)
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
            sink.purge_before(utcnow() - timedelta(days=agent.retention_days))

    zone = ZoneInfo(agent.timezone)
    hour, minute = (int(p) for p in agent.reminder_time.split(":"))
    timers = Timers(
        [
            Job("reminder", lambda: parts.run("remind"), daily(time(hour, minute), zone), timedelta(hours=4)),
            Job("retention_purge", purge, daily(time(3, 17), zone), timedelta(hours=24)),
            Job("drain_outbox", sync_if_waiting, every(SYNC_EVERY), timedelta(hours=1)),
        ],
        utcnow,
    )
    tray: Any = None
    opening = Opening(parts, door, key, show)
    try:
        if capture is not None:
            capture.start()
        door.start()
        lock.publish(door.launch_base, key)
        timers.start()
        try:
            Autostart().apply(agent.start_at_login)
        except OSError as exc:
            print(f"start at login: {exc}", file=sys.stderr)
        for problem in agent.policy_problems:  # also logged when the policy was read
            print(f"ledgerwatch: {problem}", file=sys.stderr)
            desktop_notify("ledgerwatch: IT policy problem", problem)
        if notice():
            desktop_notify("ledgerwatch: permission needed", str(notice()))
        if not headless and has_display(env, sys.platform):
            tray = _tray(agent, zone, opening, control, sync_now, sync_state, notice)
            quit_tray = tray.stop

            def stop_tray(_signum: int, _frame: object) -> None:
                quit_tray()  # the icon's loop ends as after Quit (an exception would surface inside pystray)

            signal.signal(signal.SIGTERM, stop_tray)
            signal.signal(signal.SIGINT, stop_tray)
            tray.run()
        else:
            print("ledgerwatch running headless; `ledgerwatch review` opens its page (Ctrl+C to stop)", flush=True)
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
        clear_forwarding_files(agent.data_dir / "launch")
    return 0


class Opening:
    """Opens a page of the review for the attorney: the page's process started first (so the one-time code
    is not spent waiting for it), then a launch link through the door; a page that cannot start is said."""

    def __init__(self, parts: PartRunner, door: Door, key: bytes, show: Callable[[str], object]) -> None:
        self.parts, self.door, self.key, self.show = parts, door, key, show

    def __call__(self, path: str) -> None:
        from ledgerwatch.tray.notify import desktop_notify

        try:
            self.parts.page()
        except (OSError, RuntimeError) as exc:
            log.warning("the review page did not start: %s", exc)
            desktop_notify("ledgerwatch", f"The review page could not start: {exc}")
            return
        self.show(launch_link(self.door.launch_base, self.key, path))


def _tray(
    agent: AgentConfig,
    zone: tzinfo,
    opening: Opening,
    control: CaptureControl,
    sync_now: Callable[[], object],
    sync_state: SyncState,
    notice: Callable[[], str | None],
) -> Any:
    from ledgerwatch.tray.icon import Tray, TrayActions, TrayState

    data_dir = agent.data_dir
    policy_problems = agent.policy_problems

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
        review_today=in_background(lambda: opening(f"/day/{utcnow().astimezone(zone).date().isoformat()}")),
        pause=lambda minutes: control.pause(
            utcnow() + timedelta(minutes=minutes) if minutes is not None else None
        ),
        resume=control.resume,
        set_private=control.set_private,
        sync_now=in_background(sync_now),
        settings=in_background(lambda: opening("/settings")),
        open_data_folder=open_folder,
        quit=lambda: None,
        state=state,
        notice=notice,
    )
    return Tray(actions)
