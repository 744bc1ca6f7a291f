"""Trusts & estates and real-estate firm, Chicago or Indianapolis, macOS."""
from __future__ import annotations

from typing import ClassVar

import banks
from desks import Desk
from engine import Doc, r_items
from packbase import BasePack, ascii_, client_code, numbering, slug

STATES = {
    "IL": {"tz": "America/Chicago", "city": "Chicago", "county": "Cook County",
           "probate": lambda r: (f"2025 P {r.randint(1, 4999):06d}", None),
           "court": "Richard J. Daley Center, 50 W. Washington St., Room 1808, Chicago, IL",
           "efile": ("Odyssey eFileIL", "https://illinois.tylertech.cloud/OfsWeb/FileAndServeModule/Envelope/AddOrEdit"),
           "docket": ("Clerk of the Circuit Court of Cook County - Case Search", "https://casesearch.cookcountyclerkofcourt.org/CivilCaseSearchAPI.aspx"),
           "recorder": ("Cook County Clerk - Recordings - Document Search", "https://crs.cookcountyclerkil.gov/Search"),
           "title_co": ("Chicago Title", "10 S. LaSalle St., Suite 3100, Chicago, IL"), "statute": "760 ILCS 3/813.1"},
    "IN": {"tz": "America/Indiana/Indianapolis", "city": "Indianapolis", "county": "Marion County",
           "probate": lambda r: (f"49D08-25{r.randint(1, 4):02d}-EU-{r.randint(1, 2999):06d}", None),
           "court": "Marion County Community Justice Campus, 675 Justice Way, Probate Court Rm 5, Indianapolis, IN",
           "efile": ("Indiana E-Filing System - Tyler", "https://indiana.tylertech.cloud/OfsWeb/FileAndServeModule/Envelope/AddOrEdit"),
           "docket": ("MyCase - Case Search", "https://public.courts.in.gov/mycase/#/vw/Search"),
           "recorder": ("Marion County Recorder - Online Records Search", "https://www.indy.gov/agency/marion-county-recorder"),
           "title_co": ("Meridian Title", "1 Indiana Square, Suite 1500, Indianapolis, IN"), "statute": "IC 30-4-5-12"},
}

