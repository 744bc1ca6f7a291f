"""Finding 6: the browser-extension endpoint bounds every body before reading it, and a flood is dropped.

The memory test runs the real endpoint in its own process and reads that process's resident size (psutil)
and its peak (Linux's VmHWM, reset through clear_refs) around a 50 MB body and an endless chunked one.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import httpx
import psutil
import pytest

from ledgerwatch.capture.browser import BURST, MAX_BODY, BrowserEndpoint
from ledgerwatch.capture.tabs import BrowserTabs

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "pairing-token-for-security-tests"
HEADERS = {"Origin": "chrome-extension://abc", "Authorization": f"Bearer {TOKEN}"}
MB = 1 << 20


class FrozenClock:
    """Monotonic time that stands still, so the rate limit's arithmetic is exact."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def endpoint() -> Iterator[tuple[BrowserTabs, str, FrozenClock]]:
    tabs, clock = BrowserTabs(), FrozenClock()
    server = BrowserEndpoint(tabs, TOKEN, port=0, monotonic=clock)
    port = server.start()
    yield tabs, f"http://127.0.0.1:{port}", clock
    server.stop()


@pytest.fixture
def agent_process() -> Iterator[tuple[psutil.Process, int]]:
    """The real endpoint in a subprocess: (its process, its port)."""
    with subprocess.Popen(
        [sys.executable, "-m", "tests.fakes.browser_endpoint_runner", TOKEN],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as proc:
        assert proc.stdout is not None and proc.stdin is not None
        port = int(proc.stdout.readline())
        yield psutil.Process(proc.pid), port
        proc.stdin.close()
        proc.wait(timeout=20)


def _raw_post(port: int, head: str, body: Iterable[bytes]) -> bytes:
    """POST /api/v1/tab over a raw socket, sending body until the server cuts it off; the status line."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            (
                "POST /api/v1/tab HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: chrome-extension://abc\r\n"
                f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n{head}\r\n"
            ).encode()
        )
        try:
            for chunk in body:
                sock.sendall(chunk)
        except OSError:
            pass  # cut off: what the test wants
        try:
            return sock.recv(64).split(b"\r\n")[0]
        except OSError:
            return b""


def _peak(proc: psutil.Process) -> int:
    """The process's peak resident size since the last reset (Linux VmHWM)."""
    for line in Path(f"/proc/{proc.pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmHWM")


def _reset_peak(proc: psutil.Process) -> None:
    Path(f"/proc/{proc.pid}/clear_refs").write_text("5")


@pytest.mark.skipif(not Path("/proc/self/clear_refs").exists(), reason="needs Linux /proc peak memory")
def test_huge_and_endless_bodies_do_not_grow_the_agent(agent_process: tuple[psutil.Process, int]) -> None:
    """A 50 MB body and an endless chunked one are cut off: the agent's memory grows by less than 5 MB."""
    proc, port = agent_process
    for _ in range(5):  # warm up: the first requests import and allocate what every request needs
        ok = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/tab", json={"url": "https://a", "title": "t"}, headers=HEADERS
        )
        assert ok.status_code == 204
    chunk = b"x" * 65536
    declared = (chunk for _ in range(50 * MB // len(chunk)))
    chunked = (b"10000\r\n" + chunk + b"\r\n" for _ in range(50 * MB // len(chunk)))
    for head, body in (
        (f"Content-Length: {50 * MB}\r\n", declared),
        ("Transfer-Encoding: chunked\r\n", chunked),
    ):
        before = proc.memory_info().rss
        _reset_peak(proc)
        status = _raw_post(port, head, body)
        growth, peak_growth = proc.memory_info().rss - before, _peak(proc) - before
        assert status in (b"HTTP/1.1 413 Request Entity Too Large", b""), status
        assert growth < 5 * MB and peak_growth < 5 * MB, (head, growth / MB, peak_growth / MB)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"[" * 8000, 400),
        (b'{"url": "https://a", "title": ' + b"[" * 10 + b"]" * 10 + b"}", 400),
        (b"not json", 400),
        (b"\xff\xfe\x00", 400),
        (b"[1, 2]", 400),
        (b'"a string"', 400),
        (b'{"url": 5, "title": "t"}', 422),
        (b'{"url": "https://a", "title": {"x": 1}}', 422),
        (b'{"tabCount": ' + b"9" * 5000 + b"}", 400),
        (b"x" * (MAX_BODY + 1), 413),
    ],
)
def test_every_bad_body_is_a_4xx(
    endpoint: tuple[BrowserTabs, str, FrozenClock], body: bytes, status: int
) -> None:
    """Nested, malformed, wrongly typed or oversized bodies get a 4xx (never a 500) and record nothing."""
    tabs, base, _clock = endpoint
    r = httpx.post(f"{base}/api/v1/tab", content=body, headers=HEADERS)
    assert r.status_code == status and tabs.latest() is None


def test_a_flood_is_rate_limited_and_counted_in_status(
    endpoint: tuple[BrowserTabs, str, FrozenClock],
) -> None:
    """Past the burst, reports are dropped with 429 and counted; the sustained rate is let through."""
    tabs, base, clock = endpoint
    with httpx.Client(base_url=base, headers=HEADERS) as c:
        answers = [
            c.post("/api/v1/tab", json={"url": f"https://x/{i}", "title": "t"}).status_code
            for i in range(100)
        ]
        assert answers.count(204) == BURST and answers.count(429) == 100 - BURST
        assert tabs.dropped == 100 - BURST
        assert tabs.latest() is not None and tabs.latest().url == f"https://x/{BURST - 1}"  # type: ignore[union-attr]
        clock.now += 1.0  # a second later ten more are welcome
        assert [
            c.post("/api/v1/tab", json={"url": "https://y", "title": "t"}).status_code for _ in range(11)
        ] == [
            *[204] * 10,
            429,
        ]


def test_status_line_reports_dropped_reports(tmp_path: Path) -> None:
    """`ledgerwatch status` says how many extension reports the rate limit dropped."""
    from ledgerwatch.cli.capture import _capture_lines

    status = tmp_path / "capture-status.json"
    status.write_text(json.dumps({"state": "capturing", "browser_dropped": 70, "written_at": "now"}))
    assert "70 browser report(s) dropped" in _capture_lines(status)[0]


def test_dropped_count_reaches_the_agent_status(endpoint: tuple[BrowserTabs, str, FrozenClock]) -> None:
    """The capture agent's status (what the status file holds) carries the endpoint's dropped count."""
    from ledgerwatch.capture import CaptureAgent
    from ledgerwatch.capture.samples import NullIdleBackend, NullWindowBackend

    tabs, base, _clock = endpoint
    with httpx.Client(base_url=base, headers=HEADERS) as c:
        for _ in range(BURST + 3):
            c.post("/api/v1/tab", json={"url": "https://a", "title": "t"})
    agent = CaptureAgent(NullWindowBackend(), NullIdleBackend(), lambda batch: None, tabs=tabs)
    assert agent.sample_once().to_dict()["browser_dropped"] == 3
