"""Pure recognition rules: documents from titles, calls, e-mail, private browsing, redaction, heartbeats, backends."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime, timedelta

import pytest

from ledgerwatch.capture import CaptureSettings, WindowSample
from ledgerwatch.capture.backends import WAYLAND_NOTICE, select_backend, session_kind
from ledgerwatch.capture.classify import (
    call_payload,
    classify,
    document_from_title,
    email_payload,
)
from ledgerwatch.capture.documents import pick_document
from ledgerwatch.capture.heartbeat import Heartbeats
from ledgerwatch.capture.privacy import Privacy, luhn_valid
from ledgerwatch.domain import AfkPayload, Source, WindowPayload
from ledgerwatch.domain.text import TITLE_LIMIT

CALL_APPS = frozenset(CaptureSettings().call_apps)


@pytest.mark.parametrize(
    ("app", "title", "document"),
    [
        ("WINWORD", "Smith Lease v3.docx - Word", "Smith Lease v3.docx"),
        ("WINWORD", "Smith Lease v3 [Compatibility Mode] - Word", "Smith Lease v3"),
        ("EXCEL", "Billing 2025.xlsx  -  Excel", "Billing 2025.xlsx"),
        ("Acrobat", "Deposition transcript.pdf - Adobe Acrobat Reader (64-bit)", "Deposition transcript.pdf"),
        ("soffice.bin", "Motion to dismiss.odt - LibreOffice Writer", "Motion to dismiss.odt"),
        ("evince", "exhibit-4.pdf — Exhibit", "exhibit-4.pdf"),
        ("xterm", "bash", None),
        ("chrome", "Google - Google Chrome", None),
    ],
)
def test_document_names_come_from_titles(app, title, document):
    """Office, Acrobat and LibreOffice titles name the open document; other titles name none."""
    assert document_from_title(app, title) == document


def test_pick_document_ignores_lock_files_and_needs_a_match():
    """Open files give the path only when they match the title's name (or are the only document open)."""
    paths = ["/x/~$Lease.docx", "/x/Lease.docx", "/x/notes.txt", "/y/.~lock.Lease.docx#"]
    assert pick_document(paths, "Lease.docx") == "/x/Lease.docx"
    assert pick_document(paths, "Lease") == "/x/Lease.docx"
    assert pick_document(paths, "Other.docx") is None
    assert pick_document(["/x/only.pdf", "/x/lib.so"], None) == "/x/only.pdf"


@pytest.mark.parametrize(
    ("app", "title", "url", "expected_app", "peer"),
    [
        ("zoom", "Zoom Meeting", None, "zoom", None),
        ("Teams", "Call with Jane Roe | Microsoft Teams", None, "Teams", "Jane Roe"),
        ("CiscoWebexStart", "Webex meeting - Acme diligence", None, "CiscoWebexStart", None),
        ("zoiper", "Zoiper - In call", None, "zoiper", None),
        ("chrome", "Meet - abc-defg-hij", "https://meet.google.com/abc-defg-hij", "Google Meet", None),
        ("chrome", "Acme diligence", "https://acme.webex.com/meet/jdoe", "Webex", None),
        ("msedge", "Personal Room", "https://acme.webex.com/wbxmjs/joinservice/sites/acme/meeting/x", "Webex", None),
    ],
)
def test_call_windows_are_recognised(app, title, url, expected_app, peer):
    """Call and meeting windows of Zoom, Teams, Webex, softphones and web meetings become calls (metadata only)."""
    call = call_payload(app, None, title, url, CALL_APPS)
    assert call is not None and call.app == expected_app and call.peer == peer


@pytest.mark.parametrize(
    ("app", "title", "url"),
    [
        ("zoom", "Zoom Workplace", None),
        ("Teams", "Chat | Microsoft Teams", None),
        ("WINWORD", "Conference call notes.docx - Word", None),
        ("chrome", "Google Meet", "https://meet.google.com/"),
        ("chrome", "Webex", "https://acme.webex.com/webappng/sites/acme/dashboard"),
        ("chrome", "Notes - acme.webex.com.docx", "https://example.com/webex.com/meet/x"),
    ],
)
def test_non_call_windows_are_not_calls(app, title, url):
    """A call app's home window, a document about a call, and the Meet landing page are not calls."""
    assert call_payload(app, None, title, url, CALL_APPS) is None


def test_email_windows():
    """Outlook message windows and web-mail messages give the subject; folders and inboxes do not."""
    assert email_payload("OUTLOOK", "Closing docs - Message (HTML)", None, False).subject == "Closing docs"
    assert email_payload("OUTLOOK", "Inbox - jane@firm.example - Outlook", None, False) is None
    gmail_msg = "https://mail.google.com/mail/u/0/#inbox/FMfcgzGxyzABCDEFGHIJKLmnop"
    read = email_payload(
        "chrome", "Re: Smith deposition - jane@firm.example - Gmail - Google Chrome", gmail_msg, True
    )
    assert read is not None and (read.subject, read.direction) == ("Re: Smith deposition", "read")
    inbox = "https://mail.google.com/mail/u/0/#inbox"
    assert (
        email_payload("chrome", "Inbox (3) - jane@firm.example - Gmail - Google Chrome", inbox, True) is None
    )
    compose = email_payload(
        "chrome", "Compose Mail - jane@x - Gmail", "https://mail.google.com/?compose=new", True
    )
    assert compose is not None and compose.direction == "compose"
    assert email_payload("WINWORD", "Letter - Message (HTML)", None, False) is None


