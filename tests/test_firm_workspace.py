"""The billing workspace in real Chromium: sign in, draft and approve pre-bills, finalise a batch, record a
payment, reconcile trust, preview and send reminders; an attorney sees only their own matters' pre-bills."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch.billing import BillingSettings
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.billing.pdf import Letterhead
from ledgerwatch.domain import Client, Matter, Money
from ledgerwatch.domain.billing import Classification, ClientBilling, Timekeeper
from ledgerwatch.firm import FirmLedger, Role
from ledgerwatch.firm.server import RunningLedger, start
from ledgerwatch.store.ledger import LedgerStore, Received, open_ledger
from ledgerwatch.store.matters import MatterRepository
from tests.billing_support import Clock

pytestmark = pytest.mark.browser
PASSWORD = "a long enough password"


class Outbox:
    def __init__(self) -> None:
        self.sent: list[EmailMessage] = []

    def send(self, message: EmailMessage) -> None:
        self.sent.append(message)


@dataclass
class Office:
    ledger: FirmLedger
    server: RunningLedger
    clock: Clock
    mail: Outbox


@pytest.fixture
def office(tmp_path: Path) -> Iterator[Office]:
    """A ledger with Jane (attorney, JD at 300), Alan (attorney, AB at 200), Bea (billing) and March's time."""
    clock = Clock(datetime(2026, 4, 1, 9, tzinfo=UTC))
    mail = Outbox()
    db = open_ledger(tmp_path / "ledger.db")
    ledger = FirmLedger(db, BillingSettings(letterhead=Letterhead("Doe & Baker LLP")), clock, mail)
    MatterRepository(db).upsert_many(
        [Matter("1001", Client("Acme Corp"), "Acme v. Widgets"), Matter("2001", Client("Beta LLC"), "Supply")],
        clock(),
    )
    for login, tk, rate, cls in (("jane", "JD", 300, Classification.PARTNER), ("alan", "AB", 200, Classification.ASSOCIATE)):
        ledger.add_timekeeper_user(login, Timekeeper(tk, f"{login.title()}, X", tk, cls, default_rate=Money(Decimal(rate))), password=PASSWORD)
    ledger.accounts.add_user("bea", "Clerk, Bea", Role.BILLING, password=PASSWORD)
    ledger.billing.set_client(ClientBilling("Acme Corp", email="ap@acme.example", terms_days=30))
    ledger.billing.set_client(ClientBilling("Beta LLC", email="pay@beta.example", terms_days=30))
    with LedgerStore(db).write() as tx:
        tx.intake.create(Received("JD", date(2026, 3, 2), Decimal("1.5"), "Draft motion to compel discovery responses",
                                  "LW-00000001", "1001"), 1, clock())
        tx.intake.create(Received("AB", date(2026, 3, 3), Decimal("2.0"), "Review supply agreement termination clause",
                                  "LW-00000002", "2001"), 2, clock())  # fmt: skip
    server = start(ledger)
    yield Office(ledger, server, clock, mail)
    server.stop()
    db.dispose()


def sign_in(browser: Any, office: Office, login: str) -> Any:
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    page = context.new_page()
    page.goto(office.server.base + "/")
    page.fill("input[name=login]", login)
    page.fill("input[name=password]", PASSWORD)
    with page.expect_navigation():
        page.click("button:has-text('Sign in')")
    return page


