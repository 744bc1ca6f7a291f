"""Capture on a real X11 desktop (Xvfb + openbox): real xterm windows, xdotool focus and input, a real SQLite file.

Run with `.ci/with-desktop.sh .venv/bin/pytest -m desktop tests/test_capture_desktop.py`; skipped without DISPLAY.
"""

from __future__ import annotations

import json
import os
import selectors
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ledgerwatch.capture import CaptureAgent, CaptureSettings
from ledgerwatch.domain import AfkPayload, Event, Source
from ledgerwatch.store import EventLog, open_database

ROOT = Path(__file__).resolve().parent.parent
RUNNER = ROOT / "bench" / "capture_agent.py"

pytestmark = [
    pytest.mark.desktop,
    pytest.mark.skipif(
        not os.environ.get("DISPLAY"), reason="needs an X display: run inside .ci/with-desktop.sh"
    ),
    pytest.mark.skipif(
        not (shutil.which("xterm") and shutil.which("xdotool")), reason="needs xterm and xdotool installed"
    ),
]


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=10).stdout.strip()


def wait_for(what: str, check: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.05)


class Desktop:
    """Opens xterm windows with known titles and focuses them, waiting until the window manager has."""

    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[bytes]] = []
        self.ids: dict[str, str] = {}

    def open(self, title: str) -> str:
        proc = subprocess.Popen(
            ["xterm", "-T", title, "-e", "sleep", "600"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self.procs.append(proc)
        wait_for(f"window {title}", lambda: bool(xdotool("search", "--name", f"^{title}$")))
        self.ids[title] = xdotool("search", "--name", f"^{title}$").split()[0]
        self.focus(title)
        return self.ids[title]

    def focus(self, title: str) -> datetime:
        """Activate the window; returns the moment the window manager reported it active."""
        wid = self.ids[title]
        xdotool("windowactivate", wid)
        wait_for(f"focus on {title}", lambda: xdotool("getactivewindow") == wid)
        return datetime.now(UTC)

    def close(self) -> None:
        for proc in self.procs:
            proc.terminate()
        for proc in self.procs:
            proc.wait(timeout=10)


@pytest.fixture
def desktop() -> Iterator[Desktop]:
    d = Desktop()
    try:
        yield d
    finally:
        d.close()


def x11_agent(db_path: Path, settings: CaptureSettings) -> tuple[CaptureAgent, EventLog, Callable[[], None]]:
    from ledgerwatch.capture.backends import select_backend

    db = open_database(db_path)
    log = EventLog(db)
    backends = select_backend(settings.idle_source)
    assert backends.name == "x11"
    agent = CaptureAgent(backends.window, backends.idle, log.add_many, settings)
    stop = threading.Event()
    thread = threading.Thread(target=agent.run_forever, args=(stop,), daemon=True)
    thread.start()

    def finish() -> None:
        stop.set()
        thread.join(timeout=10)
        backends.window.close()
        backends.idle.close()

    return agent, log, finish


def stored(log: EventLog, source: Source) -> list[Event]:
    now = datetime.now(UTC)
    return log.between(now - timedelta(hours=1), now + timedelta(hours=1), [source])


def test_focused_windows_become_events_in_sqlite(tmp_path: Path, desktop: Desktop):
    """Real windows focused with xdotool are stored with their title, application and duration (within 2 s)."""
    xdotool("mousemove", "10", "10")
    desktop.open("lw-alpha")
    desktop.open("lw-beta")
    settings = CaptureSettings(
        sample_interval=0.25, flush_interval=1.0, idle_threshold=3600, idle_source="os"
    )
    desktop.focus("lw-alpha")
    agent, log, finish = x11_agent(tmp_path / "lw.db", settings)
    t_alpha = datetime.now(UTC)
    try:
        time.sleep(3)
        t_beta = desktop.focus("lw-beta")
        time.sleep(2)
        t_alpha2 = desktop.focus("lw-alpha")
        time.sleep(2)
        t_end = datetime.now(UTC)
    finally:
        finish()
    windows = [w for w in stored(log, Source.WINDOW) if w.payload.title.startswith("lw-")]
    assert [w.payload.title for w in windows] == ["lw-alpha", "lw-beta", "lw-alpha"]
    assert {w.payload.app for w in windows} == {"xterm"}
    assert all(
        w.payload.pid is None and w.payload.executable is None for w in windows
    )  # both only repeat "xterm"
    expected = [t_beta - t_alpha, t_alpha2 - t_beta, t_end - t_alpha2]
    for window, want in zip(windows, expected, strict=True):
        assert abs((window.duration - want).total_seconds()) <= 2.0, (window, want)
    assert agent.status().state == "stopped"


def test_no_input_past_threshold_is_away_and_xdotool_input_ends_it(tmp_path: Path, desktop: Desktop):
    """With no input beyond the threshold an away period is recorded; xdotool input ends it (the X server's idle counter)."""
    desktop.open("lw-idle")
    xdotool("mousemove", "20", "20")
    settings = CaptureSettings(
        sample_interval=0.25, flush_interval=1.0, idle_threshold=2.0, idle_source="auto"
    )
    agent, log, finish = x11_agent(tmp_path / "lw.db", settings)
    try:
        time.sleep(0.5)
        xdotool("mousemove", "30", "30")
        last_input = datetime.now(UTC)
        wait_for("away", lambda: agent.status().state == "away", timeout=10)
        time.sleep(1.0)
        xdotool("mousemove", "200", "200")
        xdotool("key", "shift")
        resumed = datetime.now(UTC)
        wait_for("back", lambda: agent.status().state == "capturing", timeout=10)
        time.sleep(1.0)
    finally:
        finish()
    afk = stored(log, Source.AFK)
    away = [e for e in afk if e.payload == AfkPayload(away=True)]
    assert len(away) == 1, afk
    assert abs((away[0].start - last_input).total_seconds()) <= 1.0
    assert abs((away[0].end - resumed).total_seconds()) <= 1.0
    assert any(e.payload == AfkPayload(away=False) and e.start >= away[0].end for e in afk)
    windows = stored(log, Source.WINDOW)
    assert not any(
        w.start < away[0].end - timedelta(seconds=0.5) and w.end > away[0].start + timedelta(seconds=1.5)
        for w in windows
        if w.start > away[0].start
    )


def read_line(proc: subprocess.Popen[str], timeout: float) -> str:
    assert proc.stdout is not None
    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    if not selector.select(timeout):
        proc.kill()
        raise AssertionError(f"no output from the agent within {timeout}s")
    return proc.stdout.readline()


@contextmanager
def agent_process(db_path: Path, settings: dict[str, object]) -> Iterator[subprocess.Popen[str]]:
    """The runner as a child process; killed (if still running) and its pipes closed on exit."""
    with subprocess.Popen(
        [sys.executable, "-u", str(RUNNER), str(db_path), json.dumps(settings)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            ready = json.loads(read_line(proc, 30))
            assert ready["ready"] and ready["backend"] == "x11"
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()
            proc.wait(timeout=10)


def test_sigkill_leaves_a_consistent_db_and_loses_at_most_one_flush(tmp_path: Path, desktop: Desktop):
    """SIGKILL of a running agent: the SQLite file passes integrity_check and at most the flush interval is lost."""
    desktop.open("lw-kill")
    xdotool("mousemove", "40", "40")
    db_path = tmp_path / "lw.db"
    flush = 2.0
    settings = {"sample_interval": 0.5, "flush_interval": flush, "idle_threshold": 3600, "idle_source": "os"}
    with agent_process(db_path, settings) as proc:
        started = datetime.now(UTC)
        time.sleep(7.3)
        killed = datetime.now(UTC)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
    assert proc.returncode == -signal.SIGKILL
    db = open_database(db_path)
    assert db.integrity_check() == []
    windows = [w for w in stored(EventLog(db), Source.WINDOW) if w.payload.title == "lw-kill"]
    assert len(windows) == 1
    lost = (killed - windows[0].end).total_seconds()
    assert lost <= flush + 0.5 + 0.5, f"lost {lost:.1f}s"
    assert windows[0].start - started <= timedelta(seconds=2)
    # the agent starts again on the same file, keeps appending, and stops cleanly on SIGTERM
    with agent_process(db_path, settings) as proc2:
        time.sleep(1.5)
        proc2.send_signal(signal.SIGTERM)
        proc2.wait(timeout=15)
    assert proc2.returncode == 0
    again = [w for w in stored(EventLog(db), Source.WINDOW) if w.payload.title == "lw-kill"]
    assert len(again) == 2 and again[1].start > windows[0].end
    db.dispose()
