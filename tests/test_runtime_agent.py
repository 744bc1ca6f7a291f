"""The running agent: a small process (capture, door, timers) with the page and heavy jobs started on demand."""

from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from ledgerwatch.capture import CaptureAgent, CaptureSettings, CaptureStatus
from ledgerwatch.domain import AfkPayload, Event, Source, WindowPayload
from ledgerwatch.review.session import launch_link, mint_code
from ledgerwatch.runtime.capture import CaptureSwitch
from ledgerwatch.runtime.door import Door, DoorControl
from ledgerwatch.runtime.timers import Job, Timers, daily, every
from ledgerwatch.store import EventLog, open_database
from ledgerwatch.store.agentlog import AgentEventLog, AgentLogError
from tests.test_capture_agent import FakeClock, Rig

T0 = datetime(2025, 3, 3, 14, 0, tzinfo=UTC)
KEY = bytes(range(32))
LAUNCH_HOST = "lw-0123456789abcdef0123456789abcdef.localhost"


def events() -> list[Event]:
    word = WindowPayload(app="WINWORD", title="Smith v Jones - brief.docx - Word")
    return [
        Event(Source.WINDOW, T0, T0 + timedelta(seconds=30), word, origin="host"),
        Event(
            Source.WINDOW, T0, T0 + timedelta(seconds=90), word, origin="host"
        ),  # the same heartbeat, longer
        Event(Source.AFK, T0, T0 + timedelta(seconds=90), AfkPayload(away=False), origin="host"),
    ]


def rows(path: Path) -> list[tuple[object, ...]]:
    con = sqlite3.connect(path)
    try:
        return con.execute(
            "SELECT source, start_ms, end_ms, key, origin, data FROM events ORDER BY id"
        ).fetchall()
    finally:
        con.close()


def test_the_agents_sqlite_writer_stores_what_the_event_log_stores(tmp_path: Path) -> None:
    """AgentEventLog (sqlite3) writes the rows EventLog (SQLAlchemy) writes: same keys, same extended heartbeat."""
    ours, theirs = tmp_path / "agent.db", tmp_path / "orm.db"
    for path in (ours, theirs):
        open_database(path).dispose()
    agent_log = AgentEventLog(ours)
    assert agent_log.add_many(events()[:1]) == 1
    assert agent_log.add_many(events()[1:]) == 1  # the longer heartbeat extends its row; the afk one is new
    agent_log.close()
    db = open_database(theirs)
    log = EventLog(db)
    log.add_many(events()[:1])
    log.add_many(events()[1:])
    db.dispose()
    assert rows(ours) == rows(theirs)
    assert [r[2] - r[1] for r in rows(ours)] == [90_000, 90_000]


def test_the_agents_writer_purges_and_refuses_a_file_without_the_schema(tmp_path: Path) -> None:
    """Retention deletes what ended before the cut; a file that was never migrated is refused, not made up."""
    path = tmp_path / "agent.db"
    open_database(path).dispose()
    agent_log = AgentEventLog(path)
    agent_log.add_many(events())
    assert agent_log.purge_before(T0 + timedelta(seconds=60)) == 0
    assert agent_log.purge_before(T0 + timedelta(seconds=91)) == 2
    agent_log.close()
    with pytest.raises(AgentLogError, match="no events table"):
        AgentEventLog(tmp_path / "empty.db")


def test_the_status_is_reported_after_the_flush_it_describes() -> None:
    """on_flush sees the flush that just happened (its time and nothing pending): the status file never lags."""
    reported: list[CaptureStatus] = []
    rig = Rig()
    rig.agent = CaptureAgent(
        rig.windows, rig.idle, rig.sink, CaptureSettings(), clock=rig.clock, on_flush=reported.append
    )
    rig.windows.show("Lease.docx - Word")
    rig.run(3)
    rig.agent.flush()
    assert reported[-1].last_flush == rig.clock.now()
    assert reported[-1].pending_events == 2  # the open window and presence events, still growing
    assert len(reported) == 1
    rig.run(2)
    rig.agent.flush()
    assert len(reported) == 2 and reported[-1].last_flush == rig.clock.now()


