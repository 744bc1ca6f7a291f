"""A stateful PracticePanther API v2 fake that holds the connector to what PracticePanther documents
(sync.connectors.practicepanther): string ids, GET/PUT/DELETE /timeentries/{id}, time entries filtered only by
account_id, matter_id, billed_by_user_id, is_billable and is_billed (any other filter is recorded as a
violation and ignored), invalid_grant on expired tokens, 300 requests per 5 minutes.

Paging, which v2 does not document, is switchable: "all" answers every record whatever $top/$skip say,
"odata" honours them, "stuck" honours $top and ignores $skip (the same first page for ever).

What a matter and an account carry beyond the basics follows the v2 reference's models (app.practicepanther.com/
content/apidocs: Matter.custom_field_values, CustomFieldValue {custom_field_ref {id, label, value_type},
value_string, value_number, value_date_time, value_boolean, contact_ref}, Account.primary_contact, Contact.email),
whose fields the legacy v1 OpenAPI (shared contracts) also has (ProjectDTO_Detail.customFieldValues,
AccountDTO_Export.primaryContact.email); neither has a practice area on a matter, so none is served. A matter's
"custom_field_values" (made with `custom_field_value`, or any raw list a test sets on the matter's dict) are
served as given; an account's primary contact carries the e-mail set in `client_emails` (null when unset).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import httpx

from ledgerwatch.sync.settings import ProviderSettings, provider_settings
from tests.fakes.base import FakeProvider, Reply

API = "/api/v2"
ENTRY_FILTERS = frozenset({"account_id", "matter_id", "billed_by_user_id", "is_billable", "is_billed"})
PAGING = frozenset({"$top", "$skip"})


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


_VALUE_KEYS = {
    "Number": "value_number",
    "Currency": "value_number",
    "Date": "value_date_time",
    "DateTime": "value_date_time",
    "Checkbox": "value_boolean",
    "Contact": "contact_ref",
}


def custom_field_value(label: str, value: Any, value_type: str = "TextBox") -> dict[str, Any]:
    """One of a matter's custom_field_values as the v2 reference shapes it: the value under the key its field's
    type uses (value_string for text and drop-down fields; a Contact field's value is a contact's display name)."""
    key = _VALUE_KEYS.get(value_type, "value_string")
    if key == "contact_ref":
        value = {"id": f"c-{label}", "display_name": value}
    return {"custom_field_ref": {"id": f"cf-{label}", "label": label, "value_type": value_type}, key: value}


class FakePracticePanther(FakeProvider):
    name = "practicepanther"
    rotate_refresh_tokens = True

    def __init__(self, *args: Any, paging: str = "all", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.paging = paging
        self.rate_limit(300, 300.0)
        self.client_emails: dict[int, Any] = {}
        """an account's primary contact's e-mail, by client id (served as given, so a test may set a malformed
        one)"""

    def settings(self, base_url: str, **overrides: Any) -> ProviderSettings:
        return provider_settings(
            "practicepanther",
            api_base=f"{base_url}{API}",
            token_url=f"{base_url}/oauth/token",
            revoke_url=f"{base_url}/oauth/deauthorize",
            authorize_url=f"{base_url}/oauth/authorize",
            **overrides,
        )

    def error_body(self, status: int, message: str) -> Any:
        return {"message": message}

    def auth_error(self) -> Reply:
        return Reply(400, {"error": "invalid_grant", "error_description": "The access token has expired"})

    def validation_error(self) -> Reply:
        return Reply(400, {"message": "The Hours field is required."})

    def _render(self, e: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": f"te-{e['id']}",
            "matter_ref": {"id": f"m-{e['matter_id']}"},
            "billed_by_user_ref": {"id": f"u-{e['user_id']}"},
            "hours": float(e["hours"]),
            "rate": float(e["rate"]) if e.get("rate") is not None else None,
            "description": e["note"],
            "is_billable": e["billable"],
            "is_billed": e["billed"],
            "date": f"{e['date']}T00:00:00",
            "updated_at": _iso(e["updated_at"]) + f"#{e['version']}",
            "item_ref": {"id": e["item"]} if e.get("item") else None,
        }

    def _page(self, request: httpx.Request, items: list[dict[str, Any]]) -> Reply:
        if self.paging == "all":
            return Reply(200, items)
        top = min(int(request.url.params.get("$top", 100)), 1000)
        skip = 0 if self.paging == "stuck" else int(request.url.params.get("$skip", 0))
        return Reply(200, items[skip : skip + top])

    def _entry(self, raw: str) -> dict[str, Any] | None:
        return self.entries.get(int(raw.removeprefix("te-"))) if raw.startswith("te-") else None

    def route(self, request: httpx.Request) -> Reply:
        path, method, q = request.url.path.removeprefix(API), request.method, request.url.params
        if path == "/users/me" and method == "GET":
            return Reply(
                200,
                {
                    "id": f"u-{self.user['id']}",
                    "display_name": self.user["name"],
                    "email": self.user["email"],
                    "hourly_rate": float(self.user["rate"]),
                },
            )
        if path == "/accounts" and method == "GET":
            return self._page(
                request,
                [
                    {
                        "id": f"a-{k}",
                        "display_name": v,
                        "primary_contact": {
                            "id": f"c-{k}",
                            "is_primary_contact": True,
                            "display_name": v,
                            "email": self.client_emails.get(k),
                        },
                    }
                    for k, v in sorted(self.clients.items())
                ],
            )
        if path == "/items" and method == "GET":
            return self._page(request, [{"id": "i-1", "name": "Draft/revise", "code": "A103"}])
        if path == "/payments" and method == "GET":
            rows = self.payments_since(q.get("updated_since"))
            return self._page(
                request,
                [
                    {
                        "id": f"p-{p['id']}",
                        "date": f"{p['date']}T00:00:00",
                        "total": float(p["amount"]),
                        "payment_method": p["method"],
                        "reference": p["reference"],
                        "is_void": p["voided"],
                        "account_ref": {
                            "id": f"a-{p['client_id']}",
                            "display_name": self.client_name(p["client_id"]),
                        },
                        "matter_ref": {"id": f"m-{p['matter']['id']}", "number": p["matter"]["number"]}
                        if p["matter"]
                        else None,
                        "invoice_ref": {"number": p["bill"]} if p["bill"] else None,
                    }
                    for p in rows
                ],
            )
        if path == "/matters" and method == "GET":
            since = q.get("updated_since")
            items = [
                {
                    "id": f"m-{m['id']}",
                    "number": m["number"],
                    "name": m["description"],
                    "status": m["status"].capitalize(),
                    "account_ref": {
                        "id": f"a-{m['client_id']}",
                        "display_name": self.client_name(m["client_id"]),
                    },
                    "rate": float(m["rate"]) if m["rate"] is not None else None,
                    "custom_field_values": m.get("custom_field_values", []),
                    "updated_at": _iso(m["updated_at"]),
                }
                for m in self.matters
                if not since or m["updated_at"] >= datetime.fromisoformat(since).timestamp()
            ]
            return self._page(request, items)
        if path == "/timeentries":
            if method == "GET":
                unknown = sorted(set(q) - ENTRY_FILTERS - PAGING)
                if unknown:
                    self.violation(f"GET /timeentries with undocumented filters {unknown} (ignored)")
                return self._page(request, [self._render(e) for e in self._select(q)])
            if method == "POST":
                body = json.loads(request.content)
                problem = self._invalid(body)
                if problem:
                    return Reply(400, {"message": problem})
                return Reply(200, self._render(self.new_entry(**self._fields_from(body))))
        if path.startswith("/timeentries/"):
            entry = self._entry(path.removeprefix("/timeentries/"))
            if entry is None:
                return Reply(404, {"message": "Not found"})
            if method == "GET":
                return Reply(200, self._render(entry))
            if method == "DELETE":
                del self.entries[entry["id"]]
                return Reply(200, {})
            if method == "PUT":
                body = json.loads(request.content)
                problem = self._invalid(body)
                if problem:
                    return Reply(400, {"message": problem})
                entry.update(self._fields_from(body))
                self._touch(entry)
                return Reply(200, self._render(entry))
        return Reply(404, {"message": f"no route {method} {path}"})

    def _select(self, q: httpx.QueryParams) -> list[dict[str, Any]]:
        out = []
        for e in self.entries.values():
            if q.get("matter_id") and f"m-{e['matter_id']}" != q["matter_id"]:
                continue
            if q.get("billed_by_user_id") and f"u-{e['user_id']}" != q["billed_by_user_id"]:
                continue
            if q.get("is_billed") and (q["is_billed"] == "true") != bool(e["billed"]):
                continue
            out.append(e)
        return sorted(out, key=lambda e: e["id"])

    def _invalid(self, body: dict[str, Any]) -> str | None:
        if body.get("hours") in (None, ""):
            return "The Hours field is required."
        matter = str((body.get("matter_ref") or {}).get("id", ""))
        if all(f"m-{m['id']}" != matter for m in self.matters):
            return "The matter does not exist."
        return None

    def _fields_from(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "date": str(body["date"])[:10],
            "hours": Decimal(str(body["hours"])).normalize(),
            "note": body.get("description") or "",
            "matter_id": int(str(body["matter_ref"]["id"]).removeprefix("m-")),
            "user_id": int(str(body["billed_by_user_ref"]["id"]).removeprefix("u-")),
            "billable": bool(body.get("is_billable", True)),
            "rate": Decimal(str(body["rate"])) if body.get("rate") is not None else None,
            "item": (body.get("item_ref") or {}).get("id"),
        }
