"""The corpus personas: two firms with their own matters, machines, apps and habits."""

from __future__ import annotations

import random
from urllib.parse import quote, quote_plus

from model import Art, Matter, Meeting, Persona, Win, stable_id


def _prefix(rng: random.Random, forward: str) -> str:
    return rng.choices(["RE: ", "Re: ", forward, ""], [0.5, 0.1, 0.12, 0.28])[0]


def _uuid(*parts: object) -> str:
    h = stable_id(*parts, n=32)
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


class MacSkin:
    """macOS: Word/Excel/Preview/Acrobat, Gmail in Chrome, Safari, Finder, zoom.us, Webex, Slack."""

    def __init__(self, email: str, org: str, client_id_rate: float) -> None:
        self.email, self.org, self.rate = email, org, client_id_rate

    def chrome(self, url: str, title: str, *, incognito: bool = False, audible: bool = False) -> Win:
        return Win("Google Chrome", title, url, incognito, audible, web=True, url_in_window=True)

    def safari(self, url: str, title: str) -> Win:
        return Win("Safari", title, url, url_in_window=True)

    page = chrome

    def doc(self, art: Art, rng: random.Random) -> Win:
        if art.kind == "sheet":
            return Win("Microsoft Excel", art.name)
        if art.kind == "pdf":
            if rng.random() < 0.65:
                pages = int(stable_id(art.name, n=2), 16) % 60 + 8
                suffix = f" – Page {rng.randint(1, pages)} of {pages}" if rng.random() < 0.4 else ""
                return Win("Preview", art.name + suffix)
            return Win("Adobe Acrobat Pro", art.name)
        suffix = " [Read-Only]" if rng.random() < 0.04 else ""
        return Win("Microsoft Word", art.name + suffix)

    def generic_doc(self, n: int) -> Win:
        return Win("Microsoft Word", f"Document{n}")

    def thread(self, subject: str, rng: random.Random) -> Win:
        title = f"{_prefix(rng, 'Fwd: ')}{subject} - {self.email} - {self.org} Mail"
        return self.chrome(f"https://mail.google.com/mail/u/0/#inbox/FMfcgz{stable_id(subject, n=24)}", title)

    def compose(self, subject: str, rng: random.Random) -> Win:
        if rng.random() < 0.5:
            return self.thread(subject, rng)
        return self.chrome(
            "https://mail.google.com/mail/u/0/#inbox?compose=new",
            f"Compose Mail - {self.email} - {self.org} Mail",
        )

    def inbox(self, rng: random.Random) -> Win:
        if rng.random() < 0.15:
            return Win("Microsoft Outlook", rng.choice(["1 Reminder", "2 Reminders", "Calendar"]))
        n = rng.randint(2, 19)
        return self.chrome(
            "https://mail.google.com/mail/u/0/#inbox", f"Inbox ({n}) - {self.email} - {self.org} Mail"
        )

    def research(self, art: Art, rng: random.Random) -> Win:
        q = art.name
        cid = art.client_id if art.client_id and rng.random() < self.rate else ""
        if rng.random() < 0.6:
            title = f"{q} - Search Results - Westlaw Precision" + (f" | Client ID: {cid}" if cid else "")
            return self.chrome(
                f"https://1.next.westlaw.com/Search/Results.html?query={quote_plus(q)}&jurisdiction=ALLFEDS",
                title,
            )
        title = f"Lexis+ AI | Search Results: {q}" + (f" | Client: {cid}" if cid else "")
        return self.chrome(f"https://plus.lexis.com/search/?pdmfid=1530671&pdsearchterms={quote(q)}", title)

    def case(self, name: str, rng: random.Random) -> Win:
        doc = "I" + stable_id(name, n=32)
        return self.chrome(
            f"https://1.next.westlaw.com/Document/{doc}/View/FullText.html", f"{name} | Westlaw Precision"
        )

    def site(self, art: Art, rng: random.Random) -> Win:
        return self.chrome(art.url, art.name)

    def ai(self, art: Art, rng: random.Random) -> Win:
        if "claude.ai" in art.url:
            return self.chrome(art.url, f"{art.name} - Claude")
        return self.chrome(art.url, art.name)

    def folder(self, name: str) -> Win:
        return Win("Finder", name)

    def chat(self, rng: random.Random) -> Win:
        if rng.random() < 0.3:
            return Win("Messages", "Messages")
        channel = rng.choice(["lit-team (Channel)", "general (Channel)", "Direct messages", "Threads"])
        return Win("Slack", f"{channel} - Harrow & Lin - Slack")

    def call(self, meeting: Meeting, rng: random.Random) -> list[Win]:
        if meeting.app == "zoom":
            return [Win("zoom.us", "Zoom Workplace"), Win("zoom.us", "Zoom Meeting")]
        if meeting.app == "zoom_webinar":
            return [Win("zoom.us", "Zoom Workplace"), Win("zoom.us", "Zoom Webinar")]
        if meeting.app == "webex":
            return [Win("Webex", "Webex"), Win("Webex", "Webex Meetings")]
        if meeting.app == "teams":
            return [Win("Microsoft Teams", "Microsoft Teams")]
        return [Win("RingCentral", meeting.window or "RingCentral")]

    def lock(self) -> Win | None:
        return Win("loginwindow", "")


