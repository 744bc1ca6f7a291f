"""LEDES 1998B: byte-for-byte against a hand-checked golden file, and read back by an independent parser."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from ledgerwatch.billing.invoicing import Context, draft_invoice
from ledgerwatch.billing.ledes import LedesError, LedesParty, clean, write_ledes
from ledgerwatch.billing.rates import RateBook
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Classification,
    ExpenseItem,
    FeeTerms,
    Invoice,
    ItemKind,
    Rate,
    RateScope,
    Timekeeper,
    TimekeeperCodes,
    WorkItem,
)

GOLDEN = Path(__file__).parent / "data" / "billing_invoice_1998b.txt"
D = Decimal
TKS = {
    "JD": Timekeeper("JD", "Doe, Jane", "JD", Classification.PARTNER, "PARTNR"),
    "AB": Timekeeper("AB", "Baker, Alan", "AB", Classification.ASSOCIATE, None),
}
PARTY = LedesParty("36-1234567", "ACME01", "ACME-LIT-7", "Litigation services, March 2026")


def usd(value: str) -> Money:
    return Money(D(value))


def golden_invoice() -> Invoice:
    book = RateBook.of(
        [
            Rate(RateScope.TIMEKEEPER, "JD", usd("300"), date.min),
            Rate(RateScope.TIMEKEEPER, "AB", usd("200"), date.min),
        ]
    )
    work = (
        WorkItem("e1", date(2026, 3, 2), "1001", "JD", D("1.5"), "Draft motion to compel | discovery [second set]",
                 "L350", "A103"),
        WorkItem("e2", date(2026, 3, 3), "1001", "AB", D("2.3"), "Research privilege waiver (Fed. R. Evid. 502)",
                 "L120", "A102"),
        WorkItem("e3", date(2026, 3, 4), "1001", "JD", D("0.7"), "Telephone conference with client re settlement",
                 "L160", "A106"),
    )  # fmt: skip
    copies = ExpenseItem("x1", date(2026, 3, 4), "1001", D(120), usd("0.15"), "E101", "Copies — 120 pages")
    draft = draft_invoice(
        Context("Acme Corp", FeeTerms("1001"), book, date(2026, 3, 1), date(2026, 3, 31)),
        work,
        [copies],
        [
            Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(10), item="entry:e3", reason="COURTESY"),
            Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(5), target=ItemKind.FEE, reason="VOLUME"),
            Adjustment(
                AdjustmentKind.DISCOUNT_AMOUNT, D(3), target=ItemKind.EXPENSE, memo="Copy charges reduced"
            ),
        ],
    )
    return dataclasses.replace(draft.invoice, number="INV-000042", issue_date=date(2026, 4, 1))


def parse_ledes(data: bytes) -> list[dict[str, str]]:
    """An independent reader: checks the envelope and returns each item as a field -> value dict."""
    text = data.decode("ascii")
    lines = text.split("\r\n")
    assert lines[-1] == "", "the file ends with a line break"
    lines = lines[:-1]
    assert lines[0] == "LEDES1998B[]"
    assert all(line.endswith("[]") for line in lines)
    names = lines[1][:-2].split("|")
    assert len(names) == 24
    items = []
    for line in lines[2:]:
        body = line[:-2]
        assert "[]" not in body
        values = body.split("|")
        assert len(values) == 24, line
        items.append(dict(zip(names, values, strict=True)))
    return items


def test_ledes_matches_the_golden_file_byte_for_byte() -> None:
    """The writer's output equals the hand-checked golden LEDES 1998B file exactly (CRLF, ASCII)."""
    written = write_ledes([(golden_invoice(), PARTY)], TKS).encode("ascii")
    assert written == GOLDEN.read_bytes()


