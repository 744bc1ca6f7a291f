"""Clio API v4: time entries are Activities of type TimeEntry; quantity is in seconds; PATCH takes IF-MATCH.

Lists return only id and etag unless `fields=` names more; pages hold up to 200 records and the next page's
full URL is in meta.paging.next.
"""

from __future__ import annotations

import re
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

ENTRY_FIELDS = "id,etag,date,quantity,note,billed,matter{id},user{id}"
ALLOCATION_FIELDS = (
    "id,date,amount,voided_at,payment_type,description,bill{id,number},contact{id,name},"
    "matter{id,display_number},parent{id,type}"
)
MATTER_FIELDS = "id,etag,display_number,description,status,billing_method,currency,client{id,name},custom_rate{type,rates}"
_UTBMS = re.compile(r"^([ALEP]\d{3})\b")


def _message(body: Any) -> str | None:
    """Clio's error text: {"error": {"type", "message"}}."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("message") or error.get("type") or "") or None
    return None


def _hours(seconds: Any) -> Decimal:
    return (Decimal(str(seconds or 0)) / 3600).quantize(Decimal("0.0001")).normalize()


def _entry(data: dict[str, Any]) -> RemoteEntry:
    note, reference = split_reference(data.get("note") or "")
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("etag"),
        day=date.fromisoformat(data["date"]),
        hours=_hours(data.get("quantity")),
        note=note,
        reference=reference,
        matter_id=str((data.get("matter") or {}).get("id", "")),
        user_id=str((data.get("user") or {}).get("id", "")),
        billed=bool(data.get("billed")),
    )


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "TimeEntry",
        "date": entry.day.isoformat(),
        "quantity": entry.seconds,
        "note": with_reference(entry.note, entry.reference),
        "matter": {"id": int(entry.matter_id)},
        "user": {"id": int(entry.user_id)},
        "non_billable": not entry.billable,
    }
    if entry.activity_id:
        data["activity_description"] = {"id": int(entry.activity_id)}
    if entry.rate is not None:
        data["price"] = float(entry.rate)
    return {"data": data}


class ClioConnector(HttpConnector):
    provider = "clio"
    statuses = StatusClassifier("Clio", _message)

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        url: str | None = path
        query: dict[str, Any] | None = params
        while url is not None:
            body = self.api.request("GET", url, params=query).json()
            yield from body.get("data", [])
            url = ((body.get("meta") or {}).get("paging") or {}).get("next")
            query = None

    def pull_user(self) -> RemoteUser:
        data = self.api.request(
            "GET", "/users/who_am_i.json", params={"fields": "id,name,email,rate"}
        ).json()["data"]
        rate = data.get("rate")
        return RemoteUser(str(data["id"]), data.get("name", ""), data.get("email", ""), _money(rate))

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]:
        params: dict[str, Any] = {
            "fields": MATTER_FIELDS,
            "limit": self.settings.page_size,
            "order": "id(asc)",
        }
        if updated_since is not None:
            params["updated_since"] = updated_since.isoformat()
        for m in self._pages("/matters.json", params):
            client = m.get("client") or {}
            custom = m.get("custom_rate") or {}
            rates = custom.get("rates") or []
            rate = _money(rates[0].get("rate")) if rates and isinstance(rates[0], dict) else None
            yield RemoteMatter(
                id=str(m["id"]),
                number=m.get("display_number") or str(m["id"]),
                description=m.get("description") or "",
                client_id=str(client.get("id", "")),
                client_name=client.get("name") or "(no client)",
                status=(m.get("status") or "Open").lower(),
                billing_method=(m.get("billing_method") or "hourly").lower(),
                rate=rate,
                currency=((m.get("currency") or {}).get("code") or "USD")
                if isinstance(m.get("currency"), dict)
                else "USD",
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        params = {"fields": "id,name,type", "limit": self.settings.page_size}
        out = []
        for a in self._pages("/activity_descriptions.json", params):
            name = a.get("name") or ""
            code = _UTBMS.match(name)
            out.append(ActivityCode(str(a["id"]), name, code.group(1) if code else None))
        return out

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        params: dict[str, Any] = {"type": "TimeEntry", "status": "billed", "fields": "id", "limit": 200}
        if updated_since is not None:
            params["updated_since"] = updated_since.isoformat()
        return [str(a["id"]) for a in self._pages("/activities.json", params)]

    def pull_payments(self, since: datetime | None) -> list[RemotePayment]:
        """Allocations of payments to bills (a Clio payment split over bills is one record per bill)."""
        params: dict[str, Any] = {
            "fields": ALLOCATION_FIELDS,
            "status": "valid",
            "limit": self.settings.page_size,
            "order": "id(asc)",
        }
        if since is not None:
            params["updated_since"] = since.isoformat()
        out = []
        for a in self._pages("/allocations.json", params):
            parent = a.get("parent") or {}
            if a.get("voided_at") or parent.get("type") == "CreditMemo":
                continue
            contact, bill, matter = a.get("contact") or {}, a.get("bill") or {}, a.get("matter") or {}
            out.append(
                RemotePayment(
                    id=f"allocation-{a['id']}",
                    received_on=date.fromisoformat(str(a["date"])[:10]),
                    amount=Decimal(str(a.get("amount") or 0)).quantize(Decimal("0.01")),
                    client_name=contact.get("name") or "(no client)",
                    client_id=str(contact.get("id", "")),
                    matter_number=matter.get("display_number"),
                    bill_number=bill.get("number"),
                    method=a.get("payment_type") or "clio",
                    reference=f"Clio payment {parent['id']}" if parent.get("id") else "",
                )
            )
        return out

    def create_entry(self, entry: OutgoingEntry) -> RemoteEntry:
        response = self.api.request(
            "POST", "/activities.json", params={"fields": ENTRY_FIELDS}, json=_body(entry)
        )
        return _entry(response.json()["data"])

    def get_entry(self, remote_id: str) -> RemoteEntry:
        response = self.api.request(
            "GET", f"/activities/{int(remote_id)}.json", params={"fields": ENTRY_FIELDS}
        )
        return _entry(response.json()["data"])

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        headers = {"IF-MATCH": etag} if etag else None
        response = self.api.request(
            "PATCH",
            f"/activities/{int(remote_id)}.json",
            params={"fields": ENTRY_FIELDS},
            json=_body(entry),
            headers=headers,
        )
        return _entry(response.json()["data"])

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", f"/activities/{int(remote_id)}.json")

    def find_entries(self, day: date, matter_id: str, user_id: str) -> list[RemoteEntry]:
        """Time entries of this matter and user within a day either side of day (time zones differ)."""
        params = {
            "type": "TimeEntry",
            "matter_id": int(matter_id),
            "user_id": int(user_id),
            "start_date": f"{(day - timedelta(days=1)).isoformat()}T00:00:00+00:00",
            "end_date": f"{(day + timedelta(days=1)).isoformat()}T23:59:59+00:00",
            "fields": ENTRY_FIELDS,
            "limit": 200,
        }
        return [_entry(a) for a in self._pages("/activities.json", params)]


def _money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))
