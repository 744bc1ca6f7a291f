"""Start at login: a Windows Run key, a macOS LaunchAgent or a Linux XDG autostart entry.

The file contents are pure functions; Autostart writes them where the platform looks, with the home folder,
environment and Windows registry injected so every branch is testable on Linux.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import shlex
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

NAME = "ledgerwatch"
LABEL = "com.ledgerwatch.agent"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"


def desktop_entry(command: Sequence[str]) -> str:
    """An XDG autostart .desktop file that runs command at login."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=ledgerwatch",
            "Comment=Passive time capture for your law practice",
            f"Exec={shlex.join(command)}",
            "Terminal=false",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def launch_agent(command: Sequence[str]) -> bytes:
    """A macOS LaunchAgent plist that runs command at login."""
    return plistlib.dumps(
        {
            "Label": LABEL,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": False,
            "ProcessType": "Interactive",
        }
    )


def windows_command(command: Sequence[str]) -> str:
    return " ".join(f'"{part}"' if " " in part else part for part in command)


class Registry(Protocol):
    """The slice of winreg used here (HKEY_CURRENT_USER Run key)."""

    def set(self, name: str, value: str) -> None: ...
    def delete(self, name: str) -> None: ...
    def get(self, name: str) -> str | None: ...


class WinRegistry:
    """HKCU\\...\\Run through winreg (Windows only; imported lazily)."""

    def set(self, name: str, value: str) -> None:
        winreg = _winreg()

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.SetValueEx(key, name, 0, winreg.REG_SZ, value)

    def delete(self, name: str) -> None:
        winreg = _winreg()

        with (
            winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key,
            contextlib.suppress(FileNotFoundError),
        ):
            winreg.DeleteValue(key, name)

    def get(self, name: str) -> str | None:
        winreg = _winreg()

        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            try:
                return str(winreg.QueryValueEx(key, name)[0])
            except FileNotFoundError:
                return None


def _winreg() -> Any:
    import importlib

    return importlib.import_module("winreg")


def default_command() -> list[str]:
    return [sys.executable, "-m", "ledgerwatch", "run"]


class Autostart:
    """Turns start-at-login on and off for one platform."""

    def __init__(
        self,
        platform: str = sys.platform,
        home: Path | None = None,
        env: Mapping[str, str] | None = None,
        registry: Registry | None = None,
    ) -> None:
        self.platform = platform
        self.home = home or Path.home()
        self.env = os.environ if env is None else env
        self._registry = registry

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WinRegistry()
        return self._registry

    def path(self) -> Path | None:
        """Where the entry lives (None on Windows: the registry)."""
        if self.platform == "win32":
            return None
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{LABEL}.plist"
        config = Path(self.env.get("XDG_CONFIG_HOME") or self.home / ".config")
        return config / "autostart" / f"{NAME}.desktop"

    def enable(self, command: Sequence[str] | None = None) -> str:
        """Register command to run at login; returns where."""
        command = list(command or default_command())
        if self.platform == "win32":
            self.registry.set(NAME, windows_command(command))
            return f"HKCU\\{RUN_KEY}\\{NAME}"
        path = self.path()
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin":
            path.write_bytes(launch_agent(command))
        else:
            path.write_text(desktop_entry(command), encoding="utf-8")
        return str(path)

    def disable(self) -> None:
        if self.platform == "win32":
            self.registry.delete(NAME)
            return
        path = self.path()
        if path is not None:
            path.unlink(missing_ok=True)

    def enabled(self) -> bool:
        if self.platform == "win32":
            return self.registry.get(NAME) is not None
        path = self.path()
        return path is not None and path.exists()

    def apply(self, wanted: bool, command: Sequence[str] | None = None) -> Any:
        """Make the system match the start_at_login setting."""
        if wanted and not self.enabled():
            return self.enable(command)
        if not wanted and self.enabled():
            self.disable()
        return None
