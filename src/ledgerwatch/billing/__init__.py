"""Billing and collections: rates, fee arrangements, invoices, LEDES/PDF/CSV, payments, A/R aging, reminders.

The core (rates, invoicing, checks, ledes, pdf, aging, reminders, payments) is pure; the use cases (setup,
prebills, issuing, statements, receipts, reports, dunning, collection) do the I/O over one BillingContext;
BillingService is the facade the rest of the program holds.
"""

from ledgerwatch.billing.context import BillingContext, BillingError, BillingSettings
from ledgerwatch.billing.dunning import ReminderOutcome, ReminderRun, ReminderStatus
from ledgerwatch.billing.issuing import FinalizeOutcome
from ledgerwatch.billing.prebills import DraftOutcome
from ledgerwatch.billing.receipts import PaymentOutcome
from ledgerwatch.billing.service import BillingService

__all__ = [
    "BillingContext",
    "BillingError",
    "BillingService",
    "BillingSettings",
    "DraftOutcome",
    "FinalizeOutcome",
    "PaymentOutcome",
    "ReminderOutcome",
    "ReminderRun",
    "ReminderStatus",
]
