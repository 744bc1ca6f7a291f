"""The sync service the CLI, jobs and tray call: connect, pull, push, status, disconnect.

Build it with `SyncService(db, provider_settings, token_store, http_client_factory, clock, sleep)`; every
argument but db has a production default.
"""

from __future__ import annotations

import contextlib
import json
import random
import time
import webbrowser
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx

from ledgerwatch.domain import BillingMethod, Client, Matter, MatterStatus, Money
from ledgerwatch.domain.clock import Clock, utcnow
from ledgerwatch.domain.text import clean_line
from ledgerwatch.store import outbox, remote
from ledgerwatch.store.db import Database
from ledgerwatch.sync import oauth
from ledgerwatch.sync.connector import Connector, RemoteMatter, RemotePayment, TokenSet
from ledgerwatch.sync.connectors.clio import ClioConnector
from ledgerwatch.sync.connectors.mycase import MyCaseConnector
from ledgerwatch.sync.connectors.practicepanther import PracticePantherConnector
from ledgerwatch.sync.drain import Credentials, Drain, DrainReport, RetryPolicy, read_with_retries
from ledgerwatch.sync.errors import SyncError
from ledgerwatch.sync.http import Pacer, client_options
from ledgerwatch.sync.settings import PROVIDERS, ProviderSettings, provider_settings
from ledgerwatch.sync.tokens import KeyringTokenStore, TokenStore

SettingsFor = Callable[[str, str], ProviderSettings]
"""(provider, region) -> ProviderSettings; config.py wraps `sync.settings.provider_settings` with overrides"""
ClientFactory = Callable[[ProviderSettings], httpx.Client]

ConnectorFactory = Callable[[httpx.Client, ProviderSettings, Callable[[], str], Pacer | None], Connector]
_CONNECTORS: dict[str, ConnectorFactory] = {
    "clio": ClioConnector,
    "mycase": MyCaseConnector,
    "practicepanther": PracticePantherConnector,
}
_BILLING = {m.value for m in BillingMethod}
_STATUS = {s.value for s in MatterStatus}


def default_client(settings: ProviderSettings) -> httpx.Client:
    return httpx.Client(
        timeout=settings.timeout,
        headers={"User-Agent": "ledgerwatch"},
        **client_options(settings.proxy, settings.system_trust_store),
    )


@dataclass(frozen=True, slots=True)
class ConnectResult:
    provider: str
    region: str
    user_id: str | None
    user_name: str | None
    requeued: int


@dataclass(frozen=True, slots=True)
class PullReport:
    provider: str
    matters: int
    new_matters: int
    activity_codes: int
    locked: int
    user_id: str


@dataclass(frozen=True, slots=True)
class PaymentPull:
    """Payments read from the provider; hand them to billing, then call SyncService.payments_recorded."""

    provider: str
    payments: tuple[RemotePayment, ...]
    started: datetime


@dataclass(frozen=True, slots=True)
class SyncStatus:
    provider: str | None
    region: str | None
    has_tokens: bool
    last_pull: str | None
    counts: Mapping[str, int]
    open_items: tuple[outbox.QueueItem, ...]


@dataclass(frozen=True, slots=True)
class Disconnection:
    provider: str
    had_tokens: bool
    revocation: oauth.Revocation | None
    """what the provider said to the revocation (None when there were no tokens to revoke)"""


class NotConnected(SyncError):
    """No provider is connected (or the one asked for is not)."""


def parse_tokens(text: str | Mapping[str, Any], now: datetime) -> TokenSet:
    """{"access_token", "refresh_token", "expires_in"} (as given to `connect --token-stdin`) -> TokenSet."""
    data = json.loads(text) if isinstance(text, str) else dict(text)
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("access_token"), str)
        or not data["access_token"]
    ):
        raise ValueError(
            'expected JSON like {"access_token": "...", "refresh_token": "...", "expires_in": 3600}'
        )
    return oauth.token_set(data, now)


