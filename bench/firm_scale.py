"""Firm scale on PostgreSQL: 50 timekeepers x one year (~250,000 approved entries) in the firm ledger.

A month's pre-bills (every matter's December, the eleven months before already invoiced) in <= 5 s, and A/R
aging over the year's invoices in <= 1 s.

    LEDGERWATCH_TEST_PG_URL=$(scripts/start-postgres.sh) .venv/bin/python bench/firm_scale.py [--db URL]

A throw-away database is created on that server (and dropped after). Exits non-zero over budget.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from ledgerwatch.billing import BillingSettings
from ledgerwatch.billing.pdf import Letterhead
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import Classification, Timekeeper
from ledgerwatch.firm import FirmLedger
from ledgerwatch.store import Database
from ledgerwatch.store.ledger import open_ledger
from ledgerwatch.store.ledger.schema import ledger_intake
from ledgerwatch.store.schema import (
    bill_allocations,
    bill_claims,
    bill_counters,
    bill_entry_timekeeper,
    bill_invoices,
    bill_payments,
    clients,
    entries,
    matters,
)

TIMEKEEPERS, CLIENTS, MATTERS = 50, 100, 500
YEAR = 2025
PER_DAY = 20
"""entries per timekeeper per working day: 50 x ~250 days x 20 = ~250,000"""
PREBILLS_BUDGET, AGING_BUDGET = 5.0, 1.0
NOW = datetime(YEAR + 1, 1, 2, 9, tzinfo=UTC)


class Clock:
    def __call__(self) -> datetime:
        return NOW


def workdays(year: int) -> list[date]:
    day, out = date(year, 1, 1), []
    while day.year == year:
        if day.weekday() < 5:
            out.append(day)
        day += timedelta(days=1)
    return out


def seed(ledger: FirmLedger) -> int:
    """Timekeepers, clients, matters, a year of approved entries; Jan-Nov invoiced (claimed, partly paid)."""
    rng = random.Random(19)
    db = ledger.db
    for t in range(TIMEKEEPERS):
        ledger.billing.add_timekeeper(
            Timekeeper(
                f"T{t:02d}",
                f"Keeper, T{t:02d}",
                f"T{t}",
                Classification.ASSOCIATE,
                default_rate=Money(Decimal(200 + 5 * t)),
            )
        )
    with db.begin() as conn:
        conn.execute(clients.insert(), [{"id": c, "name": f"Client {c:03d}"} for c in range(1, CLIENTS + 1)])
        conn.execute(
            matters.insert(),
            [
                {"id": m, "number": f"M{m:04d}", "client_id": 1 + m % CLIENTS, "updated_ms": 0}
                for m in range(1, MATTERS + 1)
            ],
        )
    total = 0
    invoice_id = 0
    batch: dict[str, list[dict[str, object]]] = {"entries": [], "tk": [], "intake": [], "claims": []}
    invoices: dict[tuple[int, int], int] = {}
    invoice_rows: list[dict[str, object]] = []
    days = workdays(YEAR)
    for day in days:
        for t in range(TIMEKEEPERS):
            for k in range(PER_DAY):
                entry_id = f"{t:02d}{day:%m%d}{k:02d}"
                matter = 1 + (t * 10 + rng.randrange(10)) % MATTERS
                hours = Decimal(rng.randrange(1, 10)) / 10
                batch["entries"].append(
                    {"id": entry_id, "day": day, "matter": f"M{matter:04d}", "kind": "billable",
                     "worked_seconds": int(hours * 3600), "billed_hours": hours, "description":
                     f"Draft and revise discovery responses, part {k}", "status": "approved", "version": 1,
                     "activity_code": "A103", "task_code": "L350"}
                )  # fmt: skip
                batch["tk"].append({"entry_id": entry_id, "timekeeper_id": f"T{t:02d}"})
                batch["intake"].append(
                    {"entry_id": entry_id, "timekeeper_id": f"T{t:02d}", "device_id": t, "reference": f"LW-{entry_id}",
                     "received_ms": 0, "updated_ms": 0}
                )  # fmt: skip
                if day.month < 12:
                    key = (matter, day.month)
                    if key not in invoices:
                        invoice_id += 1
                        invoices[key] = invoice_id
                        issue = date(YEAR, day.month + 1, 1)
                        invoice_rows.append(
                            {"id": invoice_id, "number": f"INV-{invoice_id:06d}", "state": "final",
                             "client_id": 1 + matter % CLIENTS, "matter": f"M{matter:04d}", "arrangement": "hourly",
                             "currency": "USD", "period_start": date(YEAR, day.month, 1),
                             "period_end": issue - timedelta(days=1), "issue_date": issue,
                             "due_date": issue + timedelta(days=30), "total": Decimal(rng.randrange(500, 20000)),
                             "created_ms": 0, "updated_ms": 0}
                        )  # fmt: skip
                    batch["claims"].append({"item": f"entry:{entry_id}", "invoice_id": invoices[key]})
                total += 1
        if len(batch["entries"]) >= 20_000 or day == days[-1]:
            with db.begin() as conn:
                if invoice_rows:
                    conn.execute(bill_invoices.insert(), invoice_rows)
                    invoice_rows = []
                conn.execute(entries.insert(), batch["entries"])
                conn.execute(bill_entry_timekeeper.insert(), batch["tk"])
                conn.execute(ledger_intake.insert(), batch["intake"])
                if batch["claims"]:
                    conn.execute(bill_claims.insert(), batch["claims"])
            batch = {k: [] for k in batch}
    with db.begin() as conn:
        conn.execute(bill_counters.insert().values(name="invoice", value=invoice_id))
        payments = [
            {"id": i, "client_id": 1 + i % CLIENTS, "received_on": date(YEAR, 12, 1), "amount": Decimal(300),
             "currency": "USD", "method": "check", "reference": "", "source": "manual", "recorded_ms": 0}
            for i in range(1, invoice_id // 2)
        ]  # fmt: skip
        conn.execute(bill_payments.insert(), payments)
        conn.execute(
            bill_allocations.insert(),
            [{"payment_id": p["id"], "invoice_id": p["id"] * 2, "amount": Decimal(300)} for p in payments],
        )
        for table in ("clients", "matters", "bill_invoices", "bill_payments"):  # ids were given explicitly
            conn.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
            )
        conn.execute(text("ANALYZE"))
    return total


def drop_drafts(ledger: FirmLedger) -> None:
    for inv in ledger.billing.drafts():
        assert inv.id is not None
        ledger.billing.delete_draft(inv.id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", default=os.environ.get("LEDGERWATCH_TEST_PG_URL"), help="a PostgreSQL server URL"
    )
    parser.add_argument(
        "--profile", action="store_true", help="print where the first pre-bill run spends its time"
    )
    args = parser.parse_args()
    if not args.db:
        print(
            "give --db URL or set LEDGERWATCH_TEST_PG_URL (scripts/start-postgres.sh prints one)",
            file=sys.stderr,
        )
        return 2
    name = f"lw_bench_{uuid.uuid4().hex[:10]}"
    admin = create_engine(args.db, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    db: Database | None = None
    try:
        db = open_ledger(make_url(args.db).set(database=name).render_as_string(hide_password=False))
        ledger = FirmLedger(db, BillingSettings(letterhead=Letterhead("Bench LLP")), Clock())
        started = time.perf_counter()
        total = seed(ledger)
        print(
            f"seeded {total:,} entries, {TIMEKEEPERS} timekeepers, {MATTERS} matters in {time.perf_counter() - started:.1f} s"
        )
        prebills, ages = [], []
        if args.profile:
            import cProfile
            import pstats

            with cProfile.Profile() as prof:
                ledger.billing.draft_all(None, date(YEAR, 12, 31))
            pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        for _ in range(3):
            drop_drafts(ledger)
            t0 = time.perf_counter()
            outcomes = ledger.billing.draft_all(None, date(YEAR, 12, 31))
            prebills.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            report = ledger.billing.aging(date(YEAR + 1, 1, 2), "client")
            ages.append(time.perf_counter() - t0)
        lines = sum(len(o.invoice.lines) for o in outcomes if o.invoice)
        print(
            f"December pre-bills: {len(outcomes)} matters, {lines:,} lines: median {statistics.median(prebills):.2f} s "
            f"(runs {', '.join(f'{t:.2f}' for t in prebills)}; budget {PREBILLS_BUDGET} s)"
        )
        print(
            f"A/R aging: {len(report.rows)} clients, {report.outstanding:,.2f} open: median {statistics.median(ages):.3f} s "
            f"(runs {', '.join(f'{t:.3f}' for t in ages)}; budget {AGING_BUDGET} s)"
        )
        ok = statistics.median(prebills) <= PREBILLS_BUDGET and statistics.median(ages) <= AGING_BUDGET
        print("within budget" if ok else "OVER BUDGET")
        return 0 if ok else 1
    finally:
        if db is not None:
            db.dispose()
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    sys.exit(main())
