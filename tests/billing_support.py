"""Shared setup for the billing suite: a database on SQLite or PostgreSQL, a stepping clock, a seeded firm,
approved work, and an SMTP server that keeps what it receives (the `firm` and `smtp` fixtures in conftest.py).

PostgreSQL runs when LEDGERWATCH_TEST_PG_URL points at a server (e.g.
postgresql+psycopg://postgres@localhost:55432/postgres); each test gets its own fresh database there.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import Connection, create_engine, text
from sqlalchemy.engine import make_url

from ledgerwatch.billing import BillingService, BillingSettings
from ledgerwatch.billing.pdf import Letterhead
from ledgerwatch.domain import Client, EntryStatus, Matter, Money, Span, TimeEntry
from ledgerwatch.domain.billing import Classification, ClientBilling, Rate, RateScope, Timekeeper
from ledgerwatch.store import Database, open_database, schema
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.matters import MatterRepository

PG_URL = os.environ.get("LEDGERWATCH_TEST_PG_URL")
DATABASES = [
    "sqlite",
    pytest.param(
        "postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not PG_URL, reason="LEDGERWATCH_TEST_PG_URL not set"),
        ],
    ),
]


@contextmanager
def empty_database(kind: str, tmp_path: Path) -> Iterator[str]:
    """The URL of an empty database: a file under tmp_path, or a throw-away PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / 'billing.db'}"
        return
    assert PG_URL is not None
    name = f"lw_billing_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def billing_database(kind: str, tmp_path: Path) -> Iterator[Database]:
    """A migrated, empty store: a file under tmp_path, or a throw-away PostgreSQL database."""
    if kind == "sqlite":
        db = open_database(tmp_path / "billing.db")
        try:
            yield db
        finally:
            db.dispose()
        return
    with empty_database(kind, tmp_path) as url:
        db = open_database(url)
        try:
            yield db
        finally:
            db.dispose()


class Clock:
    """A frozen clock the test moves by hand."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)

    def set_day(self, day: date, hour: int = 9) -> None:
        self.now = datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


class Inbox:
    """aiosmtpd handler keeping every delivered message."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        msg = message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(msg, EmailMessage)
        self.messages.append(msg)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, int]]:
    """A real SMTP server on a free local port; its inbox and the port."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


def work_entry(
    entry_id: str,
    day: date,
    hours: str,
    matter: str,
    description: str = "Draft motion to compel discovery responses",
    *,
    start_hour: int = 14,
    task: str | None = None,
    activity: str | None = None,
    status: EntryStatus = EntryStatus.DRAFT,
) -> TimeEntry:
    """A time entry of hours on day (one span from start_hour), approved at its start unless a draft."""
    start = datetime(day.year, day.month, day.day, start_hour, tzinfo=UTC)
    seconds = int(Decimal(hours) * 3600)
    return TimeEntry(
        id=entry_id,
        date=day,
        spans=(Span(start, start + timedelta(seconds=seconds)),),
        worked_seconds=seconds,
        billed_hours=Decimal(hours),
        matter=matter,
        task_code=task,
        activity_code=activity,
        description=description,
        status=status,
        approved_at=start if status is not EntryStatus.DRAFT else None,
    )


def add_approved(entries: EntryRepository, entry: TimeEntry) -> None:
    """Add a draft and approve it the way the attorney does (the outbox row included)."""
    entries.add(entry, "test")
    entries.approve(entry.id, "attorney")


SETTINGS = BillingSettings(
    letterhead=Letterhead(
        "Doe & Baker LLP",
        ("100 Main Street, Suite 400", "Springfield, IL 62701"),
        "(217) 555-0100 | billing@doebaker.example",
    ),
    law_firm_id="36-1234567",
    default_timekeeper="JD",
    payment_link_template="https://pay.example/{account}?invoice={number}&amount={amount}",
    payment_account="doebaker",
    sender="billing@doebaker.example",
)

ACME = Client("Acme Corp")
BETA = Client("Beta Industries")


@dataclass(frozen=True)
class Firm:
    db: Database
    clock: Clock
    entries: EntryRepository

    def service(self, mailer: object = None) -> BillingService:
        return BillingService(self.db, SETTINGS, self.clock, mailer)  # type: ignore[arg-type]

    def entry(
        self,
        entry_id: str,
        day: date,
        hours: str,
        matter: str,
        description: str = "Draft motion to compel discovery responses",
        *,
        task: str | None = "L350",
        activity: str | None = "A103",
        status: EntryStatus = EntryStatus.APPROVED,
        timekeeper: str | None = None,
    ) -> None:
        entry = work_entry(
            entry_id, day, hours, matter, description, task=task, activity=activity, status=status
        )
        self.entries.add(entry, "test")
        if timekeeper:
            self.service().assign(entry_id, timekeeper)


def seed(db: Database, clock: Clock) -> Firm:
    """Two clients, three matters, two timekeepers with rates: the firm every billing test starts from."""
    MatterRepository(db).upsert_many(
        [
            Matter("1001", ACME, "Acme v. Widgets (litigation)"),
            Matter("1002", ACME, "Acme trademark portfolio"),
            Matter("2001", BETA, "Beta supply contract"),
        ],
        clock(),
    )
    firm = Firm(db, clock, EntryRepository(db, clock))
    svc = firm.service()
    svc.add_timekeeper(
        Timekeeper("JD", "Doe, Jane", "JD", Classification.PARTNER, "PARTNR", Money(Decimal(300)))
    )
    svc.add_timekeeper(
        Timekeeper("AB", "Baker, Alan", "AB", Classification.ASSOCIATE, None, Money(Decimal(200)))
    )
    svc.add_rate(Rate(RateScope.FIRM, "", Money(Decimal(150)), date.min))
    svc.set_client(ClientBilling("Acme Corp", email="ap@acme.example", address="1 Acme Way\nGotham, NY 10001",
                                 ledes_client_id="ACME01"))  # fmt: skip
    svc.set_client(ClientBilling("Beta Industries", email="pay@beta.example", terms_days=15))
    return firm


def trust_table_of_old(conn: Connection) -> None:
    """Put back bill_trust as versions before per-matter trust made it (no matter_id), holding one deposit of
    500 for Acme Corp, a client of its own."""
    serial = "SERIAL" if conn.dialect.name == "postgresql" else "INTEGER"
    conn.execute(text("DROP TABLE bill_trust"))
    conn.execute(
        text(
            f"CREATE TABLE bill_trust (id {serial} NOT NULL PRIMARY KEY, "
            "client_id INTEGER NOT NULL REFERENCES clients (id), day DATE NOT NULL, "
            "amount NUMERIC(14, 2) NOT NULL, memo TEXT NOT NULL, "
            "invoice_id INTEGER REFERENCES bill_invoices (id), created_ms BIGINT NOT NULL)"
        )
    )
    cid = conn.execute(schema.clients.insert().values(name="Acme Corp")).inserted_primary_key[0]
    conn.execute(
        text(
            "INSERT INTO bill_trust (client_id, day, amount, memo, created_ms) "
            "VALUES (:cid, '2026-03-01', 500, 'retainer deposit', 0)"
        ),
        {"cid": cid},
    )
