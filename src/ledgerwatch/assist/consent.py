"""Per-client consent to send client information to an AI endpoint (ABA Formal Opinion 512, Model Rule 1.6).

An endpoint on the machine needs no consent: nothing leaves it. `is_local` says whether a URL names this machine
(a loopback address, `localhost`); whether a request really stays on it is decided by how it connects
(network.py), and only such a client sends without consent.
Any other endpoint is remote, and a client's data may go there only with that client's recorded consent for
the purpose at hand. Unknown clients, and time with no matter, have no consent.
"""

from __future__ import annotations

import enum
import ipaddress
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import datetime
from urllib.parse import urlsplit

from ledgerwatch.domain import Client, require_utc


class Purpose(enum.StrEnum):
    """What client information may be sent for."""

    SUGGEST_MATTER = "suggest_matter"
    REWRITE_NARRATIVE = "rewrite_narrative"
    SUGGEST_CODES = "suggest_codes"


ALL_PURPOSES: frozenset[Purpose] = frozenset(Purpose)


def is_local(endpoint: str) -> bool:
    """True when the URL names this machine: a loopback IP or `localhost` (its resolution is checked when
    connecting)."""
    parts = urlsplit(endpoint.strip())
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return False
    host = (parts.hostname or "").rstrip(".").lower()
    if host == "localhost":
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped.is_loopback
    return address.is_loopback


def client_key(client: str) -> str:
    """The registry key of a client name: case and spacing do not matter."""
    return re.sub(r"\s+", " ", client).strip().casefold()


@dataclass(frozen=True, slots=True)
class ConsentRecord:
    """A client's informed consent (or its refusal or withdrawal), with when and why."""

    granted: bool
    scope: frozenset[Purpose] = ALL_PURPOSES
    granted_at: datetime | None = None
    """when consent was given or withdrawn, aware UTC"""
    note: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "scope", frozenset(Purpose(p) for p in self.scope))
        if self.granted_at is not None:
            object.__setattr__(self, "granted_at", require_utc(self.granted_at, "consent time"))

    def covers(self, purpose: Purpose | None) -> bool:
        return self.granted and (purpose is None or purpose in self.scope)


@dataclass(frozen=True, slots=True)
class ConsentRegistry:
    """Client name -> ConsentRecord; a value: grant/revoke return a new registry."""

    records: tuple[tuple[str, ConsentRecord], ...] = field(default=())
    """(client name as entered, record), one per client"""

    def get(self, client: str | Client | None) -> ConsentRecord | None:
        if client is None:
            return None
        key = client_key(client.name if isinstance(client, Client) else client)
        for name, record in self.records:
            if client_key(name) == key:
                return record
        return None

    def consents(self, client: str | Client | None, purpose: Purpose | None = None) -> bool:
        record = self.get(client)
        return record is not None and record.covers(purpose)

    def set(self, client: str, record: ConsentRecord) -> ConsentRegistry:
        key = client_key(client)
        if not key:
            raise ValueError("a consent record needs a client name")
        kept = tuple((name, rec) for name, rec in self.records if client_key(name) != key)
        return replace(self, records=(*kept, (client.strip(), record)))

    def grant(
        self,
        client: str,
        at: datetime,
        scope: Iterable[Purpose] = ALL_PURPOSES,
        note: str = "",
    ) -> ConsentRegistry:
        return self.set(client, ConsentRecord(True, frozenset(scope), at, note))

    def revoke(self, client: str, at: datetime, note: str = "") -> ConsentRegistry:
        return self.set(client, ConsentRecord(False, frozenset(), at, note))

    def consenting(self) -> tuple[str, ...]:
        return tuple(name for name, record in self.records if record.granted)

    def to_json(self) -> str:
        return json.dumps(
            {
                "version": 1,
                "clients": [
                    {
                        "client": name,
                        "granted": record.granted,
                        "scope": sorted(record.scope),
                        "granted_at": record.granted_at.isoformat() if record.granted_at else None,
                        "note": record.note,
                    }
                    for name, record in self.records
                ],
            },
            sort_keys=True,
        )

    @classmethod
    def from_json(cls, text: str) -> ConsentRegistry:
        """The registry saved by to_json; an empty text is an empty registry."""
        if not text.strip():
            return cls()
        data = json.loads(text)
        registry = cls()
        for item in data.get("clients", []):
            at = item.get("granted_at")
            record = ConsentRecord(
                granted=bool(item["granted"]),
                scope=frozenset(Purpose(p) for p in item.get("scope", [])),
                granted_at=datetime.fromisoformat(at) if at else None,
                note=str(item.get("note", "")),
            )
            registry = registry.set(str(item["client"]), record)
        return registry
