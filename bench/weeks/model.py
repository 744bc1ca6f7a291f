"""The generator's world: people, clients, matters, documents, and what the screen showed.

A day is a list of `Segment`s (one truth interval each: a matter and a kind); a segment is a list of
`Shot`s (one focused window each, with its browser tab when the window is a browser). Rendering lays the
shots end to end, so truth boundaries are window boundaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

BILLABLE = "billable"
NONBILLABLE = "nonbillable"
PERSONAL = "personal"
AWAY = "away"


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    email: str
    role: str = ""

    @property
    def name(self) -> str:
        return f"{self.first} {self.last}"


@dataclass
class Client:
    name: str
    domain: str
    contacts: list[Person]
    kind: str = "company"  # company, person, insurer


@dataclass
class Doc:
    """A document as the desktop names it. `dms` is the DMS number, `version` grows over the weeks."""

    title: str
    kind: str  # word, excel, pdf
    dms: str = ""
    version: int = 1
    filename: str = ""  # for PDFs and local files: the name shown in the viewer's title
    tags: frozenset[str] = frozenset()


@dataclass
class Page:
    """A web page: the tab title (what aw-watcher-web records) and its URL."""

    title: str
    url: str


@dataclass
class Matter:
    number: str
    client: Client
    description: str
    keywords: list[str]
    status: str = "Open"
    extra: dict[str, str] = field(default_factory=dict)
    # what the desktop shows about it (not written to matters.csv)
    short: str = ""  # how people refer to it in subjects: "Okafor v. Brightwater"
    words: list[str] = field(default_factory=list)  # the matter's own words ("coverage", "handbook")
    screen_ids: list[str] = field(default_factory=list)  # identifiers as titles spell them
    subjects: list[str] = field(default_factory=list)
    docs: list[Doc] = field(default_factory=list)
    pdfs: list[Doc] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    contacts: list[Person] = field(default_factory=list)
    workspace: Page | None = None
    portal_pages: list[Page] = field(default_factory=list)
    portal_pdfs: list[Doc] = field(default_factory=list)
    events: list[tuple[str, str, str]] = field(default_factory=list)  # (what, place, address) away
    traits: frozenset[str] = frozenset()  # "litigation", "patent", "coverage", ...
    sibling: str = ""  # another matter number of the same client, decided by words
    weight: float = 1.0


@dataclass(frozen=True)
class Shot:
    """One focused window for `secs` seconds; `page` when it is a browser tab."""

    app: str
    title: str
    secs: float
    page: Page | None = None
    browser: str = ""  # bucket key: edge, chrome, safari, firefox
    incognito: bool = False
    audible: bool = False
    idle: bool = False  # no keyboard/mouse input during the shot
    tabs: int = 1
    tags: frozenset[str] = frozenset()


@dataclass
class Segment:
    kind: str
    matter: str | None
    what: str
    shots: list[Shot]
    tags: frozenset[str] = frozenset()

    @property
    def secs(self) -> float:
        return sum(s.secs for s in self.shots)


@dataclass
class CalEvent:
    uid: str
    start: float  # UTC epoch seconds
    end: float
    summary: str
    location: str = ""
    description: str = ""
    attendees: list[Person] = field(default_factory=list)
    status: str = "CONFIRMED"  # CONFIRMED, CANCELLED
    declined: bool = False
    all_day: bool = False
    organizer: Person | None = None
    tags: frozenset[str] = frozenset()


@dataclass
class Recurring:
    """A weekly meeting: its calendar entry carries an RRULE from a date before the generated weeks."""

    uid: str
    weekday: int
    local: float  # seconds after local midnight
    secs: float
    summary: str
    matter: Matter | None
    platform: str
    first: date
    attendees: list[Person] = field(default_factory=list)
    description: str = ""


@dataclass
class Day:
    date: str  # YYYY-MM-DD (UTC date of every event that day)
    start: float  # UTC epoch seconds of the first shot
    segments: list[Segment]


@dataclass
class Week:
    days: list[Day]
    events: list[CalEvent]
    matters: list[Matter]
    recurring: list[Recurring] = field(default_factory=list)
