"""A stateful Clio API v4 fake that checks every request and response against Clio's OpenAPI document.

Beyond the document it holds Clio to what its documentation says around it: every request must name the API
minor version (X-API-VERSION, the one the connector pins; an unknown version is 410 Gone, as Clio answers),
every answer carries it back, and deauthorization takes the access token as the Bearer credential.
"""

from __future__ import annotations

import functools
import json
import re
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlencode

import httpx
from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.responses.exceptions import ResponseNotFound
from werkzeug.datastructures import Headers, ImmutableMultiDict

from ledgerwatch.sync.settings import ProviderSettings, provider_settings
from tests.fakes.base import FakeProvider, Reply, page_slice

SPEC = Path(__file__).resolve().parents[1] / "data" / "contracts" / "clio-openapi.json"
VERSIONS = ("4.0.4", "4.0.5", "4.0.6", "4.0.7", "4.0.8", "4.0.9", "4.0.10")
"""the minor versions Clio's document describes"""
API = "/api/v4"
SPEC_HOST = "https://app.clio.com"
CONTENT_TYPE = "application/json; charset=utf-8"


class ContractViolation(AssertionError):
    """A request or response that Clio's OpenAPI document does not allow."""


@functools.cache
def openapi() -> OpenAPI:
    """Clio's OpenAPI document, loaded and parsed once per process.

    The published document repeats a tag name ('Expense Categories'), which strict spec validation rejects;
    the paths and schemas are sound, so the document-level check is skipped (requests and responses are not).
    """
    return OpenAPI.from_dict(json.loads(SPEC.read_text()), config=Config(spec_validator_cls=None))


class _Req:
    def __init__(self, request: httpx.Request) -> None:
        query = parse_qs(request.url.query.decode(), keep_blank_values=True)
        self.parameters = RequestParameters(
            query=ImmutableMultiDict([(k, v) for k, vs in query.items() for v in vs]),
            header=Headers(list(request.headers.items())),
            cookie=ImmutableMultiDict(),
        )
        self.host_url = SPEC_HOST
        self.path = request.url.path
        self.method = request.method.lower()
        self.body = request.content or None
        self.content_type = request.headers.get("content-type", "application/json")


class _Resp:
    def __init__(self, response: httpx.Response) -> None:
        self.status_code = response.status_code
        self.headers = Headers(list(response.headers.items()))
        self.content_type = response.headers.get("content-type", "")
        self.data = response.content or None


def _is_error(response: httpx.Response) -> bool:
    body = response.json()
    detail = body.get("error") if isinstance(body, dict) else None
    return (
        isinstance(detail, dict)
        and isinstance(detail.get("type"), str)
        and isinstance(detail.get("message"), str)
    )


def _iso(ts: float) -> str:
    return datetime.fromtimestamp(ts, UTC).isoformat()


def _fields(request: httpx.Request) -> set[str]:
    raw = request.url.params.get("fields", "")
    return {part.split("{")[0] for part in re.split(r",(?![^{]*\})", raw) if part}


