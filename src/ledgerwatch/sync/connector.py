"""The Connector protocol every provider adapter implements, and the plain records it speaks.

Where the entry's reference travels: every provider gets it as a trailing " [LW-xxxxxxxx]" on the entry's
note/description (the one free-text field all three keep verbatim and return in lists); connectors strip it
on the way back, so `RemoteEntry.note` is the attorney's text and `RemoteEntry.reference` the marker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

_TRAILER = re.compile(r"\s*\[(LW-[0-9a-f]{8})\]\s*$")


def with_reference(note: str, reference: str) -> str:
    """The note as sent: the attorney's text with the reference trailer."""
    return f"{note} [{reference}]" if note else f"[{reference}]"


def split_reference(text: str) -> tuple[str, str | None]:
    """(note, reference) from a provider's note; reference is None when the entry is not ours."""
    found = _TRAILER.search(text or "")
    if found is None:
        return text or "", None
    return text[: found.start()], found.group(1)


@dataclass(frozen=True, slots=True)
class TokenSet:
    """OAuth tokens; expires_at is aware UTC or None when the provider does not say."""

    access_token: str
    refresh_token: str | None
    expires_at: datetime | None

    def __repr__(self) -> str:  # tokens never reach logs through a repr
        return f"TokenSet(access_token=***, refresh_token={'***' if self.refresh_token else None}, expires_at={self.expires_at})"


@dataclass(frozen=True, slots=True)
class RemoteUser:
    id: str
    name: str
    email: str = ""
    rate: Decimal | None = None


@dataclass(frozen=True, slots=True)
class RemoteMatter:
    id: str
    number: str
    description: str
    client_id: str
    client_name: str
    status: str
    """open, pending or closed"""
    billing_method: str
    """hourly, flat, contingency, ..."""
    rate: Decimal | None = None
    currency: str = "USD"


@dataclass(frozen=True, slots=True)
class ActivityCode:
    """An activity description / billing item; utbms is e.g. 'A103' when the provider knows it."""

    id: str
    name: str
    utbms: str | None = None


@dataclass(frozen=True, slots=True)
class OutgoingEntry:
    """A time entry as a provider should hold it (ids already translated to the provider's)."""

    day: date
    hours: Decimal
    note: str
    reference: str
    matter_id: str
    user_id: str
    billable: bool
    activity_id: str | None = None
    activity_name: str | None = None
    rate: Decimal | None = None
    task_code: str | None = None
    """the UTBMS task code (the firm ledger bills with it; the providers take activity codes only)"""

    @property
    def seconds(self) -> int:
        return int(self.hours * 3600)


@dataclass(frozen=True, slots=True)
class RemoteEntry:
    id: str
    etag: str | None
    day: date
    hours: Decimal
    note: str
    reference: str | None
    matter_id: str
    user_id: str
    billed: bool = False

    def same_as(self, entry: OutgoingEntry) -> bool:
        """True when the provider holds exactly what entry says (matter, date, duration, note)."""
        return (
            self.matter_id == entry.matter_id
            and self.day == entry.day
            and self.hours == entry.hours
            and self.note == entry.note
        )


@dataclass(frozen=True, slots=True)
class RemotePayment:
    """Money the provider recorded as received: one allocation to a bill, or a payment on account.

    id is unique within the provider (billing records it once by provider + id, however often it is pulled).
    """

    id: str
    received_on: date
    amount: Decimal
    client_name: str
    client_id: str = ""
    currency: str = "USD"
    matter_number: str | None = None
    bill_number: str | None = None
    """the provider's bill (invoice) number, when the payment was applied to one"""
    method: str = ""
    reference: str = ""


class Connector(Protocol):
    """One practice-management system, over an injected httpx.Client; raises only sync.errors."""

    provider: str

    def pull_user(self) -> RemoteUser: ...

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]: ...

    def pull_activity_codes(self) -> list[ActivityCode]: ...

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        """Ids of time entries the provider has billed (to lock them locally)."""
        ...

    def pull_payments(self, since: datetime | None) -> list[RemotePayment]:
        """Payments received (changed) since the moment given, or all; voided ones left out."""
        ...

    def create_entry(self, entry: OutgoingEntry) -> RemoteEntry: ...

    def get_entry(self, remote_id: str) -> RemoteEntry: ...

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry: ...

    def delete_entry(self, remote_id: str) -> None: ...

    def find_entries(self, day: date, matter_id: str, user_id: str) -> list[RemoteEntry]: ...

    def refresh_token(self, refresh_token: str) -> TokenSet: ...

    def revoke(self, token: str) -> None: ...