def test_billing_staff_run_the_month_in_the_workspace(chromium_browser: Any, office: Office) -> None:
    """Bea signs in, drafts March, approves and finalises both pre-bills in one batch, records a payment (a bad
    amount is one line), deposits to trust and reconciles it, and sends the reminder the preview showed (none for
    the client whose trust covers its balance); the audit log has it all."""
    page = sign_in(chromium_browser, office, "bea")
    assert page.inner_text("#who") == "bea (billing)"
    page.fill("input[name=through]", "2026-03-31")
    with page.expect_navigation():
        page.click("button:has-text('Draft pre-bills')")
    assert "2 pre-bills drafted" in page.inner_text("[role=status]")
    rows = page.locator("#prebills tr[data-prebill]")
    assert rows.count() == 2
    ids = [rows.nth(i).get_attribute("data-prebill") for i in range(2)]
    for prebill in ids:
        with page.expect_navigation():
            page.click(f"button:has-text('Approve #{prebill}')")
        assert "approved by bea" in page.inner_text(f"tr[data-prebill='{prebill}'] .approval")
    for prebill in ids:
        page.check(f"input[name=id][value='{prebill}']")
    with page.expect_navigation():
        page.click("#finalize")
    assert "finalised INV-000001, INV-000002" in page.inner_text("[role=status]")
    assert page.inner_text("tr[data-invoice='INV-000001'] .balance") == "450.00"

    with page.expect_navigation():
        page.click("header >> text=Payments")
    page.select_option("select[name=client]", "Acme Corp")
    page.fill("#payment input[name=amount]", "150.00")
    page.fill("#payment input[name=invoice]", "INV-000001")
    with page.expect_navigation():
        page.click("button:has-text('Record payment')")
    assert "150.00 USD to INV-000001" in page.inner_text("[role=status]")
    page.fill("#payment input[name=amount]", "NaN")
    with page.expect_navigation():
        page.click("button:has-text('Record payment')")
    assert "not an amount" in page.inner_text("[role=alert]")
    with page.expect_navigation():
        page.click("header >> text=Invoices")
    assert page.inner_text("tr[data-invoice='INV-000001'] .balance") == "300.00"

    with page.expect_navigation():
        page.click("header >> text=Trust")
    page.select_option("select[name=client]", "Beta LLC")
    page.fill("input[name=matter]", "1001")  # Acme's matter: refused, nothing deposited
    page.fill("input[name=amount]", "1000")
    with page.expect_navigation():
        page.click("button:has-text('Deposit')")
    assert "'1001' is not a matter of Beta LLC" in page.inner_text("[role=alert]")
    page.select_option("select[name=client]", "Beta LLC")
    page.fill("input[name=matter]", "2001")
    page.fill("input[name=amount]", "1000")
    with page.expect_navigation():
        page.click("button:has-text('Deposit')")
    assert "Beta LLC / 2001: trust balance 1,000.00" in page.inner_text("[role=status]")
    assert "2001" in page.inner_text("#trust-ledger")
    page.fill("#reconcile input[name=bank]", "1000.00")
    with page.expect_navigation():
        page.click("button:has-text('Reconcile')")
    assert page.inner_text("#balanced") == "balanced"
    assert page.locator("#reconciliation tr.ledger").all_inner_texts() == ["\xa0\xa0Beta LLC / 2001\t1,000.00"]
    page.fill("#reconcile input[name=bank]", "900.00")
    with page.expect_navigation():
        page.click("button:has-text('Reconcile')")
    assert page.inner_text("#balanced") == "NOT balanced"

    office.clock.set_day(date(2026, 5, 31))  # both invoices 30 days past due; the session has expired
    page.context.close()
    page = sign_in(chromium_browser, office, "bea")
    with page.expect_navigation():
        page.click("header >> text=Reminders")
    subjects = page.locator(".subject").all_inner_texts()
    # Beta's trust covers its balance: no reminder for INV-000002.
    assert subjects == ["Reminder: invoice INV-000001 is past due"]
    assert "300.00 USD outstanding" in page.inner_text(".reminder >> nth=0")
    with page.expect_navigation():
        page.click("button:has-text('Send reminders')")
    assert "1 reminders sent" in page.inner_text("[role=status]")
    assert [m["To"] for m in office.mail.sent] == ["ap@acme.example"]

    with page.expect_navigation():
        page.click("header >> text=Audit log")
    actions = page.locator("#audit tr td:nth-child(3)").all_inner_texts()
    assert actions[::-1] == ["draft", "approve", "approve", "finalize", "finalize", "payment", "trust deposit",
                             "trust reconcile", "trust reconcile", "reminders"]  # fmt: skip
    page.context.close()


def test_an_attorney_sees_and_approves_only_their_own_matters(chromium_browser: Any, office: Office) -> None:
    """Jane sees the pre-bill of her matter and not Alan's; she can approve it, has no billing pages, and a
    forged finalise is refused."""
    ledger = office.ledger
    bea = ledger.accounts.sign_in("bea", PASSWORD).actor
    ledger.audited.draft_all(bea, date(2026, 3, 31))
    page = sign_in(chromium_browser, office, "jane")
    rows = page.locator("#prebills tr[data-prebill]")
    assert rows.count() == 1 and "1001" in rows.first.inner_text()
    assert page.locator("text=Payments").count() == 0 and page.locator("#finalize").count() == 0
    with page.expect_navigation():
        page.click("button:has-text('Approve #')")
    assert "approved by jane" in page.inner_text("[role=status]")
    response = page.request.get(office.server.base + "/payments")
    assert response.status == 403
    page.context.close()