def test_the_agent_loop_is_the_only_flusher() -> None:
    """The agent has one flush per interval: its timers hold no flush job (the capture thread flushes)."""
    import inspect

    import ledgerwatch.runtime.agent as agent

    source = inspect.getsource(agent)
    assert ".flush" not in source and "capture_flush" not in source


# --- the door ---


@pytest.fixture
def door() -> Door:
    switch = CaptureSwitch(lambda: T0)
    opened: list[int] = []

    def open_page() -> str:
        opened.append(1)
        return "http://127.0.0.1:9"

    d = Door(
        "tok",
        open_page,
        switch,
        key=KEY,
        host=LAUNCH_HOST,
        clock=lambda: T0,
        notice=lambda: "Accessibility permission missing",
    ).start()
    d.switch_state = switch  # type: ignore[attr-defined]
    d.opened = opened  # type: ignore[attr-defined]
    yield d
    d.stop()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def get(url: str, host: str | None = None) -> tuple[int, dict[str, str]]:
    request = urllib.request.Request(url, headers={"Host": host} if host else {})
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=5) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, dict(exc.headers)


def test_the_door_starts_the_page_only_for_a_good_launch_code_and_passes_it_on(door: Door) -> None:
    """A launch code the agent's key made, still good, on this launch's host name starts the page and is sent to
    the page's /launch unchanged (the page spends it); anything else starts nothing."""
    ours = f"{LAUNCH_HOST}:{door.port}"
    link = launch_link(door.base, KEY, "/day/2025-03-03?view=week")
    query = link.split("?", 1)[1]
    refused = [
        (door.base + "/day/2025-03-03", ours),  # not a launch
        (link, None),  # the loopback address, not this launch's host name
        (link, f"evil.example:{door.port}"),  # DNS rebinding
        (door.base + "/launch?code=1.2.3&next=/", ours),  # a code nobody made
        (launch_link(door.base, bytes(32), "/"), ours),  # another key's
        (f"{door.base}/launch?code={mint_code(KEY, T0.timestamp() - 3600)}", ours),  # expired
    ]
    for url, host in refused:
        assert get(url, host=host)[0] == 403, url
    assert door.opened == []  # type: ignore[attr-defined]
    status, headers = get(link, host=ours)
    assert status == 303
    assert headers["Location"] == f"http://127.0.0.1:9/launch?{query}"
    assert door.opened == [1]  # type: ignore[attr-defined]


def test_the_page_flips_the_agents_switches_through_the_door(door: Door) -> None:
    """DoorControl (the page's side) pauses, makes private and resumes the agent's capture, and reads its notice."""
    control = DoorControl(door.base, "tok")
    switch = door.switch_state  # type: ignore[attr-defined]
    control.pause(T0 + timedelta(minutes=15))
    assert switch.paused and switch.paused_until == T0 + timedelta(minutes=15)
    assert control.status() == "paused"
    control.resume()
    control.set_private(True)
    assert control.status() == "private"
    assert control.notice() == "Accessibility permission missing"


def test_a_browser_cannot_flip_a_switch_even_with_the_token(door: Door) -> None:
    """A POST that carries an Origin (every browser's does) or lacks the bearer token is refused."""
    for headers in ({"Authorization": "Bearer tok", "Origin": "http://127.0.0.1:9"}, {}):
        request = urllib.request.Request(door.base + "/agent/private", data=b'{"on": true}', headers=headers)
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 403
        refused.value.close()
    assert not door.switch_state.private  # type: ignore[attr-defined]


# --- timers ---


def test_a_daily_job_is_due_at_the_local_time_next() -> None:
    """daily(17:30) in New York after 18:00 local is tomorrow 17:30 local."""
    zone = ZoneInfo("America/New_York")
    after = datetime(2025, 3, 3, 23, 0, tzinfo=UTC)  # 18:00 in New York
    assert daily(time(17, 30), zone)(after) == datetime(2025, 3, 4, 17, 30, tzinfo=zone)


