"""Collection letters (drafted, approved by a person, sent) and approved referrals to a collections agency."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, select, update

from ledgerwatch.domain.billing import LetterState
from ledgerwatch.store.codec import dumps, from_ms, to_ms
from ledgerwatch.store.schema import bill_letters, bill_referrals


@dataclass(frozen=True, slots=True)
class Letter:
    id: int
    client_id: int
    invoices: tuple[int, ...]
    state: LetterState
    created_at: datetime
    approved_by: str | None = None
    approved_at: datetime | None = None
    sent_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Referral:
    id: int
    client_id: int
    invoices: tuple[int, ...]
    approved_by: str
    approved_at: datetime
    exported_at: datetime | None = None


def _moment(ms: int | None) -> datetime | None:
    return None if ms is None else from_ms(ms)


def _letter(r: RowMapping) -> Letter:
    return Letter(
        id=r["id"],
        client_id=r["client_id"],
        invoices=tuple(json.loads(r["invoices"])),
        state=LetterState(r["state"]),
        created_at=from_ms(r["created_ms"]),
        approved_by=r["approved_by"],
        approved_at=_moment(r["approved_ms"]),
        sent_at=_moment(r["sent_ms"]),
    )


class LetterTables:
    """Letters and referrals read and written inside the caller's transaction."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    # --- letters ---

    def add(self, client_id: int, invoice_ids: Sequence[int], now: datetime) -> int:
        """A draft letter about these invoices; its id."""
        key = self._conn.execute(
            bill_letters.insert().values(
                client_id=client_id,
                invoices=dumps(list(invoice_ids)),
                state=LetterState.DRAFT.value,
                created_ms=to_ms(now),
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def letters(self, state: LetterState | None = None) -> list[Letter]:
        stmt = select(bill_letters).order_by(bill_letters.c.id)
        if state is not None:
            stmt = stmt.where(bill_letters.c.state == state.value)
        return [_letter(r) for r in self._conn.execute(stmt).mappings()]

    def letter(self, letter_id: int) -> Letter | None:
        found = (
            self._conn.execute(select(bill_letters).where(bill_letters.c.id == letter_id)).mappings().first()
        )
        return None if found is None else _letter(found)

    def invoices_in_letters(self) -> set[int]:
        """Invoices already in a collection letter (any state)."""
        out: set[int] = set()
        for (text,) in self._conn.execute(select(bill_letters.c.invoices)):
            out.update(json.loads(text))
        return out

    def approve(self, letter_id: int, reviewer: str, now: datetime) -> None:
        self._conn.execute(
            update(bill_letters)
            .where(bill_letters.c.id == letter_id)
            .values(state=LetterState.APPROVED.value, approved_by=reviewer, approved_ms=to_ms(now))
        )

    def mark_sent(self, letter_id: int, now: datetime) -> None:
        self._conn.execute(
            update(bill_letters)
            .where(bill_letters.c.id == letter_id)
            .values(state=LetterState.SENT.value, sent_ms=to_ms(now))
        )

    # --- referrals ---

    def add_referral(
        self, client_id: int, invoice_ids: Sequence[int], approved_by: str, now: datetime
    ) -> int:
        key = self._conn.execute(
            bill_referrals.insert().values(
                client_id=client_id,
                invoices=dumps(list(invoice_ids)),
                approved_by=approved_by,
                approved_ms=to_ms(now),
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])

    def referral(self, referral_id: int) -> Referral | None:
        r = (
            self._conn.execute(select(bill_referrals).where(bill_referrals.c.id == referral_id))
            .mappings()
            .first()
        )
        if r is None:
            return None
        return Referral(
            id=r["id"],
            client_id=r["client_id"],
            invoices=tuple(json.loads(r["invoices"])),
            approved_by=r["approved_by"],
            approved_at=from_ms(r["approved_ms"]),
            exported_at=_moment(r["exported_ms"]),
        )

    def mark_referral_exported(self, referral_id: int, now: datetime) -> None:
        self._conn.execute(
            update(bill_referrals).where(bill_referrals.c.id == referral_id).values(exported_ms=to_ms(now))
        )
