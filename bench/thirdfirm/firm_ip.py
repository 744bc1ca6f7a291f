"""IP boutique (patent prosecution, trademarks, opinions), Eastern US, Windows desktop, Chrome, Outlook, Webex/Teams."""
from __future__ import annotations

from typing import ClassVar

from desks import Desk
from engine import r_items
from packbase import BasePack, client_code, slug

TECH = [("autonomous forklift path planning", "G05D 1/02", "Systems and methods for collision-aware path planning of material handling vehicles"),
        ("lithium-ion cell thermal runaway detection", "H01M 10/48", "Battery management system with early thermal runaway detection"),
        ("CRISPR guide RNA delivery lipid nanoparticle", "C12N 15/113", "Lipid nanoparticle compositions for guide RNA delivery"),
        ("wearable glucose sensor adhesive patch", "A61B 5/145", "Adhesive patch for a continuous analyte sensor"),
        ("semiconductor wafer edge bevel etch", "H01L 21/3065", "Bevel etch apparatus with adaptive plasma exclusion zone"),
        ("federated learning model update compression", "G06N 3/098", "Compressed gradient exchange for federated training"),
        ("modular drone battery swap", "B64U 50/39", "Unmanned aerial vehicle with hot-swappable battery module"),
        ("plant-based cheese casein substitute", "A23C 20/02", "Non-dairy cheese analogue comprising recombinant micelles")]
PRIOR = ["US 10,912,345 B2", "US 2021/0154321 A1", "US 9,876,543 B1", "WO 2020/123456 A1", "EP 3 456 789 B1", "US 11,003,214 B2",
         "US 2019/0387654 A1", "JP 2018-123456 A"]
MARKS = ["HALYARD", "BRIGHTNEST", "KESTREL PRO", "TIDEWELL", "NORTHSTAR FLOW", "QUARRYLINE", "SABLE & CO.", "LUMÉRA"]

