"""What every page of the review app shares: the handed-in services, templates, CSRF, how an action answers,
and the error pages (4xx for what the request got wrong, with the security headers)."""

from __future__ import annotations

import hmac
import time as clock
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ledgerwatch.review.guard import SECURITY_HEADERS, error_page
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables
from ledgerwatch.review.presentation import environment
from ledgerwatch.workday import Outcome


class Pages:
    """The services a page reads (handed in by runtime), and rendering with the Server-Timing header."""

    def __init__(
        self,
        workday: AttorneyDay,
        csrf: str,
        agent: AgentControls | None = None,
        billing: Callable[[], Receivables] | None = None,
    ) -> None:
        self.workday = workday
        self.csrf = csrf
        self.env = environment()
        self.agent = agent
        self.billing = billing

    def render(self, name: str, *, day: date | None = None, **context: Any) -> HTMLResponse:
        """A page; day is the day its undo belongs to (None: a page without undo)."""
        started = clock.perf_counter()
        agent = None
        if self.agent is not None:
            agent = {
                "status": self.agent.capture.status(),
                "can_sync": self.agent.sync_now is not None,
                "notice": self.agent.notice() if self.agent.notice is not None else None,
            }
        undo = self.workday.undo_label(day) if day is not None else None
        context.setdefault("current", day)
        body = self.env.get_template(name).render(
            csrf=self.csrf,
            agent=agent,
            undo=undo,
            undo_day=day,
            has_billing=self.billing is not None,
            **context,
        )
        elapsed = (clock.perf_counter() - started) * 1000
        return HTMLResponse(body, headers={**SECURITY_HEADERS, "Server-Timing": f"render;dur={elapsed:.1f}"})

    def order(self) -> dict[str, int]:
        return {m.number: i for i, m in enumerate(self.workday.matters())}

    async def form(self, request: Request) -> dict[str, str] | None:
        """The posted fields, or None when the CSRF token is missing or wrong."""
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        offered = request.headers.get("x-csrf-token") or fields.get("csrf", "")
        if not offered or not hmac.compare_digest(offered, self.csrf):
            return None
        return fields


def answer(request: Request, outcome: Outcome, back: str) -> Response:
    """JSON for fetch, else a redirect back to the page with the message."""
    payload = {"ok": outcome.ok, "message": outcome.message, "ids": list(outcome.entry_ids)}
    if "application/json" in request.headers.get("accept", ""):
        return JSONResponse(payload, status_code=200 if outcome.ok else 422, headers=SECURITY_HEADERS)
    sep = "&" if "?" in back else "?"
    return RedirectResponse(f"{back}{sep}{urlencode({'msg': outcome.message})}", status_code=303)


def forbidden() -> Response:
    return JSONResponse(
        {"ok": False, "message": "missing or wrong CSRF token"}, status_code=403, headers=SECURITY_HEADERS
    )


def not_found(text: str) -> Response:
    return error_page(404, "Not found", text)


FIRST_DAY, LAST_DAY = date(1970, 1, 1), date(2999, 12, 31)
"""the days the pages serve: a date outside is a bad request, not arithmetic at the calendar's edge"""


def parse_day(text: str) -> date | None:
    """A YYYY-MM-DD day between FIRST_DAY and LAST_DAY, else None."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_DAY <= day <= LAST_DAY and len(text) == 10 else None


def form_day(text: str) -> date:
    """A posted day, or ValueError (the action answers "could not read the request")."""
    day = parse_day(text)
    if day is None:
        raise ValueError(f"not a day between {FIRST_DAY} and {LAST_DAY}: {text[:20]!r}")
    return day


def bad_date(text: str) -> Response:
    return error_page(
        400, "Bad request", f"not a day between {FIRST_DAY} and {LAST_DAY} (YYYY-MM-DD): {text[:20]!r}"
    )


async def http_error(request: Request, exc: Exception) -> Response:
    """Starlette's errors (no route, wrong method) and anything unexpected, as our small pages."""
    if isinstance(exc, HTTPException):
        title = {404: "Not found", 405: "Method not allowed"}.get(exc.status_code, "Bad request")
        return error_page(exc.status_code, title, str(exc.detail))
    return error_page(500, "Something went wrong", "The page could not be made; nothing was changed.")