class SyncService:
    def __init__(
        self,
        db: Database,
        provider_settings: SettingsFor = provider_settings,
        token_store: TokenStore | None = None,
        http_client_factory: ClientFactory = default_client,
        clock: Clock = utcnow,
        sleep: Callable[[float], None] = time.sleep,
        policy: RetryPolicy | None = None,
        rng: random.Random | None = None,
        open_browser: Callable[[str], object] = webbrowser.open,
    ) -> None:
        self.db = db
        self.settings_for = provider_settings
        self.tokens = token_store if token_store is not None else KeyringTokenStore()
        self.client_factory = http_client_factory
        self.clock = clock
        self.sleep = sleep
        self.policy = policy or RetryPolicy()
        self.rng = rng or random.Random()
        self.open_browser = open_browser

    # --- which provider ---

    def connected(self) -> tuple[str, str] | None:
        """(provider, region) of the connected provider, or None."""
        with self.db.connect() as conn:
            provider = remote.get_value(conn, "sync.provider")
            region = remote.get_value(conn, "sync.region") or "US"
        return (provider, region) if provider else None

    def _settings(self, provider: str, region: str) -> ProviderSettings:
        if provider not in PROVIDERS:
            raise ValueError(f"unknown provider {provider!r}; choose one of {', '.join(PROVIDERS)}")
        return self.settings_for(provider, region)

    @contextmanager
    def _session(
        self, provider: str | None = None, region: str | None = None
    ) -> Iterator[tuple[Connector, Credentials]]:
        if provider is None:
            current = self.connected()
            if current is None:
                raise NotConnected(
                    "no provider is connected; run `ledgerwatch connect clio|mycase|practicepanther`"
                )
            provider, region = current
        settings = self._settings(provider, region or "US")
        client = self.client_factory(settings)
        try:
            credentials = Credentials(provider, self.tokens, self.clock)
            pacer = Pacer(self.clock, self.sleep, settings.rate_limit)
            connector = _CONNECTORS[provider](client, settings, credentials.access_token, pacer)
            yield connector, credentials
        finally:
            client.close()

    # --- connect / disconnect ---

    def connect_with_tokens(
        self, provider: str, tokens: str | Mapping[str, Any], region: str = "US", verify: bool = True
    ) -> ConnectResult:
        """Store tokens handed over by IT (`connect --token-stdin`), make provider the connected one."""
        self._settings(provider, region)
        self.tokens.save(provider, parse_tokens(tokens, self.clock()))
        return self._connected(provider, region, verify)

    def connect_interactive(self, provider: str, region: str = "US", timeout: float = 300.0) -> ConnectResult:
        """Authorization code flow in the system browser with a loopback redirect (PKCE where accepted)."""
        settings = self._settings(provider, region)
        client = self.client_factory(settings)
        try:
            tokens = oauth.authorize_interactive(client, settings, self.open_browser, self.clock, timeout)
        finally:
            client.close()
        self.tokens.save(provider, tokens)
        return self._connected(provider, region, verify=True)

    def _connected(self, provider: str, region: str, verify: bool) -> ConnectResult:
        user_id = user_name = None
        if verify:
            with self._session(provider, region) as (connector, credentials):
                user = read_with_retries(
                    connector.pull_user, connector, credentials, self.policy, self.sleep, self.rng
                )
            user_id, user_name = user.id, user.name
        with self.db.begin() as conn:
            remote.set_value(conn, "sync.provider", provider)
            remote.set_value(conn, "sync.region", region.upper())
            if user_id is not None:
                remote.set_value(conn, f"sync.{provider}.user_id", user_id)
            requeued = outbox.requeue(conn, self.clock(), auth_only=True, provider=provider)
        return ConnectResult(provider, region.upper(), user_id, user_name, requeued)

    def disconnect(self, provider: str) -> Disconnection:
        """Revoke the grant as the provider documents it, forget the tokens; queued entries wait for the next
        connection. Says honestly whether the provider confirmed the revocation."""
        self._settings(provider, "US")
        tokens = self.tokens.load(provider)
        current = self.connected()
        region = current[1] if current and current[0] == provider else "US"
        revocation = None
        if tokens is not None:
            revocation = self._revoke(provider, region)
        self.tokens.delete(provider)
        with self.db.begin() as conn:
            if remote.get_value(conn, "sync.provider") == provider:
                remote.delete_values(conn, "sync.provider")
        return Disconnection(provider, tokens is not None, revocation)

    def _revoke(self, provider: str, region: str) -> oauth.Revocation:
        with self._session(provider, region) as (connector, credentials):
            if credentials.expiring():
                with contextlib.suppress(SyncError):
                    credentials.refresh(connector)
            tokens = credentials.tokens()
            bearer = bool(getattr(connector, "revoke_with_bearer", False))
            token = tokens.access_token if bearer else (tokens.refresh_token or tokens.access_token)
            settings = self._settings(provider, region)
            client = self.client_factory(settings)
            try:
                return oauth.revoke(client, settings, token, bearer=bearer)
            finally:
                client.close()

    # --- pull / push / status ---

    def pull(self, full: bool = False) -> PullReport:
        """Current user, activity codes and matters (incrementally since the last pull); lock billed entries."""
        with self._session() as (connector, credentials):
            provider = connector.provider
            with self.db.connect() as conn:
                last = remote.get_value(conn, f"sync.{provider}.pulled_at")
            since = None if full or not last else datetime.fromisoformat(last) - timedelta(minutes=5)
            started = self.clock()

            def read(call: Callable[[], Any]) -> Any:
                return read_with_retries(call, connector, credentials, self.policy, self.sleep, self.rng)

            user = read(connector.pull_user)
            codes = read(connector.pull_activity_codes)
            matters: list[RemoteMatter] = read(lambda: list(connector.pull_matters(since)))
            billed: list[str] = read(lambda: connector.billed_entries(since))
        new = 0
        with self.db.begin() as conn:
            remote.set_value(conn, f"sync.{provider}.user_id", user.id)
            for kind in ("activity", "task"):
                key = f"sync.{provider}.{kind}_codes"
                known = remote.get_value(conn, key)
                mapping = json.loads(known) if known else {}
                mapping |= {c.utbms: c.id for c in codes if c.utbms and c.kind == kind}  # later ones win
                remote.set_value(conn, key, json.dumps(mapping, sort_keys=True))
            for m in matters:
                new += remote.upsert_remote_matter(conn, provider, m.id, local_matter(m), started).created
            locked = outbox.lock_billed(conn, provider, billed, started)
            remote.set_value(conn, f"sync.{provider}.pulled_at", started.isoformat())
        return PullReport(provider, len(matters), new, len(codes), locked, user.id)

    def pull_payments(self, full: bool = False) -> PaymentPull:
        """Payments received since the last recorded pull (all when full); nothing is marked pulled yet.

        The mark moves only in payments_recorded, after billing stored them: a crash in between pulls the
        same payments again, which billing ignores (they are unique by provider and id).
        """
        with self._session() as (connector, credentials):
            provider = connector.provider
            with self.db.connect() as conn:
                last = remote.get_value(conn, f"sync.{provider}.payments_pulled_at")
            since = None if full or not last else datetime.fromisoformat(last) - timedelta(minutes=5)
            started = self.clock()
            payments = read_with_retries(
                lambda: connector.pull_payments(since),
                connector,
                credentials,
                self.policy,
                self.sleep,
                self.rng,
            )
        return PaymentPull(provider, tuple(payments), started)

    def payments_recorded(self, pull: PaymentPull) -> None:
        """Remember that everything up to pull.started is recorded, so the next pull asks only for changes."""
        with self.db.begin() as conn:
            remote.set_value(conn, f"sync.{pull.provider}.payments_pulled_at", pull.started.isoformat())

    def push(self, wait_limit: float | None = 60.0) -> DrainReport:
        """Drain the outbox to the connected provider; deferred rows are awaited up to wait_limit seconds."""
        with self._session() as (connector, credentials):
            drain = Drain(self.db, connector, credentials, self.clock, self.sleep, self.policy, self.rng)
            return drain.run(wait_limit=wait_limit)

    def retry_parked(self) -> int:
        """Put needs-attention rows back in the queue (after the user fixed what the provider refused)."""
        with self.db.begin() as conn:
            return outbox.requeue(conn, self.clock())

    def status(self) -> SyncStatus:
        current = self.connected()
        provider, region = current if current else (None, None)
        has_tokens = False
        if provider is not None:
            try:
                has_tokens = self.tokens.load(provider) is not None
            except RuntimeError:
                has_tokens = False
        with self.db.connect() as conn:
            queue = outbox.queue_status(conn)
            last = remote.get_value(conn, f"sync.{provider}.pulled_at") if provider else None
        return SyncStatus(provider, region, has_tokens, last, queue.counts, queue.open_items)


def _clean(texts: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in map(clean_line, texts) if t))


def local_matter(m: RemoteMatter) -> Matter:
    """A provider's matter as ours, its texts without control or bidirectional-override characters; what
    the provider knows that helps attribution (references, people, the client's address) comes along."""
    contacts = (*m.contacts, m.client_email.lower()) if "@" in m.client_email else m.contacts
    return Matter(
        number=clean_line(m.number),
        client=Client(
            clean_line(m.client_name),
            _clean(m.client_aliases),
            tuple(d.lower().lstrip("@") for d in _clean(m.client_domains)),
        ),
        keywords=_clean(m.keywords),
        aliases=_clean(m.aliases),
        description=clean_line(m.description),
        status=MatterStatus(m.status) if m.status in _STATUS else MatterStatus.OPEN,
        billing_method=BillingMethod(m.billing_method)
        if m.billing_method in _BILLING
        else BillingMethod.HOURLY,
        rate=Money(m.rate, m.currency) if m.rate is not None else None,
        practice_area=clean_line(m.practice_area),
        identifiers=_clean(m.identifiers),
        contacts=_clean(contacts),
        responsible_attorney=clean_line(m.responsible_attorney),
    )
