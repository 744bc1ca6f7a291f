"""Windows backend via ctypes: GetForegroundWindow, GetWindowTextW, GetWindowThreadProcessId, GetLastInputInfo.

Imported only on Windows. The microphone state comes from the privacy consent store in the registry (an app
using the microphone right now has LastUsedTimeStop == 0).
"""

from __future__ import annotations

import ctypes
import importlib
import sys
from ctypes import wintypes
from typing import Any

from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.samples import WindowSample

LOCK_APPS = {"lockapp.exe", "logonui.exe"}
MIC_KEY = r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\microphone"


def _user32() -> Any:
    if sys.platform != "win32":
        raise RuntimeError("the Windows backend needs Windows")
    return ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]


class WindowsWindowBackend:
    """The foreground window and its process."""

    def __init__(self, processes: ProcessNames | None = None) -> None:
        self._user32 = _user32()
        self._processes = processes or ProcessNames()

    def _text(self, hwnd: int) -> str:
        length = self._user32.GetWindowTextLengthW(hwnd)
        buffer = ctypes.create_unicode_buffer(length + 1)
        self._user32.GetWindowTextW(hwnd, buffer, length + 1)
        return buffer.value

    def active_window(self) -> WindowSample | None:
        hwnd = self._user32.GetForegroundWindow()
        if not hwnd:
            return None
        pid_out = wintypes.DWORD()
        self._user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid_out))
        pid = int(pid_out.value) or None
        info = self._processes.lookup(pid) if pid else None
        app, executable = info if info is not None else ("unknown", None)
        locked = app.lower() in LOCK_APPS
        return WindowSample(
            title=self._text(hwnd),
            app=app.removesuffix(".exe").removesuffix(".EXE"),
            executable=executable,
            pid=pid,
            handle=int(hwnd),
            locked=locked,
        )

    def window_title(self, handle: int) -> str | None:
        if not self._user32.IsWindow(handle):
            return None
        return self._text(handle)

    def microphone_in_use(self) -> bool | None:
        winreg: Any = importlib.import_module("winreg")

        def in_use(key: Any) -> bool:
            index = 0
            while True:
                try:
                    name = winreg.EnumKey(key, index)
                except OSError:
                    return False
                index += 1
                try:
                    with winreg.OpenKey(key, name) as sub:
                        stop, _ = winreg.QueryValueEx(sub, "LastUsedTimeStop")
                        if stop == 0:
                            return True
                except OSError:
                    pass
                if name == "NonPackaged":
                    with winreg.OpenKey(key, name) as nonpackaged:
                        if in_use(nonpackaged):
                            return True

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, MIC_KEY) as key:
                return in_use(key)
        except OSError:
            return None

    def close(self) -> None:
        return None


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]


class WindowsIdle:
    """GetLastInputInfo: milliseconds since the last input of this session."""

    def __init__(self) -> None:
        self._user32 = _user32()
        self._kernel32 = ctypes.WinDLL("kernel32")  # type: ignore[attr-defined,unused-ignore]
        self._kernel32.GetTickCount.restype = wintypes.DWORD

    def seconds_since_input(self) -> float | None:
        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(LASTINPUTINFO)
        if not self._user32.GetLastInputInfo(ctypes.byref(info)):
            raise OSError(ctypes.get_last_error(), "GetLastInputInfo failed")  # type: ignore[attr-defined,unused-ignore]
        elapsed = (
            int(self._kernel32.GetTickCount()) - int(info.dwTime)
        ) & 0xFFFFFFFF  # both wrap at 2**32 ms
        return elapsed / 1000.0

    def close(self) -> None:
        return None
