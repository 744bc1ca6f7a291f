"""The review server's guard: launch code, session, Host, Origin and CSRF checks, against the real server."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from ledgerwatch import config
from ledgerwatch.app import Services, open_services
from ledgerwatch.domain import EntryStatus
from ledgerwatch.review import AgentControls, open_review, start_server
from ledgerwatch.review.server import RunningServer
from ledgerwatch.runtime import CaptureSwitch
from ledgerwatch.workday import Workday
from tests.review_support import MONDAY


@pytest.fixture
def client(review_server: RunningServer) -> Iterator[httpx.Client]:
    with review_server.client(follow_redirects=False, timeout=10) as c:
        c.get(review_server.url("/day/2026-02-02"))
        yield c


def test_no_session_is_403(review_server: RunningServer) -> None:
    """Without a session opened by a launch code, every page, asset and action is refused."""
    with review_server.client(timeout=10) as c:
        for method, path in [("GET", "/day/2026-02-02"), ("GET", "/static/app.js"), ("POST", "/action")]:
            assert c.request(method, path).status_code == 403


def test_wrong_launch_code_is_403(review_server: RunningServer) -> None:
    """A guessed launch code is refused and sets no cookie."""
    with review_server.client(timeout=10) as c:
        r = c.get("/launch?code=1999999999.abc.not-the-mac&next=/")
    assert r.status_code == 403 and "set-cookie" not in r.headers


def test_launch_code_becomes_cookie_and_leaves_the_url(review_server: RunningServer) -> None:
    """The launch code is traded for an HttpOnly, SameSite=Strict cookie and a page that moves on without it."""
    with review_server.client(timeout=10) as c:
        r = c.get(review_server.url("/day/2026-02-02"), follow_redirects=False)
    assert r.status_code == 200 and 'content="0;url=/day/2026-02-02"' in r.text
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "domain=" not in cookie


def test_page_has_strict_csp_and_no_network_assets(client: httpx.Client) -> None:
    """The day page loads only same-origin assets under a CSP without inline scripts."""
    r = client.get("/day/2026-02-02")
    assert r.status_code == 200
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "unsafe-inline" not in r.headers["content-security-policy"]
    assert 'src="http' not in r.text and 'href="http' not in r.text


def test_foreign_host_is_refused(review_server: RunningServer, client: httpx.Client) -> None:
    """A request whose Host is not this launch's own name is refused even with the cookie (DNS rebinding)."""
    for host in ("evil.example", "127.0.0.1", "localhost", "lw-0000.localhost"):
        r = client.get("/day/2026-02-02", headers={"Host": f"{host}:{review_server.port}"})
        assert r.status_code == 403, host


def test_cross_origin_post_is_refused(
    review_server: RunningServer, client: httpx.Client, review_services: Services
) -> None:
    """A POST from another origin is refused before it can change anything, even with cookie and CSRF token."""
    entry = review_services.entries.for_day(MONDAY)[0]
    fields = {"op": "approve", "id": entry.id, "csrf": review_server.csrf}
    r = client.post("/action", data=fields, headers={"Origin": "http://evil.example"})
    assert r.status_code == 403
    r = client.post("/action", data=fields, headers={"Sec-Fetch-Site": "cross-site"})
    assert r.status_code == 403
    assert review_services.entries.get(entry.id).status is EntryStatus.DRAFT


def test_post_without_csrf_is_refused(client: httpx.Client, review_services: Services) -> None:
    """A same-origin POST without the CSRF token changes nothing."""
    entry = review_services.entries.for_day(MONDAY)[0]
    r = client.post("/action", data={"op": "discard", "id": entry.id})
    assert r.status_code == 403
    assert review_services.entries.get(entry.id).status is EntryStatus.DRAFT


def test_same_origin_post_with_csrf_works(
    review_server: RunningServer, client: httpx.Client, review_services: Services
) -> None:
    """With cookie, our Origin and the CSRF token, an action runs and answers JSON."""
    entry = next(e for e in review_services.entries.for_day(MONDAY) if e.billable)
    r = client.post(
        "/action",
        data={"op": "approve", "id": entry.id},
        headers={
            "Origin": review_server.base,
            "X-CSRF-Token": review_server.csrf,
            "Accept": "application/json",
        },
    )
    assert r.status_code == 200 and r.json()["ok"]
    assert review_services.entries.get(entry.id).status is EntryStatus.APPROVED


