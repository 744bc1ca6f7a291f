"""The macOS backend's logic against recorded macOS answers (tests/fakes/macos.py): runs on any OS."""

from __future__ import annotations

from types import SimpleNamespace

from ledgerwatch.capture.backends.macos import (
    ACCESSIBILITY_NOTICE,
    FrontApp,
    MacIdle,
    MacWindowBackend,
    PyObjCMacApi,
    permission_notice,
)
from ledgerwatch.capture.backends.processes import ProcessNames
from tests.fakes.macos import FakeMacApi

WORD = FrontApp(
    pid=501,
    bundle_id="com.microsoft.Word",
    executable="/Applications/Microsoft Word.app/Contents/MacOS/Microsoft Word",
    name="Microsoft Word",
)
FINDER_DE = FrontApp(
    pid=300,
    bundle_id="com.apple.finder",
    executable="/System/Library/CoreServices/Finder.app/Contents/MacOS/Finder",
    name="Finder",
)
PANEL = {"kCGWindowOwnerPID": 777, "kCGWindowLayer": 0, "kCGWindowNumber": 90, "kCGWindowName": "Colors"}
WORD_WINDOW = {"kCGWindowOwnerPID": 501, "kCGWindowLayer": 0, "kCGWindowNumber": 91, "kCGWindowName": ""}


def backend(api: FakeMacApi) -> MacWindowBackend:
    return MacWindowBackend(api, ProcessNames(started=lambda pid: 1.0, describe=lambda pid: ("proc", None)))


def test_with_accessibility_the_title_is_the_focused_windows_own() -> None:
    """Granted Accessibility: the focused app (system-wide element) and its focused window's AXTitle."""
    api = FakeMacApi(
        trusted=True,
        focused_pid=501,
        apps={501: WORD},
        ax_titles={501: "Smith v Jones - brief.docx"},
        windows=[PANEL, WORD_WINDOW],
    )
    sample = backend(api).active_window()
    assert sample is not None
    assert (sample.app, sample.title, sample.pid, sample.handle) == (
        "Microsoft Word",
        "Smith v Jones - brief.docx",
        501,
        91,
    )
    assert permission_notice(api) is None


def test_without_accessibility_the_frontmost_app_and_its_own_listed_window() -> None:
    """Not granted: NSWorkspace's frontmost app; a floating panel of another app listed first is not it."""
    listed = dict(WORD_WINDOW, kCGWindowName="brief.docx")  # a name only with Screen Recording
    api = FakeMacApi(trusted=False, front=WORD, windows=[PANEL, listed])
    sample = backend(api).active_window()
    assert sample is not None and (sample.app, sample.title, sample.handle) == (
        "Microsoft Word",
        "brief.docx",
        91,
    )
    assert "NSWorkspace.frontmostApplication" in api.calls


def test_without_any_permission_the_title_is_empty_and_the_notice_says_what_to_grant() -> None:
    """No Accessibility and no Screen Recording: the app is recorded, the title is empty, the notice explains."""
    api = FakeMacApi(trusted=False, front=WORD, windows=[WORD_WINDOW])
    sample = backend(api).active_window()
    assert sample is not None and sample.app == "Microsoft Word" and sample.title == ""
    notice = permission_notice(api)
    assert notice == ACCESSIBILITY_NOTICE
    assert "Accessibility" in notice and "System Settings" in notice and "PPPC" in notice


def test_a_windowless_frontmost_app_is_still_the_app() -> None:
    """An app in front with no window on this Space keeps the time (not the first window of another app)."""
    api = FakeMacApi(trusted=False, front=FINDER_DE, windows=[PANEL])
    sample = backend(api).active_window()
    assert sample is not None and sample.app == "Finder" and sample.handle is None


def test_apps_are_named_by_executable_not_localized_name() -> None:
    """A German "Vorschau" is still Preview: the executable names the app in every language."""
    preview = FrontApp(
        pid=600,
        bundle_id="com.apple.Preview",
        executable="/System/Applications/Preview.app/Contents/MacOS/Preview",
        name="Vorschau",
    )
    sample = backend(FakeMacApi(front=preview)).active_window()
    assert sample is not None and sample.app == "Preview"


def test_system_ui_in_front_is_no_window_and_the_lock_is_locked() -> None:
    """The Dock or Control Center in front is nobody's work; a locked screen is locked."""
    dock = FrontApp(pid=80, bundle_id="com.apple.dock", executable=None, name="Dock")
    assert backend(FakeMacApi(front=dock)).active_window() is None
    locked = backend(FakeMacApi(front=dock, locked=True)).active_window()
    assert locked is not None and locked.locked
    login = FrontApp(pid=81, bundle_id="com.apple.loginwindow", executable=None, name="loginwindow")
    sample = backend(FakeMacApi(front=login)).active_window()
    assert sample is not None and sample.locked


def test_the_microphone_comes_from_core_audio() -> None:
    """The device's is-running-somewhere flag is the call's microphone state."""
    assert backend(FakeMacApi(microphone=True)).microphone_in_use() is True
    assert backend(FakeMacApi(microphone=None)).microphone_in_use() is None


def test_idle_counts_hardware_input_only() -> None:
    """Idle asks CGEventSourceSecondsSinceLastEventType for the HID system state, not the combined session."""
    asked: list[tuple[object, object]] = []
    quartz = SimpleNamespace(
        kCGEventSourceStateHIDSystemState="hid",
        kCGEventSourceStateCombinedSessionState="combined",
        kCGAnyInputEventType="any",
        CGEventSourceSecondsSinceLastEventType=lambda state, kind: asked.append((state, kind)) or 42.5,
    )
    api = PyObjCMacApi(appkit=SimpleNamespace(), ax=SimpleNamespace(), quartz=quartz)
    assert MacIdle(api).seconds_since_input() == 42.5
    assert asked == [("hid", "any")]


def test_window_title_follows_a_window_by_number() -> None:
    """A call window seen before is found again by its number; gone means None."""
    api = FakeMacApi(trusted=False, windows=[dict(WORD_WINDOW, kCGWindowName="Zoom Meeting")])
    assert backend(api).window_title(91) == "Zoom Meeting"
    assert backend(api).window_title(92) is None
