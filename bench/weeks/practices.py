"""Clients and matters for each practice, with what the desktop will show about each matter.

A matter carries its `matters.csv` row (number, client, description, keywords, status) and the world
behind it: how people refer to it in subjects, its documents (DMS numbers), PDFs, identifiers as titles
spell them, contacts with their e-mail domains, research topics, portal pages and away events.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta

from . import idents, pools, web
from .idents import Ident, Numbering
from .model import Client, Doc, Matter, Page, Person

PRIVATE_MAIL = (
    "gmail.com",
    "outlook.com",
    "yahoo.com",
    "icloud.com",
    "comcast.net",
    "hotmail.com",
    "aol.com",
)


# --- names --------------------------------------------------------------------------------------------------


def person(rng: random.Random, domain: str = "", role: str = "") -> Person:
    first, last = rng.choice(pools.FIRST_NAMES), rng.choice(pools.LAST_NAMES)
    if not domain:
        domain = rng.choice(PRIVATE_MAIL)
        local = rng.choice((f"{first}.{last}", f"{first[0]}{last}{rng.randint(1, 99)}", f"{first}{last[0]}"))
    else:
        local = rng.choice(
            (f"{first}.{last}", f"{first[0]}{last}", f"{first}.{last[0]}", f"{first[0]}.{last}")
        )
    return Person(first, last, f"{local.lower()}@{domain}", role)


def coined(rng: random.Random) -> str:
    return rng.choice(pools.NAME_PREFIXES) + rng.choice(pools.NAME_SUFFIXES)


def company(rng: random.Random, industries: tuple[str, ...] = pools.INDUSTRIES) -> tuple[str, str, str]:
    """(legal name, short name, e-mail domain)."""
    short = coined(rng)
    industry = rng.choice(industries)
    name = f"{short} {industry} {rng.choice(pools.ENTITY_TYPES)}"
    domain = rng.choice(
        (f"{short}{industry}.com", f"{short}.com", f"{short}-{industry}.com", f"{short}{industry[:3]}.io")
    )
    return name, short, domain.lower()


def insurer(rng: random.Random) -> tuple[str, str, str]:
    short = coined(rng)
    name = rng.choice(pools.INSURER_FORMS).format(w=short)
    return name, short, rng.choice((f"{short}ins.com", f"{short}mutual.com", f"{short}group.com")).lower()


def law_firm(rng: random.Random) -> tuple[str, str, str]:
    a, b = rng.sample(pools.LAST_NAMES, 2)
    form = rng.randrange(4)
    name = (
        f"{a} & {b} LLP",
        f"{a} {b} LLC",
        f"Law Offices of {rng.choice(pools.FIRST_NAMES)} {a}",
        f"{a}, {b} & {rng.choice(pools.LAST_NAMES)} P.C.",
    )[form]
    return name, a, rng.choice((f"{a}{b}.com", f"{a}law.com", f"{a}-{b}.law")).lower()


def address(rng: random.Random, city: str) -> str:
    return f"{rng.randint(10, 2400)} {rng.choice(pools.STREETS)} St, Suite {rng.randint(1, 30) * 100}, {city}"


# --- the factory --------------------------------------------------------------------------------------------


@dataclass
class Factory:
    rng: random.Random
    year: int
    state: str
    numbering: Numbering
    dms_kind: str  # imanage, netdocs, clio, plain
    tenant: str
    start: date = date(2026, 2, 2)  # the first generated Monday: papers on file predate it
    next_dms: int = 0
    seq: int = 0
    client_no: int = 0
    matters: list[Matter] = field(default_factory=list)
    names: set[str] = field(default_factory=set)  # party and company names already used
    numbers: set[str] = field(default_factory=set)  # matter numbers already used

    def __post_init__(self) -> None:
        self.next_dms = self.rng.randint(3_100_000, 6_900_000)
        self.seq = self.rng.randint(40, 900)
        self.client_no = self.rng.randint(1000, 48000)

    def party(self) -> Person:
        """A private person whose last name no other party of the firm has (one name, one matter). Party
        names become matter keywords, so very short names ("Le", "Tate") that hide inside ordinary words
        are left to contacts."""
        for _ in range(100):
            p = person(self.rng)
            if p.last not in self.names and len(p.last) >= 5:
                break
        self.names.add(p.last)
        return p

    def company(self, industries: tuple[str, ...] = pools.INDUSTRIES) -> tuple[str, str, str]:
        """(legal name, short name, domain) of a company whose short name is new to the firm."""
        for _ in range(100):
            made = company(self.rng, industries)
            if made[1] not in self.names:
                break
        self.names.add(made[1])
        return made

    def insurer(self) -> tuple[str, str, str]:
        for _ in range(100):
            made = insurer(self.rng)
            if made[1] not in self.names:
                break
        self.names.add(made[1])
        return made

    def dms_no(self) -> str:
        self.next_dms += self.rng.randint(3, 4000)
        return str(self.next_dms)

    def doc(self, title: str, kind: str = "word", tags: frozenset[str] = frozenset()) -> Doc:
        dms = self.dms_no() if self.dms_kind in ("imanage", "netdocs") else ""
        return Doc(title, kind, dms=dms, version=self.rng.choice((1, 1, 1, 2, 3)), tags=tags)

    def pdf(self, title: str, filename: str = "", tags: frozenset[str] = frozenset()) -> Doc:
        return Doc(title, "pdf", filename=filename or f"{title}.pdf", tags=tags)

    def new_client(self) -> int:
        self.client_no += self.rng.randint(1, 900)
        return self.client_no

    def number(self, client_no: int, code: str, label: str) -> Ident:
        while True:
            self.seq += self.rng.randint(1, 30)
            seq = self.seq if self.numbering.style in ("clio", "year") else self.rng.randint(1, 140)
            ident = self.numbering.make(client_no, seq, code, self.year, label)
            if ident.canonical not in self.numbers:
                self.numbers.add(ident.canonical)
                return ident

    def workspace(self, m: Matter, ident: Ident) -> Page:
        label_no = ident.variant(self.rng) if self.rng.random() < 0.5 else ident.canonical
        if self.dms_kind == "imanage":
            return web.imanage_workspace(
                self.rng.randint(100000, 999999), f"{label_no} {m.client.name} - {m.short}", self.tenant
            )
        if self.dms_kind == "netdocs":
            r = self.rng
            ws = f"{r.randint(4000, 4999)}-{r.randint(1000, 9999)}-{r.randint(1000, 9999)}"
            return web.netdocs_workspace(ws, f"{m.client.name} / {label_no} - {m.short}")
        return web.clio_matter(self.rng.randint(10**9, 2 * 10**9), f"{ident.canonical} - {m.description}")

    def finish(self, m: Matter, ident: Ident) -> Matter:
        m.workspace = self.workspace(m, ident)
        m.screen_ids.extend(ident.forms[1:])
        self.matters.append(m)
        return m


def pick_form(rng: random.Random, ident: Ident, canonical_share: float = 0.6) -> str:
    """The spelling the firm typed into its matter list."""
    return ident.canonical if rng.random() < canonical_share else ident.variant(rng)


def state_docket(rng: random.Random, state: str, year: int) -> Ident:
    if state == "CT":
        return idents.ct_docket(rng, year)
    if state == "NY":
        return idents.ny_index(rng, year)
    if state == "IL":
        return idents.cook_county(rng, year)
    return idents.federal_docket(rng, year)


DISTRICTS = {"CT": "ctd", "NY": "nysd", "IL": "ilnd", "MA": "mad", "TX": "txsd", "GA": "gand"}


# --- insurance defense --------------------------------------------------------------------------------------

CASE_TYPES = (
    "premises liability",
    "auto negligence",
    "trip and fall",
    "products liability",
    "dog bite",
    "construction defect",
    "wrongful death",
    "slip and fall",
    "trucking accident",
    "negligent security",
    "EPLI - wrongful termination",
    "dram shop",
)


@dataclass
class Carrier:
    client: Client
    claim_style: int
    no: int


def insurance_defense(f: Factory, counsel: Callable[[], Person]) -> list[Matter]:
    rng = f.rng
    carriers = []
    for _ in range(rng.randint(3, 4)):
        name, _short, domain = f.insurer()
        adjusters = [person(rng, domain, "adjuster") for _ in range(rng.randint(2, 3))]
        carriers.append(Carrier(Client(name, domain, adjusters, "insurer"), rng.randrange(3), f.new_client()))
    defense: list[Matter] = []
    for i in range(rng.randint(7, 9)):
        carrier = carriers[0] if i < 3 else rng.choice(carriers)
        defense.append(_defense_matter(f, carrier, counsel))
    pair = rng.choice(defense[:3])
    coverage = _coverage_matter(f, pair, next(c for c in carriers if c.client is pair.client))
    pair.sibling, coverage.sibling = coverage.number, pair.number
    closed = _defense_matter(f, carriers[0], counsel)
    closed.status = "Closed"
    closed.weight = 0.0
    return f.matters


def _defense_matter(f: Factory, carrier: Carrier, counsel: Callable[[], Person]) -> Matter:
    rng = f.rng
    claimant = f.party()
    if rng.random() < 0.7:
        insured, insured_short, insured_domain = f.company()
    else:
        p = f.party()
        insured, insured_short, insured_domain = p.name, p.last, p.email.split("@")[1]
    case_type = rng.choice(CASE_TYPES)
    federal = rng.random() < 0.45
    docket = (
        idents.federal_docket(rng, f.year - rng.choice((0, 1, 1, 2)), sdny=f.state == "NY")
        if federal
        else state_docket(rng, f.state, f.year - rng.choice((0, 1, 1, 2)))
    )
    claim = idents.claim_number(rng, f.year - rng.choice((0, 1, 1)), carrier.claim_style)
    short = f"{claimant.last} v. {insured_short}"
    ident = f.number(carrier.no, insured_short[:3].upper(), claimant.last)
    keywords = [
        claimant.last,
        insured_short,
        *rng.sample([pick_form(rng, claim), pick_form(rng, docket, 0.7)], rng.randint(1, 2)),
    ]
    rng.shuffle(keywords)
    m = Matter(
        number=ident.canonical,
        client=carrier.client,
        description=f"{short} - {case_type} defense",
        keywords=keywords,
        short=short,
        words=[claimant.last, insured_short, "defense", case_type.split()[0]],
        traits=frozenset({"litigation", "federal" if federal else "state"}),
    )
    m.extra = {
        "claim_no": claim.canonical if rng.random() < 0.5 else claim.variant(rng),
        "adjuster": rng.choice(carrier.client.contacts).name,
    }
    m.screen_ids = [*claim.forms, *docket.forms]
    opposing = counsel()
    insured_contact = person(rng, insured_domain, "insured")
    m.contacts = [*carrier.client.contacts[:2], opposing, insured_contact]
    m.subjects = _defense_subjects(rng, m, insured, claim, docket)
    _defense_papers(f, m, claim)
    m.topics = rng.sample(pools.DEFENSE_TOPICS, 3)
    _court_pages(f, m, docket, federal)
    m.events = _defense_events(f, m, opposing, claimant)
    m.weight = rng.choice((0.5, 1.0, 1.0, 1.5, 2.5))
    return f.finish(m, ident)


def _defense_subjects(rng: random.Random, m: Matter, insured: str, claim: Ident, docket: Ident) -> list[str]:
    claimant, insured_short = m.words[0], m.words[1]
    claim_v, docket_v = claim.variant(rng), docket.variant(rng)
    return [
        f"{m.short} - {rng.choice(('deposition dates', 'discovery responses', 'IME scheduling', 'status'))}",
        f"Claim No. {claim_v} - {rng.choice(('status report', 'reserve update', 'litigation budget'))}",
        f"{insured_short}/{claimant} - " + rng.choice(("medical records", "expert disclosure", "mediation")),
        f"Your insured {insured} - {rng.choice(('answer due', 'service of process', 'scheduling order'))}",
        f"{docket_v} - {rng.choice(('Notice of Electronic Filing', 'court order', 'status conference'))}",
        rng.choice(("follow up", "Tuesday", "call tomorrow?", "quick question", "documents")),
    ]


def _defense_papers(f: Factory, m: Matter, claim: Ident) -> None:
    """Pleadings and discovery in the DMS (often without a party name), PDFs named after parties, a
    production PDF with the insured's Bates range."""
    rng = f.rng
    claimant, insured_short = m.words[0], m.words[1]
    prefix = rng.choice((claimant, insured_short, m.short))
    m.docs = [
        f.doc(t if rng.random() < 0.3 else f"{prefix} - {t}") for t in rng.sample(pools.DEFENSE_DOCS, 4)
    ]
    sheet = rng.choice(("medical chronology", "damages summary", "lien tracker"))
    m.docs.append(f.doc(f"{claimant} {sheet}", "excel"))
    bates = idents.bates_prefix(insured_short, rng)
    lo, hi = idents.bates_range(bates, rng)
    m.pdfs = [f.pdf(f"{claimant} {t}") for t in rng.sample(pools.DEFENSE_PDFS, 3)]
    volume = f"{insured_short} Production Vol {rng.randint(1, 4)} ({lo}-{hi}).pdf"
    m.pdfs.append(f.pdf(f"{insured_short} Production", volume, frozenset({"production"})))
    m.pdfs.append(f.pdf("Claim notes", f"Claim Notes {claim.forms[1]}.pdf"))


