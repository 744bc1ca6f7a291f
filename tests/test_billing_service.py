"""Billing services over a real store (SQLite, and PostgreSQL when LEDGERWATCH_TEST_PG_URL is set)."""

from __future__ import annotations

import csv
import dataclasses
import io
import shutil
import subprocess
from datetime import date
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path

import pytest
from pypdf import PdfReader

from ledgerwatch.billing import BillingError
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.billing.receipts import TrustLine
from ledgerwatch.domain import EntryStatus, LedgerwatchError, Money
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    ClientBilling,
    ExpenseItem,
    FeeTerms,
    InvoiceState,
    ItemKind,
    LetterState,
    ReminderState,
)
from ledgerwatch.store.billing import BillingStore
from tests.billing_support import Firm

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
D = Decimal
MARCH = date(2026, 3, 31)


def usd(value: str) -> Money:
    return Money(D(value))


class ListMailer:
    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


def march_work(firm: Firm) -> None:
    firm.entry("e1", date(2026, 3, 2), "1.5", "1001")
    firm.entry(
        "e2", date(2026, 3, 3), "2.3", "1001", "Research privilege waiver under Rule 502", timekeeper="AB"
    )
    firm.entry("e3", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    firm.entry("d1", date(2026, 3, 6), "4.0", "1001", status=EntryStatus.DRAFT)
    firm.entry("late", date(2026, 4, 1), "0.5", "1001")


def test_draft_finalize_void_numbers_are_sequential_and_never_reused(firm: Firm) -> None:
    """Only approved work is billed, once; numbers go up by one, voids keep theirs and free their work."""
    march_work(firm)
    svc = firm.service()
    drafts = svc.draft_all(through=MARCH)
    assert [(d.matter, d.invoice.total if d.invoice else None) for d in drafts] == [
        ("1001", usd("910.00")),
        ("2001", usd("300.00")),
    ]
    assert all(d.invoice_id is not None for d in drafts)
    assert svc.draft_all(through=MARCH) == []  # the work is claimed by the drafts
    first, second = (d.invoice_id for d in drafts)
    assert first is not None and second is not None
    done = svc.finalize(first)
    assert done.number == "INV-000001"
    inv = svc.get(first)
    assert (inv.state, inv.issue_date, inv.due_date) == (
        InvoiceState.FINAL,
        date(2026, 4, 1),
        date(2026, 5, 1),
    )
    assert svc.finalize(second).number == "INV-000002"
    assert svc.get(second).due_date == date(2026, 4, 16)  # Beta pays in 15 days
    with pytest.raises(BillingError, match="already final"):
        svc.finalize(first)
    svc.void(first, "wrong client contact")
    assert svc.get(first).number == "INV-000001"
    assert svc.get(first).state is InvoiceState.VOID
    again = svc.draft_all(through=MARCH)
    assert [(d.matter, d.invoice.total if d.invoice else None) for d in again] == [("1001", usd("910.00"))]
    assert again[0].invoice_id is not None
    assert svc.finalize(again[0].invoice_id).number == "INV-000003"
    assert svc.find("INV-000003") == again[0].invoice_id


def test_deleting_a_draft_frees_its_work(firm: Firm) -> None:
    """A discarded pre-bill releases its entries for the next draft."""
    march_work(firm)
    svc = firm.service()
    draft = svc.draft("2001", MARCH)
    assert draft.invoice_id is not None
    svc.delete_draft(draft.invoice_id)
    assert svc.draft("2001", MARCH).invoice is not None


def test_draft_adjustments_recompute_and_need_reasons(firm: Firm) -> None:
    """Discounts and write-downs on a pre-bill recompute its totals; a write-down without a reason is refused."""
    march_work(firm)
    svc = firm.service()
    draft = svc.draft("1001", MARCH)
    assert draft.invoice_id is not None
    inv = svc.adjust(draft.invoice_id, Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(10), item="entry:e2"))
    assert inv.total == usd("864.00")
    inv = svc.adjust(draft.invoice_id, Adjustment(AdjustmentKind.WRITE_DOWN, D("64"), reason="NEW-ASSOC"))
    assert inv.total == usd("800.00")
    assert [ln.kind for ln in inv.lines] == [ItemKind.FEE, ItemKind.FEE, ItemKind.FEE_ADJUSTMENT]
    with pytest.raises(BillingError, match="reason code"):
        svc.adjust(draft.invoice_id, Adjustment(AdjustmentKind.WRITE_DOWN, D("1")))


