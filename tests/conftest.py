"""Fixtures shared by every test module: an isolated LEDGERWATCH_HOME, the shared sample week, the review
page over it (store, server, headless Chromium), and for billing a seeded firm (on SQLite and PostgreSQL) and a
real SMTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch.app import Services
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.workday import Workday
from ledgerwatch.workday.sample import build_sample_day
from tests.billing_support import DATABASES, Clock, Firm, Inbox, billing_database, seed, smtp_server
from tests.review_support import CHROMIUM, CHROMIUM_ARGS, MONDAY, open_sample_week

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("LEDGERWATCH_SHARED", ROOT.parent / "shared"))
SAMPLE_WEEK = SHARED / "samples" / "week1"


@pytest.fixture
def sample_week() -> Path:
    if not (SAMPLE_WEEK / "aw-export.json").exists():
        pytest.skip(f"shared sample week not found at {SAMPLE_WEEK}")
    return SAMPLE_WEEK


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A test-only keyring backend in one JSON file, where no SecretService runs (never in production)."""
    import keyring

    from tests.fakes.keyring_file import FileKeyring

    path = tmp_path / "keyring.json"
    monkeypatch.setenv("LW_TEST_KEYRING_FILE", str(path))
    previous = keyring.get_keyring()
    keyring.set_keyring(FileKeyring())
    yield path
    keyring.set_keyring(previous)


@pytest.fixture
def lw_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throw-away LEDGERWATCH_HOME with no policy and UTC as the attorney's zone."""
    home = tmp_path / "home"
    monkeypatch.setenv("LEDGERWATCH_HOME", str(home))
    monkeypatch.setenv("LEDGERWATCH_TIMEZONE", "UTC")
    monkeypatch.delenv("LEDGERWATCH_POLICY_FILE", raising=False)
    for key in list(os.environ):
        if key.startswith("LEDGERWATCH_") and key not in {
            "LEDGERWATCH_HOME",
            "LEDGERWATCH_TIMEZONE",
            "LEDGERWATCH_TEST_PG_URL",
            "LEDGERWATCH_SHARED",
        }:
            monkeypatch.delenv(key)
    yield home


@pytest.fixture
def review_services(lw_home: Path, sample_week: Path) -> Iterator[Services]:
    """The sample week in a fresh store with Monday's drafts made from its truth file (not by sessionize)."""
    svc = open_sample_week(sample_week)
    build_sample_day(Workday(svc), sample_week, MONDAY, prefer_sessionize=False)
    yield svc
    svc.close()


@pytest.fixture
def review_server(review_services: Services) -> Iterator[RunningServer]:
    """The review page over review_services on a free port of 127.0.0.1, as `ledgerwatch review` serves it."""
    running = start_server(Workday(review_services), billing=review_services.billing)
    yield running
    running.stop()


@pytest.fixture(scope="module")
def chromium_browser() -> Iterator[Any]:
    """A headless Chromium through Playwright (skips where either is missing)."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()
@pytest.fixture(params=DATABASES)
def firm(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Firm]:
    """The seeded firm of tests/billing_support.py on 1 April 2026, 09:00 UTC, once per database."""
    with billing_database(request.param, tmp_path) as db:
        yield seed(db, Clock(datetime(2026, 4, 1, 9, tzinfo=UTC)))


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server (aiosmtpd) on a free local port: its inbox and the port."""
    with smtp_server() as server:
        yield server
