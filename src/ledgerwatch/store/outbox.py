"""The sync outbox: rows written in the same transaction as an approval, drained by sync/.

A row is a snapshot of what the provider should hold for one entry version; the reference lets sync find an
entry on the provider after an attempt whose outcome is unknown.

Row states: pending -> done | needs_attention | conflict; a needs_attention or conflict row is superseded when
the entry changes again. `in_doubt` is set (and committed) before a request leaves and cleared only by a
definite answer, so a crash between sending and recording is always followed by a look-up, never a blind retry.

Claims: a drain takes a row with `claim_next` (one UPDATE that succeeds for one drain only, on SQLite and
PostgreSQL alike) and holds it for a lease. Every later write of that drain names its `owner` and changes the
row only while the claim is still its own; a drain that was killed gives the row up when the lease runs out
(or at once, when the next drain holds the store's drain lock: `release_claims`).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, and_, case, delete, func, or_, select, update

from ledgerwatch.domain import TimeEntry
from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.schema import audit_log, entries, entry_remote, kv, outbox

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


TARGETS_KEY = "sync.targets"
"""kv key: the standing targets (comma-separated, e.g. 'firm') that get their own copy of every outbox row,
beside the connected provider's"""


def standing_targets(conn: Connection) -> tuple[str, ...]:
    """Targets that receive every approved entry in addition to the connected provider (the firm ledger)."""
    value = conn.execute(select(kv.c.value).where(kv.c.key == TARGETS_KEY)).scalar()
    return tuple(t for t in (value or "").split(",") if t)


def enqueue(conn: Connection, entry: TimeEntry, op: str, now: datetime, provider: str = "") -> int:
    """Add an outbox row for entry (op: create, update or delete); provider '' means the connected one.

    A row for the connected one ('') is copied for each standing target (the firm ledger), each drained on its
    own. Rows of the same entry and target parked in needs_attention or conflict are superseded by the new one
    (the user has acted); if any of them may have reached the target, the new row inherits the doubt.
    """
    if op not in {"create", "update", "delete"}:
        raise ValueError(f"unknown outbox op {op!r}")
    targets = (provider,) if provider else ("", *standing_targets(conn))
    ids = [_enqueue_one(conn, entry, op, now, target) for target in targets]
    return ids[0]


def revise(conn: Connection, entry: TimeEntry, now: datetime) -> None:
    """An approved entry changed: in each target, its latest row that no request has left for and no drain
    holds takes the new version; a target without such a row gets an update row of its own."""
    ms = to_ms(now)
    untouched = and_(outbox.c.state == PENDING, outbox.c.attempts == 0, _free(None, ms))
    waiting = conn.execute(
        select(outbox.c.id, outbox.c.provider)
        .where(outbox.c.entry_id == entry.id, untouched)
        .order_by(outbox.c.id)
    ).all()
    latest = {w.provider: w.id for w in waiting}
    revised = {
        target
        for target, row_id in latest.items()
        # the condition again: a drain may have claimed the row since (PostgreSQL re-checks it here)
        if conn.execute(
            update(outbox)
            .where(outbox.c.id == row_id, untouched)
            .values(entry_version=entry.version, payload=dumps(snapshot(entry)), updated_ms=ms)
        ).rowcount
        == 1
    }
    for target in ("", *standing_targets(conn)):
        if target not in revised:
            _enqueue_one(conn, entry, "update", now, target)


def withdraw(conn: Connection, entry_id: str) -> bool:
    """Remove the entry's rows that no request has left for (an approval undone); False when some request
    for it has left or some target holds it, and the caller must roll back (raising does)."""
    conn.execute(
        delete(outbox).where(
            outbox.c.entry_id == entry_id, outbox.c.state == PENDING, outbox.c.attempts == 0
        )
    )
    # Checked after the delete: a drain that began an attempt meanwhile left its row, which shows here.
    return conn.execute(select(outbox.c.id).where(outbox.c.entry_id == entry_id)).first() is None


