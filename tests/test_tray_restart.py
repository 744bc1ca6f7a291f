"""A killed agent is restarted: the real systemd user manager runs the unit start-at-login writes.

The CI machine boots without systemd (PID 1 is not systemd), and a user manager refuses to start unless the
system "was booted with systemd" (/run/systemd/system exists). So the test starts a throw-away
`systemd --user` inside a private mount namespace (unshare -m, as root) whose /run/systemd is a fresh tmpfs
holding that marker: nothing outside the namespace sees it, and the manager, its units and the agent are
real. Everything runs inside the throw-away desktop (.ci/with-desktop.sh) so the agent has a display.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ledgerwatch.tray.autostart import Autostart, agent_command

pytestmark = [pytest.mark.desktop, pytest.mark.slow]
SYSTEMD = Path("/lib/systemd/systemd")
SRC = Path(__file__).resolve().parent.parent / "src"

MANAGER = r"""
set -eu
mount -t tmpfs tmpfs /run/systemd 2>/dev/null || mount -t tmpfs tmpfs /run
mkdir -p /run/systemd/system
/lib/systemd/systemd --user >"$WORK/manager.log" 2>&1 &
manager=$!
trap 'systemctl --user stop ledgerwatch.service 2>/dev/null || true; kill $manager 2>/dev/null || true' EXIT
for _ in $(seq 300); do
  case $(systemctl --user is-system-running 2>/dev/null || true) in running|degraded) break ;; esac
  sleep 0.1
done
main_pid() { systemctl --user show -p MainPID --value ledgerwatch.service; }
url() { cat "$LEDGERWATCH_HOME/data/review.url" 2>/dev/null || true; }
wait_for_agent() {  # a new MainPID whose review link differs from $1 (each start publishes a fresh one)
  for _ in $(seq 600); do
    pid=$(main_pid); now=$(url)
    if [ "$pid" != 0 ] && [ -n "$now" ] && [ "$now" != "$1" ]; then echo "$pid"; return 0; fi
    sleep 0.1
  done
  echo "agent did not come up; manager log:" >&2; cat "$WORK/manager.log" >&2
  journal=$(systemctl --user status ledgerwatch.service 2>&1 || true); echo "$journal" >&2
  return 1
}
eval "$AT_LOGIN"
first=$(wait_for_agent "")
echo "first=$first"
before=$(url)
kill -KILL "$first"
second=$(wait_for_agent "$before")
echo "second=$second"
echo "restarts=$(systemctl --user show -p NRestarts --value ledgerwatch.service)"
kill -TERM "$second"
for _ in $(seq 300); do
  [ "$(systemctl --user show -p ActiveState --value ledgerwatch.service)" = inactive ] && break
  sleep 0.1
done
echo "after-quit=$(systemctl --user show -p ActiveState --value ledgerwatch.service)"
echo "result-after-quit=$(systemctl --user show -p Result --value ledgerwatch.service)"
"""


def _why_not() -> str | None:
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root for a private mount namespace (unshare -m)"
    if not (SYSTEMD.exists() and shutil.which("systemctl") and shutil.which("unshare")):
        return "needs systemd and unshare"
    if not os.environ.get("DISPLAY"):
        return "run inside .ci/with-desktop.sh (needs a display)"
    return None


def test_a_killed_agent_is_restarted_by_the_systemd_user_unit_and_a_quit_one_is_not(tmp_path: Path) -> None:
    """The XDG entry's command (`run --at-login`) starts ledgerwatch.service in the user manager; SIGKILL on
    the agent brings a new agent up (Restart=on-failure), a clean quit (SIGTERM, exit 0) leaves it stopped."""
    reason = _why_not()
    if reason:
        pytest.skip(reason)
    config_home = tmp_path / "config"
    auto = Autostart("linux", home=tmp_path, env={"XDG_CONFIG_HOME": str(config_home)}, system_root=tmp_path / "root")
    entry = Path(auto.enable([*agent_command(executable=sys.executable, frozen=False), "--headless"]))
    at_login = next(line[5:] for line in entry.read_text(encoding="utf-8").splitlines() if line.startswith("Exec="))
    dropin = config_home / "systemd" / "user" / "ledgerwatch.service.d" / "test.conf"
    dropin.parent.mkdir(parents=True)
    # The test's source tree for the agent, and a 1 s restart delay instead of 5 s: the restart rule is the unit's.
    dropin.write_text(f"[Service]\nEnvironment=PYTHONPATH={SRC}\nRestartSec=1\n", encoding="utf-8")
    run_dir = tmp_path / "run"
    run_dir.mkdir(mode=0o700)
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env.update(
        XDG_CONFIG_HOME=str(config_home),
        XDG_RUNTIME_DIR=str(run_dir),
        WORK=str(tmp_path),
        PYTHONPATH=str(SRC),
        AT_LOGIN=at_login,
        LEDGERWATCH_HOME=str(tmp_path / "home"),
        LEDGERWATCH_TIMEZONE="UTC",
        LEDGERWATCH_CAPTURE__BROWSER_PORT="0",
    )
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)  # systemctl --user talks to this manager, not the desktop's bus
    result = subprocess.run(
        ["unshare", "-m", "bash", "-c", MANAGER], env=env, capture_output=True, text=True, timeout=240, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    out = dict(line.split("=", 1) for line in result.stdout.splitlines() if "=" in line)
    assert out["first"] != out["second"]
    assert int(out["restarts"]) == 1
    # a unit waiting to restart is "activating (auto-restart)"; a clean quit leaves it inactive, success
    assert out["after-quit"] == "inactive" and out["result-after-quit"] == "success"
    assert shlex.split(at_login)[-2:] == ["--headless", "--at-login"]
