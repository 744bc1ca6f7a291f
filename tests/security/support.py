"""What the security tests share: finding files and folders another local user could read."""

from __future__ import annotations

import os
import stat
from pathlib import Path


def open_modes(root: Path, files_only: bool = False) -> list[str]:
    """Every folder under root (root included) not 0700 and every file not 0600, with its mode."""
    found = []
    if not root.exists():
        return found
    paths = [root, *root.rglob("*")]
    for path in paths:
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode) or (files_only and stat.S_ISDIR(info.st_mode)):
            continue
        mode = stat.S_IMODE(info.st_mode)
        want = 0o700 if stat.S_ISDIR(info.st_mode) else 0o600
        if mode != want:
            found.append(f"{path} {mode:04o}")
    return found


def command_lines() -> list[str]:
    """Every process's command line on this machine, as `ps` would show it to any user."""
    lines = []
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            raw = Path("/proc", pid, "cmdline").read_bytes()
        except OSError:
            continue
        lines.append(raw.replace(b"\0", b" ").decode("utf-8", "replace"))
    return lines
