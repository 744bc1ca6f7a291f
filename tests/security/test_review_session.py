"""Findings 2 and 3: the review session cannot be borrowed from another port, and no secret is on a command line.

The server answers only on its per-launch name under localhost; a browser gets in with a one-time launch code
that expires in seconds. The other-port attack is played in a real Chromium with a page served by another
program on another 127.0.0.1 port; the command lines are read from /proc while the real `ledgerwatch run`
and `ledgerwatch review` processes open the page.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import httpx
import psutil
import pytest

from ledgerwatch.app import Services
from ledgerwatch.domain import EntryStatus
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.review.session import COOKIE, Access
from ledgerwatch.workday import Workday
from tests.review_support import MONDAY
from tests.security.support import command_lines

ROOT = Path(__file__).resolve().parents[2]


class Clock:
    """Wall time the test moves by hand (launch codes expire without waiting)."""

    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


def _session_of(response: httpx.Response) -> str:
    cookie = response.headers["set-cookie"]
    return cookie.split(";", 1)[0].split("=", 1)[1]


def test_a_launch_code_opens_one_session_once(review_server: RunningServer) -> None:
    """A code is good once: the second use is refused and sets no cookie."""
    link = review_server.url("/day/2026-02-02")
    with review_server.client(timeout=10) as first, review_server.client(timeout=10) as second:
        assert first.get(link, follow_redirects=False).status_code == 200
        again = second.get(link, follow_redirects=False)
    assert again.status_code == 403 and "set-cookie" not in again.headers


def test_a_launch_code_expires_in_seconds(review_services: Services) -> None:
    """A code more than CODE_SECONDS old is refused; a fresh one works."""
    clock = Clock()
    running = start_server(Workday(review_services), access=Access(clock=clock))
    try:
        stale = running.url("/")
        clock.now += 31
        with running.client(timeout=10) as c:
            assert c.get(stale, follow_redirects=False).status_code == 403
            assert c.get(running.url("/"), follow_redirects=False).status_code == 200
    finally:
        running.stop()


def test_codes_and_cookies_of_another_launch_are_refused(
    review_server: RunningServer, review_services: Services
) -> None:
    """A code minted with another launch's key, or that launch's session cookie, opens nothing here."""
    other = start_server(Workday(review_services))
    try:
        assert other.access.host != review_server.access.host
        with other.client(timeout=10) as c:
            r = c.get(other.url("/"), follow_redirects=False)
            session = _session_of(r)
        foreign_code = other.url("/").replace(other.base, review_server.base)
        with review_server.client(timeout=10) as c:
            assert c.get(foreign_code, follow_redirects=False).status_code == 403
            assert c.get("/day/2026-02-02", headers={"Cookie": f"{COOKIE}={session}"}).status_code == 403
    finally:
        other.stop()


def test_the_cookie_is_host_only_and_useless_under_any_other_name(review_server: RunningServer) -> None:
    """The session cookie names no Domain; sent to the same port under 127.0.0.1 or localhost it is refused."""
    with review_server.client(timeout=10) as c:
        r = c.get(review_server.url("/"), follow_redirects=False)
        assert "domain=" not in r.headers["set-cookie"].lower()
        session = _session_of(r)
        assert c.get("/day/2026-02-02").status_code == 200
    label = review_server.access.host.removesuffix(".localhost").removeprefix("lw-")
    assert len(label) == 32 and int(label, 16) >= 0  # 128 random bits
    for host in ("127.0.0.1", "localhost", "[::1]"):
        r = httpx.get(
            f"http://127.0.0.1:{review_server.port}/day/2026-02-02",
            headers={"Host": f"{host}:{review_server.port}", "Cookie": f"{COOKIE}={session}"},
        )
        assert r.status_code == 403, host


def test_next_cannot_send_the_browser_elsewhere(review_server: RunningServer) -> None:
    """The launch's next= is a path on this server; anything else lands on /."""
    for target in ("//evil.example/x", "http://evil.example/", "\\\\evil.example"):
        code = parse_qs(urlsplit(review_server.url("/")).query)["code"][0]
        with review_server.client(timeout=10) as c:
            r = c.get("/launch", params={"code": code, "next": target}, follow_redirects=False)
        assert r.status_code == 200 and 'content="0;url=/"' in r.text, target


