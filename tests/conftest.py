"""Fixtures shared by every test module: an isolated LEDGERWATCH_HOME, the packaged sample week, a test keyring,
a managed policy, the review page over the sample week (store, server, headless Chromium), and for billing a
seeded firm (on SQLite and PostgreSQL) and a real SMTP server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch import config, samples
from ledgerwatch.app import Services
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.runtime import rate_lookup
from ledgerwatch.workday import Workday
from ledgerwatch.workday.sample import build_sample_day
from tests.billing_support import DATABASES, Clock, Firm, Inbox, billing_database, seed, smtp_server
from tests.review_support import CHROMIUM, CHROMIUM_ARGS, MONDAY, open_sample_week


@pytest.fixture
def sample_week() -> Path:
    """The sample attorney week shipped in the package (src/ledgerwatch/samples/week1)."""
    return samples.week()


@pytest.fixture
def file_keyring(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A test-only keyring backend in one JSON file, where no SecretService runs (never in production)."""
    import keyring

    from tests.fakes.keyring_file import FileKeyring

    previous = keyring.get_keyring()  # before the file is named, so detection cannot pick the test backend
    path = tmp_path / "keyring.json"
    monkeypatch.setenv("LW_TEST_KEYRING_FILE", str(path))
    keyring.set_keyring(FileKeyring())
    yield path
    keyring.set_keyring(previous)


@pytest.fixture
def managed_policy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], Path]:
    """Write IT's policy (TOML text) for this test; LEDGERWATCH_POLICY_FILE names it.

    A policy installed on the machine (/etc/ledgerwatch/policy.toml, e.g. while a .deb install test runs in any
    session on the same machine) outranks that variable, so there the test cannot say what the policy is: it is
    skipped with that reason instead of silently testing the machine's policy.
    """
    system = config.system_policy_file()
    if system.exists():
        pytest.skip(f"a system policy exists at {system}: LEDGERWATCH_POLICY_FILE is ignored")

    def write(text: str) -> Path:
        policy = tmp_path / "policy.toml"
        policy.write_text(text, encoding="utf-8")
        monkeypatch.setenv("LEDGERWATCH_POLICY_FILE", str(policy))
        return policy

    return write


@pytest.fixture
def lw_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A throw-away LEDGERWATCH_HOME, no LEDGERWATCH_* of the caller, no policy file named, UTC as the zone."""
    home = tmp_path / "home"
    monkeypatch.setenv("LEDGERWATCH_HOME", str(home))
    monkeypatch.setenv("LEDGERWATCH_TIMEZONE", "UTC")
    monkeypatch.delenv("LEDGERWATCH_POLICY_FILE", raising=False)
    for key in list(os.environ):
        if key.startswith("LEDGERWATCH_") and key not in {
            "LEDGERWATCH_HOME",
            "LEDGERWATCH_TIMEZONE",
            "LEDGERWATCH_TEST_PG_URL",
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
    running = start_server(
        Workday(review_services, rates=rate_lookup(review_services)), billing=review_services.billing
    )
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
