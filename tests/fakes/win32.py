"""Recorded Win32 answers for the Windows capture backend (the `WinApi` surface), so its logic runs on Linux.

Each method answers as the Win32 function it stands for is documented to (Microsoft Learn, Win32 API):
- GetForegroundWindow (winuser.h): NULL while the secure desktop (lock screen, UAC prompt) is in front.
- GetWindowTextW / IsWindow (winuser.h): the title; no text once the window is gone.
- GetClassNameW, EnumChildWindows (winuser.h): a UWP app's frame (ApplicationFrameHost.exe) holds the app's
  own child window of class Windows.UI.Core.CoreWindow, which belongs to the app's process.
- GetWindowThreadProcessId (winuser.h): the owning process id.
- GetApplicationUserModelId (appmodel.h): APPMODEL_ERROR_NO_APPLICATION for a desktop app, else the package's
  AppUserModelID ("Microsoft.WindowsCalculator_8wekyb3d8bbwe!App").
- GetLastInputInfo (winuser.h) and GetTickCount (sysinfoapi.h): tick counts in milliseconds that wrap at 2**32.
- WTSQuerySessionInformationW (wtsapi32.h): WTSSessionInfoEx's SessionFlags WTS_SESSIONSTATE_LOCK (0) while the
  session is locked, WTS_SESSIONSTATE_UNLOCK (1) otherwise; WTSClientProtocolType 0 console, 1 ICA, 2 RDP.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Window:
    pid: int
    title: str = ""
    class_name: str = ""
    children: list[int] = field(default_factory=list)


@dataclass
class FakeWinApi:
    """A desktop described by its windows, processes' AppUserModelIDs, the tick counts and the session."""

    windows: dict[int, Window] = field(default_factory=dict)
    foreground: int | None = None
    app_ids: dict[int, str] = field(default_factory=dict)
    last_input: int = 0
    tick: int = 0
    locked: bool | None = False
    protocol: int | None = 0
    calls: list[str] = field(default_factory=list)

    def foreground_window(self) -> int | None:
        self.calls.append("GetForegroundWindow")
        return self.foreground

    def window_text(self, hwnd: int) -> str | None:
        window = self.windows.get(hwnd)
        return window.title if window is not None else None

    def class_name(self, hwnd: int) -> str:
        window = self.windows.get(hwnd)
        return window.class_name if window is not None else ""

    def window_pid(self, hwnd: int) -> int | None:
        window = self.windows.get(hwnd)
        return window.pid if window is not None else None

    def child_windows(self, hwnd: int) -> list[int]:
        window = self.windows.get(hwnd)
        return list(window.children) if window is not None else []

    def app_user_model_id(self, pid: int) -> str | None:
        return self.app_ids.get(pid)

    def last_input_ms(self) -> int:
        self.calls.append("GetLastInputInfo")
        return self.last_input

    def tick_count_ms(self) -> int:
        return self.tick

    def session_locked(self) -> bool | None:
        self.calls.append("WTSQuerySessionInformationW(WTSSessionInfoEx)")
        return self.locked

    def session_protocol(self) -> int | None:
        return self.protocol
