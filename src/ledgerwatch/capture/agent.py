"""The capture agent: samples the desktop, applies privacy rules, merges heartbeats and flushes to a sink.

Channels (one open event each): window, call, email and afk. Away periods are authoritative: while away no
window, call or e-mail time is recorded, and the window event ends at the last input. A window event flushed while
the idle threshold was still running can reach into the away period by up to the threshold; consumers subtract
away periods (invariant 3).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from ledgerwatch.capture.classify import (
    CALL_TITLE,
    Observation,
    classify,
    document_from_title,
    is_browser,
    tab_for,
)
from ledgerwatch.capture.documents import DocumentFinder
from ledgerwatch.capture.heartbeat import Heartbeats
from ledgerwatch.capture.privacy import Privacy
from ledgerwatch.capture.samples import Clock, IdleBackend, SystemClock, WindowBackend, WindowSample
from ledgerwatch.capture.settings import CaptureSettings
from ledgerwatch.capture.tabs import BrowserTabs
from ledgerwatch.domain import AfkPayload, CallPayload, EmailPayload, Event, Source, WindowPayload
from ledgerwatch.domain.text import clean_line, clean_record

log = logging.getLogger(__name__)

Sink = Callable[[Sequence[Event]], object]

WINDOW, CALL, EMAIL, AFK = "window", "call", "email", "afk"
MIC_RECHECK_SECONDS = 5.0


@dataclass(frozen=True, slots=True)
class CaptureStatus:
    """What the agent is capturing right now, for `ledgerwatch status` and the tray."""

    state: str
    """capturing | away | locked | no-window | excluded | private-browsing | paused | private | clock-behind |
    starting | stopped"""
    window: WindowPayload | None = None
    call: CallPayload | None = None
    email: EmailPayload | None = None
    idle_seconds: float | None = None
    paused_until: datetime | None = None
    """When a timed pause ends; None with state "paused" means until resumed."""
    notice: str | None = None
    """A backend limitation the user should know (e.g. Wayland)."""
    last_sample: datetime | None = None
    last_flush: datetime | None = None
    pending_events: int = 0
    errors: int = 0
    clock_jumps: int = 0
    browser_dropped: int = 0
    """browser-extension reports dropped by the endpoint's rate limit"""

    def to_dict(self) -> dict[str, object]:
        """Plain JSON-ready data (for a status file or an HTTP status route read by `ledgerwatch status`)."""
        out: dict[str, object] = {}
        for name in self.__slots__:
            value = getattr(self, name)
            if isinstance(value, datetime):
                value = value.isoformat()
            elif value is not None and hasattr(value, "__dataclass_fields__"):
                value = {k: getattr(value, k) for k in value.__dataclass_fields__}
            out[name] = value
        out["summary"] = self.describe()
        return out

    def describe(self) -> str:
        """One line for a terminal."""
        parts = [self.state]
        if self.window is not None and self.state in {"capturing", "excluded", "private-browsing"}:
            label = self.window.app + (f" — {self.window.title}" if self.window.title else "")
            parts.append(label)
        if self.call is not None:
            parts.append(f"call: {self.call.app}")
        if self.email is not None:
            parts.append(f"e-mail ({self.email.direction}): {self.email.subject}")
        if self.paused_until is not None:
            parts.append(f"until {self.paused_until.isoformat(timespec='seconds')}")
        if self.notice:
            parts.append(self.notice)
        return " | ".join(parts)


