"""The plan of a seed-built firm's week, which is the truth: calendar items, then each day as a list of
segments (what the attorney really did, second by second). No attribution rule is involved: a
segment's matter is what the plan chose, whatever its windows will show."""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace
from datetime import date

from common import MIN, US
from model import stable_id
from world import Firm, Item, Matter, Person

DAYS = ("MO", "TU", "WE", "TH", "FR")


@dataclass(frozen=True)
class Event:
    """A calendar item (or, with status adhoc, an unscheduled call)."""

    key: str
    summary: str
    matter: str | None
    app: str  # teams | zoom | webex | inperson | webinar
    day: int  # 0 = Monday
    at: int  # local minutes after midnight, round as calendars are
    minutes: int
    attendees: tuple[str, ...] = ()
    location: str = ""
    description: str = ""
    status: str = "held"  # held | cancelled | declined
    kind: str = "billable"
    rrule: str = ""
    travel: int = 0
    what: str = ""
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Seg:
    """One interval of the real day: the unit of the truth file."""

    start: int
    end: int
    kind: str  # billable | nonbillable | personal | away
    task: str
    matter: str | None = None
    item: Item | None = None
    event: Event | None = None
    what: str = ""
    flavor: str = ""  # exhibit | production | research | after_email | end_ws | phantom kind ...
    contact: Person | None = None
    other: str = ""  # the other matter whose windows surround or precede this one


@dataclass
class Memory:
    """What carries over between days and weeks: DMS documents already opened and their versions."""

    opened: set[str] = field(default_factory=set)
    versions: dict[str, tuple[date, int]] = field(default_factory=dict)
    generic_n: int = 1


# ---------------------------------------------------------------- the week's calendar


