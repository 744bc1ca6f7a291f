"""Finding 10: rotated refresh tokens are in the keyring before they are used, so no kill loses the connection.

A real process (tests.fakes.refresh_runner) refreshes an expired token against the fake provider served over
HTTP and SIGKILLs itself at each step; a second process must then still reach the provider, and so must a
third after another rotation. The fake rotates as rotating authorization servers do when they allow for a
lost answer: the old refresh token stays good until the new pair is first used (`rotation_grace`). A server
that retires it the instant it answers leaves a window no client can close (the answer in flight); there the
keyring write is the very next thing the client does.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.drain import Credentials, with_auth
from ledgerwatch.sync.service import _CONNECTORS
from ledgerwatch.sync.tokens import KeyringUnavailable, encode
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther
from tests.fakes.refresh_runner import POINTS
from tests.fakes.support import MemoryTokenStore

ROOT = Path(__file__).resolve().parents[2]
PAST = datetime(2020, 1, 1, tzinfo=UTC)


def _env(keyring: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        PYTHON_KEYRING_BACKEND="tests.fakes.keyring_file.FileKeyring",
        LW_TEST_KEYRING_FILE=str(keyring),
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT / "src"), str(ROOT), env.get("PYTHONPATH", "")) if p),
    )
    return env


def _seed(keyring: Path, provider: str, fake: Any) -> None:
    """Tokens as `connect` left them, their access token now expired."""
    issued = fake.issue_tokens()
    tokens = TokenSet(issued["access_token"], issued["refresh_token"], PAST)
    keyring.write_text(json.dumps({f"ledgerwatch/{provider}": encode(tokens)}))
    fake.expire_tokens()


def _stored(keyring: Path, provider: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.loads(keyring.read_text())[f"ledgerwatch/{provider}"])
    return data


def _run(base: str, provider: str, point: str, keyring: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tests.fakes.refresh_runner", base, provider, point],
        env=_env(keyring),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def _expire_stored(keyring: Path, provider: str) -> None:
    data = json.loads(keyring.read_text())
    tokens = json.loads(data[f"ledgerwatch/{provider}"])
    tokens["expires_at"] = PAST.isoformat()
    data[f"ledgerwatch/{provider}"] = json.dumps(tokens)
    keyring.write_text(json.dumps(data))


@pytest.mark.slow
@pytest.mark.parametrize("point", [p for p in POINTS if p != "none"])
def test_a_kill_at_every_step_of_a_refresh_leaves_a_working_connection(point: str, tmp_path: Path) -> None:
    """SIGKILL before the request, after the answer, before and after the keyring write, after first use:
    the next process reaches MyCase, and so does one after another rotation."""
    fake = FakeMyCase()
    fake.rotation_grace = True
    keyring = tmp_path / "keyring.json"
    with fake.serve() as base:
        _seed(keyring, "mycase", fake)
        killed = _run(base, "mycase", point, keyring)
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        for _ in range(2):
            after = _run(base, "mycase", "none", keyring)
            assert after.returncode == 0 and after.stdout.startswith("ok"), after.stderr
            assert _stored(keyring, "mycase")["refresh_token"] in fake.refresh
            _expire_stored(keyring, "mycase")
            fake.expire_tokens()


@pytest.mark.slow
def test_practicepanther_survives_a_kill_between_answer_and_keyring(tmp_path: Path) -> None:
    """The same for PracticePanther, at the step the issue found losing the connection."""
    fake = FakePracticePanther()
    fake.rotation_grace = True
    keyring = tmp_path / "keyring.json"
    with fake.serve() as base:
        _seed(keyring, "practicepanther", fake)
        assert _run(base, "practicepanther", "before-save", keyring).returncode == -signal.SIGKILL
        after = _run(base, "practicepanther", "none", keyring)
        assert after.returncode == 0 and after.stdout.startswith("ok"), after.stderr


class RecordingStore(MemoryTokenStore):
    """A token store that writes down what happened to it, in order, beside the HTTP traffic."""

    def __init__(self, log: list[str], keeps: bool = True) -> None:
        super().__init__()
        self.log, self.keeps = log, keeps

    def save(self, provider: str, tokens: TokenSet) -> None:
        self.log.append(f"save {tokens.access_token}")
        if self.keeps:
            super().save(provider, tokens)

    def load(self, provider: str) -> TokenSet | None:
        tokens = super().load(provider)
        self.log.append(f"load {tokens.access_token if tokens else None}")
        return tokens


def _session(fake: Any, store: MemoryTokenStore, log: list[str]) -> tuple[Any, Credentials, httpx.Client]:
    def handle(request: httpx.Request) -> httpx.Response:
        response = fake.handle(request)
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        log.append(f"{request.method} {request.url.path}" + (f" {bearer}" if bearer else ""))
        return response

    client = httpx.Client(transport=httpx.MockTransport(handle))
    settings = fake.settings("https://fake.example")
    credentials = Credentials(fake.name, store, lambda: datetime.now(UTC))
    return _CONNECTORS[fake.name](client, settings, credentials.access_token, None), credentials, client


def test_new_tokens_are_kept_before_they_are_used() -> None:
    """The order is: token request, keyring write, keyring read-back, and only then the new access token."""
    fake, log = FakeMyCase(), []
    store = RecordingStore(log)
    issued = fake.issue_tokens()
    store.saved["mycase"] = TokenSet(issued["access_token"], issued["refresh_token"], PAST)
    connector, credentials, client = _session(fake, store, log)
    with client:
        with_auth(connector.pull_user, connector, credentials)
    token_call = next(i for i, line in enumerate(log) if line.startswith("POST /oauth/token"))
    fresh = next(line.split()[1] for line in log[token_call:] if line.startswith("save "))
    save, read_back = log.index(f"save {fresh}"), log.index(f"load {fresh}")
    first_use = next(i for i, line in enumerate(log) if line.endswith(f" {fresh}") and line.startswith("GET"))
    assert token_call < save < read_back < first_use


def test_a_keyring_that_does_not_keep_them_stops_before_use() -> None:
    """When the keyring silently drops the new tokens, nothing uses them, and the connection still works."""
    fake, log = FakeMyCase(), []
    fake.rotation_grace = True
    store = RecordingStore(log, keeps=False)
    issued = fake.issue_tokens()
    store.saved["mycase"] = TokenSet(issued["access_token"], issued["refresh_token"], PAST)
    connector, credentials, client = _session(fake, store, log)
    with client, pytest.raises(KeyringUnavailable, match="did not keep the new tokens"):
        with_auth(connector.pull_user, connector, credentials)
    assert not any(line.startswith("GET") for line in log)
    store.keeps = True
    connector, credentials, client = _session(fake, store, log)
    with client:
        assert with_auth(connector.pull_user, connector, credentials).id


def test_tokens_another_process_rotated_are_used_not_lost() -> None:
    """Two processes (the agent and a `sync push`) share the keyring: the one whose refresh token went stale
    takes the other's newer tokens instead of losing the connection (strict rotation, no grace)."""
    fake = FakeMyCase()
    store = MemoryTokenStore()
    issued = fake.issue_tokens()
    store.saved["mycase"] = TokenSet(issued["access_token"], issued["refresh_token"], PAST)
    first, first_credentials, first_client = _session(fake, store, [])
    second, second_credentials, second_client = _session(fake, store, [])
    second_credentials.tokens()  # the second process read the keyring before the first one rotated
    with first_client, second_client:
        with_auth(first.pull_user, first, first_credentials)
        fake.expire_tokens()
        fake.access[store.saved["mycase"].access_token] = datetime.now(UTC).timestamp() + 3600
        assert with_auth(second.pull_user, second, second_credentials).id
    assert second_credentials.tokens() == store.saved["mycase"]


def test_expired_tokens_with_past_expiry_are_refreshed_up_front() -> None:
    """A stored expiry in the past refreshes before the first call (no wasted 401)."""
    fake, log = FakeMyCase(), []
    store = RecordingStore(log)
    issued = fake.issue_tokens()
    store.saved["mycase"] = TokenSet(
        issued["access_token"], issued["refresh_token"], datetime.now(UTC) - timedelta(1)
    )
    connector, credentials, client = _session(fake, store, log)
    with client:
        with_auth(connector.pull_user, connector, credentials)
    requests = [line for line in log if not line.startswith(("save", "load"))]
    assert requests[0].startswith("POST /oauth/token") and len(requests) == 2
