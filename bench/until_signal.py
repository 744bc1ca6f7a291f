"""Run a worker thread until it ends or SIGTERM/SIGINT arrives; the main thread takes the signal with sigwait.

No handler is installed: an Event set from a signal handler in the thread that waits on it can deadlock on the
Event's own lock (python/cpython#126434; a test's SIGTERM once hung a capture runner for 15 s under load). The
signals are blocked before the worker starts, so it inherits the mask, and only the main thread waits for them.
Standard library only: bench/capture_agent.py uses it, and so does bench/peers/aw_standin_watchers.py under
ActivityWatch's Python.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Callable

SIGNALS = frozenset({signal.SIGTERM, signal.SIGINT})


def run_until_signal(work: Callable[[threading.Event], object], ready: Callable[[], object], name: str) -> None:
    """Start work(stop) in a thread named name, call ready(), and wait until the thread ends or a signal comes;
    then set stop and wait for the thread to finish what it holds."""
    signal.pthread_sigmask(signal.SIG_BLOCK, SIGNALS)
    stop = threading.Event()
    worker = threading.Thread(target=work, args=(stop,), name=name)
    worker.start()
    try:
        ready()
        while worker.is_alive() and signal.sigtimedwait(SIGNALS, 0.5) is None:
            pass
    finally:
        stop.set()
        worker.join()
