"""Billing and collections: rates, fee arrangements, invoices, LEDES/PDF/CSV, payments, A/R aging, reminders.

The core (rates, invoicing, checks, ledes, aging, reminders, payments) is pure; service.py does the I/O.
"""

from ledgerwatch.billing.service import (
    BillingError,
    BillingService,
    BillingSettings,
    DraftOutcome,
    FinalizeOutcome,
    PaymentOutcome,
    ReminderOutcome,
    ReminderRun,
)

__all__ = [
    "BillingError",
    "BillingService",
    "BillingSettings",
    "DraftOutcome",
    "FinalizeOutcome",
    "PaymentOutcome",
    "ReminderOutcome",
    "ReminderRun",
]