def test_failed_action_is_422_with_message(review_server: RunningServer, client: httpx.Client) -> None:
    """A refused action answers 422 with the reason."""
    r = client.post(
        "/action",
        data={"op": "reassign", "id": "nope", "matter": "1001-Smith"},
        headers={"X-CSRF-Token": review_server.csrf, "Accept": "application/json"},
    )
    assert r.status_code == 422 and "no longer exists" in r.json()["message"]


def test_week_and_settings_pages_render(client: httpx.Client) -> None:
    """The week view has its chart and matter table; the settings page lists the effective settings."""
    week = client.get("/week/2026-02-04")
    assert week.status_code == 200 and "week-chart" in week.text and "1004-Patel" in week.text
    settings = client.get("/settings")
    assert settings.status_code == 200 and "review.reminder_time" in settings.text


def test_settings_form_writes_user_file(
    review_server: RunningServer, client: httpx.Client, lw_home: Path
) -> None:
    """Saving a setting on the page writes it to the user's settings file."""
    r = client.post(
        "/settings",
        data={"key": "review.reminder_time", "value": "18:15", "csrf": review_server.csrf},
    )
    assert r.status_code == 303
    assert 'reminder_time = "18:15"' in (lw_home / "config" / "config.toml").read_text()
    bad = client.post(
        "/settings", data={"key": "database_url", "value": "x", "csrf": review_server.csrf}
    )
    assert "cannot be changed here" in bad.headers["location"].replace("+", " ")


def test_open_review_prefers_window_then_browser(tmp_path: Path) -> None:
    """Review opens in a native window when one can be made, else in the browser through a private file."""
    seen: list[tuple[str, str]] = []
    link = "http://lw-x.localhost:1/launch?code=c&next=/"
    how = open_review(
        link,
        tmp_path / "launch",
        window=lambda u: seen.append(("window", u)),
        browser=lambda u: seen.append(("browser", u)),
    )
    assert how == "window" and seen == [("window", link)]
    how = open_review(
        link, tmp_path / "launch", prefer_window=False, browser=lambda u: seen.append(("browser", u))
    )
    kind, uri = seen[-1]
    assert how == "browser" and kind == "browser" and uri.startswith("file://") and "code" not in uri
    forwarder = Path(uri.removeprefix("file://"))
    assert forwarder.stat().st_mode & 0o077 == 0 and "launch?code=c&amp;next=/" in forwarder.read_text()


def test_hostile_window_titles_are_shown_as_text(lw_home: Path, tmp_path: Path) -> None:
    """A window title carrying markup reaches the page escaped, never as live HTML."""
    import json

    svc = open_services(config.load(), clock=lambda: datetime(2026, 2, 2, 18, tzinfo=UTC))
    matters = tmp_path / "matters.csv"
    matters.write_text(
        "matter_number,client,description,keywords,status\n7-Acme,Acme Corp,Acme dispute,Acme,Open\n"
    )
    svc.import_matters(matters)
    hostile = "Acme <script>alert(1)</script><img src=x onerror=alert(2)> brief.docx - Word"
    export = tmp_path / "aw.json"
    export.write_text(
        json.dumps(
            {
                "buckets": {
                    "w": {
                        "id": "w",
                        "type": "currentwindow",
                        "events": [
                            {
                                "timestamp": "2026-02-02T09:00:00Z",
                                "duration": 1800,
                                "data": {"app": "WINWORD.EXE", "title": hostile},
                            }
                        ],
                    }
                }
            }
        )
    )
    svc.import_activitywatch(export)
    svc.build_drafts(MONDAY, MONDAY)
    running = start_server(Workday(svc))
    try:
        with running.client(timeout=10) as c:
            c.get(running.url("/day/2026-02-02"))
            page = c.get("/day/2026-02-02").text
    finally:
        running.stop()
        svc.close()
    assert "<script>alert(1)" not in page and "<img src=x" not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page


