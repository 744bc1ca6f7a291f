"""The day's pages: the compact list of drafts, a draft's evidence, and the raw activity ("find unbilled time")."""

from __future__ import annotations

import time as clock
from datetime import timedelta
from decimal import Decimal

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from ledgerwatch.review.presentation import entry_row, hm, timeline
from ledgerwatch.review.rendering import Pages, bad_date, not_found, parse_day
from ledgerwatch.workday import rounding_text


class DayPages(Pages):
    """GET /day/{day}, /day/{day}/evidence/{id} (a dialog's body), /day/{day}/activity."""

    async def home(self, request: Request) -> Response:
        return RedirectResponse(f"/day/{self.workday.today().isoformat()}", status_code=303)

    async def day(self, request: Request) -> Response:
        started = clock.perf_counter()
        day = parse_day(request.path_params["day"])
        if day is None:
            return bad_date(request.path_params["day"])
        view = self.workday.day(day)
        order = self.order()
        rows = [entry_row(e, view, order) for e in view.entries]
        by_id = {r["e"].id: r for r in rows}
        ready = [by_id[i] for i in view.ready]
        flagged = [by_id[i] for i in view.flagged]
        response = self.render(
            "day.html",
            day=day,
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
            restorable=self.workday.discarded(day) if view.discarded else [],
            assist=self.workday.assist_summary(),
            message=request.query_params.get("msg", ""),
            zone=view.zone,
            back=f"/day/{day.isoformat()}",
            bulk={
                "ready": ready,
                "flagged": flagged,
                "hours": sum((r["e"].billed_hours for r in ready if r["billable"]), Decimal(0)),
                "worked": hm(sum(r["e"].worked_seconds for r in ready)),
                "amount": sum((r["amount"] for r in ready if r["amount"] is not None), Decimal(0)),
                "unpriced": sum(1 for r in ready if r["billable"] and r["amount"] is None),
            },
            default_rounding=rounding_text(view.default_policy),
        )
        total = (clock.perf_counter() - started) * 1000
        response.headers["Server-Timing"] = response.headers["Server-Timing"] + f", total;dur={total:.1f}"
        return response

    async def evidence(self, request: Request) -> Response:
        """What was on screen during a draft's spans, and why it was drafted, in plain words."""
        day = parse_day(request.path_params["day"])
        if day is None:
            return bad_date(request.path_params["day"])
        found = self.workday.evidence(request.path_params["entry"])
        if found is None:
            return not_found("no such entry")
        entry, seen = found
        view = self.workday.day(entry.date)
        row = entry_row(entry, view, self.order()) if entry in view.entries else None
        return self.render(
            "evidence.html",
            entry=entry,
            row=row,
            seen=seen[:60],
            more=max(len(seen) - 60, 0),
            zone=view.zone,
            assisted=self.workday.assist_decisions(entry.id),
        )

    async def activity(self, request: Request) -> Response:
        """The day's raw activity: select unbilled or away stretches and keep them as an entry."""
        day = parse_day(request.path_params["day"])
        if day is None:
            return bad_date(request.path_params["day"])
        stretches = self.workday.activity(day)
        view = self.workday.day(day)
        return self.render(
            "activity.html",
            day=day,
            view=view,
            stretches=stretches,
            unbilled=sum(s.free_seconds for s in stretches if s.state == "unbilled"),
            away_total=sum(s.free_seconds for s in stretches if s.state == "away"),
            matters=[
                {"number": m.number, "client": m.client.name, "description": m.description, "open": m.is_open}
                for m in view.matters.values()
            ],
            zone=view.zone,
            message=request.query_params.get("msg", ""),
            back=f"/day/{day.isoformat()}/activity",
            prev_day=day - timedelta(days=1),
            next_day=day + timedelta(days=1),
        )
