"""Commercial litigation firm, New York, Windows 11, iManage/NetDocuments, Outlook, Teams, Edge."""
from __future__ import annotations

from typing import ClassVar

from desks import Desk
from engine import Doc, r_items
from packbase import BasePack, ascii_, client_code, numbering, slug

CASES_PLEADING = ["Bell Atlantic Corp. v. Twombly, 550 U.S. 544 (2007)", "Ashcroft v. Iqbal, 556 U.S. 662 (2009)",
                  "Harris v. Mills, 572 F.3d 66 (2d Cir. 2009)", "Chambers v. Time Warner, Inc., 282 F.3d 147 (2d Cir. 2002)"]
CASES_DISCOVERY = ["Zubulake v. UBS Warburg LLC, 217 F.R.D. 309 (S.D.N.Y. 2003)", "Rio Tinto PLC v. Vale S.A., 306 F.R.D. 125 (S.D.N.Y. 2015)",
                   "Hyles v. New York City, No. 10 Civ. 3119 (S.D.N.Y. 2016)", "In re Application of Chevron Corp., 709 F. Supp. 2d 283 (S.D.N.Y. 2010)"]
CASES_CONTRACT = ["Kirke La Shelle Co. v. Paul Armstrong Co., 263 N.Y. 79 (1933)", "W.W.W. Assocs. v. Giancontieri, 77 N.Y.2d 157 (1990)",
                  "Kenford Co. v. County of Erie, 67 N.Y.2d 257 (1986)", "Biotronik A.G. v. Conor Medsystems Ireland, Ltd., 22 N.Y.3d 799 (2014)",
                  "Hadley v. Baxendale (1854) 9 Ex. 341"]
CASES_COVERAGE = ["Continental Cas. Co. v. Rapid-American Corp., 80 N.Y.2d 640 (1993)", "K2 Inv. Group, LLC v. American Guar. & Liab. Ins. Co., 22 N.Y.3d 578 (2014)",
                  "Seaboard Sur. Co. v. Gillette Co., 64 N.Y.2d 304 (1984)"]
CASES_ARB = ["BG Group plc v. Republic of Argentina, 572 U.S. 25 (2014)", "Henry Schein, Inc. v. Archer & White Sales, Inc., 586 U.S. 63 (2019)",
             "Stolt-Nielsen S.A. v. AnimalFeeds Int'l Corp., 559 U.S. 662 (2010)"]
CASES_TS = ["Faiveley Transport Malmo AB v. Wabtec Corp., 559 F.3d 110 (2d Cir. 2009)", "Ashland Mgt. v. Janien, 82 N.Y.2d 395 (1993)",
            "Salinger v. Colting, 607 F.3d 68 (2d Cir. 2010)"]
CASES_SUBP = ["Fed. R. Civ. P. 45(d)(3)", "In re Rule 45 Subpoena Issued to Cablevision Sys. Corp., 2010 WL 2219343 (E.D.N.Y.)",
              "Night Hawk Ltd. v. Briarpatch Ltd., L.P., 2003 WL 23018833 (S.D.N.Y.)"]

JUDGES = ["Oetken", "Failla", "Rakoff", "Furman", "Liman", "Engelmayer", "Vyskocil", "Ramos", "Cronan", "Subramanian"]
INIT = {"Oetken": "JPO", "Failla": "KPF", "Rakoff": "JSR", "Furman": "JMF", "Liman": "LJL", "Engelmayer": "PAE",
        "Vyskocil": "MKV", "Ramos": "ER", "Cronan": "JPC", "Subramanian": "AS"}
CODENAMES = ["Project Falcon", "Project Juniper", "Project Halyard", "Project Slate", "Project Osprey", "Project Lantern"]

