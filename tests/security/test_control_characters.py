"""Finding 8: U+202E (right-to-left override), NUL and their kin never reach the store, a narrative or an export.

Each door is played with hostile text: live capture (window titles), the browser extension, every importer
(ActivityWatch, calendar, call log, matter list), the attorney's own typing, a provider's matter list; then
every text column of the real SQLite store and every export is read back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from ledgerwatch import config
from ledgerwatch.app import Services, open_services
from ledgerwatch.capture import CaptureAgent, CaptureSettings
from ledgerwatch.capture.browser import BrowserEndpoint
from ledgerwatch.capture.samples import WindowSample
from ledgerwatch.capture.tabs import BrowserTabs
from ledgerwatch.domain import Span, TimeEntry
from ledgerwatch.domain.text import clean_line, clean_text, is_clean

RLO, NUL = "\u202e", "\x00"
HOSTILE = f"Acme{RLO}fdp.exe{NUL} motion\x1b[31m\u2066brief\u2069"
"""a title that would read as another file name, with a NUL, an ANSI escape and an isolate"""
DAY = date(2026, 2, 2)
NOON = datetime(2026, 2, 2, 12, tzinfo=UTC)
FORBIDDEN = (RLO, NUL, "\x1b", "\u2066", "\u2069")


def assert_clean(text: str, where: str) -> None:
    found = [repr(c) for c in FORBIDDEN if c in text]
    assert not found, f"{where}: {', '.join(found)}"


def assert_store_clean(db_file: Path) -> int:
    """Every text value in every table of the SQLite store is free of them; returns how many were read."""
    seen = 0
    with sqlite3.connect(db_file) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    if isinstance(value, str):
                        assert_clean(value, f"table {table}")
                        seen += 1
    return seen


@pytest.fixture
def svc(lw_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Services]:
    monkeypatch.setenv("LEDGERWATCH_BILLING__FIRM_RATE", "300")
    services = open_services(config.load(), clock=lambda: NOON + timedelta(hours=6))
    yield services
    services.close()


def _matters_csv(path: Path) -> Path:
    path.write_text(
        "matter_number,client,description,keywords,status\n"
        f"7-Acme,Acme{RLO} Corp{NUL},Acme dispute{RLO},Acme,Open\n",
        encoding="utf-8",
    )
    return path


def test_clean_text_keeps_words_and_lines() -> None:
    """Only the dangerous characters go: letters, accents, right-to-left scripts, tabs and new lines stay."""
    assert clean_line(HOSTILE) == "Acmefdp.exe motion[31mbrief"
    assert clean_text("line one\nline two\tend") == "line one\nline two\tend"
    assert clean_line("line one\nline two") == "line one line two"
    assert clean_line("שלום Müller 東京") == "שלום Müller 東京"
    assert is_clean("plain") and not is_clean(f"a{RLO}b")


def test_live_capture_stores_no_control_characters(svc: Services, lw_home: Path) -> None:
    """A window title with U+202E, NUL and an escape sequence is stored without them."""

    class Window:
        def active_window(self) -> WindowSample:
            return WindowSample(title=HOSTILE, app=f"WINWORD{NUL}.EXE", document=f"brief{RLO}.docx")

        def window_title(self, handle: int) -> str | None:
            return None

        def microphone_in_use(self) -> bool | None:
            return None

        def close(self) -> None:
            return None

    class Idle:
        def seconds_since_input(self) -> float | None:
            return 0.0

        def close(self) -> None:
            return None

    agent = CaptureAgent(Window(), Idle(), svc.events.add_many, CaptureSettings(document_lookup=False))
    for _ in range(3):
        agent.sample_once()
    assert agent.flush() > 0
    assert assert_store_clean(svc.effective.paths.database) > 0


def test_browser_reports_lose_control_characters() -> None:
    """A report from the extension keeps its words and loses the override and the NUL as it arrives."""
    tabs = BrowserTabs()
    endpoint = BrowserEndpoint(tabs, "pairing-token-xyz", port=0)
    port = endpoint.start()
    try:
        r = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/tab",
            json={"url": f"https://acme.example/{RLO}x", "title": HOSTILE},
            headers={"Origin": "chrome-extension://a", "Authorization": "Bearer pairing-token-xyz"},
        )
    finally:
        endpoint.stop()
    latest = tabs.latest()
    assert r.status_code == 204 and latest is not None
    assert_clean(latest.title, "title")
    assert_clean(latest.url, "url")
    assert "Acme" in latest.title and "motion" in latest.title


def test_every_importer_stores_no_control_characters(svc: Services, tmp_path: Path) -> None:
    """ActivityWatch, calendar, call log and matter list: the store holds none of the characters."""
    svc.import_matters(_matters_csv(tmp_path / "matters.csv"))
    aw = tmp_path / "aw.json"
    aw.write_text(
        json.dumps(
            {
                "buckets": {
                    "w": {
                        "id": "w",
                        "type": "currentwindow",
                        "events": [
                            {
                                "timestamp": "2026-02-02T09:00:00Z",
                                "duration": 1800,
                                "data": {"app": "WINWORD.EXE", "title": HOSTILE},
                            }
                        ],
                    },
                    "b": {
                        "id": "b",
                        "type": "web.tab.current",
                        "events": [
                            {
                                "timestamp": "2026-02-02T10:00:00Z",
                                "duration": 600,
                                "data": {"url": f"https://acme.example/{RLO}", "title": HOSTILE},
                            }
                        ],
                    },
                }
            }
        ),
        encoding="utf-8",
    )
    svc.import_activitywatch(aw)
    ics = tmp_path / "cal.ics"
    ics.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\nBEGIN:VEVENT\r\nUID:1@t\r\n"
        "DTSTART:20260202T140000Z\r\nDTEND:20260202T150000Z\r\n"
        f"SUMMARY:Call with Acme{RLO}gpj.exe\r\nDESCRIPTION:notes{RLO} here\\nsecond line\r\n"
        f"LOCATION:Room {RLO}1\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        encoding="utf-8",
    )
    svc.import_ics(ics)
    calls = tmp_path / "calls.csv"
    calls.write_text(
        f"start,duration_seconds,direction,number,name\n2026-02-02 16:00,600,out,+1 555 0100,Jordan{RLO} Smith\n",
        encoding="utf-8",
    )
    svc.import_calls(calls)
    svc.build_drafts(DAY, DAY)
    assert assert_store_clean(svc.effective.paths.database) > 10
    for entry in svc.entries.for_day(DAY):
        assert_clean(entry.description, f"narrative of {entry.id}")


def test_typed_narratives_and_exports_hold_none(svc: Services, tmp_path: Path) -> None:
    """A narrative pasted with U+202E (a note, the rules' narrative kept beside an AI rewrite) is kept without
    it, and the drafts export, LEDES, CSV and PDF hold none."""
    from ledgerwatch.cli.drafts import write_drafts_csv

    svc.import_matters(_matters_csv(tmp_path / "matters.csv"))
    svc.entries.add(
        TimeEntry(
            id="e1",
            date=DAY,
            spans=(Span(NOON, NOON + timedelta(hours=1)),),
            worked_seconds=3600,
            billed_hours=Decimal("1.0"),
            matter="7-Acme",
            description=f"Review {RLO}fdp.exe{NUL} and draft reply",
            note=f"paste{RLO}d",
            rule_description=f"Review{NUL} {RLO}documents",
        ),
        "test",
    )
    entry = svc.entries.get("e1")
    assert entry.description == "Review fdp.exe and draft reply" and entry.note == "pasted"
    assert entry.rule_description == "Review documents"
    document = svc.export_drafts(DAY, DAY)
    assert_clean(json.dumps(document, ensure_ascii=False), "drafts JSON")
    out = tmp_path / "drafts.csv"
    with out.open("w", encoding="utf-8", newline="") as f:
        write_drafts_csv(document, f)
    assert_clean(out.read_text(encoding="utf-8"), "drafts CSV")
    svc.entries.approve("e1", "attorney")
    billing = svc.billing()
    draft = billing.draft("7-Acme", DAY)
    assert draft.invoice_id is not None
    assert billing.finalize(draft.invoice_id).number is not None
    for form in ("ledes", "csv"):
        assert_clean(billing.export(draft.invoice_id, form).decode("utf-8"), form)
    pdf = billing.export(draft.invoice_id, "pdf")
    assert RLO.encode("utf-8") not in pdf and RLO.encode("utf-16-be") not in pdf
    assert_store_clean(svc.effective.paths.database)


def test_a_providers_matter_names_are_cleaned() -> None:
    """Matters pulled from a practice-management system lose the characters before they are kept."""
    from ledgerwatch.sync.connector import RemoteMatter
    from ledgerwatch.sync.service import local_matter as _matter

    remote = RemoteMatter(
        id="1",
        number=f"7-Acme{RLO}",
        description=f"dispute{RLO}",
        client_id="9",
        client_name=f"Acme{NUL} Corp",
        status="open",
        billing_method="hourly",
    )
    matter = _matter(remote)
    for text in (matter.number, matter.client.name, matter.description):
        assert_clean(text, "pulled matter")
