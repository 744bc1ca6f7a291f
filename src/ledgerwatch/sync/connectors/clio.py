"""Clio API v4, pinned to minor version 4.0.10, as Clio documents it.

Follows: Clio's published OpenAPI document for API v4 (the Clio API Documentation, changelog to 4.0.10; the
fake server validates every request and response against it) and docs.developers.clio.com/api-docs/authorization
(authorization code flow, refresh, deauthorization).

- Every request carries `X-API-VERSION: 4.0.10`: the meaning of `quantity` (seconds since 4.0.4) and the
  visibility of hours (4.0.8) changed across minor versions, and the comparison that prevents duplicates reads
  both. Without the header Clio answers with its default version, which moves.
- Time entries are Activities of type TimeEntry; PATCH takes IF-MATCH (412 on a stale etag).
- Lists return only id and etag unless `fields=` names more (one level of nesting); pages hold up to 200
  records and the next page's full URL is in meta.paging.next (absent on the last page).
- UTBMS: the task and activity code lists are /utbms/codes.json (types UtbmsTask, UtbmsActivity); an entry
  names them as activity_description.utbms_activity_id and .utbms_task_id. Activity descriptions carry their
  own utbms_activity/utbms_task codes; a plain description named like "A103 ..." counts as that code.
- Deauthorization: POST /oauth/deauthorize with the access token as the Bearer credential and as `token`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any, ClassVar

from ledgerwatch.domain.identifiers import is_reference, sort_fields
from ledgerwatch.sync import paging
from ledgerwatch.sync.connector import (
    ActivityCode,
    OutgoingEntry,
    RemoteEntry,
    RemoteMatter,
    RemotePayment,
    RemoteUser,
)
from ledgerwatch.sync.connectors.base import HttpConnector
from ledgerwatch.sync.http import StatusClassifier

API_VERSION = "4.0.10"
ENTRY_FIELDS = "id,etag,date,quantity,note,billed,matter{id},user{id},activity_description{id,utbms_activity_id,utbms_task_id}"
ALLOCATION_FIELDS = (
    "id,date,amount,voided_at,payment_type,description,bill{id,number},contact{id,name},"
    "matter{id,display_number},parent{id,type}"
)
MATTER_FIELDS = (
    "id,etag,display_number,description,status,billing_method,currency,client_reference,"
    "client{id,name,primary_email_address},custom_rate{type,rates},practice_area{name},"
    "responsible_attorney{name},custom_field_values{field_name,field_type,value}"
)
"""a matter with what helps attribution: its client reference, practice area, responsible attorney and custom
field values (a claim or court case number, an adjuster), as Clio's Matter schema names them"""
DESCRIPTION_FIELDS = "id,name,utbms_activity{id,code},utbms_task{id,code}"
_UTBMS = re.compile(r"^([ALEP]\d{3})\b")
UTBMS_PREFIX = "utbms:"
DESCRIPTION_PREFIX = "description:"
"""ActivityCode ids: a UTBMS code's id, or an activity description's (how the entry is to name it)"""


def _message(body: Any) -> str | None:
    """Clio's error text: {"error": {"type", "message"}}."""
    error = body.get("error") if isinstance(body, dict) else None
    if isinstance(error, dict):
        return str(error.get("message") or error.get("type") or "") or None
    return None


def _hours(seconds: Any) -> Decimal:
    return (Decimal(str(seconds or 0)) / 3600).quantize(Decimal("0.0001")).normalize()


def _entry(data: dict[str, Any]) -> RemoteEntry:
    description = data.get("activity_description") or {}
    activity = description.get("utbms_activity_id")
    task = description.get("utbms_task_id")
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("etag"),
        day=date.fromisoformat(data["date"]),
        hours=_hours(data.get("quantity")),
        note=data.get("note") or "",
        reference=None,
        matter_id=str((data.get("matter") or {}).get("id", "")),
        user_id=str((data.get("user") or {}).get("id", "")),
        billed=bool(data.get("billed")),
        activity_id=f"{UTBMS_PREFIX}{activity}"
        if activity
        else (f"{DESCRIPTION_PREFIX}{description['id']}" if description.get("id") else None),
        task_id=f"{UTBMS_PREFIX}{task}" if task else None,
    )


