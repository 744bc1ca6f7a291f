"""`--stats`: per week, billable hours, events per day and minutes of each phenomenon."""

from __future__ import annotations

from collections import Counter, defaultdict

from .generate import Generated
from .model import BILLABLE

# phenomenon tag -> what it is (README's numbering)
PHENOMENA = {
    "dms_doc": "1 DMS-numbered document windows",
    "dms_reopen": "1 DMS document reopened (recent / later day)",
    "dms_workspace": "1 DMS workspace page (the only place the matter shows)",
    "outlook_classic": "2 classic Outlook windows",
    "outlook_new": "2 new Outlook (olk.exe)",
    "outlook_mac": "2 Outlook for Mac",
    "owa": "2 Outlook on the web",
    "teams_meeting": "3 Teams meetings",
    "teams_chat": "3 Teams chats",
    "teams_adhoc_call": "3/9 unscheduled Teams call after an e-mail",
    "zoom_prejoin": "3 Zoom Workplace (pre-join)",
    "zoom_meeting": "3 Zoom Meeting",
    "webex": "3 Webex",
    "phone_call_idle": "9 phone call, screen untouched",
    "call_idle": "3 no input during a call",
    "edge_more_pages": "4 Edge '... and N more pages'",
    "chrome": "4 Chrome",
    "safari": "4 Safari",
    "acrobat_idle": "5 PDF read with no input (afk)",
    "court_portal": "6 court / agency portals and their PDFs",
    "patent_center": "6 Patent Center (number only in URL)",
    "file_wrapper": "6 file-wrapper PDFs",
    "prior_art": "6 publications / patents (prior art)",
    "id_variant": "7 identifiers spelled unlike matters.csv",
    "same_client": "8 work on a client with two open matters",
    "exhibit_after_other_ws": "8 exhibit right after the other matter's workspace",
    "production_party_pdf": "8 production PDF amid another client's work",
    "vague_calendar_call": "9 call with a vague calendar subject",
    "hearing_away": "10 hearing / deposition / mediation away (locked)",
    "travel_away": "10 travel before / after (away)",
    "lunch_locked": "10 lunch with the screen locked",
    "lunch_idle": "10 lunch with a window left on screen",
    "lock_screen": "14 lock screen (LockApp.exe / loginwindow)",
    "research": "11 legal research",
    "ebilling": "12 e-billing portals",
    "timekeeping": "12 timekeeping tool",
    "conflicts": "12 conflict checks",
    "intranet_hr": "12 intranet / HR / expenses",
    "inbox_triage": "12 inbox triage",
    "personal": "13 personal browsing",
    "incognito": "13 private / incognito windows",
    "music": "13 music",
    "glance": "13 brief glances inside a task",
    "firm_meeting": "internal firm meetings",
    "recurring": "weekly recurring meetings (RRULE)",
}

CAL_TAGS = ("vague_calendar_call", "cancelled", "declined", "hearing_away", "focus_time", "deadline")


def week_stats(g: Generated) -> dict[str, object]:
    kinds: dict[str, float] = defaultdict(float)
    minutes: dict[str, float] = defaultdict(float)
    siblings = {m.number for m in g.world.matters if m.sibling}
    for day in g.week.days:
        for seg in day.segments:
            kinds[seg.kind] += seg.secs
            seg_tags = set(seg.tags)
            if seg.kind == BILLABLE and seg.matter in siblings:
                seg_tags.add("same_client")
            for shot in seg.shots:
                for tag in seg_tags | set(shot.tags):
                    minutes[tag] += shot.secs / 60
    ndays = len(g.week.days)
    cal = Counter(tag for ev in g.week.events for tag in ev.tags)
    return {
        "hours": {k: round(v / 3600, 2) for k, v in sorted(kinds.items())},
        "window_events_per_day": round(len(g.timelines.window) / ndays, 1),
        "web_events_per_day": round(sum(len(v) for v in g.timelines.web.values()) / ndays, 1),
        "afk_events_per_day": round(len(g.timelines.afk) / ndays, 1),
        "segments_per_day": round(sum(len(d.segments) for d in g.week.days) / ndays, 1),
        "minutes": {k: round(minutes.get(k, 0.0), 1) for k in PHENOMENA},
        "calendar": {k: cal.get(k, 0) for k in CAL_TAGS}
        | {"recurring": len(g.week.recurring), "events": len(g.week.events)},
    }


def render_stats(generated: list[Generated]) -> str:
    lines = []
    for n, g in enumerate(generated, start=1):
        s = week_stats(g)
        hours = s["hours"]
        assert isinstance(hours, dict)
        lines.append(
            f"week{n}  firm {g.world.key} ({g.world.firm}, {g.world.desk.os}, export {g.world.export}, "
            f"calendar {g.world.cal_tz})"
        )
        lines.append("  hours: " + "  ".join(f"{k} {v:.1f}" for k, v in hours.items()))
        lines.append(
            f"  per day: window events {s['window_events_per_day']}  web events {s['web_events_per_day']}  "
            f"afk events {s['afk_events_per_day']}  truth segments {s['segments_per_day']}"
        )
        cal = s["calendar"]
        assert isinstance(cal, dict)
        lines.append("  calendar: " + "  ".join(f"{k} {v}" for k, v in cal.items()))
        mins = s["minutes"]
        assert isinstance(mins, dict)
        for tag, label in PHENOMENA.items():
            lines.append(f"    {mins[tag]:7.1f} min  {label}")
    return "\n".join(lines)
