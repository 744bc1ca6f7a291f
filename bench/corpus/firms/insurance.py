"""An insurance-defense litigation firm on Windows: iManage documents, classic Outlook, new Teams, Edge,
Acrobat, federal CM/ECF and a state e-filing portal, claim numbers and adjusters at the insurers' domains,
depositions, hearings and mediations away from the desk, and the carriers' e-billing portals."""

from __future__ import annotations

import random

from ids import (
    CLAIM_FORMATS,
    STATE_DOCKETS,
    Ident,
    bates_prefix,
    claim_number,
    dms_number,
    federal_docket,
    number_style,
)
from model import stable_id
from pools import address, insurer
from world import Client, Conventions, Firm, Item, Matter, Outing, Page, Person

from firms.kit import EASTERN, Names, admin_pages, case_names, personal_pages, pick

DESCRIPTION = (
    "insurance defense (Windows, iManage, classic Outlook, Teams, Edge; claim numbers, CM/ECF and state "
    "e-filing, depositions/hearings/mediations away, carrier e-billing portals)"
)

STATES = {
    "CT": (
        "Hartford",
        "CT",
        "06103",
        "ctd",
        "Hartford Superior Court, 95 Washington Street, Hartford, CT 06106",
    ),
    "NY": (
        "New York",
        "NY",
        "10007",
        "nysd",
        "New York County Supreme Court, 60 Centre Street, New York, NY 10007",
    ),
    "NJ": (
        "Newark",
        "NJ",
        "07102",
        "njd",
        "Essex County Hall of Records, 465 Dr. Martin Luther King Jr. Blvd, Newark, NJ 07102",
    ),
    "FL": (
        "Tampa",
        "FL",
        "33602",
        "flmd",
        "George E. Edgecomb Courthouse, 800 E. Twiggs Street, Tampa, FL 33602",
    ),
}

PORTALS = {
    "CT": (
        "Case Detail - {d}",
        "https://civilinquiry.jud.ct.gov/CaseDetail/PublicCaseDetail.aspx?DocketNo={c}",
    ),
    "NY": ("NYSCEF - Document List", "https://iapps.courts.state.ny.us/nyscef/DocumentList?docketId={h}"),
    "NJ": ("eCourts Civil - Case Jacket", "https://portal.njcourts.gov/webe41/ecourtsciviljacket/{h}"),
    "FL": (
        "Hillsborough County Clerk - Case Details",
        "https://hover.hillsclerk.com/html/case/caseSummary.html?id={h}",
    ),
}

TOPICS = {
    "auto": [
        "negligent entrustment employer liability admitted agency",
        "spoliation of dashcam footage adverse inference",
        "collateral source rule medical bills paid",
        "sudden emergency doctrine rear-end collision",
    ],
    "premises": [
        "constructive notice transitory condition slip and fall",
        "mode of operation rule grocery store",
        "snow and ice ongoing storm doctrine",
        "recreational use immunity landowner",
    ],
    "product": [
        "design defect risk-utility test expert testimony",
        "apportionment complaint product seller",
        "economic loss doctrine construction defect",
        "statute of repose improvement to real property",
    ],
    "coverage": [
        "duty to defend four corners extrinsic evidence",
        "expected or intended injury exclusion",
        "late notice prejudice requirement",
        "reservation of rights independent counsel",
    ],
}

REPORTERS = ("A.3d", "Conn. App.", "F. Supp. 3d", "F.4th", "N.Y.S.3d", "So. 3d", "N.J. Super.")


def _conventions(rng: random.Random, host: str, firm_short: str) -> Conventions:
    return Conventions(
        os="windows",
        host=host,
        aw=rng.choice(["python", "rust"]),
        calendar="outlook",
        dms="imanage",
        dms_title=pick(rng, [("hash-v", 0.6), ("dot", 0.25), ("active", 0.15)]),
        mail=(("classic", 0.92), ("owa", 0.08)),
        browser="edge",
        second_browser=rng.choice(["edge", "chrome"]),
        edge_profile=rng.choice(["Work", "Work", firm_short]),
        meeting_apps=(("teams", 0.6), ("zoom", 0.3), ("webex", 0.1)),
        pdf_apps=(("acrobat", 1.0),),
        acrobat_suffix=rng.choice([" - Adobe Acrobat Pro (64-bit)", " - Adobe Acrobat Pro"]),
        word_ext=False,
        number_in_title=rng.uniform(0.1, 0.35),
        client_id_rate=rng.uniform(0.0, 0.25),
        lunch_lock=rng.uniform(0.4, 0.9),
        break_lock=rng.uniform(0.1, 0.4),
        read_afk=rng.uniform(0.55, 0.9),
        day_start=f"{rng.choice([7, 8, 8])}:{rng.choice(['15', '30', '45'])}",
        day_end=f"{rng.choice([17, 18])}:{rng.choice(['00', '15', '30'])}",
        research=(("westlaw", 0.45), ("lexis", 0.3), ("scholar", 0.15), ("bloomberg", 0.1)),
    )


