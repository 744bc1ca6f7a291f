"""The review web app: an ASGI factory over the attorney's day, for 127.0.0.1 only.

Every request first meets the Guard (review.guard): our Host, the per-launch token, our own origin for a
change; a change also carries the CSRF token. Pages ship with a strict CSP and no network assets:
everything is in this package. What the app reads and changes is handed in (review.ports).
"""

from __future__ import annotations

import hmac
import time as clock
from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ledgerwatch.domain import EntryKind
from ledgerwatch.review.guard import SECURITY_HEADERS, ASGIApp, Guard, csrf_for
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables
from ledgerwatch.review.presentation import (
    AGING_BUCKETS,
    HERE,
    aging_chart,
    entry_row,
    environment,
    timeline,
    week_chart,
)
from ledgerwatch.workday import Outcome


class ReviewApp:
    """Routes over the attorney's day; every change returns JSON (fetch) or a redirect back to the page (forms).

    agent is the running agent's switches and billing the A/R page's source, each None where there is none
    (`ledgerwatch review` alone captures nothing; without billing /ar is not found).
    """

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

    def render(self, name: str, **context: Any) -> HTMLResponse:
        started = clock.perf_counter()
        agent = None
        if self.agent is not None:
            agent = {
                "status": self.agent.capture.status(),
                "can_sync": self.agent.sync_now is not None,
                "notice": self.agent.notice() if self.agent.notice is not None else None,
            }
        body = self.env.get_template(name).render(csrf=self.csrf, agent=agent, **context)
        elapsed = (clock.perf_counter() - started) * 1000
        return HTMLResponse(body, headers={**SECURITY_HEADERS, "Server-Timing": f"render;dur={elapsed:.1f}"})

    def _order(self) -> dict[str, int]:
        return {m.number: i for i, m in enumerate(self.workday.matters())}

    async def home(self, request: Request) -> Response:
        return RedirectResponse(f"/day/{self.workday.today().isoformat()}", status_code=303)

    async def day(self, request: Request) -> Response:
        started = clock.perf_counter()
        day = _parse_day(request.path_params["day"])
        if day is None:
            return HTMLResponse("not a date", status_code=404, headers=SECURITY_HEADERS)
        view = self.workday.day(day)
        order = self._order()
        rows = [entry_row(e, view, order) for e in view.entries]
        response = self.render(
            "day.html",
            view=view,
            rows=rows,
            order=order,
            timeline=timeline(view, order),
            matters=[
                {"number": m.number, "client": m.client.name, "description": m.description, "open": m.is_open}
                for m in view.matters.values()
            ],
            away=[g for g in view.segments if g.shade == "away" and g.seconds >= 60],
            prev_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
            undo=self.workday.can_undo,
            restorable=self.workday.discarded(day) if view.discarded else [],
            message=request.query_params.get("msg", ""),
            threshold=view.min_confidence,
            zone=view.zone,
            back=f"/day/{day.isoformat()}",
        )
        total = (clock.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = response.headers["Server-Timing"] + f", total;dur={total:.1f}"
        return response

    async def week(self, request: Request) -> Response:
        day = _parse_day(request.path_params["day"])
        if day is None:
            return HTMLResponse("not a date", status_code=404, headers=SECURITY_HEADERS)
        view = self.workday.week(day)
        return self.render(
            "week.html",
            view=view,
            chart=week_chart(view),
            order=self._order(),
            day=day,
            prev_week=day - timedelta(days=7),
            next_week=day + timedelta(days=7),
            undo=self.workday.can_undo,
            back=f"/week/{day.isoformat()}",
        )

    async def settings(self, request: Request) -> Response:
        return self.render(
            "settings.html",
            rows=self.workday.setting_rows(),
            editable=self.workday.editable_settings(),
            message=request.query_params.get("msg", ""),
            day=self.workday.today(),
            undo=self.workday.can_undo,
            back="/settings",
        )

    async def receivables(self, request: Request) -> Response:
        """A/R aging by client, matter and attorney with DSO and a chart of the buckets."""
        if self.billing is None:
            return HTMLResponse("billing is not available here", status_code=404, headers=SECURITY_HEADERS)
        as_of = _parse_day(request.query_params.get("as_of", "")) or self.workday.today()
        billing = self.billing()
        reports = [billing.aging(as_of, by) for by in ("client", "matter", "attorney")]
        first = reports[0]
        return self.render(
            "ar.html",
            as_of=as_of,
            reports=reports,
            buckets=AGING_BUCKETS,
            totals=first.totals,
            outstanding=first.outstanding,
            dso=first.dso,
            period_days=first.period_days,
            past_due=sum(first.totals[1:], Decimal(0)),
            chart=aging_chart(first.totals),
            day=self.workday.today(),
            undo=self.workday.can_undo,
            back="/ar",
        )

    async def change_setting(self, request: Request) -> Response:
        form = await self._form(request)
        if form is None:
            return _forbidden()
        outcome = self.workday.change_setting(form.get("key", ""), form.get("value", ""))
        return self._answer(request, outcome, "/settings")

    async def action(self, request: Request) -> Response:
        form = await self._form(request)
        if form is None:
            return _forbidden()
        op = form.get("op", "")
        back = form.get("back", "/")
        if not back.startswith("/") or back.startswith("//"):
            back = "/"
        try:
            outcome = self._dispatch(op, form)
        except (ValueError, InvalidOperation, KeyError) as exc:
            outcome = Outcome(False, f"could not read the request: {exc}")
        return self._answer(request, outcome, back)

    def _dispatch(self, op: str, form: dict[str, str]) -> Outcome:
        w = self.workday
        entry = form.get("id", "")
        zone = w.zone
        if op == "approve":
            return w.approve(entry)
        if op == "approve_above":
            raw = form.get("confidence", "")
            return w.approve_above(date.fromisoformat(form["day"]), Decimal(raw) if raw else None)
        if op == "edit":
            return w.edit(
                entry,
                description=form.get("description"),
                worked_minutes=_minutes(form.get("worked", "")),
                billed_hours=Decimal(form["billed"]) if form.get("billed", "").strip() else None,
                activity_code=form.get("activity_code"),
                task_code=form.get("task_code"),
            )
        if op == "reassign":
            return w.reassign(entry, form.get("matter", "").strip())
        if op == "split":
            day = date.fromisoformat(form["day"])
            return w.split(entry, _local_moment(day, form["at"], zone))
        if op == "merge":
            return w.merge([i for i in form.get("ids", "").split(",") if i])
        if op == "kind":
            return w.set_kind(entry, EntryKind(form["kind"]))
        if op == "discard":
            return w.discard(entry)
        if op == "undo":
            return w.undo()
        if op == "reopen":
            return w.reopen(entry)
        if op in ("pause", "resume", "private", "sync"):
            return self._agent_action(op, form)
        if op == "reclaim":
            day = date.fromisoformat(form["day"])
            return w.reclaim(
                day,
                _local_moment(day, form["start"], zone),
                _local_moment(day, form["end"], zone),
                form.get("matter", "").strip(),
                form.get("note", ""),
            )
        return Outcome(False, f"unknown action {op!r}")

    def _agent_action(self, op: str, form: dict[str, str]) -> Outcome:
        if self.agent is None:
            return Outcome(False, "capture is not running here: start it with `ledgerwatch run`")
        capture = self.agent.capture
        if op == "pause":
            raw = form.get("minutes", "").strip()
            if raw:
                minutes = int(raw)
                if not 1 <= minutes <= 24 * 60:
                    return Outcome(False, "pause for 1 minute to 24 hours, or until resumed")
                capture.pause(self.workday.now() + timedelta(minutes=minutes))
                return Outcome(True, f"capture paused for {minutes} min")
            capture.pause(None)
            return Outcome(True, "capture paused until you resume it")
        if op == "resume":
            capture.set_private(False)
            capture.resume()
            return Outcome(True, "capture resumed")
        if op == "private":
            on = form.get("on", "1") == "1"
            capture.set_private(on)
            return Outcome(True, "private mode: nothing is recorded" if on else "private mode ended")
        if self.agent.sync_now is None:
            return Outcome(False, "no practice-management system is connected")
        self.agent.sync_now()
        return Outcome(True, "sync started")

    async def _form(self, request: Request) -> dict[str, str] | None:
        """The posted fields, or None when the CSRF token is missing or wrong."""
        form = await request.form()
        fields = {k: v for k, v in form.items() if isinstance(v, str)}
        offered = request.headers.get("x-csrf-token") or fields.get("csrf", "")
        if not offered or not hmac.compare_digest(offered, self.csrf):
            return None
        return fields

    def _answer(self, request: Request, outcome: Outcome, back: str) -> Response:
        payload = {"ok": outcome.ok, "message": outcome.message, "ids": list(outcome.entry_ids)}
        status = 200 if outcome.ok else 422
        if "application/json" in request.headers.get("accept", ""):
            return JSONResponse(payload, status_code=status, headers=SECURITY_HEADERS)
        sep = "&" if "?" in back else "?"
        return RedirectResponse(f"{back}{sep}{urlencode({'msg': outcome.message})}", status_code=303)


def _forbidden() -> Response:
    return JSONResponse(
        {"ok": False, "message": "missing or wrong CSRF token"}, status_code=403, headers=SECURITY_HEADERS
    )


def _parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def _minutes(text: str) -> int | None:
    """'1:25', '85' or '1.5h' as minutes; empty means unchanged."""
    text = text.strip().lower()
    if not text:
        return None
    if ":" in text:
        h, m = text.split(":", 1)
        return int(h) * 60 + int(m)
    if text.endswith("h"):
        return int(Decimal(text[:-1]) * 60)
    return int(text)


def _local_moment(day: date, hhmm: str, zone: tzinfo) -> datetime:
    """A local HH:MM on day as an aware UTC datetime."""
    return datetime.combine(day, time.fromisoformat(hhmm.strip()), zone).astimezone(UTC)


def create_app(
    workday: AttorneyDay,
    token: str,
    allowed_hosts: Iterable[str] = ("127.0.0.1", "localhost"),
    agent: AgentControls | None = None,
    billing: Callable[[], Receivables] | None = None,
) -> ASGIApp:
    """The review app for one launch: token is the per-launch secret, allowed_hosts the Host names served,
    agent the running agent's switches (capture, sync) when there is one, billing the A/R page's source."""
    if len(token) < 16:
        raise ValueError("the session token must be at least 16 characters")
    review = ReviewApp(workday, token, agent, billing)
    inner = Starlette(
        routes=[
            Route("/", review.home),
            Route("/day/{day}", review.day),
            Route("/week/{day}", review.week),
            Route("/settings", review.settings, methods=["GET"]),
            Route("/ar", review.receivables, methods=["GET"]),
            Route("/settings", review.change_setting, methods=["POST"]),
            Route("/action", review.action, methods=["POST"]),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ]
    )
    return Guard(inner, token, allowed_hosts)
