"""Windows backend: the foreground window, its real application, the session's lock state and its idle time.

Everything the backend asks Windows goes through `WinApi`, one method per Win32 call, so its logic runs in CI
against recorded answers (tests/fakes/win32.py); `CtypesWinApi` is the real one, every function bound with its
argtypes and restype from `SIGNATURES` (handles as HWND/HANDLE, never a C int that truncates them on 64-bit).

- UWP apps: their top-level window belongs to ApplicationFrameHost.exe; the app itself owns a child core window
  (class Windows.UI.Core.CoreWindow). The child's process is the application, and its AppUserModelID names it
  where the process name is generic.
- Lock: WTSQuerySessionInformationW(WTSSessionInfoEx) reports the session's own lock state (SessionFlags), the
  state WTSRegisterSessionNotification announces; the secure desktop has no foreground window to look at.
- Remote sessions: the foreground RDP or Citrix client is named as the remote session it shows, and a session
  that is itself remote (WTSClientProtocolType) is said so in the notice.
- Idle: GetLastInputInfo, the session's last input as Windows counts it (input into elevated windows included).
"""

from __future__ import annotations

import ctypes
import importlib
from collections.abc import Callable
from ctypes import wintypes
from dataclasses import dataclass
from typing import Any, Protocol

from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.samples import WindowSample

MIC_KEY = r"Software\Microsoft\Windows\CurrentVersion\CapabilityAccessManager\ConsentStore\microphone"
FRAME_HOST = "applicationframehost.exe"
LOCK_APPS = {"lockapp.exe", "logonui.exe"}
CORE_WINDOW_CLASS = "Windows.UI.Core.CoreWindow"
REMOTE_CLIENTS = {
    "mstsc.exe": "Remote Desktop",
    "msrdc.exe": "Remote Desktop",
    "wfica32.exe": "Citrix session",
    "cdviewer.exe": "Citrix session",
    "vmware-view.exe": "VMware Horizon session",
}
"""clients whose window is a whole remote desktop: the session is what the attorney works in"""
PROTOCOLS = {0: "console", 1: "citrix", 2: "rdp"}
"""WTSClientProtocolType: 0 the console, 1 ICA (Citrix), 2 RDP"""

# WTS_INFO_CLASS values and constants (wtsapi32.h)
WTS_CURRENT_SERVER_HANDLE = None
WTS_CURRENT_SESSION = 0xFFFFFFFF
WTS_CLIENT_PROTOCOL_TYPE = 16
WTS_SESSION_INFO_EX = 25
WTS_SESSIONSTATE_LOCK = 0
PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
APPMODEL_ERROR_NO_APPLICATION = 15703
ERROR_INSUFFICIENT_BUFFER = 122


class LASTINPUTINFO(ctypes.Structure):
    _fields_ = [("cbSize", wintypes.UINT), ("dwTime", wintypes.DWORD)]


class WTSINFOEX_LEVEL1_W(ctypes.Structure):
    _fields_ = [
        ("SessionId", wintypes.ULONG),
        ("SessionState", ctypes.c_int),
        ("SessionFlags", wintypes.LONG),
        # the rest of the structure (names, times, counters) is not read
    ]


class WTSINFOEX_W(ctypes.Structure):
    _fields_ = [("Level", wintypes.DWORD), ("Data", WTSINFOEX_LEVEL1_W)]


WNDENUMPROC = ctypes.CFUNCTYPE(wintypes.BOOL, wintypes.HWND, wintypes.LPARAM)

SIGNATURES: dict[str, dict[str, tuple[Any, list[Any]]]] = {
    "user32": {
        "GetForegroundWindow": (wintypes.HWND, []),
        "GetWindowTextLengthW": (ctypes.c_int, [wintypes.HWND]),
        "GetWindowTextW": (ctypes.c_int, [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]),
        "GetClassNameW": (ctypes.c_int, [wintypes.HWND, wintypes.LPWSTR, ctypes.c_int]),
        "GetWindowThreadProcessId": (wintypes.DWORD, [wintypes.HWND, ctypes.POINTER(wintypes.DWORD)]),
        "IsWindow": (wintypes.BOOL, [wintypes.HWND]),
        "EnumChildWindows": (wintypes.BOOL, [wintypes.HWND, WNDENUMPROC, wintypes.LPARAM]),
        "GetLastInputInfo": (wintypes.BOOL, [ctypes.POINTER(LASTINPUTINFO)]),
    },
    "kernel32": {
        "GetTickCount": (wintypes.DWORD, []),
        "OpenProcess": (wintypes.HANDLE, [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]),
        "CloseHandle": (wintypes.BOOL, [wintypes.HANDLE]),
        "GetApplicationUserModelId": (
            wintypes.LONG,
            [wintypes.HANDLE, ctypes.POINTER(ctypes.c_uint32), wintypes.LPWSTR],
        ),
    },
    "wtsapi32": {
        "WTSQuerySessionInformationW": (
            wintypes.BOOL,
            [
                wintypes.HANDLE,
                wintypes.DWORD,
                ctypes.c_int,
                ctypes.POINTER(ctypes.c_void_p),
                ctypes.POINTER(wintypes.DWORD),
            ],
        ),
        "WTSFreeMemory": (None, [ctypes.c_void_p]),
    },
}
"""Every Win32 function the backend calls: (restype, argtypes), from the functions' documented prototypes."""


