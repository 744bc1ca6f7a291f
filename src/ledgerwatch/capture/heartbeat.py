"""Heartbeat merging in memory (pulsetime): repeated identical samples grow one open event per channel.

drain() hands out every closed event once plus a snapshot of each open one; the store extends an already stored
event (same source, origin, payload and start) to the later end, so re-sending the growing open event at every
flush is how it is kept up to date, and a crash loses at most one flush interval.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ledgerwatch.domain import Event, Payload, Source


@dataclass(frozen=True, slots=True)
class Open:
    """The event currently growing on a channel."""

    source: Source
    payload: Payload
    start: datetime
    last_seen: datetime

    def to_event(self, origin: str, end: datetime | None = None) -> Event:
        return Event(
            self.source, self.start, max(self.start, end or self.last_seen), self.payload, origin=origin
        )


class Heartbeats:
    """Per-channel open events plus the closed ones waiting for the next flush."""

    def __init__(self, origin: str = "") -> None:
        self.origin = origin
        self.open: dict[str, Open] = {}
        self.closed: list[Event] = []

    def beat(
        self, channel: str, source: Source, payload: Payload, at: datetime, pulsetime: timedelta
    ) -> None:
        """Merge an observation into the channel: extend, or close the old event and open a new one at `at`."""
        current = self.open.get(channel)
        if current is not None:
            gap = at - current.last_seen
            continuous = timedelta(0) <= gap <= pulsetime
            if continuous and current.payload == payload and current.source == source:
                self.open[channel] = replace(current, last_seen=at)
                return
            # A continuous switch hands the time between the two samples to the old event; after a gap
            # (sleep, stall, clock change) the old event ends where it was last seen.
            self._close(channel, at if continuous else current.last_seen)
        self.open[channel] = Open(source, payload, at, at)

    def extend(self, channel: str, to: datetime) -> None:
        """Move the open event's end forward to `to` (never backwards)."""
        current = self.open.get(channel)
        if current is not None and to > current.last_seen:
            self.open[channel] = replace(current, last_seen=to)

    def close(self, channel: str, at: datetime | None = None) -> None:
        """End the channel's open event at `at` (clamped to its start), or where it was last seen."""
        if channel in self.open:
            self._close(channel, at)

    def close_all(self, at: datetime | None = None) -> None:
        for channel in list(self.open):
            self._close(channel, at)

    def _close(self, channel: str, at: datetime | None) -> None:
        current = self.open.pop(channel)
        end = current.last_seen if at is None else max(current.start, at)
        self.closed.append(current.to_event(self.origin, end))

    def drain(self) -> list[Event]:
        """Closed events (once) and a snapshot of the open ones, ordered by start."""
        batch = self.closed + [o.to_event(self.origin) for o in self.open.values()]
        self.closed = []
        return sorted(batch, key=lambda e: (e.start, e.source))

    def requeue(self, batch: list[Event]) -> None:
        """Put back events a failed flush did not store (open ones are re-sent anyway)."""
        opens = {(o.source, o.start, o.payload) for o in self.open.values()}
        self.closed = [e for e in batch if (e.source, e.start, e.payload) not in opens] + self.closed
