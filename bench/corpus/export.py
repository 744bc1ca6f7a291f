"""Write a generated week of a seed-built firm in the sample's four files: the ActivityWatch export in
the firm's server style, matters.csv, the calendar as the firm's calendar app exports it, and the truth."""

from __future__ import annotations

import csv
import io
import json
import math
from datetime import date, timedelta
from pathlib import Path

from common import MIN, US, fold, ics_text, ics_utc, iso_py, iso_rust, iso_truth
from desktop import W
from engine import Week
from model import stable_id
from plan import Event
from world import Firm

# ---------------------------------------------------------------- ActivityWatch export

Bucket = tuple[str, str, str, list[tuple[int, int, dict[str, object]]]]  # id, type, client, events


def _win_data(w: W) -> dict[str, object]:
    data: dict[str, object] = {"app": w.app, "title": w.title}
    if w.url_in_window and w.url:
        data["url"] = w.url
        if w.incognito:
            data["incognito"] = True
    return data


def _web_events(wk: Week) -> dict[str, list[tuple[int, int, dict[str, object]]]]:
    """What the browser extension reports: the active tab while its browser is in front."""
    out: dict[str, list[tuple[int, int, dict[str, object]]]] = {}
    for s, e, w in wk.wins:
        if not w.browser or e - s < 2 * US:
            continue
        lag = int(stable_id(s, n=5), 16) % 880_000 + 20_000
        data: dict[str, object] = {
            "url": w.url,
            "title": w.tab,
            "audible": w.audible,
            "incognito": w.incognito,
            "tabCount": w.tabs,
        }
        out.setdefault(w.browser, []).append((s + lag, e, data))
    return out


def aw_export(f: Firm, week: int, wk: Week) -> str:
    style, host = f.conv.aw, f.conv.host
    buckets: list[Bucket] = [
        (
            f"aw-watcher-window_{host}",
            "currentwindow",
            "aw-watcher-window",
            [(s, e, _win_data(w)) for s, e, w in wk.wins],
        ),
        (
            f"aw-watcher-afk_{host}",
            "afkstatus",
            "aw-watcher-afk",
            [(s, e, {"status": st}) for s, e, st in wk.afk],
        ),
    ]
    for browser, evs in sorted(_web_events(wk).items()):
        buckets.append((f"aw-watcher-web-{browser}_{host}", "web.tab.current", "aw-client-web", evs))
    if style == "rust":
        return _rust(f, week, buckets)
    return _python(f, week, buckets, sample=style == "sample")


def _python(f: Firm, week: int, buckets: list[Bucket], sample: bool) -> str:
    """aw-server (Python): the sample's style is oldest first with ids from 1 and six-digit fractions."""
    iso = iso_truth if sample else iso_py
    created = "2026-01-03T00:00:00.000000+00:00" if sample else iso_py(_created(f))
    out: dict[str, object] = {}
    for n, (bid, btype, client, evs) in enumerate(buckets):
        events = []
        for i, (s, e, data) in enumerate(evs):
            dur = math.ceil((e - s) / 1000) / 1000  # milliseconds, never short of the next event
            if sample:
                events.append({"timestamp": iso(s), "duration": dur, "data": data, "id": i + 1})
            else:
                events.append(
                    {
                        "id": 30_000 + 6_007 * week + n * 2_000 + i,
                        "timestamp": iso(s),
                        "duration": dur,
                        "data": data,
                    }
                )
        if not sample:
            events.reverse()
        out[bid] = {
            "id": bid,
            "created": created,
            "name": None,
            "type": btype,
            "client": client,
            "hostname": f.conv.host,
            "data": {},
            "events": events,
        }
    if sample:
        return json.dumps({"buckets": out}, indent=1, ensure_ascii=False)
    return json.dumps({"buckets": out}, separators=(",", ":"))


def _created(f: Firm) -> int:
    return f.zone.local_us(date(2025, 11, 3), 9 * 60 + 12)