class CaptureAgent:
    """Samples every settings.sample_interval seconds and flushes every settings.flush_interval seconds."""

    def __init__(
        self,
        window_backend: WindowBackend,
        idle_backend: IdleBackend,
        sink: Sink,
        settings: CaptureSettings | None = None,
        clock: Clock | None = None,
        tabs: BrowserTabs | None = None,
        documents: DocumentFinder | None = None,
        notice: str | Callable[[], str | None] | None = None,
        on_flush: Callable[[CaptureStatus], object] | None = None,
    ) -> None:
        self.window_backend = window_backend
        self.idle_backend = idle_backend
        self.sink = sink
        self.settings = settings or CaptureSettings()
        self.clock = clock or SystemClock()
        self.tabs = tabs
        self.documents = documents if documents is not None else DocumentFinder()
        self.notice = notice
        self.on_flush = on_flush
        """Called after every flush (stored or not) with the status as of that flush: the status file's writer."""
        self.privacy = Privacy(self.settings)
        self.heartbeats = Heartbeats(self.settings.origin)
        self._lock = threading.RLock()
        self._pulse = timedelta(seconds=self.settings.continuity)
        self._threshold = timedelta(seconds=self.settings.idle_threshold)
        self._last_wall: datetime | None = None
        self._last_mono: float | None = None
        self._epoch: datetime | None = None
        """Start of the current stretch of continuous observation; nothing is recorded before it."""
        self._high_water: datetime | None = None
        """The latest time recorded; after the clock moves back, capture waits until it is passed."""
        self._away = False
        self._paused_until: datetime | None = None
        self._paused = False
        self._private = False
        self._call_handle: int | None = None
        self._mic: tuple[float, bool | None] | None = None
        self._status = CaptureStatus(state="starting", notice=notice() if callable(notice) else notice)
        self._idle: float | None = None
        self._errors = 0
        self._jumps = 0
        self._last_flush: datetime | None = None

    # --- control -----------------------------------------------------------------------------------------

    def pause(self, seconds: float | None = None) -> None:
        """Capture nothing until resume() or, when given, for `seconds`; open events end at their last sample."""
        with self._lock:
            now = self.clock.now()
            self._stop_recording()
            self._paused = True
            self._paused_until = now + timedelta(seconds=seconds) if seconds is not None else None
            self._status = self._make_status("paused")

    def resume(self) -> None:
        with self._lock:
            self._paused = False
            self._paused_until = None

    def set_private(self, on: bool) -> None:
        """Private mode: nothing at all is captured while on."""
        with self._lock:
            if on and not self._private:
                self._stop_recording()
            self._private = on
            self._status = self._make_status("private" if on else "starting")

    def status(self) -> CaptureStatus:
        with self._lock:
            return self._status

    # --- sampling ----------------------------------------------------------------------------------------

    def sample_once(self) -> CaptureStatus:
        """Take one sample and merge it into the open events; never raises for OS errors."""
        with self._lock:
            now = self.clock.now()
            mono = self.clock.monotonic()
            self._check_continuity(now, mono)
            self._last_wall, self._last_mono = now, mono
            state = self._sample(now, mono)
            self._status = self._make_status(state, now)
            return self._status

    def _check_continuity(self, now: datetime, mono: float) -> None:
        if self._last_wall is None or self._last_mono is None:
            return
        wall_step = (now - self._last_wall).total_seconds()
        mono_step = mono - self._last_mono
        limit = self.settings.continuity
        if wall_step < 0 or wall_step > limit or abs(wall_step - mono_step) > limit:
            log.warning(
                "capture: time discontinuity (wall %+.1fs, monotonic %+.1fs): closing open events at their last sample",
                wall_step,
                mono_step,
            )
            self._jumps += 1
            self._stop_recording()

    def _stop_recording(self) -> None:
        """Close every open event where it was last seen; the next sample starts afresh."""
        self._note_high_water()
        self.heartbeats.close_all(None)
        self._away = False
        self._epoch = None
        self._call_handle = None

    def _note_high_water(self) -> None:
        for current in self.heartbeats.open.values():
            if self._high_water is None or current.last_seen > self._high_water:
                self._high_water = current.last_seen

    def _sample(self, now: datetime, mono: float) -> str:
        if self._private:
            return "private"
        if self._paused:
            if self._paused_until is None or now < self._paused_until:
                return "paused"
            self._paused, self._paused_until = False, None
        if self._high_water is not None and now < self._high_water:
            return "clock-behind"
        if self._epoch is None:
            self._epoch = now
        sample = self._read_window()
        idle = self._read_idle()
        self._idle = idle
        locked = sample is not None and sample.locked
        if locked or (idle is not None and idle >= self.settings.idle_threshold):
            self._go_away(now, idle if idle is not None else 0.0)
            return "locked" if locked else "away"
        if idle is not None:
            self._present(now, idle)
        if sample is None:
            return "no-window"
        observation = self._observe(sample, mono)
        self._record(observation, sample, now)
        if observation.private:
            return "private-browsing"
        return "excluded" if observation.excluded else "capturing"

    def _read_window(self) -> WindowSample | None:
        """The foreground window, its texts without control or bidirectional-override characters."""
        try:
            sample = self.window_backend.active_window()
        except Exception as exc:  # an OS hiccup must not stop capture
            self._error("window sample failed", exc)
            return None
        return None if sample is None else clean_record(sample)

    def _read_idle(self) -> float | None:
        try:
            return self.idle_backend.seconds_since_input()
        except Exception as exc:
            self._error("idle query failed", exc)
            return None

    def _error(self, what: str, exc: BaseException) -> None:
        self._errors += 1
        if self._errors <= 5 or self._errors % 100 == 0:
            log.warning("capture: %s (%d so far): %r", what, self._errors, exc)

    def _last_input(self, now: datetime, idle: float) -> datetime:
        moment = now - timedelta(seconds=max(idle, 0.0))
        return max(moment, self._epoch) if self._epoch is not None else moment

    def _go_away(self, now: datetime, idle: float) -> None:
        if not self._away:
            since = self._last_input(now, idle)
            for channel in (WINDOW, CALL, EMAIL):
                self.heartbeats.close(channel, since)
            self._call_handle = None
            self.heartbeats.close(AFK, since)
            self.heartbeats.beat(AFK, Source.AFK, AfkPayload(away=True), since, self._pulse)
            self._away = True
        self.heartbeats.extend(AFK, now)

    def _present(self, now: datetime, idle: float) -> None:
        last_input = self._last_input(now, idle)
        if self._away:
            self.heartbeats.close(AFK, last_input)
            self._away = False
        current = self.heartbeats.open.get(AFK)
        if current is None or current.payload != AfkPayload(away=False):
            self.heartbeats.beat(AFK, Source.AFK, AfkPayload(away=False), last_input, self._pulse)
        else:
            self.heartbeats.extend(AFK, last_input)

    def _observe(self, sample: WindowSample, mono: float) -> Observation:
        if sample.document is None and not is_browser(sample):
            name = document_from_title(sample.app, sample.title)
            document = (
                self._find_document(sample.pid, sample.title, name) if self.settings.document_lookup else name
            )
            if document is not None:
                sample = WindowSample(
                    title=sample.title,
                    app=sample.app,
                    executable=sample.executable,
                    pid=sample.pid,
                    document=document,
                    handle=sample.handle,
                )
        latest = self.tabs.latest() if self.tabs is not None else None
        tab = tab_for(sample, latest, mono, self.settings.browser_fresh_seconds)
        return classify(sample, tab, self.privacy, self.settings)

    def _find_document(self, pid: int | None, title: str, name: str | None) -> str | None:
        try:
            return self.documents.find(pid, title, name)
        except Exception as exc:
            self._error("document lookup failed", exc)
            return name

    def _record(self, obs: Observation, sample: WindowSample, now: datetime) -> None:
        beats = self.heartbeats
        if obs.window is not None:
            beats.beat(WINDOW, Source.WINDOW, obs.window, now, self._pulse)
        else:
            beats.close(WINDOW, now)
        if obs.email is not None:
            beats.beat(EMAIL, Source.EMAIL, obs.email, now, self._pulse)
        else:
            beats.close(EMAIL, now)
        if obs.call is not None:
            call = CallPayload(
                app=obs.call.app,
                title=obs.call.title,
                peer=obs.call.peer,
                microphone_in_use=self._microphone(),
            )
            beats.beat(CALL, Source.CALL, call, now, self._pulse)
            self._call_handle = sample.handle
        else:
            self._follow_call(now)

    def _follow_call(self, now: datetime) -> None:
        """A call goes on while its window still exists with the same title, even when it is not in front."""
        current = self.heartbeats.open.get(CALL)
        if current is None:
            return
        title = None
        if self._call_handle is not None:
            try:
                title = self.window_backend.window_title(self._call_handle)
            except Exception as exc:
                self._error("call window look-up failed", exc)
        payload = current.payload
        if (
            title is not None
            and isinstance(payload, CallPayload)
            and self.privacy.redact(clean_line(title)) == payload.title
            and CALL_TITLE.search(title)
        ):
            self.heartbeats.extend(CALL, now)
        else:
            self.heartbeats.close(CALL, now)
            self._call_handle = None

    def _microphone(self) -> bool | None:
        mono = self.clock.monotonic()
        if self._mic is None or mono - self._mic[0] > MIC_RECHECK_SECONDS:
            try:
                state = self.window_backend.microphone_in_use()
            except Exception as exc:
                self._error("microphone query failed", exc)
                state = None
            self._mic = (mono, state)
        return self._mic[1]

    def _make_status(self, state: str, now: datetime | None = None) -> CaptureStatus:
        def payload(channel: str) -> object:
            current = self.heartbeats.open.get(channel)
            return current.payload if current is not None else None

        window, call, email = payload(WINDOW), payload(CALL), payload(EMAIL)
        return CaptureStatus(
            state=state,
            window=window if isinstance(window, WindowPayload) else None,
            call=call if isinstance(call, CallPayload) else None,
            email=email if isinstance(email, EmailPayload) else None,
            idle_seconds=self._idle,
            paused_until=self._paused_until,
            notice=self.notice() if callable(self.notice) else self.notice,
            last_sample=now or self._last_wall,
            last_flush=self._last_flush,
            pending_events=len(self.heartbeats.closed) + len(self.heartbeats.open),
            errors=self._errors,
            clock_jumps=self._jumps,
            browser_dropped=self.tabs.dropped if self.tabs is not None else 0,
        )

    # --- flushing ----------------------------------------------------------------------------------------

    def flush(self) -> int:
        """Hand closed events and snapshots of open ones to the sink; returns how many were handed over.

        on_flush runs afterwards, so what it reports (e.g. the status file) is never a flush behind.
        """
        with self._lock:
            batch = self.heartbeats.drain()
        stored = 0
        if batch:
            try:
                self.sink(batch)
                stored = len(batch)
            except Exception as exc:
                log.error("capture: storing %d events failed, will retry: %r", len(batch), exc)
                with self._lock:
                    self.heartbeats.requeue(batch)
                    self._errors += 1
        with self._lock:
            if stored:
                self._last_flush = self.clock.now()
            self._status = dataclasses.replace(
                self._status,
                last_flush=self._last_flush,
                pending_events=len(self.heartbeats.closed) + len(self.heartbeats.open),
                errors=self._errors,
            )
            status = self._status
        if self.on_flush is not None:
            try:
                self.on_flush(status)
            except Exception as exc:
                self._error("after-flush report failed", exc)
        return stored

    def stop(self) -> None:
        """Close every open event at its last sample and flush."""
        with self._lock:
            self._stop_recording()
            self._status = self._make_status("stopped")
        self.flush()

    def run_forever(self, stop: threading.Event) -> None:
        """Sample and flush on schedule until stop is set; then close open events and flush once more."""
        interval = self.settings.sample_interval
        next_sample = self.clock.monotonic()
        last_flush = next_sample
        try:
            while not stop.is_set():
                self.sample_once()
                mono = self.clock.monotonic()
                if mono - last_flush >= self.settings.flush_interval:
                    self.flush()
                    last_flush = mono
                next_sample += interval
                delay = next_sample - self.clock.monotonic()
                if delay < 0:
                    next_sample = self.clock.monotonic()
                    delay = 0.0
                stop.wait(delay)
        finally:
            self.stop()