def _court_pages(f: Factory, m: Matter, docket: Ident, federal: bool) -> None:
    if federal or f.state not in STATE_PORTALS:
        _federal_pages(f, m, docket)
    else:
        _state_pages(f, m, docket)


STATE_PORTALS = ("CT", "NY", "IL")


def _federal_pages(f: Factory, m: Matter, docket: Ident) -> None:
    """CM/ECF: the docket report names no case number in its title; downloaded PDFs are named by hand
    (`124cv3318 Dkt 45.pdf`, `1_24-cv-03318 ECF No. 45.pdf`) or RECAP-style."""
    rng = f.rng
    district = DISTRICTS.get(f.state, "nysd")
    case_id = rng.randint(100000, 299999)
    m.portal_pages = [
        web.ecf_docket(district, case_id),
        web.ecf_document(district, rng),
        web.ecf_filing(district, rng),
    ]
    compact, under = docket.forms[1], docket.forms[2]
    names = [
        (
            n,
            (
                f"{compact} Dkt {n}.pdf",
                f"{under} ECF No. {n}.pdf",
                f"gov.uscourts.{district}.{case_id}.{n}.0.pdf",
            ),
        )
        for n in rng.sample(range(8, 140), 3)
    ]
    m.portal_pdfs = [f.pdf(f"ECF {n}", rng.choice(choices), frozenset({"court_pdf"})) for n, choices in names]


