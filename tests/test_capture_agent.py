"""The capture agent with fake backends and a fake clock: merging, away periods, resilience, privacy, status."""

from __future__ import annotations

import itertools
import json
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from ledgerwatch.capture import CaptureAgent, CaptureSettings, WindowSample
from ledgerwatch.capture.documents import DocumentFinder
from ledgerwatch.capture.tabs import BrowserTabs
from ledgerwatch.domain import AfkPayload, CallPayload, EmailPayload, Event, Source, WindowPayload
from ledgerwatch.store import EventLog, open_database

T0 = datetime(2025, 3, 3, 14, 0, tzinfo=UTC)


class FakeClock:
    def __init__(self) -> None:
        self.wall = T0
        self.mono = 1000.0

    def now(self) -> datetime:
        return self.wall

    def monotonic(self) -> float:
        return self.mono

    def tick(self, seconds: float = 1.0) -> None:
        self.wall += timedelta(seconds=seconds)
        self.mono += seconds


class FakeWindows:
    def __init__(self) -> None:
        self.current: WindowSample | None = None
        self.titles: dict[int, str] = {}
        self.fail = False
        self.mic: bool | None = None

    def show(
        self, title: str, app: str = "WINWORD", pid: int | None = 100, handle: int = 1, **kw: object
    ) -> None:
        self.current = WindowSample(
            title=title, app=app, executable=f"C:\\{app}.exe", pid=pid, handle=handle, **kw
        )  # type: ignore[arg-type]
        self.titles[handle] = title

    def active_window(self) -> WindowSample | None:
        if self.fail:
            raise OSError("the window server hiccupped")
        return self.current

    def window_title(self, handle: int) -> str | None:
        return self.titles.get(handle)

    def microphone_in_use(self) -> bool | None:
        return self.mic

    def close(self) -> None:
        pass


class FakeIdle:
    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.last = clock.mono

    def touch(self) -> None:
        self.last = self.clock.mono

    def seconds_since_input(self) -> float | None:
        return self.clock.mono - self.last

    def close(self) -> None:
        pass


class ListSink:
    def __init__(self) -> None:
        self.batches: list[list[Event]] = []

    def __call__(self, batch: Sequence[Event]) -> None:
        self.batches.append(list(batch))

    def merged(self) -> list[Event]:
        """What the store would hold: the latest end per (source, start, payload)."""
        rows: dict[tuple[object, ...], Event] = {}
        for batch in self.batches:
            for ev in batch:
                key = (ev.source, ev.start, ev.payload)
                if key not in rows or ev.end > rows[key].end:
                    rows[key] = ev
        return sorted(rows.values(), key=lambda e: (e.start, e.source))


def no_files(pid: int) -> list[str]:
    return []


class Rig:
    def __init__(
        self, settings: CaptureSettings | None = None, sink: object = None, tabs: BrowserTabs | None = None
    ):
        self.clock = FakeClock()
        self.windows = FakeWindows()
        self.idle = FakeIdle(self.clock)
        self.sink = sink if sink is not None else ListSink()
        self.agent = CaptureAgent(
            self.windows,
            self.idle,
            self.sink,  # type: ignore[arg-type]
            settings or CaptureSettings(),
            clock=self.clock,
            tabs=tabs,
            documents=DocumentFinder(no_files),
        )

    def run(self, seconds: int, touch: bool = True) -> None:
        """Sample once a second for `seconds` seconds (input every second when touch)."""
        for _ in range(seconds):
            if touch:
                self.idle.touch()
            self.agent.sample_once()
            self.clock.tick()

    def events(self, source: Source | None = None) -> list[Event]:
        self.agent.flush()
        assert isinstance(self.sink, ListSink)
        return [e for e in self.sink.merged() if source is None or e.source == source]


def secs(ev: Event) -> float:
    return ev.duration.total_seconds()


def test_switching_windows_makes_back_to_back_events():
    """Each foreground window becomes one event; a switch ends the old event where the new one starts."""
    rig = Rig()
    rig.windows.show("Lease.docx - Word")
    rig.run(5)
    rig.windows.show("Inbox - Outlook", app="OUTLOOK", handle=2)
    rig.run(3)
    rig.agent.stop()
    windows = rig.events(Source.WINDOW)
    assert [(e.payload.title, secs(e)) for e in windows] == [
        ("Lease.docx - Word", 5.0),
        ("Inbox - Outlook", 2.0),
    ]
    assert windows[0].end == windows[1].start


