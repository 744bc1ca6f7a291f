"""The firm ledger (`ledgerwatch firm serve`): approved entries to the firm's own PostgreSQL ledger.

The fourth target beside Clio, MyCase and PracticePanther, drained from the same outbox. The device signs in
with a per-device token an administrator issued (no OAuth, no refresh: a revoked token stops the drain until
a new one is connected); the ledger files each entry under the timekeeper the token belongs to. Matter ids
are the firm's matter numbers. JSON shape (under /api/v1):

    GET  /me                          {"id", "name", "email", "rate"}: the token's timekeeper
    GET  /matters                     [{"number", "description", "client", "status", "billing_method", "rate",
                                        "currency"}]
    GET  /entries?day=&matter=&user=  entries of that timekeeper and matter a day either side of day
    POST /entries                     {"day", "hours", "note", "reference", "matter", "user", "billable",
                                        "activity_code", "task_code"} -> the entry with "id" and "etag"
    GET|PUT|DELETE /entries/{id}      PUT with If-Match: etag (412 when it changed)
    GET  /entries/billed              ids of this timekeeper's entries on issued invoices
    POST /device/revoke               the device gives up its token
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx

from ledgerwatch.sync.connector import (
    ActivityCode,
    OutgoingEntry,
    RemoteEntry,
    RemoteMatter,
    RemotePayment,
    RemoteUser,
    TokenSet,
)
from ledgerwatch.sync.connectors.base import text_of
from ledgerwatch.sync.errors import (
    AuthExpired,
    Conflict,
    NotFound,
    Permanent,
    RetryAfter,
    SyncError,
    Transient,
)
from ledgerwatch.sync.http import Api, Pacer, retry_after_seconds
from ledgerwatch.sync.settings import ProviderSettings

PROVIDER = "firm"


def firm_settings(
    url: str, timeout: float = 30.0, proxy: str = "", system_trust_store: bool = True
) -> ProviderSettings:
    """Where the firm ledger lives: its base URL (https://ledger.firm.example), the API under /api/v1."""
    base = url.rstrip("/")
    return ProviderSettings(
        provider=PROVIDER,
        api_base=f"{base}/api/v1",
        authorize_url="",
        token_url="",
        pkce=False,
        timeout=timeout,
        proxy=proxy,
        system_trust_store=system_trust_store,
    )


def classify(response: httpx.Response, now: datetime) -> SyncError | None:
    """The one place where the ledger's statuses become sync.errors."""
    status = response.status_code
    if status < 400:
        return None
    try:
        body = response.json()
    except ValueError:
        body = {}
    message = str(body.get("error") if isinstance(body, dict) else "") or str(status)
    if status == 429:
        wait = retry_after_seconds(response.headers.get("retry-after"), now)
        return RetryAfter(f"firm ledger busy: {message}", 5.0 if wait is None else wait)
    if status == 401:
        return AuthExpired(
            f"the firm ledger refused this device's token ({message}); ask for a new one", status
        )
    if status == 404:
        return NotFound(f"firm ledger: not found ({message})", status)
    if status == 412:
        return Conflict(f"firm ledger: {message}", status)
    if status >= 500:
        return Transient(f"firm ledger answered {status}: {message}", status)
    return Permanent(f"firm ledger: {message}", status)


def _entry(data: dict[str, Any]) -> RemoteEntry:
    return RemoteEntry(
        id=str(data["id"]),
        etag=str(data.get("etag") or "") or None,
        day=date.fromisoformat(data["day"]),
        hours=Decimal(str(data["hours"])).normalize(),
        note=data.get("note") or "",
        reference=data.get("reference"),
        matter_id=str(data.get("matter") or ""),
        user_id=str(data.get("user") or ""),
        billed=bool(data.get("billed")),
    )


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    return {
        "day": entry.day.isoformat(),
        "hours": str(entry.hours),
        "note": entry.note,
        "reference": entry.reference,
        "matter": entry.matter_id,
        "user": entry.user_id,
        "billable": entry.billable,
        "activity_code": entry.activity_name,
        "task_code": entry.task_code,
    }


class FirmConnector:
    provider = PROVIDER

    def __init__(
        self,
        client: httpx.Client,
        settings: ProviderSettings,
        token: Callable[[], str],
        pacer: Pacer | None = None,
    ) -> None:
        self.client = client
        self.settings = settings
        self.api = Api(client, settings.api_base, token, classify, pacer, settings.timeout)

    def pull_user(self) -> RemoteUser:
        data = self.api.request("GET", "/me").json()
        rate = data.get("rate")
        return RemoteUser(
            str(data["id"]), data.get("name", ""), data.get("email") or "", Decimal(rate) if rate else None
        )

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]:
        for m in self.api.request("GET", "/matters").json():
            rate = m.get("rate")
            yield RemoteMatter(
                id=m["number"],
                number=m["number"],
                description=m.get("description") or "",
                client_id=m.get("client") or "",
                client_name=m.get("client") or "(no client)",
                status=m.get("status") or "open",
                billing_method=m.get("billing_method") or "hourly",
                rate=Decimal(rate) if rate else None,
                currency=m.get("currency") or "USD",
                practice_area=text_of(m.get("practice_area")),
                responsible_attorney=text_of(m.get("responsible_attorney")),
                keywords=_texts(m.get("keywords")),
                aliases=_texts(m.get("aliases")),
                identifiers=_texts(m.get("identifiers")),
                contacts=_texts(m.get("contacts")),
                client_aliases=_texts(m.get("client_aliases")),
                client_domains=_texts(m.get("client_domains")),
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        return []  # the ledger takes UTBMS codes as they are

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        return [str(i) for i in self.api.request("GET", "/entries/billed").json()]

    def pull_payments(self, since: datetime | None) -> list[RemotePayment]:
        return []  # payments are recorded on the ledger itself

    def create_entry(self, entry: OutgoingEntry) -> RemoteEntry:
        return _entry(self.api.request("POST", "/entries", json=_body(entry)).json())

    def get_entry(self, remote_id: str) -> RemoteEntry:
        return _entry(self.api.request("GET", f"/entries/{remote_id}").json())

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        headers = {"If-Match": etag} if etag else None
        return _entry(
            self.api.request("PUT", f"/entries/{remote_id}", json=_body(entry), headers=headers).json()
        )

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", f"/entries/{remote_id}")

    def find_entries(
        self, day: date, matter_id: str, user_id: str, since: datetime | None = None
    ) -> list[RemoteEntry]:
        """This timekeeper's entries of the matter a day either side of day; the ledger's list is small
        enough that since is not needed to narrow it."""
        params = {"day": day.isoformat(), "matter": matter_id, "user": user_id}
        return [_entry(e) for e in self.api.request("GET", "/entries", params=params).json()]

    def refresh_token(self, refresh_token: str) -> TokenSet:
        raise AuthExpired("device tokens are not refreshed: ask the firm's administrator for a new one")

    def revoke(self, token: str) -> None:
        self.api.request("POST", "/device/revoke")


def window(day: date) -> tuple[date, date]:
    """The days find_entries searches: a day either side (time zones at the edges of a day)."""
    return day - timedelta(days=1), day + timedelta(days=1)


def _texts(value: Any) -> tuple[str, ...]:
    """A list of texts from the ledger (an older ledger sends none): anything else is left out."""
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()
