"""Plain records shared by the corpus personas and the generator (stdlib only)."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field
from typing import Protocol

PHASES = (1, 2)  # week k of a persona's calendar follows the pattern of phase ((k - 1) % 2) + 1


@dataclass(frozen=True)
class Matter:
    """A row of matters.csv; weight is the share of the attorney's work it gets."""

    number: str
    client: str
    description: str
    keywords: tuple[str, ...]
    status: str = "Open"
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    practice: str = ""
    weight: float = 1.0  # 0: no ordinary work (a closed matter only gets forced tasks)
    since: int = 1  # first week in which the matter is on the list (opened later = new)


@dataclass(frozen=True)
class Art:
    """Something the attorney works in: a document, a thread, a research topic, a site.

    kind: doc | sheet | pdf | thread | research | site | ai
    weak: its name alone does not say which matter it belongs to (a rules-only attributor misses it).
    """

    kind: str
    matter: str
    name: str
    weak: bool = False
    since: int = 1  # first week in which it exists (later = new to a learner)
    url: str = ""
    client_id: str = ""  # research: the client ID typed into Westlaw/Lexis (shown in some titles)
    alt: str = ""  # pdf: metadata title some viewers show instead of the file name
    cases: tuple[str, ...] = ()  # research: case pages opened (titles name only the case)


@dataclass(frozen=True)
class Meeting:
    """A call or meeting; on the calendar unless status is adhoc."""

    summary: str
    matter: str | None
    app: str  # zoom | zoom_webinar | teams | webex | ringcentral
    weekday: int  # 0 = Monday
    at: str  # local "HH:MM" as scheduled
    minutes: int
    weeks: tuple[int, ...] = PHASES
    attendees: tuple[str, ...] = ()
    location: str = ""
    rrule: str = ""  # a weekly series, e.g. "FREQ=WEEKLY;BYDAY=TU"
    status: str = "held"  # held | cancelled | declined | adhoc (held, not on the calendar)
    kind: str = "billable"  # billable | nonbillable
    window: str = ""  # window title override (phone app: "Call with ...")
    what: str = ""


@dataclass(frozen=True)
class Win:
    """One foreground window as the window watcher sees it (plus the tab the web watcher sees)."""

    app: str
    title: str
    url: str = ""
    incognito: bool = False
    audible: bool = False
    web: bool = False  # the browser has a web watcher: emit a web.tab.current event
    web_title: str = ""
    url_in_window: bool = False  # macOS window watcher reports the browser URL itself


class Skin(Protocol):
    """How one persona's machine names its windows."""

    def doc(self, art: Art, rng: random.Random) -> Win: ...
    def generic_doc(self, n: int) -> Win: ...
    def thread(self, subject: str, rng: random.Random) -> Win: ...
    def compose(self, subject: str, rng: random.Random) -> Win: ...
    def inbox(self, rng: random.Random) -> Win: ...
    def research(self, art: Art, rng: random.Random) -> Win: ...
    def case(self, name: str, rng: random.Random) -> Win: ...
    def site(self, art: Art, rng: random.Random) -> Win: ...
    def ai(self, art: Art, rng: random.Random) -> Win: ...
    def folder(self, name: str) -> Win: ...
    def chat(self, rng: random.Random) -> Win: ...
    def call(self, meeting: Meeting, rng: random.Random) -> list[Win]: ...
    def lock(self) -> Win | None: ...
    def page(self, url: str, title: str, *, incognito: bool = False, audible: bool = False) -> Win: ...


@dataclass(frozen=True)
class Persona:
    """An attorney, a firm, its matters and its habits."""

    name: str
    firm: str
    attorney: str
    email: str
    host: str
    tz_name: str
    std_offset_h: int  # standard time offset from UTC (US daylight rules apply)
    aw_variant: str  # rust | python
    calendar_style: str  # google | thunderbird
    csv_extra_columns: bool
    csv_newline: str
    matters: tuple[Matter, ...]
    arts: tuple[Art, ...]
    meetings: tuple[Meeting, ...]
    deadlines: tuple[tuple[int, int, str], ...]  # (week, weekday, summary): all-day calendar items
    personal: tuple[Win, ...]
    admin: tuple[Win, ...]
    folders: dict[str, tuple[str, ...]]  # matter -> folder names
    neutral_folders: tuple[str, ...]
    skin: Skin
    day_start: str  # local "HH:MM"
    day_end: str
    series_start: str  # first date of the weekly calendar series (YYYY-MM-DD)
    task_weights: dict[str, float] = field(default_factory=dict)
    call_afk: float = 0.0  # chance that a long call has a stretch without input (afk while talking)
    read_afk: float = 0.0  # chance that reading a PDF has a stretch without input
    lock_on_lunch: float = 0.0  # chance that the screen locks while at lunch (macOS: loginwindow)
    leave_window_on: float = 0.0  # chance that the machine stays on after the day (afk tail)
    ai_rate: float = 0.0  # share of draft/research tasks with a short AI-tool detour
    client_id_rate: float = 0.5  # share of Westlaw/Lexis titles that show the client ID
    forced: tuple[
        tuple[int, int, str, int, str, str], ...
    ] = ()  # (week, weekday, "HH:MM", minutes, matter, art name)


def stable_id(*parts: object, n: int = 12) -> str:
    """A short deterministic hex id from its parts."""
    return hashlib.sha1("|".join(str(p) for p in parts).encode()).hexdigest()[:n]
