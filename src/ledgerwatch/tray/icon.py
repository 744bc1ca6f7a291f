"""The pystray icon: a picture of the capture state and a menu whose items call injected services.

pystray picks its backend when imported (and the X backend connects at import), so it is imported lazily:
GTK/AppIndicator when PyGObject is installed, else the plain X backend when there is a display, else the
dummy backend (headless: the menu still works from Python).
"""

from __future__ import annotations

import contextlib
import enum
import logging
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from PIL import Image, ImageDraw

log = logging.getLogger(__name__)


class TrayState(enum.StrEnum):
    RECORDING = "recording"
    PAUSED = "paused"
    PRIVATE = "private"
    SYNC_PROBLEM = "sync_problem"
    POLICY_PROBLEM = "policy_problem"


COLOURS = {
    TrayState.RECORDING: (30, 122, 79),
    TrayState.PAUSED: (196, 138, 18),
    TrayState.PRIVATE: (107, 114, 128),
    TrayState.SYNC_PROBLEM: (180, 35, 24),
    TrayState.POLICY_PROBLEM: (126, 34, 206),
}
TOOLTIPS = {
    TrayState.RECORDING: "ledgerwatch: recording",
    TrayState.PAUSED: "ledgerwatch: paused",
    TrayState.PRIVATE: "ledgerwatch: private mode (nothing recorded)",
    TrayState.SYNC_PROBLEM: "ledgerwatch: sync needs attention",
    TrayState.POLICY_PROBLEM: "ledgerwatch: IT's policy could not be read; running on its last good version",
}


def draw_state(state: TrayState, size: int = 64) -> Image.Image:
    """The icon for a state: a clock face in the state's colour, with a pause bar, an eye-slash or a '!'."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    pad = size // 16
    d.ellipse((pad, pad, size - pad, size - pad), fill=COLOURS[state] + (255,))
    c = size / 2
    w = max(size // 12, 2)
    white = (255, 255, 255, 255)
    if state is TrayState.RECORDING:
        d.line((c, c, c, size * 0.24), fill=white, width=w)
        d.line((c, c, size * 0.70, size * 0.62), fill=white, width=w)
        d.ellipse((c - w, c - w, c + w, c + w), fill=white)
    elif state is TrayState.PAUSED:
        bar = size * 0.12
        d.rectangle((c - bar * 1.6, size * 0.3, c - bar * 0.4, size * 0.7), fill=white)
        d.rectangle((c + bar * 0.4, size * 0.3, c + bar * 1.6, size * 0.7), fill=white)
    elif state is TrayState.PRIVATE:
        d.ellipse((size * 0.25, size * 0.38, size * 0.75, size * 0.62), outline=white, width=w)
        d.line((size * 0.25, size * 0.75, size * 0.75, size * 0.25), fill=white, width=w)
    else:
        d.rectangle((c - w, size * 0.22, c + w, size * 0.6), fill=white)
        d.ellipse((c - w, size * 0.68, c + w, size * 0.68 + 2 * w), fill=white)
    return img


@dataclass(frozen=True)
class TrayActions:
    """The services the menu calls (injected by the composition root)."""

    review_today: Callable[[], object]
    pause: Callable[[int | None], object]
    """minutes to pause, or None for until resumed"""
    resume: Callable[[], object]
    set_private: Callable[[bool], object]
    sync_now: Callable[[], object]
    settings: Callable[[], object]
    open_data_folder: Callable[[], object]
    quit: Callable[[], object]
    state: Callable[[], TrayState]
    notice: Callable[[], str | None] = lambda: None
    """what the user must do for capture to see everything (a missing permission), shown in the tooltip and menu"""


def tooltip(state: TrayState, notice: str | None) -> str:
    """The icon's tooltip: the state, and a missing permission said plainly."""
    return f"{TOOLTIPS[state]}. {notice}" if notice else TOOLTIPS[state]


def menu_entries(actions: TrayActions, stop: Callable[[], object]) -> list[tuple[str, Any]]:
    """The menu as (label, callable or sub-list); pystray-free so it can be read and tested anywhere."""

    def quit_all() -> None:
        actions.quit()
        stop()

    notice = actions.notice()
    return [
        *([(notice, lambda: None)] if notice else []),
        ("Review today", actions.review_today),
        (
            "Pause",
            [
                ("15 minutes", lambda: actions.pause(15)),
                ("1 hour", lambda: actions.pause(60)),
                ("Until resumed", lambda: actions.pause(None)),
                ("Resume", actions.resume),
            ],
        ),
        ("Private mode", lambda: actions.set_private(actions.state() is not TrayState.PRIVATE)),
        ("Sync now", actions.sync_now),
        ("Settings", actions.settings),
        ("Open data folder", actions.open_data_folder),
        ("Quit", quit_all),
    ]


