"""Every threshold and word list sessionize uses, as one frozen record with documented defaults.

The lead maps user settings onto these fields; nothing else in sessionize hard-codes a threshold.
Word lists are lowercase substrings matched against window titles, app names and URL hosts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ledgerwatch.domain import RoundingPolicy

PERSONAL_DOMAINS: tuple[str, ...] = (
    "youtube.com",
    "youtu.be",
    "netflix.com",
    "hulu.com",
    "disneyplus.com",
    "twitch.tv",
    "spotify.com",
    "facebook.com",
    "instagram.com",
    "tiktok.com",
    "twitter.com",
    "x.com",
    "reddit.com",
    "pinterest.com",
    "espn.com",
    "nba.com",
    "nfl.com",
    "mlb.com",
    "bleacherreport.com",
    "sports.yahoo.com",
    "nytimes.com",
    "cnn.com",
    "foxnews.com",
    "bbc.com",
    "bbc.co.uk",
    "theguardian.com",
    "washingtonpost.com",
    "news.google.com",
    "news.yahoo.com",
    "buzzfeed.com",
    "huffpost.com",
    "theverge.com",
    "amazon.com",
    "ebay.com",
    "etsy.com",
    "walmart.com",
    "target.com",
    "bestbuy.com",
    "wayfair.com",
    "zillow.com",
    "redfin.com",
    "realtor.com",
    "trulia.com",
    "airbnb.com",
    "booking.com",
    "expedia.com",
    "kayak.com",
    "tripadvisor.com",
    "yelp.com",
    "doordash.com",
    "ubereats.com",
    "grubhub.com",
    "weather.com",
    "accuweather.com",
    "imdb.com",
    "rottentomatoes.com",
    "goodreads.com",
    "mail.google.com/mail/u/1",
    "mail.yahoo.com",
    "outlook.live.com",
    "icloud.com",
    "chase.com",
    "bankofamerica.com",
    "wellsfargo.com",
    "venmo.com",
    "paypal.com",
    "robinhood.com",
    "coinbase.com",
    "fidelity.com",
    "vanguard.com",
    "linkedin.com/feed",
    "match.com",
    "tinder.com",
    "craigslist.org",
    "wikipedia.org/wiki/special:random",
    "store.steampowered.com",
    "epicgames.com",
)
"""sites (host or host/path prefix) that are personal, never billable"""

PERSONAL_TITLES: tuple[str, ...] = (
    "youtube",
    "netflix",
    "spotify",
    "facebook",
    "instagram",
    "tiktok",
    "reddit",
    "twitter",
    "espn",
    "new york times",
    "cnn",
    "fox news",
    "bbc news",
    "the guardian",
    "washington post",
    "zillow",
    "redfin",
    "amazon.com",
    "ebay",
    "etsy",
    "airbnb",
    "expedia",
    "tripadvisor",
    "yelp",
    "doordash",
    "uber eats",
    "weather",
    "imdb",
    "steam",
    "twitch",
    "hulu",
    "disney+",
    "prime video",
    "shopping cart",
    "sports",
    "nba ",
    "nfl ",
    "mlb ",
    "fantasy football",
    "recipes",
    "horoscope",
    "crossword",
    "wordle",
    "solitaire",
)
"""title fragments of personal pages and apps"""

PERSONAL_APPS: tuple[str, ...] = (
    "spotify",
    "steam",
    "discord",
    "whatsapp",
    "telegram",
    "signal",
    "messenger",
    "netflix",
    "music",
    "itunes",
    "vlc",
    "solitaire",
    "minecraft",
    "epicgameslauncher",
    "battle.net",
    "facetime",
    "photos",
    "tv.app",
    "podcasts",
)
"""application names (lowercase, without .exe) that are personal"""

CONSUMER_MAIL_DOMAINS: tuple[str, ...] = (
    "gmail.com",
    "googlemail.com",
    "yahoo.com",
    "hotmail.com",
    "outlook.com",
    "live.com",
    "msn.com",
    "icloud.com",
    "me.com",
    "mac.com",
    "aol.com",
    "proton.me",
    "protonmail.com",
    "gmx.com",
    "gmx.net",
    "yandex.com",
    "zoho.com",
    "comcast.net",
    "verizon.net",
    "att.net",
)
"""mailbox domains of private accounts: a mailbox view of such an account is personal"""

ADMIN_PATTERNS: tuple[str, ...] = (
    "expense report",
    "expenses report",
    "expense claim",
    "timesheet",
    "time sheet",
    "time entry",
    "time entries",
    "cle tracker",
    "mcle",
    " cle ",
    "cle credit",
    "continuing legal education",
    "intranet",
    "firm-wide",
    "firm wide",
    "firmwide",
    "all hands",
    "all-hands",
    "staff meeting",
    "partners meeting",
    "payroll",
    "benefits enrollment",
    "open enrollment",
    "hr portal",
    "helpdesk",
    "help desk",
    "it support",
    "password reset",
    "bar dues",
    "state bar of",
    "bar association",
    "conflicts check",
    "conflict check",
    "new business intake",
    "marketing",
    "business development",
    "lunch & learn",
    "lunch and learn",
    "training",
    "webinar",
    "firm newsletter",
    "holiday party",
    "performance review",
    "billing review",
    "prebill",
    "pre-bill",
    "invoice approval",
    "accounts payable",
    "workday",
    "concur",
    "expensify",
    "adp ",
    "gusto",
    "mileage log",
    "firm meeting",
    "practice group meeting",
    "department meeting",
    "cle:",
    "cle webinar",
    "cle transcript",
    "timekeeping",
)
"""title fragments of firm administration (non-billable)"""

ADMIN_SITES: tuple[str, ...] = (
    "legal tracker",
    "legaltracker",
    "tymetrix",
    "t360",
    "counsellink",
    "ebillinghub",
    "e-billing",
    "ebilling",
    "billing portal",
    "invoice submission",
    "collaborati",
    "bottomline",
    "serengeti",
    "brightflag",
    "apperio",
    "billingpoint",
    "lawtrac",
    "passportondemand",
    "mitratech",
    "simplelegal",
    "timekeeping",
    "time entry",
    "time entries",
    "timesheet",
    "time sheet",
    "intapp",
    "conflicts check",
    "conflict check",
    "conflicts search",
    "new matter intake",
    "new business intake",
    "intranet",
    "sharepoint - home",
    "firm directory",
    "hr portal",
    "payroll",
    "workday.com",
    "myworkday",
    "adp.com",
    "concur",
    "expensify",
    "elite 3e",
    "aderant",
    "carpe diem",
    "docketing",
    "anaqua",
    "foundationip",
    "appcoll",
    "inprotech",
    "alt legal",
    "ipfolio",
    "pattsy",
    "memotech",
)
"""e-billing portals, timekeeping, conflicts, intake, intranet and HR tools: firm administration even when
the page names a client or matter (submitting a client's invoice is not work on its matter)"""

PRACTICE_MANAGEMENT: tuple[str, ...] = (
    "clio",
    "mycase",
    "practicepanther",
    "smokeball",
    "rocket matter",
    "filevine",
    "cosmolex",
    "zola suite",
    "leap",
    "actionstep",
    "centerbase",
    "bill4time",
    "timesolv",
    "aderant",
    "elite 3e",
    "prolaw",
)
"""practice-management products: their calendar, task and billing pages are firm administration"""

PM_ADMIN_PAGES: tuple[str, ...] = (
    "calendar",
    "tasks",
    "dashboard",
    "activities",
    "bills",
    "billing",
    "reports",
    "settings",
    "inbox",
)
"""pages of a practice-management product that are administration when no matter is named"""

AI_TOOL_DOMAINS: tuple[str, ...] = (
    "chatgpt.com",
    "chat.openai.com",
    "claude.ai",
    "gemini.google.com",
    "bard.google.com",
    "copilot.microsoft.com",
    "perplexity.ai",
    "harvey.ai",
    "cocounsel",
    "poe.com",
    "you.com",
    "lexis.com/ai",
    "lexisplusai",
    "westlaw.com/ai",
    "spellbook.legal",
    "mistral.ai",
    "deepseek.com",
)
"""sites of generative-AI tools (time there is flagged per ABA Formal Opinion 512)"""

AI_TOOL_TITLES: tuple[str, ...] = (
    "chatgpt",
    "claude",
    "gemini",
    "microsoft copilot",
    "copilot |",
    "perplexity",
    "harvey",
    "cocounsel",
    "lexis+ ai",
    "westlaw precision ai",
    "ai-assisted research",
    "spellbook",
)
"""title fragments of generative-AI tools"""

RESEARCH_DOMAINS: tuple[str, ...] = (
    "westlaw.com",
    "lexis.com",
    "lexisnexis.com",
    "bloomberglaw.com",
    "fastcase.com",
    "casetext.com",
    "vlex.com",
    "courtlistener.com",
    "scholar.google.",
    "heinonline.org",
    "law.cornell.edu",
    "justia.com",
    "findlaw.com",
    "casemine.com",
    "govinfo.gov",
    "ecfr.gov",
    "uscode.house.gov",
    "law360.com",
    "practicallaw",
    "leginfo.legislature",
    "supremecourt.gov",
    "oyez.org",
    "ssrn.com",
    "jstor.org",
    "decisis",
    "trellis.law",
    "docketbird",
    "pacermonitor.com",
    "unicourt.com",
)
"""legal research sites: pages there take the matter from the research topic or the work around them"""

RESEARCH_TITLES: tuple[str, ...] = (
    "westlaw",
    "lexis",
    "google scholar",
    "bloomberg law",
    "fastcase",
    "casetext",
    "courtlistener",
    "heinonline",
    "practical law",
    "law360",
    "legal information institute",
    "justia",
    "vlex",
    "decisis",
    "findlaw",
    "ssrn",
    "oyez",
    "trellis",
)
"""title fragments of legal research sites"""

DOCKET_MARKERS: tuple[str, ...] = ("cm/ecf", "pacer", "docket", "dkt", "e-filing", "efiling", "odyssey")
"""title fragments of court dockets and filings"""

CALL_APPS: tuple[str, ...] = (
    "zoom",
    "teams",
    "webex",
    "ringcentral",
    "gotomeeting",
    "goto meeting",
    "skype",
    "bluejeans",
    "dialpad",
    "8x8",
    "vonage",
    "jitsi",
    "whereby",
    "chime",
)
"""apps whose meeting windows are calls (their matter comes from the calendar)"""

CALL_TITLES: tuple[str, ...] = (
    "zoom meeting",
    "zoom webinar",
    "meeting in",
    "| meeting",
    "meeting |",
    "meeting -",
    "- meeting",
    "microsoft teams meeting",
    "teams meeting",
    "call with",
    "call |",
    "| call",
    "webex meeting",
    "cisco webex",
    "webex",
    "ringcentral meeting",
    "ringcentral video",
    "google meet",
    "meet -",
    "meet.google.com",
    "gotomeeting",
    "huddle",
    "conference call",
    "video call",
    "bluejeans",
)
"""title fragments of an ongoing call or meeting"""

NEUTRAL_TITLES: tuple[str, ...] = (
    "inbox",
    "sent items",
    "sent mail",
    "drafts",
    "deleted items",
    "junk",
    "outbox",
    "archive",
    "all mail",
    "chat |",
    "| chat",
    "activity |",
    "notifications",
    "new tab",
    "start page",
    "program manager",
    "task switching",
    "desktop",
    "file explorer",
    "this pc",
    "downloads",
    "search",
    "lock screen",
    "settings",
    "task manager",
    "calculator",
    "notepad",
    "finder",
    "recents",
)
"""title fragments of views that are no task by themselves (inbox list, chat list, file manager)"""

WORKSPACE_MARKERS: tuple[str, ...] = (
    "imanage",
    "netdocuments",
    "ndoffice",
    "worksite",
    "filesite",
    "workspace",
    "sharepoint",
    "onedrive",
    "box.com",
    "dropbox",
    "drive.google",
    "google drive",
    "documents",
    "document library",
    "folder",
    "matter center",
    "matter page",
)
"""sites and page words of a matter's document workspace: a document opened from one belongs to its matter"""

ATTENDANCE_WORDS: tuple[str, ...] = (
    "hearing",
    "deposition",
    " depo ",
    "depo of",
    "mediation",
    "arbitration hearing",
    "trial",
    "court",
    "oral argument",
    "status conference",
    "pretrial conference",
    "pre-trial conference",
    "settlement conference",
    "case management conference",
    "motion calendar",
    "arraignment",
    "sentencing",
    "closing",
    "site visit",
    "site inspection",
    "inspection",
    "in person",
    "in-person",
    "on site",
    "on-site",
)
"""words of calendar events attended away from the desk"""

GENERIC_DOCUMENTS: tuple[str, ...] = (
    "document",
    "untitled",
    "book",
    "presentation",
    "new message",
    "untitled message",
    "message",
    "new document",
    "new email",
    "untitled document",
    "untitled spreadsheet",
    "untitled presentation",
    "(no subject)",
    "no subject",
    "noname",
    "new mail",
    "compose",
    "draft",
    "blank document",
    "compose mail",
    "new message",
    "write",
    "reply",
    "forward",
    "untitled message",
)
"""names of unsaved documents and unaddressed messages: they take the matter of the work around them"""


@dataclass(frozen=True, slots=True)
class SessionizePolicy:
    """How sessionize turns activity into drafts; every field is a setting with a sensible default."""

    interruption_seconds: int = 120
    """short interruptions (an inbox glance, a chat ping) up to this long stay inside the surrounding block"""
    keep_interruption_seconds: int = 90
    """an interruption with strong evidence of its own (matter number, client ID) this long keeps its matter"""
    context_seconds: int = 1800
    """how far (in seconds of wall-clock) a generic window looks for the work around it"""
    research_context_seconds: int = 900
    """how far a research page without a client ID looks for the matter it serves"""
    guess_busiest_sibling: bool = False
    """where nothing tells a client's matters apart, guess its most active one instead of asking"""
    sandwich_max_seconds: int = 900
    """a named document, thread or call longer than this is a task of its own, not a detour inside the work
    around it: the work on both sides does not decide it"""
    call_context_seconds: int = 600
    """an unscheduled call this soon after decided work (an e-mail, a document) is about that work"""
    opened_seconds: int = 180
    """a document first seen this long after a matter's workspace, folder or page was opened from it"""
    episode_gap_seconds: int = 900
    """a document, thread or call seen again within this gap is the same episode of work"""
    rounding: RoundingPolicy = field(default_factory=RoundingPolicy)
    """rounding for matters that have none of their own"""
    min_confidence: Decimal = Decimal("0.6")
    """drafts below this confidence carry a low-confidence problem"""
    max_hours_per_day: Decimal = Decimal("24")
    """a day whose drafts add up to more than this carries a problem on every draft"""
    attribution_threshold: float = 3.0
    """evidence score a matter needs to be chosen"""
    attribution_margin: float = 1.5
    """how far ahead of the runner-up the chosen matter must be"""
    admits_score: float = 2.5
    """a window's own evidence this strong limits the matters context may give it to those it points to"""
    strong_score: float = 8.0
    """evidence score that counts as strong (matter number, docket, client ID, caption)"""
    learned_confidence: float = 0.8
    """the learned model decides a block the rules leave undecided only at or above this confidence"""
    merge_same_task: bool = True
    """blocks of the same matter and task on one day become one draft with several spans"""
    calendar_away: bool = True
    """away time inside an attended calendar event (a hearing, a deposition, a meeting at a place) becomes
    a draft from the calendar, flagged for the attorney to confirm"""
    calendar_away_min_seconds: int = 300
    """shorter away stretches inside an event are not worth a draft of their own"""
    overrun_seconds: int = 0
    """an attended event (a hearing, a deposition) still away from the desk when its calendar slot ends may be
    taken to run on, up to this long; off by default, since the same away time is as often the trip back"""
    bill_travel: bool = False
    """travel to and from an attended event (away time right before and after it) is drafted too"""
    travel_max_seconds: int = 5400
    """the longest away stretch before or after an event counted as travel"""
    passive_reading_seconds: int = 1200
    """a document, filing, research page or call in front with no input this long or less, the same window
    before and after, is kept as reading (flagged); 0 turns it off"""
    calls_override_away: bool = True
    """time on a call counts while the keyboard is idle, but only on positive call evidence: a call
    event, or a call window during a calendar event (the draft's reasons show the idle minutes)"""
    incognito_is_personal: bool = True
    """private-browsing windows are personal and their titles are never shown"""
    personal_domains: tuple[str, ...] = PERSONAL_DOMAINS
    personal_titles: tuple[str, ...] = PERSONAL_TITLES
    personal_apps: tuple[str, ...] = PERSONAL_APPS
    consumer_mail_domains: tuple[str, ...] = CONSUMER_MAIL_DOMAINS
    admin_patterns: tuple[str, ...] = ADMIN_PATTERNS
    admin_sites: tuple[str, ...] = ADMIN_SITES
    practice_management: tuple[str, ...] = PRACTICE_MANAGEMENT
    practice_management_pages: tuple[str, ...] = PM_ADMIN_PAGES
    ai_tool_domains: tuple[str, ...] = AI_TOOL_DOMAINS
    ai_tool_titles: tuple[str, ...] = AI_TOOL_TITLES
    research_domains: tuple[str, ...] = RESEARCH_DOMAINS
    research_titles: tuple[str, ...] = RESEARCH_TITLES
    call_apps: tuple[str, ...] = CALL_APPS
    call_titles: tuple[str, ...] = CALL_TITLES
    neutral_titles: tuple[str, ...] = NEUTRAL_TITLES
    generic_documents: tuple[str, ...] = GENERIC_DOCUMENTS
    workspace_markers: tuple[str, ...] = WORKSPACE_MARKERS
    attendance_words: tuple[str, ...] = ATTENDANCE_WORDS