def test_ebilling_errors_block_finalising(firm: Firm) -> None:
    """A client's rule breach (missing task code, rate above cap) is shown and the invoice stays a draft."""
    svc = firm.service()
    svc.set_client(ClientBilling("Beta Industries", email="pay@beta.example",
                                 rules={"require_task_codes": True, "rate_caps": {"PT": 250}}))  # fmt: skip
    firm.entry("t1", date(2026, 3, 9), "1.0", "2001", "Review and revise supply agreement draft", task=None)
    draft = svc.draft("2001", MARCH)
    assert draft.invoice_id is not None
    outcome = svc.finalize(draft.invoice_id)
    assert outcome.number is None
    assert {p.code for p in outcome.problems} >= {"task_code", "rate_cap"}
    assert svc.get(draft.invoice_id).state is InvoiceState.DRAFT


def test_fee_arrangements_through_the_store(firm: Firm) -> None:
    """Flat fees bill once, caps count earlier invoices, retainers draw on trust, contingency bills nothing."""
    svc = firm.service()
    svc.set_terms(FeeTerms("1002", Arrangement.FLAT, flat_amount=usd("1500"), responsible="JD"))
    firm.entry("f1", date(2026, 3, 2), "2.0", "1002", "Prepare trademark application for ACME mark")
    flat = svc.draft("1002", MARCH)
    assert flat.invoice is not None and flat.invoice.total == usd("1500.00")
    assert flat.invoice_id is not None
    svc.finalize(flat.invoice_id)
    firm.entry("f2", date(2026, 4, 2), "1.0", "1002", "Respond to office action on ACME mark")
    later = svc.draft("1002", date(2026, 4, 30))
    assert later.invoice is not None and later.invoice.total == usd("0.00")

    svc.set_terms(FeeTerms("2001", Arrangement.CAPPED, cap=usd("1000")))
    firm.entry("c1", date(2026, 3, 2), "3.0", "2001", "Negotiate supply contract pricing terms")
    capped = svc.draft("2001", MARCH)
    assert capped.invoice is not None and capped.invoice.total == usd("900.00")
    assert capped.invoice_id is not None
    svc.finalize(capped.invoice_id)
    firm.entry("c2", date(2026, 4, 2), "1.0", "2001", "Draft amendment to supply contract")
    over = svc.draft("2001", date(2026, 4, 30))
    assert over.invoice is not None and over.invoice.total == usd("100.00")
    assert over.invoice.lines[-1].total == usd("-200.00")

    svc.set_terms(FeeTerms("1001", Arrangement.RETAINER, retainer_minimum=usd("500"),
                           retainer_target=usd("2000")))  # fmt: skip
    svc.deposit_trust("Acme Corp", usd("1000"))
    firm.entry("r1", date(2026, 3, 2), "1.5", "1001")
    firm.entry(
        "r2", date(2026, 3, 3), "2.3", "1001", "Research privilege waiver under Rule 502", timekeeper="AB"
    )
    retainer = svc.draft("1001", MARCH)
    assert retainer.invoice_id is not None
    done = svc.finalize(retainer.invoice_id)
    assert (done.trust_applied, done.replenish) == (usd("910.00"), usd("1910.00"))
    assert svc.trust_balance("Acme Corp") == D("90.00")
    assert svc.balance(retainer.invoice_id) == D("0.00")

    svc.set_terms(FeeTerms("1001", Arrangement.CONTINGENCY))
    firm.entry("k1", date(2026, 4, 3), "2.0", "1001")
    contingency = svc.draft("1001", date(2026, 4, 30))
    assert contingency.invoice_id is None
    assert contingency.invoice is not None and contingency.invoice.worked_value == usd("600.00")
    assert [p.code for p in contingency.problems] == ["contingency"]


