"""The outbox drain loop: push approved entries to one target exactly once, however many drains are started.

One drain at a time: a run takes the store's drain lock for its target (store.locks; the operating system
releases it when a process dies) and, whatever the lock says, claims each row before touching it (one UPDATE
that only one drain wins, with a lease a killed drain gives up). A run that finds the lock held leaves at once
(`DrainReport.busy`): the drain holding it delivers what is queued.

Exactly once without idempotency keys:
1. Before a request that changes the provider leaves, the row is marked `in_doubt` and committed (renewing
   the claim; a drain that lost its claim sends nothing).
2. Only a definite answer clears the doubt (a success, a 4xx, a 429). A timeout, a dropped connection or a
   5xx after sending leaves it set, and so does a crash or SIGKILL at any point.
3. A row in doubt is never re-sent blindly: a create first lists the provider's entries for that matter and
   user (a day either side, made since the entry's first request left) and takes the one that holds exactly the
   entry (matter, user, date, duration, note) and is linked to no other local entry; found means done. An
   update first reads the remote entry and compares content; a delete treats 404 as done.
Transient failures back off exponentially with jitter (capped), honour Retry-After and rate-limit headers,
and never drop a row; permanent ones park it as needs_attention (or conflict) with the provider's message.
A token refused right after a refresh that succeeded defers the row; only a refused refresh parks it (under
"authorization"), and such rows go back to the queue as soon as a request succeeds with a working token.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import secrets
import socket
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ledgerwatch.domain.clock import Clock
from ledgerwatch.store import outbox, remote
from ledgerwatch.store.db import Database
from ledgerwatch.store.locks import DrainLock, LockState
from ledgerwatch.store.outbox import OutboxRow
from ledgerwatch.sync.connector import Connector, OutgoingEntry, RemoteEntry
from ledgerwatch.sync.credentials import (
    Credentials,
    FreshTokenRefused,
    RetryPolicy,
    Sleep,
    read_with_retries,
    with_auth,
)
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

LEASE_SECONDS = 600.0
"""how long a claim holds without renewal: longer than any one request with its pacing and timeout"""
LOOKUP_MARGIN = timedelta(minutes=15)
"""a look-up asks for entries made since the entry's first request left, less this (clocks differ)"""
FRESH_REFUSALS = 3
"""tokens refused just after a good refresh, in one run, before the run stops (rows stay queued)"""


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
    busy: bool = False
    """another drain of this store and target was running: it delivers what is queued"""
    messages: list[str] = field(default_factory=list)


class _Parked(Exception):
    def __init__(self, message: str, state: str = outbox.NEEDS_ATTENTION) -> None:
        super().__init__(message)
        self.message = message
        self.state = state


class _LostClaim(Exception):
    """Another drain holds the row now (this one's lease ran out): leave it to that drain."""


def _owner() -> str:
    return f"{socket.gethostname()[:60]}:{os.getpid()}:{secrets.token_hex(4)}"


