"""An employment and business-immigration firm on Windows: new Outlook and Outlook on the web, new Teams,
Chrome, Zoom, Acrobat, a DMS whose numbers show as 4400123.1 or ACTIVE_4400123_2 (or NetDocuments), EEOC
charge numbers, a handbook matter of the same employer, H-1B receipts and A-numbers, immigration court."""

from __future__ import annotations

import random

from ids import STATE_DOCKETS, a_number, bates_prefix, dms_number, eeoc_charge, number_style, receipt_number
from model import stable_id
from world import Client, Conventions, Firm, Item, Matter, Outing, Page

from firms.kit import CENTRAL, EASTERN, Names, admin_pages, case_names, personal_pages

DESCRIPTION = (
    "employment + business immigration (Windows, new Outlook/OWA, Teams, Chrome, Zoom; EEOC charges, "
    "handbook vs charge of one employer, H-1B receipts, A-numbers, immigration court and state court)"
)

COURTS = {
    EASTERN.iana: (
        "NY",
        "New York",
        "NY",
        "10007",
        "Immigration Court, 26 Federal Plaza, 12th Floor, New York, NY 10278",
        "New York County Supreme Court, 60 Centre Street, New York, NY 10007",
        "EEOC New York District Office, 33 Whitehall Street, New York, NY 10004",
    ),
    CENTRAL.iana: (
        "IL",
        "Chicago",
        "IL",
        "60604",
        "Chicago Immigration Court, 525 W. Van Buren Street, Suite 500, Chicago, IL 60607",
        "Richard J. Daley Center, 50 W. Washington Street, Chicago, IL 60602",
        "EEOC Chicago District Office, 230 S. Dearborn Street, Chicago, IL 60604",
    ),
}

RESEARCH = {
    "charge": [
        "pretext temporal proximity retaliation summary judgment",
        "same actor inference termination",
        "Title VII charge-filing period continuing violation",
    ],
    "handbook": [
        "at-will disclaimer handbook implied contract",
        "NLRB Stericycle workplace rules standard",
        "paid sick leave ordinance notice requirements",
    ],
    "h1b": [
        "specialty occupation degree requirement H-1B",
        "employer-employee relationship itinerary requirement",
    ],
    "removal": ["cancellation of removal exceptional hardship", "particular social group nexus asylum"],
    "litigation": ["wrongful discharge public policy exception", "after-acquired evidence doctrine damages"],
}


def _conventions(rng: random.Random, host: str) -> Conventions:
    dms = rng.choice(["imanage", "imanage", "netdocs"])
    return Conventions(
        os="windows",
        host=host,
        aw=rng.choice(["rust", "python"]),
        calendar="outlook",
        dms=dms,
        dms_title=rng.choice(["dot", "active"]) if dms == "imanage" else "netdocs",
        mail=(("new", 0.3), ("owa", 0.15), ("classic", 0.55)),
        browser="chrome",
        second_browser=rng.choice(["chrome", "edge"]),
        edge_profile=rng.choice(["Personal", "Work"]),
        meeting_apps=(("teams", 0.75), ("zoom", 0.25)),
        pdf_apps=(("acrobat", 1.0),),
        acrobat_suffix=rng.choice([" - Adobe Acrobat Pro (64-bit)", " - Adobe Acrobat Pro"]),
        word_ext=False,
        number_in_title=rng.uniform(0.2, 0.5),
        client_id_rate=rng.uniform(0.0, 0.3),
        lunch_lock=rng.uniform(0.5, 0.95),
        break_lock=rng.uniform(0.2, 0.6),
        read_afk=rng.uniform(0.45, 0.8),
        day_start=f"{rng.choice([8, 8, 9])}:{rng.choice(['00', '15', '30'])}",
        day_end=f"{rng.choice([17, 17, 18])}:{rng.choice(['00', '15', '30'])}",
        research=(("westlaw", 0.3), ("lexis", 0.3), ("bloomberg", 0.25), ("scholar", 0.15)),
    )