def test_missed_jobs_run_once_on_wake_within_their_grace_only() -> None:
    """After a sleep, a job still in grace runs once (not once per missed turn); one past its grace waits."""
    clock = FakeClock()
    ran: list[str] = []
    timers = Timers(
        [
            Job("sync", lambda: ran.append("sync"), every(timedelta(minutes=2)), timedelta(hours=1)),
            Job("remind", lambda: ran.append("remind"), every(timedelta(hours=1)), timedelta(minutes=30)),
        ],
        clock.now,
    )
    clock.tick(50 * 60)  # asleep 50 minutes: sync missed 25 turns, remind is not due yet
    assert timers.run_due() == ["sync"]
    assert timers.run_due() == []
    clock.tick(2 * 3600)  # both were due well over their grace ago: they wait for their next turn
    assert timers.run_due() == []
    assert ran == ["sync"]
    assert timers.seconds_to_next() <= 120
    clock.tick(120)
    assert timers.run_due() == ["sync"]


# --- the shipped shape ---

LIGHT = r"""
import json, sys
import ledgerwatch.runtime.agent, ledgerwatch.runtime.door, ledgerwatch.runtime.capture, ledgerwatch.store.agentlog
import ledgerwatch.capture.backends, ledgerwatch.tray.icon, ledgerwatch.tray.instance, ledgerwatch.tray.notify
print(json.dumps(sorted(sys.modules)))
"""
HEAVY = (
    "pydantic",
    "ledgerwatch.config",
    "sqlalchemy",
    "starlette",
    "uvicorn",
    "jinja2",
    "apscheduler",
    "httpx",
    "fpdf",
    "keyring",
    "ledgerwatch.app",
    "ledgerwatch.workday",
    "ledgerwatch.sessionize",
    "ledgerwatch.billing",
    "ledgerwatch.sync",
    "ledgerwatch.assist",
    "ledgerwatch.review.app",
    "ledgerwatch.review.server",
)


def test_the_agent_process_loads_no_validator_web_server_orm_or_billing() -> None:
    """What `ledgerwatch run` keeps resident imports no settings validator, review server, ORM, sync or billing."""
    done = subprocess.run(
        [sys.executable, "-c", LIGHT], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(done.stdout)
    assert [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)] == []


