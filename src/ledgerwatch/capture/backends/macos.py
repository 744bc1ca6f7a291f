"""macOS backend: the frontmost application, its focused window's title, the lock, the microphone and idle time.

Everything asked of macOS goes through `MacApi`, so the logic runs in CI against recorded answers
(tests/fakes/macos.py); `PyObjCMacApi` is the real one (pyobjc: AppKit, ApplicationServices, Quartz, CoreAudio).

- The application is the frontmost one: the system-wide focused application through Accessibility when it is
  granted (current without a run loop), else NSWorkspace.frontmostApplication. Applications are compared by
  bundle identifier and named by their executable, never by localized names.
- The title is the focused window's AXTitle through Accessibility (pre-grantable by IT with a PPPC profile,
  docs/deploying.md). Without it, the window list's name for the frontmost application's own window, which
  macOS fills only with the Screen Recording permission; without either the title is empty and the status says
  which permission is missing and where to grant it.
- Idle: CGEventSourceSecondsSinceLastEventType on the HID system state (hardware input only: events other
  programs inject do not count as presence).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from ledgerwatch.capture.backends.processes import ProcessNames
from ledgerwatch.capture.samples import WindowSample

SYSTEM_UI = {
    "com.apple.dock",
    "com.apple.systemuiserver",
    "com.apple.controlcenter",
    "com.apple.notificationcenterui",
    "com.apple.WindowManager",
}
"""bundle identifiers of system UI that is never the application being worked in"""
LOGIN_WINDOW = "com.apple.loginwindow"
ACCESSIBILITY_NOTICE = (
    "Accessibility permission missing: window titles are not recorded (applications still are). Grant it in "
    "System Settings > Privacy & Security > Accessibility > ledgerwatch, or ask IT for the PPPC profile "
    "(docs/deploying.md)."
)


@dataclass(frozen=True, slots=True)
class FrontApp:
    """The frontmost application as NSRunningApplication describes it."""

    pid: int
    bundle_id: str | None
    executable: str | None
    """the executable's path (its last part names the application, whatever the user's language)"""
    name: str | None = None
    """the localized name, shown only when nothing else names it"""


class MacApi(Protocol):
    """The macOS calls the backend makes, one method each (recorded answers in tests, pyobjc on a Mac)."""

    def accessibility_trusted(self) -> bool:
        """AXIsProcessTrusted()."""
        ...

    def frontmost_app(self) -> FrontApp | None:
        """NSWorkspace.sharedWorkspace().frontmostApplication()."""
        ...

    def focused_app_pid(self) -> int | None:
        """AXUIElementCreateSystemWide() -> kAXFocusedApplicationAttribute -> AXUIElementGetPid (Accessibility)."""
        ...

    def app_for_pid(self, pid: int) -> FrontApp | None:
        """NSRunningApplication.runningApplicationWithProcessIdentifier_(pid)."""
        ...

    def focused_window_title(self, pid: int) -> str | None:
        """AXUIElementCreateApplication(pid) -> kAXFocusedWindowAttribute -> kAXTitleAttribute (Accessibility)."""
        ...

    def window_list(self) -> list[dict[str, Any]]:
        """CGWindowListCopyWindowInfo(OnScreenOnly | ExcludeDesktopElements, kCGNullWindowID)."""
        ...

    def window_info(self, number: int) -> dict[str, Any] | None:
        """CGWindowListCopyWindowInfo(OptionIncludingWindow, number): that window, None once it is gone."""
        ...

    def screen_locked(self) -> bool:
        """CGSessionCopyCurrentDictionary()["CGSSessionScreenIsLocked"]."""
        ...

    def seconds_since_input(self) -> float:
        """CGEventSourceSecondsSinceLastEventType(kCGEventSourceStateHIDSystemState, kCGAnyInputEventType)."""
        ...

    def microphone_running(self) -> bool | None:
        """kAudioDevicePropertyDeviceIsRunningSomewhere of the default input device (CoreAudio)."""
        ...


def app_name(app: FrontApp) -> str:
    """The executable's name ("Microsoft Word"), the same in every language; the localized name as a last resort."""
    if app.executable:
        return app.executable.rstrip("/").rsplit("/", 1)[-1]
    return app.name or app.bundle_id or "unknown"


class MacWindowBackend:
    """The frontmost application's focused window."""

    def __init__(self, api: MacApi, processes: ProcessNames | None = None) -> None:
        self._api = api
        self._processes = processes or ProcessNames()

    def _front(self, trusted: bool) -> FrontApp | None:
        if trusted:
            pid = self._api.focused_app_pid()
            found = self._api.app_for_pid(pid) if pid else None
            if found is not None:
                return found
        return self._api.frontmost_app()

    def _listed(self, pid: int) -> dict[str, Any] | None:
        """The frontmost app's own front normal window in the list (other apps' panels and Spaces are skipped)."""
        for info in self._api.window_list():
            if int(info.get("kCGWindowOwnerPID", 0)) == pid and info.get("kCGWindowLayer", 0) == 0:
                return info
        return None

    def active_window(self) -> WindowSample | None:
        api = self._api
        locked = api.screen_locked()
        trusted = api.accessibility_trusted()
        front = self._front(trusted)
        if front is None or front.bundle_id in SYSTEM_UI:
            return WindowSample(title="", app="(locked)", locked=True) if locked else None
        if front.bundle_id == LOGIN_WINDOW:
            return WindowSample(title="", app="loginwindow", pid=front.pid, locked=True)
        listed = self._listed(front.pid)
        title = api.focused_window_title(front.pid) if trusted else None
        if title is None and listed is not None:
            title = str(listed.get("kCGWindowName") or "")  # filled only with Screen Recording
        found = self._processes.lookup(front.pid)
        handle = int(listed.get("kCGWindowNumber", 0)) or None if listed is not None else None
        return WindowSample(
            title=title or "",
            app=app_name(front),
            executable=front.executable or (found[1] if found else None),
            pid=front.pid,
            handle=handle,
            locked=locked,
        )

    def window_title(self, handle: int) -> str | None:
        info = self._api.window_info(handle)
        if info is None:
            return None
        pid = int(info.get("kCGWindowOwnerPID", 0))
        if pid and self._api.accessibility_trusted():
            title = self._api.focused_window_title(pid)
            if title is not None:
                return title
        return str(info.get("kCGWindowName") or "")

    def microphone_in_use(self) -> bool | None:
        return self._api.microphone_running()

    def close(self) -> None:
        return None