def issue_march(office: Office) -> dict[str, int]:
    """Bea drafts, approves and finalises March: INV-000001 (Acme, 450.00) and INV-000002 (Beta, 400.00)."""
    ledger = office.ledger
    bea = ledger.accounts.sign_in("bea", PASSWORD).actor
    made = ledger.audited.draft_all(bea, date(2026, 3, 31))
    for invoice_id in made:
        ledger.audited.approve(bea, invoice_id)
    outcomes = ledger.audited.finalize_batch(bea, made)
    return {o.number: o.invoice_id for o in outcomes if not isinstance(o, Exception) and o.number}


def test_billing_staff_drill_from_ar_to_an_invoice_and_write_part_of_it_off(
    chromium_browser: Any, office: Office
) -> None:
    """Bea opens A/R, follows Acme to its open invoices and INV-000001 to its page, writes 100.00 off with a
    reason: the balance drops by exactly that on the page and in the ledger, and the audit log has it; a write-off
    above the balance is one line and changes nothing; a credit note and a refund of a payment work the same way."""
    numbers = issue_march(office)
    billing = office.ledger.billing
    invoice_id = numbers["INV-000001"]
    assert billing.balance(invoice_id) == Decimal("450.00")
    office.clock.set_day(date(2026, 5, 11))  # due 2026-04-30 (30 days from 2026-03-31): 11 days past due
    page = sign_in(chromium_browser, office, "bea")
    with page.expect_navigation():
        page.click("header >> text=A/R aging")
    with page.expect_navigation():
        page.click("#aging >> text=Acme Corp")
    assert page.locator("#open-invoices tr[data-invoice]").count() == 1
    row = "#open-invoices tr[data-invoice='INV-000001']"
    assert page.inner_text(f"{row} .balance") == "450.00"
    assert page.inner_text(f"{row} .paid") == "0.00" and page.inner_text(f"{row} .credited") == "0.00"
    due = billing.get(invoice_id).due_date
    assert due is not None
    assert page.inner_text(f"{row} .overdue") == str((date(2026, 5, 11) - due).days)
    with page.expect_navigation():
        page.click(f"{row} >> text=INV-000001")
    assert page.inner_text("h1") == "Invoice INV-000001"
    assert "Draft motion to compel" in page.inner_text("#lines")
    assert page.inner_text("#balance") == "450.00"

    page.fill("#write-off input[name=amount]", "100.00")
    page.fill("#write-off input[name=reason]", "courtesy discount")
    with page.expect_navigation():
        page.click("button:has-text('Write off')")
    assert "100.00 written off; balance 350.00" in page.inner_text("[role=status]")
    assert page.inner_text("#balance") == "350.00"
    assert page.inner_text("#credited") == "100.00"
    assert "courtesy discount" in page.inner_text("#account tr.credit")
    assert billing.balance(invoice_id) == Decimal("350.00")
    assert billing.invoice_account(invoice_id).credited == Decimal("100.00")

    page.fill("#write-off input[name=amount]", "350.01")
    page.fill("#write-off input[name=reason]", "too much")
    with page.expect_navigation():
        page.click("button:has-text('Write off')")
    error = page.inner_text("[role=alert]")
    assert "at most the balance 350.00" in error and "\n" not in error
    assert page.inner_text("#balance") == "350.00"
    assert billing.balance(invoice_id) == Decimal("350.00")
    assert len(billing.invoice_account(invoice_id).credits) == 1

    page.fill("#credit-note input[name=amount]", "50.00")
    page.fill("#credit-note input[name=reason]", "billing error")
    with page.expect_navigation():
        page.click("button:has-text('Issue credit note')")
    assert "credit note of 50.00; balance 300.00" in page.inner_text("[role=status]")
    bea = office.ledger.accounts.sign_in("bea", PASSWORD).actor
    office.ledger.audited.record_payment(
        bea, PaymentRecord("Acme Corp", Money(Decimal(100)), billing.today(), invoice_number="INV-000001")
    )
    page.reload()
    assert page.inner_text("#balance") == "200.00"
    page.fill("#refund input[name=amount]", "40.00")
    page.fill("#refund input[name=reason]", "overpaid")
    with page.expect_navigation():
        page.click("button:has-text('Refund')")
    assert "40.00 refunded; balance 240.00" in page.inner_text("[role=status]")
    assert (page.inner_text("#paid"), page.inner_text("#credited")) == ("60.00", "150.00")
    assert billing.balance(invoice_id) == Decimal("240.00")

    with page.expect_navigation():
        page.click("header >> text=Audit log")
    rows = page.locator("#audit tr").filter(has_text="write-off")
    assert rows.count() == 1
    assert f"invoice:{invoice_id}" in rows.first.inner_text()
    assert '"reason": "courtesy discount"' in rows.first.inner_text()
    assert '"balance": "350.00"' in rows.first.inner_text()
    actions = page.locator("#audit tr td:nth-child(3)").all_inner_texts()
    assert actions[:4] == ["refund", "payment", "credit note", "write-off"]
    page.context.close()