def test_open_event_is_flushed_growing_and_closed_once():
    """Every flush re-sends the open event with a later end; the store keeps one row that grows."""
    rig = Rig()
    rig.windows.show("Brief.docx - Word")
    rig.run(3)
    rig.agent.flush()
    rig.run(3)
    rig.agent.flush()
    sink = rig.sink
    assert isinstance(sink, ListSink)
    ends = [e.end for b in sink.batches for e in b if e.source == Source.WINDOW]
    assert ends == [T0 + timedelta(seconds=2), T0 + timedelta(seconds=5)]
    assert len(rig.events(Source.WINDOW)) == 1


def test_flushes_into_sqlite_extend_one_row(tmp_path: Path):
    """With the real EventLog as sink, repeated flushes of the open event leave one row with the latest end."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    rig = Rig(sink=log.add_many)
    rig.windows.show("Brief.docx - Word")
    for _ in range(4):
        rig.run(3)
        rig.agent.flush()
    stored = log.between(T0, T0 + timedelta(hours=1), [Source.WINDOW])
    assert len(stored) == 1
    assert secs(stored[0]) == 11.0
    assert stored[0].payload.document == "Brief.docx"


def test_idle_beyond_threshold_records_away_from_last_input():
    """No input past the threshold: an away event from the last input until input resumes; no window time then."""
    rig = Rig(CaptureSettings(idle_threshold=30))
    rig.windows.show("Memo.docx - Word")
    rig.run(10)  # last input at t=9
    rig.run(60, touch=False)  # away from t=9
    rig.run(5)  # input resumes at t=70
    rig.agent.stop()
    afk = rig.events(Source.AFK)
    assert [(e.payload, e.start - T0, e.end - T0) for e in afk] == [
        (AfkPayload(away=False), timedelta(0), timedelta(seconds=9)),
        (AfkPayload(away=True), timedelta(seconds=9), timedelta(seconds=70)),
        (AfkPayload(away=False), timedelta(seconds=70), timedelta(seconds=74)),
    ]
    windows = rig.events(Source.WINDOW)
    assert [(w.start - T0, w.end - T0) for w in windows] == [
        (timedelta(0), timedelta(seconds=9)),
        (timedelta(seconds=70), timedelta(seconds=74)),
    ]


def test_idle_below_threshold_stays_present():
    """Reading without touching the keyboard for less than the threshold is presence, not away."""
    rig = Rig(CaptureSettings(idle_threshold=30))
    rig.windows.show("Contract.pdf - Adobe Acrobat Reader", app="Acrobat")
    rig.run(2)
    rig.run(20, touch=False)
    rig.run(2)
    afk = rig.events(Source.AFK)
    assert [e.payload.away for e in afk] == [False]
    assert secs(rig.events(Source.WINDOW)[0]) == 23.0


def test_screen_lock_is_away_and_closes_the_window():
    """A locked screen ends the window event and starts an away period even before the idle threshold."""
    rig = Rig(CaptureSettings(idle_threshold=300))
    rig.windows.show("Memo.docx - Word")
    rig.run(5)
    rig.windows.show("Memo.docx - Word", locked=True)
    rig.run(10, touch=False)
    assert rig.agent.status().state == "locked"
    afk = rig.events(Source.AFK)
    assert afk[-1].payload == AfkPayload(away=True)
    assert rig.events(Source.WINDOW)[0].end == T0 + timedelta(seconds=4)


def test_wall_clock_jump_forward_closes_events_at_the_last_good_sample():
    """Sleep/resume (wall clock leaps, monotonic does not) ends the open events at the last sample: no bogus hours."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(5)
    rig.clock.wall += timedelta(hours=3)  # suspended for three hours
    rig.run(5)
    windows = rig.events(Source.WINDOW)
    assert [secs(w) for w in windows] == [4.0, 4.0]
    assert windows[1].start - windows[0].end > timedelta(hours=2)
    assert rig.agent.status().clock_jumps == 1


