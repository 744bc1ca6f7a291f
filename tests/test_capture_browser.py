"""The browser extension endpoint, called over real HTTP on 127.0.0.1 the way the extension calls it."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from ledgerwatch.capture.browser import BrowserEndpoint, new_token
from ledgerwatch.capture.tabs import BrowserTabs

ORIGIN = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"


@pytest.fixture
def endpoint() -> Iterator[tuple[httpx.Client, BrowserTabs, str]]:
    tabs = BrowserTabs()
    token = new_token()
    server = BrowserEndpoint(tabs, token, port=0)
    port = server.start()
    with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as client:
        yield client, tabs, token
    server.stop()


def post(
    client: httpx.Client, body: object, token: str | None, origin: str | None = ORIGIN
) -> httpx.Response:
    headers = {}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    if origin is not None:
        headers["Origin"] = origin
    return client.post("/api/v1/tab", json=body, headers=headers)


TAB = {
    "url": "https://law.example/case/7",
    "title": "Case 7",
    "incognito": False,
    "audible": True,
    "tabCount": 4,
}


def test_extension_report_is_kept(endpoint):
    """A report with the pairing token from an extension origin becomes the latest active tab."""
    client, tabs, token = endpoint
    response = post(client, TAB, token)
    assert response.status_code == 204
    latest = tabs.latest()
    assert latest is not None
    assert (latest.url, latest.title, latest.audible, latest.tab_count) == (
        "https://law.example/case/7",
        "Case 7",
        True,
        4,
    )


def test_firefox_extension_origin_is_accepted(endpoint):
    """moz-extension:// origins (Firefox) are accepted like Chrome's."""
    client, _tabs, token = endpoint
    assert (
        post(client, TAB, token, origin="moz-extension://5f0c3c0e-1111-2222-3333-444455556666").status_code
        == 204
    )


def test_missing_token_is_401_and_wrong_token_is_403(endpoint):
    """Without the pairing token the call is refused (401); with a wrong one too (403); nothing is kept."""
    client, tabs, token = endpoint
    assert post(client, TAB, None).status_code == 401
    assert post(client, TAB, token + "x").status_code == 403
    assert tabs.latest() is None


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:8000", "null", None])
def test_web_origins_are_refused(endpoint, origin):
    """A web page (or anything without an extension origin) cannot report tabs, even with the token."""
    client, tabs, token = endpoint
    assert post(client, TAB, token, origin=origin).status_code == 403
    assert tabs.latest() is None


def test_dns_rebinding_host_is_refused(endpoint):
    """A request whose Host is not the loopback address is refused."""
    client, _tabs, token = endpoint
    response = client.post(
        "/api/v1/tab",
        json=TAB,
        headers={"Authorization": f"Bearer {token}", "Origin": ORIGIN, "Host": "attacker.example"},
    )
    assert response.status_code == 403


def test_incognito_report_is_dropped(endpoint):
    """An incognito report keeps neither URL nor title, only that a private tab is active."""
    client, tabs, token = endpoint
    post(client, TAB, token)
    secret = {"url": "https://private.example/x", "title": "Private thing", "incognito": True}
    assert post(client, secret, token).status_code == 204
    latest = tabs.latest()
    assert latest is not None
    assert latest.private and latest.url == "" and latest.title == ""
    assert "private.example" not in repr(latest)


def test_malformed_reports_are_400(endpoint):
    """Bodies that are not JSON objects or carry non-string fields are refused."""
    client, _, token = endpoint
    headers = {"Authorization": f"Bearer {token}", "Origin": ORIGIN}
    assert client.post("/api/v1/tab", content=b"{nope", headers=headers).status_code == 400
    assert client.post("/api/v1/tab", json=[1], headers=headers).status_code == 400
    assert client.post("/api/v1/tab", json={"url": 5, "title": "x"}, headers=headers).status_code == 422


def test_ping_checks_pairing(endpoint):
    """The options page's test call succeeds only with the right token."""
    client, _, token = endpoint
    ok = client.get("/api/v1/ping", headers={"Authorization": f"Bearer {token}", "Origin": ORIGIN})
    assert ok.json() == {"ok": True}
    assert client.get("/api/v1/ping", headers={"Origin": ORIGIN}).status_code == 401


def test_endpoint_needs_a_token():
    """Serving without a pairing token is a programmer error."""
    with pytest.raises(ValueError):
        BrowserEndpoint(BrowserTabs(), "")