def _rust(f: Firm, week: int, buckets: list[Bucket]) -> str:
    """aw-server-rust: compact, Z times, bucket metadata, newest event first, an empty stopwatch bucket."""
    created = iso_rust(_created(f))
    out: dict[str, object] = {}
    for n, (bid, btype, client, evs) in enumerate(buckets):
        events = [
            {
                "id": 50_000 + 9_001 * week + n * 3_000 + i,
                "timestamp": iso_rust(s),
                "duration": (e - s) / US,
                "data": data,
            }
            for i, (s, e, data) in enumerate(evs)
        ]
        events.reverse()
        meta = (
            {"start": iso_rust(evs[0][0]), "end": iso_rust(evs[-1][1])}
            if evs
            else {"start": None, "end": None}
        )
        out[bid] = {
            "id": bid,
            "type": btype,
            "client": client,
            "hostname": f.conv.host,
            "created": created,
            "data": {},
            "metadata": meta,
            "events": events,
            "last_updated": iso_rust(evs[-1][1]) if evs else None,
        }
    out["aw-stopwatch"] = stopwatch_bucket(created)
    return json.dumps({"buckets": out}, ensure_ascii=False, separators=(",", ":"))


def stopwatch_bucket(created: str) -> dict:
    """The empty stopwatch bucket aw-server 0.13 (Rust) exports beside the watchers' buckets."""
    return {
        "id": "aw-stopwatch",
        "type": "general.stopwatch",
        "client": "aw-webui",
        "hostname": "unknown",
        "created": created,
        "data": {},
        "metadata": {"start": None, "end": None},
        "events": [],
        "last_updated": None,
    }


# ---------------------------------------------------------------- matters.csv


def matters_csv(f: Firm) -> str:
    buf = io.StringIO()
    cols = ["matter_number", "client", "description", "keywords", "status"]
    if f.extra_csv:
        cols += ["client_aliases", "email_domains", "practice_area"]
    w = csv.writer(buf, lineterminator=f.csv_newline)
    w.writerow(cols)
    for m in f.matters:
        row = [m.number, m.client.name, m.description, ";".join(m.keywords), m.status]
        if f.extra_csv:
            row += [m.client.short, m.client.domain, m.practice]
        w.writerow(row)
    return buf.getvalue()


# ---------------------------------------------------------------- calendar


def _join(e: Event, uid: str) -> tuple[str, str]:
    """(location, description) of an online meeting."""
    digits = str(int(uid[:10], 16))[:11]
    if e.app == "zoom" or e.app == "webinar":
        link = f"https://us02web.zoom.us/j/{digits}"
        return "Zoom", f"Join Zoom Meeting\n{link}\nMeeting ID: {digits[:3]} {digits[3:7]} {digits[7:]}"
    if e.app == "webex":
        link = f"https://meetings.webex.com/meet/j.php?MTID=m{uid}"
        return "Webex", f"Join from the meeting link\n{link}"
    link = f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{uid}%40thread.v2/0"
    return (
        "Microsoft Teams Meeting",
        f"Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n{link}",
    )


def _vtimezone(f: Firm, tzid: str) -> list[str]:
    std, dst = f.zone.std_offset_h, f.zone.std_offset_h + 1
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{tzid}",
        "BEGIN:STANDARD",
        "DTSTART:16011104T020000",
        "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
        f"TZOFFSETFROM:{dst:+03d}00",
        f"TZOFFSETTO:{std:+03d}00",
        "END:STANDARD",
        "BEGIN:DAYLIGHT",
        "DTSTART:16010311T020000",
        "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
        f"TZOFFSETFROM:{std:+03d}00",
        f"TZOFFSETTO:{dst:+03d}00",
        "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]


def _local(f: Firm, d: date, minutes: int) -> str:
    return f"{d.strftime('%Y%m%d')}T{minutes // 60:02d}{minutes % 60:02d}00"


def _series_first(monday: date, wd: int) -> date:
    first = date(2026, 1, 5) if monday >= date(2026, 1, 12) else monday - timedelta(weeks=4)
    return first + timedelta(days=wd)


