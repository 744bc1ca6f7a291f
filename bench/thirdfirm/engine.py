"""Week planner, window/afk/truth renderer and file writers shared by all firm packs.

The plan is the truth: every block says what the attorney was really doing; windows are then
rendered from the block the way the applications on that desktop would title them.
"""
from __future__ import annotations

import csv
import json
import math
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone

UTC = UTC

# --------------------------------------------------------------------------- time zones
# (standard offset, observes US DST, Outlook/Windows name)
ZONES = {
    "America/New_York": (-5, True, "Eastern Standard Time"),
    "America/Detroit": (-5, True, "Eastern Standard Time"),
    "America/Indiana/Indianapolis": (-5, True, "US Eastern Standard Time"),
    "America/Chicago": (-6, True, "Central Standard Time"),
    "America/Puerto_Rico": (-4, False, "SA Western Standard Time"),
}


def _nth_sunday(y: int, m: int, n: int) -> date:
    d = date(y, m, 1)
    d += timedelta(days=(6 - d.weekday()) % 7)
    return d + timedelta(weeks=n - 1)


def utc_offset(tz: str, d: date) -> int:
    std, dst, _ = ZONES[tz]
    if dst and _nth_sunday(d.year, 3, 2) <= d < _nth_sunday(d.year, 11, 1):
        return std + 1
    return std


def local_epoch(tz: str, d: date, minute: float) -> float:
    off = utc_offset(tz, d)
    base = datetime(d.year, d.month, d.day, tzinfo=timezone(timedelta(hours=off)))
    return base.timestamp() + minute * 60.0


def iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).isoformat(timespec="microseconds")


# --------------------------------------------------------------------------- model
@dataclass(eq=False)
class Doc:
    name: str
    ext: str = "docx"
    dms: str | None = None
    ver: int = 1
    unsaved: bool = False


@dataclass(eq=False)
class Client:
    name: str
    short: str
    domain: str
    people: list = field(default_factory=list)  # (first, last, email)
    individual: bool = False
    aliases: list = field(default_factory=list)


@dataclass(eq=False)
class Matter:
    number: str
    client: Client
    desc: str
    mtype: str
    short: str
    f: dict
    docs: list = field(default_factory=list)
    pdfs: list = field(default_factory=list)
    threads: list = field(default_factory=list)
    research: list = field(default_factory=list)   # (query, [case titles])
    keywords: list = field(default_factory=list)
    identifiers: list = field(default_factory=list)
    aliases: list = field(default_factory=list)
    contacts: list = field(default_factory=list)
    status: str = "Open"
    weight: float = 1.0
    week_open: int = 1
    folder: str = ""

    def fmt(self, tpl: str, rng) -> str:
        f = dict(self.f)
        if "Dv" in f:
            f["D"] = rng.choice(f["Dv"])
        return tpl.format(**f)


@dataclass(eq=False)
class Block:
    start: float  # local minutes until placed, then epoch seconds
    end: float
    kind: str     # billable / nonbillable / personal / away
    matter: Matter | None
    act: str
    what: str
    data: dict = field(default_factory=dict)


@dataclass(eq=False)
class CalEvent:
    summary: str
    start: float
    end: float
    location: str = ""
    description: str = ""
    attendees: list = field(default_factory=list)  # (name, email)
    organizer: tuple | None = None
    status: str = "CONFIRMED"
    rrule: str = ""
    allday: date | None = None
    busy: str = "BUSY"
    uid: str = ""


def wchoice(rng, items, weights):
    tot = sum(weights)
    x = rng.random() * tot
    for it, w in zip(items, weights, strict=False):
        x -= w
        if x < 0:
            return it
    return items[-1]