def never_queued(conn: Connection, provider: str) -> list[str]:
    """Approved (or synced) matter entries that have never had a row for provider: a new standing target's
    backlog."""
    have = select(outbox.c.entry_id).where(outbox.c.provider == provider)
    return [
        str(i)
        for i in conn.execute(
            select(entries.c.id)
            .where(
                entries.c.status.in_(("approved", "synced")),
                entries.c.matter.is_not(None),
                entries.c.id.not_in(have),
            )
            .order_by(entries.c.day, entries.c.id)
        ).scalars()
    ]


def _enqueue_one(conn: Connection, entry: TimeEntry, op: str, now: datetime, provider: str) -> int:
    ms = to_ms(now)
    parked = and_(outbox.c.state.in_((NEEDS_ATTENTION, CONFLICT)), outbox.c.provider == provider)
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
    created_ms: int = 0


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
        created_ms=r.created_ms,
    )


def _ready(conn: Connection, provider: str) -> Any:
    """Pending rows for provider not held back by an earlier row of the same entry and target.

    A standing target (the firm ledger) takes only its own rows; the connected provider takes '' rows too
    (`_target`).
    """
    earlier = outbox.alias()  # Core's alias: no ORM import for a self-join
    blocked = (
        select(earlier.c.id)
        .where(
            earlier.c.entry_id == outbox.c.entry_id,
            earlier.c.id < outbox.c.id,
            earlier.c.state.in_(BLOCKING),
            earlier.c.provider == outbox.c.provider,
        )
        .exists()
    )
    return and_(outbox.c.state == PENDING, _target(conn, provider), ~blocked)


def _target(conn: Connection, provider: str) -> Any:
    """Rows for provider: a standing target (the firm ledger) has only its own; the connected provider takes
    '' rows too."""
    if provider in standing_targets(conn):
        return outbox.c.provider == provider
    return outbox.c.provider.in_(("", provider))


def _free(owner: str | None, now_ms: int) -> Any:
    """Rows no other drain holds: unclaimed, claimed by owner, or their lease ran out."""
    free = or_(outbox.c.claimed_by.is_(None), outbox.c.lease_until_ms <= now_ms)
    return free if owner is None else or_(free, outbox.c.claimed_by == owner)


def claim_next(
    conn: Connection, provider: str, now: datetime, owner: str, lease_seconds: float
) -> OutboxRow | None:
    """Claim the oldest due row no other drain holds, for lease_seconds; None when there is none.

    The claim is one conditional UPDATE: of two drains that pick the same row, exactly one changes it (the
    other sees no row changed and tries the next). Commit it before working on the row.
    """
    now_ms = to_ms(now)
    ready = _ready(conn, provider)
    while True:
        candidate = conn.execute(
            select(outbox.c.id)
            .where(ready, outbox.c.not_before_ms <= now_ms, _free(owner, now_ms))
            .order_by(outbox.c.not_before_ms, outbox.c.id)
            .limit(1)
        ).scalar()
        if candidate is None:
            return None
        taken = conn.execute(
            update(outbox)
            .where(outbox.c.id == candidate, outbox.c.state == PENDING, _free(owner, now_ms))
            .values(claimed_by=owner, lease_until_ms=now_ms + int(lease_seconds * 1000))
        )
        if taken.rowcount == 1:
            return get(conn, int(candidate))


def release_claims(conn: Connection, provider: str) -> int:
    """Forget every claim on provider's rows: for a drain that holds the store's drain lock, whose holders
    before it are gone (the operating system releases a killed process's lock)."""
    result = conn.execute(
        update(outbox)
        .where(outbox.c.claimed_by.is_not(None), _target(conn, provider))
        .values(claimed_by=None, lease_until_ms=0)
    )
    return int(result.rowcount)


