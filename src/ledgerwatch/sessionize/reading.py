"""What one window (app, title, URL) says: its role, its label, its memory keys, its matter evidence.

A reading is computed once per distinct window and cached, so a year of events costs a few thousand
readings, not two hundred thousand.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import parse_qs, unquote, unquote_plus, urlsplit

from ledgerwatch.domain.text import ADDRESS, TITLE_LIMIT, bounded, url_host
from ledgerwatch.domain.webmeetings import web_meeting
from ledgerwatch.sessionize.matching import DECISIVE, EMPTY, MatterIndex, Scores
from ledgerwatch.sessionize.memory import VERSION_TAIL_CHARACTERS, dms_number, memory_key, strip_dms
from ledgerwatch.sessionize.policy import SessionizePolicy
from ledgerwatch.sessionize.wordlists import (
    ADMIN_SUBJECTS,
    DOCKET_MARKERS,
    LEGAL_INSTRUMENTS,
    RESEARCH_TITLES,
    USPTO_DOCUMENT_CODES,
    WEB_SERVICES,
)


class Role(enum.StrEnum):
    DOCUMENT = "document"
    EMAIL = "email"
    RESEARCH = "research"
    DOCKET = "docket"
    CALL = "call"
    WEB = "web"
    FILES = "files"
    NEUTRAL = "neutral"
    """an inbox list, a chat list, the desktop: no task by itself"""
    GENERIC = "generic"
    """an unsaved document or an unaddressed message: takes the work around it"""
    MEETING = "meeting"
    """away from the desk at a calendar event (a hearing, a deposition): time from the calendar"""
    OTHER = "other"


class Klass(enum.StrEnum):
    WORK = "work"
    PERSONAL = "personal"
    ADMIN = "admin"
    AI = "ai"


_BROWSER_SUFFIX = re.compile(
    # Edge: "<title> and 7 more pages - Work - Microsoft Edge": after "more pages" the next segment is the
    # browser profile's name, whatever it is (often the firm's, which may be a party's name too)
    r"(?:\s+and\s+\d+\s+more\s+pages?(?:\s+[-—–]\s+[^-—–]{1,60}?(?=\s+[-—–]\s+microsoft\W*edge))?)?"
    r"(?:\s+[-—–]\s+(?:work|personal|school|default|guest|profile\s*\d*|[\w.@-]+@[\w.-]+|\w+\s\(work\)))?"
    r"(?:\s+\[inprivate\]|\s+\(private\)|\s+[-—–]\s+inprivate)?"
    r"\s+[-—–]\s+(?:google chrome|mozilla firefox|firefox|microsoft\W*edge|brave|opera|vivaldi|chromium|"
    r"safari|arc)(?:\s+[-—–].*)?$",
    re.IGNORECASE,
)
_PM_BILLING_PAGE = re.compile(
    r"(?:^|[\s|:-])(?:activities|bills?|billing|invoices?|time(?: entries| entry|keeping)?|timesheets?|"
    r"trust(?: accounting)?|accounting|payments?|pre-?bills?)(?:$|[\s|:-])"
)
"""the time, billing and accounting pages of a practice-management product: administration, whatever matter
they name (entering Acme's time is not work on Acme's matter)"""
_PM_BILLING_ROUTE = re.compile(
    r"/(?:activities|bills?|billing|invoices?|time[_-]?entries|timekeeping|timesheets?|trust(?:[_-]accounting)?|"
    r"accounting|payments?|pre-?bills?)(?:[/?#]|$)"
)
"""the same pages by their address, where the title names only the matter ("2025-0524 - Eriksen, Tariq - Clio"
at app.clio.com/nc/#/matters/1446043760/activities: the matter's time entries)"""
_PRIVATE_TITLE = re.compile(r"\[inprivate\]|\binprivate\b|private browsing|\(incognito\)|\bincognito\b", re.I)
_BROWSER_WORDS = ("chrome", "firefox", "edge", "brave", "opera", "vivaldi", "chromium", "safari", "arc")
"""a word every title _BROWSER_SUFFIX strips holds (in its case-folded form, as the pattern ignores case)"""


_START_PAGE = re.compile(
    r"^\s*(?:new (?:private |incognito |inprivate )?tab|start ?page|favou?rites|top sites|speed dial|blank page|"
    r"about:(?:blank|newtab|home))\s*$",
    re.IGNORECASE,
)
"""a browser's own empty page, its whole title: Safari's "Favorites", "Start Page" and "Top Sites", Chrome's,
Edge's and Firefox's "New Tab", Opera's "Speed Dial". Twenty minutes of "Favorites" between two stretches of a
motion was billed as "review Favorites"; a page that names nothing is no task (a longer title that says
"favorites" is read as any other)."""
_START_HOSTS = frozenset({"newtab", "favorites", "start-page", "startpage", "ntp.msn.com"})
"""the hosts of those pages' addresses (chrome://newtab, favorites://, Edge's ntp.msn.com)"""


def _without_browser(title: str) -> str:
    """A title without the browser's own words (its name, its profile, "and 7 more pages"). The pattern is
    tried at every space of the title: first a look for a browser's name, which most titles lack."""
    return _BROWSER_SUFFIX.sub("", title) if _contains(title.casefold(), _BROWSER_WORDS) else title


_APP_SUFFIX = re.compile(
    r"\s+[-—–|]\s+(?:microsoft\s+)?(?:word|excel|powerpoint|outlook|onenote|word online|excel online|"
    r"adobe acrobat[^-—–|]*|acrobat reader[^-—–|]*|adobe reader[^-—–|]*|foxit[^-—–|]*|preview|"
    r"libreoffice[^-—–|]*|google docs|google sheets|google slides|pages|numbers|keynote|"
    r"message \([^)]*\)|meeting response|meeting|appointment|mozilla thunderbird|thunderbird|mail|gmail|"
    r"microsoft teams|teams|zoom|nitro[^-—–|]*|pdf-xchange[^-—–|]*|evince|okular|sumatrapdf|"
    r"file explorer|notepad\+*|visual studio code|vscodium|sublime text[^-—–|]*|textedit|gedit|bbedit|"
    r"coteditor|mousepad|text editor|(?:microsoft\s+)?visio[^-—–|]*|bluebeam revu[^-—–|]*|kofax power pdf[^-—–|]*)\s*$",
    re.IGNORECASE,
)
_PART_SEPARATOR = re.compile(r"\s+[-\u2013\u2014|]\s+")
"""what separates a title's parts ("Smith memo.docx - Word", "Smith strategy call | Microsoft Teams")"""
_FLAGS = re.compile(
    r"\s*(?:\[(?:read-only|compatibility mode|protected view|autorecovered|shared|group|secured)\]|"
    r"\((?:read-only|protected view|compatibility mode|recovered|autorecovered|secured|unlicensed product)\)|"
    r"\((?:page|p\.)\s*\d+\s*(?:of|/)\s*\d+\)|,\s*(?:page|p\.)\s*\d+\s*(?:of|/)\s*\d+\b|"
    r"[-—–•]\s*(?:compatibility mode|read-only|protected view|saved to [^-—–]*|saved|edited|autosaved|recovered)"
    r"\b|[-—–•]\s*(?:saving|uploading)(?:\.{3}|…))\s*",
    re.IGNORECASE,
)
_FLAG_WORDS = (
    "read-only", "compatibility mode", "protected view", "recovered", "shared", "page", "p.", "saved", "edited",
    "saving", "uploading", "group", "secured", "unlicensed",
)
"""a word every flag _FLAGS removes holds (case-folded)"""


def _without_flags(text: str) -> str:
    """text without an editor's flags ([Read-Only], (Page 3 of 12), - Saved), each replaced by a space; first a
    look for their words, which most titles lack (the pattern is tried at every position)."""
    return _FLAGS.sub(" ", text) if _contains(text.casefold(), _FLAG_WORDS) else text


_EXTENSION = re.compile(
    r"\.(?:docx?|docm|dotx|dotm|pdf|xlsx?|xlsm|xlsb|xltx|xltm|csv|pptx?|pptm|ppsx|potx|rtf|txt|odt|ods|odp|pages|"
    r"numbers|key|msg|eml|wpd|md|vsdx?|dwg|asd|wbk)\b",
    re.IGNORECASE,
)
_UNREAD_COUNT = re.compile(r"^\(\d{1,5}\+?\)\s+")
"""the unread count a web app puts before its page's title ("(3) Inbox - j@firm.com - Gmail", "(2) Chat | Jordan
Smith | Microsoft Teams"): no part of the page, nor of a subject or a thread's identity"""
_GATEWAY_TAGS = (
    r"external|ext|external email|external sender|external message|secure|encrypt|encrypted|caution|spam|"
    r"suspected spam"
)
"""what a mail gateway tags outside or encrypted mail with ("[EXTERNAL]", "*EXT*", "(Secure)", "*** EXTERNAL ***",
"[CAUTION]", "[SPAM]")"""
_TAGGED = rf"(?:\[|\(|\*{{1,3}})\s?(?:{_GATEWAY_TAGS})\s?(?:\]|\)|\*{{1,3}})"
"""a gateway's tag in its brackets or stars ("[EXTERNAL]", "*** EXTERNAL ***", "(Secure)")"""
_SUBJECT_PREFIX = re.compile(
    r"^\s*(?:(?:re|fw|fwd|aw|wg|sv|tr|rv|r|vs|antw|write|compose|reply|forward|draft)\s*(?:\[\d+\])?\s*:\s*"
    rf"|{_TAGGED}\s*"
    r"|(?:external|ext)\s*:\s*"
    r"|(?:accepted|tentative|tentatively accepted|declined|cancell?ed|canceled event|cancell?ed event|updated|"
    r"new time proposed|(?:updated )?invitation|automatic reply|auto(?:matic)?[- ]?reply|out of office|"
    r"undeliverable|delivery status notification(?: \(failure\))?|read|not read|recall|delivered|reminder|"
    r"completed|voided|please docusign|docusign|please sign|signature requested)\s*:\s*)+",
    re.I,
)
"""replies' and forwards' prefixes, the tags a mail gateway puts before them ("[EXTERNAL] RE: ..."), and what the
mail system puts before a thread's subject in its own messages (a meeting's "Accepted:", "Automatic reply:",
"Undeliverable:", a read receipt's "Read:", "Recall:", a reminder, DocuSign's "Please DocuSign:" and
"Completed:"): one thread, one subject"""
_SUBJECT_TAG = re.compile(rf"\s*{_TAGGED}\s*$", re.I)
"""a mail gateway's tag after the subject ("... motion to compel [EXTERNAL]")"""
_PLAIN = re.compile(r"[^0-9a-z&+]+")
CHAT_VIEWS = (
    "chat",
    "channel",
    "activity",
    "calendar",
    "files",
    "teams and channels",
    "workplace",
    "home",
    "contacts",
    "settings",
    "notifications",
    "phone",
    "voicemail",
    "messages",
    "team chat",
)
_SEPARATORS = re.compile(r"\s*::\s*|\s+[-—–|:]\s+|\s*\|\s*|:\s+")
"""what separates a research page's parts: dashes, bars, colons and Justia's "::" ("Cal. Lab. Code § 203 ::
California Code :: Justia")"""
_QUERY_KEYS = ("q", "query", "pdsearchterms", "searchterms", "search", "qs", "term", "terms", "keywords")
_DIGITS = re.compile(r"\d+")
_CLIENT_ID_TEXT = re.compile(r"\s*(?:[|\-–—]\s*)?client(?:\s*/\s*matter|\s+matter)?(?:\s*id)?\s*[:#]\s*\S+", re.I)

BROWSERS = ("chrome", "firefox", "safari", "msedge", "edge", "brave", "opera", "vivaldi", "chromium")
WORD_APPS = ("winword", "word", "pages", "writer", "wps", "textedit", "libreoffice", "soffice", "onenote")
SLIDE_APPS = ("powerpnt", "powerpoint", "keynote", "impress", "visio", "omnigraffle", "draw.io")
"""presentation and drawing programs: a deck or a set of patent figures is a document the attorney drafts, read
as one (family "word")"""
EDITOR_APPS = (
    "notepad",
    "sublime_text",
    "sublime text",
    "textmate",
    "bbedit",
    "coteditor",
    "gedit",
    "gnome-text-editor",
    "mousepad",
)
"""plain-text and code editors: notes and drafts kept as text files (family "word")"""
EDITOR_NAMES = frozenset(
    {"code", "code - insiders", "visual studio code", "vscodium", "emacs", "gvim", "zed", "kate", "xed", "pluma"}
)
"""editors whose short names must match whole ("code" and "kate" are inside too many other names)"""
_WRITING_APPS = (*WORD_APPS, *SLIDE_APPS, *EDITOR_APPS)
SHEET_APPS = ("excel", "numbers", "calc", "et.exe")
PDF_APPS = (
    "acrobat", "acrord", "reader", "preview", "foxit", "evince", "okular", "pdf", "nitro", "sumatra", "revu",
    "bluebeam", "kofax", "power pdf",
)  # fmt: skip
MAIL_APPS = (
    "outlook",
    "olk",
    "mail",
    "thunderbird",
    "evolution",
    "spark",
    "airmail",
    "postbox",
    "mailspring",
    "superhuman",
    "mimestream",
    "newton",
)
CONSUMER_CALL_TOOLS = frozenset({"FaceTime"})
"""call apps people use for family as often as for clients: an unscheduled call in one is a client's only when
its own words or the calendar say so, never by the work just before it"""
CALL_APP_NAMES = (
    "teams",
    "zoom",
    "cpthost",
    "webex",
    "ciscocollabhost",
    "atmgr",
    "ringcentral",
    "gotomeeting",
    "g2mcomm",
    "g2mui",
    "g2mstart",
    "goto opener",
    "goto",
    "bluejeans",
    "skype",
    "dialpad",
    "facetime",
    "zoiper",
    "bria",
    "3cxdesktopapp",
    "microsip",
    "jabber",
    "phoneexperiencehost",
)
"""applications whose windows are meetings and calls (Windows, macOS and Linux spellings)"""
CHAT_APPS = ("slack", "teams", "chat", "messages", "skype", "jabber", "webex")
FILE_APPS = ("explorer", "finder", "nautilus", "dolphin", "thunar", "nemo", "pcmanfm", "files", "totalcmd")
SYSTEM_APPS = (
    "lockapp",
    "loginwindow",
    "screensaver",
    "searchui",
    "searchhost",
    "shellexperiencehost",
    "startmenuexperiencehost",
    "applicationframehost",
    "dock",
    "systemuiserver",
    "gnome-shell",
)


MAILBOX = "inbox"
"""the label of a mailbox view ("Inbox - p.lindqvist@firm.com - Outlook", "Mail - Pablo Lindqvist - Outlook")"""


@dataclass(frozen=True, slots=True)
class Reading:
    """The meaning of one distinct window."""

    role: Role
    klass: Klass
    family: str
    """word, sheet, pdf, mail, browser, call, chat, files, system, other"""
    label: str
    """a document name, an e-mail subject, a research topic, a site: what the narrative names"""
    keys: tuple[str, ...]
    """memory and topic keys"""
    scores: Scores
    editing: bool = False
    """the document was open for writing (not read-only, not a PDF)"""
    tool: str = ""
    """the research service, call app or web service (Datasite, DocuSign), for the narrative"""
    site: str = ""
    evidence: str = ""
    """what in the window names its best matter ("docket number 1:24-cv-03318, caption ..."), if any"""
    admits: frozenset[str] = frozenset()
    """the matters its own words leave possible (empty: no clue): context never gives it another"""
    person: str = ""
    """the person a call or chat window names ("Liam Whitaker"), or "" (none, or only a phone number)"""
    record: str = ""
    """the record a portal's page shows, by its address's id ("DocumentList?docketId=326ada0937"): pages a
    court's or agency's portal titles alike for every case ("NYSCEF - Document List") are one page per record"""
    task: str = field(init=False, repr=False, compare=False)
    """the task kind a draft names (draft, review, email, research, docket, call, files, other)"""
    text: str = field(init=False, repr=False, compare=False)
    """what a draft's narrative names for it ("" for generic and neutral windows; calls name the meeting)"""
    folded: str = field(init=False, repr=False, compare=False)
    """the label in lower case: recurring documents, threads and topics are grouped by it"""
    folded_text: str = field(init=False, repr=False, compare=False)
    """text in lower case: what tells one task of a matter from another"""
    points: int | None = field(init=False, repr=False, compare=False)
    """the matter its own evidence points to alone (best, without sibling matters close behind)"""
    named: str = field(init=False, repr=False, compare=False)
    """text without surrounding spaces"""
    shown: tuple[str, str] = field(init=False, repr=False, compare=False)
    """the (kind, label) a draft's evidence shows for it, except for calls and personal time"""

    @property
    def mailbox(self) -> bool:
        """A mailbox view: no message of its own in the title, only its owner (see MAILBOX)."""
        return self.role is Role.NEUTRAL and self.label == MAILBOX

    def __post_init__(self) -> None:
        role = self.role
        # a chat names the person or the conversation (a Slack channel) it is with: only a chat's neutral reading
        # has a tool (Teams, Slack)
        chat = role is Role.NEUTRAL and bool(self.person or self.tool)
        # a mailbox view is e-mail work: reading the inbox for a matter's thread is correspondence, not "other"
        task = "chat" if chat else "email" if self.mailbox else _task_of(role, self.family, self.editing)
        object.__setattr__(self, "task", task)
        text = (self.person or self.label) if chat else "" if role in (Role.GENERIC, Role.NEUTRAL) else self.label
        if role is Role.DOCKET:
            text = _court_page(_name_of(text))
        elif role is Role.DOCUMENT:
            text = _name_of(text)
        elif role is Role.RESEARCH:
            text = research_name(text)
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "named", text.strip())
        object.__setattr__(self, "folded", self.keys[0] if self.keys else self.label.lower())
        object.__setattr__(self, "folded_text", self.folded if text else "")
        scores = self.scores
        object.__setattr__(self, "points", None if scores.siblings else scores.best)
        if role is Role.WEB:
            shown = ("site", self.site or self.label)
        else:
            shown = (_EVIDENCE_KIND.get(role, "window"), self.label)
        object.__setattr__(self, "shown", shown)


