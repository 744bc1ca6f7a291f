"""Files of a generated week: aw-export.json, matters.csv, calendar.ics, truth.json.

The ActivityWatch export comes in the style of the server that wrote it:
- `aw-server` (Python): events newest first without ids, `+00:00` offsets, microseconds only when non-zero;
- `aw-server-rust`: events newest first with ids, `Z` times (0, 3 or 6 fraction digits), bucket
  `metadata` and `last_updated`;
- `ascending`: oldest first with ids and six fraction digits, like the shared sample.
"""

from __future__ import annotations

import csv
import io
import json
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from .clock import iso
from .firms import World
from .model import CalEvent, Day, Matter, Person, Recurring, Shot, Week

AFK_TIMEOUT = 180.0  # aw-watcher-afk's default: no input for this long is afk, counted from the last input


# --- timelines --------------------------------------------------------------------------------------------


@dataclass
class Ev:
    start: float
    secs: float
    data: dict[str, Any]


@dataclass
class Timelines:
    window: list[Ev] = field(default_factory=list)
    afk: list[Ev] = field(default_factory=list)
    web: dict[str, list[Ev]] = field(default_factory=dict)


def _us(t: float) -> float:
    return round(t, 6)


def timelines(days: list[Day], rng: random.Random, gaps: bool) -> Timelines:
    out = Timelines()
    for day in days:
        t = day.start
        idle_runs: list[tuple[float, float, bool]] = []
        for seg in day.segments:
            for shot in seg.shots:
                _window(out.window, t, shot, rng, gaps)
                if shot.page is not None:
                    _web(out.web.setdefault(shot.browser, []), t, shot)
                idle_runs.append((t, shot.secs, shot.idle))
                t += shot.secs
        out.afk.extend(_afk(idle_runs))
    return out


def _window(events: list[Ev], t: float, shot: Shot, rng: random.Random, gaps: bool) -> None:
    data = {"app": shot.app, "title": shot.title}
    prev = events[-1] if events else None
    if prev and prev.data == data and abs(prev.start + prev.secs - t) < 2:
        prev.secs = t + shot.secs - prev.start
        return
    if prev and gaps:
        prev.secs = max(0.5, prev.secs - rng.uniform(0.0, 0.95))
    events.append(Ev(t, shot.secs, data))


def _web(events: list[Ev], t: float, shot: Shot) -> None:
    assert shot.page is not None
    data = {
        "url": shot.page.url,
        "title": shot.page.title,
        "audible": shot.audible,
        "incognito": shot.incognito,
        "tabCount": shot.tabs,
    }
    prev = events[-1] if events else None
    if prev and prev.data == data and abs(prev.start + prev.secs - t) < 1e-3:
        prev.secs += shot.secs
        return
    events.append(Ev(t, shot.secs, data))


def _afk(runs: list[tuple[float, float, bool]]) -> list[Ev]:
    """Merge idle shots; an idle stretch of at least the timeout is afk from its start."""
    merged: list[list[Any]] = []
    for start, secs, idle in runs:
        if merged and merged[-1][2] == idle:
            merged[-1][1] += secs
        else:
            merged.append([start, secs, idle])
    out: list[Ev] = []
    for start, secs, idle in merged:
        status = "afk" if idle and secs >= AFK_TIMEOUT else "not-afk"
        if out and out[-1].data["status"] == status:
            out[-1].secs += secs
        else:
            out.append(Ev(start, secs, {"status": status}))
    return out


# --- ActivityWatch export ---------------------------------------------------------------------------------


def _ts(t: float, style: str) -> str:
    moment = datetime.fromtimestamp(_us(t), UTC)
    if style == "aw-server":
        return moment.isoformat()
    if style == "aw-server-rust":
        us = moment.microsecond
        base = moment.strftime("%Y-%m-%dT%H:%M:%S")
        if us == 0:
            return base + "Z"
        if us % 1000 == 0:
            return f"{base}.{us // 1000:03d}Z"
        return f"{base}.{us:06d}Z"
    return iso(t)