def test_payments_partial_duplicate_credits_aging_and_realization(firm: Firm) -> None:
    """Partial payments, re-pulled payments ignored, credit notes and write-offs reduce A/R; aging and DSO follow."""
    march_work(firm)
    svc = firm.service()
    ids = [d.invoice_id for d in svc.draft_all(through=MARCH)]
    assert all(i is not None for i in ids)
    acme, beta = (i for i in ids if i is not None)
    svc.finalize(acme)
    svc.finalize(beta)
    paid = svc.record_payment(PaymentRecord("Acme Corp", usd("400"), date(2026, 4, 10), source="clio",
                                            external_id="pay-77", method="card"))  # fmt: skip
    assert paid.allocations == (("INV-000001", D("400.00")),)
    again = svc.accept_payments([PaymentRecord("Acme Corp", usd("400"), date(2026, 4, 10), source="clio",
                                               external_id="pay-77")])  # fmt: skip
    assert again[0].payment_id is None
    assert svc.balance(acme) == D("510.00")
    svc.credit_note(acme, usd("10"), "BILLING-ERROR", "duplicate minute")
    svc.write_off(beta, usd("50"), "HARDSHIP")
    with pytest.raises(BillingError, match="reason code"):
        svc.write_off(beta, usd("1"), "")
    assert (svc.balance(acme), svc.balance(beta)) == (D("500.00"), D("250.00"))

    report = svc.aging(as_of=date(2026, 6, 5), by="client")
    assert [(r.key, r.buckets) for r in report.rows] == [
        ("Acme Corp", (D(0), D(0), D("500.00"), D(0), D(0))),
        ("Beta Industries", (D(0), D(0), D("250.00"), D(0), D(0))),
    ]
    assert report.dso == D("55.8")  # 750 open / 1,210 billed in 90 days x 90
    assert {r.key for r in svc.aging(as_of=date(2026, 6, 5), by="matter").rows} == {"1001", "2001"}

    firm.clock.set_day(date(2026, 6, 6))
    over = svc.record_payment(PaymentRecord("Acme Corp", usd("600"), date(2026, 6, 6)))
    assert over.allocations == (("INV-000001", D("500.00")),)
    assert over.unapplied == D("100.00")
    # Aging a past day counts only what had been paid and credited by then.
    assert [(r.key, r.total) for r in svc.aging(as_of=date(2026, 6, 5)).rows] == [
        ("Acme Corp", D("500.00")),
        ("Beta Industries", D("250.00")),
    ]
    assert [r.key for r in svc.aging(as_of=date(2026, 6, 6)).rows] == ["Beta Industries"]
    assert [(r.key, r.total) for r in svc.aging(as_of=date(2026, 4, 9)).rows] == [
        ("Acme Corp", D("900.00")),  # 910 less the credit note of 4/1; the 400 came on 4/10
        ("Beta Industries", D("250.00")),
    ]
    real = svc.realization(date(2026, 4, 1), date(2026, 6, 30))
    assert (real.worked, real.billed, real.collected) == (usd("1210.00"), usd("1210.00"), usd("900.00"))
    with pytest.raises(BillingError, match="has payments"):
        svc.void(acme, "client asked")


