"""The agent's side of the firm ledger: connect with a device token, pull the firm's matters, push approved
entries through the outbox (a standing target beside any connected provider), disconnect.

Connecting adds 'firm' to the outbox's standing targets, so every approval from then on is queued for the
ledger as well as for the provider; entries approved before are queued once, at connect.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx

from ledgerwatch.domain.clock import Clock, utcnow
from ledgerwatch.store import outbox, remote
from ledgerwatch.store.db import Database
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.connectors.firm import PROVIDER, FirmConnector, firm_settings
from ledgerwatch.sync.drain import Credentials, Drain, DrainReport, RetryPolicy, read_with_retries
from ledgerwatch.sync.errors import SyncError
from ledgerwatch.sync.http import Pacer, client_options
from ledgerwatch.sync.oauth import Revocation
from ledgerwatch.sync.service import Disconnection, local_matter
from ledgerwatch.sync.settings import ProviderSettings
from ledgerwatch.sync.tokens import KeyringTokenStore, TokenStore

URL_KEY = f"sync.{PROVIDER}.url"
ClientFactory = Callable[[ProviderSettings], httpx.Client]


def default_client(settings: ProviderSettings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.timeout,
        headers={"User-Agent": "ledgerwatch"},
        **client_options(settings.proxy, settings.system_trust_store),
    )


class FirmNotConnected(SyncError):
    """The firm ledger is not connected on this machine."""


@dataclass(frozen=True, slots=True)
class FirmConnection:
    url: str
    timekeeper: str
    name: str
    queued: int
    """entries approved before connecting, queued now"""
    matters: int


class FirmSync:
    def __init__(
        self,
        db: Database,
        token_store: TokenStore | None = None,
        http_client_factory: ClientFactory = default_client,
        clock: Clock = utcnow,
        sleep: Callable[[float], None] = time.sleep,
        policy: RetryPolicy | None = None,
        rng: random.Random | None = None,
        timeout: float = 30.0,
        proxy: str = "",
        system_trust_store: bool = True,
    ) -> None:
        self.db = db
        self.tokens = token_store if token_store is not None else KeyringTokenStore()
        self.client_factory = http_client_factory
        self.clock = clock
        self.sleep = sleep
        self.policy = policy or RetryPolicy()
        self.rng = rng or random.Random()
        self.timeout, self.proxy, self.trust = timeout, proxy, system_trust_store

    def url(self) -> str | None:
        with self.db.connect() as conn:
            return remote.get_value(conn, URL_KEY)

    @contextmanager
    def _session(self, url: str | None = None) -> Iterator[tuple[FirmConnector, Credentials]]:
        url = url or self.url()
        if not url:
            raise FirmNotConnected(
                "the firm ledger is not connected; run `ledgerwatch connect firm --url URL`"
            )
        settings = firm_settings(url, self.timeout, self.proxy, self.trust)
        client = self.client_factory(settings)
        try:
            credentials = Credentials(PROVIDER, self.tokens, self.clock)
            connector = FirmConnector(
                client, settings, credentials.access_token, Pacer(self.clock, self.sleep)
            )
            yield connector, credentials
        finally:
            client.close()

    def connect(self, url: str, token: str) -> FirmConnection:
        """Keep the device token (OS keyring), check it with the ledger, and queue every approved entry once."""
        if not url.startswith(("https://", "http://")):
            raise ValueError(f"the firm ledger's URL must start with https:// (got {url!r})")
        if not token.strip():
            raise ValueError(
                "no device token: the firm's administrator issues one (`ledgerwatch firm device add`)"
            )
        self.tokens.save(PROVIDER, TokenSet(token.strip(), None, None))
        with self._session(url) as (connector, credentials):
            user = read_with_retries(
                connector.pull_user, connector, credentials, self.policy, self.sleep, self.rng
            )
        now = self.clock()
        with self.db.begin() as conn:
            remote.set_value(conn, URL_KEY, url.rstrip("/"))
            remote.set_value(conn, f"sync.{PROVIDER}.user_id", user.id)
            targets = outbox.standing_targets(conn)
            if PROVIDER not in targets:
                remote.set_value(conn, outbox.TARGETS_KEY, ",".join((*targets, PROVIDER)))
            requeued = outbox.requeue(conn, now, auth_only=True, provider=PROVIDER)
        matters = self.pull()
        return FirmConnection(url, user.id, user.name, self._backfill() + requeued, matters)

    def _backfill(self) -> int:
        """Queue for the ledger each approved entry that has never had a row for it."""
        with self.db.connect() as conn:
            ids = outbox.never_queued(conn, PROVIDER)
        repo = EntryRepository(self.db, self.clock)
        now = self.clock()
        with self.db.begin() as conn:
            for entry_id in ids:
                outbox.enqueue(conn, repo.get(entry_id, conn), "create", now, provider=PROVIDER)
        return len(ids)

    def pull(self) -> int:
        """The firm's matters (and clients) into this machine's list, linked for pushing; how many."""
        with self._session() as (connector, credentials):
            matters = read_with_retries(
                lambda: list(connector.pull_matters(None)),
                connector,
                credentials,
                self.policy,
                self.sleep,
                self.rng,
            )
            billed = read_with_retries(
                lambda: connector.billed_entries(None),
                connector,
                credentials,
                self.policy,
                self.sleep,
                self.rng,
            )
        now = self.clock()
        with self.db.begin() as conn:
            for m in matters:
                remote.upsert_remote_matter(conn, PROVIDER, m.id, local_matter(m), now)
            outbox.lock_billed(conn, PROVIDER, billed, now)
        return len(matters)

    def push(self, wait_limit: float | None = 60.0) -> DrainReport:
        """Drain the ledger's rows of the outbox; deferred rows are awaited up to wait_limit seconds."""
        with self._session() as (connector, credentials):
            drain = Drain(self.db, connector, credentials, self.clock, self.sleep, self.policy, self.rng)
            return drain.run(wait_limit=wait_limit)

    def disconnect(self) -> Disconnection:
        """Give the token back (best effort), forget it; queued rows wait for the next connection.

        Says honestly whether the ledger confirmed the revocation (an administrator can revoke the device
        there when it did not)."""
        url = self.url()
        if url is None:
            return Disconnection(PROVIDER, False, None)
        tokens = self.tokens.load(PROVIDER)
        revocation = None
        if tokens is not None:
            try:
                with self._session(url) as (connector, _credentials):
                    connector.revoke(tokens.access_token)
                revocation = Revocation(True, "the firm ledger revoked this device's token")
            except SyncError as exc:  # unreachable, or it already refused the token: forgetting it is enough
                revocation = Revocation(
                    False,
                    f"the firm ledger did not confirm the revocation ({exc.message}); "
                    "an administrator can revoke the device there",
                )
        self.tokens.delete(PROVIDER)
        with self.db.begin() as conn:
            remote.delete_values(conn, URL_KEY)
            targets = tuple(t for t in outbox.standing_targets(conn) if t != PROVIDER)
            remote.set_value(conn, outbox.TARGETS_KEY, ",".join(targets))
        return Disconnection(PROVIDER, True, revocation)