def _state_pages(f: Factory, m: Matter, docket: Ident) -> None:
    rng = f.rng
    court = frozenset({"court_pdf"})
    if f.state == "CT":
        dashed, compact = docket.forms[0], docket.forms[1]
        m.portal_pages = [web.ct_case_detail(dashed, compact), web.ct_efile(rng)]
        entries = rng.sample(range(100, 190), 3)
        m.portal_pdfs = [f.pdf(f"Entry {n}", f"{compact} Entry No {n}.00.pdf", court) for n in entries]
    elif f.state == "NY":
        m.portal_pages = [
            web.nyscef(f"{rng.choice('ABCDEFGHJ')}{rng.randint(10**6, 10**7)}_PLUS_{rng.randint(10, 99)}")
        ]
        entries = rng.sample(range(10, 120), 3)
        m.portal_pdfs = [
            f.pdf(f"NYSCEF {n}", f"{docket.forms[1]} NYSCEF Doc No {n}.pdf", court) for n in entries
        ]
    else:
        m.portal_pages = [web.efile_il(rng)]
        m.portal_pdfs = [
            f.pdf(
                f"Filing {n}", f"{docket.forms[1]} {rng.choice(('Order', 'Motion', 'Notice'))} {n}.pdf", court
            )
            for n in range(1, 3)
        ]


