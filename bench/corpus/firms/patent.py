"""A patent-prosecution boutique on macOS: NetDocuments workspaces, Outlook for Mac and Outlook on the
web, Safari and Chrome, Zoom and Webex, Patent Center with the application number only in the URL,
file-wrapper PDFs, prior-art publications in three spellings, claim numbers, an in-person inventor meeting."""

from __future__ import annotations

import random
from datetime import date, timedelta

from ids import dms_number, number_style, patent_application, prior_art
from model import stable_id
from pools import address
from world import Client, Conventions, Firm, Item, Matter, Outing, Page

from firms.kit import CENTRAL, EASTERN, Names, admin_pages, case_names, personal_pages, pick

DESCRIPTION = (
    "patent prosecution (macOS, NetDocuments, Outlook for Mac/web, Safari+Chrome, Zoom/Webex; Patent "
    "Center, file wrappers, prior art, claims; trademark/annual-compliance second matter of a client)"
)

TECH = [
    ("adaptive beamforming for phased-array antennas", "beamforming", "H01Q"),
    ("battery thermal management using phase-change material", "thermal management", "H01M"),
    ("low-latency video transcoding pipeline", "transcoding", "H04N"),
    ("microfluidic cell sorting cartridge", "cell sorting", "B01L"),
    ("robotic gripper with compliant fingers", "gripper", "B25J"),
    ("predictive maintenance from vibration signatures", "vibration", "G05B"),
    ("solid-state lidar scanning mirror", "lidar", "G01S"),
    ("wearable glucose sensor adhesive patch", "glucose sensor", "A61B"),
    ("federated learning for edge devices", "federated learning", "G06N"),
    ("modular timber connector for mass-timber framing", "timber connector", "E04B"),
    ("catalyst for low-temperature ammonia cracking", "ammonia cracking", "B01J"),
    ("haptic feedback surgical stapler", "surgical stapler", "A61B"),
]

DOC_CODES = [
    ("CTNF", "Non-Final Rejection"),
    ("CTFR", "Final Rejection"),
    ("CTRS", "Requirement for Restriction"),
    ("892", "List of References"),
    ("REM", "Applicant Remarks"),
    ("CLM", "Claims"),
    ("IDS", "IDS"),
]

RESEARCH = [
    "obviousness motivation to combine teaching away",
    "Alice step two inventive concept software claims",
    "means-plus-function structure in specification",
    "written description genus claims antibodies",
    "prosecution history estoppel narrowing amendment",
]


def _conventions(rng: random.Random, host: str) -> Conventions:
    return Conventions(
        os="macos",
        host=host,
        aw=rng.choice(["rust", "rust", "python"]),
        calendar="outlook",
        dms="netdocs",
        dms_title="netdocs",
        mail=(("mac", 0.8), ("owa", 0.2)),
        browser=pick(rng, [("safari", 0.6), ("chrome", 0.4)]),
        second_browser="safari",
        edge_profile="Work",
        meeting_apps=(("zoom", 0.45), ("webex", 0.3), ("teams", 0.25)),
        pdf_apps=(("preview", 0.55), ("acrobat", 0.45)),
        acrobat_suffix="",
        word_ext=rng.random() < 0.5,
        number_in_title=rng.uniform(0.3, 0.7),
        client_id_rate=rng.uniform(0.0, 0.3),
        lunch_lock=rng.uniform(0.3, 0.8),
        break_lock=rng.uniform(0.05, 0.3),
        read_afk=rng.uniform(0.5, 0.85),
        day_start=f"{rng.choice([7, 8, 8])}:{rng.choice(['30', '40', '50'])}",
        day_end=f"{rng.choice([17, 18])}:{rng.choice(['15', '30', '40'])}",
        research=(("westlaw", 0.35), ("lexis", 0.25), ("scholar", 0.25), ("bloomberg", 0.15)),
    )


