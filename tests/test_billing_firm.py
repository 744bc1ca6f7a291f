"""A firm's billing findings: finalising under a lock, a timekeeper on every line, currencies, credit on
account, refunds, zero invoices, pay links, closed matters and reminders that escalate (SQLite and PostgreSQL)."""

from __future__ import annotations

import io
import threading
from datetime import date, timedelta
from decimal import Decimal
from email.message import EmailMessage

import pytest
from pypdf import PdfReader

from ledgerwatch.billing import BillingError
from ledgerwatch.billing.issuing import FinalizeOutcome
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.domain import LedgerwatchError, Money, ProblemCode
from ledgerwatch.domain.billing import Arrangement, ClientBilling, FeeTerms, InvoiceState
from ledgerwatch.store.billing import BillingStore
from tests.billing_support import Firm
from tests.test_billing_ledes import parse_ledes

MARCH = date(2026, 3, 31)
D = Decimal


def usd(value: str) -> Money:
    return Money(D(value))


class Outbox:
    """A mailer that keeps what it is asked to send."""

    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


def test_eight_concurrent_finalizers_give_one_invoice_one_number_one_trust_draw(firm: Firm) -> None:
    """Eight finalisers of one retainer pre-bill at once: one succeeds, the rest are told it is final; one
    number is used (the next invoice takes the one after it) and trust is drawn once."""
    svc = firm.service()
    svc.set_terms(FeeTerms("2001", Arrangement.RETAINER, retainer_minimum=usd("100"), retainer_target=usd("500")))
    svc.deposit_trust("Beta Industries", usd("1000"))
    firm.entry("e1", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    draft = svc.draft("2001", MARCH).invoice_id
    assert draft is not None
    start = threading.Barrier(8)
    results: list[FinalizeOutcome | LedgerwatchError] = []

    def finalise() -> None:
        mine = firm.service()
        start.wait()
        try:
            results.append(mine.finalize(draft))
        except LedgerwatchError as exc:  # already final (PostgreSQL), or the database was busy (SQLite)
            results.append(exc)

    threads = [threading.Thread(target=finalise) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    numbered = [r for r in results if isinstance(r, FinalizeOutcome) and r.number]
    assert len(results) == 8 and len(numbered) == 1
    assert numbered[0].number == "INV-000001" and numbered[0].trust_applied == usd("300.00")
    assert svc.trust_balance("Beta Industries") == D("700.00")
    assert [m.amount for m in svc.trust_ledger("Beta Industries")] == [D("1000.00"), D("-300.00")]
    firm.entry("e2", date(2026, 3, 9), "0.5", "2001", "Draft letter to supplier about delivery schedule")
    svc.set_terms(FeeTerms("2001"))
    nxt = svc.draft("2001", MARCH).invoice_id
    assert nxt is not None and svc.finalize(nxt).number == "INV-000002"  # no number lost


def test_every_line_has_its_own_timekeeper_and_rate_flat_fees_included(firm: Firm) -> None:
    """Each timekeeper's time is billed under their own name and rate; a flat fee names the timekeeper who did
    most of the matter's work; A/R by attorney follows the work, not whoever runs billing."""
    svc = firm.service()
    firm.entry("e1", date(2026, 3, 2), "1.0", "1001", timekeeper="AB")
    firm.entry("e2", date(2026, 3, 3), "0.5", "1001")
    hourly = svc.draft("1001", MARCH).invoice
    assert hourly is not None
    assert [(ln.timekeeper, ln.unit_cost) for ln in hourly.lines] == [("AB", usd("200")), ("JD", usd("300"))]
    svc.set_terms(FeeTerms("1002", Arrangement.FLAT, flat_amount=usd("1500")))
    firm.entry("f1", date(2026, 3, 4), "2.0", "1002", "Prepare trademark renewal filing", timekeeper="AB")
    flat = svc.draft("1002", MARCH)
    assert flat.invoice is not None and flat.invoice_id is not None
    assert all(ln.timekeeper == "AB" for ln in flat.invoice.lines)
    assert not [p for p in svc.check(flat.invoice_id) if p.code is ProblemCode.NO_TIMEKEEPER]
    svc.finalize(flat.invoice_id)
    items = parse_ledes(svc.export(flat.invoice_id, "ledes"))
    assert {(i["TIMEKEEPER_ID"], i["TIMEKEEPER_CLASSIFICATION"]) for i in items} == {("AB", "AS")}
    assert [r.key for r in svc.aging(as_of=date(2026, 4, 1), by="attorney").rows] == ["AB"]


def test_payment_currency_and_date_are_checked(firm: Firm) -> None:
    """A EUR payment never reduces a USD balance; a payment dated after today is refused."""
    svc = firm.service()
    firm.entry("e1", date(2026, 3, 2), "1.0", "1001")
    draft = svc.draft("1001", MARCH).invoice_id
    assert draft is not None
    svc.finalize(draft)
    with pytest.raises(BillingError, match="open invoices are in USD"):
        svc.record_payment(PaymentRecord("Acme Corp", Money(D(100), "EUR"), date(2026, 4, 1)))
    with pytest.raises(BillingError, match="in the future"):
        svc.record_payment(PaymentRecord("Acme Corp", usd("100"), date(2030, 1, 1)))
    with pytest.raises(BillingError, match="in USD"):
        svc.credit_note(draft, Money(D(10), "EUR"), "ADJ")
    assert svc.balance(draft) == D("300.00")


def test_credit_on_account_settles_the_oldest_open_invoice_against_its_own_payment(firm: Firm) -> None:
    """Money paid on account is applied on finalising to the oldest open invoice first, and booked against the
    payment it came from (not the latest one)."""
    svc = firm.service()
    early = svc.record_payment(PaymentRecord("Acme Corp", usd("400"), date(2026, 3, 20)))
    firm.entry("e1", date(2026, 3, 2), "1.0", "1001")
    firm.entry("e2", date(2026, 3, 3), "1.0", "1002", "Prepare trademark renewal filing")
    first, second = (d.invoice_id for d in svc.draft_all(through=MARCH))
    assert first is not None and second is not None
    assert svc.finalize(first).credit_applied == (("INV-000001", D("300.00")),)
    later = svc.record_payment(PaymentRecord("Acme Corp", usd("50"), date(2026, 4, 1)))
    assert later.unapplied == D("50.00")  # INV-000001 was already paid from the credit
    # The older payment's 100 first, then the later one's 50.
    assert svc.finalize(second).credit_applied == (("INV-000002", D("100.00")), ("INV-000002", D("50.00")))
    assert (svc.balance(first), svc.balance(second)) == (D(0), D("150.00"))
    with BillingStore(firm.db).read() as tx:
        cid = tx.setup.client_id("Acme Corp")
        assert cid is not None
        assert tx.payments.unapplied_payments(cid, "USD") == []
        assert [p.amount for p in tx.payments.applied_to(second)] == [D("100.00"), D("50.00")]
    assert early.payment_id is not None and later.payment_id is not None


def test_a_paid_invoice_issued_in_error_is_refunded_then_voided(firm: Firm) -> None:
    """Void refuses an invoice with payments; refunding the payment makes it owed again, and then it voids and
    its work is billable again."""
    svc = firm.service()
    firm.entry("e1", date(2026, 3, 2), "1.0", "1001")
    draft = svc.draft("1001", MARCH).invoice_id
    assert draft is not None
    svc.finalize(draft)
    svc.record_payment(PaymentRecord("Acme Corp", usd("300"), date(2026, 4, 1), invoice_number="INV-000001"))
    with pytest.raises(BillingError, match="refund them first"):
        svc.void(draft, "billed to the wrong client")
    with pytest.raises(BillingError, match="cannot refund 400"):
        svc.refund("Acme Corp", usd("400"), "issued in error", "INV-000001")
    svc.refund("Acme Corp", usd("300"), "issued in error", "INV-000001")
    assert svc.balance(draft) == D("300.00")
    svc.void(draft, "billed to the wrong client")
    assert svc.get(draft).state is InvoiceState.VOID
    assert [d.matter for d in svc.draft_all(through=MARCH)] == ["1001"]
    real = svc.realization(date(2026, 4, 1), date(2026, 4, 30))
    assert real.collected == usd("0.00")


def test_zero_invoices_use_no_number_and_settled_ones_show_no_pay_link(firm: Firm) -> None:
    """A pre-bill totalling zero closes at no charge without a number; the next invoice takes number 1; a paid
    invoice's PDF has no 'Pay online' line."""
    svc = firm.service()
    svc.set_terms(FeeTerms("1002", Arrangement.CONTINGENCY))
    svc.set_terms(FeeTerms("1001", Arrangement.FLAT, flat_amount=usd("500"), responsible="JD"))
    firm.entry("e0", date(2026, 2, 2), "1.0", "1001")
    flat = svc.draft("1001", date(2026, 2, 28)).invoice_id
    assert flat is not None
    assert svc.finalize(flat).number == "INV-000001"
    firm.entry("e1", date(2026, 3, 2), "1.0", "1001")  # more time on the flat fee: no charge
    zero = svc.draft("1001", MARCH).invoice_id
    assert zero is not None
    outcome = svc.finalize(zero)
    assert (outcome.number, outcome.no_charge, svc.get(zero).state) == (None, True, InvoiceState.NO_CHARGE)
    assert svc.draft_all(through=MARCH) == []  # its work stays billed
    svc.record_payment(PaymentRecord("Acme Corp", usd("500"), date(2026, 4, 1), invoice_number="INV-000001"))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(svc.export(flat, "pdf"))).pages)
    assert "pay.example" not in text and "INV-000001" in text
    firm.entry("e2", date(2026, 3, 3), "1.0", "2001", "Review supply agreement termination clause")
    nxt = svc.draft("2001", MARCH).invoice_id
    assert nxt is not None and svc.finalize(nxt).number == "INV-000002"


