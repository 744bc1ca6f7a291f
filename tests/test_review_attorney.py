"""The end-of-day review as an attorney does it, in a real headless Chromium, every step by keyboard and
the database read back after it: merges within one matter, edits that never move time, undo per day,
narratives that follow the matter, the rounding and the money on the page, evidence, bulk approval with
a preview, typed settings, the week, and keyboard and focus for a screen reader.

Screenshots at 1366x768 and 900x650 go to test-artifacts/.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch.app import Services
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Evidence,
    Money,
    Problem,
    ProblemCode,
    RoundingPolicy,
    Span,
    TimeEntry,
)
from ledgerwatch.domain.billing import Rate, RateScope
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.runtime import rate_lookup
from ledgerwatch.workday import Workday
from tests.review_support import MONDAY

pytestmark = pytest.mark.browser

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
LAPTOP = {"width": 1366, "height": 768}
POPUP = {"width": 900, "height": 650}


@pytest.fixture
def page(chromium_browser: Any, review_server: RunningServer) -> Iterator[Any]:
    """The sample Monday at 1366x768, loaded and ready; no script error allowed."""
    context = chromium_browser.new_context(viewport=LAPTOP)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda exc: errors.append(str(exc)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" and "422" not in m.text else None)
    pg.goto(review_server.day_url(MONDAY))
    pg.wait_for_selector("body[data-ready]")
    pg.review_base = review_server.base  # type: ignore[attr-defined]
    pg.review_url = review_server.url  # type: ignore[attr-defined]
    yield pg
    context.close()
    assert errors == []


def shot(pg: Any, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    size = pg.viewport_size
    pg.screenshot(path=str(ARTIFACTS / f"attorney-{name}-{size['width']}x{size['height']}.png"))


def selected(pg: Any) -> str:
    return str(pg.locator("article.entry.selected").get_attribute("data-id"))


def reload_after(pg: Any, key: str) -> None:
    with pg.expect_navigation():
        pg.keyboard.press(key)
    pg.wait_for_selector("body[data-ready]")


def go_to(pg: Any, entry_id: str) -> None:
    """Move the selection with j/k to entry_id, as the attorney would."""
    ids = [a.get_attribute("data-id") for a in pg.locator("article.entry").all()]
    here, there = ids.index(selected(pg)), ids.index(entry_id)
    for _ in range(abs(there - here)):
        pg.keyboard.press("j" if there > here else "k")
    assert selected(pg) == entry_id


def live(svc: Services, matter: str | None = None) -> list[TimeEntry]:
    return [
        e
        for e in svc.entries.for_day(MONDAY)
        if e.status is EntryStatus.DRAFT and (matter is None or e.matter == matter)
    ]


def extra_draft(svc: Services, entry_id: str, minute: int, seconds: int, **fields: Any) -> None:
    start = datetime(2026, 2, 2, 19, minute, tzinfo=UTC)
    svc.entries.add(
        TimeEntry(
            id=entry_id,
            date=MONDAY,
            spans=(Span(start, start + timedelta(seconds=seconds)),),
            worked_seconds=seconds,
            billed_hours=RoundingPolicy().bill(seconds),
            confidence=Decimal("0.9"),
            **fields,
        ),
        "test",
    )


def test_cross_matter_merge_is_refused_and_nothing_changes(page: Any, review_services: Services) -> None:
    """x on a Northwind and a Patel draft, then m: a message, and the database is as it was."""
    northwind, patel = live(review_services, "1002-Northwind")[0], live(review_services, "1004-Patel")[0]
    before = review_services.entries.for_day(MONDAY)
    go_to(page, northwind.id)
    page.keyboard.press("x")
    go_to(page, patel.id)
    page.keyboard.press("x")
    page.keyboard.press("m")
    page.wait_for_selector("#toast.error.show")
    assert "one matter" in page.locator("#toast").inner_text()
    assert review_services.entries.for_day(MONDAY) == before
    page.reload()
    page.wait_for_selector("body[data-ready]")
    go_to(page, patel.id)
    reload_after(page, "m")  # nothing marked: m merges with the next draft of the same matter only
    patel_time = sum(e.worked_seconds for e in before if e.matter == "1004-Patel")
    assert [e.worked_seconds for e in live(review_services, "1004-Patel")] == [patel_time]
    assert live(review_services, "1002-Northwind") == [e for e in before if e.matter == "1002-Northwind"]


def test_narrative_only_edit_leaves_worked_seconds_identical(page: Any, review_services: Services) -> None:
    """e, a new narrative, Ctrl+Enter: worked seconds and billed hours are exactly what they were."""
    target = live(review_services, "1004-Patel")[0]  # 3963 s: shown 1:06, billed 1.2 h
    go_to(page, target.id)
    page.keyboard.press("e")
    assert page.locator("#edit-worked").input_value() == ""
    assert "1:06:03" in page.locator("#edit-worked").get_attribute("placeholder")
    page.locator("#edit-description").fill("Draft and revise revocable trust; fund schedule A")
    reload_after(page, "Control+Enter")
    after = review_services.entries.get(target.id)
    assert (after.worked_seconds, after.billed_hours) == (target.worked_seconds, target.billed_hours)
    assert after.description == "Draft and revise revocable trust; fund schedule A"
    page.keyboard.press("e")
    page.locator("#edit-worked").fill("1h12m")
    reload_after(page, "Control+Enter")
    assert review_services.entries.get(target.id).worked_seconds == 4320


def test_undo_restores_the_selection_and_acts_on_the_shown_day(page: Any, review_services: Services) -> None:
    """d then u: the discarded draft comes back and is selected; Thursday offers no undo of Monday."""
    target = live(review_services)[2]
    go_to(page, target.id)
    reload_after(page, "d")
    assert review_services.entries.get(target.id).status is EntryStatus.DISCARDED
    assert selected(page) != target.id
    undo_text = page.locator("#undo").inner_text()
    assert target.id not in undo_text and "discard" in undo_text
    reload_after(page, "u")
    assert review_services.entries.get(target.id).status is EntryStatus.DRAFT
    assert selected(page) == target.id
    assert page.locator(f"#entry-{target.id}").get_attribute("aria-current") == "true"
    go_to(page, target.id)
    reload_after(page, "d")
    page.goto(page.review_url("/day/2026-02-05"))  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#undo").is_disabled()
    page.keyboard.press("u")
    page.wait_for_timeout(100)
    assert review_services.entries.get(target.id).status is EntryStatus.DISCARDED


def test_reassigning_rewrites_a_narrative_nobody_wrote(page: Any, review_services: Services) -> None:
    """An unassigned 'No matter found: inbox' draft moved to 1002 gets a narrative for 1002."""
    extra_draft(
        review_services,
        "inbox",
        0,
        368,
        kind=EntryKind.UNASSIGNED,
        description="No matter found: inbox",
        evidence=(Evidence("window", "inbox", 368, None),),
        problems=(Problem(ProblemCode.NO_MATTER, "No matter could be found for this time."),),
    )
    page.reload()
    page.wait_for_selector("body[data-ready]")
    go_to(page, "inbox")
    page.keyboard.press("a")
    page.wait_for_selector("#toast.error.show")
    assert "assign a matter" in page.locator("#toast").inner_text()
    page.keyboard.press("r")
    page.keyboard.type("1002")
    reload_after(page, "Enter")
    after = review_services.entries.get("inbox")
    assert after.matter == "1002-Northwind" and "No matter found" not in after.description
    assert "No matter found" not in page.locator("#entry-inbox .narrative").inner_text()


def test_ambiguous_draft_offers_its_matters_on_number_keys(page: Any, review_services: Services) -> None:
    """A draft asking '1002 or 1003?' shows both; 2 assigns the second."""
    extra_draft(
        review_services,
        "ask",
        0,
        900,
        kind=EntryKind.UNASSIGNED,
        candidates=("1002-Northwind", "1003-Northwind"),
        description="Northwind Traders Inc.: 1002-Northwind or 1003-Northwind?",
        problems=(Problem(ProblemCode.AMBIGUOUS_MATTER, "The evidence is close: choose the matter."),),
    )
    page.reload()
    page.wait_for_selector("body[data-ready]")
    go_to(page, "ask")
    assert page.locator("#entry-ask .candidate").count() == 2
    shot(page, "ambiguous")
    reload_after(page, "2")
    assert review_services.entries.get("ask").matter == "1003-Northwind"


def test_calendar_time_is_confirmed_in_a_dialog_that_shows_it(page: Any, review_services: Services) -> None:
    """a on a draft with calendar time opens a dialog naming the flag; Enter confirms and approves."""
    flag = "15 min comes from the calendar while you were away from the desk: confirm you attended."
    extra_draft(
        review_services,
        "cal",
        0,
        900,
        matter="1001-Smith",
        description="Hearing on motion to compel",
        problems=(Problem(ProblemCode.FROM_CALENDAR, flag),),
    )
    page.reload()
    page.wait_for_selector("body[data-ready]")
    go_to(page, "cal")
    page.keyboard.press("a")
    page.wait_for_selector("#dlg-confirm[open]")
    assert "confirm you attended" in page.locator("#confirm-flags").inner_text()
    assert review_services.entries.get("cal").status is EntryStatus.DRAFT
    shot(page, "confirm-calendar")
    reload_after(page, "Enter")
    approved = review_services.entries.get("cal")
    assert approved.status is EntryStatus.APPROVED and approved.reasons[0].startswith("confirmed")


def test_bulk_approval_previews_count_hours_and_amount(page: Any, review_services: Services) -> None:
    """A shows what will be approved (count, hours, amount) and flagged drafts apart; Enter approves them."""
    extra_draft(
        review_services,
        "read",
        0,
        720,
        matter="1001-Smith",
        description="Review deposition transcript of plant manager",
        problems=(
            Problem(ProblemCode.PASSIVE_READING, "12 min of reading without input: confirm it was work."),
        ),
    )
    review_services.billing().add_rate(Rate(RateScope.FIRM, "", Money(Decimal("300")), date(2020, 1, 1)))
    page.reload()
    page.wait_for_selector("body[data-ready]")
    view = Workday(review_services, rates=rate_lookup(review_services)).day(MONDAY)
    page.keyboard.press("A")
    page.wait_for_selector("#dlg-bulk[open]")
    summary = page.locator("#bulk-summary").inner_text()
    hours = sum((e.billed_hours for e in view.entries if e.id in view.ready and e.billable), Decimal(0))
    amount = sum((view.amounts[i] or 0 for i in view.ready if i in view.amounts), Decimal(0))
    assert (
        f"{len(view.ready)} drafts" in summary and f"{hours:.1f} h" in summary and f"{amount:,.2f}" in summary
    )
    assert "reading without input" in page.locator("#bulk-flagged").inner_text()
    assert page.locator("#bulk-ready li").count() == len(view.ready)
    shot(page, "bulk-preview")
    reload_after(page, "Enter")
    approved = {e.id for e in review_services.entries.for_day(MONDAY) if e.status is EntryStatus.APPROVED}
    assert approved == set(view.ready) and "read" not in approved


def test_amounts_on_the_page_equal_the_rate_hierarchy(page: Any, review_services: Services) -> None:
    """Each draft's amount is its billed hours at its matter's rate; the day's total adds them; a matter
    without a rate says so."""
    billing = review_services.billing()
    since = date(2020, 1, 1)
    billing.add_rate(Rate(RateScope.CLIENT, "Northwind Traders Inc.", Money(Decimal("400")), since))
    billing.add_rate(Rate(RateScope.MATTER, "1002-Northwind", Money(Decimal("450")), since))
    billing.add_rate(Rate(RateScope.MATTER, "1005-Blue", Money(Decimal("275")), since))
    page.reload()
    page.wait_for_selector("body[data-ready]")
    rates = {"1002-Northwind": Decimal(450), "1003-Northwind": Decimal(400), "1005-Blue": Decimal(275)}
    total = Decimal(0)
    for e in review_services.entries.for_day(MONDAY):
        if not e.billable:
            continue
        text = page.locator(f"#entry-{e.id} .amount").inner_text()
        if e.matter in rates:
            amount = (rates[e.matter] * e.billed_hours).quantize(Decimal("0.01"))
            assert text == f"{amount:,.2f}"
            total += amount
        else:
            assert text == "no rate"
    assert page.locator("#total-amount").inner_text() == f"{total:,.2f}"
    assert "1001-Smith" in page.locator("#missing-rates").inner_text()
    shot(page, "money")


def test_rounding_shows_worked_billed_and_the_difference(page: Any, review_services: Services) -> None:
    """Each row shows worked → billed with the difference; the day shows billable worked, billed and the sum."""
    entries = [e for e in review_services.entries.for_day(MONDAY) if e.billable]
    worked = sum(e.worked_seconds for e in entries)
    billed = sum((e.billed_hours for e in entries), Decimal(0))
    minutes = round(worked / 60)
    assert page.locator("#total-worked").inner_text() == f"{minutes // 60}:{minutes % 60:02d}"
    assert page.locator("#total-billed").inner_text() == f"{billed:.1f} h"
    diff = round((int(billed * 3600) - worked) / 60)
    assert page.locator("#total-difference").inner_text() == f"+{diff // 60}:{diff % 60:02d}"
    first = entries[0]
    assert page.locator(f"#entry-{first.id} .diff").inner_text().startswith("+")
    assert "per entry" in page.locator("#rounding-rule").inner_text()


def test_evidence_lists_time_application_and_title_in_plain_words(
    page: Any, review_services: Services
) -> None:
    """v opens the evidence: what was on screen (time, application, title) and why, without jargon."""
    target = live(review_services, "1005-Blue")[0]
    go_to(page, target.id)
    page.keyboard.press("v")
    page.wait_for_selector("#dlg-evidence[open] .evidence-panel")
    rows = page.locator("#evidence-body table.evidence").first.locator("tbody tr")
    assert rows.count() >= 1
    first = rows.first.inner_text()
    assert ":" in first and "WINWORD" in page.locator("#evidence-body").inner_text().upper()
    shot(page, "evidence")
    page.keyboard.press("Escape")
    page.wait_for_timeout(50)
    assert page.evaluate("document.activeElement.dataset.id") == target.id, "focus returns to the entry"


def test_unbilled_time_is_selected_and_kept_as_an_entry(page: Any, review_services: Services) -> None:
    """On "find unbilled time", x selects an away stretch and it becomes an entry for the chosen matter."""
    page.goto(page.review_url(f"/day/{MONDAY.isoformat()}/activity"))  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready]")
    away = page.locator("tr.stretch.state-away").first
    free = str(away.get_attribute("data-free"))
    away.click()
    assert "1 selected" in page.locator("#claim-picked").inner_text()
    page.locator("#claim-matter").fill("1001-Smith")
    page.locator("#claim-note").fill("Call with client from the car re deposition dates")
    shot(page, "unbilled")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("body[data-ready]")
    kept = [e for e in review_services.entries.for_day(MONDAY) if e.reasons == ("time kept by the attorney",)]
    assert len(kept) == 1 and kept[0].matter == "1001-Smith"
    start, end = free.split(",")[0].split("/")
    assert kept[0].spans[0].start == datetime.fromisoformat(start)
    assert kept[0].spans[0].end == datetime.fromisoformat(end)


def test_settings_are_typed_and_a_bad_value_saves_nothing(page: Any, review_services: Services) -> None:
    """Checkboxes for booleans, numbers with the model's bounds and units; an idle threshold of 5 s is
    refused with a message and the user file is untouched; secrets show only 'set' or 'not set'."""
    page.goto(page.review_url("/settings"))  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready]")
    assert page.locator("#set-start_at_login").get_attribute("type") == "checkbox"
    idle = page.locator("#set-capture-idle_threshold_seconds")
    assert (idle.get_attribute("type"), idle.get_attribute("min")) == ("number", "10")
    assert page.locator("#set-sessionize-min_confidence").get_attribute("max") == "1"
    assert page.locator("#set-sessionize-rounding_scope option").count() == 2
    assert "not set" in page.locator("#group-sync").inner_text()
    shot(page, "settings")
    user_file = review_services.effective.paths.user_file
    before = user_file.read_text() if user_file.exists() else ""
    page.evaluate("document.getElementById('set-capture-idle_threshold_seconds').removeAttribute('min')")
    idle.fill("5")
    page.locator("#form-capture button[type=submit]").click()
    page.wait_for_selector("#toast.error.show")
    assert "nothing was saved" in page.locator("#toast").inner_text()
    assert (user_file.read_text() if user_file.exists() else "") == before
    page.locator("#set-capture-idle_threshold_seconds").fill("600")
    with page.expect_navigation():
        page.locator("#form-capture button[type=submit]").click()
    page.wait_for_selector("body[data-ready]")
    assert "idle_threshold_seconds = 600" in user_file.read_text()


def test_week_counts_what_is_left_to_review_and_agrees_with_the_day(
    page: Any, review_services: Services
) -> None:
    """The week shows Monday's drafts to review and the same worked h:mm as the day page; bars are labelled."""
    day_worked = page.locator("#rounding-rule").inner_text().split("Total worked ")[1].split(" ")[0]
    page.goto(page.review_url(f"/week/{MONDAY.isoformat()}"))  # type: ignore[attr-defined]
    page.wait_for_selector("body[data-ready]")
    monday = page.locator("#week-captured td").first.inner_text()
    assert monday == day_worked
    assert page.locator("#week-pending td").first.inner_text() == f"{len(live(review_services))} to review"
    assert page.locator(".week-chart .bar-label").count() >= 1
    shot(page, "week")