T_OA = {
    "key": "oa",
    "desc": ["US Appl. {app} - {title}", "{title} (US)", "Patent application - {tech}"],
    "short": ["{dk}", "{C} {techshort}"],
    "docs": ["{dk} OA Response (Draft)", "{dk}_Claims_v{v}", "{dk} - Interview Agenda", "Response to Office Action dated {oadate}",
             "Amendment and Response - {app_nc}", "{dk} claim chart vs {prior0}#x", "Letter to {K} re Office Action"],
    "pdfs": ["{app_nc}_{oadate}_CTNF.pdf", "{app_nc} - Non-Final Rejection.pdf", "{prior0nc}.pdf", "{prior1nc}.pdf",
             "{app_nc}_SPEC.pdf", "{dk} as filed.pdf"],
    "threads": ["{dk} - Office Action", "{C} - {techshort} - OA response", "Correspondence Notification for application {app_nc}",
                "{app} - interview", "Office Action - your ref. {cref}", "OA strategy"],
    "research": [("{tech}", ["{prior0}", "{prior1}"]), ("obviousness motivation to combine KSR teaching away", ["KSR Int'l Co. v. Teleflex Inc., 550 U.S. 398 (2007)", "In re Fulton, 391 F.3d 1195 (Fed. Cir. 2004)"]),
                 ("101 abstract idea Alice step two inventive concept", ["Alice Corp. v. CLS Bank Int'l, 573 U.S. 208 (2014)", "Enfish, LLC v. Microsoft Corp., 822 F.3d 1327"])],
    "keywords": ["{dk}", "{app_nc}"],
    "meet": ["Examiner interview - {app}", "{dk} - inventor call", "{C} - OA strategy"],
    "deadline": ["OA response due (3 mo.) - {dk}", "DOCKET: {dk} response due"],
    "acts": {"draft": 5, "pdf": 3, "email": 2, "research": 3, "portal": 1, "call": 1, "figures": 1},
}
T_NEW = {
    "key": "newapp",
    "desc": ["New application - {title}", "{C} - provisional conversion ({techshort})", "Invention disclosure {idf} - {techshort}"],
    "short": ["{dk}", "{C} {techshort} (new)"],
    "docs": ["{dk} Specification DRAFT", "{dk} Claims", "Invention Disclosure {idf}", "{dk} Abstract", "Declaration - {K}",
             "Application Data Sheet#x"],
    "pdfs": ["Invention Disclosure Form {idf}.pdf", "{C} provisional 63-{prov}.pdf", "Inventor slides.pdf", "{prior0nc}.pdf"],
    "threads": ["{idf}", "{C} - new filing", "invention disclosure", "Figures", "{techshort}"],
    "research": [("{tech}", ["{prior0}", "{prior1}", "{prior2}"])],
    "keywords": ["{idf}", "{dk}"],
    "meet": ["Inventor meeting - {idf}", "{C} disclosure review", "Call w/ {K} - figures"],
    "deadline": ["Conversion deadline - 63/{prov}"],
    "acts": {"draft": 7, "pdf": 2, "email": 2, "research": 2, "call": 1, "figures": 3},
}
T_PCT = {
    "key": "pct",
    "desc": ["{pct} - national phase", "PCT {pct} - foreign filing program", "{C} {techshort} - PCT / national stage"],
    "short": ["{pct}", "{dk} PCT"],
    "docs": ["Foreign filing instructions - {dk}#x", "Letter to associates - EP entry", "{dk} PCT Article 19 amendments", "Cost estimate - national phase#x"],
    "pdfs": ["ISR and Written Opinion - {pct}.pdf", "{pctnc} - WO publication.pdf", "EPO communication Rule 161.pdf"],
    "threads": ["{pct}", "National phase entry - {pct}", "EP entry", "foreign filing decision", "{dk}"],
    "research": [("{tech}", ["{prior1}", "{prior2}"])],
    "keywords": ["{pct}", "{pctnc}"],
    "meet": ["{C} - foreign filing decisions", "Call with EP associate"],
    "deadline": ["30-month deadline - {pct}"],
    "acts": {"draft": 4, "pdf": 3, "email": 4, "portal": 2, "call": 1},
}
T_TM = {
    "key": "tm",
    "desc": ["Trademark - {mark} (Cl. {cls})", "{mark} - U.S. application Serial No. {sn}", "{mark} clearance and filing"],
    "short": ["{mark} TM", "{mark}"],
    "docs": ["{mark} clearance opinion", "Response to Office Action - {mark}", "{mark} - specimen", "Letter to {K} re {mark} search results"],
    "pdfs": ["{mark} full search report.pdf", "{sn_nc} - Office Action.pdf", "Specimen - {mark}.pdf"],
    "threads": ["{mark}", "{mark} - Serial No. {sn}", "trademark search", "{mark} office action", "TEAS"],
    "research": [("likelihood of confusion DuPont factors crowded field", ["In re E. I. du Pont de Nemours & Co., 476 F.2d 1357 (CCPA 1973)", "Juice Generation, Inc. v. GS Enters. LLC, 794 F.3d 1334"])],
    "keywords": ["{mark}", "{sn_nc}"],
    "meet": ["{mark} - call", "{C} brand review"],
    "acts": {"draft": 4, "pdf": 2, "email": 3, "research": 2, "portal": 3, "call": 1},
}
T_TTAB = {
    "key": "ttab",
    "desc": ["Opposition No. {opp} - {C} v. {A}", "{C} v. {A} (TTAB) - {mark}", "TTAB opposition - {mark}"],
    "short": ["{C} v. {A} TTAB", "Opp. {opp}"],
    "docs": ["Notice of Opposition - {mark}", "{C} Initial Disclosures", "Discovery requests to {A}", "Trial brief - Opp. {opp}"],
    "pdfs": ["TTABVUE {opp} - {ecf}.pdf", "{A} Answer.pdf", "{A} application {sn}.pdf"],
    "threads": ["Opposition No. {opp}", "{C} v. {A} - TTAB", "{mark} opposition - discovery", "settlement - {A}"],
    "research": [("TTAB dilution fame niche market", ["Coach Servs., Inc. v. Triumph Learning LLC, 668 F.3d 1356 (Fed. Cir. 2012)"])],
    "keywords": ["{opp}", "{A}"],
    "meet": ["{C} v. {A} - settlement call", "TTAB discovery conference"],
    "acts": {"draft": 5, "pdf": 2, "email": 3, "research": 2, "portal": 2, "call": 1},
}
T_FTO = {
    "key": "fto",
    "desc": ["FTO opinion - {techshort}", "{C} - validity/non-infringement opinion re {patent}", "Freedom to operate - {techshort}"],
    "short": ["{C} FTO", "{patent} opinion"],
    "docs": ["Opinion - non-infringement of {patent}", "{patent} claim chart#x", "FTO search results summary#x", "Prosecution history notes - {patent}"],
    "pdfs": ["{patent_nc}.pdf", "File history {patent_nc}.pdf", "{C} product spec sheet.pdf"],
    "threads": ["{patent}", "Privileged - FTO", "{C} - opinion", "file history"],
    "research": [("{tech}", ["{prior0}", "{prior2}"]), ("prosecution history estoppel Festo", ["Festo Corp. v. Shoketsu Kinzoku Kogyo Kabushiki Co., 535 U.S. 722 (2002)"])],
    "keywords": ["{patent_nc}", "FTO"],
    "meet": ["{C} - FTO discussion", "Opinion call"],
    "acts": {"draft": 5, "pdf": 4, "email": 2, "research": 3, "call": 1},
}
TYPES = [T_OA, T_NEW, T_PCT, T_TM, T_TTAB, T_FTO]