class Drain:
    """Works through the outbox for one connected provider (or standing target)."""

    def __init__(
        self,
        db: Database,
        connector: Connector,
        credentials: Credentials,
        clock: Clock,
        sleep: Sleep,
        policy: RetryPolicy | None = None,
        rng: random.Random | None = None,
        *,
        lease_seconds: float = LEASE_SECONDS,
        lock: bool = True,
    ) -> None:
        self.db = db
        self.connector = connector
        self.provider = connector.provider
        self.credentials = credentials
        self.clock = clock
        self.sleep = sleep
        self.policy = policy or RetryPolicy()
        self.rng = rng or random.Random()
        self.lease_seconds = lease_seconds
        self.lock = lock
        self.owner = _owner()
        self._fresh_refusals = 0
        self._auth_requeued = False

    # --- the loop ---

    def run(self, *, wait_limit: float | None = None) -> DrainReport:
        """Drain until nothing is pending; deferred rows are waited for unless the wait exceeds wait_limit s."""
        report = DrainReport()
        while True:
            lock = DrainLock(self.db, self.provider) if self.lock else None
            state = lock.acquire() if lock is not None else LockState.NONE
            if state is LockState.BUSY:
                report.busy = True
                return report
            try:
                if state is LockState.HELD:
                    with self.db.begin() as conn:
                        outbox.release_claims(conn, self.provider)  # their holders are gone
                self._requeue_authorization_if_working(report)
                self._drain(report, wait_limit)
            finally:
                if lock is not None:
                    lock.release()
            # An entry approved while this run was ending found the lock held and left; look once more.
            if report.stopped is not None or state is not LockState.HELD or not self._due_now():
                return report

    def _drain(self, report: DrainReport, wait_limit: float | None) -> None:
        while True:
            now = self.clock()
            with self.db.begin() as conn:
                row = outbox.claim_next(conn, self.provider, now, self.owner, self.lease_seconds)
                wake = outbox.next_wake_ms(conn, self.provider, self.owner, now) if row is None else None
            if row is None:
                if wake is None:
                    return
                delay = max(0.0, wake / 1000 - now.timestamp())
                if wait_limit is not None and delay > wait_limit:
                    return
                self.sleep(delay)
                continue
            if not self._attempt(row, report):
                return

    def _due_now(self) -> bool:
        now = self.clock()
        with self.db.connect() as conn:
            wake = outbox.next_wake_ms(conn, self.provider, self.owner, now)
        return wake is not None and wake <= now.timestamp() * 1000

    def _attempt(self, row: OutboxRow, report: DrainReport) -> bool:
        """Process one claimed row; False stops the run (authorization is gone)."""
        state = _Doubt(row.in_doubt, sent=False)
        try:
            try:
                self._apply(row, state, report)
            except AuthExpired:
                state = state.definite()  # a refused token means the request was not applied
                self.credentials.refresh(self.connector)
                try:
                    self._apply(row, state, report)
                except AuthExpired as exc:
                    raise FreshTokenRefused(exc.message) from None
        except _LostClaim:
            return True
        except FreshTokenRefused as exc:
            state = state.definite()
            message = f"{exc.message} (the token was issued moments before; trying again)"
            self._defer(row, self.policy.delay(row.attempts + 1, self.rng), message, state)
            report.retried += 1
            self._fresh_refusals += 1
            if self._fresh_refusals >= FRESH_REFUSALS:
                report.stopped = (
                    f"{self.provider} keeps refusing tokens it has just issued; entries stay queued"
                )
                return False
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
            outbox.park(
                conn, row.id, self.clock(), message, state=state, in_doubt=doubt.value, owner=self.owner
            )

    def _defer(self, row: OutboxRow, seconds: float, message: str, doubt: _Doubt) -> None:
        now = self.clock()
        with self.db.begin() as conn:
            outbox.defer(
                conn,
                row.id,
                now,
                now + timedelta(seconds=seconds),
                message,
                in_doubt=doubt.value,
                owner=self.owner,
            )

    def _requeue_authorization_if_working(self, report: DrainReport) -> None:
        """Rows parked for authorization go back to the queue once a request succeeds with the stored token.

        Rows waiting anyway prove the token on their own (`_complete`); only when nothing else is queued is the
        current user read once to find out.
        """
        with self.db.connect() as conn:
            parked = outbox.parked_for_authorization(conn, self.provider)
            waiting = outbox.next_wake_ms(conn, self.provider)
        if not parked or waiting is not None:
            return
        try:
            with_auth(self.connector.pull_user, self.connector, self.credentials)
        except SyncError:
            return
        self._requeue_authorization()

    def _requeue_authorization(self) -> None:
        if self._auth_requeued:
            return
        self._auth_requeued = True
        with self.db.begin() as conn:
            outbox.requeue(conn, self.clock(), auth_only=True, provider=self.provider)

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
            found = self._lookup(row, record)
            if found is not None:
                report.found += 1
                self._complete(row, found)
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
            found = self._lookup(row, record) if record is not None else None
            remote_id = found.id if found is not None else None
        if remote_id is not None:
            self._begin(row, doubt)
            with contextlib.suppress(NotFound):
                self.connector.delete_entry(remote_id)
            report.deleted += 1
        self._complete(row, None)

    # --- helpers ---

    def _lookup(self, row: OutboxRow, record: OutgoingEntry) -> RemoteEntry | None:
        """The provider's entry that holds exactly record and no other local entry is linked to, if any."""
        with self.db.connect() as conn:
            sent = outbox.first_sent(conn, row.entry_id, self.provider)
        since = datetime.fromtimestamp(sent / 1000, self.clock().tzinfo) - LOOKUP_MARGIN

        def look() -> list[RemoteEntry]:
            return self.connector.find_entries(record.day, record.matter_id, record.user_id, since)

        candidates = read_with_retries(
            look, self.connector, self.credentials, self.policy, self.sleep, self.rng
        )
        same = [c for c in candidates if _holds(c, record)]
        if not same:
            return None
        with self.db.connect() as conn:
            taken = outbox.linked_elsewhere(conn, self.provider, [c.id for c in same], row.entry_id)
        free = sorted(
            (c for c in same if c.id not in taken), key=lambda c: (c.day != record.day, len(c.id), c.id)
        )
        return free[0] if free else None

    def _begin(self, row: OutboxRow, doubt: _Doubt) -> None:
        with self.db.begin() as conn:
            mine = outbox.begin_attempt(
                conn, row.id, self.clock(), owner=self.owner, lease_seconds=self.lease_seconds
            )
        if not mine:
            raise _LostClaim()
        doubt.value = True
        doubt.sent = True

    def _settle(self, row: OutboxRow, doubt: _Doubt) -> None:
        with self.db.begin() as conn:
            outbox.settle_doubt(conn, row.id, self.clock(), owner=self.owner)
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
                owner=self.owner,
            )
        self._requeue_authorization()  # a request just succeeded: the token works

    def _outgoing(self, row: OutboxRow) -> OutgoingEntry:
        return outgoing_entry(self.db, self.provider, row.payload)