# --------------------------------------------------------------------------- renderer
class DayR:
    """Renders one day's blocks into window events, idle spans and truth intervals."""

    def __init__(self, ctx, day: date):
        self.ctx = ctx
        self.rng = ctx.rng
        self.desk = ctx.desk
        self.day = day
        self.ev: list[list] = []     # [start, end, app, title, web]
        self.idle: list[list] = []   # [start, end]
        self.truth: list[list] = []  # [start, end, kind, matter, what]
        self.sessions: list[list] = []  # [start, end] spans where the machine is awake
        self.last = None

    # -- primitives
    def put(self, spec, s: float, e: float, mode: str = "type"):
        if e - s < 0.5:
            return
        if spec is None:
            spec = self.last or self.desk.mail_inbox()
        app, title, web = spec
        if self.ev and self.ev[-1][2] == app and self.ev[-1][3] == title and abs(self.ev[-1][1] - s) < 1e-6 \
                and ((self.ev[-1][4] or {}).get("url") == (web or {}).get("url")):
            self.ev[-1][1] = e
        else:
            self.ev.append([s, e, app, title, web])
        self.last = spec
        self._idle(s, e, mode)

    def _idle(self, s, e, mode):
        r = self.rng
        d = e - s
        if mode == "idle":
            self.idle.append([s, e])
        elif mode == "type":
            if d > 420 and r.random() < self.ctx.pause_p:
                a = s + r.uniform(30, d - 250)
                self.idle.append([a, a + r.uniform(185, min(420, e - a - 20))])
        elif mode in ("read", "call", "watch"):
            lo, hi = {"read": (40, 430), "call": (60, 840), "watch": (300, 1500)}[mode]
            t = s + r.uniform(3, 25)
            while t < e - 30:
                g = min(r.uniform(lo, hi), e - 5 - t)
                if g > 20:
                    self.idle.append([t, t + g])
                t += g + r.uniform(4, 45 if mode == "read" else 25)

    def run(self, s: float, e: float, nxt, glance_p: float | None = None, exclude=None):
        """Fill [s, e) with pieces from nxt() -> (spec, seconds, mode)."""
        t = s
        gp = self.ctx.glance_p if glance_p is None else glance_p
        first = True
        while t < e - 0.5:
            if not first and gp and self.rng.random() < gp and e - t > 90:
                spec, d = self.glance(exclude)
                self.put(spec, t, t + d, "glance")
                t += d
                continue
            first = False
            spec, d, mode = nxt()
            d = max(2.0, d)
            if t + d > e - 8:
                d = e - t
            self.put(spec, t, t + d, mode)
            t += d

    def glance(self, matter=None):
        """A short look elsewhere that the attorney would not bill separately."""
        r, dk, ctx = self.rng, self.desk, self.ctx
        x = r.random()
        d = r.uniform(6, 48)
        if x < 0.35:
            return dk.mail_inbox(r.randint(0, 9)), d
        if x < 0.65:
            others = [m for m in ctx.open_matters() if m is not matter and m.threads]
            if others:
                m = r.choice(others)
                return dk.mail_msg(subject_variant(ctx, r.choice(m.threads))), d
            return dk.mail_inbox(), d
        if x < 0.80 and ctx.chat:
            who = r.choice(ctx.colleagues)
            return ctx.chat_spec(f"{who[0]} {who[1]}"), d
        if x < 0.88:
            return dk.calendar_view(), d * 0.6
        if x < 0.95 and ctx.timer_spec:
            return ctx.timer_spec(), d * 0.6
        return dk.files(r.choice(["Downloads", "Documents", "Desktop"])), d * 0.5

    def label(self, s, e, kind, matter, what):
        if e - s < 0.5:
            return
        num = matter.number if (matter is not None and kind == "billable") else None
        if self.truth and self.truth[-1][2] == kind and self.truth[-1][3] == num \
                and self.truth[-1][4] == what and abs(self.truth[-1][1] - s) < 1e-6:
            self.truth[-1][1] = e
            return
        self.truth.append([s, e, kind, num, what])

    def sleep(self, s, e):
        """Laptop lid closed: no events at all."""
        self.sleeps.append((s, e))

    # -- afk
    def afk_events(self):
        spans = sorted(self.idle)
        merged = []
        for a, b in spans:
            if merged and a <= merged[-1][1] + 1.0:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        afk = [(a, b) for a, b in merged if b - a >= 180.0]
        out = []
        for ss, se in self.sessions:
            t = ss
            for a, b in afk:
                a2, b2 = max(a, ss), min(b, se)
                if b2 - a2 < 1:
                    continue
                if a2 > t + 0.5:
                    out.append((t, a2, "not-afk"))
                out.append((a2, b2, "afk"))
                t = b2
            if se > t + 0.5:
                out.append((t, se, "not-afk"))
        return out


def subject_variant(ctx, base: str) -> str:
    r, dk = ctx.rng, ctx.desk
    x = r.random()
    if x < 0.45:
        s = dk.reply_subject(base)
    elif x < 0.55:
        s = dk.reply_subject(base, fwd=True)
    elif x < 0.62:
        s = dk.reply_subject(dk.reply_subject(base, fwd=True))
    else:
        s = base
    if dk.ext_tag and r.random() < 0.4:
        s = f"{dk.ext_tag} {s}" if r.random() < 0.6 else dk.reply_subject(f"{dk.ext_tag} {base}")
    return s


# --------------------------------------------------------------------------- activity renderers
U = None  # set per call


def r_draft(R: DayR, b: Block):
    r, dk, m = R.rng, R.desk, b.matter
    doc = b.data["doc"]
    state = b.data.get("state")
    target = b.data.get("saveas")
    switch_at = b.start + (b.end - b.start) * r.uniform(0.25, 0.6) if target else None
    others = [d for d in m.docs if d is not doc and not d.unsaved]
    cur = [doc]

    def nxt():
        x = r.random()
        if switch_at and R.ev and R.ev[-1][1] >= switch_at and cur[0] is doc:
            cur[0] = target
        if x < 0.60:
            return dk.word(cur[0], state), r.uniform(50, 540), "type"
        if x < 0.71 and m.pdfs:
            p = r.choice(m.pdfs)
            return dk.pdf(p, r.randint(1, 40), 40), r.uniform(30, 320), "read"
        if x < 0.79 and others:
            return dk.word(r.choice(others), r.choice([None, None, "ro"])), r.uniform(30, 240), "read"
        if x < 0.88 and m.threads:
            return dk.mail_msg(subject_variant(R.ctx, r.choice(m.threads))), r.uniform(25, 160), "type"
        if x < 0.93 and m.research:
            return research_spec(R, m), r.uniform(40, 200), "read"
        return dk.files(m.folder or m.short), r.uniform(4, 25), "glance"
    R.run(b.start, b.end, nxt, exclude=m)


def research_spec(R, m):
    items = R.ctx.pack.research_items(R.ctx, m, R.rng.choice(m.research))
    it = R.rng.choice(items)
    return it[0]


def r_pdf(R: DayR, b: Block):
    r, dk, m = R.rng, R.desk, b.matter
    p = b.data["pdf"]
    pages = r.randint(12, 240)
    pg = [1]

    def nxt():
        x = r.random()
        if x < 0.72:
            pg[0] = min(pages, pg[0] + r.randint(1, 9))
            return dk.pdf(p, pg[0], pages), r.uniform(180, 1300), "read"
        if x < 0.86 and m.docs:
            return dk.word(r.choice(m.docs)), r.uniform(40, 260), "type"
        if x < 0.94 and m.threads:
            return dk.mail_msg(subject_variant(R.ctx, r.choice(m.threads))), r.uniform(20, 120), "read"
        return dk.pdf(r.choice(m.pdfs), 1, 10), r.uniform(30, 200), "read"
    R.run(b.start, b.end, nxt, glance_p=R.ctx.glance_p * 0.6, exclude=m)