_FILE_WRAPPER = re.compile(
    r"^\d{2}[/ ,.]?\d{3}[ ,.]?\d{3}[-_ ](\d{4})-(\d{2})-(\d{2})(?:[-_ ]\d{3,6})?[-_ ]([A-Z0-9.]{2,9})$", re.IGNORECASE
)
"""a patent office file-wrapper download: application number, mail date, sequence (Patent Center's downloads
have one, a docketing system's copies not always), document code"""


_CM_ECF = re.compile(r"^CM/ECF(?:\s+LIVE)?\s*-\s*[^:]{3,80}:\s*([A-Za-z0-9]{3,8})\s*-\s*(.+)$", re.IGNORECASE)
"""a federal court's CM/ECF page: "CM/ECF - U.S. District Court:cacd - Docket Report", "CM/ECF LIVE - U.S.
Bankruptcy Court:nysb - Query" (court code, page)"""


def _court_page(name: str) -> str:
    """A court's e-filing page as a narrative names it: "CACD Docket Report", not "CM/ECF - U.S. District
    Court:cacd - Docket Report"."""
    found = _CM_ECF.match(name)
    return f"{found.group(1).upper()} {found.group(2).strip()}" if found is not None else name


def _name_of(document: str) -> str:
    """A document's name for a narrative: without its DMS number, and "" for one that is nothing but its
    number (iManage's "ACTIVE_6701354_2", "4400123_1"): a number is clutter on a bill, not a name. A patent
    office download is named by its document and date ("Non-Final Rejection dated 11/14/2025")."""
    wrapper = _FILE_WRAPPER.match(document.strip())
    if wrapper is not None:
        year, month, day, code = wrapper.groups()
        return f"{USPTO_DOCUMENT_CODES.get(code.upper(), code)} dated {month}/{day}/{year}"
    name = strip_dms(document)
    return "" if name == document and dms_number(document) is not None else name