T_PLAN = {
    "key": "estateplan",
    "desc": ["{C} estate plan - revocable trust", "{CL} - Estate planning (RLT, pour-over wills, POAs)", "Estate plan update - {C}"],
    "short": ["{C} estate plan", "{C} RLT", "{C} EP"],
    "docs": ["{C} Revocable Trust Agreement", "{C} Pour-Over Will - {K}", "Durable Power of Attorney for Property - {K} {C}",
             "Health Care POA - {K}", "{C} Trust Funding Memo", "Summary of Estate Plan - {C}", "Certification of Trust",
             "Assignment of Tangible Personal Property", "Asset schedule#x", "Engagement letter - {C}"],
    "pdfs": ["{C} 2025 brokerage statement.pdf", "Deed - {P}.pdf", "{C} existing will 2009.pdf", "Beneficiary designation - Fidelity.pdf",
             "Estate planning questionnaire (completed).pdf", "Scan_{scan}.pdf"],
    "threads": ["{C} estate plan", "Estate planning questionnaire", "Draft documents for your review", "Signing meeting",
                "{K} - trust funding", "questions about the trust", "{C} Trust"],
    "research": [("portability election deceased spousal unused exclusion", ["26 U.S.C. § 2010(c) - Cornell LII", "Rev. Proc. 2022-32 - IRS"]),
                 ("spendthrift provision creditor claims self-settled trust", ["In re Estate of Zukerman, 2015 IL App (1st) 141934", "Rush Univ. Med. Ctr. v. Sessions, 2012 IL 112906"]),
                 ("trustee duty to inform beneficiaries {stat}", ["{stat} - Trustee duty to inform and report", "Uniform Trust Code § 813"])],
    "keywords": ["{C}", "estate plan"],
    "meet": ["{C} - design meeting", "Estate plan review - {C}", "{K} {C} - questions"],
    "offsite": [{"summary": ["Signing - {C} estate plan", "{C} signing (bring notary)"], "location": ["Conference Room B", "Large conference room"],
                 "starts": [10 * 60, 14 * 60, 15 * 60 + 30], "dur": (45, 90), "what": "signing ceremony", "travel": (1, 3)}],
    "acts": {"draft": 5, "pdf": 2, "email": 3, "research": 1, "call": 2, "wealthdocx": 2},
}
T_PROB = {
    "key": "probate",
    "desc": ["Estate of {DEC}", "Estate of {DEC} - probate administration", "{C} - Estate of {DEC} (independent administration)"],
    "short": ["Estate of {DECL}", "{DECL} estate"],
    "docs": ["Petition for Letters of Office - Estate of {DEC}", "Inventory - Estate of {DECL}#x", "Notice to Heirs and Legatees",
             "Affidavit of Heirship", "Final Account - {DECL}#x", "Receipt and Refunding Agreement", "Letter to {K} re claims period",
             "Publication notice"],
    "pdfs": ["Death Certificate - {DEC}.pdf", "Will of {DEC} (original scan).pdf", "Letters of Office.pdf", "Order {D}.pdf",
             "Claim - Northwestern Medicine.pdf", "Form 706 draft.pdf", "{DECL} bank statements.pdf"],
    "threads": ["Estate of {DEC}", "{DECL} estate - next steps", "Letters of Office", "claims", "{DECL} house",
                "Estate of {DECL} - {D}", "Mom's estate"],
    "research": [("independent administration creditor claims period publication", ["755 ILCS 5/18-3", "In re Estate of Ito, 2023 IL App"]),
                 ("heirship surviving spouse award", ["755 ILCS 5/15-1 spouse's award", "Estate of Poole, 207 Ill. 2d 393"])],
    "keywords": ["{DECL}", "{D0}", "Estate of"],
    "meet": ["Estate of {DECL} - call with {K}", "{DECL} estate update"],
    "offsite": [{"summary": ["Probate hearing - Estate of {DECL} ({D})", "Court - {DECL} estate"], "location": ["{court}"],
                 "starts": [9 * 60 + 30, 10 * 60 + 30], "dur": (30, 75), "what": "probate court hearing", "travel": (20, 40)}],
    "deadline": ["Inventory due - Estate of {DECL}", "Claims bar date - {DECL}"],
    "acts": {"draft": 5, "pdf": 3, "email": 3, "research": 1, "portal": 2, "call": 2},
}
T_TRUST = {
    "key": "trustadmin",
    "desc": ["{C} Family Trust - administration", "Trust administration - {C} Trust dtd 6/1/2011", "{C} trust administration"],
    "short": ["{C} Trust admin", "{C} Family Trust"],
    "docs": ["Trust administration checklist#x", "Notice to beneficiaries - {C} Trust", "Trustee's accounting#x",
             "Distribution agreement and release", "Letter to {K} re trustee duties", "Sub-trust funding memo"],
    "pdfs": ["{C} Family Trust (restated 2018).pdf", "Schwab statement - trust.pdf", "Appraisal - {P}.pdf", "EIN confirmation.pdf"],
    "threads": ["{C} Trust", "trust accounting", "distribution", "{C} Family Trust - beneficiaries", "EIN"],
    "research": [("trustee duty to inform beneficiaries {stat}", ["{stat} - Trustee duty to inform and report", "Uniform Trust Code § 813"])],
    "keywords": ["{C} Trust"],
    "meet": ["{C} Trust - trustee call", "{C} family meeting"],
    "acts": {"draft": 5, "pdf": 3, "email": 3, "research": 1, "call": 2},
}
T_RESI = {
    "key": "resi",
    "desc": ["{P} - purchase", "Sale of {P}", "{C} - purchase of {P}", "Refinance - {P}"],
    "short": ["{P}", "{C} - {Pshort}"],
    "docs": ["Attorney review letter - {P}", "Attorney modification letter - {Pshort}", "Closing checklist - {Pshort}#x",
             "Deed - {P}", "Title objections - {Pshort}", "ALTA settlement statement review#x"],
    "pdfs": ["Title Commitment - {P}.pdf", "Inspection report - {Pshort}.pdf", "Purchase contract (fully executed).pdf",
             "Survey - {P}.pdf", "Tax bill {PIN}.pdf", "HOA docs.pdf"],
    "threads": ["{P}", "{Pshort} - inspection", "{Pshort} closing", "Attorney review - {P}", "wire instructions", "{C} purchase"],
    "research": [("attorney review period modification rejection counteroffer", ["Moran v. Erk, 229 Ill. 2d 1 (2008)"])],
    "keywords": ["{Pshort}", "{PIN}"],
    "meet": ["{Pshort} - call with lender", "{C} - closing prep"],
    "offsite": [{"summary": ["Closing - {P}", "{C} closing"], "location": ["{title_co}"], "starts": [10 * 60, 13 * 60 + 30, 15 * 60],
                 "dur": (60, 120), "what": "real-estate closing", "travel": (15, 35)}],
    "deadline": ["Attorney review ends - {Pshort}", "Closing - {Pshort}"],
    "acts": {"draft": 4, "pdf": 3, "email": 4, "portal": 2, "call": 2},
}
T_LEASE = {
    "key": "lease",
    "desc": ["{C} - lease of {P}", "{CL} - {Pshort} retail lease", "Lease negotiation - {P}"],
    "short": ["{C} - {Pshort} lease", "{Pshort} lease"],
    "docs": ["Lease - {Pshort} - LL draft (TC comments)", "LOI - {Pshort}", "Estoppel certificate - {Pshort}", "SNDA - {Pshort}",
             "Guaranty (limited) - {C}", "Lease abstract - {Pshort}#x", "Issues list - {Pshort}#x"],
    "pdfs": ["Landlord form lease - {Pshort}.pdf", "Site plan - {Pshort}.pdf", "Exhibit C - Work Letter.pdf", "{Pshort} CAM reconciliation.pdf"],
    "threads": ["{Pshort} lease", "{C} / {Pshort} - LL comments", "LOI", "{C} - {Pshort}", "lease comments", "{P}"],
    "research": [("commercial lease exclusive use clause enforceability", ["Kroger Co. v. Chemical Securities Co."])],
    "keywords": ["{Pshort}", "{C}"],
    "meet": ["{Pshort} lease call w/ landlord counsel", "{C} - lease issues list"],
    "acts": {"draft": 6, "pdf": 3, "email": 4, "research": 1, "call": 2},
}
TYPES_IND = [T_PLAN, T_PROB, T_TRUST, T_RESI]