def test_an_attorney_has_no_credit_forms_and_a_forged_write_off_is_refused(
    chromium_browser: Any, office: Office
) -> None:
    """Jane sees her invoice's page without the credit forms; a write-off posted with her own session and CSRF
    token is refused (403) and nothing changes."""
    numbers = issue_march(office)
    billing = office.ledger.billing
    invoice_id = numbers["INV-000001"]
    page = sign_in(chromium_browser, office, "jane")
    with page.expect_navigation():
        page.click("header >> text=Invoices")
    with page.expect_navigation():
        page.click("#invoices >> text=INV-000001")
    assert page.inner_text("#balance") == "450.00"
    for form in ("#write-off", "#credit-note", "#refund"):
        assert page.locator(form).count() == 0
    csrf = page.get_attribute("input[name=csrf]", "value")
    bea = office.ledger.accounts.sign_in("bea", PASSWORD).actor
    audit_before = len(office.ledger.audited.audit(bea))
    for kind in ("write-off", "credit-note"):
        response = page.request.post(
            f"{office.server.base}/invoices/{invoice_id}/{kind}",
            form={"csrf": csrf or "", "amount": "100.00", "reason": "forged"},
            max_redirects=0,
        )
        assert response.status == 403
    assert page.request.get(f"{office.server.base}/ar/client/1", max_redirects=0).status == 403
    assert billing.balance(invoice_id) == Decimal("450.00")
    assert billing.invoice_account(invoice_id).credits == ()
    assert len(office.ledger.audited.audit(bea)) == audit_before
    page.context.close()