def comma(n: int) -> str:
    return f"{n:,}"


class IPBoutique(BasePack):
    key = "ip"
    label = "IP boutique, Eastern US (Windows desktop)"
    practice = "patent prosecution, trademarks, TTAB, FTO opinions"
    os_label = "Windows 11 (office desktop)"
    tzs: ClassVar[list[str]] = ["America/New_York", "America/Detroit", "America/Puerto_Rico"]
    away_per_week = (0, 1)
    admin_mail: ClassVar[list[str]] = ["USPTO: Patent Center maintenance", "IPWatchdog Daily", "Docket report - week of May 4", "AIPLA news",
                  "Anaqua: annuity decisions pending", "Reminder: ethics CLE", "Law360 IP", "Patently-O"]
    recurring_subjects: ClassVar[list[str]] = ["Docket meeting", "Prosecution team weekly"]
    internal_meetings: ClassVar[list[str]] = ["Docket review - {c}", "Prosecution group lunch", "1:1 {me}/{c}"]

    def firm_name(self, ctx):
        a, b, c = ctx.partners
        return ctx.rng.choice([f"{a} {b} IP LLP", f"{a} & {b} Intellectual Property", f"{a} IP Law PLLC", f"{a}, {b} & {c} LLP"])

    def configure(self, ctx):
        r = ctx.rng
        f, last = ctx.attorney
        host = r.choice([f"{ctx.firm_short.upper()[:4]}-WS-{r.randint(100, 999)}", f"DESKTOP-{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(7))}"])
        mail = r.choice(["outlook", "newoutlook", "newoutlook"])
        browsers = ["chrome"] + (["firefox"] if r.random() < 0.4 else [])
        ctx.desk = Desk(r, "win", host, f"{f} {last}", ctx.email, ctx.firm_name, mail=mail, pdf=r.choice(["acrobat", "acrobat_new", "foxit"]),
                        word="win", browsers=browsers, work_browser="chrome", personal_browser=browsers[-1],
                        dms=r.choice([None, None, "netdocs"]), dms_style=r.choice(["A", "B"]),
                        ext_tag=r.choice(["", "[External]", "*EXTERNAL*"]), meeting=r.choice(["teams", "webex"]), phone="teams")
        ctx.platforms = {"teams": 4, "webex": 3, "zoom": 2, "phone": 1}
        ctx.research = ["patents"] * 3 + r.sample(["westlaw", "lexis", "free"], 1)
        ctx.clientid_p = r.choice([0.0, 0.3])
        ctx.last_cid = None
        ctx.kw_richness = r.uniform(0.4, 1.0)
        ctx.laptop = False
        ctx.lock_habit = r.choice(["always", "auto"])
        ctx.autolock = 15
        ctx.evening_p = 0.0
        ctx.early_p = 0.4
        ctx.day_start = (7 * 60 + 20, 8 * 60 + 45)
        ctx.day_end = (17 * 60 + 15, 18 * 60 + 45)
        ctx.glance_p = r.uniform(0.04, 0.1)
        ctx.interrupt_p = r.uniform(0.08, 0.2)
        ctx.internal_meet_p = 0.15
        ctx.meetings_per_day = (0, 2)
        ctx.cal_style = r.choice(["utc", "outlook"])
        ctx.docketing = r.choice(["Anaqua", "AppColl", "FoundationIP"])
        ctx.extra_cols = r.choice([["identifiers"], ["aliases", "identifiers"], [], ["identifiers", "contacts"]])
        dk = ctx.desk

        def time_page(m):
            if m is None:
                return dk.browser("Time Entry - Aderant", "https://expert.firm.local/time")
            return dk.browser(f"Time Entry - {m.number} - iTimekeep", "https://itimekeep.cloud/web/#/time")
        ctx.time_page = time_page
        ctx.timer_spec = lambda: time_page(None)

    def make_matters(self, ctx):
        r = ctx.rng
        style = r.choice(["dash", "dot", "p"])
        ctx.number_style = style
        used, codes = set(), set()
        n_clients = r.randint(4, 6)
        clients = [self.company(ctx, used) for _ in range(n_clients)]
        seq = r.randint(10, 400)
        techs = r.sample(TECH, len(TECH))
        marks = r.sample(MARKS, len(MARKS))
        counts = [1] * n_clients
        for _ in range(r.randint(3, 6)):
            i = r.randrange(n_clients)
            if counts[i] < 3:
                counts[i] += 1
        if sum(c >= 2 for c in counts) < 2:
            counts[0] = counts[1] = 2
        for ci, (c, k) in enumerate(zip(clients, counts, strict=False)):
            code = client_code(c.short, codes)
            cn = r.randint(1000, 9999)
            tech = techs[ci % len(techs)]
            types = r.sample(TYPES, k)
            # two prosecution matters of the same family for the same client: the hardest case
            if k >= 2 and r.random() < 0.5:
                types[1] = T_OA if types[0] is not T_OA else T_NEW
            for ki, T in enumerate(types):
                seq += r.randint(1, 30)
                cc = r.choice(["US", "US", "US", "PC", "EP"]) if T in (T_OA, T_NEW, T_PCT) else ("TM" if T in (T_TM, T_TTAB) else "OP")
                if T is T_PCT:
                    cc = "PC"
                if style == "dash":
                    dkt = f"{code}-{seq:04d}{cc}{ki + 1:02d}"
                elif style == "dot":
                    dkt = f"{cn}.{seq:04d}{cc}{ki + 1}"
                else:
                    dkt = f"P{2020 + r.randint(3, 6)}-{seq:03d}-{cc}"
                appn = r.randint(17000000, 19199999)
                app = f"{str(appn)[:2]}/{comma(int(str(appn)[2:]))}"
                appnc = str(appn)
                pctn = f"PCT/US{r.choice([2024, 2025])}/{r.randint(10000, 59999):06d}"
                sn = r.randint(97000000, 99499999)
                pat = r.randint(10500000, 12400000)
                priors = r.sample(PRIOR, 3)
                mark = marks[(ci + ki) % len(marks)]
                adv = self.company(ctx, set(used))
                oad = f"2026-0{r.randint(1, 4)}-{r.randint(10, 28)}"
                f = {"dk": dkt, "app": app, "app_nc": appnc, "tech": tech[0], "techshort": " ".join(tech[0].split()[:3]), "title": tech[2],
                     "cls": r.choice(["9", "25", "30", "35", "42", "5"]), "mark": mark, "sn": f"{str(sn)[:2]}/{comma(int(str(sn)[2:]))}",
                     "sn_nc": str(sn), "opp": f"91{r.randint(270000, 299999)}", "A": adv.short, "pct": pctn,
                     "pctnc": pctn.replace("/", ""), "patent": f"U.S. Patent No. {comma(pat)}", "patent_nc": f"US{pat}B2",
                     "prior0": priors[0], "prior1": priors[1], "prior2": priors[2], "prior0nc": priors[0].replace(" ", "").replace(",", "").replace("/", ""),
                     "prior1nc": priors[1].replace(" ", "").replace(",", "").replace("/", ""), "oadate": oad, "v": r.randint(2, 9),
                     "idf": f"IDF-{r.randint(2024, 2026)}-{r.randint(10, 299):03d}", "prov": comma(r.randint(500000, 799999)),
                     "cref": f"{code[:2]}{r.randint(10000, 99999)}", "ecf": r.randint(4, 60),
                     "Dv": [app, appnc, f"US {app}", f"Appl. No. {app}", f"US{appnc}"]}
                f["D"] = app
                m = self.assemble(ctx, c, T, dkt, f)
                m.identifiers = {"oa": [app], "newapp": [f["idf"]], "pct": [pctn], "tm": [f["sn"]], "ttab": [f["opp"]], "fto": [f["patent"]]}[T["key"]]
                m.aliases = [dkt.replace("-", "")] if r.random() < 0.2 else []
                if T is T_TM or T is T_TTAB:
                    m.f["Dv"] = [f["sn"], f["sn_nc"], f"SN {f['sn_nc']}", f"Serial No. {f['sn']}"]
                ctx.matters.append(m)
        r.shuffle(ctx.matters)
        c = clients[0]
        seq += 17
        dkt = f"{client_code(c.short, set())}-{seq:04d}US01"
        new = self.assemble(ctx, c, T_NEW, dkt, dict(ctx.matters[0].f, dk=dkt, idf=f"IDF-2026-{r.randint(300, 399)}"))
        new.week_open = 2
        new.identifiers = [new.f["idf"]]
        ctx.matters.append(new)
        self.finish_matters(ctx)

    def research_items(self, ctx, m, topic):
        r, dk = ctx.rng, ctx.desk
        q, cases = topic
        if " v. " in " ".join(cases) or "Alice" in q:
            return super().research_items(ctx, m, topic)
        from urllib.parse import quote_plus
        items = [(dk.browser(f"{q} - Google Patents", f"https://patents.google.com/?q=({quote_plus(q)})&before=priority:20220101"), 40, 300, "read")]
        for c in cases:
            cnc = c.replace(" ", "").replace(",", "").replace("/", "")
            items.append((dk.browser(f"{cnc} - {r.choice(['Method', 'System', 'Apparatus'])} for {q.split()[-1]} - Google Patents", f"https://patents.google.com/patent/{cnc}/en"), 90, 600, "read"))
        items.append((dk.browser("Patent Public Search | USPTO", "https://ppubs.uspto.gov/pubwebapp/"), 60, 400, "type"))
        if r.random() < 0.3:
            items.append((dk.browser("Espacenet - search results", "https://worldwide.espacenet.com/patent/search?q=" + quote_plus(q)), 40, 240, "read"))
        return items

    def portal_items(self, ctx, m):
        r, dk = ctx.rng, ctx.desk
        k = m.mtype
        if k in ("tm",):
            return [(dk.browser("TSDR - Trademark Status & Document Retrieval", f"https://tsdr.uspto.gov/#caseNumber={m.f['sn_nc']}&caseSearchType=US_APPLICATION&caseType=DEFAULT&searchType=statusSearch"), 30, 200, "read"),
                    (dk.browser("Trademark Electronic Application System (TEAS) | USPTO", "https://teas.uspto.gov/office/roa/"), 120, 600, "type"),
                    (dk.pdf(f"{m.f['sn_nc']} - Office Action.pdf"), 60, 300, "read")]
        if k == "ttab":
            return [(dk.browser(f"TTABVUE. Proceeding Number {m.f['opp']}", f"https://ttabvue.uspto.gov/ttabvue/v?pno={m.f['opp']}&pty=OPP"), 30, 200, "read"),
                    (dk.browser("ESTTA - Electronic System for Trademark Trials and Appeals", "https://estta.uspto.gov/filing-type"), 60, 400, "type"),
                    (dk.pdf(f"TTABVUE {m.f['opp']} - {r.randint(4, 60)}.pdf"), 40, 300, "read")]
        if k == "pct":
            return [(dk.browser("WIPO - Search International and National Patent Collections", f"https://patentscope.wipo.int/search/en/detail.jsf?docId={m.f['pctnc']}"), 40, 240, "read"),
                    (dk.browser("ePCT - Workbench", "https://pct.wipo.int/ePCT/"), 60, 300, "type"),
                    (dk.browser(f"{ctx.docketing} - {m.number}", f"https://{slug(ctx.docketing)}.{ctx.domain}/matter/{m.number}"), 30, 200, "type")]
        return [(dk.browser("Patent Center | USPTO", "https://patentcenter.uspto.gov/"), 15, 60, "read"),
                (dk.browser(f"Patent Center | Application {m.f['app_nc']}", f"https://patentcenter.uspto.gov/applications/{m.f['app_nc']}/ifw/docs"), 40, 260, "read"),
                (dk.pdf(f"{m.f['app_nc']}_{m.f['oadate']}_CTNF.pdf"), 60, 500, "read"),
                (dk.browser("Patent Center | New submission", "https://patentcenter.uspto.gov/submissions"), 60, 420, "type")]

    def portal_what(self, ctx, m):
        return f"USPTO / WIPO portal: {m.short}"

    def special_what(self, ctx, m, act):
        return f"prepare patent figures: {m.short}"

    def special(self, R, b, sub):
        r, dk, m = R.rng, R.desk, b.matter
        fig = f"{m.f['dk']} Figs {r.randint(1, 3)}-{r.randint(4, 12)}.vsdx"
        items = [(dk.app("VISIO.EXE", f"{fig} - Visio Professional"), 200, 900, "type"),
                 (dk.pdf(r.choice(m.pdfs)), 30, 200, "read"),
                 (dk.word(r.choice(m.docs)), 60, 400, "type")]
        r_items(R, b, items, exclude=m)

    def admin_options(self, ctx, rng):
        dk = ctx.desk
        m = rng.choice(ctx.open_matters())
        return [
            ("docket review (docketing system)", [(dk.browser(f"{ctx.docketing} - Docket Report", f"https://{slug(ctx.docketing)}.{ctx.domain}/reports/docket"), 120, 600, "read"),
                                                  (dk.browser(f"{ctx.docketing} - {m.number}", f"https://{slug(ctx.docketing)}.{ctx.domain}/matter/{m.number}"), 30, 200, "type")]),
            ("CLE webinar", [(dk.browser("AIPLA Webinar: Post-Grant Practice Update", "https://www.aipla.org/detail/event/webinar", audible=True), 600, 1800, "watch")]),
            ("annuity instructions (firm admin)", [(dk.excel("Annuities due Q3.xlsx"), 120, 500, "type")]),
            ("USPTO account / Patent Center maintenance", [(dk.browser("MyUSPTO", "https://my.uspto.gov/"), 30, 200, "read"), (dk.browser("USPTO.gov | Sign in", "https://account.uspto.gov/"), 10, 60, "type")]),
            ("firm intranet", [(dk.browser(f"{ctx.firm_short} Intranet - Home", f"https://{slug(ctx.firm_short)}.sharepoint.com/"), 30, 200, "read")]),
            ("reading IP news", [(dk.browser("Patently-O", "https://patentlyo.com/"), 60, 400, "read"), (dk.browser("IPWatchdog.com | Patents & Intellectual Property Law", "https://ipwatchdog.com/"), 60, 300, "read")]),
        ]

    def extra_personal(self, ctx):
        return [("Boston.com", "https://www.boston.com/"), ("Detroit Free Press", "https://www.freep.com/")]


PACK = IPBoutique()
