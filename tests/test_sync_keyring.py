"""Tokens live only in the OS keyring: never in a database row, a log line or a file of ours.

The real test needs a SecretService (gnome-keyring on a D-Bus session bus: run it inside
`.ci/with-desktop.sh`, adapted from the team's shared desktop recipe); without one it is skipped, and the
same assertions run against the test-only file backend (tests/fakes/keyring_file.py), which proves the
code path but not the OS store.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from sqlalchemy import select

from ledgerwatch.store import open_database
from ledgerwatch.store.schema import metadata
from ledgerwatch.sync.drain import RetryPolicy
from ledgerwatch.sync.tokens import KeyringTokenStore
from tests.fakes.clio import FakeClio
from tests.fakes.keyring_file import FileKeyring
from tests.fakes.support import FakeClock, approve_all, approved_entry, sync_service


def _secret_service() -> KeyringBackend | None:
    try:
        from keyring.backends import SecretService

        backend = SecretService.Keyring()
        backend.priority  # noqa: B018 - raises when no SecretService is reachable
        backend.set_password("ledgerwatch-probe", "probe", "x")
        backend.delete_password("ledgerwatch-probe", "probe")
        return backend
    except Exception:
        return None


@pytest.fixture(params=["secretservice", "file"])
def backend(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    if request.param == "secretservice":
        chosen = _secret_service()
        if chosen is None:
            pytest.skip("no SecretService on this session bus (run inside with-desktop.sh)")
    else:
        monkeypatch.setenv("LW_TEST_KEYRING_FILE", str(tmp_path / "outside" / "keyring.json"))
        (tmp_path / "outside").mkdir()
        chosen = FileKeyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(chosen)
    yield request.param
    keyring.set_keyring(previous)


def _every_row(db_path: Path) -> str:
    db = open_database(db_path)
    try:
        with db.connect() as conn:
            return "\n".join(
                str(row) for table in metadata.sorted_tables for row in conn.execute(select(table))
            )
    finally:
        db.dispose()


def test_tokens_are_in_the_keyring_and_nowhere_else(
    backend: str, tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    """Connected and refreshed tokens are readable from the keyring (service 'ledgerwatch', user 'clio') and
    appear in no database row or file, no log line and no output; disconnect removes them."""
    caplog.set_level(logging.DEBUG)
    home = tmp_path / "home"
    home.mkdir()
    clock = FakeClock()
    fake = FakeClio(clock=clock.time)
    fake.add_matters(3)
    db_path = home / "ledgerwatch.sqlite"
    db = open_database(db_path)

    service = sync_service(
        db,
        fake,
        fake.settings("https://clio.test"),
        token_store=KeyringTokenStore(),
        clock=clock,
        sleep=clock.sleep,
        policy=RetryPolicy(base=0.1, cap=1.0),
    )
    first = fake.issue_tokens()
    service.connect_with_tokens(
        "clio", {k: first[k] for k in ("access_token", "refresh_token", "expires_in")}
    )
    service.pull()
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    fake.expire_tokens()
    assert service.push().created == 1
    stored = keyring.get_password("ledgerwatch", "clio")
    assert stored is not None and first["refresh_token"] in stored
    assert first["access_token"] not in stored  # refreshed: the keyring holds the new access token
    secrets = [
        first["access_token"],
        first["refresh_token"],
        *(t for t in fake.access if t != first["access_token"]),
    ]
    db.dispose()

    rows = _every_row(db_path)
    files = b"".join(p.read_bytes() for p in home.rglob("*") if p.is_file())
    out = capsys.readouterr()
    for secret in secrets:
        assert secret not in rows
        assert secret.encode() not in files
        assert secret not in caplog.text
        assert secret not in out.out + out.err
    assert any("oauth/token" in r.getMessage() for r in caplog.records)  # the logs were really captured

    db = open_database(db_path)
    service.db = db
    current = keyring.get_password("ledgerwatch", "clio")
    done = service.disconnect("clio")
    assert done.had_tokens and done.revocation is not None and done.revocation.done
    assert keyring.get_password("ledgerwatch", "clio") is None
    assert len(fake.revoked) == 1 and current is not None and fake.revoked[0] in current  # Clio: the access token
    db.dispose()
