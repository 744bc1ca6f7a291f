"""The sample week's firm (Cole Brandt, five matters, the sample's clients and keywords) on new weeks:
a new plan, new documents, contacts and events per seed, on Windows (the sample's own export and calendar
style) and on macOS. Times are UTC as in the sample, so the matter list is the sample's, row for row."""

from __future__ import annotations

import random
from dataclasses import replace

from ids import Ident
from model import stable_id
from pools import FIRST
from world import Client, Conventions, Firm, Item, Matter, Outing, Page, Person, Zone

from firms.kit import Names, case_names, personal_pages

DESCRIPTION_WIN = "the sample week's firm on new weeks, Windows (the sample's export and calendar style)"
DESCRIPTION_MAC = "the sample week's firm on new weeks, macOS (aw-server-rust export)"

UTC_ZONE = Zone("UTC", "UTC", 0, dst=False)
DOCKET = Ident(
    "federal", "3:25-cv-00917", ("3_25-cv-00917", "325cv00917", "3-25-cv-917", "3:25cv917", "25-cv-917")
)


def _v(rng: random.Random) -> str:
    return f"v{rng.randint(2, 6)}"


def _items(
    rng: random.Random, names: Names, contacts: dict[str, tuple[Person, ...]]
) -> dict[str, tuple[Item, ...]]:
    def cases() -> tuple[str, ...]:
        return case_names(rng, names, ("Cal. App. 5th", "F.4th", "Cal. 5th"), 3)

    sp = DOCKET.spellings
    dkt = [rng.randint(30, 80) for _ in range(4)]
    smith, nw, hr, patel, bh = (contacts[k] for k in ("smith", "nw", "hr", "patel", "bh"))
    oc = names.person("acmefreightlegal.com")
    return {
        "1001-Smith": (
            Item(
                "doc",
                rng.choice(["Smith v Acme - Opposition to MSJ", "Smith v Acme - Motion in Limine No. 2"]),
                False,
            ),
            Item("doc", "Deposition outline - Acme dispatcher", True),
            Item(
                "doc",
                rng.choice(["Expert disclosure - accident reconstruction", "Meet and confer letter"]),
                True,
            ),
            Item("sheet", "Smith medical specials", False),
            Item("pdf", f"{sp[0]} Dkt {dkt[0]}.pdf", False, tag="court", pages=rng.randint(5, 30)),
            Item("pdf", f"{sp[1]}-{dkt[1]}.pdf", False, tag="court", pages=rng.randint(5, 30)),
            Item("pdf", f"{sp[2]} ECF {dkt[2]}.pdf", False, tag="court", pages=rng.randint(5, 30)),
            Item(
                "pdf",
                f"ACME{rng.randint(1, 900):07d}-ACME{rng.randint(1200, 3000):07d}.pdf",
                False,
                tag="production",
                pages=rng.randint(200, 700),
            ),
            Item(
                "pdf",
                rng.choice(["Acme Freight driver log.pdf", "Acme Freight ELD data.pdf"]),
                False,
                pages=rng.randint(30, 90),
            ),
            Item(
                "site",
                "CM/ECF - U.S. District Court:cacd - Docket Report",
                True,
                url="https://ecf.cacd.uscourts.gov/cgi-bin/DktRpt.pl?346200",
                tag="court",
            ),
            Item("thread", "Smith v. Acme Freight - deposition dates", False, contact=oc),
            Item(
                "thread",
                rng.choice(["Your medical bills", "Quick question", "Update on your case"]),
                True,
                contact=smith[0],
            ),
            Item(
                "research",
                rng.choice(["negligence per se motor carrier regulations", "spoliation ELD data trucking"]),
                True,
                cases=cases(),
            ),
        ),
        "1002-Northwind": (
            Item("doc", f"Northwind - SaaS MSA redline {_v(rng)}", False),
            Item("doc", f"Northwind DPA {_v(rng)}", False),
            Item(
                "doc",
                rng.choice(["Northwind order form - Enterprise tier", "Northwind SLA exhibit - draft"]),
                False,
            ),
            Item(
                "pdf",
                rng.choice(["Northwind order form.pdf", "Vendor security questionnaire.pdf"]),
                False,
                pages=rng.randint(8, 40),
            ),
            Item(
                "pdf",
                "Northwind - license audit clause exhibit.pdf",
                False,
                tag="exhibit",
                pages=rng.randint(3, 12),
            ),
            Item("thread", "Northwind - Software license agreement review", False, contact=nw[0]),
            Item("thread", rng.choice(["license follow-up", "redline comments"]), True, contact=nw[-1]),
            Item(
                "research",
                rng.choice(
                    ["limitation of liability carve-outs SaaS", "auto-renewal notice statute California"]
                ),
                True,
                cases=cases(),
            ),
        ),
        "1003-Northwind": (
            Item("doc", f"Garcia separation agreement {_v(rng)}", False),
            Item("doc", "OWBPA disclosure - decisional unit", True),
            Item("sheet", "Garcia final pay calculation", False),
            Item("pdf", "Garcia personnel file.pdf", False, pages=rng.randint(60, 160)),
            Item(
                "pdf",
                "Northwind separation policy - exhibit.pdf",
                False,
                tag="exhibit",
                pages=rng.randint(3, 10),
            ),
            Item("thread", "Garcia - separation", False, contact=hr[0]),
            Item("thread", rng.choice(["separation follow-up", "release language"]), True, contact=hr[0]),
            Item(
                "research",
                rng.choice(
                    ["OWBPA release 21-day consideration", "California Labor Code 203 waiting time penalties"]
                ),
                True,
                cases=cases(),
            ),
        ),
        "1004-Patel": (
            Item("doc", f"Patel RLT draft {_v(rng)}", False),
            Item("doc", "Pour-over will - draft", True),
            Item("doc", "Certification of trust", True),
            Item("sheet", "Patel asset schedule", False),
            Item(
                "pdf",
                rng.choice(["Patel deed - grant deed.pdf", "Patel brokerage statement.pdf"]),
                False,
                pages=rng.randint(4, 20),
            ),
            Item("thread", "Patel - revocable trust", False, contact=patel[0]),
            Item(
                "thread",
                rng.choice(["Questions about the trust", "Signing appointment"]),
                True,
                contact=patel[-1],
            ),
            Item(
                "research",
                rng.choice(["community property trust funding", "Probate Code 15200 trust formalities"]),
                True,
                cases=cases(),
            ),
        ),
        "1005-Blue": (
            Item("doc", f"Blue Heron lease redline {_v(rng)}", False),
            Item("doc", "Lease - rider on percentage rent", True),
            Item("doc", rng.choice(["Blue Heron - lease LOI", "Blue Heron - limited guaranty"]), False),
            Item("pdf", "Landlord rules and regs.pdf", True, pages=rng.randint(10, 40)),
            Item("thread", "Blue Heron - Commercial lease negotiation", False, contact=bh[0]),
            Item("thread", rng.choice(["lease follow-up", "CAM reconciliation"]), True, contact=bh[-1]),
            Item(
                "research",
                rng.choice(["percentage rent clause restaurant", "exclusive use clause enforceability"]),
                True,
                cases=cases(),
            ),
        ),
    }


