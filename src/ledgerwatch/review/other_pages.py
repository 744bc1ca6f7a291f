"""The week, settings and A/R pages."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

from starlette.requests import Request
from starlette.responses import Response

from ledgerwatch.review.presentation import AGING_BUCKETS, aging_chart, week_chart
from ledgerwatch.review.rendering import Pages, answer, bad_date, forbidden, not_found, parse_day


class OtherPages(Pages):
    """GET /week/{day}, GET and POST /settings, GET /ar."""

    async def week(self, request: Request) -> Response:
        day = parse_day(request.path_params["day"])
        if day is None:
            return bad_date(request.path_params["day"])
        view = self.workday.week(day)
        return self.render(
            "week.html",
            view=view,
            chart=week_chart(view),
            order=self.order(),
            current=day,
            prev_week=day - timedelta(days=7),
            next_week=day + timedelta(days=7),
            back=f"/week/{day.isoformat()}",
        )

    async def settings(self, request: Request) -> Response:
        return self.render(
            "settings.html",
            groups=self.workday.setting_groups(),
            message=request.query_params.get("msg", ""),
            current=self.workday.today(),
            back="/settings",
        )

    async def change_settings(self, request: Request) -> Response:
        """One group's form: its editable keys listed in 'keys' (an unticked checkbox posts nothing)."""
        form = await self.form(request)
        if form is None:
            return forbidden()
        keys = [k for k in form.get("keys", "").split(",") if k]
        if not keys and "key" in form:  # one setting, as `key` and `value` (scripts, older pages)
            outcome = self.workday.change_settings({form["key"]: form.get("value", "")})
            return answer(request, outcome, "/settings")
        values = {}
        for key in keys:
            if form.get(f"type:{key}") == "checkbox":
                values[key] = "true" if form.get(key) else "false"
            else:
                values[key] = form.get(key, "")
        return answer(request, self.workday.change_settings(values), "/settings")

    async def receivables(self, request: Request) -> Response:
        """A/R aging by client, matter and attorney with DSO and a chart of the buckets."""
        if self.billing is None:
            return not_found("billing is not available here")
        asked = request.query_params.get("as_of", "")
        as_of = parse_day(asked) if asked else self.workday.today()
        if as_of is None:
            return bad_date(asked)
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
            current=self.workday.today(),
            back="/ar",
        )