def permission_notice(api: MacApi) -> str | None:
    """Which permission is missing and how to grant it, or None when window titles can be read."""
    return None if api.accessibility_trusted() else ACCESSIBILITY_NOTICE


class MacIdle:
    """Seconds since the last hardware input (HID system state)."""

    def __init__(self, api: MacApi) -> None:
        self._api = api

    def seconds_since_input(self) -> float | None:
        return float(self._api.seconds_since_input())

    def close(self) -> None:
        return None


class PyObjCMacApi:
    """MacApi through pyobjc (macOS only; imported inside the darwin branch)."""

    def __init__(self, appkit: Any = None, ax: Any = None, quartz: Any = None) -> None:
        """The frameworks are imported here unless handed in (tests hand in recorded modules)."""
        if appkit is None:
            import AppKit as appkit  # type: ignore[import-not-found,unused-ignore,no-redef]
        if ax is None:
            import ApplicationServices as ax  # type: ignore[import-not-found,unused-ignore,no-redef]
        if quartz is None:
            import Quartz as quartz  # type: ignore[import-not-found,unused-ignore,no-redef]
        self._appkit: Any = appkit
        self._ax: Any = ax
        self._q: Any = quartz

    def accessibility_trusted(self) -> bool:
        return bool(self._ax.AXIsProcessTrusted())

    @staticmethod
    def _describe(app: Any) -> FrontApp | None:
        if app is None:
            return None
        url = app.executableURL()
        return FrontApp(
            pid=int(app.processIdentifier()),
            bundle_id=str(app.bundleIdentifier()) if app.bundleIdentifier() else None,
            executable=str(url.path()) if url is not None else None,
            name=str(app.localizedName()) if app.localizedName() else None,
        )

    def frontmost_app(self) -> FrontApp | None:
        return self._describe(self._appkit.NSWorkspace.sharedWorkspace().frontmostApplication())

    def _attribute(self, element: Any, name: str) -> Any:
        error, value = self._ax.AXUIElementCopyAttributeValue(element, name, None)
        return value if error == 0 else None

    def focused_app_pid(self) -> int | None:
        app = self._attribute(self._ax.AXUIElementCreateSystemWide(), self._ax.kAXFocusedApplicationAttribute)
        if app is None:
            return None
        error, pid = self._ax.AXUIElementGetPid(app, None)
        return int(pid) if error == 0 else None

    def app_for_pid(self, pid: int) -> FrontApp | None:
        return self._describe(self._appkit.NSRunningApplication.runningApplicationWithProcessIdentifier_(pid))

    def focused_window_title(self, pid: int) -> str | None:
        window = self._attribute(
            self._ax.AXUIElementCreateApplication(pid), self._ax.kAXFocusedWindowAttribute
        )
        if window is None:
            return None
        title = self._attribute(window, self._ax.kAXTitleAttribute)
        return str(title) if title is not None else None

    def window_list(self) -> list[dict[str, Any]]:
        q = self._q
        options = q.kCGWindowListOptionOnScreenOnly | q.kCGWindowListExcludeDesktopElements
        return [dict(info) for info in q.CGWindowListCopyWindowInfo(options, q.kCGNullWindowID) or []]

    def window_info(self, number: int) -> dict[str, Any] | None:
        q = self._q
        for info in q.CGWindowListCopyWindowInfo(q.kCGWindowListOptionIncludingWindow, number) or []:
            return dict(info)
        return None

    def screen_locked(self) -> bool:
        session = self._q.CGSessionCopyCurrentDictionary()
        return bool(session and session.get("CGSSessionScreenIsLocked", False))

    def seconds_since_input(self) -> float:
        q = self._q
        return float(
            q.CGEventSourceSecondsSinceLastEventType(
                q.kCGEventSourceStateHIDSystemState, q.kCGAnyInputEventType
            )
        )

    def microphone_running(self) -> bool | None:
        try:
            import CoreAudio  # type: ignore[import-not-found,unused-ignore]
        except ImportError:
            return None
        return _default_input_running(CoreAudio)


def _default_input_running(ca: Any) -> bool | None:
    """kAudioDevicePropertyDeviceIsRunningSomewhere of the default input device, or None when it cannot be read."""

    def read(object_id: int, selector: int, scope: int) -> int | None:
        address = ca.AudioObjectPropertyAddress(selector, scope, ca.kAudioObjectPropertyElementMain)
        status, _size, value = ca.AudioObjectGetPropertyData(object_id, address, 0, None, 4, None)
        return int(value) if status == 0 and value is not None else None

    device = read(
        ca.kAudioObjectSystemObject,
        ca.kAudioHardwarePropertyDefaultInputDevice,
        ca.kAudioObjectPropertyScopeGlobal,
    )
    if not device:
        return None
    running = read(
        device, ca.kAudioDevicePropertyDeviceIsRunningSomewhere, ca.kAudioObjectPropertyScopeGlobal
    )
    return None if running is None else bool(running)