_JOINED_WORDS = re.compile(r"(?<=[^\W\d_])_(?=[^\W\d_])")
"""an underscore between two letters: a file name written without spaces ("Smith_Motion_to_Compel")"""
_SPACE_UNDERSCORE = re.compile(r"(?<!\d)_|_(?!\d)")
"""in such a name, each underscore not between two digits, which is part of a number ("3_25-cv-00917", PACER's
3:25-cv-00917)"""
_HYPHEN_WORDS = re.compile(r"(?<=[^\W\d_])-(?=[^\W\d_])")
_SAVED_AGAIN = re.compile(
    r"(?:[\s_-]{0,4}(?:\(|\[)?(?:v|ver|version|rev)[\s._-]?\d{1,3}(?:\)|\])?"
    r"|[\s_-]{0,4}\(\d{1,2}\)"
    r"|[\s_-]{0,4}\(?(?:draft|copy)(?:[\s_-]?\d{1,2})?\)?"
    r"|[\s_-]{1,4}(?:final|clean)(?:[\s_-]?\d{1,2})?)+$",
    re.IGNORECASE,
)
"""a name's marks of being saved again ("_v2", " - Copy (2)", "(DRAFT 3)", "_FINAL"): not what the work was on.
Marks that say what the document is ("signed", "executed", "redline") stay, unlike memory._VERSION_TAIL, which
makes one identity of every version and so drops those too."""


@lru_cache(maxsize=4096)
def readable(name: str) -> str:
    """A document's name as a narrative writes it: a file name's underscores, or the hyphens of a name that has
    no spaces ("Smith-Motion-to-Compel"), as spaces, and without the marks of saving it again (its identity,
    which the event notes and memory match, keeps them)."""
    if "_" in name and _JOINED_WORDS.search(name):
        name = _SPACE_UNDERSCORE.sub(" ", name)
    if " " not in name.strip() and name.count("-") >= 2:
        name = _HYPHEN_WORDS.sub(" ", name)
    cut = max(len(name) - VERSION_TAIL_CHARACTERS, 0)  # a mark is looked for where memory looks for one
    tail = _SAVED_AGAIN.search(name, cut)
    if tail is not None and tail.start() > cut:
        name = name[: tail.start()].rstrip(" -_")
    return name


_EVIDENCE_KIND = {
    Role.MEETING: "calendar",
    Role.DOCUMENT: "document",
    Role.DOCKET: "document",
    Role.EMAIL: "email",
    Role.RESEARCH: "research",
    Role.CALL: "calendar",
    Role.FILES: "folder",
    Role.WEB: "site",
}
"""role -> the evidence kind a draft shows"""
_ROLE_TASKS = {
    Role.MEETING: "attend",
    Role.CALL: "call",
    Role.EMAIL: "email",
    Role.RESEARCH: "research",
    Role.DOCKET: "docket",
    Role.FILES: "files",
    Role.WEB: "web",
}


def _task_of(role: Role, family: str, editing: bool) -> str:
    """What work in a window is: draft, review, email, research, docket, call, files, web (reviewing a page:
    a portal's record, a client's site, a prior-art page) or other (a chat with a person is "chat")."""
    if role is Role.MEETING and family in ("travel", "phone"):
        return "travel" if family == "travel" else "call"
    task = _ROLE_TASKS.get(role)
    if task is not None:
        return task
    if role is Role.DOCUMENT:
        return "draft" if editing else "review"
    if role is Role.GENERIC:
        if family == "mail":
            return "email"
        return "draft" if family == "word" else "review"
    return "other"


@lru_cache(maxsize=1024)
def app_family(app: str) -> str:
    """The kind of application, from its name (Windows, macOS and Linux spellings); a desktop has few."""
    name = app.lower().removesuffix(".exe").removesuffix(".app")
    # the Arc browser by its own word: "arc" inside a name is Windows Search (SearchHost.exe) or ArcGIS
    if name == "browser" or any(b in name for b in BROWSERS) or says(name, ("arc",)):
        return "browser"  # "browser": a tab from the browser extension, with no window watcher
    if any(app in name for app in CALL_APP_NAMES) or name == "goto":
        return "call"
    if any(w in name for w in _WRITING_APPS) or name in EDITOR_NAMES:
        return "word"
    if any(w in name for w in SHEET_APPS):
        return "sheet"
    if any(w in name for w in PDF_APPS):
        return "pdf"
    if any(w in name for w in MAIL_APPS):
        return "mail"
    if any(w in name for w in CHAT_APPS):
        return "chat"
    if any(w in name for w in FILE_APPS):
        return "files"
    if any(w in name for w in SYSTEM_APPS):
        return "system"
    return "other"


REMOTE_CLIENTS = (
    "citrix", "wfica", "cdviewer", "vmware-view", "vmware horizon", "remote desktop", "mstsc", "msrdc",
)  # fmt: skip
"""clients that show another machine's applications (Citrix, VMware Horizon, Remote Desktop's RemoteApp): the
window is that application's, as its title says"""
_REMOTE_MARK = re.compile(
    r"\s*(?:[-—–]\s*\\\\remote|\(remote\)|\[remote\]|[-—–]\s*desktop viewer|[-—–]\s*vmware horizon(?: client)?)"
    r"\s*$",
    re.IGNORECASE,
)
"""what a remote client adds after the application's own title ("Smith brief.docx - Word - \\\\Remote", "... (Remote)",
Citrix's "- Desktop Viewer")"""
_REMOTE_TAIL = 40
"""no remote client's mark is longer: the title's end is all that is searched for it"""
_REMOTE_PROGRAMS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"[-—–|]\s*(?:{ending})\s*$", re.IGNORECASE), program)
    for ending, program in (
        (r"(?:microsoft\s+)?word", "WINWORD.EXE"),
        (r"(?:microsoft\s+)?excel", "EXCEL.EXE"),
        (r"(?:microsoft\s+)?powerpoint", "POWERPNT.EXE"),
        (r"message \([^()]{1,20}\)|(?:microsoft\s+)?outlook|meeting|appointment", "OUTLOOK.EXE"),
        (r"adobe acrobat[^|]{0,40}|acrobat reader[^|]{0,40}", "Acrobat.exe"),
        (r"google chrome", "chrome.exe"),
        (r"microsoft\W{0,3}edge", "msedge.exe"),
        (r"microsoft teams", "ms-teams.exe"),
        (r"file explorer", "explorer.exe"),
        (r"(?:microsoft\s+)?onenote", "ONENOTE.EXE"),
        (r"notepad", "notepad.exe"),
    )
)
"""an application a remote window's title names at its end, and the program it is"""


def remote_app(app: str, title: str) -> tuple[str, str]:
    """The application and title a remote client's window shows: a seamless Citrix or RemoteApp window of Word
    ("Smith brief.docx - Word - \\\\Remote") is Word's, read as a document (it was an "other" window with no
    identity, or "desktop" made it the inbox's like). A whole remote desktop names no program: left as it is."""
    text = title.rstrip()
    text = text[:-_REMOTE_TAIL] + _REMOTE_MARK.sub("", text[-_REMOTE_TAIL:])  # read by its end: a hostile title
    for ending, program in _REMOTE_PROGRAMS:
        if ending.search(text[-80:]):
            return program, text
    return app, title


def _contains(text: str, fragments: tuple[str, ...]) -> bool:
    """Whether text contains one of fragments anywhere, inside words too (an application's name:
    "steamwebhelper" is Steam; a quick look before a pattern that is tried at every position)."""
    return any(fragment in text for fragment in fragments)


def says(text: str, fragments: tuple[str, ...]) -> bool:
    """Whether a title says one of fragments as words of its own: a fragment starting with a letter or digit
    starts a word, one ending with one ends it (or its plural, from seven letters: "timesheets"). Betsy is no
    Etsy, Claudette no Claude, Twitchell no Twitch, "concurrent causation" no Concur, Alexis no Lexis."""
    if len(fragments) <= _FEW:
        return any(_says_one(text, fragment) for fragment in fragments)
    by_word, rest = _plan(fragments)
    for word in _WORD.findall(text):
        found = by_word.get(word)
        if found is not None and any(_says_one(text, fragment) for fragment in found):
            return True
    return any(_says_one(text, fragment) for fragment in rest)


def _says_one(text: str, fragment: str) -> bool:
    return _found_at(text, fragment) != -1


def _found_at(text: str, fragment: str) -> int:
    """Where text says fragment as words of its own (see says), or -1."""
    at = text.find(fragment)
    while at != -1:
        if _bounded(text, at, fragment):
            return at
        at = text.find(fragment, at + 1)
    return -1


_FEW = 4
"""up to this many fragments are looked for one by one; a longer list through the words of the text"""
_WORD = re.compile(r"[^\W_]+")
"""a run of letters and digits: what str.isalnum() says of each character"""
_PLANS: dict[int, tuple[tuple[str, ...], tuple[dict[str, tuple[str, ...]], tuple[str, ...]]]] = {}
"""id of a list of fragments -> the list and its plan (_plan)"""


def _plan(fragments: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...]]:
    """A list of fragments by a word each must show whole in a text that says it, and those with no such word
    (no letter or digit). Every run of letters and digits in a fragment is a whole word of the text where
    the fragment is said (the rule of _bounded), but the last one may end in a plural "s"."""
    known = _PLANS.get(id(fragments))
    if known is not None and known[0] is fragments:
        return known[1]
    by_word: dict[str, list[str]] = {}
    rest: list[str] = []
    for fragment in fragments:
        runs = _WORD.findall(fragment)
        if not runs:
            rest.append(fragment)
            continue
        word = max(runs, key=len)
        by_word.setdefault(word, []).append(fragment)
        if word == runs[-1] and fragment[-1].isalnum() and len(fragment) >= _PLURAL_FROM:
            by_word.setdefault(word + "s", []).append(fragment)  # (a word twice: one more look, no harm)
    plan = ({word: tuple(found) for word, found in by_word.items()}, tuple(rest))
    if len(_PLANS) > _PLAN_LIMIT:
        _PLANS.clear()
    _PLANS[id(fragments)] = (fragments, plan)  # the list is held, so its id names no other list
    return plan


_PLAN_LIMIT = 256
_PLURAL_FROM = 7


def _bounded(text: str, at: int, fragment: str) -> bool:
    if fragment[0].isalnum() and at > 0 and text[at - 1].isalnum():
        return False
    end = at + len(fragment)
    if not fragment[-1].isalnum() or end == len(text) or not text[end].isalnum():
        return True
    plural = len(fragment) >= _PLURAL_FROM and text[end] == "s"
    return plural and (end + 1 == len(text) or not text[end + 1].isalnum())