def test_the_headless_agent_serves_the_page_on_demand_and_stops_cleanly(lw_home: Path) -> None:
    """`run --headless`: the door answers; the page starts on first use with the switches; SIGTERM ends both."""
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    with subprocess.Popen(
        [sys.executable, "-m", "ledgerwatch", "run", "--headless"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
    ) as agent:
        try:
            _use_the_agent(agent, env, lw_home / "data" / "review.json")
        finally:
            if agent.poll() is None:
                agent.kill()
                agent.wait()


def test_ctrl_c_stops_the_agent_even_when_started_with_interrupts_ignored(lw_home: Path) -> None:
    """A background job of a non-interactive shell starts with SIGINT ignored; Ctrl+C (SIGINT) still stops the
    agent promptly and cleanly, as its banner promises."""
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    env.update(LEDGERWATCH_CAPTURE__ENABLED="false", LEDGERWATCH_CAPTURE__BROWSER_PORT="0")
    with subprocess.Popen(
        [sys.executable, "-m", "ledgerwatch", "run", "--headless"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),  # as a background job starts
    ) as agent:
        try:
            assert agent.stdout is not None
            while not agent.stdout.readline().startswith("ledgerwatch running headless"):
                assert agent.poll() is None, "the agent ended"
            agent.send_signal(signal.SIGINT)
            assert agent.wait(timeout=30) == 0
        finally:
            if agent.poll() is None:
                agent.kill()
                agent.wait()


def _use_the_agent(agent: subprocess.Popen[str], env: dict[str, str], published: Path) -> None:
    from ledgerwatch.review.server import loopback_client

    assert agent.stdout is not None
    line = ""
    while not line.startswith("ledgerwatch running headless"):
        line = agent.stdout.readline()
        assert line, "the agent ended"
    assert "token" not in line and "lw-" not in line  # nothing secret is printed
    data = json.loads(published.read_text(encoding="utf-8"))
    link = launch_link(data["base"], bytes.fromhex(data["key"]), "/settings")
    assert _children(agent.pid) == []  # no page until someone opens it
    with loopback_client(follow_redirects=True, timeout=30) as browser:
        launched = browser.get(link)  # the door starts the page and passes the code on; the page signs us in
        assert launched.status_code == 200 and launched.url.port != urllib.parse.urlsplit(link).port
        page = browser.get(f"{launched.url.scheme}://{launched.url.netloc.decode()}/settings")
        assert page.status_code == 200 and "Pause" in page.text
        assert browser.get(link).status_code == 403  # the code is spent
    out = subprocess.run(
        [sys.executable, "-m", "ledgerwatch", "status"], capture_output=True, text=True, env=env, timeout=60
    ).stdout
    assert "capture:" in out
    children = _children(agent.pid)
    assert len(children) == 1  # the page's process
    agent.send_signal(signal.SIGTERM)
    assert agent.wait(timeout=30) == 0
    for pid in children:
        _gone(pid)


def _children(pid: int) -> list[int]:
    import psutil

    return [p.pid for p in psutil.Process(pid).children()]


def _gone(pid: int) -> None:
    import psutil

    with contextlib.suppress(psutil.NoSuchProcess):
        psutil.Process(pid).wait(timeout=15)


def test_the_agents_settings_survive_the_handover_from_the_prepare_part(lw_home: Path) -> None:
    """AgentConfig built from the effective settings comes back equal from its JSON (capture rules included)."""
    from ledgerwatch import config
    from ledgerwatch.runtime.agentconfig import AgentConfig

    effective = config.load(overrides={"capture": {"excluded_apps": ["Signal"], "redact_patterns": [r"\\d{9}"]}})
    agent = AgentConfig.from_effective(effective, "pairing-token")
    again = AgentConfig.from_json(json.loads(json.dumps(agent.to_json())))
    assert again == agent
    assert again.capture is not None and again.capture.excluded_apps == ("Signal",)
    assert again.capture.browser_token == "pairing-token" and again.timezone == "UTC"


def _page_in_thread(lw_home: Path, idle_seconds: float) -> tuple[Any, Any, list[int], io.StringIO]:
    from ledgerwatch import config
    from ledgerwatch.runtime.page import run_part

    read_fd, write_fd = os.pipe()
    stdin, agent_end = os.fdopen(read_fd, "r"), os.fdopen(write_fd, "w")
    agent_end.write(f"a-door-token-of-32-characters-xx\n{KEY.hex()} {LAUNCH_HOST}\n")
    agent_end.flush()
    out = io.StringIO()
    codes: list[int] = []
    thread = threading.Thread(
        target=lambda: codes.append(
            run_part("page", config.load(), "http://127.0.0.1:9", stdin, out, idle_seconds=idle_seconds)
        )
    )
    thread.start()
    return thread, (stdin, agent_end), codes, out


def test_the_page_leaves_when_the_agent_goes(lw_home: Path) -> None:
    """The page's process ends when its stdin (the agent's end of the pipe) closes."""
    thread, (stdin, agent_end), codes, out = _page_in_thread(lw_home, idle_seconds=3600)
    try:
        agent_end.close()
        thread.join(timeout=60)
        assert not thread.is_alive() and codes == [0]
        assert json.loads(out.getvalue().splitlines()[0])["url"].startswith(f"http://{LAUNCH_HOST}:")
    finally:
        stdin.close()


def test_the_page_leaves_when_nobody_uses_it(lw_home: Path) -> None:
    """With no request for idle_seconds the page's process ends by itself (the agent stays small)."""
    thread, (stdin, agent_end), codes, _out = _page_in_thread(lw_home, idle_seconds=0.5)
    try:
        thread.join(timeout=60)
        assert not thread.is_alive() and codes == [0]
    finally:
        agent_end.close()
        stdin.close()
