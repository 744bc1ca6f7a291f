"""Behaviour shared by the firm packs: people, numbering, matters, meetings, work choices."""
from __future__ import annotations

import random
import unicodedata
from datetime import timedelta
from typing import ClassVar
from urllib.parse import quote_plus

import banks
from engine import Block, CalEvent, Client, Ctx, Doc, Matter, local_epoch, wchoice


def ascii_(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c)).replace("'", "")


def slug(s: str) -> str:
    return "".join(c for c in ascii_(s).lower() if c.isalnum())


# ------------------------------------------------------------------ matter numbering styles
def numbering(rng, style: str):
    """Returns f(client_no, client_code, k_within_client, seq, year, client_last) -> matter number."""
    if style == "year_seq":
        return lambda cn, code, k, seq, y, last: f"{y}-{seq:04d}"
    if style == "code_dot":
        return lambda cn, code, k, seq, y, last: f"{code}.{k:03d}"
    if style == "cm_dash":
        return lambda cn, code, k, seq, y, last: f"{cn:05d}-{k:04d}"
    if style == "cm_dot":
        return lambda cn, code, k, seq, y, last: f"{cn:06d}.{k:05d}"
    if style == "cl_slash":
        return lambda cn, code, k, seq, y, last: f"CL{cn % 1000}/{k:02d}"
    if style == "clio":
        return lambda cn, code, k, seq, y, last: f"{seq:05d}-{ascii_(last)}"
    if style == "code_dash":
        return lambda cn, code, k, seq, y, last: f"{code}-{k:02d}"
    if style == "yy_code":
        return lambda cn, code, k, seq, y, last: f"{str(y)[2:]}{code[:3]}{seq % 1000:03d}"
    raise ValueError(style)


def client_code(short: str, used: set) -> str:
    base = "".join(c for c in ascii_(short).upper() if c.isalpha())[:4] or "CLNT"
    code, i = base, 1
    while code in used:
        i += 1
        code = base[:3] + str(i)
    used.add(code)
    return code


