"""Recorded macOS answers for the macOS capture backend (the `MacApi` surface), so its logic runs on Linux.

Each method answers as the Apple API it stands for is documented to (Apple Developer Documentation):
- AXIsProcessTrusted (ApplicationServices, Accessibility): false until the user or a PPPC profile grants
  Accessibility to the app.
- NSWorkspace.frontmostApplication / NSRunningApplication (AppKit): the app receiving key events, with its
  bundleIdentifier, executableURL and localizedName (the name in the user's language).
- AXUIElementCopyAttributeValue with kAXFocusedApplicationAttribute on the system-wide element, then
  kAXFocusedWindowAttribute and kAXTitleAttribute (Accessibility): kAXErrorAPIDisabled / no value when not trusted.
- CGWindowListCopyWindowInfo (Quartz Window Services): front-to-back dictionaries with kCGWindowOwnerPID,
  kCGWindowLayer and kCGWindowNumber; kCGWindowName only with the Screen Recording permission.
- CGSessionCopyCurrentDictionary: CGSSessionScreenIsLocked while the screen is locked.
- CGEventSourceSecondsSinceLastEventType (Quartz Event Services): seconds since the last event of a type in a
  source state; kCGEventSourceStateHIDSystemState counts hardware input only.
- kAudioDevicePropertyDeviceIsRunningSomewhere (Core Audio): whether any process uses the input device.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledgerwatch.capture.backends.macos import FrontApp


@dataclass
class FakeMacApi:
    trusted: bool = False
    front: FrontApp | None = None
    focused_pid: int | None = None
    apps: dict[int, FrontApp] = field(default_factory=dict)
    ax_titles: dict[int, str] = field(default_factory=dict)
    windows: list[dict[str, Any]] = field(default_factory=list)
    locked: bool = False
    idle: float = 0.0
    microphone: bool | None = None
    calls: list[str] = field(default_factory=list)

    def accessibility_trusted(self) -> bool:
        return self.trusted

    def frontmost_app(self) -> FrontApp | None:
        self.calls.append("NSWorkspace.frontmostApplication")
        return self.front

    def focused_app_pid(self) -> int | None:
        self.calls.append("AXFocusedApplication")
        return self.focused_pid if self.trusted else None

    def app_for_pid(self, pid: int) -> FrontApp | None:
        return self.apps.get(pid)

    def focused_window_title(self, pid: int) -> str | None:
        self.calls.append(f"AXTitle({pid})")
        return self.ax_titles.get(pid) if self.trusted else None

    def window_list(self) -> list[dict[str, Any]]:
        return list(self.windows)

    def window_info(self, number: int) -> dict[str, Any] | None:
        return next((w for w in self.windows if w.get("kCGWindowNumber") == number), None)

    def screen_locked(self) -> bool:
        return self.locked

    def seconds_since_input(self) -> float:
        self.calls.append("CGEventSourceSecondsSinceLastEventType")
        return self.idle

    def microphone_running(self) -> bool | None:
        return self.microphone