def r_email(R: DayR, b: Block):
    r, dk, m = R.rng, R.desk, b.matter
    th = b.data["thread"]
    subj = subject_variant(R.ctx, th)
    reply = dk.reply_subject(th) if not subj.upper().startswith(("RE:", "RE: ")) else subj

    def nxt():
        x = r.random()
        if x < 0.12:
            return dk.mail_inbox(r.randint(0, 14)), r.uniform(5, 40), "glance"
        if x < 0.42:
            return dk.mail_msg(subj), r.uniform(25, 170), "read"
        if x < 0.75:
            if dk.mail == "newoutlook":
                return dk.mail_msg(reply, popout=r.random() < 0.4), r.uniform(40, 420), "type"
            return dk.mail_msg(reply), r.uniform(40, 420), "type"
        if x < 0.87 and m.pdfs:
            return dk.pdf(r.choice(m.pdfs)), r.uniform(30, 240), "read"
        if x < 0.95 and m.docs:
            return dk.word(r.choice(m.docs), "protected" if r.random() < 0.3 else None), r.uniform(30, 240), "read"
        return dk.mail_new(None if r.random() < 0.5 else th), r.uniform(30, 200), "type"
    R.run(b.start, b.end, nxt, glance_p=R.ctx.glance_p * 0.5, exclude=m)


def r_inbox(R: DayR, b: Block):
    """Morning triage: a run of short threads, each billed (or not) on its own."""
    r, dk, ctx = R.rng, R.desk, R.ctx
    t = b.start
    while t < b.end - 1:
        seg = min(r.uniform(50, 330), b.end - t)
        if b.end - (t + seg) < 45:
            seg = b.end - t
        x = r.random()
        mats = [m for m in ctx.open_matters() if m.threads]
        if x < 0.62 and mats:
            m = wchoice(r, mats, [mm.weight for mm in mats])
            th = r.choice(m.threads)
            kind, what = "billable", f"review/respond to e-mail: {th}"
            subj = subject_variant(ctx, th)
        else:
            m = None
            subj = r.choice(ctx.pack.admin_mail)
            kind, what = "nonbillable", "e-mail: firm/admin/newsletters"
        e = t + seg
        R.put(dk.mail_inbox(r.randint(2, 25)), t, t + min(seg * 0.2, r.uniform(4, 30)), "glance")
        t2 = R.ev[-1][1]
        half = t2 + (e - t2) * r.uniform(0.4, 0.9)
        R.put(dk.mail_msg(subj), t2, half, "read")
        if e - half > 1:
            if kind == "billable" and r.random() < 0.6:
                R.put(dk.mail_msg(dk.reply_subject(subj) if not subj.upper().startswith("RE") else subj), half, e, "type")
            else:
                R.put(dk.mail_inbox(), half, e, "glance")
        R.label(t, e, kind, m, what)
        t = e


def r_meeting(R: DayR, b: Block):
    r, dk, m = R.rng, R.desk, b.matter
    plat = b.data.get("platform", "teams")
    subj = b.data.get("subject", "Meeting")
    docs = (m.docs if m else []) or []
    if plat in ("inperson", "away"):
        leave_spec(R, b.start, b.end)
        return
    if plat == "phone" and dk.softphone() is None:
        spec0 = R.last
        def nxt():
            if docs and r.random() < 0.3:
                return dk.word(r.choice(docs)), r.uniform(60, 300), "read"
            return spec0, r.uniform(200, 900), "call"
        R.run(b.start, b.end, nxt, glance_p=0.05, exclude=m)
        return

    def main():
        if plat == "teams":
            return dk.teams(subj if r.random() < 0.85 else "Meeting compact view | " + subj)
        if plat == "zoom":
            return dk.zoom("meeting")
        if plat == "webex":
            return dk.webex(wt)
        if plat == "meet":
            return dk.browser(f"Meet - {meet_code}", f"https://meet.google.com/{meet_code}")
        if plat == "facetime":
            return ("FaceTime", "FaceTime", None)
        sp = dk.softphone(b.data.get("who"))
        return sp
    wt = r.choice(["Webex", subj, f"{R.ctx.attorney_name}'s Personal Room", "Meeting controls"])
    meet_code = "-".join("".join(r.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(n)) for n in (3, 4, 3))
    # joining
    if plat == "zoom" and r.random() < 0.5:
        R.put(dk.zoom("workplace"), b.start, b.start + r.uniform(5, 20), "glance")
    elif plat == "teams" and r.random() < 0.4:
        R.put(dk.teams("Calendar"), b.start, b.start + r.uniform(5, 25), "glance")
    share = b.data.get("share", r.random() < 0.35)

    def nxt():
        x = r.random()
        if x < 0.66:
            return main(), r.uniform(120, 900), "call"
        if x < 0.86 and docs:
            if plat == "zoom" and share and r.random() < 0.4:
                return dk.zoom("share"), r.uniform(20, 120), "type"
            return dk.word(r.choice(docs)), r.uniform(60, 420), "type" if share else "read"
        if x < 0.93 and m is not None and m.pdfs:
            return dk.pdf(r.choice(m.pdfs)), r.uniform(60, 300), "read"
        if plat == "teams":
            return dk.teams(f"Chat | {subj}"), r.uniform(10, 60), "type"
        return main(), r.uniform(60, 300), "call"
    R.run(R.ev[-1][1] if R.ev and R.ev[-1][1] > b.start else b.start, b.end, nxt, glance_p=0.06, exclude=m)


def leave_spec(R: DayR, s: float, e: float, allow_sleep: bool = False):
    """Attorney away from the desk for [s, e)."""
    ctx, r, dk = R.ctx, R.rng, R.desk
    if allow_sleep and ctx.laptop:
        R.sessions_break.append((s, e))
        return
    habit = ctx.lock_habit
    if habit == "always":
        R.put(dk.lock(), s, e, "idle")
    elif habit == "auto" and e - s > ctx.autolock * 60:
        R.put(R.last, s, s + ctx.autolock * 60, "idle")
        R.put(dk.lock(), s + ctx.autolock * 60, e, "idle")
    else:
        R.put(R.last, s, e, "idle")
    if e - s > 120 and r.random() < 0.5 and R.ev:
        pass