class BasePack:
    key = "base"
    label = ""
    practice = ""
    os_label = ""
    away_per_week = (0, 2)
    admin_mail: ClassVar[list[str]] = []
    number_styles: ClassVar[list[str]] = []
    tzs: ClassVar[list[str]] = []

    # ---------------------------------------------------------------- setup
    def setup(self, seed: int) -> Ctx:
        rng = random.Random(f"thirdfirm:{self.key}:{seed}")
        ctx = Ctx(self, rng)
        ctx.seed = seed
        ctx.tz = rng.choice(self.tzs)
        ctx.latest_local = {"America/Chicago": 18 * 60 + 58}.get(ctx.tz, 19 * 60 + 58)
        if ctx.tz == "America/Chicago":
            ctx.evening_p = 0.0
            ctx.day_end = (17 * 60 + 25, 18 * 60 + 35)
            ctx.early_p = 0.3
        self.people(ctx)
        self.configure(ctx)
        self.make_matters(ctx)
        for m in ctx.matters:
            if not m.folder:
                m.folder = f"{m.number} {m.short}"
        ctx.personal_pages = list(banks.NEWS) + self.extra_personal(ctx)
        ctx.travel_billable = rng.random() < 0.65
        return ctx

    def people(self, ctx):
        r = ctx.rng
        lasts = r.sample(banks.LAST, 12)
        firsts = r.sample(banks.FIRST, 14)
        ctx.attorney = (firsts[0], lasts[0])
        ctx.attorney_name = f"{firsts[0]} {lasts[0]}"
        ctx.partners = lasts[1:4]
        ctx.colleagues = [(firsts[i], lasts[i + 3]) for i in range(1, 7)]
        ctx.spare_first = firsts[7:]
        ctx.spare_last = lasts[9:]
        ctx.firm_name = self.firm_name(ctx)
        ctx.firm_short = ascii_(ctx.firm_name.split()[0]).strip(",")
        ctx.domain = slug(ctx.firm_short) + r.choice([".com", "law.com", ".law", "-law.com"])
        if not ctx.domain.startswith(slug(ctx.firm_short)):
            ctx.domain = slug(ctx.firm_short) + ".com"
        f, last = ctx.attorney
        ctx.email = r.choice([f"{slug(f)[0]}{slug(last)}", f"{slug(f)}.{slug(last)}", f"{slug(f)}"]) + "@" + ctx.domain.lstrip("-.")

    def firm_name(self, ctx):
        a, b, c = ctx.partners
        return ctx.rng.choice([f"{a} {b} LLP", f"{a}, {b} & {c} LLP", f"{a} & {b} P.C."])

    def colleague(self, ctx, i=None):
        return ctx.colleagues[i] if i is not None else ctx.rng.choice(ctx.colleagues)

    def cemail(self, ctx, person):
        return f"{slug(person[0])[0]}{slug(person[1])}@{ctx.domain.lstrip('-.')}"

    def new_person(self, ctx, domain=None, personal=False):
        r = ctx.rng
        f, last = r.choice(banks.FIRST), r.choice(banks.LAST)
        if personal:
            dom = r.choice(["gmail.com", "yahoo.com", "icloud.com", "outlook.com", "hotmail.com", "aol.com"])
            em = f"{slug(f)}{r.choice(['.', '', '_'])}{slug(last)}{r.choice(['', '', str(r.randint(1, 99))])}@{dom}"
        else:
            em = f"{slug(f)}.{slug(last)}@{domain}"
        return (f, last, em)

    def company(self, ctx, used):
        r = ctx.rng
        while True:
            a = r.choice(banks.CO_A)
            if a not in used:
                used.add(a)
                break
        b = r.choice(banks.CO_B)
        suf = r.choice(banks.CO_SUFFIX)
        if b.endswith("Company"):
            suf = r.choice(["", "of America", "Ltd."])
        name = f"{a} {b} {suf}".strip()
        dom = slug(a) + r.choice([".com", ".com", ".io", ".co", "corp.com"])
        c = Client(name, a, dom)
        c.people = [self.new_person(ctx, dom) for _ in range(r.randint(1, 3))]
        if r.random() < 0.3:
            c.aliases.append("".join(w[0] for w in name.split()[:3]).upper())
        return c

    def individual(self, ctx, used_last):
        r = ctx.rng
        used_last.update(ctx.partners)
        used_last.add(ctx.attorney[1])
        while True:
            last = r.choice(banks.LAST)
            if last not in used_last:
                used_last.add(last)
                break
        f = r.choice(banks.FIRST)
        c = Client(f"{last}, {f}" if r.random() < 0.6 else f"{f} {last}", last, "", individual=True)
        p = self.new_person(ctx, personal=True)
        c.people = [(f, last, p[2].replace(slug(p[0]), slug(f), 1).replace(slug(p[1]), slug(last), 1))]
        return c

    def lawfirm(self, ctx):
        r = ctx.rng
        a, b = r.sample(banks.LAST, 2)
        name = f"{a} {b} {r.choice(banks.LAWFIRM_SUFFIX)}"
        return name, slug(a) + slug(b)[:4] + ".com"

    # ---------------------------------------------------------------- matters
    def assemble(self, ctx, client: Client, T: dict, number: str, f: dict) -> Matter:
        r = ctx.rng
        f = dict(f)
        f.setdefault("C", client.short)
        f.setdefault("CL", client.name)
        f.setdefault("N", number)
        f.setdefault("K", client.people[0][0] if client.people else "")
        f.setdefault("Y", "2026")
        desc = r.choice(T["desc"]).format(**f)
        short = r.choice(T["short"]).format(**f)
        m = Matter(number, client, desc, T["key"], short, f)
        names = r.sample(T["docs"], min(len(T["docs"]), r.randint(3, 6)))
        for nm in names:
            ext = "xlsx" if nm.endswith("#x") else "docx"
            m.docs.append(Doc(m.fmt(nm.replace("#x", ""), r), ext=ext, ver=r.randint(1, 6)))
        m.pdfs = [m.fmt(p, r) for p in r.sample(T["pdfs"], min(len(T["pdfs"]), r.randint(3, 6)))]
        m.threads = [m.fmt(t, r) for t in r.sample(T["threads"], min(len(T["threads"]), r.randint(3, 5)))]
        m.threads += r.sample(["follow up", "Tuesday", "documents", "Quick question", "call?", "Checking in",
                               "signed copy", "Next steps", "revised draft", "per our call", "Scan from a Xerox WorkCentre",
                               "Privileged & Confidential", "thoughts?", "see attached"], r.randint(1, 2))
        m.research = [(m.fmt(q, r), [m.fmt(c, r) for c in cs]) for q, cs in r.sample(T["research"], min(len(T["research"]), r.randint(2, 3)))]
        kw = [m.fmt(k, r) for k in T.get("keywords", [])]
        m.keywords = [k for k in kw if k]
        m.contacts = [p[2] for p in client.people]
        m.T = T
        return m

    def finish_matters(self, ctx):
        """DMS numbers and keyword sparsity, per seed."""
        r = ctx.rng
        richness = ctx.kw_richness
        for m in ctx.matters:
            if ctx.desk.dms:
                for d in m.docs:
                    d.dms = f"{r.randint(4000, 4999)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
            keep = [k for k in m.keywords if r.random() < richness]
            if not keep and m.keywords and r.random() < 0.7:
                keep = [m.keywords[0]]
            m.keywords = keep

    # ---------------------------------------------------------------- planner hooks
    def work(self, ctx, rng, m: Matter, maxdur):
        acts = dict(m.T.get("acts") or self.default_acts)
        act = wchoice(rng, list(acts), list(acts.values()))
        data = {}
        if act == "draft":
            if rng.random() < 0.08:
                n = rng.randint(1, 9)
                tmp = Doc(f"Document{n}", unsaved=True)
                tgt = Doc(m.fmt(rng.choice(m.T["docs"]).replace("#x", ""), rng) + rng.choice(["", " (draft)", " - v1"]),
                          ver=1)
                if ctx.desk.dms:
                    tgt.dms = f"{rng.randint(4000, 4999)}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
                m.docs.append(tgt)
                data = {"doc": tmp, "saveas": tgt}
                return "draft", rng.uniform(20, 70), data, f"draft new document: {tgt.name}"
            doc = rng.choice([d for d in m.docs if not d.unsaved])
            if rng.random() < 0.15:
                doc.ver += 1
            data = {"doc": doc, "state": rng.choice([None] * 12 + ["compat", "ro"])}
            return "draft", rng.uniform(18, 95), data, f"draft/revise {doc.name}"
        if act == "pdf":
            p = rng.choice(m.pdfs)
            return "pdf", rng.uniform(12, 70), {"pdf": p}, f"review {p}"
        if act == "email":
            th = rng.choice(m.threads)
            return "email", rng.uniform(4, 22), {"thread": th}, f"correspondence: {th}"
        if act == "research":
            tp = rng.choice(m.research)
            return "research", rng.uniform(15, 65), {"topic": tp}, f"research: {tp[0]}"
        if act == "portal":
            return "portal", rng.uniform(5, 22), {}, self.portal_what(ctx, m)
        if act == "call":
            p = rng.choice(m.client.people) if m.client.people else ("client", "", "")
            via = "teams" if (ctx.desk.meeting == "teams" and not m.client.individual and rng.random() < 0.4) else "phone"
            who = f"{p[0]} {p[1]}"
            return "call", rng.uniform(4, 24), {"who": who, "via": via}, f"call with {who} re {m.short}"
        return "special", rng.uniform(15, 75), {"sub": act}, self.special_what(ctx, m, act)

    default_acts: ClassVar[dict[str, int]] = {"draft": 5, "pdf": 3, "email": 3, "research": 2, "portal": 1, "call": 1}

    def interruption(self, ctx, rng, o: Matter):
        x = rng.random()
        if x < 0.45 and o.client.people:
            p = rng.choice(o.client.people)
            who = f"{p[0]} {p[1]}"
            return "call", {"who": who, "via": "phone"}, f"call from {who} re {o.short} (interruption)"
        if x < 0.7 and o.threads:
            th = rng.choice(o.threads)
            return "email", {"thread": th}, f"urgent e-mail: {th}"
        c = self.colleague(ctx)
        return "special", {"sub": "chat", "who": f"{c[0]} {c[1]}"}, f"question from {c[0]} on {o.short}"

    def render_special(self, R, b):
        sub = b.data.get("sub")
        if sub == "chat":
            dk, r, m = R.desk, R.rng, b.matter
            items = [(R.ctx.chat_spec(b.data["who"]), 20, 140, "type")]
            if m.docs:
                items.append((dk.word(r.choice(m.docs)), 40, 200, "read"))
            if m.pdfs:
                items.append((dk.pdf(r.choice(m.pdfs)), 30, 160, "read"))
            from engine import r_items as _ri
            _ri(R, b, items, glance_p=0.0, exclude=m)
            return
        self.special(R, b, sub)

    def special(self, R, b, sub):
        raise NotImplementedError(sub)

    def special_what(self, ctx, m, act):
        return act

    def portal_what(self, ctx, m):
        return f"court docket / filing: {m.short}"

    def session_start(self, R, b, si):
        pass

    def extra_personal(self, ctx):
        return []

    # ------------------------------------------------------------ research
    def research_items(self, ctx, m: Matter, topic):
        r, dk = ctx.rng, ctx.desk
        q, cases = topic
        plat = r.choice(ctx.research)
        cid = ""
        if r.random() < ctx.clientid_p:
            cid = r.choice([m.number, m.number, m.client.short.lower(), "general", ctx.last_cid or m.number])
            ctx.last_cid = cid
        items = []
        qp = quote_plus(q)
        if plat == "westlaw":
            t = f"{q} - Search Results - Westlaw Precision" + (f" | Client ID: {cid}" if cid else "")
            items.append((dk.browser(t, f"https://1.next.westlaw.com/Search/Results.html?query={qp}&jurisdiction=ALLFEDS&contextData=(sc.Default)"), 40, 260, "read"))
            for c in r.sample(cases, min(len(cases), r.randint(1, 3))):
                items.append((dk.browser(f"{c} | Westlaw Precision", f"https://1.next.westlaw.com/Document/I{r.randrange(16**12):012x}/View/FullText.html"), 90, 700, "read"))
        elif plat == "lexis":
            t = f"Lexis+ AI | Search Results: {q}" + (f" | Client: {cid}" if cid else "")
            items.append((dk.browser(t, f"https://plus.lexis.com/search/?pdmfid=1530671&pdsearchterms={qp}"), 40, 260, "read"))
            for c in r.sample(cases, min(len(cases), r.randint(1, 3))):
                items.append((dk.browser(f"{c} - Lexis+ AI", f"https://plus.lexis.com/document/?pdmfid=1530671&pddocfullpath=%2Fshared%2Fdocument%2Fcases%2Furn%3AcontentItem%3A{r.randrange(10**6)}"), 90, 700, "read"))
        elif plat == "bloomberg":
            items.append((dk.browser("Search Results | Bloomberg Law", f"https://www.bloomberglaw.com/product/blaw/search/results/{r.randrange(16**16):016x}"), 40, 220, "read"))
            for c in r.sample(cases, min(len(cases), r.randint(1, 3))):
                items.append((dk.browser(f"{c}, Court Opinion - Bloomberg Law", f"https://www.bloomberglaw.com/product/blaw/document/X{r.randrange(36**10):010X}"), 90, 600, "read"))
        elif plat == "fastcase":
            items.append((dk.browser(f"vLex Fastcase - Search: {q}", f"https://app.vlex.com/search?q={qp}"), 40, 220, "read"))
            for c in r.sample(cases, min(len(cases), r.randint(1, 2))):
                items.append((dk.browser(f"{c} - vLex Fastcase", f"https://app.vlex.com/vid/{r.randint(10**8, 10**9)}"), 90, 600, "read"))
        else:  # free sources
            items.append((dk.browser(f"{q} - Google Search", f"https://www.google.com/search?q={qp}"), 15, 90, "read"))
            items.append((dk.browser(f"{q} - Google Scholar", f"https://scholar.google.com/scholar?hl=en&as_sdt=4,33&q={qp}"), 30, 200, "read"))
            for c in r.sample(cases, min(len(cases), r.randint(1, 2))):
                items.append((dk.browser(f"{c} - Google Scholar", f"https://scholar.google.com/scholar_case?case={r.randint(10**17, 10**18)}"), 90, 600, "read"))
        return items

    # ------------------------------------------------------------ meetings & calendar
    vague_meet: ClassVar[list[str]] = ["Catch up - {K}/{me}", "Call", "Quick call", "Touch base", "{K} / {me}", "Check-in",
                  "Follow-up call", "Call w/ {K}", "Call re: next steps", "Discuss", "Hold for call"]

    def platform(self, ctx, rng, external=True):
        return wchoice(rng, list(ctx.platforms), list(ctx.platforms.values()))

    def meeting(self, ctx, rng, d):
        mats = ctx.open_matters()
        x = rng.random()
        me = ctx.attorney[0]
        if x < ctx.internal_meet_p:
            c1, c2 = rng.sample(ctx.colleagues, 2)
            subj = rng.choice(self.internal_meetings).format(me=me, c=c1[0], firm=ctx.firm_short)
            dur = rng.choice([30, 30, 60, 45])
            plat = "teams" if ctx.desk.meeting == "teams" else rng.choice(["inperson", ctx.desk.meeting])
            att = [(f"{c[0]} {c[1]}", self.cemail(ctx, c)) for c in (c1, c2)]

            def ev(d, t):
                return CalEvent(subj, local_epoch(ctx.tz, d, t), local_epoch(ctx.tz, d, t + dur),
                                location=self.location(ctx, plat), attendees=att,
                                organizer=(f"{c1[0]} {c1[1]}", self.cemail(ctx, c1)), description=self.join_text(ctx, plat))
            return {"dur": dur, "event": ev, "kind": "nonbillable", "matter": None, "what": f"firm meeting: {subj}",
                    "data": {"platform": plat, "subject": subj}, "external": False}
        m = wchoice(rng, mats, [mm.weight for mm in mats])
        T = m.T
        y = rng.random()
        if y < 0.45:
            subj = m.fmt(rng.choice(T["meet"]), rng)
        elif y < 0.7:
            subj = rng.choice(self.vague_meet).format(K=m.f["K"] or m.client.short, me=me)
        else:
            subj = rng.choice(["{C} call", "{C} - weekly", "{C} / {firm}", "Call with {C}", "{C} update"]).format(
                C=m.client.short, firm=ctx.firm_short)
        dur = rng.choice([15, 30, 30, 30, 45, 60, 60, 90])
        internal = rng.random() < 0.2
        plat = self.platform(ctx, rng, external=not internal)
        if m.client.individual and plat == "teams" and rng.random() < 0.5:
            plat = "phone"
        att = []
        if not internal:
            for p in m.client.people[: rng.randint(1, max(1, len(m.client.people)))]:
                att.append((f"{p[0]} {p[1]}", p[2]))
        if rng.random() < 0.3 and m.f.get("OC"):
            att.append(m.f["OC"])
        c = self.colleague(ctx)
        att.append((f"{c[0]} {c[1]}", self.cemail(ctx, c)))
        z = rng.random()
        desc = self.join_text(ctx, plat)
        if z < 0.25:
            desc = f"Re: {m.desc} (our file {m.number})\n\n" + desc
        elif z < 0.4:
            desc = f"{m.client.name} - {m.short}\n\n" + desc
        elif z < 0.5:
            desc = "Dial-in below. Agenda to follow.\n\n" + desc
        organizer = (ctx.attorney_name, ctx.email) if rng.random() < 0.6 else (att[0] if att else None)

        def ev(d, t):
            return CalEvent(subj, local_epoch(ctx.tz, d, t), local_epoch(ctx.tz, d, t + dur),
                            location=self.location(ctx, plat), description=desc, attendees=att,
                            organizer=organizer)
        share = rng.random() < 0.35
        return {"dur": dur, "event": ev, "kind": "billable", "matter": m, "what": f"meeting: {subj} ({m.short})",
                "data": {"platform": plat, "subject": subj, "share": share,
                         "who": f"{m.client.people[0][0]} {m.client.people[0][1]}" if m.client.people else ""},
                "external": not internal, "noshow": rng.random() < 0.06}

    internal_meetings: ClassVar[list[str]] = ["1:1 {me}/{c}", "Associates meeting", "Practice group lunch", "Pipeline review",
                         "{firm} all-hands", "Training: new DMS features", "Lunch & learn", "Mentoring - {c}"]

    def location(self, ctx, plat):
        return {"teams": "Microsoft Teams Meeting", "zoom": "Zoom", "webex": "Webex",
                "phone": "Phone", "meet": "Google Meet", "inperson": ctx.rng.choice(["Conf Rm 12B", "Conf Rm 4", "Library", "My office"]),
                "facetime": "FaceTime"}.get(plat, "")

    def join_text(self, ctx, plat):
        r = ctx.rng
        if plat == "teams":
            return (f"Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n"
                    f"Click here to join the meeting <https://teams.microsoft.com/l/meetup-join/19%3ameeting_{r.randrange(16**20):020x}%40thread.v2/0>\n"
                    f"Meeting ID: {r.randint(100, 999)} {r.randint(100, 999)} {r.randint(100, 999)} {r.randint(10, 99)}\n"
                    f"Passcode: {''.join(r.choice('abcdefghjkmnpqrstuvwxyz23456789') for _ in range(6))}")
        if plat == "zoom":
            mid = r.randint(81000000000, 89999999999)
            return f"Join Zoom Meeting\nhttps://{slug(ctx.firm_short)}.zoom.us/j/{mid}?pwd={r.randrange(16**16):016x}\n\nMeeting ID: {str(mid)[:3]} {str(mid)[3:7]} {str(mid)[7:]}"
        if plat == "webex":
            return f"Join the Webex meeting\nhttps://{slug(ctx.firm_short)}.webex.com/meet/{slug(ctx.attorney[1])}"
        if plat == "meet":
            return "Join with Google Meet\nhttps://meet.google.com/" + "-".join("".join(r.choice("abcdefghijkmnopqrstuvwxyz") for _ in range(n)) for n in (3, 4, 3))
        if plat == "phone":
            return r.choice(["I will call you.", "Please call 1-877-555-0199, code 4417#", ""])
        return ""

    def recurring(self, ctx, rng):
        out = []
        wd = rng.randrange(5)
        lm = rng.choice([8 * 60 + 30, 9 * 60, 12 * 60, 16 * 60])
        subj = rng.choice(self.recurring_subjects).format(firm=ctx.firm_short)
        plat = "teams" if ctx.desk.meeting == "teams" else rng.choice(["inperson", ctx.desk.meeting])

        first = rng.randint(8, 60)

        def factory(ctx, rng, d, lm, dur):
            d0 = d - timedelta(weeks=first)
            ev = CalEvent(subj, local_epoch(ctx.tz, d0, lm), local_epoch(ctx.tz, d0, lm + dur),
                          location=self.location(ctx, plat), rrule=f"FREQ=WEEKLY;BYDAY={['MO', 'TU', 'WE', 'TH', 'FR'][d.weekday()]}",
                          organizer=(f"{ctx.colleagues[0][0]} {ctx.colleagues[0][1]}", self.cemail(ctx, ctx.colleagues[0])),
                          uid=f"rec-{slug(subj)}-{ctx.seed}")
            if rng.random() < 0.15:   # skipped this week
                return ev, None
            s = lm + rng.choice([0, 1, 2, 4])
            b = Block(s, lm + dur + rng.choice([-10, -5, 0, 0, 5]), "nonbillable", None, "meeting",
                      f"firm meeting: {subj}", {"platform": plat, "subject": subj})
            return ev, b
        out.append((wd, lm, rng.choice([30, 45, 60]), factory))
        return out

    recurring_subjects: ClassVar[list[str]] = ["Practice group weekly", "{firm} litigation dept. meeting", "Monday docket review",
                          "Team stand-up"]

    def extra_calendar(self, ctx, rng, monday):
        out = []
        for m in ctx.open_matters():
            if m.T.get("deadline") and rng.random() < 0.35:
                d = monday + timedelta(days=rng.randrange(5))
                out.append(CalEvent(m.fmt(rng.choice(m.T["deadline"]), rng), 0, 0, allday=d, busy="FREE"))
        # Viva "Focus time", personal appointments
        if rng.random() < 0.5:
            d = monday + timedelta(days=rng.randrange(5))
            t = rng.choice([9 * 60, 14 * 60, 15 * 60])
            out.append(CalEvent("Focus time", local_epoch(ctx.tz, d, t), local_epoch(ctx.tz, d, t + 120),
                                description="Focus time booked by Viva Insights", busy="BUSY"))
        if rng.random() < 0.6:
            d = monday + timedelta(days=rng.randrange(5))
            t = rng.choice([7 * 60 + 15, 12 * 60, 17 * 60 + 45])
            out.append(CalEvent(rng.choice(["Dentist", "Pick up kids", "Gym", "PT appt", "Parent-teacher conf"]),
                                local_epoch(ctx.tz, d, t), local_epoch(ctx.tz, d, t + 45), busy="OOF"))
        return out

    # ------------------------------------------------------------ offsite
    def offsite(self, ctx, rng, d):
        cands = [m for m in ctx.open_matters() if m.T.get("offsite")]
        if not cands:
            return None
        m = wchoice(rng, cands, [mm.weight for mm in cands])
        o = rng.choice(m.T["offsite"])
        s0 = rng.choice(o["starts"])
        dur = rng.randint(*o["dur"])
        summary = m.fmt(rng.choice(o["summary"]), rng)
        where = m.fmt(rng.choice(o["location"]), rng)
        travel = rng.randint(*o.get("travel", (15, 45)))
        att = [(f"{p[0]} {p[1]}", p[2]) for p in m.client.people[:1]]

        def ev(dd):
            return CalEvent(summary, local_epoch(ctx.tz, dd, s0), local_epoch(ctx.tz, dd, s0 + dur), location=where,
                            attendees=att, description=m.fmt(rng.choice(o.get("desc", [""])), rng))
        return {"sched_start": s0, "sched_dur": dur, "travel_out": travel, "travel_back": travel if travel <= 3 else max(5, travel + rng.randint(-5, 15)),
                "early": rng.randint(5, 25), "overrun": rng.choice([-20, -10, 0, 10, 25, 45]) if dur > 45 else rng.choice([0, 10, 30]),
                "where": where.split(",")[0], "what": f"{o['what']}: {summary}", "matter": m, "event": ev}

    # ------------------------------------------------------------ admin
    def admin(self, ctx, rng, kind):
        if kind == "timesheet" or rng.random() < 0.25:
            return self.timesheet_items(ctx, rng), "time entry / timesheet"
        opts = self.admin_options(ctx, rng)
        what, items = rng.choice(opts)
        return items, what

    def timesheet_items(self, ctx, rng):
        mats = rng.sample(ctx.open_matters(), min(3, len(ctx.open_matters())))
        return [(ctx.time_page(m), 20, 180, "type") for m in mats]


def pick_tz_safe(ctx):
    return ctx.tz
