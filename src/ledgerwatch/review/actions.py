"""POST /action: every change the page makes, read from the form and handed to the attorney's day."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal, InvalidOperation

from starlette.requests import Request
from starlette.responses import Response

from ledgerwatch.domain import EntryKind, Span
from ledgerwatch.review.rendering import Pages, answer, forbidden, form_day
from ledgerwatch.workday import Outcome, parse_duration


class Actions(Pages):
    """The one POST route for changes: JSON for the page's fetch, a redirect back for plain forms."""

    async def action(self, request: Request) -> Response:
        form = await self.form(request)
        if form is None:
            return forbidden()
        back = form.get("back", "/")
        if not back.startswith("/") or back.startswith("//"):
            back = "/"
        try:
            outcome = self.dispatch(form.get("op", ""), form)
        except (ValueError, InvalidOperation, KeyError, OverflowError) as exc:
            outcome = Outcome(False, f"could not read the request: {exc}")
        return answer(request, outcome, back)

    def dispatch(self, op: str, form: dict[str, str]) -> Outcome:
        w = self.workday
        entry = form.get("id", "")
        if op == "approve":
            return w.approve(entry, confirm=form.get("confirm") == "1")
        if op == "approve_many":
            return w.approve_many(_day(form), [i for i in form.get("ids", "").split(",") if i])
        if op == "approve_above":
            raw = form.get("confidence", "").strip()
            return w.approve_above(_day(form), Decimal(raw) if raw else None)
        if op == "edit":
            return self._edit(entry, form)
        if op == "reassign":
            return w.reassign(entry, form.get("matter", "").strip())
        if op == "rule_narrative":
            return w.restore_rule_narrative(entry)
        if op == "split":
            return w.split(entry, _local_moment(_day(form), form["at"], w.zone))
        if op == "merge":
            return w.merge([i for i in form.get("ids", "").split(",") if i])
        if op == "kind":
            return w.set_kind(entry, EntryKind(form["kind"]))
        if op == "discard":
            return w.discard(entry)
        if op == "undo":
            return w.undo(_day(form))
        if op == "reopen":
            return w.reopen(entry)
        if op == "claim":
            spans = [_span(pair) for pair in form.get("spans", "").split(",") if pair]
            return w.claim(_day(form), spans, form.get("matter", "").strip(), form.get("note", ""))
        if op == "reclaim":
            day = _day(form)
            return w.reclaim(
                day,
                _local_moment(day, form["start"], w.zone),
                _local_moment(day, form["end"], w.zone),
                form.get("matter", "").strip(),
                form.get("note", ""),
            )
        if op in ("pause", "resume", "private", "sync"):
            return self._agent_action(op, form)
        return Outcome(False, f"unknown action {op!r}")

    def _edit(self, entry: str, form: dict[str, str]) -> Outcome:
        try:
            worked = parse_duration(form.get("worked", ""))
        except ValueError as exc:
            return Outcome(False, str(exc), (entry,))
        billed_text = form.get("billed", "").strip().lower().removesuffix("h").strip()
        try:
            billed = Decimal(billed_text) if billed_text else None
        except InvalidOperation:
            return Outcome(
                False, f"billed hours {billed_text!r} is not a number of hours (e.g. 1.2)", (entry,)
            )
        return self.workday.edit(
            entry,
            description=form.get("description"),
            worked_seconds=worked,
            billed_hours=billed,
            activity_code=form.get("activity_code"),
            task_code=form.get("task_code"),
        )

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


def _day(form: dict[str, str]) -> date:
    return form_day(form["day"])


def _span(pair: str) -> Span:
    """'start/end' as ISO instants (the activity page's free spans)."""
    start, end = pair.split("/", 1)
    return Span(datetime.fromisoformat(start).astimezone(UTC), datetime.fromisoformat(end).astimezone(UTC))


def _local_moment(day: date, hhmm: str, zone: tzinfo) -> datetime:
    """A local 24-hour HH:MM on day as an aware UTC datetime."""
    text = hhmm.strip()
    try:
        moment = time.fromisoformat(text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a time of day: write it as HH:MM, 24-hour (e.g. 14:30)") from exc
    return datetime.combine(day, moment, zone).astimezone(UTC)
