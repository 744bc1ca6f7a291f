"""The firm ledger: two attorneys' agents push approved time to one ledger on PostgreSQL through faults and a
kill; every entry arrives once, under its own timekeeper and rate, and the ledger holds no raw activity."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, inspect, select, text
from sqlalchemy.engine import make_url

from ledgerwatch.billing import BillingSettings
from ledgerwatch.billing.pdf import Letterhead
from ledgerwatch.domain import Client, EntryStatus, Evidence, Matter, Money, Source, Span, TimeEntry
from ledgerwatch.domain.billing import Classification, Timekeeper
from ledgerwatch.domain.events import Event, WindowPayload
from ledgerwatch.firm import FirmLedger, Role
from ledgerwatch.firm.server import RunningLedger, start
from ledgerwatch.store import Database, EventLog, open_database
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.ledger import RAW_TABLES, LedgerStore, open_ledger, table_names
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.errors import AuthExpired
from ledgerwatch.sync.firm import FirmSync
from tests.billing_support import PG_URL, empty_database, trust_table_of_old
from tests.fakes.support import MemoryTokenStore

ROOT = Path(__file__).resolve().parent.parent
SECRET = "Settlement strategy memo - Grayson v. Holt - CONFIDENTIAL"
"""a window title on both laptops: raw activity that must never reach the ledger"""
MATTERS = [Matter("1001", Client("Acme Corp"), "Acme v. Widgets"), Matter("2001", Client("Beta LLC"), "Supply")]
SETTINGS = BillingSettings(letterhead=Letterhead("Doe & Baker LLP"), law_firm_id="36-1234567")




@dataclass
class Office:
    """The ledger on its database, served on a free local port, with two attorneys and a device each."""

    ledger: FirmLedger
    server: RunningLedger
    tokens: dict[str, str]


def ledger_database(tmp_path: Path, kind: str) -> Iterator[Database]:
    if kind == "sqlite":
        db = open_ledger(tmp_path / "ledger.db")
        yield db
        db.dispose()
        return
    assert PG_URL is not None
    name = f"lw_ledger_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db = open_ledger(make_url(PG_URL).set(database=name).render_as_string(hide_password=False))
    try:
        yield db
    finally:
        db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def office(db: Database) -> Iterator[Office]:
    ledger = FirmLedger(db, SETTINGS)
    MatterRepository(db).upsert_many(MATTERS, datetime.now(UTC))
    tokens = {}
    for login, tk, rate, cls in (("jane", "JD", 300, Classification.PARTNER), ("alan", "AB", 200, Classification.ASSOCIATE)):
        ledger.add_timekeeper_user(login, Timekeeper(tk, f"{login.title()}, X", tk, cls, default_rate=Money(Decimal(rate))))
        tokens[tk] = ledger.accounts.add_device(login, f"{login}'s laptop")[1]
    server = start(ledger)
    try:
        yield Office(ledger, server, tokens)
    finally:
        server.stop()


@pytest.fixture
def sqlite_office(tmp_path: Path) -> Iterator[Office]:
    for db in ledger_database(tmp_path, "sqlite"):
        yield from office(db)


@pytest.fixture
def pg_office(tmp_path: Path) -> Iterator[Office]:
    if not PG_URL:
        pytest.skip("LEDGERWATCH_TEST_PG_URL not set")
    for db in ledger_database(tmp_path, "postgres"):
        yield from office(db)


def laptop(path: Path, entries: list[TimeEntry]) -> Database:
    """An attorney's own store: matters, raw activity (with the secret title) and approved entries."""
    db = open_database(path)
    MatterRepository(db).upsert_many(MATTERS, datetime.now(UTC))
    start_at = datetime(2026, 3, 2, 14, tzinfo=UTC)
    EventLog(db).add_many(
        [Event(Source.WINDOW, start_at, start_at + timedelta(minutes=30), WindowPayload("WINWORD.EXE", SECRET))]
    )
    repo = EntryRepository(db, lambda: datetime.now(UTC))
    for entry in entries:
        repo.add(entry, "test")
        repo.approve(entry.id, "attorney")
    return db


