"""What the templates are handed: Jinja filters, SVG geometry of the day, week and A/R charts, a draft's row."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime, timedelta, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any

import jinja2

from ledgerwatch.domain import EntryKind, EntryStatus, RoundingScope, TimeEntry
from ledgerwatch.workday import CONFIRM_FLAGS, DayView, WeekView, approvable, confirm_flags, rounding_text
from ledgerwatch.workday.views import effective_kind

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
    """SVG geometry for captured versus approved worked time per day (labels as h:mm, like the day page)."""
    top = max([Decimal(8), *view.captured, *view.approved]) * Decimal("1.12")
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
                "cap_hm": hm(view.captured_seconds[i]),
                "app_hm": hm(view.approved_seconds[i]),
                "text_x": round(i * slot + slot / 2, 1),
            }
        )
    gridlines = []
    step = 2 if top <= 12 else 4
    h = 0
    while h <= top:
        gridlines.append({"y": round(height - 24 - float(Decimal(h) * scale), 1), "label": f"{h}:00"})
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
    env.filters["signed_hm"] = signed_hm
    env.filters["plain"] = plain_reason
    return env


def signed_hm(seconds: int) -> str:
    """+0:06 / −0:01 / ±0:00: what rounding added to or took from worked time."""
    if seconds == 0:
        return "±0:00"
    return ("+" if seconds > 0 else "−") + hm(abs(seconds))


def spans_text(entry: TimeEntry, zone: tzinfo) -> str:
    """When, honestly: '10:40–11:46' for one span; '10:09 · 2 pieces' where the time is in pieces (never a
    first-to-last range that hides the gaps)."""
    if not entry.spans:
        return ""
    if len(entry.spans) == 1:
        s = entry.spans[0]
        return f"{s.start.astimezone(zone):%H:%M}–{s.end.astimezone(zone):%H:%M}"
    return f"{entry.spans[0].start.astimezone(zone):%H:%M} · {len(entry.spans)} pieces"


def spans_full(entry: TimeEntry, zone: tzinfo) -> str:
    """Every worked span: '10:09–10:40, 12:58–13:14' (the first 6, then how many more)."""
    shown = [f"{s.start.astimezone(zone):%H:%M}–{s.end.astimezone(zone):%H:%M}" for s in entry.spans[:6]]
    more = len(entry.spans) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


PLAIN = (
    (re.compile(r"^keyword (.+)$"), "it mentions {0}, named in the matter's keywords"),
    (re.compile(r"^matter description (.+)$"), "it matches the matter's description ({0})"),
    (re.compile(r"^caption (.+)$"), "it names the case caption {0}"),
    (re.compile(r"^client name (.+)$"), "it names the client, {0}"),
    (re.compile(r"^matter number (.+)$"), "it shows the matter number {0}"),
    (re.compile(r"^research client ID (.+)$"), "the research session was tagged with client ID {0}"),
    (re.compile(r"^window '(.+)' within work on the same matter$"), "{0} was open between work on this matter"),
    (re.compile(r"^call during calendar event '(.+)'$"), "a call during the calendar event {0}"),
    (re.compile(r"^short interruption '(.+)' inside the surrounding work$"), "a short glance at {0} inside this work"),
    (re.compile(r"^'(.+)' recurs amid work on the same matter$"), "{0} came up again amid this matter's work"),
    (re.compile(r"^personal site or app$"), "a personal site or application"),
    (re.compile(r"^firm administration$"), "firm administration (intranet, expenses, bar site)"),
)


def plain_reason(reason: str) -> str:
    """A drafting reason in plain words: "keyword Northwind, keyword license (24 min)" -> "It mentions
    “Northwind” and “license”, named in the matter's keywords (24 min)"."""
    match = re.match(r"^(.*?)\s*(\([^()]*\))?$", reason)
    body, length = (match.group(1), match.group(2) or "") if match else (reason, "")
    found: dict[int, list[str]] = {}
    rest: list[str] = []
    for piece in body.split(", "):
        for n, (pattern, _) in enumerate(PLAIN):
            hit = pattern.match(piece)
            if hit:
                found.setdefault(n, []).extend(f"“{g}”" for g in hit.groups())
                break
        else:
            rest.append(piece)
    parts = [PLAIN[n][1].format(" and ".join(dict.fromkeys(v))) for n, v in found.items()] + rest
    text = "; ".join(parts)
    return f"{text[:1].upper()}{text[1:]} {length}".strip()


KIND_WORDS = {"nonbillable": "non-billable", "personal": "personal", "ai_tool": "AI tool", "unassigned": "unassigned"}


def entry_row(entry: TimeEntry, view: DayView, order: dict[str, int]) -> dict[str, Any]:
    """One line of the day's list: when, matter, worked and billed, amount, narrative, confidence, flags."""
    zone = view.zone
    matter = view.matters.get(entry.matter or "")
    policy = view.policy_for(entry.matter)
    first = entry.spans[0].start if entry.spans else None
    last = entry.spans[-1].end if entry.spans else None
    kind = effective_kind(entry)
    billable = kind is EntryKind.BILLABLE
    rate = view.rates.get(entry.matter or "") if billable else None
    billed_seconds = int(entry.billed_hours * 3600) if billable else 0
    return {
        "e": entry,
        "start": first.astimezone(zone).strftime("%H:%M") if first else "",
        "end": last.astimezone(zone).strftime("%H:%M") if last else "",
        "mid": (first + (last - first) / 2).astimezone(zone).strftime("%H:%M") if first and last else "",
        "spans_text": spans_text(entry, zone),
        "spans_full": spans_full(entry, zone),
        "pieces": len(entry.spans),
        "matter_css": matter_class(entry.matter, order) if billable else kind.value,
        "matter_label": entry.matter
        or {"personal": "Personal", "nonbillable": "Firm administration"}.get(kind.value, "Unassigned"),
        "client": matter.client.name if matter else "",
        "matter_description": matter.description if matter else "",
        "kind": kind.value,
        "kind_words": KIND_WORDS.get(kind.value, ""),
        "billable": billable,
        "draft": entry.status is EntryStatus.DRAFT,
        "rounding": rounding_text(policy),
        "rounded": policy.bill(entry.worked_seconds),
        "difference": signed_hm(billed_seconds - entry.worked_seconds) if billable else "",
        "written_down": billable and entry.billed_hours < policy.bill(entry.worked_seconds)
        and policy.scope is RoundingScope.ENTRY,
        "amount": view.amounts.get(entry.id),
        "rate": rate,
        "confidence_pct": int((entry.confidence * 100).to_integral_value()),
        "low": entry.confidence < view.min_confidence,
        "flags": confirm_flags(entry),
        "problems": [p for p in entry.problems if p.code not in CONFIRM_FLAGS],
        "candidates": [
            {"number": n, "client": view.matters[n].client.name if n in view.matters else "", "key": i + 1}
            for i, n in enumerate(entry.candidates[:9])
        ],
        "refused": approvable(entry),
        "ready": entry.id in view.ready,
        "worked_hms": hms(entry.worked_seconds),
    }


def hms(seconds: int) -> str:
    """Seconds as h:mm:ss (the captured time exactly, for the editor's hint)."""
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