def on_site(host: str, path: str, sites: tuple[str, ...]) -> bool:
    """Whether a page is on one of sites: a domain matches itself and its subdomains only ("x.com" is not
    "vlex.com"), a domain with a path ("linkedin.com/feed") also that path, a domain ending in a dot
    ("scholar.google.") itself under any top-level domain (.com, .co.uk); a word without a dot ("cocounsel")
    anywhere in the host."""
    if not host:
        return False
    domains, words, stems = _sites(sites)
    if words and any(word in host for word in words):
        return True
    if stems:
        dotted = "." + host
        for stem in stems:
            at = dotted.find("." + stem)
            if at != -1 and dotted.count(".", at + len(stem) + 1) <= 1:
                return True
    suffix = host
    while True:
        paths = domains.get(suffix)
        if paths is not None and any(not rest or path.startswith(rest) for rest in paths):
            return True
        _, dot, suffix = suffix.partition(".")
        if not dot:
            return False


@lru_cache(maxsize=64)
def _sites(sites: tuple[str, ...]) -> tuple[dict[str, tuple[str, ...]], tuple[str, ...], tuple[str, ...]]:
    """A list of sites as domain -> the paths under it that count ("" for all of it), bare words, and domains
    under any top-level domain (written with a final dot)."""
    domains: dict[str, tuple[str, ...]] = {}
    for site in sites:
        if "." in site and not site.endswith("."):
            domain, _, rest = site.partition("/")
            domains[domain] = (*domains.get(domain, ()), "/" + rest if rest else "")
    words = tuple(site for site in sites if "." not in site)
    return domains, words, tuple(site for site in sites if site.endswith(".") and "/" not in site)


def _url_text(url: str | None) -> str:
    """The path and query of a URL as plain words (hosts are left out: they name no matter)."""
    if not url:
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return unquote_plus(f"{parts.path} {parts.query}").replace("/", " ")


def _query(url: str | None) -> str:
    if not url:
        return ""
    try:
        params = parse_qs(urlsplit(url).query)
    except ValueError:
        return ""
    for key in _QUERY_KEYS:
        if params.get(key):
            return params[key][0].strip()
    return ""


@lru_cache(maxsize=8192)
def clean_document(title: str) -> str:
    """A document name from a window title: app suffix (or an older Office for Mac's prefix, "Microsoft Word -
    Smith memo"), flags and extension removed (remembered: narratives, memory and evidence ask again for the
    same titles)."""
    text = _APP_PREFIX.sub("", _without_browser(title)).strip()
    within = _IN_BRACKETS.search(text) if text.endswith("]") else None
    if within is not None:
        text = within.group(1)  # "Foxit PDF Editor - [Smith complaint.pdf]": the document, not the frame
    for _ in range(3):
        stripped = _APP_SUFFIX.sub("", text).strip()
        stripped = _without_flags(stripped).strip(" -—–|")
        if stripped == text:
            break
        text = stripped
    parts = [p for p in _PART_SEPARATOR.split(text) if p]
    with_extension = [p for p in parts if _EXTENSION.search(p)]
    if with_extension:
        text = " - ".join(parts[: parts.index(with_extension[-1]) + 1])
    text = _PATH.sub("", text)
    text = _EXTENSION.sub("", text)
    text = _without_flags(text)
    return re.sub(r"\s+", " ", text).strip(" -—–|*●•")


_IN_BRACKETS = re.compile(r"\[([^\[\]]{1,300}?" + _EXTENSION.pattern + r")\]\s*$", re.IGNORECASE)
"""a document a program names in brackets after its own name, as multi-document windows do ("Foxit PDF Editor -
[Smith complaint.pdf]", "Nitro Pro - [...]", PowerPoint's "Slide Show - [Smith deck.pptx]")"""
_APP_PREFIX = re.compile(
    r"^\s*(?:Microsoft\s+(?:Word|Excel|PowerPoint)\s+[-\u2013\u2014]\s+|AutoRecovery\s+save\s+of\s+|"
    r"Copy\s+of\s+)(?=\S)",
    re.IGNORECASE,
)
"""what an editor puts before a document's name: an older Office for Mac's name, Word's AutoRecovery file of it,
a copy of it (Explorer's, Google Drive's "Copy of"): the same document, for its narrative and for memory"""
_PATH = re.compile(r"^[●•*\s]*(?:[a-z]:\\|\\\\|~/|/)(?:[^\\/]*[\\/])+", re.IGNORECASE)
"""the folders of a full path an editor shows ("C:\\Matters\\4410-0031\\notes.txt - Notepad++"): the file is named by
its own name, the folders are evidence only"""
_APP_ONLY = re.compile(
    r"^\s*(?:(?:microsoft\s+)?(?:word|excel|powerpoint|onenote)(?:\s+\d{4})?|"
    r"adobe\s+acrobat(?:\s+(?:pro|reader|standard))?(?:\s+dc)?|acrobat\s+reader(?:\s+dc)?|adobe\s+reader|"
    r"preview|foxit\s+pdf\s+(?:reader|editor)|pdf-xchange\s+editor|nitro\s+pro|sumatrapdf|pages|numbers|keynote|"
    r"notepad\+*|visual\s+studio\s+code|textedit|libreoffice(?:\s+\w+)?|(?:microsoft\s+)?visio(?:\s+\w+)?|"
    r"bluebeam\s+revu(?:\s+\w+)?)(?:\s*\(\d+-bit\))?\s*$",
    re.IGNORECASE,
)
"""a program's own window with no document in it (its start screen: "Adobe Acrobat Pro (64-bit)", "Word")"""


def is_generic_name(name: str, generic: tuple[str, ...]) -> bool:
    """An unsaved document or an unaddressed message ('Document3', 'Untitled', 'Book1'); not a DMS file named
    by its number alone ('46861470_6.DOCX': one document, however bare its name), nor one named by a long
    number of its own: a patent office download named by its application number, date and document code
    ('18268351-2026-01-31-00030-892.pdf', a file wrapper paper read for twenty minutes), a Bates range."""
    bare = _DIGITS.sub("", name.lower()).strip(" -_()[]*")
    if bare and bare not in generic:
        return False
    return dms_number(name) is None and _OWN_NUMBER.search(name) is None


_OWN_NUMBER = re.compile(r"\d{6}")
"""six digits in a row: a number that names one document (an application, a Bates page, a claim)"""


_MESSAGE_PATH = re.compile(r"/(?:id|read|readconv|conversation)/([A-Za-z0-9%_=+.-]{12,})")
"""a web mail URL's message (Outlook on the web: /mail/inbox/id/AAQk..., /mail/deeplink/read/AAQk...)"""
_MESSAGE_QUERY = re.compile(r"(?i)[?&](?:itemid|messageid|th)=([A-Za-z0-9%_=+.-]{12,})")
"""the same in a query (classic OWA's ?ItemID=, Yahoo's ?th=)"""
_MESSAGE_FRAGMENT = re.compile(r"#[a-z-]+(?:/[^/]+)?/([A-Za-z0-9]{16,})$")
"""the same in Gmail's fragment (#inbox/FMfcgz..., #label/Clients/FMfcgz...)"""


def message_id(url: str | None) -> str:
    """The message a web mail URL shows ("" for none): a reading pane's title names only the mailbox, its URL
    names the message the attorney has open."""
    if not url or ("mail" not in url and "owa" not in url):
        return ""
    found = _MESSAGE_PATH.search(url) or _MESSAGE_QUERY.search(url) or _MESSAGE_FRAGMENT.search(url)
    if found is None:
        return ""
    return unquote(found.group(1)).rstrip("=")


_WEB_MAIL_OWNER = re.compile(r"\s+[-—–]\s+((?:(?!\s[-—–]\s).){3,80}?)(?=\s+[-—–]\s+(?i:outlook)\s*$)")
"""Outlook on the web titles a message '<subject> - <mailbox owner> - Outlook': the owner's name is no part of
the subject (the thread would be two threads, and the narrative name the attorney)"""
_NAME_PARTICLES = frozenset({"van", "von", "der", "den", "de", "del", "da", "di", "du", "la", "le", "bin", "al"})


def without_mail_owner(page: str) -> str:
    """page without the mailbox owner's name Outlook on the web and new Outlook put before "- Outlook": two to
    five words, each capitalised in any script ("Zoë Valdés", "Anjali Hernández") or a particle ("van")."""
    found = _WEB_MAIL_OWNER.search(page)
    if found is None:
        return page
    name = found.group(1).split()
    if not 2 <= len(name) <= 5 or not all(
        (word[0].isupper() and all(ch.isalpha() or ch in "'’.-" for ch in word)) or word in _NAME_PARTICLES
        for word in name
    ):
        return page
    return page[: found.start()] + page[found.end() :]


def subject_of(title: str) -> str:
    """An e-mail subject without its RE:/FW: prefixes and app suffix (the title as read: without the mailbox
    owner's name that web and new Outlook put in it, see without_mail_owner)."""
    text = _without_browser(title).strip()
    for _ in range(2):
        text = _APP_SUFFIX.sub("", text).strip()
    if "@" in text:
        text = re.sub(r"\s+[-—–•]\s+[\w.+-]+@[\w.-]+.*$", "", text)
    text = _MAIL_FOLDER.sub("", text)
    text = _OUTLOOK_ITEM.sub("", text)
    text = _EVENT_WHEN.sub("", text)
    return _SUBJECT_TAG.sub("", _SUBJECT_PREFIX.sub("", text)).strip(" -—–|")


_OUTLOOK_ITEM = re.compile(
    r"\s+[-—–]\s+(?:(?:meeting|appointment)\s+(?:occurrence|series)|recurring\s+(?:meeting|appointment)|event|"
    r"task|contact|contact group|distribution list|journal entry)\s*$",
    re.IGNORECASE,
)
"""the kind of item an Outlook window shows after its subject ("Smith deposition - Meeting Occurrence", "Smith
call back - Task"): no part of the thread"""
_EVENT_WHEN = re.compile(
    r"\s+@\s+(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*"
    r"\.?\s+\d{1,2}\b|(?:daily|weekly|monthly|yearly|annually)\s+(?:from|on)\b).*$",
    re.IGNORECASE,
)
"""when a calendar invitation's event is, after its subject ("Invitation: Smith prep @ Mon Mar 2, 2026 10am -
11am (EST)", as Google Calendar writes it)"""


