"""The event log: batched, idempotent writes and range reads."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import Connection, delete, func, select

from ledgerwatch.domain import CalendarPayload, Event, EventColumn, EventColumns, Payload, Source
from ledgerwatch.store.codec import decode_payload, event_rows, from_ms, to_ms
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import events

BATCH = 2000
_Built = TypeVar("_Built")
_SOURCES = {source.value: source for source in Source}


class EventLog:
    """Append and read activity events.

    Writing an event that is already stored (same source, origin, payload and start) extends it to the later
    end instead of adding a row: re-importing a file adds nothing, and live capture can flush the open
    heartbeat again and again as it grows.
    """

    def __init__(self, db: Database) -> None:
        self.db = db

    def add_many(self, batch: Iterable[Event], conn: Connection | None = None) -> int:
        """Store events in one transaction (or the caller's); returns how many rows are new."""
        rows = event_rows(batch)
        if not rows:
            return 0
        if conn is not None:
            return self._write(conn, rows)
        with self.db.begin() as own:
            return self._write(own, rows)

    def add_calendar(self, batch: Sequence[Event]) -> int:
        """Store a calendar export's events; returns how many rows are new. The export is the truth about
        the events it holds: a stored event of the same calendar (origin) and UID inside the export's span
        that the export no longer has as it was (renamed, moved, declined, a series changed) is replaced, so
        importing an updated export, or the same one read with more knowledge (its owner's refusals), never
        keeps the old copy beside the new one."""
        rows = event_rows(batch)
        kept: dict[tuple[str, str], set[tuple[object, object]]] = {}
        spans: list[tuple[int, int]] = []
        for event, row in zip(batch, rows, strict=True):
            payload = event.payload
            if event.source is not Source.CALENDAR or not isinstance(payload, CalendarPayload) or not payload.uid:
                continue
            kept.setdefault((event.origin, payload.uid), set()).add((row["start_ms"], row["key"]))
            spans.append((to_ms(event.start), to_ms(event.end)))
        with self.db.begin() as conn:
            if spans:
                stored = conn.execute(
                    select(events.c.id, events.c.origin, events.c.start_ms, events.c.key, events.c.data).where(
                        events.c.source == Source.CALENDAR.value,
                        events.c.origin.in_({origin for origin, _ in kept}),
                        events.c.start_ms >= min(start for start, _ in spans),
                        events.c.start_ms <= max(end for _, end in spans),
                    )
                ).all()
                stale = []
                for row_id, origin, start_ms, key, data in stored:
                    payload = decode_payload(Source.CALENDAR, data)
                    same = kept.get((origin, getattr(payload, "uid", "")))
                    if same is not None and (start_ms, key) not in same:
                        stale.append(row_id)
                for i in range(0, len(stale), BATCH):
                    conn.execute(delete(events).where(events.c.id.in_(stale[i : i + BATCH])))
            return self._write(conn, rows) if rows else 0

    def _write(self, conn: Connection, rows: Sequence[dict[str, object]]) -> int:
        # The dialect's insert is imported when writing, so reading the store (status) loads no PostgreSQL dialect.
        insert: Any
        if conn.dialect.name == "sqlite":
            from sqlalchemy.dialects.sqlite import insert
        else:
            from sqlalchemy.dialects.postgresql import insert
        # New rows get ids above the current maximum, an index lookup rather than a count over the log.
        before = int(conn.execute(select(func.coalesce(func.max(events.c.id), 0))).scalar_one())
        for i in range(0, len(rows), BATCH):
            stmt = insert(events).values(rows[i : i + BATCH])
            longer = (
                func.max(events.c.end_ms, stmt.excluded.end_ms)
                if conn.dialect.name == "sqlite"
                else func.greatest(events.c.end_ms, stmt.excluded.end_ms)
            )
            stmt = stmt.on_conflict_do_update(
                index_elements=[events.c.start_ms, events.c.key], set_={"end_ms": longer}
            )
            conn.execute(stmt)
        return int(
            conn.execute(select(func.count()).select_from(events).where(events.c.id > before)).scalar_one()
        )

    def count(self, conn: Connection | None = None) -> int:
        if conn is None:
            with self.db.connect() as own:
                return self.count(own)
        return int(conn.execute(select(func.count()).select_from(events)).scalar_one())

    def between(self, start: datetime, end: datetime, sources: Iterable[Source] | None = None) -> list[Event]:
        """Events overlapping [start, end), ordered by start."""
        fields = (
            events.c.id,
            events.c.source,
            events.c.start_ms,
            events.c.end_ms,
            events.c.origin,
            events.c.data,
        )
        return self._read(fields, start, end, sources, _events)

    def columns(
        self, start: datetime, end: datetime, sources: Iterable[Source] | None = None
    ) -> EventColumns:
        """Events overlapping [start, end) by source, as columns in the order of between().

        What sessionizing a long range reads: no Event or datetime is built per row, and each distinct
        payload is decoded once.
        """
        fields = (events.c.source, events.c.start_ms, events.c.end_ms, events.c.data)
        return self._read(fields, start, end, sources, _columns)

    def _read(
        self,
        fields: tuple[Any, ...],
        start: datetime,
        end: datetime,
        sources: Iterable[Source] | None,
        build: Callable[[Sequence[Any]], _Built],
    ) -> _Built:
        """fields of the events overlapping [start, end), ordered by start, handed to build as plain rows."""
        stmt = (
            select(*fields)
            .where(events.c.start_ms < to_ms(end), events.c.end_ms >= to_ms(start))
            .order_by(events.c.start_ms, events.c.id)
        )
        if sources is not None:
            stmt = stmt.where(events.c.source.in_([s.value for s in sources]))
        # Building the result makes no reference cycles, but a long range makes the cyclic collector
        # walk the growing lists again and again (a third of the read): it is paused meanwhile.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with self.db.connect() as conn:
                result = conn.execute(stmt)
                # The driver's own rows (plain tuples): a Row per event costs more than its fields.
                rows = result.cursor.fetchall()
                result.close()
                return build(rows)
        finally:
            if collecting:
                gc.enable()

    def purge_before(self, moment: datetime) -> int:
        """Delete raw events that ended before moment (retention); returns how many."""
        with self.db.begin() as conn:
            result = conn.execute(delete(events).where(events.c.end_ms < to_ms(moment)))
            return int(result.rowcount or 0)


def _events(rows: Iterable[Sequence[Any]]) -> list[Event]:
    """Events from (id, source, start_ms, end_ms, origin, data) rows.

    A log repeats itself: the same payloads and the same instants (one event ends as the next starts)
    come back again and again, so each distinct one is decoded once per read.
    """
    payloads: dict[tuple[str, str], Payload] = {}
    moments: dict[int, datetime] = {}
    out: list[Event] = []
    add = out.append
    sources = _SOURCES
    for row_id, source, start_ms, end_ms, origin, data in rows:
        kind = sources.get(source) or Source(source)
        key = (source, data)
        payload = payloads.get(key)
        if payload is None:
            payload = payloads[key] = decode_payload(kind, data)
        start = moments.get(start_ms)
        if start is None:
            start = moments[start_ms] = from_ms(start_ms)
        end = moments.get(end_ms)
        if end is None:
            end = moments[end_ms] = from_ms(end_ms)
        add(Event(kind, start, end, payload, origin, row_id))
    return out


def _columns(rows: Iterable[Sequence[Any]]) -> EventColumns:
    """Columns by source from (source, start_ms, end_ms, data) rows; each distinct payload decoded once."""
    columns: EventColumns = {}
    found: dict[str, tuple[EventColumn, dict[str, Payload], Source]] = {}
    for source, start_ms, end_ms, data in rows:
        known = found.get(source)
        if known is None:
            kind = _SOURCES.get(source) or Source(source)
            known = found[source] = (columns.setdefault(kind, EventColumn()), {}, kind)
        column, decoded, kind = known
        column.starts.append(start_ms / 1000)
        column.ends.append(end_ms / 1000)
        payload = decoded.get(data)
        if payload is None:
            payload = decoded[data] = decode_payload(kind, data)
        column.payloads.append(payload)
    return columns