def r_call(R: DayR, b: Block):
    """Unscheduled call: phone rings, or a Teams call, or the attorney dials out."""
    r, dk, m = R.rng, R.desk, b.matter
    who = b.data.get("who", "")
    sp = dk.softphone(who)
    if b.data.get("via") == "teams":
        sp = R.desk.teams(who)
    dur = b.end - b.start
    note = dur * r.uniform(0.0, 0.3) if dur > 300 else 0
    call_end = b.end - note
    if sp is None:
        spec0 = R.last or dk.mail_inbox()

        def nxt():
            if m.docs and r.random() < 0.25:
                return dk.word(r.choice(m.docs)), r.uniform(40, 200), "read"
            return spec0, r.uniform(200, 900), "call"
        R.run(b.start, call_end, nxt, glance_p=0.03, exclude=m)
    else:
        def nxt():
            x = r.random()
            if x < 0.7:
                return sp, r.uniform(60, 600), "call"
            if m.docs and x < 0.85:
                return dk.word(r.choice(m.docs)), r.uniform(40, 240), "read"
            if m.threads:
                return dk.mail_msg(subject_variant(R.ctx, r.choice(m.threads))), r.uniform(20, 120), "read"
            return sp, r.uniform(60, 300), "call"
        R.run(b.start, call_end, nxt, glance_p=0.03, exclude=m)
    if note > 1:
        if R.ctx.timer_spec and r.random() < 0.5:
            R.put(R.ctx.timer_spec(), call_end, b.end, "type")
        elif m.threads:
            R.put(dk.mail_new(dk.reply_subject(r.choice(m.threads)) if r.random() < 0.6 else r.choice(["follow up", "call summary", "Notes from call"])), call_end, b.end, "type")
        else:
            R.put(dk.word(Doc(f"Document{r.randint(2, 9)}", unsaved=True)), call_end, b.end, "type")


def r_items(R: DayR, b: Block, items, glance_p=None, exclude=None, cycle=True):
    """Walk a list of (spec, lo, hi, mode) items in order, looping back to revisit."""
    r = R.rng
    i = [0]

    def nxt():
        if i[0] >= len(items):
            i[0] = r.randrange(len(items)) if cycle else len(items) - 1
        it = items[i[0]]
        i[0] += 1
        spec, lo, hi, mode = it
        if callable(spec):
            spec = spec()
        return spec, r.uniform(lo, hi), mode
    R.run(b.start, b.end, nxt, glance_p=glance_p, exclude=exclude)


def r_research(R, b):
    items = R.ctx.pack.research_items(R.ctx, b.matter, b.data["topic"])
    if b.matter.docs and R.rng.random() < 0.7:
        items = [*items, (R.desk.word(R.rng.choice(b.matter.docs)), 60, 300, "type")]
    r_items(R, b, items, exclude=b.matter)


def r_portal(R, b):
    items = R.ctx.pack.portal_items(R.ctx, b.matter)
    r_items(R, b, items, glance_p=R.ctx.glance_p * 0.5, exclude=b.matter, cycle=True)


def r_admin(R, b):
    items = b.data["items"]
    r_items(R, b, items, glance_p=R.ctx.glance_p * 0.5)


def r_personal(R, b):
    r, dk = R.rng, R.desk
    inc = b.data.get("incognito", False)
    pool = b.data.get("pool") or R.ctx.personal_pages
    items = []
    for title, url in r.sample(pool, min(len(pool), r.randint(2, 5))):
        items.append((dk.browser(title, url, browser=dk.personal_browser, incognito=inc,
                                 audible="youtube" in url and r.random() < 0.5), 25, 260, "read"))
    r_items(R, b, items, glance_p=0.04)


def r_away(R, b):
    leave_spec(R, b.start, b.end, allow_sleep=b.data.get("sleep_ok", False))


def r_special(R, b):
    R.ctx.pack.render_special(R, b)


RENDER = {
    "draft": r_draft, "newdoc": r_draft, "pdf": r_pdf, "email": r_email, "inbox": r_inbox,
    "meeting": r_meeting, "call": r_call, "research": r_research, "portal": r_portal,
    "admin": r_admin, "personal": r_personal, "away": r_away, "special": r_special,
}


# --------------------------------------------------------------------------- planner
class Ctx:
    """Everything one seed's firm is: people, desk, matters, habits."""

    def __init__(self, pack, rng):
        self.pack = pack
        self.rng = rng
        self.week = 1
        self.matters: list[Matter] = []
        self.chat = True
        self.timer_spec = None
        self.laptop = False
        self.lock_habit = "auto"
        self.autolock = 10
        self.glance_p = 0.08
        self.pause_p = 0.12
        self.interrupt_p = 0.15
        self.travel_billable = True
        self.evening_p = 0.25
        self.early_p = 0.0
        self.vpn_spec = None
        self.citrix_spec = None
        self.citrix_p = 0.0
        self.personal_pages = []
        self.colleagues = []
        self.cal_style = "utc"
        self.day_start = (7 * 60 + 50, 8 * 60 + 50)
        self.day_end = (17 * 60 + 35, 18 * 60 + 40)
        self.latest_local = 19 * 60 + 55   # last local minute that is still the same UTC date
        self.admin_min = (25, 70)
        self.personal_min = (8, 35)
        self.break_min = (5, 25)
        self.meetings_per_day = (0, 3)
        self.uid_host = "calendar"
        self.lunch_desk_p = 0.2
        self.timesheet_p = 0.5
        self.citrix_launch = None
        self.extra_cols = []

    def open_matters(self):
        return [m for m in self.matters if m.status == "Open" and m.week_open <= self.week]

    def chat_spec(self, who):
        return self.desk.teams(f"Chat | {who}")


def _free_slots(occupied, lo, hi):
    occ = sorted(occupied)
    out, t = [], lo
    for a, b in occ:
        if a > t:
            out.append((t, min(a, hi)))
        t = max(t, b)
    if t < hi:
        out.append((t, hi))
    return [(a, b) for a, b in out if b - a > 0]