class LinuxSkin:
    """Ubuntu (X11): LibreOffice, Firefox, Thunderbird, Nautilus, Evince, Teams, Zoom, RingCentral."""

    def __init__(self, email: str, client_id_rate: float) -> None:
        self.email, self.rate = email, client_id_rate

    def page(self, url: str, title: str, *, incognito: bool = False, audible: bool = False) -> Win:
        suffix = " — Mozilla Firefox Private Browsing" if incognito else " — Mozilla Firefox"
        return Win("firefox", title + suffix, url, incognito, audible, web=True, web_title=title)

    def doc(self, art: Art, rng: random.Random) -> Win:
        if art.kind == "sheet":
            return Win("libreoffice-calc", f"{art.name} - LibreOffice Calc")
        if art.kind == "pdf":
            return Win("Evince", art.alt if art.alt and rng.random() < 0.5 else art.name)
        return Win("libreoffice-writer", f"{art.name} - LibreOffice Writer")

    def generic_doc(self, n: int) -> Win:
        return Win("libreoffice-writer", f"Untitled {n} - LibreOffice Writer")

    def thread(self, subject: str, rng: random.Random) -> Win:
        return Win("thunderbird", f"{_prefix(rng, 'Fwd: ')}{subject} - Mozilla Thunderbird")

    def compose(self, subject: str, rng: random.Random) -> Win:
        if rng.random() < 0.25:
            return Win("thunderbird", "Write: (no subject) - Thunderbird")
        return Win("thunderbird", f"Write: {_prefix(rng, 'Fwd: ') or 'Re: '}{subject} - Thunderbird")

    def inbox(self, rng: random.Random) -> Win:
        if rng.random() < 0.2:
            return Win("teams-for-linux", "Activity | Microsoft Teams")
        return Win(
            "thunderbird",
            rng.choice(["Inbox - Mozilla Thunderbird", f"Inbox - {self.email} - Mozilla Thunderbird"]),
        )

    def research(self, art: Art, rng: random.Random) -> Win:
        q = art.name
        cid = art.client_id if art.client_id and rng.random() < self.rate else ""
        if rng.random() < 0.55:
            title = f"{q} - Search Results - Westlaw Precision" + (f" | Client ID: {cid}" if cid else "")
            return self.page(f"https://1.next.westlaw.com/Search/Results.html?query={quote_plus(q)}", title)
        title = f"Lexis+ AI | Search Results: {q}" + (f" | Client: {cid}" if cid else "")
        return self.page(f"https://plus.lexis.com/search/?pdsearchterms={quote(q)}", title)

    def case(self, name: str, rng: random.Random) -> Win:
        return self.page(
            f"https://1.next.westlaw.com/Document/I{stable_id(name, n=32)}/View/FullText.html",
            f"{name} | Westlaw Precision",
        )

    def site(self, art: Art, rng: random.Random) -> Win:
        return self.page(art.url, art.name)

    def ai(self, art: Art, rng: random.Random) -> Win:
        return self.page(art.url, art.name)

    def folder(self, name: str) -> Win:
        return Win("org.gnome.Nautilus", name)

    def chat(self, rng: random.Random) -> Win:
        return Win(
            "teams-for-linux",
            rng.choice(["Chat | Microsoft Teams", "Microsoft Teams", "Activity | Microsoft Teams"]),
        )

    def call(self, meeting: Meeting, rng: random.Random) -> list[Win]:
        if meeting.app == "zoom":
            return [Win("zoom", "Zoom Workplace"), Win("zoom", "Zoom Meeting")]
        if meeting.app == "zoom_webinar":
            return [Win("zoom", "Zoom Workplace"), Win("zoom", "Zoom Webinar")]
        if meeting.app == "teams":
            return [Win("teams-for-linux", "Microsoft Teams")]
        if meeting.app == "ringcentral" and not meeting.window:
            return [Win("RingCentral", "RingCentral"), Win("RingCentral", "RingCentral Video")]
        return [Win("RingCentral", meeting.window or "RingCentral")]

    def lock(self) -> Win | None:
        return None


# ------------------------------------------------------------------ mac-litigator

_MAC_EMAIL = "rlindqvist@harrowlin.com"
_mac_skin = MacSkin(_MAC_EMAIL, "Harrow & Lin LLP", client_id_rate=0.55)

K, KS, OR, PC, FE, DU = "2024-0137", "2025-0021", "2024-0152", "2025-0009", "2025-0034", "2023-0311"


def _gpt(matter: str, title: str, *, weak: bool = True, since: int = 1, claude: bool = False) -> Art:
    url = f"https://claude.ai/chat/{_uuid(title)}" if claude else f"https://chatgpt.com/c/{_uuid(title)}"
    return Art("ai", matter, title, weak, since, url)


