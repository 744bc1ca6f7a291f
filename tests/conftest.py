"""Fixtures shared by every test module: an isolated LEDGERWATCH_HOME, the shared sample week, and for billing
a seeded firm (on SQLite and PostgreSQL) and a real SMTP server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.billing_support import DATABASES, Clock, Firm, Inbox, billing_database, seed, smtp_server

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