def _place(rng, occupied, lo, hi, dur, step=30, buffer=5):
    cands = []
    t = math.ceil(lo / step) * step
    while t + dur <= hi:
        if all(t + dur + buffer <= a or t >= b + buffer for a, b in occupied):
            cands.append(t)
        t += step
    return rng.choice(cands) if cands else None


def plan_week(ctx, monday: date):
    """Returns (days, calendar) where days = [(date, blocks, sessions)] in local minutes."""
    rng, pack = ctx.rng, ctx.pack
    cal: list[CalEvent] = []
    days = []
    mats = ctx.open_matters()
    # weekly focus: a few matters are hot this week
    for m in mats:
        m.weight = rng.choice([0.3, 0.6, 1.0, 1.0, 1.5]) * (rng.uniform(2.0, 3.5) if rng.random() < 0.3 else 1.0)
    # away events this week
    n_away = rng.randint(*pack.away_per_week)
    away_days = rng.sample(range(5), min(5, n_away))
    rec = pack.recurring(ctx, rng)  # (weekday, local minute, duration, CalEvent factory)
    for di in range(5):
        d = monday + timedelta(days=di)
        best = None
        for attempt in range(40):
            res = _plan_day(ctx, d, di, di in away_days, rec, attempt)
            bill = sum((b.end - b.start) for b in res[0] if b.kind == "billable") / 60.0
            bill += sum(x[1] for x in res[3])
            score = 0 if 6.0 <= bill <= 9.0 else min(abs(bill - 6.0), abs(bill - 9.0))
            if best is None or score < best[0]:
                best = (score, res)
            if score == 0:
                break
        blocks, sessions, events, _ = best[1]
        cal.extend(events)
        days.append((d, blocks, sessions))
    cal.extend(pack.extra_calendar(ctx, rng, monday))
    return days, cal


def _plan_day(ctx, d: date, di: int, away_day: bool, rec, attempt: int):
    rng, pack = ctx.rng, ctx.pack
    start = rng.randint(*ctx.day_start)
    end = rng.randint(*ctx.day_end)
    end = min(end, ctx.latest_local - 5)
    if ctx.early_p and rng.random() < ctx.early_p:
        start = rng.randint(6 * 60 + 35, 7 * 60 + 20)
    sessions = [[start, end]]
    evening = None
    if rng.random() < ctx.evening_p and ctx.latest_local - 5 > 19 * 60 + 20:
        es = rng.randint(19 * 60, 19 * 60 + 15)
        ee = min(ctx.latest_local - 3, es + rng.randint(25, 50))
        if ee - es >= 20:
            evening = (es, ee)
    blocks: list[Block] = []
    events: list[CalEvent] = []
    occupied = []
    extra_bill = []  # (label, hours) for offsite billable
    lunch_s = rng.randint(11 * 60 + 50, 13 * 60 + 10)
    lunch_d = rng.randint(25, 65)
    # recurring meetings
    for (wd, lm, dur, factory) in rec:
        if wd == di and start < lm < end - dur:
            ev, blk = factory(ctx, rng, d, lm, dur)
            events.append(ev)
            if blk is not None:
                blocks.append(blk)
                occupied.append((blk.start, blk.end))
    # offsite event (hearing, deposition, closing...)
    if away_day:
        o = pack.offsite(ctx, rng, d)
        if o is not None and o["sched_start"] + o["sched_dur"] + o["overrun"] + o["travel_back"] > ctx.latest_local - 40:
            o = None
        if o is not None:
            s0 = o["sched_start"]
            if s0 - o["travel_out"] - o["early"] < start:
                start = max(6 * 60 + 40, s0 - o["travel_out"] - o["early"] - rng.randint(10, 60))
                sessions[0][0] = start
            leave = s0 - o["early"] - o["travel_out"]
            actual_end = s0 + o["sched_dur"] + o["overrun"]
            back = actual_end + o["travel_back"]
            if back > end - 30:
                end = min(ctx.latest_local - 5, back + rng.randint(30, 90))
                sessions[0][1] = end
            if evening and evening[0] < end + 30:
                evening = None
            if all(not (leave < b.end and b.start < back) for b in blocks):
                events.append(o["event"](d))
                m = o["matter"]
                tk = "billable" if ctx.travel_billable else "away"
                data = {"sleep_ok": True}
                if o["travel_out"] <= 3:
                    tk = "billable"   # in-office: walking down the hall
                blocks.append(Block(leave, s0 - o["early"], tk, m if tk == "billable" else None, "away",
                                    f"travel to {o['where']}", dict(data)))
                blocks.append(Block(s0 - o["early"], actual_end, "billable", m, "away", o["what"], dict(data)))
                blocks.append(Block(actual_end, back, tk, m if tk == "billable" else None, "away",
                                    f"travel back from {o['where']}", dict(data)))
                occupied.append((leave, back))
                if leave < lunch_s + lunch_d and lunch_s < back:
                    # lunch happens around the offsite event
                    lunch_s = back + rng.randint(0, 20) if back < 14 * 60 + 30 else None
    if lunch_s is not None and all(not (lunch_s < a[1] and a[0] < lunch_s + lunch_d) for a in occupied):
        occupied.append((lunch_s, lunch_s + lunch_d))
        blocks.append(Block(lunch_s, lunch_s + lunch_d, "away", None, "lunch", "lunch",
                            {"desk": rng.random() < ctx.lunch_desk_p}))
    # scheduled meetings
    n_meet = rng.randint(*ctx.meetings_per_day)
    for _ in range(n_meet):
        mt = pack.meeting(ctx, rng, d)
        if mt is None:
            continue
        t = _place(rng, occupied, start + 20, end - 20, mt["dur"])
        if t is None:
            continue
        ev = mt["event"](d, t)
        events.append(ev)
        if mt.get("noshow"):
            continue
        late = rng.choice([0, 0, 1, 2, 3, 5]) if mt.get("external") else rng.choice([0, 0, 1, 2])
        s = t + late
        e = t + mt["dur"] + rng.choice([-12, -8, -5, -2, 0, 0, 0, 3, 7, 12])
        e = max(s + 5, e)
        occupied.append((t, max(e, t + mt["dur"])))
        blocks.append(Block(s, e, mt["kind"], mt["matter"], "meeting", mt["what"], mt["data"]))
    # fill free time
    blocks.sort(key=lambda b: b.start)
    slots = []
    for ss, se in [(start, end)] + ([evening] if evening else []):
        slots.extend(_free_slots([(b.start, b.end) for b in blocks], ss, se))
    free = sum(b - a for a, b in slots)
    adm = rng.uniform(*ctx.admin_min)
    per = rng.uniform(*ctx.personal_min)
    brk = rng.uniform(*ctx.break_min)
    if attempt:
        # steer towards 6-9 billable hours
        scale = 1.0 + 0.15 * attempt * (1 if rng.random() < 0.5 else -1)
        adm *= max(0.2, scale)
        per *= max(0.2, scale)
    state = {"adm": adm, "per": per, "brk": brk, "free": free, "first": True, "last": None,
             "focus": _day_focus(ctx, rng), "timesheet": rng.random() < ctx.timesheet_p}
    for a, b_ in slots:
        blocks.extend(_fill(ctx, rng, a, b_, state, evening is not None and a >= evening[0]))
    blocks.sort(key=lambda b: b.start)
    clean = []
    for b in blocks:
        if clean and b.start < clean[-1].end:
            b.start = clean[-1].end
        if b.end - b.start >= 0.1:
            clean.append(b)
    blocks = clean
    sess = [[start, end]] + ([list(evening)] if evening else [])
    return blocks, sess, events, extra_bill