T_FED = {
    "key": "fedlit",
    "desc": ["{C} v. {A} - breach of supply agreement", "{C} v. {A}", "{A} v. {C} (defense of fraud claims)",
             "{C} adv. {A} - commercial dispute"],
    "short": ["{C} v. {A}", "{C}/{A}"],
    "docs": ["{C} v. {A} - Amended Complaint", "Memorandum of Law in Opposition to Motion to Dismiss", "Motion to Compel",
             "Letter to Judge {J} re discovery dispute", "Deposition outline - {W}", "Responses and Objections to {A} First RFPs",
             "{C} - Privilege Log#x", "Joint Rule 26(f) Report", "Meet and confer letter to {OCL}", "Stipulated Protective Order",
             "Document review protocol", "Chronology#x", "Reply Memorandum of Law ISO Motion to Compel", "Declaration of {W}"],
    "pdfs": ["{A} Answer and Counterclaims.pdf", "{Dfile} ECF 45.pdf", "show_temp.pdf", "{Bates}.pdf",
             "Master Supply Agreement (executed).pdf", "Dkt. 31 - Order.pdf", "Transcript - {W} Vol. I.pdf",
             "{A} Motion to Dismiss.pdf", "{Dfile}-{ecf}.pdf", "gov.uscourts.nysd.{cmid}.{ecf}.0.pdf"],
    "threads": ["{C} v. {A} - discovery", "{C}/{A}: meet and confer", "{A} document production", "{C} v. {A} ({D}) - deposition scheduling",
                "Privileged & Confidential: {C} litigation strategy", "{C} - litigation hold", "Activity in Case {Dp} {CL} v. {AL} Order",
                "Activity in Case {Dp} {CL} v. {AL} Letter", "{C}", "{A} deficiency letter", "{W} depo"],
    "research": [("motion to dismiss plausibility breach of contract implied covenant", CASES_PLEADING + CASES_CONTRACT[:2]),
                 ("proportionality ESI custodians search terms", CASES_DISCOVERY),
                 ("consequential damages lost profits contemplation of the parties", CASES_CONTRACT),
                 ("clawback 502(d) order inadvertent production", CASES_DISCOVERY[1:])],
    "keywords": ["{C}", "{A}", "{D0}"],
    "meet": ["{C}/{A} - meet and confer re ESI", "{C} v. {A} strategy call", "Prep session - {W} deposition",
             "{C} litigation update", "Status conference - {D}", "{A} M&C"],
    "offsite": [{"summary": ["Deposition of {W} ({C} v. {A})", "{W} depo"], "location": ["Veritext, 1250 Broadway, 8th Fl, New York, NY",
                 "{OCFirm}, 1 Vanderbilt Ave, New York, NY"], "starts": [9 * 60 + 30, 10 * 60], "dur": (150, 330),
                 "what": "deposition", "travel": (15, 40)},
                {"summary": ["Oral argument - MTD - {D}", "Hearing: {C} v. {A} (Judge {J})", "Pre-motion conference - {D}"],
                 "location": ["SDNY, 40 Foley Square, Courtroom {room}", "Thurgood Marshall U.S. Courthouse, 40 Centre St, Courtroom {room}"],
                 "starts": [10 * 60, 11 * 60, 14 * 60 + 30], "dur": (30, 90), "what": "court hearing", "travel": (20, 35)}],
    "deadline": ["Deadline: Opp. to MTD due ({C} v. {A})", "Fact discovery cutoff - {D}", "RESPONSE DUE: {A} RFAs"],
    "acts": {"draft": 5, "pdf": 3, "email": 3, "research": 2, "portal": 1, "call": 1, "docreview": 2},
}
T_NYS = {
    "key": "nyscef",
    "desc": ["{C} v. {A} (N.Y. Sup. Ct. Com. Div.)", "{A} v. {C} - Commercial Division", "{C} v. {A} - guaranty enforcement"],
    "short": ["{C} v. {A}", "{A} (state)"],
    "docs": ["Affirmation in Support of Motion for Summary Judgment", "{C} - Statement of Material Facts (Rule 19-a)",
             "Memorandum of Law in Support of MSJ", "Preliminary Conference Order (proposed)", "{C} v {A} - Notice of Motion",
             "Letter to Justice {J}", "Bill of Particulars"],
    "pdfs": ["NYSCEF Doc No. {ecf} - Decision and Order.pdf", "{A} Affirmation in Opposition.pdf", "Guaranty dated 3-14-2022.pdf",
             "{idx}_{ecf}.pdf", "Exhibit {exh} - Loan Agreement.pdf"],
    "threads": ["{C} v. {A} - Index No. {D}", "{C}/{A} - MSJ", "NYSCEF Confirmation Notice - {D}", "{C} state court action",
                "Adjournment request", "{A} v {C}"],
    "research": [("summary judgment guaranty absolute and unconditional waiver of defenses", [*CASES_CONTRACT[1:3], "Cooperatieve Centrale Raiffeisen-Boerenleenbank, B.A. v. Navarro, 25 N.Y.3d 485 (2015)"]),
                 ("CPLR 3212 timing note of issue Brill", ["Brill v. City of New York, 2 N.Y.3d 648 (2004)", "Zuckerman v. City of New York, 49 N.Y.2d 557 (1980)"])],
    "keywords": ["{C}", "{D0}"],
    "meet": ["{C} v. {A} - MSJ strategy", "{C} guaranty call", "Prep for PC - {D}"],
    "offsite": [{"summary": ["Preliminary Conference - {C} v. {A}", "Oral argument MSJ - Index {D}"],
                 "location": ["60 Centre Street, Part {room}, New York, NY", "NY County Supreme Court, 60 Centre St, Room 232"],
                 "starts": [9 * 60 + 30, 14 * 60 + 15], "dur": (45, 120), "what": "court appearance", "travel": (20, 40)}],
    "deadline": ["Reply papers due - {D}"],
    "acts": {"draft": 5, "pdf": 2, "email": 3, "research": 2, "portal": 1, "call": 1},
}
T_ARB = {
    "key": "arb",
    "desc": ["{C} / {A} - AAA arbitration", "{A} v. {C} - ICDR arbitration", "Arbitration: {C} v. {A} (distribution agreement)"],
    "short": ["{C} arbitration", "{C}/{A} arb"],
    "docs": ["Statement of Claim", "{C} - Pre-Hearing Brief", "Witness Statement of {W}", "Procedural Order No. 2 comments",
             "Redfern Schedule#x", "Expert report outline - damages", "Hearing bundle index#x"],
    "pdfs": ["Procedural Order No. 1.pdf", "{A} Statement of Defense and Counterclaim.pdf", "Distribution Agreement 2019.pdf",
             "AAA Notice of Hearing.pdf", "Tribunal correspondence {ecf}.pdf"],
    "threads": ["{C} v. {A} - AAA Case No. {D0}", "Arbitration - document exchange", "{C} arb: witness prep", "Tribunal's PO2",
                "{C} / {A}", "Hearing logistics"],
    "research": [("arbitrability delegation clause incorporation AAA rules", CASES_ARB),
                 ("vacatur manifest disregard Second Circuit", [*CASES_ARB[1:], "Hall Street Assocs. v. Mattel, Inc., 552 U.S. 576 (2008)"])],
    "keywords": ["{C}", "arbitration", "{D0}"],
    "meet": ["{C} arbitration - team call", "Witness prep - {W}", "Call with expert (damages)", "{C} / {A} arb update"],
    "offsite": [{"summary": ["Witness prep - {W} (at client)", "Mediation - {C}/{A}"], "location": ["{C} offices, 300 Park Ave, New York, NY",
                 "JAMS, 620 Eighth Ave, 34th Fl, New York, NY"], "starts": [9 * 60 + 30, 13 * 60], "dur": (120, 240),
                 "what": "offsite meeting", "travel": (15, 35)}],
    "acts": {"draft": 6, "pdf": 3, "email": 3, "research": 1, "portal": 1, "call": 1},
}
T_SUBP = {
    "key": "subpoena",
    "desc": ["Third-party subpoena - {X} v. {A}", "{C} - response to subpoena ({X} v. {A})", "Subpoena duces tecum ({A} matter)"],
    "short": ["{C} subpoena", "{C} - {X}/{A} subpoena"],
    "docs": ["Responses and Objections to Subpoena", "Letter to {OCL} re subpoena scope", "{C} - Custodian interview notes",
             "Certification of Records Custodian", "Motion to Quash"],
    "pdfs": ["Subpoena to {CL}.pdf", "{X} v {A} - Amended Complaint.pdf", "Production cover letter.pdf", "{C}_SUBP_000001-000412.pdf"],
    "threads": ["Subpoena to {C} - {X} v. {A}", "{X} v. {A} - subpoena", "{C} subpoena response", "Rule 45 - {C}", "production"],
    "research": [("Rule 45 undue burden non-party cost shifting", CASES_SUBP)],
    "keywords": ["subpoena", "{C}"],
    "meet": ["{C} - subpoena call", "M&C re subpoena ({X} v. {A})"],
    "acts": {"draft": 4, "pdf": 2, "email": 4, "research": 1, "call": 1, "docreview": 2},
}
T_INV = {
    "key": "investigation",
    "desc": ["{code} (internal investigation)", "{code} - privileged", "Confidential - {code}"],
    "short": ["{code}"],
    "docs": ["{code} - Interview Memo - {W}", "{code} - Board presentation", "Upjohn warning script", "{code} - Work Plan",
             "{code} - Document Requests#x", "Interview outline"],
    "pdfs": ["Whistleblower complaint.pdf", "Audit Committee minutes.pdf", "{code} - key docs.pdf", "Expense reports Q3.pdf"],
    "threads": ["{code}", "{code} - PRIVILEGED", "Confidential", "interviews", "{code} - Board update", "Privileged & Confidential"],
    "research": [("Upjohn warnings internal investigation privilege", ["Upjohn Co. v. United States, 449 U.S. 383 (1981)",
                  "In re Kellogg Brown & Root, Inc., 756 F.3d 754 (D.C. Cir. 2014)"])],
    "keywords": ["{code}"],
    "meet": ["{code}", "{code} - Audit Committee", "Call", "Interview - {W}"],
    "offsite": [{"summary": ["{code} - interviews", "Interviews (on site)"], "location": ["Client HQ, Stamford, CT", "Conf. room 30B (client)"],
                 "starts": [9 * 60 + 30], "dur": (180, 300), "what": "witness interviews", "travel": (40, 70)}],
    "acts": {"draft": 5, "pdf": 3, "email": 3, "research": 1, "call": 1, "docreview": 3},
}
T_COV = {
    "key": "coverage",
    "desc": ["{C} - insurance coverage ({A})", "{C} v. {A} Insurance - D&O coverage", "Coverage dispute - {A} policy"],
    "short": ["{C} coverage", "{C}/{A} coverage"],
    "docs": ["Coverage position letter response", "{C} - Tender letter", "Policy chart#x", "Memo re allocation and defense costs",
             "Reservation of rights response"],
    "pdfs": ["{A} Policy No. {pol}.pdf", "Reservation of Rights Letter.pdf", "Excess policy - follow form.pdf"],
    "threads": ["{C} - coverage", "{A} ROR", "Claim No. {claim}", "{C} / {A} coverage", "tender"],
    "research": [("duty to defend allocation pro rata New York", CASES_COVERAGE)],
    "keywords": ["{A}", "coverage"],
    "meet": ["{C} - coverage call w/ broker", "{A} claims call"],
    "acts": {"draft": 5, "pdf": 3, "email": 4, "research": 2, "call": 1},
}
T_TS = {
    "key": "tradesecret",
    "desc": ["{C} v. {W} and {A} - trade secrets / TRO", "{C} v. {A} - DTSA"],
    "short": ["{C} TRO", "{C} v. {A} (DTSA)"],
    "docs": ["Proposed Order to Show Cause", "Memorandum of Law ISO TRO and Preliminary Injunction", "Declaration of {K} {CLast}",
             "Forensic protocol", "{C} - evidence chart#x"],
    "pdfs": ["Forensic report - {W} laptop.pdf", "Employment Agreement - {W}.pdf", "{W} LinkedIn.pdf", "Dkt. 12 - TRO.pdf"],
    "threads": ["{C} v. {W} - TRO", "forensics", "{C} TRO - urgent", "{W}", "Privileged - {C}"],
    "research": [("irreparable harm trade secrets preliminary injunction Second Circuit", CASES_TS)],
    "keywords": ["{C}", "{W}", "TRO"],
    "meet": ["{C} - TRO prep", "Call with forensic vendor", "{C} / {W} update"],
    "offsite": [{"summary": ["PI hearing - {C} v. {A}"], "location": ["SDNY, 500 Pearl St, Courtroom {room}"], "starts": [10 * 60, 14 * 60],
                 "dur": (60, 150), "what": "preliminary injunction hearing", "travel": (20, 35)}],
    "acts": {"draft": 6, "pdf": 3, "email": 3, "research": 2, "portal": 1, "call": 1},
}
TYPES = [T_FED, T_NYS, T_ARB, T_SUBP, T_INV, T_COV, T_TS]