def _defense_events(f: Factory, m: Matter, opposing: Person, claimant: Person) -> list[tuple[str, str, str]]:
    rng = f.rng
    court, court_addr = rng.choice(pools.COURTHOUSES.get(f.state, pools.COURTHOUSES["NY"]))
    oc_firm = opposing.email.split("@")[1].split(".")[0].title()
    city = court_addr.split(", ", 1)[1]
    return [
        (f"Deposition of {claimant.name}", f"{oc_firm} law office", address(rng, city)),
        (
            "Hearing - "
            + rng.choice(
                ("motion to compel", "status conference", "summary judgment", "pretrial conference")
            ),
            court,
            court_addr,
        ),
        ("Mediation", f"{coined(rng).title()} Mediation Group", address(rng, city)),
        (
            f"Deposition of {rng.choice(pools.FIRST_NAMES)} {rng.choice(pools.LAST_NAMES)} (insured)",
            f"Conference Room {rng.randint(2, 9)}{rng.choice('ABC')}",
            "",
        ),
    ]


def _coverage_matter(f: Factory, pair: Matter, carrier: Carrier) -> Matter:
    rng = f.rng
    insured_short = pair.words[1]
    policy = f"{rng.choice(('CGL', 'GL', 'BOP', 'CPP'))}{rng.randint(10**6, 10**7)}"
    ident = f.number(carrier.no, insured_short[:3].upper(), insured_short)
    short = f"{insured_short} coverage"
    m = Matter(
        number=ident.canonical,
        client=carrier.client,
        description=f"{insured_short} - coverage opinion (policy {policy})",
        keywords=[insured_short, "coverage", policy],
        short=short,
        words=["coverage", "reservation of rights", "policy", policy],
        traits=frozenset({"coverage"}),
    )
    m.extra = {"claim_no": pair.extra["claim_no"], "adjuster": pair.extra["adjuster"]}
    m.contacts = carrier.client.contacts[:2]
    m.subjects = [
        f"{insured_short} - coverage position",
        f"Reservation of rights - {insured_short}",
        f"Policy {policy} - tender from {insured_short}",
        f"{insured_short} coverage question",
    ]
    m.docs = [f.doc(f"{insured_short} - {t}") for t in rng.sample(pools.COVERAGE_DOCS, 3)]
    m.pdfs = [
        f.pdf(f"Certified Policy {policy}"),
        f.pdf(f"{insured_short} tender letter"),
        f.pdf(f"{pair.words[0]} Complaint (tendered)"),
    ]
    m.topics = [
        t
        for t in pools.DEFENSE_TOPICS
        if "insur" in t or "defend" in t or "exclusion" in t or "endorsement" in t
    ]
    m.topics = rng.sample(m.topics, min(3, len(m.topics)))
    m.weight = 0.8
    return f.finish(m, ident)


# --- patent and trademark boutique --------------------------------------------------------------------------