def bind(library: Any, signatures: dict[str, tuple[Any, list[Any]]]) -> Any:
    """Declare restype and argtypes on each function of a loaded library; returns the library."""
    for name, (restype, argtypes) in signatures.items():
        function = getattr(library, name)
        function.restype = restype
        function.argtypes = argtypes
    return library


class WinApi(Protocol):
    """The Win32 calls the backend makes, one method each (recorded answers in tests, ctypes on Windows)."""

    def foreground_window(self) -> int | None:
        """GetForegroundWindow: the foreground window's handle, None when there is none (the secure desktop)."""
        ...

    def window_text(self, hwnd: int) -> str | None:
        """GetWindowTextLengthW + GetWindowTextW; None when the window is gone (IsWindow false)."""
        ...

    def class_name(self, hwnd: int) -> str: ...

    def window_pid(self, hwnd: int) -> int | None:
        """GetWindowThreadProcessId's process id."""
        ...

    def child_windows(self, hwnd: int) -> list[int]:
        """EnumChildWindows: the handles of the window's children."""
        ...

    def app_user_model_id(self, pid: int) -> str | None:
        """GetApplicationUserModelId of the process (OpenProcess with limited query rights); None for a desktop app."""
        ...

    def last_input_ms(self) -> int:
        """GetLastInputInfo's dwTime: the tick count (ms, wraps at 2**32) of the session's last input."""
        ...

    def tick_count_ms(self) -> int:
        """GetTickCount: milliseconds since boot, wrapping at 2**32."""
        ...

    def session_locked(self) -> bool | None:
        """WTSQuerySessionInformationW(WTSSessionInfoEx): SessionFlags == WTS_SESSIONSTATE_LOCK; None if unknown."""
        ...

    def session_protocol(self) -> int | None:
        """WTSQuerySessionInformationW(WTSClientProtocolType): 0 console, 1 ICA (Citrix), 2 RDP."""
        ...


class CtypesWinApi:
    """WinApi through ctypes, every function bound with its declared signature (Windows only)."""

    def __init__(self) -> None:
        load: Any = getattr(ctypes, "WinDLL", None)
        if load is None:
            raise RuntimeError("the Windows backend needs Windows")
        self.user32: Any = bind(load("user32", use_last_error=True), SIGNATURES["user32"])
        self.kernel32: Any = bind(load("kernel32", use_last_error=True), SIGNATURES["kernel32"])
        self.wtsapi32: Any = bind(load("wtsapi32", use_last_error=True), SIGNATURES["wtsapi32"])

    def foreground_window(self) -> int | None:
        hwnd = self.user32.GetForegroundWindow()
        return int(hwnd) if hwnd else None

    def window_text(self, hwnd: int) -> str | None:
        if not self.user32.IsWindow(hwnd):
            return None
        length = self.user32.GetWindowTextLengthW(hwnd)
        buffer = ctypes.create_unicode_buffer(length + 1)
        self.user32.GetWindowTextW(hwnd, buffer, length + 1)
        return buffer.value

    def class_name(self, hwnd: int) -> str:
        buffer = ctypes.create_unicode_buffer(256)
        self.user32.GetClassNameW(hwnd, buffer, 256)
        return buffer.value

    def window_pid(self, hwnd: int) -> int | None:
        pid = wintypes.DWORD()
        self.user32.GetWindowThreadProcessId(hwnd, ctypes.byref(pid))
        return int(pid.value) or None

    def child_windows(self, hwnd: int) -> list[int]:
        found: list[int] = []

        def collect(child: int, _param: int) -> bool:
            found.append(int(child))
            return True

        self.user32.EnumChildWindows(hwnd, WNDENUMPROC(collect), 0)
        return found

    def app_user_model_id(self, pid: int) -> str | None:
        process = self.kernel32.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
        if not process:
            return None
        try:
            length = ctypes.c_uint32(0)
            result = self.kernel32.GetApplicationUserModelId(process, ctypes.byref(length), None)
            if result != ERROR_INSUFFICIENT_BUFFER:
                return None  # APPMODEL_ERROR_NO_APPLICATION: a desktop app
            buffer = ctypes.create_unicode_buffer(length.value)
            if self.kernel32.GetApplicationUserModelId(process, ctypes.byref(length), buffer) != 0:
                return None
            return buffer.value or None
        finally:
            self.kernel32.CloseHandle(process)

    def last_input_ms(self) -> int:
        info = LASTINPUTINFO()
        info.cbSize = ctypes.sizeof(LASTINPUTINFO)
        if not self.user32.GetLastInputInfo(ctypes.byref(info)):
            raise OSError(ctypes.get_last_error(), "GetLastInputInfo failed")  # type: ignore[attr-defined,unused-ignore]
        return int(info.dwTime)

    def tick_count_ms(self) -> int:
        return int(self.kernel32.GetTickCount())

    def _query(self, info_class: int, read: Callable[[int], Any]) -> Any:
        buffer = ctypes.c_void_p()
        size = wintypes.DWORD()
        if not self.wtsapi32.WTSQuerySessionInformationW(
            WTS_CURRENT_SERVER_HANDLE,
            WTS_CURRENT_SESSION,
            info_class,
            ctypes.byref(buffer),
            ctypes.byref(size),
        ):
            return None
        try:
            return read(int(buffer.value or 0))
        finally:
            self.wtsapi32.WTSFreeMemory(buffer)

    def session_locked(self) -> bool | None:
        def read(address: int) -> bool | None:
            if not address:
                return None
            info = WTSINFOEX_W.from_address(address)
            return bool(info.Level == 1 and info.Data.SessionFlags == WTS_SESSIONSTATE_LOCK)

        result: bool | None = self._query(WTS_SESSION_INFO_EX, read)
        return result

    def session_protocol(self) -> int | None:
        result: int | None = self._query(
            WTS_CLIENT_PROTOCOL_TYPE,
            lambda address: ctypes.c_ushort.from_address(address).value if address else None,
        )
        return result


