"""Billing through the ledger: every change checked against the actor's rights and written to the audit log
with the record before and after (who, when, what).

Reads are filtered for attorneys: they see the pre-bills of matters they worked on (or are responsible for).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar

from ledgerwatch.billing import BillingError, BillingService
from ledgerwatch.billing.aging import AgingReport
from ledgerwatch.billing.dunning import ReminderRun
from ledgerwatch.billing.issuing import FinalizeOutcome
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.billing.receipts import PaymentOutcome, Reconciliation
from ledgerwatch.billing.reports import InvoiceAccount
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ClientBilling, ExpenseItem, FeeTerms, Invoice, Rate, Timekeeper
from ledgerwatch.domain.clock import Clock
from ledgerwatch.firm.accounts import AccessDenied, Actor, Right
from ledgerwatch.store.billing import OpenInvoice
from ledgerwatch.store.ledger import AuditRecord, LedgerStore

T = TypeVar("T")


def invoice_facts(billing: BillingService, invoice_id: int) -> dict[str, Any]:
    """What the audit log keeps of an invoice: state, number, totals, approval and balance."""
    try:
        inv = billing.get(invoice_id)
    except LookupError:
        return {}
    return {
        "id": invoice_id,
        "state": inv.state.value,
        "number": inv.number,
        "matter": inv.matter,
        "total": str(inv.total.amount),
        "approved_by": inv.approved_by,
        "balance": str(billing.balance(invoice_id)),
    }


def _plain(value: Any) -> Any:
    """A JSON-friendly copy of a record for the audit log."""
    if hasattr(value, "__dataclass_fields__"):
        return {k: _plain(v) for k, v in asdict(value).items()}
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)


class AuditedBilling:
    def __init__(self, billing: BillingService, store: LedgerStore, clock: Clock) -> None:
        self.billing = billing
        self.store = store
        self.clock = clock

    def _log(
        self, actor: Actor, action: str, subject: str, before: dict[str, Any], after: dict[str, Any]
    ) -> None:
        with self.store.write() as tx:
            tx.audit.add(actor.login, action, subject, before, after, self.clock())

    def _invoice_change(
        self,
        actor: Actor,
        action: str,
        invoice_id: int,
        change: Callable[[], T],
        what: dict[str, Any] | None = None,
    ) -> T:
        """Make the change and log the invoice before and after (with what was done, when given)."""
        before = invoice_facts(self.billing, invoice_id)
        result = change()
        after = {**invoice_facts(self.billing, invoice_id), **(what or {})}
        self._log(actor, action, f"invoice:{invoice_id}", before, after)
        return result

    def audit(self, actor: Actor, limit: int = 200, subject: str | None = None) -> list[AuditRecord]:
        actor.require(Right.BILL)
        with self.store.read() as tx:
            return tx.audit.records(limit, subject)

    # --- pre-bills ---

    def visible(self, actor: Actor, inv: Invoice) -> bool:
        """Attorneys see the pre-bills and invoices of matters they worked on or are responsible for."""
        if actor.may(Right.BILL):
            return True
        tk = actor.timekeeper
        return tk is not None and (inv.responsible == tk or any(ln.timekeeper == tk for ln in inv.lines))

    def drafts(self, actor: Actor) -> list[Invoice]:
        return [inv for inv in self.billing.drafts() if self.visible(actor, inv)]

    def issued(self, actor: Actor, limit: int = 200) -> list[Invoice]:
        return [inv for inv in self.billing.issued(limit) if self.visible(actor, inv)]

    def get(self, actor: Actor, invoice_id: int) -> Invoice:
        inv = self.billing.get(invoice_id)
        if not self.visible(actor, inv):
            raise AccessDenied(f"{actor.login} may not see pre-bill #{invoice_id}")
        return inv

    def draft_all(self, actor: Actor, through: date | None = None) -> list[int]:
        actor.require(Right.BILL)
        outcomes = self.billing.draft_all(None, through)
        made = [o.invoice_id for o in outcomes if o.invoice_id is not None]
        self._log(
            actor,
            "draft",
            "pre-bills",
            {},
            {"drafted": made, "through": str(through or self.billing.today())},
        )
        return made

    def approve(self, actor: Actor, invoice_id: int) -> Invoice:
        actor.require(Right.APPROVE)
        self.get(actor, invoice_id)
        return self._invoice_change(
            actor, "approve", invoice_id, lambda: self.billing.approve(invoice_id, actor.login)
        )

    def finalize_batch(
        self, actor: Actor, invoice_ids: Iterable[int], require_approval: bool = True
    ) -> list[FinalizeOutcome | BillingError]:
        """Finalise several pre-bills; each must have been approved first (unless require_approval is off)."""
        actor.require(Right.BILL)
        out: list[FinalizeOutcome | BillingError] = []
        for invoice_id in invoice_ids:
            try:
                inv = self.billing.get(invoice_id)
                if (
                    require_approval
                    and inv.number is None
                    and inv.state.value == "draft"
                    and not inv.approved_by
                ):
                    raise BillingError(f"pre-bill #{invoice_id} is not approved yet")
                outcome = self._invoice_change(
                    actor,
                    "finalize",
                    invoice_id,
                    lambda i=invoice_id: self.billing.finalize(i),  # type: ignore[misc]
                )
                out.append(outcome)
            except (BillingError, LookupError) as exc:
                out.append(exc if isinstance(exc, BillingError) else BillingError(str(exc)))
        return out

    def void(self, actor: Actor, invoice_id: int, reason: str) -> None:
        actor.require(Right.BILL)
        self._invoice_change(actor, "void", invoice_id, lambda: self.billing.void(invoice_id, reason))

    def send(self, actor: Actor, invoice_id: int) -> str:
        actor.require(Right.BILL)
        return self._invoice_change(actor, "send", invoice_id, lambda: self.billing.send(invoice_id))

    # --- money ---

    def record_payment(self, actor: Actor, record: PaymentRecord) -> PaymentOutcome:
        actor.require(Right.BILL)
        outcome = self.billing.record_payment(record)
        self._log(
            actor,
            "payment",
            f"client:{record.client}",
            {},
            {"payment": _plain(record), "outcome": _plain(outcome)},
        )
        return outcome

    def refund(
        self, actor: Actor, client: str, amount: Money, reason: str, invoice: str | None
    ) -> PaymentOutcome:
        actor.require(Right.BILL)
        outcome = self.billing.refund(client, amount, reason, invoice)
        self._log(
            actor,
            "refund",
            f"client:{client}",
            {},
            {"amount": str(amount), "invoice": invoice, "reason": reason},
        )
        return outcome

    def credit_note(self, actor: Actor, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        """Reduce an issued invoice's balance by a credit note (the engine refuses more than the balance)."""
        actor.require(Right.BILL)
        self._invoice_change(
            actor, "credit note", invoice_id,
            lambda: self.billing.credit_note(invoice_id, amount, reason, memo),
            {"amount": str(amount), "reason": reason},
        )  # fmt: skip

    def write_off(self, actor: Actor, invoice_id: int, amount: Money, reason: str, memo: str = "") -> None:
        """Write off part or all of an issued invoice's unpaid balance, with a reason."""
        actor.require(Right.BILL)
        self._invoice_change(
            actor, "write-off", invoice_id,
            lambda: self.billing.write_off(invoice_id, amount, reason, memo),
            {"amount": str(amount), "reason": reason},
        )  # fmt: skip

    def deposit_trust(
        self, actor: Actor, client: str, amount: Money, memo: str, matter: str | None = None
    ) -> Decimal:
        """Deposit to the client-matter's trust (matter None: the client's general retainer); the balance of
        the matter's own funds, or of all the client's when no matter is named."""
        actor.require(Right.BILL)
        before = self.billing.trust_balance(client, matter)
        self.billing.deposit_trust(client, amount, memo, matter)
        after = self.billing.trust_balance(client, matter)
        self._log(
            actor,
            "trust deposit",
            f"client:{client}",
            {"trust": str(before), "matter": matter},
            {"trust": str(after), "memo": memo, "matter": matter},
        )
        return after

    def reconcile_trust(self, actor: Actor, bank: Money, as_of: date | None = None) -> Reconciliation:
        actor.require(Right.BILL)
        rec = self.billing.reconcile_trust(bank, as_of)
        self._log(
            actor, "trust reconcile", "trust", {},
            {"as_of": str(rec.as_of), "bank": str(rec.bank), "journal": str(rec.journal), "balanced": rec.balanced},
        )  # fmt: skip
        return rec

    def run_reminders(self, actor: Actor) -> ReminderRun:
        actor.require(Right.BILL)
        run = self.billing.run_reminders()
        self._log(actor, "reminders", "reminders", {}, {"sent": [f"{o.invoice}/{o.rung}" for o in run.sent]})
        return run

    def aging(self, actor: Actor, as_of: date | None = None, by: str = "client") -> AgingReport:
        actor.require(Right.BILL)
        return self.billing.aging(as_of, by)

    def open_invoices(self, actor: Actor, client_id: int | None = None) -> list[OpenInvoice]:
        """A/R's drill-down: the open invoices of one client (by id), or of all."""
        actor.require(Right.BILL)
        return self.billing.open_invoices(client_id)

    def account(self, actor: Actor, invoice_id: int) -> InvoiceAccount:
        """The payments and credits on an invoice the actor may see."""
        self.get(actor, invoice_id)
        return self.billing.invoice_account(invoice_id)

    # --- setup ---

    def set_client(self, actor: Actor, billing: ClientBilling) -> None:
        actor.require(Right.BILL)
        try:
            before = _plain(self.billing.client_billing(billing.client))
        except BillingError:
            before = {}
        self.billing.set_client(billing)
        self._log(actor, "client", f"client:{billing.client}", before, _plain(billing))

    def add_rate(self, actor: Actor, rate: Rate) -> None:
        actor.require(Right.BILL)
        self.billing.add_rate(rate)
        self._log(actor, "rate", f"rate:{rate.scope.value}:{rate.key}", {}, _plain(rate))

    def add_expense(self, actor: Actor, item: ExpenseItem) -> None:
        """A disbursement on a matter (the engine validates it); the matter's next pre-bill picks it up."""
        actor.require(Right.BILL)
        self.billing.add_expense(item)
        self._log(actor, "expense", f"matter:{item.matter}", {}, _plain(item))

    def set_terms(self, actor: Actor, terms: FeeTerms) -> None:
        actor.require(Right.BILL)
        self.billing.set_terms(terms)
        self._log(actor, "terms", f"matter:{terms.matter}", {}, _plain(terms))

    def add_timekeeper(self, actor: Actor, tk: Timekeeper) -> None:
        actor.require(Right.BILL)
        before = self.billing.timekeepers().get(tk.id)
        self.billing.add_timekeeper(tk)
        self._log(actor, "timekeeper", f"timekeeper:{tk.id}", _plain(before) if before else {}, _plain(tk))
