"""The ledger's audit log: who changed what in billing, when, with the record before and after (append-only)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.ledger.schema import ledger_audit


@dataclass(frozen=True, slots=True)
class AuditRecord:
    id: int
    at_ms: int
    actor: str
    action: str
    subject: str
    before: dict[str, Any]
    after: dict[str, Any]


class AuditTables:
    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def add(
        self,
        actor: str,
        action: str,
        subject: str,
        before: dict[str, Any],
        after: dict[str, Any],
        now: datetime,
    ) -> None:
        self._conn.execute(
            ledger_audit.insert().values(
                at_ms=to_ms(now),
                actor=actor,
                action=action,
                subject=subject,
                before=dumps(before),
                after=dumps(after),
            )
        )

    def records(self, limit: int = 200, subject: str | None = None) -> list[AuditRecord]:
        """The latest records first."""
        stmt = select(ledger_audit).order_by(ledger_audit.c.id.desc()).limit(limit)
        if subject is not None:
            stmt = stmt.where(ledger_audit.c.subject == subject)
        return [
            AuditRecord(
                r["id"],
                r["at_ms"],
                r["actor"],
                r["action"],
                r["subject"],
                json.loads(r["before"]),
                json.loads(r["after"]),
            )
            for r in self._conn.execute(stmt).mappings()
        ]
