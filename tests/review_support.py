"""The sample week in a fresh store and a headless Chromium, for the review tests (their fixtures: conftest.py)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ledgerwatch import config
from ledgerwatch.app import Services, open_services

if TYPE_CHECKING:
    from ledgerwatch.review.server import RunningServer

MONDAY = date(2026, 2, 2)
"""the sample week's Monday"""
EVENING = datetime(2026, 2, 2, 18, 30, tzinfo=UTC)
"""the clock of every review test: Monday evening, when the attorney reviews the day"""
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def open_sample_week(sample_week: Path) -> Services:
    """The sample week's matters, activity and calendar in the current LEDGERWATCH_HOME's store, no drafts yet."""
    svc = open_services(config.load(), clock=lambda: EVENING)
    svc.import_matters(sample_week / "matters.csv")
    svc.import_activitywatch(sample_week / "aw-export.json")
    svc.import_ics(sample_week / "calendar.ics")
    return svc


def sign_in(page: Any, running: RunningServer, path: str) -> None:
    """Open the review page in a browser as the attorney does: a one-time launch link (from the tray or
    `ledgerwatch review`) whose page sets the session cookie and moves on to path; waits until path is shown
    and ready. Later pages of the same browser context go straight to `running.base + path`."""
    page.goto(running.url(path))
    target = running.base + path
    page.wait_for_url(lambda url: url == target)
    page.wait_for_selector("body[data-ready]")
