"""How windows are named on the attorney's machine: Windows (app names as ActivityWatch's Windows
watcher records the executable) or macOS (the application's name), with the firm's mail client, browser,
DMS, meeting apps and PDF viewer. Only titles and URLs are made here; the engine decides when."""

from __future__ import annotations

import random
from dataclasses import dataclass
from urllib.parse import quote, quote_plus

from model import stable_id
from world import Firm, Item, Matter, Page


@dataclass(frozen=True)
class W:
    """One foreground window (and, for a browser with the web watcher, the tab it reports)."""

    app: str
    title: str
    url: str = ""
    browser: str = ""  # web watcher bucket: edge | chrome ("" = none reports it)
    tab: str = ""
    tabs: int = 0
    incognito: bool = False
    audible: bool = False
    url_in_window: bool = False  # the macOS window watcher reports browser URLs itself


def _pick(rng: random.Random, weights: tuple[tuple[str, float], ...]) -> str:
    return rng.choices([k for k, _ in weights], [w for _, w in weights])[0]


class Desktop:
    """Window naming for one firm's machine; keeps the browser's tab count between calls."""

    def __init__(self, firm: Firm, rng: random.Random) -> None:
        self.f, self.c, self.rng = firm, firm.conv, rng
        self.win = firm.conv.os == "windows"
        self.tabs = {"edge": rng.randint(5, 12), "chrome": rng.randint(4, 10), "safari": rng.randint(3, 9)}
        self.slug = firm.domain.split(".")[0]

    # ------------------------------------------------------------ office documents
    def doc_title(self, item: Item, version: int) -> str:
        """The document's name as the editor shows it, DMS numbering included."""
        name, c = item.name, self.c
        if not item.dms or c.dms == "none":
            return f"{name}.docx" if c.word_ext and item.kind == "doc" else name
        v = max(1, version)
        if c.dms == "netdocs":
            return f"{name} ({item.dms} v.{v})"
        if c.dms_title == "dot":
            return f"{item.dms}.{v} {name}"
        if c.dms_title == "active":
            return (
                f"ACTIVE_{item.dms}_{v}"
                if stable_id(item.name, n=1) in "01"
                else f"ACTIVE_{item.dms}_{v} {name}"
            )
        return f"#{item.dms}v{v} - {name}"

    def word(self, title: str) -> W:
        r = self.rng.random()
        if not self.win:
            return W("Microsoft Word", title + (" [Read-Only]" if r < 0.03 else ""))
        if r < 0.03:
            title += " [Read-Only]"
        elif r < 0.05:
            title += " - Compatibility Mode"
        elif r < 0.06:
            title += " [Protected View]"
        return W("WINWORD.EXE", f"{title} - Word")

    def new_doc(self, n: int) -> W:
        return W("WINWORD.EXE", f"Document{n} - Word") if self.win else W("Microsoft Word", f"Document{n}")

    def excel(self, title: str) -> W:
        if not title.endswith((".xlsx", ".xls", ".csv")) and self.c.word_ext:
            title += ".xlsx"
        return W("EXCEL.EXE", f"{title} - Excel") if self.win else W("Microsoft Excel", title)

    def pdf(self, name: str, pages: int) -> W:
        app = _pick(self.rng, self.c.pdf_apps)
        if self.win:
            return W("Acrobat.exe", f"{name}{self.c.acrobat_suffix}")
        if app == "preview":
            suffix = (
                f" – Page {self.rng.randint(1, max(1, pages))} of {pages}"
                if pages and self.rng.random() < 0.4
                else ""
            )
            return W("Preview", name + suffix)
        return W("Adobe Acrobat", name)

    def folder(self, name: str) -> W:
        return W("explorer.exe", name) if self.win else W("Finder", name)

    def lock(self) -> W:
        return W("LockApp.exe", "Windows Default Lock Screen") if self.win else W("loginwindow", "")

    # ------------------------------------------------------------ browser
    def page(
        self, url: str, tab: str, *, browser: str = "", incognito: bool = False, audible: bool = False
    ) -> W:
        b = browser or self.c.browser
        n = self.tabs[b] = max(2, min(45, self.tabs[b] + self.rng.choice([-1, 0, 0, 0, 0, 1, 1])))
        if b == "safari":
            return W("Safari", tab, url, "", tab, n, incognito, audible, url_in_window=True)
        if not self.win:
            return W("Google Chrome", tab, url, "chrome", tab, n, incognito, audible, url_in_window=True)
        if b == "edge":
            more = f" and {n - 1} more pages" if n > 1 else ""
            prof = "InPrivate" if incognito else self.c.edge_profile
            title = f"{tab}{more} - {prof} - Microsoft Edge"
            return W(
                "msedge.exe",
                title,
                url,
                "edge",
                title if self.c.web_title_suffix else tab,
                n,
                incognito,
                audible,
            )
        title = f"{tab} - Google Chrome"
        return W(
            "chrome.exe",
            title,
            url,
            "chrome",
            title if self.c.web_title_suffix else tab,
            n,
            incognito,
            audible,
        )

    def show(self, p: Page, browser: str = "") -> W:
        if p.app:
            return W(p.app, p.title)
        return self.page(p.url, p.title, browser=browser, incognito=p.incognito, audible=p.audible)

    def workspace(self, m: Matter) -> W:
        """The matter's workspace in the DMS: the one place its number is on screen."""
        if self.c.dms == "netdocs":
            return self.page(
                f"https://vault.netvoyage.com/neWeb2/workspace/{m.workspace_id}/docs/summary",
                f"Workspace: {m.client.short} / {m.number} {m.short} - NetDocuments",
            )
        return self.page(
            f"https://{self.slug}.imanage.work/work/web/r/libraries/ACTIVE/workspaces/ACTIVE!{m.workspace_id}",
            f"{m.number} {m.short} - Documents - iManage Work",
        )

    def dms_recent(self) -> W:
        if self.c.dms == "netdocs":
            return self.page("https://vault.netvoyage.com/neWeb2/home", "Home - NetDocuments")
        return self.page(
            f"https://{self.slug}.imanage.work/work/web/recent", "Recent Documents - iManage Work"
        )

    def research(self, q: str, client_id: str) -> W:
        site = _pick(self.rng, self.c.research)
        cid = client_id if client_id and self.rng.random() < self.c.client_id_rate else ""
        if site == "westlaw":
            t = f"{q} - Search Results - Westlaw Precision" + (f" | Client ID: {cid}" if cid else "")
            return self.page(f"https://1.next.westlaw.com/Search/Results.html?query={quote_plus(q)}", t)
        if site == "lexis":
            t = f"Lexis+ AI | Search Results: {q}" + (f" | Client: {cid}" if cid else "")
            return self.page(f"https://plus.lexis.com/search/?pdsearchterms={quote(q)}", t)
        if site == "bloomberg":
            return self.page(
                f"https://www.bloomberglaw.com/search/results/{stable_id(q, n=16)}",
                f"Search Results - {q} - Bloomberg Law",
            )
        return self.page(f"https://scholar.google.com/scholar?q={quote_plus(q)}", f"{q} - Google Scholar")

    def case(self, name: str) -> W:
        if self.rng.random() < 0.6:
            return self.page(
                f"https://1.next.westlaw.com/Document/I{stable_id(name, n=32)}/View/FullText.html",
                f"{name} | Westlaw Precision",
            )
        return self.page(
            f"https://plus.lexis.com/document/?pddocfullpath=%2Fshared%2F{stable_id(name, n=20)}",
            f"{name} | Lexis+",
        )

    # ------------------------------------------------------------ mail
    def _prefix(self) -> str:
        return self.rng.choices(["RE: ", "FW: ", "", "Re: "], [0.55, 0.12, 0.28, 0.05])[0]

    def message(self, subject: str) -> W:
        kind = _pick(self.rng, self.c.mail)
        subj = self._prefix() + subject
        a = self.f.attorney
        if kind == "classic":
            return W("OUTLOOK.EXE", f"{subj} - Message (HTML)")
        if kind == "new":
            if self.rng.random() < 0.4:
                return W("olk.exe", subj)
            return W("olk.exe", f"Mail - {a.name} - Outlook")
        if kind == "owa":
            url = f"https://outlook.office.com/mail/inbox/id/AAQkA{stable_id(subject, n=22)}%3D"
            if self.rng.random() < 0.25:
                return self.page(url, f"{subj} - {a.name} - Outlook")
            return self.page(url, f"Mail - {a.name} - Outlook")
        if kind == "gmail":
            url = f"https://mail.google.com/mail/u/0/#inbox/FMfcgz{stable_id(subject, n=24)}"
            return self.page(url, f"{subj} - {a.email} - {self.f.name} Mail")
        return W("Microsoft Outlook", subj)

    def compose(self, subject: str) -> W:
        """Composing: before a subject is typed the window has none."""
        kind = _pick(self.rng, self.c.mail)
        untitled = self.rng.random() < 0.3
        if kind == "classic":
            return W(
                "OUTLOOK.EXE", "Untitled - Message (HTML)" if untitled else f"{subject} - Message (HTML)"
            )
        if kind == "mac":
            return W("Microsoft Outlook", "Untitled" if untitled else subject)
        return self.message(subject)

    def inbox(self) -> W:
        kind = _pick(self.rng, self.c.mail)
        a = self.f.attorney
        if kind == "classic":
            return W("OUTLOOK.EXE", f"Inbox - {a.email} - Outlook")
        if kind == "new":
            return W("olk.exe", f"Mail - {a.name} - Outlook")
        if kind == "owa":
            return self.page("https://outlook.office.com/mail/", f"Mail - {a.name} - Outlook")
        if kind == "gmail":
            return self.page(
                "https://mail.google.com/mail/u/0/#inbox",
                f"Inbox ({self.rng.randint(2, 30)}) - {a.email} - {self.f.name} Mail",
            )
        return W("Microsoft Outlook", f"Inbox • {a.email}")

    def reminder(self) -> W:
        if self.win:
            return W(
                "OUTLOOK.EXE",
                self.rng.choice(
                    ["1 Reminder(s)", "2 Reminder(s)", "Calendar - " + self.f.attorney.email + " - Outlook"]
                ),
            )
        return W("Microsoft Outlook", self.rng.choice(["1 Reminder", "Calendar"]))

    # ------------------------------------------------------------ meetings and chat
    def teams(self, title: str) -> W:
        return W("ms-teams.exe" if self.win else "Microsoft Teams", f"{title} | Microsoft Teams")

    def chat(self, who: str) -> W:
        return self.teams(f"Chat | {who}")

    def glance_chat(self) -> W:
        r = self.rng.random()
        if r < 0.5:
            return self.chat(self.rng.choice(self.f.colleagues).name)
        if r < 0.8:
            return self.teams("Activity")
        return self.teams("Chat")

    def meeting(self, app: str, subject: str) -> list[W]:
        """The windows of a scheduled meeting: a pre-join screen, then the meeting itself."""
        if app == "zoom":
            z = "Zoom.exe" if self.win else "zoom.us"
            return [W(z, "Zoom Workplace"), W(z, "Zoom Meeting")]
        if app == "webex":
            x = "CiscoCollabHost.exe" if self.win else "Webex"
            main = subject if self.rng.random() < 0.5 else "Webex Meetings"
            return [W(x, "Webex"), W(x, main)]
        return [self.teams("Calendar"), self.teams(subject)]

    def call_with(self, who: str) -> list[W]:
        """An unscheduled Teams call: the chat with the person, then the call window named after them."""
        return [self.chat(who), self.teams(who)]
