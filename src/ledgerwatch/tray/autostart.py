"""Start at login, restarted after a crash, and never twice: one entry per platform, the installer's or the user's.

- Linux: an XDG autostart entry (the one trigger every desktop honours) runs ``ledgerwatch run --at-login``,
  which hands the agent to the systemd user unit ``ledgerwatch.service`` (Restart=on-failure) when a user
  manager knows it, and otherwise runs it under the built-in supervisor.
- macOS: a LaunchAgent with KeepAlive (restarted unless it quit cleanly).
- Windows: a logon scheduled task running ``ledgerwatchw.exe run --supervise`` (the supervisor restarts a
  crashed agent; the task's own restart covers a failed start).

When the installer registered the agent for every user (deb, pkg, MSI), the per-user entry is not written, and
one left from before is removed. The file contents are pure functions; Autostart writes them with the home
folder, environment, system folders and a command runner injected, so every branch is testable on Linux.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path, PurePath, PureWindowsPath
from typing import Any, Protocol
from xml.sax.saxutils import escape

NAME = "ledgerwatch"
LABEL = "com.ledgerwatch.agent"
"""the installer's (system) LaunchAgent label"""
USER_LABEL = "com.ledgerwatch.agent.user"
"""the per-user LaunchAgent's label: never the system agent's, so launchd does not confuse the two"""
UNIT = "ledgerwatch.service"
RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
SYSTEM_TASK = r"\ledgerwatch\Agent"
"""the logon task the MSI registers for every user"""
USERS_SID = "S-1-5-32-545"
LOGIN_ENVIRONMENT = (
    "DISPLAY",
    "XAUTHORITY",
    "WAYLAND_DISPLAY",
    "DBUS_SESSION_BUS_ADDRESS",
    "XDG_CURRENT_DESKTOP",
    "XDG_SESSION_TYPE",
    "XDG_SESSION_DESKTOP",
)
"""what the session knows and a systemd user manager may not: handed to it before the unit starts"""

Runner = Callable[[Sequence[str]], int]
"""argv -> exit status"""


def _run(argv: Sequence[str]) -> int:
    try:
        return subprocess.run(list(argv), capture_output=True, check=False, timeout=30).returncode
    except (OSError, subprocess.TimeoutExpired):
        return 127


def agent_command(
    platform: str = sys.platform, executable: str = sys.executable, frozen: bool | None = None
) -> list[str]:
    """The command that runs the agent from this install: the bundle's own executable when frozen
    (``ledgerwatchw.exe`` on Windows: no console window), else this Python with ``-m ledgerwatch``."""
    frozen = bool(getattr(sys, "frozen", False)) if frozen is None else frozen
    exe: PurePath = PureWindowsPath(executable) if platform == "win32" else Path(executable)
    if frozen:
        if platform == "win32" and exe.name.lower() == "ledgerwatch.exe":
            exe = exe.with_name("ledgerwatchw.exe")
        return [str(exe), "run"]
    windowless = exe.with_name("pythonw.exe")
    if platform == "win32" and exe.name.lower() == "python.exe" and Path(str(windowless)).exists():
        exe = windowless
    return [str(exe), "-m", "ledgerwatch", "run"]


# --- Linux ---