def test_invoice_pdf_text_png_csv_and_ledes(firm: Firm) -> None:
    """The PDF shows letterhead, itemised lines, totals, prior balance, payments and the link; exports agree."""
    march_work(firm)
    svc = firm.service()
    svc.add_expense(
        ExpenseItem("x1", date(2026, 3, 4), "1001", D(1), usd("45.50"), "E112", "Court filing fee")
    )
    first = svc.draft("2001", MARCH).invoice_id
    assert first is not None
    svc.finalize(first)
    # Acme's earlier invoice (prior balance) on another matter
    firm.entry("p0", date(2026, 2, 27), "1.0", "1002", "Prepare trademark search report")
    prior = svc.draft("1002", MARCH).invoice_id
    assert prior is not None
    svc.finalize(prior)
    invoice_id = svc.draft("1001", MARCH).invoice_id
    assert invoice_id is not None
    svc.finalize(invoice_id)
    firm.clock.set_day(date(2026, 4, 5))
    svc.record_payment(PaymentRecord("Acme Corp", usd("100"), date(2026, 4, 5), invoice_number="INV-000003"))

    pdf = svc.export(invoice_id, "pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    for expected in (
        "Doe & Baker LLP", "INVOICE INV-000003", "Acme Corp", "1 Acme Way", "Draft motion to compel discovery",
        "Research privilege waiver", "2026-03-02", "1.5", "300.00", "450.00", "460.00", "Court filing fee",
        "955.50", "Prior balance", "300.00", "Payment (manual) 2026-04-05", "855.50", "1,155.50",
        "https://pay.example/doebaker?invoice=INV-000003&amount=855.50",
    ):  # fmt: skip
        assert expected in text, expected
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "billing_invoice.pdf").write_bytes(pdf)
    if shutil.which("pdftoppm"):
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", str(ARTIFACTS / "billing_invoice.pdf"),
             str(ARTIFACTS / "billing_invoice")],
            check=True,
        )  # fmt: skip
        assert (ARTIFACTS / "billing_invoice.png").stat().st_size > 10_000

    rows = list(csv.DictReader(io.StringIO(svc.export(invoice_id, "csv").decode())))
    assert [r["amount"] for r in rows] == ["450.00", "460.00", "45.50", "955.50"]
    ledes = svc.export(invoice_id, "ledes").decode("ascii").split("\r\n")
    assert ledes[0] == "LEDES1998B[]"
    assert [line.split("|")[9] for line in ledes[2:-1]] == ["F", "F", "E"]
    assert {line.split("|")[4] for line in ledes[2:-1]} == {"955.50"}
    with pytest.raises(BillingError, match="unknown export format"):
        svc.export(invoice_id, "xml")


def test_sending_an_invoice_attaches_the_pdf(firm: Firm) -> None:
    """Sending e-mails the client's billing address with the PDF and the pay link, and marks it sent."""
    march_work(firm)
    mailer = ListMailer()
    svc = firm.service(mailer)
    invoice_id = svc.draft("2001", MARCH).invoice_id
    assert invoice_id is not None
    with pytest.raises(BillingError, match="finalise it first"):
        svc.send(invoice_id)
    svc.finalize(invoice_id)
    assert svc.send(invoice_id) == "pay@beta.example"
    (msg,) = mailer.sent
    assert msg["Subject"] == "Invoice INV-000001"
    assert [p.get_filename() for p in msg.iter_attachments()] == ["INV-000001.pdf"]
    assert "https://pay.example/doebaker?invoice=INV-000001&amount=300.00" in msg.get_body().get_content()
    assert svc.get(invoice_id).state is InvoiceState.SENT


