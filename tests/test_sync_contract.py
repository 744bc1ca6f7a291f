"""One contract suite for all three connectors, each against its stateful fake (httpx.MockTransport)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from ledgerwatch.store import open_database, outbox
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import entries, entry_remote, matter_remote, matters
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.drain import RetryPolicy
from ledgerwatch.sync.service import SyncService
from tests.fakes.base import FakeProvider
from tests.fakes.clio import FakeClio
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther
from tests.fakes.support import FakeClock, MemoryTokenStore, approve_all, approved_entry, sync_service

FAKES = {"clio": FakeClio, "mycase": FakeMyCase, "practicepanther": FakePracticePanther}


@dataclass
class World:
    provider: str
    fake: FakeProvider
    db: Database
    clock: FakeClock
    tokens: MemoryTokenStore
    service: SyncService

    def matter_number(self, index: int = 0) -> str:
        return str(self.fake.matters[index]["number"])

    def approve(self, count: int, start: int = 1, **kwargs: Any) -> list[str]:
        batch = [approved_entry(n, self.matter_number(n % 3), **kwargs) for n in range(start, start + count)]
        approve_all(self.db, batch, self.clock())
        return [e.id for e in batch]

    def remote(self) -> list[dict[str, Any]]:
        return self.fake.time_entries()

    def local_status(self) -> dict[str, str]:
        with self.db.connect() as conn:
            return {r.id: r.status for r in conn.execute(select(entries.c.id, entries.c.status))}

    def states(self) -> dict[str, int]:
        with self.db.connect() as conn:
            return dict(outbox.queue_status(conn).counts)


@pytest.fixture(params=sorted(FAKES))
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    provider = request.param
    clock = FakeClock()
    fake = FAKES[provider](clock=clock.time, seed=7)
    fake.add_matters(35)
    clock.sleep(3600)  # the matters are older than the first pull
    db = open_database(tmp_path / "lw.sqlite")
    tokens = MemoryTokenStore()
    service = sync_service(
        db,
        fake,
        fake.settings("https://provider.test", page_size=10),
        token_store=tokens,
        clock=clock,
        sleep=clock.sleep,
        policy=RetryPolicy(base=1.0, cap=30.0),
    )
    service.connect_with_tokens(provider, fake.issue_tokens())
    service.pull()
    yield World(provider, fake, db, clock, tokens, service)
    db.dispose()
    assert fake.violations == [], "requests the provider's documentation does not allow"


def _same(world: World, remote: dict[str, Any], entry_id: str) -> None:
    entry = approved_entry(int(entry_id[1:]), world.matter_number(int(entry_id[1:]) % 3))
    assert remote["note"] == entry.description  # byte for byte: it prints on the client's bill
    assert remote["date"] == entry.date.isoformat()
    assert Decimal(remote["hours"]) == entry.billed_hours


def test_pull_reads_every_page_of_matters_into_local_matters(world: World) -> None:
    """Pull follows the provider's paging (35 matters in pages of 10) and links every matter by remote id."""
    with world.db.connect() as conn:
        numbers = {r.number for r in conn.execute(select(matters.c.number))}
        links = conn.execute(select(matter_remote).where(matter_remote.c.provider == world.provider)).all()
    assert numbers == {m["number"] for m in world.fake.matters}
    assert len(links) == 35
    pages = [p for m, p, s in world.fake.log if m == "GET" and ("matters" in p or "cases" in p)]
    assert len(pages) >= (1 if getattr(world.fake, "paging", "") == "all" else 4)


def test_pull_is_incremental_and_updates_changed_matters(world: World) -> None:
    """A second pull asks only for matters changed since the last one and rewrites them in place."""
    world.clock.sleep(3600)
    world.fake.matters[0]["description"] = "Renamed on the provider"
    world.fake.matters[0]["updated_at"] = world.clock.time()
    world.fake.add_matters(1, start=99)
    report = world.service.pull()
    assert report.matters == 2
    assert report.new_matters == 1
    with world.db.connect() as conn:
        description = conn.execute(
            select(matters.c.description).where(matters.c.number == world.matter_number(0))
        ).scalar()
    assert description == "Renamed on the provider"


def test_push_creates_each_entry_once_with_its_reference(world: World) -> None:
    """Approved entries reach the provider once each, equal in matter, date, duration and note (exactly the
    narrative, nothing appended), and turn synced."""
    ids = world.approve(5)
    report = world.service.push()
    assert report.created == 5
    remote = sorted(world.remote(), key=lambda r: r["note"])
    assert len(remote) == 5
    for r, entry_id in zip(remote, sorted(ids), strict=True):
        _same(world, r, entry_id)
    assert set(world.local_status().values()) == {"synced"}
    assert world.service.push().created == 0