@dataclass(frozen=True, slots=True)
class _App:
    app: str
    executable: str | None
    pid: int | None


class WindowsWindowBackend:
    """The foreground window and the application behind it."""

    def __init__(self, api: WinApi, processes: ProcessNames | None = None) -> None:
        self._api = api
        self._processes = processes or ProcessNames()

    def _app(self, pid: int | None) -> _App:
        info = self._processes.lookup(pid) if pid else None
        name, executable = info if info is not None else ("unknown", None)
        return _App(name, executable, pid)

    def _uwp(self, hwnd: int, frame: _App) -> _App:
        """A UWP frame's real application: the child core window's process, named by its AppUserModelID if need be."""
        for child in self._api.child_windows(hwnd):
            pid = self._api.window_pid(child)
            if pid and pid != frame.pid and self._api.class_name(child) == CORE_WINDOW_CLASS:
                found = self._app(pid)
                if found.app != "unknown":
                    return found
                model = self._api.app_user_model_id(pid)
                if model:
                    return _App(uwp_name(model), None, pid)
        return frame  # a suspended or minimised app: nothing better than the frame

    def active_window(self) -> WindowSample | None:
        api = self._api
        locked = api.session_locked() is True
        hwnd = api.foreground_window()
        if hwnd is None:
            if locked:
                return WindowSample(title="", app="(locked)", locked=True)
            return None
        found = self._app(api.window_pid(hwnd))
        if found.app.lower() == FRAME_HOST:
            found = self._uwp(hwnd, found)
        locked = locked or found.app.lower() in LOCK_APPS
        title = api.window_text(hwnd) or ""
        app = REMOTE_CLIENTS.get(found.app.lower()) or found.app.removesuffix(".exe").removesuffix(".EXE")
        return WindowSample(
            title=title, app=app, executable=found.executable, pid=found.pid, handle=hwnd, locked=locked
        )

    def window_title(self, handle: int) -> str | None:
        return self._api.window_text(handle)

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


def uwp_name(model_id: str) -> str:
    """A readable application name from an AppUserModelID ("Microsoft.WindowsCalculator_8wekyb3d8bbwe!App")."""
    family = model_id.split("!", 1)[0].split("_", 1)[0]
    return family.rsplit(".", 1)[-1] or model_id


def session_notice(api: WinApi) -> str | None:
    """What the user should know about this session: that it is remote (the capture sees only this session)."""
    protocol = PROTOCOLS.get(api.session_protocol() or 0, "console")
    if protocol == "console":
        return None
    name = "a Citrix (ICA)" if protocol == "citrix" else "a Remote Desktop (RDP)"
    return f"running in {name} session: only the applications of this remote session are recorded"


class WindowsIdle:
    """GetLastInputInfo: milliseconds since the last input of this session (both tick counts wrap at 2**32)."""

    def __init__(self, api: WinApi) -> None:
        self._api = api

    def seconds_since_input(self) -> float | None:
        elapsed = (self._api.tick_count_ms() - self._api.last_input_ms()) & 0xFFFFFFFF
        return elapsed / 1000.0

    def close(self) -> None:
        return None
