"""Choosing the OS backend; each OS module is imported only inside the branch that needs it.

Idle time comes from the OS on every platform: GetLastInputInfo (Windows), CGEventSourceSecondsSinceLastEventType
with the HID system state (macOS), the MIT-SCREEN-SAVER extension (X11). No input hook is ever installed.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from ledgerwatch.capture.samples import IdleBackend, NullIdleBackend, NullWindowBackend, WindowBackend

log = logging.getLogger(__name__)

WAYLAND_NOTICE = (
    "Wayland session without XWayland: window titles and applications cannot be captured (Wayland does not "
    "let programs see other windows). Browser tabs (extension), imports and manual entries still work; log in "
    "to an X11 session (e.g. 'GNOME on Xorg') for full capture."
)
XWAYLAND_NOTICE = (
    "Wayland session: only X11 (XWayland) applications are visible; native Wayland windows show as 'no window' "
    "and idle time may not be reported."
)


@dataclass(frozen=True, slots=True)
class Backends:
    """The window and idle backends for this session, and what the user should know about them."""

    window: WindowBackend
    idle: IdleBackend
    name: str
    notice: str | Callable[[], str | None] | None = None
    """what the user should know (a missing permission is asked afresh, so it clears once granted)"""


def session_kind(platform: str, environ: Mapping[str, str]) -> str:
    """windows | macos | x11 | xwayland | wayland | headless."""
    if platform == "win32":
        return "windows"
    if platform == "darwin":
        return "macos"
    wayland = environ.get("XDG_SESSION_TYPE", "").lower() == "wayland" or bool(environ.get("WAYLAND_DISPLAY"))
    if environ.get("DISPLAY"):
        return "xwayland" if wayland else "x11"
    return "wayland" if wayland else "headless"


def _os_idle(source: str, query: Callable[[], IdleBackend]) -> IdleBackend:
    """The OS's own idle counter (never an input hook: a global keyboard hook is what EDR tools flag as a
    keylogger, misses input into elevated windows and is silently removed by Windows when it is slow)."""
    if source == "none":
        return NullIdleBackend()
    try:
        return query()
    except Exception as exc:
        log.warning("capture: the OS idle query is unavailable (%r); everyone counts as present", exc)
        return NullIdleBackend()


def select_backend(
    idle_source: str = "auto", platform: str = sys.platform, environ: Mapping[str, str] | None = None
) -> Backends:
    """The backends for this platform and session; a session we cannot see gets null backends and a notice."""
    env = os.environ if environ is None else environ
    kind = session_kind(platform, env)
    if kind == "windows":
        from ledgerwatch.capture.backends import windows

        api = windows.CtypesWinApi()
        return Backends(
            windows.WindowsWindowBackend(api),
            _os_idle(idle_source, lambda: windows.WindowsIdle(api)),
            kind,
            windows.session_notice(api),
        )
    if kind == "macos":
        from ledgerwatch.capture.backends import macos

        mac = macos.PyObjCMacApi()
        return Backends(
            macos.MacWindowBackend(mac),
            _os_idle(idle_source, lambda: macos.MacIdle(mac)),
            kind,
            lambda: macos.permission_notice(mac),
        )
    if kind in {"x11", "xwayland"}:
        from ledgerwatch.capture.backends import x11

        display = env.get("DISPLAY")
        notice = XWAYLAND_NOTICE if kind == "xwayland" else None
        idle = _os_idle(idle_source, lambda: x11.XScreenSaverIdle(display))
        return Backends(x11.X11WindowBackend(display), idle, kind, notice)
    if kind == "wayland":
        return Backends(NullWindowBackend(), NullIdleBackend(), kind, WAYLAND_NOTICE)
    return Backends(
        NullWindowBackend(), NullIdleBackend(), kind, "No desktop session (no DISPLAY): nothing to capture."
    )
