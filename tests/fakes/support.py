"""Small test doubles shared by the fakes and the sync tests: serving a fake over real HTTP, a clock whose sleep
advances it, a token store in memory, entry builders, and a sync service or CLI wired to a fake provider."""

from __future__ import annotations

import socket
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any

import httpx
import pytest

from ledgerwatch.domain import EntryStatus, TimeEntry
from ledgerwatch.store import outbox
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import entries
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.service import SyncService
from ledgerwatch.sync.settings import ProviderSettings

if TYPE_CHECKING:
    from tests.fakes.base import FakeProvider


@contextmanager
def serve_on_localhost(
    respond: Callable[[BaseHTTPRequestHandler], None], sock: socket.socket | None = None
) -> Iterator[str]:
    """Serve on 127.0.0.1 (a free port), or on a listening socket handed in, in a thread, calling respond with
    each request's handler whatever its method; yields the base URL and stops the server on exit."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def _any(self) -> None:
            respond(self)

        do_GET = do_POST = do_PUT = do_PATCH = do_DELETE = _any

        def log_message(self, format: str, *args: Any) -> None:
            return

    if sock is None:
        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    else:
        server = ThreadingHTTPServer(sock.getsockname(), Handler, bind_and_activate=False)
        server.socket.close()
        server.socket = sock
        server.server_address = sock.getsockname()
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        yield f"http://{host}:{port}"
    finally:
        server.shutdown()
        server.server_close()


def request_body(handler: BaseHTTPRequestHandler) -> bytes:
    """The body of the request handler is serving (as long as its Content-Length says)."""
    length = int(handler.headers.get("Content-Length") or 0)
    return handler.rfile.read(length) if length else b""


class FakeClock:
    """Time that moves only when someone sleeps (so back-offs and rate-limit waits are instant)."""

    def __init__(self, start: datetime = datetime(2024, 5, 6, 9, 0, tzinfo=UTC)) -> None:
        self.now = start
        self.slept: list[float] = []

    def __call__(self) -> datetime:
        return self.now

    def time(self) -> float:
        return self.now.timestamp()

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += timedelta(seconds=max(0.0, seconds))


class MemoryTokenStore:
    def __init__(self) -> None:
        self.saved: dict[str, TokenSet] = {}

    def load(self, provider: str) -> TokenSet | None:
        return self.saved.get(provider)

    def save(self, provider: str, tokens: TokenSet) -> None:
        self.saved[provider] = tokens

    def delete(self, provider: str) -> None:
        self.saved.pop(provider, None)


def approved_entry(n: int, matter: str, day: date = date(2024, 5, 6), hours: str = "0.3") -> TimeEntry:
    return TimeEntry(
        id=f"e{n:05d}",
        date=day,
        spans=(),
        worked_seconds=int(Decimal(hours) * 3600) - 30,
        billed_hours=Decimal(hours),
        matter=matter,
        description=f"Draft and revise motion {n}",
        status=EntryStatus.APPROVED,
        approved_at=datetime(2024, 5, 6, 18, 0, tzinfo=UTC),
    )


def approve_all(db: Database, batch: list[TimeEntry], now: datetime) -> None:
    """Store approved entries and their outbox rows in one transaction, as the approval code does."""
    with db.begin() as conn:
        for entry in batch:
            conn.execute(
                entries.insert().values(
                    id=entry.id,
                    day=entry.date,
                    matter=entry.matter,
                    kind=entry.kind.value,
                    worked_seconds=entry.worked_seconds,
                    billed_hours=entry.billed_hours,
                    description=entry.description,
                    status=entry.status.value,
                    version=entry.version,
                )
            )
            outbox.enqueue(conn, entry, "create", now)


def sync_service(
    db: Database, fake: FakeProvider, settings: ProviderSettings, *, served: bool = False, **kwargs: Any
) -> SyncService:
    """A SyncService whose provider is fake: through its MockTransport, or over HTTP when served (then
    settings must name the served base URL). kwargs go to SyncService (token store, clock, sleep, policy)."""

    def client(_settings: ProviderSettings) -> httpx.Client:
        if served:
            return httpx.Client(timeout=_settings.timeout)
        return httpx.Client(transport=fake.transport())

    return SyncService(db, provider_settings=lambda _p, _r: settings, http_client_factory=client, **kwargs)


def point_cli_at(settings: ProviderSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make the `ledgerwatch` command talk to a served fake: its API and OAuth URLs as LEDGERWATCH_SYNC__*."""
    monkeypatch.setenv("LEDGERWATCH_SYNC__API_BASE_URL", settings.api_base)
    monkeypatch.setenv("LEDGERWATCH_SYNC__TOKEN_URL", settings.token_url)
    monkeypatch.setenv("LEDGERWATCH_SYNC__REVOKE_URL", settings.revoke_url)
