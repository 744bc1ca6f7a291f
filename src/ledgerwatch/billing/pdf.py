"""Invoice and collection-letter PDFs (fpdf2), with a QR code for the payment link (segno)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from string import Template

import segno
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import Invoice, ItemKind, Timekeeper


@dataclass(frozen=True, slots=True)
class Letterhead:
    firm: str
    address: tuple[str, ...] = ()
    contact: str = ""
    """phone / e-mail / web line"""


@dataclass(frozen=True, slots=True)
class Statement:
    """The account around an invoice: what was owed before, what was paid, what is due now."""

    prior_balance: Money
    payments: tuple[tuple[date, str, Money], ...] = ()
    """payments, credits and trust applied to this invoice: (date, label, amount)"""
    balance_due: Money | None = None
    payment_link: str | None = None
    replenish: Money | None = None


def _latin(text: str) -> str:
    """fpdf2's core fonts are Latin-1; replace what they cannot draw rather than fail."""
    return text.encode("latin-1", "replace").decode("latin-1")


def _money(value: Money) -> str:
    return f"{value.amount:,.2f}"


class _Doc(FPDF):
    def __init__(self, letterhead: Letterhead) -> None:
        super().__init__(format="Letter")
        self.letterhead = letterhead
        self.set_auto_page_break(auto=True, margin=18)
        self.set_margins(15, 15, 15)

    def header(self) -> None:
        self.set_font("helvetica", "B", 15)
        self.cell(0, 7, _latin(self.letterhead.firm), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_font("helvetica", "", 9)
        for line in (*self.letterhead.address, self.letterhead.contact):
            if line:
                self.cell(0, 4.5, _latin(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.ln(2)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(4)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font("helvetica", "", 8)
        self.cell(0, 5, f"Page {self.page_no()}", align="C")

    def text_line(self, text: str, *, bold: bool = False, size: float = 10, align: str = "L") -> None:
        self.set_font("helvetica", "B" if bold else "", size)
        self.cell(0, 5.5, _latin(text), align=align, new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def qr(self, link: str) -> None:
        png = io.BytesIO()
        segno.make(link, error="m").save(png, kind="png", scale=4, border=2)
        png.seek(0)
        y = self.get_y()
        if y + 36 > self.h - self.b_margin:
            self.add_page()
            y = self.get_y()
        self.image(png, x=self.l_margin, y=y, w=32, h=32)
        self.set_xy(self.l_margin + 36, y + 8)
        self.set_font("helvetica", "B", 10)
        self.cell(0, 5.5, "Pay online:", new_x=XPos.LEFT, new_y=YPos.NEXT)
        self.set_font("helvetica", "", 9)
        self.multi_cell(0, 4.5, _latin(link), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_y(y + 34)


def render_invoice(
    invoice: Invoice,
    letterhead: Letterhead,
    bill_to: Sequence[str],
    timekeepers: Mapping[str, Timekeeper],
    statement: Statement,
) -> bytes:
    """The client's invoice: letterhead, itemised lines, totals, prior balance, payments, link and QR."""
    doc = _Doc(letterhead)
    doc.set_title(f"Invoice {invoice.number or 'DRAFT'}")
    doc.add_page()
    title = f"INVOICE {invoice.number}" if invoice.number else "PRE-BILL (DRAFT - NOT AN INVOICE)"
    doc.text_line(title, bold=True, size=13)
    if invoice.issue_date:
        doc.text_line(f"Invoice date: {invoice.issue_date.isoformat()}")
    if invoice.due_date:
        doc.text_line(f"Due date: {invoice.due_date.isoformat()}")
    doc.text_line(
        f"Matter: {invoice.matter}    Period: {invoice.period_start.isoformat()} to {invoice.period_end.isoformat()}"
    )
    doc.ln(2)
    doc.text_line("Bill to:", bold=True)
    for text in bill_to:
        doc.text_line(text)
    doc.ln(3)

    doc.set_font("helvetica", "", 8.5)
    with doc.table(
        col_widths=(20, 22, 13, 18, 20, 93),
        text_align=("LEFT", "LEFT", "RIGHT", "RIGHT", "RIGHT", "LEFT"),
        line_height=4.5,
        first_row_as_headings=True,
    ) as table:
        head = table.row()
        for label in ("Date", "Timekeeper", "Hours", "Rate", "Amount", "Description"):
            head.cell(label)
        for line in invoice.lines:
            tk = timekeepers.get(line.timekeeper or "")
            who = tk.initials or tk.id if tk else (line.timekeeper or "")
            described = line.narrative
            extras = [x for x in (line.note, line.task_code, line.activity_code, line.expense_code) if x]
            if line.adjustment.amount and line.units is not None:
                extras.append(
                    f"adjusted {_money(line.adjustment)}" + (f" ({line.reason})" if line.reason else "")
                )
            elif line.kind in (ItemKind.FEE_ADJUSTMENT, ItemKind.EXPENSE_ADJUSTMENT) and line.reason:
                extras.append(line.reason)
            if extras:
                described = f"{described} [{'; '.join(extras)}]"
            row = table.row()
            row.cell(line.day.isoformat())
            row.cell(_latin(who))
            row.cell("" if line.units is None else str(line.units))
            row.cell("" if line.unit_cost is None else _money(line.unit_cost))
            row.cell(_money(line.total))
            row.cell(_latin(described))
    doc.ln(4)

    def total_row(label: str, value: Money, bold: bool = False) -> None:
        doc.set_font("helvetica", "B" if bold else "", 10)
        doc.cell(140, 5.5, _latin(label), align="R")
        doc.cell(0, 5.5, _money(value), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    total_row("Fees", invoice.fees)
    if invoice.expenses.amount:
        total_row("Expenses", invoice.expenses)
    if invoice.adjustments.amount:
        total_row("Adjustments", invoice.adjustments)
    total_row(f"Total this invoice ({invoice.currency})", invoice.total, bold=True)
    for day, label, amount in statement.payments:
        total_row(f"{label} {day.isoformat()}", -amount)
    due = statement.balance_due or invoice.total
    total_row("Balance due on this invoice", due, bold=True)
    total_row("Prior balance", statement.prior_balance)
    total_row("Total outstanding", statement.prior_balance + due, bold=True)
    if statement.replenish and statement.replenish.amount > 0:
        doc.ln(2)
        doc.text_line(
            f"Retainer replenishment requested: {_money(statement.replenish)} {invoice.currency}", bold=True
        )
    if statement.payment_link:
        doc.ln(4)
        doc.qr(statement.payment_link)
    return bytes(doc.output())


DEFAULT_LETTER = Template(
    "Dear $client,\n\n"
    "Our records show the following invoices remain unpaid more than 90 days after their due dates:\n\n"
    "$items\n\n"
    "Total past due: $total\n\n"
    "Please arrange payment within 14 days, or contact us to discuss a payment plan. $pay\n\n"
    "If you believe this notice is in error, please let us know.\n\n"
    "Sincerely,\n$signer\n$firm"
)


@dataclass(frozen=True, slots=True)
class PastDue:
    """What a collection letter may say about one invoice: number, dates, balance. Nothing about the work."""

    number: str
    issue_date: date
    due_date: date
    balance: Money


def letter_text(
    template: Template,
    *,
    client: str,
    items: Sequence[PastDue],
    signer: str,
    firm: str,
    links: Mapping[str, str] | None = None,
    greeting: str | None = None,
) -> str:
    """The letter body: only what collection needs (Model Rule 1.6(b)(5)): no matters, narratives or hours.

    links: invoice number -> its own pay-online link (a processor matches a payment by invoice number, so a
    letter covering several invoices gives each its own link rather than one reference for the lot).
    """
    links = links or {}
    if not items:
        raise ValueError("a collection letter needs at least one past-due invoice")
    total = items[0].balance
    for item in items[1:]:
        total = total + item.balance
    listing = "\n".join(
        f"  Invoice {i.number} dated {i.issue_date.isoformat()}, due {i.due_date.isoformat()}: "
        f"{_money(i.balance)} {i.balance.currency}"
        + (f"\n    pay online: {links[i.number]}" if i.number in links else "")
        for i in items
    )
    pay = ""
    if links:
        pay = "You can pay online at the link beside each invoice."
    return template.substitute(
        client=(greeting or f"Dear {client}").removeprefix("Dear "),
        items=listing,
        total=f"{_money(total)} {total.currency}",
        pay=pay,
        signer=signer,
        firm=firm,
    )


def render_letter(letterhead: Letterhead, today: date, address: Sequence[str], body: str) -> bytes:
    doc = _Doc(letterhead)
    doc.set_title("Past-due notice")
    doc.add_page()
    doc.text_line(today.isoformat())
    doc.ln(3)
    for line in address:
        doc.text_line(line)
    doc.ln(5)
    doc.text_line("Re: Past-due account", bold=True)
    doc.ln(3)
    doc.set_font("helvetica", "", 10)
    doc.multi_cell(0, 5.5, _latin(body), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(doc.output())


def render_statement(
    letterhead: Letterhead, today: date, address: Sequence[str], items: Sequence[PastDue]
) -> bytes:
    """A statement of account: invoice numbers, dates and balances, and nothing about the work."""
    doc = _Doc(letterhead)
    doc.set_title("Statement of account")
    doc.add_page()
    doc.text_line(today.isoformat())
    doc.ln(3)
    for line in address:
        doc.text_line(line)
    doc.ln(5)
    doc.text_line("Statement of account", bold=True)
    doc.ln(2)
    for i in items:
        doc.text_line(
            f"Invoice {i.number}   dated {i.issue_date.isoformat()}   due {i.due_date.isoformat()}   "
            f"balance {_money(i.balance)} {i.balance.currency}"
        )
    return bytes(doc.output())
