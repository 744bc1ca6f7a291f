"""The running agent's few timed jobs, in one thread that sleeps until the next is due.

A job missed while the laptop slept runs once on wake (coalesced) when it is still within its grace time, else
waits for its next turn. Capture flushes itself (one flush per interval, in the capture thread), so nothing
here wakes every few seconds.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

log = logging.getLogger("ledgerwatch.runtime")

MAX_SLEEP = 300.0
"""seconds: a wall-clock change or a sleep is noticed within this"""

Next = Callable[[datetime], datetime]
"""after this moment, when the job is due next"""


@dataclass(frozen=True)
class Job:
    name: str
    call: Callable[[], object]
    next_after: Next
    grace: timedelta


def daily(at: time, zone: tzinfo) -> Next:
    """Every day at a local wall-clock time."""

    def next_after(moment: datetime) -> datetime:
        local = moment.astimezone(zone)
        due = datetime.combine(local.date(), at, tzinfo=zone)
        if due <= local:
            due = datetime.combine(local.date() + timedelta(days=1), at, tzinfo=zone)
        return due

    return next_after


def every(interval: timedelta) -> Next:
    return lambda moment: moment + interval


class Timers:
    """Runs jobs when due until stopped."""

    def __init__(self, jobs: list[Job], clock: Callable[[], datetime]) -> None:
        self.jobs = jobs
        self.clock = clock
        now = clock()
        self.due = {job.name: job.next_after(now) for job in jobs}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="lw-timers", daemon=True)

    def run_due(self) -> list[str]:
        """Run every job that is due now (once, however many turns were missed); returns their names."""
        ran: list[str] = []
        now = self.clock()
        for job in self.jobs:
            due = self.due[job.name]
            if now < due:
                continue
            self.due[job.name] = job.next_after(now)
            if now - due > job.grace:
                log.info("timers: %s missed by %s; waiting for its next turn", job.name, now - due)
                continue
            try:
                job.call()
            except Exception:
                log.exception("timers: %s failed", job.name)
            ran.append(job.name)
        return ran

    def seconds_to_next(self) -> float:
        now = self.clock()
        soonest = min(self.due.values(), default=now + timedelta(seconds=MAX_SLEEP))
        return min(MAX_SLEEP, max(0.0, (soonest - now).total_seconds()))

    def _loop(self) -> None:
        while not self._stop.wait(self.seconds_to_next()):
            self.run_due()

    def start(self) -> Timers:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
