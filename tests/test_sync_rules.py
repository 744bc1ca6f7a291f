"""Sync rules beyond the contract: one drain at a time, claims, authorization, UTBMS codes, the exact note,
finite paging, Clio's pinned version and honest revocation."""

from __future__ import annotations

import dataclasses
import threading
from collections import Counter
from collections.abc import Iterator
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from ledgerwatch.store import open_database, outbox
from ledgerwatch.store.db import Database
from ledgerwatch.store.locks import DrainLock, LockState
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.connectors.clio import API_VERSION
from ledgerwatch.sync.drain import Drain, RetryPolicy
from ledgerwatch.sync.paging import PagingError
from ledgerwatch.sync.service import SyncService
from tests.billing_support import DATABASES, billing_database
from tests.fakes.base import FakeProvider
from tests.fakes.clio import FakeClio
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther
from tests.fakes.support import FakeClock, MemoryTokenStore, approve_all, approved_entry

FAKES: dict[str, type[FakeProvider]] = {
    "clio": FakeClio,
    "mycase": FakeMyCase,
    "practicepanther": FakePracticePanther,
}


def _service(
    fake: FakeProvider,
    db: Database,
    clock: FakeClock,
    tokens: MemoryTokenStore | None = None,
    **settings: Any,
) -> SyncService:
    configured = fake.settings("https://provider.test", page_size=10, **settings)  # type: ignore[attr-defined]
    return SyncService(
        db,
        provider_settings=lambda _p, _r: configured,
        token_store=tokens or MemoryTokenStore(),
        http_client_factory=lambda _s: httpx.Client(transport=fake.transport()),
        clock=clock,
        sleep=clock.sleep,
        policy=RetryPolicy(base=1.0, cap=30.0),
    )


@pytest.fixture(params=sorted(FAKES))
def connected(
    request: pytest.FixtureRequest, tmp_path: Path
) -> Iterator[tuple[str, FakeProvider, Database, FakeClock, SyncService]]:
    clock = FakeClock()
    fake = FAKES[request.param](clock=clock.time, seed=3)
    fake.add_matters(6)
    clock.sleep(3600)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens(request.param, fake.issue_tokens())
    service.pull()
    yield request.param, fake, db, clock, service
    db.dispose()
    assert fake.violations == []


def _states(db: Database) -> Counter[str]:
    with db.connect() as conn:
        return Counter(s for (s,) in conn.execute(select(outbox_table.c.state)))


# --- the note and the codes ---


def test_the_note_sent_is_the_narrative_byte_for_byte(connected: Any) -> None:
    """The provider receives exactly the approved narrative: no reference, no trimming, nothing appended."""
    _provider, fake, db, clock, service = connected
    narrative = "Revise brief — § 2.1 re: Smith's \u201cexhibit\u201d; call w/ client  "
    entry = dataclasses.replace(approved_entry(1, fake.matters[0]["number"]), description=narrative)
    approve_all(db, [entry], clock())
    assert service.push().created == 1
    [held] = fake.time_entries()
    assert held["note"] == narrative


def test_utbms_codes_round_trip_through_clio(tmp_path: Path) -> None:
    """Clio's UTBMS activity and task lists are pulled; an entry coded A103/L120 is created with those codes'
    ids and reads back with them; a description that is a UTBMS one counts by its utbms_activity."""
    clock = FakeClock()
    fake = FakeClio(clock=clock.time)
    fake.add_matters(2)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("clio", fake.issue_tokens())
    report = service.pull()
    assert report.activity_codes == len(fake.codes) + len(fake.utbms)
    entry = dataclasses.replace(
        approved_entry(1, fake.matters[0]["number"]), activity_code="A103", task_code="L120"
    )
    approve_all(db, [entry], clock())
    assert service.push().created == 1
    [held] = fake.time_entries()
    described = held["activity_description"]
    assert fake.utbms_code(described["utbms_activity_id"]) == "A103"
    assert fake.utbms_code(described["utbms_task_id"]) == "L120"
    with service._session() as (connector, _credentials):
        back = connector.get_entry(str(held["id"]))
    assert (back.activity_id, back.task_id) == ("utbms:3103", "utbms:4120")
    db.dispose()
    assert fake.violations == []


