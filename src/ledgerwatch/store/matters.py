"""Clients and matters: upserted by matter number, read back as domain values."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, CursorResult, select

from ledgerwatch.domain import (
    BillingMethod,
    Client,
    Matter,
    MatterStatus,
    Money,
    RoundingDirection,
    RoundingPolicy,
    RoundingScope,
)
from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.db import Database
from ledgerwatch.store.schema import clients, matters


def _rounding_text(policy: RoundingPolicy | None) -> str | None:
    if policy is None:
        return None
    text = f"{policy.increment}:{policy.direction.value}:{policy.minimum}"
    if policy.grace_seconds or policy.scope is not RoundingScope.ENTRY:
        text += f":{policy.grace_seconds}:{policy.scope.value}"
    return text


def _rounding_value(text: str | None) -> RoundingPolicy | None:
    if not text:
        return None
    increment, direction, minimum, *rest = text.split(":")
    grace, scope = (int(rest[0]), RoundingScope(rest[1])) if rest else (0, RoundingScope.ENTRY)
    return RoundingPolicy(Decimal(increment), RoundingDirection(direction), Decimal(minimum), grace, scope)


def _details(matter: Matter) -> dict[str, Any]:
    """The matter's attribution metadata, only what is set."""
    found: dict[str, Any] = {
        "aliases": list(matter.aliases),
        "identifiers": list(matter.identifiers),
        "contacts": list(matter.contacts),
        "responsible_attorney": matter.responsible_attorney,
    }
    return {key: value for key, value in found.items() if value}


def _inserted(result: CursorResult[Any]) -> int:
    key = result.inserted_primary_key
    assert key is not None
    return int(key[0])


def client_id(conn: Connection, client: Client) -> int:
    """The row id for client, inserting or refreshing it by name."""
    values = {
        "aliases": dumps(list(client.aliases)),
        "email_domains": dumps(list(client.email_domains)),
        "do_not_contact": client.do_not_contact,
    }
    found = conn.execute(select(clients.c.id).where(clients.c.name == client.name)).scalar()
    if found is None:
        return _inserted(conn.execute(clients.insert().values(name=client.name, **values)))
    conn.execute(clients.update().where(clients.c.id == found).values(**values))
    return int(found)


def upsert_matter(conn: Connection, matter: Matter, now: datetime) -> int:
    values = {
        "client_id": client_id(conn, matter.client),
        "description": matter.description,
        "keywords": dumps(list(matter.keywords)),
        "status": matter.status.value,
        "billing_method": matter.billing_method.value,
        "rate": matter.rate.amount if matter.rate else None,
        "currency": matter.rate.currency if matter.rate else "USD",
        "practice_area": matter.practice_area,
        "rounding": _rounding_text(matter.rounding),
        "updated_ms": to_ms(now),
        "details": dumps(_details(matter)),
    }
    found = conn.execute(select(matters.c.id).where(matters.c.number == matter.number)).scalar()
    if found is None:
        return _inserted(conn.execute(matters.insert().values(number=matter.number, **values)))
    conn.execute(matters.update().where(matters.c.id == found).values(**values))
    return int(found)


class MatterRepository:
    def __init__(self, db: Database) -> None:
        self.db = db

    def upsert_many(self, batch: Iterable[Matter], now: datetime, conn: Connection | None = None) -> int:
        """Insert or update matters by number in one transaction; returns how many were written."""
        if conn is None:
            with self.db.begin() as own:
                return self.upsert_many(batch, now, own)
        count = 0
        for matter in batch:
            upsert_matter(conn, matter, now)
            count += 1
        return count

    def all(self) -> list[Matter]:
        stmt = (
            select(
                matters, clients.c.name, clients.c.aliases, clients.c.email_domains, clients.c.do_not_contact
            )
            .join(clients, clients.c.id == matters.c.client_id)
            .order_by(matters.c.number)
        )
        with self.db.connect() as conn:
            rows = conn.execute(stmt).mappings().all()
        out = []
        for r in rows:
            client = Client(
                r["name"],
                tuple(json.loads(r["aliases"])),
                tuple(json.loads(r["email_domains"])),
                r["do_not_contact"],
            )
            rate = Money(Decimal(r["rate"]), r["currency"]) if r["rate"] is not None else None
            details = json.loads(r["details"] or "{}")
            out.append(
                Matter(
                    number=r["number"],
                    client=client,
                    description=r["description"],
                    keywords=tuple(json.loads(r["keywords"])),
                    status=MatterStatus(r["status"]),
                    billing_method=BillingMethod(r["billing_method"]),
                    rate=rate,
                    practice_area=r["practice_area"],
                    rounding=_rounding_value(r["rounding"]),
                    aliases=tuple(details.get("aliases", ())),
                    identifiers=tuple(details.get("identifiers", ())),
                    contacts=tuple(details.get("contacts", ())),
                    responsible_attorney=str(details.get("responsible_attorney", "")),
                )
            )
        return out

    def get(self, number: str) -> Matter | None:
        return next((m for m in self.all() if m.number == number), None)