class _Builder:
    """Makes the matters of one seed's insurance-defense firm."""

    def __init__(self, rng: random.Random, names: Names, state: str, style_seed: int) -> None:
        self.rng, self.names, self.state = rng, names, state
        self.style = number_style(random.Random(style_seed), ("cm-4-2", "c5-m4", "num-name", "year-seq"))
        self.year = rng.choice([2024, 2025])
        self.city, self.st, self.zip, self.ecf, self.courthouse = STATES[state]

    def dms(self) -> str:
        return dms_number(self.rng, "imanage")

    def docs(self, plaintiff: str, defendant: str, claim: Ident, kind: str, number_sp: str) -> list[Item]:
        rng, d = self.rng, self.dms
        cl = rng.choice(claim.spellings)
        strong = [
            Item("doc", f"{plaintiff} - Answer and Special Defenses", False, d()),
            Item("doc", f"Report to Carrier - Clm {cl}", False, d()),
            Item("doc", f"Deposition Outline - {plaintiff}", False, d()),
            Item("doc", f"{plaintiff} v. {defendant} - Motion to Preclude Expert", False, d()),
            Item("doc", f"{number_sp} Litigation Plan and Budget", False, d()),
            Item("doc", f"{defendant} - responses to plaintiff's RFAs", False, d()),
        ]
        weak = [
            Item("doc", "Request for Production - Second Set", True, d()),
            Item("doc", "Interrogatories to Plaintiff - First Set", True, d()),
            Item("doc", "Memorandum of Law ISO Motion for Summary Judgment", True, d()),
            Item("doc", "Objection to Request to Revise", True, d()),
        ]
        if kind == "coverage":
            strong = [
                Item("doc", f"Coverage Opinion - {defendant}", False, d()),
                Item("doc", f"Coverage chronology - Clm {cl}", False, d()),
                Item("doc", f"{defendant} - tender response letter", False, d()),
            ]
            weak = [
                Item("doc", "Reservation of Rights Letter - draft", True, d()),
                Item("doc", "Complaint for Declaratory Judgment", True, d()),
            ]
        return rng.sample(strong, 3) + rng.sample(weak, 2)

    def matter(
        self, idx: int, client: Client, client_idx: int, m_idx: int, kind: str, adjusters: tuple[Person, ...]
    ) -> Matter:
        rng, names = self.rng, self.names
        plaintiff_p = names.private()
        plaintiff = plaintiff_p.last
        insured = names.company(contacts=1)
        defendant = insured.short
        number = self.style.make(client_idx, m_idx, plaintiff if kind != "coverage" else defendant.split()[0])
        variants = tuple(self.style.variants(number))
        claim = claim_number(rng, rng.choice(CLAIM_FORMATS))
        federal = kind in ("auto", "product") and rng.random() < 0.6
        docket = federal_docket(rng, self.year) if federal else STATE_DOCKETS[self.state](rng, self.year)
        caption = f"{plaintiff} v. {defendant}" if kind != "coverage" else f"{client.short} adv. {defendant}"
        oc = names.person(f"{names.surname().lower()}law.com")
        items = self.docs(plaintiff, defendant, claim, kind, rng.choice(variants))
        items += self.sheets_and_pdfs(plaintiff, defendant, kind, docket, federal)
        if kind == "coverage":
            items += self.coverage_threads(client, defendant, claim, adjusters, insured)
        else:
            items += self.threads(
                client, plaintiff, defendant, claim, adjusters, oc, insured, variants, number
            )
        items += [self.research(kind)]
        items += self.court(docket, federal, caption)
        keywords: tuple[str, ...] = (plaintiff, defendant, claim.canonical, docket.canonical)
        if kind == "coverage":
            keywords = (defendant, "coverage", claim.canonical, docket.canonical)
            if rng.random() < 0.5:
                items = [i for i in items if i.tag != "court"]
                keywords = keywords[:3]
        outings = self.outings(kind, plaintiff_p, caption, oc)
        desc = {
            "auto": f"{caption} - motor vehicle negligence",
            "premises": f"{caption} - premises liability",
            "product": f"{caption} - product liability",
            "coverage": f"{caption} - coverage opinion and declaratory judgment",
        }[kind]
        contacts = (*adjusters, *insured.contacts)
        spell = variants + claim.spellings + docket.spellings
        return Matter(
            number,
            client,
            desc,
            keywords,
            caption,
            "Insurance Defense",
            tuple(items),
            spell,
            topics=(
                "claim status",
                "deposition prep",
                "case evaluation",
                "settlement authority",
                "discovery",
            ),
            outings=outings,
            deadlines=(
                f"Discovery responses due - {caption}",
                f"Report to carrier due ({claim.canonical})",
                f"Dispositive motion deadline - {docket.canonical}",
            ),
            contacts=contacts,
            weight=rng.uniform(0.8, 2.5),
            workspace_id=str(rng.randint(100000, 999999)),
        )

    def sheets_and_pdfs(
        self, plaintiff: str, defendant: str, kind: str, docket: Ident, federal: bool
    ) -> list[Item]:
        rng = self.rng
        hospital = f"{rng.choice(['St. Francis', 'Mercy', 'Saint Mary', 'Yale New Haven', 'Baystate', 'Memorial'])} Hospital"
        if kind == "coverage":
            return [
                Item("sheet", f"{defendant} coverage chart", False),
                Item("pdf", f"{defendant} - certified policy copy.pdf", False, pages=rng.randint(60, 180)),
                Item(
                    "pdf",
                    f"Ex. {rng.randint(2, 9)} - {defendant} policy declarations.pdf",
                    False,
                    tag="exhibit",
                    pages=rng.randint(3, 9),
                ),
            ]
        items = [
            Item("sheet", f"{plaintiff} medical specials summary", False),
            Item("sheet", "Litigation budget - Phase 2", True),
            Item("pdf", f"{plaintiff} - medical records ({hospital}).pdf", False, pages=rng.randint(80, 400)),
            Item(
                "pdf",
                rng.choice(
                    ["Police Accident Report.pdf", "Incident report.pdf", "Expert report - draft.pdf"]
                ),
                True,
                pages=rng.randint(6, 40),
            ),
        ]
        party = plaintiff if rng.random() < 0.5 else defendant
        pre = bates_prefix(party)
        start = rng.randint(1, 3000)
        vol = rng.randint(1, 6)
        items.append(
            Item(
                "pdf",
                rng.choice(
                    [
                        f"{pre}_PROD_VOL{vol:03d}.pdf",
                        f"{pre}{start:07d}-{pre}{start + rng.randint(300, 2500):07d}.pdf",
                    ]
                ),
                False,
                tag="production",
                pages=rng.randint(200, 900),
            )
        )
        word = {
            "auto": "scene photos",
            "premises": "stairway photos",
            "product": "failed component photos",
            "coverage": "policy declarations",
        }[kind]
        items.append(
            Item(
                "pdf",
                f"Ex. {rng.randint(2, 14)} - {defendant} {word}.pdf",
                False,
                tag="exhibit",
                pages=rng.randint(4, 30),
            )
        )
        return items

    def threads(
        self,
        client: Client,
        plaintiff: str,
        defendant: str,
        claim: Ident,
        adjusters: tuple[Person, ...],
        oc: Person,
        insured: Client,
        variants: tuple[str, ...],
        number: str,
    ) -> list[Item]:
        rng = self.rng
        adj = rng.choice(adjusters)
        cl = rng.choice((claim.canonical, *claim.spellings))
        num = rng.choice(variants) if rng.random() < 0.5 else number
        return [
            Item("thread", f"{client.short} Claim {cl} - {plaintiff} v. {defendant}", False, contact=adj),
            Item("thread", f"{plaintiff} - deposition scheduling", False, contact=oc),
            Item(
                "thread",
                rng.choice(["IME report", "Deposition dates", "Records subpoena", "Settlement authority"]),
                True,
                contact=adj,
            ),
            Item(
                "thread",
                f"Our File {num} - {plaintiff} - document requests",
                False,
                contact=insured.contacts[0],
            ),
        ]

    def coverage_threads(
        self, client: Client, defendant: str, claim: Ident, adjusters: tuple[Person, ...], insured: Client
    ) -> list[Item]:
        rng = self.rng
        cl = rng.choice((claim.canonical, *claim.spellings))
        return [
            Item(
                "thread",
                f"{client.short} Claim {cl} - coverage - {defendant}",
                False,
                contact=rng.choice(adjusters),
            ),
            Item("thread", f"{defendant} - tender of defense", False, contact=insured.contacts[0]),
            Item(
                "thread",
                rng.choice(["ROR letter", "policy endorsements", "late notice"]),
                True,
                contact=adjusters[0],
            ),
        ]

    def research(self, kind: str) -> Item:
        q = self.rng.choice(TOPICS[kind])
        return Item("research", q, True, cases=case_names(self.rng, self.names, REPORTERS, 3))

    def court(self, docket: Ident, federal: bool, caption: str) -> list[Item]:
        rng = self.rng
        h = stable_id(docket.canonical, n=10)
        if federal:
            caseid = rng.randint(100000, 199999)
            site = Item(
                "site",
                rng.choice(
                    [
                        f"CM/ECF - U.S. District Court:{self.ecf} - Docket Report",
                        f"CM/ECF LIVE - U.S. District Court - {docket.canonical}",
                    ]
                ),
                False,
                url=f"https://ecf.{self.ecf}.uscourts.gov/cgi-bin/DktRpt.pl?{caseid}",
                tag="court",
            )
            sp = docket.spellings
            pdfs = [
                Item(
                    "pdf",
                    f"{sp[0]} Dkt {rng.randint(20, 90)}.pdf",
                    False,
                    tag="court",
                    pages=rng.randint(5, 40),
                ),
                Item(
                    "pdf", f"{sp[1]}-{rng.randint(20, 90)}.pdf", False, tag="court", pages=rng.randint(5, 40)
                ),
                Item(
                    "pdf",
                    f"gov.uscourts.{self.ecf}.{caseid}.{rng.randint(20, 90)}.0.pdf",
                    True,
                    tag="court",
                    pages=rng.randint(5, 40),
                ),
            ]
            return [
                site,
                *pdfs,
                Item("pdf", f"{caption} - Scheduling Order.pdf", False, tag="court", pages=rng.randint(3, 9)),
            ]
        title, url = PORTALS[self.state]
        comp = docket.spellings[0]
        site = Item("site", title.format(d=docket.canonical), False, url=url.format(c=comp, h=h), tag="court")
        entry = f"{rng.randint(100, 180)}.00"
        pdfs = [
            Item(
                "pdf",
                f"{caption} - Order on Motion to Compel.pdf",
                False,
                tag="court",
                pages=rng.randint(3, 12),
            ),
            Item("pdf", f"{comp} Entry No {entry}.pdf", False, tag="court", pages=rng.randint(4, 30)),
            Item("pdf", f"{comp}_{rng.randint(20, 60)}.pdf", False, tag="court", pages=rng.randint(4, 30)),
        ]
        return [site, *pdfs]

    def outings(self, kind: str, plaintiff: Person, caption: str, oc: Person) -> tuple[Outing, ...]:
        rng = self.rng
        office = f"Law Offices of {oc.last} & {self.names.surname()}, LLC, " + address(
            rng, self.city, self.st, self.zip
        )
        mediator = f"{self.names.surname()} ADR Group, " + address(rng, self.city, self.st, self.zip)
        if kind == "coverage":
            return ()
        return (
            Outing(
                "deposition",
                f"Deposition of {plaintiff.first} {plaintiff.last}",
                office,
                rng.choice([120, 150, 180]),
                rng.randint(15, 40),
            ),
            Outing(
                "hearing",
                f"Oral argument - motion to compel - {caption}",
                self.courthouse,
                rng.choice([60, 90]),
                rng.randint(15, 35),
            ),
            Outing(
                "mediation", f"Mediation - {caption}", mediator, rng.choice([150, 180]), rng.randint(20, 40)
            ),
        )


