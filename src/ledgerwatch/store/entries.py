"""Time entries with their spans and evidence, every state change in the append-only audit log.

Approval writes the sync outbox row in the same transaction, so an approved entry can never be lost on its
way out and nothing unapproved is ever queued.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, delete, select, update

from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Evidence,
    IllegalTransition,
    Problem,
    Severity,
    Span,
    TimeEntry,
    approve,
    discard,
    restore,
    revise,
    unapprove,
)
from ledgerwatch.domain.clock import Clock
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.store import outbox as outbox_rows
from ledgerwatch.store.codec import dumps, from_ms, to_ms
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import audit_log, entries, entry_evidence, entry_spans


class EntryNotFound(LedgerwatchError, LookupError):
    pass


def _row(entry: TimeEntry) -> dict[str, Any]:
    return {
        "id": entry.id,
        "day": entry.date,
        "matter": entry.matter,
        "kind": entry.kind.value,
        "worked_seconds": entry.worked_seconds,
        "billed_hours": entry.billed_hours,
        "activity_code": entry.activity_code,
        "task_code": entry.task_code,
        "description": entry.description,
        "confidence": entry.confidence,
        "reasons": dumps(list(entry.reasons)),
        "problems": dumps([[p.code, p.message, p.severity.value] for p in entry.problems]),
        "status": entry.status.value,
        "version": entry.version,
        "approved_ms": to_ms(entry.approved_at) if entry.approved_at else None,
        "locked": entry.locked,
        "ai_suggested": entry.ai_suggested,
        "note": entry.note,
        "candidates": dumps(list(entry.candidates)),
        "rule_description": entry.rule_description,
    }


def snapshot(entry: TimeEntry) -> str:
    """The whole entry as JSON, for the audit log."""
    data = _row(entry)
    data["day"] = entry.date.isoformat()
    data["billed_hours"] = str(entry.billed_hours)
    data["confidence"] = str(entry.confidence)
    data["spans"] = [[s.start.isoformat(), s.end.isoformat()] for s in entry.spans]
    data["evidence"] = [[e.kind, e.label, e.seconds, e.matter] for e in entry.evidence]
    return dumps(data)


@dataclass(frozen=True, slots=True)
class AuditRecord:
    entry_id: str
    version: int
    action: str
    actor: str
    at: datetime
    snapshot: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rebuild:
    written: int
    replaced: int
    kept: int
    """entries already reviewed (approved, synced, discarded) that the rebuild left alone"""


class EntryRepository:
    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    # --- reads ---

    def _load(self, conn: Connection, where: Any) -> list[TimeEntry]:
        rows = (
            conn.execute(select(entries).where(where).order_by(entries.c.day, entries.c.id)).mappings().all()
        )
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        spans: dict[str, list[Span]] = {i: [] for i in ids}
        for eid, s, e in conn.execute(
            select(entry_spans.c.entry_id, entry_spans.c.start_ms, entry_spans.c.end_ms)
            .where(entry_spans.c.entry_id.in_(ids))
            .order_by(entry_spans.c.entry_id, entry_spans.c.start_ms)
        ):
            spans[eid].append(Span(from_ms(s), from_ms(e)))
        evidence: dict[str, list[Evidence]] = {i: [] for i in ids}
        for eid, kind, label, seconds, matter in conn.execute(
            select(
                entry_evidence.c.entry_id,
                entry_evidence.c.kind,
                entry_evidence.c.label,
                entry_evidence.c.seconds,
                entry_evidence.c.matter,
            )
            .where(entry_evidence.c.entry_id.in_(ids))
            .order_by(entry_evidence.c.id)
        ):
            evidence[eid].append(Evidence(kind, label, seconds, matter))
        out = []
        for r in rows:
            out.append(
                TimeEntry(
                    id=r["id"],
                    date=r["day"],
                    spans=tuple(sorted(spans[r["id"]], key=lambda s: s.start)),
                    worked_seconds=r["worked_seconds"],
                    billed_hours=Decimal(r["billed_hours"]).quantize(Decimal("0.01")).normalize()
                    if r["billed_hours"] is not None
                    else Decimal(0),
                    matter=r["matter"],
                    kind=EntryKind(r["kind"]),
                    activity_code=r["activity_code"],
                    task_code=r["task_code"],
                    description=r["description"],
                    confidence=Decimal(r["confidence"]),
                    reasons=tuple(json.loads(r["reasons"])),
                    problems=tuple(Problem(c, m, Severity(s)) for c, m, s in json.loads(r["problems"])),
                    evidence=tuple(evidence[r["id"]]),
                    status=EntryStatus(r["status"]),
                    version=r["version"],
                    approved_at=from_ms(r["approved_ms"]) if r["approved_ms"] is not None else None,
                    locked=bool(r["locked"]),
                    ai_suggested=bool(r["ai_suggested"]),
                    note=r["note"],
                    candidates=tuple(json.loads(r["candidates"] or "[]")),
                    rule_description=r["rule_description"] or "",
                )
            )
        return [_hours_display(e) for e in out]

    def for_day(self, day: date) -> list[TimeEntry]:
        with self.db.connect() as conn:
            return self._load(conn, entries.c.day == day)

    def between(self, first: date, last: date) -> list[TimeEntry]:
        with self.db.connect() as conn:
            return self._load(conn, entries.c.day.between(first, last))

    def get(self, entry_id: str, conn: Connection | None = None) -> TimeEntry:
        if conn is None:
            with self.db.connect() as own:
                return self.get(entry_id, own)
        found = self._load(conn, entries.c.id == entry_id)
        if not found:
            raise EntryNotFound(entry_id)
        return found[0]

    def history(self, entry_id: str) -> list[AuditRecord]:
        with self.db.connect() as conn:
            rows = conn.execute(
                select(audit_log).where(audit_log.c.entry_id == entry_id).order_by(audit_log.c.id)
            ).mappings()
            return [
                AuditRecord(
                    r["entry_id"],
                    r["version"],
                    r["action"],
                    r["actor"],
                    from_ms(r["at_ms"]),
                    json.loads(r["snapshot"]),
                )
                for r in rows
            ]

    # --- writes ---

    def _write(self, conn: Connection, entry: TimeEntry, action: str, actor: str, *, new: bool) -> None:
        row = _row(entry)
        if new:
            conn.execute(entries.insert().values(**row))
        else:
            conn.execute(update(entries).where(entries.c.id == entry.id).values(**row))
            conn.execute(delete(entry_spans).where(entry_spans.c.entry_id == entry.id))
            conn.execute(delete(entry_evidence).where(entry_evidence.c.entry_id == entry.id))
        if entry.spans:
            conn.execute(
                entry_spans.insert(),
                [
                    {"entry_id": entry.id, "start_ms": to_ms(s.start), "end_ms": to_ms(s.end)}
                    for s in entry.spans
                ],
            )
        if entry.evidence:
            conn.execute(
                entry_evidence.insert(),
                [
                    {
                        "entry_id": entry.id,
                        "kind": e.kind,
                        "label": e.label,
                        "seconds": e.seconds,
                        "matter": e.matter,
                    }
                    for e in entry.evidence
                ],
            )
        conn.execute(
            audit_log.insert().values(
                entry_id=entry.id,
                version=entry.version,
                action=action,
                actor=actor,
                at_ms=to_ms(self.clock()),
                snapshot=snapshot(entry),
            )
        )

    def add(self, entry: TimeEntry, actor: str, conn: Connection | None = None) -> TimeEntry:
        if conn is None:
            with self.db.begin() as own:
                return self.add(entry, actor, own)
        self._write(conn, entry, "create", actor, new=True)
        return entry

    def replace_drafts(self, day: date, drafts: Sequence[TimeEntry], actor: str = "sessionize") -> Rebuild:
        """Replace the day's unreviewed drafts; reviewed entries stay, and new drafts never overlap them."""
        with self.db.begin() as conn:
            current = self._load(conn, entries.c.day == day)
            reviewed = [e for e in current if e.status is not EntryStatus.DRAFT]
            stale = [e.id for e in current if e.status is EntryStatus.DRAFT]
            if stale:
                conn.execute(delete(entry_spans).where(entry_spans.c.entry_id.in_(stale)))
                conn.execute(delete(entry_evidence).where(entry_evidence.c.entry_id.in_(stale)))
                conn.execute(delete(entries).where(entries.c.id.in_(stale)))
            taken = {e.id for e in reviewed}
            claimed = [s for e in reviewed for s in e.spans]
            written = 0
            for draft in drafts:
                if draft.id in taken:
                    continue
                if claimed and any(s.overlaps(c) for s in draft.spans for c in claimed):
                    continue
                self._write(conn, draft, "build", actor, new=True)
                written += 1
            return Rebuild(written=written, replaced=len(stale), kept=len(reviewed))

    def change(
        self,
        entry_id: str,
        step: Callable[[TimeEntry], TimeEntry],
        action: str,
        actor: str,
        conn: Connection | None = None,
    ) -> TimeEntry:
        """Apply a transition or edit to one entry and record it; approvals queue the outbox row."""
        if conn is None:
            with self.db.begin() as own:
                return self.change(entry_id, step, action, actor, own)
        before = self.get(entry_id, conn)
        after = step(before)
        self._write(conn, after, action, actor, new=False)
        self._queue(conn, before, after)
        return after

    def _queue(self, conn: Connection, before: TimeEntry, after: TimeEntry) -> None:
        if before.matter is None and after.matter is None:
            return  # non-matter time (firm administration) stays on this machine: no provider holds it
        now = self.clock()
        if before.status is EntryStatus.DRAFT and after.status is EntryStatus.APPROVED:
            outbox_rows.enqueue(conn, after, "create", now)
        elif before.status is EntryStatus.APPROVED and after.status is EntryStatus.DRAFT:
            # Undo: only possible while nothing has been attempted for it (the transaction rolls back).
            if not outbox_rows.withdraw(conn, after.id):
                raise IllegalTransition(
                    f"entry {after.id} is already on its way to the provider; edit it instead"
                )
        elif after.status is EntryStatus.APPROVED and after.version > before.version:
            outbox_rows.revise(conn, after, now)

    def approve(self, entry_id: str, actor: str) -> TimeEntry:
        return self.change(entry_id, lambda e: approve(e, self.clock()), "approve", actor)

    def unapprove(self, entry_id: str, actor: str) -> TimeEntry:
        return self.change(entry_id, unapprove, "unapprove", actor)

    def discard(self, entry_id: str, actor: str) -> TimeEntry:
        return self.change(entry_id, discard, "discard", actor)

    def restore(self, entry_id: str, actor: str) -> TimeEntry:
        return self.change(entry_id, restore, "restore", actor)

    def revise(self, entry_id: str, actor: str, **changes: Any) -> TimeEntry:
        return self.change(entry_id, lambda e: revise(e, **changes), "revise", actor)

    def replace(
        self, removed: Iterable[str], added: Sequence[TimeEntry], action: str, actor: str
    ) -> list[TimeEntry]:
        """Swap draft entries for new ones in one transaction (split, merge)."""
        with self.db.begin() as conn:
            for entry_id in removed:
                old = self.get(entry_id, conn)
                if old.status is not EntryStatus.DRAFT:
                    raise IllegalTransition(
                        f"entry {entry_id} is {old.status}; only drafts can be split or merged"
                    )
                gone = dataclasses.replace(
                    old, status=EntryStatus.DISCARDED, note=f"{action} into new entries"
                )
                self._write(conn, gone, action, actor, new=False)
            for entry in added:
                self._write(conn, entry, action, actor, new=True)
        return list(added)


def _hours_display(entry: TimeEntry) -> TimeEntry:
    """Keep one decimal place for tenths ('0.4', not '0.40')."""
    hours = entry.billed_hours
    if hours == hours.quantize(Decimal("0.1")):
        hours = hours.quantize(Decimal("0.1"))
    return dataclasses.replace(entry, billed_hours=hours)