def _day_focus(ctx, rng):
    mats = ctx.open_matters()
    k = min(len(mats), rng.randint(2, 4))
    ws = [m.weight for m in mats]
    focus = set()
    while len(focus) < k:
        focus.add(wchoice(rng, mats, ws))
    return focus


def _pick_matter(ctx, rng, state):
    mats = ctx.open_matters()
    if state["last"] is not None and state["last"] in mats and rng.random() < 0.3:
        return state["last"]
    ws = [m.weight * (4.0 if m in state["focus"] else 1.0) for m in mats]
    return wchoice(rng, mats, ws)


def _fill(ctx, rng, a, b, state, evening):
    out = []
    t = a
    pack = ctx.pack
    while b - t >= 2:
        rem = b - t
        if state["first"]:
            state["first"] = False
            d = min(rem, rng.uniform(8, 28))
            out.append(Block(t, t + d, "billable", None, "inbox", "inbox triage", {}))
            t += d
            state["free"] -= d
            continue
        free = max(1.0, state["free"])
        x = rng.random() * free
        if state["timesheet"] and rem < 40 and t > 16 * 60 + 30 and state["adm"] > 5 and not evening:
            cat = "timesheet"
        elif x < state["adm"] and not evening:
            cat = "admin"
        elif x < state["adm"] + state["per"] and (not evening or rng.random() < 0.15):
            cat = "personal"
        elif x < state["adm"] + state["per"] + state["brk"] and not evening:
            cat = "break"
        else:
            cat = "work"
        if cat in ("admin", "timesheet"):
            d = min(rem, rng.uniform(6, 30), max(4, state["adm"]))
            kindw = "timesheet" if cat == "timesheet" else None
            items, what = pack.admin(ctx, rng, kindw)
            out.append(Block(t, t + d, "nonbillable", None, "admin", what, {"items": items}))
            state["adm"] -= d
        elif cat == "personal":
            d = min(rem, rng.uniform(3, 16), max(3, state["per"]))
            out.append(Block(t, t + d, "personal", None, "personal", "personal browsing",
                             {"incognito": rng.random() < 0.15}))
            state["per"] -= d
        elif cat == "break":
            d = min(rem, rng.uniform(4, 15), max(3, state["brk"]))
            out.append(Block(t, t + d, "away", None, "away", rng.choice(["break", "coffee", "restroom / hallway chat"]), {}))
            state["brk"] -= d
        else:
            m = _pick_matter(ctx, rng, state)
            state["last"] = m
            act, d, data, what = pack.work(ctx, rng, m, min(rem, 95))
            d = min(d, rem)
            if b - (t + d) < 3:
                d = b - t
            if d >= 25 and act in ("draft", "pdf", "research", "special") and rng.random() < ctx.interrupt_p:
                others = [o for o in ctx.open_matters() if o is not m]
                if others:
                    o = rng.choice(others)
                    p1 = d * rng.uniform(0.3, 0.7)
                    di_ = min(rng.uniform(3, 9), d - p1 - 3)
                    ia, idata, iwhat = pack.interruption(ctx, rng, o)
                    out.append(Block(t, t + p1, "billable", m, act, what, data))
                    out.append(Block(t + p1, t + p1 + di_, "billable", o, ia, iwhat, idata))
                    out.append(Block(t + p1 + di_, t + d, "billable", m, act, what, data))
                    t += d
                    state["free"] -= d
                    continue
            out.append(Block(t, t + d, "billable", m, act, what, data))
        t = out[-1].end
        state["free"] -= out[-1].end - out[-1].start
    if out and b - out[-1].end > 0:
        out[-1].end = b
    return out


