"""Upgrades stop running agents before files change and start them again after (the deb's helper script)."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
AGENTS = ROOT / "packaging" / "linux" / "ledgerwatch-agents"
MAINTAINER = ROOT / "packaging" / "linux"


def _running(exe: Path) -> list[int]:
    found = []
    for link in Path("/proc").glob("[0-9]*/exe"):
        try:
            target = os.readlink(link)
        except OSError:
            continue
        if target in (str(exe), f"{exe} (deleted)"):
            found.append(int(link.parent.name))
    return found


@pytest.mark.skipif(not shutil.which("runuser") or not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root and runuser")
def test_agents_are_stopped_noted_and_started_again_in_their_session(tmp_path: Path) -> None:
    """`ledgerwatch-agents stop` ends every process of the package's executable (by /proc/PID/exe) and notes
    its session; `start` brings one back per session with that session's DISPLAY, then forgets the notes."""
    exe = tmp_path / "opt" / "ledgerwatch" / "ledgerwatch"
    exe.parent.mkdir(parents=True)
    shutil.copy2("/bin/sleep", exe)  # stands in for the agent: what matters is which executable runs
    env = {**os.environ, "DISPLAY": ":42", "LW_EXE": str(exe), "LW_RUN_ARGS": "300"}
    agent = subprocess.Popen([str(exe), "300"], env=env)
    state = tmp_path / "state"
    try:
        subprocess.run(["sh", str(AGENTS), "stop", str(state)], env=env, check=True, timeout=30)
        assert agent.wait(timeout=5) is not None and _running(exe) == []
        (record,) = state.iterdir()
        assert "DISPLAY=:42" in record.read_text() and "UNIT=no" in record.read_text()
        subprocess.run(["sh", str(AGENTS), "start", str(state)], env=env, check=True, timeout=30)
        for _ in range(100):
            if _running(exe):
                break
            time.sleep(0.05)
        (again,) = _running(exe)
        environ = Path(f"/proc/{again}/environ").read_bytes().split(b"\0")
        assert b"DISPLAY=:42" in environ
        assert not state.exists()
    finally:
        agent.kill()
        for pid in _running(exe):
            os.kill(pid, 9)


def test_maintainer_scripts_stop_agents_on_upgrade_and_restart_them_after() -> None:
    """prerm stops (and notes) agents on upgrade as well as on remove; postinst starts the noted ones."""
    prerm = (MAINTAINER / "prerm").read_text(encoding="utf-8")
    postinst = (MAINTAINER / "postinst").read_text(encoding="utf-8")
    upgrade = prerm.split("upgrade)", 1)[1].split(";;", 1)[0]
    assert 'ledgerwatch-agents stop "$STATE"' in upgrade
    assert 'ledgerwatch-agents start "$STATE"' in postinst.split("configure)", 1)[1].split(";;", 1)[0]
    assert "policy check" in postinst