def test_monotonic_stall_also_breaks_continuity():
    """A sampler that did not run for a long time (both clocks advanced) does not stretch the event over the gap."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(3)
    rig.clock.tick(600)
    rig.run(3)
    assert [secs(w) for w in rig.events(Source.WINDOW)] == [2.0, 2.0]


def test_wall_clock_moving_back_never_overlaps_recorded_time():
    """After the clock is set back, capture waits until it passes the latest recorded time: no second counted twice."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(10)
    rig.clock.wall -= timedelta(seconds=5)
    rig.run(3)
    assert rig.agent.status().state == "clock-behind"
    rig.run(10)
    windows = rig.events(Source.WINDOW)
    assert len(windows) == 2
    assert windows[1].start >= windows[0].end
    for a, b in itertools.pairwise(windows):
        assert a.end <= b.start


def test_os_error_in_one_sample_is_logged_and_the_next_proceeds(caplog: pytest.LogCaptureFixture):
    """A failing sample is counted and logged; sampling carries on and the window is captured again."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(2)
    rig.windows.fail = True
    rig.run(1)
    rig.windows.fail = False
    rig.run(2)
    assert rig.agent.status().errors == 1
    assert "window server hiccupped" in caplog.text
    assert [secs(w) for w in rig.events(Source.WINDOW)] == [4.0]


def test_no_active_window_is_transient():
    """A moment with no active window neither ends nor extends the event; capture picks up again."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(3)
    rig.windows.current = None
    rig.run(1)
    assert rig.agent.status().state == "no-window"
    rig.windows.show("Memo.docx - Word")
    rig.run(3)
    assert [secs(w) for w in rig.events(Source.WINDOW)] == [6.0]


def test_failed_flush_keeps_closed_events_for_the_next_one():
    """When the sink fails (disk full, locked db), closed events are retried at the next flush, not lost."""

    class Flaky(ListSink):
        fail = True

        def __call__(self, batch: Sequence[Event]) -> None:
            if self.fail:
                raise OSError("disk full")
            super().__call__(batch)

    sink = Flaky()
    rig = Rig(sink=sink)
    rig.windows.show("A.docx - Word")
    rig.run(3)
    rig.windows.show("B.docx - Word", handle=2)
    rig.run(3)
    assert rig.agent.flush() == 0
    sink.fail = False
    rig.run(1)
    titles = [e.payload.title for e in rig.events(Source.WINDOW)]
    assert titles == ["A.docx - Word", "B.docx - Word"]


def test_excluded_app_is_stored_as_a_bare_excluded_event(tmp_path: Path):
    """Time in an excluded application is stored as "(excluded)" with no title, pid or executable."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    rig = Rig(CaptureSettings(excluded_apps=("KeePassXC",)), sink=log.add_many)
    rig.windows.show("Passwords.kdbx - KeePassXC", app="keepassxc", handle=3)
    rig.run(4)
    rig.windows.show("Memo.docx - Word")
    rig.run(2)
    rig.agent.stop()
    with db.connect() as conn:
        rows = conn.exec_driver_sql("SELECT source, data FROM events ORDER BY start_ms").all()
    datas = [d for s, d in rows if s == "window"]
    assert datas[0] == '{"app":"(excluded)","title":""}'
    assert not any("kdbx" in d.lower() or "keepass" in d.lower() for _, d in rows)


def test_excluded_time_can_be_left_out_entirely(tmp_path: Path):
    """With record_excluded_time off, excluded titles leave no window rows at all."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    settings = CaptureSettings(excluded_titles=(r"\bmy bank\b",), record_excluded_time=False)
    rig = Rig(settings, sink=log.add_many)
    rig.windows.show("My Bank - Accounts", app="firefox", handle=4)
    rig.run(4)
    rig.agent.stop()
    with db.connect() as conn:
        windows = conn.exec_driver_sql("SELECT data FROM events WHERE source = 'window'").all()
    assert windows == []


