"""LEDES 1998B for every fee arrangement, end to end through the service, clean under the independent checker."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    ExpenseItem,
    FeeTerms,
    ItemKind,
)
from tests.billing_support import Firm
from tests.ledes_check import check

MARCH = date(2026, 3, 31)
D = Decimal


def usd(value: str) -> Money:
    return Money(D(value))


TERMS = {
    Arrangement.HOURLY: FeeTerms("1001"),
    Arrangement.FLAT: FeeTerms("1001", Arrangement.FLAT, flat_amount=usd("2500")),
    Arrangement.FLAT_PER_TASK: FeeTerms("1001", Arrangement.FLAT_PER_TASK, task_fees=(("L120", usd("800")),)),
    Arrangement.CAPPED: FeeTerms("1001", Arrangement.CAPPED, cap=usd("500")),
    Arrangement.RETAINER: FeeTerms("1001", Arrangement.RETAINER, retainer_minimum=usd("100"), retainer_target=usd("1000")),
}


@pytest.mark.parametrize("arrangement", list(TERMS), ids=str)
def test_every_arrangement_writes_a_clean_ledes_file(firm: Firm, arrangement: Arrangement) -> None:
    """Hourly, flat, flat per task, capped and retainer invoices, with two timekeepers, an expense, a line
    discount and an invoice discount, export as LEDES 1998B that the independent checker finds 0 errors in."""
    svc = firm.service()
    svc.set_terms(TERMS[arrangement])
    if arrangement is Arrangement.RETAINER:
        svc.deposit_trust("Acme Corp", usd("300"))
    firm.entry("e1", date(2026, 3, 2), "1.5", "1001", "Draft motion to compel discovery responses", task="L350")
    firm.entry("e2", date(2026, 3, 3), "2.3", "1001", "Research privilege waiver under Rule 502", task="L120",
               timekeeper="AB")  # fmt: skip
    svc.add_expense(ExpenseItem("x1", date(2026, 3, 4), "1001", D(1), usd("45.50"), "E112", "Court filing fee"))
    draft = svc.draft("1001", MARCH).invoice_id
    assert draft is not None
    svc.adjust(draft, Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(10), item="entry:e1", reason="COURTESY"))
    svc.adjust(draft, Adjustment(AdjustmentKind.DISCOUNT_AMOUNT, D(5), target=ItemKind.FEE, reason="VOLUME"))
    outcome = svc.finalize(draft)
    assert outcome.number is not None, outcome.problems
    data = svc.export(draft, "ledes")
    assert check(data) == []
    fees = [line.split("|") for line in data.decode("ascii").split("\r\n")[2:-1] if line.split("|")[9] == "F"]
    assert fees and all(f[17] and f[22] in {"PT", "AS"} for f in fees)  # every fee line names its timekeeper


def test_contingency_matters_are_tracked_not_billed(firm: Firm) -> None:
    """A contingency matter drafts no invoice (time tracked, not billed): nothing to send as LEDES."""
    svc = firm.service()
    svc.set_terms(FeeTerms("1001", Arrangement.CONTINGENCY))
    firm.entry("e1", date(2026, 3, 2), "1.5", "1001")
    outcome = svc.draft("1001", MARCH)
    assert outcome.invoice_id is None and outcome.problems[0].code.value == "contingency"