def _desktop_quote(arg: str) -> str:
    """One Exec argument as the Desktop Entry spec wants it (double quotes; \\ " ` $ escaped; % doubled)."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    return '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'


def desktop_entry(command: Sequence[str]) -> str:
    """The XDG autostart entry: runs ``command --at-login`` in the desktop session."""
    return "\n".join(
        [
            "[Desktop Entry]",
            "Type=Application",
            "Name=ledgerwatch",
            "Comment=Passive time capture for your law practice",
            f"Exec={' '.join(_desktop_quote(a) for a in [*command, '--at-login'])}",
            "Icon=ledgerwatch",
            "Terminal=false",
            "NoDisplay=true",
            "X-GNOME-Autostart-enabled=true",
            "",
        ]
    )


def _unit_quote(arg: str) -> str:
    arg = arg.replace("%", "%%").replace("$", "$$")
    if arg and not any(c in arg for c in " \t\"'\\;"):
        return arg
    return '"' + arg.replace("\\", "\\\\").replace('"', '\\"') + '"'


def systemd_unit(command: Sequence[str]) -> str:
    """The systemd user unit: the agent, restarted when it fails (a clean quit, exit 0, stays quit)."""
    return "\n".join(
        [
            "[Unit]",
            "Description=ledgerwatch time capture agent",
            "Documentation=https://ledgerwatch.invalid/docs/deploying",
            "# Started by the desktop's autostart entry (`ledgerwatch run --at-login`), which hands over the",
            "# session's DISPLAY first; stopped with the graphical session where the desktop has one.",
            "After=graphical-session.target",
            "PartOf=graphical-session.target",
            "StartLimitIntervalSec=300",
            "StartLimitBurst=5",
            "",
            "[Service]",
            "Type=simple",
            f"ExecStart={' '.join(_unit_quote(a) for a in command)}",
            "Restart=on-failure",
            "RestartSec=5",
            "",
        ]
    )


def start_user_unit(env: Mapping[str, str], run: Runner = _run) -> bool:
    """At login: start ledgerwatch.service in the systemd user manager, with the session's display.

    False when there is no user manager or it does not know the unit (the caller then runs the agent
    itself); never from inside the unit (INVOCATION_ID), which would only start itself again.
    """
    if env.get("INVOCATION_ID") or run(["systemctl", "--user", "cat", UNIT]) != 0:
        return False
    names = [n for n in env if n in LOGIN_ENVIRONMENT or n.startswith("LEDGERWATCH_")]
    if names:
        run(["systemctl", "--user", "import-environment", *sorted(names)])
    return run(["systemctl", "--user", "start", UNIT]) == 0


# --- macOS ---


def launch_agent(command: Sequence[str], label: str = USER_LABEL) -> bytes:
    """A LaunchAgent plist: runs command at login, again after a crash (not after a clean quit)."""
    return plistlib.dumps(
        {
            "Label": label,
            "ProgramArguments": list(command),
            "RunAtLoad": True,
            "KeepAlive": {"SuccessfulExit": False},
            "ThrottleInterval": 30,
            "LimitLoadToSessionType": "Aqua",
            "ProcessType": "Interactive",
        }
    )


# --- Windows ---


def windows_command(command: Sequence[str]) -> str:
    return " ".join(f'"{part}"' if " " in part else part for part in command)


def logon_task(
    command: Sequence[str], user: str | None = None, uri: str = SYSTEM_TASK, *, start_now: bool = False
) -> str:
    """Task Scheduler XML: at logon (of user, or of any member of Users), restart after a failed start.

    The agent runs under ``run --supervise``, which restarts it after a crash; the task itself never
    times out, ignores a second start while one runs, and runs on battery. start_now adds a registration
    trigger: the installer's task then starts agents in the sessions already logged on (after an upgrade).
    """
    exe, *args = [*command, "--supervise"]
    who = (
        f"<UserId>{escape(user)}</UserId>" if user else f"<GroupId>{USERS_SID}</GroupId>"
    )
    trigger_user = f"<UserId>{escape(user)}</UserId>" if user else ""
    registration = "\n    <RegistrationTrigger><Enabled>true</Enabled></RegistrationTrigger>" if start_now else ""
    return f"""<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.3" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Description>ledgerwatch time capture agent: starts at logon, restarted after a crash</Description>
    <URI>{escape(uri)}</URI>
  </RegistrationInfo>
  <Triggers>
    <LogonTrigger><Enabled>true</Enabled>{trigger_user}<Delay>PT10S</Delay></LogonTrigger>{registration}
  </Triggers>
  <Principals>
    <Principal id="Author">{who}<LogonType>InteractiveToken</LogonType><RunLevel>LeastPrivilege</RunLevel></Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <ExecutionTimeLimit>PT0S</ExecutionTimeLimit>
    <RestartOnFailure><Interval>PT1M</Interval><Count>3</Count></RestartOnFailure>
    <AllowHardTerminate>true</AllowHardTerminate>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec><Command>{escape(exe)}</Command><Arguments>{escape(windows_command(args))}</Arguments></Exec>
  </Actions>
</Task>
"""


def register_system_task(program_dir: str, run: Runner = _run) -> int:
    """The MSI's logon task for every user (``ledgerwatch.exe task register``, run as SYSTEM); exit status."""
    exe = str(PureWindowsPath(program_dir) / "ledgerwatchw.exe")
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "task.xml"
        xml.write_text(logon_task([exe, "run"], start_now=True), encoding="utf-16")
        return run(["schtasks", "/Create", "/TN", SYSTEM_TASK, "/XML", str(xml), "/F"])


def unregister_system_task(run: Runner = _run) -> int:
    """Remove the MSI's logon task (``ledgerwatch.exe task unregister``); a missing task is not an error."""
    run(["schtasks", "/Delete", "/TN", SYSTEM_TASK, "/F"])
    return 0


class Registry(Protocol):
    """The slice of winreg used here: the HKCU Run key older versions wrote (removed when found)."""

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
    return agent_command()