def test_excluded_url_domain_covers_subdomains(tmp_path: Path):
    """A browser tab on an excluded domain (or its subdomain) is stored without title or URL."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    tabs = BrowserTabs()
    rig = Rig(CaptureSettings(excluded_domains=("healthportal.example",)), sink=log.add_many, tabs=tabs)
    tabs.report(
        "https://my.healthportal.example/results", "Lab results", incognito=False, received=rig.clock.mono
    )
    rig.windows.show("Lab results - Google Chrome", app="chrome", handle=5)
    rig.run(3)
    rig.agent.stop()
    with db.connect() as conn:
        rows = [d for (d,) in conn.exec_driver_sql("SELECT data FROM events WHERE source = 'window'")]
    assert rows == ['{"app":"(excluded)","title":""}']


def test_private_mode_stores_nothing(tmp_path: Path):
    """In private mode no event of any kind is stored; capture resumes when it is switched off."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    rig = Rig(sink=log.add_many)
    rig.windows.show("Public.docx - Word")
    rig.run(3)
    rig.agent.set_private(True)
    rig.windows.show("Secret personal thing - Word", handle=2)
    rig.run(5)
    assert rig.agent.status().state == "private"
    rig.agent.flush()
    with db.connect() as conn:
        during = conn.exec_driver_sql("SELECT data FROM events").all()
    assert not any("Secret" in d for (d,) in during)
    rig.agent.set_private(False)
    rig.windows.show("Public.docx - Word")
    rig.run(2)
    rig.agent.stop()
    with db.connect() as conn:
        rows = conn.exec_driver_sql("SELECT source, start_ms, end_ms, data FROM events").all()
    assert not any("Secret" in r[3] for r in rows)
    private_start = (T0 + timedelta(seconds=3)).timestamp() * 1000
    private_end = (T0 + timedelta(seconds=8)).timestamp() * 1000
    assert not any(r[1] < private_end and r[2] > private_start for r in rows)


def test_timed_pause_ends_by_itself():
    """pause(seconds) records nothing for that long, then capture resumes without a call to resume()."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.run(2)
    rig.agent.pause(5)
    rig.run(5)
    assert rig.agent.status().state == "paused"
    rig.run(3)
    assert rig.agent.status().state == "capturing"
    windows = rig.events(Source.WINDOW)
    assert [(w.start - T0).total_seconds() for w in windows] == [0.0, 7.0]
    assert windows[0].end == T0 + timedelta(seconds=1)


def test_pause_until_resume():
    """pause() without a duration lasts until resume()."""
    rig = Rig()
    rig.windows.show("Memo.docx - Word")
    rig.agent.pause()
    rig.run(100)
    assert rig.events() == []
    rig.agent.resume()
    rig.run(2)
    assert len(rig.events(Source.WINDOW)) == 1


def test_redaction_happens_before_the_sink(tmp_path: Path):
    """SSNs and card numbers in titles and URLs never reach the database; matter numbers stay."""
    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    tabs = BrowserTabs()
    rig = Rig(sink=log.add_many, tabs=tabs)
    rig.windows.show("Client 123-45-6789 intake 2024-000123-0001.docx - Word")
    rig.run(2)
    tabs.report(
        "https://pay.example/card?n=4111111111111111",
        "Pay 4111 1111 1111 1111",
        incognito=False,
        received=rig.clock.mono,
    )
    rig.windows.show("Pay 4111 1111 1111 1111 - Google Chrome", app="chrome", handle=7)
    rig.run(2)
    rig.agent.stop()
    with db.connect() as conn:
        blob = " ".join(d for (d,) in conn.exec_driver_sql("SELECT data FROM events"))
    assert "123-45-6789" not in blob
    assert "4111" not in blob
    assert "2024-000123-0001" in blob
    assert blob.count("[redacted]") >= 3


def test_browser_url_attached_when_the_tab_matches_the_window():
    """The extension's URL goes into the window event when its tab title begins the browser window's title."""
    tabs = BrowserTabs()
    rig = Rig(tabs=tabs)
    tabs.report("https://casetext.example/case/1", "Smith v. Jones", incognito=False, received=rig.clock.mono)
    rig.windows.show("Smith v. Jones - Google Chrome", app="chrome", handle=9)
    rig.run(2)
    rig.windows.show("Other page - Google Chrome", app="chrome", handle=9)
    rig.run(2)
    urls = [w.payload.url for w in rig.events(Source.WINDOW)]
    assert urls == ["https://casetext.example/case/1", None]


def test_incognito_tab_blanks_the_browser_window():
    """While the extension says a private tab is active, the browser window is stored without title or URL."""
    tabs = BrowserTabs()
    rig = Rig(tabs=tabs)
    tabs.report("https://secret.example", "Secret", incognito=True, received=rig.clock.mono)
    rig.windows.show("Secret - Chromium", app="chromium", handle=9)
    rig.run(3)
    (window,) = rig.events(Source.WINDOW)
    assert window.payload == WindowPayload(app="chromium", title="", incognito=True)


def test_call_window_is_a_call_while_it_stays_open():
    """A Zoom meeting window is a call event that continues while the window exists, even behind other windows."""
    rig = Rig()
    rig.windows.mic = True
    rig.windows.show("Zoom Meeting", app="zoom", handle=20)
    rig.run(5)
    rig.windows.show("Notes.docx - Word", handle=21)
    rig.run(5)
    del rig.windows.titles[20]  # the meeting ends
    rig.run(2)
    (call,) = rig.events(Source.CALL)
    assert call.payload == CallPayload(app="zoom", title="Zoom Meeting", microphone_in_use=True)
    assert secs(call) == 10.0


def test_outlook_message_window_is_email_with_subject():
    """An Outlook message window becomes an e-mail event with its subject; an untitled one is a compose."""
    rig = Rig()
    rig.windows.show("RE: Smith closing - Message (HTML)", app="OUTLOOK", handle=30)
    rig.run(3)
    rig.windows.show("Untitled - Message (HTML)", app="OUTLOOK", handle=31)
    rig.run(3)
    emails = [e.payload for e in rig.events(Source.EMAIL)]
    assert emails == [
        EmailPayload(subject="RE: Smith closing", direction="read"),
        EmailPayload(subject="", direction="compose"),
    ]


def test_status_reports_what_is_captured_now():
    """status() names the state and the (redacted) window being captured."""
    rig = Rig()
    assert rig.agent.status().state == "starting"
    rig.windows.show("Memo 123-45-6789.docx - Word")
    rig.run(1)
    status = rig.agent.status()
    assert status.state == "capturing"
    assert status.window is not None and "6789" not in status.window.title
    assert "capturing | WINWORD" in status.describe()
    data = json.loads(json.dumps(status.to_dict()))
    assert data["state"] == "capturing" and data["window"]["app"] == "WINWORD" and data["summary"]


def test_document_path_from_open_files():
    """The full document path comes from the process's open files when the title names the file."""

    def files(pid: int) -> list[str]:
        return ["/tmp/x.log", "/home/a/Matters/Smith/Lease.docx", "/home/a/Matters/Smith/~$Lease.docx"]

    rig = Rig()
    rig.agent.documents = DocumentFinder(files)
    rig.windows.show("Lease.docx - LibreOffice Writer", app="soffice.bin")
    rig.run(2)
    (window,) = rig.events(Source.WINDOW)
    assert window.payload.document == "/home/a/Matters/Smith/Lease.docx"