def _mine(row_id: int, owner: str | None) -> Any:
    """The row, and (when owner is given) only while owner still holds its claim."""
    this = outbox.c.id == row_id
    return this if owner is None else and_(this, outbox.c.claimed_by == owner)


def next_due(conn: Connection, provider: str, now: datetime) -> OutboxRow | None:
    """The oldest pending row for provider that is due and not held back by an earlier row of its entry."""
    found = conn.execute(
        select(outbox)
        .where(_ready(conn, provider), outbox.c.not_before_ms <= to_ms(now))
        .order_by(outbox.c.not_before_ms, outbox.c.id)
        .limit(1)
    ).first()
    return _row(found) if found is not None else None


def next_wake_ms(
    conn: Connection, provider: str, owner: str | None = None, now: datetime | None = None
) -> int | None:
    """When the earliest waiting row becomes due (epoch ms), or None when nothing is waiting.

    A row another drain holds (given owner and now) becomes due for this one when that drain's lease ends.
    """
    due: Any = outbox.c.not_before_ms
    if owner is not None and now is not None:
        held = and_(
            outbox.c.claimed_by.is_not(None),
            outbox.c.claimed_by != owner,
            outbox.c.lease_until_ms > to_ms(now),
        )
        later = case(
            (outbox.c.lease_until_ms > outbox.c.not_before_ms, outbox.c.lease_until_ms),
            else_=outbox.c.not_before_ms,
        )
        due = case((held, later), else_=outbox.c.not_before_ms)
    value = conn.execute(select(func.min(due)).where(_ready(conn, provider))).scalar()
    return int(value) if value is not None else None


def first_sent(conn: Connection, entry_id: str, provider: str) -> int:
    """When a request for the entry first left for provider (epoch ms; when it was queued, if none is
    recorded): nothing of it can have reached the provider before then, so a look-up asks for nothing older."""
    value = conn.execute(
        select(func.min(func.coalesce(outbox.c.first_sent_ms, outbox.c.created_ms))).where(
            outbox.c.entry_id == entry_id, _target(conn, provider)
        )
    ).scalar()
    return int(value or 0)


def get(conn: Connection, row_id: int) -> OutboxRow:
    return _row(conn.execute(select(outbox).where(outbox.c.id == row_id)).one())


def begin_attempt(
    conn: Connection, row_id: int, now: datetime, *, owner: str | None = None, lease_seconds: float = 0.0
) -> bool:
    """Record that a request is about to leave, renewing owner's lease; commit this before sending it.

    False (nothing recorded) when owner no longer holds the row: the request must not be sent.
    """
    values: dict[str, Any] = {
        "attempts": outbox.c.attempts + 1,
        "in_doubt": True,
        "updated_ms": to_ms(now),
        "first_sent_ms": func.coalesce(outbox.c.first_sent_ms, to_ms(now)),
    }
    if owner is not None:
        values["lease_until_ms"] = to_ms(now) + int(lease_seconds * 1000)
    return conn.execute(update(outbox).where(_mine(row_id, owner)).values(**values)).rowcount == 1


def defer(
    conn: Connection,
    row_id: int,
    now: datetime,
    until: datetime,
    message: str,
    *,
    in_doubt: bool,
    owner: str | None = None,
) -> None:
    """Try again later and give up the claim; in_doubt says whether the last request may have been applied."""
    conn.execute(
        update(outbox)
        .where(_mine(row_id, owner))
        .values(
            not_before_ms=to_ms(until),
            last_error=message,
            in_doubt=in_doubt,
            updated_ms=to_ms(now),
            claimed_by=None,
            lease_until_ms=0,
        )
    )


def settle_doubt(conn: Connection, row_id: int, now: datetime, *, owner: str | None = None) -> None:
    """A look-up has shown the provider does not hold the entry: the next attempt may send again."""
    conn.execute(update(outbox).where(_mine(row_id, owner)).values(in_doubt=False, updated_ms=to_ms(now)))