def _build(seed: int, persona: str, mac: bool) -> Firm:
    rng = random.Random(f"{persona}:{seed}:world")
    names = Names(rng)
    names.used |= {"Smith", "Garcia", "Patel", "Cole", "Brandt"}
    first = rng.choice([n for n in FIRST if n.startswith("M")])
    att = Person(first, "Cole", "mcole@colebrandt.law")
    colleagues = tuple(names.person("colebrandt.law", "{fi}{l}") for _ in range(3))
    smith = (Person("Jordan", "Smith", f"jordan.smith{rng.randint(10, 99)}@outlook.com"),)
    contacts = {
        "smith": smith,
        "nw": tuple(names.person("northwindtraders.com", "{f}.{l}") for _ in range(2)),
        "hr": (names.person("northwindtraders.com", "{f}.{l}"),),
        "patel": (Person(rng.choice(FIRST), "Patel", "family@patelhome.org"),),
        "bh": tuple(names.person("blueheroncafe.com", "{f}") for _ in range(2)),
    }
    items = _items(rng, names, contacts)
    northwind = Client(
        "Northwind Traders Inc.", "Northwind", "northwindtraders.com", contacts["nw"] + contacts["hr"]
    )
    oc_office = f"Law Offices of {names.surname()} & {names.surname()} LLP, {rng.randint(100, 999)} Wilshire Blvd, Los Angeles, CA 90017"
    rows = [
        (
            "1001-Smith",
            Client("Smith, Jordan", "Smith", "", smith),
            "Smith v. Acme Freight - personal injury",
            ("Smith", "Acme Freight", "3:25-cv-00917"),
            "Smith v. Acme Freight",
            smith,
            (
                Outing("deposition", "Deposition of Acme Freight dispatcher", oc_office, 150, 30),
                Outing(
                    "hearing",
                    "Hearing - motion to compel (Smith v. Acme)",
                    "U.S. Courthouse, 350 W. 1st Street, Los Angeles, CA 90012",
                    60,
                    25,
                ),
            ),
        ),
        (
            "1002-Northwind",
            northwind,
            "Software license agreement review",
            ("Northwind", "license"),
            "Northwind license",
            contacts["nw"],
            (),
        ),
        (
            "1003-Northwind",
            northwind,
            "Employment - Garcia separation",
            ("Garcia", "separation"),
            "Garcia separation",
            contacts["hr"],
            (),
        ),
        (
            "1004-Patel",
            Client("Patel Family", "Patel", "patelhome.org", contacts["patel"]),
            "Estate plan - revocable trust",
            ("Patel", "revocable trust"),
            "Patel estate plan",
            contacts["patel"],
            (),
        ),
        (
            "1005-Blue",
            Client("Blue Heron Cafe LLC", "Blue Heron", "blueheroncafe.com", contacts["bh"]),
            "Commercial lease negotiation",
            ("Blue Heron", "lease"),
            "Blue Heron lease",
            contacts["bh"],
            (),
        ),
    ]
    matters = []
    for number, client, desc, kw, short, people, outings in rows:
        digits = number.split("-")[0]
        spell = (digits, f"{digits} {number.split('-')[1]}") + (
            DOCKET.spellings if number == "1001-Smith" else ()
        )
        matters.append(
            Matter(
                number,
                client,
                desc,
                kw,
                short,
                "General",
                items[number],
                spell,
                topics=("status", "next steps", "document review"),
                outings=outings,
                deadlines=(f"{short} - follow-up due",),
                contacts=people,
                weight=rng.uniform(0.8, 2.0),
                workspace_id=stable_id(number, n=6),
                research_id=digits,
            )
        )
    conv = _conventions(rng, mac)
    phantom = tuple(
        [
            Page(f"Bills - {m.client.name} - Clio", "https://app.clio.com/nc/#/bills", tag="ebilling")
            for m in matters[::2]
        ]
        + [
            Page(
                f"Activities - {m.number} - Clio",
                f"https://app.clio.com/nc/#/matters/{m.workspace_id}/activities",
                tag="timekeeping",
            )
            for m in matters
        ]
        + [
            Page(
                f"Conflict check: {names.company(contacts=0).short} - Clio",
                "https://app.clio.com/nc/#/contacts/conflicts",
                tag="conflicts",
            )
        ]
    )
    admin = (
        Page("Calendar - Clio", "https://app.clio.com/nc/#/calendar", tag="intranet"),
        Page("CLE Tracker - Firm Intranet", "https://intranet.firm.local/cle", tag="intranet"),
        Page(
            "MCLE Requirements - The State Bar of California",
            "https://www.calbar.ca.gov/Attorneys/MCLE",
            tag="intranet",
        ),
        Page("Gusto - Benefits", "https://app.gusto.com/benefits", tag="hr"),
        Page("Time - Clio", "https://app.clio.com/nc/#/activities", tag="timekeeping"),
    )
    return Firm(
        persona=persona,
        name="Cole Brandt LLP",
        domain="colebrandt.law",
        attorney=att,
        colleagues=colleagues,
        zone=UTC_ZONE,
        conv=conv,
        matters=tuple(matters),
        admin=admin,
        phantom=phantom,
        personal=personal_pages(rng),
        neutral_folders=("Downloads", "Desktop", "Documents", "1001 Acme Freight", "1005 Lease"),
        series=(("Firm meeting", 0, "08:30", 30),),
        cle=("CLE: Practical ethics for small firms (1.0)",),
        description=DESCRIPTION_MAC if mac else DESCRIPTION_WIN,
        csv_newline="\r\n",
    )