_MAIL_FOLDER = re.compile(
    r"\s+[-—–•]\s+(?:inbox|sent|sent items|sent mail|drafts|archive|all mail|junk|junk e-?mail|deleted items)"
    r"(?:\s*\(\d+\))?\s*$",
    re.IGNORECASE,
)
"""the folder a desktop client shows after a selected message's subject ("Smith deposition - Inbox -
Mozilla Thunderbird", Apple Mail's "... \u2014 Inbox")"""


_RESEARCH_PAGES = frozenset({"search results", "results", "search", "documents", "cases", "home"})
"""a research service's own pages, named in its titles beside the service"""


def topic_of(title: str, url: str | None, policy: SessionizePolicy) -> str:
    """The research query or page subject, without the service's name or the client ID; a page that is only the
    service's ("Search Results | Bloomberg Law", a home page) keeps its title, one identity for all of them
    (research_name: the narrative names no topic for it)."""
    query = _query(url)
    if query:
        return re.sub(r"\s+", " ", query)
    text = _CLIENT_ID_TEXT.sub("", _without_browser(title))
    parts = [p.strip() for p in _SEPARATORS.split(text) if p.strip()]
    kept = [
        p
        for p in parts
        if not says(p.lower(), policy.research_titles)
        and p.lower() not in _RESEARCH_PAGES
    ]
    return " ".join(kept) if kept else text.strip()


_PAGE_KIND = re.compile(r",\s*(?:court opinion|opinion|case|statute|docket)\s*$", re.IGNORECASE)
"""what a research service appends to a case's title to say what kind of page it is"""


def research_name(topic: str) -> str:
    """A research topic as a narrative names it: without the kind of page a service appends (Bloomberg Law's
    ", Court Opinion"), and "" for a page of the service's own ("Search Results | Bloomberg Law"). The topic
    itself, an identity, is left as read: the same case read on two services stays two sightings."""
    parts = [p.strip().lower() for p in _SEPARATORS.split(topic) if p.strip()]
    if all(says(part, RESEARCH_TITLES) or part in _RESEARCH_PAGES for part in parts):
        return ""
    return _PAGE_KIND.sub("", topic)


_KIND_NAMES = {
    "number": "matter number",
    "docket": "docket number",
    "caption": "caption",
    "keyword": "keyword",
    "client": "client name",
    "description": "matter description",
    "domain": "client e-mail domain",
    "client-id": "research client ID",
}


def describe(scores: Scores, matter: int) -> str:
    """The evidence for one matter in words, at most three items."""
    seen: dict[str, None] = {}
    for kind, text in scores.reasons_for(matter):
        seen.setdefault(f"{_KIND_NAMES.get(kind, kind)} {text}")
    return ", ".join(list(seen)[:3])


_RECORD_ROLES = frozenset({Role.WEB, Role.DOCKET})
_RECORD_PARAM = re.compile(r"(?i)(?:id$|^case|docket|^index|matter|record|^file)")
"""a query parameter that names the record a page shows (docketId, caseId, index, matterNo, id)"""
_BARE_NUMBER = re.compile(r"\d{4,12}(?:-[\w.-]{1,40})?")
"""a query that is a record's number alone (CM/ECF's "DktRpt.pl?612345", "qryParties.pl?612345-L_1_0-1")"""


def _record_of(url: str) -> str:
    """The record a page's address names by an id in its query ("...DocumentList?docketId=326ada0937"), or ""."""
    try:
        parts = urlsplit(url)
        pairs = parse_qs(parts.query, keep_blank_values=False)
    except ValueError:
        return ""
    for name, values in sorted(pairs.items()):
        value = values[0] if values else ""
        if _RECORD_PARAM.search(name) and 4 <= len(value) <= 64 and any(ch.isdigit() for ch in value):
            return f"{parts.hostname or ''}{parts.path}?{name.lower()}={value}"
    if _BARE_NUMBER.fullmatch(parts.query):  # PACER's "DktRpt.pl?612345": the case by its number alone
        return f"{parts.hostname or ''}{parts.path}?{parts.query}"
    return ""


def read_window(
    app: str, title: str, url: str | None, incognito: bool, index: MatterIndex, policy: SessionizePolicy
) -> Reading:
    """The role, class, label, keys and matter evidence of one window (its title and URL bounded)."""
    title = bounded(title)
    if _contains(app.lower(), REMOTE_CLIENTS):
        app, title = remote_app(app, title)
    url = bounded(url, 2 * TITLE_LIMIT) if url else url
    found = _read_window(bounded(app, 200), title, url, incognito, index, policy)
    if found.klass is Klass.WORK and found.role in _REFERRING_ROLES:
        refs = references(title, url)
        if refs:
            object.__setattr__(found, "keys", (*found.keys, *refs))
    # Completed in place before anyone else sees it (a frozen record: replace() would run __post_init__ again,
    # a tenth of a reading's cost).
    if url and found.role in _RECORD_ROLES:
        object.__setattr__(found, "record", _record_of(url))
    object.__setattr__(found, "admits", admitted_matters(found.scores, index, policy))
    if found.scores.best is not None:
        object.__setattr__(found, "evidence", describe(found.scores, found.scores.best))
    return found


_REFERRING_ROLES = frozenset({Role.DOCUMENT, Role.DOCKET, Role.EMAIL, Role.WEB})
"""windows whose reference numbers are one matter's: a research page's citation ("2024 WL 1234567") is cited
in several, a call's meeting number says nothing"""
_REFERENCE = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{0,5}\d[A-Za-z0-9]{6,17}(?![A-Za-z0-9])")
_PUBLICATION = re.compile(r"[A-Z]{2}(?:RE)?\d{6,12}[A-Z]\d?")
"""a patent publication (US9954692B1, US20220072001A1, EP3456789A1): prior art, cited in many matters"""
_SPELLED_REFERENCE = re.compile(r"(?<![A-Za-z0-9-])[A-Za-z0-9]{1,8}(?:-[A-Za-z0-9]{1,10}){2,4}(?![A-Za-z0-9-])")
"""a reference written in dashed parts (a state docket NNH-CV25-6054828-S, a claim 399-859954-25): its key drops
the dashes, so it is the same reference as the compact spelling a court's file names and e-mails use"""
_CALENDAR_DATE = re.compile(r"(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])(?:\d{4,6})?")
REF_KEY = "ref:"
_REFERENCE_DIGITS = 7
"""the fewest digits a reference number has"""
_DIGIT = re.compile(r"\d")


def references(title: str, url: str | None) -> tuple[str, ...]:
    """The reference numbers a window shows in its title or its URL's query: a receipt number ("I-797C
    LIN2594889547.pdf" and a status page's "?appReceiptNum=LIN2594889547"), a claim number, a Bates number. A
    number seen where a matter's own evidence decided the work is that matter's wherever else it shows
    (identities.learn_topics): the same case status page serves every client, its receipt number only one. A
    DMS number is a document's own identity already, and a date, a version or a bare word is no reference."""
    text = title
    if url:
        try:
            query = urlsplit(url).query
        except ValueError:
            query = ""
        if query:
            text = f"{title} {unquote_plus(query)}"
    if len(_DIGIT.findall(text)) < _REFERENCE_DIGITS:
        return ()  # (most titles: the patterns below are tried at every position)
    dms = dms_number(title)
    dms = dms.replace("-", "") if dms is not None else None
    found: dict[str, None] = {}
    for pattern in (_SPELLED_REFERENCE, _REFERENCE):
        for match in pattern.finditer(text):
            token = match.group(0).upper().replace("-", "")
            if _is_reference(token, dms):
                found.setdefault(REF_KEY + token)
    return tuple(found)


def _is_reference(token: str, dms: str | None) -> bool:
    """Whether a token (separators dropped) is a reference number: at least 7 digits, at most 6 letters (a
    court's and a case type's letters and a suffix: NNHCV256054828S), neither a date, a patent publication nor
    the window's DMS number."""
    digits = sum(ch.isdigit() for ch in token)
    if digits < _REFERENCE_DIGITS or len(token) - digits > 6:
        return False
    if _CALENDAR_DATE.fullmatch(token) or _PUBLICATION.fullmatch(token):
        return False
    return dms is None or dms not in token


def admitted_matters(scores: Scores, index: MatterIndex, policy: SessionizePolicy) -> frozenset[str]:
    """The matters a window's own words leave possible: those scoring close to its best, once the best is a
    real clue (an empty set: the words say nothing, any matter may come from context), and those it is asked
    between or its close siblings (a client's other matter its words may mean)."""
    if not scores.by_matter:
        return frozenset()
    top = scores.by_matter[0][1]
    if top < policy.admits_score:
        return frozenset()
    floor = top - index.margin
    numbers = [index.matters[i].number for i in (*scores.siblings, *scores.candidates)]
    return frozenset(index.matters[i].number for i, value in scores.by_matter if value >= floor).union(numbers)


