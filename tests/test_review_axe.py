"""Accessibility: axe-core (from the npm registry, tests/js) injected by Playwright into every review page
and every dialog finds no serious or critical violation.

setup.sh --dev installs axe-core with `npm ci --prefix tests/js`; without it the test skips and says so.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from ledgerwatch.app import Services
from ledgerwatch.domain import EntryKind, Problem, ProblemCode, RoundingPolicy, Span, TimeEntry
from ledgerwatch.review.server import RunningServer
from tests.review_support import MONDAY, sign_in

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent / "js" / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture
def axe_page(chromium_browser: Any, review_server: RunningServer, review_services: Services) -> Iterator[Any]:
    """A page that can run axe (CSP bypassed for the injected script only), with a flagged and an
    ambiguous draft so every dialog has something to show."""
    if not AXE.exists():
        pytest.skip("axe-core not installed: run `npm ci --prefix tests/js` (scripts/setup.sh --dev does)")
    start = datetime(2026, 2, 2, 19, tzinfo=UTC)
    for entry_id, fields in (
        (
            "cal",
            {
                "matter": "1001-Smith",
                "problems": (
                    Problem(ProblemCode.FROM_CALENDAR, "15 min from the calendar: confirm you attended."),
                ),
            },
        ),
        ("ask", {"kind": EntryKind.UNASSIGNED, "candidates": ("1002-Northwind", "1003-Northwind")}),
    ):
        span = Span(start, start + timedelta(minutes=15))
        start += timedelta(minutes=20)
        review_services.entries.add(
            TimeEntry(
                entry_id,
                MONDAY,
                (span,),
                900,
                RoundingPolicy().bill(900),
                confidence=Decimal("0.9"),
                description="Hearing on motion",
                **fields,
            ),  # type: ignore[arg-type]
            "test",
        )
    context = chromium_browser.new_context(viewport={"width": 1366, "height": 768}, bypass_csp=True)
    pg = context.new_page()
    pg.review_server = review_server  # type: ignore[attr-defined]
    yield pg
    context.close()


def serious(pg: Any, where: str) -> list[str]:
    """The serious and critical violations axe finds on the page as it is now."""
    if not pg.evaluate("typeof window.axe !== 'undefined'"):
        pg.add_script_tag(path=str(AXE))
    result = pg.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".filter(v => v.impact === 'serious' || v.impact === 'critical')"
        ".map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))"
    )
    return [f"{where}: {v}" for v in result]


def open_page(pg: Any, path: str) -> None:
    """The first page through a launch link (the session cookie), the rest with that session."""
    if getattr(pg, "signed_in", False):
        pg.goto(pg.review_server.base + path)
        pg.wait_for_selector("body[data-ready]")
    else:
        sign_in(pg, pg.review_server, path)
        pg.signed_in = True


def test_no_serious_violation_on_any_page_or_dialog(axe_page: Any) -> None:
    """Day, unbilled time, week, A/R and settings, and each dialog of the day: no serious or critical issue."""
    pg = axe_page
    found: list[str] = []
    for path in (f"/day/{MONDAY}/activity", f"/week/{MONDAY}", "/ar", "/settings", f"/day/{MONDAY}"):
        open_page(pg, path)
        found += serious(pg, path)
    ids = [a.get_attribute("data-id") for a in pg.locator("article.entry").all()]
    pg.locator("#entry-cal .narrative").click()
    for key, dialog in (
        ("Enter", "dlg-menu"),
        ("r", "dlg-reassign"),
        ("s", "dlg-split"),
        ("e", "dlg-edit"),
        ("a", "dlg-confirm"),
        ("A", "dlg-bulk"),
        ("v", "dlg-evidence"),
        ("?", "dlg-help"),
    ):
        pg.keyboard.press(key)
        pg.wait_for_selector(f"#{dialog}[open]")
        if dialog == "dlg-evidence":
            pg.wait_for_selector("#evidence-body .evidence-panel")
        found += serious(pg, dialog)
        pg.keyboard.press("Escape")
        pg.wait_for_selector(f"#{dialog}:not([open])", state="attached")
        assert pg.evaluate("document.activeElement.dataset.id") == "cal", (
            f"focus returns after closing {dialog}"
        )
    assert ids, "the day has entries"
    assert found == []
