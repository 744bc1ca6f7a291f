"""The sync outbox: rows written in the same transaction as an approval, drained by sync/.

A row is a snapshot of what the provider should hold for one entry version; the reference lets sync find an
entry on the provider after an attempt whose outcome is unknown.

Row states: pending -> done | needs_attention | conflict; a needs_attention or conflict row is superseded when
the entry changes again. `in_doubt` is set (and committed) before a request leaves and cleared only by a
definite answer, so a crash between sending and recording is always followed by a look-up, never a blind retry.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, delete, func, or_, select, update

from ledgerwatch.domain import TimeEntry
from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.schema import audit_log, entries, entry_remote, outbox

PENDING = "pending"
DONE = "done"
NEEDS_ATTENTION = "needs_attention"
CONFLICT = "conflict"
SUPERSEDED = "superseded"
BLOCKING = (PENDING, NEEDS_ATTENTION, CONFLICT)
"""states that hold back later rows of the same entry (order per entry is preserved)"""
AUTH_PREFIX = "authorization: "
"""last_error prefix for rows parked because the provider refused our tokens; reconnecting requeues them"""


def reference_for(entry_id: str) -> str:
    """A short, stable reference carried by the entry on the provider (e.g. 'LW-3f9a1c2e')."""
    return "LW-" + hashlib.sha256(entry_id.encode()).hexdigest()[:8]


def snapshot(entry: TimeEntry) -> dict[str, Any]:
    """What leaves the machine for an approved entry: never raw activity, spans or evidence."""
    return {
        "entry_id": entry.id,
        "version": entry.version,
        "matter": entry.matter,
        "date": entry.date.isoformat(),
        "seconds": entry.worked_seconds,
        "billed_hours": str(entry.billed_hours),
        "note": entry.description,
        "activity_code": entry.activity_code,
        "task_code": entry.task_code,
        "billable": entry.billable,
        "reference": reference_for(entry.id),
    }


def enqueue(conn: Connection, entry: TimeEntry, op: str, now: datetime, provider: str = "") -> int:
    """Add an outbox row for entry (op: create, update or delete); provider '' means the connected one.

    Rows of the same entry parked in needs_attention or conflict are superseded by the new one (the user has
    acted); if any of them may have reached the provider, the new row inherits the doubt.
    """
    if op not in {"create", "update", "delete"}:
        raise ValueError(f"unknown outbox op {op!r}")
    ms = to_ms(now)
    parked = outbox.c.state.in_((NEEDS_ATTENTION, CONFLICT))
    doubt = conn.execute(
        select(func.count()).where(outbox.c.entry_id == entry.id, parked, outbox.c.in_doubt.is_(True))
    ).scalar_one()
    conn.execute(
        update(outbox)
        .where(outbox.c.entry_id == entry.id, parked)
        .values(state=SUPERSEDED, in_doubt=False, updated_ms=ms)
    )
    result = conn.execute(
        outbox.insert().values(
            entry_id=entry.id,
            entry_version=entry.version,
            provider=provider,
            op=op,
            reference=reference_for(entry.id),
            payload=dumps(snapshot(entry)),
            state=PENDING,
            attempts=0,
            created_ms=ms,
            updated_ms=ms,
            not_before_ms=0,
            in_doubt=bool(doubt),
        )
    )
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


@dataclass(frozen=True, slots=True)
class RemoteLink:
    """Where an entry lives on a provider, and which of its versions is there."""

    remote_id: str
    etag: str | None
    synced_version: int
    locked: bool


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    entry_id: str
    entry_version: int
    provider: str
    op: str
    reference: str
    payload: dict[str, Any]
    state: str
    attempts: int
    last_error: str | None
    in_doubt: bool
    not_before_ms: int


def _row(r: Any) -> OutboxRow:
    return OutboxRow(
        id=r.id,
        entry_id=r.entry_id,
        entry_version=r.entry_version,
        provider=r.provider,
        op=r.op,
        reference=r.reference,
        payload=json.loads(r.payload),
        state=r.state,
        attempts=r.attempts,
        last_error=r.last_error,
        in_doubt=bool(r.in_doubt),
        not_before_ms=r.not_before_ms,
    )


def _ready(provider: str) -> Any:
    earlier = outbox.alias()  # Core's alias: no ORM import for a self-join
    blocked = (
        select(earlier.c.id)
        .where(
            earlier.c.entry_id == outbox.c.entry_id, earlier.c.id < outbox.c.id, earlier.c.state.in_(BLOCKING)
        )
        .exists()
    )
    return and_(outbox.c.state == PENDING, outbox.c.provider.in_(("", provider)), ~blocked)


def next_due(conn: Connection, provider: str, now: datetime) -> OutboxRow | None:
    """The oldest pending row for provider that is due and not held back by an earlier row of its entry."""
    found = conn.execute(
        select(outbox)
        .where(_ready(provider), outbox.c.not_before_ms <= to_ms(now))
        .order_by(outbox.c.not_before_ms, outbox.c.id)
        .limit(1)
    ).first()
    return _row(found) if found is not None else None


def next_wake_ms(conn: Connection, provider: str) -> int | None:
    """When the earliest deferred row becomes due (epoch ms), or None when nothing is waiting."""
    value = conn.execute(select(func.min(outbox.c.not_before_ms)).where(_ready(provider))).scalar()
    return int(value) if value is not None else None


def get(conn: Connection, row_id: int) -> OutboxRow:
    return _row(conn.execute(select(outbox).where(outbox.c.id == row_id)).one())


def begin_attempt(conn: Connection, row_id: int, now: datetime) -> None:
    """Record that a request is about to leave; commit this before sending it."""
    conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(attempts=outbox.c.attempts + 1, in_doubt=True, updated_ms=to_ms(now))
    )


def defer(
    conn: Connection, row_id: int, now: datetime, until: datetime, message: str, *, in_doubt: bool
) -> None:
    """Try again later; in_doubt says whether the last request may have been applied."""
    conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(not_before_ms=to_ms(until), last_error=message, in_doubt=in_doubt, updated_ms=to_ms(now))
    )


def settle_doubt(conn: Connection, row_id: int, now: datetime) -> None:
    """A look-up has shown the provider does not hold the entry: the next attempt may send again."""
    conn.execute(update(outbox).where(outbox.c.id == row_id).values(in_doubt=False, updated_ms=to_ms(now)))


def park(conn: Connection, row_id: int, now: datetime, message: str, *, state: str, in_doubt: bool) -> None:
    """Stop trying until someone acts: state is needs_attention or conflict; message is shown to the user."""
    if state not in (NEEDS_ATTENTION, CONFLICT):
        raise ValueError(f"cannot park an outbox row as {state!r}")
    conn.execute(
        update(outbox)
        .where(outbox.c.id == row_id)
        .values(state=state, last_error=message, in_doubt=in_doubt, updated_ms=to_ms(now))
    )


def requeue(conn: Connection, now: datetime, *, auth_only: bool = False) -> int:
    """Put parked needs_attention rows back in the queue (all, or only those refused for authorization)."""
    where = [outbox.c.state == NEEDS_ATTENTION]
    if auth_only:
        where.append(outbox.c.last_error.like(AUTH_PREFIX + "%"))
    result = conn.execute(
        update(outbox).where(*where).values(state=PENDING, not_before_ms=0, updated_ms=to_ms(now))
    )
    return int(result.rowcount)


def remote_link(conn: Connection, entry_id: str, provider: str) -> RemoteLink | None:
    r = conn.execute(
        select(entry_remote).where(entry_remote.c.entry_id == entry_id, entry_remote.c.provider == provider)
    ).first()
    if r is None:
        return None
    return RemoteLink(r.remote_id, r.etag, r.synced_version, bool(r.locked))


def _audit(
    conn: Connection, entry_id: str, version: int, action: str, actor: str, ms: int, **changes: Any
) -> None:
    last = conn.execute(
        select(audit_log.c.snapshot)
        .where(audit_log.c.entry_id == entry_id)
        .order_by(audit_log.c.id.desc())
        .limit(1)
    ).scalar()
    data = json.loads(last) if last else {"id": entry_id}
    data.update(changes)
    conn.execute(
        audit_log.insert().values(
            entry_id=entry_id, version=version, action=action, actor=actor, at_ms=ms, snapshot=dumps(data)
        )
    )


def complete(
    conn: Connection,
    row: OutboxRow,
    provider: str,
    now: datetime,
    *,
    remote_id: str | None,
    etag: str | None,
    billed: bool = False,
) -> None:
    """The provider holds what the row asked for: link the entry, mark it synced (or unlink a delete)."""
    ms = to_ms(now)
    conn.execute(
        update(outbox)
        .where(outbox.c.id == row.id)
        .values(
            state=DONE, provider=provider, remote_id=remote_id, in_doubt=False, last_error=None, updated_ms=ms
        )
    )
    where = (entry_remote.c.entry_id == row.entry_id, entry_remote.c.provider == provider)
    if row.op == "delete":
        conn.execute(delete(entry_remote).where(*where))
        return
    assert remote_id is not None
    values = {"remote_id": remote_id, "etag": etag, "synced_version": row.entry_version, "locked": billed}
    if conn.execute(select(entry_remote.c.entry_id).where(*where)).first() is None:
        conn.execute(entry_remote.insert().values(entry_id=row.entry_id, provider=provider, **values))
    else:
        conn.execute(update(entry_remote).where(*where).values(**values))
    current = conn.execute(
        select(entries.c.version, entries.c.status).where(entries.c.id == row.entry_id)
    ).first()
    if current is not None and current.version == row.entry_version and current.status == "approved":
        changes: dict[str, Any] = {"status": "synced"}
        if billed:
            changes["locked"] = True
        conn.execute(update(entries).where(entries.c.id == row.entry_id).values(**changes))
        _audit(conn, row.entry_id, row.entry_version, "sync", f"sync:{provider}", ms, **changes)


def lock_billed(conn: Connection, provider: str, remote_ids: list[str], now: datetime) -> int:
    """Entries the provider has billed: lock them here so they can no longer change; returns how many."""
    if not remote_ids:
        return 0
    linked = conn.execute(
        select(entry_remote.c.entry_id, entries.c.version)
        .join(entries, entries.c.id == entry_remote.c.entry_id)
        .where(
            entry_remote.c.provider == provider,
            entry_remote.c.remote_id.in_(remote_ids),
            entries.c.locked.is_(False),
        )
    ).all()
    ms = to_ms(now)
    for entry_id, version in linked:
        conn.execute(
            update(entry_remote)
            .where(entry_remote.c.entry_id == entry_id, entry_remote.c.provider == provider)
            .values(locked=True)
        )
        conn.execute(update(entries).where(entries.c.id == entry_id).values(locked=True))
        _audit(conn, entry_id, version, "lock", f"sync:{provider}", ms, locked=True)
    return len(linked)


@dataclass(frozen=True, slots=True)
class QueueItem:
    """One row that still needs something: waiting, or parked with the provider's message."""

    entry_id: str
    op: str
    state: str
    attempts: int
    message: str | None
    not_before: int
    day: str | None
    matter: str | None