class Estates(BasePack):
    key = "estates"
    label = "Trusts & estates / real estate, Midwest (macOS)"
    practice = "estate planning, probate and trust administration, residential and commercial real estate"
    os_label = "macOS 15"
    tzs: ClassVar[list[str]] = ["America/Chicago", "America/Indiana/Indianapolis"]
    away_per_week = (1, 3)
    admin_mail: ClassVar[list[str]] = ["ISBA Daily Brief", "Leimberg Information Services", "WealthCounsel Quarterly", "CosmoLex: your invoice",
                  "Office lunch Thursday", "Notary commission renewal", "Malpractice renewal", "Zoom: cloud recording available"]
    recurring_subjects: ClassVar[list[str]] = ["Staff meeting", "Monday file review", "{firm} weekly"]
    internal_meetings: ClassVar[list[str]] = ["File review - {c}", "Staff meeting", "Lunch - {c}", "Marketing - estate planning seminar"]

    def firm_name(self, ctx):
        a, b, c = ctx.partners
        return ctx.rng.choice([f"{a} & {b}, P.C.", f"{a} {b} Law Group", f"{a} Law, LLC", f"{a}, {b} & {c}"])

    def configure(self, ctx):
        r = ctx.rng
        st = "IL" if ctx.tz == "America/Chicago" else "IN"
        ctx.state = STATES[st]
        f, last = ctx.attorney
        host = r.choice([f"{ascii_(f)}s-MacBook-Pro.local", f"{ascii_(f).lower()}-mbp.local", f"{ascii_(f)}s-MacBook-Air.local"])
        mail = r.choice(["applemail", "outlookmac", "outlookmac"])
        work = r.choice(["safari", "chrome"])
        browsers = sorted({"safari", "chrome"})
        ctx.desk = Desk(r, "mac", host, f"{f} {last}", ctx.email, ctx.firm_name, mail=mail,
                        pdf=r.choice(["preview", "preview", "acrobat_mac"]), word=r.choice(["word", "word", "pages"]),
                        browsers=browsers, work_browser=work, personal_browser=r.choice(browsers),
                        meeting="zoom", phone=r.choice(["ringcentral", "facetime", "desk"]))
        ctx.platforms = {"zoom": 5, "phone": 4, "facetime": 1, "inperson": 2}
        ctx.research = r.sample(["westlaw", "fastcase", "free"], 2)
        ctx.clientid_p = r.choice([0.0, 0.0, 0.3])
        ctx.last_cid = None
        ctx.kw_richness = r.uniform(0.4, 1.0)
        ctx.laptop = True
        ctx.lock_habit = r.choice(["never", "auto", "auto", "always"])
        ctx.autolock = r.choice([5, 10, 20])
        ctx.glance_p = r.uniform(0.04, 0.10)
        ctx.interrupt_p = r.uniform(0.12, 0.3)
        ctx.internal_meet_p = 0.12
        ctx.meetings_per_day = (1, 3)
        ctx.lunch_desk_p = r.uniform(0.1, 0.5)
        ctx.cal_style = "apple" if mail == "applemail" else r.choice(["utc", "outlook"])
        ctx.pm = r.choice(["CosmoLex", "Clio", "PracticePanther"])
        ctx.chat = r.random() < 0.6
        ctx.extra_cols = r.choice([[], ["aliases"], ["identifiers"], ["aliases", "identifiers", "contacts"]])
        dk = ctx.desk
        pmurl = {"CosmoLex": "https://app.cosmolex.com/#/time", "Clio": "https://app.clio.com/nc/#/activities",
                 "PracticePanther": "https://app.practicepanther.com/TimeEntries"}[ctx.pm]

        def time_page(m):
            return dk.browser(f"Time Entries | {ctx.pm}" if ctx.pm != "Clio" else "Activities - Clio", pmurl)
        ctx.time_page = time_page
        ctx.timer_spec = lambda: time_page(None)
        ctx.chat_spec = lambda who: ("Messages", who, None) if ctx.chat else dk.mail_inbox()

    def make_matters(self, ctx):
        r = ctx.rng
        style = r.choice(["year_seq", "code_dot", "code_dash", "cm_dash"])
        num = numbering(r, style)
        st = ctx.state
        n_ind = r.randint(3, 5)
        n_biz = r.randint(1, 2)
        used_last, used_co, codes = set(), set(), set()
        seq = r.randint(40, 600)
        clients = []
        for _ in range(n_ind):
            c = self.individual(ctx, used_last)
            if r.random() < 0.5:   # a couple
                sp = r.choice(banks.FIRST)
                c.name = f"{c.short}, {c.people[0][0]} and {sp}" if "," in c.name else f"{c.people[0][0]} and {sp} {c.short}"
                c.people.append((sp, c.short, f"{slug(sp)}{slug(c.short)[:3]}@{r.choice(['gmail.com', 'icloud.com', 'comcast.net'])}"))
            clients.append((c, "ind"))
        for _ in range(n_biz):
            c = self.company(ctx, used_co)
            clients.append((c, "biz"))
        multi = 0
        for c, kind in clients:
            cn = r.randint(1000, 9999)
            code = client_code(c.short, codes)
            c.cn, c.code = cn, code
            if kind == "biz":
                types = [T_LEASE] * r.randint(1, 3)
            else:
                k = r.choice([1, 1, 2, 2, 3])
                types = [T_PLAN, *r.sample([T_PROB, T_TRUST, T_RESI], k - 1)]
                r.shuffle(types)
            multi += len(types) >= 2
            props = []
            for ki, T in enumerate(types):
                seq += r.randint(1, 25)
                number = num(cn, code, ki + 1, seq, r.choice([2024, 2025, 2026]), c.short)
                while True:
                    pn = r.randint(100, 4999)
                    street = r.choice(banks.STREETS)
                    if street not in props:
                        props.append(street)
                        break
                P = f"{pn} {street}" + (f", Unit {r.randint(1, 30)}{r.choice('ABCD')}" if r.random() < 0.3 else "")
                dec_f, dec_l = r.choice(banks.FIRST), (c.short if r.random() < 0.6 else r.choice(banks.LAST))
                pno, _ = st["probate"](r)
                dv = [pno, pno.replace(" ", ""), f"No. {pno}", pno.replace(" P ", "-P-")] if "P" in pno else [pno, pno.replace("-", ""), f"Cause No. {pno}"]
                pin = f"{r.randint(10, 33):02d}-{r.randint(1, 36):02d}-{r.randint(100, 499)}-{r.randint(1, 99):03d}-0000"
                f = {"P": P, "Pshort": f"{pn} {street.split()[-2] if len(street.split()) > 2 else street.split()[0]}",
                     "DEC": f"{dec_f} {dec_l}", "DECL": dec_l, "D": pno, "Dv": dv, "D0": pno, "PIN": r.choice([pin, pin.replace("-", "")]),
                     "court": st["court"], "title_co": f"{st['title_co'][0]}, {st['title_co'][1]}", "stat": st["statute"],
                     "scan": f"{r.randint(20250101, 20260430)}_{r.randint(100000, 999999)}"}
                m = self.assemble(ctx, c, T, number, f)
                if T["key"] == "probate":
                    m.identifiers = [pno]
                elif T["key"] in ("resi", "lease"):
                    m.identifiers = [pin]
                if T["key"] == "lease" and len(types) > 1:
                    m.desc = f"{c.short} - lease of {P}"
                ctx.matters.append(m)
        r.shuffle(ctx.matters)
        if multi < 2:
            # make sure at least two clients hold several matters
            c = ctx.matters[0].client
            m = self.assemble(ctx, c, T_TRUST if not c.individual else T_PROB, num(c.cn, c.code, 9, seq + 3, 2026, c.short),
                              dict(ctx.matters[0].f))
            ctx.matters.append(m)
        # week 2: a new estate plan comes in
        c = self.individual(ctx, used_last)
        new = self.assemble(ctx, c, T_PLAN, num(r.randint(1000, 9999), client_code(c.short, codes), 1, seq + 31, 2026, c.short),
                            {"P": "", "Pshort": "", "DEC": "", "DECL": "", "D": "", "Dv": [""], "D0": "", "PIN": "", "court": "", "title_co": "",
                             "stat": st["statute"], "scan": "20260511_101522"})
        new.week_open = 2
        ctx.matters.append(new)
        self.finish_matters(ctx)

    def portal_items(self, ctx, m):
        r, dk, st = ctx.rng, ctx.desk, ctx.state
        if m.mtype == "probate":
            return [(dk.browser(st["docket"][0], st["docket"][1]), 20, 120, "type"),
                    (dk.browser(f"{st['docket'][0].split(' - ')[0]} - Case {m.f['D']}", st["docket"][1] + f"?case={slug(m.f['D'])}"), 40, 240, "read"),
                    (dk.browser(st["efile"][0], st["efile"][1]), 60, 360, "type"),
                    (dk.pdf(r.choice(m.pdfs)), 40, 240, "read")]
        return [(dk.browser(st["recorder"][0], st["recorder"][1]), 30, 180, "type"),
                (dk.browser(f"Document {r.randint(2500000000, 2599999999)} - {st['county']} Recorder", st["recorder"][1] + "/Document"), 30, 200, "read"),
                (dk.pdf(f"{r.randint(2500000000, 2599999999)}.pdf"), 40, 300, "read"),
                (dk.browser(f"{m.f.get('Pshort') or m.short} - Qualia", f"https://app.qualia.io/orders/{r.randrange(16**8):08x}"), 30, 200, "read")]

    def portal_what(self, ctx, m):
        return f"court / county recorder portal: {m.short}"

    def special_what(self, ctx, m, act):
        return f"draft estate plan documents in WealthDocx: {m.short}"

    def special(self, R, b, sub):
        r, dk, m = R.rng, R.desk, b.matter
        items = [(dk.browser(f"WealthDocx - {m.client.short} Joint Revocable Trust", f"https://wealthdocx.wealthcounsel.com/interview/{r.randint(10**6, 10**7)}"), 120, 600, "type"),
                 (dk.browser("WealthDocx - Document Assembly", "https://wealthdocx.wealthcounsel.com/assembly"), 30, 120, "read")]
        if m.docs:
            items.append((dk.word(r.choice(m.docs)), 60, 400, "type"))
        r_items(R, b, items, exclude=m)

    def admin_options(self, ctx, rng):
        dk = ctx.desk
        return [
            ("CLE webinar", [(dk.browser("Webinar: SECURE 2.0 and Trust Beneficiaries of IRAs - myLawCLE", "https://mylawcle.com/webinar/player", audible=True), 600, 1800, "watch")]),
            ("billing / invoices", [(dk.browser(f"Bills | {ctx.pm}", "https://app.cosmolex.com/#/billing"), 60, 360, "type")]),
            ("firm marketing (newsletter)", [(dk.word(Doc("Spring newsletter - estate planning tips")), 120, 600, "type")]),
            ("bookkeeping / trust account reconciliation", [(dk.excel("IOLTA reconciliation April.xlsx"), 120, 500, "type")]),
            ("IT / software updates", [(dk.app("System Settings", "Software Update"), 20, 90, "read"), (dk.app("zoom.us", "Zoom Workplace"), 10, 40, "read")]),
            ("bar association e-mail", [(dk.mail_msg("ISBA Trusts & Estates Section Council minutes"), 30, 200, "read")]),
        ]

    def extra_personal(self, ctx):
        return [("Chicago Tribune - Chicago news, sports, weather", "https://www.chicagotribune.com/"),
                ("Cubs Scores, Stats and Highlights - ESPN", "https://www.espn.com/mlb/team/_/name/chc/chicago-cubs")]


PACK = Estates()
