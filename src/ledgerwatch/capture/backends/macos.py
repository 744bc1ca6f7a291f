"""macOS backend via pyobjc (Quartz): the frontmost on-screen window, its owner process and the HID idle time.

Imported only on macOS. Window titles need the Screen Recording permission since macOS 10.15; without it the
title is empty and only the application is captured.
"""

from __future__ import annotations

from typing import Any

from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.samples import WindowSample

IGNORED_OWNERS = {"Window Server", "Dock", "SystemUIServer", "Control Center", "Notification Center"}


def _quartz() -> Any:
    import Quartz  # type: ignore[import-not-found,unused-ignore]

    return Quartz


class MacWindowBackend:
    """The frontmost normal-layer window from CGWindowListCopyWindowInfo (works without an NSApplication run loop)."""

    def __init__(self, processes: ProcessNames | None = None) -> None:
        self._q = _quartz()
        self._processes = processes or ProcessNames()

    def _locked(self) -> bool:
        session = self._q.CGSessionCopyCurrentDictionary()
        return bool(session and session.get("CGSSessionScreenIsLocked", False))

    def active_window(self) -> WindowSample | None:
        q = self._q
        options = q.kCGWindowListOptionOnScreenOnly | q.kCGWindowListExcludeDesktopElements
        windows = q.CGWindowListCopyWindowInfo(options, q.kCGNullWindowID) or []
        for info in windows:
            if info.get("kCGWindowLayer", 1) != 0 or info.get("kCGWindowOwnerName") in IGNORED_OWNERS:
                continue
            pid = int(info.get("kCGWindowOwnerPID", 0)) or None
            found = self._processes.lookup(pid) if pid else None
            app = str(info.get("kCGWindowOwnerName") or (found[0] if found else "unknown"))
            return WindowSample(
                title=str(info.get("kCGWindowName") or ""),
                app=app,
                executable=found[1] if found else None,
                pid=pid,
                handle=int(info.get("kCGWindowNumber", 0)) or None,
                locked=self._locked(),
            )
        return None

    def window_title(self, handle: int) -> str | None:
        q = self._q
        windows = q.CGWindowListCopyWindowInfo(q.kCGWindowListOptionIncludingWindow, handle) or []
        for info in windows:
            return str(info.get("kCGWindowName") or "")
        return None

    def microphone_in_use(self) -> bool | None:
        return None  # needs CoreAudio's kAudioDevicePropertyDeviceIsRunningSomewhere; not wired yet

    def close(self) -> None:
        return None


class MacIdle:
    """CGEventSourceSecondsSinceLastEventType for any input in the combined session."""

    def __init__(self) -> None:
        self._q = _quartz()

    def seconds_since_input(self) -> float | None:
        q = self._q
        return float(
            q.CGEventSourceSecondsSinceLastEventType(
                q.kCGEventSourceStateCombinedSessionState, q.kCGAnyInputEventType
            )
        )

    def close(self) -> None:
        return None
