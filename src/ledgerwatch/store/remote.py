"""What sync pulls from a provider: matters and clients linked by remote id, and small per-provider values.

Pulled fields (description, status, billing method, rate, client) are the provider's; local-only fields
(keywords, aliases, rounding, practice notes) are never overwritten by a pull. What a provider adds for
attribution (references, people on the matter, practice area, responsible attorney) joins what the firm's
matter list already says: a pull never takes away an identifier the firm listed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select, update

from ledgerwatch.domain import Client, Matter
from ledgerwatch.store.codec import dumps, to_ms
from ledgerwatch.store.schema import clients, kv, matter_remote, matters


def get_value(conn: Connection, key: str) -> str | None:
    return conn.execute(select(kv.c.value).where(kv.c.key == key)).scalar()


def set_value(conn: Connection, key: str, value: str) -> None:
    if get_value(conn, key) is None:
        conn.execute(kv.insert().values(key=key, value=value))
    else:
        conn.execute(update(kv).where(kv.c.key == key).values(value=value))


def delete_values(conn: Connection, prefix: str) -> None:
    conn.execute(kv.delete().where(kv.c.key.like(prefix + "%")))


def _client_id(conn: Connection, client: Client) -> int:
    """The client's row, found by name or inserted; aliases and mail domains pulled join those listed."""
    row = conn.execute(
        select(clients.c.id, clients.c.aliases, clients.c.email_domains).where(clients.c.name == client.name)
    ).first()
    if row is None:
        key = conn.execute(
            clients.insert().values(
                name=client.name,
                aliases=dumps(list(client.aliases)),
                email_domains=dumps(list(client.email_domains)),
            )
        ).inserted_primary_key
        assert key is not None
        return int(key[0])
    if client.aliases or client.email_domains:
        aliases = _union(json.loads(row.aliases), client.aliases)
        domains = _union(json.loads(row.email_domains), client.email_domains)
        conn.execute(
            update(clients)
            .where(clients.c.id == row.id)
            .values(aliases=dumps(aliases), email_domains=dumps(domains))
        )
    return int(row.id)


@dataclass(frozen=True, slots=True)
class PulledMatter:
    matter_id: int
    created: bool


def upsert_remote_matter(
    conn: Connection, provider: str, remote_id: str, matter: Matter, now: datetime
) -> PulledMatter:
    """Write a pulled matter: found by its provider link, else by number, else inserted; then linked."""
    values: dict[str, Any] = {
        "client_id": _client_id(conn, matter.client),
        "description": matter.description,
        "status": matter.status.value,
        "billing_method": matter.billing_method.value,
        "rate": matter.rate.amount if matter.rate else None,
        "currency": matter.rate.currency if matter.rate else "USD",
        "updated_ms": to_ms(now),
    }
    linked = conn.execute(
        select(matter_remote.c.matter_id).where(
            matter_remote.c.provider == provider, matter_remote.c.remote_id == remote_id
        )
    ).scalar()
    found = linked
    if found is None:
        found = conn.execute(select(matters.c.id).where(matters.c.number == matter.number)).scalar()
    created = found is None
    details: dict[str, Any] = {}
    keywords: list[str] = []
    if found is not None:
        row = conn.execute(
            select(matters.c.details, matters.c.practice_area, matters.c.keywords).where(
                matters.c.id == found
            )
        ).one()
        details = json.loads(row.details or "{}")
        keywords = json.loads(row.keywords)
        values["practice_area"] = matter.practice_area or row.practice_area or ""
    else:
        values["practice_area"] = matter.practice_area
    values["keywords"] = dumps(_union(keywords, matter.keywords))
    for name, pulled in (
        ("aliases", matter.aliases),
        ("identifiers", matter.identifiers),
        ("contacts", matter.contacts),
    ):
        merged = _union(details.get(name, []), pulled)
        if merged:
            details[name] = merged
    if matter.responsible_attorney:
        details["responsible_attorney"] = matter.responsible_attorney
    values["details"] = dumps(details)
    if found is None:
        key = conn.execute(matters.insert().values(number=matter.number, **values)).inserted_primary_key
        assert key is not None
        found = key[0]
    else:
        conn.execute(update(matters).where(matters.c.id == found).values(number=matter.number, **values))
    matter_id = int(found)
    if linked is None:
        conn.execute(
            matter_remote.delete().where(
                matter_remote.c.matter_id == matter_id, matter_remote.c.provider == provider
            )
        )
        conn.execute(
            matter_remote.insert().values(matter_id=matter_id, provider=provider, remote_id=remote_id)
        )
    return PulledMatter(matter_id, created)


def matter_remote_id(conn: Connection, provider: str, number: str) -> str | None:
    """The provider's id for the local matter number, when linked."""
    return conn.execute(
        select(matter_remote.c.remote_id)
        .join(matters, matters.c.id == matter_remote.c.matter_id)
        .where(matter_remote.c.provider == provider, matters.c.number == number)
    ).scalar()


def matter_number_for(conn: Connection, provider: str, remote_id: str) -> str | None:
    return conn.execute(
        select(matters.c.number)
        .join(matter_remote, matters.c.id == matter_remote.c.matter_id)
        .where(matter_remote.c.provider == provider, matter_remote.c.remote_id == remote_id)
    ).scalar()


def _union(known: list[str], pulled: tuple[str, ...]) -> list[str]:
    return list(dict.fromkeys([*known, *pulled]))