def test_page_pauses_resumes_and_privates_the_running_agent(review_services: Services) -> None:
    """Served by `ledgerwatch run`, the header switches capture like the tray menu (for trays without one)."""
    capture = CaptureSwitch(review_services.clock)
    synced: list[bool] = []
    running = start_server(
        Workday(review_services), agent=AgentControls(capture, lambda: synced.append(True))
    )
    headers = {"X-CSRF-Token": running.csrf, "Accept": "application/json"}
    try:
        with running.client(timeout=10) as c:
            c.get(running.url("/day/2026-02-02"))

            def act(**fields: str) -> httpx.Response:
                return c.post("/action", data=fields, headers=headers)

            page = c.get("/day/2026-02-02").text
            assert 'data-status="recording"' in page and "Pause 15 min" in page and "Sync now" in page
            assert act(op="pause", minutes="15").json()["ok"]
            assert capture.status() == "paused"
            assert capture.paused_until == review_services.clock() + timedelta(minutes=15)
            assert 'data-status="paused"' in c.get("/day/2026-02-02").text
            assert act(op="pause", minutes="5000").status_code == 422
            assert act(op="resume").json()["ok"] and capture.status() == "recording"
            assert act(op="private", on="1").json()["ok"] and capture.status() == "private"
            assert act(op="resume").json()["ok"] and capture.status() == "recording"
            assert act(op="pause", minutes="").json()["ok"]
            assert capture.paused and capture.paused_until is None
            assert act(op="sync").json()["ok"] and synced == [True]
            refused = c.post("/action", data={"op": "resume"})  # no CSRF token
            assert refused.status_code == 403 and capture.status() == "paused"
    finally:
        running.stop()


def test_page_without_an_agent_has_no_capture_switches(
    review_server: RunningServer, client: httpx.Client
) -> None:
    """`ledgerwatch review` alone does not capture: no switches, and asking for one says how to start it."""
    assert 'id="agent"' not in client.get("/day/2026-02-02").text
    r = client.post(
        "/action",
        data={"op": "pause", "minutes": "15"},
        headers={"X-CSRF-Token": review_server.csrf, "Accept": "application/json"},
    )
    assert r.status_code == 422 and "ledgerwatch run" in r.json()["message"]


def test_an_ai_narrative_can_be_switched_back_to_the_rules_one(
    review_server: RunningServer, client: httpx.Client, review_services: Services
) -> None:
    """A draft the AI assist rewrote shows the rules' narrative beside it; one action puts it back."""
    entry = next(e for e in review_services.entries.for_day(MONDAY) if e.billable)
    review_services.entries.change(
        entry.id,
        lambda e: dataclasses.replace(e, description="AI wording", rule_description=entry.description),
        "assist",
        "test",
    )
    page = client.get("/day/2026-02-02").text
    assert "Use the rules' narrative" in page and "AI wording" in page
    r = client.post(
        "/action",
        data={"op": "rule_narrative", "id": entry.id},
        headers={"Origin": review_server.base, "X-CSRF-Token": review_server.csrf, "Accept": "application/json"},
    )
    assert r.status_code == 200 and r.json()["ok"]
    restored = review_services.entries.get(entry.id)
    assert restored.description == entry.description and restored.rule_description == ""


def test_page_header_says_which_permission_capture_lacks(review_services: Services) -> None:
    """When capture cannot read titles (macOS Accessibility not granted), the header says so and how to grant it."""
    notice = "Accessibility permission missing: window titles are not recorded. Grant it in System Settings"
    running = start_server(
        Workday(review_services),
        agent=AgentControls(CaptureSwitch(review_services.clock), None, lambda: notice),
    )
    try:
        with running.client(timeout=10, follow_redirects=True) as c:
            c.get(running.url("/day/2026-02-02"))  # signed in
            page = c.get("/day/2026-02-02").text
        assert 'class="badge capture-notice"' in page and notice in page
    finally:
        running.stop()