def build(seed: int) -> Firm:
    rng = random.Random(f"win-insurance-defense:{seed}:world")
    names = Names(rng)
    firm, short, domain = names.firm()
    style = rng.choice(["{f}.{l}", "{fi}{l}"])
    att = names.person(domain, style)
    colleagues = tuple(names.person(domain, style) for _ in range(4))
    state = rng.choice(sorted(STATES))
    b = _Builder(rng, names, state, seed)
    insurers: list[tuple[Client, tuple[Person, ...]]] = []
    for _ in range(2):
        name, ishort = insurer(rng, names.used)
        dom = f"{ishort.split()[0].lower()}{rng.choice(['ins', 'mutual', 'insurance', 'group'])}.com"
        adj_style = rng.choice(["{f}.{l}", "{fi}{l}", "{f}_{l}"])
        adjusters = tuple(names.person(dom, adj_style) for _ in range(2))
        insurers.append((Client(name, ishort, dom, adjusters), adjusters))
    kinds = rng.sample(["auto", "premises", "product"], 3)
    (ca, adj_a), (cb, adj_b) = insurers
    plan = [
        (ca, adj_a, 0, 0, kinds[0]),
        (ca, adj_a, 0, 1, kinds[1]),
        (cb, adj_b, 1, 0, kinds[2]),
        (cb, adj_b, 1, 1, "coverage"),
    ]
    if rng.random() < 0.7:
        plan.append((ca, adj_a, 0, 2, rng.choice(["auto", "premises"])))
    matters = tuple(b.matter(i, c, ci, mi, k, adj) for i, (c, adj, ci, mi, k) in enumerate(plan))
    host = (
        f"DESKTOP-{stable_id(seed, firm, n=7).upper()}"
        if rng.random() < 0.5
        else f"{short.upper()[:6]}-LT{rng.randint(100, 999)}"
    )
    conv = _conventions(rng, host, short)
    timekeeper = rng.choice(["Intapp Time", "Aderant iTimekeep", "Elite 3E", "Carpe Diem"])
    return Firm(
        persona="win-insurance-defense",
        name=firm,
        domain=domain,
        attorney=att,
        colleagues=colleagues,
        zone=EASTERN,
        conv=conv,
        matters=matters,
        admin=admin_pages(rng, firm, domain.split(".")[0], att, timekeeper),
        phantom=_phantom(rng, matters, timekeeper),
        personal=personal_pages(rng),
        neutral_folders=("Downloads", "Desktop", "Documents", "Scans"),
        series=(("Litigation department meeting", 0, "08:30", 30),),
        cle=("CLE: Ethics of AI in Litigation (1.0)", f"{state} Bar: Trial Practice Update (1.5)"),
        description=DESCRIPTION,
    )