def _holds(found: RemoteEntry, record: OutgoingEntry) -> bool:
    """found is record as the provider keeps it: the same matter, user, duration and note, dated the same day
    or (a provider storing dates in another time zone) a day either side; the same day is preferred."""
    return (
        found.matter_id == record.matter_id
        and found.user_id == record.user_id
        and found.hours == record.hours
        and found.note == record.note
        and abs((found.day - record.day).days) <= 1
    )


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
    """The outbox snapshot in the provider's terms (its matter and user ids, its UTBMS code ids)."""
    number = payload.get("matter")
    if not number:
        raise _Parked("the entry has no matter; assign one in review before it can be synced")
    with db.connect() as conn:
        matter_id = remote.matter_remote_id(conn, provider, number)
        user_id = remote.get_value(conn, f"sync.{provider}.user_id")
        activities = _codes(remote.get_value(conn, f"sync.{provider}.activity_codes"))
        tasks = _codes(remote.get_value(conn, f"sync.{provider}.task_codes"))
    if matter_id is None:
        raise _Parked(f"matter {number} is not linked to {provider}; run `ledgerwatch sync pull`")
    if user_id is None:
        raise _Parked(f"the {provider} user is unknown; run `ledgerwatch sync pull`")
    activity, task = payload.get("activity_code") or None, payload.get("task_code") or None
    return OutgoingEntry(
        day=date.fromisoformat(payload["date"]),
        hours=Decimal(payload["billed_hours"]),
        note=payload.get("note") or "",
        reference=payload["reference"],
        matter_id=matter_id,
        user_id=user_id,
        billable=bool(payload.get("billable", True)),
        activity_id=activities.get(activity) if activity else None,
        activity_name=activity,
        task_code=task,
        task_id=tasks.get(task) if task else None,
    )


def _codes(text: str | None) -> dict[str, str]:
    return dict(json.loads(text)) if text else {}


__all__ = [
    "Credentials",
    "Drain",
    "DrainReport",
    "RetryPolicy",
    "SyncError",
    "read_with_retries",
    "with_auth",
]
