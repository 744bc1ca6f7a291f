"""`python -m tests.fakes.refresh_runner BASE_URL PROVIDER CRASH_POINT`: one process that refreshes and calls.

It reads the tokens from the OS keyring API (the test selects the file backend with PYTHON_KEYRING_BACKEND),
refreshes them when they have expired, then asks the provider who the user is. At CRASH_POINT it kills
itself with SIGKILL, as a power cut or the OOM killer would:

    before-request   the refresh request has not left
    request-sent     the provider answered the refresh; the answer was never read
    before-save      the new tokens are read and parsed; the keyring write has not started
    after-save       the new tokens are in the keyring; nothing has used them yet
    after-use        the new access token has served one request
    none             no crash: exit 0 when the call succeeded
"""

from __future__ import annotations

import os
import signal
import sys

import httpx

from ledgerwatch.domain.clock import utcnow
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.drain import Credentials, with_auth
from ledgerwatch.sync.service import _CONNECTORS
from ledgerwatch.sync.tokens import KeyringTokenStore
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther

FAKES = {"mycase": FakeMyCase, "practicepanther": FakePracticePanther}
POINTS = ("before-request", "request-sent", "before-save", "after-save", "after-use", "none")


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


class CrashingTransport(httpx.BaseTransport):
    def __init__(self, point: str, token_path: str) -> None:
        self.point, self.token_path = point, token_path
        self.inner = httpx.HTTPTransport()
        self.refreshed = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        refresh = request.url.path == self.token_path
        if refresh and self.point == "before-request":
            die()
        response = self.inner.handle_request(request)
        response.read()
        if refresh:
            self.refreshed = True
            if self.point == "request-sent":
                die()
        elif self.refreshed and self.point == "after-use" and response.status_code < 400:
            die()
        return response


class CrashingStore(KeyringTokenStore):
    def __init__(self, point: str) -> None:
        super().__init__()
        self.point = point

    def save(self, provider: str, tokens: TokenSet) -> None:
        if self.point == "before-save":
            die()
        super().save(provider, tokens)
        if self.point == "after-save":
            die()


def main(argv: list[str]) -> int:
    base_url, provider, point = argv[:3]
    if point not in POINTS:
        raise SystemExit(f"unknown crash point {point!r}")
    settings = FAKES[provider]().settings(base_url, timeout=10.0)
    transport = CrashingTransport(point, httpx.URL(settings.token_url).path)
    store = CrashingStore(point)
    with httpx.Client(transport=transport, timeout=10.0) as client:
        credentials = Credentials(provider, store, utcnow)
        connector = _CONNECTORS[provider](client, settings, credentials.access_token, None)
        user = with_auth(connector.pull_user, connector, credentials)
    print(f"ok {user.id}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