def calendar_ics(f: Firm, week: int, monday: date, wk: Week) -> str:
    style = f.conv.calendar
    if style == "sample":
        return _sample_ics(f, monday, wk)
    mac = f.conv.os == "macos"
    tzid = f.zone.iana if mac else f.zone.windows
    prodid = (
        "-//Microsoft Corporation//Outlook for Mac 16.93//EN"
        if mac
        else "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN"
    )
    lines = ["BEGIN:VCALENDAR", f"PRODID:{prodid}", "VERSION:2.0", "METHOD:PUBLISH", "X-WR-CALNAME:Calendar"]
    lines += _vtimezone(f, tzid)
    q = f'"{tzid}"' if " " in tzid else tzid
    stamp = ics_utc(f.zone.local_us(monday - timedelta(days=3), 9 * 60))
    for e in wk.events:
        uid = (
            "040000008200E00074C5B7101A82E00800000000"
            + stable_id(f.persona, week if not e.rrule else "s", e.key, n=24).upper()
        )
        d = _series_first(monday, e.day) if e.rrule else monday + timedelta(days=e.day)
        end = e.at + e.minutes
        ev = ["BEGIN:VEVENT", "CLASS:PUBLIC", f"CREATED:{stamp}"]
        loc, desc = (e.location, e.description) if e.app == "inperson" else _join(e, uid[-24:])
        if e.app != "inperson" and e.description:
            desc = e.description + "\n\n" + desc
        ev.append(f"DESCRIPTION:{ics_text(desc)}")
        ev.append(f"DTEND;TZID={q}:{_local(f, d, end)}")
        ev.append(f"DTSTAMP:{stamp}")
        ev.append(f"DTSTART;TZID={q}:{_local(f, d, e.at)}")
        if e.rrule:
            ev.append(f"RRULE:{e.rrule}")
        ev.append(f"LAST-MODIFIED:{stamp}")
        ev.append(f"LOCATION:{ics_text(loc)}")
        organizer = (
            e.attendees[0]
            if e.attendees and e.kind == "billable" and e.app != "inperson"
            else f.attorney.email
        )
        ev.append(f'ORGANIZER;CN="{_cn(f, organizer)}":mailto:{organizer}')
        for a in e.attendees:
            ev.append(f'ATTENDEE;CN="{_cn(f, a)}";RSVP=TRUE:mailto:{a}')
        mine = "DECLINED" if e.status == "declined" else "ACCEPTED"
        ev.append(f'ATTENDEE;CN="{f.attorney.name}";PARTSTAT={mine}:mailto:{f.attorney.email}')
        summary = ("Canceled: " if e.status == "cancelled" else "") + e.summary
        ev += [
            "PRIORITY:5",
            "SEQUENCE:0" if e.status == "held" else "SEQUENCE:1",
            f"SUMMARY;LANGUAGE=en-us:{ics_text(summary)}",
            "TRANSP:OPAQUE",
            f"UID:{uid}",
            f"X-MICROSOFT-CDO-BUSYSTATUS:{'FREE' if e.status != 'held' else 'BUSY'}",
        ]
        if e.status == "cancelled":
            ev.append("STATUS:CANCELLED")
        ev.append("END:VEVENT")
        lines += ev
    for wd, summary in wk.deadlines:
        d = monday + timedelta(days=wd)
        uid = "040000008200E00074C5B7101A82E00800000000" + stable_id(f.persona, week, summary, n=24).upper()
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART;VALUE=DATE:{d.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d + timedelta(days=1)).strftime('%Y%m%d')}",
            f"DTSTAMP:{stamp}",
            f"SUMMARY;LANGUAGE=en-us:{ics_text(summary)}",
            "TRANSP:TRANSPARENT",
            f"UID:{uid}",
            "X-MICROSOFT-CDO-ALLDAYEVENT:TRUE",
            "X-MICROSOFT-CDO-BUSYSTATUS:FREE",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(x) + "\r\n" for x in lines)


