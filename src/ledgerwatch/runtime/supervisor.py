"""A watchdog for the agent where the system has none: restart it after a crash, not after a clean quit.

Used by the Windows logon task (``run --supervise``; Task Scheduler restarts only a task that failed to
start) and at login on Linux desktops without a systemd user manager. It follows systemd's
``Restart=on-failure`` with a start limit: exit status 0 (Quit) or 130 (Ctrl+C) ends it; any other status or
death by a signal restarts the agent after a growing delay; more than `limit` crashes within `window`
seconds gives up (a crash at every start would otherwise loop forever).
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence

log = logging.getLogger("ledgerwatch.supervisor")

CLEAN_EXITS = frozenset({0, 130})
DELAYS = (1.0, 5.0, 15.0, 30.0)


def supervise(
    spawn: Callable[[], int],
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
    limit: int = 5,
    window: float = 300.0,
    delays: Sequence[float] = DELAYS,
    stopped: Callable[[], bool] = lambda: False,
) -> int:
    """Run spawn() (one agent, to its exit status) until it exits cleanly or crashes too often."""
    crashes: list[float] = []
    while True:
        code = spawn()
        if code in CLEAN_EXITS or stopped():
            return code
        now = clock()
        crashes = [t for t in crashes if now - t < window] + [now]
        if len(crashes) > limit:
            log.error("the agent crashed %d times in %.0f s (last exit %s); not restarting", len(crashes), window, code)
            return code
        delay = delays[min(len(crashes), len(delays)) - 1]
        log.warning("the agent exited with status %s; restarting it in %.0f s", code, delay)
        sleep(delay)


def supervise_command(argv: Sequence[str]) -> int:
    """Supervise the agent process argv; a SIGTERM to the supervisor (logout) stops the agent and itself."""
    child: list[subprocess.Popen[bytes]] = []
    stopping: list[bool] = []

    def on_term(_signum: int, _frame: object) -> None:
        stopping.append(True)
        for process in child:
            process.terminate()

    signal.signal(signal.SIGTERM, on_term)
    flags = getattr(subprocess, "CREATE_NO_WINDOW", 0) if sys.platform == "win32" else 0

    def spawn() -> int:
        process = subprocess.Popen(list(argv), creationflags=flags)
        child[:] = [process]
        return process.wait()

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    return supervise(spawn, stopped=lambda: bool(stopping))