def _conventions(rng: random.Random, mac: bool) -> Conventions:
    win = Conventions(
        os="windows",
        host="DESKTOP-MCOLE",
        aw="sample",
        calendar="sample",
        dms="none",
        dms_title="",
        mail=(("classic", 1.0),),
        browser="chrome",
        second_browser="chrome",
        edge_profile="Work",
        meeting_apps=(("teams", 0.5), ("zoom", 0.5)),
        pdf_apps=(("acrobat", 1.0),),
        acrobat_suffix=" - Adobe Acrobat Pro (64-bit)",
        word_ext=True,
        number_in_title=0.1,
        client_id_rate=rng.uniform(0.3, 0.6),
        lunch_lock=rng.uniform(0.2, 0.6),
        break_lock=rng.uniform(0.0, 0.3),
        read_afk=rng.uniform(0.5, 0.8),
        day_start=f"08:{rng.choice(['15', '25', '40'])}",
        day_end=rng.choice(["17:45", "18:00", "18:10"]),
        web_title_suffix=True,
        research=(("westlaw", 0.45), ("lexis", 0.35), ("scholar", 0.2)),
        task_minutes=(12, 38, 85),
    )
    if not mac:
        return win
    return replace(
        win,
        os="macos",
        host=f"M{rng.choice(['Cole', 'C'])}-MacBook-Air.local",
        aw="rust",
        mail=(("mac", 1.0),),
        browser=rng.choice(["safari", "chrome"]),
        second_browser="safari",
        meeting_apps=(("zoom", 0.5), ("teams", 0.5)),
        pdf_apps=(("preview", 0.6), ("acrobat", 0.4)),
        acrobat_suffix="",
        web_title_suffix=False,
    )


def build_win(seed: int) -> Firm:
    return _build(seed, "colebrandt-win", mac=False)


def build_mac(seed: int) -> Firm:
    return _build(seed, "colebrandt-mac", mac=True)