class FakeClio(FakeProvider):
    name = "clio"
    rotate_refresh_tokens = False
    access_lifetime = 30 * 24 * 3600
    content_type = CONTENT_TYPE

    revoke_needs_bearer = True

    def __init__(self, *args: Any, validate: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.validate = validate
        self.client_emails: dict[int, str] = {}
        """a client's primary e-mail address, by client id"""
        self.versions: list[str] = []
        """the X-API-VERSION of every API request"""
        self.utbms = [
            {"id": 3103, "code": "A103", "name": "Draft/revise", "type": "UtbmsActivity"},
            {"id": 3106, "code": "A106", "name": "Communicate (with client)", "type": "UtbmsActivity"},
            {"id": 4110, "code": "L110", "name": "Fact Investigation/Development", "type": "UtbmsTask"},
            {"id": 4120, "code": "L120", "name": "Analysis/Strategy", "type": "UtbmsTask"},
            {"id": 4210, "code": "L210", "name": "Pleadings", "type": "UtbmsTask"},
        ]
        self.codes = [
            {"id": 901, "name": "A103 Draft/revise"},
            {"id": 902, "name": "Client call", "utbms_activity": {"id": 3106, "code": "A106"}},
            {"id": 903, "name": "Research"},
        ]

    def settings(self, base_url: str, **overrides: Any) -> ProviderSettings:
        return provider_settings(
            "clio",
            api_base=f"{base_url}{API}",
            token_url=f"{base_url}/oauth/token",
            revoke_url=f"{base_url}/oauth/deauthorize",
            authorize_url=f"{base_url}/oauth/authorize",
            **overrides,
        )

    # --- contract checks ---

    def check_request(self, request: httpx.Request) -> None:
        version = request.headers.get("x-api-version")
        self.versions.append(version or "")
        if version is None:
            self.violation(
                f"{request.method} {request.url.path} without X-API-VERSION (Clio's default version moves)"
            )
        if not self.validate:
            return
        try:
            openapi().validate_request(_Req(request))
        except Exception as exc:
            self.violations.append(f"request {request.method} {request.url}: {exc}")
            raise ContractViolation(self.violations[-1]) from exc

    def check_response(self, request: httpx.Request, response: httpx.Response) -> None:
        if not self.validate or self.is_oauth(request):
            return
        try:
            openapi().validate_response(_Req(request), _Resp(response))
        except ResponseNotFound:
            # Statuses Clio sends on any route without declaring them per operation (401, 404, 429, 5xx):
            # the body must still be the document's Error object.
            if response.status_code < 400 or not _is_error(response):
                self.violations.append(
                    f"undeclared {response.status_code} to {request.method} {request.url.path}"
                )
                raise ContractViolation(self.violations[-1]) from None
        except Exception as exc:
            self.violations.append(
                f"response {response.status_code} to {request.method} {request.url.path}: {exc}"
            )
            raise ContractViolation(self.violations[-1]) from exc

    def error_body(self, status: int, message: str) -> Any:
        kinds = {
            401: "Unauthorized",
            404: "NotFound",
            412: "PreconditionFailed",
            422: "UnprocessableEntity",
            429: "RateLimited",
            500: "InternalServerError",
        }
        return {"error": {"type": kinds.get(status, "Error"), "message": message}}

    def validation_error(self) -> Reply:
        return Reply(422, self.error_body(422, "Note can't be blank"))

    def to_response(self, request: httpx.Request, reply: Reply) -> httpx.Response:
        if not self.is_oauth(request) and reply.status < 400:
            reply.headers.setdefault("X-API-VERSION", request.headers.get("x-api-version") or VERSIONS[-2])
        return super().to_response(request, reply)

    # --- rendering ---

    def _activity(self, e: dict[str, Any], fields: set[str]) -> dict[str, Any]:
        full = {
            "id": e["id"],
            "etag": f'"{e["version"]}"',
            "type": "TimeEntry",
            "date": e["date"],
            "quantity": float(e["hours"] * 3600),
            "note": e["note"],
            "billed": e["billed"],
            "non_billable": not e["billable"],
            "matter": {"id": e["matter_id"]},
            "user": {"id": e["user_id"]},
            "updated_at": _iso(e["updated_at"]),
            "created_at": _iso(e["created_at"]),
        }
        described = e.get("activity_description") or {}
        if described:
            full["activity_description"] = {k: v for k, v in described.items() if v is not None}
        keep = fields or {"id", "etag"}
        return {k: v for k, v in full.items() if k in keep}

    def _matter(self, m: dict[str, Any], fields: set[str]) -> dict[str, Any]:
        full: dict[str, Any] = {
            "id": m["id"],
            "etag": f'"{int(m["updated_at"])}"',
            "display_number": m["number"],
            "description": m["description"],
            "status": m["status"].capitalize(),
            "billing_method": m["billing_method"],
            "client": {"id": m["client_id"], "name": self.client_name(m["client_id"])},
            "updated_at": _iso(m["updated_at"]),
        }
        # what a firm may hold on a matter beyond the basics (Clio's Matter, Contact_base, PracticeArea_base,
        # User_base and CustomFieldValue_base schemas): set on the matter's dict by a test
        email = self.client_emails.get(m["client_id"])
        if email is not None:
            full["client"]["primary_email_address"] = email
        for key in ("client_reference", "practice_area", "responsible_attorney", "custom_field_values"):
            if key in m:
                full[key] = m[key]
        if m["rate"] is not None:
            full["custom_rate"] = {
                "type": "HourlyRate",
                "rates": [{"rate": float(m["rate"]), "user": {"id": self.user["id"]}}],
            }
        keep = fields or {"id", "etag"}
        return {k: v for k, v in full.items() if k in keep}

    def _allocation(self, p: dict[str, Any], fields: set[str]) -> dict[str, Any]:
        """A payment as one Clio Allocation of a Payment to a bill (or to the matter, on account)."""
        full: dict[str, Any] = {
            "id": p["id"],
            "etag": f'"{int(p["updated_at"])}"',
            "date": p["date"],
            "amount": float(p["amount"]),
            "payment_type": p["method"],
            "contact": {"id": p["client_id"], "name": self.client_name(p["client_id"])},
            "parent": {"id": p["id"] + 50000, "type": "Payment"},
            "updated_at": _iso(p["updated_at"]),
        }
        if p["voided"]:
            full["voided_at"] = _iso(p["updated_at"])
        if p["bill"] is not None:
            full["bill"] = {"id": p["id"] + 90000, "number": p["bill"]}
        if p["matter"] is not None:
            full["matter"] = {"id": p["matter"]["id"], "display_number": p["matter"]["number"]}
        keep = fields or {"id", "etag"}
        return {k: v for k, v in full.items() if k in keep}

    def _list(self, request: httpx.Request, items: list[dict[str, Any]]) -> Reply:
        limit = min(int(request.url.params.get("limit", 200)), 200)
        offset = int(request.url.params.get("page_token") or 0)
        chunk, following = page_slice(items, offset, limit)
        meta: dict[str, Any] = {"records": len(items), "paging": {}}
        if following is not None:
            params = {k: v for k, v in request.url.params.items() if k != "page_token"}
            params["page_token"] = str(following)
            meta["paging"]["next"] = (
                f"{request.url.scheme}://{request.url.netloc.decode()}{request.url.path}?{urlencode(params)}"
            )
        return Reply(200, {"data": chunk, "meta": meta})

    # --- routes ---

    def route(self, request: httpx.Request) -> Reply:
        path, method, fields = request.url.path.removeprefix(API), request.method, _fields(request)
        q = request.url.params
        version = request.headers.get("x-api-version")
        if version is not None and version not in VERSIONS:
            return Reply(410, self.error_body(410, f"API version {version} is not supported"))
        if path == "/users/who_am_i.json" and method == "GET":
            user = {k: v for k, v in self.user.items() if k in (fields or {"id"})}
            return Reply(200, {"data": user})
        if path == "/matters.json" and method == "GET":
            since = q.get("updated_since")
            matters = [
                self._matter(m, fields)
                for m in self.matters
                if not since or m["updated_at"] >= datetime.fromisoformat(since).timestamp()
            ]
            return self._list(request, matters)
        if path == "/activity_descriptions.json" and method == "GET":
            return self._list(
                request, [{k: v for k, v in c.items() if k in (fields or {"id"})} for c in self.codes]
            )
        if path == "/utbms/codes.json" and method == "GET":
            wanted = [c for c in self.utbms if not q.get("type") or c["type"] == q["type"]]
            return self._list(
                request, [{k: v for k, v in c.items() if k in (fields or {"id"})} for c in wanted]
            )
        if path == "/activities.json" and method == "GET":
            return self._list(request, [self._activity(e, fields) for e in self._select(q)])
        if path == "/allocations.json" and method == "GET":
            rows = self.payments_since(q.get("updated_since"))
            if q.get("status") == "valid":
                rows = [p for p in rows if not p["voided"]]
            return self._list(request, [self._allocation(p, fields) for p in rows])
        if path == "/activities.json" and method == "POST":
            data = json.loads(request.content)["data"]
            problem = self._invalid(data)
            if problem:
                return Reply(422, self.error_body(422, problem))
            entry = self.new_entry(**self._fields_from(data))
            return Reply(201, {"data": self._activity(entry, fields)})
        found = re.fullmatch(r"/activities/(\d+)\.json", path)
        if found:
            entry = self.entries.get(int(found.group(1)))
            if entry is None:
                return Reply(404, self.error_body(404, "Activity not found"))
            if method == "GET":
                return Reply(200, {"data": self._activity(entry, fields)})
            if method == "DELETE":
                del self.entries[entry["id"]]
                return Reply(204)
            if method == "PATCH":
                match = request.headers.get("if-match")
                if match is not None and match != f'"{entry["version"]}"':
                    return Reply(412, self.error_body(412, "The resource has been modified"))
                if entry["billed"]:
                    return Reply(422, self.error_body(422, "Billed activities cannot be edited"))
                data = json.loads(request.content)["data"]
                problem = self._invalid(data)
                if problem:
                    return Reply(422, self.error_body(422, problem))
                entry.update(self._fields_from(data))
                self._touch(entry)
                return Reply(200, {"data": self._activity(entry, fields)})
        return Reply(404, self.error_body(404, f"no route {method} {path}"))

    def _select(self, q: httpx.QueryParams) -> list[dict[str, Any]]:
        out = []
        start = q.get("start_date")
        end = q.get("end_date")
        for e in self.entries.values():
            if q.get("matter_id") and e["matter_id"] != int(q["matter_id"]):
                continue
            if q.get("user_id") and e["user_id"] != int(q["user_id"]):
                continue
            if start and e["date"] < datetime.fromisoformat(start).date().isoformat():
                continue
            if end and e["date"] > datetime.fromisoformat(end).date().isoformat():
                continue
            if q.get("status") == "billed" and not e["billed"]:
                continue
            if (
                q.get("created_since")
                and e["created_at"] < datetime.fromisoformat(q["created_since"]).timestamp()
            ):
                continue
            if (
                q.get("updated_since")
                and e["updated_at"] < datetime.fromisoformat(q["updated_since"]).timestamp()
            ):
                continue
            out.append(e)
        return sorted(out, key=lambda e: e["id"])

    def _invalid(self, data: dict[str, Any]) -> str | None:
        matter_id = (data.get("matter") or {}).get("id")
        if matter_id is not None and all(m["id"] != matter_id for m in self.matters):
            return "Matter must exist"
        described = data.get("activity_description") or {}
        known = {c["id"]: c["type"] for c in self.utbms}
        if "utbms_activity_id" in described and known.get(described["utbms_activity_id"]) != "UtbmsActivity":
            return "Utbms activity must exist"
        if "utbms_task_id" in described and known.get(described["utbms_task_id"]) != "UtbmsTask":
            return "Utbms task must exist"
        if "id" in described and all(c["id"] != described["id"] for c in self.codes):
            return "Activity description must exist"
        if data.get("quantity") is not None and data["quantity"] < 0:
            return "Quantity must be positive"
        return None

    def _fields_from(self, data: dict[str, Any]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "date" in data:
            out["date"] = date.fromisoformat(data["date"]).isoformat()
        if "quantity" in data:
            out["hours"] = (Decimal(str(data["quantity"])) / 3600).normalize()
        if "note" in data:
            out["note"] = data["note"]
        if "matter" in data:
            out["matter_id"] = data["matter"]["id"]
        out["user_id"] = (data.get("user") or {}).get("id", self.user["id"])
        out["billable"] = not data.get("non_billable", False)
        if "activity_description" in data:
            described = data["activity_description"]
            out["activity_description"] = {
                "id": described.get("id")
                or (described["utbms_activity_id"] + 100000 if described.get("utbms_activity_id") else None),
                "utbms_activity_id": described.get("utbms_activity_id"),
                "utbms_task_id": described.get("utbms_task_id"),
            }
        return out

    def utbms_code(self, code_id: int | None) -> str | None:
        """The UTBMS code of an id (what an entry's activity_description ids stand for)."""
        return next((c["code"] for c in self.utbms if c["id"] == code_id), None)