TECH_ADJ = pools._words("""adaptive modular wireless distributed low-power predictive autonomous flexible
secure optical thermal haptic hybrid compact scalable redundant""")
TECH_NOUN = pools._words("""battery charging sensor actuator antenna valve imaging encryption scheduling
routing calibration filtration lighting locking cooling navigation""")
TECH_OBJ = pools._words("""vehicles drones wearables implants routers robots turbines kiosks printers
scanners containers bicycles thermostats headsets pumps""")
FW_CODES = ("CTNF", "CTFR", "CTRS", "NOA", "REM", "CLM", "IDS", "892", "SRFW", "A...")


def invention(rng: random.Random) -> tuple[str, str, str]:
    """(title, its distinctive words, the object)."""
    adj, noun, obj = rng.choice(TECH_ADJ), rng.choice(TECH_NOUN), rng.choice(TECH_OBJ)
    return f"{adj.capitalize()} {noun} system for {obj}", f"{adj} {noun}", obj


def ip_boutique(f: Factory, counsel: Callable[[], Person]) -> list[Matter]:
    rng = f.rng
    clients = []
    for _ in range(rng.randint(3, 4)):
        name, short, domain = f.company(
            (
                "Robotics",
                "Devices",
                "Technologies",
                "Sensors",
                "Medical",
                "Wireless",
                "Energy",
                "Instruments",
                "Labs",
                "Systems",
            ),
        )
        contacts = [person(rng, domain, "in-house counsel")] + [
            person(rng, domain, "inventor") for _ in range(3)
        ]
        clients.append((Client(name, domain, contacts), short))
    apps: list[Matter] = []
    for i, (client, short) in enumerate(clients):
        cno = f.new_client()
        for _ in range(2 if i == 0 else rng.randint(1, 2)):
            apps.append(_patent_matter(f, client, short, cno))
    a, b = apps[0], apps[1]
    a.sibling, b.sibling = b.number, a.number
    client, short = clients[1]
    _trademark_matter(f, client, short, f.new_client())
    client, short = rng.choice(clients[1:])
    _fto_matter(f, client, short, f.new_client())
    closed = _patent_matter(f, clients[0][0], clients[0][1], f.new_client())
    closed.status = "Closed"
    closed.weight = 0.0
    return f.matters


def _patent_matter(f: Factory, client: Client, short: str, cno: int) -> Matter:
    rng = f.rng
    title, k1, k2 = invention(rng)
    app = idents.patent_application(rng)
    ident = f.number(cno, short[:3].upper(), rng.choice(("US", "US", "US1", "USC1")))
    keywords = [pick_form(rng, app, 0.7), k1]
    if rng.random() < 0.5:
        keywords.append(short)
    m = Matter(
        number=ident.canonical,
        client=client,
        description=f"US Appl. - {title}",
        keywords=keywords,
        short=title,
        words=[k1, k2, title],
        traits=frozenset({"patent"}),
    )
    m.screen_ids = list(app.forms)
    m.contacts = client.contacts
    m.subjects = _patent_subjects(rng, ident, app, title)
    m.docs = [f.doc(_ip_title(rng, ident, t, k1)) for t in rng.sample(PROSECUTION_DOCS, 3)]
    m.docs.append(f.doc(f"Claim chart - {k1} {k2}", "excel"))
    _file_wrapper_and_art(f, m, app)
    m.topics = rng.sample(pools.IP_TOPICS, 3)
    city = rng.choice(CLIENT_CITIES)
    m.events = [
        (f"Inventor meeting - {short}", f"{client.name} HQ", address(rng, city)),
        ("Client strategy meeting", f"{client.name}", address(rng, city)),
    ]
    m.weight = rng.choice((0.8, 1.0, 1.5, 2.0))
    return f.finish(m, ident)


PROSECUTION_DOCS = (
    "Response to Non-Final Office Action",
    "Response to Final Office Action",
    "Claim Amendments",
    "Examiner Interview Agenda",
    "Information Disclosure Statement",
    "Draft Specification",
    "Invention Disclosure Review",
    "Request for Continued Examination",
)
CLIENT_CITIES = (
    "Chicago, IL 60606",
    "Evanston, IL 60201",
    "Boston, MA 02110",
    "Cambridge, MA 02139",
    "Austin, TX 78701",
    "Minneapolis, MN 55402",
)


def _patent_subjects(rng: random.Random, ident: Ident, app: Ident, title: str) -> list[str]:
    slash = app.forms[1]
    claim_nos = sorted(rng.sample(range(1, 30), 3))
    return [
        f"{ident.canonical} - Office Action response - Appl. No. {slash}",
        f"Our Ref: {ident.variant(rng)} - {rng.choice(('filing receipt', 'IDS', 'response deadline'))}",
        f"Claim {claim_nos[0]} amendments",
        f"{title} - inventor comments on claims {claim_nos[1]}-{claim_nos[2]}",
        f"Due date {rng.randint(1, 12)}/{rng.randint(1, 28)} - {app.variant(rng)}",
        rng.choice(("your draft", "comments", "a few questions", "prior art")),
        f"Examiner interview - {slash}",
    ]


