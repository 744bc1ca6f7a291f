"""What each application's window is called on one attorney's desktop.

App names are what ActivityWatch's watchers record: the executable on Windows (`WINWORD.EXE`,
`msedge.exe`, `LockApp.exe`), the application name on macOS (`Microsoft Word`, `zoom.us`, `loginwindow`).
Titles follow each program's caption style; browser tabs also give the web watcher's record (the bare tab
title and URL).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from .model import Doc, Page, Person, Shot

WIN_APPS = {
    "word": "WINWORD.EXE",
    "excel": "EXCEL.EXE",
    "outlook": "OUTLOOK.EXE",
    "newoutlook": "olk.exe",
    "teams": "ms-teams.exe",
    "zoom": "Zoom.exe",
    "webex": "CiscoCollabHost.exe",
    "acrobat": "Acrobat.exe",
    "explorer": "explorer.exe",
    "lock": "LockApp.exe",
    "spotify": "Spotify.exe",
    "edge": "msedge.exe",
    "chrome": "chrome.exe",
    "firefox": "firefox.exe",
    "powerpoint": "POWERPNT.EXE",
    "notepad": "Notepad.exe",
}
MAC_APPS = {
    "word": "Microsoft Word",
    "excel": "Microsoft Excel",
    "outlook": "Microsoft Outlook",
    "teams": "Microsoft Teams",
    "zoom": "zoom.us",
    "webex": "Webex",
    "acrobat": "Adobe Acrobat",
    "preview": "Preview",
    "explorer": "Finder",
    "lock": "loginwindow",
    "spotify": "Spotify",
    "music": "Music",
    "safari": "Safari",
    "chrome": "Google Chrome",
    "powerpoint": "Microsoft PowerPoint",
    "notepad": "TextEdit",
}

DMS_STYLES = {
    "imanage": ("#{dms}v{ver} - {title}", "{title} (#{dms}v{ver})", "{title} #{dms}v{ver}"),
    "dotted": ("{dms}.{ver} - {title}", "{title} ({dms}.{ver})", "{dms}.{ver} {title}"),
    "netdocs": ("{title} ({dms} v.{ver})", "{dms} v.{ver} - {title}", "{title} - {dms}.{ver}"),
    "plain": ("{title}", "{title} v{ver}", "{title} - v{ver}"),
}


@dataclass
class Desktop:
    os: str  # windows, macos
    host: str
    owner: Person
    mail: str  # classic, new, owa, mac
    browser: str  # main browser: edge, chrome, safari, firefox
    alt_browser: str
    pdf: str  # acrobat, reader, preview
    dms: str  # key of DMS_STYLES
    dms_weights: tuple[int, ...]
    zwsp: bool = True
    edge_profile: str = "Work"
    acrobat_suffix: str = " - Adobe Acrobat Pro (64-bit)"
    word_ext: bool = True
    rng: random.Random = field(default_factory=random.Random)
    tabs: dict[str, int] = field(default_factory=dict)
    tab_home: dict[str, int] = field(default_factory=dict)
    styles: dict[int, tuple[int, bool]] = field(default_factory=dict)

    # --- helpers -------------------------------------------------------------------------------------------
    def app(self, key: str) -> str:
        table = WIN_APPS if self.os == "windows" else MAC_APPS
        return table.get(key, key)

    def _tabs(self, browser: str) -> int:
        home = self.tab_home.setdefault(browser, self.rng.randint(3, 16))
        n = self.tabs.get(browser, home)
        step = self.rng.choice((-1, 0, 0, 0, 1, 1))
        if n > home + 4:
            step = -1
        n = max(1, min(40, n + step))
        self.tabs[browser] = n
        return n

    def _style(self, doc: Doc) -> tuple[int, bool]:
        """The caption style of a document stays the same while it is open: chosen once per document."""
        key = id(doc)
        if key not in self.styles:
            styles = DMS_STYLES[self.dms]
            weights = self.dms_weights[: len(styles)]
            usable = [i for i, s in enumerate(styles) if not s.startswith("ACTIVE_")]
            k = self.rng.choices(usable, [weights[i] for i in usable])[0]
            self.styles[key] = (k, self.rng.random() < 0.7)
        return self.styles[key]

    def doc_name(self, doc: Doc) -> str:
        ext = {"word": ".docx", "excel": ".xlsx"}.get(doc.kind, "")
        if not doc.dms:
            return doc.title + (ext if ext and self._style(doc)[1] and self.word_ext else "")
        k, with_ext = self._style(doc)
        name = DMS_STYLES[self.dms][k].format(dms=doc.dms, ver=doc.version, title=doc.title)
        return name + (ext if ext and with_ext and self.word_ext else "")

    def attachment_name(self, doc: Doc) -> str:
        """A DMS document saved from an e-mail attachment: iManage names the file after its number only."""
        ext = {"word": ".docx", "excel": ".xlsx"}.get(doc.kind, "")
        if doc.dms and self.dms == "imanage":
            return f"ACTIVE_{doc.dms}_{doc.version}{ext}"
        if doc.dms:
            return f"{doc.dms}.{doc.version}{ext}"
        return f"{doc.title}{ext}"

    # --- office --------------------------------------------------------------------------------------------
    def word(
        self,
        doc: Doc,
        secs: float,
        *,
        idle: bool = False,
        tags: frozenset[str] = frozenset(),
        name: str | None = None,
    ) -> Shot:
        name = name or self.doc_name(doc)
        kind = "excel" if doc.kind == "excel" else "word"
        if self.os == "windows":
            suffix = " - Excel" if kind == "excel" else " - Word"
            state = self.rng.choices(("", " [Read-Only]", " - Compatibility Mode"), (14, 1, 1))[0]
            title = f"{name}{state}{suffix}"
        else:
            title = name
        extra = {"dms_doc"} if doc.dms else set()
        return Shot(self.app(kind), title, secs, idle=idle, tags=tags | extra)

    def new_doc(self, n: int, secs: float, tags: frozenset[str] = frozenset()) -> Shot:
        title = f"Document{n} - Word" if self.os == "windows" else f"Document{n}"
        return Shot(self.app("word"), title, secs, tags=tags)

    def pdf_view(
        self, doc: Doc, secs: float, *, idle: bool = False, tags: frozenset[str] = frozenset()
    ) -> Shot:
        name = doc.filename or f"{doc.title}.pdf"
        if self.os == "windows":
            return Shot(self.app("acrobat"), f"{name}{self.acrobat_suffix}", secs, idle=idle, tags=tags)
        key = "preview" if self.pdf == "preview" else "acrobat"
        return Shot(self.app(key), name, secs, idle=idle, tags=tags)

    def explorer(self, folder: str, secs: float) -> Shot:
        return Shot(self.app("explorer"), folder, secs)

    # --- mail ----------------------------------------------------------------------------------------------
    def inbox(self, secs: float, tags: frozenset[str] = frozenset()) -> Shot:
        o = self.owner
        if self.mail == "classic":
            return Shot(
                self.app("outlook"), f"Inbox - {o.email} - Outlook", secs, tags=tags | {"outlook_classic"}
            )
        if self.mail == "new":
            return Shot(
                self.app("newoutlook"), f"Mail - {o.name} - Outlook", secs, tags=tags | {"outlook_new"}
            )
        if self.mail == "mac":
            return Shot(self.app("outlook"), f"Inbox • {o.email}", secs, tags=tags | {"outlook_mac"})
        page = Page(
            f"Mail - {o.name} - Outlook", f"https://outlook.office.com/mail/inbox/id/{_owa_id(self.rng)}"
        )
        return self.browse(page, secs, tags=tags | {"owa"})

    def message(self, subject: str, secs: float, tags: frozenset[str] = frozenset()) -> Shot:
        o = self.owner
        if self.mail == "classic":
            fmt = self.rng.choices(("HTML", "Plain Text", "Rich Text"), (12, 2, 1))[0]
            return Shot(
                self.app("outlook"), f"{subject} - Message ({fmt})", secs, tags=tags | {"outlook_classic"}
            )
        if self.mail == "new":
            if self.rng.random() < 0.5:
                return Shot(
                    self.app("newoutlook"), f"Mail - {o.name} - Outlook", secs, tags=tags | {"outlook_new"}
                )
            return Shot(self.app("newoutlook"), f"{subject} - Outlook", secs, tags=tags | {"outlook_new"})
        if self.mail == "mac":
            return Shot(self.app("outlook"), subject, secs, tags=tags | {"outlook_mac"})
        if self.rng.random() < 0.35:
            page = Page(
                f"{subject} - {o.name} - Outlook",
                f"https://outlook.office.com/mail/deeplink/read/{_owa_id(self.rng)}?popoutv2=1",
            )
        else:
            page = Page(
                f"Mail - {o.name} - Outlook", f"https://outlook.office.com/mail/inbox/id/{_owa_id(self.rng)}"
            )
        return self.browse(page, secs, tags=tags | {"owa"})

    def compose(self, secs: float, subject: str = "", tags: frozenset[str] = frozenset()) -> Shot:
        o = self.owner
        if self.mail == "classic":
            title = f"{subject} - Message (HTML)" if subject else "Untitled - Message (HTML)"
            return Shot(self.app("outlook"), title, secs, tags=tags | {"outlook_classic"})
        popped = bool(subject) and self.rng.random() < 0.55  # a reply in its own window shows its subject
        if self.mail == "new":
            title = f"{subject} - Outlook" if popped else f"Mail - {o.name} - Outlook"
            return Shot(self.app("newoutlook"), title, secs, tags=tags | {"outlook_new"})
        if self.mail == "mac":
            return Shot(self.app("outlook"), subject or "Untitled", secs, tags=tags | {"outlook_mac"})
        if popped:
            page = Page(
                f"{subject} - {o.name} - Outlook",
                "https://outlook.office.com/mail/deeplink/compose?popoutv2=1",
            )
        else:
            page = Page(f"Mail - {o.name} - Outlook", "https://outlook.office.com/mail/deeplink/compose")
        return self.browse(page, secs, tags=tags | {"owa"})

    def mail_calendar(self, secs: float) -> Shot:
        o = self.owner
        if self.mail == "classic":
            return Shot(
                self.app("outlook"),
                f"Calendar - {o.email} - Outlook",
                secs,
                tags=frozenset({"outlook_classic"}),
            )
        if self.mail == "new":
            return Shot(
                self.app("newoutlook"),
                f"Calendar - {o.name} - Outlook",
                secs,
                tags=frozenset({"outlook_new"}),
            )
        if self.mail == "mac":
            return Shot(self.app("outlook"), "Calendar", secs, tags=frozenset({"outlook_mac"}))
        page = Page(f"Calendar - {o.name} - Outlook", "https://outlook.office.com/calendar/view/workweek")
        return self.browse(page, secs, tags=frozenset({"owa"}))

    # --- meetings ------------------------------------------------------------------------------------------
    def teams(
        self, title: str, secs: float, *, idle: bool = False, tags: frozenset[str] = frozenset()
    ) -> Shot:
        return Shot(self.app("teams"), f"{title} | Microsoft Teams", secs, idle=idle, tags=tags)

    def zoom(
        self, meeting: bool, secs: float, *, idle: bool = False, tags: frozenset[str] = frozenset()
    ) -> Shot:
        title = "Zoom Meeting" if meeting else "Zoom Workplace"
        tag = "zoom_meeting" if meeting else "zoom_prejoin"
        return Shot(self.app("zoom"), title, secs, idle=idle, tags=tags | {tag})

    def webex(
        self, title: str, secs: float, *, idle: bool = False, tags: frozenset[str] = frozenset()
    ) -> Shot:
        return Shot(self.app("webex"), title, secs, idle=idle, tags=tags | {"webex"})

    # --- browser -------------------------------------------------------------------------------------------
    def browse(
        self,
        page: Page,
        secs: float,
        *,
        browser: str = "",
        incognito: bool = False,
        audible: bool = False,
        idle: bool = False,
        tags: frozenset[str] = frozenset(),
    ) -> Shot:
        b = browser or self.browser
        tabs = 1 if incognito and self.rng.random() < 0.6 else self._tabs(b)
        title = self.browser_title(b, page.title, tabs, incognito)
        extra = {b}
        if b == "edge" and tabs > 1:
            extra.add("edge_more_pages")
        if incognito:
            extra.add("incognito")
        return Shot(
            self.app(b),
            title,
            secs,
            page=page,
            browser=b,
            incognito=incognito,
            audible=audible,
            idle=idle,
            tabs=tabs,
            tags=tags | extra,
        )

    def browser_title(self, b: str, page: str, tabs: int, incognito: bool) -> str:
        if self.os == "macos":
            return page
        if b == "edge":
            edge = "Microsoft\u200b Edge" if self.zwsp else "Microsoft Edge"
            more = f" and {tabs - 1} more page{'s' if tabs > 2 else ''}" if tabs > 1 else ""
            profile = "[InPrivate]" if incognito else self.edge_profile
            return f"{page}{more} - {profile} - {edge}"
        if b == "firefox":
            return f"{page} — Mozilla Firefox Private Browsing" if incognito else f"{page} — Mozilla Firefox"
        return f"{page} - Google Chrome"

    # --- the rest ------------------------------------------------------------------------------------------
    def lock(self, secs: float, tags: frozenset[str] = frozenset()) -> Shot:
        title = "Windows Default Lock Screen" if self.os == "windows" else ""
        return Shot(self.app("lock"), title, secs, idle=True, tags=tags | {"lock_screen"})

    def music(self, song: str, secs: float) -> Shot:
        return Shot(self.app("spotify"), song, secs, audible=True, tags=frozenset({"music"}))


def _owa_id(rng: random.Random) -> str:
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    return "AAQkAD" + "".join(rng.choice(alphabet) for _ in range(38)) + "%3D"


def windows_host(rng: random.Random, firm_code: str) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"
    style = rng.randrange(3)
    if style == 0:
        return "DESKTOP-" + "".join(rng.choice(alphabet) for _ in range(7))
    if style == 1:
        return "LAPTOP-" + "".join(rng.choice(alphabet) for _ in range(8))
    return f"{firm_code}-LT-{rng.randint(100, 9999):04d}"


def mac_host(rng: random.Random, who: Person) -> str:
    style = rng.randrange(3)
    if style == 0:
        return f"{who.first}s-MacBook-Pro.local"
    if style == 1:
        return f"{who.first[0]}{who.last}-MBP".lower()
    return f"{who.first}-{who.last}-MacBook-Air.local"