def test_process_details_are_stored_only_when_asked():
    """By default neither the pid nor an executable path that repeats the app name is stored; both on request."""
    lean = Rig()
    lean.windows.current = WindowSample(
        "Memo.docx - Word", "WINWORD", "C:\\Office\\WINWORD.EXE", pid=42, handle=1
    )
    lean.run(2)
    (w,) = lean.events(Source.WINDOW)
    assert (w.payload.pid, w.payload.executable) == (None, None)
    other = Rig()
    other.windows.current = WindowSample(
        "x", "soffice.bin", "/usr/lib/libreoffice/program/oosplash", pid=42, handle=1
    )
    other.run(2)
    assert other.events(Source.WINDOW)[0].payload.executable == "/usr/lib/libreoffice/program/oosplash"
    full = Rig(CaptureSettings(store_process_details=True))
    full.windows.current = lean.windows.current
    full.run(2)
    (w,) = full.events(Source.WINDOW)
    assert (w.payload.pid, w.payload.executable) == (42, "C:\\Office\\WINWORD.EXE")


def test_settings_from_json_mapping():
    """Settings load from plain JSON data; unknown keys are refused."""
    settings = CaptureSettings.from_mapping({"idle_threshold": 5, "excluded_apps": ["x"], "redactions": []})
    assert settings.idle_threshold == 5 and settings.excluded_apps == ("x",) and settings.redactions == ()
    with pytest.raises(ValueError, match="unknown"):
        CaptureSettings.from_mapping({"idle_treshold": 5})
    assert replace(settings, idle_threshold=7).idle_threshold == 7
