"""Stretches of work as the screen shows them, each filling a given number of seconds exactly.

Every task returns `Segment`s (truth intervals) made of `Shot`s (focused windows). Brief glances at the
inbox or a chat inside a task stay in the task's segment; anything longer is its own segment.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from . import web
from .firms import World
from .model import AWAY, BILLABLE, NONBILLABLE, PERSONAL, Doc, Matter, Person, Segment, Shot
from .pools import SONGS

MIN_SHOT = 3.0


@dataclass
class State:
    """What carries over from day to day: documents seen, the next DocumentN, the last window."""

    seen: set[int] = field(default_factory=set)
    docn: int = 0
    last: Shot | None = None
    must: list[str] = field(default_factory=list)  # tasks this week still has to contain
    vague_due: bool = True  # no call with a vague calendar subject yet this week


@dataclass
class Ctx:
    w: World
    rng: random.Random
    day_no: int
    st: State

    def r(self, lo: float, hi: float) -> float:
        return self.rng.uniform(lo, hi)

    @property
    def teams(self) -> bool:
        return self.w.meeting == "teams"


class Reel:
    """Shots that fill `budget` seconds exactly; the last shot is cut (or stretched by a few seconds)."""

    def __init__(self, budget: float) -> None:
        self.left = budget
        self.shots: list[Shot] = []

    @property
    def full(self) -> bool:
        return self.left <= 1e-6

    def add(self, shot: Shot) -> None:
        if self.full:
            return
        secs = shot.secs
        if secs >= self.left or self.left - secs < MIN_SHOT:
            secs = self.left
        self.shots.append(replace(shot, secs=secs))
        self.left -= secs
        if self.left < 1e-6:
            self.left = 0.0

    def extend(self, shots: Iterable[Shot]) -> None:
        for s in shots:
            self.add(s)


def _tags(*names: str) -> frozenset[str]:
    return frozenset(names)


def segment(kind: str, matter: Matter | None, what: str, reel: Reel, *tags: str) -> Segment:
    return Segment(kind, matter.number if matter else None, what, reel.shots, frozenset(tags))


# --- small pieces -----------------------------------------------------------------------------------------


def glance(ctx: Ctx) -> Shot:
    """A few seconds on the inbox or a chat ping, inside another task."""
    d, rng = ctx.w.desk, ctx.rng
    if ctx.teams and rng.random() < 0.4:
        who = rng.choice(ctx.w.colleagues)
        return d.teams(f"Chat | {who.name}", ctx.r(4, 40), tags=_tags("glance", "teams_chat"))
    if rng.random() < 0.2:
        return d.message(rng.choice(FIRM_SUBJECTS), ctx.r(4, 25), tags=_tags("glance"))
    return d.inbox(ctx.r(4, 35), tags=_tags("glance"))


FIRM_SUBJECTS = (
    "FW: Holiday schedule",
    "IT maintenance tonight",
    "CLE lunch Thursday",
    "Timesheets due Friday",
    "Kitchen cleanup",
    "New conference room booking system",
    "Firm-wide meeting agenda",
    "Parking garage access cards",
    "Benefits open enrollment reminder",
    "Welcome our new associate",
)


def subject(ctx: Ctx, m: Matter) -> str:
    base = ctx.rng.choice(m.subjects)
    return ctx.rng.choice(("RE: ", "RE: ", "RE: ", "FW: ", "", "RE: RE: ")) + base


def research_shot(ctx: Ctx, m: Matter, query: str | None = None) -> Shot:
    rng, w = ctx.rng, ctx.w
    site = rng.choice(w.research)
    query = query or rng.choice(m.topics)
    client_id = ""
    if site in ("westlaw", "lexis", "bloomberg") and rng.random() < w.habits.client_id:
        client_id = m.number if rng.random() < 0.5 else _loose_number(m.number, rng)
    if rng.random() < 0.45:
        page = web.research_case(site, web.case_name(rng), rng)
    else:
        page = web.research_search(site, query, rng, client_id)
    tags = _tags("research", "id_variant") if client_id else _tags("research")
    return w.desk.browse(page, ctx.r(40, 330), tags=tags)


def _loose_number(number: str, rng: random.Random) -> str:
    """How a person types the matter number into a research client-ID box."""
    digits = "".join(c if c.isalnum() else " " for c in number).split()
    stripped = [(p.lstrip("0") or "0") if p.isdigit() else p for p in digits]
    return rng.choice(("-".join(stripped), ".".join(stripped), "".join(digits), " ".join(stripped)))


def pick_doc(ctx: Ctx, docs: list[Doc], kinds: tuple[str, ...] = ("word",)) -> Doc:
    pool = [d for d in docs if d.kind in kinds] or docs
    seen = [d for d in pool if id(d) in ctx.st.seen]
    if seen and ctx.rng.random() < 0.55:
        return ctx.rng.choice(seen)
    return ctx.rng.choice(pool)


def new_doc(ctx: Ctx, secs: float) -> Shot:
    ctx.st.docn += 1 if ctx.rng.random() < 0.6 else 0
    return ctx.w.desk.new_doc(max(1, ctx.st.docn % 14 + 1), secs)


def opener(ctx: Ctx, m: Matter, doc: Doc) -> list[Shot]:
    """How the document gets opened: the DMS workspace page, the DMS recent list, a folder, or directly."""
    d, rng = ctx.w.desk, ctx.rng
    x = rng.random()
    if m.workspace and x < 0.3:
        return [d.browse(m.workspace, ctx.r(12, 70), tags=_tags("dms_workspace"))]
    if doc.dms and x < 0.55 and id(doc) in ctx.st.seen:
        page = web.imanage_recent(ctx.w.slug) if d.dms == "imanage" else web.netdocs_recent()
        return [d.browse(page, ctx.r(5, 25), tags=_tags("dms_recent"))]
    if not doc.dms and x < 0.5:
        return [d.explorer(m.short[:40], ctx.r(5, 40))]
    return []


# --- billable tasks ---------------------------------------------------------------------------------------


def draft(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    rng, d = ctx.rng, ctx.w.desk
    doc = pick_doc(ctx, m.docs, ("word", "excel"))
    reopened = id(doc) in ctx.st.seen
    reel = Reel(budget)
    reel.extend(opener(ctx, m, doc))
    bump_at = rng.uniform(0.3, 1.5) * budget
    spent = 0.0
    while not reel.full:
        x = rng.random()
        if x < ctx.w.habits.glance:
            reel.add(glance(ctx))
        elif x < 0.75:
            tags = _tags("dms_reopen") if reopened and doc.dms else frozenset()
            reel.add(d.word(doc, ctx.r(45, 620), tags=tags))
        elif x < 0.82 and m.topics:
            reel.add(research_shot(ctx, m))
        elif x < 0.89 and len(m.docs) > 1:
            other = rng.choice([x for x in m.docs if x is not doc])
            reel.add(d.word(other, ctx.r(30, 260)))
            ctx.st.seen.add(id(other))
        elif x < 0.94:
            reel.add(new_doc(ctx, ctx.r(25, 240)))
        elif m.pdfs:
            reel.add(d.pdf_view(rng.choice(m.pdfs), ctx.r(25, 200)))
        spent = budget - reel.left
        if doc.dms and spent > bump_at:
            doc.version += 1
            bump_at = float("inf")
    ctx.st.seen.add(id(doc))
    marks = ["dms_reopen"] if reopened and doc.dms else []
    return [segment(BILLABLE, m, f"draft/review {doc.title}", reel, *marks)]


def email(
    ctx: Ctx, m: Matter, budget: float, call_after: bool = True, force_call: bool = False
) -> list[Segment]:
    rng, d = ctx.rng, ctx.w.desk
    who = rng.choice(m.contacts) if m.contacts else None
    subj = subject(ctx, m)
    call = call_after and who is not None and budget > 600 and (force_call or rng.random() < 0.25)
    mail_budget = budget * rng.uniform(0.45, 0.7) if call else budget
    reel = Reel(mail_budget)
    if rng.random() < 0.5:
        reel.add(d.inbox(ctx.r(5, 45)))
    while not reel.full:
        x = rng.random()
        if x < 0.4:
            reel.add(d.message(subj, ctx.r(20, 220)))
        elif x < 0.72:
            replying = rng.random() < 0.65
            reel.add(d.compose(ctx.r(40, 420), subject="RE: " + subj.split(": ")[-1] if replying else ""))
        elif x < 0.82 and m.docs:
            doc = pick_doc(ctx, m.docs)
            attached = rng.random() < 0.5
            reel.add(d.word(doc, ctx.r(20, 150), name=d.attachment_name(doc) if attached else None))
        elif x < 0.88 and m.pdfs:
            reel.add(d.pdf_view(rng.choice(m.pdfs), ctx.r(15, 120)))
        elif x < 0.94:
            reel.add(d.inbox(ctx.r(5, 40), tags=_tags("glance")))
        else:
            subj = subject(ctx, m)
    out = [segment(BILLABLE, m, f"correspondence re {subj.split(': ')[-1]}", reel, "email")]
    if call and who is not None:
        out.append(_call_after_mail(ctx, m, who, budget - mail_budget))
    return out


def _call_after_mail(ctx: Ctx, m: Matter, who: Person, secs: float) -> Segment:
    """An unscheduled call right after the e-mail: a Teams call with the person, or a phone call that leaves
    the e-mail on screen with nobody touching the machine."""
    d, rng = ctx.w.desk, ctx.rng
    reel = Reel(secs)
    if ctx.teams:
        while not reel.full:
            idle = rng.random() < ctx.w.habits.idle_in_calls
            reel.add(
                d.teams(
                    who.name,
                    ctx.r(200, 600) if idle else ctx.r(60, 300),
                    idle=idle,
                    tags=_tags("teams_adhoc_call", "call_idle") if idle else _tags("teams_adhoc_call"),
                )
            )
        return segment(BILLABLE, m, f"call with {who.name}", reel, "teams_adhoc_call")
    last = d.message(rng.choice(m.subjects), 0)
    while not reel.full:
        reel.add(replace(last, secs=ctx.r(200, 700), idle=True, tags=_tags("phone_call_idle")))
    return segment(BILLABLE, m, f"phone call with {who.name}", reel, "phone_call_idle")


def review(ctx: Ctx, m: Matter, budget: float, first: Doc | None = None, *tags: str) -> list[Segment]:
    """Reading PDFs: long stretches with no input while the same window stays in front."""
    rng, d = ctx.rng, ctx.w.desk
    pdfs = m.pdfs or m.portal_pdfs
    if not pdfs:
        return draft(ctx, m, budget)
    pdf = first or rng.choice(pdfs)
    reel = Reel(budget)
    while not reel.full:
        reel.add(d.pdf_view(pdf, ctx.r(30, 200)))
        if rng.random() < 0.6:
            reel.add(d.pdf_view(pdf, ctx.r(300, 1500), idle=True, tags=_tags("acrobat_idle")))
            reel.add(d.pdf_view(pdf, ctx.r(20, 150)))
        x = rng.random()
        if x < 0.25 and m.docs:
            reel.add(d.word(pick_doc(ctx, m.docs), ctx.r(60, 400)))
        elif x < 0.25 + ctx.w.habits.glance:
            reel.add(glance(ctx))
        elif x < 0.55:
            pdf = rng.choice(pdfs)
    return [segment(BILLABLE, m, f"review {pdf.title}", reel, *tags)]


def research(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    rng, d = ctx.rng, ctx.w.desk
    topic = rng.choice(m.topics)
    reel = Reel(budget)
    while not reel.full:
        x = rng.random()
        if x < 0.72:
            reel.add(research_shot(ctx, m, topic if rng.random() < 0.7 else None))
        elif x < 0.86:
            reel.add(
                new_doc(ctx, ctx.r(40, 300))
                if rng.random() < 0.5 or not m.docs
                else d.word(pick_doc(ctx, m.docs), ctx.r(40, 300))
            )
        else:
            reel.add(glance(ctx))
    return [segment(BILLABLE, m, f"legal research: {topic}", reel, "research")]


def portal(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    """Court, agency and patent-office portals, and the PDFs they hand out."""
    if "patent" in m.traits or "opinion" in m.traits or "trademark" in m.traits:
        return prosecution(ctx, m, budget)
    rng, d = ctx.rng, ctx.w.desk
    if not m.portal_pages:
        return draft(ctx, m, budget)
    reel = Reel(budget)
    filing = rng.random() < 0.35
    while not reel.full:
        page = rng.choice(m.portal_pages)
        shown = any(x in page.title or x in page.url for x in m.screen_ids)
        tags = _tags("court_portal", "id_variant") if shown else _tags("court_portal")
        reel.add(d.browse(page, ctx.r(25, 240), tags=tags))
        if m.portal_pdfs and rng.random() < 0.6:
            pdf = rng.choice(m.portal_pdfs)
            reel.add(d.pdf_view(pdf, ctx.r(40, 300), tags=_tags("court_portal", "id_variant")))
            if rng.random() < 0.3:
                reel.add(
                    d.pdf_view(pdf, ctx.r(240, 900), idle=True, tags=_tags("acrobat_idle", "court_portal"))
                )
        if filing and m.docs:
            reel.add(d.word(pick_doc(ctx, m.docs), ctx.r(40, 200)))
    what = "e-filing" if filing else "docket review"
    return [segment(BILLABLE, m, f"{what}: {m.short}", reel, "court_portal")]


def prosecution(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    """Patent Center (the application number only in the URL), file-wrapper PDFs, prior art, the response."""
    rng, d = ctx.rng, ctx.w.desk
    reel = Reel(budget)
    center = [p for p in m.portal_pages if "patentcenter" in p.url or "tsdr" in p.url]
    art = [p for p in m.portal_pages if p not in center]
    if center and rng.random() < 0.5:
        reel.add(d.browse(web.patent_center_home(), ctx.r(10, 40), tags=_tags("patent_center")))
    while not reel.full:
        x = rng.random()
        if center and x < 0.2:
            reel.add(d.browse(center[0], ctx.r(30, 200), tags=_tags("patent_center")))
        elif x < 0.45 and m.pdfs:
            pdf = rng.choice(m.pdfs)
            tag = "file_wrapper" if "file_wrapper" in pdf.tags else "prior_art"
            reel.add(d.pdf_view(pdf, ctx.r(40, 240), tags=_tags(tag, "id_variant")))
            if rng.random() < 0.4:
                reel.add(d.pdf_view(pdf, ctx.r(300, 1100), idle=True, tags=_tags(tag, "acrobat_idle")))
        elif x < 0.6 and art:
            reel.add(
                d.browse(
                    rng.choice(art),
                    ctx.r(40, 300),
                    browser=rng.choice((d.browser, d.alt_browser)),
                    tags=_tags("prior_art", "id_variant"),
                )
            )
        elif x < 0.92 and m.docs:
            reel.add(d.word(pick_doc(ctx, m.docs, ("word", "excel")), ctx.r(60, 600)))
        else:
            reel.add(glance(ctx))
    return [segment(BILLABLE, m, f"prosecution: {m.short}", reel, "patent_work")]


def chat(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    """A Teams chat with a colleague about the matter: the title names only the colleague."""
    d, rng = ctx.w.desk, ctx.rng
    who = rng.choice(ctx.w.colleagues)
    reel = Reel(budget)
    while not reel.full:
        reel.add(d.teams(f"Chat | {who.name}", ctx.r(30, 200), tags=_tags("teams_chat")))
        if m.docs and rng.random() < 0.5:
            reel.add(d.word(pick_doc(ctx, m.docs), ctx.r(20, 120)))
    return [segment(BILLABLE, m, f"conference with {who.name} re {m.short}", reel, "teams_chat")]


def exhibit_after_workspace(ctx: Ctx, m: Matter, budget: float) -> list[Segment]:
    """The sibling matter's workspace is the last thing on screen before this matter's exhibit opens."""
    sib = ctx.w.matter(m.sibling)
    d = ctx.w.desk
    lead = Reel(min(budget * 0.3, ctx.r(90, 300)))
    what = f"filing in {sib.short}"
    if sib.docs:
        doc = pick_doc(ctx, sib.docs)
        what = f"draft/review {doc.title}"
        lead.add(d.word(doc, lead.left - ctx.r(15, 50)))
    if sib.workspace:
        lead.add(d.browse(sib.workspace, lead.left, tags=_tags("dms_workspace")))
    else:
        lead.add(d.inbox(lead.left))
    out = [segment(BILLABLE, sib, what, lead, "same_client")]
    pdfs = m.pdfs or m.portal_pdfs
    first = ctx.rng.choice(pdfs) if pdfs else None
    spent = sum(s.secs for s in lead.shots)
    out += review(ctx, m, budget - spent, first, "exhibit_after_other_ws", "same_client")
    return out


def production_amid(ctx: Ctx, m: Matter, other: Matter, budget: float) -> list[Segment]:
    """Work on `m`, a production PDF named after a party only `other` has, then back to `m`."""
    prod = next((p for p in other.pdfs if "production" in p.tags), None)
    if prod is None:
        return draft(ctx, m, budget)
    a = budget * ctx.rng.uniform(0.25, 0.4)
    b = budget * ctx.rng.uniform(0.2, 0.35)
    out = draft(ctx, m, a)
    out += review(ctx, other, b, prod, "production_party_pdf")
    out += draft(ctx, m, budget - a - b)
    return out


# --- meetings ---------------------------------------------------------------------------------------------


def meeting(
    ctx: Ctx,
    m: Matter | None,
    budget: float,
    platform: str,
    title: str,
    host: str,
    doc: Doc | None,
    what: str,
    *tags: str,
) -> list[Segment]:
    d, rng, h = ctx.w.desk, ctx.rng, ctx.w.habits
    reel = Reel(budget)
    if platform == "zoom":
        reel.add(d.zoom(False, ctx.r(20, 100)))
    elif platform == "webex":
        reel.add(d.webex("Webex", ctx.r(20, 80)))
    elif platform == "teams" and rng.random() < 0.5:
        reel.add(d.teams("Calendar | Calendar", ctx.r(5, 30)))
    while not reel.full:
        idle = rng.random() < h.idle_in_calls
        secs = ctx.r(190, 700) if idle else ctx.r(60, 500)
        extra = ("call_idle",) if idle else ()
        if platform == "zoom":
            reel.add(d.zoom(True, secs, idle=idle, tags=_tags(*extra)))
        elif platform == "webex":
            reel.add(
                d.webex(
                    title if rng.random() < 0.5 else f"{host}'s Personal Room",
                    secs,
                    idle=idle,
                    tags=_tags(*extra),
                )
            )
        elif platform == "teams":
            reel.add(d.teams(title, secs, idle=idle, tags=_tags("teams_meeting", *extra)))
        else:  # a phone call: whatever is on screen stays there
            shot = d.word(doc, secs) if doc else d.inbox(secs)
            reel.add(replace(shot, idle=True, tags=_tags("phone_call_idle")))
        if doc and rng.random() < 0.3:
            reel.add(d.word(doc, ctx.r(20, 150)) if doc.kind != "pdf" else d.pdf_view(doc, ctx.r(20, 150)))
    kind = BILLABLE if m else NONBILLABLE
    return [segment(kind, m, what, reel, *tags)]


def away_event(
    ctx: Ctx, m: Matter, before: float, event: float, after: float, what: str, place: str
) -> list[Segment]:
    """A hearing, deposition or mediation away from the desk: the screen is locked throughout."""
    d = ctx.w.desk
    out = []
    if before > 0:
        r = Reel(before)
        r.add(d.lock(before))
        out.append(segment(AWAY, None, f"travel to {place}", r, "travel_away"))
    r = Reel(event)
    r.add(d.lock(event))
    out.append(segment(BILLABLE, m, what, r, "hearing_away"))
    if after > 0:
        r = Reel(after)
        r.add(d.lock(after))
        out.append(segment(AWAY, None, f"travel back from {place}", r, "travel_away"))
    return out


# --- not billable -----------------------------------------------------------------------------------------


def lunch(ctx: Ctx, budget: float) -> list[Segment]:
    d, rng = ctx.w.desk, ctx.rng
    reel = Reel(budget)
    if rng.random() < ctx.w.habits.lunch_lock:
        reel.add(d.lock(budget))
        return [segment(AWAY, None, "lunch", reel, "lunch_locked")]
    last = ctx.st.last or d.inbox(0)
    reel.add(replace(last, secs=budget, idle=True, audible=False, tags=_tags("lunch_idle")))
    return [segment(AWAY, None, "lunch", reel, "lunch_idle")]


def pause(ctx: Ctx, budget: float) -> list[Segment]:
    """A break away from the desk: the last window stays on screen, or the screen locks."""
    d = ctx.w.desk
    reel = Reel(budget)
    if ctx.rng.random() < 0.3:
        reel.add(d.lock(budget))
    else:
        last = ctx.st.last or d.inbox(0)
        reel.add(replace(last, secs=budget, idle=True, tags=_tags("break_idle")))
    return [segment(AWAY, None, "break", reel, "break")]


def admin(ctx: Ctx, budget: float) -> list[Segment]:
    rng = ctx.rng
    kinds = ["timekeeping", "intranet", "triage", "triage", "expense"]
    if ctx.w.ebilling:
        kinds += ["ebilling", "ebilling"]
    kinds += ["conflicts"]
    return ADMIN[rng.choice(kinds)](ctx, budget)


def timekeeping(ctx: Ctx, budget: float) -> list[Segment]:
    d, w = ctx.w.desk, ctx.w
    reel = Reel(budget)
    page = web.timekeeping(w.timekeeping, w.slug)
    while not reel.full:
        reel.add(d.browse(page, ctx.r(60, 400), tags=_tags("timekeeping")))
        if ctx.rng.random() < 0.5:
            reel.add(d.mail_calendar(ctx.r(10, 90)))
    return [segment(NONBILLABLE, None, "timekeeping", reel, "timekeeping")]


def ebilling(ctx: Ctx, budget: float) -> list[Segment]:
    """E-billing portals name the client in the title; the work is still firm admin."""
    d, w, rng = ctx.w.desk, ctx.w, ctx.rng
    client = rng.choice([m.client.name for m in w.open_matters()])
    system = rng.choice(w.ebilling)
    reel = Reel(budget)
    while not reel.full:
        reel.add(d.browse(web.ebilling(system, client, rng), ctx.r(60, 300), tags=_tags("ebilling")))
        if rng.random() < 0.3:
            reel.add(
                d.word(
                    Doc(f"Invoice appeal {client.split()[0]}", "excel"),
                    ctx.r(30, 120),
                    tags=_tags("ebilling"),
                )
            )
    return [segment(NONBILLABLE, None, f"e-billing: {client}", reel, "ebilling")]


def conflicts(ctx: Ctx, budget: float) -> list[Segment]:
    d, w, rng = ctx.w.desk, ctx.w, ctx.rng
    m = rng.choice(w.open_matters())
    party = rng.choice(
        (
            m.client.name,
            rng.choice(m.words[:2] or [m.short]),
            f"{rng.choice(m.contacts).last}" if m.contacts else m.short,
        )
    )
    reel = Reel(budget)
    while not reel.full:
        page = (
            web.conflicts(party, w.slug)
            if w.timekeeping != "clio"
            else web.clio_matter(0, f"Conflict check: {party}")
        )
        reel.add(d.browse(page, ctx.r(40, 240), tags=_tags("conflicts")))
        reel.add(d.inbox(ctx.r(10, 60)))
    return [segment(NONBILLABLE, None, f"conflict check: {party}", reel, "conflicts")]


def intranet(ctx: Ctx, budget: float) -> list[Segment]:
    d, w, rng = ctx.w.desk, ctx.w, ctx.rng
    reel = Reel(budget)
    while not reel.full:
        page = web.intranet(w.firm, w.domain, rng) if rng.random() < 0.6 else web.hr_page(rng, w.slug)
        reel.add(d.browse(page, ctx.r(30, 300), tags=_tags("intranet_hr")))
    return [segment(NONBILLABLE, None, "firm intranet / HR", reel, "intranet_hr")]


def triage(ctx: Ctx, budget: float) -> list[Segment]:
    d, rng = ctx.w.desk, ctx.rng
    reel = Reel(budget)
    while not reel.full:
        reel.add(d.inbox(ctx.r(20, 200), tags=_tags("inbox_triage")))
        if rng.random() < 0.6:
            reel.add(d.message(rng.choice(FIRM_SUBJECTS), ctx.r(10, 90), tags=_tags("inbox_triage")))
    return [segment(NONBILLABLE, None, "e-mail triage / firm admin", reel, "inbox_triage")]


def expense(ctx: Ctx, budget: float) -> list[Segment]:
    d = ctx.w.desk
    reel = Reel(budget)
    month = ctx.rng.choice(("January", "February", "March", "Q1", "CLE travel"))
    while not reel.full:
        reel.add(d.word(Doc(f"Expense report {month}", "excel"), ctx.r(60, 300)))
        reel.add(d.browse(web.hr_page(ctx.rng, ctx.w.slug), ctx.r(20, 120), tags=_tags("intranet_hr")))
    return [segment(NONBILLABLE, None, "expense report", reel, "intranet_hr")]


ADMIN = {
    "timekeeping": timekeeping,
    "ebilling": ebilling,
    "conflicts": conflicts,
    "intranet": intranet,
    "triage": triage,
    "expense": expense,
}


def personal(
    ctx: Ctx, budget: float, private: bool | None = None, music: bool | None = None
) -> list[Segment]:
    d, rng = ctx.w.desk, ctx.rng
    reel = Reel(budget)
    private = rng.random() < 0.25 if private is None else private
    if music or (music is None and rng.random() < ctx.w.habits.music * 3):
        reel.add(d.music(rng.choice(SONGS), ctx.r(15, 90)))
    while not reel.full:
        if private:
            reel.add(d.browse(web.private(rng), ctx.r(30, 240), incognito=True, tags=_tags("personal")))
        else:
            page, audible = web.personal(rng)
            reel.add(d.browse(page, ctx.r(20, 260), audible=audible, tags=_tags("personal")))
    what = "private browsing" if private else "personal browsing"
    return [segment(PERSONAL, None, what, reel, "personal")]