# --------------------------------------------------------------------------- rendering a week
def render_week(ctx, days):
    """Returns (window events, afk events, truth) in epoch seconds, all days."""
    win, afk, truth = [], [], []
    for d, blocks, sessions in days:
        R = DayR(ctx, d)
        R.sessions_break = []
        tz = ctx.tz
        for b in blocks:
            b.start = local_epoch(tz, d, b.start)
            b.end = local_epoch(tz, d, b.end)
        sess = [[local_epoch(tz, d, a), local_epoch(tz, d, b)] for a, b in sessions]
        for si, (ss, se) in enumerate(sess):
            first = True
            for b in blocks:
                if b.start < ss - 1 or b.start >= se - 0.5:
                    continue
                if first:
                    _session_start(R, b, si)
                    first = False
                _render_block(R, b, si)
            # the day's end: last window stays until the machine sleeps
        # sessions: split by laptop sleeps
        R.sessions = []
        for ss, se in sess:
            cuts = sorted(x for x in R.sessions_break if ss <= x[0] < se)
            t = ss
            for a, b in cuts:
                if a > t:
                    R.sessions.append([t, a])
                t = b
            if se > t:
                R.sessions.append([t, se])
        # drop window events inside sleeps
        evs = [e for e in R.ev if not any(a <= e[0] and e[1] <= b for a, b in R.sessions_break)]
        # between sessions (evening): the machine was locked or asleep; truth: away
        for i in range(len(sess) - 1):
            R.label(sess[i][1], sess[i + 1][0], "away", None, "off (dinner / commute)")
            if not ctx.laptop:
                evs.append([sess[i][1], sess[i + 1][0], *ctx.desk.lock()])
                R.idle.append([sess[i][1], sess[i + 1][0]])
                R.sessions = _merge_sessions([*R.sessions, [sess[i][1], sess[i + 1][0]]])
        evs.sort(key=lambda e: e[0])
        # the afk watcher runs exactly when the window watcher does (machine awake)
        R.sessions = _merge_sessions([[e[0], e[1]] for e in evs])
        win.extend(evs)
        afk.extend(R.afk_events())
        truth.extend(sorted(R.truth))
    return win, afk, truth


def _merge_sessions(ss):
    ss = sorted(ss)
    out = []
    for a, b in ss:
        if out and a <= out[-1][1] + 0.5:
            out[-1][1] = max(out[-1][1], b)
        else:
            out.append([a, b])
    return out


def _session_start(R: DayR, b: Block, si: int):
    """Unlocking / waking the machine, VPN at home; the seconds it takes are not work."""
    ctx, r = R.ctx, R.rng
    R.citrix = si > 0 and ctx.citrix_spec is not None and r.random() < ctx.citrix_p
    steps = []
    if not ctx.laptop or si > 0:
        steps.append((ctx.desk.lock(), r.uniform(3, 12)))
    if si > 0 and ctx.vpn_spec is not None:
        steps.append((ctx.vpn_spec, r.uniform(12, 45)))
    if si > 0 and R.citrix:
        steps.append((ctx.citrix_launch, r.uniform(20, 60)))
    if not steps or b.end - b.start < sum(d for _, d in steps) + 20 or b.act in ("away", "lunch"):
        return
    t = b.start
    for spec, d in steps:
        R.put(spec, t, t + d, "glance")
        t += d
    R.label(b.start, t, "nonbillable", None, "logging in / connecting")
    b.start = t
    ctx.pack.session_start(R, b, si)


def _render_block(R: DayR, b: Block, si: int):
    ctx = R.ctx
    if b.act == "lunch":
        if b.data.get("desk"):
            blk = Block(b.start, b.end, "personal", None, "personal", "lunch at desk, personal browsing", {})
            R.label(b.start, b.end, "personal", None, "lunch at desk, personal browsing")
            # eating: long stretches without input
            items = [(ctx.desk.browser(t, u, browser=ctx.desk.personal_browser), 60, 420, "watch")
                     for t, u in R.rng.sample(ctx.personal_pages, 3)]
            r_items(R, blk, items, glance_p=0.02)
        else:
            leave_spec(R, b.start, b.end)
            R.label(b.start, b.end, "away", None, "lunch")
        return
    if si > 0 and getattr(R, "citrix", False) and b.act != "inbox":
        R.put(ctx.citrix_spec, b.start, b.end, "type" if b.kind == "billable" else "read")
        R.label(b.start, b.end, b.kind, b.matter, b.what)
        return
    RENDER[b.act](R, b)
    if b.act != "inbox":
        R.label(b.start, b.end, b.kind, b.matter, b.what)


# --------------------------------------------------------------------------- writers
def write_aw(path, ctx, win, afk, created="2026-03-02T00:00:00.000000+00:00"):
    host = ctx.desk.host
    buckets = {}

    def bucket(bid, typ, client):
        buckets[bid] = {"id": bid, "created": created, "name": None, "type": typ, "client": client,
                        "hostname": host, "data": {}, "events": []}
        return buckets[bid]["events"]

    def dur(s, e):
        return math.floor((e - s) * 1000) / 1000

    w = bucket(f"aw-watcher-window_{host}", "currentwindow", "aw-watcher-window")
    a = bucket(f"aw-watcher-afk_{host}", "afkstatus", "aw-watcher-afk")
    webs = {}
    for br in ctx.desk.browsers:
        webs[br] = bucket(f"aw-watcher-web-{br}_{host}", "web.tab.current", "aw-client-web")
    for s, e, app, title, web in win:
        w.append({"timestamp": iso(s), "duration": dur(s, e), "data": {"app": app, "title": title},
                  "id": len(w) + 1})
        if web:
            evs = webs[web["browser"]]
            evs.append({"timestamp": iso(s), "duration": dur(s, e),
                        "data": {"url": web["url"], "title": web["title"], "audible": web["audible"],
                                 "incognito": web["incognito"], "tabCount": web["tabCount"]},
                        "id": len(evs) + 1})
    for s, e, st in afk:
        a.append({"timestamp": iso(s), "duration": dur(s, e), "data": {"status": st}, "id": len(a) + 1})
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"buckets": buckets}, f, indent=1, ensure_ascii=False)


def write_truth(path, ctx, truth):
    ivs = [{"start": iso(s), "end": iso(e), "matter": m, "kind": k, "what": w} for s, e, k, m, w in truth]
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"timezone": ctx.tz, "intervals": ivs}, f, indent=1, ensure_ascii=False)