def park(
    conn: Connection,
    row_id: int,
    now: datetime,
    message: str,
    *,
    state: str,
    in_doubt: bool,
    owner: str | None = None,
) -> None:
    """Stop trying until someone acts: state is needs_attention or conflict; message is shown to the user."""
    if state not in (NEEDS_ATTENTION, CONFLICT):
        raise ValueError(f"cannot park an outbox row as {state!r}")
    conn.execute(
        update(outbox)
        .where(_mine(row_id, owner))
        .values(
            state=state,
            last_error=message,
            in_doubt=in_doubt,
            updated_ms=to_ms(now),
            claimed_by=None,
            lease_until_ms=0,
        )
    )


def release(conn: Connection, row_id: int, owner: str) -> None:
    """Give up owner's claim on a row without changing it."""
    conn.execute(update(outbox).where(_mine(row_id, owner)).values(claimed_by=None, lease_until_ms=0))


def requeue(conn: Connection, now: datetime, *, auth_only: bool = False, provider: str | None = None) -> int:
    """Put parked needs_attention rows back in the queue (all, or only those refused for authorization;
    all targets, or only provider's)."""
    where = [outbox.c.state == NEEDS_ATTENTION]
    if auth_only:
        where.append(outbox.c.last_error.like(AUTH_PREFIX + "%"))
    if provider is not None:
        where.append(_target(conn, provider))
    result = conn.execute(
        update(outbox).where(*where).values(state=PENDING, not_before_ms=0, updated_ms=to_ms(now))
    )
    return int(result.rowcount)


def parked_for_authorization(conn: Connection, provider: str) -> int:
    """How many of provider's rows wait because the provider refused our tokens."""
    return int(
        conn.execute(
            select(func.count()).where(
                outbox.c.state == NEEDS_ATTENTION,
                outbox.c.last_error.like(AUTH_PREFIX + "%"),
                _target(conn, provider),
            )
        ).scalar_one()
    )


def linked_elsewhere(conn: Connection, provider: str, remote_ids: list[str], entry_id: str) -> set[str]:
    """Those of remote_ids already linked to another local entry (a look-up must not take them)."""
    if not remote_ids:
        return set()
    return {
        str(r)
        for r in conn.execute(
            select(entry_remote.c.remote_id).where(
                entry_remote.c.provider == provider,
                entry_remote.c.remote_id.in_(remote_ids),
                entry_remote.c.entry_id != entry_id,
            )
        ).scalars()
    }


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
    owner: str | None = None,
) -> bool:
    """The provider holds what the row asked for: link the entry, mark it synced (or unlink a delete).

    False (nothing written) when owner no longer holds the row: the drain that does records it.
    """
    ms = to_ms(now)
    done = conn.execute(
        update(outbox)
        .where(_mine(row.id, owner))
        .values(
            state=DONE,
            provider=provider,
            remote_id=remote_id,
            in_doubt=False,
            last_error=None,
            updated_ms=ms,
            claimed_by=None,
            lease_until_ms=0,
        )
    )
    if done.rowcount != 1:
        return False
    where = (entry_remote.c.entry_id == row.entry_id, entry_remote.c.provider == provider)
    if row.op == "delete":
        conn.execute(delete(entry_remote).where(*where))
        return True
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
    return True


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
    target: str = ""
    """the row's provider as stored: '' (whichever is connected), a provider, or a standing target ('firm')"""


@dataclass(frozen=True, slots=True)
class QueueStatus:
    counts: dict[str, int]
    open_items: tuple[QueueItem, ...]
    """pending, needs_attention and conflict rows, oldest first"""

    @property
    def attention(self) -> tuple[QueueItem, ...]:
        """The rows that wait for the attorney (needs_attention, conflict), oldest first."""
        return tuple(i for i in self.open_items if i.state != PENDING)


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
                target=r.provider,
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
