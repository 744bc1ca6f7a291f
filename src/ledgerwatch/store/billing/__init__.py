"""Billing's tables, read and written as typed records; billing/ decides what one transaction holds.

    with BillingStore(db).write() as tx:      # one transaction: all of it commits, or none
        invoice = tx.invoices.get(invoice_id)  # a frozen domain.billing.Invoice, lines and state included
        tx.invoices.issue(...)

What comes back is frozen: domain.billing records (Invoice, Timekeeper, FeeTerms, ClientBilling, ...) or the
small records beside each table group here (OpenInvoice, AppliedPayment, ReminderRecord, Letter, ...). The
connection never leaves the store.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import Connection

from ledgerwatch.store.billing.invoices import InvoiceTables, OpenInvoice
from ledgerwatch.store.billing.letters import Letter, LetterTables, Referral
from ledgerwatch.store.billing.payments import AppliedPayment, Credit, PaymentTables, TrustMovement
from ledgerwatch.store.billing.reminders import ReminderRecord, ReminderTables
from ledgerwatch.store.billing.setup import BillingRecordNotFound, SetupTables
from ledgerwatch.store.billing.work import BillableMatter, UnbilledEntry, WorkTables
from ledgerwatch.store.db import Database


@dataclass(frozen=True, slots=True)
class BillingTables:
    """Billing's table groups inside one transaction."""

    setup: SetupTables
    work: WorkTables
    invoices: InvoiceTables
    payments: PaymentTables
    reminders: ReminderTables
    letters: LetterTables

    @classmethod
    def over(cls, conn: Connection) -> BillingTables:
        return cls(
            SetupTables(conn),
            WorkTables(conn),
            InvoiceTables(conn),
            PaymentTables(conn),
            ReminderTables(conn),
            LetterTables(conn),
        )


@dataclass(frozen=True, slots=True)
class BillingStore:
    """Billing's way into the database: a read, or a transaction that commits together."""

    db: Database

    @contextmanager
    def read(self) -> Iterator[BillingTables]:
        with self.db.connect() as conn:
            yield BillingTables.over(conn)

    @contextmanager
    def write(self) -> Iterator[BillingTables]:
        with self.db.begin() as conn:
            yield BillingTables.over(conn)


__all__ = [
    "AppliedPayment",
    "BillableMatter",
    "BillingRecordNotFound",
    "BillingStore",
    "BillingTables",
    "Credit",
    "Letter",
    "OpenInvoice",
    "Referral",
    "ReminderRecord",
    "TrustMovement",
    "UnbilledEntry",
]
