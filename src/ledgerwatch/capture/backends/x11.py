"""X11 (EWMH) backend via python-xlib: _NET_ACTIVE_WINDOW, _NET_WM_NAME, _NET_WM_PID; XScreenSaver for idle.

Process names come from psutil, cached by pid (never pywinctl's getAppName(), which forks `ps` on every call).
One sample costs a few X round trips (about 0.3 ms).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.samples import WindowSample

log = logging.getLogger(__name__)


class X11Display:
    """One lazily (re)opened connection; a lost connection is dropped and reopened on the next use."""

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self._display: Any = None

    def get(self) -> Any:
        if self._display is None:
            from Xlib import display

            self._display = display.Display(self.name)
        return self._display

    def reset(self) -> None:
        if self._display is not None:
            try:
                self._display.close()
            except Exception:
                log.debug("closing the X display failed", exc_info=True)
        self._display = None


class X11WindowBackend:
    """The EWMH active window of an X11 session (or XWayland)."""

    def __init__(self, display_name: str | None = None, processes: ProcessNames | None = None) -> None:
        self._x = X11Display(display_name)
        self._processes = processes or ProcessNames()
        self._pids: OrderedDict[int, int | None] = OrderedDict()
        self._atoms: dict[str, int] = {}
        self._has_saver: bool | None = None

    def _atom(self, name: str) -> int:
        if name not in self._atoms:
            self._atoms[name] = self._x.get().intern_atom(name)
        return self._atoms[name]

    def active_window(self) -> WindowSample | None:
        from Xlib import X, error

        try:
            d = self._x.get()
            root = d.screen().root
            prop = root.get_full_property(self._atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
            wid = int(prop.value[0]) if prop is not None and len(prop.value) else 0
            locked = self._screen_off(root)
            if not wid:
                return None
            win = d.create_resource_object("window", wid)
            title = self._title(win)
            pid = self._pid(win, wid)
            info = self._processes.lookup(pid) if pid else None
            if info is None:
                wm_class = win.get_wm_class()
                app = wm_class[1] if wm_class else "unknown"
                executable = None
            else:
                app, executable = info
            return WindowSample(
                title=title, app=app, executable=executable, pid=pid, handle=wid, locked=locked
            )
        except (error.BadWindow, error.BadDrawable):
            return None  # the window closed between two requests
        except (error.ConnectionClosedError, error.DisplayError, OSError):
            self._x.reset()
            self._atoms.clear()
            self._has_saver = None
            raise

    def _title(self, win: Any) -> str:
        prop = win.get_full_property(self._atom("_NET_WM_NAME"), self._atom("UTF8_STRING"))
        if prop is not None and prop.value:
            value = prop.value
            return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
        legacy = win.get_wm_name()
        if isinstance(legacy, bytes):
            return legacy.decode("latin-1")
        return legacy or ""

    def _pid(self, win: Any, wid: int) -> int | None:
        if wid in self._pids:
            self._pids.move_to_end(wid)
            return self._pids[wid]
        from Xlib import X

        prop = win.get_full_property(self._atom("_NET_WM_PID"), X.AnyPropertyType)
        pid = int(prop.value[0]) if prop is not None and len(prop.value) else None
        self._pids[wid] = pid or None
        if len(self._pids) > 512:
            self._pids.popitem(last=False)
        return pid or None

    def _screen_off(self, root: Any) -> bool:
        """The screen saver (blanking or a locker using it) is active."""
        if self._has_saver is None:
            self._has_saver = self._x.get().has_extension("MIT-SCREEN-SAVER")
        if not self._has_saver:
            return False
        from Xlib.ext import screensaver

        return bool(root.screensaver_query_info().state == screensaver.StateOn)

    def window_title(self, handle: int) -> str | None:
        from Xlib import error

        try:
            return self._title(self._x.get().create_resource_object("window", handle))
        except (error.BadWindow, error.BadDrawable):
            return None

    def microphone_in_use(self) -> bool | None:
        return None  # PulseAudio/PipeWire would need a client library or a subprocess per query

    def close(self) -> None:
        self._x.reset()


class XScreenSaverIdle:
    """Idle time from the MIT-SCREEN-SAVER extension (milliseconds since the last input, server side)."""

    def __init__(self, display_name: str | None = None, display: X11Display | None = None) -> None:
        self._x = display or X11Display(display_name)
        if not self._x.get().has_extension("MIT-SCREEN-SAVER"):
            self._x.reset()
            raise RuntimeError("the X server has no MIT-SCREEN-SAVER extension")

    def seconds_since_input(self) -> float | None:
        from Xlib import error

        try:
            info = self._x.get().screen().root.screensaver_query_info()
        except (error.ConnectionClosedError, error.DisplayError, OSError):
            self._x.reset()
            raise
        return float(info.idle) / 1000.0

    def close(self) -> None:
        self._x.reset()
