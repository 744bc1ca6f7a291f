"""The access token of one provider, refreshed through its connector, and the two ways a call uses it.

A refusal right after a refresh that succeeded is not a lost authorization: the provider issued the token a
moment ago (replication lag, clock skew), so it is a Transient to try again later, never a reason to park.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

from ledgerwatch.domain.clock import Clock
from ledgerwatch.sync.connector import Connector, TokenSet
from ledgerwatch.sync.errors import AuthExpired, RetryAfter, Transient
from ledgerwatch.sync.tokens import TokenStore, rotate

Sleep = Callable[[float], None]
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RetryPolicy:
    """Capped exponential back-off with jitter: attempt n waits between half and all of min(cap, base*2**(n-1))."""

    base: float = 2.0
    cap: float = 600.0
    read_attempts: int = 8
    """how often an idempotent read (pull, look-up) is tried within one run before giving up"""

    def delay(self, attempt: int, rng: random.Random) -> float:
        ceiling = min(self.cap, self.base * 2 ** max(0, attempt - 1))
        return float(ceiling / 2 + rng.uniform(0, ceiling / 2))


class FreshTokenRefused(Transient):
    """The provider refused an access token it had just issued: try again later, keep the authorization."""


class Credentials:
    """The access token for one provider, read from the TokenStore and refreshed through the connector."""

    def __init__(self, provider: str, store: TokenStore, clock: Clock) -> None:
        self.provider = provider
        self.store = store
        self.clock = clock
        self._tokens: TokenSet | None = None

    def tokens(self) -> TokenSet:
        if self._tokens is None:
            self._tokens = self.store.load(self.provider)
        if self._tokens is None:
            raise AuthExpired(f"{self.provider} is not connected; run `ledgerwatch connect {self.provider}`")
        return self._tokens

    def access_token(self) -> str:
        return self.tokens().access_token

    def expiring(self, margin: timedelta = timedelta(seconds=60)) -> bool:
        expires = self.tokens().expires_at
        return expires is not None and expires - margin <= self.clock()

    def refresh(self, connector: Connector) -> None:
        """Trade the refresh token for new tokens, in the keyring before they are used (sync.tokens.rotate):
        rotating providers send a new refresh token, and no kill may lose it. When the provider refuses the
        refresh token because another ledgerwatch process rotated it meanwhile, that process's tokens are used.
        """
        self._tokens = rotate(self.store, self.provider, self.tokens(), connector.refresh_token)


def with_auth(call: Callable[[], T], connector: Connector, credentials: Credentials) -> T:
    """Run call; on AuthExpired refresh once and run it again; a refusal of the fresh token is a Transient."""
    if credentials.expiring():
        credentials.refresh(connector)
    try:
        return call()
    except AuthExpired:
        credentials.refresh(connector)
    try:
        return call()
    except AuthExpired as exc:
        raise FreshTokenRefused(
            f"{exc.message} (just after a refresh that succeeded; will try again)"
        ) from None


def read_with_retries(
    call: Callable[[], T],
    connector: Connector,
    credentials: Credentials,
    policy: RetryPolicy,
    sleep: Sleep,
    rng: random.Random,
) -> T:
    """An idempotent read, retried on Transient errors (Retry-After honoured) up to policy.read_attempts."""
    attempt = 0
    while True:
        attempt += 1
        try:
            return with_auth(call, connector, credentials)
        except RetryAfter as exc:
            if attempt >= policy.read_attempts:
                raise
            sleep(exc.seconds)
        except Transient:
            if attempt >= policy.read_attempts:
                raise
            sleep(policy.delay(attempt, rng))