def _sample_ics(f: Firm, monday: date, wk: Week) -> str:
    """The sample week's minimal Outlook-style export: UTC times, one attendee line per address."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "METHOD:PUBLISH",
    ]
    user = f.attorney.email.split("@")[0]
    n = 0
    for e in sorted(wk.events, key=lambda e: (e.day, e.at)):
        d = _series_first(monday, e.day) if e.rrule else monday + timedelta(days=e.day)
        s = f.zone.local_us(d, e.at)
        loc = e.location if e.app == "inperson" else _join(e, stable_id(e.key, n=24))[0]
        ev = [
            "BEGIN:VEVENT",
            f"UID:{n:04d}-desktop-{user}@calendar",
            f"DTSTAMP:{ics_utc(s)}",
            f"DTSTART:{ics_utc(s)}",
            f"DTEND:{ics_utc(s + e.minutes * MIN)}",
        ]
        if e.rrule:
            ev.append(f"RRULE:{e.rrule}")
        summary = ("Canceled: " if e.status == "cancelled" else "") + e.summary
        ev += [f"SUMMARY:{ics_text(summary)}", f"LOCATION:{ics_text(loc)}"]
        if e.description:
            ev.append(f"DESCRIPTION:{ics_text(e.description)}")
        if e.status == "cancelled":
            ev.append("STATUS:CANCELLED")
        for a in e.attendees:
            ev.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;CN={a}:mailto:{a}")
        if e.status == "declined":
            ev.append(
                f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN={f.attorney.email}:mailto:{f.attorney.email}"
            )
        ev.append("END:VEVENT")
        lines += ev
        n += 1
    for wd, summary in wk.deadlines:
        d = monday + timedelta(days=wd)
        lines += [
            "BEGIN:VEVENT",
            f"UID:{n:04d}-desktop-{user}@calendar",
            f"DTSTART;VALUE=DATE:{d.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d + timedelta(days=1)).strftime('%Y%m%d')}",
            f"SUMMARY:{ics_text(summary)}",
            "END:VEVENT",
        ]
        n += 1
    lines.append("END:VCALENDAR")
    return "".join(fold(x) + "\r\n" for x in lines)


def _cn(f: Firm, addr: str) -> str:
    if addr == f.attorney.email:
        return f.attorney.name
    for p in (*f.colleagues, *(c for m in f.matters for c in m.contacts)):
        if p.email == addr:
            return p.name
    return addr.split("@")[0]


# ---------------------------------------------------------------- truth and files


def truth_json(f: Firm, wk: Week) -> str:
    intervals = [
        {
            "start": iso_truth(s.start),
            "end": iso_truth(s.end),
            "matter": s.matter,
            "kind": s.kind,
            "what": s.what,
        }
        for s in wk.segs
    ]
    return json.dumps({"timezone": f.zone.iana, "intervals": intervals}, indent=1, ensure_ascii=False)


def write_week(f: Firm, week: int, monday: date, wk: Week, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "aw-export.json").write_text(aw_export(f, week, wk) + "\n", encoding="utf-8")
    (out / "matters.csv").write_bytes(matters_csv(f).encode("utf-8"))
    (out / "calendar.ics").write_bytes(calendar_ics(f, week, monday, wk).encode("utf-8"))
    (out / "truth.json").write_text(truth_json(f, wk) + "\n", encoding="utf-8")


# ---------------------------------------------------------------- stats

STAT_TAGS = (
    "dms_workspace",
    "dms_document",
    "outlook_classic",
    "outlook_new_or_web",
    "teams",
    "adhoc",
    "zoom",
    "webex",
    "edge_more_pages",
    "safari",
    "court_portal",
    "court",
    "patent",
    "id_spelling",
    "exhibit",
    "production",
    "vague_call",
    "outing",
    "research",
    "chat",
)


def stats(f: Firm, wk: Week) -> str:
    """Hours by kind, events and tasks a day, and each phenomenon's share of billable time."""
    by: dict[str, float] = {}
    for s in wk.segs:
        by[s.kind] = by.get(s.kind, 0) + (s.end - s.start) / US / 3600
    bill = by.get("billable", 0.0) or 1e-9
    days = len({s.start // (86400 * US) for s in wk.segs})
    tasks = sum(1 for s in wk.segs if s.kind == "billable") / days
    share = []
    for tag in STAT_TAGS:
        h = sum(
            (s.end - s.start) / US / 3600
            for s, t in zip(wk.segs, wk.tags, strict=True)
            if s.kind == "billable" and tag in t
        )
        share.append(f"{tag} {h / bill:.0%}")
    nb = {
        t: sum(
            (s.end - s.start) / US / 3600
            for s, tg in zip(wk.segs, wk.tags, strict=True)
            if s.kind != "billable" and t in tg
        )
        for t in ("phantom", "timekeeping", "travel", "lock_screen")
    }
    return (
        f"billable {bill:.1f} h ({bill / days:.1f}/day), nonbillable {by.get('nonbillable', 0):.1f} h, "
        f"personal {by.get('personal', 0):.1f} h, away {by.get('away', 0):.1f} h; "
        f"window events/day {len(wk.wins) / days:.0f}, billable tasks/day {tasks:.1f}, "
        f"calendar items {len(wk.events) + len(wk.deadlines)} ({len(wk.events) / days:.1f}/day); "
        "share of billable time: "
        + ", ".join(share)
        + "; non-billable hours: "
        + ", ".join(f"{k} {v:.1f}" for k, v in nb.items())
    )
