"""The records a generated firm is made of: people, clients, matters, the things worked in, and the
machine's conventions. A firm module builds one of these from a seed; the engine plans and renders weeks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from common import EPOCH, MIN, US, us_dst


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass(frozen=True)
class Client:
    name: str  # as in matters.csv
    short: str  # as people write it in subjects and file names
    domain: str  # e-mail domain of its people ("" for a private person)
    contacts: tuple[Person, ...]


@dataclass(frozen=True)
class Item:
    """Something the attorney works in on one matter.

    kind: doc | sheet | pdf | thread | research | site
    weak: its name gives no clue to the matter (a rules-only attributor misses it)
    tag: the phenomenon it stands for (court, patent, production, exhibit, portal, ...)
    """

    kind: str
    name: str
    weak: bool = False
    dms: str = ""  # document number in the firm's DMS ("" = a plain file)
    url: str = ""
    contact: Person | None = None  # thread: the correspondent
    cases: tuple[str, ...] = ()  # research: case pages opened
    tag: str = ""
    pages: int = 0  # pdf: length (long ones are read without input)


@dataclass(frozen=True)
class Outing:
    """Work away from the desk that the calendar accounts for (hearing, deposition, mediation, site visit)."""

    kind: str
    summary: str
    location: str
    minutes: int  # as scheduled
    travel: int  # one way, minutes


@dataclass(frozen=True)
class Matter:
    number: str
    client: Client
    description: str
    keywords: tuple[str, ...]
    short: str  # caption or name in the DMS workspace ("Okafor v. Cobalt Freight")
    practice: str
    items: tuple[Item, ...]
    number_variants: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()  # what calls are about ("deposition prep", "claim status")
    outings: tuple[Outing, ...] = ()
    deadlines: tuple[str, ...] = ()  # all-day calendar items
    contacts: tuple[Person, ...] = ()  # the client's people on this matter (attendees, correspondents)
    weight: float = 1.0
    status: str = "Open"
    workspace_id: str = ""
    research_id: str = ""  # what is typed as the client ID in Westlaw/Lexis (default: the number)

    @property
    def client_id(self) -> str:
        return self.research_id or self.number

    def of(self, *kinds: str) -> list[Item]:
        return [i for i in self.items if i.kind in kinds]


@dataclass(frozen=True)
class Page:
    """A window not tied to a matter (admin, personal): a browser page when app is ""."""

    title: str
    url: str = ""
    app: str = ""
    incognito: bool = False
    audible: bool = False
    tag: str = ""  # phantom trap kinds: ebilling | timekeeping | conflicts | intranet | hr


@dataclass(frozen=True)
class Zone:
    iana: str
    windows: str  # the name Outlook writes in TZID
    std_offset_h: int
    dst: bool = True

    def offset_h(self, d: date) -> int:
        return self.std_offset_h + (1 if self.dst and us_dst(d) else 0)

    def local_us(self, d: date, minutes: float) -> int:
        """Epoch microseconds of a local wall-clock time (minutes after local midnight)."""
        return (d - EPOCH).days * 86400 * US + int(minutes * MIN) - self.offset_h(d) * 3600 * US


@dataclass(frozen=True)
class Conventions:
    """How this attorney's machine and habits look: drawn from the seed."""

    os: str  # windows | macos
    host: str
    aw: str  # sample | python | rust (export style)
    calendar: str  # outlook | google | sample
    dms: str  # none | imanage | netdocs
    dms_title: str  # hash-v | dot | active | netdocs
    mail: tuple[tuple[str, float], ...]  # classic | new | owa | mac | gmail
    browser: str  # edge | chrome | safari
    second_browser: str  # for personal browsing (may equal browser)
    edge_profile: str
    meeting_apps: tuple[tuple[str, float], ...]  # teams | zoom | webex
    pdf_apps: tuple[tuple[str, float], ...]  # acrobat | preview
    acrobat_suffix: str
    word_ext: bool  # titles keep .docx
    number_in_title: float  # share of file names / subjects that carry the matter number
    client_id_rate: float  # share of research titles with the client ID typed into Westlaw/Lexis
    lunch_lock: float
    break_lock: float
    read_afk: float  # chance a long PDF read has an input-less stretch (5-25 min)
    day_start: str
    day_end: str
    web_title_suffix: bool = False  # the web bucket's title keeps the browser suffix (the sample's quirk)
    research: tuple[tuple[str, float], ...] = (
        ("westlaw", 0.4),
        ("lexis", 0.3),
        ("bloomberg", 0.15),
        ("scholar", 0.15),
    )
    task_minutes: tuple[int, int, int] = (10, 28, 70)  # a task's length: low, mode, high
    call_afk: float = 0.3  # chance a long call has a listening stretch with no input (afk)


@dataclass(frozen=True)
class Firm:
    persona: str
    name: str
    domain: str
    attorney: Person
    colleagues: tuple[Person, ...]
    zone: Zone
    conv: Conventions
    matters: tuple[Matter, ...]
    admin: tuple[Page, ...]
    phantom: tuple[Page, ...]  # admin pages that name a client or matter (e-billing, time entry ...)
    personal: tuple[Page, ...]
    neutral_folders: tuple[str, ...]
    series: tuple[tuple[str, int, str, int], ...]  # firm meetings: (summary, weekday, "HH:MM", minutes)
    cle: tuple[str, ...] = ()
    extra_csv: bool = False
    csv_newline: str = "\n"
    description: str = ""
    tags: dict[str, str] = field(default_factory=dict)

    def matter(self, number: str) -> Matter:
        return next(m for m in self.matters if m.number == number)