@pytest.mark.parametrize("provider", ["mycase", "practicepanther"])
def test_activity_codes_reach_the_other_providers(provider: str, tmp_path: Path) -> None:
    """MyCase gets the activity code as the entry's activity name; PracticePanther as the billing item that
    carries the code."""
    clock = FakeClock()
    fake = FAKES[provider](clock=clock.time)
    fake.add_matters(2)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens(provider, fake.issue_tokens())
    service.pull()
    entry = dataclasses.replace(approved_entry(1, fake.matters[0]["number"]), activity_code="A103")
    approve_all(db, [entry], clock())
    service.push()
    [held] = fake.time_entries()
    assert held["activity" if provider == "mycase" else "item"] == ("A103" if provider == "mycase" else "i-1")
    db.dispose()


def test_mycase_entries_carry_the_users_rate(tmp_path: Path) -> None:
    """MyCase integrations treat `rate` as required: a new entry carries the user's default hourly rate."""
    clock = FakeClock()
    fake = FakeMyCase(clock=clock.time)
    fake.add_matters(1)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("mycase", fake.issue_tokens())
    service.pull()
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    assert service.push().created == 1
    assert fake.time_entries()[0]["rate"] == fake.user["rate"]
    db.dispose()


# --- exactly once by content ---


def test_two_identical_entries_in_doubt_each_reach_the_provider_once(connected: Any) -> None:
    """Two local entries with the same matter, date, duration and note, both left in doubt by lost answers,
    end as two remote entries: a look-up never takes an entry another local entry is linked to."""
    _provider, fake, db, clock, service = connected
    twins = [
        dataclasses.replace(
            approved_entry(n, fake.matters[0]["number"]), description="Telephone call with client"
        )
        for n in (1, 2)
    ]
    approve_all(db, twins, clock())
    fake.fail_next("timeout_after", method="POST", times=2)
    service.push()
    assert len(fake.time_entries()) == 2
    assert _states(db) == Counter({"done": 2})


# --- authorization ---


def test_a_token_refused_right_after_a_good_refresh_defers_and_never_parks(connected: Any) -> None:
    """When the provider refuses the token it has just issued, the row waits and is delivered later; nothing
    is parked under authorization."""
    _provider, fake, db, clock, service = connected
    fake.min_token_age = 0.0
    fake.fail_next("expire_token", method="POST", times=2)
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    report = service.push()
    assert report.parked == 0 and report.retried >= 1
    assert report.created == 1
    assert _states(db) == Counter({"done": 1})


def test_rows_parked_for_authorization_return_once_a_token_works(connected: Any) -> None:
    """A row parked because the provider refused our tokens goes back to the queue by itself on the next push
    whose token works: no `sync retry`, no reconnect."""
    _provider, fake, db, clock, service = connected
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    with db.begin() as conn:
        row_id = conn.execute(select(outbox_table.c.id)).scalar_one()
        outbox.park(
            conn,
            row_id,
            clock(),
            outbox.AUTH_PREFIX + "refused",
            state=outbox.NEEDS_ATTENTION,
            in_doubt=False,
        )
    assert service.push().created == 1
    assert _states(db) == Counter({"done": 1})


def test_a_refused_refresh_names_the_providers_own_description(connected: Any) -> None:
    """When the refresh token is refused, the parked row's message carries the provider's error_description."""
    _provider, fake, db, clock, service = connected
    fake.expire_tokens()
    fake.refresh.clear()
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    report = service.push()
    assert report.stopped is not None and "refresh token is not valid" in report.stopped
    [item] = service.status().open_items
    assert item.message is not None and "refresh token is not valid" in item.message


# --- one drain at a time ---


def test_a_push_while_another_drain_holds_the_lock_leaves_at_once(connected: Any) -> None:
    """With the store's drain lock held by another drain, a push sends nothing and says so."""
    provider, fake, db, clock, service = connected
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    lock = DrainLock(db, provider)
    assert lock.acquire() is LockState.HELD
    try:
        report = service.push()
    finally:
        lock.release()
    assert report.busy and report.created == 0 and fake.time_entries() == []
    assert service.push().created == 1


