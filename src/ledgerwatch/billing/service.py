"""BillingService: the one billing object the CLI, the review app and the jobs hold.

Each method is one line into the use-case module that does the work over a shared BillingContext:
setup (timekeepers, rates, terms, clients), prebills (drafts), issuing (finalise, void, export, send),
receipts (payments, credits, trust), reports (A/R, aging, realization), dunning (reminders) and collection
(letters and agency referrals for accounts past 90 days).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from decimal import Decimal
from email.message import EmailMessage

from ledgerwatch.billing import collection, dunning, issuing, prebills, receipts, reports, setup
from ledgerwatch.billing.aging import AgingReport, Receivable
from ledgerwatch.billing.context import BillingContext, BillingError, BillingSettings
from ledgerwatch.billing.dunning import ReminderOutcome, ReminderRun
from ledgerwatch.billing.issuing import FinalizeOutcome
from ledgerwatch.billing.mail import Mailer
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.billing.prebills import DraftOutcome
from ledgerwatch.billing.receipts import PaymentOutcome, Reconciliation
from ledgerwatch.billing.reports import InvoiceAccount
from ledgerwatch.billing.setup import ExpenseRecord
from ledgerwatch.domain import Money, Problem
from ledgerwatch.domain.billing import (
    Adjustment,
    ClientBilling,
    ExpenseItem,
    FeeTerms,
    Invoice,
    LetterState,
    Rate,
    Realization,
    Timekeeper,
)
from ledgerwatch.domain.clock import Clock
from ledgerwatch.store import Database
from ledgerwatch.store.billing import BillingStore, Letter, OpenInvoice, ReminderRecord, TrustMovement


class BillingService:
    def __init__(
        self, db: Database, settings: BillingSettings, clock: Clock, mailer: Mailer | None = None
    ) -> None:
        self.context = BillingContext(BillingStore(db), settings, clock, mailer)

    def today(self) -> date:
        return self.context.today()

    # --- setup ---

    def add_timekeeper(self, tk: Timekeeper) -> None:
        setup.add_timekeeper(self.context, tk)

    def timekeepers(self) -> dict[str, Timekeeper]:
        return setup.timekeepers(self.context)

    def assign(self, entry_id: str, timekeeper: str) -> None:
        setup.assign(self.context, entry_id, timekeeper)

    def rate_for(self, matter: str, day: date, timekeeper: str | None = None) -> Rate | None:
        return setup.rate_for(self.context, matter, day, timekeeper)

    def add_rate(self, rate: Rate) -> None:
        setup.add_rate(self.context, rate)

    def rates(self) -> list[Rate]:
        return setup.rates(self.context)

    def set_terms(self, terms: FeeTerms) -> None:
        setup.set_terms(self.context, terms)

    def client_billing(self, client: str) -> ClientBilling:
        return setup.client_billing(self.context, client)

    def set_client(self, billing: ClientBilling) -> int:
        return setup.set_client(self.context, billing)

    def do_not_contact(self, client: str, flag: bool = True) -> None:
        setup.do_not_contact(self.context, client, flag)

    def add_expense(self, item: ExpenseItem) -> None:
        setup.add_expense(self.context, item)

    def expenses(self, matter: str | None = None) -> list[ExpenseRecord]:
        return setup.expenses(self.context, matter)

    # --- pre-bills ---

    def draft(self, matter: str, through: date | None = None) -> DraftOutcome:
        return prebills.draft(self.context, matter, through)

    def draft_all(self, client: str | None = None, through: date | None = None) -> list[DraftOutcome]:
        return prebills.draft_all(self.context, client, through)

    def run_cycle(self) -> list[DraftOutcome]:
        return prebills.run_cycle(self.context)

    def approve(self, invoice_id: int, approver: str) -> Invoice:
        return prebills.approve(self.context, invoice_id, approver)

    def drafts(self) -> list[Invoice]:
        return prebills.drafts(self.context)

    def adjust(self, invoice_id: int, adjustment: Adjustment) -> Invoice:
        return prebills.adjust(self.context, invoice_id, adjustment)

    def refresh(self, invoice_id: int) -> Invoice:
        return prebills.refresh(self.context, invoice_id)

    def delete_draft(self, invoice_id: int) -> None:
        prebills.delete_draft(self.context, invoice_id)

    # --- issuing ---

    def find(self, reference: str) -> int:
        return issuing.find(self.context, reference)

    def get(self, invoice_id: int) -> Invoice:
        return issuing.get(self.context, invoice_id)

    def billed_entries(self, entry_ids: Iterable[str]) -> dict[str, int]:
        return issuing.billed_entries(self.context, entry_ids)

    def check(self, invoice_id: int) -> tuple[Problem, ...]:
        return issuing.check(self.context, invoice_id)

    def finalize(self, invoice_id: int, accept_warnings: bool = True) -> FinalizeOutcome:
        return issuing.finalize(self.context, invoice_id, accept_warnings)

    def finalize_batch(
        self, invoice_ids: Iterable[int], accept_warnings: bool = True
    ) -> list[FinalizeOutcome | BillingError]:
        return issuing.finalize_batch(self.context, invoice_ids, accept_warnings)

    def issued(self, limit: int = 200) -> list[Invoice]:
        return issuing.issued(self.context, limit)

    def void(self, invoice_id: int, reason: str) -> None:
        issuing.void(self.context, invoice_id, reason)

    def dispute(self, invoice_id: int, disputed: bool = True, note: str = "") -> None:
        issuing.dispute(self.context, invoice_id, disputed, note)

    def export(self, invoice_id: int, fmt: str) -> bytes:
        return issuing.export(self.context, invoice_id, fmt)

    def send(self, invoice_id: int) -> str:
        return issuing.send(self.context, invoice_id)

    # --- payments, credits, trust ---

    def record_payment(self, record: PaymentRecord) -> PaymentOutcome:
        return receipts.record_payment(self.context, record)

    def accept_payments(self, records: Iterable[PaymentRecord]) -> list[PaymentOutcome]:
        return receipts.accept_payments(self.context, records)

    def apply_unapplied(self, client: str) -> PaymentOutcome:
        return receipts.apply_unapplied(self.context, client)

    def refund(
        self, client: str, amount: Money, reason: str, invoice_number: str | None = None
    ) -> PaymentOutcome:
        return receipts.refund(self.context, client, amount, reason, invoice_number)

    def credit_note(self, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        receipts.credit_note(self.context, invoice_id, amount, reason, memo)

    def write_off(self, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        receipts.write_off(self.context, invoice_id, amount, reason, memo)

    def balance(self, invoice_id: int) -> Decimal:
        return receipts.balance(self.context, invoice_id)

    def deposit_trust(
        self, client: str, amount: Money, memo: str = "retainer deposit", matter: str | None = None
    ) -> None:
        """Money placed in trust for one of the client's matters, or (matter None) a general retainer."""
        receipts.deposit_trust(self.context, client, amount, memo, matter)

    def trust_balance(self, client: str, matter: str | None = None) -> Decimal:
        """A matter's own trust funds; with no matter, all the client's."""
        return receipts.trust_balance(self.context, client, matter)

    def trust_ledger(self, client: str | None = None) -> list[TrustMovement]:
        return receipts.trust_ledger(self.context, client)

    def reconcile_trust(self, bank_balance: Money, as_of: date | None = None) -> Reconciliation:
        return receipts.reconcile_trust(self.context, bank_balance, as_of)

    # --- A/R ---

    def receivables(self, as_of: date | None = None) -> list[Receivable]:
        return reports.receivables(self.context, as_of)

    def aging(self, as_of: date | None = None, by: str = "client") -> AgingReport:
        return reports.aging(self.context, as_of, by)

    def open_invoices(self, client_id: int | None = None) -> list[OpenInvoice]:
        return reports.open_invoices(self.context, client_id)

    def invoice_account(self, invoice_id: int) -> InvoiceAccount:
        return reports.invoice_account(self.context, invoice_id)

    def realization(self, since: date, until: date, currency: str = "USD") -> Realization:
        return reports.realization(self.context, since, until, currency)

    # --- reminders ---

    def run_reminders(self, dry_run: bool = False) -> ReminderRun:
        return dunning.run_reminders(self.context, dry_run)

    def reminder_log(self, invoice_id: int | None = None) -> list[ReminderRecord]:
        return dunning.reminder_log(self.context, invoice_id)

    def preview_reminders(self) -> list[tuple[ReminderOutcome, EmailMessage | None]]:
        return dunning.preview(self.context)

    def resolve_reminder(self, invoice_id: int, rung: str, was_sent: bool) -> None:
        dunning.resolve_reminder(self.context, invoice_id, rung, was_sent)

    # --- collection letters and referrals ---

    def draft_collection_letters(self) -> list[int]:
        return collection.draft_collection_letters(self.context)

    def letters(self, state: LetterState | None = None) -> list[Letter]:
        return collection.letters(self.context, state)

    def letter_pdf(self, letter_id: int) -> bytes:
        return collection.letter_pdf(self.context, letter_id)

    def approve_letter(self, letter_id: int, reviewer: str) -> None:
        collection.approve_letter(self.context, letter_id, reviewer)

    def send_letter(self, letter_id: int) -> None:
        collection.send_letter(self.context, letter_id)

    def approve_referral(self, client: str, approved_by: str) -> int:
        return collection.approve_referral(self.context, client, approved_by)

    def export_referral(self, referral_id: int) -> str:
        return collection.export_referral(self.context, referral_id)
