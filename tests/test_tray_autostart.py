"""Start at login from every install: the right command, one entry per platform, restarted after a crash."""

from __future__ import annotations

import configparser
import plistlib
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from pathlib import Path

import pytest

from ledgerwatch.runtime.supervisor import supervise
from ledgerwatch.tray.autostart import (
    SYSTEM_TASK,
    USER_LABEL,
    Autostart,
    agent_command,
    desktop_entry,
    launch_agent,
    start_user_unit,
    systemd_unit,
)

TASK_NS = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}


class Recorder:
    """A command runner that records argv (and the task XML schtasks is handed) and answers by rule."""

    def __init__(self, answers: dict[tuple[str, ...], int] | None = None) -> None:
        self.calls: list[list[str]] = []
        self.answers = answers or {}
        self.task_xml: str | None = None

    def __call__(self, argv: Sequence[str]) -> int:
        argv = list(argv)
        self.calls.append(argv)
        if "/XML" in argv:
            self.task_xml = Path(argv[argv.index("/XML") + 1]).read_text(encoding="utf-16")
        for prefix, code in self.answers.items():
            if tuple(argv[: len(prefix)]) == prefix:
                return code
        return 0


def _desktop(path: Path) -> configparser.SectionProxy:
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(path)
    return entry["Desktop Entry"]


# --- the command ---


@pytest.mark.parametrize(
    ("platform", "executable", "frozen", "expected"),
    [
        ("linux", "/opt/ledgerwatch/ledgerwatch", True, ["/opt/ledgerwatch/ledgerwatch", "run"]),
        (
            "darwin",
            "/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch",
            True,
            ["/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch", "run"],
        ),
        (
            "win32",
            r"C:\Program Files\ledgerwatch\ledgerwatch.exe",
            True,
            [r"C:\Program Files\ledgerwatch\ledgerwatchw.exe", "run"],
        ),
        ("linux", "/home/a/.venv/bin/python", False, ["/home/a/.venv/bin/python", "-m", "ledgerwatch", "run"]),
    ],
)
def test_the_agent_command_runs_the_bundles_own_executable(
    platform: str, executable: str, frozen: bool, expected: list[str]
) -> None:
    """From the bundle the entry runs the bundle's executable with `run` (never `-m`, which only a Python
    understands); on Windows the windowless twin; from a Python install, `python -m ledgerwatch run`."""
    assert agent_command(platform, executable, frozen) == expected


# --- Linux: XDG entry handing over to a systemd user unit ---