def _file_wrapper_and_art(f: Factory, m: Matter, app: Ident) -> None:
    """File-wrapper PDFs named by application number and date, prior art by publication or patent
    number; Patent Center shows the application only in its URL."""
    rng = f.rng
    pubs = [idents.publication(rng) for _ in range(2)]
    pats = [idents.patent_number(rng) for _ in range(2)]
    day = (f.start - timedelta(days=rng.randint(5, 150))).isoformat()
    m.pdfs = [
        f.pdf(
            f"File wrapper {code}",
            f"{app.canonical}-{day}-{rng.randint(1, 40):05d}-{code}.pdf",
            frozenset({"file_wrapper"}),
        )
        for code in rng.sample(FW_CODES[:9], 3)
    ]
    m.pdfs += [f.pdf(p.forms[1], f"{p.forms[1]}.pdf", frozenset({"prior_art"})) for p in pubs + pats[:1]]
    m.screen_ids += [x for p in pubs + pats for x in p.forms]
    art_titles = [invention(rng)[0] for _ in pubs + pats]
    m.portal_pages = [web.patent_center(app.canonical)] + [
        web.google_patent(p.forms[1], t) for p, t in zip(pubs + pats, art_titles, strict=True)
    ]


def _ip_title(rng: random.Random, ident: Ident, title: str, words: str) -> str:
    """IP practices put their docket number in document names, in one spelling or another."""
    x = rng.random()
    if x < 0.5:
        return f"{ident.canonical} {title}"
    if x < 0.7:
        return f"{ident.variant(rng)} - {title}"
    if x < 0.85:
        return f"{title} - {words}"
    return title


def _trademark_matter(f: Factory, client: Client, short: str, cno: int) -> Matter:
    rng = f.rng
    mark = coined(rng).upper()
    serial = idents.tm_serial(rng)
    ident = f.number(cno, short[:3].upper(), "TM")
    m = Matter(
        number=ident.canonical,
        client=client,
        description=f"Trademark application - {mark}",
        keywords=[mark, pick_form(rng, serial)],
        short=f"{mark} trademark",
        words=[mark, "trademark"],
        traits=frozenset({"trademark"}),
    )
    m.screen_ids = list(serial.forms)
    m.contacts = client.contacts[:1]
    m.subjects = [
        f"{mark} - Office action",
        f"SN {serial.forms[0]} - specimen",
        f"{mark} clearance",
        "logo files",
    ]
    m.docs = [f.doc(f"{mark} - Response to Office Action"), f.doc(f"{mark} clearance memo")]
    m.pdfs = [
        f.pdf(f"{mark} Office Action", f"{serial.forms[0]} Office Action.pdf"),
        f.pdf(f"{mark} specimen"),
    ]
    m.portal_pages = [web.tsdr(serial.forms[0])]
    m.topics = rng.sample([t for t in pools.IP_TOPICS if "trademark" in t or "distinct" in t], 2)
    m.weight = 0.7
    return f.finish(m, ident)


def _fto_matter(f: Factory, client: Client, short: str, cno: int) -> Matter:
    rng = f.rng
    product = f"{coined(rng).capitalize()} {rng.choice(TECH_NOUN)} module"
    ident = f.number(cno, short[:3].upper(), "OP")
    m = Matter(
        number=ident.canonical,
        client=client,
        description=f"Freedom-to-operate opinion - {product}",
        keywords=[product.split()[0], "FTO"],
        short=f"{product} FTO",
        words=[product, "FTO", "freedom to operate"],
        traits=frozenset({"opinion"}),
    )
    pats = [idents.patent_number(rng) for _ in range(3)]
    m.screen_ids = [x for p in pats for x in p.forms]
    m.contacts = client.contacts[:2]
    m.subjects = [f"{product} - FTO scope", f"FTO - {pats[0].forms[0]}", "design-around options"]
    m.docs = [f.doc(f"FTO Opinion - {product}"), f.doc(f"{product} patent landscape", "excel")]
    m.pdfs = [f.pdf(p.forms[1], f"{p.forms[1]}.pdf", frozenset({"prior_art"})) for p in pats]
    m.portal_pages = [web.google_patent(p.forms[1], invention(rng)[0]) for p in pats]
    m.topics = rng.sample(pools.IP_TOPICS, 2)
    m.weight = 1.0
    return f.finish(m, ident)


# --- employment / family / immigration / real estate --------------------------------------------------------


def small_firm(f: Factory, counsel: Callable[[], Person]) -> list[Matter]:
    employer, cno, short = _employer_pair(f)
    _eeoc_charge(f)
    _corporate_pair(f)
    _family(f)
    _immigration(f)
    _real_estate(f)
    closed = _plain_matter(
        f, employer, cno, f"Wage and hour audit {f.year - 2}", ["wage audit"], ["wage"], short
    )
    closed.status = "Closed"
    closed.weight = 0.0
    for m in f.matters:
        topics = pools.AREA_TOPICS[area(m)]
        m.topics = f.rng.sample(topics, min(3, len(topics)))
    return f.matters