def test_billing_staff_add_an_expense_and_a_rate_in_the_workspace(chromium_browser: Any, office: Office) -> None:
    """Bea adds a filing fee to Acme's matter and a matter rate from March: each is stored by the engine and in
    the audit log; a negative amount, an unknown matter or a bad date is one line and adds nothing; the unbilled
    expense (and the new rate) are on the matter's next pre-bill, and the page then shows the expense billed."""
    billing = office.ledger.billing
    page = sign_in(chromium_browser, office, "bea")
    with page.expect_navigation():
        page.click("header >> text=Expenses")
    form = "#add-expense"

    def add_expense(matter: str, day: str, amount: str) -> None:
        page.fill(f"{form} input[name=matter]", matter)
        page.fill(f"{form} input[name=date]", day)
        page.fill(f"{form} input[name=amount]", amount)
        page.fill(f"{form} input[name=code]", "E112")
        page.fill(f"{form} input[name=description]", "Court filing fee")
        with page.expect_navigation():
            page.click("button:has-text('Add expense')")

    add_expense("1001", "2026-03-10", "45.50")
    assert "expense of 45.50 added to 1001" in page.inner_text("[role=status]")
    (stored,) = billing.expenses()
    assert (stored.item.matter, stored.item.day, stored.amount, stored.item.code, stored.invoice_id) == (
        "1001", date(2026, 3, 10), Decimal("45.50"), "E112", None)  # fmt: skip
    row = f"#expenses tr[data-expense='{stored.item.expense_id}']"
    assert page.inner_text(f"{row} .amount") == "45.50" and page.inner_text(f"{row} .billed") == "unbilled"
    for matter, day, amount, error in (
        ("1001", "2026-03-11", "-5.00", "an amount is positive"),
        ("9999", "2026-03-11", "5.00", "no matter '9999'"),
        ("1001", "2026-13-01", "5.00", "not a date"),
    ):
        add_expense(matter, day, amount)
        alert = page.inner_text("[role=alert]")
        assert error in alert and "\n" not in alert
        assert len(billing.expenses()) == 1
    page.select_option("#filter select[name=matter]", "2001")
    with page.expect_navigation():
        page.click("#filter button")
    assert page.locator("#expenses tr[data-expense]").count() == 0

    with page.expect_navigation():
        page.click("header >> text=Rates")
    rate_form = "#add-rate"
    page.select_option(f"{rate_form} select[name=scope]", "matter")
    page.fill(f"{rate_form} input[name=key]", "1001")
    page.fill(f"{rate_form} input[name=rate]", "350")
    page.fill(f"{rate_form} input[name=effective]", "2026-03-01")
    with page.expect_navigation():
        page.click("button:has-text('Add rate')")
    assert "matter 1001 rate 350.00 from 2026-03-01" in page.inner_text("[role=status]")
    assert "1001" in page.inner_text("#rates")
    (rate,) = billing.rates()
    assert (rate.scope.value, rate.key, rate.rate.amount, rate.effective_from) == (
        "matter", "1001", Decimal("350"), date(2026, 3, 1))  # fmt: skip
    found = billing.rate_for("1001", date(2026, 3, 2), "JD")
    assert found is not None and found.rate.amount == Decimal("350")
    for key, amount, day, error in (
        ("1001", "-1", "2026-03-01", "an amount is positive"),
        ("9999", "300", "2026-03-01", "no matter '9999'"),
        ("1001", "300", "March", "not a date"),
    ):
        page.select_option(f"{rate_form} select[name=scope]", "matter")
        page.fill(f"{rate_form} input[name=key]", key)
        page.fill(f"{rate_form} input[name=rate]", amount)
        page.fill(f"{rate_form} input[name=effective]", day)
        with page.expect_navigation():
            page.click("button:has-text('Add rate')")
        alert = page.inner_text("[role=alert]")
        assert error in alert and "\n" not in alert
        assert len(billing.rates()) == 1

    bea = office.ledger.accounts.sign_in("bea", PASSWORD).actor
    made = office.ledger.audited.draft_all(bea, date(2026, 3, 31))
    (acme,) = [billing.get(i) for i in made if billing.get(i).matter == "1001"]
    assert [ln.expense_id for ln in acme.lines if ln.expense_id] == [stored.item.expense_id]
    assert acme.total.amount == Decimal("1.5") * 350 + Decimal("45.50")
    with page.expect_navigation():
        page.click("header >> text=Expenses")
    assert page.inner_text(f"{row} .billed") == f"on #{acme.id}"

    with page.expect_navigation():
        page.click("header >> text=Audit log")
    actions = page.locator("#audit tr td:nth-child(3)").all_inner_texts()
    assert actions[::-1] == ["expense", "rate", "draft"]
    expense_row = page.locator("#audit tr").filter(has_text="Court filing fee").first.inner_text()
    assert "matter:1001" in expense_row and '"amount": "45.50"' in expense_row
    assert "rate:matter:1001" in page.inner_text("#audit")
    page.context.close()


def test_an_attorney_has_no_expense_or_rate_forms_and_a_forged_one_is_refused(
    chromium_browser: Any, office: Office
) -> None:
    """Jane sees the expenses and rates pages without their forms; an expense or a rate posted with her own
    session and CSRF token is refused (403) and nothing is added or logged."""
    billing = office.ledger.billing
    page = sign_in(chromium_browser, office, "jane")
    for name, form in (("Expenses", "#add-expense"), ("Rates", "#add-rate")):
        with page.expect_navigation():
            page.click(f"header >> text={name}")
        assert page.inner_text("h1") == name
        assert page.locator(form).count() == 0
    csrf = page.get_attribute("input[name=csrf]", "value")
    bea = office.ledger.accounts.sign_in("bea", PASSWORD).actor
    audit_before = len(office.ledger.audited.audit(bea))
    for path, fields in (
        ("/expenses/add", {"matter": "1001", "date": "2026-03-10", "amount": "45.50", "description": "forged"}),
        ("/rates/add", {"scope": "timekeeper", "key": "JD", "rate": "900", "effective": "2026-03-01"}),
    ):
        response = page.request.post(
            office.server.base + path, form={"csrf": csrf or "", **fields}, max_redirects=0
        )
        assert response.status == 403
    assert billing.expenses() == [] and billing.rates() == []
    assert len(office.ledger.audited.audit(bea)) == audit_before
    page.context.close()