def test_golden_file_reads_back_with_consistent_totals() -> None:
    """Every line: dates YYYYMMDD, LINE_ITEM_TOTAL = units x unit cost + adjustment; INVOICE_TOTAL = their sum."""
    items = parse_ledes(GOLDEN.read_bytes())
    assert [i["EXP/FEE/INV_ADJ_TYPE"] for i in items] == ["F", "F", "F", "E", "IF", "IE"]
    total = Decimal(0)
    for item in items:
        for key in ("INVOICE_DATE", "LINE_ITEM_DATE", "BILLING_START_DATE", "BILLING_END_DATE"):
            datetime.strptime(item[key], "%Y%m%d")
        units = Decimal(item["LINE_ITEM_NUMBER_OF_UNITS"] or "0")
        cost = Decimal(item["LINE_ITEM_UNIT_COST"] or "0")
        line_total = Decimal(item["LINE_ITEM_TOTAL"])
        assert (units * cost + Decimal(item["LINE_ITEM_ADJUSTMENT_AMOUNT"])).quantize(
            Decimal("0.01")
        ) == line_total
        total += line_total
    assert {i["INVOICE_TOTAL"] for i in items} == {str(total)} == {"1059.05"}
    fees = [i for i in items if i["EXP/FEE/INV_ADJ_TYPE"] == "F"]
    assert [(i["TIMEKEEPER_ID"], i["TIMEKEEPER_CLASSIFICATION"], i["LINE_ITEM_TASK_CODE"]) for i in fees] == [
        ("JD", "PT", "L350"), ("AB", "AS", "L120"), ("JD", "PT", "L160"),
    ]  # fmt: skip
    assert fees[0]["LINE_ITEM_DESCRIPTION"] == "Draft motion to compel / discovery (second set)"
    assert items[3]["LINE_ITEM_EXPENSE_CODE"] == "E101"
    assert {i["INVOICE_NUMBER"] for i in items} == {"INV-000042"}


def test_ledes_2014_codes_when_the_client_asks() -> None:
    """With 2014 codes the six-letter classification is written; a timekeeper without one is refused."""
    inv = golden_invoice()
    only_jd = dataclasses.replace(inv, lines=tuple(ln for ln in inv.lines if ln.timekeeper != "AB"))
    party = dataclasses.replace(PARTY, timekeeper_codes=TimekeeperCodes.LEDES_2014)
    items = parse_ledes(write_ledes([(only_jd, party)], TKS).encode("ascii"))
    assert {i["TIMEKEEPER_CLASSIFICATION"] for i in items if i["TIMEKEEPER_ID"]} == {"PARTNR"}
    with pytest.raises(LedesError, match="AB has no LEDES 2014"):
        write_ledes([(inv, party)], TKS)


def test_unfinalised_invoice_cannot_be_written() -> None:
    """Only numbered invoices go out as LEDES."""
    with pytest.raises(LedesError, match="not finalised"):
        write_ledes([(dataclasses.replace(golden_invoice(), number=None), PARTY)], TKS)


def test_clean_removes_delimiters_and_non_ascii() -> None:
    """Text never carries '|', '[]', line breaks or non-ASCII into the file."""
    assert clean("a|b [c]\r\nd — é") == "a/b (c) d e"
    # a client's name in letters that carry no accent is spelled as it is typed, not dropped ("Srensen")
    assert clean("Sørensen v. Wałęsa - Straße") == "Sorensen v. Walesa - Strasse"


def test_the_independent_checker_passes_the_golden_file_and_catches_faults() -> None:
    """The checker (tests/ledes_check.py, which imports nothing of ledgerwatch) passes the golden file and
    finds a wrong total, a fee without a timekeeper and a missing CRLF."""
    from tests.ledes_check import check

    golden = GOLDEN.read_bytes()
    assert check(golden) == []
    broken = golden.replace(b"|450.00|20260302|", b"|451.00|20260302|")
    assert any("is not LINE_ITEM_TOTAL" in e for e in check(broken))
    assert any("needs TIMEKEEPER_ID" in e for e in check(golden.replace(b"|A103|JD|", b"|A103||")))
    assert any("CR LF" in e for e in check(golden.replace(b"\r\n", b"\n")))
