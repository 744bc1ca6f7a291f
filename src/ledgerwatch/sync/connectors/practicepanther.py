"""PracticePanther API v2: accounts (clients), matters, billing items and time entries with string ids.

Follows: PracticePanther's help-center article "PracticePanther API"
(support.practicepanther.com/en/articles/479897-practicepanther-api: OAuth 2 authorization code flow, the
token endpoint taking a form post with grant_type authorization_code or refresh_token, redirect URIs
registered with PracticePanther, OData queries) and the v2 reference it links (app.practicepanther.com/content/
apidocs), whose resource list for time entries is GET /api/v2/timeentries filtered by `account_id`,
`matter_id`, `billed_by_user_id`, `is_billable` and `is_billed` (no date filter), and GET /api/v2/<resource>/{id}
for one record; the API allows 300 requests per 5 minutes. What follows from them:

- Paging: v2 lists are asked for with OData `$top`/`$skip` (v1's); v2 may answer everything at once or ignore
  `$skip`, so the loop ends on a short or over-long page and stops with an error on a repeated one (sync.paging).
- One entry is GET/PUT/DELETE /api/v2/timeentries/{id}; a list answered there is searched for the id.
- A look-up filters by matter_id and billed_by_user_id and narrows the dates on this side.
- An expired access token comes back as HTTP 400 `invalid_grant`; refresh tokens rotate.
- UTBMS: billing items carry the activity code (item_ref on the entry); no task-code list is documented.
- 300 requests per 5 minutes are paced on this side.
- What a matter tells attribution (the v2 reference's Matter, Account, Contact and CustomFieldValue models; the
  legacy v1 OpenAPI has the same fields as ProjectDTO_Detail.customFieldValues and
  AccountDTO_Export.primaryContact.email): custom field values by their field's label, and the account's
  primary contact's e-mail. Neither version has a practice area or a responsible attorney on a matter (only
  the users it is assigned to, who are not told apart), so those stay empty.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from ledgerwatch.domain.identifiers import sort_fields
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
    """PracticePanther's error text: OAuth's error_description, the API's message (either case), or the code."""
    if not isinstance(body, dict):
        return None
    found = body.get("error_description") or body.get("message") or body.get("Message") or body.get("error")
    return str(found) if found else None


def _token_refused(body: Any) -> bool:
    """An expired access token comes back as HTTP 400 with error invalid_grant."""
    return isinstance(body, dict) and body.get("error") == "invalid_grant"


def _entry(data: dict[str, Any]) -> RemoteEntry:
    return RemoteEntry(
        id=str(data["id"]),
        etag=data.get("updated_at"),
        day=date.fromisoformat(str(data["date"])[:10]),
        hours=Decimal(str(data.get("hours") or 0)).normalize(),
        note=data.get("description") or "",
        reference=None,
        matter_id=str((data.get("matter_ref") or {}).get("id", "")),
        user_id=str((data.get("billed_by_user_ref") or {}).get("id", "")),
        billed=bool(data.get("is_billed")),
        activity_id=str((data.get("item_ref") or {}).get("id") or "") or None,
    )


def _field_value(field: dict[str, Any], value_type: str) -> str:
    """A CustomFieldValue's value as text: value_string (text and drop-down fields), the contact's display
    name (contact fields: contact_ref), or a whole value_number of a Number field; dates, yes/no and amounts
    are never a reference or a person."""
    text = text_of(field.get("value_string"))
    if text:
        return text
    contact = field.get("contact_ref")
    if isinstance(contact, dict) and text_of(contact.get("display_name")):
        return text_of(contact.get("display_name"))
    number = field.get("value_number")
    if (
        value_type == "number"
        and isinstance(number, int | float)
        and not isinstance(number, bool)
        and math.isfinite(number)
        and number == int(number)
    ):
        return str(int(number))
    return ""


def _attribution_fields(matter: dict[str, Any], account: dict[str, Any]) -> dict[str, Any]:
    """What a matter and its account say that helps attribution: custom fields whose label says they hold a
    reference (kept when they carry one) or people on the matter (never the firm's own staff: field_holds),
    and the account's primary contact's e-mail. Anything missing or malformed is left out."""
    values = matter.get("custom_field_values")
    labelled = [
        (field, ref, ref["label"])
        for field in (values if isinstance(values, list) else ())
        if isinstance(field, dict)
        and isinstance(ref := field.get("custom_field_ref"), dict)
        and isinstance(ref.get("label"), str)
    ]
    identifiers, contacts = sort_fields(
        (label, _field_value(field, text_of(ref.get("value_type")).lower())) for field, ref, label in labelled
    )
    primary = account.get("primary_contact")
    return {
        "identifiers": tuple(dict.fromkeys(identifiers)),
        "contacts": tuple(dict.fromkeys(contacts)),
        "client_email": text_of(primary.get("email")) if isinstance(primary, dict) else "",
    }


def _body(entry: OutgoingEntry) -> dict[str, Any]:
    body: dict[str, Any] = {
        "matter_ref": {"id": entry.matter_id},
        "billed_by_user_ref": {"id": entry.user_id},
        "hours": float(entry.hours),
        "description": entry.note,
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
        def fetch(skip: int, size: int) -> list[dict[str, Any]]:
            answer = self.api.request("GET", path, params={**params, "$top": size, "$skip": skip}).json()
            return list(answer) if isinstance(answer, list) else list((answer or {}).get("value") or [])

        return paging.by_offset(
            fetch,
            self.settings.page_size,
            f"PracticePanther {path}",
            lambda i: i.get("id"),
            self.settings.page_cap,
        )

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
                **_attribution_fields(m, account),
            )

    def pull_activity_codes(self) -> list[ActivityCode]:
        return [
            ActivityCode(str(i["id"]), i.get("name", ""), i.get("code") or None)
            for i in self._pages("/items", {})
        ]

    def billed_entries(self, updated_since: datetime | None) -> list[str]:
        """Ids of billed entries (the list takes is_billed; it documents no date filter)."""
        return [
            str(e["id"]) for e in self._pages("/timeentries", {"is_billed": "true"}) if e.get("is_billed")
        ]

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
        answer = self.api.request("GET", f"/timeentries/{remote_id}").json()
        if isinstance(answer, list):  # a list where one record was asked for: take the one asked for
            found = [e for e in answer if str(e.get("id")) == remote_id]
            if not found:
                raise NotFound(f"PracticePanther: time entry {remote_id} not found", 404)
            answer = found[0]
        return _entry(answer)

    def update_entry(self, remote_id: str, entry: OutgoingEntry, etag: str | None) -> RemoteEntry:
        """PracticePanther has no conditional update: the PUT replaces the entry."""
        body = {"id": remote_id, **_body(entry)}
        return _entry(self.api.request("PUT", f"/timeentries/{remote_id}", json=body).json())

    def delete_entry(self, remote_id: str) -> None:
        self.api.request("DELETE", f"/timeentries/{remote_id}")

    def find_entries(
        self, day: date, matter_id: str, user_id: str, since: datetime | None = None
    ) -> list[RemoteEntry]:
        """This matter's and user's entries (the documented filters) dated within a day of day."""
        params = {"matter_id": matter_id, "billed_by_user_id": user_id}
        first, last = day - timedelta(days=1), day + timedelta(days=1)
        found = [_entry(e) for e in self._pages("/timeentries", params)]
        return [
            e for e in found if e.matter_id == matter_id and e.user_id == user_id and first <= e.day <= last
        ]
