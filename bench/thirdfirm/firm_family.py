"""Small family-law and criminal-defense firm, Atlanta or Charlotte, Windows laptop, Clio + Gmail in Chrome."""
from __future__ import annotations

from typing import ClassVar

import banks
from desks import Desk
from engine import r_items
from packbase import BasePack, ascii_, client_code, numbering, slug

VENUES = {
    "GA": {"county": "Fulton County", "civil": lambda r: f"2025CV{r.randint(100000, 499999)}",
           "crim": lambda r: f"25SC{r.randint(100000, 199999)}",
           "court": ["Fulton County Justice Center Tower, 185 Central Ave SW, Courtroom 5{x}", "Fulton County Superior Court, 136 Pryor St SW, Courtroom 8{x}",
                     "DeKalb County Courthouse, 556 N McDonough St, Decatur, GA, Courtroom 4{x}"],
           "jail": "Fulton County Jail, 901 Rice St NW, Atlanta, GA",
           "efile": ("PeachCourt", "https://peachcourt.com/Filing/Create"), "efile2": ("eFileGA", "https://efile.efilega.com/OfsWeb/FileAndServeModule/Envelope/AddOrEdit"),
           "docket": ("Fulton County Courts - Odyssey Portal - Case Search", "https://publicrecordsaccess.fultoncountyga.gov/Portal/Home/WorkspaceMode?p=0")},
    "NC": {"county": "Mecklenburg County", "civil": lambda r: f"25 CVD {r.randint(1000, 29999)}",
           "crim": lambda r: f"25CR{r.randint(100000, 999999)}",
           "court": ["Mecklenburg County Courthouse, 832 E 4th St, Courtroom 4{x}", "Mecklenburg County Courthouse, 832 E 4th St, Courtroom 11{x}"],
           "jail": "Mecklenburg County Detention Center - Central, 801 E 4th St, Charlotte, NC",
           "efile": ("eCourts File & Serve", "https://ncfile.tylertech.cloud/OfsWeb/FileAndServeModule/Envelope/AddOrEdit"),
           "efile2": ("eCourts Portal", "https://portal-nc.tylertech.cloud/Portal/"),
           "docket": ("eCourts Portal - Smart Search", "https://portal-nc.tylertech.cloud/Portal/Home/Dashboard/29")},
}