MAC_LITIGATOR = Persona(
    name="mac-litigator",
    firm="Harrow & Lin LLP",
    attorney="Rachel Lindqvist",
    email=_MAC_EMAIL,
    host="Rachels-MacBook-Pro.local",
    tz_name="America/New_York",
    std_offset_h=-5,
    aw_variant="rust",
    calendar_style="google",
    csv_extra_columns=False,
    csv_newline="\n",
    matters=(
        Matter(
            K,
            "Kestrel Logistics, Inc.",
            "Doe v. Kestrel Logistics - retaliation defense (S.D.N.Y.)",
            ("Kestrel", "1:24-cv-03318"),
            weight=3.0,
        ),
        Matter(
            KS,
            "Kestrel Logistics, Inc.",
            "Third-party subpoena - In re Halvorsen Freight",
            ("Halvorsen", "subpoena"),
            weight=1.2,
        ),
        Matter(
            OR,
            "Ortega, Marisol",
            "Ortega v. Brightline Property Mgmt - rent overcharge & habitability (Sup. Ct. N.Y. Cty.)",
            ("Ortega", "Brightline", "158842/2024"),
            weight=2.0,
        ),
        Matter(
            PC,
            "Pinecrest Capital Partners LP",
            "Pinecrest adv. Vantage Holdings - AAA commercial arbitration",
            ("Pinecrest", "Vantage", "01-25-0003-1187"),
            weight=1.5,
        ),
        Matter(
            FE,
            "Ferro Dental Group PLLC",
            "Ferro Dental vs. Sunport Mutual - business interruption coverage",
            ("Ferro", "Sunport"),
            weight=1.0,
        ),
        Matter(
            DU,
            "Dunmore Hospitality Group",
            "Alvarez v. Dunmore Hospitality - FLSA collective (settled)",
            ("Dunmore", "Alvarez"),
            status="Closed",
            weight=0.0,
        ),
    ),
    arts=(
        # Doe v. Kestrel
        Art("doc", K, "Doe v. Kestrel - MTD Reply Brief v3.docx"),
        Art("doc", K, "Kestrel - Decl. of T. Marsh ISO MTD.docx"),
        Art("doc", K, "Reply Brief - Table of Authorities.docx", weak=True),
        Art("doc", K, "Rule 26(f) Report - draft.docx", weak=True),
        Art("sheet", K, "Kestrel - Doe pay history.xlsx"),
        Art("pdf", K, "Doe Complaint (ECF 1).pdf", weak=True),
        Art("pdf", K, "Pl. Opp. to MTD (ECF 22).pdf", weak=True, since=2),
        Art("doc", K, "Reply ISO MTD - insert re temporal proximity.docx", weak=True, since=2),
        Art("thread", K, "Doe v. Kestrel - Rule 26(f) conference"),
        Art("thread", K, "Marsh declaration - final", weak=True),
        Art("thread", K, "Kestrel adv. Doe - litigation hold"),
        Art("thread", K, "Reply brief - comments from GC", weak=True, since=2),
        Art(
            "research",
            K,
            "retaliation temporal proximity Second Circuit",
            client_id="2024-0137",
            cases=(
                "Zann Kwan v. Andalex Grp. LLC, 737 F.3d 834",
                "Littlejohn v. City of New York, 795 F.3d 297",
                "Vega v. Hempstead Union Free Sch. Dist., 801 F.3d 72",
            ),
        ),
        Art("research", K, "NYLL 740 whistleblower 2022 amendment retroactive", client_id="KESTREL"),
        Art(
            "research",
            K,
            "argument raised for first time in reply brief waived",
            weak=True,
            since=2,
            cases=("Conn. Bar Ass'n v. United States, 620 F.3d 81", "Knipe v. Skinner, 999 F.2d 708"),
        ),
        Art(
            "site",
            K,
            "SDNY CM/ECF NextGen - Docket Report 1:24-cv-03318-JMF",
            url="https://ecf.nysd.uscourts.gov/cgi-bin/DktRpt.pl?612345",
        ),
        Art(
            "site",
            K,
            "ECF Filing - Reply Memorandum of Law - 1:24-cv-03318",
            since=2,
            url="https://ecf.nysd.uscourts.gov/cgi-bin/Dispatch.pl?file_a_doc",
        ),
        _gpt(K, "Retaliation causation - outline of arguments"),
        _gpt(K, "Summarize declaration and tighten", claude=True),
        # Kestrel subpoena
        Art("doc", KS, "Halvorsen subpoena - R&Os v2.docx"),
        Art("sheet", KS, "Kestrel privilege log.xlsx", weak=True),
        Art("doc", KS, "Production cover letter - Vol. 2.docx", weak=True, since=2),
        Art("pdf", KS, "Subpoena duces tecum - Halvorsen.pdf"),
        Art("thread", KS, "Halvorsen subpoena - meet and confer"),
        Art("thread", KS, "Kestrel - custodian list", weak=True),
        Art(
            "research",
            KS,
            "third-party subpoena undue burden Rule 45(d)(3)",
            client_id="2025-0021",
            cases=("In re Refco Sec. Litig., 759 F. Supp. 2d 342",),
        ),
        Art(
            "site",
            KS,
            "Halvorsen Production Review - RelativityOne",
            url="https://harrowlin.relativity.one/Relativity/Review.aspx?AppID=1043187",
        ),
        # Ortega
        Art("doc", OR, "Ortega - Bill of Particulars.docx"),
        Art("doc", OR, "Brightline - discovery deficiency letter.docx"),
        Art("sheet", OR, "Rent history (DHCR) - analysis.xlsx", weak=True),
        Art("doc", OR, "Affirmation ISO OSC - draft.docx", weak=True, since=2),
        Art("doc", OR, "Ortega OSC - Proposed Order.docx", since=2),
        Art("pdf", OR, "DHCR rent registration 2014-2024.pdf", weak=True),
        Art("thread", OR, "Ortega v. Brightline - discovery deficiencies"),
        Art("thread", OR, "Apartment 4C photos", weak=True),
        Art("thread", OR, "DHCR printout", weak=True, since=2),
        Art(
            "research",
            OR,
            "rent overcharge fraud exception four-year lookback",
            client_id="ORTEGA",
            cases=(
                "Regina Metro. Co. v. N.Y. State Div. of Hous. & Community Renewal, 35 N.Y.3d 332",
                "Grimm v. State Div. of Hous. & Community Renewal, 15 N.Y.3d 358",
            ),
        ),
        Art("research", OR, "warranty of habitability RPL 235-b rent abatement", weak=True),
        Art(
            "site",
            OR,
            "NYSCEF - Document List - Index # 158842/2024",
            url="https://iapps.courts.state.ny.us/nyscef/DocumentList?docketId=Zq1X8bT2vR",
        ),
        # Pinecrest
        Art("doc", PC, "Pinecrest - Statement of Defense v2.docx"),
        Art("doc", PC, "Witness list - hearing.docx", weak=True),
        Art("doc", PC, "Pre-hearing brief - draft 1.docx", weak=True, since=2),
        Art("sheet", PC, "Vantage damages model - rebuttal.xlsx"),
        Art("pdf", PC, "Pinecrest Fund III LP - Partnership Agreement.pdf"),
        Art("thread", PC, "Vantage arbitration - scheduling order"),
        Art("thread", PC, "expert CV", weak=True),
        Art(
            "research",
            PC,
            "implied covenant good faith limited partnership agreement Delaware",
            client_id="2025-0009",
            cases=("Dieckman v. Regency GP LP, 155 A.3d 358", "Nemec v. Shrader, 991 A.2d 1120"),
        ),
        Art(
            "site",
            PC,
            "AAA WebFile - Case 01-25-0003-1187",
            url="https://apps.adr.org/webfile/faces/cases/caseDetail",
        ),
        # Ferro
        Art("doc", FE, "Ferro v Sunport - complaint draft v1.docx"),
        Art("pdf", FE, "Sunport policy BOP-4471190.pdf"),
        Art("sheet", FE, "Coverage chart.xlsx", weak=True, since=2),
        Art("thread", FE, "Ferro - policy documents"),
        Art("thread", FE, "Claim denial letter", weak=True, since=2),
        Art(
            "research",
            FE,
            "business interruption direct physical loss New York",
            client_id="FERRO",
            cases=("Consol. Rest. Operations, Inc. v. Westport Ins. Corp., 41 N.Y.3d 415",),
        ),
        # Dunmore (closed)
        Art("thread", DU, "Alvarez settlement - final distribution report"),
    ),
    meetings=(
        Meeting(
            "Kestrel weekly lit update",
            K,
            "zoom",
            1,
            "10:00",
            30,
            rrule="FREQ=WEEKLY;BYDAY=TU",
            attendees=("dana.whitfield@kestrellogistics.com",),
        ),
        Meeting(
            "Firm meeting - case status",
            None,
            "zoom",
            0,
            "09:30",
            30,
            rrule="FREQ=WEEKLY;BYDAY=MO",
            attendees=("mlin@harrowlin.com",),
            kind="nonbillable",
            what="firm meeting",
        ),
        Meeting(
            "Halvorsen subpoena - call w/ Kestrel IT",
            KS,
            "teams",
            0,
            "14:00",
            30,
            weeks=(1,),
            attendees=("it.ops@kestrellogistics.com",),
        ),
        Meeting(
            "Marisol - prep call",
            OR,
            "zoom",
            2,
            "11:00",
            40,
            weeks=(1,),
            attendees=("marisol.ortega82@gmail.com",),
        ),
        Meeting(
            "CLE: Generative AI & Ethics in Litigation (1.5 Ethics)",
            None,
            "zoom_webinar",
            2,
            "14:30",
            90,
            weeks=(1,),
            kind="nonbillable",
            what="CLE webinar",
            attendees=("cle@nycbar.org",),
        ),
        Meeting(
            "Doe v. Kestrel - meet & confer re 26(f)",
            K,
            "zoom",
            3,
            "15:00",
            45,
            weeks=(1,),
            attendees=("akaplan@kaplanemploymentlaw.com",),
        ),
        Meeting(
            "Pinecrest - arbitration strategy",
            PC,
            "webex",
            4,
            "11:30",
            60,
            weeks=(1,),
            attendees=("jpark@pinecrestcap.com",),
        ),
        Meeting(
            "Ortega: settlement conference prep",
            OR,
            "zoom",
            0,
            "15:00",
            45,
            weeks=(2,),
            attendees=("marisol.ortega82@gmail.com",),
        ),
        Meeting(
            "Call w/ Tom Marsh",
            K,
            "webex",
            2,
            "11:00",
            30,
            weeks=(2,),
            attendees=("tmarsh@kestrellogistics.com",),
        ),
        Meeting(
            "Ferro - call w/ broker",
            FE,
            "zoom",
            3,
            "10:30",
            30,
            weeks=(2,),
            status="cancelled",
            attendees=("ops@ferrodental.com",),
        ),
        Meeting(
            "Pinecrest / Vantage - expert call",
            PC,
            "webex",
            3,
            "14:00",
            60,
            weeks=(2,),
            attendees=("jpark@pinecrestcap.com",),
        ),
        Meeting(
            "Jen P. / Rachel", PC, "zoom", 4, "09:30", 30, weeks=(2,), attendees=("jpark@pinecrestcap.com",)
        ),
    ),
    deadlines=(
        (1, 4, "Opp due - Halvorsen motion to compel"),
        (2, 4, "DEADLINE: Reply ISO MTD - Doe v. Kestrel (ECF)"),
    ),
    personal=(
        _mac_skin.safari(
            "https://www.nytimes.com/", "The New York Times - Breaking News, US News, World News and Videos"
        ),
        _mac_skin.safari("https://www.nytimes.com/wirecutter/", "Wirecutter: Reviews for the Real World"),
        _mac_skin.safari(
            "https://streeteasy.com/for-rent/park-slope", "Park Slope Apartments for Rent | StreetEasy"
        ),
        _mac_skin.chrome("https://www.linkedin.com/feed/", "(3) Feed | LinkedIn"),
        _mac_skin.chrome("https://www.amazon.com/s?k=ergonomic+footrest", "Amazon.com : ergonomic footrest"),
        _mac_skin.chrome("https://www.sephora.com/shop/skincare", "Skincare | Sephora", incognito=True),
        _mac_skin.chrome(f"https://chatgpt.com/c/{_uuid('hudson')}", "Weekend in the Hudson Valley - ideas"),
        _mac_skin.chrome(
            "https://www.delta.com/flight-search/book-a-flight", "Book a Flight | Delta Air Lines"
        ),
        Win("Spotify", "Spotify Premium"),
        Win("Messages", "Messages"),
    ),
    admin=(
        _mac_skin.chrome("https://intranet.harrowlin.com/timesheet", "Timesheet - Harrow & Lin Intranet"),
        _mac_skin.chrome("https://app.mycase.com/calendar", "Calendar | MyCase"),
        _mac_skin.chrome("https://www.expensify.com/reports", "Expensify - Reports"),
        _mac_skin.chrome("https://intranet.harrowlin.com/cle", "CLE Transcript - Harrow & Lin Intranet"),
        _mac_skin.chrome(
            "https://harrowlin.freshservice.com/support/tickets/new", "New Ticket : Harrow & Lin IT Help Desk"
        ),
        Win("Microsoft Outlook", "Calendar"),
        Win("Microsoft Excel", "Expense report - Feb 2026.xlsx"),
    ),
    folders={
        K: ("2024-0137 Doe v Kestrel", "Doe v Kestrel - Research"),
        KS: ("2025-0021 Kestrel - Halvorsen subpoena",),
        OR: ("2024-0152 Ortega v Brightline",),
        PC: ("2025-0009 Pinecrest adv Vantage (AAA)",),
        FE: ("2025-0034 Ferro Sunport",),
    },
    neutral_folders=("Downloads", "Desktop", "Documents", "Recents"),
    skin=_mac_skin,
    day_start="08:35",
    day_end="18:05",
    series_start="2026-01-05",
    task_weights={"draft": 0.38, "review": 0.12, "email": 0.18, "research": 0.2, "site": 0.08, "ai": 0.03},
    call_afk=0.4,
    read_afk=0.25,
    lock_on_lunch=0.6,
    leave_window_on=0.0,
    ai_rate=0.5,
    client_id_rate=0.55,
    forced=((1, 2, "16:40", 20, DU, "Alvarez settlement - final distribution report"),),
)


