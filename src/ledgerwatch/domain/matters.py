"""Clients and matters: who the work is for."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from ledgerwatch.domain.money import Money, RoundingPolicy


class MatterStatus(enum.StrEnum):
    OPEN = "open"
    PENDING = "pending"
    CLOSED = "closed"


class BillingMethod(enum.StrEnum):
    HOURLY = "hourly"
    FLAT = "flat"
    CAPPED = "capped"
    CONTINGENCY = "contingency"
    RETAINER = "retainer"


@dataclass(frozen=True, slots=True)
class Client:
    """A firm client; aliases and e-mail domains help attribution."""

    name: str
    aliases: tuple[str, ...] = ()
    email_domains: tuple[str, ...] = ()
    do_not_contact: bool = False


@dataclass(frozen=True, slots=True)
class Matter:
    """One client matter; number is the firm's matter number, unique per firm."""

    number: str
    client: Client
    description: str = ""
    keywords: tuple[str, ...] = ()
    status: MatterStatus = MatterStatus.OPEN
    billing_method: BillingMethod = BillingMethod.HOURLY
    rate: Money | None = None
    practice_area: str = ""
    rounding: RoundingPolicy | None = None
    remote_ids: tuple[tuple[str, str], ...] = field(default=())
    """(provider, id) pairs for the practice-management systems this matter is linked to."""
    aliases: tuple[str, ...] = ()
    """other names of this matter (a deal code name, a short caption)"""
    identifiers: tuple[str, ...] = ()
    """docket, application, claim or charge numbers, Bates prefixes: matched in any spelling"""
    contacts: tuple[str, ...] = ()
    """people on the matter (names or e-mail addresses): calls and meetings with them are its work"""
    responsible_attorney: str = ""

    @property
    def is_open(self) -> bool:
        return self.status is not MatterStatus.CLOSED
