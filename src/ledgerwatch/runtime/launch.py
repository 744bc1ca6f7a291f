"""`ledgerwatch review` and `ledgerwatch demo`: serve the review page (or open the running agent's) until Ctrl+C.

Neither captures: the page has no capture switches unless `ledgerwatch run` serves it.
"""

from __future__ import annotations

import contextlib
import json
import os
import threading
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from ledgerwatch import config
from ledgerwatch.app import Services
from ledgerwatch.runtime.rates import rate_lookup
from ledgerwatch.workday import Workday
from ledgerwatch.workday.sample import build_sample_day

if TYPE_CHECKING:
    from ledgerwatch.review.server import RunningServer


def launch_review(
    services: Services,
    day: date | None = None,
    *,
    opener: Callable[[str], object] | None = None,
    block: bool = True,
) -> str:
    """`ledgerwatch review [--date D]`: open the running instance's page, or serve one until Ctrl+C."""
    from ledgerwatch.review.server import open_review, start_server
    from ledgerwatch.tray.instance import InstanceLock

    lock = InstanceLock(services.effective.paths.data_dir)
    workday = Workday(services, rates=rate_lookup(services))
    path = f"/day/{(day or workday.today()).isoformat()}"
    show = opener or (lambda url: open_review(url))
    if not lock.acquire():
        running = lock.running_url()
        if running:
            url = running.replace("/?token=", f"{path}?token=")
            show(url)
            return url
    try:
        server = start_server(workday, port=services.settings.review.port, billing=services.billing)
        url = server.url(path)
        show(url)
        if block:
            print(f"review: {server.base}{path} (Ctrl+C to stop)")
            wait_forever()
        else:
            return url
        server.stop()
        return url
    finally:
        if block:
            lock.release()


def wait_forever() -> None:
    """Block until Ctrl+C."""
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
    from ledgerwatch.review.server import open_review, start_server

    home, samples = Path(home), Path(samples)
    truth_file = samples / "truth.json"
    truth = json.loads(truth_file.read_text(encoding="utf-8")) if truth_file.exists() else {}
    zone_name = truth.get("timezone", "UTC")
    (home / "config").mkdir(parents=True, exist_ok=True)
    (home / "config" / "config.toml").write_text(f'timezone = "{zone_name}"\n', encoding="utf-8")
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
    (opener or (lambda u: open_review(u)))(url)
    if block:
        print(f"demo home: {home}\nreview: {url}\n(Ctrl+C to stop)")
        wait_forever()
        server.stop()
        services.close()
    return server, url