# ------------------------------------------------------------------ linux-transactional

_LX_EMAIL = "praman@lindgrenvasquez.com"
_lx_skin = LinuxSkin(_LX_EMAIL, client_id_rate=0.6)

HO, HM, ME, SO, AB, TA, KO = (
    "HOLLO.0007",
    "HOLLO.0008",
    "MERID.0012",
    "SOREN.0002",
    "ABERN.0001",
    "TAVIS.0004",
    "KOVAC.0001",
)

LINUX_TRANSACTIONAL = Persona(
    name="linux-transactional",
    firm="Lindgren Vasquez LLP",
    attorney="Priya Raman",
    email=_LX_EMAIL,
    host="praman-thinkpad",
    tz_name="America/Chicago",
    std_offset_h=-6,
    aw_variant="python",
    calendar_style="thunderbird",
    csv_extra_columns=True,
    csv_newline="\r\n",
    matters=(
        Matter(
            HO,
            "Holloway Orchards LLC",
            "Sale of Yakima packing facility to Cascade Fruit Co. (asset purchase)",
            ("Cascade Fruit", "packing facility"),
            aliases=("Holloway", "Holloway Orchards"),
            domains=("hollowayorchards.com",),
            practice="M&A",
            weight=3.0,
        ),
        Matter(
            HM,
            "Holloway Orchards LLC",
            "Operating agreement amendment & annual minutes",
            ("operating agreement", "annual minutes"),
            aliases=("Holloway", "Holloway Orchards"),
            domains=("hollowayorchards.com",),
            practice="Corporate",
            weight=0.8,
        ),
        Matter(
            ME,
            "Meridian Biologics, Inc.",
            "Series A preferred financing (Redwood Ventures lead)",
            ("Series A", "Redwood Ventures"),
            aliases=("Meridian Bio",),
            domains=("meridianbio.com",),
            practice="Venture",
            weight=2.0,
        ),
        Matter(
            SO,
            "Estate of Harold Sorensen",
            "Probate administration (Cook County 2025P000412)",
            ("Sorensen", "2025P000412"),
            aliases=("Sorensen Estate", "Linda Sorensen-Pike"),
            practice="Estates",
            weight=1.5,
        ),
        Matter(
            AB,
            "Abernathy, Claire & Thomas",
            "Estate plan - joint revocable trust, POAs, health care directives",
            ("Abernathy", "joint trust"),
            aliases=("Claire Abernathy", "Tom Abernathy"),
            practice="Estates",
            weight=1.5,
        ),
        Matter(
            TA,
            "Tavistock Bakery Co.",
            "TAVISTOCK trademark application (Serial 98412775)",
            ("Tavistock", "98412775"),
            status="Closed",
            domains=("tavistockbakery.com",),
            practice="IP",
            weight=0.0,
        ),
        Matter(
            KO,
            "Kovac, Jelena",
            "Premarital agreement - review for client",
            ("Kovac", "prenup"),
            aliases=("Jelena Kovac",),
            practice="Family",
            weight=1.2,
            since=2,
        ),
    ),
    arts=(
        # Holloway asset sale
        Art("doc", HO, "Holloway - APA v6 (Cascade comments).docx"),
        Art("doc", HO, "Disclosure Schedules - draft 3.docx", weak=True),
        Art("doc", HO, "Bill of Sale and Assignment.odt", weak=True),
        Art("sheet", HO, "Holloway closing checklist.xlsx", weak=True),
        Art("doc", HO, "Transition Services Agreement v1.docx", weak=True, since=2),
        Art("doc", HO, "Holloway - TSA issues list.odt", weak=True, since=2),
        Art("pdf", HO, "Cascade Fruit - APA markup 02-27.pdf", alt="Microsoft Word - APA_v6_CFC_markup.docx"),
        Art("thread", HO, "Project Orchard - disclosure schedules", weak=True),
        Art("thread", HO, "Holloway / Cascade Fruit - APA comments"),
        Art("thread", HO, "Signature pages", weak=True, since=2),
        Art(
            "site",
            HO,
            "Datasite - Project Orchard",
            weak=True,
            url="https://app.datasite.com/projects/orchard/documents",
        ),
        Art(
            "site",
            HO,
            "Asset Purchase Agreement (Pro-Buyer, Long Form) | Practical Law",
            weak=True,
            url="https://content.next.westlaw.com/practical-law/document/I1559f0d8eef211e28578f7ccc38dcbee",
        ),
        Art(
            "research",
            HO,
            "bulk sales notice requirements Washington agricultural assets",
            client_id="HOLLO.0007",
        ),
        # Holloway corporate
        Art("doc", HM, "Holloway - Second Amended Operating Agreement.docx"),
        Art("doc", HM, "Written Consent of Members - 2026.odt", weak=True),
        Art("thread", HM, "Holloway - member consent", weak=True),
        Art("thread", HM, "Annual minutes - Holloway Orchards"),
        # Meridian Series A
        Art("doc", ME, "Meridian - SPA (Redwood markup).docx"),
        Art("sheet", ME, "Meridian cap table - pro forma.xlsx"),
        Art("doc", ME, "Investors' Rights Agreement v3.docx", weak=True),
        Art("doc", ME, "Voting Agreement - draft.docx", weak=True),
        Art("doc", ME, "Restated Certificate of Incorporation - Meridian.docx", since=2),
        Art("doc", ME, "Closing memo.odt", weak=True, since=2),
        Art("pdf", ME, "Series A Term Sheet (signed).pdf"),
        Art("thread", ME, "Meridian Series A - open issues"),
        Art("thread", ME, "cap table questions", weak=True),
        Art("thread", ME, "Restated charter - Delaware filing", weak=True, since=2),
        Art(
            "site",
            ME,
            "Carta - Meridian Biologics, Inc. - Cap table",
            url="https://app.carta.com/corporations/84123/captable/",
        ),
        Art(
            "site",
            ME,
            "Delaware Division of Corporations - eCorp Document Upload",
            weak=True,
            since=2,
            url="https://icis.corp.delaware.gov/ecorp2/services/DocumentUpload",
        ),
        Art("research", ME, "Series A protective provisions market terms", client_id="MERID.0012"),
        Art("ai", ME, "Summarize NVCA IRA changes", weak=True, url=f"https://chatgpt.com/c/{_uuid('nvca')}"),
        # Sorensen probate
        Art("sheet", SO, "Sorensen - Inventory of Estate.xlsx"),
        Art("doc", SO, "Petition for Letters of Office.odt", weak=True),
        Art("sheet", SO, "Sorensen estate accounting - Q1.xlsx"),
        Art("doc", SO, "Notice to Heirs and Legatees - draft.odt", weak=True, since=2),
        Art("pdf", SO, "Death Certificate - H. Sorensen.pdf"),
        Art("thread", SO, "Dad's accounts", weak=True),
        Art("thread", SO, "Sorensen Estate - bank letters"),
        Art(
            "site",
            SO,
            "Clerk of the Circuit Court of Cook County - Case 2025P000412",
            url="https://casesearch.cookcountyclerkofcourt.org/CivilCaseSearchAPI.aspx",
        ),
        Art("research", SO, "independent administration Illinois 755 ILCS 5/28", client_id="SOREN.0002"),
        # Abernathy estate plan
        Art("doc", AB, "Abernathy Joint Trust v4.odt"),
        Art("doc", AB, "Abernathy - trust funding memo.odt"),
        Art("doc", AB, "Health Care POA - template.odt", weak=True),
        Art("doc", AB, "Pour-over Will (Claire).odt", weak=True),
        Art("doc", AB, "Abernathy - signing agenda.odt", since=2),
        Art("doc", AB, "Certification of Trust.odt", weak=True, since=2),
        Art("thread", AB, "Questions about the trust", weak=True),
        Art("thread", AB, "Abernathy estate plan - draft documents"),
        Art("research", AB, "Illinois Trust Code joint revocable trust portability", client_id="ABERN.0001"),
        # Tavistock (closed)
        Art(
            "site",
            TA,
            "TSDR - TAVISTOCK - 98412775",
            url="https://tsdr.uspto.gov/#caseNumber=98412775&caseType=SERIAL_NO",
        ),
        Art("doc", TA, "Tavistock - closing letter.docx"),
        # Kovac (new in week 2)
        Art("doc", KO, "Kovac prenup - comments.docx", since=2),
        Art(
            "pdf",
            KO,
            "Premarital Agreement (draft from B. Lund).pdf",
            weak=True,
            since=2,
            alt="Premarital Agreement",
        ),
        Art("thread", KO, "Prenup draft from Ben's lawyer", weak=True, since=2),
        Art(
            "research",
            KO,
            "premarital agreement unconscionability 750 ILCS 10/7",
            client_id="KOVAC.0001",
            since=2,
        ),
    ),
    meetings=(
        Meeting(
            "Team meeting",
            None,
            "teams",
            0,
            "09:00",
            30,
            rrule="FREQ=WEEKLY;BYDAY=MO",
            attendees=("avasquez@lindgrenvasquez.com",),
            kind="nonbillable",
            what="firm meeting",
        ),
        Meeting(
            "Holloway / Cascade - weekly deal call",
            HO,
            "teams",
            2,
            "10:00",
            45,
            rrule="FREQ=WEEKLY;BYDAY=WE",
            attendees=("greg@hollowayorchards.com", "m.tran@cascadefruit.com"),
        ),
        Meeting(
            "Meridian / Redwood - Series A open issues",
            ME,
            "zoom",
            0,
            "13:30",
            45,
            weeks=(1,),
            attendees=("ana.lopez@meridianbio.com", "dkoh@redwoodvc.com"),
        ),
        Meeting(
            "Abernathy - design meeting",
            AB,
            "zoom",
            1,
            "10:00",
            60,
            weeks=(1,),
            attendees=("claire.abernathy@gmail.com",),
        ),
        Meeting(
            "Meridian board prep",
            ME,
            "teams",
            3,
            "09:00",
            30,
            weeks=(1,),
            status="declined",
            attendees=("ana.lopez@meridianbio.com",),
        ),
        Meeting(
            "Sorensen estate - call w/ Linda",
            SO,
            "ringcentral",
            3,
            "14:00",
            30,
            weeks=(1,),
            attendees=("lspike58@gmail.com",),
        ),
        Meeting(
            "",
            AB,
            "ringcentral",
            4,
            "11:10",
            14,
            weeks=(1,),
            status="adhoc",
            window="Call with +1 (847) 555-0163",
            what="call: Tom Abernathy (cell) re funding",
        ),
        Meeting(
            "",
            HO,
            "ringcentral",
            1,
            "15:40",
            12,
            weeks=(1,),
            status="adhoc",
            window="Call with Greg Holloway",
            what="call: Greg Holloway re APA",
        ),
        Meeting(
            "ISBA webinar: SECURE 2.0 and estate planning (1.0 CLE)",
            None,
            "zoom_webinar",
            4,
            "12:00",
            60,
            weeks=(1,),
            kind="nonbillable",
            what="CLE webinar",
            attendees=("webinars@isba.org",),
        ),
        Meeting(
            "Call w/ Ana", ME, "zoom", 0, "11:00", 30, weeks=(2,), attendees=("ana.lopez@meridianbio.com",)
        ),
        Meeting(
            "Jelena K. - intake & prenup review",
            KO,
            "zoom",
            1,
            "14:00",
            60,
            weeks=(2,),
            attendees=("jelena.kovac@outlook.com",),
        ),
        Meeting(
            "HO member consent - quick call",
            HM,
            "teams",
            3,
            "10:30",
            20,
            weeks=(2,),
            attendees=("greg@hollowayorchards.com",),
        ),
        Meeting(
            "Sorensen - heirship affidavit",
            SO,
            "ringcentral",
            3,
            "13:30",
            30,
            weeks=(2,),
            attendees=("lspike58@gmail.com",),
        ),
        Meeting(
            "",
            AB,
            "ringcentral",
            2,
            "15:20",
            18,
            weeks=(2,),
            status="adhoc",
            window="Call with +1 (847) 555-0163",
            what="call: Tom Abernathy (cell) re signing",
        ),
        Meeting(
            "",
            SO,
            "ringcentral",
            4,
            "10:40",
            16,
            weeks=(2,),
            status="adhoc",
            window="Call with Linda Sorensen-Pike",
            what="call: Linda Sorensen-Pike re accounts",
        ),
    ),
    deadlines=(
        (1, 2, "Holloway APA - comments to Cascade due"),
        (2, 4, "Meridian Series A - target closing"),
    ),
    personal=(
        _lx_skin.page("https://www.reddit.com/r/chicago/", "r/chicago"),
        _lx_skin.page(
            "https://forecast.weather.gov/MapClick.php?lat=41.88&lon=-87.63", "7-Day Forecast 41.88N 87.63W"
        ),
        _lx_skin.page(
            "https://www.espn.com/nba/team/_/name/chi/chicago-bulls",
            "Chicago Bulls Scores, Stats and Highlights - ESPN",
        ),
        _lx_skin.page(
            "https://secure.chase.com/web/auth/dashboard", "Chase Online - Accounts", incognito=True
        ),
        _lx_skin.page("https://www.ebay.com/sch/i.html?_nkw=vintage+turntable", "vintage turntable | eBay"),
        _lx_skin.page(
            "https://www.youtube.com/watch?v=jfKfPfyJRdk",
            "lofi hip hop radio - beats to relax/study to - YouTube",
            audible=True,
        ),
        Win("Spotify", "Khruangbin - Time (You and I)"),
    ),
    admin=(
        _lx_skin.page("https://intranet.lindgrenvasquez.com/time", "Time Entry - Lindgren Vasquez Intranet"),
        _lx_skin.page("https://app.practicepanther.com/calendar", "Calendar - PracticePanther"),
        _lx_skin.page("https://www.iardc.org/Registration/MCLE", "ARDC - MCLE Compliance"),
        _lx_skin.page("https://www.concursolutions.com/nui/expense", "SAP Concur - Expense"),
        Win("libreoffice-calc", "Mileage log 2026.ods - LibreOffice Calc"),
        Win("thunderbird", "Firm-wide: IT maintenance Saturday - Mozilla Thunderbird"),
    ),
    folders={
        HO: ("HOLLO.0007 Asset Sale", "Closing Docs"),
        HM: ("HOLLO.0008 Operating Agreement",),
        ME: ("MERID.0012 Series A",),
        SO: ("SOREN.0002 Probate",),
        AB: ("ABERN.0001 Estate Plan",),
        KO: ("KOVAC.0001 Prenup",),
    },
    neutral_folders=("Downloads", "Home", "Templates", "Scans"),
    skin=_lx_skin,
    day_start="07:50",
    day_end="17:05",
    series_start="2026-01-05",
    task_weights={"draft": 0.45, "review": 0.1, "email": 0.22, "research": 0.07, "site": 0.12, "ai": 0.02},
    call_afk=0.0,
    read_afk=0.0,
    lock_on_lunch=0.0,
    leave_window_on=0.5,
    ai_rate=0.15,
    client_id_rate=0.6,
    forced=(
        (1, 1, "16:20", 25, TA, "TSDR - TAVISTOCK - 98412775"),
        (1, 3, "11:30", 15, TA, "Tavistock - closing letter.docx"),
    ),
)

PERSONAS = {p.name: p for p in (MAC_LITIGATOR, LINUX_TRANSACTIONAL)}
