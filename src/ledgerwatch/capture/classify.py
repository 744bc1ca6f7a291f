"""Window samples to payloads: the window itself, plus calls and e-mail recognised from titles and URLs.

Pure functions over what the window shows (title, application, URL); nothing reads document or mail content.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ledgerwatch.capture.privacy import Privacy, executable_name
from ledgerwatch.capture.samples import WindowSample
from ledgerwatch.capture.settings import CaptureSettings
from ledgerwatch.capture.tabs import TabReport
from ledgerwatch.domain import CallPayload, EmailPayload, WindowPayload
from ledgerwatch.domain.text import TITLE_LIMIT, bounded, url_host
from ledgerwatch.domain.webmeetings import web_meeting

EXCLUDED_APP = "(excluded)"

BROWSER_NAMES = (
    "chrome",
    "chromium",
    "msedge",
    "microsoft-edge",
    "firefox",
    "brave",
    "opera",
    "vivaldi",
    "safari",
    "arc",
    "librewolf",
    "waterfox",
)
PRIVATE_TITLE = re.compile(r"\b(incognito|inprivate|private browsing)\b", re.IGNORECASE)

DOCUMENT_EXTENSIONS = (
    "doc",
    "docx",
    "docm",
    "dot",
    "dotx",
    "rtf",
    "odt",
    "ott",
    "pages",
    "txt",
    "md",
    "wpd",
    "xls",
    "xlsx",
    "xlsm",
    "csv",
    "ods",
    "numbers",
    "ppt",
    "pptx",
    "pptm",
    "odp",
    "key",
    "pdf",
    "msg",
    "eml",
    "vsdx",
    "one",
)
_DOC_EXT = "|".join(DOCUMENT_EXTENSIONS)
DOCUMENT_NAME = re.compile(rf"^(?P<name>.+?\.(?:{_DOC_EXT}))$", re.IGNORECASE)
TITLE_SEPARATORS = re.compile(r"\s+[-–—|]\s+")
TITLE_NOISE = re.compile(
    r"\s*(\[(?:compatibility mode|read-only|protected view|autorecovered)[^\]]*\]|\((?:read-only|protected view)\)"
    r"|•\s*\w+|\*)\s*",
    re.IGNORECASE,
)
OFFICE_APPS = {
    "word": "Word",
    "winword": "Word",
    "excel": "Excel",
    "powerpnt": "PowerPoint",
    "powerpoint": "PowerPoint",
    "microsoft word": "Word",
    "microsoft excel": "Excel",
    "microsoft powerpoint": "PowerPoint",
}
OFFICE_SUFFIX = re.compile(
    r"\s+[-–—]\s+(?:Microsoft\s+)?(?:Word|Excel|PowerPoint)(?:\s*\(.*\))?$", re.IGNORECASE
)

CALL_TITLE = re.compile(
    r"\b(meeting|webinar|call|calling|in call|on call|ringing|dialing|huddle|conference)\b", re.IGNORECASE
)
CALL_PEER = re.compile(
    r"\b(?:call|meeting|chat)\s+with\s+(?P<peer>[^|\-–—]+?)\s*(?:$|[|\-–—])", re.IGNORECASE
)
OUTLOOK_APPS = {"outlook", "olk", "microsoft outlook"}
OUTLOOK_MESSAGE = re.compile(
    r"^(?P<subject>.*?)\s+[-–—]\s+(?:Message|Meeting)\b(?:\s*\([^)]*\))?(?:\s+[-–—]\s+Outlook)?\s*$",
    re.IGNORECASE,
)
MAIL_FOLDERS = re.compile(
    r"^(inbox|sent( mail| items)?|drafts?|starred|spam|junk( email)?|trash|deleted items|all mail|archive|"
    r"snoozed|important|scheduled|outbox|search results|mail|calendar|people|contacts)(\s*\(\d+\))?$",
    re.IGNORECASE,
)
WEBMAIL_HOSTS = ("mail.google.com", "outlook.office.com", "outlook.office365.com", "outlook.live.com")
WEBMAIL_TITLE = re.compile(r"^(?P<subject>.+?)\s+[-–—]\s+(?:[^\s]+@[^\s]+\s+[-–—]\s+)?(?:Gmail|Outlook)\b")


@dataclass(frozen=True, slots=True)
class Observation:
    """What one sample shows, ready for the heartbeat channels; None means "nothing on that channel"."""

    window: WindowPayload | None
    call: CallPayload | None = None
    email: EmailPayload | None = None
    excluded: bool = False
    private: bool = False


def is_browser(sample: WindowSample) -> bool:
    """Whether the window belongs to a web browser (by process name or executable)."""
    names = (sample.app.lower(), executable_name(sample.executable))
    return any(b in name for name in names for b in BROWSER_NAMES)


def document_from_title(app: str, title: str) -> str | None:
    """The document name a title shows (Office, Acrobat, LibreOffice, editors), without reading the file."""
    cleaned = TITLE_NOISE.sub(" ", title).strip()
    for part in TITLE_SEPARATORS.split(cleaned):
        match = DOCUMENT_NAME.match(part.strip())
        if match:
            return match.group("name").strip()
    if app.lower().removesuffix(".exe") in OFFICE_APPS and OFFICE_SUFFIX.search(cleaned):
        name = OFFICE_SUFFIX.sub("", cleaned).strip()
        return name or None
    return None


def tab_for(
    sample: WindowSample, tab: TabReport | None, now: float, fresh_seconds: float
) -> TabReport | None:
    """The extension's report when it describes this browser window (its title begins the window title)."""
    if tab is None or not is_browser(sample) or now - tab.received > fresh_seconds:
        return None
    if tab.private:
        return tab
    if tab.title and sample.title.startswith(tab.title):
        return tab
    return None