@dataclass(frozen=True, slots=True)
class QueueStatus:
    counts: dict[str, int]
    open_items: tuple[QueueItem, ...]
    """pending, needs_attention and conflict rows, oldest first"""


def queue_status(conn: Connection) -> QueueStatus:
    """Counts by state and the rows that still need something, for `sync status` and review."""
    counts = {
        str(state): int(n)
        for state, n in conn.execute(select(outbox.c.state, func.count()).group_by(outbox.c.state)).all()
    }
    rows = conn.execute(select(outbox).where(outbox.c.state.in_(BLOCKING)).order_by(outbox.c.id)).all()
    items = []
    for r in rows:
        payload = json.loads(r.payload)
        items.append(
            QueueItem(
                entry_id=r.entry_id,
                op=r.op,
                state=r.state,
                attempts=r.attempts,
                message=r.last_error,
                not_before=r.not_before_ms,
                day=payload.get("date"),
                matter=payload.get("matter"),
            )
        )
    return QueueStatus(counts, tuple(items))


def attention_for(conn: Connection, entry_id: str) -> str | None:
    """The message to show on an entry in review when its sync is parked (needs attention or conflict)."""
    r = conn.execute(
        select(outbox.c.state, outbox.c.last_error)
        .where(
            outbox.c.entry_id == entry_id, or_(outbox.c.state == NEEDS_ATTENTION, outbox.c.state == CONFLICT)
        )
        .order_by(outbox.c.id.desc())
        .limit(1)
    ).first()
    return None if r is None else f"{r.state}: {r.last_error or ''}"
