"""The review web app: an ASGI factory over a Workday, for 127.0.0.1 only.

Security, in the order a request meets it (see Guard): the Host must be ours (no DNS rebinding); the
per-launch secret must arrive once as ?token= (it becomes an HttpOnly cookie) or as that cookie; a change
(POST) must come from our own origin and carry the CSRF token. Pages ship with a strict CSP and no network
assets: everything is in this package.
"""

from __future__ import annotations

import hashlib
import hmac
import time as clock
from collections.abc import Awaitable, Callable, Iterable, MutableMapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation
from http.cookies import SimpleCookie
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, urlencode

import jinja2
from markupsafe import escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ledgerwatch.domain import EntryKind, EntryStatus, TimeEntry

if TYPE_CHECKING:
    from ledgerwatch.workday import CaptureControl, DayView, Outcome, WeekView, Workday

HERE = Path(__file__).resolve().parent
PALETTE = 10
"""matter colours m0..m9 in app.css"""
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


def csrf_for(token: str) -> str:
    """The CSRF token that goes with a session token (derived, so nothing else is stored)."""
    return hmac.new(token.encode(), b"ledgerwatch-csrf", hashlib.sha256).hexdigest()


def cookie_name(port: int | None) -> str:
    return f"lw_session_{port or 0}"


def _host_name(host: str) -> str:
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


