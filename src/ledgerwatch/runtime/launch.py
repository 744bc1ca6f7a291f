"""`ledgerwatch review` and `ledgerwatch demo`: serve the review page (or open the running agent's) until Ctrl+C.

Neither captures: the page has no capture switches unless `ledgerwatch run` serves it. The page is opened
with a one-time launch link (review.session) that goes to the browser through a private forwarding file, never
on a command line, and is never printed: what is printed names no secret.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ledgerwatch import config, permissions
from ledgerwatch.app import Services
from ledgerwatch.runtime.rates import rate_lookup
from ledgerwatch.workday import Workday
from ledgerwatch.workday.sample import build_sample_day

if TYPE_CHECKING:
    from ledgerwatch.review.server import RunningServer


def launch_folder(effective: config.Effective) -> Path:
    """Where the private forwarding files that open the review page are written."""
    return effective.paths.data_dir / "launch"


def default_opener(effective: config.Effective) -> Callable[[str], object]:
    """Opens a launch link as the attorney's machine should: a window, or the browser via a private file."""
    from ledgerwatch.review.opening import open_review

    folder = launch_folder(effective)
    return lambda link: open_review(link, folder)


def launch_review(
    services: Services,
    day: date | None = None,
    *,
    opener: Callable[[str], object] | None = None,
    block: bool = True,
) -> str:
    """`ledgerwatch review [--date D]`: open the running instance's page, or serve one until Ctrl+C.

    Returns what happened, in words that name no secret.
    """
    from ledgerwatch.review.opening import clear_forwarding_files
    from ledgerwatch.review.server import start_server
    from ledgerwatch.review.session import launch_link
    from ledgerwatch.tray.instance import InstanceLock

    lock = InstanceLock(services.effective.paths.data_dir)
    workday = Workday(services, rates=rate_lookup(services))
    path = f"/day/{(day or workday.today()).isoformat()}"
    show = opener or default_opener(services.effective)
    holding = lock.acquire()
    if not holding:
        running = lock.running()
        if running:
            base, key = running
            show(launch_link(base, key, path))
            return "opened the running agent's review page"
    try:
        server = start_server(workday, port=services.settings.review.port, billing=services.billing)
        if block and holding:
            lock.publish(server.base, server.access.key)
        show(server.url(path))
        if block:
            print("review: opened in your browser; Ctrl+C stops it (`ledgerwatch review` opens it again)")
            wait_forever()
        else:
            return "review page opened"
        server.stop()
        return "review page closed"
    finally:
        if block:
            lock.release()
            clear_forwarding_files(launch_folder(services.effective))


def wait_forever() -> None:
    """Block until Ctrl+C (or SIGTERM), even when started with SIGINT ignored (a background job)."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.default_int_handler)
        signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.suppress(KeyboardInterrupt):
        threading.Event().wait()


def demo(
    home: Path | str,
    samples: Path | str,
    open_services: Callable[[config.Effective], Services],
    *,
    opener: Callable[[str], object] | None = None,
    block: bool = True,
) -> tuple[RunningServer, str]:
    """`ledgerwatch demo`: the sample week in a throw-away home, drafts built, review opened on its Monday."""
    from ledgerwatch.review.server import start_server

    home, samples = Path(home), Path(samples)
    truth_file = samples / "truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    zone_name = truth.get("timezone", "UTC")
    permissions.private_dir(home / "config")
    permissions.write_private(home / "config" / "config.toml", f'timezone = "{zone_name}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env["LEDGERWATCH_HOME"] = str(home)
    services = open_services(config.load(env=env))
    services.import_matters(samples / "matters.csv")
    services.import_activitywatch(samples / "aw-export.json")
    if (samples / "calendar.ics").exists():
        services.import_ics(samples / "calendar.ics")
    days = sorted({datetime.fromisoformat(i["start"]).date() for i in truth.get("intervals", [])})
    workday = Workday(services, rates=rate_lookup(services))
    for d in days:
        build_sample_day(workday, samples, d)
    first = days[0] if days else workday.today()
    server = start_server(workday, billing=services.billing)
    url = server.day_url(first)
    (opener or default_opener(services.effective))(url)
    if block:
        print(f"demo home: {home}\nreview: the sample week from {first} (Ctrl+C to stop)")
        wait_forever()
        server.stop()
        services.close()
    return server, url