class CommLit(BasePack):
    key = "commlit"
    label = "Commercial litigation, New York (Windows)"
    practice = "commercial litigation and arbitration"
    os_label = "Windows 11"
    tzs: ClassVar[list[str]] = ["America/New_York"]
    away_per_week = (0, 2)
    admin_mail: ClassVar[list[str]] = ["Law360: Top Stories", "Firm-wide: Office closure Friday", "Reminder: submit your time",
                  "IT: Scheduled maintenance", "Pro bono opportunities", "Docketing: calendar entry confirmed",
                  "CLE: Ethics credit this Thursday", "Bar association newsletter", "Expense report approved",
                  "Automatic reply: Out of office", "Your timesheet for last week is incomplete"]
    recurring_subjects: ClassVar[list[str]] = ["Litigation dept. weekly", "{firm} lit associates meeting", "Monday docket review"]

    def configure(self, ctx):
        r = ctx.rng
        f, last = ctx.attorney
        host = r.choice([f"NYC-LT-{r.randint(10000, 99999)}", f"DESKTOP-{''.join(r.choice('ABCDEFGHJKLMNPQRSTUVWXYZ0123456789') for _ in range(7))}",
                         f"{ascii_(last).upper()[:6]}-X1C"])
        mail = r.choice(["outlook", "outlook", "newoutlook", "owa"])
        browsers = ["edge"] + (["chrome"] if r.random() < 0.5 else [])
        ctx.desk = Desk(r, "win", host, f"{f} {last}", ctx.email, ctx.firm_name, mail=mail,
                        pdf=r.choice(["acrobat", "acrobat_new", "bluebeam", "foxit"]), word="win", browsers=browsers,
                        work_browser="edge", personal_browser=browsers[-1],
                        dms=r.choice(["imanage", "imanage", "netdocs"]), dms_style=r.choice(["A", "A", "B", "B", "C"]),
                        edge_profile=r.choice(["Work", ctx.firm_short, "Profile 1"]),
                        ext_tag=r.choice(["[EXTERNAL]", "[EXT]", "[EXTERNAL]", ""]), meeting="teams", phone="desk")
        ctx.platforms = {"teams": 6, "zoom": 2, "phone": 2, "webex": 1}
        ctx.research = r.sample(["westlaw", "lexis", "bloomberg"], r.randint(1, 2)) + (["free"] if r.random() < 0.3 else [])
        ctx.clientid_p = r.choice([0.0, 0.3, 0.6])
        ctx.last_cid = None
        ctx.kw_richness = r.uniform(0.3, 0.9)
        ctx.laptop = True
        ctx.lock_habit = r.choice(["always", "auto", "auto"])
        ctx.autolock = r.choice([10, 15])
        ctx.evening_p = r.uniform(0.1, 0.4)
        ctx.vpn_spec = r.choice([("PanGPA.exe", "GlobalProtect", None), ("csc_ui.exe", "Cisco Secure Client", None)])
        if r.random() < 0.35:
            ctx.citrix_p = 0.7
            ctx.citrix_spec = ("CDViewer.exe", f"{ctx.firm_short} Desktop - Desktop Viewer", None)
            ctx.citrix_launch = ("SelfService.exe", "Citrix Workspace", None)
        ctx.glance_p = r.uniform(0.05, 0.14)
        ctx.interrupt_p = r.uniform(0.08, 0.25)
        ctx.internal_meet_p = 0.2
        ctx.meetings_per_day = (0, 3)
        ctx.cal_style = r.choice(["utc", "outlook"])
        ctx.timekeeping = r.choice(["intapp", "itimekeep", "3e"])
        ctx.ebilling = r.choice(["Legal Tracker", "CounselLink"])
        ctx.extra_cols = r.choice([[], ["aliases"], ["identifiers", "contacts"], ["aliases", "identifiers"]])
        ctx.personal_extra = []
        dk = ctx.desk

        def time_page(m):
            if ctx.timekeeping == "intapp":
                return ("IntappTime.exe", "Intapp Time", None)
            if ctx.timekeeping == "itimekeep":
                return dk.browser("iTimekeep", f"https://itimekeep.{ctx.domain}/web/#/time/entry")
            return dk.browser(f"Timecard Entry - {m.number} - 3E", f"https://3e.{ctx.domain}/3e/process/TimeCard")
        ctx.time_page = time_page
        ctx.timer_spec = lambda: time_page(ctx.open_matters()[0])

    def make_matters(self, ctx):
        r = ctx.rng
        style = r.choice(["cm_dash", "cm_dot", "code_dot", "cl_slash"])
        num = numbering(r, style)
        ctx.number_style = style
        n_clients = r.randint(4, 7)
        used, codes, taken = set(), set(), set()
        clients = [self.company(ctx, used) for _ in range(n_clients)]
        n_matters = r.randint(max(6, n_clients + 2), 11)
        counts = [1] * n_clients
        for _ in range(n_matters - n_clients):
            i = r.randrange(n_clients)
            if counts[i] < 3:
                counts[i] += 1
        if sum(1 for c in counts if c >= 2) < 2:
            counts[0], counts[1] = 2, max(2, counts[1])
        seq = r.randint(120, 880)
        code_used = r.sample(CODENAMES, len(CODENAMES))  # one code name per investigation: a firm never reuses one
        for c, k in zip(clients, counts, strict=False):
            cn = r.randint(10000, 99999) if style != "cl_slash" else r.randint(100, 999)
            code = client_code(c.short, codes)
            types = r.sample(TYPES, k)
            for ki, T in enumerate(types):
                seq += r.randint(1, 40)
                number = num(cn, code, r.randint(1, 30) if ki == 0 else ki + r.randint(2, 9), seq, 2025, c.short)
                while number in taken:  # a matter number is unique in a firm
                    seq += 1
                    number = num(cn, code, r.randint(31, 99), seq, 2025, c.short)
                taken.add(number)
                # adverse: a company; sometimes another client of the firm (third party / co-party)
                adv_used = {x.short for x in clients}
                adv = self.company(ctx, set(adv_used) | used)
                other = [x for x in clients if x is not c]
                X = r.choice(other).short if (T["key"] == "subpoena" and other and r.random() < 0.7) \
                    else self.company(ctx, set(adv_used) | used | {adv.short}).short
                judge = r.choice(JUDGES)
                yr = r.choice([24, 25])
                dno = r.randint(1000, 9999)
                canon = f"1:{yr}-cv-{dno:05d}"
                idx = f"{r.randint(650000, 659999)}"
                aaa = f"01-{yr}-000{r.randint(1, 9)}-{r.randint(1000, 9999)}"
                if T["key"] == "nyscef":
                    ident, dv = f"{idx}/20{yr}", [f"{idx}/20{yr}", f"Index No. {idx}/20{yr}", f"{idx}-20{yr}"]
                elif T["key"] == "arb":
                    ident, dv = aaa, [aaa, f"AAA Case No. {aaa}", f"AAA {aaa}"]
                else:
                    ident = canon
                    dv = [canon, f"{canon}-{INIT[judge]}", f"{yr}-cv-{dno}", f"{yr} Civ. {dno} ({INIT[judge]})",
                          f"No. {yr}-cv-{dno:05d}"]
                oc_name, oc_dom = self.lawfirm(ctx)
                ocp = self.new_person(ctx, oc_dom)
                wit = f"{r.choice(ctx.spare_first)} {r.choice(ctx.spare_last)}"
                f = {"A": adv.short, "AL": adv.name, "X": X, "D": canon, "Dv": dv, "D0": dv[0],
                     "Dp": f"{canon}-{INIT[judge]}", "Dfile": canon.replace(":", "_"), "J": judge,
                     "W": wit, "OCL": f"{ocp[0]} {ocp[1]}", "OCFirm": oc_name, "OC": (f"{ocp[0]} {ocp[1]}", ocp[2]),
                     "code": code_used.pop() if T["key"] == "investigation" else c.short,
                     "ecf": r.randint(12, 140), "cmid": r.randint(600000, 640000), "idx": idx, "exh": r.choice("ABCDEFG"),
                     "room": r.choice(["15C", "1105", "705", "443", "21D", "318"]), "pol": f"{r.choice(['DO', 'GL', 'EO'])}{r.randint(1000000, 9999999)}",
                     "claim": f"{r.randint(10, 99)}-{r.randint(100000, 999999)}", "CLast": c.people[0][1] if c.people else "",
                     "Bates": f"{slug(adv.short).upper()[:4]}_{r.randint(1, 9000):07d}-{slug(adv.short).upper()[:4]}_{r.randint(9001, 20000):07d}"}
                if T["key"] == "investigation":
                    code_used = code_used[1:] + code_used[:1]
                m = self.assemble(ctx, c, T, number, f)
                m.identifiers = [ident] if T["key"] not in ("investigation", "coverage") else []
                if T["key"] == "investigation":
                    m.aliases = [f["code"]]
                    m.desc = m.desc if r.random() < 0.5 else "Confidential matter"
                m.f["workspace"] = r.choice([m.short, f["code"], number, f"{c.short.upper()}-{T['key'][:3].upper()}"])
                ctx.matters.append(m)
        r.shuffle(ctx.matters)
        # week 2: a new matter opens
        if ctx.matters:
            c = r.choice(clients)
            T = r.choice(TYPES)
            m2 = None
            for m in ctx.matters:
                if m.client is c:
                    m2 = m
            f = dict(m2.f)
            f.pop("N", None)
            seq += 7
            new = self.assemble(ctx, c, T, num(r.randint(10000, 99999) if style != "cl_slash" else r.randint(100, 999),
                                               client_code(c.short, set()), r.randint(5, 40), seq, 2026, c.short), f)
            new.week_open = 2
            new.identifiers = []
            new.f["workspace"] = new.short
            ctx.matters.append(new)
            if r.random() < 0.5:
                ctx.matters[0].status = "Open"
        self.finish_matters(ctx)

    # -------------------------------------------------------------- portals
    def portal_items(self, ctx, m):
        r, dk = ctx.rng, ctx.desk
        k = m.mtype
        cm = m.f.get("cmid", 612345)
        if k == "nyscef":
            return [(dk.browser("NYSCEF - Case Search", "https://iapps.courts.state.ny.us/nyscef/CaseSearch?TAB=courtDateRange"), 15, 60, "type"),
                    (dk.browser(f"NYSCEF - Document List - {m.f['idx']}/20{m.f['D'][2:4]}", f"https://iapps.courts.state.ny.us/nyscef/DocumentList?docketId={r.randrange(16**12):012X}&display=all"), 30, 200, "read"),
                    (dk.pdf(r.choice(m.pdfs)), 60, 400, "read"),
                    (dk.browser("NYSCEF - File Documents", "https://iapps.courts.state.ny.us/nyscef/FileDocuments"), 40, 300, "type")]
        if k == "arb":
            return [(dk.browser("AAA WebFile - My Cases", "https://apps.adr.org/webfile/faces/home"), 15, 60, "read"),
                    (dk.browser(f"AAA WebFile - Case {m.f['Dv'][0]}", "https://apps.adr.org/webfile/faces/case/caseDetails"), 40, 240, "read"),
                    (dk.pdf(r.choice(m.pdfs)), 60, 300, "read")]
        items = [(dk.browser("PACER: Login", "https://pacer.login.uscourts.gov/csologin/login.jsf"), 8, 30, "type"),
                 (dk.browser("CM/ECF - U.S. District Court:NYSD - Docket Report", f"https://ecf.nysd.uscourts.gov/cgi-bin/DktRpt.pl?{cm}"), 40, 260, "read"),
                 (dk.browser("CM/ECF - U.S. District Court:NYSD - Document Selection Menu", f"https://ecf.nysd.uscourts.gov/doc1/127{r.randint(10**8, 10**9 - 1)}"), 5, 30, "read"),
                 (dk.pdf(r.choice(["show_temp.pdf", f"{m.f['Dfile']}-{r.randint(10, 140)}.pdf", r.choice(m.pdfs)])), 90, 600, "read")]
        if r.random() < 0.3:
            items.append((dk.browser("CM/ECF - U.S. District Court:NYSD - File A Motion", "https://ecf.nysd.uscourts.gov/cgi-bin/iquery.pl"), 60, 360, "type"))
        return items

    def portal_what(self, ctx, m):
        return f"court docket / e-filing: {m.short}"

    # -------------------------------------------------------------- special
    def special_what(self, ctx, m, act):
        if act == "docreview":
            return f"document review (Relativity): {m.short}"
        return act

    def special(self, R, b, sub):
        r, dk, m = R.rng, R.desk, b.matter
        if sub == "docreview":
            ws = m.f.get("workspace", m.short)
            base = f"https://{slug(R.ctx.firm_short)}.relativity.one/Relativity"
            items = [(dk.browser(f"{ws} - Documents - RelativityOne", f"{base}/External.aspx?AppID={r.randint(1000000, 1999999)}&DirectTo=%25applicationPath%25%2FDocuments"), 20, 120, "read"),
                     (lambda: dk.browser(f"{ws} - Review - RelativityOne", f"{base}/Review.aspx?AppID={r.randint(1000000, 1999999)}&ArtifactID={r.randint(10**6, 10**7)}"), 200, 900, "type")]
            r_items(R, b, items, exclude=m)
            return
        raise NotImplementedError(sub)

    # -------------------------------------------------------------- admin
    def admin_options(self, ctx, rng):
        dk = ctx.desk
        m = rng.choice(ctx.open_matters())
        eb = ctx.ebilling
        ebu = "https://www.legaltracker.com/app/invoices" if eb == "Legal Tracker" else "https://counsellink.net/cl/invoice/review"
        return [
            ("e-billing: invoice rejected / appeal", [(dk.browser(f"{eb} - Invoices", ebu), 30, 200, "read"),
                                                     (dk.browser(f"Invoice {rng.randint(100000, 999999)} - {m.client.name} - {eb}", ebu + f"/{rng.randint(10**6, 10**7)}"), 60, 300, "type"),
                                                     (dk.excel(f"{m.client.short} budget FY26.xlsx"), 40, 200, "type")]),
            ("CLE webinar", [(dk.browser("Live Webinar: Ethics of Generative AI in Litigation (1.0 Ethics) | PLI", "https://www.pli.edu/programs/live-webinar?playerId=" + str(rng.randint(10**5, 10**6)), audible=True), 600, 1800, "watch")]),
            ("intranet / firm news", [(dk.browser(f"Home - {ctx.firm_short} Connect", f"https://{slug(ctx.firm_short)}.sharepoint.com/sites/intranet"), 30, 200, "read"),
                                      (dk.teams(f"General | {ctx.firm_short} Litigation"), 20, 120, "read")]),
            ("expense report", [(dk.browser("Chrome River - Expense", "https://app.chromeriver.com/index#expense"), 60, 400, "type"),
                                (dk.pdf(f"Receipt_{rng.randint(1000, 9999)}.pdf"), 10, 40, "read")]),
            ("IT ticket", [(dk.browser(f"INC{rng.randint(1000000, 9999999)} | IT Service Portal", "https://firm.service-now.com/sp?id=ticket"), 60, 300, "type")]),
            ("conflicts / new business intake", [(dk.browser("Intapp Open - New Business Intake", f"https://open.{ctx.domain}/intake/new"), 60, 420, "type")]),
            ("client alert (marketing)", [(dk.word(Doc(rng.choice(["Client Alert - Second Circuit narrows Rule 45", "Blog post - Commercial Division rule changes", "LinkedIn post draft"]))), 120, 600, "type")]),
            ("reading news about a client", [(dk.browser(f"{rng.choice(ctx.matters).client.short} shares slide after guidance cut - Reuters", "https://www.reuters.com/business/"), 40, 200, "read")]),
        ]


PACK = CommLit()