class _Builder:
    def __init__(self, rng: random.Random, names: Names, seed: int) -> None:
        self.rng, self.names = rng, names
        self.style = number_style(random.Random(seed * 7 + 1), ("c5-m4", "letter", "alpha-dot"))
        self.used_tech: set[int] = set()

    def tech(self) -> tuple[str, str, str]:
        while True:
            i = self.rng.randrange(len(TECH))
            if i not in self.used_tech:
                self.used_tech.add(i)
                return TECH[i]

    def application(self, client: Client, ci: int, mi: int, examiner_dom: str) -> Matter:
        rng, d = self.rng, (lambda: dms_number(self.rng, "netdocs"))
        title, word, cpc = self.tech()
        app = patent_application(rng)
        number = self.style.make(ci, mi, client.short.split()[0])
        variants = tuple(self.style.variants(number))
        short = f"{client.short.split()[0]} - {word.title()} ({'US' if rng.random() < 0.5 else 'CON'})"
        digits = app.spellings[0]
        refs = [prior_art(rng) for _ in range(3)]
        oa_date = date(2026, 1, 1) + timedelta(days=rng.randint(-40, 20))
        wrapper = [
            Item(
                "pdf",
                f"{digits}-{(oa_date - timedelta(days=rng.randint(0, 200))).isoformat()}-{rng.randint(1, 9):05d}-{code}.pdf",
                code not in ("CTNF", "CTFR"),
                tag="patent",
                pages=rng.randint(3, 40) if code != "CTNF" else rng.randint(30, 60),
            )
            for code, _ in rng.sample(DOC_CODES, 4)
        ]
        wrapper.append(
            Item(
                "pdf",
                f"{digits}-{oa_date.isoformat()}-00004-CTNF.pdf",
                False,
                tag="patent",
                pages=rng.randint(30, 60),
            )
        )
        claim_n = rng.randint(14, 30)
        num_sp = rng.choice(variants) if rng.random() < 0.6 else number
        docs = [
            Item("doc", f"Response to Office Action - {oa_date.strftime('%m-%d-%Y')}", True, d())
            if rng.random() < 0.5
            else Item("doc", f"OA response ({word}) - {oa_date.strftime('%m-%d-%Y')}", False, d()),
            Item("doc", f"Amended claims 1-{claim_n} - clean", True, d()),
            Item("doc", f"{client.short.split()[0]} {word} - claim chart vs. {refs[0][2]}", False, d()),
            Item("doc", f"{num_sp} Remarks - {word}", False, d()),
            Item(
                "doc",
                f"Interview agenda - claims 1, {rng.randint(8, 12)} and {rng.randint(13, claim_n)}",
                True,
                d(),
            ),
            Item("doc", f"Invention disclosure - {title}", False, d()),
        ]
        pages = [
            Item(
                "site",
                "Patent Center | USPTO",
                True,
                url=f"https://patentcenter.uspto.gov/applications/{digits}",
                tag="patent",
            ),
            Item(
                "site",
                "Patent Center | USPTO",
                True,
                url=f"https://patentcenter.uspto.gov/applications/{digits}/ifw/docs",
                tag="patent",
            ),
        ]
        for n, (cite, fname, pid) in enumerate(refs):
            if n:
                wrapper.append(Item("pdf", f"{pid}.pdf", False, tag="patent", pages=rng.randint(12, 45)))
                continue
            pages.append(
                Item(
                    "site",
                    f"{pid} - {rng.choice(['System and method', 'Apparatus', 'Method'])} for {word} - Google Patents",
                    False,
                    url=f"https://patents.google.com/patent/{pid}/en",
                    tag="patent",
                )
            )
            wrapper.append(
                Item(
                    "pdf", rng.choice([fname, f"{cite}.pdf"]), False, tag="patent", pages=rng.randint(12, 45)
                )
            )
        examiner = self.names.person(examiner_dom, "{f}.{l}")
        threads = [
            Item(
                "thread",
                f"{client.short} - {word} application - Office Action response",
                False,
                contact=client.contacts[0],
            ),
            Item(
                "thread",
                f"Interview request - Appl. No. {rng.choice([app.canonical, app.spellings[1]])}",
                False,
                contact=examiner,
            ),
            Item(
                "thread",
                rng.choice(["claim amendments", "Prior art from inventor", "IDS references"]),
                True,
                contact=client.contacts[-1],
            ),
        ]
        research = Item(
            "research",
            rng.choice(RESEARCH),
            True,
            cases=case_names(rng, self.names, ("F.4th", "F.3d", "U.S.P.Q.2d"), 3),
        )
        items = (
            *docs,
            *wrapper,
            *pages,
            *threads,
            research,
            Item("sheet", f"IDS reference list - {word}", False),
        )
        return Matter(
            number,
            client,
            f"US patent application - {title} (Appl. No. {app.canonical})",
            (app.canonical, word, cpc),
            short,
            "Patent Prosecution",
            items,
            variants + app.spellings,
            topics=("office action strategy", "claim amendments", "inventor interview", "prior art review"),
            outings=(),
            deadlines=(f"OA response due - {app.canonical} (3-month)", f"IDS deadline - {number}"),
            contacts=client.contacts,
            weight=rng.uniform(1.0, 2.5),
            workspace_id=f":Q12:{stable_id(number, n=2)}:{stable_id(number, 'w', n=2)}:~{rng.randint(100000, 999999)}",
        )

    def compliance(self, client: Client, ci: int, mi: int, city: str, st: str, zipc: str) -> Matter:
        """The same client's other matter: portfolio annual compliance (maintenance fees, assignments)."""
        rng, d = self.rng, (lambda: dms_number(self.rng, "netdocs"))
        number = self.style.make(ci, mi, client.short.split()[0])
        variants = tuple(self.style.variants(number))
        year = 2026
        items = (
            Item("doc", f"{client.short} annual compliance memo {year}", False, d()),
            Item("doc", "Maintenance fee reminder letter", True, d()),
            Item("doc", f"Board minutes excerpt - IP assignment ratification {year}", False, d()),
            Item("sheet", f"{client.short} portfolio docket - annual compliance", False),
            Item(
                "pdf",
                f"{client.short} - Assignment recordation (Reel {rng.randint(60000, 69999)}).pdf",
                False,
                tag="exhibit",
                pages=rng.randint(3, 9),
            ),
            Item("pdf", "Board minutes - signed.pdf", True, tag="exhibit", pages=rng.randint(4, 12)),
            Item("thread", f"{client.short} - annual compliance review", False, contact=client.contacts[0]),
            Item("thread", "maintenance fees due Q2", True, contact=client.contacts[-1]),
            Item(
                "site",
                "Assignment Center - USPTO",
                True,
                url="https://assignmentcenter.uspto.gov/search",
                tag="patent",
            ),
            Item(
                "research",
                "assignment recordation bona fide purchaser 35 U.S.C. 261",
                True,
                cases=case_names(rng, self.names, ("F.4th", "F.3d"), 2),
            ),
        )
        office = f"{client.name}, " + address(rng, city, st, zipc)
        return Matter(
            number,
            client,
            f"{client.short} - IP portfolio annual compliance and board minutes",
            ("annual compliance", "board minutes", "maintenance fees"),
            f"{client.short.split()[0]} - Portfolio compliance",
            "Patent Prosecution",
            items,
            variants,
            topics=("annual compliance review", "maintenance fee decisions"),
            outings=(
                Outing(
                    "meeting",
                    f"Inventor meeting and IP committee - {client.short}",
                    office,
                    rng.choice([90, 120]),
                    rng.randint(20, 35),
                ),
            ),
            deadlines=(f"Maintenance fee window closes - {client.short}",),
            contacts=client.contacts,
            weight=rng.uniform(0.6, 1.2),
            workspace_id=f":Q12:{stable_id(number, n=2)}:{stable_id(number, 'w', n=2)}:~{rng.randint(100000, 999999)}",
        )