def _bucket(
    bid: str, kind: str, client: str, host: str, created: float, events: list[Ev], style: str
) -> dict[str, Any]:
    ordered = sorted(events, key=lambda e: e.start)
    rows = []
    for i, e in enumerate(ordered, start=1):
        row: dict[str, Any] = {"timestamp": _ts(e.start, style), "duration": round(e.secs, 3), "data": e.data}
        if style != "aw-server":
            row["id"] = i
        rows.append(row)
    if style != "ascending":
        rows.reverse()
    bucket: dict[str, Any] = {"id": bid, "created": _ts(created, style)}
    if style != "aw-server-rust":
        bucket["name"] = None
    bucket.update({"type": kind, "client": client, "hostname": host, "data": {}})
    if style == "aw-server-rust":
        first = ordered[0].start if ordered else created
        last = ordered[-1].start + ordered[-1].secs if ordered else created
        bucket["metadata"] = {"start": _ts(first, style), "end": _ts(last, style)}
        bucket["last_updated"] = _ts(last, style)
    bucket["events"] = rows
    return bucket


def aw_export(w: World, week: Week, rng: random.Random) -> tuple[dict[str, Any], Timelines]:
    tl = timelines(week.days, rng, w.gaps)
    host, style = w.desk.host, w.export
    created = week.days[0].start - 86400 * rng.randint(20, 400)
    buckets = {
        f"aw-watcher-window_{host}": _bucket(
            f"aw-watcher-window_{host}", "currentwindow", "aw-watcher-window", host, created, tl.window, style
        ),
        f"aw-watcher-afk_{host}": _bucket(
            f"aw-watcher-afk_{host}", "afkstatus", "aw-watcher-afk", host, created, tl.afk, style
        ),
    }
    for browser in sorted(tl.web):
        bid = f"aw-watcher-web-{browser}_{host}"
        buckets[bid] = _bucket(
            bid, "web.tab.current", "aw-client-web", host, created + 3600, tl.web[browser], style
        )
    if w.extra_buckets:
        t = week.days[0].start + 1800
        stop = [Ev(t, 0.0, {"running": False, "label": "focus"})]
        buckets[f"aw-stopwatch_{host}"] = _bucket(
            f"aw-stopwatch_{host}", "general.stopwatch", "aw-webui", host, created, stop, style
        )
    return {"buckets": buckets}, tl


# --- matters.csv ------------------------------------------------------------------------------------------


def matters_csv(w: World, matters: list[Matter]) -> str:
    buf = io.StringIO()
    cols = ["matter_number", "client", "description", "keywords", "status", *w.extra_cols]
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for m in matters:
        row = [m.number, m.client.name, m.description, ";".join(m.keywords), m.status]
        row += [m.extra.get(c, "") for c in w.extra_cols]
        writer.writerow(row)
    return buf.getvalue()


# --- calendar.ics -----------------------------------------------------------------------------------------


