"""MyCase external-integrations API (/v1): cases, clients, staff and time entries.

Pages: `page_size` and `page_token`, the next page in a `Link: <...>; rel="next"` header. Errors come as
{"errors": [{"description", "source"}]}. Access tokens last 24 hours; refresh tokens rotate (two weeks) and
are requested with a JSON body. Time entries carry hours and a free-text activity name (the UTBMS code).
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
    """MyCase's error text: {"errors": [{"description", "source"}]}, one part per error."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return None
    parts = []
    for e in errors:
        source = e.get("source")
        parts.append(f"{source}: {e.get('description')}" if source else str(e.get("description")))
    return "; ".join(parts)


def _entry(data: dict[str, Any]) -> RemoteEntry:
    note, reference = split_reference(data.get("description") or "")
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("updated_at"),
        day=date.fromisoformat(data["entry_date"]),
        hours=Decimal(str(data.get("hours") or 0)).normalize(),
        note=note,
        reference=reference,
        matter_id=str((data.get("case") or {}).get("id", "")),
        user_id=str((data.get("staff") or {}).get("id", "")),
        billed=bool(data.get("billed") or data.get("invoice")),
    )


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    body: dict[str, Any] = {
        "activity_name": entry.activity_name or "Time entry",
        "description": with_reference(entry.note, entry.reference),
        "billable": entry.billable,
        "entry_date": entry.day.isoformat(),
        "hours": float(entry.hours),
        "case": {"id": int(entry.matter_id)},
        "staff": {"id": int(entry.user_id)},
    }
    if entry.rate is not None:
        body["rate"] = float(entry.rate)
    return body


_STATUS = {"open": "open", "closed": "closed", "pending": "pending", "archived": "closed"}


class MyCaseConnector(HttpConnector):
    provider = "mycase"
    statuses = StatusClassifier("MyCase", _message)

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        url: str | None = path
        query: dict[str, Any] | None = {"page_size": self.settings.page_size, **params}
        while url is not None:
            response = self.api.request("GET", url, params=query)
            yield from response.json()
            following = response.links.get("next")
            url = following.get("url") if following else None
            query = None

    def pull_user(self) -> RemoteUser:
        data = self.api.request("GET", "/staff/me").json()
        name = " ".join(p for p in (data.get("first_name"), data.get("last_name")) if p)
        rate = data.get("default_hourly_rate")
        return RemoteUser(str(data["id"]), name, data.get("email", ""), Decimal(str(rate)) if rate else None)

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]:
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["filter[updated_after]"] = updated_since.isoformat()
        clients = {str(c["id"]): c for c in self._pages("/clients", {})}
        for case in self._pages("/cases", params):
            linked = case.get("clients") or []
            first = clients.get(str(linked[0]["id"])) if linked else None
            client_name = (
                " ".join(p for p in (first.get("first_name"), first.get("last_name")) if p)
                or first.get("name", "")
                if first
                else "(no client)"
            )
            rate = case.get("billing_rate")
            yield RemoteMatter(
                id=str(case["id"]),
                number=case.get("case_number") or str(case["id"]),
                description=case.get("name") or "",
                client_id=str(linked[0]["id"]) if linked else "",
                client_name=client_name or "(no client)",
                status=_STATUS.get(str(case.get("status", "open")).lower(), "open"),
                billing_method=str(case.get("billing_type") or "hourly").lower(),
                rate=Decimal(str(rate)) if rate else None,
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        """MyCase takes a free-text activity name on each entry; there is no list to pull."""
        return []

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        params: dict[str, Any] = {"filter[billed]": "true"}
        if updated_since is not None:
            params["filter[updated_after]"] = updated_since.isoformat()
        return [str(e["id"]) for e in self._pages("/time_entries", params)]

    def pull_payments(self, since: datetime | None) -> list[RemotePayment]:
        """GET /payments (a guess at MyCase's shape: id, date, amount, client, case, invoice, method)."""
        params: dict[str, Any] = {}
        if since is not None:
            params["filter[updated_after]"] = since.isoformat()
        clients = {str(c["id"]): c for c in self._pages("/clients", {})}
        out = []
        for p in self._pages("/payments", params):
            if p.get("voided") or str(p.get("status", "")).lower() == "void":
                continue
            client_id = str((p.get("client") or {}).get("id", ""))
            found = clients.get(client_id) or {}
            name = " ".join(x for x in (found.get("first_name"), found.get("last_name")) if x) or found.get(
                "name", ""
            )
            out.append(
                RemotePayment(
                    id=f"payment-{p['id']}",
                    received_on=date.fromisoformat(str(p["payment_date"])[:10]),
                    amount=Decimal(str(p.get("amount") or 0)).quantize(Decimal("0.01")),
                    client_name=name or "(no client)",
                    client_id=client_id,
                    matter_number=(p.get("case") or {}).get("case_number"),
                    bill_number=(p.get("invoice") or {}).get("invoice_number"),
                    method=str(p.get("payment_method") or "mycase").lower(),
                    reference=str(p.get("reference") or ""),
                )
            )
        return out

    def create_entry(self, entry: OutgoingEntry) -> RemoteEntry:
        return _entry(self.api.request("POST", "/time_entries", json=_body(entry)).json())

    def get_entry(self, remote_id: str) -> RemoteEntry:
        return _entry(self.api.request("GET", f"/time_entries/{int(remote_id)}").json())

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        """MyCase has no conditional update: the PUT replaces the entry."""
        return _entry(self.api.request("PUT", f"/time_entries/{int(remote_id)}", json=_body(entry)).json())

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", f"/time_entries/{int(remote_id)}")

    def find_entries(self, day: date, matter_id: str, user_id: str) -> list[RemoteEntry]:
        params = {
            "filter[case_id]": matter_id,
            "filter[staff_id]": user_id,
            "filter[entry_date_from]": (day - timedelta(days=1)).isoformat(),
            "filter[entry_date_to]": (day + timedelta(days=1)).isoformat(),
        }
        return [_entry(e) for e in self._pages("/time_entries", params)]