def test_private_browser_titles_are_blanked():
    """A private/InPrivate/incognito browser window is stored with no title, flagged incognito."""
    sample = WindowSample("Secret — Mozilla Firefox Private Browsing", "firefox", pid=5)
    obs = classify(sample, None, Privacy(CaptureSettings()), CaptureSettings())
    assert obs.private and obs.window == WindowPayload(app="firefox", title="", incognito=True)


def test_a_hostile_title_is_kept_bounded_with_its_padding_collapsed():
    """A window can title itself with anything: tens of thousands of characters, runs of spaces. What is kept is
    at most TITLE_LIMIT characters, each run of white space one space (padding says nothing); a title of
    ordinary length and spacing is kept as it is."""
    hostile = WindowSample(
        "Smith v. Acme" + " " * 5_000 + "brief.docx - Word" + "x" * 50_000, "WINWORD", pid=5
    )
    obs = classify(hostile, None, Privacy(CaptureSettings()), CaptureSettings())
    assert obs.window is not None
    assert (
        obs.window.title.startswith("Smith v. Acme brief.docx - Word")
        and len(obs.window.title) == TITLE_LIMIT
    )
    padded = WindowSample("Damages.xlsx  -  Read-Only - Excel", "EXCEL", pid=5)
    obs = classify(padded, None, Privacy(CaptureSettings()), CaptureSettings())
    assert obs.window is not None and obs.window.title == "Damages.xlsx - Read-Only - Excel"
    plain = WindowSample("RE: Smith deposition - Message (HTML)", "OUTLOOK", pid=5)
    obs = classify(plain, None, Privacy(CaptureSettings()), CaptureSettings())
    assert obs.window is not None and obs.window.title == plain.title


def test_luhn_guards_card_redaction():
    """Only Luhn-valid digit runs are redacted as card numbers; SSNs always."""
    privacy = Privacy(CaptureSettings())
    assert luhn_valid("4111111111111111") and not luhn_valid("4111111111111112")
    assert privacy.redact("card 4111-1111-1111-1111 ok") == "card [redacted] ok"
    assert privacy.redact("matter 4111-1111-1111-1112") == "matter 4111-1111-1111-1112"
    assert privacy.redact("ssn 078-05-1120.") == "ssn [redacted]."


def test_exclusions_match_app_executable_title_and_domain():
    """Exclusions match app or executable names, title patterns and URL hosts with their subdomains."""
    privacy = Privacy(
        CaptureSettings(
            excluded_apps=("Signal",), excluded_titles=("personal",), excluded_domains=("bank.example",)
        )
    )
    assert privacy.excluded("signal", None, "x", None)
    assert privacy.excluded("electron", "/opt/Signal/signal.exe", "x", None)
    assert privacy.excluded("Word", None, "PERSONAL budget", None)
    assert privacy.excluded("chrome", None, "x", "https://www.bank.example/login")
    assert not privacy.excluded("chrome", None, "x", "https://notbank.example/")


def test_heartbeat_merges_within_pulsetime_and_splits_after_gaps():
    """Same payload within pulsetime extends; after a longer gap a new event starts and the old ends where seen."""
    t = datetime(2025, 1, 1, tzinfo=UTC)
    beats = Heartbeats("host")
    pulse = timedelta(seconds=3)
    p = AfkPayload(away=False)
    for s in (0, 1, 2, 3):
        beats.beat("afk", Source.AFK, p, t + timedelta(seconds=s), pulse)
    beats.beat("afk", Source.AFK, p, t + timedelta(seconds=30), pulse)
    events = beats.drain()
    assert [(e.start - t, e.end - t) for e in events] == [
        (timedelta(0), timedelta(seconds=3)),
        (timedelta(seconds=30), timedelta(seconds=30)),
    ]
    assert all(e.origin == "host" for e in events)
    assert [e.start - t for e in beats.drain()] == [timedelta(seconds=30)]  # closed ones go out once


@pytest.mark.parametrize(
    ("platform", "env", "kind"),
    [
        ("linux", {"DISPLAY": ":0"}, "x11"),
        ("linux", {"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, "wayland"),
        ("linux", {"XDG_SESSION_TYPE": "wayland", "DISPLAY": ":0"}, "xwayland"),
        ("linux", {}, "headless"),
        ("win32", {}, "windows"),
        ("darwin", {}, "macos"),
    ],
)
def test_session_kind(platform, env, kind):
    """The session is recognised from the platform and environment."""
    assert session_kind(platform, env) == kind


def test_wayland_gets_null_backends_and_a_clear_notice():
    """On native Wayland the agent still runs, sees nothing, and says what works and what does not."""
    backends = select_backend(platform="linux", environ={"XDG_SESSION_TYPE": "wayland"})
    assert backends.name == "wayland" and backends.notice == WAYLAND_NOTICE
    assert backends.window.active_window() is None and backends.idle.seconds_since_input() is None


@pytest.mark.parametrize("module", ["x11", "windows", "macos", "processes"])
def test_every_backend_module_imports_on_any_os(module):
    """OS backends import everywhere: OS libraries load only when a backend is constructed."""
    importlib.import_module(f"ledgerwatch.capture.backends.{module}")


def test_capture_imports_nothing_heavy():
    """Importing the agent pulls in neither the web stack nor OS libraries (small resident memory)."""
    import subprocess
    import sys

    code = (
        "import sys, ledgerwatch.capture, ledgerwatch.capture.backends;"
        "bad = [m for m in ('starlette', 'uvicorn', 'Xlib', 'pynput', 'psutil', 'sqlalchemy') if m in sys.modules];"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
