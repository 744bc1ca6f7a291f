"""PracticePanther API v2: accounts (clients), matters and time entries with string ids.

OData paging with `$top`/`$skip`; an expired access token comes back as HTTP 400 `invalid_grant`; refresh
tokens rotate. PUT and DELETE address the entry as `?id=`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ledgerwatch.sync.connector import (
    ActivityCode,
    OutgoingEntry,
    RemoteEntry,
    RemoteMatter,
    RemotePayment,
    RemoteUser,
    split_reference,
    with_reference,
)
from ledgerwatch.sync.connectors.base import HttpConnector
from ledgerwatch.sync.http import StatusClassifier


def _message(body: Any) -> str | None:
    """PracticePanther's error text: OAuth's error_description, the API's message (either case), or the code."""
    if not isinstance(body, dict):
        return None
    found = body.get("error_description") or body.get("message") or body.get("Message") or body.get("error")
    return str(found) if found else None


def _token_refused(body: Any) -> bool:
    """An expired access token comes back as HTTP 400 with error invalid_grant."""
    return isinstance(body, dict) and body.get("error") == "invalid_grant"


def _entry(data: dict[str, Any]) -> RemoteEntry:
    note, reference = split_reference(data.get("description") or "")
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("updated_at"),
        day=date.fromisoformat(str(data["date"])[:10]),
        hours=Decimal(str(data.get("hours") or 0)).normalize(),
        note=note,
        reference=reference,
        matter_id=str((data.get("matter_ref") or {}).get("id", "")),
        user_id=str((data.get("billed_by_user_ref") or {}).get("id", "")),
        billed=bool(data.get("is_billed")),
    )


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    body: dict[str, Any] = {
        "matter_ref": {"id": entry.matter_id},
        "billed_by_user_ref": {"id": entry.user_id},
        "hours": float(entry.hours),
        "description": with_reference(entry.note, entry.reference),
        "is_billable": entry.billable,
        "date": f"{entry.day.isoformat()}T00:00:00",
    }
    if entry.rate is not None:
        body["rate"] = float(entry.rate)
    if entry.activity_id:
        body["item_ref"] = {"id": entry.activity_id}
    return body


class PracticePantherConnector(HttpConnector):
    provider = "practicepanther"
    statuses = StatusClassifier("PracticePanther", _message, _token_refused)

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        skip = 0
        size = self.settings.page_size
        while True:
            batch = self.api.request("GET", path, params={**params, "$top": size, "$skip": skip}).json()
            yield from batch
            if len(batch) < size:
                return
            skip += size

    def pull_user(self) -> RemoteUser:
        data = self.api.request("GET", "/users/me").json()
        rate = data.get("hourly_rate")
        return RemoteUser(
            str(data["id"]),
            data.get("display_name", ""),
            data.get("email", ""),
            Decimal(str(rate)) if rate else None,
        )

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]:
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["updated_since"] = updated_since.isoformat()
        accounts = {str(a["id"]): a for a in self._pages("/accounts", {})}
        for m in self._pages("/matters", params):
            account_id = str((m.get("account_ref") or {}).get("id", ""))
            account = accounts.get(account_id, {})
            rate = m.get("rate")
            yield RemoteMatter(
                id=str(m["id"]),
                number=m.get("number") or str(m["id"]),
                description=m.get("name") or "",
                client_id=account_id,
                client_name=account.get("display_name")
                or (m.get("account_ref") or {}).get("display_name")
                or "(no client)",
                status=str(m.get("status") or "open").lower(),
                billing_method=str(m.get("billing_method") or "hourly").lower(),
                rate=Decimal(str(rate)) if rate else None,
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        return [
            ActivityCode(str(i["id"]), i.get("name", ""), i.get("code") or None)
            for i in self._pages("/items", {})
        ]

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["updated_since"] = updated_since.isoformat()
        return [str(e["id"]) for e in self._pages("/timeentries", params) if e.get("is_billed")]

    def pull_payments(self, since: datetime | None) -> list[RemotePayment]:
        """GET /payments (a guess at PracticePanther's shape: account_ref, invoice_ref, matter_ref)."""
        params: dict[str, Any] = {}
        if since is not None:
            params["updated_since"] = since.isoformat()
        accounts = {str(a["id"]): a for a in self._pages("/accounts", {})}
        out = []
        for p in self._pages("/payments", params):
            if p.get("is_void"):
                continue
            ref = p.get("account_ref") or {}
            account_id = str(ref.get("id", ""))
            out.append(
                RemotePayment(
                    id=f"payment-{p['id']}",
                    received_on=date.fromisoformat(str(p["date"])[:10]),
                    amount=Decimal(str(p.get("total") or 0)).quantize(Decimal("0.01")),
                    client_name=accounts.get(account_id, {}).get("display_name")
                    or ref.get("display_name")
                    or "(no client)",
                    client_id=account_id,
                    matter_number=(p.get("matter_ref") or {}).get("number"),
                    bill_number=(p.get("invoice_ref") or {}).get("number"),
                    method=str(p.get("payment_method") or "practicepanther").lower(),
                    reference=str(p.get("reference") or ""),
                )
            )
        return out

    def create_entry(self, entry: OutgoingEntry) -> RemoteEntry:
        return _entry(self.api.request("POST", "/timeentries", json=_body(entry)).json())

    def get_entry(self, remote_id: str) -> RemoteEntry:
        return _entry(self.api.request("GET", "/timeentries", params={"id": remote_id}).json())

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        """PracticePanther has no conditional update: the PUT replaces the entry."""
        body = {"id": remote_id, **_body(entry)}
        return _entry(self.api.request("PUT", "/timeentries", params={"id": remote_id}, json=body).json())

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", "/timeentries", params={"id": remote_id})

    def find_entries(self, day: date, matter_id: str, user_id: str) -> list[RemoteEntry]:
        params = {
            "matter_id": matter_id,
            "user_id": user_id,
            "date_from": (day - timedelta(days=1)).isoformat(),
            "date_to": (day + timedelta(days=1)).isoformat(),
        }
        return [_entry(e) for e in self._pages("/timeentries", params)]