def test_edit_updates_the_same_remote_entry(world: World) -> None:
    """Editing a synced entry pushes an update to the same remote entry, not a second entry."""
    [entry_id] = world.approve(1)
    world.service.push()
    entry = dataclasses.replace(
        approved_entry(1, world.matter_number(1)),
        description="Revised note",
        billed_hours=Decimal("0.7"),
        version=2,
    )
    with world.db.begin() as conn:
        conn.execute(entries.update().where(entries.c.id == entry_id).values(status="approved", version=2))
        outbox.enqueue(conn, entry, "update", world.clock())
    report = world.service.push()
    assert report.updated == 1
    [remote] = world.remote()
    assert remote["note"] == "Revised note"
    assert Decimal(remote["hours"]) == Decimal("0.7")
    assert world.local_status()[entry_id] == "synced"


def test_delete_removes_the_remote_entry(world: World) -> None:
    """A delete row removes the entry from the provider and drops the local link."""
    [_entry_id] = world.approve(1)
    world.service.push()
    with world.db.begin() as conn:
        outbox.enqueue(conn, approved_entry(1, world.matter_number(1)), "delete", world.clock())
    assert world.service.push().deleted == 1
    assert world.remote() == []
    with world.db.connect() as conn:
        assert conn.execute(select(entry_remote)).all() == []


def test_expired_token_is_refreshed_once_and_kept(world: World) -> None:
    """An expired access token is refreshed through the refresh token; the new tokens replace the old ones."""
    before = world.tokens.load(world.provider)
    assert before is not None
    world.fake.expire_tokens()
    world.approve(2)
    report = world.service.push()
    assert report.created == 2
    after = world.tokens.load(world.provider)
    assert after is not None and after.access_token != before.access_token
    if world.fake.rotate_refresh_tokens:
        assert after.refresh_token != before.refresh_token
        assert before.refresh_token not in world.fake.refresh


def test_refused_refresh_parks_the_row_and_stops(world: World) -> None:
    """When the refresh token is refused too, the row needs attention and the run stops; reconnecting requeues."""
    world.fake.expire_tokens()
    world.fake.refresh.clear()
    world.approve(3)
    report = world.service.push()
    assert report.stopped is not None
    assert world.states() == {"needs_attention": 1, "pending": 2}
    assert world.remote() == []
    result = world.service.connect_with_tokens(world.provider, world.fake.issue_tokens())
    assert result.requeued == 1
    assert world.service.push().created == 3


def test_429_waits_for_retry_after_then_succeeds(world: World) -> None:
    """A 429 defers the row by the provider's Retry-After (instantly, on the fake clock) and nothing is lost."""
    world.fake.retry_after = 17
    world.fake.fail_next("429", method="POST")
    world.approve(1)
    start = world.clock.time()
    report = world.service.push()
    assert report.created == 1 and report.retried == 1
    assert world.clock.time() - start >= 17
    assert len(world.remote()) == 1


def test_rate_limit_window_is_respected(world: World) -> None:
    """With 5 requests per 10 s allowed, pushing 12 entries takes at least two extra windows and stays exact."""
    world.fake.rate_limit(5, 10.0)
    world.approve(12)
    start = world.clock.time()
    world.service.push()
    assert len(world.remote()) == 12
    assert world.clock.time() - start >= 20
    assert set(world.local_status().values()) == {"synced"}


@pytest.mark.parametrize("fault", ["timeout_after", "reset_after"])
def test_lost_answer_after_commit_is_found_not_resent(world: World, fault: str) -> None:
    """When the provider applied a create but the answer was lost, the retry finds it by reference: one entry."""
    world.fake.fail_next(fault, method="POST")
    world.approve(1)
    report = world.service.push()
    assert report.found == 1
    assert len(world.remote()) == 1
    assert set(world.local_status().values()) == {"synced"}


@pytest.mark.parametrize("fault", ["timeout_before", "reset_before", "500"])
def test_failure_before_commit_is_retried_after_looking(world: World, fault: str) -> None:
    """When nothing was applied, the retry (after a look-up where in doubt) creates the entry exactly once."""
    world.fake.fail_next(fault, method="POST")
    world.approve(1)
    world.service.push()
    assert len(world.remote()) == 1
    assert set(world.local_status().values()) == {"synced"}


def test_validation_error_needs_attention_with_the_providers_message(world: World) -> None:
    """A validation refusal parks the row as needs_attention, showing the provider's own message."""
    world.fake.fail_next("validation", method="POST")
    [entry_id] = world.approve(1)
    world.service.push()
    status = world.service.status()
    assert status.counts == {"needs_attention": 1}
    [item] = status.open_items
    assert item.entry_id == entry_id
    expected = {
        "clio": "Note can't be blank",
        "mycase": "can't be blank",
        "practicepanther": "The Hours field",
    }
    assert item.message is not None and expected[world.provider] in item.message
    assert world.service.retry_parked() == 1
    assert world.service.push().created == 1