def call_payload(
    app: str, executable: str | None, title: str, url: str | None, call_apps: frozenset[str]
) -> CallPayload | None:
    """A call or meeting when a call application's window (or a web meeting tab) says so; metadata only."""
    web = web_meeting(url)
    if web is not None:
        return CallPayload(app=web, title=title, peer=_peer(title))
    names = {app.lower().removesuffix(".exe"), executable_name(executable)}
    if not names & call_apps:
        return None
    if not CALL_TITLE.search(title):
        return None
    return CallPayload(app=app, title=title, peer=_peer(title))


def _peer(title: str) -> str | None:
    match = CALL_PEER.search(title)
    return match.group("peer").strip() if match else None


def email_payload(app: str, title: str, url: str | None, browser: bool) -> EmailPayload | None:
    """An e-mail read or compose window (Outlook, Gmail, Outlook on the web) with its subject."""
    if not browser and app.lower().removesuffix(".exe") in OUTLOOK_APPS:
        match = OUTLOOK_MESSAGE.match(title)
        if not match:
            return None
        subject = match.group("subject").strip()
        if subject.lower() in {"untitled", ""}:
            return EmailPayload(subject="", direction="compose")
        return EmailPayload(subject=subject, direction="read")
    if not browser:
        return None
    host = url_host(url)
    webmail = any(host == h for h in WEBMAIL_HOSTS) or (
        not url and re.search(r"[-–—]\s+(?:Gmail|Outlook)\s*[-–—]?", title) is not None
    )
    if not webmail:
        return None
    if url and ("compose" in url.lower() or "/deeplink/compose" in url.lower()):
        match = WEBMAIL_TITLE.match(title)
        subject = match.group("subject").strip() if match else ""
        if subject.lower().startswith(("compose", "new message")) or MAIL_FOLDERS.match(subject):
            subject = ""
        return EmailPayload(subject=subject, direction="compose")
    match = WEBMAIL_TITLE.match(title)
    if not match:
        return None
    subject = match.group("subject").strip()
    if MAIL_FOLDERS.match(subject):
        return None
    if url and not _message_url(host, url):
        return None
    return EmailPayload(subject=subject, direction="read")


def _message_url(host: str, url: str) -> bool:
    parts = urlsplit(url)
    if host == "mail.google.com":
        return re.search(r"/[A-Za-z0-9]{16,}$", parts.fragment) is not None
    return "/id/" in parts.path or "ItemID" in parts.query or "/read" in parts.path


def _informative(app: str, executable: str | None) -> bool:
    """Whether an executable path says more than the application name (whose file it usually is)."""
    return executable is not None and executable_name(executable) != app.lower().removesuffix(".exe")


def classify(
    sample: WindowSample, tab: TabReport | None, privacy: Privacy, settings: CaptureSettings
) -> Observation:
    """The payloads one window sample stands for, after private-browsing, exclusion and redaction rules (its
    title bounded: domain.text.bounded)."""
    title = bounded(sample.title)
    if title != sample.title:
        sample = dataclasses.replace(sample, title=title)
    browser = is_browser(sample)
    if browser and ((tab is not None and tab.private) or PRIVATE_TITLE.search(sample.title)):
        return Observation(
            window=WindowPayload(app=sample.app, title="", incognito=True),
            private=True,
        )
    url = bounded(tab.url, 2 * TITLE_LIMIT) if tab is not None and tab.url else None
    if privacy.excluded(sample.app, sample.executable, sample.title, url):
        bare = WindowPayload(app=EXCLUDED_APP, title="") if settings.record_excluded_time else None
        return Observation(window=bare, excluded=True)
    title = privacy.redact(sample.title)
    url = privacy.redact_optional(url)
    document = privacy.redact_optional(sample.document)
    details = settings.store_process_details
    window = WindowPayload(
        app=sample.app,
        title=title,
        executable=sample.executable if details or _informative(sample.app, sample.executable) else None,
        pid=sample.pid if details else None,
        document=document,
        url=url,
    )
    call_apps = frozenset(a.lower() for a in settings.call_apps)
    return Observation(
        window=window,
        call=call_payload(sample.app, sample.executable, title, url, call_apps),
        email=email_payload(sample.app, title, url, browser),
    )
