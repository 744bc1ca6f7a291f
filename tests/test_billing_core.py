"""Billing's pure core: rates, fee arrangements with golden totals, adjustments, checks, aging, reminders, links."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from ledgerwatch.billing.aging import Receivable, age, bucket_of, format_report
from ledgerwatch.billing.checks import RuleSet, blocking, check_invoice, is_block_billed, vague_reason
from ledgerwatch.billing.invoicing import Context, apply_retainer, draft_invoice
from ledgerwatch.billing.payments import allocate, payment_link
from ledgerwatch.billing.rates import RateBook
from ledgerwatch.billing.reminders import DEFAULT_LADDER, ReminderFacts, decide, parse_ladder
from ledgerwatch.domain import Money, Severity
from ledgerwatch.domain.billing import (
    Adjustment,
    AdjustmentKind,
    Arrangement,
    Classification,
    ExpenseItem,
    FeeTerms,
    History,
    ItemKind,
    Rate,
    RateScope,
    Realization,
    Timekeeper,
    WorkItem,
)

D = Decimal


def usd(value: str) -> Money:
    return Money(D(value))


BOOK = RateBook.of(
    [
        Rate(RateScope.FIRM, "", usd("100"), date.min),
        Rate(RateScope.TIMEKEEPER, "JD", usd("300"), date.min),
        Rate(RateScope.TIMEKEEPER, "AB", usd("200"), date.min),
    ]
)
WORK = (
    WorkItem(
        "e1", date(2026, 3, 2), "1001", "JD", D("1.5"), "Draft motion to compel discovery", "L110", "A103"
    ),
    WorkItem(
        "e2",
        date(2026, 3, 3),
        "1001",
        "AB",
        D("2.3"),
        "Research case law on privilege waiver",
        "L120",
        "A102",
    ),
    WorkItem(
        "e3",
        date(2026, 3, 4),
        "1001",
        "JD",
        D("0.7"),
        "Telephone conference with client re settlement",
        "L130",
        "A106",
    ),
)
COPIES = ExpenseItem("x1", date(2026, 3, 4), "1001", D(120), usd("0.15"), "E101", "Copies")


def ctx(terms: FeeTerms, history: History | None = None) -> Context:
    return Context("Acme Corp", terms, BOOK, date(2026, 3, 1), date(2026, 3, 31), "USD", history or History())


# --- rates ---

RATES = RateBook.of(
    [
        Rate(RateScope.FIRM, "", usd("100"), date.min),
        Rate(RateScope.ACTIVITY, "A103", usd("150"), date(2026, 1, 1)),
        Rate(RateScope.TIMEKEEPER, "JD", usd("300"), date(2025, 1, 1)),
        Rate(RateScope.TIMEKEEPER, "JD", usd("320"), date(2026, 3, 1)),
        Rate(RateScope.CLIENT, "Acme", usd("280"), date(2026, 1, 1), timekeeper="JD"),
        Rate(RateScope.MATTER, "1001", usd("260"), date(2026, 2, 15)),
    ]
)


@pytest.mark.parametrize(
    ("day", "matter", "client", "tk", "activity", "expected"),
    [
        (date(2026, 3, 5), "2000", "Other", "AB", None, "100"),
        (date(2026, 3, 5), "2000", "Other", "AB", "A103", "150"),
        (date(2025, 12, 31), "2000", "Other", "AB", "A103", "100"),
        (date(2026, 2, 28), "2000", "Other", "JD", "A103", "300"),
        (date(2026, 3, 1), "2000", "Other", "JD", None, "320"),
        (date(2026, 3, 1), "2000", "Acme", "JD", None, "280"),
        (date(2026, 3, 1), "2000", "Acme", "AB", None, "100"),
        (date(2026, 2, 14), "1001", "Acme", "JD", None, "280"),
        (date(2026, 2, 15), "1001", "Acme", "JD", None, "260"),
    ],
)
def test_rate_priority_and_effective_dates(
    day: date, matter: str, client: str, tk: str, activity: str | None, expected: str
) -> None:
    """Matter beats client beats timekeeper beats activity beats firm; the rate in force on the work date wins."""
    assert RATES.rate(day=day, matter=matter, client=client, timekeeper=tk, activity=activity) == usd(
        expected
    )


def test_no_rate_is_a_problem_not_a_guess() -> None:
    """Work with no rate at all is billed at zero and flagged as an error that blocks finalising."""
    draft = draft_invoice(
        Context("Acme", FeeTerms("1001"), RateBook.of([]), date(2026, 3, 1), date(2026, 3, 31)), WORK[:1]
    )
    assert [p.code for p in draft.problems] == ["no_rate"]
    assert blocking(draft.problems)
    assert draft.invoice.total == usd("0")


# --- golden totals per fee arrangement ---


def test_hourly_with_line_and_invoice_adjustments_golden() -> None:
    """Hourly: 1.5 h x 300 + 2.3 h x 200 + 0.7 h x 300 less 10 % on e3, copies 18.00, 5 % and 25.00 off fees."""
    draft = draft_invoice(
        ctx(FeeTerms("1001")),
        WORK,
        [COPIES],
        [
            Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(10), item="entry:e3", reason="COURTESY"),
            Adjustment(AdjustmentKind.DISCOUNT_PERCENT, D(5), target=ItemKind.FEE, reason="VOLUME"),
            Adjustment(
                AdjustmentKind.WRITE_DOWN,
                D(25),
                target=ItemKind.FEE,
                reason="EXCESS",
                memo="Duplicate review",
            ),
        ],
    )
    inv = draft.invoice
    assert draft.problems == ()
    assert [ln.total.amount for ln in inv.lines] == [
        D("450.00"), D("460.00"), D("189.00"), D("18.00"), D("-54.95"), D("-25.00"),
    ]  # fmt: skip
    assert inv.lines[2].adjustment == usd("-21.00")
    assert [ln.kind for ln in inv.lines[-2:]] == [ItemKind.FEE_ADJUSTMENT, ItemKind.FEE_ADJUSTMENT]
    assert inv.fees == usd("1099.00")
    assert inv.expenses == usd("18.00")
    assert inv.adjustments == usd("-79.95")
    assert inv.total == usd("1037.05")
    assert inv.worked_value == usd("1120.00")


def test_flat_fee_per_matter_golden() -> None:
    """Flat fee: one 1,500.00 line, the time still listed at no charge; a later invoice does not bill it again."""
    terms = FeeTerms("1001", Arrangement.FLAT, flat_amount=usd("1500"), responsible="JD")
    inv = draft_invoice(ctx(terms), WORK[:2]).invoice
    assert inv.total == usd("1500.00")
    assert [(ln.units, ln.total.amount, ln.note) for ln in inv.lines] == [
        (D(1), D("1500.00"), "flat fee"),
        (D("1.5"), D("0.00"), "no charge (flat fee)"),
        (D("2.3"), D("0.00"), "no charge (flat fee)"),
    ]
    assert inv.worked_value == usd("910.00")
    again = draft_invoice(ctx(terms, History(flat_billed=True)), WORK[2:]).invoice
    assert again.total == usd("0.00")


def test_flat_fee_per_task_golden() -> None:
    """Flat fee per task: L110 800 + L120 1,200 once each; a task without a fee (L130) is billed hourly."""
    terms = FeeTerms(
        "1001", Arrangement.FLAT_PER_TASK, task_fees=(("L110", usd("800")), ("L120", usd("1200")))
    )
    inv = draft_invoice(ctx(terms), WORK).invoice
    assert inv.total == usd("2210.00")
    later = draft_invoice(ctx(terms, History(tasks_billed=frozenset({"L110"}))), WORK).invoice
    assert later.total == usd("1410.00")


def test_capped_fee_golden() -> None:
    """Capped: cap 1,000 with 600 billed before leaves 400; the 510 excess is written down on its own line."""
    terms = FeeTerms("1001", Arrangement.CAPPED, cap=usd("1000"))
    inv = draft_invoice(ctx(terms, History(fees_billed=D("600"))), WORK[:2]).invoice
    assert inv.fees == usd("910.00")
    cap_line = inv.lines[-1]
    assert (cap_line.kind, cap_line.total, cap_line.reason) == (
        ItemKind.FEE_ADJUSTMENT,
        usd("-510.00"),
        "CAP",
    )
    assert inv.total == usd("400.00")
    under = draft_invoice(ctx(terms), WORK[:2]).invoice
    assert under.total == usd("910.00")
    assert all(ln.reason != "CAP" for ln in under.lines)


def test_contingency_golden() -> None:
    """Contingency: time (and costs) tracked with a worked value, nothing billed."""
    inv = draft_invoice(ctx(FeeTerms("1001", Arrangement.CONTINGENCY)), WORK, [COPIES]).invoice
    assert inv.total == usd("0.00")
    assert inv.worked_value == usd("1120.00")
    assert {ln.note for ln in inv.lines} == {"contingency: not billed"}


def test_retainer_golden() -> None:
    """Retainer: trust pays the invoice; falling below the 500 minimum asks to restore the 2,000 target."""
    terms = FeeTerms("1001", Arrangement.RETAINER, retainer_minimum=usd("500"), retainer_target=usd("2000"))
    inv = draft_invoice(ctx(terms), WORK[:2]).invoice
    assert inv.total == usd("910.00")
    rich = apply_retainer(inv.total, usd("1000"), terms)
    assert (rich.applied, rich.remaining, rich.replenish) == (usd("910.00"), usd("90.00"), usd("1910.00"))
    poor = apply_retainer(inv.total, usd("300"), terms)
    assert (poor.applied, poor.remaining, poor.replenish) == (usd("300.00"), usd("0.00"), usd("2000.00"))
    flush = apply_retainer(inv.total, usd("5000"), terms)
    assert flush.replenish == usd("0.00")


def test_adjustment_beyond_the_line_is_flagged() -> None:
    """A write-down larger than the line makes it negative: an error, not silently clipped."""
    draft = draft_invoice(
        ctx(FeeTerms("1001")),
        WORK[:1],
        adjustments=[Adjustment(AdjustmentKind.WRITE_DOWN, D(500), item="entry:e1", reason="X")],
    )
    assert draft.invoice.lines[0].total == usd("-50.00")
    assert [p.code for p in draft.problems] == ["negative_line"]


def test_realization_rates() -> None:
    """Realization: billed / worked and collected / billed."""
    r = Realization(usd("1000"), usd("900"), usd("810"))
    assert (r.billing_rate, r.collection_rate) == (D("0.9000"), D("0.9000"))


# --- e-billing checks ---

TKS = {
    "JD": Timekeeper("JD", "Doe, Jane", "JD", Classification.PARTNER),
    "AB": Timekeeper("AB", "Baker, Alan", "AB", Classification.ASSOCIATE),
}


def test_ebilling_checks_find_every_rule_breach() -> None:
    """Each client rule yields its problem: increments, block billing, vague words, hours, rate caps, codes."""
    work = (
        WorkItem("b1", date(2026, 3, 2), "1001", "JD", D("0.25"), "Draft motion; call client; review file"),
        WorkItem("b2", date(2026, 3, 2), "1001", "JD", D("11.0"), "Attention to matter and various issues"),
        WorkItem("b3", date(2026, 3, 3), "1001", "AB", D("1.0"), "Prepare deposition outline for witness", "L330", "A101"),
    )  # fmt: skip
    inv = draft_invoice(ctx(FeeTerms("1001")), work).invoice
    rules = RuleSet.from_mapping(
        {
            "rate_caps": {"PT": "250"},
            "block_billing": True,
            "require_task_codes": True,
            "max_hours_per_day": 11,
            "max_hours_per_entry": "10",
        }
    )
    codes = [p.code for p in check_invoice(inv, rules, TKS)]
    assert codes.count("increment") == 1
    assert codes.count("block_billing") == 1
    assert codes.count("vague") == 2
    assert codes.count("max_hours_entry") == 1
    assert codes.count("max_hours_day") == 1
    assert codes.count("rate_cap") == 2
    assert codes.count("task_code") == 2
    assert {p.code for p in blocking(check_invoice(inv, rules, TKS))} == {
        "increment",
        "rate_cap",
        "task_code",
    }
    clean = check_invoice(draft_invoice(ctx(FeeTerms("1001")), work[2:]).invoice, rules, TKS)
    assert clean == ()


def test_block_billing_heuristic() -> None:
    """Two task verbs in separate clauses are block billing; one task with detail is not."""
    assert is_block_billed("Review documents and draft response to motion")
    assert is_block_billed("Telephone call with opposing counsel / revise stipulation")
    assert not is_block_billed("Draft response to motion to compel, including exhibits")


@pytest.mark.parametrize(
    ("narrative", "vague"),
    [
        ("Legal research (Westlaw) re retaliation prima facie case", False),
        ("Legal research regarding statute of limitations for fraud claims", False),
        ("Review documents produced by Acme in response to second requests", False),
        ("Follow up with opposing counsel on deposition dates", False),
        ("Legal research", True),
        ("Legal research on the matter", True),
        ("Work on file", True),
        ("Attention to matter and various issues", True),
        ("Draft motion; review file", True),
    ],
)
def test_vague_wording_only_without_specifics(narrative: str, vague: bool) -> None:
    """A vague phrase is flagged only when it is most of the narrative or nothing specific follows it."""
    assert (vague_reason(narrative, RuleSet()) is not None) is vague


def test_block_billing_is_flagged_only_where_the_client_forbids_it() -> None:
    """Several tasks in one entry pass by default and become a warning under a no-block-billing rule set."""
    work = (
        WorkItem(
            "k1", date(2026, 3, 2), "1001", "JD", D("1.0"), "Draft motion to compel; call client re dates"
        ),
    )
    inv = draft_invoice(ctx(FeeTerms("1001")), work).invoice
    assert [p.code for p in check_invoice(inv, RuleSet(), TKS)] == []
    strict = check_invoice(inv, RuleSet.from_mapping({"block_billing": True}), TKS)
    assert [(p.code, p.severity) for p in strict] == [("block_billing", Severity.WARNING)]


def test_stored_lines_without_timekeeper_or_rate_are_errors() -> None:
    """A fee line with no timekeeper or no rate (billed at 0.00) is an error however the invoice was drafted."""
    work = (WorkItem("n1", date(2026, 3, 2), "1001", "", D("1.0"), "Draft motion to compel discovery"),)
    inv = draft_invoice(
        Context("Acme", FeeTerms("1001"), RateBook.of([]), date(2026, 3, 1), date(2026, 3, 31)), work
    ).invoice
    problems = check_invoice(inv, RuleSet(), TKS)
    assert sorted(p.code for p in blocking(problems)) == ["no_rate", "no_timekeeper"]


def test_unknown_rule_is_a_programmer_error() -> None:
    """A misspelt rule name raises instead of being ignored."""
    with pytest.raises(ValueError, match="unknown e-billing rules"):
        RuleSet.from_mapping({"incremnt": "0.1"})


# --- aging ---


def receivable(
    i: int, client: str, due: date, total: str, balance: str, issued: date | None = None
) -> Receivable:
    return Receivable(
        i, f"INV-{i}", client, f"M{i % 2}", "JD" if i % 2 else "AB", issued or due, due, D(total), D(balance)
    )


def test_aging_buckets_and_dso() -> None:
    """Balances fall in current / 1-30 / 31-60 / 61-90 / 90+ by days past due; DSO = A/R / billed x days."""
    as_of = date(2026, 6, 30)
    rows = [
        receivable(1, "Acme", date(2026, 7, 15), "100", "100", date(2026, 6, 15)),
        receivable(2, "Acme", date(2026, 6, 30), "200", "200", date(2026, 5, 31)),
        receivable(3, "Acme", date(2026, 5, 31), "300", "150", date(2026, 5, 1)),
        receivable(4, "Beta", date(2026, 5, 1), "400", "400", date(2026, 4, 1)),
        receivable(5, "Beta", date(2026, 4, 1), "500", "500", date(2026, 3, 2)),
        receivable(6, "Beta", date(2026, 3, 31), "600", "600", date(2026, 3, 1)),
        receivable(7, "Beta", date(2026, 3, 1), "700", "0", date(2026, 2, 1)),
    ]
    report = age(rows, as_of, "client", period_days=90)
    assert [(r.key, r.buckets) for r in report.rows] == [
        ("Acme", (D(300), D(150), D(0), D(0), D(0))),
        ("Beta", (D(0), D(0), D(400), D(500), D(600))),
    ]
    assert report.outstanding == D(1950)
    # billed in (2026-04-01, 2026-06-30]: invoices 1, 2, 3 = 600 -> 1950 / 600 x 90
    assert report.dso == D("292.5")
    assert [bucket_of(d) for d in (-5, 0, 1, 30, 31, 60, 61, 90, 91)] == [0, 0, 1, 1, 2, 2, 3, 3, 4]
    by_attorney = age(rows, as_of, "attorney")
    assert {r.key for r in by_attorney.rows} == {"JD", "AB"}
    assert "DSO (90 days): 292.5" in format_report(report)


# --- reminders ---


def facts(**changes: object) -> ReminderFacts:
    base = {"invoice_id": 1, "due_date": date(2026, 5, 1), "balance": D(100)}
    return ReminderFacts(**{**base, **changes})  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("today", "recorded", "expected", "skipped"),
    [
        (date(2026, 4, 23), frozenset(), None, ()),
        (date(2026, 4, 24), frozenset(), "before-due", ()),
        (date(2026, 4, 24), frozenset({"before-due"}), None, ()),
        (date(2026, 5, 2), frozenset(), None, ()),
        (date(2026, 5, 31), frozenset({"before-due"}), "30-days", ()),
        (date(2026, 7, 15), frozenset(), "60-days", ("30-days",)),
        (date(2026, 7, 31), frozenset({"30-days", "skipped"}), "90-days", ("60-days",)),
        (date(2026, 12, 1), frozenset({"90-days"}), None, ()),
    ],
)
def test_reminder_ladder(
    today: date, recorded: frozenset[str], expected: str | None, skipped: tuple[str, ...]
) -> None:
    """Before due, then 30/60/90 days past due; late runs send only the latest rung and skip the rest."""
    decision = decide(facts(recorded=recorded), today, DEFAULT_LADDER)
    assert (decision.send.name if decision.send else None) == expected
    assert tuple(r.name for r in decision.skip) == skipped


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"disputed": True}, "paused: invoice disputed"),
        ({"do_not_contact": True}, "paused: client marked do-not-contact"),
        ({"trust_available": D(100)}, "paused: trust funds cover the balance"),
        ({"balance": D(0)}, "paid"),
    ],
)
def test_reminders_pause(changes: dict[str, object], reason: str) -> None:
    """Disputed invoices, do-not-contact clients, trust covering the balance and paid invoices get nothing."""
    decision = decide(facts(**changes), date(2026, 6, 1))
    assert decision.send is None
    assert decision.reason == reason


def test_ladder_settings_parse() -> None:
    """A ladder from settings is sorted by day; duplicate names are refused."""
    assert [r.days for r in parse_ladder("30-days:30,soon:-3")] == [-3, 30]
    with pytest.raises(ValueError):
        parse_ladder("a:1,a:2")


# --- payments ---


def test_allocation_oldest_first_with_credit_left() -> None:
    """A payment settles invoices in order; what is left stays unapplied on account."""
    allocations, left = allocate(D("250"), [(1, D("100")), (2, D("100")), (3, D("100"))])
    assert [(a.invoice_id, a.amount) for a in allocations] == [(1, D(100)), (2, D(100)), (3, D(50))]
    assert left == 0
    allocations, left = allocate(D("250"), [(1, D("100"))])
    assert left == D(150)


def test_payment_link_template() -> None:
    """A payment link carries the invoice number and amount, URL-quoted; unknown placeholders are refused."""
    link = payment_link("https://pay.example/{account}?inv={number}&amt={amount}", number="INV 1/2",
                        amount=usd("1037.05"), account="firm")  # fmt: skip
    assert link == "https://pay.example/firm?inv=INV%201%2F2&amt=1037.05"
    with pytest.raises(ValueError, match="unknown fields"):
        payment_link("https://pay.example/{client}", number="1", amount=usd("1"))