def test_unlinked_matter_needs_attention(world: World) -> None:
    """An entry for a matter the provider does not know is parked with a hint to pull, never dropped."""
    approve_all(world.db, [approved_entry(1, "LOCAL-ONLY")], world.clock())
    world.service.push()
    [item] = world.service.status().open_items
    assert item.state == "needs_attention" and item.message and "sync pull" in item.message


def test_billed_entries_become_locked_on_pull(world: World) -> None:
    """An entry billed on the provider's side is locked locally by the next pull."""
    [entry_id] = world.approve(1)
    world.service.push()
    [remote] = world.remote()
    world.fake.bill(remote["id"])
    assert world.service.pull().locked == 1
    with world.db.connect() as conn:
        assert conn.execute(select(entries.c.locked).where(entries.c.id == entry_id)).scalar() is True


def test_find_entries_looks_a_day_either_side(world: World) -> None:
    """The exactly-once look-up tolerates a provider storing the date in another time zone (off by a day)."""
    world.fake.fail_next("timeout_after", method="POST")
    world.approve(1, day=date(2024, 5, 6))
    original = world.fake.route

    def shifted(request: httpx.Request) -> Any:
        reply = original(request)
        for e in world.fake.entries.values():
            e["date"] = "2024-05-07"
        return reply

    world.fake.route = shifted  # type: ignore[method-assign]
    world.service.push()
    assert len(world.remote()) == 1


def test_status_and_disconnect(world: World) -> None:
    """Status shows the connected provider and queue; disconnect revokes and forgets the tokens."""
    world.approve(2)
    status = world.service.status()
    assert status.provider == world.provider and status.has_tokens
    assert status.counts == {"pending": 2}
    done = world.service.disconnect(world.provider)
    assert done.had_tokens and done.revocation is not None and done.revocation.done
    assert world.tokens.load(world.provider) is None
    assert world.fake.revoked
    assert world.service.status().provider is None


def test_row_left_in_doubt_by_a_crash_is_looked_up_not_resent(world: World) -> None:
    """A crash after the request left (row in doubt, provider holds the entry) ends in one entry, found by reference."""
    [entry_id] = world.approve(1)
    matter = world.fake.matters[1]
    world.fake.new_entry(
        date="2024-05-06",
        hours=Decimal("0.3"),
        note="Draft and revise motion 1",
        matter_id=matter["id"],
        user_id=world.fake.user["id"],
        billable=True,
    )
    with world.db.begin() as conn:
        conn.execute(outbox_table.update().values(in_doubt=True, attempts=1))
    report = world.service.push()
    assert (report.created, report.found) == (0, 1)
    assert len(world.remote()) == 1
    assert world.local_status()[entry_id] == "synced"


def test_row_in_doubt_that_never_arrived_is_sent_once(world: World) -> None:
    """A row in doubt whose request never reached the provider is looked up, found absent, and sent once."""
    world.approve(1)
    with world.db.begin() as conn:
        conn.execute(outbox_table.update().values(in_doubt=True, attempts=1))
    report = world.service.push()
    assert (report.created, report.found) == (1, 0)
    assert len(world.remote()) == 1


def test_payments_pull_returns_plain_records_and_only_changes_next_time(world: World) -> None:
    """Payments come back with amount, date, client, matter and bill; voided ones are left out; after the pull
    is recorded, the next pull asks only for payments changed since."""
    first, second = world.fake.matters[0], world.fake.matters[1]
    paid = world.fake.add_payment(first, "1250.00", "2024-05-10", bill="B-17", reference="chk 1001")
    world.fake.add_payment(second, "300.5", "2024-05-11", method="card")
    voided = world.fake.add_payment(first, "99.00", "2024-05-11")
    world.fake.void_payment(voided["id"])
    world.clock.sleep(3600)  # older than the pull's five-minute overlap
    pull = world.service.pull_payments()
    assert pull.provider == world.provider
    got = sorted(pull.payments, key=lambda p: p.amount)
    assert [(p.amount, p.received_on) for p in got] == [
        (Decimal("300.50"), date(2024, 5, 11)),
        (Decimal("1250.00"), date(2024, 5, 10)),
    ]
    big = got[1]
    assert big.client_name == world.fake.client_name(first["client_id"])
    assert big.matter_number == first["number"]
    assert big.bill_number == "B-17"
    assert str(paid["id"]) in big.id
    assert got[0].bill_number is None and got[0].method == "card"
    assert len({p.id for p in got}) == 2

    world.service.payments_recorded(pull)
    world.clock.sleep(3600)
    assert world.service.pull_payments().payments == ()
    late = world.fake.add_payment(second, "10.00", "2024-05-12")
    world.clock.sleep(60)
    again = world.service.pull_payments()
    assert [p.amount for p in again.payments] == [Decimal("10.00")]
    assert str(late["id"]) in again.payments[0].id
    assert len(world.service.pull_payments(full=True).payments) == 3