def entry(n: int, matter: str, hours: str = "0.5") -> TimeEntry:
    """An approved-to-be entry; ids repeat across laptops (same day, matter and start: one meeting, two people)."""
    day = date(2026, 3, 2) + timedelta(days=n % 20)
    start_at = datetime(day.year, day.month, day.day, 9, tzinfo=UTC) + timedelta(minutes=n)
    seconds = int(Decimal(hours) * 3600)
    return TimeEntry(
        id=f"m{n:05d}",
        date=day,
        spans=(Span(start_at, start_at + timedelta(seconds=seconds)),),
        worked_seconds=seconds,
        billed_hours=Decimal(hours),
        matter=matter,
        task_code="L120",
        activity_code="A102",
        description=f"Analyze discovery responses, set {n}",
        reasons=(f"window: {SECRET}",),
        evidence=(Evidence("window", SECRET, seconds, matter),),
        status=EntryStatus.DRAFT,
    )


def agent_run(db_path: Path, office: Office, tk: str, seed: int, rate: float = 0.25) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "tests.fakes.firm_runner", str(db_path), office.server.base,
         office.tokens[tk], str(seed), str(rate)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path])},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def connect(db: Database, office: Office, tk: str) -> FirmSync:
    tokens = MemoryTokenStore()
    sync = FirmSync(db, token_store=tokens, http_client_factory=lambda s: httpx.Client(timeout=s.timeout))
    result = sync.connect(office.server.base, office.tokens[tk])
    assert result.timekeeper == tk and result.matters == 2
    return sync


def held(office: Office, tk: str) -> list[tuple[str, date, Decimal, str, str]]:
    with LedgerStore(office.ledger.db).read() as tx:
        return [(e.reference, e.day, e.hours, e.note, e.matter) for e in tx.intake.by_timekeeper(tk)]


def every_text(db: Database) -> str:
    """Every value of every column of every table in the ledger's database, as one text."""
    out = []
    with db.connect() as conn:
        for name in inspect(conn).get_table_names():
            for row in conn.execute(text(f'SELECT * FROM "{name}"')):
                out.append(" ".join(str(v) for v in row))
    return "\n".join(out)