def test_closed_matters_and_bad_client_details_are_refused(firm: Firm) -> None:
    """A closed matter is not drafted (one line saying so); an invalid e-mail or negative terms are refused."""
    from ledgerwatch.domain import Client, Matter, MatterStatus
    from ledgerwatch.store.matters import MatterRepository

    MatterRepository(firm.db).upsert_many(
        [Matter("1003", Client("Acme Corp"), "Old dispute", status=MatterStatus.CLOSED)], firm.clock()
    )
    firm.entry("c1", date(2026, 3, 2), "1.0", "1003")
    svc = firm.service()
    with pytest.raises(BillingError, match="matter 1003 is closed"):
        svc.draft("1003", MARCH)
    (closed,) = svc.draft_all("Acme Corp", MARCH)
    assert closed.invoice_id is None and "closed" in closed.problems[0].message
    with pytest.raises(BillingError, match="not an e-mail"):
        svc.set_client(ClientBilling("Acme Corp", email="ap at acme"))
    with pytest.raises(BillingError, match="cannot be negative"):
        svc.set_client(ClientBilling("Acme Corp", terms_days=-5))


def test_reminders_escalate_greet_by_salutation_and_carry_no_work(firm: Firm) -> None:
    """Friendly before due, a reminder at 30, firm at 60, a final notice with the letter at 90; subjects never
    show rung names; the greeting is the client's salutation; no attachment carries a work description."""
    mail = Outbox()
    svc = firm.service(mail)
    svc.set_client(ClientBilling("Smith, Jordan", email="jordan@smith.example", address="9 Elm St"))
    from ledgerwatch.domain import Client, Matter
    from ledgerwatch.store.matters import MatterRepository

    MatterRepository(firm.db).upsert_many([Matter("3001", Client("Smith, Jordan"), "Estate plan")], firm.clock())
    firm.entry("s1", date(2026, 3, 2), "1.0", "3001", "Draft revocable trust for the Smith family home")
    draft = svc.draft("3001", MARCH).invoice_id
    assert draft is not None
    svc.finalize(draft)  # due 2026-05-01
    due = date(2026, 5, 1)
    for offset in (-7, 30, 60, 90):
        firm.clock.set_day(due + timedelta(days=offset))
        if offset == 60:
            svc.set_client(ClientBilling("Smith, Jordan", email="jordan@smith.example", salutation="Mr. Smith"))
        assert len(svc.run_reminders().sent) == 1
    subjects = [m["Subject"] for m in mail.sent]
    assert subjects == [
        "Invoice INV-000001 is due on 2026-05-01",
        "Reminder: invoice INV-000001 is past due",
        "Second notice: invoice INV-000001 is 60 days past due",
        "Final notice: invoice INV-000001",
    ]
    bodies = [m.get_body(("plain",)).get_content() for m in mail.sent]  # type: ignore[union-attr]
    assert bodies[0].startswith("Dear Jordan Smith,") and bodies[3].startswith("Dear Mr. Smith,")
    assert "friendly reminder" in bodies[0] and "Final notice" not in bodies[2] and "enclosed letter" in bodies[3]
    names = [next(m.iter_attachments()).get_filename() for m in mail.sent]
    assert names[:3] == ["statement-INV-000001.pdf"] * 3 and names[3] == "final-notice-INV-000001.pdf"
    for m in mail.sent:
        pdf = next(m.iter_attachments()).get_content()
        text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
        assert "INV-000001" in text and "revocable trust" not in text
