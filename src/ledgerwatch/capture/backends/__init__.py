"""Choosing the OS backend; each OS module is imported only inside the branch that needs it."""

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
    notice: str | None = None


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


def _idle(
    source: str, os_idle: Callable[[], IdleBackend], listeners: Callable[[IdleBackend | None], IdleBackend]
) -> IdleBackend:
    if source == "none":
        return NullIdleBackend()
    fallback: IdleBackend | None = None
    if source in {"auto", "os"}:
        try:
            fallback = os_idle()
        except Exception as exc:
            log.warning("capture: OS idle query unavailable: %r", exc)
        if source == "os":
            return fallback or NullIdleBackend()
    try:
        return listeners(fallback)
    except Exception as exc:
        log.warning("capture: pynput input listeners unavailable (%r); using the OS idle query", exc)
        return fallback or NullIdleBackend()


def _listeners(fallback: IdleBackend | None) -> IdleBackend:
    from ledgerwatch.capture.backends.listeners import ListenerIdle

    return ListenerIdle(fallback)


def select_backend(
    idle_source: str = "auto", platform: str = sys.platform, environ: Mapping[str, str] | None = None
) -> Backends:
    """The backends for this platform and session; a session we cannot see gets null backends and a notice."""
    env = os.environ if environ is None else environ
    kind = session_kind(platform, env)
    if kind == "windows":
        from ledgerwatch.capture.backends import windows

        return Backends(
            windows.WindowsWindowBackend(), _idle(idle_source, windows.WindowsIdle, _listeners), kind
        )
    if kind == "macos":
        from ledgerwatch.capture.backends import macos

        return Backends(macos.MacWindowBackend(), _idle(idle_source, macos.MacIdle, _listeners), kind)
    if kind in {"x11", "xwayland"}:
        from ledgerwatch.capture.backends import x11

        display = env.get("DISPLAY")
        notice = XWAYLAND_NOTICE if kind == "xwayland" else None
        idle = _idle(idle_source, lambda: x11.XScreenSaverIdle(display), _listeners)
        return Backends(x11.X11WindowBackend(display), idle, kind, notice)
    if kind == "wayland":
        return Backends(NullWindowBackend(), NullIdleBackend(), kind, WAYLAND_NOTICE)
    return Backends(
        NullWindowBackend(), NullIdleBackend(), kind, "No desktop session (no DISPLAY): nothing to capture."
    )