T_DIV = {
    "key": "divorce",
    "desc": ["Divorce - {C} v. {A}", "{C}, {K} - Dissolution of marriage", "In re Marriage of {C} and {A}"],
    "short": ["{C} divorce", "{C} v. {A}"],
    "docs": ["{C} - Financial Affidavit#x", "Settlement Agreement - {C}", "Parenting Plan - {C}", "Motion for Temporary Hearing",
             "Interrogatories to {AF} {A}", "Letter to opposing counsel re discovery", "{C} Child Support Worksheet#x", "Answer and Counterclaim"],
    "pdfs": ["{A} Financial Affidavit.pdf", "Complaint for Divorce - filed.pdf", "{C} 2024 tax return.pdf", "Bank statements - joint acct.pdf",
             "Temporary Order {D}.pdf", "Scan_{scan}.pdf"],
    "threads": ["{C} divorce", "Settlement proposal", "{K} - questions", "financial affidavit", "{C} v {A} - {D}", "Temp hearing",
                "Documents you asked for"],
    "research": [("equitable division separate property commingling", ["Thomas v. Thomas, 259 Ga. 73 (1989)", "Lerch v. Lerch, 278 Ga. 885 (2005)"]),
                 ("child support deviation high income", ["O.C.G.A. § 19-6-15", "Turner v. Turner, 300 Ga. 524"])],
    "keywords": ["{C}", "{D0}"],
    "meet": ["{C} - strategy call", "{K} {C} - settlement", "Mediation prep - {C}"],
    "offsite": [{"summary": ["Temp hearing - {C} v. {A}", "{C} final hearing", "Hearing - {D}"], "location": ["{court}"],
                 "starts": [9 * 60, 9 * 60 + 30, 13 * 60 + 30], "dur": (45, 150), "what": "court hearing", "travel": (20, 40)},
                {"summary": ["Mediation - {C}", "{C}/{A} mediation"], "location": ["Henning Mediation, 3350 Riverwood Pkwy, Atlanta, GA", "Mediation Center, 600 E 4th St"],
                 "starts": [9 * 60 + 30], "dur": (180, 360), "what": "mediation", "travel": (20, 35)}],
    "deadline": ["Disclosures due - {C}", "Response to discovery - {C}"],
    "acts": {"draft": 5, "pdf": 2, "email": 3, "research": 1, "portal": 1, "call": 3, "clio": 2},
}
T_CUST = {
    "key": "custody",
    "desc": ["Custody modification - {C}", "{C} - modification of parenting time", "Petition to modify custody ({C})"],
    "short": ["{C} custody", "{C} mod"],
    "docs": ["Petition for Modification of Custody", "Proposed Parenting Plan (modified)", "Affidavit of {K} {C}",
             "Motion to Appoint GAL", "Timeline of incidents - {C}#x"],
    "pdfs": ["Final Decree 2021.pdf", "School records - {kid}.pdf", "Text messages export.pdf", "GAL report.pdf"],
    "threads": ["{C} custody", "{kid} school schedule", "GAL", "modification", "summer schedule"],
    "research": [("material change in condition modification custody", ["Scott v. Scott, 276 Ga. 372 (2003)", "Weickert v. Weickert, 268 Ga. 444"])],
    "keywords": ["{kid}", "custody"],
    "meet": ["{C} custody - call", "Call with GAL"],
    "offsite": [{"summary": ["Custody hearing - {C}"], "location": ["{court}"], "starts": [9 * 60, 14 * 60], "dur": (60, 120),
                 "what": "custody hearing", "travel": (20, 40)}],
    "acts": {"draft": 4, "pdf": 2, "email": 3, "call": 3, "clio": 1},
}
T_PO = {
    "key": "protective",
    "desc": ["Protective order - {C}", "TPO - {C} v. {A}", "{C} - 12-month protective order hearing"],
    "short": ["{C} TPO", "{C} PO"],
    "docs": ["Petition for Protective Order", "Witness list - {C} PO", "Exhibit list - {C}"],
    "pdfs": ["Ex Parte TPO.pdf", "Police report {case}.pdf", "Photos.pdf"],
    "threads": ["TPO hearing", "{C} - protective order", "photos"],
    "research": [("family violence protective order continuance", ["O.C.G.A. § 19-13-3"])],
    "keywords": ["TPO", "{C}"],
    "meet": ["{C} - prep for PO hearing"],
    "offsite": [{"summary": ["TPO hearing - {C}"], "location": ["{court}"], "starts": [9 * 60, 13 * 60 + 30], "dur": (60, 180),
                 "what": "protective order hearing", "travel": (20, 40)}],
    "acts": {"draft": 3, "pdf": 2, "email": 2, "call": 3, "clio": 1},
}
T_DUI = {
    "key": "dui",
    "desc": ["State v. {CFull} - DUI", "{C} - DUI / failure to maintain lane", "DUI - citation {cit}"],
    "short": ["{C} DUI", "State v. {C}"],
    "docs": ["Motion to Suppress - {C}", "ALS hearing request", "Discovery request (Brady)", "Plea memo - {C}", "Letter to ADA {ada} re plea"],
    "pdfs": ["Citation {cit}.pdf", "Incident report {case}.pdf", "Intoxilyzer 9000 printout.pdf", "Accusation {D}.pdf", "DDS 1205 notice.pdf"],
    "threads": ["{C} DUI", "State v. {C} - discovery", "ALS hearing", "plea offer", "{C} - court date", "bodycam"],
    "research": [("implied consent warning voluntariness breath test", ["Elliott v. State, 305 Ga. 179 (2019)", "State v. Turner, 304 Ga. 356"]),
                 ("reasonable articulable suspicion weaving within lane", ["Jones v. State, 253 Ga. App. 870", "Heien v. North Carolina, 574 U.S. 54 (2014)"])],
    "keywords": ["{C}", "{cit}", "DUI"],
    "meet": ["{C} - case review", "Call w/ ADA {ada}"],
    "offsite": [{"summary": ["Arraignment - State v. {C}", "Calendar call - {D}", "Motions hearing - State v. {C}"], "location": ["{court}"],
                 "starts": [8 * 60 + 30, 9 * 60, 13 * 60 + 30], "dur": (60, 180), "what": "criminal court appearance", "travel": (20, 40)}],
    "deadline": ["ALS deadline - {C}", "Motions due - {D}"],
    "acts": {"draft": 3, "pdf": 2, "email": 2, "research": 1, "portal": 1, "call": 2, "video": 3},
}
T_DRUG = {
    "key": "crim",
    "desc": ["State v. {CFull} - possession", "{C} - felony possession / PWID", "State v. {C} ({D})", "Probation revocation - {C}"],
    "short": ["State v. {C}", "{C} crim", "{C} PV"],
    "docs": ["Motion for Bond", "Motion to Suppress (search of vehicle)", "Mitigation packet - {C}", "Letter to probation officer",
             "First offender request"],
    "pdfs": ["Indictment {D}.pdf", "Search warrant affidavit.pdf", "GCIC history - {C}.pdf", "Lab report.pdf", "Bond order.pdf"],
    "threads": ["State v. {C}", "{C} - bond", "discovery", "{K} - mom called", "plea"],
    "research": [("automobile exception probable cause odor of marijuana hemp", ["Carroll v. United States, 267 U.S. 132", "Kansas v. Glover, 589 U.S. 376 (2020)"])],
    "keywords": ["{C}", "{D0}"],
    "meet": ["{C} family - call", "Call w/ ADA {ada}"],
    "offsite": [{"summary": ["Jail visit - {C}"], "location": ["{jail}"], "starts": [8 * 60, 16 * 60], "dur": (45, 90),
                 "what": "client jail visit", "travel": (20, 35)},
                {"summary": ["Bond hearing - {C}", "Plea & arraignment - {D}"], "location": ["{court}"], "starts": [9 * 60, 13 * 60 + 30],
                 "dur": (60, 180), "what": "criminal court appearance", "travel": (20, 40)}],
    "acts": {"draft": 3, "pdf": 3, "email": 2, "research": 1, "portal": 1, "call": 3, "video": 2},
}
T_EXP = {
    "key": "expunge",
    "desc": ["Record restriction - {C}", "Expunction petition - {C}"],
    "short": ["{C} expungement", "{C} record restriction"],
    "docs": ["Petition for Record Restriction", "Proposed Order - Restriction", "Letter to {C} re process"],
    "pdfs": ["GCIC criminal history.pdf", "Disposition {D}.pdf"],
    "threads": ["record restriction", "{C} - expungement", "next steps"],
    "research": [("record restriction eligibility dismissed charges", ["O.C.G.A. § 35-3-37"])],
    "keywords": ["{C}"],
    "meet": ["{C} - intake follow-up"],
    "acts": {"draft": 4, "pdf": 2, "email": 2, "portal": 2, "call": 1},
}
FAM = [T_DIV, T_CUST, T_PO]
CRIM = [T_DUI, T_DRUG, T_EXP]