def _description(entry: OutgoingEntry) -> dict[str, int]:
    """activity_description as Clio's create takes it: UTBMS code ids, or a plain description's id."""
    out: dict[str, int] = {}
    activity, task = entry.activity_id or "", entry.task_id or ""
    if activity.startswith(UTBMS_PREFIX):
        out["utbms_activity_id"] = int(activity.removeprefix(UTBMS_PREFIX))
    elif activity.startswith(DESCRIPTION_PREFIX):
        out["id"] = int(activity.removeprefix(DESCRIPTION_PREFIX))
    if task.startswith(UTBMS_PREFIX):
        out["utbms_task_id"] = int(task.removeprefix(UTBMS_PREFIX))
    return out


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    data: dict[str, Any] = {
        "type": "TimeEntry",
        "date": entry.day.isoformat(),
        "quantity": entry.seconds,
        "note": entry.note,
        "matter": {"id": int(entry.matter_id)},
        "user": {"id": int(entry.user_id)},
        "non_billable": not entry.billable,
    }
    description = _description(entry)
    if description:
        data["activity_description"] = description
    if entry.rate is not None:
        data["price"] = float(entry.rate)
    return {"data": data}


class ClioConnector(HttpConnector):
    provider = "clio"
    statuses = StatusClassifier("Clio", _message)
    headers: ClassVar[dict[str, str]] = {"X-API-VERSION": API_VERSION}
    revoke_with_bearer = True

    def _pages(self, path: str, params: dict[str, Any]) -> Iterator[dict[str, Any]]:
        def fetch(url: str | None) -> tuple[list[dict[str, Any]], str | None]:
            body = self.api.request("GET", url or path, params=None if url else params).json()
            following = ((body.get("meta") or {}).get("paging") or {}).get("next")
            return list(body.get("data") or []), following

        return paging.by_cursor(fetch, f"Clio {path}", self.settings.page_cap)

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
                **_attribution_fields(m),
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        """Activity descriptions (named or UTBMS), then the UTBMS activity and task codes (these win)."""
        out = []
        described = self._pages(
            "/activity_descriptions.json", {"fields": DESCRIPTION_FIELDS, "limit": self.settings.page_size}
        )
        for a in described:
            name = a.get("name") or ""
            utbms = (a.get("utbms_activity") or {}).get("code")
            named = _UTBMS.match(name)
            code = utbms or (named.group(1) if named else None)
            out.append(ActivityCode(f"{DESCRIPTION_PREFIX}{a['id']}", name, code, "activity"))
        params = {"fields": "id,name,code,type", "limit": self.settings.page_size}
        for c in self._pages("/utbms/codes.json", params):
            kind = {"UtbmsActivity": "activity", "UtbmsTask": "task"}.get(c.get("type") or "")
            if kind and c.get("code"):
                out.append(ActivityCode(f"{UTBMS_PREFIX}{c['id']}", c.get("name") or "", c["code"], kind))
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

    def find_entries(
        self, day: date, matter_id: str, user_id: str, since: datetime | None = None
    ) -> list[RemoteEntry]:
        """Time entries of this matter and user dated within a day of day (time zones differ), made since."""
        params: dict[str, Any] = {
            "type": "TimeEntry",
            "matter_id": int(matter_id),
            "user_id": int(user_id),
            "start_date": f"{(day - timedelta(days=1)).isoformat()}T00:00:00+00:00",
            "end_date": f"{(day + timedelta(days=1)).isoformat()}T23:59:59+00:00",
            "fields": ENTRY_FIELDS,
            "limit": 200,
        }
        if since is not None:
            params["created_since"] = since.isoformat()
        return [_entry(a) for a in self._pages("/activities.json", params)]


def _attribution_fields(m: dict[str, Any]) -> dict[str, Any]:
    """What a Clio matter says that helps attribution: the client reference and custom fields whose name
    says they hold a reference (kept when they carry one), custom fields naming people on the matter, the
    practice area, the responsible attorney and the client's e-mail. Anything missing or malformed is left out."""

    def name_of(value: Any) -> str:
        return (
            value.get("name") or "" if isinstance(value, dict) and isinstance(value.get("name"), str) else ""
        )

    reference = m.get("client_reference")
    values = m.get("custom_field_values")
    identifiers, contacts = sort_fields(
        (field["field_name"], field["value"].strip())
        for field in (values if isinstance(values, list) else ())
        if isinstance(field, dict)
        and isinstance(field.get("field_name"), str)
        and isinstance(field.get("value"), str)
        and field.get("field_type") not in _NOT_TEXT
    )
    if isinstance(reference, str) and is_reference(reference):
        identifiers = (reference.strip(), *identifiers)
    client = m.get("client")
    email = client.get("primary_email_address") if isinstance(client, dict) else None
    return {
        "identifiers": identifiers,
        "contacts": contacts,
        "practice_area": name_of(m.get("practice_area")),
        "responsible_attorney": name_of(m.get("responsible_attorney")),
        "client_email": email.strip() if isinstance(email, str) else "",
    }


_NOT_TEXT = frozenset({"checkbox", "currency", "date", "time", "contact", "matter"})
"""custom field types whose value is never a reference or a person's name (a date, an amount, a yes/no, the id
of a contact or matter record)"""


def _money(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value)).quantize(Decimal("0.01"))
