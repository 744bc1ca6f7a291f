"""How applications title their windows, per OS and per product.

A spec is (app, title, web) where web is None or a dict for the browser bucket
({"browser", "url", "title", "audible", "incognito", "tabCount"}).
"""
from __future__ import annotations


def _slug(s: str) -> str:
    out = []
    for ch in s:
        out.append(ch if ch.isalnum() else "_")
    return "".join(out).strip("_")


class Desk:
    """One attorney's desktop: OS, the products installed, and their title conventions."""

    def __init__(self, rng, os: str, host: str, user_name: str, email: str, org_mail: str,
                 mail: str, pdf: str, word: str, browsers: list[str], work_browser: str,
                 personal_browser: str, dms: str | None = None, dms_style: str = "A",
                 edge_profile: str = "Work", ext_tag: str = "", meeting: str = "teams",
                 phone: str = "desk", home_dir: str = "jdoe"):
        self.rng = rng
        self.os = os
        self.host = host
        self.user_name = user_name
        self.email = email
        self.org_mail = org_mail
        self.mail = mail
        self.pdfapp = pdf
        self.wordapp = word
        self.browsers = browsers
        self.work_browser = work_browser
        self.personal_browser = personal_browser
        self.dms = dms
        self.dms_style = dms_style
        self.edge_profile = edge_profile
        self.ext_tag = ext_tag
        self.meeting = meeting
        self.phone = phone
        self.home_dir = home_dir
        self.tabs = {b: rng.randint(6, 22) for b in browsers}

    # ---------------------------------------------------------------- browser
    def browser(self, title: str, url: str, browser: str | None = None, incognito: bool = False,
                audible: bool = False) -> tuple:
        b = browser or self.work_browser
        r = self.rng
        if r.random() < 0.15:
            self.tabs[b] = max(1, min(45, self.tabs[b] + r.choice([-2, -1, 1, 1, 2, 3])))
        tabs = self.tabs[b] if not incognito else r.randint(1, 3)
        page = title or "Untitled"
        if self.os == "win":
            if b == "edge":
                prof = "InPrivate" if incognito else self.edge_profile
                more = f" and {tabs - 1} more page{'s' if tabs > 2 else ''}" if tabs > 1 else ""
                wt = f"{page}{more} - {prof} - Microsoft Edge"
                app = "msedge.exe"
            elif b == "firefox":
                wt = f"{page} — Mozilla Firefox" + (" Private Browsing" if incognito else "")
                app = "firefox.exe"
            else:
                wt = f"{page} - Google Chrome" + (" (Incognito)" if incognito else "")
                app = "chrome.exe"
        else:
            app = {"safari": "Safari", "chrome": "Google Chrome", "firefox": "Firefox", "edge": "Microsoft Edge"}[b]
            wt = page
        web = {"browser": b, "url": url, "title": page, "audible": audible, "incognito": incognito,
               "tabCount": tabs}
        return (app, wt, web)

    # ------------------------------------------------------------------- word
    def doc_filename(self, doc) -> str:
        if doc.unsaved:
            return doc.name
        if self.dms and doc.dms:
            num, ver = doc.dms, doc.ver
            st = self.dms_style
            if self.dms == "netdocs":
                if st == "A":
                    return f"ND {num} v{ver} - {doc.name}.{doc.ext}"
                return f"{doc.name} ({num} v{ver}).{doc.ext}"
            if st == "A":
                return f"#{num} v.{ver} - {doc.name}.{doc.ext}"
            if st == "B":
                return f"{doc.name} (#{num} v.{ver}).{doc.ext}"
            # legacy worksite portable cache: number only
            return f"{num.replace('-', '')[:8]}_{ver}.{doc.ext.upper()}"
        return f"{doc.name}.{doc.ext}"

    def word(self, doc, state: str | None = None) -> tuple:
        fn = self.doc_filename(doc)
        if doc.ext == "xlsx":
            return self.excel(fn)
        if self.wordapp == "pages" and not (self.dms and doc.dms):
            base = fn.rsplit(".", 1)[0] if not doc.unsaved else "Untitled"
            return ("Pages", base + (" — Edited" if state == "edited" else ""), None)
        if self.os == "mac":
            t = fn
            if state == "compat":
                t += " [Compatibility Mode]"
            elif state == "ro":
                t += " [Read-Only]"
            elif state == "protected":
                t += " [Protected View]"
            return ("Microsoft Word", t, None)
        t = fn
        if state == "compat":
            t += " - Compatibility Mode"
        elif state == "ro":
            t += " [Read-Only]"
        elif state == "protected":
            t += " - Protected View"
        elif state == "autorec":
            t = fn.rsplit(".", 1)[0] + " - AutoRecovered"
        return ("WINWORD.EXE", t + " - Word", None)

    def excel(self, fn: str) -> tuple:
        if self.os == "mac":
            return ("Microsoft Excel", fn, None)
        return ("EXCEL.EXE", f"{fn} - Excel", None)

    # -------------------------------------------------------------------- pdf
    def pdf(self, name: str, page: int | None = None, pages: int | None = None) -> tuple:
        a = self.pdfapp
        if a == "acrobat":
            return ("Acrobat.exe", f"{name} - Adobe Acrobat Pro (64-bit)", None)
        if a == "acrobat_new":
            return ("Acrobat.exe", f"{name} - Adobe Acrobat Pro", None)
        if a == "reader":
            return ("AcroRd32.exe" if self.rng.random() < 0.3 else "Acrobat.exe",
                    f"{name} - Adobe Acrobat Reader (64-bit)", None)
        if a == "foxit":
            return ("FoxitPDFEditor.exe", f"{name} - Foxit PDF Editor", None)
        if a == "bluebeam":
            return ("Revu.exe", f"{name} - Bluebeam Revu", None)
        if a == "preview":
            if page and pages and self.rng.random() < 0.35:
                return ("Preview", f"{name} – Page {page} of {pages}", None)
            return ("Preview", name, None)
        if a == "acrobat_mac":
            return ("Adobe Acrobat", name, None)
        return ("Acrobat.exe", f"{name} - Adobe Acrobat Pro (64-bit)", None)

    # ------------------------------------------------------------------- mail
    def mail_inbox(self, unread: int = 0) -> tuple:
        m = self.mail
        if m == "outlook":
            return ("OUTLOOK.EXE", f"Inbox - {self.email} - Outlook", None)
        if m == "newoutlook":
            return ("olk.exe", f"Mail - {self.user_name} - Outlook", None)
        if m == "owa":
            return self.browser(f"Mail - {self.user_name} - Outlook", "https://outlook.office.com/mail/inbox")
        if m == "gmail":
            u = f" ({unread})" if unread else ""
            return self.browser(f"Inbox{u} - {self.email} - {self.org_mail} Mail",
                                "https://mail.google.com/mail/u/0/#inbox")
        if m == "applemail":
            return ("Mail", f"All Inboxes – {self.rng.randint(900, 4800):,} messages, {unread} unread", None)
        if m == "outlookmac":
            return ("Microsoft Outlook", f"Inbox • {self.email}", None)
        raise ValueError(m)

    def reply_subject(self, subject: str, fwd: bool = False) -> str:
        if self.mail in ("gmail", "applemail"):
            return ("Fwd: " if fwd else "Re: ") + subject
        return ("FW: " if fwd else "RE: ") + subject

    def mail_msg(self, subject: str, popout: bool = False) -> tuple:
        """A thread open for reading or replying; subject already carries its RE:/FW: prefix."""
        m = self.mail
        subj = subject
        if m == "outlook":
            fmt = " - Message (HTML)" if self.rng.random() < 0.9 else " - Message (Plain Text)"
            return ("OUTLOOK.EXE", f"{subj}{fmt}", None)
        if m == "newoutlook":
            if popout:
                return ("olk.exe", f"{subj} - {self.user_name} - Outlook", None)
            return ("olk.exe", f"Mail - {self.user_name} - Outlook", None)
        if m == "owa":
            return self.browser(f"Mail - {self.user_name} - Outlook",
                                f"https://outlook.office.com/mail/inbox/id/AAQkAG{self.rng.randrange(16**10):010x}%3D")
        if m == "gmail":
            return self.browser(f"{subj} - {self.email} - {self.org_mail} Mail",
                                f"https://mail.google.com/mail/u/0/#inbox/FMfcgz{self.rng.randrange(36**12):012x}")
        if m == "applemail":
            return ("Mail", subj, None)
        if m == "outlookmac":
            return ("Microsoft Outlook", subj, None)
        raise ValueError(m)

    def mail_new(self, subject: str | None) -> tuple:
        m = self.mail
        if m == "outlook":
            return ("OUTLOOK.EXE", f"{subject or 'Untitled'} - Message (HTML)", None)
        if m == "newoutlook":
            return ("olk.exe", f"{subject or '(No subject)'} - {self.user_name} - Outlook", None)
        if m == "owa":
            return self.browser(f"Mail - {self.user_name} - Outlook", "https://outlook.office.com/mail/deeplink/compose")
        if m == "gmail":
            return self.browser(f"Inbox - {self.email} - {self.org_mail} Mail",
                                "https://mail.google.com/mail/u/0/#inbox?compose=new")
        if m == "applemail":
            return ("Mail", subject or "New Message", None)
        if m == "outlookmac":
            return ("Microsoft Outlook", subject or "Untitled", None)
        raise ValueError(m)

    def calendar_view(self) -> tuple:
        m = self.mail
        if m == "outlook":
            return ("OUTLOOK.EXE", f"Calendar - {self.email} - Outlook", None)
        if m == "newoutlook":
            return ("olk.exe", f"Calendar - {self.user_name} - Outlook", None)
        if m == "owa":
            return self.browser(f"Calendar - {self.user_name} - Outlook", "https://outlook.office.com/calendar/view/workweek")
        if m == "gmail":
            return self.browser(f"{self.org_mail} - Calendar - Week of May 4, 2026",
                                "https://calendar.google.com/calendar/u/0/r/week")
        if m == "applemail":
            return ("Calendar", "Calendar", None)
        return ("Microsoft Outlook", "Calendar", None)

    def reminder(self, subject: str) -> tuple:
        if self.mail == "outlook":
            return ("OUTLOOK.EXE", "1 Reminder(s)", None)
        if self.mail == "newoutlook":
            return ("olk.exe", "Reminders", None)
        if self.os == "mac":
            return ("Calendar" if self.mail == "applemail" else "Microsoft Outlook", subject, None)
        return self.calendar_view()

    # --------------------------------------------------------------- meetings
    def teams(self, title: str) -> tuple:
        app = "ms-teams.exe" if self.os == "win" else "Microsoft Teams"
        return (app, f"{title} | Microsoft Teams" if title else "Microsoft Teams", None)

    def zoom(self, what: str = "meeting") -> tuple:
        app = "Zoom.exe" if self.os == "win" else "zoom.us"
        if what == "meeting":
            return (app, "Zoom Meeting", None)
        if what == "share":
            return (app, self.rng.choice(["as_toolbar", "zoom share statusbar window", "Zoom Meeting"]), None)
        if what == "waiting":
            return (app, "Waiting for Host", None)
        return (app, "Zoom Workplace", None)

    def webex(self, title: str) -> tuple:
        app = "CiscoCollabHost.exe" if self.os == "win" else "Webex"
        return (app, title or "Webex", None)

    def softphone(self, who: str | None = None) -> tuple:
        p = self.phone
        if p == "ringcentral":
            return ("RingCentral.exe" if self.os == "win" else "RingCentral", "RingCentral", None)
        if p == "zoiper":
            return ("Zoiper5.exe", "Zoiper", None)
        if p == "phonelink":
            return ("PhoneExperienceHost.exe", "Phone Link", None)
        if p == "facetime":
            return ("FaceTime", "FaceTime", None)
        if p == "teams":
            return self.teams(who or "Calls")
        return None  # desk phone: nothing on screen

    # ------------------------------------------------------------------ misc
    def lock(self) -> tuple:
        if self.os == "mac":
            return ("loginwindow", "", None)
        return ("LockApp.exe", "Windows Default Lock Screen", None)

    def files(self, folder: str) -> tuple:
        if self.os == "mac":
            return ("Finder", folder, None)
        return ("explorer.exe", folder, None)

    def app(self, app: str, title: str) -> tuple:
        return (app, title, None)
