"""The outbox drain loop: push approved entries to the connected provider exactly once.

Exactly once without idempotency keys:
1. Before a request that changes the provider leaves, the row is marked `in_doubt` and committed.
2. Only a definite answer clears the doubt (a success, a 4xx, a 429). A timeout, a dropped connection or a
   5xx after sending leaves it set, and so does a crash or SIGKILL at any point.
3. A row in doubt is never re-sent blindly: a create first lists the provider's entries for that date, matter
   and user (a day either side) and looks for the entry's reference ("[LW-xxxxxxxx]" at the end of the note);
   found means done. An update first reads the remote entry and compares content; a delete treats 404 as done.
Transient failures back off exponentially with jitter (capped), honour Retry-After and rate-limit headers,
and never drop a row; permanent ones park it as needs_attention (or conflict) with the provider's message.
"""

from __future__ import annotations

import contextlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from ledgerwatch.domain.clock import Clock
from ledgerwatch.store import outbox, remote
from ledgerwatch.store.db import Database
from ledgerwatch.store.outbox import OutboxRow
from ledgerwatch.sync.connector import Connector, OutgoingEntry, RemoteEntry, TokenSet
from ledgerwatch.sync.errors import (
    AuthExpired,
    Conflict,
    NotFound,
    OutcomeUnknown,
    Permanent,
    RetryAfter,
    SyncError,
    Transient,
)
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
        """Trade the refresh token for new tokens, in the keyring before they are used (sync.tokens.rotate)."""
        self._tokens = rotate(self.store, self.provider, self.tokens(), connector.refresh_token)


def with_auth(call: Callable[[], T], connector: Connector, credentials: Credentials) -> T:
    """Run call; on AuthExpired refresh once and run it again (a second refusal propagates)."""
    if credentials.expiring():
        credentials.refresh(connector)
    try:
        return call()
    except AuthExpired:
        credentials.refresh(connector)
        return call()


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


@dataclass
class DrainReport:
    created: int = 0
    updated: int = 0
    deleted: int = 0
    found: int = 0
    """entries found already on the provider after an attempt whose outcome was unknown"""
    retried: int = 0
    parked: int = 0
    stopped: str | None = None
    """why the run stopped early (authorization), or None"""
    messages: list[str] = field(default_factory=list)


class _Parked(Exception):
    def __init__(self, message: str, state: str = outbox.NEEDS_ATTENTION) -> None:
        super().__init__(message)
        self.message = message
        self.state = state


