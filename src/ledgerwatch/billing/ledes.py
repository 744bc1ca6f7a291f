"""LEDES 1998B: the pipe-delimited e-billing file most US corporate clients accept.

First line `LEDES1998B[]`, then the 24 field names, then one line per invoice line; every line ends in `[]`.
LINE_ITEM_TOTAL = units x unit cost + adjustment; INVOICE_TOTAL is the sum of the invoice's line totals.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ledgerwatch.domain.billing import Invoice, ItemKind, Timekeeper, TimekeeperCodes
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.domain.text import fold

FIELDS = (
    "INVOICE_DATE",
    "INVOICE_NUMBER",
    "CLIENT_ID",
    "LAW_FIRM_MATTER_ID",
    "INVOICE_TOTAL",
    "BILLING_START_DATE",
    "BILLING_END_DATE",
    "INVOICE_DESCRIPTION",
    "LINE_ITEM_NUMBER",
    "EXP/FEE/INV_ADJ_TYPE",
    "LINE_ITEM_NUMBER_OF_UNITS",
    "LINE_ITEM_ADJUSTMENT_AMOUNT",
    "LINE_ITEM_TOTAL",
    "LINE_ITEM_DATE",
    "LINE_ITEM_TASK_CODE",
    "LINE_ITEM_EXPENSE_CODE",
    "LINE_ITEM_ACTIVITY_CODE",
    "TIMEKEEPER_ID",
    "LINE_ITEM_DESCRIPTION",
    "LAW_FIRM_ID",
    "LINE_ITEM_UNIT_COST",
    "TIMEKEEPER_NAME",
    "TIMEKEEPER_CLASSIFICATION",
    "CLIENT_MATTER_ID",
)
EOL = "[]\r\n"


class LedesError(LedgerwatchError, ValueError):
    """The invoice cannot be written as LEDES (not finalised, or a timekeeper lacks the code asked for)."""


@dataclass(frozen=True, slots=True)
class LedesParty:
    """Who bills whom: the ids the client's e-billing system routes on."""

    law_firm_id: str
    client_id: str
    client_matter_id: str = ""
    description: str = ""
    timekeeper_codes: TimekeeperCodes = TimekeeperCodes.LEDES_1998B
    """1998B: PT/AS/OC/LA/OT; 2014: the timekeeper's six-letter code"""


_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """ASCII text with no field or line delimiters inside: '|' -> '/', brackets -> parentheses."""
    text = fold(text).encode("ascii", "ignore").decode("ascii")  # "Sørensen" is Sorensen, never "Srensen"
    text = text.replace("|", "/").replace("[", "(").replace("]", ")")
    return _SPACE.sub(" ", text).strip()


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def _amount(value: Decimal) -> str:
    return f"{value.quantize(Decimal('0.01')):f}"


def _units(value: Decimal) -> str:
    text = f"{value.quantize(Decimal('0.01')):f}"
    return text[:-1] if text.endswith("0") else text


def _classification(tk: Timekeeper, codes: TimekeeperCodes) -> str:
    if codes == TimekeeperCodes.LEDES_2014:
        if not tk.code_2014:
            raise LedesError(f"timekeeper {tk.id} has no LEDES 2014 classification code")
        return tk.code_2014
    return tk.classification.value


def invoice_rows(
    invoice: Invoice, party: LedesParty, timekeepers: Mapping[str, Timekeeper]
) -> list[list[str]]:
    """The LEDES fields for each line of one finalised invoice."""
    if invoice.number is None or invoice.issue_date is None:
        raise LedesError(f"invoice {invoice.id} is not finalised; only numbered invoices go out as LEDES")
    head = [
        _day(invoice.issue_date),
        clean(invoice.number),
        clean(party.client_id),
        clean(invoice.matter),
        _amount(invoice.total.amount),
        _day(invoice.period_start),
        _day(invoice.period_end),
        clean(party.description or f"Legal services, matter {invoice.matter}"),
    ]
    rows = []
    for number, line in enumerate(invoice.lines, start=1):
        adjustment_line = line.kind in (ItemKind.FEE_ADJUSTMENT, ItemKind.EXPENSE_ADJUSTMENT)
        tk = timekeepers.get(line.timekeeper) if line.timekeeper and not adjustment_line else None
        if line.timekeeper and not adjustment_line and tk is None:
            raise LedesError(f"line {number}: unknown timekeeper {line.timekeeper}")
        rows.append(
            [
                *head,
                str(number),
                line.kind.value,
                "" if line.units is None else _units(line.units),
                _amount(line.adjustment.amount),
                _amount(line.total.amount),
                _day(line.day),
                clean(line.task_code or "") if line.kind is ItemKind.FEE else "",
                clean(line.expense_code or "") if line.kind is ItemKind.EXPENSE else "",
                clean(line.activity_code or "") if line.kind is ItemKind.FEE else "",
                clean(tk.id) if tk else "",
                clean(line.narrative),
                clean(party.law_firm_id),
                "" if line.unit_cost is None else _amount(line.unit_cost.amount),
                clean(tk.name) if tk else "",
                _classification(tk, party.timekeeper_codes) if tk else "",
                clean(party.client_matter_id),
            ]
        )
    return rows


def write_ledes(invoices: Sequence[tuple[Invoice, LedesParty]], timekeepers: Mapping[str, Timekeeper]) -> str:
    """A LEDES 1998B file for one or more finalised invoices (CRLF line ends, ASCII)."""
    out = ["LEDES1998B" + EOL, "|".join(FIELDS) + EOL]
    for invoice, party in invoices:
        out.extend("|".join(row) + EOL for row in invoice_rows(invoice, party, timekeepers))
    return "".join(out)
