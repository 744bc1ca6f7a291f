"""An independent LEDES 1998B checker: written from the LEDES 1998B specification, sharing no code or constant
with ledgerwatch's writer (it imports nothing of ledgerwatch). check() returns every error found, as text."""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal, InvalidOperation

SPEC_FIELDS = ["INVOICE_DATE", "INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "INVOICE_TOTAL", "BILLING_START_DATE", "BILLING_END_DATE", "INVOICE_DESCRIPTION", "LINE_ITEM_NUMBER", "EXP/FEE/INV_ADJ_TYPE", "LINE_ITEM_NUMBER_OF_UNITS", "LINE_ITEM_ADJUSTMENT_AMOUNT", "LINE_ITEM_TOTAL", "LINE_ITEM_DATE", "LINE_ITEM_TASK_CODE", "LINE_ITEM_EXPENSE_CODE", "LINE_ITEM_ACTIVITY_CODE", "TIMEKEEPER_ID", "LINE_ITEM_DESCRIPTION", "LAW_FIRM_ID", "LINE_ITEM_UNIT_COST", "TIMEKEEPER_NAME", "TIMEKEEPER_CLASSIFICATION", "CLIENT_MATTER_ID"]
CLASSIFICATIONS = {"PT", "AS", "OC", "LA", "OT"}
CENT = Decimal("0.01")


def _date(value: str) -> date | None:
    if not re.fullmatch(r"\d{8}", value):
        return None
    try:
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    except ValueError:
        return None


def _number(value: str) -> Decimal | None:
    if not re.fullmatch(r"-?\d+(\.\d+)?", value):
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def check(data: bytes) -> list[str]:
    """Every way the file departs from LEDES 1998B (an empty list: clean)."""
    errors: list[str] = []
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError as exc:
        return [f"not ASCII at byte {exc.start}"]
    if "\r\n" not in text or text.replace("\r\n", "").count("\n"):
        errors.append("records must end in CR LF")
    lines = text.split("\r\n")
    if lines and lines[-1] == "":
        lines = lines[:-1]
    if len(lines) < 3:
        return [*errors, "a 1998B file has the format line, the field names and at least one record"]
    if lines[0] != "LEDES1998B[]":
        errors.append(f"line 1 must be LEDES1998B[], not {lines[0]!r}")
    if lines[1] != "|".join(SPEC_FIELDS) + "[]":
        errors.append("line 2 must name the 24 fields in the specification's order")
    invoices: dict[str, list[dict[str, str]]] = defaultdict(list)
    for n, line in enumerate(lines[2:], 3):
        if not line.endswith("[]"):
            errors.append(f"line {n}: a record ends in []")
            continue
        values = line[:-2].split("|")
        if len(values) != len(SPEC_FIELDS):
            errors.append(f"line {n}: {len(values)} fields, not 24")
            continue
        if any("[]" in v for v in values):
            errors.append(f"line {n}: [] inside a field")
        record = dict(zip(SPEC_FIELDS, values, strict=True))
        record["_line"] = str(n)
        invoices[record["INVOICE_NUMBER"]].append(record)
        errors += _record(n, record)
    for number, records in invoices.items():
        errors += _invoice(number, records)
    return errors


def _record(n: int, r: dict[str, str]) -> list[str]:
    out = []
    where = f"line {n}"
    for key in ("INVOICE_NUMBER", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "LAW_FIRM_ID", "LINE_ITEM_NUMBER"):
        if not r[key]:
            out.append(f"{where}: {key} is required")
    for key in ("INVOICE_DATE", "BILLING_START_DATE", "BILLING_END_DATE", "LINE_ITEM_DATE"):
        if _date(r[key]) is None:
            out.append(f"{where}: {key} {r[key]!r} is not CCYYMMDD")
    start, end, day = _date(r["BILLING_START_DATE"]), _date(r["BILLING_END_DATE"]), _date(r["LINE_ITEM_DATE"])
    if start and end and start > end:
        out.append(f"{where}: billing period ends before it starts")
    kind = r["EXP/FEE/INV_ADJ_TYPE"]
    if kind not in ("F", "E", "IF", "IE"):
        out.append(f"{where}: EXP/FEE/INV_ADJ_TYPE {kind!r} is not F, E, IF or IE")
    if kind in ("F", "E") and start and end and day and not start <= day <= end:
        out.append(f"{where}: LINE_ITEM_DATE outside the billing period")
    total = _number(r["LINE_ITEM_TOTAL"])
    adjustment = _number(r["LINE_ITEM_ADJUSTMENT_AMOUNT"] or "0")
    if total is None or adjustment is None:
        out.append(f"{where}: LINE_ITEM_TOTAL and LINE_ITEM_ADJUSTMENT_AMOUNT must be numbers")
        return out
    if _number(r["INVOICE_TOTAL"]) is None:
        out.append(f"{where}: INVOICE_TOTAL is not a number")
    if kind in ("F", "E"):
        units, cost = _number(r["LINE_ITEM_NUMBER_OF_UNITS"]), _number(r["LINE_ITEM_UNIT_COST"])
        if units is None or cost is None:
            out.append(f"{where}: a fee or expense needs units and a unit cost")
        elif (units * cost + adjustment).quantize(CENT) != total:
            out.append(f"{where}: {units} x {cost} + {adjustment} is not LINE_ITEM_TOTAL {total}")
    else:
        if r["LINE_ITEM_NUMBER_OF_UNITS"] or r["LINE_ITEM_UNIT_COST"]:
            out.append(f"{where}: an invoice-level adjustment has no units or unit cost")
        if adjustment != total:
            out.append(f"{where}: an adjustment's total is its adjustment amount")
    if kind == "F":
        if not r["TIMEKEEPER_ID"]:
            out.append(f"{where}: a fee needs TIMEKEEPER_ID")
        if not re.fullmatch(r"[^,]+, [^,]+", r["TIMEKEEPER_NAME"]):
            out.append(f"{where}: TIMEKEEPER_NAME {r['TIMEKEEPER_NAME']!r} is not 'Last, First'")
        if r["TIMEKEEPER_CLASSIFICATION"] not in CLASSIFICATIONS:
            out.append(f"{where}: TIMEKEEPER_CLASSIFICATION {r['TIMEKEEPER_CLASSIFICATION']!r} is not a 1998B class")
        if r["LINE_ITEM_EXPENSE_CODE"]:
            out.append(f"{where}: a fee has no expense code")
    if kind == "E" and r["LINE_ITEM_EXPENSE_CODE"] and not re.fullmatch(r"E\d{3}", r["LINE_ITEM_EXPENSE_CODE"]):
        out.append(f"{where}: expense code {r['LINE_ITEM_EXPENSE_CODE']!r} is not UTBMS Ennn")
    if r["LINE_ITEM_TASK_CODE"] and not re.fullmatch(r"[A-Z]\d{3}", r["LINE_ITEM_TASK_CODE"]):
        out.append(f"{where}: task code {r['LINE_ITEM_TASK_CODE']!r} is not UTBMS")
    if r["LINE_ITEM_ACTIVITY_CODE"] and not re.fullmatch(r"A\d{3}", r["LINE_ITEM_ACTIVITY_CODE"]):
        out.append(f"{where}: activity code {r['LINE_ITEM_ACTIVITY_CODE']!r} is not UTBMS Annn")
    return out


def _invoice(number: str, records: list[dict[str, str]]) -> list[str]:
    out = []
    for key in ("INVOICE_DATE", "INVOICE_TOTAL", "CLIENT_ID", "LAW_FIRM_MATTER_ID", "BILLING_START_DATE",
                "BILLING_END_DATE", "LAW_FIRM_ID"):  # fmt: skip
        if len({r[key] for r in records}) != 1:
            out.append(f"invoice {number}: {key} differs between its lines")
    numbers = [r["LINE_ITEM_NUMBER"] for r in records]
    if numbers != [str(i) for i in range(1, len(records) + 1)]:
        out.append(f"invoice {number}: LINE_ITEM_NUMBER must run 1, 2, 3, ...")
    totals = [_number(r["LINE_ITEM_TOTAL"]) for r in records]
    stated = _number(records[0]["INVOICE_TOTAL"])
    if None not in totals and stated is not None and sum(t for t in totals if t is not None) != stated:
        out.append(f"invoice {number}: INVOICE_TOTAL {stated} is not the sum of its lines")
    return out
