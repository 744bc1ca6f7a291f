"""Finding 7: edge dates are 400s, not 500s, and every answer (errors and static files too) has the headers."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import httpx
import pytest

from ledgerwatch.app import Services
from ledgerwatch.review.guard import SECURITY_HEADERS
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.workday import DayView, Workday

EDGE_PATHS = [
    "/day/0001-01-01",
    "/day/9999-12-31",
    "/week/0001-01-01",
    "/week/9999-12-31",
    "/ar?as_of=0001-01-01",
    "/ar?as_of=9999-12-31",
    "/day/2026-13-01",
    "/day/not-a-date",
    "/day/20260202",
    "/ar?as_of=yesterday",
    "/day/0001-01-01/activity",
    "/day/9999-12-31/activity",
    "/day/0001-01-01/evidence/x",
]


@pytest.fixture
def logged_in(review_server: RunningServer) -> Iterator[httpx.Client]:
    with review_server.client(timeout=10, follow_redirects=False) as c:
        assert c.get(review_server.url("/")).status_code == 200
        yield c


def assert_headers(response: httpx.Response) -> None:
    missing = [k for k, v in SECURITY_HEADERS.items() if response.headers.get(k) != v]
    assert not missing, f"{response.request.url.path} {response.status_code}: missing {missing}"


@pytest.mark.parametrize("path", EDGE_PATHS)
def test_edge_and_bad_dates_are_400_with_headers(logged_in: httpx.Client, path: str) -> None:
    """A day at the calendar's edge or no day at all is a 400 page with every security header."""
    r = logged_in.get(path)
    assert r.status_code == 400 and "not a day between" in r.text
    assert_headers(r)


def test_edge_dates_in_actions_are_422_not_500(review_server: RunningServer, logged_in: httpx.Client) -> None:
    """Actions that take a day (or a stretch of time) refuse one at the calendar's edge with a message."""
    headers = {"X-CSRF-Token": review_server.csrf, "Accept": "application/json"}
    for fields in (
        {"op": "approve_above", "day": "0001-01-01"},
        {"op": "reclaim", "day": "9999-12-31", "start": "09:00", "end": "10:00", "matter": "x"},
        {"op": "split", "id": "x", "day": "0001-01-01", "at": "10:00"},
        {"op": "approve_many", "day": "9999-12-31", "ids": "x"},
        {"op": "undo", "day": "0001-01-01"},
        {"op": "claim", "day": "9999-12-31", "spans": "", "matter": "x"},
    ):
        r = logged_in.post("/action", data=fields, headers=headers)
        assert r.status_code == 422 and "not a day between" in r.json()["message"], fields
        assert_headers(r)
    for span in (
        "0001-01-01T00:00:00+05:00/0001-01-01T01:00:00+05:00",
        "9999-12-31T23:00:00-05:00/9999-12-31T23:30:00-05:00",
    ):
        fields = {"op": "claim", "day": "2026-02-02", "spans": span, "matter": "1001-Smith"}
        r = logged_in.post("/action", data=fields, headers=headers)
        assert r.status_code == 422, (span, r.text)
        assert_headers(r)


def test_every_kind_of_answer_has_the_headers(review_server: RunningServer, logged_in: httpx.Client) -> None:
    """Pages, static files, redirects, 403, 404 and 405 all carry the same security headers."""
    answers = [
        logged_in.get("/day/2026-02-02"),
        logged_in.get("/static/app.js"),
        logged_in.get("/static/app.css"),
        logged_in.get("/"),
        logged_in.get("/no-such-page"),
        logged_in.get("/static/no-such-file.js"),
        logged_in.put("/day/2026-02-02"),
        logged_in.get("/day/2026-02-02", headers={"Host": "evil.example"}),
    ]
    with review_server.client(timeout=10) as outsider:
        answers += [
            outsider.get("/day/2026-02-02"),
            outsider.get("/launch?code=x"),
            outsider.get("/static/app.js"),
        ]
    assert [r.status_code for r in answers] == [200, 200, 200, 303, 404, 404, 405, 403, 403, 403, 403]
    for r in answers:
        assert_headers(r)


class BrokenDay(Workday):
    """A day that fails to build: the server's own error, not the request's."""

    def day(self, day: date) -> DayView:
        raise RuntimeError("the day could not be built")


def test_a_server_error_is_a_500_page_with_headers(review_services: Services) -> None:
    """An unexpected failure answers a small 500 page, with the headers and without a traceback."""
    running = start_server(BrokenDay(review_services))
    try:
        with running.client(timeout=10) as c:
            c.get(running.url("/"))
            r = c.get("/day/2026-02-02")
    finally:
        running.stop()
    assert r.status_code == 500 and "Traceback" not in r.text and "nothing was changed" in r.text
    assert_headers(r)
