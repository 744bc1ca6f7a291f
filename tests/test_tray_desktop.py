"""Single instance, start at login and notifications."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ledgerwatch.tray.instance import InstanceLock
from ledgerwatch.tray.notify import desktop_notify, notify_command


def test_second_instance_is_refused_and_finds_review(tmp_path: Path) -> None:
    """While one process holds the lock a second cannot, and it can read how to open the first one's page."""
    first = InstanceLock(tmp_path)
    assert first.acquire()
    first.publish("http://lw-ab.localhost:5000", b"\x01\x02")
    code = (
        "import sys; from pathlib import Path; from ledgerwatch.tray.instance import InstanceLock;"
        f"l = InstanceLock(Path({str(tmp_path)!r})); r = l.running(); print(l.acquire(), r and r[0], r and r[1].hex())"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "http://lw-ab.localhost:5000", "0102"]
    assert (tmp_path / "review.json").stat().st_mode & 0o077 == 0
    assert (tmp_path / "ledgerwatch.lock").stat().st_mode & 0o077 == 0
    first.release()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "None", "None"]


def test_notify_uses_notify_send_then_falls_back() -> None:
    """notify-send is used on Linux when present; otherwise the tray balloon; the title and text are passed."""
    ran: list[list[str]] = []

    class Done:
        returncode = 0

    how = desktop_notify(
        "ledgerwatch",
        "3 entries waiting",
        runner=lambda a: ran.append(list(a)) or Done(),
        platform="linux",
        which=lambda name: "/usr/bin/" + name,
    )
    assert (
        how == "command"
        and ran[0][0] == "notify-send"
        and ran[0][-2:] == ["ledgerwatch", "3 entries waiting"]
    )
    balloons: list[tuple[str, str]] = []
    how = desktop_notify(
        "ledgerwatch",
        "3 entries",
        fallback=lambda m, t: balloons.append((m, t)),
        platform="linux",
        which=lambda name: None,
    )
    assert how == "tray" and balloons == [("3 entries", "ledgerwatch")]


def test_macos_notification_is_escaped() -> None:
    """Quotes in the text cannot break out of the AppleScript string."""
    argv = notify_command('t"', 'say "hi"', "darwin", lambda n: "/usr/bin/osascript")
    assert argv is not None and argv[-1] == 'display notification "say \\"hi\\"" with title "t\\""'
