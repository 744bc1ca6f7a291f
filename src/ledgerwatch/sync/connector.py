"""The Connector protocol every provider adapter implements, and the plain records it speaks.

The note a provider receives is exactly the narrative the attorney approved: it prints on the client's bill,
so nothing of ours is appended to it. None of the three providers has a field meant for an outside system's
reference on a time entry (Clio's Activity `reference` is a check number for hard costs), so an entry whose
create went unanswered is recognised by its content: the same matter, user, date, duration and note, on an
entry no other local entry is linked to (`sync.drain`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol


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
    practice_area: str = ""
    responsible_attorney: str = ""
    identifiers: tuple[str, ...] = ()
    """references the provider holds for the matter (the client's reference, custom fields naming a docket,
    claim, application or case number): attribution matches them in titles, file names and URLs"""
    contacts: tuple[str, ...] = ()
    """people on the matter (custom fields naming an adjuster, a contact): calls and meetings with them"""
    client_email: str = ""
    """the client's e-mail address: calls and messages with it are the client's"""
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    client_aliases: tuple[str, ...] = ()
    client_domains: tuple[str, ...] = ()
    """what the firm's own ledger lists for attribution (keywords, other names, the client's mail domains)"""


@dataclass(frozen=True, slots=True)
class ActivityCode:
    """A code the provider takes on a time entry: a UTBMS activity or task code, or a billing item.

    utbms is e.g. 'A103' or 'L120' when the provider knows the code; kind says which list it belongs to.
    """

    id: str
    name: str
    utbms: str | None = None
    kind: str = "activity"
    """activity (A-codes, activity descriptions, billing items) or task (L-, B-, P-codes)"""


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
    """the UTBMS task code (e.g. L120) the attorney's entry carries (the firm ledger bills with it)"""
    task_id: str | None = None
    """the provider's id for task_code, where it keeps a list of them"""

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
    activity_id: str | None = None
    """the provider's id of the activity code the entry carries (as in ActivityCode.id), where it shows one"""
    task_id: str | None = None

    def same_as(self, entry: OutgoingEntry) -> bool:
        """True when the provider holds exactly what entry says: matter, user, date, duration and note."""
        return (
            self.matter_id == entry.matter_id
            and self.user_id == entry.user_id
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

    def find_entries(
        self, day: date, matter_id: str, user_id: str, since: datetime | None = None
    ) -> list[RemoteEntry]:
        """Entries of this matter and user dated within a day of day; since (when given) is the earliest
        moment one of ours can have been made, which a provider may use to narrow its search."""
        ...

    def refresh_token(self, refresh_token: str) -> TokenSet: ...

    def revoke(self, token: str) -> None: ...
