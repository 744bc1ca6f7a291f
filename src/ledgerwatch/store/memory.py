"""The attribution memory: evidence key (document, thread, site...) -> matter, weighted by corrections.

Review writes it when the attorney reassigns or approves a draft; sessionize reads it back as its Memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import Connection, delete, select, update

from ledgerwatch.domain.clock import Clock
from ledgerwatch.store.codec import to_ms
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import memory


@dataclass(frozen=True, slots=True)
class MemoryRow:
    key: str
    matter: str
    weight: int
    source: str


class MemoryRepository:
    """Rows of (key, matter, weight); learn adds weight, forget takes it back (undo)."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock

    def rows(self) -> list[MemoryRow]:
        with self.db.connect() as conn:
            found = conn.execute(
                select(memory.c.key, memory.c.matter, memory.c.weight, memory.c.source).order_by(
                    memory.c.key, memory.c.matter
                )
            ).all()
        return [MemoryRow(k, m, int(w), s) for k, m, w, s in found]

    def counts(self) -> dict[str, dict[str, int]]:
        """key -> {matter: weight}, the shape sessionize's Memory takes."""
        out: dict[str, dict[str, int]] = {}
        for row in self.rows():
            if row.weight > 0:
                out.setdefault(row.key, {})[row.matter] = row.weight
        return out

    def learn(self, keys: Iterable[str], matter: str, source: str = "", weight: int = 1) -> int:
        """Add weight to each key -> matter; returns how many keys were touched."""
        touched = 0
        with self.db.begin() as conn:
            for key in dict.fromkeys(keys):
                self._add(conn, key, matter, weight, source)
                touched += 1
        return touched

    def clear(self) -> int:
        """Forget everything learned (learn reset); returns how many rows went."""
        with self.db.begin() as conn:
            return int(conn.execute(delete(memory)).rowcount or 0)

    def forget(self, keys: Iterable[str], matter: str, weight: int = 1) -> None:
        """Take back what learn added (undo); rows that reach zero are removed."""
        with self.db.begin() as conn:
            for key in dict.fromkeys(keys):
                self._add(conn, key, matter, -weight, "")
            conn.execute(delete(memory).where(memory.c.weight <= 0))

    def _add(self, conn: Connection, key: str, matter: str, weight: int, source: str) -> None:
        now = to_ms(self.clock())
        where = (memory.c.key == key) & (memory.c.matter == matter)
        current = conn.execute(select(memory.c.weight).where(where)).scalar()
        if current is None:
            if weight > 0:
                conn.execute(
                    memory.insert().values(
                        key=key, matter=matter, weight=weight, source=source, updated_ms=now
                    )
                )
            return
        values: dict[str, object] = {"weight": int(current) + weight, "updated_ms": now}
        if source:
            values["source"] = source
        conn.execute(update(memory).where(where).values(**values))