class Autostart:
    """Turns the user's start-at-login on and off, deferring to the installer's when there is one."""

    def __init__(
        self,
        platform: str = sys.platform,
        home: Path | None = None,
        env: Mapping[str, str] | None = None,
        registry: Registry | None = None,
        *,
        run: Runner = _run,
        system_root: Path = Path("/"),
        user: str | None = None,
    ) -> None:
        self.platform = platform
        self.home = home or Path.home()
        self.env = os.environ if env is None else env
        self._registry = registry
        self.run = run
        self.system_root = system_root
        self.user = user or self.env.get("USERNAME") or self.env.get("USER") or "user"

    @property
    def registry(self) -> Registry:
        if self._registry is None:
            self._registry = WinRegistry()
        return self._registry

    @property
    def user_task(self) -> str:
        return f"ledgerwatch ({self.user})"

    def _config_home(self) -> Path:
        return Path(self.env.get("XDG_CONFIG_HOME") or self.home / ".config")

    def path(self) -> Path | None:
        """Where the user's entry lives (None on Windows: the task scheduler)."""
        if self.platform == "win32":
            return None
        if self.platform == "darwin":
            return self.home / "Library" / "LaunchAgents" / f"{USER_LABEL}.plist"
        return self._config_home() / "autostart" / f"{NAME}.desktop"

    def unit_path(self) -> Path:
        return self._config_home() / "systemd" / "user" / UNIT

    def system_entry(self) -> str | None:
        """The installer's start-at-login for every user, when there is one."""
        if self.platform == "win32":
            if self.run(["schtasks", "/Query", "/TN", SYSTEM_TASK]) == 0:
                return f"the scheduled task {SYSTEM_TASK}"
            return None
        if self.platform == "darwin":
            found = self.system_root / "Library" / "LaunchAgents" / f"{LABEL}.plist"
            return str(found) if found.exists() else None
        dirs = self.env.get("XDG_CONFIG_DIRS") or "/etc/xdg"
        for folder in dirs.split(":"):
            found = self.system_root / folder.lstrip("/") / "autostart" / f"{NAME}.desktop"
            if folder and found.exists():
                return str(found)
        return None

    def enable(self, command: Sequence[str] | None = None) -> str:
        """Register command to run at login (unless the installer did); returns where."""
        system = self.system_entry()
        if system:
            self.disable()
            return f"started by the installer: {system}"
        command = list(command or default_command())
        if self.platform == "win32":
            with tempfile.TemporaryDirectory() as tmp:
                xml = Path(tmp) / "task.xml"
                xml.write_text(logon_task(command, self.user, "\\" + self.user_task), encoding="utf-16")
                code = self.run(["schtasks", "/Create", "/TN", self.user_task, "/XML", str(xml), "/F"])
            if code != 0:
                raise OSError(f"schtasks could not create the logon task {self.user_task!r} (exit {code})")
            return f"the scheduled task {self.user_task}"
        path = self.path()
        assert path is not None
        path.parent.mkdir(parents=True, exist_ok=True)
        if self.platform == "darwin":
            path.write_bytes(launch_agent(command))
        else:
            self.unit_path().parent.mkdir(parents=True, exist_ok=True)
            self.unit_path().write_text(systemd_unit(command), encoding="utf-8")
            path.write_text(desktop_entry(command), encoding="utf-8")
            self.run(["systemctl", "--user", "daemon-reload"])
        return str(path)

    def disable(self) -> None:
        """Remove the user's entry (and one an older version left), never the installer's."""
        if self.platform == "win32":
            if self.run(["schtasks", "/Query", "/TN", self.user_task]) == 0:
                self.run(["schtasks", "/Delete", "/TN", self.user_task, "/F"])
            try:
                if self.registry.get(NAME) is not None:
                    self.registry.delete(NAME)
            except OSError:
                pass
            return
        for path in (self.path(), self.unit_path() if self.platform != "darwin" else None):
            if path is not None:
                path.unlink(missing_ok=True)

    def enabled(self) -> bool:
        """Whether the user's own entry exists."""
        if self.platform == "win32":
            return self.run(["schtasks", "/Query", "/TN", self.user_task]) == 0
        path = self.path()
        return path is not None and path.exists()

    def apply(self, wanted: bool, command: Sequence[str] | None = None) -> Any:
        """Make the system match the start_at_login setting; an installer's entry makes the user's redundant."""
        if self.enabled() and self.system_entry():
            self.disable()
            return None
        if wanted and not self.enabled():
            return self.enable(command)
        if not wanted and self.enabled():
            self.disable()
        return None