def test_personal_draft_says_why_it_cannot_be_approved(page: Any, review_services: Services) -> None:
    """The menu of a personal draft disables Approve and says why; the reclaim form reads 24-hour times."""
    personal = next(e for e in live(review_services) if e.kind is EntryKind.PERSONAL)
    go_to(page, personal.id)
    page.keyboard.press("Enter")
    page.wait_for_selector("#dlg-menu[open]")
    assert page.locator('#dlg-menu [data-op="approve"]').is_disabled()
    assert "personal time never leaves" in page.locator("#menu-refused").inner_text()
    page.keyboard.press("Escape")
    page.locator("#reclaim summary").click()
    start = page.locator(".reclaim-form input[name=start]").first
    assert start.get_attribute("type") in (None, "text") and start.input_value() == "12:01"


def test_keyboard_moves_focus_and_aria_current(page: Any) -> None:
    """j moves focus and aria-current to the next entry; Esc from a dialog returns focus to it; a timeline
    bar is reachable by Tab and Enter selects its entry."""
    first = selected(page)
    page.keyboard.press("j")
    second = selected(page)
    assert second != first
    assert page.evaluate("document.activeElement.dataset.id") == second
    assert page.locator(f"#entry-{second}").get_attribute("aria-current") == "true"
    assert page.locator(f"#entry-{first}").get_attribute("aria-current") is None
    page.keyboard.press("r")
    page.keyboard.press("Escape")
    page.wait_for_timeout(50)
    assert page.evaluate("document.activeElement.dataset.id") == second
    bar = page.locator("rect.bar[data-entry]").nth(5)
    bar.focus()
    page.keyboard.press("Enter")
    assert selected(page) == bar.get_attribute("data-entry")


