"""Desktop notifications: notify-send (Linux), osascript (macOS); the tray's own balloon otherwise."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from typing import Any

Runner = Callable[[Sequence[str]], Any]


def _run(argv: Sequence[str]) -> Any:
    return subprocess.run(list(argv), check=False, timeout=10, capture_output=True)


def notify_command(
    title: str, body: str, platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> list[str] | None:
    """The command that shows a notification on this platform, or None when there is none."""
    if platform.startswith("linux") and which("notify-send"):
        return ["notify-send", "--app-name=ledgerwatch", "--icon=appointment-soon", title, body]
    if platform == "darwin" and which("osascript"):
        script = f"display notification {_applescript(body)} with title {_applescript(title)}"
        return ["osascript", "-e", script]
    return None


def _applescript(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def desktop_notify(
    title: str,
    body: str,
    *,
    fallback: Callable[[str, str], object] | None = None,
    runner: Runner = _run,
    platform: str = sys.platform,
    which: Callable[[str], str | None] = shutil.which,
) -> str:
    """Show a notification; returns how ("command", "tray" or "none")."""
    argv = notify_command(title, body, platform, which)
    if argv is not None:
        result = runner(argv)
        if getattr(result, "returncode", 0) == 0:
            return "command"
    if fallback is not None:
        fallback(body, title)
        return "tray"
    return "none"
