"""A stateful MyCase (/v1) fake that holds the connector to what MyCase documents (sync.connectors.mycase):
the token request as an OAuth form post, the signed-in user at /me, lists paged by page_size and a page_token
cursor in a Link header, `filter[updated_after]` the only list filter (any other is recorded as a violation and,
as a real server would, ignored), `rate` required on a time entry, 25 requests a second, rotating tokens.

What a case and a client carry beyond the basics follows MyCase's Open API case and client fields as its public
integrations send and read them (the reference's bodies need a sign-in): a case's `practice_area` (its name;
set "practice_area" on the matter's dict, served as given, null when unset) and a client's `email` (set in
`client_emails`, served as given, null when unset). No public page shows how a case returns its custom fields
or its lead lawyer, so neither is served."""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

import httpx

from ledgerwatch.sync.settings import ProviderSettings, provider_settings
from tests.fakes.base import FakeProvider, Reply, page_slice

API = "/v1"
LIST_PARAMS = frozenset({"page_size", "page_token", "filter[updated_after]"})


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


class FakeMyCase(FakeProvider):
    name = "mycase"
    rotate_refresh_tokens = True
    access_lifetime = 24 * 3600

    def settings(self, base_url: str, **overrides: Any) -> ProviderSettings:
        return provider_settings(
            "mycase",
            api_base=f"{base_url}{API}",
            token_url=f"{base_url}/oauth/token",
            revoke_url=f"{base_url}/oauth/deauthorize",
            authorize_url=f"{base_url}/oauth/authorize",
            **overrides,
        )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.rate_limit(25, 1.0)
        self.client_emails: dict[int, Any] = {}
        """a client's e-mail address, by client id (served as given, so a test may set a malformed one)"""

    def oauth_params(self, request: httpx.Request) -> dict[str, str]:
        if "json" in request.headers.get("content-type", ""):
            self.violation("token request sent as JSON; OAuth token requests are form posts")
            return {}
        return super().oauth_params(request)

    def error_body(self, status: int, message: str) -> Any:
        return {"errors": [{"description": message, "source": None}]}

    def validation_error(self) -> Reply:
        return Reply(422, {"errors": [{"description": "can't be blank", "source": "description"}]})

    def _render(self, e: dict[str, Any]) -> dict[str, Any]:
        return {
            "id": e["id"],
            "activity_name": e.get("activity") or "Time entry",
            "description": e["note"],
            "billable": e["billable"],
            "entry_date": e["date"],
            "hours": float(e["hours"]),
            "rate": float(e["rate"]) if e.get("rate") is not None else None,
            "case": {"id": e["matter_id"]},
            "staff": {"id": e["user_id"]},
            "billed": e["billed"],
            "updated_at": _iso(e["updated_at"]) + f"#{e['version']}",
        }

    def _list(self, request: httpx.Request, items: list[dict[str, Any]]) -> Reply:
        unknown = sorted(set(request.url.params) - LIST_PARAMS)
        if unknown:
            self.violation(f"GET {request.url.path} with undocumented parameters {unknown} (ignored)")
        size = min(int(request.url.params.get("page_size", 100)), 1000)
        offset = int(request.url.params.get("page_token") or 0)
        chunk, following = page_slice(items, offset, size)
        headers = {}
        if following is not None:
            params = {k: v for k, v in request.url.params.items() if k != "page_token"}
            params["page_token"] = str(following)
            url = (
                f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.path}?{urlencode(params)}"
            )
            headers["Link"] = f'<{url}>; rel="next"'
        return Reply(200, chunk, headers)

    def route(self, request: httpx.Request) -> Reply:
        path, method, q = request.url.path.removeprefix(API), request.method, request.url.params
        if path == "/me" and method == "GET":
            first, last = self.user["name"].split(" ", 1)
            return Reply(
                200,
                {
                    "id": self.user["id"],
                    "first_name": first,
                    "last_name": last,
                    "email": self.user["email"],
                    "default_hourly_rate": float(self.user["rate"]),
                },
            )
        if path == "/clients" and method == "GET":
            return self._list(
                request,
                [
                    {"id": k, "first_name": v, "last_name": "", "email": self.client_emails.get(k)}
                    for k, v in sorted(self.clients.items())
                ],
            )
        if path == "/payments" and method == "GET":
            rows = self.payments_since(q.get("filter[updated_after]"))
            return self._list(
                request,
                [
                    {
                        "id": p["id"],
                        "payment_date": p["date"],
                        "amount": float(p["amount"]),
                        "payment_method": p["method"],
                        "reference": p["reference"],
                        "status": "void" if p["voided"] else "cleared",
                        "client": {"id": p["client_id"]},
                        "case": {"id": p["matter"]["id"], "case_number": p["matter"]["number"]}
                        if p["matter"]
                        else None,
                        "invoice": {"invoice_number": p["bill"]} if p["bill"] else None,
                        "updated_at": _iso(p["updated_at"]),
                    }
                    for p in rows
                ],
            )
        if path == "/cases" and method == "GET":
            since = q.get("filter[updated_after]")
            cases = [
                {
                    "id": m["id"],
                    "case_number": m["number"],
                    "name": m["description"],
                    "status": m["status"],
                    "billing_type": m["billing_method"],
                    "billing_rate": float(m["rate"]) if m["rate"] is not None else None,
                    "clients": [{"id": m["client_id"]}],
                    "practice_area": m.get("practice_area"),
                    "updated_at": _iso(m["updated_at"]),
                }
                for m in self.matters
                if not since or m["updated_at"] >= datetime.fromisoformat(since).timestamp()
            ]
            return self._list(request, cases)
        if path == "/time_entries" and method == "GET":
            return self._list(request, [self._render(e) for e in self._select(q)])
        if path == "/time_entries" and method == "POST":
            body = json.loads(request.content)
            problem = self._invalid(body)
            if problem:
                return Reply(422, {"errors": [problem]})
            return Reply(201, self._render(self.new_entry(**self._fields_from(body))))
        found = re.fullmatch(r"/time_entries/(\d+)", path)
        if found:
            entry = self.entries.get(int(found.group(1)))
            if entry is None:
                return Reply(404, self.error_body(404, "Time entry not found"))
            if method == "GET":
                return Reply(200, self._render(entry))
            if method == "DELETE":
                del self.entries[entry["id"]]
                return Reply(204)
            if method == "PUT":
                body = json.loads(request.content)
                problem = self._invalid(body)
                if problem:
                    return Reply(422, {"errors": [problem]})
                entry.update(self._fields_from(body))
                self._touch(entry)
                return Reply(200, self._render(entry))
        return Reply(404, self.error_body(404, f"no route {method} {path}"))

    def _select(self, q: httpx.QueryParams) -> list[dict[str, Any]]:
        since = q.get("filter[updated_after]")
        cut = datetime.fromisoformat(since).timestamp() if since else None
        return sorted(
            (e for e in self.entries.values() if cut is None or e["updated_at"] >= cut), key=lambda e: e["id"]
        )

    def _invalid(self, body: dict[str, Any]) -> dict[str, Any] | None:
        for name in ("description", "entry_date", "hours", "case", "staff", "activity_name", "rate"):
            if body.get(name) in (None, ""):
                return {"description": "can't be blank", "source": name}
        if all(m["id"] != body["case"].get("id") for m in self.matters):
            return {"description": "does not exist", "source": "case"}
        return None

    def _fields_from(self, body: dict[str, Any]) -> dict[str, Any]:
        return {
            "date": body["entry_date"],
            "hours": Decimal(str(body["hours"])).normalize(),
            "note": body["description"],
            "matter_id": body["case"]["id"],
            "user_id": body["staff"]["id"],
            "billable": bool(body.get("billable", True)),
            "activity": body.get("activity_name"),
            "rate": Decimal(str(body["rate"])) if body.get("rate") is not None else None,
        }
