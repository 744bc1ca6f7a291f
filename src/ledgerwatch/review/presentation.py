"""What the templates are handed: Jinja filters, SVG geometry of the day, week and A/R charts, a draft's row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from ledgerwatch.domain import EntryKind, EntryStatus, TimeEntry
from ledgerwatch.workday import DayView, WeekView, rounding_text

HERE = Path(__file__).resolve().parent
PALETTE = 10
"""matter colours m0..m9 in app.css"""


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


def environment() -> jinja2.Environment:
    """The templates of this package, autoescaped, with the filters hm, hours and money."""
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


def entry_row(entry: TimeEntry, view: DayView, order: dict[str, int]) -> dict[str, Any]:
    """What the day page shows of one entry: times, matter, rounding, confidence, spans and evidence."""
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