def write_matters(path, ctx, week):
    cols = ["matter_number", "client", "description", "keywords", "status", *ctx.extra_cols]
    with open(path, "w", encoding="utf-8", newline="") as f:
        wr = csv.writer(f)
        wr.writerow(cols)
        for m in ctx.matters:
            if m.week_open > week:
                continue
            row = [m.number, m.client.name, m.desc, ";".join(m.keywords), m.status]
            for c in ctx.extra_cols:
                if c == "aliases":
                    row.append(";".join(m.aliases + m.client.aliases))
                elif c == "identifiers":
                    row.append(";".join(m.identifiers))
                elif c == "contacts":
                    row.append(";".join(m.contacts))
                elif c == "responsible_attorney":
                    row.append(ctx.attorney_name)
                elif c == "open_date":
                    row.append(m.f.get("opened", ""))
            wr.writerow(row)


def _ics_text(s: str) -> str:
    return s.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    out, cur, n = [], "", 0
    for ch in line:
        bl = len(ch.encode("utf-8"))
        if n + bl > (75 if not out else 74):
            out.append(cur)
            cur, n = "", 0
        cur += ch
        n += bl
    out.append(cur)
    return [out[0]] + [" " + x for x in out[1:]]


VTZ = {
    "America/New_York": ("-0500", "-0400", "EST", "EDT"),
    "America/Detroit": ("-0500", "-0400", "EST", "EDT"),
    "America/Indiana/Indianapolis": ("-0500", "-0400", "EST", "EDT"),
    "America/Chicago": ("-0600", "-0500", "CST", "CDT"),
    "America/Puerto_Rico": ("-0400", "-0400", "AST", "AST"),
}


def write_ics(path, ctx, cal: list[CalEvent]):
    style = ctx.cal_style
    tz = ctx.tz
    tzid = ZONES[tz][2] if style == "outlook" else tz
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0"]
    if style == "google":
        lines += ["PRODID:-//Google Inc//Google Calendar 70.9054//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
                  f"X-WR-CALNAME:{ctx.desk.email}", f"X-WR-TIMEZONE:{tz}"]
    elif style == "apple":
        lines += ["PRODID:-//Apple Inc.//macOS 15.4//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:Work"]
    else:
        lines += ["PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN", "METHOD:PUBLISH"]
    if style in ("outlook", "apple"):
        std, dst, sn, dn = VTZ[tz]
        lines += ["BEGIN:VTIMEZONE", f"TZID:{tzid}"]
        if std == dst:
            lines += ["BEGIN:STANDARD", "DTSTART:16010101T000000", f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{std}",
                      f"TZNAME:{sn}", "END:STANDARD"]
        else:
            lines += ["BEGIN:STANDARD", "DTSTART:16011104T020000", "RRULE:FREQ=YEARLY;BYDAY=1SU;BYMONTH=11",
                      f"TZOFFSETFROM:{dst}", f"TZOFFSETTO:{std}", f"TZNAME:{sn}", "END:STANDARD",
                      "BEGIN:DAYLIGHT", "DTSTART:16010311T020000", "RRULE:FREQ=YEARLY;BYDAY=2SU;BYMONTH=3",
                      f"TZOFFSETFROM:{std}", f"TZOFFSETTO:{dst}", f"TZNAME:{dn}", "END:DAYLIGHT"]
        lines += ["END:VTIMEZONE"]

    def dt(prop, t):
        if style in ("outlook", "apple"):
            d = datetime.fromtimestamp(t, UTC)
            off = utc_offset(tz, d.date())
            loc = d + timedelta(hours=off)
            return f"{prop};TZID={tzid}:{loc.strftime('%Y%m%dT%H%M%S')}"
        return f"{prop}:{datetime.fromtimestamp(t, UTC).strftime('%Y%m%dT%H%M%SZ')}"

    cal = sorted(cal, key=lambda e: (e.allday.isoformat() if e.allday else iso(e.start)))
    for i, ev in enumerate(cal):
        uid = ev.uid or f"{i:04d}-{ctx.uid_host}"
        stamp = datetime.fromtimestamp(ev.start, UTC) if not ev.allday else datetime(ev.allday.year, ev.allday.month, ev.allday.day, tzinfo=UTC)
        L = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{(stamp - timedelta(days=3)).strftime('%Y%m%dT%H%M%SZ')}"]
        if ev.allday:
            L += [f"DTSTART;VALUE=DATE:{ev.allday.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(ev.allday + timedelta(days=1)).strftime('%Y%m%d')}"]
        else:
            L += [dt("DTSTART", ev.start), dt("DTEND", ev.end)]
        if ev.rrule:
            L.append(f"RRULE:{ev.rrule}")
        L.append(f"SUMMARY:{_ics_text(ev.summary)}")
        if ev.location:
            L.append(f"LOCATION:{_ics_text(ev.location)}")
        if ev.description:
            L.append(f"DESCRIPTION:{_ics_text(ev.description)}")
        if ev.organizer:
            L.append(f"ORGANIZER;CN={ev.organizer[0]}:mailto:{ev.organizer[1]}")
        for name, email in ev.attendees:
            L.append(f"ATTENDEE;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN={name}:mailto:{email}")
        if ev.status != "CONFIRMED" or style == "google":
            L.append(f"STATUS:{ev.status}")
        if style == "outlook":
            L.append(f"X-MICROSOFT-CDO-BUSYSTATUS:{ev.busy}")
        elif ev.busy == "FREE":
            L.append("TRANSP:TRANSPARENT")
        L.append("END:VEVENT")
        for ln in L:
            lines.extend(_fold(ln))
    lines.append("END:VCALENDAR")
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("\r\n".join(lines) + "\r\n")


def write_week(outdir, ctx, week_no, monday):
    ctx.week = week_no
    days, cal = plan_week(ctx, monday)
    win, afk, truth = render_week(ctx, days)
    os.makedirs(outdir, exist_ok=True)
    write_aw(os.path.join(outdir, "aw-export.json"), ctx, win, afk)
    write_truth(os.path.join(outdir, "truth.json"), ctx, truth)
    write_matters(os.path.join(outdir, "matters.csv"), ctx, week_no)
    write_ics(os.path.join(outdir, "calendar.ics"), ctx, cal)
    return win, afk, truth, cal
