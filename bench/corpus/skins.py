"""The two hand-written personas' machines: how macOS and Ubuntu name their windows ("skins")."""

from __future__ import annotations

import random
from urllib.parse import quote, quote_plus

from model import Art, Meeting, Win, stable_id


def prefix(rng: random.Random, forward: str) -> str:
    return rng.choices(["RE: ", "Re: ", forward, ""], [0.5, 0.1, 0.12, 0.28])[0]


def uuid(*parts: object) -> str:
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
        title = f"{prefix(rng, 'Fwd: ')}{subject} - {self.email} - {self.org} Mail"
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
        return Win("thunderbird", f"{prefix(rng, 'Fwd: ')}{subject} - Mozilla Thunderbird")

    def compose(self, subject: str, rng: random.Random) -> Win:
        if rng.random() < 0.25:
            return Win("thunderbird", "Write: (no subject) - Thunderbird")
        return Win("thunderbird", f"Write: {prefix(rng, 'Fwd: ') or 'Re: '}{subject} - Thunderbird")

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
