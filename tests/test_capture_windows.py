"""The Windows backend's logic against recorded Win32 answers (tests/fakes/win32.py): runs on any OS."""

from __future__ import annotations

import ast
import ctypes
import inspect
from ctypes import wintypes
from types import SimpleNamespace

import pytest

from ledgerwatch.capture.backends import windows
from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.backends.windows import (
    SIGNATURES,
    CtypesWinApi,
    WindowsIdle,
    WindowsWindowBackend,
    bind,
    session_notice,
)
from tests.fakes.win32 import FakeWinApi, Window

PROCESSES = {
    10: "WINWORD.EXE",
    20: "ApplicationFrameHost.exe",
    21: "Calculator.exe",
    30: "mstsc.exe",
    31: "wfica32.exe",
    40: "LockApp.exe",
}


def names(table: dict[int, str]) -> ProcessNames:
    return ProcessNames(
        started=lambda pid: 1.0 if pid in table else None, describe=lambda pid: (table[pid], None)
    )


def backend(api: FakeWinApi, table: dict[int, str] = PROCESSES) -> WindowsWindowBackend:
    return WindowsWindowBackend(api, names(table))


def test_a_desktop_app_is_named_by_its_process_without_exe() -> None:
    """The foreground window's title and its process's name (WINWORD.EXE -> WINWORD) make the sample."""
    api = FakeWinApi(windows={1: Window(10, "Smith v Jones - brief.docx - Word")}, foreground=1)
    sample = backend(api).active_window()
    assert sample is not None
    assert (sample.app, sample.title, sample.pid, sample.handle, sample.locked) == (
        "WINWORD",
        "Smith v Jones - brief.docx - Word",
        10,
        1,
        False,
    )


def test_a_uwp_frame_is_resolved_to_the_app_in_its_core_window() -> None:
    """ApplicationFrameHost's frame is the Calculator whose child core window belongs to Calculator.exe."""
    api = FakeWinApi(
        windows={
            1: Window(20, "Calculator", children=[2, 3]),
            2: Window(20, "", "ApplicationFrameTitleBarWindow"),
            3: Window(21, "Calculator", "Windows.UI.Core.CoreWindow"),
        },
        foreground=1,
    )
    sample = backend(api).active_window()
    assert sample is not None and (sample.app, sample.pid, sample.title) == ("Calculator", 21, "Calculator")


def test_a_uwp_app_without_a_readable_process_is_named_by_its_app_user_model_id() -> None:
    """When the app's process cannot be read, its AppUserModelID's package name names it."""
    api = FakeWinApi(
        windows={1: Window(20, "Photos", children=[3]), 3: Window(22, "", "Windows.UI.Core.CoreWindow")},
        foreground=1,
        app_ids={22: "Microsoft.Windows.Photos_8wekyb3d8bbwe!App"},
    )
    sample = backend(api).active_window()
    assert sample is not None and sample.app == "Photos" and sample.pid == 22


def test_a_suspended_uwp_app_stays_the_frame() -> None:
    """A frame with no core window (the app suspended) is not guessed at."""
    api = FakeWinApi(windows={1: Window(20, "Mail")}, foreground=1)
    sample = backend(api).active_window()
    assert sample is not None and sample.app == "ApplicationFrameHost"


def test_the_lock_comes_from_the_session_not_from_the_foreground_window() -> None:
    """A locked session (SessionFlags) is locked even with no foreground window (the secure desktop)."""
    api = FakeWinApi(windows={1: Window(10, "brief.docx - Word")}, foreground=None, locked=True)
    sample = backend(api).active_window()
    assert sample is not None and sample.locked
    assert "WTSQuerySessionInformationW(WTSSessionInfoEx)" in api.calls
    api.locked = False
    assert backend(api).active_window() is None  # no window and not locked: a transient "no window"


def test_a_locked_session_with_a_window_in_front_is_still_locked() -> None:
    """Windows keeps the last foreground window while locked: the session's state wins."""
    api = FakeWinApi(windows={1: Window(10, "brief.docx - Word")}, foreground=1, locked=True)
    sample = backend(api).active_window()
    assert sample is not None and sample.locked


