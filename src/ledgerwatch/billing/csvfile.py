"""The invoice as CSV, one row per line, for spreadsheets and clients without an e-billing system."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping

from ledgerwatch.domain.billing import Invoice, Timekeeper

COLUMNS = (
    "invoice_number", "invoice_date", "matter", "line", "type", "date", "timekeeper", "hours", "rate",
    "adjustment", "amount", "task_code", "activity_code", "expense_code", "narrative", "note", "reason",
)  # fmt: skip


def write_csv(invoice: Invoice, timekeepers: Mapping[str, Timekeeper]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number, line in enumerate(invoice.lines, start=1):
        tk = timekeepers.get(line.timekeeper or "")
        writer.writerow(
            [
                invoice.number or "",
                invoice.issue_date.isoformat() if invoice.issue_date else "",
                invoice.matter,
                number,
                line.kind.value,
                line.day.isoformat(),
                tk.name if tk else (line.timekeeper or ""),
                "" if line.units is None else str(line.units),
                "" if line.unit_cost is None else f"{line.unit_cost.amount:.2f}",
                f"{line.adjustment.amount:.2f}",
                f"{line.total.amount:.2f}",
                line.task_code or "",
                line.activity_code or "",
                line.expense_code or "",
                line.narrative,
                line.note,
                line.reason,
            ]
        )
    writer.writerow(["", "", "", "", "TOTAL", "", "", "", "", "", f"{invoice.total.amount:.2f}"])
    return buffer.getvalue()