def _employer_pair(f: Factory) -> tuple[Client, int, str]:
    """One employer, two matters told apart by their words: the handbook and a separation."""
    rng = f.rng
    name, short, domain = f.company(
        ("Foods", "Hospitality", "Construction", "Dental", "Fitness", "Logistics")
    )
    employer = Client(name, domain, [person(rng, domain, "HR director"), person(rng, domain, "CEO")])
    cno = f.new_client()
    leaver = f.party()
    hand = _plain_matter(
        f,
        employer,
        cno,
        f"Employee handbook update {f.year}",
        ["handbook", "policy"],
        [f"{short} handbook", "handbook"],
        short,
    )
    sep = _plain_matter(
        f,
        employer,
        cno,
        f"Separation agreement - {leaver.name}",
        ["separation", leaver.last],
        [leaver.last, "separation", "release", "severance"],
        short,
    )
    hand.sibling, sep.sibling = sep.number, hand.number
    hand.docs = [
        Doc(f"{short} Employee Handbook {f.year} redline", "word", version=rng.randint(2, 5)),
        Doc("PTO and leave policy", "word"),
    ]
    hand.pdfs = [f.pdf(f"{short} Handbook {f.year - 2}", f"{short} Employee Handbook {f.year - 2}.pdf")]
    sep.docs = [
        Doc(f"Separation Agreement and General Release - {leaver.last}", "word", version=rng.randint(1, 4)),
        Doc(f"{leaver.last} severance calculation", "excel"),
    ]
    sep.pdfs = [f.pdf(f"{leaver.last} personnel file", f"{leaver.last} personnel file.pdf")]
    sep.subjects += [f"{leaver.first} - separation terms", f"Release for {leaver.last}", "OWBPA disclosure"]
    hand.subjects += ["Handbook - remote work policy", f"{short} handbook comments", "PTO policy"]
    return employer, cno, short


def _eeoc_charge(f: Factory) -> None:
    rng = f.rng
    name, short, domain = f.company(("Logistics", "Health", "Builders", "Apparel", "Hospitality"))
    employer = Client(name, domain, [person(rng, domain, "HR manager")])
    charge = idents.eeoc_charge(rng, f.year - 1)
    cp = f.party()
    m = _plain_matter(
        f,
        employer,
        f.new_client(),
        f"EEOC charge - {cp.name}",
        [pick_form(rng, charge), cp.last],
        [cp.last, "EEOC", "position statement"],
        short,
        traits=frozenset({"agency"}),
    )
    m.screen_ids = list(charge.forms)
    m.docs = [Doc(f"Position Statement - {cp.last}", "word", version=2), Doc(f"{cp.last} timeline", "excel")]
    m.pdfs = [f.pdf("Notice of Charge", f"Charge {charge.forms[1]}.pdf"), f.pdf(f"{cp.last} personnel file")]
    m.portal_pages = [web.eeoc_portal(charge.variant(rng), rng)]
    m.subjects += [f"Charge No. {charge.variant(rng)} - position statement", f"{cp.last} EEOC - RFI response"]
    m.events = [("EEOC mediation", "EEOC field office", address(rng, _city(f.state)))]


def _corporate_pair(f: Factory) -> None:
    """Corporate housekeeping: annual compliance and board minutes of one small corporation."""
    rng = f.rng
    name, short, domain = f.company(("Capital", "Properties", "Holdings", "Partners", "Ventures"))
    corp = Client(name, domain, [person(rng, domain, "COO")])
    cno = f.new_client()
    annual = _plain_matter(
        f,
        corp,
        cno,
        f"Annual compliance {f.year}",
        ["annual compliance", "annual report"],
        ["annual report", "compliance", "registered agent"],
        short,
    )
    minutes = _plain_matter(
        f,
        corp,
        cno,
        "Board minutes and resolutions",
        ["board minutes", "resolution"],
        ["minutes", "board", "written consent"],
        short,
    )
    annual.sibling, minutes.sibling = minutes.number, annual.number
    annual.docs = [
        Doc(f"{short} annual report checklist {f.year}", "excel"),
        Doc("Officer certificate", "word"),
    ]
    minutes.docs = [
        Doc(f"{short} Board Minutes {rng.choice(('Q4', 'January', 'special meeting'))}", "word"),
        Doc("Unanimous Written Consent", "word", version=2),
    ]
    annual.pdfs = [
        f.pdf(f"{short} annual report filing receipt"),
        f.pdf(f"{short} certificate of good standing"),
        f.pdf(f"{short} annual report {f.year - 1} (as filed)"),
    ]
    minutes.pdfs = [
        f.pdf(f"{short} bylaws", f"{short} Bylaws (amended).pdf"),
        f.pdf(f"{short} minutes {f.year - 1} (signed)"),
    ]