def test_addresses_with_secrets_reach_the_browser_as_a_private_file(tmp_path: Path) -> None:
    """The browser's argument is a file path; the file (0600 in a 0700 folder) holds the address, e.g. the
    OAuth consent page's state, and older forwarding files are cleared."""
    from ledgerwatch.handoff import STALE_SECONDS, open_in_browser, write_forwarding_file

    folder = tmp_path / "launch"
    old = write_forwarding_file(folder, "http://old.example/", now=0)
    os.utime(old, (0, 0))
    argv: list[str] = []
    consent = "https://app.clio.com/oauth/authorize?response_type=code&state=s3cr3t-state"
    path = open_in_browser(consent, folder, browser=argv.append)
    assert argv == [path.as_uri()] and "s3cr3t-state" not in argv[0]
    assert "state=s3cr3t-state" in path.read_text()
    assert path.stat().st_mode & 0o777 == 0o600 and folder.stat().st_mode & 0o777 == 0o700
    assert not old.exists() and STALE_SECONDS < 600


class Recorder(ThreadingHTTPServer):
    """Another local program's web server: it records the cookies browsers send it."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, str, str]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                recorder.seen.append(
                    (self.headers.get("Host", ""), self.path, self.headers.get("Cookie", ""))
                )
                port = recorder.server_address[1]
                pages = {
                    "/lure": f'<a id="go" href="http://127.0.0.1:{port}/start">prize</a>',
                    "/start": '<meta http-equiv="refresh" content="0;url=/hop">hop',
                    "/set": "control set",
                }
                body = pages.get(self.path, "ok").encode()
                self.send_response(200)
                if self.path == "/set":
                    self.send_header("Set-Cookie", "control=leaked; HttpOnly; SameSite=Strict; Path=/")
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                return

        super().__init__(("127.0.0.1", 0), Handler)
        self.daemon_threads = True
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return int(self.server_address[1])


@pytest.fixture
def evil() -> Iterator[Recorder]:
    server = Recorder()
    yield server
    server.shutdown()
    server.server_close()


@pytest.mark.browser
def test_a_page_on_another_port_cannot_borrow_the_session(
    chromium_browser: Any, review_server: RunningServer, review_services: Services, evil: Recorder
) -> None:
    """The other-port attack: a cookie set for 127.0.0.1 reaches another port's page; ours never does.

    The attorney's browser holds a review session. A link on another site leads to a page of another local
    program on 127.0.0.1, which hops to itself so that its requests count as same-site; it records every
    cookie it is sent and replays them against the review server with every Host it might try.
    """
    context = chromium_browser.new_context()
    page = context.new_page()
    try:
        page.goto(review_server.day_url(MONDAY))
        page.wait_for_selector("body[data-ready]")
        page.goto(f"http://127.0.0.1:{evil.port}/set")  # what the old design did: a cookie for 127.0.0.1
        page.goto(f"http://localhost:{evil.port}/lure")
        page.click("#go")
        page.wait_for_url("**/hop")
        page.goto(f"http://lw-guess.localhost:{evil.port}/start")
        page.wait_for_url("**/hop")
        session = next(c["value"] for c in context.cookies() if c["name"] == COOKIE)
    finally:
        context.close()
    leaked = [cookie for _host, path, cookie in evil.seen if path == "/hop"]
    assert any("control=leaked" in cookie for cookie in leaked), (
        "the cross-site hop did not reproduce the leak"
    )
    assert all(session not in cookie and COOKIE not in cookie for _h, _p, cookie in evil.seen)
    entry = next(e for e in review_services.entries.for_day(MONDAY) if e.billable)
    for cookie in {cookie for _h, _p, cookie in evil.seen if cookie}:
        for host in (review_server.access.host, "127.0.0.1", "localhost"):
            headers = {"Host": f"{host}:{review_server.port}", "Cookie": cookie}
            target = f"http://127.0.0.1:{review_server.port}"
            assert httpx.get(f"{target}/day/2026-02-02", headers=headers).status_code == 403
            posted = httpx.post(
                f"{target}/action",
                data={"op": "approve", "id": entry.id, "csrf": review_server.csrf},
                headers={**headers, "Origin": f"http://{host}:{review_server.port}"},
            )
            assert posted.status_code == 403
    assert review_services.entries.get(entry.id).status is EntryStatus.DRAFT


@pytest.mark.browser
def test_the_forwarding_file_logs_the_browser_in(
    chromium_browser: Any, review_server: RunningServer, tmp_path: Path
) -> None:
    """The private file handed to the browser forwards it through the launch to the day page, signed in."""
    from ledgerwatch.review.opening import open_review

    opened: list[str] = []
    open_review(
        review_server.day_url(MONDAY), tmp_path / "launch", prefer_window=False, browser=opened.append
    )
    page = chromium_browser.new_page()
    try:
        page.goto(opened[0])
        page.wait_for_url(f"**/day/{MONDAY.isoformat()}")
        assert page.url == f"{review_server.base}/day/{MONDAY.isoformat()}"
        page.wait_for_selector("body[data-ready]")  # the page's own script ran: signed in, not a 403 page
    finally:
        page.close()


@pytest.mark.browser
@pytest.mark.slow
def test_no_secret_on_any_command_line(
    chromium_browser: Any, review_services: Services, lw_home: Path, tmp_path: Path
) -> None:
    """The real agent and a second `ledgerwatch review` open the page with nothing secret in any process's
    arguments or output: the browser is handed a private file, never the code, the host name or a cookie."""
    browser_log = tmp_path / "browser-argv.txt"
    browser = tmp_path / "fake-browser"
    browser.write_text(f'#!/bin/sh\nfor a in "$@"; do echo "$a" >> {browser_log}; done\n')
    browser.chmod(0o700)
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(
        LEDGERWATCH_HOME=str(lw_home),
        LEDGERWATCH_CAPTURE__ENABLED="false",
        LEDGERWATCH_CAPTURE__BROWSER_PORT="0",
        BROWSER=f"{browser} %s",
        XDG_CONFIG_HOME=str(tmp_path / "xdg"),
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT / "src"), env.get("PYTHONPATH", "")) if p),
    )
    published = lw_home / "data" / "review.json"
    agent = subprocess.Popen(
        [sys.executable, "-m", "ledgerwatch", "run", "--headless"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while not published.exists():  # readiness, not a measurement
            assert agent.poll() is None and time.monotonic() < deadline, "the agent did not start"
            time.sleep(0.1)
        second = subprocess.run(
            [sys.executable, "-m", "ledgerwatch", "review", "--date", MONDAY.isoformat()],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert second.returncode == 0 and "running agent" in second.stdout, second.stderr
        argv = browser_log.read_text().split()
        assert len(argv) == 1 and argv[0].startswith("file://"), argv
        forwarder = Path(urlsplit(argv[0]).path)
        link = forwarder.read_text().split("url=", 1)[1].split('"', 1)[0].replace("&amp;", "&")
        code = parse_qs(urlsplit(link).query)["code"][0]
        host = urlsplit(link).hostname or ""
        key = published.read_text()
        secrets = {"launch code": code, "host name": host, "launch key": key.split('"key": "')[1][:64]}
        page = chromium_browser.new_page()
        try:
            page.goto(argv[0])
            page.wait_for_url(f"**/day/{MONDAY.isoformat()}")
            page.wait_for_selector("body[data-ready]")  # signed in: the day page itself, not a refusal
            secrets["session"] = next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)
        finally:
            page.close()
        for line in command_lines():
            for what, secret in secrets.items():
                assert secret not in line, f"the {what} is on a command line: {line[:120]}"
        for what, secret in secrets.items():
            assert secret not in second.stdout + second.stderr, f"the second launch printed the {what}"
    finally:
        agent.send_signal(signal.SIGINT)
        try:
            out, err = agent.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            for child in psutil.Process(agent.pid).children(recursive=True):
                child.kill()
            agent.kill()
            agent.communicate()
            raise
    for what, secret in secrets.items():
        assert secret not in out + err, f"the agent printed the {what}"
    assert not list((lw_home / "data" / "launch").glob("open-*.html")), "forwarding files left behind"
