"""The background job table (APScheduler 3): one line per job, each a call into an injected service.

Every job coalesces and has a misfire grace time, so jobs missed while the laptop slept run once on wake,
not once per missed slot; max_instances=1 keeps a slow job from overlapping itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from ledgerwatch.config import Settings

HOUR = 3600


@dataclass(frozen=True)
class JobCalls:
    """The services the jobs call (injected by the composition root)."""

    capture_flush: Callable[[], object]
    sessionize_today: Callable[[], object]
    remind: Callable[[], object]
    drain_outbox: Callable[[], object]
    purge_retention: Callable[[], object]
    refresh_calendars: Callable[[], object]


@dataclass(frozen=True)
class JobSpec:
    id: str
    call: Callable[[], object]
    trigger: Any
    grace_seconds: int


def job_table(calls: JobCalls, settings: Settings, zone: tzinfo) -> list[JobSpec]:
    """The jobs: (id, call, trigger, misfire grace)."""
    hour, minute = (int(p) for p in settings.review.reminder_time.split(":"))
    flush = max(settings.capture.flush_seconds, 1.0)
    return [
        JobSpec("capture_flush", calls.capture_flush, IntervalTrigger(seconds=flush, timezone=zone), 60),
        JobSpec("sessionize_today", calls.sessionize_today, IntervalTrigger(hours=1, timezone=zone), HOUR),
        JobSpec("reminder", calls.remind, CronTrigger(hour=hour, minute=minute, timezone=zone), 4 * HOUR),
        JobSpec("drain_outbox", calls.drain_outbox, IntervalTrigger(minutes=2, timezone=zone), HOUR),
        JobSpec(
            "retention_purge", calls.purge_retention, CronTrigger(hour=3, minute=17, timezone=zone), 24 * HOUR
        ),
        JobSpec(
            "refresh_calendars", calls.refresh_calendars, IntervalTrigger(minutes=30, timezone=zone), HOUR
        ),
    ]


def build_scheduler(specs: list[JobSpec], zone: tzinfo, scheduler: Any = None) -> Any:
    """A BackgroundScheduler (not started) holding the jobs."""
    scheduler = scheduler or BackgroundScheduler(timezone=zone)
    for spec in specs:
        scheduler.add_job(
            spec.call,
            spec.trigger,
            id=spec.id,
            name=spec.id,
            coalesce=True,
            misfire_grace_time=spec.grace_seconds,
            max_instances=1,
            replace_existing=True,
        )
    return scheduler
