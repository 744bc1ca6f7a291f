"""Idle comes from the OS on every platform, and no input hook is ever installed (no keylogger signature)."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ledgerwatch.capture import CaptureSettings
from ledgerwatch.capture.backends.processes import ProcessNames

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "ledgerwatch"
HOOKS = re.compile(
    r"\bpynput\b|SetWindowsHookEx|WH_KEYBOARD|CGEventTapCreate|NSEvent\.addGlobalMonitor|record_create_context"
    r"|keyboard\.Listener"
)


def test_no_module_installs_or_names_an_input_hook() -> None:
    """No source file imports pynput or calls a global hook API (Windows hooks, event taps, XRecord)."""
    found = [
        f"{path.relative_to(SRC)}:{n}"
        for path in sorted(SRC.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if HOOKS.search(line) and not line.lstrip().startswith("#") and "no input hook" not in line
    ]
    assert found == []


def test_pynput_is_not_a_dependency_and_the_bundle_leaves_it_out() -> None:
    """pynput is neither installed with ledgerwatch nor carried by the bundle."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(dep.lower().startswith("pynput") for dep in project["dependencies"])
    spec = (ROOT / "packaging" / "pyinstaller" / "ledgerwatch.spec").read_text(encoding="utf-8")
    assert '"pynput",' in spec.split("excludes = [", 1)[1].split("]", 1)[0]
    assert "pynput." not in spec


RUN_AGENT_WITH_A_TRAP = r"""
import sys, types
built = []
class Trap:
    def __init__(self, *a, **k):
        built.append(type(self).__name__)
        raise AssertionError("an input listener was constructed")
for name in ("pynput", "pynput.keyboard", "pynput.mouse"):
    module = types.ModuleType(name)
    module.Listener = Trap
    sys.modules[name] = module
sys.modules["pynput"].keyboard = sys.modules["pynput.keyboard"]
sys.modules["pynput"].mouse = sys.modules["pynput.mouse"]
from ledgerwatch.capture import CaptureAgent, CaptureSettings
from ledgerwatch.capture.backends import select_backend
for source in ("auto", "os", "none"):
    backends = select_backend(source)
    agent = CaptureAgent(backends.window, backends.idle, lambda batch: None, CaptureSettings(idle_source=source))
    for _ in range(3):
        agent.sample_once()
    agent.flush()
    backends.window.close(); backends.idle.close()
import ledgerwatch.runtime.agent, ledgerwatch.runtime.capture
print("built:", built)
"""


def test_running_capture_constructs_no_input_listener() -> None:
    """Selecting every idle source and sampling builds no pynput listener (a trap module would raise)."""
    done = subprocess.run(
        [sys.executable, "-c", RUN_AGENT_WITH_A_TRAP], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "built: []"


def test_an_input_hook_cannot_be_asked_for() -> None:
    """The old 'pynput' idle source is refused: auto and os both mean the OS's idle counter."""
    with pytest.raises(ValueError, match="auto, os or none"):
        CaptureSettings(idle_source="pynput")


def test_process_names_are_keyed_by_pid_and_start_time() -> None:
    """A pid reused by a new process gets the new process's name, not the cached one."""
    table = {1234: (100.0, "WINWORD.EXE")}
    names = ProcessNames(
        started=lambda pid: table[pid][0] if pid in table else None,
        describe=lambda pid: (table[pid][1], None),
    )
    assert names.lookup(1234) == ("WINWORD.EXE", None)
    table[1234] = (250.0, "chrome.exe")  # Word quit; Chrome started under the same pid
    assert names.lookup(1234) == ("chrome.exe", None)
    del table[1234]
    assert names.lookup(1234) is None


class _RecordedX:
    """An X display answering MIT-SCREEN-SAVER's QueryInfo as the X server documents it: idle in milliseconds."""

    def __init__(self, idle_ms: int, has_saver: bool = True) -> None:
        self.idle_ms, self.has_saver = idle_ms, has_saver
        self.asked = 0

    def get(self) -> _RecordedX:
        return self

    def has_extension(self, name: str) -> bool:
        return self.has_saver and name == "MIT-SCREEN-SAVER"

    def screen(self) -> object:
        outer = self

        class Root:
            def screensaver_query_info(self) -> object:
                outer.asked += 1
                return type("Info", (), {"idle": outer.idle_ms, "state": 0})()

        return type("Screen", (), {"root": Root()})()

    def reset(self) -> None:
        return None


def test_x11_idle_is_the_screen_savers_idle_counter() -> None:
    """On X11 idle is the server's own counter (MIT-SCREEN-SAVER QueryInfo, ms); without the extension, no idle."""
    from ledgerwatch.capture.backends.x11 import XScreenSaverIdle

    display = _RecordedX(idle_ms=312_500)
    assert XScreenSaverIdle(display=display).seconds_since_input() == 312.5  # type: ignore[arg-type]
    assert display.asked == 1
    with pytest.raises(RuntimeError, match="MIT-SCREEN-SAVER"):
        XScreenSaverIdle(display=_RecordedX(0, has_saver=False))  # type: ignore[arg-type]