def build(seed: int) -> Firm:
    rng = random.Random(f"mac-patent-prosecution:{seed}:world")
    names = Names(rng)
    firm, short, domain = names.firm()
    style = rng.choice(["{f}", "{f}.{l}", "{fi}{l}"])
    att = names.person(domain, style)
    colleagues = tuple(names.person(domain, style) for _ in range(3))
    zone = rng.choice([EASTERN, CENTRAL])
    city, st, zipc = ("Boston", "MA", "02110") if zone is EASTERN else ("Chicago", "IL", "60606")
    b = _Builder(rng, names, seed)
    tech_inds = [
        "Robotics",
        "Semiconductor",
        "Devices",
        "Analytics",
        "Wireless",
        "Optics",
        "Energy",
        "Medical",
        "Labs",
    ]
    clients = [names.company(tech_inds, contacts=2) for _ in range(4)]
    matters = [
        b.application(clients[0], 0, 0, "uspto.gov"),
        b.compliance(clients[0], 0, 1, city, st, zipc),
        b.application(clients[1], 1, 0, "uspto.gov"),
        b.application(clients[2], 2, 0, "uspto.gov"),
        b.application(clients[3], 3, 0, "uspto.gov"),
    ]
    host = (
        f"{att.first}s-MacBook-Pro.local"
        if rng.random() < 0.6
        else f"{short}-MBP-{rng.randint(10, 99)}.local"
    )
    conv = _conventions(rng, host)
    timekeeper = rng.choice(["Aderant iTimekeep", "Elite 3E", "Intapp Time"])
    return Firm(
        persona="mac-patent-prosecution",
        name=firm,
        domain=domain,
        attorney=att,
        colleagues=colleagues,
        zone=zone,
        conv=conv,
        matters=tuple(matters),
        admin=admin_pages(rng, firm, domain.split(".")[0], att, timekeeper),
        phantom=_phantom(rng, tuple(matters), timekeeper),
        personal=personal_pages(rng),
        neutral_folders=("Downloads", "Desktop", "Documents", "Recents"),
        series=(("Prosecution team docket review", 0, "09:00", 30),),
        cle=("PTAB Bar Association: Claim construction update (1.0)", "USPTO Patent Quality Chat (1.0)"),
        extra_csv=rng.random() < 0.5,
        csv_newline=rng.choice(["\n", "\r\n"]),
        description=DESCRIPTION,
    )


def _phantom(rng: random.Random, matters: tuple[Matter, ...], timekeeper: str) -> tuple[Page, ...]:
    out = []
    for m in matters:
        out.append(
            Page(
                f"{timekeeper} - {m.number} {m.short}",
                f"https://time.firm.local/entry?m={m.number}",
                tag="timekeeping",
            )
        )
        out.append(
            Page(
                f"Anaqua - Docket - {m.client.short} - {m.keywords[0]}",
                "https://firm.anaqua.com/anaqua/Docket",
                tag="docketing",
            )
        )
    c = matters[0].client
    out.append(
        Page(f"Legal Tracker - Invoices - {c.name}", "https://na.legaltracker.com/invoices", tag="ebilling")
    )
    out.append(
        Page(
            f"Intapp Open - Conflicts Search: {c.short} (new matter)",
            "https://open.intapp.com/conflicts/search",
            tag="conflicts",
        )
    )
    return tuple(out)
