"""A week of work: fixed points first (calls, a hearing or deposition, lunch), then tasks in between.

Times are planned in the attorney's local time and kept in UTC; every day stays within one UTC date.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from . import tasks
from .firms import World
from .model import CalEvent, Day, Doc, Matter, Person, Recurring, Segment, Week
from .tasks import Ctx, State

Run = Callable[[Ctx], list[Segment]]

DAY_GUARD = 15 * 60  # the last event of a day ends this long before UTC midnight


@dataclass
class Anchor:
    start: float
    end: float
    run: Run
    kind: str


# --- choosing work ----------------------------------------------------------------------------------------

Task = Callable[[Ctx, float], list[Segment]]


def _choose(ctx: Ctx, focus: list[Matter]) -> tuple[Task, float]:
    rng, w = ctx.rng, ctx.w
    m = rng.choices(focus, [x.weight for x in focus])[0]
    options: list[tuple[Task, float, tuple[float, float]]] = [
        (lambda c, s: tasks.draft(c, m, s), 30, (15, 75)),
        (lambda c, s: tasks.email(c, m, s), 20, (6, 28)),
        (lambda c, s: tasks.review(c, m, s), 12 if len(m.pdfs) > 1 else 3, (15, 55)),
        (lambda c, s: tasks.research(c, m, s), 10, (15, 50)),
        (tasks.admin, 7, (5, 18)),
        (tasks.personal, 4 * w.habits.personal, (3, 14)),
        (tasks.pause, 3, (5, 16)),
    ]
    if m.portal_pages or m.portal_pdfs:
        weight = 16 if {"patent", "trademark", "opinion"} & m.traits else 8
        options.append((lambda c, s: tasks.portal(c, m, s), weight, (8, 35)))
    if ctx.teams:
        options.append((lambda c, s: tasks.chat(c, m, s), 4, (3, 10)))
    if m.sibling:
        options.append((lambda c, s: tasks.exhibit_after_workspace(c, m, s), 4, (15, 40)))
    others = [
        x
        for x in w.open_matters()
        if x.client is not m.client and any("production" in p.tags for p in x.pdfs)
    ]
    if others:
        other = rng.choice(others)
        options.append((lambda c, s: tasks.production_amid(c, m, other, s), 2.5, (30, 70)))
    task, _w, (lo, hi) = rng.choices(options, [o[1] for o in options])[0]
    return task, rng.uniform(lo, hi) * 60


def _must(ctx: Ctx, focus: list[Matter]) -> tuple[Task, float] | None:
    """A task the week must contain (so every week shows every phenomenon of its firm), or None."""
    if not ctx.st.must or ctx.rng.random() > 0.25 + 0.15 * (ctx.day_no % 5):
        return None
    key = ctx.st.must.pop()
    rng, w = ctx.rng, ctx.w
    m = rng.choice(focus)
    secs = rng.uniform(8, 25) * 60
    if key in tasks.ADMIN:
        return tasks.ADMIN[key], rng.uniform(5, 14) * 60
    if key == "private":
        return (lambda c, s: tasks.personal(c, s, private=True)), rng.uniform(3, 9) * 60
    if key == "music":
        return (lambda c, s: tasks.personal(c, s, private=False, music=True)), rng.uniform(3, 8) * 60
    if key == "adhoc":
        contacts = [x for x in focus if x.contacts]
        m = rng.choice(contacts) if contacts else m
        return (lambda c, s: tasks.email(c, m, s, force_call=True)), rng.uniform(16, 30) * 60
    if key == "exhibit":
        sibs = [x for x in w.open_matters() if x.sibling]
        m = rng.choice(sibs)
        return (lambda c, s: tasks.exhibit_after_workspace(c, m, s)), secs + 600
    if key == "production":
        others = [x for x in w.open_matters() if any("production" in p.tags for p in x.pdfs)]
        other = rng.choice(others)
        mine = [x for x in w.open_matters() if x.client is not other.client] or [m]
        m = rng.choice(mine)
        return (lambda c, s: tasks.production_amid(c, m, other, s)), rng.uniform(35, 60) * 60
    if key == "portal":
        ported = [x for x in w.open_matters() if x.portal_pages]
        m = rng.choice(ported) if ported else m
        return (lambda c, s: tasks.portal(c, m, s)), secs
    if key == "review":
        return (lambda c, s: tasks.review(c, m, s)), secs + 600
    if key == "chat":
        return (lambda c, s: tasks.chat(c, m, s)), rng.uniform(3, 8) * 60
    return (lambda c, s: tasks.research(c, m, s)), secs


def week_musts(w: World, rng: random.Random) -> list[str]:
    keys = [
        "private",
        "music",
        "conflicts",
        "intranet",
        "triage",
        "research",
        "review",
        "review",
        "portal",
        "portal",
    ]
    if w.meeting == "teams":
        keys += ["adhoc", "adhoc", "chat"]
    else:
        keys += ["adhoc"]
    if any(m.sibling for m in w.open_matters()):
        keys += ["exhibit"]
    if any(any("production" in p.tags for p in m.pdfs) for m in w.open_matters()):
        keys += ["production"]
    if w.ebilling:
        keys += ["ebilling", "ebilling"]
    rng.shuffle(keys)
    return keys


def fill(ctx: Ctx, out: list[Segment], budget: float, focus: list[Matter], morning: bool = False) -> None:
    if budget <= 1e-6:
        return
    if budget < 90 and out:
        _stretch(out, budget)
        return
    if morning:
        first = min(budget, ctx.r(8, 30) * 60)
        if budget - first < 240:
            first = budget
        m = ctx.rng.choice(focus)
        out.extend(
            tasks.triage(ctx, first)
            if ctx.rng.random() < 0.35
            else tasks.email(ctx, m, first, call_after=False)
        )
        _remember(ctx, out)
        budget -= first
    while budget > 1e-6:
        task, target = (_must(ctx, focus) if budget > 1500 else None) or _choose(ctx, focus)
        secs = budget if budget - target < 240 else target
        out.extend(task(ctx, secs))
        _remember(ctx, out)
        budget -= secs


def _stretch(out: list[Segment], secs: float) -> None:
    last = out[-1]
    shot = last.shots[-1]
    last.shots[-1] = replace(shot, secs=shot.secs + secs)


def _remember(ctx: Ctx, out: list[Segment]) -> None:
    for seg in reversed(out):
        for shot in reversed(seg.shots):
            if not shot.idle and not shot.incognito:
                ctx.st.last = shot
                return


# --- the calendar -----------------------------------------------------------------------------------------

VAGUE = (
    "Touch base - {me}/{them}",
    "Catch up",
    "{them} <> {me}",
    "Quick call",
    "Check-in",
    "Follow-up call",
    "Call with {them}",
    "Sync",
)


def _call_summary(rng: random.Random, w: World, m: Matter, who: Person, vague: bool) -> tuple[str, bool]:
    if vague or rng.random() < 0.45:
        return rng.choice(VAGUE).format(me=w.owner.first, them=who.first), True
    lead = m.client.name.split(",")[0]
    form = rng.randrange(4)
    text = (
        f"Call w/ {lead} re {m.description}",
        f"{m.short}: strategy call",
        f"{m.short} - weekly check-in",
        f"{lead} / {m.short} - status",
    )[form]
    return text, False


def _description(rng: random.Random, w: World, m: Matter, doc: Doc | None, platform: str) -> str:
    lines = []
    if doc is not None:
        lines.append(f"Agenda: comments on {w.desk.doc_name(doc)}")
    elif m.screen_ids:
        lines.append(f"Re: {m.short} ({rng.choice(m.screen_ids)})")
    else:
        lines.append(f"Re: {m.short}")
    if rng.random() < 0.5:
        lines.append(f"Our file: {rng.choice((m.number, m.number.replace('-', '.').lstrip('0')))}")
    lines.append("")
    lines.append(_boilerplate(rng, w, platform))
    return "\n".join(lines)


def _boilerplate(rng: random.Random, w: World, platform: str) -> str:
    if platform == "teams":
        meeting_id = " ".join(str(rng.randint(100, 999)) for _ in range(4))
        return (
            "_" * 80 + "\nMicrosoft Teams meeting\nJoin on your computer, mobile app or room device\n"
            f"Click here to join the meeting<https://teams.microsoft.com/l/meetup-join/19%3ameeting_{rng.getrandbits(64):x}"
            f"%40thread.v2/0>\nMeeting ID: {meeting_id}\nPasscode: {rng.getrandbits(24):x}\n" + "_" * 80
        )
    if platform == "zoom":
        mid = rng.randint(81000000000, 89999999999)
        pwd = f"{rng.getrandbits(96):x}"
        return f"Join Zoom Meeting\nhttps://us02web.zoom.us/j/{mid}?pwd={pwd}\n\nMeeting ID: {mid}"
    if platform == "webex":
        return f"Join meeting: https://{w.slug}.webex.com/meet/{w.owner.first.lower()}{w.owner.last.lower()}"
    return f"Dial: +1 ({rng.randint(201, 989)}) 555-{rng.randint(100, 199):04d}"


def _location(platform: str, w: World, rng: random.Random) -> str:
    return {
        "teams": "Microsoft Teams Meeting",
        "zoom": f"https://us02web.zoom.us/j/{rng.randint(81000000000, 89999999999)}",
        "webex": f"https://{w.slug}.webex.com/meet/{w.owner.first.lower()}{w.owner.last.lower()}",
        "phone": "Phone",
    }.get(platform, "")


def _platform(rng: random.Random, w: World) -> str:
    x = rng.random()
    if x < 0.62:
        return w.meeting
    if x < 0.88:
        return rng.choice(w.guests)
    return "phone"


# --- days -------------------------------------------------------------------------------------------------


@dataclass
class DayPlan:
    w: World
    rng: random.Random
    day: date
    start: float
    end: float
    anchors: list[Anchor] = field(default_factory=list)
    events: list[CalEvent] = field(default_factory=list)
    force_vague: bool = False  # the week has had no vaguely named call yet

    def local(self, hours: float) -> float:
        return self.w.zone.local_to_utc(self.day, hours * 3600)

    def free(self, start: float, end: float, margin: float = 600, early: float = 1800) -> bool:
        if start < self.start + early or end > self.end - 1200:
            return False
        return all(end + margin <= a.start or start >= a.end + margin for a in self.anchors)

    def add(self, a: Anchor) -> None:
        self.anchors.append(a)
        self.anchors.sort(key=lambda x: x.start)


def _uid(rng: random.Random, w: World) -> str:
    return f"040000008200E00074C5B7101A82E008{rng.getrandbits(128):032X}@{w.domain}"


def plan_call(p: DayPlan, m: Matter, tries: int = 12) -> None:
    rng, w = p.rng, p.w
    for _ in range(tries):
        hour = rng.choice((8.5, 9, 9.5, 10, 10.5, 11, 11.5, 13, 13.5, 14, 14.5, 15, 15.5, 16, 16.5, 17))
        hour += rng.choice((0, 0, 0, 0.25))
        mins = rng.choice((15, 20, 30, 30, 30, 45))
        start = p.local(hour)
        end = start + mins * 60
        if not p.free(start, end + 600):
            continue
        who = rng.choice(m.contacts) if m.contacts else w.colleagues[0]
        platform = _platform(rng, w)
        summary, vague = _call_summary(rng, w, m, who, p.force_vague)
        p.force_vague = False
        doc = rng.choice(m.docs) if m.docs and rng.random() < 0.6 else None
        ev = CalEvent(
            _uid(rng, w),
            start,
            end,
            summary,
            _location(platform, w, rng),
            _description(rng, w, m, doc, platform),
            list(dict.fromkeys([who, *m.contacts[: rng.randint(0, 2)]])),
            organizer=w.owner if rng.random() < 0.6 else who,
            tags=frozenset({"vague_calendar_call"} if vague else ()),
        )
        p.events.append(ev)
        late = rng.uniform(-60, 240)
        actual_end = end + rng.uniform(-300, 480)
        a_start = start + late
        title = summary if rng.random() < 0.6 else f"Meeting with {who.name}"
        tags = ("vague_calendar_call",) if vague else ()
        what = f"call: {summary}"

        def run(
            c: Ctx,
            s: float = a_start,
            e: float = actual_end,
            pl: str = platform,
            t: str = title,
            h: str = who.name,
            d: Doc | None = doc,
            wh: str = what,
            tg: tuple[str, ...] = tags,
        ) -> list[Segment]:
            return tasks.meeting(c, m, e - s, pl, t, h, d, wh, *tg)

        p.add(Anchor(a_start, actual_end, run, "call"))
        return


def plan_internal(p: DayPlan) -> None:
    rng, w = p.rng, p.w
    for _ in range(8):
        hour = rng.choice((8.5, 9, 12, 12.5, 16, 16.5, 17))
        start = p.local(hour)
        end = start + rng.choice((30, 45, 60)) * 60
        if not p.free(start, end):
            continue
        summary = rng.choice(
            (
                "Practice group meeting",
                "Associates lunch & learn",
                "Docket review",
                "Firm-wide town hall",
                "Knowledge management demo",
                "Pro bono committee",
            )
        )
        platform = w.meeting
        p.events.append(
            CalEvent(
                _uid(rng, w),
                start,
                end,
                summary,
                _location(platform, w, rng),
                _boilerplate(rng, w, platform),
                rng.sample(w.colleagues, 2),
                organizer=w.colleagues[0],
            )
        )
        a_start = start + rng.uniform(-30, 180)

        def run(
            c: Ctx, s: float = a_start, e: float = end, t: str = summary, pl: str = platform
        ) -> list[Segment]:
            return tasks.meeting(c, None, e - s, pl, t, "", None, f"firm meeting: {t}", "firm_meeting")

        p.add(Anchor(a_start, end, run, "internal"))
        return


def plan_away(p: DayPlan, m: Matter) -> bool:
    rng, w = p.rng, p.w
    what, place, addr = rng.choice(m.events)
    in_house = not addr
    for _ in range(10):
        hour = rng.choice((9, 9.5, 10, 10, 13, 13.5, 14))
        secs = rng.choice((60, 75, 90, 105, 120, 150)) * 60
        before = 0 if in_house else rng.uniform(15, 40) * 60
        after = 0 if in_house else rng.uniform(15, 40) * 60
        start = p.local(hour)
        if not p.free(start - before, start + secs + after, 300):
            continue
        location = place if in_house else f"{place}, {addr}"
        summary = f"{what} - {m.short}" if rng.random() < 0.7 else what
        p.events.append(
            CalEvent(
                _uid(rng, w),
                start,
                start + secs,
                summary,
                location,
                f"{m.short}\nFile no. {m.number}" if rng.random() < 0.5 else m.short,
                m.contacts[:2],
                organizer=w.owner,
                tags=frozenset({"hearing_away"}),
            )
        )
        # the attorney locks up a little before leaving and unlocks a little after coming back
        out_at = start - before - rng.uniform(0, 300)
        back_at = start + secs + after + rng.uniform(0, 300)
        b, e_end = start - out_at, start + secs

        def run(
            c: Ctx,
            s: float = out_at,
            t: float = back_at,
            bb: float = b,
            ev: float = secs,
            ee: float = e_end,
            wh: str = what,
            pl: str = place,
        ) -> list[Segment]:
            return tasks.away_event(c, m, bb, ev, t - ee, f"{wh.lower()}", pl)

        p.add(Anchor(out_at, back_at, run, "away"))
        return True
    return False


def plan_lunch(p: DayPlan) -> None:
    rng = p.rng
    for _ in range(12):
        start = p.local(rng.uniform(11.6, 13.4))
        secs = rng.uniform(22, 62) * 60
        if p.free(start, start + secs, 300):

            def run(c: Ctx, s: float = secs) -> list[Segment]:
                return tasks.lunch(c, s)

            p.add(Anchor(start, start + secs, run, "lunch"))
            return


def plan_recurring(p: DayPlan, rec: Recurring) -> None:
    start = p.w.zone.local_to_utc(p.day, rec.local)
    end = start + rec.secs
    if not p.free(start, end, 300, early=300):
        return
    a_start = start + p.rng.uniform(-30, 200)
    m = rec.matter
    what = f"call: {rec.summary}" if m else f"firm meeting: {rec.summary}"

    def run(c: Ctx, s: float = a_start, e: float = end) -> list[Segment]:
        return tasks.meeting(c, m, e - s, rec.platform, rec.summary, c.w.owner.name, None, what, "recurring")

    p.add(Anchor(a_start, end, run, "recurring"))


def build_day(
    w: World,
    st: State,
    rng: random.Random,
    day_no: int,
    day: date,
    away: Matter | None,
    recurring: list[Recurring],
) -> tuple[Day, list[CalEvent]]:
    h = w.habits
    start = w.zone.local_to_utc(day, rng.uniform(*h.start_hour) * 3600)
    midnight = datetime.fromtimestamp(start, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    limit = (midnight + timedelta(days=1)).timestamp() - DAY_GUARD
    end = min(limit, start + rng.uniform(*h.desk_hours) * 3600 + rng.uniform(30, 55) * 60)
    p = DayPlan(w, rng, day, start, end)
    for rec in recurring:
        if rec.weekday == day.weekday():
            plan_recurring(p, rec)
    if away is not None:
        p.end = min(limit, p.end + rng.uniform(1.5, 3) * 3600)
        plan_away(p, away)
    p.force_vague = st.vague_due
    plan_lunch(p)
    focus = _focus(w, rng)
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        plan_call(p, rng.choices(focus, [m.weight for m in focus])[0])
    if any("vague_calendar_call" in e.tags for e in p.events):
        st.vague_due = False
    if rng.random() < 0.35:
        plan_internal(p)
    ctx = Ctx(w, rng, day_no, st)
    ctx.w.desk.mail = _mail_today(w, rng, day_no)
    segments: list[Segment] = []
    t = start
    for i, a in enumerate(p.anchors):
        fill(ctx, segments, a.start - t, focus, morning=i == 0)
        segments.extend(a.run(ctx))
        _remember(ctx, segments)
        t = a.end
    eod = min(rng.uniform(4, 14) * 60, max(0.0, p.end - t - 300))
    fill(ctx, segments, max(0.0, p.end - t - eod), focus, morning=not p.anchors)
    if eod > 0:
        segments.extend(tasks.timekeeping(ctx, eod))
    return Day(day.isoformat(), start, segments), p.events


def _mail_today(w: World, rng: random.Random, day_no: int) -> str:
    base = w.base_mail
    if day_no >= w.new_outlook_from and base == "classic":
        return "new" if rng.random() < 0.75 else "classic"
    return base


def _focus(w: World, rng: random.Random) -> list[Matter]:
    pool = w.open_matters()
    k = min(len(pool), rng.randint(3, 6))
    chosen: list[Matter] = []
    weights = [m.weight for m in pool]
    while len(chosen) < k:
        m = rng.choices(pool, weights)[0]
        if m not in chosen:
            chosen.append(m)
    return chosen


# --- weeks ------------------------------------------------------------------------------------------------


def recurring_meetings(w: World, first_monday: date, rng: random.Random) -> list[Recurring]:
    out = [
        Recurring(
            _uid(rng, w),
            rng.randrange(5),
            rng.choice((9.5, 10, 16, 16.5)) * 3600,
            rng.choice((30, 45)) * 60,
            rng.choice(("Team weekly", "Litigation team weekly", "Weekly case review", "Monday huddle")),
            None,
            w.meeting,
            first_monday - timedelta(weeks=rng.randint(6, 40)),
            rng.sample(w.colleagues, 3),
        )
    ]
    if w.meeting == "zoom":
        m = max(w.open_matters(), key=lambda x: x.weight)
        out.append(
            Recurring(
                _uid(rng, w),
                rng.randrange(5),
                rng.choice((10, 11, 14, 15)) * 3600,
                30 * 60,
                f"{m.client.name.split()[0]} weekly IP sync",
                m,
                "zoom",
                first_monday - timedelta(weeks=rng.randint(3, 20)),
                m.contacts[:2],
                f"Standing call re {m.short}\nOur ref: {m.number}\n\n{_boilerplate(rng, w, 'zoom')}",
            )
        )
    return out


def calendar_noise(w: World, rng: random.Random, monday: date) -> list[CalEvent]:
    """Events on the calendar that did not happen or are not meetings: cancelled, declined, focus time,
    deadlines."""
    out = [_cancelled(w, rng, monday), _declined(w, rng, monday)]
    for _ in range(rng.randint(0, 2)):
        start = _at(w, rng, monday, (8, 13, 15))
        out.append(
            CalEvent(
                _uid(rng, w),
                start,
                start + 7200,
                "Focus time",
                "",
                "Scheduled by MyAnalytics.",
                [],
                tags=frozenset({"focus_time"}),
            )
        )
    if rng.random() < 0.7:
        m = rng.choice(w.open_matters())
        day = monday + timedelta(days=rng.randrange(5))
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC).timestamp()
        out.append(
            CalEvent(
                _uid(rng, w),
                midnight,
                midnight + 86400,
                f"DEADLINE: {m.short} - response due",
                "",
                "",
                [],
                all_day=True,
                tags=frozenset({"deadline"}),
            )
        )
    return out


def _at(w: World, rng: random.Random, monday: date, hours: tuple[float, ...]) -> float:
    """A random weekday of the week at one of `hours` local time, as UTC."""
    day = monday + timedelta(days=rng.randrange(5))
    return w.zone.local_to_utc(day, rng.choice(hours) * 3600)


def _cancelled(w: World, rng: random.Random, monday: date) -> CalEvent:
    m = rng.choice(w.open_matters())
    start = _at(w, rng, monday, (10, 11, 14, 15))
    who = rng.choice(m.contacts) if m.contacts else w.colleagues[0]
    summary = f"Canceled: Call w/ {m.client.name.split(',')[0]} re {m.short}"
    return CalEvent(
        _uid(rng, w),
        start,
        start + 1800,
        summary,
        _location(w.meeting, w, rng),
        m.short,
        [who],
        status="CANCELLED",
        organizer=who,
        tags=frozenset({"cancelled"}),
    )


def _declined(w: World, rng: random.Random, monday: date) -> CalEvent:
    m = rng.choice(w.open_matters())
    start = _at(w, rng, monday, (9.5, 11.5, 15.5))
    return CalEvent(
        _uid(rng, w),
        start,
        start + 2700,
        f"Meet and confer - {m.short}",
        "Microsoft Teams Meeting",
        f"{m.short}\n\n{_boilerplate(rng, w, 'teams')}",
        m.contacts[:1],
        declined=True,
        organizer=m.contacts[-1] if m.contacts else w.colleagues[0],
        tags=frozenset({"declined"}),
    )


def build_week(w: World, st: State, seed: int, week_no: int, monday: date, first_monday: date) -> Week:
    rng = random.Random(f"{seed}:{w.key}:week{week_no}")
    rec = recurring_meetings(w, first_monday, random.Random(f"{seed}:{w.key}:recurring"))
    away_day = rng.randrange(5)
    second = rng.randrange(5) if rng.random() < 0.3 else -1
    st.must = week_musts(w, rng)
    st.vague_due = True
    candidates = [m for m in w.open_matters() if m.events]
    days, events = [], []
    for i in range(5):
        day = monday + timedelta(days=i)
        day_rng = random.Random(f"{seed}:{w.key}:week{week_no}:day{i}")
        away = (
            rng.choices(candidates, [m.weight for m in candidates])[0]
            if i in (away_day, second) and candidates
            else None
        )
        d, evs = build_day(w, st, day_rng, (week_no - 1) * 5 + i, day, away, rec)
        days.append(d)
        events.extend(evs)
    events.extend(calendar_noise(w, rng, monday))
    return Week(days, events, list(w.matters), rec)