def test_collection_letters_reviewed_and_minimal(firm: Firm) -> None:
    """90+ days past due drafts a letter naming only invoices and balances; nothing is sent or exported unapproved."""
    march_work(firm)
    mailer = ListMailer()
    svc = firm.service(mailer)
    for d in svc.draft_all(through=MARCH):
        assert d.invoice_id is not None
        svc.finalize(d.invoice_id)
    svc.dispute(svc.find("INV-000002"))
    firm.clock.set_day(date(2026, 8, 5))  # INV-000001 due 2026-05-01: 96 days past due
    letters = svc.draft_collection_letters()
    assert len(letters) == 1  # Beta's invoice is disputed
    assert svc.draft_collection_letters() == []
    letter = svc.letter_pdf(letters[0])
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "billing_collection_letter.pdf").write_bytes(letter)
    text = PdfReader(io.BytesIO(letter)).pages[0].extract_text()
    assert "INV-000001" in text and "910.00" in text
    for secret in ("Widgets", "litigation", "motion", "privilege", "1001", "Doe, Jane"):
        assert secret not in text, secret
    with pytest.raises(BillingError, match="reviewed and approved"):
        svc.send_letter(letters[0])
    svc.approve_letter(letters[0], "Jane Doe")
    svc.send_letter(letters[0])
    assert [m["To"] for m in mailer.sent] == ["ap@acme.example"]

    with pytest.raises(BillingError, match="no approved collections referral"):
        svc.export_referral(999)
    referral = svc.approve_referral("Acme Corp", "Jane Doe")
    exported = svc.export_referral(referral)
    assert "INV-000001" in exported and "910.00" in exported and "Jane Doe" in exported
    assert "Widgets" not in exported and "motion" not in exported


def test_monthly_cycle_runs_once_a_month_through_month_end(firm: Firm) -> None:
    """The monthly cycle drafts last month's work once per month; on-demand clients are left to the user."""
    svc = firm.service()
    svc.set_client(ClientBilling("Beta Industries", email="pay@beta.example", cycle="on_demand"))
    march_work(firm)
    drafts = svc.run_cycle()  # 2026-04-01: bills March for Acme only
    assert [(d.matter, d.invoice.period_end if d.invoice else None) for d in drafts] == [("1001", MARCH)]
    assert drafts[0].invoice is not None and drafts[0].invoice.total == usd("910.00")
    firm.clock.set_day(date(2026, 4, 20))
    assert svc.run_cycle() == []
    firm.clock.set_day(date(2026, 5, 1))
    (may,) = svc.run_cycle()
    assert may.invoice is not None and [ln.entry_id for ln in may.invoice.lines] == ["late"]
    assert [d.matter for d in svc.draft_all("Beta Industries", MARCH)] == ["2001"]


