"""The firms: practice, desktop, tools and habits, each drawn from the seed.

A firm key fixes what makes the firm what it is (practice, operating system, mail client, DMS, meeting
platform); the seed draws everything else (people, clients, matter-number style, state and courts,
browser quirks, export style details, habits).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from . import idents, pools
from .clock import CENTRAL, EASTERN, Zone
from .desktop import Desktop, mac_host, windows_host
from .model import Matter, Person
from .practices import Factory, area, insurance_defense, ip_boutique, law_firm, person, small_firm


@dataclass
class Habits:
    start_hour: tuple[float, float]  # local start of the day
    desk_hours: tuple[float, float]
    lunch_lock: float  # chance the screen is locked at lunch
    personal: float  # weight of personal browsing
    glance: float  # chance per shot of a brief glance at mail or chat
    client_id: float  # chance a research page shows the research client ID
    music: float
    idle_in_calls: float  # share of a call spent without touching the machine


@dataclass
class World:
    key: str
    firm: str
    slug: str
    domain: str
    zone: Zone
    state: str
    owner: Person
    colleagues: list[Person]
    desk: Desktop
    matters: list[Matter]
    meeting: str  # teams, zoom, webex
    guests: tuple[str, ...]  # platforms other people invite the attorney to
    research: tuple[str, ...]
    ebilling: tuple[str, ...]
    timekeeping: str
    cal_tz: str  # windows, iana, utc
    cal_prodid: str
    export: str  # aw-server, aw-server-rust, ascending
    extra_cols: tuple[str, ...]
    habits: Habits
    new_outlook_from: int = 10**6  # from this day on the attorney mostly uses the new Outlook (toggling back)
    gaps: bool = False  # sub-second gaps between window events
    extra_buckets: bool = False
    base_mail: str = ""

    def __post_init__(self) -> None:
        self.base_mail = self.desk.mail

    def open_matters(self) -> list[Matter]:
        return [m for m in self.matters if m.status == "Open" and m.weight > 0]

    def matter(self, number: str) -> Matter:
        return next(m for m in self.matters if m.number == number)


@dataclass(frozen=True)
class Profile:
    key: str
    summary: str
    build: Callable[[random.Random, str, date], World]


def _jitter(h: Habits, rng: random.Random) -> Habits:
    """The same kind of firm, a different person: shift each habit a little."""
    shift = rng.uniform(-0.4, 0.4)

    def scale(x: float) -> float:
        return max(0.0, x * rng.uniform(0.6, 1.5))

    return Habits(
        (h.start_hour[0] + shift, h.start_hour[1] + shift),
        (h.desk_hours[0], h.desk_hours[1] - rng.uniform(0, 0.6)),
        min(1.0, scale(h.lunch_lock)),
        scale(h.personal),
        min(0.3, scale(h.glance)),
        min(1.0, scale(h.client_id)),
        scale(h.music),
        min(0.5, scale(h.idle_in_calls)),
    )


def _staff(rng: random.Random, domain: str) -> tuple[Person, list[Person]]:
    owner = person(rng, domain, "attorney")
    colleagues = [person(rng, domain, role) for role in rng.sample(pools.COLLEAGUE_ROLES, 4)]
    return owner, colleagues


def _counsel(rng: random.Random) -> Callable[[], Person]:
    firms = [law_firm(rng) for _ in range(6)]

    def make() -> Person:
        _name, _short, domain = rng.choice(firms)
        return person(rng, domain, "opposing counsel")

    return make


def _firm_identity(rng: random.Random) -> tuple[str, str, str]:
    name, short, domain = law_firm(rng)
    slug = short.lower()
    return name, slug, domain


def build_insurance_defense(rng: random.Random, key: str, start: date) -> World:
    firm, slug, domain = _firm_identity(rng)
    owner, colleagues = _staff(rng, domain)
    state = rng.choice(("CT", "CT", "NY", "MA", "GA"))
    f = Factory(rng, start.year, state, idents.numbering(rng, ("dotted", "dash", "slash")), "imanage", slug)
    matters = insurance_defense(f, _counsel(rng))
    desk = Desktop(
        "windows",
        windows_host(rng, slug[:3].upper()),
        owner,
        "classic",
        "edge",
        "chrome",
        "acrobat",
        "imanage",
        (5, 3, 2, 2),
        zwsp=rng.random() < 0.7,
        edge_profile=rng.choice(("Work", slug.title(), "Profile 1")),
        acrobat_suffix=rng.choice((" - Adobe Acrobat Pro (64-bit)", " - Adobe Acrobat Pro")),
        word_ext=False,
        rng=rng,
    )
    habits = _jitter(Habits((7.4, 8.6), (7.5, 9.8), 0.7, 0.8, 0.12, 0.5, 0.05, 0.25), rng)
    return World(
        key,
        firm,
        slug,
        domain,
        EASTERN,
        state,
        owner,
        colleagues,
        desk,
        matters,
        "teams",
        ("zoom", "webex"),
        ("westlaw", "lexis", "scholar"),
        ("legaltracker", "counsellink", "t360"),
        rng.choice(("intapp", "aderant")),
        "windows",
        "-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
        "aw-server",
        ("claim_no", "adjuster"),
        habits,
        new_outlook_from=rng.randint(2, 4),
        gaps=rng.random() < 0.5,
    )


def build_ip_boutique(rng: random.Random, key: str, start: date) -> World:
    firm, slug, domain = _firm_identity(rng)
    owner, colleagues = _staff(rng, domain)
    zone, state = rng.choice(((CENTRAL, "IL"), (CENTRAL, "IL"), (EASTERN, "MA")))
    f = Factory(rng, start.year, state, idents.numbering(rng, ("code",)), "netdocs", slug, start=start)
    matters = ip_boutique(f, _counsel(rng))
    desk = Desktop(
        "macos",
        mac_host(rng, owner),
        owner,
        "mac",
        *(("safari", "chrome") if rng.random() < 0.65 else ("chrome", "safari")),
        rng.choice(("preview", "acrobat")),
        rng.choice(("netdocs", "dotted")),
        (4, 3, 2),
        rng=rng,
    )
    habits = _jitter(Habits((7.0, 8.2), (7.0, 9.2), 0.85, 0.6, 0.1, 0.4, 0.08, 0.2), rng)
    return World(
        key,
        firm,
        slug,
        domain,
        zone,
        state,
        owner,
        colleagues,
        desk,
        matters,
        "zoom",
        ("teams", "webex"),
        ("scholar", "bloomberg", "lexis"),
        ("counsellink",),
        rng.choice(("itimekeep", "intapp")),
        "iana",
        "-//Microsoft Corporation//Outlook for Mac 16.0//EN",
        "aw-server-rust",
        (),
        habits,
        extra_buckets=True,
    )


def build_main_street(rng: random.Random, key: str, start: date) -> World:
    firm, slug, domain = _firm_identity(rng)
    owner, colleagues = _staff(rng, domain)
    zone, state = rng.choice(((EASTERN, "CT"), (EASTERN, "NY"), (CENTRAL, "IL")))
    f = Factory(rng, start.year, state, idents.numbering(rng, ("clio", "year")), "clio", slug, start=start)
    matters = small_firm(f, _counsel(rng))
    desk = Desktop(
        "windows",
        windows_host(rng, slug[:3].upper()),
        owner,
        "owa",
        "chrome",
        "edge",
        "acrobat",
        "plain",
        (1, 1, 1),
        acrobat_suffix=rng.choice((" - Adobe Acrobat Reader (64-bit)", " - Adobe Acrobat Reader")),
        rng=rng,
    )
    for m in matters:
        m.extra = {"practice_area": area(m), "originating_attorney": owner.name}
    habits = _jitter(Habits((7.6, 9.0), (7.0, 9.0), 0.5, 1.2, 0.1, 0.3, 0.1, 0.3), rng)
    return World(
        key,
        firm,
        slug,
        domain,
        zone,
        state,
        owner,
        colleagues,
        desk,
        matters,
        "webex",
        ("zoom", "teams"),
        ("fastcase", "scholar", "westlaw"),
        (),
        "clio",
        "utc",
        "-//Google Inc//Google Calendar 70.9054//EN",
        "ascending",
        ("practice_area", "originating_attorney"),
        habits,
    )


PROFILES = {
    "insurance-defense": Profile(
        "insurance-defense",
        "Windows 11, insurance-defense litigation for carriers; iManage Work, classic Outlook "
        "(then the new one), new Teams, Edge; CM/ECF and state e-filing; Legal Tracker, "
        "CounselLink, T360",
        build_insurance_defense,
    ),
    "ip-boutique": Profile(
        "ip-boutique",
        "macOS, patent prosecution and trademark boutique; NetDocuments in Safari and Chrome, "
        "Outlook for Mac, Zoom; Patent Center, Google Patents, file-wrapper PDFs",
        build_ip_boutique,
    ),
    "main-street": Profile(
        "main-street",
        "Windows, small employment / immigration / family / real estate practice; Outlook on the "
        "web (and the new Outlook), Webex, Chrome, Clio; EEOC and state portals",
        build_main_street,
    ),
}


def build(key: str, seed: int, start: date) -> World:
    profile = PROFILES[key]
    return profile.build(random.Random(f"{seed}:{key}:world"), key, start)