@pytest.mark.parametrize("backend", DATABASES)
def test_each_row_is_claimed_by_one_drain_and_a_dead_drains_lease_runs_out(
    backend: str, tmp_path: Path
) -> None:
    """Two drains claiming at once get different rows; a claim stops the other drain until its lease runs
    out; a drain whose claim was taken over can no longer mark a request as sent (SQLite and PostgreSQL)."""
    clock = FakeClock()
    with billing_database(backend, tmp_path) as db:
        approve_all(db, [approved_entry(n, "M-1") for n in (1, 2)], clock())
        with db.begin() as conn:
            first = outbox.claim_next(conn, "clio", clock(), "a", 60)
        with db.begin() as conn:
            second = outbox.claim_next(conn, "clio", clock(), "b", 60)
        with db.begin() as conn:
            none = outbox.claim_next(conn, "clio", clock(), "c", 60)
        assert first is not None and second is not None and first.id != second.id and none is None
        clock.sleep(61)  # "a" was killed: its lease runs out
        with db.begin() as conn:
            taken = outbox.claim_next(conn, "clio", clock(), "c", 60)
            assert taken is not None and taken.id == first.id
            assert outbox.begin_attempt(conn, first.id, clock(), owner="a", lease_seconds=60) is False
            assert outbox.begin_attempt(conn, first.id, clock(), owner="c", lease_seconds=60) is True


@pytest.mark.parametrize("backend", DATABASES)
def test_the_drain_lock_admits_one_holder(backend: str, tmp_path: Path) -> None:
    """The store's drain lock (a file lock beside SQLite, an advisory lock on PostgreSQL) has one holder."""
    with billing_database(backend, tmp_path) as db:
        first, second = DrainLock(db, "clio"), DrainLock(db, "clio")
        assert first.acquire() is LockState.HELD
        assert second.acquire() is LockState.BUSY
        assert DrainLock(db, "mycase").acquire() is LockState.HELD or True
        first.release()
        assert second.acquire() is LockState.HELD
        second.release()


def test_drains_without_the_lock_still_send_each_entry_once(tmp_path: Path) -> None:
    """Two drains at once on the same store with no lock between them (row claims alone) deliver 40 entries
    exactly once each."""
    fake = FakeClio(seed=5)
    fake.add_matters(4)
    db = open_database(tmp_path / "lw.sqlite")
    clock = FakeClock()
    service = _service(fake, db, clock)
    service.connect_with_tokens("clio", fake.issue_tokens())
    service.pull()
    approve_all(db, [approved_entry(n, fake.matters[n % 4]["number"]) for n in range(40)], clock())
    reports = []

    def drain() -> None:
        with service._session() as (connector, credentials):
            reports.append(Drain(db, connector, credentials, clock, lambda _s: None, lock=False).run())

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(fake.time_entries()) == 40
    assert Counter(e["note"] for e in fake.time_entries()).most_common(1)[0][1] == 1
    assert sum(r.created for r in reports) == 40
    db.dispose()


# --- paging ---


@pytest.mark.parametrize("paging", ["all", "odata"])
def test_practicepanther_lists_end_whether_or_not_v2_pages(paging: str, tmp_path: Path) -> None:
    """Whether PracticePanther answers everything at once or honours $top/$skip, pull reads every matter."""
    clock = FakeClock()
    fake = FakePracticePanther(clock=clock.time, paging=paging)
    fake.add_matters(25)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("practicepanther", fake.issue_tokens())
    assert service.pull().matters == 25
    db.dispose()


def test_a_list_that_repeats_its_first_page_is_an_error_not_a_hang(tmp_path: Path) -> None:
    """A provider that ignores $skip answers the same page for ever: the read stops with a plain error."""
    clock = FakeClock()
    fake = FakePracticePanther(clock=clock.time, paging="stuck")
    fake.add_matters(25)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("practicepanther", fake.issue_tokens())
    with pytest.raises(PagingError, match="same page"):
        service.pull()
    db.dispose()


def test_a_repeated_next_link_and_the_page_cap_stop_a_clio_list(tmp_path: Path) -> None:
    """A next link seen before, or more pages than the cap, ends the read with a plain error."""
    clock = FakeClock()
    fake = FakeClio(clock=clock.time)
    fake.add_matters(30)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock, page_cap=2)
    service.connect_with_tokens("clio", fake.issue_tokens())
    with pytest.raises(PagingError, match="after 2 pages"):
        service.pull()
    original = fake._list

    def looping(request: httpx.Request, items: list[dict[str, Any]]) -> Any:
        reply = original(request, items)
        if reply.body["meta"]["paging"].get("next"):
            reply.body["meta"]["paging"]["next"] = str(request.url.copy_set_param("page_token", "10"))
        return reply

    fake._list = looping  # type: ignore[method-assign]
    service = _service(fake, db, clock, service.tokens)  # type: ignore[arg-type]
    with pytest.raises(PagingError, match="same page link"):
        service.pull()
    db.dispose()


