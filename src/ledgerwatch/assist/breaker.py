"""A circuit breaker with back-off, and a time budget per build, so a down endpoint costs seconds, not minutes.

The breaker opens on a timeout or a failed connection (one request is enough to know), or after two server
errors in a row; while open, nothing is sent. It stays open for a back-off that doubles with each failure
in a row (one minute, two, four ... at most an hour) and closes on the first answer. Its state is a small
value the caller keeps between builds (app.py stores it), so the next build does not knock again at once.

The build budget caps the wall time all requests of one build may take: each request's timeout is what is
left of it, and once it is spent the rest of the drafts keep the rules' answer.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

FIRST_BACKOFF = timedelta(minutes=1)
MAX_BACKOFF = timedelta(hours=1)
OPENS_AT_ONCE = frozenset({"timeout", "transport"})
OPENS_AFTER_TWO = frozenset({"server_error"})


@dataclass
class Breaker:
    """Failures in a row and until when nothing is sent."""

    failures: int = 0
    open_until: datetime | None = None
    last_failure: str = ""

    def closed(self, now: datetime) -> bool:
        return self.open_until is None or now >= self.open_until

    def record(self, outcome: str, now: datetime) -> None:
        """Note one request's outcome (a client Outcome value)."""
        if outcome in ("answered", "cached"):
            self.failures, self.open_until, self.last_failure = 0, None, ""
            return
        if outcome not in OPENS_AT_ONCE | OPENS_AFTER_TWO:
            return  # the endpoint answered: a bad answer is not a down endpoint
        self.failures += 1
        self.last_failure = outcome
        if outcome in OPENS_AT_ONCE or self.failures >= 2:
            backoff = min(FIRST_BACKOFF * 2 ** max(0, self.failures - 1), MAX_BACKOFF)
            self.open_until = now + backoff

    def to_json(self) -> str:
        return json.dumps(
            {
                "failures": self.failures,
                "open_until": self.open_until.isoformat() if self.open_until else None,
                "last_failure": self.last_failure,
            }
        )

    @classmethod
    def from_json(cls, text: str | None) -> Breaker:
        """The stored state; anything unreadable is a closed breaker."""
        try:
            data = json.loads(text or "{}")
            until = data.get("open_until")
            return cls(
                int(data.get("failures", 0)),
                datetime.fromisoformat(until) if until else None,
                str(data.get("last_failure", "")),
            )
        except (ValueError, TypeError, AttributeError):
            return cls()


@dataclass
class TimeBudget:
    """Seconds of requests one build may spend, on a monotonic clock."""

    seconds: float
    clock: Callable[[], float] = time.monotonic
    started: float | None = field(default=None)

    def left(self) -> float:
        now = self.clock()
        if self.started is None:
            self.started = now
        return max(0.0, self.seconds - (now - self.started))