def _esc(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """RFC 5545 folding at 75 octets."""
    out: list[str] = []
    cur = ""
    for ch in line:
        limit = 75 if not out else 74
        if len((cur + ch).encode("utf-8")) > limit:
            out.append(cur)
            cur = ch
        else:
            cur += ch
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


def _vtimezone(w: World) -> list[str]:
    z = w.zone
    tzid = z.windows if w.cal_tz == "windows" else z.iana
    std, dst = f"{z.std_hours:+03d}00", f"{z.std_hours + 1:+03d}00"
    names = w.cal_tz == "iana"
    lines = [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        "DTSTART:16011104T020000",
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
        f"TZOFFSETFROM:{dst}",
        f"TZOFFSETTO:{std}",
    ]
    lines += [f"TZNAME:{z.std_abbr}"] if names else []
    lines += [
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010311T020000",
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
        f"TZOFFSETFROM:{std}",
        f"TZOFFSETTO:{dst}",
    ]
    lines += [f"TZNAME:{z.dst_abbr}"] if names else []
    lines += ["END:DAYLIGHT", "END:VTIMEZONE"]
    return lines


def _when(w: World, prop: str, t: float) -> str:
    if w.cal_tz == "utc":
        return f"{prop}:{datetime.fromtimestamp(t, UTC):%Y%m%dT%H%M%SZ}"
    tzid = w.zone.windows if w.cal_tz == "windows" else w.zone.iana
    return f"{prop};TZID={tzid}:{w.zone.utc_to_local(t):%Y%m%dT%H%M%S}"


def _person(prop: str, p: Person, partstat: str = "") -> str:
    stat = f";PARTSTAT={partstat}" if partstat else ""
    role = ";ROLE=REQ-PARTICIPANT" if prop == "ATTENDEE" else ""
    return f'{prop};CN="{p.name}"{role}{stat}:mailto:{p.email}'


def _vevent(w: World, ev: CalEvent, stamp: float) -> list[str]:
    lines = ["BEGIN:VEVENT", f"UID:{ev.uid}", f"DTSTAMP:{datetime.fromtimestamp(stamp, UTC):%Y%m%dT%H%M%SZ}"]
    if ev.all_day:
        d = datetime.fromtimestamp(ev.start, UTC)
        lines += [f"DTSTART;VALUE=DATE:{d:%Y%m%d}", f"DTEND;VALUE=DATE:{d + timedelta(days=1):%Y%m%d}"]
    else:
        lines += [_when(w, "DTSTART", ev.start), _when(w, "DTEND", ev.end)]
    lines.append(f"SUMMARY:{_esc(ev.summary)}")
    if ev.location:
        lines.append(f"LOCATION:{_esc(ev.location)}")
    if ev.description:
        lines.append(f"DESCRIPTION:{_esc(ev.description)}")
    if ev.organizer:
        lines.append(_person("ORGANIZER", ev.organizer))
    if ev.attendees or ev.declined:
        me = "DECLINED" if ev.declined else "ACCEPTED"
        if ev.organizer is not w.owner:
            lines.append(_person("ATTENDEE", w.owner, me))
        lines += [_person("ATTENDEE", p, "NEEDS-ACTION") for p in ev.attendees if p is not w.owner]
    lines.append(f"STATUS:{ev.status}")
    busy = "FREE" if ev.declined or ev.status == "CANCELLED" or ev.all_day else "BUSY"
    lines.append("TRANSP:TRANSPARENT" if busy == "FREE" or "focus_time" in ev.tags else "TRANSP:OPAQUE")
    if w.cal_tz == "windows":
        lines.append(f"X-MICROSOFT-CDO-BUSYSTATUS:{busy}")
    lines.append("END:VEVENT")
    return lines


def _recurring(w: World, rec: Recurring, stamp: float) -> list[str]:
    day = rec.first
    while day.weekday() != rec.weekday:
        day += timedelta(days=1)
    start = w.zone.local_to_utc(day, rec.local)
    ev = CalEvent(
        rec.uid,
        start,
        start + rec.secs,
        rec.summary,
        _location_for(rec.platform),
        rec.description or rec.summary,
        rec.attendees,
        organizer=rec.attendees[0] if rec.attendees else None,
    )
    lines = _vevent(w, ev, stamp)
    byday = ("MO", "TU", "WE", "TH", "FR")[rec.weekday]
    lines.insert(-1, f"RRULE:FREQ=WEEKLY;INTERVAL=1;BYDAY={byday}")
    return lines


def _location_for(platform: str) -> str:
    return {"teams": "Microsoft Teams Meeting", "zoom": "Zoom", "webex": "Webex"}.get(platform, "")


def calendar_ics(w: World, week: Week) -> str:
    stamp = week.days[0].start - 3600
    lines = [
        "BEGIN:VCALENDAR",
        f"PRODID:{w.cal_prodid}",
        "VERSION:2.0",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{w.owner.name}",
    ]
    if w.cal_tz != "utc":
        lines += _vtimezone(w)
    for rec in week.recurring:
        lines += _recurring(w, rec, stamp)
    for ev in sorted(week.events, key=lambda e: e.start):
        lines += _vevent(w, ev, stamp)
    lines.append("END:VCALENDAR")
    return "".join(x + "\r\n" for line in lines for x in _fold(line))


# --- truth.json -------------------------------------------------------------------------------------------


def truth(week: Week) -> dict[str, Any]:
    intervals: list[dict[str, Any]] = []
    for day in week.days:
        t = day.start
        for seg in day.segments:
            end = t + seg.secs
            prev = intervals[-1] if intervals else None
            if (
                prev
                and prev["matter"] == seg.matter
                and prev["kind"] == seg.kind
                and prev["what"] == seg.what
                and prev["end"] == iso(t)
            ):
                prev["end"] = iso(end)
            elif end - t > 1e-6:
                intervals.append(
                    {
                        "start": iso(t),
                        "end": iso(end),
                        "matter": seg.matter,
                        "kind": seg.kind,
                        "what": seg.what,
                    }
                )
            t = end
    return {"timezone": "UTC", "intervals": intervals}


def dumps(data: Any) -> str:
    return json.dumps(data, indent=1, ensure_ascii=False) + "\n"