def test_void_returns_trust_and_credit_on_account_is_applied_later(firm: Firm) -> None:
    """Voiding a retainer invoice puts the trust money back; an overpayment settles the next invoice."""
    svc = firm.service()
    svc.set_terms(
        FeeTerms("2001", Arrangement.RETAINER, retainer_minimum=usd("100"), retainer_target=usd("500"))
    )
    svc.deposit_trust("Beta Industries", usd("500"))
    firm.entry("e3", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    first = svc.draft("2001", MARCH).invoice_id
    assert first is not None
    assert svc.finalize(first).trust_applied == usd("300.00")
    assert svc.trust_balance("Beta Industries") == D("200.00")
    svc.void(first, "billed to the wrong matter")
    assert svc.trust_balance("Beta Industries") == D("500.00")

    svc.set_terms(FeeTerms("2001"))
    firm.clock.set_day(date(2026, 4, 2))
    svc.record_payment(PaymentRecord("Beta Industries", usd("120"), date(2026, 4, 2)))
    redo = svc.draft("2001", MARCH).invoice_id
    assert redo is not None
    # Finalising applies the credit on account (billing.apply_credit); nothing is left to apply by hand.
    assert svc.finalize(redo).credit_applied == (("INV-000002", D("120.00")),)
    assert svc.apply_unapplied("Beta Industries").allocations == ()
    assert svc.balance(redo) == D("180.00")
    assert svc.apply_unapplied("Beta Industries").payment_id is None


def retainers(firm: Firm, *matters: str) -> None:
    svc = firm.service()
    for matter in matters:
        svc.set_terms(
            FeeTerms(matter, Arrangement.RETAINER, retainer_minimum=usd("100"), retainer_target=usd("500"))
        )


def moves(firm: Firm, client: str) -> list[tuple[Decimal, str | None, str | None]]:
    return [(m.amount, m.matter, m.invoice) for m in firm.service().trust_ledger(client)]


def test_a_retainer_held_for_one_matter_never_pays_another_matters_invoice(firm: Firm) -> None:
    """Trust is kept per client-matter (ABA Model Rule 1.15): Acme's retainer for 1001 leaves 1002's invoice
    unpaid and asks for a deposit; 1001's own invoice draws it."""
    svc = firm.service()
    retainers(firm, "1001", "1002")
    svc.deposit_trust("Acme Corp", usd("500"), matter="1001")
    firm.entry("b1", date(2026, 3, 2), "1.0", "1002", "Respond to office action on ACME mark")
    other = svc.draft("1002", MARCH).invoice_id
    assert other is not None
    done = svc.finalize(other)
    assert (done.number, done.trust_applied, done.replenish) == ("INV-000001", usd("0"), usd("500"))
    assert svc.balance(other) == D("300.00")
    assert svc.trust_balance("Acme Corp", "1001") == D("500.00")
    assert svc.trust_balance("Acme Corp", "1002") == D("0")

    firm.entry("a1", date(2026, 3, 3), "1.0", "1001")
    own = svc.draft("1001", MARCH).invoice_id
    assert own is not None
    assert svc.finalize(own).trust_applied == usd("300.00")
    assert svc.balance(own) == D("0.00")
    assert svc.trust_balance("Acme Corp", "1001") == D("200.00")
    assert moves(firm, "Acme Corp") == [(D("500.00"), "1001", None), (D("-300.00"), "1001", "INV-000002")]


def test_general_retainer_pays_any_matter_a_split_draw_and_a_void_keep_each_fund(firm: Firm) -> None:
    """A draw takes the matter's own funds first, then the client's general retainer (one movement each); a
    void puts each part back into the fund it came from."""
    svc = firm.service()
    retainers(firm, "1001", "1002")
    svc.deposit_trust("Acme Corp", usd("100"), matter="1001")
    svc.deposit_trust("Acme Corp", usd("400"))
    firm.entry("a1", date(2026, 3, 2), "1.0", "1001")
    first = svc.draft("1001", MARCH).invoice_id
    assert first is not None
    assert svc.finalize(first).trust_applied == usd("300.00")
    assert moves(firm, "Acme Corp")[2:] == [(D("-100.00"), "1001", "INV-000001"), (D("-200.00"), None, "INV-000001")]
    assert (svc.trust_balance("Acme Corp", "1001"), svc.trust_balance("Acme Corp")) == (D("0.00"), D("200.00"))

    firm.entry("b1", date(2026, 3, 3), "1.0", "1002", "Respond to office action on ACME mark")
    second = svc.draft("1002", MARCH).invoice_id
    assert second is not None
    assert svc.finalize(second).trust_applied == usd("200.00")  # all the general funds; never 1001's
    assert svc.balance(second) == D("100.00")
    assert svc.trust_balance("Acme Corp") == D("0.00")

    svc.void(first, "billed to the wrong matter")
    assert moves(firm, "Acme Corp")[-2:] == [(D("100.00"), "1001", "INV-000001"), (D("200.00"), None, "INV-000001")]
    assert (svc.trust_balance("Acme Corp", "1001"), svc.trust_balance("Acme Corp")) == (D("100.00"), D("300.00"))


def test_reconciliation_has_a_line_per_client_matter_and_flags_one_below_zero(firm: Firm) -> None:
    """Bank, journal and the client-matter ledgers agree; a matter below zero unbalances it even when its
    client's total is not."""
    svc = firm.service()
    svc.deposit_trust("Acme Corp", usd("500"), matter="1001")
    svc.deposit_trust("Acme Corp", usd("200"))
    svc.deposit_trust("Beta Industries", usd("300"), matter="2001")
    rec = svc.reconcile_trust(usd("1000"))
    assert rec.balanced and rec.negative == ()
    assert rec.ledgers == (
        TrustLine("Acme Corp", None, D("200.00")),
        TrustLine("Acme Corp", "1001", D("500.00")),
        TrustLine("Beta Industries", "2001", D("300.00")),
    )
    with BillingStore(firm.db).write() as tx:  # 50 misposted: drawn from 1002, credited to the general funds
        cid = tx.setup.client_id("Acme Corp")
        assert cid is not None
        mid = tx.payments.client_matter(cid, "1002")
        tx.payments.add_trust(cid, MARCH, D("-50"), "misposted", firm.clock(), matter_id=mid)
        tx.payments.add_trust(cid, MARCH, D("50"), "misposted", firm.clock())
    rec = svc.reconcile_trust(usd("1000"))
    assert (rec.bank, rec.journal, rec.client_total) == (D("1000"), D("1000.00"), D("1000.00"))
    assert [line.label for line in rec.negative] == ["Acme Corp / 1002"]
    assert not rec.balanced


def test_a_deposit_for_another_clients_matter_is_refused_in_one_line(firm: Firm) -> None:
    svc = firm.service()
    for matter in ("2001", "9999"):
        with pytest.raises(BillingError, match=f"'{matter}' is not a matter of Acme Corp") as err:
            svc.deposit_trust("Acme Corp", usd("100"), matter=matter)
        assert "\n" not in str(err.value)
    assert svc.trust_ledger() == []


def test_redraft_drops_work_that_was_unapproved(firm: Firm) -> None:
    """An entry sent back to draft after the pre-bill leaves it on the next recompute; billed entries are known."""
    march_work(firm)
    svc = firm.service()
    draft = svc.draft("1001", MARCH)
    assert draft.invoice_id is not None
    assert svc.billed_entries(["e1", "e2", "e3"]) == {"e1": draft.invoice_id, "e2": draft.invoice_id}
    firm.entries.unapprove("e2", "test")
    inv = svc.adjust(draft.invoice_id, Adjustment(AdjustmentKind.DISCOUNT_AMOUNT, D("50"), reason="GOODWILL"))
    assert [ln.entry_id for ln in inv.lines if ln.entry_id] == ["e1"]
    assert inv.total == usd("400.00")
    assert svc.billed_entries(["e2"]) == {}


def test_billing_reads_frozen_records_with_enum_states(firm: Firm) -> None:
    """What billing reads back is frozen and typed (states are enums, not strings); an unknown id is our error."""
    march_work(firm)
    svc = firm.service(ListMailer())
    invoice_id = svc.draft("2001", MARCH).invoice_id
    assert invoice_id is not None
    inv = svc.get(invoice_id)
    assert inv.state is InvoiceState.DRAFT
    with pytest.raises(dataclasses.FrozenInstanceError):
        inv.state = InvoiceState.FINAL  # type: ignore[misc]
    svc.finalize(invoice_id)
    firm.clock.set_day(date(2026, 4, 10))
    assert [o.status for o in svc.run_reminders().outcomes] == ["sent"]
    (record,) = svc.reminder_log(invoice_id)
    assert (record.rung, record.state) == ("before-due", ReminderState.SENT)
    firm.clock.set_day(date(2026, 8, 1))
    (letter_id,) = svc.draft_collection_letters()
    (letter,) = svc.letters(LetterState.DRAFT)
    assert (letter.id, letter.invoices, letter.state) == (letter_id, (invoice_id,), LetterState.DRAFT)
    with pytest.raises(LedgerwatchError, match="no invoice 999"):
        svc.get(999)
