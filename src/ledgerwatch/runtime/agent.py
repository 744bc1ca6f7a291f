"""`ledgerwatch run`: live capture, the scheduler, the review server and (where there is a display) the tray.

The server, tray and scheduler are imported when they start, so the commands that only read the
capture status stay light.
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import subprocess
import sys
import threading
import webbrowser
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import TYPE_CHECKING

from ledgerwatch import config
from ledgerwatch.app import Services, open_services
from ledgerwatch.runtime.capture import CaptureSwitch, LiveCapture
from ledgerwatch.runtime.rates import rate_lookup
from ledgerwatch.workday import Workday

if TYPE_CHECKING:
    from ledgerwatch.review.ports import CaptureControl


def has_display(env: Mapping[str, str], platform: str) -> bool:
    """Whether a tray icon can be shown (Linux needs an X or Wayland display)."""
    if platform.startswith("linux"):
        return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"))
    return True


def run(effective: config.Effective, *, headless: bool = False) -> int:
    """Capture, scheduler, review server and (unless headless or without a display) the tray."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    services = open_services(effective)
    capture = LiveCapture(services) if effective.settings.capture.enabled else None

    def on_term(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_term)
    sync = services.sync()
    firm = services.firm_sync()

    def sync_now() -> object:
        if firm.url():
            firm.push()  # the firm ledger, a target of its own beside the provider
        return sync.push() if sync.connected() else None

    def sync_problem() -> bool:
        return any(item.state != "pending" for item in sync.status().open_items)

    if capture is not None:
        capture.start()
    try:
        return run_app(
            services, capture=capture, sync_now=sync_now, sync_problem=sync_problem, headless=headless
        )
    except KeyboardInterrupt:
        return 0
    finally:
        if capture is not None:
            capture.stop()
        services.close()


def run_app(
    services: Services,
    *,
    capture: CaptureControl | None = None,
    sync_now: Callable[[], object] | None = None,
    sync_problem: Callable[[], bool] | None = None,
    refresh_calendars: Callable[[], object] | None = None,
    env: Mapping[str, str] | None = None,
    opener: Callable[[str], object] | None = None,
    headless: bool = False,
) -> int:
    """`ledgerwatch run`: tray + capture + scheduler + review server; headless when asked or without a display."""
    from ledgerwatch.jobs import JobCalls, build_scheduler, job_table
    from ledgerwatch.review.ports import AgentControls
    from ledgerwatch.review.server import open_review, start_server
    from ledgerwatch.tray.autostart import Autostart
    from ledgerwatch.tray.icon import Tray, TrayActions, TrayState
    from ledgerwatch.tray.instance import InstanceLock
    from ledgerwatch.tray.notify import desktop_notify

    environ = os.environ if env is None else env
    data_dir = services.effective.paths.data_dir
    lock = InstanceLock(data_dir)
    show = opener or (lambda url: open_review(url))
    if not lock.acquire():
        running = lock.running_url()
        if running:
            show(running)
        print("ledgerwatch is already running; opened its review page")
        return 0
    workday = Workday(services, rates=rate_lookup(services))
    control: CaptureControl = capture or CaptureSwitch(services.clock)
    server = start_server(
        workday,
        port=services.settings.review.port,
        agent=AgentControls(control, sync_now),
        billing=services.billing,
    )
    lock.publish(server.url())
    tray: Tray | None = None

    def remind() -> None:
        text = workday.reminder()
        if text:
            desktop_notify("ledgerwatch", text, fallback=tray.notify if tray else None)

    def purge() -> None:
        keep = timedelta(days=services.settings.capture.retention_days)
        services.events.purge_before(services.clock() - keep)

    def sessionize() -> None:
        with contextlib.suppress(ImportError):
            workday.rebuild()

    zone = workday.zone
    calls = JobCalls(
        capture_flush=control.flush,
        sessionize_today=sessionize,
        remind=remind,
        drain_outbox=sync_now or (lambda: None),
        purge_retention=purge,
        refresh_calendars=refresh_calendars or (lambda: None),
    )
    scheduler = build_scheduler(job_table(calls, services.settings, zone), zone)
    scheduler.start()
    try:
        Autostart().apply(services.settings.start_at_login)
    except OSError as exc:
        print(f"start at login: {exc}", file=sys.stderr)

    policy_problems = services.effective.policy_problems

    def state() -> TrayState:
        if policy_problems:
            return TrayState.POLICY_PROBLEM
        if sync_problem is not None and sync_problem():
            return TrayState.SYNC_PROBLEM
        return TrayState(control.status())

    def open_folder() -> None:
        if sys.platform == "win32":
            os.startfile(data_dir)  # type: ignore[attr-defined]
        elif sys.platform == "darwin":
            subprocess.Popen(["open", str(data_dir)])
        else:
            webbrowser.open(data_dir.as_uri())

    quit_event = threading.Event()
    actions = TrayActions(
        review_today=lambda: show(server.day_url(workday.today())),
        pause=lambda minutes: control.pause(
            services.clock() + timedelta(minutes=minutes) if minutes is not None else None
        ),
        resume=control.resume,
        set_private=control.set_private,
        sync_now=sync_now or (lambda: None),
        settings=lambda: show(server.url("/settings")),
        open_data_folder=open_folder,
        quit=quit_event.set,
        state=state,
    )
    for problem in policy_problems:  # also logged when the policy was read
        print(f"ledgerwatch: {problem}", file=sys.stderr)
        desktop_notify("ledgerwatch: IT policy problem", problem)
    try:
        if not headless and has_display(environ, sys.platform):
            tray = Tray(actions)
            tray.run()
        else:
            print(f"ledgerwatch running headless; review at {server.base} (Ctrl+C to stop)")
            print(f"open once: {server.url()}")
            with contextlib.suppress(KeyboardInterrupt):
                quit_event.wait()
    finally:
        scheduler.shutdown(wait=False)
        server.stop()
        lock.release()
    return 0