def _read_window(
    app: str, title: str, url: str | None, incognito: bool, index: MatterIndex, policy: SessionizePolicy
) -> Reading:
    family = app_family(app)
    if family in ("browser", "chat", "call") and title[:1] == "(":
        title = _UNREAD_COUNT.sub("", title, count=1)
    host = url_host(url).removeprefix("www.")
    lowered = f" {title.lower()} "
    plain = f" {_PLAIN.sub(' ', title.lower())} "
    app_lower = app.lower().removesuffix(".exe")
    path = urlsplit(url).path.lower() if url else ""
    site_text = f"{host}{path}"

    incognito = incognito or (family == "browser" and _PRIVATE_TITLE.search(title) is not None)
    if incognito and policy.incognito_is_personal:
        return Reading(Role.WEB, Klass.PERSONAL, family, "private browsing", (), EMPTY)
    if says(app_lower, policy.personal_apps) and family not in ("browser", "word", "mail"):
        return Reading(Role.OTHER, Klass.PERSONAL, family, app, (), EMPTY)
    personal = on_site(host, path, policy.personal_domains) and not index.client_site(host)
    if not personal and family == "browser" and not host:
        personal = says(lowered, policy.personal_titles)
    mailbox = ADDRESS.search(title) if "@" in title else None
    if mailbox and mailbox.group(1).lower() in policy.consumer_mail_domains:
        personal = personal or (family in ("browser", "mail") and _is_mailbox_view(title))
    if personal:
        return Reading(Role.WEB, Klass.PERSONAL, family, host or _site_name(title), (), EMPTY)

    if says(f"{lowered} {site_text}", policy.admin_sites) and not _matter_record(
        title, lowered, family, index, policy
    ):
        return Reading(Role.OTHER, Klass.ADMIN, family, _admin_name(title, policy, index, host), (), EMPTY)
    ai = on_site(host, path, policy.ai_tool_domains) or (
        family in ("browser", "other") and says(lowered, policy.ai_tool_titles)
    )  # a page or an app: never a document, a message or a call with someone named Harvey
    research = not ai and (
        on_site(host, path, policy.research_domains)
        or (family == "browser" and says(lowered, policy.research_titles))
    )
    docket = family != "call" and says(lowered, DOCKET_MARKERS)
    page = _without_browser(title) if family == "browser" else title  # the browser's own words name nothing
    if family == "browser" and (_START_PAGE.match(page) or host in _START_HOSTS):
        return Reading(Role.NEUTRAL, Klass.WORK, family, "new tab", (), EMPTY)
    if family in ("browser", "mail"):
        # Outlook on the web and new Outlook: "RE: PTO policy - Leon Huang - Outlook" names its mailbox's owner,
        # never a party or a client of the same name (the client "Huang" of another matter)
        page = without_mail_owner(page)
    # a research question names a subject: only names, numbers and client IDs tie it to a matter
    names_only, address = research and not docket, _url_text(url)
    # a namesake of a matter's party ("Transcript - Caroline Cardenas" and the suit against Tomás Cardenas) is
    # no evidence for it
    scores = index.score(page, address, names_only=names_only)
    scores = index.without_namesakes(scores, (page,), page, address, names_only=names_only)
    if ai:
        topic = topic_of(title, url, policy)
        for name in policy.ai_tool_titles:
            topic = re.sub(re.escape(name.strip(" |")), "", topic, flags=re.IGNORECASE).strip(" -|:")
        key = memory_key("research", topic)
        tool = _ai_tool(lowered, host)
        return Reading(
            Role.RESEARCH, Klass.AI, family, topic or tool, (key,) if key else (), scores, tool=tool
        )

    if research and not docket:
        topic = topic_of(title, url, policy)
        if is_case(topic):
            scores = _as_case(scores, topic, page, url, index)
        key = memory_key("research", topic)
        tool = _research_tool(lowered, host)
        return Reading(Role.RESEARCH, Klass.WORK, family, topic, (key,) if key else (), scores, tool=tool)

    searched = web_search(title, host) if family == "browser" and not docket else None
    if searched is not None and scores.best is not None and not _named_beyond_a_word(scores):
        scores = EMPTY  # "Will Smith movies", "Pinecrest bakery hours": a party's one word is anyone's namesake
    if searched is not None and scores.best is not None:
        # a web search naming a matter is research on it, named by what was asked: "Carmack Amendment cargo
        # loss - Google Search" was "Review <the matter's description>". One that names none stays a page
        # like any other, asked about: "best running shoes" is no research to carry into the work around it.
        query, engine = searched
        key = memory_key("research", query)
        return Reading(Role.RESEARCH, Klass.WORK, family, query, (key,) if key else (), scores, tool=engine)

    if family in ("word", "sheet", "pdf") or (
        family == "browser"
        and (_EXTENSION.search(title) or says(lowered, (" google docs", " word online")))
    ):
        name = clean_document(title)
        if docket:
            return Reading(Role.DOCKET, Klass.WORK, family, name, _keys("document", name), scores)
        if is_generic_name(name, policy.generic_documents) or _APP_ONLY.match(title):
            return Reading(Role.GENERIC, Klass.WORK, family, name, (), scores)
        klass = Klass.ADMIN if scores.best is None and _admin(lowered, plain, policy, drafted=True) else Klass.WORK
        editing = family == "word" and not re.search(r"read-only|protected view", lowered)
        if klass is Klass.WORK:
            scores = index.by_subject(scores, name)
        return Reading(Role.DOCUMENT, klass, family, name, _keys("document", name), scores, editing=editing)

    if docket:
        label = clean_document(title)
        # a court portal's page that names no case ("CM/ECF NextGen - Civil Events") is the portal, checked for
        # every case: no identity of its own to remember or to carry
        keys = _keys("document", label) if scores.by_matter else ()
        return Reading(Role.DOCKET, Klass.WORK, family, label, keys, scores, site=host)

    # a call app's own view (its chat, calendar, home) named as a word: a call with Caroline Chatterjee, or a
    # meeting on Smith v. Homeland, is a call
    is_call = (family == "call" and not says(lowered, CHAT_VIEWS)) or (
        _contains(app_lower, policy.call_apps) and says(lowered, policy.call_titles)
    )
    meeting = web_meeting(url) if family == "browser" else None  # the address says so, whatever the title
    if not is_call and family == "browser":
        is_call = (
            meeting is not None
            or _MEET_PREFIX.match(title) is not None
            or says(lowered, ("google meet", "zoom meeting", "webex meeting", "teams meeting"))
        )
    if _admin(lowered, plain, policy, drafted=family == "mail") and scores.best is None:
        return Reading(Role.OTHER, Klass.ADMIN, family, _admin_name(title, policy, index), (), scores)
    if is_call:
        tool = meeting or _call_tool(app_lower, lowered)
        name = _without_service(clean_document(title))
        name = _TEAMS_VIEW.sub("", name) or name
        person = person_of(name)
        scores = _as_person(scores, person, page, url, index)
        return Reading(
            Role.CALL,
            Klass.WORK,
            family,
            name,
            _keys("call", person),
            scores,
            tool=tool,
            person=_named(person),
        )

    pm = says(lowered + " " + host, policy.practice_management)
    if pm and (_PM_BILLING_PAGE.search(lowered) or (url and _PM_BILLING_ROUTE.search(url.lower()))):
        return Reading(Role.OTHER, Klass.ADMIN, family, _site_name(title), (), EMPTY)
    if pm and scores.best is None and says(lowered, policy.practice_management_pages):
        return Reading(Role.OTHER, Klass.ADMIN, family, _site_name(title), (), scores)

    mail_web = family == "browser" and (
        says(
            lowered, (" gmail", "outlook web", "- outlook", "| outlook", " mail -", "webmail", "roundcube")
        )
        or (mailbox is not None and lowered.rstrip().endswith(("mail", "outlook", "mail -")))
    )
    if family == "mail" or mail_web:
        if _is_mailbox_view(title):
            # "Inbox - p.lindqvist@firm.com - Outlook", "Mail - Pablo Lindqvist - Outlook": the name is the
            # mailbox's owner, never a party of the same name
            return Reading(Role.NEUTRAL, Klass.WORK, family, MAILBOX, (), EMPTY)
        if _REMINDERS.match(title):
            return Reading(Role.NEUTRAL, Klass.WORK, family, "reminders", (), EMPTY)
        subject = subject_of(page)  # the owner's name already left out
        if is_generic_name(subject, policy.generic_documents):
            return Reading(Role.GENERIC, Klass.WORK, family, "message", (), scores)
        scores = index.by_subject(scores, subject)
        return Reading(Role.EMAIL, Klass.WORK, family, subject, _keys("email", subject), scores)

    if family == "files":
        folder = clean_document(title) or title.strip()
        if scores.best is not None:
            return Reading(Role.FILES, Klass.WORK, family, folder, _keys("folder", folder), scores)
        return Reading(Role.NEUTRAL, Klass.WORK, family, folder, _keys("folder", folder), scores)

    if family in ("chat", "system", "call") or says(lowered, policy.neutral_titles):
        slack = slack_conversation(title) if family == "chat" else None
        if slack is not None:
            return _slack_reading(slack, scores, page, url, index)
        # Teams in a browser ("Chat | Jordan Smith | Microsoft Teams" on teams.microsoft.com) as in its app
        teams_page = family == "browser" and " microsoft teams " in plain
        chat = _CHAT_WITH.match(clean_document(title)) if family in ("chat", "call") or teams_page else None
        person = person_of(chat.group(1)) if chat else ""
        scores = _as_person(scores, person, page, url, index)
        return Reading(
            Role.NEUTRAL,
            Klass.WORK,
            family,
            searched[0] if searched else _site_name(title),  # what was asked, for the question to the attorney
            (),
            scores,
            tool=_site_name(title) if person else "",
            person=_named(person),
        )

    if family == "browser":
        site = host or _site_name(title)
        keys = _keys("site", host) if host else ()
        page_name, service = _without_site(clean_document(title), host)
        if not service:
            page_name, service = _without_web_service(page_name)
        return Reading(Role.WEB, Klass.WORK, family, page_name, keys, scores, site=site, tool=service)
    label = _without_web_service(clean_document(title))[0]  # "Worldox GX4 - Smith v. Acme": the program left out
    return Reading(Role.OTHER, Klass.WORK, family, label or app, (), scores)


_TEAMS_VIEW = re.compile(
    r"^(?i:(?:meeting\s+)?compact\s+view|meeting\s+view|chat)\s*\|\s*|\s*\|\s*(?i:meeting\s+chat|chat)\s*$"
)
"""the view Teams names beside a meeting ("Meeting compact view | Smith status call", "Smith status call |
Meeting chat", a meeting's chat listed as "Chat | Smith status call"): no part of what the meeting is called"""
_REMINDERS = re.compile(r"^\s*(?:\d+\s+)?reminders?(?:\(s\))?\s*$", re.IGNORECASE)
"""Outlook's reminder window ("2 Reminder(s)"): a glance at the calendar's alarms, no message"""
_CHAT_WITH = re.compile(r"^(?i:chat|chats)\s*[|:–—-]\s*(.+?)\s*$")
"""a chat with one person ("Chat | Liam Whitaker" in Teams)"""
_SLACK_KIND = re.compile(r" \((?i:(channel|private channel|dm|group dm))\) - ")
"""what Slack (2023 on) puts between a conversation and its workspace ("acme-merger (Channel) - Firm - Slack")"""