def test_lockapp_in_front_counts_as_locked_when_the_session_cannot_tell() -> None:
    """Where WTS cannot answer, LockApp.exe in front still means locked."""
    api = FakeWinApi(windows={1: Window(40, "")}, foreground=1, locked=None)
    sample = backend(api).active_window()
    assert sample is not None and sample.locked


@pytest.mark.parametrize(
    ("pid", "app"), [(30, "Remote Desktop"), (31, "Citrix session")], ids=["rdp", "citrix"]
)
def test_remote_desktop_clients_are_named_as_the_remote_session(pid: int, app: str) -> None:
    """mstsc.exe and the Citrix client are the remote session the attorney works in, named so."""
    api = FakeWinApi(windows={1: Window(pid, "fileserver01 - Remote Desktop Connection")}, foreground=1)
    sample = backend(api).active_window()
    assert sample is not None and sample.app == app


def test_a_remote_session_says_so() -> None:
    """Running inside an RDP or Citrix session is named in the notice; the console has none."""
    assert session_notice(FakeWinApi(protocol=0)) is None
    assert "Remote Desktop (RDP)" in str(session_notice(FakeWinApi(protocol=2)))
    assert "Citrix" in str(session_notice(FakeWinApi(protocol=1)))


def test_idle_is_getlastinputinfo_across_the_tick_count_wrap() -> None:
    """Idle = GetTickCount - GetLastInputInfo.dwTime modulo 2**32 (49.7 days of uptime wrap both)."""
    api = FakeWinApi(last_input=2**32 - 900, tick=100)
    assert WindowsIdle(api).seconds_since_input() == pytest.approx(1.0)
    assert api.calls == ["GetLastInputInfo"]


class _Function:
    """A stand-in for a ctypes foreign function: records what bind() declares on it."""

    restype: object = "unset"
    argtypes: object = "unset"


def test_every_win32_function_is_bound_with_argtypes_and_restype() -> None:
    """bind() declares restype and argtypes on every function the backend uses, as SIGNATURES lists them."""
    for library, table in SIGNATURES.items():
        fake = SimpleNamespace(**{name: _Function() for name in table})
        bind(fake, table)
        for name, (restype, argtypes) in table.items():
            function = getattr(fake, name)
            assert function.restype is restype and function.argtypes == argtypes, f"{library}.{name}"
            assert isinstance(function.argtypes, list)


HANDLE_PARAMS = {
    "GetWindowTextLengthW": [0],
    "GetWindowTextW": [0],
    "GetClassNameW": [0],
    "GetWindowThreadProcessId": [0],
    "IsWindow": [0],
    "EnumChildWindows": [0],
    "CloseHandle": [0],
    "GetApplicationUserModelId": [0],
    "WTSQuerySessionInformationW": [0],
}


def test_handles_are_declared_as_pointer_sized_hwnd_or_handle() -> None:
    """A window or process handle passes as HWND/HANDLE (pointer-sized), never as a C int that truncates it."""
    flat = {name: sig for table in SIGNATURES.values() for name, sig in table.items()}
    for name, positions in HANDLE_PARAMS.items():
        _, argtypes = flat[name]
        for position in positions:
            assert argtypes[position] in (wintypes.HWND, wintypes.HANDLE), name
            assert ctypes.sizeof(argtypes[position]) == ctypes.sizeof(ctypes.c_void_p)
    assert flat["GetForegroundWindow"][0] is wintypes.HWND
    assert flat["OpenProcess"][0] is wintypes.HANDLE


def test_the_ctypes_api_calls_only_declared_functions() -> None:
    """Every user32/kernel32/wtsapi32 function CtypesWinApi calls has a declared signature."""
    tree = ast.parse(inspect.getsource(CtypesWinApi))
    used = {
        (node.value.attr, node.attr)
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr in SIGNATURES
    }
    assert used, "the scan found no call"
    missing = [f"{lib}.{name}" for lib, name in sorted(used) if name not in SIGNATURES[lib]]
    assert missing == []


def test_the_ctypes_api_refuses_to_start_off_windows() -> None:
    """Off Windows the real API says so plainly (select_backend never builds it there)."""
    if hasattr(ctypes, "WinDLL"):
        pytest.skip("this is Windows")
    with pytest.raises(RuntimeError, match="needs Windows"):
        CtypesWinApi()
    assert windows.WTS_SESSIONSTATE_LOCK == 0