@pytest.mark.postgres
@pytest.mark.slow
@pytest.mark.timeout(240)
def test_two_agents_push_through_faults_and_a_kill_each_entry_once_under_its_timekeeper(
    tmp_path: Path, pg_office: Office
) -> None:
    """Two laptops (Jane JD at 300, Alan AB at 200) push 120 entries each to one ledger on PostgreSQL at once,
    ~25% of requests failing (refused, 500, 429, applied-then-timeout, applied-then-reset) and Jane's agent
    SIGKILLed mid-run: the ledger ends with each entry exactly once, under its own timekeeper, billed at its
    own rate; no table holds raw activity, and the secret window title is nowhere in the ledger's database."""
    total = 120
    jane_entries = [entry(n, MATTERS[n % 2].number) for n in range(total)]
    alan_entries = [entry(n, MATTERS[(n + 1) % 2].number, "0.3") for n in range(total)]  # the same ids as Jane's
    jane_db = laptop(tmp_path / "jane.sqlite", jane_entries[: total // 2])
    alan_db = laptop(tmp_path / "alan.sqlite", alan_entries)
    connect(jane_db, pg_office, "JD")
    connect(alan_db, pg_office, "AB")
    repo = EntryRepository(jane_db, lambda: datetime.now(UTC))
    for e in jane_entries[total // 2 :]:  # approved after connecting: queued for the ledger by the approval
        repo.add(e, "test")
        repo.approve(e.id, "attorney")

    alan = agent_run(tmp_path / "alan.sqlite", pg_office, "AB", seed=7)
    jane = agent_run(tmp_path / "jane.sqlite", pg_office, "JD", seed=11)
    deadline = time.monotonic() + 60
    while len(held(pg_office, "JD")) < 30 and jane.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if jane.poll() is None:
        os.kill(jane.pid, signal.SIGKILL)
    jane.communicate(timeout=30)
    assert jane.returncode == -signal.SIGKILL, "Jane's agent finished before it could be killed"
    out, err = alan.communicate(timeout=120)
    assert alan.returncode == 0, err[-2000:]
    runs = [f"alan: {out.strip()}", f"jane: killed after {len(held(pg_office, 'JD'))} entries"]
    for seed in (12, 13, 14):
        again = agent_run(tmp_path / "jane.sqlite", pg_office, "JD", seed=seed)
        out, err = again.communicate(timeout=120)
        assert again.returncode == 0, err[-2000:]
        runs.append(f"jane: {out.strip()}")
        with jane_db.connect() as conn:
            states = Counter(s for (s,) in conn.execute(select(outbox_table.c.state).where(outbox_table.c.provider == "firm")))
        if set(states) == {"done"}:
            break
    assert "faults=" in out

    for tk, local in (("JD", jane_entries), ("AB", alan_entries)):
        found = held(pg_office, tk)
        assert len(found) == total, f"{tk}: the ledger holds {len(found)} entries"
        assert Counter(r for r, *_ in found).most_common(1)[0][1] == 1, f"{tk}: an entry arrived twice"
        want = {(e.date, e.billed_hours, e.description, e.matter) for e in local}
        assert {(d, h, n, m) for _r, d, h, n, m in found} == want
    for db in (jane_db, alan_db):
        with db.connect() as conn:
            assert {s for (s,) in conn.execute(select(outbox_table.c.state).where(outbox_table.c.provider == "firm"))} == {"done"}

    billing = pg_office.ledger.billing
    lines = [ln for d in billing.draft_all(through=date(2026, 3, 31)) if d.invoice for ln in d.invoice.lines]
    assert Counter(ln.timekeeper for ln in lines) == {"JD": total, "AB": total}
    assert {(ln.timekeeper, ln.unit_cost.amount if ln.unit_cost else None) for ln in lines} == {
        ("JD", Decimal("300.00")), ("AB", Decimal("200.00")),
    }  # fmt: skip
    tables = table_names(pg_office.ledger.db)
    assert not set(tables) & set(RAW_TABLES), tables
    assert SECRET not in every_text(pg_office.ledger.db)
    assert "Grayson" not in every_text(pg_office.ledger.db)
    print("firm chaos: " + "; ".join(runs))


def test_a_device_sends_only_its_own_timekeepers_time_and_a_revoked_token_stops_it(
    tmp_path: Path, sqlite_office: Office
) -> None:
    """The ledger files an entry under the device's timekeeper and refuses one naming another; revoking the
    device's token stops its agent at once with a message saying so, and nothing more arrives."""
    jane_db = laptop(tmp_path / "jane.sqlite", [entry(1, "1001"), entry(2, "2001")])
    sync = connect(jane_db, sqlite_office, "JD")
    report = sync.push()
    assert (report.created, report.parked) == (2, 0)
    assert [tk for tk in ("JD", "AB") if held(sqlite_office, tk)] == ["JD"]
    base = sqlite_office.server.base + "/api/v1"
    headers = {"Authorization": f"Bearer {sqlite_office.tokens['JD']}"}
    forged = {"day": "2026-03-02", "hours": "1.0", "note": "x", "reference": "LW-00000000", "matter": "1001",
              "user": "AB"}  # fmt: skip
    assert httpx.post(f"{base}/entries", json=forged, headers=headers).status_code == 403
    assert httpx.get(f"{base}/me", headers={"Authorization": "Bearer lwd_nonsense"}).status_code == 401

    (device,) = sqlite_office.ledger.accounts.devices("jane")
    sqlite_office.ledger.accounts.revoke_device(device.id)
    repo = EntryRepository(jane_db, lambda: datetime.now(UTC))
    repo.add(entry(3, "1001"), "test")
    repo.approve("m00003", "attorney")
    stopped = sync.push()
    assert stopped.stopped is not None and "token" in stopped.stopped
    assert len(held(sqlite_office, "JD")) == 2
    with pytest.raises(AuthExpired):
        sync.pull()


def test_the_ledger_never_creates_raw_activity_tables(tmp_path: Path) -> None:
    """The ledger's database has billing's and its own tables, none of an agent's raw-activity tables."""
    for db in ledger_database(tmp_path, "sqlite"):
        names = set(table_names(db))
        assert {"entries", "bill_invoices", "ledger_users", "ledger_audit"} <= names
        assert not names & set(RAW_TABLES)


@pytest.mark.parametrize(
    "kind",
    ["sqlite", pytest.param("postgres", marks=[pytest.mark.postgres,
                                                pytest.mark.skipif(not PG_URL, reason="LEDGERWATCH_TEST_PG_URL not set")])],
)  # fmt: skip
def test_a_ledger_of_the_previous_version_gains_per_matter_trust(tmp_path: Path, kind: str) -> None:
    """A ledger at revision 1 whose bill_trust has no matter_id opens with it; its deposit is Acme's general
    retainer, and a deposit for a matter lands beside it."""
    from ledgerwatch.billing import BillingService
    from ledgerwatch.store.ledger import migrations as ledger_migrations

    with empty_database(kind, tmp_path) as url:
        engine = create_engine(url)
        with engine.begin() as conn:
            ledger_migrations.rev1_ledger(conn)
            ledger_migrations.ledger_version.create(conn)
            conn.execute(ledger_migrations.ledger_version.insert().values(revision=1))
            trust_table_of_old(conn)
        engine.dispose()

        db = open_ledger(url)
        try:
            with db.connect() as conn:
                assert "matter_id" in {c["name"] for c in inspect(conn).get_columns("bill_trust")}
                assert ledger_migrations.current_revision(conn) == ledger_migrations.HEAD
            MatterRepository(db).upsert_many([MATTERS[0]], datetime(2026, 3, 2, tzinfo=UTC))
            billing = BillingService(db, SETTINGS, lambda: datetime(2026, 3, 2, 9, tzinfo=UTC))
            billing.deposit_trust("Acme Corp", Money(Decimal(200)), matter="1001")
            assert [(m.amount, m.matter) for m in billing.trust_ledger()] == [
                (Decimal("500.00"), None), (Decimal("200.00"), "1001")
            ]  # fmt: skip
            assert billing.trust_balance("Acme Corp", "1001") == Decimal("200.00")
        finally:
            db.dispose()


def test_people_rights_and_the_audit_log(sqlite_office: Office) -> None:
    """An attorney may approve only pre-bills of their own matters and may not finalise; billing staff may;
    every change is in the audit log with who, before and after; the log refuses to be rewritten."""
    from ledgerwatch.billing.payments import PaymentRecord
    from ledgerwatch.firm import AccessDenied
    from ledgerwatch.firm.accounts import actor_of

    ledger = sqlite_office.ledger
    ledger.accounts.add_user("bea", "Clerk, Bea", Role.BILLING, password="correct horse battery")
    jane_user = ledger.accounts.user("jane")
    ledger.accounts.set_password("jane", "jane-long-password")
    with pytest.raises(AccessDenied):
        ledger.accounts.sign_in("jane", "wrong password!")
    jane = ledger.accounts.sign_in("jane", "jane-long-password").actor
    bea = ledger.accounts.sign_in("bea", "correct horse battery").actor
    assert ledger.accounts.user("bea").password_hash.startswith("$argon2id$")  # type: ignore[union-attr]
    from ledgerwatch.store.ledger import Received

    with LedgerStore(ledger.db).write() as tx:
        tx.intake.create(Received("AB", date(2026, 3, 2), Decimal("1.0"), "Draft supply agreement amendment",
                                  "LW-0000000a", "2001"), 2, datetime.now(UTC))  # fmt: skip
    (prebill,) = ledger.audited.draft_all(bea, date(2026, 3, 31))
    assert ledger.audited.drafts(jane) == []  # Alan's work: not Jane's to see
    with pytest.raises(AccessDenied):
        ledger.audited.approve(jane, prebill)
    with pytest.raises(AccessDenied):
        ledger.audited.finalize_batch(jane, [prebill])
    (refused,) = ledger.audited.finalize_batch(bea, [prebill])
    assert "not approved" in str(refused)
    ledger.audited.approve(bea, prebill)
    (done,) = ledger.audited.finalize_batch(bea, [prebill])
    ledger.audited.record_payment(bea, PaymentRecord("Beta LLC", Money(Decimal(50)), ledger.billing.today()))
    log = ledger.audited.audit(bea)
    assert [r.action for r in reversed(log)] == ["draft", "approve", "finalize", "payment"]
    final = next(r for r in log if r.action == "finalize")
    assert (final.actor, final.before["state"], final.after["state"], final.after["number"]) == (
        "bea", "draft", "final", "INV-000001",
    )  # fmt: skip
    assert jane_user.timekeeper_id == "JD" and actor_of(jane_user).role is Role.ATTORNEY
    from sqlalchemy.exc import DBAPIError

    with pytest.raises(DBAPIError), ledger.db.begin() as conn:
        conn.execute(text("UPDATE ledger_audit SET actor = 'someone else'"))
    assert done is not None


def test_a_laptop_in_firm_mode_learns_what_the_firms_matter_list_says(
    tmp_path: Path, sqlite_office: Office
) -> None:
    """The keywords, other names, identifiers, contacts and the client's mail domains the billing manager
    imported on the ledger reach every laptop with the matters, so attribution there is as good as with the
    list itself; what the laptop already had stays."""
    listed = Matter(
        "1001",
        Client("Acme Corp", aliases=("ACME",), email_domains=("acme.example",)),
        "Acme v. Widgets",
        ("widgets", "breach"),
        practice_area="Commercial litigation",
        aliases=("Project Anvil",),
        identifiers=("1:25-cv-04526",),
        contacts=("Dana Reyes",),
        responsible_attorney="Doe, Jane",
    )
    MatterRepository(sqlite_office.ledger.db).upsert_many([listed], datetime.now(UTC))
    jane_db = laptop(tmp_path / "jane.sqlite", [])
    MatterRepository(jane_db).upsert_many(
        [Matter("1001", Client("Acme Corp"), keywords=("anvil",))], datetime.now(UTC)
    )
    connect(jane_db, sqlite_office, "JD")
    matter = MatterRepository(jane_db).get("1001")
    assert matter is not None
    assert matter.keywords == ("anvil", "widgets", "breach")
    assert (matter.aliases, matter.identifiers, matter.contacts) == (
        ("Project Anvil",),
        ("1:25-cv-04526",),
        ("Dana Reyes",),
    )
    assert (matter.practice_area, matter.responsible_attorney) == ("Commercial litigation", "Doe, Jane")
    assert (matter.client.aliases, matter.client.email_domains) == (("ACME",), ("acme.example",))


def test_every_answer_of_the_ledger_server_is_hardened(sqlite_office: Office) -> None:
    """The agents' API and the workspace, signed in or not, answer with headers that forbid framing, sniffing,
    caching and cross-origin reads; a ledger served for HTTPS also tells browsers to keep to it."""
    base = sqlite_office.server.base
    answers = [
        httpx.get(f"{base}/api/v1/me"),  # no token: 401
        httpx.get(f"{base}/api/v1/matters", headers={"Authorization": f"Bearer {sqlite_office.tokens['JD']}"}),
        httpx.get(f"{base}/"),
        httpx.get(f"{base}/no-such-page"),
    ]
    assert [a.status_code for a in answers][:2] == [401, 200]
    for answer in answers:
        assert answer.headers["x-frame-options"] == "DENY", answer.url
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert answer.headers["cache-control"] == "no-store"
        assert answer.headers["cross-origin-resource-policy"] == "same-origin"
        assert "strict-transport-security" not in answer.headers  # plain HTTP on loopback
    from ledgerwatch.firm.server import start

    tls = start(sqlite_office.ledger, secure_cookies=True)
    try:
        assert httpx.get(f"{tls.base}/api/v1/me").headers["strict-transport-security"].startswith("max-age=")
    finally:
        tls.stop()


def test_the_ar_drill_down_and_invoice_pages_refuse_anyone_not_signed_in(sqlite_office: Office) -> None:
    """A client's open invoices, an invoice's page and its credit, write-off and refund forms send a visitor
    without a session (or with a made-up one) to sign in, and change nothing."""
    from ledgerwatch.store.ledger import Received

    ledger = sqlite_office.ledger
    ledger.accounts.add_user("bea", "Clerk, Bea", Role.BILLING, password="correct horse battery")
    bea = ledger.accounts.sign_in("bea", "correct horse battery").actor
    with LedgerStore(ledger.db).write() as tx:
        tx.intake.create(Received("AB", date(2026, 3, 2), Decimal("1.0"), "Draft supply agreement amendment",
                                  "LW-0000000b", "2001"), 2, datetime.now(UTC))  # fmt: skip
    (prebill,) = ledger.audited.draft_all(bea, date(2026, 3, 31))
    ledger.audited.approve(bea, prebill)
    ledger.audited.finalize_batch(bea, [prebill])
    (open_invoice,) = ledger.billing.open_invoices()
    balance = ledger.billing.balance(prebill)
    assert balance > 0
    base = sqlite_office.server.base
    for cookies in ({}, {"lw_ledger": "made-up"}):
        with httpx.Client(base_url=base, cookies=cookies) as client:
            answers = [
                client.get(f"/ar/client/{open_invoice.client_id}"),
                client.get(f"/invoices/{prebill}"),
                *(
                    client.post(f"/invoices/{prebill}/{kind}", data={"amount": "1.00", "reason": "x", "csrf": ""})
                    for kind in ("write-off", "credit-note", "refund")
                ),
            ]
        for answer in answers:
            assert (answer.status_code, answer.headers.get("location")) == (303, "/signin"), answer.url
            assert "Balance" not in answer.text
    assert ledger.billing.balance(prebill) == balance
    assert ledger.billing.invoice_account(prebill).credits == ()
    assert [r.action for r in ledger.audited.audit(bea)] == ["finalize", "approve", "draft"]


def test_the_expenses_and_rates_pages_refuse_anyone_not_signed_in(sqlite_office: Office) -> None:
    """The expenses and rates pages and their add forms send a visitor without a session (or with a made-up one)
    to sign in, and add nothing."""
    ledger = sqlite_office.ledger
    ledger.accounts.add_user("bea", "Clerk, Bea", Role.BILLING, password="correct horse battery")
    bea = ledger.accounts.sign_in("bea", "correct horse battery").actor
    base = sqlite_office.server.base
    for cookies in ({}, {"lw_ledger": "made-up"}):
        with httpx.Client(base_url=base, cookies=cookies) as client:
            answers = [
                client.get("/expenses"),
                client.get("/expenses?matter=2001"),
                client.get("/rates"),
                client.post("/expenses/add", data={"matter": "2001", "date": "2026-03-04", "amount": "45.50",
                                                   "description": "Filing fee", "csrf": ""}),
                client.post("/rates/add", data={"scope": "firm", "rate": "250", "effective": "2026-01-01",
                                                "csrf": ""}),
            ]  # fmt: skip
        for answer in answers:
            assert (answer.status_code, answer.headers.get("location")) == (303, "/signin"), answer.url
            assert "Add expense" not in answer.text and "Add rate" not in answer.text
    assert ledger.billing.expenses() == []
    assert ledger.billing.rates() == []
    assert ledger.audited.audit(bea) == []