def _phantom(rng: random.Random, matters: tuple[Matter, ...], timekeeper: str) -> tuple[Page, ...]:
    """Non-billable pages that name a client or a matter: e-billing, time entry, conflicts."""
    out = []
    for m in matters:
        inv = f"INV-{rng.randint(2026000, 2026999)}"
        claim = next(k for k in m.keywords if any(ch.isdigit() for ch in k))
        portal = rng.choice(["legaltracker", "tymetrix", "counsellink"])
        if portal == "legaltracker":
            out.append(
                Page(
                    f"Legal Tracker - Invoice {inv} - {m.client.name}",
                    f"https://na.legaltracker.com/invoices/{inv}",
                    tag="ebilling",
                )
            )
        elif portal == "tymetrix":
            out.append(
                Page(
                    f"TyMetrix 360° | Invoice Submission - {m.client.short} - {claim}",
                    "https://www.tymetrix.com/360/invoices/submit",
                    tag="ebilling",
                )
            )
        else:
            out.append(
                Page(
                    f"CounselLink - Matter {claim} - Budget",
                    "https://www.counsellink.net/CounselLink/matter/budget",
                    tag="ebilling",
                )
            )
        out.append(
            Page(
                f"{timekeeper} - {m.number} {m.short}",
                f"https://time.firm.local/entry?matter={m.number}",
                tag="timekeeping",
            )
        )
    prospect = f"{rng.choice(['Hollis', 'Tamarack', 'Quarry', 'Sentinel'])} {rng.choice(['Logistics', 'Builders', 'Markets'])}"
    out.append(
        Page(
            f"Intapp Open - Conflicts Search: {prospect}",
            "https://open.intapp.com/conflicts/search",
            tag="conflicts",
        )
    )
    out.append(
        Page(
            f"New Business Intake - {matters[0].client.short} - new claim",
            "https://open.intapp.com/intake/new",
            tag="conflicts",
        )
    )
    return tuple(out)