class Guard:
    """ASGI middleware: Host allow-list, session token, same-origin changes."""

    def __init__(self, app: ASGIApp, token: str, allowed_hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token
        self.allowed = frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        host = headers.get("host", "")
        if _host_name(host).lower() not in self.allowed:
            await _deny(scope, receive, send, "This page is only served to this computer (unknown host).")
            return
        port = scope.get("server", (None, None))[1]
        name = cookie_name(port)
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        offered = query.get("token")
        if offered is not None:
            if not hmac.compare_digest(offered, self.token):
                await _deny(scope, receive, send, "This link has expired. Open review from the tray again.")
                return
            rest = urlencode({k: v for k, v in query.items() if k != "token"})
            target = scope.get("path", "/") + (f"?{rest}" if rest else "")
            response = RedirectResponse(target, status_code=303)
            response.set_cookie(name, self.token, httponly=True, samesite="strict", path="/")
            await response(scope, receive, send)
            return
        cookies = SimpleCookie()
        cookies.load(headers.get("cookie", ""))
        held = cookies[name].value if name in cookies else ""
        if not held or not hmac.compare_digest(held, self.token):
            await _deny(scope, receive, send, "Open review from the tray icon or with `ledgerwatch review`.")
            return
        if scope["method"] in UNSAFE:
            origin = headers.get("origin")
            fetch_site = headers.get("sec-fetch-site")
            if origin is not None and origin != f"http://{host}":
                await _deny(scope, receive, send, "Changes are accepted only from this page (cross-origin).")
                return
            if fetch_site is not None and fetch_site not in {"same-origin", "none"}:
                await _deny(scope, receive, send, "Changes are accepted only from this page (cross-site).")
                return
        await self.app(scope, receive, send)


async def _deny(scope: Scope, receive: Receive, send: Send, why: str) -> None:
    page = (
        "<!doctype html><meta charset=utf-8><title>ledgerwatch</title>"
        f"<h1>Not allowed</h1><p>{escape(why)}</p>"
    )
    await HTMLResponse(page, status_code=403, headers=SECURITY_HEADERS)(scope, receive, send)


SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


# --- presentation helpers (Jinja filters) ---


def hm(seconds: int | float) -> str:
    """Seconds as h:mm."""
    minutes = round(seconds / 60)
    return f"{minutes // 60}:{minutes % 60:02d}"


def hours_text(value: Decimal) -> str:
    return f"{value:.1f}" if value == value.quantize(Decimal("0.1")) else f"{value.normalize()}"


def matter_class(number: str | None, order: dict[str, int]) -> str:
    if number is None:
        return "unassigned"
    return f"m{order.get(number, 0) % PALETTE}"


def timeline(view: DayView, order: dict[str, int], width: int = 1200) -> dict[str, Any]:
    """SVG geometry for the day: one bar per segment, hour ticks, in viewBox units."""
    lo, hi = view.window
    span = max((hi - lo).total_seconds(), 1.0)

    def x(moment: datetime) -> float:
        return round((moment - lo).total_seconds() / span * width, 2)

    bars = []
    for g in view.segments:
        css = matter_class(g.matter, order) if g.shade == "matter" else g.shade
        bars.append(
            {
                "x": x(g.start),
                "w": max(round(x(g.end) - x(g.start), 2), 0.8),
                "css": css,
                "entry": g.entry_id or "",
                "away": g.shade == "away",
                "start": g.start.astimezone(view.zone).strftime("%H:%M"),
                "end": g.end.astimezone(view.zone).strftime("%H:%M"),
                "label": g.label,
                "minutes": g.seconds // 60,
            }
        )
    ticks = []
    moment = lo
    while moment <= hi:
        ticks.append({"x": x(moment), "label": moment.astimezone(view.zone).strftime("%H:%M")})
        moment += timedelta(hours=1)
    return {"bars": bars, "ticks": ticks, "width": width}


def week_chart(view: WeekView, width: int = 700, height: int = 220) -> dict[str, Any]:
    """SVG geometry for captured versus approved hours per day."""
    top = max([Decimal(8), *view.captured, *view.approved])
    scale = Decimal(height - 40) / top
    slot = width / 7
    groups = []
    for i, d in enumerate(view.days):
        cap = float(view.captured[i] * scale)
        app = float(view.approved[i] * scale)
        base = height - 24
        groups.append(
            {
                "label": d.strftime("%a %d"),
                "x": round(i * slot + slot * 0.18, 1),
                "w": round(slot * 0.3, 1),
                "cap_y": round(base - cap, 1),
                "cap_h": round(cap, 1),
                "app_y": round(base - app, 1),
                "app_h": round(app, 1),
                "cap": view.captured[i],
                "app": view.approved[i],
                "text_x": round(i * slot + slot / 2, 1),
            }
        )
    gridlines = []
    step = 2 if top <= 12 else 4
    h = 0
    while h <= top:
        gridlines.append({"y": round(height - 24 - float(Decimal(h) * scale), 1), "label": f"{h} h"})
        h += step
    return {"groups": groups, "width": width, "height": height, "base": height - 24, "grid": gridlines}


AGING_BUCKETS = ("current", "1-30", "31-60", "61-90", "90+")


def aging_chart(totals: Sequence[Decimal], width: int = 640, height: int = 240) -> dict[str, Any]:
    """SVG geometry for the open balance in each aging bucket (current ... 90+ days past due)."""
    top = max([Decimal(1), *totals])
    base = height - 28
    scale = Decimal(base - 24) / top
    slot = (width - 20) / len(AGING_BUCKETS)
    bars = []
    for i, (label, amount) in enumerate(zip(AGING_BUCKETS, totals, strict=True)):
        h = float(amount * scale)
        bars.append(
            {
                "label": label,
                "amount": amount,
                "x": round(20 + i * slot + slot * 0.2, 1),
                "w": round(slot * 0.6, 1),
                "y": round(base - h, 1),
                "h": round(h, 1),
                "text_x": round(20 + i * slot + slot / 2, 1),
                "cls": f"age{i}",
            }
        )
    return {"bars": bars, "width": width, "height": height, "base": base}


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(HERE / "templates"),
        autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["hm"] = hm
    env.filters["hours"] = hours_text
    env.filters["money"] = lambda v: f"{v:,.2f}"
    return env


# --- the app ---


@dataclass(frozen=True)
class AgentControls:
    """The running agent's switches, when `ledgerwatch run` serves the page: the same as the tray menu's.

    Where the tray has no menu (a headless agent, or a Linux desktop without AppIndicator support), the
    page header is where capture is paused, made private or resumed.
    """

    capture: CaptureControl
    sync_now: Callable[[], object] | None = None


class ReviewApp:
    """Routes over a Workday; every change returns JSON (fetch) or a redirect back to the page (forms)."""

    def __init__(self, workday: Workday, token: str, agent: AgentControls | None = None) -> None:
        self.workday = workday
        self.csrf = csrf_for(token)
        self.env = _environment()
        self.agent = agent

    def render(self, name: str, **context: Any) -> HTMLResponse:
        started = clock.perf_counter()
        agent = None
        if self.agent is not None:
            agent = {"status": self.agent.capture.status(), "can_sync": self.agent.sync_now is not None}
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
        rows = [_entry_row(e, view, order) for e in view.entries]
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
        billing_for = getattr(self.workday.services, "billing", None)
        if billing_for is None:
            return HTMLResponse("billing is not available here", status_code=404, headers=SECURITY_HEADERS)
        as_of = _parse_day(request.query_params.get("as_of", "")) or self.workday.today()
        billing = billing_for()
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
            from ledgerwatch.workday import Outcome

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
        from ledgerwatch.workday import Outcome

        return Outcome(False, f"unknown action {op!r}")

    def _agent_action(self, op: str, form: dict[str, str]) -> Outcome:
        from ledgerwatch.workday import Outcome

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


def _entry_row(entry: TimeEntry, view: DayView, order: dict[str, int]) -> dict[str, Any]:
    from ledgerwatch.workday import rounding_text

    zone = view.zone
    matter = view.matters.get(entry.matter or "")
    policy = view.policy_for(entry.matter)
    first = entry.spans[0].start if entry.spans else None
    last = entry.spans[-1].end if entry.spans else None
    kind = entry.kind
    if kind is EntryKind.BILLABLE and entry.matter is None:
        kind = EntryKind.UNASSIGNED
    return {
        "e": entry,
        "start": first.astimezone(zone).strftime("%H:%M") if first else "",
        "end": last.astimezone(zone).strftime("%H:%M") if last else "",
        "mid": (first + (last - first) / 2).astimezone(zone).strftime("%H:%M") if first and last else "",
        "matter_css": matter_class(entry.matter, order) if kind is EntryKind.BILLABLE else kind.value,
        "matter_label": entry.matter
        or {"personal": "Personal", "nonbillable": "Firm administration"}.get(kind.value, "Unassigned"),
        "client": matter.client.name if matter else "",
        "matter_description": matter.description if matter else "",
        "kind": kind.value,
        "draft": entry.status is EntryStatus.DRAFT,
        "rounding": rounding_text(policy),
        "rounded": policy.bill(entry.worked_seconds),
        "written_down": entry.billable and entry.billed_hours < policy.bill(entry.worked_seconds),
        "confidence_pct": int((entry.confidence * 100).to_integral_value()),
        "low": entry.confidence < view.min_confidence,
        "spans": [f"{s.start.astimezone(zone):%H:%M}–{s.end.astimezone(zone):%H:%M}" for s in entry.spans],
        "evidence": sorted(entry.evidence, key=lambda ev: -ev.seconds)[:8],
        "more_evidence": max(len(entry.evidence) - 8, 0),
    }


def create_app(
    workday: Workday,
    token: str,
    allowed_hosts: Iterable[str] = ("127.0.0.1", "localhost"),
    agent: AgentControls | None = None,
) -> ASGIApp:
    """The review app for one launch: token is the per-launch secret, allowed_hosts the Host names served,
    agent the running agent's switches (capture, sync) when there is one."""
    if len(token) < 16:
        raise ValueError("the session token must be at least 16 characters")
    review = ReviewApp(workday, token, agent)
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
