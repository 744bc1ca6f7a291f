"""What every page of the review app shares: the handed-in services, templates, CSRF, and how an action answers."""

from __future__ import annotations

import hmac
import time as clock
from collections.abc import Callable
from datetime import date
from typing import Any
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from ledgerwatch.review.guard import SECURITY_HEADERS, csrf_for
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables
from ledgerwatch.review.presentation import environment
from ledgerwatch.workday import Outcome


class Pages:
    """The services a page reads (handed in by runtime), and rendering with the Server-Timing header."""

    def __init__(
        self,
        workday: AttorneyDay,
        token: str,
        agent: AgentControls | None = None,
        billing: Callable[[], Receivables] | None = None,
    ) -> None:
        self.workday = workday
        self.csrf = csrf_for(token)
        self.env = environment()
        self.agent = agent
        self.billing = billing

    def render(self, name: str, *, day: date | None = None, **context: Any) -> HTMLResponse:
        """A page; day is the day its undo belongs to (None: a page without undo)."""
        started = clock.perf_counter()
        agent = None
        if self.agent is not None:
            agent = {"status": self.agent.capture.status(), "can_sync": self.agent.sync_now is not None}
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
    return HTMLResponse(text, status_code=404, headers=SECURITY_HEADERS)


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