def _round_time(rng: random.Random, lo: int, hi: int, step: int = 30) -> int:
    return rng.randrange(lo // step, hi // step + 1) * step


def _pick_matter(f: Firm, rng: random.Random, avoid: str | None = None, need: str = "") -> Matter:
    ms = [m for m in f.matters if m.weight > 0 and (not need or getattr(m, need))]
    ws = [m.weight * (0.25 if m.number == avoid else 1.0) for m in ms]
    return rng.choices(ms, ws)[0]


def _app(f: Firm, rng: random.Random) -> str:
    apps = f.conv.meeting_apps
    return rng.choices([a for a, _ in apps], [w for _, w in apps])[0]


def _call_event(f: Firm, m: Matter, day: int, rng: random.Random, n: int) -> Event:
    """A scheduled call on a matter; some subjects are vague and only the description names the file."""
    c = rng.choice(m.contacts) if m.contacts else None
    topic = rng.choice(m.topics) if m.topics else "status"
    style = rng.choices(["client", "caption", "vague", "callw"], [0.38, 0.32, 0.2, 0.1])[0] if n else "vague"
    desc = ""
    tags: tuple[str, ...] = ()
    if style == "client" or c is None:
        summary = f"{m.client.short} - {topic}"
    elif style == "caption":
        summary = f"{m.short}: {topic}"
    elif style == "vague":
        summary = f"Touch base - {c.first}/{f.attorney.first}"
        docs = m.of("doc")
        ref = rng.choice(docs).name if docs else m.short
        num = rng.choice(m.number_variants) if m.number_variants and rng.random() < 0.5 else m.number
        desc = rng.choice([f"Re: {ref}", f"To go over {ref} ({num})", f"{num} - {topic}; draft: {ref}"])
        tags = ("vague_call",)
    else:
        summary = f"Call w/ {c.first}"
        tags = ("vague_call",)
    attendees = tuple(p.email for p in (m.contacts[:2] if m.contacts else ()))
    minutes = rng.choice([30, 30, 45, 60])
    at = _round_time(rng, 9 * 60, 16 * 60 + 30)
    return Event(
        f"call{n}", summary, m.number, _app(f, rng), day, at, minutes, attendees, "", desc, tags=tags
    )


def plan_calendar(f: Firm, week: int, rng: random.Random) -> tuple[list[Event], list[tuple[int, str]]]:
    """Firm meetings, a client series, scheduled calls, an outing, a declined and a cancelled item, deadlines."""
    ev: list[Event] = []
    for summary, wd, at, minutes in f.series:
        h, mi = at.split(":")
        ev.append(
            Event(
                f"series:{summary}",
                summary,
                None,
                "teams",
                wd,
                int(h) * 60 + int(mi),
                minutes,
                tuple(p.email for p in f.colleagues[:3]),
                "Microsoft Teams Meeting",
                kind="nonbillable",
                rrule=f"FREQ=WEEKLY;BYDAY={DAYS[wd]}",
                what="firm meeting",
            )
        )
    top = max(f.matters, key=lambda m: (m.weight, m.number))
    if top.contacts:
        wd = int(stable_id(f.persona, top.number, n=2), 16) % 4 + 1
        ev.append(
            Event(
                f"series:{top.number}",
                f"{top.client.short} / {f.name.split()[0]} - weekly",
                top.number,
                _app(f, random.Random(top.number)),
                wd,
                11 * 60 if wd % 2 else 15 * 60,
                30,
                tuple(p.email for p in top.contacts[:2]),
                rrule=f"FREQ=WEEKLY;BYDAY={DAYS[wd]}",
            )
        )
    for n in range(rng.randint(3, 5)):
        ev.append(_call_event(f, _pick_matter(f, rng), rng.randint(0, 4), rng, n))
    ev.extend(_outings(f, week, rng))
    m = _pick_matter(f, rng)
    declined = _call_event(f, m, rng.randint(0, 4), rng, 90)
    ev.append(replace(declined, key="declined", status="declined", tags=("declined",)))
    m = _pick_matter(f, rng)
    cancelled = _call_event(f, m, rng.randint(0, 4), rng, 91)
    ev.append(replace(cancelled, key="cancelled", status="cancelled", tags=("cancelled",)))
    if f.cle and rng.random() < 0.6:
        ev.append(
            Event(
                "cle",
                rng.choice(f.cle),
                None,
                "webinar",
                rng.randint(1, 4),
                12 * 60,
                60,
                kind="nonbillable",
                what="CLE webinar",
            )
        )
    deadlines: list[tuple[int, str]] = []
    for _ in range(rng.randint(1, 3)):
        m = _pick_matter(f, rng)
        item = (rng.randint(0, 4), rng.choice(m.deadlines)) if m.deadlines else None
        if item and all(x[1] != item[1] for x in deadlines):
            deadlines.append(item)
    return ev, deadlines


def _outings(f: Firm, week: int, rng: random.Random) -> list[Event]:
    """Hearings, depositions, mediations: the screen is locked for hours and the calendar says where."""
    cands = [(m, o) for m in f.matters for o in m.outings if m.weight > 0]
    if not cands:
        return []
    out = []
    days = rng.sample(range(5), 2)
    for i in range(1 if rng.random() < 0.6 else 2):
        m, o = rng.choice(cands)
        at = rng.choice([9 * 60 + 30, 10 * 60, 13 * 60 + 30, 14 * 60]) if o.minutes <= 150 else 9 * 60 + 30
        ev = Event(
            f"outing{i}",
            o.summary,
            m.number,
            "inperson",
            days[i],
            at,
            o.minutes,
            tuple(p.email for p in m.contacts[:1]),
            o.location,
            travel=o.travel,
            what=o.kind,
            tags=("outing",),
        )
        out.append(ev)
    return out


# ---------------------------------------------------------------- the day's plan


class Planner:
    """Builds one day's segments: fixed items first, then episodes of work in between."""

    def __init__(self, f: Firm, rng: random.Random, mem: Memory) -> None:
        self.f, self.rng, self.mem = f, rng, mem
        self.working: list[Item] = []  # documents opened this week: reopened more often
        self.scale = 1.0

    def day(self, d: date, events: list[Event]) -> list[Seg]:
        f, rng, z = self.f, self.rng, self.f.zone
        day0 = z.local_us(d, _hm(f.conv.day_start) + rng.randint(-20, 20))
        day1 = z.local_us(d, _hm(f.conv.day_end) + rng.randint(-30, 30))
        midnight = ((day0 // (86400 * US)) + 1) * 86400 * US
        day1 = min(day1, midnight - 20 * MIN)
        fixed = self._fixed(d, events)
        if fixed:
            day0 = min(day0, fixed[0].start - 25 * MIN)
            day1 = min(max(day1, max(x.end for x in fixed) + 20 * MIN), midnight - 12 * MIN)
        self._place_routine(d, day0, day1, fixed)
        fixed.sort(key=lambda x: x.start)
        self._set_scale(day0, day1, fixed)
        segs: list[Seg] = []
        t = day0
        for x in fixed:
            gap = x.start - t
            if 0 < gap < 6 * MIN and segs:
                segs[-1] = replace(segs[-1], end=x.start)
            elif gap > 0:
                segs.extend(self._fill(t, x.start, segs[-1] if segs else None))
            start = max(x.start, t)
            if start < x.end:
                segs.append(replace(x, start=start))
                t = x.end
        if t < day1:
            segs.extend(self._fill(t, day1, segs[-1] if segs else None))
        while segs and segs[0].kind == "away":
            segs.pop(0)
        return segs

    # -- fixed items
    def _fixed(self, d: date, events: list[Event]) -> list[Seg]:
        rng, z, out = self.rng, self.f.zone, []
        for e in sorted(events, key=lambda e: (e.app != "inperson", e.at)):
            if e.day != d.weekday() or e.status != "held":
                continue
            s = z.local_us(d, e.at)
            if e.app == "inperson":
                late = rng.randint(0, 20) * MIN if e.what == "hearing" else rng.randint(-5, 10) * MIN
                start = s + max(0, late) if e.what != "hearing" else s  # waiting in court is billable
                end = start + e.minutes * MIN + rng.randint(-30, 45) * MIN
                go = start - (e.travel + rng.randint(-5, 10)) * MIN
                back = end + (e.travel + rng.randint(-5, 15)) * MIN
                m = self.f.matter(e.matter or "")
                where = e.location.split(",")[0]
                out.append(Seg(go, start, "away", "travel", what=f"travel to {where}", event=e))
                out.append(
                    Seg(start, end, "billable", "outing", m.number, event=e, what=f"{e.what}: {e.summary}")
                )
                out.append(Seg(end, back, "away", "travel", what=f"travel back from {where}", event=e))
                continue
            s += rng.randint(-60, 300) * US
            e_end = s + max(8 * MIN, e.minutes * MIN + rng.randint(-240, 600) * US)
            if any(
                x.task in ("travel", "outing") and s < x.end + 5 * MIN and x.start - 5 * MIN < e_end
                for x in out
            ):
                continue  # at court or a deposition: the call is missed
            for _ in range(4):
                clash = [x for x in out if s < x.end and x.start < e_end]
                if not clash:
                    break
                s, e_end = max(x.end for x in clash), max(x.end for x in clash) + (e_end - s)
            task = {"webinar": "cle"}.get(e.app, "call" if e.kind == "billable" else "meeting")
            what = e.what or f"call: {e.summary}"
            out.append(Seg(s, e_end, e.kind, task, e.matter, event=e, what=what))
        return sorted(out, key=lambda x: x.start)

    def _place(self, fixed: list[Seg], seg: Seg, lo: int, hi: int, minutes: tuple[int, int]) -> bool:
        rng = self.rng
        for _ in range(50):
            dur = rng.randint(minutes[0] * 60, minutes[1] * 60) * US
            s = rng.randint(lo, max(lo, hi - dur))
            if not any(s - 8 * MIN < x.end and x.start < s + dur + 8 * MIN for x in fixed):
                fixed.append(replace(seg, start=s, end=s + dur))
                return True
        return False

    def _place_routine(self, d: date, day0: int, day1: int, fixed: list[Seg]) -> None:
        f, rng, z = self.f, self.rng, self.f.zone
        eod = rng.randint(6, 14) * MIN
        if not any(x.end > day1 - eod for x in fixed):
            fixed.append(
                Seg(day1 - eod, day1, "nonbillable", "admin", what="time entry", flavor="timekeeping")
            )
        busy_noon = any(
            x.task == "outing" and x.start < z.local_us(d, 13 * 60) and x.end > z.local_us(d, 12 * 60)
            for x in fixed
        )
        if not busy_noon:
            lunch = Seg(0, 0, "away", "lunch", what="lunch")
            self._place(fixed, lunch, z.local_us(d, 11 * 60 + 45), z.local_us(d, 13 * 60 + 40), (25, 55))
        self._place(
            fixed,
            Seg(0, 0, "nonbillable", "admin", what="firm admin"),
            day0 + 5 * MIN,
            day0 + 100 * MIN,
            (5, 14),
        )
        if rng.random() < 0.45 and f.phantom:
            page = rng.choice(f.phantom)
            seg = Seg(0, 0, "nonbillable", "phantom", what=f"firm admin: {page.tag}", flavor=page.tag)
            self._place(fixed, seg, day0 + 60 * MIN, day1 - 60 * MIN, (6, 22))
        for _ in range(rng.choice([1, 1, 2, 2, 3])):
            self._place(
                fixed, Seg(0, 0, "away", "break", what="break"), day0 + 60 * MIN, day1 - 50 * MIN, (5, 16)
            )
        for _ in range(rng.choice([0, 1, 1, 2])):
            seg = Seg(0, 0, "personal", "personal", what="personal browsing")
            self._place(fixed, seg, day0 + 30 * MIN, day1 - 30 * MIN, (4, 13))

    # -- work between fixed items
    def _fill(self, a: int, b: int, prev: Seg | None) -> list[Seg]:
        out: list[Seg] = []
        t = a
        while b - t > 0:
            left = b - t
            if left < 12 * MIN:
                if out:
                    out[-1] = replace(out[-1], end=b)
                elif prev is not None and prev.kind == "billable" and prev.task not in ("call", "outing"):
                    out.append(replace(self._task(t, b, prev.matter, prev.matter), start=t, end=b))
                else:
                    out.append(self._task(t, b, None))
                break
            ep = self._episode(t, b, out[-1] if out else prev)
            out.extend(ep)
            t = ep[-1].end
        return out

    def _dur(self, lo: int = 0, mode: int = 0, hi: int = 0) -> int:
        d_lo, d_mode, d_hi = self.f.conv.task_minutes
        if lo:
            return int(self.rng.triangular(lo, hi, mode) * MIN)
        return int(self.rng.triangular(d_lo, d_hi, d_mode) * self.scale * MIN)

    def _set_scale(self, day0: int, day1: int, fixed: list[Seg]) -> None:
        """Stretch or shrink task lengths so that a day has a realistic number of tasks (about 9-18)."""
        busy = sum(x.end - x.start for x in fixed if day0 <= x.start < day1)
        free_min = max(60.0, (day1 - day0 - busy) / MIN)
        calls = sum(1 for x in fixed if x.kind == "billable")
        target = max(4, self.rng.randint(7, 12) - calls)
        mean = sum(self.f.conv.task_minutes) / 3
        self.scale = min(2.2, max(0.6, free_min / target / mean))

    def _episode(self, t: int, b: int, prev: Seg | None) -> list[Seg]:
        rng = self.rng
        avoid = prev.matter if prev else None
        kinds = ["task", "research_after", "email_call", "exhibit", "sandwich", "chat"]
        weights = [0.66, 0.1, 0.07, 0.05, 0.05, 0.04]
        kind = rng.choices(kinds, weights)[0]
        if kind == "research_after":
            s1 = self._task(t, min(b, t + self._dur()), avoid, kinds=("draft", "email", "review"))
            if s1.matter and any(m.number == s1.matter and m.of("research") for m in self.f.matters):
                r_end = min(b, s1.end + self._dur(6, 12, 25))
                r = self._research(s1.end, r_end, s1.matter)
                return [s1, r] if r.end > r.start else [s1]
            return [s1]
        if kind == "email_call":
            ep = self._email_call(t, b, avoid)
            if ep:
                return ep
        if kind == "exhibit":
            ep = self._exhibit(t, b)
            if ep:
                return ep
        if kind == "sandwich":
            ep = self._sandwich(t, b)
            if ep:
                return ep
        if kind == "chat":
            m = _pick_matter(self.f, rng, avoid)
            if m.contacts:
                c = rng.choice(m.contacts)
                end = min(b, t + self._dur(3, 6, 12))
                return [
                    Seg(t, end, "billable", "chat", m.number, what=f"Teams chat with {c.name}", contact=c)
                ]
        return [self._task(t, min(b, t + self._dur()), avoid)]

    def _task(
        self, s: int, e: int, avoid: str | None, force: str | None = None, kinds: tuple[str, ...] = ()
    ) -> Seg:
        f, rng = self.f, self.rng
        m = f.matter(force) if force else _pick_matter(f, rng, avoid)
        weights = {
            "draft": 0.34,
            "sheet": 0.06,
            "review": 0.16,
            "email": 0.22,
            "research": 0.08,
            "site": 0.14,
        }
        options = [(t, w) for t, w in weights.items() if self._items(m, t) and (not kinds or t in kinds)]
        if not options:
            options = [(t, w) for t, w in weights.items() if self._items(m, t)]
        task = rng.choices([t for t, _ in options], [w for _, w in options])[0]
        items = self._items(m, task)
        ws = [
            (2.2 if i in self.working else 1.0) * (0.35 if i.weak else 1.0) * (1.2 if i.tag else 1.0)
            for i in items
        ]
        item = rng.choices(items, ws)[0]
        if item.kind in ("doc", "sheet") and item not in self.working:
            self.working.append(item)
        task = "draft" if task == "sheet" else task
        if task == "research":
            return replace(self._research(s, e, m.number), item=item, what=f"legal research: {item.name}")
        return Seg(s, e, "billable", task, m.number, item, what=_what(task, item))

    @staticmethod
    def _items(m: Matter, task: str) -> list[Item]:
        kinds = {"draft": ("doc",), "sheet": ("sheet",), "review": ("pdf",), "email": ("thread",)}
        if task == "site":
            return [i for i in m.items if i.kind == "site"]
        if task == "research":
            return m.of("research")
        return [i for i in m.items if i.kind in kinds[task] and i.tag not in ("exhibit", "production")]

    def _research(self, s: int, e: int, matter: str) -> Seg:
        m = self.f.matter(matter)
        topics = m.of("research")
        item = self.rng.choice(topics) if topics else None
        what = f"legal research: {item.name}" if item else "legal research"
        return Seg(s, e, "billable", "research", matter, item, what=what, flavor="research")

    def _email_call(self, t: int, b: int, avoid: str | None) -> list[Seg]:
        """An e-mail with a client contact, then an unscheduled Teams call with that person."""
        m = _pick_matter(self.f, self.rng, avoid)
        threads = [i for i in m.of("thread") if i.contact is not None and i.contact in m.contacts]
        if not threads or b - t < 25 * MIN:
            return []
        th = self.rng.choice(threads)
        e1 = t + self._dur(5, 9, 16)
        e2 = min(b, e1 + self._dur(5, 11, 24))
        c = th.contact
        assert c is not None
        return [
            Seg(t, e1, "billable", "email", m.number, th, what=_what("email", th), flavor="before_call"),
            Seg(
                e1,
                e2,
                "billable",
                "adhoc",
                m.number,
                th,
                what=f"call with {c.name} (Teams, unscheduled)",
                contact=c,
            ),
        ]

    def _exhibit(self, t: int, b: int) -> list[Seg]:
        """A glance into one matter's workspace, then an exhibit of the client's OTHER matter."""
        pairs = [
            (x, y)
            for x in self.f.matters
            for y in self.f.matters
            if x != y and x.client == y.client and any(i.tag == "exhibit" for i in x.items) and y.of("doc")
        ]
        if not pairs or b - t < 25 * MIN:
            return []
        x, y = self.rng.choice(pairs)
        e1 = t + self._dur(6, 10, 18)
        e2 = min(b, e1 + self._dur(10, 20, 35))
        doc = self.rng.choice(y.of("doc"))
        ex = self.rng.choice([i for i in x.items if i.tag == "exhibit"])
        return [
            Seg(t, e1, "billable", "draft", y.number, doc, what=_what("draft", doc), flavor="end_ws"),
            Seg(
                e1,
                e2,
                "billable",
                "review",
                x.number,
                ex,
                what=_what("review", ex),
                flavor="exhibit",
                other=y.number,
            ),
        ]

    def _sandwich(self, t: int, b: int) -> list[Seg]:
        """A production volume named after one matter's party, read between tasks of another client."""
        xs = [m for m in self.f.matters if any(i.tag == "production" for i in m.items)]
        if not xs or b - t < 40 * MIN:
            return []
        x = self.rng.choice(xs)
        zs = [m for m in self.f.matters if m.client != x.client and m.weight > 0 and m.of("doc", "thread")]
        if not zs:
            return []
        z = self.rng.choice(zs)
        prod = self.rng.choice([i for i in x.items if i.tag == "production"])
        d1, d2, d3 = self._dur(8, 14, 22), self._dur(10, 16, 28), self._dur(8, 14, 22)
        k = min(1.0, (b - t) / (d1 + d2 + d3))
        s1 = self._task(t, t + int(d1 * k), None, force=z.number, kinds=("draft", "email"))
        e2 = s1.end + int(d2 * k)
        s3_end = b if b - (e2 + int(d3 * k)) < 6 * MIN else e2 + int(d3 * k)
        return [
            s1,
            Seg(
                s1.end,
                e2,
                "billable",
                "review",
                x.number,
                prod,
                what=_what("review", prod),
                flavor="production",
                other=z.number,
            ),
            replace(s1, start=e2, end=s3_end),
        ]


def _hm(s: str) -> int:
    h, m = s.split(":")
    return int(h) * 60 + int(m)


def _what(task: str, item: Item) -> str:
    return {
        "draft": f"draft/revise {item.name}",
        "review": f"review {item.name}",
        "email": f"correspondence: {item.name}",
        "research": f"legal research: {item.name}",
        "site": f"online: {item.name}",
    }[task]