def slack_conversation(title: str) -> tuple[str, str] | None:
    """The conversation a Slack window shows and its kind ("channel", "dm", "group dm", "" when the title does
    not say): "acme-merger (Channel) - Firm - Slack", "Dana Reyes (DM) - Firm - Slack", before 2023 "Slack |
    #acme-merger | Firm" (a leading "*" or "!" marks unread messages); the workspace, last, names no one it is
    with. None for any other title (Slack's home, threads, activity). Read without backtracking: a hostile
    title costs its length."""
    text = title.strip().lstrip("*! ")
    if text.endswith(" - Slack"):
        huddle = _slack_huddle(text[: -len(" - Slack")].split(" - ")[0])
        if huddle:
            return huddle, "huddle"
        kind = _SLACK_KIND.search(text)
        if kind is None or kind.start() == 0:
            return None
        return text[: kind.start()].strip(), kind.group(1).lower().removeprefix("private ")
    parts = text.split(" | ")
    if len(parts) == 3 and parts[0] == "Slack" and parts[1].strip():
        name = parts[1].strip()
        return name, "channel" if _SLACK_CHANNEL_NAME.match(name) else ""
    return None


def _slack_huddle(text: str) -> str:
    """Whom or where a Slack huddle is, a call in a channel or with a person ("Huddle: #acme-merger", "Huddle
    with Dana Reyes", "#acme-merger huddle"), or "" (read by its ends: a hostile title costs its length)."""
    text = text.strip()
    lowered = text.lower()
    for head in ("huddle:", "huddle with ", "huddle in "):
        if lowered.startswith(head):
            return text[len(head) :].strip()
    if lowered.endswith(" huddle"):
        return text[: -len(" huddle")].strip()
    return ""


_SLACK_CHANNEL_NAME = re.compile(r"^#?[a-z0-9][a-z0-9._-]*$")
"""a channel as Slack names one (lower case, no spaces: "acme-merger"), never a person"""


def _slack_reading(found: tuple[str, str], scores: Scores, page: str, url: str | None, index: MatterIndex) -> Reading:
    """A Slack channel (named for a matter, often) or a direct message with a person, read as a chat: the
    narrative says "Exchange messages (Slack) with Dana Reyes" or "... in #acme-merger", not the workspace."""
    name, kind = found
    channel = name.startswith("#") or kind == "channel" or (kind == "huddle" and _SLACK_CHANNEL_NAME.match(name))
    person = "" if channel or kind == "group dm" else person_of(name)
    if kind == "huddle":
        label = f"#{name.lstrip('#')}" if channel else name
        if person:
            scores = _as_person(scores, person, page, url, index)
        keys = _keys("call", person or label)
        return Reading(Role.CALL, Klass.WORK, "call", label, keys, scores, tool="Slack", person=_named(person))
    if person:
        scores = _as_person(scores, person, page, url, index)
        return Reading(Role.NEUTRAL, Klass.WORK, "chat", "Slack", (), scores, tool="Slack", person=_named(person))
    label = f"#{name.lstrip('#')}" if channel else name
    return Reading(Role.NEUTRAL, Klass.WORK, "chat", label, (), scores, tool="Slack")


_PERSON = re.compile(
    r"^(?i:call with |calling |in call with |call from |call to |meeting with )?"
    r"((?:[^\W\d_][^\W\d]*|[^\W\d_]\.)(?:[-'’.][^\W\d_]*)*(?:\s+[^\W\d_][^\W\d]*(?:[-'’.][^\W\d_]*)*){1,3}"
    r"|\+?[\d() .-]{7,})$"
)
"""a person's name (two to four words, each capitalised: "Renée Castillo", "José García", "Siobhan O'Neil") or a
phone number, after the words a call window puts before it"""
_PERSON_TAG = re.compile(r"\s*\((?i:external|guest|unverified)\)\s*$")
"""what Teams writes after a person from outside the firm's tenant ("Jordan Lee (External)")"""
_ROOM = re.compile(r"(?i)['’]s?\s+(?:personal room|zoom meeting|meeting room|meeting)$")
"""a meeting named after its host ("Kenji Forbes's Personal Room" in Webex, "Dana Reyes's Zoom Meeting")"""

_NOT_NAMES = frozenset(
    (
        "meeting", "call", "sync", "check-in", "check", "review", "weekly", "daily", "standup", "stand-up",
        "update", "team", "webinar", "conference", "interview", "training", "zoom", "teams", "webex",
        "microsoft", "google", "meet", "touch", "base", "catch", "kickoff", "kick-off", "workplace", "ringcentral",
        "video", "goto", "gotomeeting", "bluejeans", "skype", "jabber", "facetime", "huddle", "phone", "audio",
        "screen", "sharing", "lobby", "waiting", "room",
    )
)  # fmt: skip
"""words of a call app's own windows ("RingCentral Video", "Screen Sharing", "Waiting Room"): no person's name"""


_CASE = re.compile(r"\bv\.? |\bvs\.? |^in re |^matter of |\b\d+ (?:f\.|u\.s\.|s\. ?ct\.|cal\.|n\.y\.)", re.IGNORECASE)
"""a research page that is a case or an authority (opened from a search), not a search of its own"""
_OWN_CASE = frozenset({"caption", "number", "docket", "identifier", "client-id"})
"""evidence a case page is the matter's own: its caption, or a number or client ID on the page"""


@lru_cache(maxsize=4096)
def is_case(label: str) -> bool:
    """Whether a research page's subject is a case or an authority ("Hale v. Kaplan", "In re Ardent")."""
    return _CASE.search(label) is not None


def _as_case(scores: Scores, case: str, page: str, url: str | None, index: MatterIndex) -> Scores:
    """A case opened from a search names its own parties: a surname a matter lists ("Conway v. Bauer" for a
    petition whose beneficiary is Conway) is someone else's lawsuit unless the page shows the matter's own
    caption, number or client ID; the rest of the page decides."""
    if not scores.by_matter or any(kind in _OWN_CASE for _, kind, _ in scores.reasons):
        return scores
    return index.score(page.replace(case, " "), _without_words(_url_text(url), case), names_only=True)


def _without_words(text: str, name: str) -> str:
    """text without the words of name (a case's parties, a person's names) however the address spells them
    ("/meet/dana.reyes" for Dana Reyes)."""
    words = [re.escape(word) for word in re.findall(r"\w{3,}", name)]
    if not words:
        return text
    return re.sub(r"\b(?:" + "|".join(words) + r")\b", " ", text, flags=re.IGNORECASE)


def _as_person(scores: Scores, person: str, page: str, url: str | None, index: MatterIndex) -> Scores:
    """A call's or chat's evidence with the person it names read as a person: their name is no evidence for
    a matter whose own text names someone else of that surname (Kenji Forbes for the client "Forbes, Teresa");
    the rest of the title and its address, the calendar and the directory of people decide instead
    (MatterIndex.names_person)."""
    if not person or person.startswith("tel ") or not scores.by_matter:
        return scores
    if index.names_person(scores.by_matter[0][0], person):
        return scores
    return index.score(
        re.sub(re.escape(person), " ", page, flags=re.IGNORECASE), _without_words(_url_text(url), person)
    )


def _named(person: str) -> str:
    """A person_of result as a person's name: "" for a phone number."""
    return "" if person.startswith("tel ") else person


def hosted(label: str) -> bool:
    """Whether a call window is a meeting room named after its host ("Kenji Forbes's Personal Room"): the host
    may be the attorney, in their own room, as well as the person the call is with."""
    return _ROOM.search(label) is not None


def person_of(name: str) -> str:
    """The person (or phone number) a call window names ("Dana Whitfield", "Call with Greg Holloway",
    "Call with +1 (847) 555-0163"), or ""."""
    found = _PERSON.match(_ROOM.sub("", _PERSON_TAG.sub("", name.strip())))
    if found is None:
        return ""
    person = found.group(1).strip()
    if person[0].isdigit() or person[0] in "+(":
        digits = re.sub(r"\D", "", person)
        return f"tel {digits}" if len(digits) >= 7 else ""
    if any(not word[0].isupper() or word.lower() in _NOT_NAMES for word in person.split()):
        return ""
    return person


def _admin(lowered: str, plain: str, policy: SessionizePolicy, drafted: bool = False) -> bool:
    """Whether a window's words are firm administration; a drafted document or a message (drafted) that names a
    legal instrument is a client's work whatever its subject (see wordlists.LEGAL_INSTRUMENTS)."""
    if not (says(lowered, policy.admin_patterns) or says(plain, policy.admin_patterns)):
        return False
    return not drafted or not says(plain, LEGAL_INSTRUMENTS)


def _ai_tool(lowered: str, host: str) -> str:
    return _tool_named(lowered, host, _AI_TOOLS) or host or "AI tool"


_AI_TOOLS: tuple[tuple[str, str], ...] = (
    ("chatgpt", "ChatGPT"),
    ("openai", "ChatGPT"),
    ("claude", "Claude"),
    ("gemini", "Gemini"),
    ("copilot", "Copilot"),
    ("perplexity", "Perplexity"),
    ("harvey", "Harvey"),
    ("cocounsel", "CoCounsel"),
    ("lexis+ ai", "Lexis+ AI"),
    ("westlaw precision ai", "Westlaw AI"),
    ("spellbook", "Spellbook"),
)


def _tool_named(lowered: str, host: str, tools: tuple[tuple[str, str], ...]) -> str | None:
    """The tool a page is, for its narrative: by its web host first, else by a word of its title ("Alexis v.
    Smith - Google Scholar" is no Lexis page, Claudette no Claude)."""
    for needle, name in tools:
        if needle in host:
            return name
    for needle, name in tools:
        if says(lowered, (needle,)):
            return name
    return None


def _keys(kind: str, label: str) -> tuple[str, ...]:
    key = memory_key(kind, label)
    return (key,) if key else ()


_OTHER_VIEW = re.compile(r"^(?:calendar|contacts|people|tasks|to do|notes|search results)(?:\s*[-—–|•(]|$)")
"""the mail app's other views (its calendar, contacts, tasks), named alone in the title"""


def _is_mailbox_view(title: str) -> bool:
    if _OTHER_VIEW.match(title.strip().lower()):
        return True
    lowered = _SUBJECT_PREFIX.sub("", title).strip().lower()
    return bool(
        re.match(
            r"^(?:inbox|sent items|sent mail|sent|drafts|deleted items|junk e?-?mail|outbox|archive|all mail|"
            r"mail|focused|other|starred|snoozed|important|all inboxes|all sent|all drafts|flagged)\b",
            lowered,
        )
    )