class _Builder:
    def __init__(self, rng: random.Random, names: Names, seed: int, zone_iana: str, dms: str) -> None:
        self.rng, self.names, self.dms_style = rng, names, dms
        self.style = number_style(random.Random(seed * 11 + 3), ("letter", "num-name", "cm-4-2", "alpha-dot"))
        (self.st, self.city, self.st2, self.zip, self.eoir, self.courthouse, self.eeoc_office) = COURTS[
            zone_iana
        ]

    def d(self) -> str:
        return dms_number(self.rng, self.dms_style)

    def _matter(self, ci: int, mi: int, word: str) -> tuple[str, tuple[str, ...]]:
        number = self.style.make(ci, mi, word)
        return number, tuple(self.style.variants(number))

    def research(self, kind: str) -> Item:
        return Item(
            "research",
            self.rng.choice(RESEARCH[kind]),
            True,
            cases=case_names(self.rng, self.names, ("F.4th", "F. Supp. 3d", "N.E.3d"), 3),
        )

    def charge(self, client: Client, ci: int) -> Matter:
        rng = self.rng
        emp = self.names.private()
        ch = eeoc_charge(rng, 2025)
        number, variants = self._matter(ci, 0, emp.last)
        sp = rng.choice(ch.spellings)
        items = (
            Item("doc", f"Position Statement - {emp.last}", False, self.d()),
            Item("doc", f"Position Statement - Exhibit index ({emp.last})", False, self.d()),
            Item(
                "doc",
                f"Witness interview notes - {rng.choice(['supervisor', 'HR manager', 'coworker'])}",
                True,
                self.d(),
            ),
            Item("doc", f"{client.short} - RFI response {sp}", False, self.d()),
            Item("sheet", f"{emp.last} pay and discipline timeline", False),
            Item("pdf", f"EEOC Charge {sp}.pdf", False, tag="exhibit", pages=rng.randint(3, 8)),
            Item("pdf", f"{emp.last} personnel file.pdf", False, pages=rng.randint(60, 220)),
            Item(
                "pdf",
                f"{client.short} handbook acknowledgment - {emp.last}.pdf",
                False,
                tag="exhibit",
                pages=2,
            ),
            Item(
                "site",
                f"EEOC Public Portal - Charge {ch.canonical}",
                False,
                url=f"https://publicportal.eeoc.gov/Portal/Charge/{stable_id(ch.canonical, n=12)}",
                tag="portal",
            ),
            Item("thread", f"{client.short} / {emp.last} EEOC charge", False, contact=client.contacts[0]),
            Item("thread", "position statement - comments", True, contact=client.contacts[-1]),
            Item(
                "thread",
                f"Charge No. {sp} - extension request",
                False,
                contact=self.names.person("eeoc.gov", "{f}.{l}"),
            ),
            self.research("charge"),
        )
        return Matter(
            number,
            client,
            f"{client.short} adv. {emp.first} {emp.last} - EEOC charge (retaliation)",
            (emp.last, ch.canonical),
            f"{client.short.split()[0]} adv. {emp.last} (EEOC)",
            "Employment",
            items,
            variants + ch.spellings,
            topics=("position statement", "witness interviews", "mediation strategy"),
            outings=(
                Outing(
                    "mediation",
                    f"EEOC mediation - {emp.last} / {client.short}",
                    self.eeoc_office,
                    rng.choice([120, 180]),
                    rng.randint(15, 35),
                ),
            ),
            deadlines=(f"Position statement due - Charge {ch.canonical}",),
            contacts=client.contacts,
            weight=rng.uniform(1.2, 2.5),
            workspace_id=str(rng.randint(100000, 999999)),
        )

    def handbook(self, client: Client, ci: int) -> Matter:
        rng = self.rng
        number, variants = self._matter(ci, 1, client.short.split()[0])
        year = 2026
        items = (
            Item("doc", f"{client.short} Employee Handbook {year} - redline", False, self.d()),
            Item("doc", "Remote work policy - draft", True, self.d()),
            Item("doc", f"{client.short} handbook - acknowledgment form", False, self.d()),
            Item("doc", "Paid leave policy (multi-state) v3", True, self.d()),
            Item("doc", f"Handbook update memo to {client.short}", False, self.d()),
            Item("sheet", "State law requirements matrix - handbook", False),
            Item(
                "pdf",
                f"{client.short} Employee Handbook {year - 2} (current).pdf",
                False,
                tag="exhibit",
                pages=rng.randint(40, 90),
            ),
            Item("thread", f"{client.short} - handbook update", False, contact=client.contacts[-1]),
            Item("thread", "policy questions", True, contact=client.contacts[0]),
            self.research("handbook"),
        )
        return Matter(
            number,
            client,
            f"{client.short} - employee handbook update and policies {year}",
            ("handbook", "policies"),
            f"{client.short.split()[0]} - Handbook {year}",
            "Employment",
            items,
            variants,
            topics=("handbook review", "policy rollout"),
            deadlines=(f"Handbook rollout - {client.short}",),
            contacts=client.contacts,
            weight=rng.uniform(0.6, 1.3),
            workspace_id=str(rng.randint(100000, 999999)),
        )

    def h1b(self, client: Client, ci: int) -> Matter:
        rng = self.rng
        ben = self.names.private()
        rc = receipt_number(rng)
        number, variants = self._matter(ci, 0, ben.last)
        items = (
            Item("doc", f"H-1B support letter - {ben.last}", False, self.d()),
            Item("doc", f"{ben.last} - RFE response brief", False, self.d()),
            Item("doc", "Itinerary and end-client letter", True, self.d()),
            Item("sheet", f"{client.short} H-1B cap tracker", False),
            Item("pdf", f"I-797C Receipt Notice - {rc.spellings[0]}.pdf", False, tag="portal", pages=2),
            Item("pdf", f"RFE {rc.spellings[1]}.pdf", False, tag="portal", pages=rng.randint(8, 16)),
            Item("pdf", f"{ben.last} diploma and evaluation.pdf", False, pages=rng.randint(4, 12)),
            Item(
                "site",
                "Case Status Online - Case Status Search",
                True,
                url=f"https://egov.uscis.gov/casestatus/mycasestatus.do?appReceiptNum={rc.canonical}",
                tag="portal",
            ),
            Item(
                "site",
                "FLAG - Labor Condition Application",
                True,
                url="https://flag.dol.gov/lca/case/H-400-26012-123456",
                tag="portal",
            ),
            Item("thread", f"{ben.first} {ben.last} H-1B - RFE documents", False, contact=client.contacts[0]),
            Item("thread", "RFE - employer letter", True, contact=client.contacts[-1]),
            self.research("h1b"),
        )
        return Matter(
            number,
            client,
            f"{client.short} - H-1B petition for {ben.first} {ben.last} (receipt {rc.canonical})",
            (ben.last, rc.canonical),
            f"{client.short.split()[0]} - H-1B {ben.last}",
            "Immigration",
            items,
            variants + rc.spellings,
            topics=("RFE response", "documents checklist"),
            deadlines=(f"RFE response due - {rc.canonical}",),
            contacts=client.contacts,
            weight=rng.uniform(0.8, 1.6),
            workspace_id=str(rng.randint(100000, 999999)),
        )

    def termination(self, client: Client, ci: int) -> Matter:
        rng = self.rng
        pl = self.names.private()
        docket = STATE_DOCKETS[self.st](rng, 2025)
        number, variants = self._matter(ci, 1, pl.last)
        pre = bates_prefix(client.short)
        start = rng.randint(1, 900)
        oc = self.names.person(f"{self.names.surname().lower()}employmentlaw.com")
        items = (
            Item("doc", f"{pl.last} v. {client.short} - Answer", False, self.d()),
            Item("doc", f"{pl.last} - Responses to First Set of Interrogatories", False, self.d()),
            Item("doc", "Motion for Protective Order - draft", True, self.d()),
            Item(
                "pdf",
                f"{pre}{start:06d}-{pre}{start + rng.randint(200, 1500):06d}.pdf",
                False,
                tag="production",
                pages=rng.randint(150, 600),
            ),
            Item(
                "pdf", f"{docket.spellings[0]} Complaint.pdf", False, tag="court", pages=rng.randint(15, 40)
            ),
            Item(
                "site",
                "NYSCEF - Document List" if self.st == "NY" else "Cook County Clerk - Case Search",
                True,
                url=f"https://courts.example.gov/case/{docket.spellings[0]}",
                tag="court",
            ),
            Item("thread", f"{pl.last} v. {client.short} - discovery", False, contact=oc),
            Item("thread", f"Litigation hold - {pl.last}", False, contact=client.contacts[0]),
            self.research("litigation"),
        )
        return Matter(
            number,
            client,
            f"{pl.last} v. {client.short} - wrongful termination ({docket.canonical})",
            (pl.last, docket.canonical),
            f"{pl.last} v. {client.short.split()[0]}",
            "Employment",
            items,
            variants + docket.spellings,
            topics=("discovery plan", "litigation hold", "early case assessment"),
            outings=(
                Outing(
                    "hearing",
                    f"Preliminary conference - {pl.last} v. {client.short}",
                    self.courthouse,
                    60,
                    rng.randint(15, 30),
                ),
            ),
            deadlines=(f"Interrogatory responses due - {docket.canonical}",),
            contacts=client.contacts,
            weight=rng.uniform(0.8, 1.8),
            workspace_id=str(rng.randint(100000, 999999)),
        )

    def removal(self, ci: int) -> Matter:
        rng = self.rng
        p = self.names.private()
        an = a_number(rng)
        client = Client(f"{p.last}, {p.first}", p.last, "", (p,))
        number, variants = self._matter(ci, 0, p.last)
        items = (
            Item("doc", f"{p.last} - I-485 cover letter", False, self.d()),
            Item("doc", f"Declaration of {p.first} {p.last} - draft 2", False, self.d()),
            Item("doc", "Motion to Continue - master calendar", True, self.d()),
            Item("pdf", f"NTA {an.spellings[0]}.pdf", False, tag="portal", pages=4),
            Item("pdf", f"{an.spellings[2]} hearing notice.pdf", False, tag="portal", pages=2),
            Item("pdf", "Country conditions report 2025.pdf", True, pages=rng.randint(60, 140)),
            Item(
                "site",
                "EOIR - Automated Case Information",
                True,
                url="https://acis.eoir.justice.gov/en/caseInformation",
                tag="portal",
            ),
            Item(
                "site",
                "EOIR Courts & Appeals System (ECAS)",
                True,
                url=f"https://portal.eoir.justice.gov/ecas/case/{an.spellings[2]}",
                tag="portal",
            ),
            Item("thread", f"{p.first} - documents for your hearing", False, contact=p),
            Item("thread", "Birth certificate translation", True, contact=p),
            self.research("removal"),
        )
        return Matter(
            number,
            client,
            f"{p.first} {p.last} - removal defense / adjustment of status ({an.canonical})",
            (p.last, an.canonical),
            f"{p.last} - Removal defense",
            "Immigration",
            items,
            variants + an.spellings,
            topics=("hearing prep", "evidence checklist"),
            outings=(
                Outing(
                    "hearing",
                    f"Master calendar hearing - {p.last}",
                    self.eoir,
                    rng.choice([60, 90, 120]),
                    rng.randint(20, 40),
                ),
            ),
            deadlines=(f"Evidence filing deadline - {an.canonical}",),
            contacts=(p,),
            weight=rng.uniform(0.6, 1.4),
            workspace_id=str(rng.randint(100000, 999999)),
        )


