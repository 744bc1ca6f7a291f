"""A provider and the firm ledger at once: each target has its own drain lock, its own claims and its own copy
of every change, and nothing of one target's rows is decided by the other's."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from ledgerwatch.domain import EntryStatus, IllegalTransition
from ledgerwatch.store import outbox, remote
from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.db import Database
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.locks import DrainLock, LockState
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.firm import URL_KEY, FirmSync
from tests.billing_support import DATABASES, billing_database
from tests.fakes.support import FakeClock, MemoryTokenStore, approve_all, approved_entry


@contextmanager
def with_firm(backend: str, tmp_path: Path) -> Iterator[Database]:
    """A store where the firm ledger stands beside the connected provider."""
    with billing_database(backend, tmp_path) as db:
        with db.begin() as conn:
            remote.set_value(conn, outbox.TARGETS_KEY, "firm")
            remote.set_value(conn, URL_KEY, "https://ledger.test")
        yield db


def _rows(db: Database) -> list[tuple[str, str, str, int]]:
    """(target, op, state, entry version) of every row, oldest first."""
    with db.connect() as conn:
        return [
            (r.provider, r.op, r.state, r.entry_version)
            for r in conn.execute(select(outbox_table).order_by(outbox_table.c.id))
        ]


@pytest.mark.parametrize("backend", DATABASES)
def test_each_target_claims_only_its_own_rows(backend: str, tmp_path: Path) -> None:
    """A drain of the provider and one of the firm ledger each claim only their own target's copy; a claim
    holds off other drains of that target only, and forgetting one target's claims leaves the other's."""
    clock = FakeClock()
    with with_firm(backend, tmp_path) as db:
        approve_all(db, [approved_entry(1, "M-1")], clock())
        with db.begin() as conn:
            provider_row = outbox.claim_next(conn, "clio", clock(), "a", 60)
            assert provider_row is not None and provider_row.provider == ""
            assert outbox.claim_next(conn, "clio", clock(), "b", 60) is None
            firm_row = outbox.claim_next(conn, "firm", clock(), "b", 60)
            assert firm_row is not None and firm_row.provider == "firm"
            assert outbox.claim_next(conn, "firm", clock(), "c", 60) is None
            assert outbox.next_wake_ms(conn, "firm", "c", clock()) == to_ms(clock()) + 60_000
            assert outbox.release_claims(conn, "firm") == 1
            assert outbox.claim_next(conn, "clio", clock(), "c", 60) is None
            again = outbox.claim_next(conn, "firm", clock(), "c", 60)
            assert again is not None and again.id == firm_row.id


def test_the_firm_ledger_has_a_drain_lock_of_its_own(tmp_path: Path) -> None:
    """The provider's drain lock does not hold the firm ledger's; a firm push while another holds the firm
    lock leaves at once and sends nothing."""
    clock = FakeClock()
    requests: list[httpx.Request] = []

    def ledger(request: httpx.Request) -> httpx.Response:
        requests.append(request)
        return httpx.Response(500, json={"error": "should not be asked"})

    tokens = MemoryTokenStore()
    tokens.save("firm", TokenSet("device-token", None, None))
    with with_firm("sqlite", tmp_path) as db:
        approve_all(db, [approved_entry(1, "M-1")], clock())
        sync = FirmSync(
            db,
            token_store=tokens,
            http_client_factory=lambda _s: httpx.Client(transport=httpx.MockTransport(ledger)),
            clock=clock,
            sleep=clock.sleep,
        )
        provider_lock, firm_lock = DrainLock(db, "clio"), DrainLock(db, "firm")
        assert provider_lock.acquire() is LockState.HELD
        try:
            assert firm_lock.acquire() is LockState.HELD
            try:
                report = sync.push()
            finally:
                firm_lock.release()
        finally:
            provider_lock.release()
        assert report.busy and report.created == 0 and requests == []


@pytest.mark.parametrize("backend", DATABASES)
def test_an_edit_reaches_every_target_whatever_state_its_rows_are_in(backend: str, tmp_path: Path) -> None:
    """An entry edited after the provider took it, while the ledger's copy still waits, is queued again for
    the provider and rewritten in place for the ledger; a waiting row a drain holds is never rewritten under
    it: an update row follows it instead."""
    clock = FakeClock()
    with with_firm(backend, tmp_path) as db:
        repo = EntryRepository(db, clock)
        draft = dataclasses.replace(approved_entry(1, "M-1"), status=EntryStatus.DRAFT, approved_at=None)
        repo.add(draft, "test")
        repo.approve(draft.id, "attorney")
        with db.begin() as conn:
            taken = outbox.claim_next(conn, "clio", clock(), "a", 60)
            assert taken is not None
            assert outbox.begin_attempt(conn, taken.id, clock(), owner="a", lease_seconds=60)
            assert outbox.complete(conn, taken, "clio", clock(), remote_id="r1", etag=None, owner="a")
        repo.revise(draft.id, "attorney", description="Draft and revise motion to compel")
        assert _rows(db) == [
            ("clio", "create", "done", 1),
            ("firm", "create", "pending", 2),
            ("", "update", "pending", 2),
        ]
        with db.begin() as conn:
            held = outbox.claim_next(conn, "firm", clock(), "b", 60)
            assert held is not None
        repo.revise(draft.id, "attorney", description="Draft motion to compel; revise exhibits")
        assert _rows(db) == [
            ("clio", "create", "done", 1),
            ("firm", "create", "pending", 2),
            ("", "update", "pending", 3),
            ("firm", "update", "pending", 3),
        ]
        with db.connect() as conn:
            assert outbox.get(conn, held.id).payload["note"] == "Draft and revise motion to compel"


def test_an_approval_is_undone_only_while_no_target_has_begun(tmp_path: Path) -> None:
    """Undoing an approval removes every target's waiting row; once a request for one target has left, the
    undo is refused and every row stays."""
    clock = FakeClock()
    with with_firm("sqlite", tmp_path) as db:
        repo = EntryRepository(db, clock)
        for n in (1, 2):
            draft = dataclasses.replace(approved_entry(n, "M-1"), status=EntryStatus.DRAFT, approved_at=None)
            repo.add(draft, "test")
            repo.approve(draft.id, "attorney")
        repo.unapprove("e00001", "attorney")
        with db.begin() as conn:
            firm_row = outbox.claim_next(conn, "firm", clock(), "a", 60)
            assert firm_row is not None and firm_row.entry_id == "e00002"
            assert outbox.begin_attempt(conn, firm_row.id, clock(), owner="a", lease_seconds=60)
        with pytest.raises(IllegalTransition, match="already on its way"):
            repo.unapprove("e00002", "attorney")
        assert [r[:3] for r in _rows(db)] == [("", "create", "pending"), ("firm", "create", "pending")]


@pytest.mark.parametrize("answer", [200, 503])
def test_disconnecting_the_firm_ledger_says_whether_the_token_was_revoked(answer: int, tmp_path: Path) -> None:
    """Disconnecting forgets the device token and stops queuing for the ledger either way, and says only
    what the ledger confirmed: revoked, or not (an administrator can revoke the device there)."""
    clock = FakeClock()
    tokens = MemoryTokenStore()
    tokens.save("firm", TokenSet("device-token", None, None))
    with with_firm("sqlite", tmp_path) as db:
        sync = FirmSync(
            db,
            token_store=tokens,
            http_client_factory=lambda _s: httpx.Client(
                transport=httpx.MockTransport(lambda r: httpx.Response(answer, json={}))
            ),
            clock=clock,
            sleep=clock.sleep,
        )
        done = sync.disconnect()
        assert done.had_tokens and done.revocation is not None
        assert done.revocation.done is (answer == 200)
        assert ("administrator can revoke" in done.revocation.message) is (answer != 200)
        assert tokens.load("firm") is None and sync.url() is None
        with db.connect() as conn:
            assert outbox.standing_targets(conn) == ()
        assert not sync.disconnect().had_tokens