def test_the_day_fits_the_popup(chromium_browser: Any, lw_home: Path, sample_week: Path) -> None:
    """The sessionized Monday at 900x650: every draft, the totals and the key line are on screen."""
    from tests.review_support import open_sample_week

    svc = open_sample_week(sample_week)
    workday = Workday(svc, rates=rate_lookup(svc))
    workday.rebuild(MONDAY)
    running = start_server(workday, billing=svc.billing)
    try:
        for size in (POPUP, LAPTOP):
            context = chromium_browser.new_context(viewport=size)
            pg = context.new_page()
            pg.goto(running.day_url(MONDAY))
            pg.wait_for_selector("body[data-ready]")
            rows = pg.locator("article.entry")
            assert rows.count() == len(svc.entries.for_day(MONDAY))
            last = rows.last.bounding_box()
            assert last is not None and last["y"] + last["height"] <= size["height"], (
                "all drafts above the fold"
            )
            assert pg.locator("#keyline").bounding_box()["y"] < size["height"]  # type: ignore[index]
            shot(pg, "day")
            for path, name in (
                (f"/week/{MONDAY}", "week"),
                ("/settings", "settings"),
                ("/ar", "ar"),
                (f"/day/{MONDAY}/activity", "activity"),
            ):
                pg.goto(running.url(path))
                pg.wait_for_selector("body[data-ready]")
                shot(pg, name)
            context.close()
    finally:
        running.stop()
        svc.close()