def build(seed: int) -> Firm:
    rng = random.Random(f"win-employment-immigration:{seed}:world")
    names = Names(rng)
    firm, short, domain = names.firm()
    style = rng.choice(["{fi}{l}", "{f}.{l}", "{f}"])
    att = names.person(domain, style)
    colleagues = tuple(names.person(domain, style) for _ in range(4))
    zone = rng.choice([EASTERN, CENTRAL])
    host = (
        f"{short.upper()[:5]}-{rng.randint(1000, 9999)}"
        if rng.random() < 0.5
        else f"DESKTOP-{stable_id(seed, n=7).upper()}"
    )
    conv = _conventions(rng, host)
    b = _Builder(rng, names, seed, zone.iana, conv.dms)
    employer = names.company(
        ["Staffing", "Hospitality", "Logistics", "Health", "Markets", "Software"], contacts=2
    )
    tech = names.company(["Software", "Analytics", "Devices", "Labs"], contacts=2)
    retailer = names.company(["Markets", "Grocers", "Restaurants", "Apparel", "Clinics"], contacts=2)
    matters = (
        b.charge(employer, 0),
        b.handbook(employer, 0),
        b.h1b(tech, 1),
        b.termination(retailer, 3),
        b.removal(2),
    )
    timekeeper = rng.choice(["Intapp Time", "Aderant iTimekeep", "Clio"])
    return Firm(
        persona="win-employment-immigration",
        name=firm,
        domain=domain,
        attorney=att,
        colleagues=colleagues,
        zone=zone,
        conv=conv,
        matters=matters,
        admin=admin_pages(rng, firm, domain.split(".")[0], att, timekeeper),
        phantom=_phantom(rng, matters, timekeeper, b.city, b.st2, b.zip),
        personal=personal_pages(rng),
        neutral_folders=("Downloads", "Desktop", "Documents", "Scans"),
        series=(("Employment group huddle", 1, "09:00", 30),),
        cle=("SHRM webinar: State pay transparency laws (1.0)", "AILA: H-1B modernization rule (1.0)"),
        extra_csv=rng.random() < 0.5,
        csv_newline=rng.choice(["\n", "\r\n"]),
        description=DESCRIPTION,
    )


def _phantom(
    rng: random.Random, matters: tuple[Matter, ...], timekeeper: str, city: str, st: str, zipc: str
) -> tuple[Page, ...]:
    out = []
    for m in matters:
        out.append(
            Page(
                f"{timekeeper} - Time Entry - {m.number}",
                f"https://time.firm.local/entry?m={m.number}",
                tag="timekeeping",
            )
        )
    for m in matters[:4:2]:
        out.append(
            Page(
                f"CounselLink - Invoices - {m.client.name}",
                "https://www.counsellink.net/CounselLink/invoices",
                tag="ebilling",
            )
        )
    out.append(
        Page(
            f"Intapp Open - Conflicts Search: {matters[2].client.short} affiliate",
            "https://open.intapp.com/conflicts/search",
            tag="conflicts",
        )
    )
    out.append(
        Page("Benefits - Open Enrollment 2026 - bswift", "https://secure.bswift.com/enrollment", tag="hr")
    )
    out.append(
        Page(
            f"Office directory - {city}, {st} {zipc} - Intranet",
            "https://intranet.firm.local/offices",
            tag="intranet",
        )
    )
    return tuple(out)
