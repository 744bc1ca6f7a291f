"""Billing speed: invoices for 100 clients x 50 entries (<= 10 s) and A/R aging over 10,000 invoices (<= 1 s).

    .venv/bin/python bench/billing_speed.py [--db URL]   (an empty database; default: SQLite in a temp dir)

Exits non-zero when a budget is exceeded.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

from ledgerwatch.billing import BillingService, BillingSettings, aging
from ledgerwatch.billing.pdf import Letterhead
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import Classification, Rate, RateScope, Timekeeper
from ledgerwatch.store import Database, open_database
from ledgerwatch.store.schema import bill_allocations, bill_invoices, bill_payments, clients, entries, matters

CLIENTS, ENTRIES, INVOICES = 100, 50, 10_000
NOW = datetime(2026, 4, 1, 9, tzinfo=UTC)


def seed_work(db: Database) -> None:
    rng = random.Random(7)
    with db.begin() as conn:
        conn.execute(clients.insert(), [{"id": c, "name": f"Client {c:03d}"} for c in range(1, CLIENTS + 1)])
        conn.execute(
            matters.insert(),
            [
                {"id": c, "number": f"M{c:03d}", "client_id": c, "updated_ms": 0}
                for c in range(1, CLIENTS + 1)
            ],
        )
        rows = []
        for c in range(1, CLIENTS + 1):
            for e in range(ENTRIES):
                rows.append(
                    {
                        "id": f"c{c}-e{e}",
                        "day": date(2026, 3, 1) + timedelta(days=e % 28),
                        "matter": f"M{c:03d}",
                        "kind": "billable",
                        "worked_seconds": 1800,
                        "billed_hours": Decimal(rng.randint(1, 40)) / 10,
                        "activity_code": "A103",
                        "task_code": "L350",
                        "description": "Draft and revise responses to interrogatories",
                        "status": "approved",
                    }
                )
        conn.execute(entries.insert(), rows)


def seed_receivables(db: Database) -> None:
    rng = random.Random(11)
    with db.begin() as conn:
        heads, payments, allocations = [], [], []
        for i in range(1, INVOICES + 1):
            issued = date(2026, 3, 31) - timedelta(days=rng.randint(0, 200))
            total = Decimal(rng.randint(10_000, 500_000)) / 100
            heads.append(
                {
                    "id": 100_000 + i, "number": f"AR-{i:06d}", "state": "final", "client_id": 1 + i % CLIENTS,
                    "matter": f"M{1 + i % CLIENTS:03d}", "responsible": "JD" if i % 3 else "AB",
                    "arrangement": "hourly", "period_start": issued, "period_end": issued, "issue_date": issued,
                    "due_date": issued + timedelta(days=30), "fees": total, "total": total, "created_ms": 0,
                    "updated_ms": 0,
                }
            )  # fmt: skip
            if i % 2:
                half = (total / 2).quantize(Decimal("0.01"))
                payments.append({"id": i, "client_id": 1 + i % CLIENTS, "received_on": issued, "amount": half,
                                 "recorded_ms": 0})  # fmt: skip
                allocations.append({"payment_id": i, "invoice_id": 100_000 + i, "amount": half})
        conn.execute(bill_invoices.insert(), heads)
        conn.execute(bill_payments.insert(), payments)
        conn.execute(bill_allocations.insert(), allocations)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="database URL (default: SQLite in a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(args.db or Path(tmp) / "bench.db")
        settings = BillingSettings(Letterhead("Bench LLP"), default_timekeeper="JD")
        svc = BillingService(db, settings, lambda: NOW)
        svc.add_timekeeper(
            Timekeeper("JD", "Doe, Jane", "JD", Classification.PARTNER, None, Money(Decimal(300)))
        )
        svc.add_rate(Rate(RateScope.FIRM, "", Money(Decimal(150)), date.min))
        seed_work(db)

        t0 = time.perf_counter()
        drafts = svc.draft_all(through=date(2026, 3, 31))
        t1 = time.perf_counter()
        for d in drafts:
            assert d.invoice_id is not None
            svc.finalize(d.invoice_id)
        t2 = time.perf_counter()
        lines = sum(len(d.invoice.lines) for d in drafts if d.invoice)
        print(
            f"drafted {len(drafts)} invoices ({lines} lines) in {t1 - t0:.2f} s; finalised them in {t2 - t1:.2f} s"
        )
        invoicing = t2 - t0

        seed_receivables(db)
        t3 = time.perf_counter()
        report = svc.aging(as_of=date(2026, 4, 1), by="client")
        t4 = time.perf_counter()
        receivables = svc.receivables()
        t5 = time.perf_counter()
        for by in aging.GROUPS:
            aging.age(receivables, date(2026, 4, 1), by)
        t6 = time.perf_counter()
        print(
            f"aging over {len(receivables)} invoices: {t4 - t3:.2f} s with the database read "
            f"({(t6 - t5) / 3 * 1000:.1f} ms per grouping in memory); "
            f"A/R {report.outstanding:,.2f}, DSO {report.dso}"
        )
        db.dispose()
    ok = invoicing <= 10 and (t4 - t3) <= 1
    print("within budget" if ok else "OVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