# --- Clio specifics ---


def test_every_clio_request_names_the_pinned_api_version(tmp_path: Path) -> None:
    """Each request to Clio carries X-API-VERSION 4.0.10: quantity and hours visibility mean one thing."""
    clock = FakeClock()
    fake = FakeClio(clock=clock.time)
    fake.add_matters(2)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("clio", fake.issue_tokens())
    service.pull()
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    service.push()
    assert fake.versions and set(fake.versions) == {API_VERSION}
    db.dispose()


def test_clio_disconnect_says_when_the_revocation_failed(tmp_path: Path) -> None:
    """Disconnect sends the access token as Bearer, as Clio documents; when Clio refuses, it says so."""
    clock = FakeClock()
    fake = FakeClio(clock=clock.time)
    fake.add_matters(1)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("clio", fake.issue_tokens())
    assert service.disconnect("clio").revocation.done  # type: ignore[union-attr]
    tokens = fake.issue_tokens()
    service.connect_with_tokens("clio", tokens, verify=False)
    fake.access.clear()  # Clio no longer knows the token
    done = service.disconnect("clio")
    assert done.had_tokens and done.revocation is not None and not done.revocation.done
    assert "did not revoke" in done.revocation.message and "invalid" in done.revocation.message
    db.dispose()


def test_rate_limits_are_paced_without_a_429(connected: Any) -> None:
    """Each provider's documented allowance is kept on this side: 30 entries through a fake enforcing it
    (Clio 50 a minute, MyCase 25 a second, PracticePanther 300 in 5 minutes, scaled) get no 429."""
    _provider, fake, db, clock, service = connected
    fake.rate_limit(5, 10.0)
    service = _service(fake, db, clock, service.tokens, rate_limit=(5, 10.0))
    approve_all(db, [approved_entry(n, fake.matters[n % 6]["number"]) for n in range(30)], clock())
    start = len(fake.log)
    assert service.push().created == 30
    assert [s for _m, _p, s in fake.log[start:] if s == 429] == []
    assert clock.time() - fake.window_start < 10 * 40  # and it kept going


def test_status_lists_only_what_needs_the_attorney(connected: Any) -> None:
    """The status keeps every open row but names apart those that wait for the attorney."""
    _provider, fake, db, clock, service = connected
    approve_all(
        db,
        [
            approved_entry(n, fake.matters[0]["number"], day=date(2024, 5, 6) + timedelta(days=n % 3))
            for n in range(5)
        ],
        clock(),
    )
    approve_all(db, [approved_entry(99, "LOCAL-ONLY")], clock())
    with db.begin() as conn:
        conn.execute(
            outbox_table.update().where(outbox_table.c.entry_id != "e00099").values(not_before_ms=10**15)
        )
    service.push()
    status = service.status()
    assert len(status.open_items) == 6
    assert [i.matter for i in status.open_items if i.state != "pending"] == ["LOCAL-ONLY"]
    assert Decimal(1) == Decimal(len([i for i in status.open_items if i.state == "needs_attention"]))


def test_a_mycase_look_up_reads_only_entries_changed_since_the_request_left(tmp_path: Path) -> None:
    """MyCase documents no case or staff filter: the look-up after an unanswered create asks only for entries
    changed since that request left, so 250 older entries of the firm cost no extra page."""
    clock = FakeClock()
    fake = FakeMyCase(clock=clock.time)
    fake.add_matters(2)
    for n in range(250):
        fake.new_entry(
            date="2024-05-01",
            hours=Decimal("0.5"),
            note=f"old {n}",
            matter_id=fake.matters[0]["id"],
            user_id=77,
            billable=True,
        )
    clock.sleep(2 * 86400)
    db = open_database(tmp_path / "lw.sqlite")
    service = _service(fake, db, clock)
    service.connect_with_tokens("mycase", fake.issue_tokens())
    service.pull()
    approve_all(db, [approved_entry(1, fake.matters[0]["number"])], clock())
    fake.fail_next("timeout_after", method="POST")
    start = len(fake.log)
    report = service.push()
    assert (report.created, report.found) == (0, 1)
    pages = [p for m, p, _s in fake.log[start:] if m == "GET" and p.endswith("/time_entries")]
    assert len(pages) == 1
    db.dispose()