class Drain:
    """Works through the outbox for one connected provider."""

    def __init__(
        self,
        db: Database,
        connector: Connector,
        credentials: Credentials,
        clock: Clock,
        sleep: Sleep,
        policy: RetryPolicy | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.db = db
        self.connector = connector
        self.provider = connector.provider
        self.credentials = credentials
        self.clock = clock
        self.sleep = sleep
        self.policy = policy or RetryPolicy()
        self.rng = rng or random.Random()

    # --- the loop ---

    def run(self, *, wait_limit: float | None = None) -> DrainReport:
        """Drain until nothing is pending; deferred rows are waited for unless the wait exceeds wait_limit s."""
        report = DrainReport()
        while True:
            now = self.clock()
            with self.db.begin() as conn:
                row = outbox.next_due(conn, self.provider, now)
                wake = outbox.next_wake_ms(conn, self.provider) if row is None else None
            if row is None:
                if wake is None:
                    return report
                delay = max(0.0, wake / 1000 - now.timestamp())
                if wait_limit is not None and delay > wait_limit:
                    return report
                self.sleep(delay)
                continue
            if not self._attempt(row, report):
                return report

    def _attempt(self, row: OutboxRow, report: DrainReport) -> bool:
        """Process one row; False stops the run (authorization is gone)."""
        state = _Doubt(row.in_doubt, sent=False)
        try:
            try:
                self._apply(row, state, report)
            except AuthExpired:
                state = state.definite()  # a refused token means the request was not applied
                self.credentials.refresh(self.connector)
                self._apply(row, state, report)
        except AuthExpired as exc:
            self._park(row, outbox.AUTH_PREFIX + exc.message, outbox.NEEDS_ATTENTION, state)
            report.parked += 1
            report.stopped = exc.message
            return False
        except _Parked as parked:
            self._park(row, parked.message, parked.state, state)
            report.parked += 1
            report.messages.append(f"{row.entry_id}: {parked.message}")
        except Conflict as exc:
            self._park(row, exc.message, outbox.CONFLICT, state.definite())
            report.parked += 1
            report.messages.append(f"{row.entry_id}: {exc.message}")
        except Permanent as exc:
            self._park(row, exc.message, outbox.NEEDS_ATTENTION, state.definite())
            report.parked += 1
            report.messages.append(f"{row.entry_id}: {exc.message}")
        except RetryAfter as exc:
            self._defer(row, exc.seconds, exc.message, state.definite())
            report.retried += 1
        except OutcomeUnknown as exc:
            self._defer(row, self.policy.delay(row.attempts + 1, self.rng), exc.message, state.unknown())
            report.retried += 1
        except Transient as exc:
            answered_5xx = exc.status is not None and exc.status >= 500
            after = state.unknown() if answered_5xx else state.definite()
            self._defer(row, self.policy.delay(row.attempts + 1, self.rng), exc.message, after)
            report.retried += 1
        return True

    def _park(self, row: OutboxRow, message: str, state: str, doubt: _Doubt) -> None:
        with self.db.begin() as conn:
            outbox.park(conn, row.id, self.clock(), message, state=state, in_doubt=doubt.value)

    def _defer(self, row: OutboxRow, seconds: float, message: str, doubt: _Doubt) -> None:
        now = self.clock()
        with self.db.begin() as conn:
            outbox.defer(conn, row.id, now, now + timedelta(seconds=seconds), message, in_doubt=doubt.value)

    # --- one row ---

    def _apply(self, row: OutboxRow, doubt: _Doubt, report: DrainReport) -> None:
        if self.credentials.expiring():
            self.credentials.refresh(self.connector)
        with self.db.connect() as conn:
            link = outbox.remote_link(conn, row.entry_id, self.provider)
        if row.op == "delete":
            self._delete(row, link.remote_id if link else None, doubt, report)
            return
        record = self._outgoing(row)
        if link is not None and link.locked:
            raise _Parked(f"billed in {self.provider}: the entry is locked there and cannot change")
        if link is None:
            self._create(row, record, doubt, report)
        else:
            self._update(row, record, link.remote_id, link.etag, doubt, report)

    def _create(self, row: OutboxRow, record: OutgoingEntry, doubt: _Doubt, report: DrainReport) -> None:
        if doubt.value:
            found = self._lookup(record)
            if found is not None:
                report.found += 1
                if found.same_as(record):
                    self._complete(row, found)
                    return
                self._update(row, record, found.id, found.etag, _Doubt(False, sent=False), report)
                return
            self._settle(row, doubt)
        self._begin(row, doubt)
        created = self.connector.create_entry(record)
        self._complete(row, created)
        report.created += 1

    def _update(
        self,
        row: OutboxRow,
        record: OutgoingEntry,
        remote_id: str,
        etag: str | None,
        doubt: _Doubt,
        report: DrainReport,
    ) -> None:
        if doubt.value:
            try:
                current = self.connector.get_entry(remote_id)
            except NotFound:
                raise _Parked(
                    f"the entry was deleted in {self.provider}; restore it there or discard it here"
                ) from None
            if current.same_as(record):
                self._complete(row, current)
                return
            if etag is not None and current.etag != etag:
                raise Conflict(f"the entry changed in {self.provider} since it was last synced")
            self._settle(row, doubt)
        self._begin(row, doubt)
        try:
            updated = self.connector.update_entry(remote_id, record, etag)
        except NotFound:
            raise _Parked(
                f"the entry was deleted in {self.provider}; restore it there or discard it here"
            ) from None
        self._complete(row, updated)
        report.updated += 1

    def _delete(self, row: OutboxRow, remote_id: str | None, doubt: _Doubt, report: DrainReport) -> None:
        if remote_id is None and doubt.value:
            # A create may have landed without an answer before the entry was withdrawn: look for it.
            try:
                record = self._outgoing(row)
            except _Parked:
                record = None
            found = self._lookup(record) if record is not None else None
            remote_id = found.id if found is not None else None
        if remote_id is not None:
            self._begin(row, doubt)
            with contextlib.suppress(NotFound):
                self.connector.delete_entry(remote_id)
            report.deleted += 1
        self._complete(row, None)

    # --- helpers ---

    def _lookup(self, record: OutgoingEntry) -> RemoteEntry | None:
        def look() -> list[RemoteEntry]:
            return self.connector.find_entries(record.day, record.matter_id, record.user_id)

        candidates = read_with_retries(
            look, self.connector, self.credentials, self.policy, self.sleep, self.rng
        )
        matches = [c for c in candidates if c.reference == record.reference]
        if len(matches) > 1:
            raise _Parked(
                f"{len(matches)} entries in {self.provider} carry reference {record.reference}; remove the extra ones"
            )
        return matches[0] if matches else None

    def _begin(self, row: OutboxRow, doubt: _Doubt) -> None:
        with self.db.begin() as conn:
            outbox.begin_attempt(conn, row.id, self.clock())
        doubt.value = True
        doubt.sent = True

    def _settle(self, row: OutboxRow, doubt: _Doubt) -> None:
        with self.db.begin() as conn:
            outbox.settle_doubt(conn, row.id, self.clock())
        doubt.value = False

    def _complete(self, row: OutboxRow, result: RemoteEntry | None) -> None:
        with self.db.begin() as conn:
            outbox.complete(
                conn,
                row,
                self.provider,
                self.clock(),
                remote_id=result.id if result else None,
                etag=result.etag if result else None,
                billed=bool(result and result.billed),
            )

    def _outgoing(self, row: OutboxRow) -> OutgoingEntry:
        return outgoing_entry(self.db, self.provider, row.payload)


@dataclass
class _Doubt:
    """Whether the provider may hold this row's change: starts from the row, follows this attempt."""

    value: bool
    sent: bool

    def definite(self) -> _Doubt:
        """After a definite refusal: only an unanswered earlier request can still be in doubt."""
        return _Doubt(self.value if not self.sent else False, self.sent)

    def unknown(self) -> _Doubt:
        return _Doubt(self.value or self.sent, self.sent)


def outgoing_entry(db: Database, provider: str, payload: dict[str, Any]) -> OutgoingEntry:
    """The outbox snapshot in the provider's terms (its matter and user ids, its activity code id)."""
    number = payload.get("matter")
    if not number:
        raise _Parked("the entry has no matter; assign one in review before it can be synced")
    with db.connect() as conn:
        matter_id = remote.matter_remote_id(conn, provider, number)
        user_id = remote.get_value(conn, f"sync.{provider}.user_id")
        codes_text = remote.get_value(conn, f"sync.{provider}.activity_codes")
    if matter_id is None:
        raise _Parked(f"matter {number} is not linked to {provider}; run `ledgerwatch sync pull`")
    if user_id is None:
        raise _Parked(f"the {provider} user is unknown; run `ledgerwatch sync pull`")
    codes: dict[str, str] = {}
    if codes_text:
        import json

        codes = json.loads(codes_text)
    activity = payload.get("activity_code")
    hours = Decimal(payload["billed_hours"])
    return OutgoingEntry(
        day=date.fromisoformat(payload["date"]),
        hours=hours,
        note=payload.get("note") or "",
        reference=payload["reference"],
        matter_id=matter_id,
        user_id=user_id,
        billable=bool(payload.get("billable", True)),
        activity_id=codes.get(activity) if activity else None,
        activity_name=activity,
        task_code=payload.get("task_code"),
    )


__all__ = [
    "Credentials",
    "Drain",
    "DrainReport",
    "RetryPolicy",
    "SyncError",
    "read_with_retries",
    "with_auth",
]