class Family(BasePack):
    key = "family"
    label = "Family law & criminal defense, small firm, Southeast (Windows laptop)"
    practice = "divorce, custody, protective orders, DUI and criminal defense"
    os_label = "Windows 11 (laptop)"
    tzs: ClassVar[list[str]] = ["America/New_York"]
    away_per_week = (2, 4)
    admin_mail: ClassVar[list[str]] = ["Clio: Payment received", "LawPay: deposit notification", "Avvo: new review", "State Bar: dues reminder",
                  "GACDL listserv digest", "Google Workspace: storage 90% full", "New client inquiry (website form)",
                  "Voicemail from (404) 555-0179"]
    recurring_subjects: ClassVar[list[str]] = ["Staff meeting", "Case review with {firm} paralegal"]
    internal_meetings: ClassVar[list[str]] = ["Case review - {c}", "Staff meeting", "Intake calls"]

    def firm_name(self, ctx):
        a, b, _c = ctx.partners
        return ctx.rng.choice([f"{a} Law Group", f"{a} & {b}, LLC", f"The {a} Law Firm", f"{a} Family Law"])

    def configure(self, ctx):
        r = ctx.rng
        st = r.choice(["GA", "NC"])
        ctx.venue = VENUES[st]
        f, last = ctx.attorney
        host = r.choice([f"LAPTOP-{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(7))}",
                         f"DESKTOP-{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(7))}", f"{ascii_(f).upper()}-XPS"])
        browsers = ["chrome"] + (["edge"] if r.random() < 0.3 else [])
        ctx.desk = Desk(r, "win", host, f"{f} {last}", ctx.email, ctx.firm_name, mail="gmail",
                        pdf=r.choice(["reader", "acrobat", "acrobat_new"]), word="win", browsers=browsers,
                        work_browser="chrome", personal_browser=browsers[-1], meeting="zoom",
                        phone=r.choice(["ringcentral", "zoiper", "phonelink", "desk"]))
        ctx.platforms = {"phone": 5, "zoom": 3, "meet": 1, "inperson": 2}
        ctx.research = r.sample(["fastcase", "free", "westlaw"], 2)
        ctx.clientid_p = 0.0
        ctx.last_cid = None
        ctx.kw_richness = r.uniform(0.5, 1.0)
        ctx.laptop = True
        ctx.lock_habit = r.choice(["never", "auto", "auto"])
        ctx.autolock = r.choice([5, 10, 15])
        ctx.evening_p = r.uniform(0.2, 0.5)
        ctx.glance_p = r.uniform(0.06, 0.15)
        ctx.interrupt_p = r.uniform(0.2, 0.35)
        ctx.internal_meet_p = 0.08
        ctx.meetings_per_day = (0, 2)
        ctx.personal_min = (10, 45)
        ctx.admin_min = (30, 80)
        ctx.lunch_desk_p = r.uniform(0.2, 0.6)
        ctx.cal_style = "google"
        ctx.chat = False
        ctx.extra_cols = r.choice([[], ["contacts"], ["aliases", "identifiers"]])
        dk = ctx.desk

        def time_page(m):
            if m is None:
                return dk.browser("Activities - Clio", "https://app.clio.com/nc/#/activities")
            return dk.browser(f"{m.number} - {m.client.name} - Clio", f"https://app.clio.com/nc/#/matters/{m.f['clioid']}/activities")
        ctx.time_page = time_page
        ctx.timer_spec = lambda: dk.browser("Activities - Clio", "https://app.clio.com/nc/#/activities")
        ctx.chat_spec = lambda who: (dk.softphone(who) or dk.browser("Messages - Clio", "https://app.clio.com/nc/#/communications"))

    def make_matters(self, ctx):
        r = ctx.rng
        style = r.choice(["clio", "clio", "year_seq", "code_dash"])
        num = numbering(r, style)
        v = ctx.venue
        used = set()
        codes = set()
        seq = r.randint(120, 900)
        n_clients = r.randint(5, 8)
        multi = 0
        for i in range(n_clients):
            c = self.individual(ctx, used)
            fam = r.random() < 0.55
            pool = FAM if fam else CRIM
            k = r.choice([1, 1, 2, 2, 3]) if multi < 3 else 1
            if i < 2:
                k = max(k, 2)
            multi += k >= 2
            types = [pool[0], *r.sample(pool[1:], k - 1)] if k > 1 else [r.choice(pool)]
            code = client_code(c.short, codes)
            adv_f, adv_l = r.choice(banks.FIRST), c.short if r.random() < 0.7 else r.choice(banks.LAST)
            kid = r.choice(["Mia", "Liam", "Ava", "Noah", "Isabella", "Elijah", "Sofía", "Mateo", "Amara", "Josiah"])
            for ki, T in enumerate(types):
                seq += r.randint(1, 30)
                number = num(0, code, ki + 1, seq, 2025, c.short)
                crim = T in CRIM
                dn = v["crim"](r) if crim else v["civil"](r)
                dv = [dn, dn.replace(" ", ""), f"{dn[:2]}-{dn[2:4]}-{dn[4:]}" if " " not in dn else dn.replace(" ", "-"), f"Case No. {dn}"]
                f = {"A": f"{adv_f} {adv_l}" if adv_l != c.short else adv_f, "AF": adv_f, "CFull": f"{c.people[0][0]} {c.short}",
                     "D": dn, "Dv": dv, "D0": dn, "kid": kid, "cit": f"E{r.randint(1000000, 9999999)}",
                     "case": f"{r.randint(25, 26)}-{r.randint(100000, 999999)}", "ada": r.choice(banks.LAST),
                     "court": r.choice(v["court"]).replace("{x}", r.choice("ABCDEF")), "jail": v["jail"],
                     "scan": f"{r.randint(20250101, 20260430)}_{r.randint(100000, 999999)}", "clioid": r.randint(1400000000, 1499999999)}
                m = self.assemble(ctx, c, T, number, f)
                m.identifiers = [dn]
                ctx.matters.append(m)
        r.shuffle(ctx.matters)
        c = self.individual(ctx, used)
        T = r.choice(FAM + CRIM)
        dn = v["civil"](r)
        new = self.assemble(ctx, c, T, num(0, client_code(c.short, codes), 1, seq + 40, 2026, c.short),
                            {"A": r.choice(banks.FIRST), "AF": "", "CFull": c.name, "D": dn, "Dv": [dn], "D0": dn, "kid": "Leo",
                             "cit": f"E{r.randint(1000000, 9999999)}", "case": "26-004411", "ada": r.choice(banks.LAST),
                             "court": v["court"][0].replace("{x}", "B"), "jail": v["jail"], "scan": "20260511_090411",
                             "clioid": r.randint(1400000000, 1499999999)})
        new.week_open = 2
        ctx.matters.append(new)
        self.finish_matters(ctx)

    def platform(self, ctx, rng, external=True):
        p = super().platform(ctx, rng, external)
        return "meet" if p == "meet" else p

    def portal_items(self, ctx, m):
        r, dk, v = ctx.rng, ctx.desk, ctx.venue
        ef = r.choice([v["efile"], v["efile2"]])
        return [(dk.browser(v["docket"][0], v["docket"][1]), 20, 120, "type"),
                (dk.browser(f"Case {m.f['D']} - {v['docket'][0].split(' - ')[0]}", v["docket"][1] + f"&case={slug(m.f['D'])}"), 30, 200, "read"),
                (dk.browser(f"{ef[0]} - New Filing", ef[1]), 60, 400, "type"),
                (dk.pdf(r.choice(m.pdfs)), 40, 240, "read")]

    def special_what(self, ctx, m, act):
        if act == "video":
            return f"review body-cam / dash-cam video: {m.short}"
        return f"case management in Clio: {m.short}"

    def special(self, R, b, sub):
        r, dk, m = R.rng, R.desk, b.matter
        if sub == "video":
            agency = r.choice(["Atlanta Police Department", "Georgia State Patrol", "CMPD", "Fulton County Sheriff's Office"])
            vid = f"{r.choice(['AXON', 'X6', 'BWC'])}_{r.randint(20250101, 20260430)}_{r.randint(1000, 9999)}"
            items = [(dk.browser(f"Evidence.com | {agency}", "https://prosecutor.evidence.com/shared/cases"), 20, 90, "read"),
                     (dk.browser(f"{vid} - Evidence.com", f"https://prosecutor.evidence.com/axon/evidence/{r.randrange(16**32):032x}", audible=True), 400, 1400, "watch"),
                     (dk.word(r.choice(m.docs)), 60, 300, "type")]
            r_items(R, b, items, exclude=m, glance_p=0.03)
            return
        # Clio case management: notes, documents, tasks for the matter
        base = f"https://app.clio.com/nc/#/matters/{m.f['clioid']}"
        items = [(dk.browser("Matters - Clio", "https://app.clio.com/nc/#/matters"), 5, 40, "read"),
                 (dk.browser(f"{m.number} - {m.client.name} - Clio", base + "/dashboard"), 30, 200, "read"),
                 (dk.browser("Documents - Clio", base + "/documents"), 20, 140, "read"),
                 (dk.browser("Notes - Clio", base + "/notes"), 60, 300, "type"),
                 (dk.pdf(r.choice(m.pdfs)), 40, 300, "read")]
        r_items(R, b, items, exclude=m)

    def admin_options(self, ctx, rng):
        dk = ctx.desk
        lead = f"{rng.choice(banks.FIRST)} {rng.choice(banks.LAST)}"
        return [
            ("new client intake call (prospect)", [(dk.softphone(lead) or dk.mail_inbox(), 300, 900, "call"),
                                                   (dk.browser("Clio Grow - Inbox", "https://grow.clio.com/inbox"), 60, 240, "type")]),
            ("billing / trust account", [(dk.browser("Bills - Clio", "https://app.clio.com/nc/#/bills"), 60, 300, "type"),
                                         (dk.browser("LawPay - Transactions", "https://secure.lawpay.com/transactions"), 30, 180, "read")]),
            ("CLE webinar", [(dk.browser("GACDL Spring Seminar - DUI Defense Update (Live Stream) - YouTube", "https://www.youtube.com/watch?v=" + "".join(rng.choice("abcdefghijkABCDEFG0123456789") for _ in range(11)), audible=True), 600, 1800, "watch")]),
            ("marketing / website", [(dk.browser("Google Business Profile", "https://business.google.com/"), 60, 300, "read"),
                                     (dk.browser("Avvo - Reviews", "https://www.avvo.com/"), 30, 200, "read")]),
            ("court calendar planning", [(dk.calendar_view(), 60, 300, "type"), (dk.browser("Calendar - Clio", "https://app.clio.com/nc/#/calendar"), 60, 200, "type")]),
        ]

    def extra_personal(self, ctx):
        return [("Inbox (4) - personal - Gmail", "https://mail.google.com/mail/u/1/#inbox"),
                ("Facebook", "https://www.facebook.com/"), ("Instagram", "https://www.instagram.com/")]


PACK = Family()
