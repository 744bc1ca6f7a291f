"""MyCase's Open API (/v1): cases, clients, staff and time entries, as MyCase documents it.

Follows: MyCase's Open API reference (mycaseapi.stoplight.io) and its support article "Open API"
(supportcenter.mycase.com/en/articles/9370198-open-api), with the OAuth details MyCase gives integrators
(authorization at auth.mycase.com/login_sessions/new, tokens at auth.mycase.com/tokens; access tokens last 24
hours, refresh tokens two weeks and rotate; 25 requests a second per client). Where those pages are silent the
connector assumes the least:

- The token request is an ordinary OAuth form post (RFC 6749), not JSON.
- The signed-in user is GET /me (GET /staff/me is tried when /me is not there).
- Lists page with `page_size` and a `page_token` cursor, the next page in a `Link: <...>; rel="next"` header;
  the only list filter relied on is `filter[updated_after]`. Time entries are narrowed by case, staff and date
  on this side, so a look-up after an unanswered create reads only entries changed since the entry was first
  queued, never the firm's whole history.
- A time entry is created with activity_name, description, billable, entry_date, hours, rate, case and staff;
  `rate` is sent always (the entry's, else the user's default hourly rate), as integrations treat it as required.
- UTBMS: MyCase keeps no code list; the activity code goes as the entry's free-text activity name.
- Errors come as {"errors": [{"description", "source"}]}; 25 requests a second are paced on this side.
- What a case tells attribution: its `practice_area` and its first client's `email` (the case and client
  fields of the reference, as MyCase's public integrations send and read them). MyCase keeps custom fields on
  cases and marks a case's lead lawyer among its staff, but no public page shows how a case returns either, so
  neither is read: MyCase gives no identifiers, contacts or responsible attorney.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ledgerwatch.sync import paging
from ledgerwatch.sync.connector import (
    ActivityCode,
    OutgoingEntry,
    RemoteEntry,
    RemoteMatter,
    RemotePayment,
    RemoteUser,
)
from ledgerwatch.sync.connectors.base import HttpConnector, text_of
from ledgerwatch.sync.errors import NotFound
from ledgerwatch.sync.http import StatusClassifier


def _message(body: Any) -> str | None:
    """MyCase's error text: {"errors": [{"description", "source"}]}, one part per error."""
    errors = body.get("errors") if isinstance(body, dict) else None
    if not isinstance(errors, list) or not errors:
        return None
    parts = []
    for e in errors:
        source = e.get("source") if isinstance(e, dict) else None
        text = e.get("description") if isinstance(e, dict) else e
        parts.append(f"{source}: {text}" if source else str(text))
    return "; ".join(parts)


def _entry(data: dict[str, Any]) -> RemoteEntry:
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("updated_at"),
        day=date.fromisoformat(str(data["entry_date"])[:10]),
        hours=Decimal(str(data.get("hours") or 0)).normalize(),
        note=data.get("description") or "",
        reference=None,
        matter_id=str((data.get("case") or {}).get("id", "")),
        user_id=str((data.get("staff") or {}).get("id", "")),
        billed=bool(data.get("billed") or data.get("invoice")),
        activity_id=data.get("activity_name") or None,
    )


def _body(entry: OutgoingEntry, rate: Decimal | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "activity_name": entry.activity_name or "Time entry",
        "description": entry.note,
        "billable": entry.billable,
        "entry_date": entry.day.isoformat(),
        "hours": float(entry.hours),
        "case": {"id": int(entry.matter_id)},
        "staff": {"id": int(entry.user_id)},
    }
    if rate is not None:
        body["rate"] = float(rate)
    return body


def _name(person: dict[str, Any]) -> str:
    return " ".join(p for p in (person.get("first_name"), person.get("last_name")) if p) or str(
        person.get("name") or ""
    )


_STATUS = {"open": "open", "closed": "closed", "pending": "pending", "archived": "closed"}


def _practice_area(value: Any) -> str:
    """A case's `practice_area`: the practice area's name ("The practice area for this case." in MyCase's Open
    API case reference, as its public integrations send and read it; the name also taken from an object
    carrying one). Anything else is skipped."""
    return text_of(value.get("name")) if isinstance(value, dict) else text_of(value)


class MyCaseConnector(HttpConnector):
    provider = "mycase"
    statuses = StatusClassifier("MyCase", _message)
    _user: RemoteUser | None = None

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        def fetch(url: str | None) -> tuple[list[dict[str, Any]], str | None]:
            query = None if url else {"page_size": self.settings.page_size, **params}
            response = self.api.request("GET", url or path, params=query)
            following = response.links.get("next")
            return list(response.json() or []), following.get("url") if following else None

        return paging.by_cursor(fetch, f"MyCase {path}", self.settings.page_cap)

    def pull_user(self) -> RemoteUser:
        try:
            data = self.api.request("GET", "/me").json()
        except NotFound:
            data = self.api.request("GET", "/staff/me").json()
        rate = data.get("default_hourly_rate")
        self._user = RemoteUser(
            str(data["id"]), _name(data), data.get("email", ""), Decimal(str(rate)) if rate else None
        )
        return self._user

    def _rate(self, entry: OutgoingEntry) -> Decimal | None:
        """The rate a new entry carries: its own, else the signed-in user's default hourly rate."""
        if entry.rate is not None:
            return entry.rate
        if self._user is None:
            self.pull_user()
        return self._user.rate if self._user is not None else None

    def pull_matters(self, updated_since: datetime | None) -> Iterator[RemoteMatter]:
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["filter[updated_after]"] = updated_since.isoformat()
        clients = {str(c["id"]): c for c in self._pages("/clients", {})}
        for case in self._pages("/cases", params):
            linked = case.get("clients") or []
            first = clients.get(str(linked[0]["id"])) if linked else None
            client_name = _name(first) if first else "(no client)"
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
                practice_area=_practice_area(case.get("practice_area")),
                client_email=text_of(first.get("email")) if first else "",
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        """MyCase takes a free-text activity name on each entry; there is no list to pull."""
        return []

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        params: dict[str, Any] = {}
        if updated_since is not None:
            params["filter[updated_after]"] = updated_since.isoformat()
        return [
            str(e["id"]) for e in self._pages("/time_entries", params) if e.get("billed") or e.get("invoice")
        ]

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
            name = _name(clients.get(client_id) or {})
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
        return _entry(self.api.request("POST", "/time_entries", json=_body(entry, self._rate(entry))).json())

    def get_entry(self, remote_id: str) -> RemoteEntry:
        return _entry(self.api.request("GET", f"/time_entries/{int(remote_id)}").json())

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        """MyCase has no conditional update: the PUT replaces the entry."""
        body = _body(entry, self._rate(entry))
        return _entry(self.api.request("PUT", f"/time_entries/{int(remote_id)}", json=body).json())

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", f"/time_entries/{int(remote_id)}")

    def find_entries(
        self, day: date, matter_id: str, user_id: str, since: datetime | None = None
    ) -> list[RemoteEntry]:
        """This case's and user's entries dated within a day of day, among those changed since `since`."""
        params = {"filter[updated_after]": since.isoformat()} if since is not None else {}
        first, last = day - timedelta(days=1), day + timedelta(days=1)
        found = [_entry(e) for e in self._pages("/time_entries", params)]
        return [
            e for e in found if e.matter_id == matter_id and e.user_id == user_id and first <= e.day <= last
        ]
