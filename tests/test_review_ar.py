"""The A/R aging page of the review app: the numbers, the chart and the same guard as every other page."""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

with warnings.catch_warnings():  # this Starlette prefers the httpx2 package; plain httpx still works
    warnings.simplefilter("ignore", UserWarning)
    from starlette.testclient import TestClient

from ledgerwatch import config
from ledgerwatch.app import Services, open_services
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.domain import Money
from ledgerwatch.review import create_app
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.workday import Workday
from tests.billing_support import Clock, add_approved, work_entry

AS_OF = date(2026, 4, 15)
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"


def _bill(svc: Services, clock: Clock, on: date, entry_id: str, matter: str, hours: str) -> str:
    clock.set_day(on)
    work = work_entry(
        entry_id, on - timedelta(days=1), hours, matter, "Draft and revise settlement agreement", start_hour=8
    )
    add_approved(svc.entries, work)
    billing = svc.billing()
    draft = billing.draft(matter, on)
    assert draft.invoice_id is not None
    number = billing.finalize(draft.invoice_id).number
    assert number is not None
    return number


@pytest.fixture
def services(lw_home: Path, sample_week: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    """Three invoices (300 due 4 Feb, 600 due 1 Apr, 450 due 10 May) and 100 paid on the first."""
    monkeypatch.setenv("LEDGERWATCH_BILLING__FIRM_RATE", "300")
    clock = Clock(datetime(2026, 1, 5, 9, tzinfo=UTC))
    svc = open_services(config.load(), clock=clock)
    svc.import_matters(sample_week / "matters.csv")
    smith = _bill(svc, clock, date(2026, 1, 5), "a1", "1001-Smith", "1.0")
    _bill(svc, clock, date(2026, 3, 2), "a2", "1004-Patel", "2.0")
    _bill(svc, clock, date(2026, 4, 10), "a3", "1002-Northwind", "1.5")
    clock.set_day(date(2026, 4, 11))
    svc.billing().record_payment(
        PaymentRecord("Smith, Jordan", Money(Decimal(100)), date(2026, 4, 11), invoice_number=smith)
    )
    clock.set_day(AS_OF)
    yield svc
    svc.close()


@pytest.fixture
def client(services: Services) -> Iterator[TestClient]:
    app = create_app(
        Workday(services),
        "secret-token-for-ar-tests",
        allowed_hosts=("testserver",),
        billing=services.billing,
    )
    with TestClient(app) as c:
        assert c.get("/ar?token=secret-token-for-ar-tests").status_code == 200
        yield c


def cells(html: str, table: str, key: str) -> list[str]:
    """The cells of one row (by its first cell) of one aging table."""
    section = html[html.index(f'id="aging-{table}"') :]
    section = section[: section.index("</table>")]
    row = re.search(rf"<tr><td>{re.escape(key)}</td>(.*?)</tr>", section)
    assert row is not None, f"no row {key!r} in {table}"
    return re.findall(r'<td class="num">(?:<b>)?([^<]*)', row.group(1))


def test_ar_page_shows_buckets_dso_and_chart(client: TestClient) -> None:
    """Balances land in their buckets per client, matter and attorney; totals and DSO match the invoices."""
    r = client.get(f"/ar?as_of={AS_OF.isoformat()}")
    assert r.status_code == 200
    html = r.text
    assert cells(html, "client", "Smith, Jordan") == ["0.00", "0.00", "0.00", "200.00", "0.00", "200.00"]
    assert cells(html, "client", "Patel Family") == ["0.00", "600.00", "0.00", "0.00", "0.00", "600.00"]
    assert cells(html, "matter", "1002-Northwind") == ["450.00", "0.00", "0.00", "0.00", "0.00", "450.00"]
    assert cells(html, "attorney", "ATTY") == ["450.00", "600.00", "0.00", "200.00", "0.00", "1,250.00"]
    assert re.search(r'id="ar-outstanding"><span class="num">1,250.00<', html)
    assert re.search(r'id="ar-past-due"><span class="num">800.00<', html)
    # DSO: 1,250 open / 1,050 billed in the last 90 days (the January invoice is older) x 90 = 107.1
    assert re.search(r'id="ar-dso"><span class="num">107.1<', html)
    bars = re.findall(r'<rect x="[\d.]+" y="([\d.]+)" width="[\d.]+" height="([\d.]+)" class="age(\d)"', html)
    heights = {int(i): float(h) for _, h, i in bars}
    assert len(bars) == 5 and heights[2] == 0 and heights[4] == 0
    assert heights[1] > heights[0] > heights[3] > 0  # 600 > 450 > 200
    assert 'src="http' not in html and 'href="http' not in html


def test_ar_page_as_of_an_earlier_day(client: TestClient) -> None:
    """As of 1 March only the January invoice exists, 25 days past due (invoices issued later are left out)."""
    html = client.get("/ar?as_of=2026-03-01").text
    row = cells(html, "client", "Smith, Jordan")
    assert row[0] == row[2] == row[3] == row[4] == "0.00" and row[1] == row[5] != "0.00"
    assert "Patel Family" not in html and "1002-Northwind" not in html


def test_ar_page_has_the_same_guard(services: Services) -> None:
    """Without the session cookie, or from a foreign Host, the A/R page is refused like every other page."""
    app = create_app(
        Workday(services),
        "secret-token-for-ar-tests",
        allowed_hosts=("testserver",),
        billing=services.billing,
    )
    with TestClient(app) as c:
        assert c.get("/ar").status_code == 403
        assert c.get("/ar?token=guess").status_code == 403
        assert c.get("/ar?token=secret-token-for-ar-tests").status_code == 200
        assert c.get("/ar", headers={"Host": "evil.example"}).status_code == 403
        r = c.get("/ar")
        assert "unsafe-inline" not in r.headers["content-security-policy"]


def test_ar_page_needs_billing_handed_in(services: Services) -> None:
    """The A/R page reads only the billing it was given: without one it is not found (the day page still is)."""
    app = create_app(Workday(services), "secret-token-for-ar-tests", allowed_hosts=("testserver",))
    with TestClient(app) as c:
        assert c.get("/day/2026-04-15?token=secret-token-for-ar-tests").status_code == 200
        r = c.get("/ar")
        assert r.status_code == 404 and "billing is not available here" in r.text


@pytest.mark.browser
def test_ar_page_in_chromium(chromium_browser: Any, services: Services) -> None:
    """The A/R page renders in a real browser without script errors; its chart has five bars (ar.png kept)."""
    running: RunningServer = start_server(Workday(services), billing=services.billing)
    errors: list[str] = []
    page: Any = chromium_browser.new_page(viewport={"width": 1200, "height": 1100})
    try:
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto(running.url(f"/ar?as_of={AS_OF.isoformat()}"))
        page.wait_for_selector("body[data-ready]")
        assert page.locator("#aging-chart rect").count() == 5
        assert page.locator("#ar-dso .num").inner_text() == "107.1"
        box = page.locator("#aging-chart").bounding_box()
        assert box is not None and box["width"] > 300
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "ar.png"), full_page=True)
    finally:
        page.close()
        running.stop()
    assert errors == []