def load_pystray(env: dict[str, str] | None = None) -> ModuleType:
    """Import pystray with a backend that works here (see the module docstring)."""
    environ = os.environ if env is None else env
    if sys.platform.startswith("linux") and "PYSTRAY_BACKEND" not in environ:
        try:
            import gi  # type: ignore[import-not-found]  # noqa: F401

            has_gi = True
        except ImportError:
            has_gi = False
        if not has_gi:
            os.environ["PYSTRAY_BACKEND"] = "xorg" if environ.get("DISPLAY") else "dummy"
    import pystray

    module: ModuleType = pystray
    return module


class Tray:
    """The running icon: refresh() redraws it from actions.state(); notify() shows a message."""

    def __init__(self, actions: TrayActions, pystray: ModuleType | None = None) -> None:
        self.actions = actions
        self.pystray = pystray or load_pystray()
        self.state = actions.state()
        self.notice = actions.notice()
        self._drawing = threading.Lock()
        self.icon = self.pystray.Icon(
            "ledgerwatch", draw_state(self.state), tooltip(self.state, self.notice), menu=self._menu()
        )

    def _menu(self) -> Any:
        ps = self.pystray

        def item(label: str, target: Any) -> Any:
            if isinstance(target, list):
                return ps.MenuItem(label, ps.Menu(*(item(sub, call) for sub, call in target)))
            action = _wrap(target, self.refresh)
            if label == "Private mode":
                return ps.MenuItem(
                    label, action, checked=lambda _i: self.actions.state() is TrayState.PRIVATE
                )
            return ps.MenuItem(label, action, default=label == "Review today")

        return ps.Menu(*(item(label, target) for label, target in menu_entries(self.actions, self.stop)))

    def refresh(self) -> None:
        """Redraw the icon for the current state, without waiting for it: pystray's X backend makes the
        caller wait until its own loop has drawn, so a tray loop that stalls would stall whoever refreshed
        (a menu action, the agent); the drawing runs on a thread of its own, one at a time."""
        state, notice = self.actions.state(), self.actions.notice()
        changed = state is not self.state or notice != self.notice
        self.state, self.notice = state, notice
        threading.Thread(
            target=self._redraw, args=(state, notice, changed), name="lw-tray-redraw", daemon=True
        ).start()

    def _redraw(self, state: TrayState, notice: str | None, changed: bool) -> None:
        with self._drawing:
            if changed:
                self.icon.icon = draw_state(state)
                self.icon.title = tooltip(state, notice)
            with contextlib.suppress(NotImplementedError, AttributeError):
                self.icon.update_menu()

    def notify(self, message: str, title: str = "ledgerwatch") -> bool:
        try:
            self.icon.notify(message, title)
        except (NotImplementedError, AttributeError):
            return False
        return True

    def run(self, setup: Callable[[Any], object] | None = None) -> None:
        """Run the icon's loop on this (main) thread until Quit: pystray's backends want the main thread (GTK
        and AppKit run their loop nowhere else), and a stop from a menu item or a signal handler then runs on
        the loop's own thread, never waiting for it."""

        def started(icon: Any) -> None:
            self.show()
            if setup is not None:
                setup(icon)

        self.icon.run(setup=started)

    def run_detached(self) -> bool:
        """Run the icon's loop in the background; False when the backend has none (headless)."""
        try:
            self.icon.run_detached()
        except NotImplementedError:
            return False
        return True

    def show(self) -> bool:
        """Make the icon visible; False when there is no tray host to dock in (the menu still works)."""
        try:
            self.icon.visible = True
        except AssertionError:
            return False
        return True

    def stop(self, wait: float = 10.0) -> None:
        """End the icon's loop, waiting for pystray at most `wait` seconds (longer than the 5 s pystray gives
        its setup thread). Called from another thread than the loop's, pystray's X backend hands the stop to
        its loop and waits for an answer that never comes once the loop has lost its window (no tray host):
        the caller goes on after `wait` instead of hanging for ever."""
        finished = threading.Event()

        def stop_icon() -> None:
            try:
                self.icon.stop()
            except Exception as exc:  # pystray's backends raise their toolkit's errors
                log.warning("the tray icon did not stop cleanly: %s", exc)
            finally:
                finished.set()

        threading.Thread(target=stop_icon, name="lw-tray-stop", daemon=True).start()
        if not finished.wait(wait):
            log.warning("the tray icon did not stop within %.0f s; ledgerwatch stops without it", wait)


def _wrap(call: Callable[[], object], after: Callable[[], None]) -> Callable[[], None]:
    def action() -> None:
        call()
        after()

    return action