def test_linux_user_entry_is_an_xdg_entry_and_a_systemd_unit_restarted_on_failure(tmp_path: Path) -> None:
    """Enabling writes ~/.config/autostart/ledgerwatch.desktop (run --at-login) and the user unit
    ledgerwatch.service (the agent, Restart=on-failure); disabling removes both."""
    run = Recorder()
    auto = Autostart("linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, run=run, system_root=tmp_path)
    where = auto.enable(["/opt/ledgerwatch/ledgerwatch", "run"])
    entry = _desktop(Path(where))
    assert Path(where) == tmp_path / "cfg" / "autostart" / "ledgerwatch.desktop"
    assert entry["Exec"] == "/opt/ledgerwatch/ledgerwatch run --at-login"
    assert entry["Icon"] == "ledgerwatch"
    unit = configparser.ConfigParser(interpolation=None, strict=False)
    unit.read(tmp_path / "cfg" / "systemd" / "user" / "ledgerwatch.service")
    assert unit["Service"]["ExecStart"] == "/opt/ledgerwatch/ledgerwatch run"
    assert unit["Service"]["Restart"] == "on-failure"
    assert ["systemctl", "--user", "daemon-reload"] in run.calls
    assert auto.enabled()
    auto.apply(False)
    assert not auto.enabled() and not (tmp_path / "cfg" / "systemd" / "user" / "ledgerwatch.service").exists()


@pytest.mark.skipif(not shutil.which("systemd-analyze"), reason="systemd-analyze not installed")
def test_the_systemd_unit_passes_systemd_analyze_verify(tmp_path: Path) -> None:
    """systemd itself accepts the unit, paths with spaces and % included."""
    exe = tmp_path / "my apps" / "ledgerwatch%1"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n", encoding="utf-8")
    exe.chmod(0o755)
    unit = tmp_path / "ledgerwatch.service"
    unit.write_text(systemd_unit([str(exe), "run"]), encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", str(unit)], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert "ledgerwatch.service" not in result.stderr, result.stderr


def test_desktop_entry_quotes_as_the_spec_says() -> None:
    """Exec arguments with spaces or reserved characters are double-quoted, `$` escaped, `%` doubled."""
    text = desktop_entry(["/a b/ledgerwatch", "run", "50%$x"])
    assert 'Exec="/a b/ledgerwatch" run "50%%\\$x" --at-login' in text


def test_at_login_hands_the_agent_to_the_user_unit_with_the_sessions_display() -> None:
    """`run --at-login` imports DISPLAY and LEDGERWATCH_* into the user manager and starts the unit;
    without a manager (or unit) it says so and the agent runs supervised instead; never from inside it."""
    run = Recorder()
    env = {"DISPLAY": ":5", "LEDGERWATCH_HOME": "/h", "PATH": "/usr/bin", "XAUTHORITY": "/x"}
    assert start_user_unit(env, run)
    assert ["systemctl", "--user", "import-environment", "DISPLAY", "LEDGERWATCH_HOME", "XAUTHORITY"] in run.calls
    assert run.calls[-1] == ["systemctl", "--user", "start", "ledgerwatch.service"]
    assert not start_user_unit(env, Recorder({("systemctl", "--user", "cat"): 1}))
    inside = Recorder()
    assert not start_user_unit({**env, "INVOCATION_ID": "abc"}, inside) and inside.calls == []


def test_never_two_autostarts_on_linux(tmp_path: Path) -> None:
    """With the package's /etc/xdg/autostart entry present the user's is not written, and an old one goes."""
    user = Autostart("linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(tmp_path / "cfg")}, run=Recorder(), system_root=tmp_path / "root")
    user.enable(["/usr/bin/ledgerwatch", "run"])
    system = tmp_path / "root" / "etc" / "xdg" / "autostart" / "ledgerwatch.desktop"
    system.parent.mkdir(parents=True)
    system.write_text("[Desktop Entry]\n", encoding="utf-8")
    assert user.enable(["/usr/bin/ledgerwatch", "run"]) == f"started by the installer: {system}"
    assert not user.enabled()
    user.enable(["/usr/bin/ledgerwatch", "run"])
    user.apply(True)
    assert not user.enabled()


# --- macOS: a LaunchAgent of its own ---


def test_macos_user_agent_has_its_own_label_and_keepalive(tmp_path: Path) -> None:
    """The user's LaunchAgent is com.ledgerwatch.agent.user (never the pkg's label), runs at load and is
    restarted after a crash, not after a clean quit; the pkg's agent makes it redundant."""
    auto = Autostart("darwin", home=tmp_path, system_root=tmp_path / "root")
    path = Path(auto.enable(["/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch", "run"]))
    assert path == tmp_path / "Library" / "LaunchAgents" / f"{USER_LABEL}.plist"
    data = plistlib.loads(path.read_bytes())
    assert data["Label"] == USER_LABEL != "com.ledgerwatch.agent"
    assert data["ProgramArguments"] == ["/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch", "run"]
    assert data["RunAtLoad"] is True and data["KeepAlive"] == {"SuccessfulExit": False}
    system = tmp_path / "root" / "Library" / "LaunchAgents" / "com.ledgerwatch.agent.plist"
    system.parent.mkdir(parents=True)
    system.write_bytes(launch_agent(["x"], "com.ledgerwatch.agent"))
    auto.apply(True)
    assert not path.exists()


# --- Windows: a logon scheduled task with a watchdog ---


class FakeRunKey:
    def __init__(self, value: str | None = None) -> None:
        self.value = value

    def set(self, name: str, value: str) -> None:
        self.value = value

    def delete(self, name: str) -> None:
        self.value = None

    def get(self, name: str) -> str | None:
        return self.value


def test_windows_user_entry_is_a_logon_task_that_restarts_the_agent() -> None:
    """The user's start at login is a scheduled task at their logon running the windowless executable under
    the supervisor, restarted when it fails to start; an old version's HKCU Run value is removed."""
    run = Recorder({("schtasks", "/Query", "/TN", SYSTEM_TASK): 1, ("schtasks", "/Query"): 1})
    legacy = FakeRunKey(r'"C:\Program Files\ledgerwatch\ledgerwatch.exe" -m ledgerwatch run')
    auto = Autostart("win32", env={"USERNAME": "alice"}, registry=legacy, run=run)
    exe = r"C:\Program Files\ledgerwatch\ledgerwatchw.exe"
    assert auto.enable([exe, "run"]) == "the scheduled task ledgerwatch (alice)"
    assert run.task_xml is not None
    task = ET.fromstring(run.task_xml.split("?>", 1)[1])
    assert task.findtext("t:Triggers/t:LogonTrigger/t:UserId", namespaces=TASK_NS) == "alice"
    assert task.findtext("t:Actions/t:Exec/t:Command", namespaces=TASK_NS) == exe
    assert task.findtext("t:Actions/t:Exec/t:Arguments", namespaces=TASK_NS) == "run --supervise"
    assert task.findtext("t:Settings/t:RestartOnFailure/t:Count", namespaces=TASK_NS) == "3"
    assert task.findtext("t:Settings/t:ExecutionTimeLimit", namespaces=TASK_NS) == "PT0S"
    assert task.findtext("t:Principals/t:Principal/t:LogonType", namespaces=TASK_NS) == "InteractiveToken"
    run.answers = {("schtasks", "/Query", "/TN", SYSTEM_TASK): 1, ("schtasks", "/Query"): 0}
    auto.apply(False)
    assert ["schtasks", "/Delete", "/TN", "ledgerwatch (alice)", "/F"] in run.calls
    assert legacy.value is None


def test_windows_defers_to_the_msi_task() -> None:
    """With the MSI's \\ledgerwatch\\Agent task registered, the user's task is not created (and an old one goes)."""
    run = Recorder({("schtasks", "/Query"): 0})
    auto = Autostart("win32", env={"USERNAME": "bob"}, registry=FakeRunKey(), run=run)
    assert auto.enable(["x.exe", "run"]) == rf"started by the installer: the scheduled task {SYSTEM_TASK}"
    assert not any("/Create" in call for call in run.calls)
    assert ["schtasks", "/Delete", "/TN", "ledgerwatch (bob)", "/F"] in run.calls


# --- the supervisor (Windows, and Linux without a systemd user manager) ---


def test_supervisor_restarts_a_crashed_agent_but_not_one_that_quit() -> None:
    """A crash (non-zero status or death by a signal) restarts the agent after a delay; Quit (0) ends it."""
    exits = iter([-9, 1, 0])
    slept: list[float] = []
    assert supervise(lambda: next(exits), sleep=slept.append, clock=lambda: 0.0) == 0
    assert slept == [1.0, 5.0]


def test_supervisor_gives_up_on_an_agent_that_crashes_at_every_start() -> None:
    """More than `limit` crashes within the window end the loop (as systemd's start limit does)."""
    starts: list[int] = []
    now = [0.0]

    def crash() -> int:
        starts.append(1)
        now[0] += 1.0
        return 2

    assert supervise(crash, sleep=lambda s: None, clock=lambda: now[0], limit=5, window=300) == 2
    assert len(starts) == 6
