"""The job table: every job present, coalescing, and a missed schedule runs once on wake."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger

from ledgerwatch.config import Settings
from ledgerwatch.jobs import JobCalls, build_scheduler, job_table

ZONE = ZoneInfo("America/New_York")
NAMES = [
    "capture_flush",
    "sessionize_today",
    "reminder",
    "drain_outbox",
    "retention_purge",
    "refresh_calendars",
]


def recording_calls(seen: dict[str, int], done: threading.Event | None = None) -> JobCalls:
    def call(name: str):  # type: ignore[no-untyped-def]
        def run() -> None:
            seen[name] = seen.get(name, 0) + 1
            if done is not None and len(seen) == len(NAMES):
                done.set()

        return run

    return JobCalls(*(call(n) for n in NAMES))


def test_every_job_is_configured_to_coalesce() -> None:
    """Six jobs, each coalescing, one instance at a time, with a misfire grace time."""
    scheduler = build_scheduler(job_table(recording_calls({}), Settings(), ZONE), ZONE)
    jobs = {j.id: j for j in scheduler.get_jobs()}
    assert sorted(jobs) == sorted(NAMES)
    for job in jobs.values():
        assert job.coalesce is True and job.max_instances == 1 and job.misfire_grace_time >= 60


def test_reminder_follows_the_setting() -> None:
    """The reminder fires at the configured local time."""
    settings = Settings.model_validate({"review": {"reminder_time": "18:05"}})
    spec = next(s for s in job_table(recording_calls({}), settings, ZONE) if s.id == "reminder")
    assert isinstance(spec.trigger, CronTrigger)
    fire = spec.trigger.get_next_fire_time(None, datetime(2026, 2, 2, 12, tzinfo=ZONE))
    assert (fire.hour, fire.minute, fire.tzinfo.key) == (18, 5, "America/New_York")


def test_missed_runs_after_sleep_run_once() -> None:
    """Jobs whose next runs passed long ago (a laptop asleep for 3 hours) each run exactly once on wake."""
    seen: dict[str, int] = {}
    done = threading.Event()
    scheduler = build_scheduler(
        job_table(recording_calls(seen, done), Settings(), ZONE), ZONE, BackgroundScheduler(timezone=ZONE)
    )
    scheduler.start(paused=True)
    try:
        slept = datetime.now(UTC) - timedelta(hours=3)
        for job in scheduler.get_jobs():
            if job.id == "retention_purge":
                job.modify(next_run_time=slept)  # a daily job missed once
            else:
                job.modify(next_run_time=slept)  # interval jobs missed many times
        scheduler.resume()
        assert done.wait(10), seen
        threading.Event().wait(0.5)
    finally:
        scheduler.shutdown(wait=True)
    assert seen == dict.fromkeys(NAMES, 1)