_SITE_PARTS = re.compile(r"\s+[-—–|]\s+|\s*\|\s*")
"""what separates a page's own words from its site's or service's name ("... - Google Patents", "Everlaw | ...")"""


def _without_site(page: str, host: str) -> tuple[str, str]:
    """A page's title without the site's own name, and that name: at its end ("US20220011552A1 - Modular
    battery system - Google Patents" on patents.google.com, "Patent Center | USPTO" on patentcenter.uspto.gov),
    the words of the last part all in the host name; or at its start ("DocuSign - Smith Settlement Agreement",
    "Everlaw | Smith v. Acme", "Patent Center | New submission"), each word, or all of them run together, one
    of the host's labels."""
    if not host:
        return page, ""
    parts = _SITE_PARTS.split(page)
    if len(parts) < 2:
        return page, ""
    words = re.findall(r"[a-z0-9]+", parts[-1].lower())
    if words and all(word in host for word in words):
        return page[: page.rfind(parts[-1])].rstrip(" -—–|"), parts[-1].strip()
    labels = host.split(".")
    words = re.findall(r"[a-z0-9]+", parts[0].lower())
    if words and (all(word in labels for word in words) or "".join(words) in labels):
        return page[len(parts[0]) :].lstrip(" -—–|"), parts[0].strip()
    return page, ""


_WEB_SERVICE_NAMES = {name.casefold(): name.removeprefix("Powered by ") for name in WEB_SERVICES}


def _without_web_service(page: str) -> tuple[str, str]:
    """A page's title without a known web service's name at its end or start (WEB_SERVICES), and that name:
    what _without_site does by the address, for a title read without one."""
    parts = _SITE_PARTS.split(page)
    if len(parts) < 2:
        return page, ""
    last = _WEB_SERVICE_NAMES.get(parts[-1].strip().casefold())
    if last:
        return page[: page.rfind(parts[-1])].rstrip(" -—–|"), last
    first = _WEB_SERVICE_NAMES.get(parts[0].strip().casefold())
    if first:
        return page[len(parts[0]) :].lstrip(" -—–|"), first
    return page, ""


def _title_parts(title: str) -> list[str]:
    """A window title's parts between separators, without the browser's own name (at least the whole)."""
    text = _without_browser(title).strip()
    return [p for p in _PART_SEPARATOR.split(text) if p] or [text]


def _site_name(title: str) -> str:
    return _title_parts(title)[-1]


def _matter_record(title: str, lowered: str, family: str, index: MatterIndex, policy: SessionizePolicy) -> bool:
    """Whether a document or message an administration word names ("payroll", "timekeeping", "docketing") is
    a matter's own record: its words decide one matter by more than the client's name, and no administration
    tool or billing act is named, or it names a legal instrument.
    "Garcia v. Northwind - payroll records.pdf" is evidence in a wage claim; "Timesheets due Friday" and
    "Invoice appeal Coralmere.xlsx" stay firm administration."""
    if family not in ("word", "sheet", "pdf", "mail"):
        return False
    tools = tuple(site for site in policy.admin_sites if site not in ADMIN_SUBJECTS)
    if says(lowered, tools):
        return False
    if says(lowered, LEGAL_INSTRUMENTS):
        return True  # "Payroll Services Agreement": a client's, whichever (the draft asks when none is named)
    scores = index.score(title)
    if scores.best is None or scores.siblings:
        return False
    # more than the client's name: a firm's "Kestrel timesheets.xlsx" names only whom the time was for
    return any(kind not in ("client", "domain") for kind, _ in scores.reasons_for(scores.best))


def _admin_name(title: str, policy: SessionizePolicy, index: MatterIndex, host: str = "") -> str:
    """What a firm-administration window is named by: the part of its title that is the tool or the task
    ("Aderant iTimekeep" of "Aderant iTimekeep - 7874-02 Vogel v. Amber Plastics"), never the matter whose time
    is being entered, so a day's administration draft lists no client's matters: a part that also names a
    matter or client is named by the administration words alone ("Pre-bill" of "RE: Pre-bill for 7874-02
    Vogel"); a tool known by its site alone ("supplier.coupahost.com") is named by the site."""
    parts = _title_parts(title)
    for part in reversed(parts):
        lowered = f" {part.lower()} "
        found = _said(lowered, policy.admin_sites) or _said(lowered, policy.admin_patterns)
        if found is not None:
            if index.score(part).by_matter:
                at, length = found
                return part[at - 1 : at - 1 + length].strip()  # lowered has a space in front
            return part
    return host or parts[-1]


def _said(text: str, fragments: tuple[str, ...]) -> tuple[int, int] | None:
    """Where the first of fragments that text says as words of its own (see says) is: (position, length)."""
    for fragment in fragments:
        at = _found_at(text, fragment)
        if at != -1:
            return at, len(fragment)
    return None


def _named_beyond_a_word(scores: Scores) -> bool:
    """Whether evidence names its matter by more than one word of it: a number, docket, caption or alias, or two
    of its words ("Pinecrest cargo claim deadline"), not one keyword or client name alone ("Pinecrest bakery
    hours")."""
    if scores.best is None:
        return False
    own = scores.reasons_for(scores.best)
    return len({text.lower() for _, text in own}) >= 2 or any(kind in DECISIVE for kind, _ in own)


_SEARCH_ENGINES: tuple[tuple[str, str], ...] = (
    ("google search", "Google"),
    ("bing search", "Bing"),
    ("bing", "Bing"),
    ("duckduckgo", "DuckDuckGo"),
    ("yahoo search results", "Yahoo"),
    ("yahoo search", "Yahoo"),
    ("brave search", "Brave Search"),
    ("ecosia", "Ecosia"),
    ("startpage search results", "Startpage"),
    ("startpage", "Startpage"),
    ("kagi search", "Kagi"),
    ("search", "Bing"),
)
"""a search engine's name as its results page ends its title ("<query> - Google Search", "<query> at
DuckDuckGo"), longest first; Edge shows Bing's as "<query> - Search", believed on bing.com only"""


def web_search(title: str, host: str) -> tuple[str, str] | None:
    """A search engine's results page: (what was asked, the engine's name), or None for any other page. Read
    from the title's end: a hostile title costs its length."""
    text = _without_browser(title).rstrip()
    lowered = text.lower()
    for ending, engine in _SEARCH_ENGINES:
        if not lowered.endswith(ending):
            continue
        if ending == "search" and "bing." not in host:
            return None
        rest = text[: -len(ending)].rstrip()
        if rest.endswith((" -", " –", " —", " |")):
            query = rest[:-2].strip()
        elif rest.lower().endswith(" at"):
            query = rest[:-3].strip()
        else:
            return None
        return (query, engine) if query else None
    return None


def _research_tool(lowered: str, host: str) -> str:
    return _tool_named(lowered, host, _RESEARCH_TOOLS) or host or "online research"


_RESEARCH_TOOLS: tuple[tuple[str, str], ...] = (
    ("westlaw", "Westlaw"),
    ("lexis", "Lexis"),
    ("scholar", "Google Scholar"),
    ("bloomberg", "Bloomberg Law"),
    ("fastcase", "Fastcase"),
    ("casetext", "Casetext"),
    ("courtlistener", "CourtListener"),
    ("heinonline", "HeinOnline"),
    ("practical law", "Practical Law"),
    ("cornell", "LII"),
    ("justia", "Justia"),
    ("vlex", "vLex Fastcase"),
    ("lexisnexis", "Lexis"),
)


_CALL_TOOLS: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (("zoom",), ("zoom",), "Zoom"),
    (("teams",), ("microsoft teams", "teams"), "Microsoft Teams"),
    (("webex", "ciscocollabhost"), ("webex",), "Webex"),
    (("ringcentral",), ("ringcentral",), "RingCentral"),
    (("goto", "g2m"), ("gotomeeting", "goto meeting"), "GoTo Meeting"),
    (("skype",), ("skype",), "Skype"),
    (("facetime",), ("facetime",), "FaceTime"),
    (("jabber",), ("jabber",), "Cisco Jabber"),
    (("dialpad",), ("dialpad",), "Dialpad"),
    (("zoiper", "bria", "3cx", "microsip", "phoneexperiencehost"), (), "telephone"),
)
"""call tools: (parts of an application's name, words of a title, the name a narrative gives)"""
_SERVICE_PART = re.compile(
    r"(?:google\s+)?meet|zoom(?:\s+(?:phone|workplace|meeting))?|(?:cisco\s+)?webex(?:\s+meetings?)?"
    r"|ringcentral(?:\s+(?:phone|app|video))?|dialpad|skype(?:\s+for\s+business)?|goto(?:\s*meeting)?"
    r"|8x8(?:\s+work)?|(?:microsoft\s+)?teams(?:\s+classic|\s+\(work or school\))?|(?:cisco\s+)?jabber|facetime",
    re.IGNORECASE,
)
"""a part of a call window's title that is only the service's name ("Meet \u2013 Smith strategy call", "Smith
Weekly - Webex", "Zoom Phone - Call with Dana Reyes")"""


def _without_service(name: str) -> str:
    """A call's name without the parts that only name its service: the meeting or the person, not the app."""
    parts = _PART_SEPARATOR.split(name)
    kept = [part for part in parts if not _SERVICE_PART.fullmatch(part.strip())]
    return " - ".join(kept) if kept and len(kept) < len(parts) else name


_MEET_PREFIX = re.compile(r"^\s*Meet\s[-\u2013\u2014]\s", re.IGNORECASE)
"""a Google Meet tab's title before its meeting's name ("Meet - abc-defg-hij", "Meet \u2013 Smith strategy call")"""


def _call_tool(app_lower: str, lowered: str) -> str:
    """The call's tool, for its narrative: by the application's name (Webex on Windows runs as
    CiscoCollabHost.exe), else by a title naming it as a word of its own ("Meeting with Brian Cho" is no
    Google Meet, and Brian no Bria softphone); a browser tab "Meet - abc-defg-hij" is Google Meet."""
    for apps, _, name in _CALL_TOOLS:
        if any(part in app_lower for part in apps):
            return name
    if says(lowered, ("google meet", "meet.google")) or _MEET_PREFIX.match(lowered):
        return "Google Meet"
    for _, words_, name in _CALL_TOOLS:
        if words_ and says(lowered, words_):
            return name
    return "video conference"