def _family(f: Factory) -> None:
    rng = f.rng
    spouse = f.party()
    if f.state == "CT":
        civil = idents.ct_docket(rng, f.year - 1)
        docket = idents.Ident("docket", tuple(x.replace("CV", "FA") for x in civil.forms))
    else:
        docket = state_docket(rng, f.state, f.year - 1)
    m = _plain_matter(
        f,
        Client(f"{spouse.last}, {spouse.first}", spouse.email.split("@")[1], [spouse], "person"),
        f.new_client(),
        f"Dissolution of marriage - {spouse.last}",
        [spouse.last, pick_form(rng, docket, 0.5)],
        [spouse.last, "dissolution", "custody"],
        spouse.last,
        traits=frozenset({"litigation", "state"}),
    )
    m.screen_ids = list(docket.forms)
    m.docs = [
        Doc(f"{spouse.last} financial affidavit", "word", version=3),
        Doc(f"{spouse.last} parenting plan", "word"),
    ]
    m.pdfs = [f.pdf(f"{spouse.last} bank statements")]
    _court_pages(f, m, docket, False)
    court = rng.choice(pools.COURTHOUSES.get(f.state, pools.COURTHOUSES["NY"]))
    m.events = [("Family court hearing - pendente lite motions", *court)]


def _immigration(f: Factory) -> None:
    rng = f.rng
    name, short, domain = f.company(("Software", "Analytics", "Genomics", "Devices"))
    sponsor = Client(name, domain, [person(rng, domain, "people ops")])
    ben = f.party()
    receipt = idents.uscis_receipt(rng)
    m = _plain_matter(
        f,
        sponsor,
        f.new_client(),
        f"H-1B petition - {ben.name}",
        [ben.last, "H-1B"],
        [ben.last, "H-1B", "specialty occupation"],
        short,
        traits=frozenset({"agency"}),
    )
    m.screen_ids = list(receipt.forms)
    m.docs = [Doc(f"{ben.last} H-1B support letter", "word", version=2)]
    m.pdfs = [
        f.pdf(f"{ben.last} I-797 receipt", f"I-797C {receipt.forms[0]}.pdf"),
        f.pdf(f"{ben.last} degree evaluation"),
    ]
    m.portal_pages = [web.uscis_status(receipt.forms[0])]


def _real_estate(f: Factory) -> None:
    rng = f.rng
    buyer = f.party()
    kind = rng.choice(("Street", "Avenue", "Road", "Lane"))
    street = f"{rng.randint(10, 999)} {rng.choice(pools.STREETS)} {kind}"
    m = _plain_matter(
        f,
        Client(f"{buyer.last}, {buyer.first}", buyer.email.split("@")[1], [buyer], "person"),
        f.new_client(),
        f"Purchase of {street}",
        [street.split(" ", 1)[1], buyer.last],
        [street, "closing", "title"],
        buyer.last,
    )
    m.docs = [
        Doc(f"{street} - purchase and sale agreement", "word", version=2),
        Doc("Closing checklist", "excel"),
    ]
    m.pdfs = [f.pdf(f"{street} title commitment"), f.pdf(f"{street} survey")]
    m.events = [("Closing", f"{coined(rng).title()} Title Company", address(rng, _city(f.state)))]


def area(m: Matter) -> str:
    d = m.description.lower()
    for word, name in (
        ("eeoc", "Employment"),
        ("handbook", "Employment"),
        ("separation", "Employment"),
        ("wage", "Employment"),
        ("h-1b", "Immigration"),
        ("dissolution", "Family"),
        ("purchase", "Real Estate"),
    ):
        if word in d:
            return name
    return "Corporate"


def _city(state: str) -> str:
    return {"CT": "Hartford, CT 06103", "NY": "New York, NY 10017", "IL": "Chicago, IL 60601"}.get(
        state, "Boston, MA 02108"
    )


def _plain_matter(
    f: Factory,
    client: Client,
    cno: int,
    description: str,
    keywords: list[str],
    words: list[str],
    label: str,
    traits: frozenset[str] = frozenset(),
) -> Matter:
    rng = f.rng
    ident = f.number(cno, label[:3].upper(), label.replace(" ", ""))
    short = description.split(" - ")[-1] if " - " in description else description
    m = Matter(
        number=ident.canonical,
        client=client,
        description=description,
        keywords=keywords,
        short=short,
        words=words,
        traits=traits,
    )
    m.contacts = client.contacts
    lead = client.name.split(",")[0].split()[0]
    m.subjects = [
        f"{lead} - {words[0] if words[0] != lead else words[1]}",
        f"{description}",
        rng.choice(("follow up", "next steps", "documents", "signed copy")),
    ]
    m.weight = rng.choice((0.6, 1.0, 1.0, 1.6))
    return f.finish(m, ident)
