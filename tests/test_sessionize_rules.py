"""Sessionize rules, one small synthetic day at a time."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest

from ledgerwatch.domain import (
    AfkPayload,
    BrowserTabPayload,
    CalendarPayload,
    Client,
    EntryKind,
    Event,
    Evidence,
    Matter,
    MatterStatus,
    RoundingPolicy,
    Source,
    TimeEntry,
    WindowPayload,
    approve,
    revise,
)
from ledgerwatch.sessionize import Memory, SessionizePolicy, build_drafts, build_range, drafts_document, learn
from ledgerwatch.sessionize.memory import distinctive, taught_keys

DAY = date(2026, 2, 2)
SMITH = Matter(
    "1001-Smith",
    Client("Smith, Jordan"),
    "Smith v. Acme Freight - personal injury",
    ("Smith", "Acme Freight", "3:25-cv-00917"),
)
NORTHWIND_LICENSE = Matter(
    "1002-Northwind",
    Client("Northwind Traders Inc."),
    "Software license agreement review",
    ("Northwind", "license"),
)
NORTHWIND_GARCIA = Matter(
    "1003-Northwind",
    Client("Northwind Traders Inc."),
    "Employment - Garcia separation",
    ("Garcia", "separation"),
)
PATEL = Matter(
    "1004-Patel", Client("Patel Family"), "Estate plan - revocable trust", ("Patel", "revocable trust")
)
MATTERS = (SMITH, NORTHWIND_LICENSE, NORTHWIND_GARCIA, PATEL)


def at(minute: float) -> datetime:
    return datetime(2026, 2, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=minute)


def window(start: float, minutes: float, title: str, app: str = "WINWORD.EXE") -> Event:
    return Event(Source.WINDOW, at(start), at(start + minutes), WindowPayload(app, title))


def tab(start: float, minutes: float, url: str, title: str) -> Event:
    return Event(Source.BROWSER, at(start), at(start + minutes), BrowserTabPayload(url, title))


def build(*events: Event, matters: tuple[Matter, ...] = MATTERS, **policy: object) -> list[TimeEntry]:
    return build_drafts(list(events), matters, DAY, UTC, SessionizePolicy(**policy))  # type: ignore[arg-type]


def billable(entries: list[TimeEntry]) -> dict[str, int]:
    seconds: dict[str, int] = {}
    for entry in entries:
        if entry.matter is not None:
            seconds[entry.matter] = seconds.get(entry.matter, 0) + entry.worked_seconds
    return seconds


def test_short_interruption_stays_in_the_surrounding_block() -> None:
    """A one-minute glance at another client's e-mail inside drafting counts as the drafting."""
    entries = build(
        window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"),
        window(20, 1, "RE: Patel - revocable trust - Message (HTML)", "OUTLOOK.EXE"),
        window(21, 20, "Smith v Acme - Motion to Compel.docx - Word"),
    )
    assert billable(entries) == {"1001-Smith": 41 * 60}
    assert len([e for e in entries if e.matter]) == 1


def test_long_interruption_with_its_own_evidence_becomes_its_own_draft() -> None:
    """Ten minutes on another matter's e-mail is not an interruption: it is its own task."""
    entries = build(
        window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"),
        window(20, 10, "RE: Patel - revocable trust - Message (HTML)", "OUTLOOK.EXE"),
        window(30, 20, "Smith v Acme - Motion to Compel.docx - Word"),
    )
    assert billable(entries) == {"1001-Smith": 40 * 60, "1004-Patel": 10 * 60}


def test_away_time_is_cut_out_and_never_a_draft() -> None:
    """Lunch with the last window left on screen is not billed."""
    entries = build(
        window(0, 90, "Patel RLT draft.docx - Word"),
        Event(Source.AFK, at(30), at(75), AfkPayload(True)),
    )
    assert billable(entries) == {"1004-Patel": 45 * 60}
    spans = [span for entry in entries for span in entry.spans]
    assert all(not (span.start < at(75) and at(30) < span.end) for span in spans)


def test_zoom_meeting_takes_the_matter_of_the_calendar_event() -> None:
    """A window that only says 'Zoom Meeting' is billed to the matter the calendar names."""
    entries = build(
        window(0, 30, "Zoom Meeting", "Zoom.exe"),
        Event(
            Source.CALENDAR,
            at(0),
            at(30),
            CalendarPayload("Call w/ Northwind Traders Inc. re Garcia separation"),
        ),
    )
    assert billable(entries) == {"1003-Northwind": 30 * 60}
    assert "Garcia separation" in entries[0].description


def test_a_call_counts_while_the_keyboard_is_idle_during_its_calendar_event() -> None:
    """Listening on a booked Zoom call without typing is still the call."""
    entries = build(
        window(0, 30, "Zoom Meeting", "zoom.us"),
        Event(Source.CALENDAR, at(0), at(30), CalendarPayload("Smith: client call")),
        Event(Source.AFK, at(10), at(45), AfkPayload(True)),
    )
    assert billable(entries) == {"1001-Smith": 30 * 60}


def test_generic_document_takes_the_matter_of_the_work_around_it() -> None:
    """'Document1 - Word' between two stretches of a matter's brief belongs to that matter."""
    entries = build(
        window(0, 10, "Smith v Acme - Motion to Compel.docx - Word"),
        window(10, 8, "Document1 - Word"),
        window(18, 10, "Smith v Acme - Motion to Compel.docx - Word"),
    )
    assert billable(entries) == {"1001-Smith": 28 * 60}


def test_untitled_message_takes_the_thread_it_replies_to() -> None:
    """An unaddressed message next to a thread of one matter goes to that matter, not the previous task."""
    entries = build(
        window(0, 15, "Patel RLT draft.docx - Word"),
        window(15, 5, "Untitled - Message (HTML)", "OUTLOOK.EXE"),
        window(20, 5, "RE: Garcia - Garcia separation - Message (HTML)", "OUTLOOK.EXE"),
    )
    assert billable(entries) == {"1004-Patel": 15 * 60, "1003-Northwind": 10 * 60}


def test_caption_variants_and_docket_numbers_name_the_matter() -> None:
    """'Smith vs Acme', and a docket number written with underscores, both point to Smith."""
    entries = build(
        window(0, 10, "Smith vs Acme hearing notes.docx - Word"),
        window(60, 10, "3_25-cv-00917 Dkt 40.pdf - Adobe Acrobat Pro (64-bit)", "Acrobat.exe"),
    )
    assert billable(entries) == {"1001-Smith": 20 * 60}


def test_other_cases_captions_do_not_match() -> None:
    """Research on 'Unocal Corp. v. Mesa Petroleum' names no matter by itself."""
    entries = build(
        window(0, 10, "Unocal Corp. v. Mesa Petroleum Co. | Westlaw - Google Chrome", "chrome.exe"),
    )
    assert billable(entries) == {}
    assert [e.kind for e in entries] == [EntryKind.UNASSIGNED]


def test_westlaw_client_id_and_research_topic_propagate() -> None:
    """The client ID on one search names the matter; the same query elsewhere gets it too."""
    title = "Westlaw Edge - limitation of liability carve-outs SaaS - Search Results"
    entries = build(
        window(0, 10, f"{title} | Client ID: 1002 - Google Chrome", "chrome.exe"),
        window(120, 10, f"{title} - Google Chrome", "chrome.exe"),
    )
    assert billable(entries) == {"1002-Northwind": 20 * 60}


def test_two_matters_of_one_client_are_told_apart_by_their_own_words() -> None:
    """'Northwind' is the client's name: it only leans to the matter that lists it as a keyword (breaking a
    tie); 'Garcia' is the other matter's own word and names it."""
    entries = build(
        window(0, 10, "Northwind DPA v2.docx - Word"),
        window(60, 10, "Garcia separation agreement.docx - Word"),
    )
    assert billable(entries) == {"1002-Northwind": 600, "1003-Northwind": 600}


def test_the_client_name_never_beats_a_sibling_matters_own_word() -> None:
    """'Northwind separation policy': the lean of 'Northwind' loses to 'separation', 1003's own keyword."""
    entries = build(window(0, 10, "Northwind separation policy - exhibit.pdf - Adobe Acrobat Pro", "Acrobat.exe"))
    assert billable(entries) == {"1003-Northwind": 600}


def test_personal_and_admin_time_are_drafts_without_a_matter() -> None:
    """YouTube is personal and an expense report is firm administration: visible, never billed."""
    entries = build(
        window(0, 10, "Music - YouTube - Google Chrome", "chrome.exe"),
        tab(0, 10, "https://www.youtube.com/watch?v=1", "Music - YouTube"),
        window(30, 10, "Expense report November.xlsx - Excel", "EXCEL.EXE"),
    )
    assert billable(entries) == {}
    assert {e.kind for e in entries} == {EntryKind.PERSONAL, EntryKind.NONBILLABLE}
    assert all(e.billed_hours == 0 for e in entries)


def test_incognito_titles_are_never_shown() -> None:
    """A private-browsing tab is personal and its title appears nowhere in the draft."""
    entries = build(
        window(0, 10, "Secret thing - Google Chrome", "chrome.exe"),
        Event(
            Source.BROWSER,
            at(0),
            at(10),
            BrowserTabPayload("https://x.example/", "Secret thing", incognito=True),
        ),
    )
    assert [e.kind for e in entries] == [EntryKind.PERSONAL]
    assert "Secret" not in repr(entries[0])


def test_unattributable_work_stays_visible_as_unassigned() -> None:
    """Time that names no matter is a draft without a matter, never silently dropped."""
    entries = build(window(0, 25, "Quarterly planning notes.docx - Word"))
    assert [(e.kind, e.matter, e.worked_seconds) for e in entries] == [(EntryKind.UNASSIGNED, None, 25 * 60)]
    assert any(p.code == "no_matter" for p in entries[0].problems)


def test_rounding_is_applied_once_per_entry() -> None:
    """Two 2-minute spans of one task bill 0.1 h, not 0.1 h each."""
    entries = build(
        window(0, 2, "Patel RLT draft.docx - Word"),
        window(2, 8, "Music - YouTube - Google Chrome", "chrome.exe"),
        window(10, 2, "Patel RLT draft.docx - Word"),
    )
    patel = [e for e in entries if e.matter == "1004-Patel"]
    assert len(patel) == 1
    assert len(patel[0].spans) == 2
    assert patel[0].billed_hours == Decimal("0.1")


def test_matter_rounding_policy_wins_over_the_default() -> None:
    """A matter billed in quarter hours rounds 7 minutes up to 0.25 h."""
    quarter = RoundingPolicy(Decimal("0.25"), minimum=Decimal("0.25"))
    matter = Matter("2000-Q", Client("Quill Co"), "Quill lease", ("Quill",), rounding=quarter)
    entries = build(window(0, 7, "Quill lease.docx - Word"), matters=(matter,))
    assert entries[0].billed_hours == Decimal("0.25")


def test_closed_matter_and_vague_narrative_are_problems() -> None:
    """Work on a closed matter is flagged; narratives name the document worked on."""
    closed = Matter("9000-Old", Client("Oldco"), "Oldco dispute", ("Oldco",), status=MatterStatus.CLOSED)
    entries = build(window(0, 12, "Oldco settlement memo.docx - Word"), matters=(closed,))
    assert "closed_matter" in {p.code for p in entries[0].problems}
    assert entries[0].description == "Draft and revise Oldco settlement memo"
    assert entries[0].activity_code == "A103"


def test_litigation_matters_get_a_task_code() -> None:
    """A motion to compel on a litigation matter suggests L350 (discovery motions)."""
    entries = build(window(0, 30, "Smith v Acme - Motion to Compel.docx - Word"))
    assert entries[0].task_code == "L350"
    assert build(window(0, 30, "Patel RLT draft.docx - Word"))[0].task_code is None


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("Attend Kestrel v. Harbor - oral argument (remotely, Microsoft Teams)", "L250"),
        ("Attend Delgado v. Pinecrest - hearing on motion to compel (remotely, Zoom)", "L350"),
        ("Attend Hearing on motion for summary judgment - Kestrel v. Harbor", "L240"),
        ("Attend Delgado v. Pinecrest - evidentiary hearing (Courtroom 4B)", "L450"),
        ("Attend Remote deposition of Dr. Patel (remotely, Zoom)", "L330"),
        ("Attend Ortega - mediation session (JAMS)", "L160"),
        ("Attend Smith v. Acme - status conference (remotely, Zoom)", "L230"),
        ("Attend Smith v. Acme - appellate oral argument (Second Circuit)", "L520"),
    ],
)
def test_an_attended_event_takes_the_task_code_of_what_it_was(description: str, code: str) -> None:
    """What was attended decides the task wherever the event's title names it: "Attend Kestrel v. Harbor - oral
    argument" was L120 (analysis) for want of the phrase "attend oral argument". Arguing a motion is the
    motion's phase, as UTBMS defines them ("preparing and arguing"); a hearing or trial otherwise L450."""
    from ledgerwatch.sessionize.codes import task_code

    assert task_code(description, "attend") == code


def test_generative_ai_time_is_flagged() -> None:
    """Time in ChatGPT on a matter stays with the matter but carries an ABA 512 flag."""
    entries = build(
        window(0, 20, "Patel RLT draft.docx - Word"),
        window(20, 5, "Summarize Patel trust terms - ChatGPT - Google Chrome", "chrome.exe"),
        window(25, 20, "Patel RLT draft.docx - Word"),
    )
    assert billable(entries) == {"1004-Patel": 45 * 60}
    assert "ai_tool" in {p.code for p in entries[0].problems}


def test_memory_of_approvals_names_an_ambiguous_document() -> None:
    """A document the attorney approved for a matter before goes there again."""
    doc = window(0, 30, "Northwind privilege log.xlsx - Excel", "EXCEL.EXE")
    first = build(doc)
    assert first[0].matter == "1002-Northwind"
    corrected = approve(revise(first[0], matter="1003-Northwind"), at(60))
    memory = learn(Memory(), corrected)
    assert memory.lookup("doc:northwind privilege log") == "1003-Northwind"
    again = build_drafts([doc], MATTERS, DAY, UTC, SessionizePolicy(), memory)
    assert again[0].matter == "1003-Northwind"


def test_a_weekly_call_the_attorney_placed_last_week_is_that_matter_again_a_one_off_still_asks() -> None:
    """'Northwind / Cole - weekly' names only the client of two matters: the first week it asks. Once the
    attorney put it on the Garcia matter, the series' next occurrence is Garcia's. A one-off call with the
    same title is not the series and still asks (two one-off 'Call w/ Juan's a week apart were about two
    matters)."""

    def call(recurring: bool) -> tuple[Event, ...]:
        weekly = CalendarPayload("Northwind / Cole - weekly", uid="w", recurring=recurring)
        return (
            Event(Source.CALENDAR, at(0), at(30), weekly),
            window(0, 30, "Northwind / Cole - weekly | Microsoft Teams", "ms-teams.exe"),
        )

    first = build(*call(True))
    assert first[0].matter is None and set(first[0].candidates) == {"1002-Northwind", "1003-Northwind"}
    memory = learn(Memory(), approve(revise(first[0], matter="1003-Northwind"), at(60)))
    again = build_drafts(list(call(True)), MATTERS, DAY, UTC, SessionizePolicy(), memory)
    assert [(e.matter, e.worked_seconds) for e in again] == [("1003-Northwind", 30 * 60)]
    one_off = build_drafts(list(call(False)), MATTERS, DAY, UTC, SessionizePolicy(), memory)
    assert one_off[0].matter is None and set(one_off[0].candidates) == {"1002-Northwind", "1003-Northwind"}


def test_an_approval_teaches_specific_threads_not_generic_ones() -> None:
    """Approving an hour on Northwind's privilege log teaches the log and a thread with a specific subject, not a
    thread called 'comments' or 'Holiday schedule' (every matter has one). A memory learned before this rule
    does not recall a generic thread either."""
    events = (
        window(0, 30, "Northwind privilege log.xlsx - Excel", "EXCEL.EXE"),
        window(30, 2 / 3, "Holiday schedule - Message (HTML)", "OUTLOOK.EXE"),
        window(30 + 40 / 60, 5, "RE: comments - Message (HTML)", "OUTLOOK.EXE"),
        window(35 + 40 / 60, 5, "RE: Northwind log second pass - Message (HTML)", "OUTLOOK.EXE"),
        window(40 + 40 / 60, 20, "Northwind privilege log.xlsx - Excel", "EXCEL.EXE"),
    )
    first = build(*events)
    entry = next(e for e in first if e.matter is not None)
    memory = learn(Memory(), approve(revise(entry, matter="1003-Northwind"), at(90)))
    assert memory.lookup("doc:northwind privilege log") == "1003-Northwind"
    assert memory.lookup("thread:northwind log second pass") == "1003-Northwind"
    assert memory.lookup("thread:holiday schedule") is None
    assert memory.lookup("thread:comments") is None
    old = Memory.of([("thread:comments", "1003-Northwind")])
    assert old.recall(["thread:comments"], {"1003-Northwind"}) is None


def test_memory_of_a_name_approved_on_two_matters_recalls_neither() -> None:
    """A document name, a site or a research question the attorney approved on two matters is shared ("Expert
    report", a county clerk's docket, a question asked for each application): it recalls nothing, however the
    approvals lean. A document-management number is one document: a stray approval elsewhere is outvoted."""
    memory = Memory.of(
        [
            ("doc:expert report", "2024-0141"),
            ("doc:expert report", "2024-0141"),
            ("doc:expert report", "2024-0141"),
            ("doc:expert report", "2024-0152"),
            ("site:hover.hillsclerk.com", "2025-0189"),
            ("site:hover.hillsclerk.com", "2025-0178"),
            ("topic:written description genus claims", "A1234-001"),
            ("topic:written description genus claims", "A1234-002"),
            ("doc:dms 4400123", "2024-0141"),
            ("doc:dms 4400123", "2024-0141"),
            ("doc:dms 4400123", "2024-0141"),
            ("doc:dms 4400123", "2024-0152"),
            ("doc:hansen deposition outline", "2024-0152"),
        ]
    )
    known = {"2024-0141", "2024-0152", "2025-0178", "2025-0189", "A1234-001", "A1234-002"}
    for key in ("doc:expert report", "site:hover.hillsclerk.com", "topic:written description genus claims"):
        assert memory.lookup(key) is None
        assert memory.recall([key], known) is None
    assert memory.lookup("doc:dms 4400123") == "2024-0141"
    assert memory.recall(["doc:expert report", "doc:hansen deposition outline"], known) == "2024-0152"


def test_a_glance_inside_an_approved_entry_teaches_nothing() -> None:
    """Approving an afternoon on the bylaws teaches the bylaws and the thread worked on for two minutes; the
    other client's bylaws PDF and the e-billing notice glanced at for 12 and 25 seconds (naming no matter on
    their own) teach nothing, nor does another matter's e-mail however long it was open."""
    evidence = (
        Evidence("document", "Quartzpoint Bylaws (amended)", 3000, "0207-Quartzpoint"),
        Evidence("email", "resolutions for the May board meeting", 120, None),
        Evidence("document", "Keelstead Bylaws 2024", 12, None),
        Evidence("email", "Invoice 2291 rejected by e-billing portal", 25, None),
        Evidence("email", "Keelstead annual report filing", 300, "0157-Keelstead"),
    )
    assert taught_keys(evidence, (None, "0207-Quartzpoint")) == (
        "doc:quartzpoint bylaws amended",
        "thread:resolutions for the may board meeting",
    )


def test_a_site_approved_once_inside_a_draft_is_not_billed_next_time() -> None:
    """A page glanced at inside an afternoon's drafting is approved with the draft; a site recalls its matter
    only once the attorney approved it for that matter again."""
    once = Memory.of([("site:cooking.example.com", "2024-0141")])
    assert once.recall(["site:cooking.example.com"], {"2024-0141"}) is None
    twice = Memory.of([("site:cooking.example.com", "2024-0141"), ("site:cooking.example.com", "2024-0141")])
    assert twice.recall(["site:cooking.example.com"], {"2024-0141"}) == "2024-0141"


@pytest.mark.parametrize(
    ("subject", "specific"),
    [
        ("a few questions", False),
        ("follow up on signed copy", False),
        ("quick question re status", False),
        ("northwind log second pass", True),
        ("garcia separation agreement", True),
        ("claim 4 amendments", False),
        ("claim 10 amendments", False),
        ("invoice 2291 past due", True),
        ("re 440-2025-07764", True),
        ("claims 1 and 9 interview agenda", True),
    ],
)
def test_a_thread_of_words_any_message_uses_is_not_remembered(subject: str, specific: bool) -> None:
    """Three words are not enough when they are words any matter's correspondence uses ('a few questions'
    was approved for one application and recalled for another client's): two must be the thread's own, or
    it carries a reference number. A claim's number is no reference: "Claim 10 amendments" approved for one
    application was recalled for another client's the next week."""
    assert distinctive(f"thread:{subject}") is specific


def test_a_court_portal_page_naming_no_case_has_no_identity() -> None:
    """'CM/ECF NextGen - Civil Events' is the portal, checked for every case: it is not remembered or carried
    as one document; a docket page naming a case is."""
    from ledgerwatch.sessionize.pipeline import reader_for

    read = reader_for(MATTERS, SessionizePolicy()).read
    portal = read("msedge.exe", "CTD CM/ECF NextGen - Civil Events - Work - Microsoft Edge", "https://ecf.ctd.uscourts.gov/cgi-bin/DktRpt.pl", False)
    assert portal.keys == ()
    case = read("msedge.exe", "CTD CM/ECF NextGen - Smith v. Acme - Docket Report - Work - Microsoft Edge", "https://ecf.ctd.uscourts.gov/cgi-bin/DktRpt.pl", False)
    assert case.keys != ()


def test_days_are_local_days() -> None:
    """Work from 23:30 to 00:30 local time splits between the two local days."""
    tz = timezone(timedelta(hours=-5))
    start = datetime(2026, 2, 2, 23, 30, tzinfo=tz)
    event = Event(
        Source.WINDOW,
        start,
        start + timedelta(hours=1),
        WindowPayload("WINWORD.EXE", "Patel RLT draft.docx - Word"),
    )
    entries = build_range([event], MATTERS, date(2026, 2, 2), date(2026, 2, 3), tz)
    assert [(e.date, e.worked_seconds) for e in entries] == [
        (date(2026, 2, 2), 1800),
        (date(2026, 2, 3), 1800),
    ]


def test_same_input_gives_the_same_drafts_and_ids() -> None:
    """Drafts and their ids are a pure function of the input, whatever its order."""
    events = [
        window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"),
        window(20, 10, "RE: Patel - revocable trust - Message (HTML)", "OUTLOOK.EXE"),
    ]
    assert build(*events) == build(*reversed(events))
    assert len({e.id for e in build(*events)}) == 2


def test_export_document_has_the_fields_score_reads() -> None:
    """drafts_document writes matter, date, UTC spans and billed hours as a Decimal string."""
    entries = build(window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"))
    draft = drafts_document(entries, UTC, MATTERS)["drafts"][0]
    assert draft["matter"] == "1001-Smith"
    assert draft["client"] == "Smith, Jordan"
    assert draft["date"] == "2026-02-02"
    assert draft["spans"] == [{"start": "2026-02-02T09:00:00+00:00", "end": "2026-02-02T09:20:00+00:00"}]
    assert draft["billed_hours"] == "0.4"
    assert draft["worked_seconds"] == 1200
    assert draft["status"] == "draft"
    assert set(draft) >= {
        "id",
        "activity_code",
        "task_code",
        "description",
        "confidence",
        "reasons",
        "problems",
    }


@pytest.mark.parametrize(
    ("app", "title", "label", "matter"),
    [
        ("POWERPNT.EXE", "Smith mediation deck - PowerPoint", "Smith mediation deck", "1001-Smith"),
        ("Keynote", "Smith mediation deck.key", "Smith mediation deck", "1001-Smith"),
        ("notepad++.exe", r"C:\Matters\1004-Patel\trust notes.txt - Notepad++", "trust notes", "1004-Patel"),
        ("Notepad.exe", "*Garcia call notes.txt - Notepad", "Garcia call notes", "1003-Northwind"),
        ("Code", "● smith-timeline.md - matters - Visual Studio Code", "smith-timeline", "1001-Smith"),
        ("ONENOTE.EXE", "Patel trust meeting notes - OneNote", "Patel trust meeting notes", "1004-Patel"),
        ("VISIO.EXE", "Smith accident diagram.vsdx - Visio Professional", "Smith accident diagram", "1001-Smith"),
        ("Revu.exe", "Smith deposition transcript.pdf - Bluebeam Revu", "Smith deposition transcript", "1001-Smith"),
    ],
)
def test_decks_notes_and_text_files_are_documents_of_their_matter(
    app: str, title: str, label: str, matter: str
) -> None:
    """A presentation, a notebook page or a text file in an editor is a document like a Word file: its own
    name is what the draft names (never the program, never the folders of its path), it is one identity all
    week, and its words (or the matter number in its path) decide its matter."""
    from ledgerwatch.sessionize.pipeline import reader_for
    from ledgerwatch.sessionize.reading import Role

    reading = reader_for(MATTERS, SessionizePolicy()).read(app, title, None, False)
    assert (reading.role, reading.label) == (Role.DOCUMENT, label)
    assert reading.keys and reading.keys[0].startswith("doc:")
    entries = build(window(0, 30, title, app))
    assert billable(entries) == {matter: 1800}
    assert label in entries[0].description and "Notepad" not in entries[0].description


@pytest.mark.parametrize(
    ("app", "title"),
    [
        ("Acrobat.exe", "Adobe Acrobat Pro (64-bit)"),
        ("AcroRd32.exe", "Adobe Acrobat Reader DC (64-bit)"),
        ("WINWORD.EXE", "Word"),
        ("EXCEL.EXE", "Microsoft Excel"),
        ("Preview", "Preview"),
        ("VISIO.EXE", "Visio Professional"),
        ("Revu.exe", "Bluebeam Revu"),
    ],
)
def test_a_programs_start_screen_is_no_document_to_remember(app: str, title: str) -> None:
    """Acrobat or Word with no file open shows only its own name: that is no document, so it is not one
    identity that would carry one matter's work to every other time the program starts (it is an untitled
    window, like 'Document1')."""
    from ledgerwatch.sessionize.pipeline import reader_for
    from ledgerwatch.sessionize.reading import Role

    reading = reader_for(MATTERS, SessionizePolicy()).read(app, title, None, False)
    assert reading.role is Role.GENERIC and reading.keys == ()


def test_a_page_count_and_a_file_managers_name_are_not_part_of_a_name() -> None:
    """Older Preview titles end '(page 3 of 22)', Windows 11 folders '- File Explorer': the same file or folder
    on another page or in another window is the same identity."""
    from ledgerwatch.sessionize.pipeline import reader_for

    read = reader_for(MATTERS, SessionizePolicy()).read
    assert read("Preview", "Smith IME report.pdf (page 3 of 22)", None, False).keys == read(
        "Preview", "Smith IME report.pdf (page 9 of 22)", None, False
    ).keys == read("Acrobat.exe", "Smith IME report.pdf - Adobe Acrobat Pro (64-bit)", None, False).keys
    folder = read("explorer.exe", "1004-Patel - File Explorer", None, False)
    assert folder.label == "1004-Patel" and folder.keys == read("explorer.exe", "1004-Patel", None, False).keys


def test_outlook_on_the_webs_mailbox_owner_is_no_part_of_a_subject() -> None:
    """Outlook on the web titles a message '<subject> - <mailbox owner> - Outlook'; the desktop app '<subject> -
    Outlook'. The same thread read in both is one thread, and its narrative never names the attorney."""
    from ledgerwatch.sessionize.pipeline import reader_for

    read = reader_for(MATTERS, SessionizePolicy()).read
    owa = "https://outlook.office.com/mail/inbox/id/AAQkADE3NDc5MmI0LTgwMjEtNDk1OS05Yj"
    web = read("msedge.exe", "RE: Garcia separation - Dana van der Berg - Outlook - Work - Microsoft Edge", owa, False)
    app = read("olk.exe", "Garcia separation - Outlook", None, False)
    assert web.label == app.label == "Garcia separation" and web.keys == app.keys
    entries = build(
        window(0, 10, "RE: Garcia separation - Dana van der Berg - Outlook - Work - Microsoft Edge", "msedge.exe"),
        window(10, 10, "Garcia separation - Outlook", "olk.exe"),
    )
    assert billable(entries) == {"1003-Northwind": 1200}
    assert "Berg" not in entries[0].description


def test_time_in_the_mailbox_for_a_matters_thread_is_correspondence() -> None:
    """Reading the inbox around one matter's thread is e-mail work: the draft is correspondence (A106), named
    by the thread, even when the mailbox view had more of the time than the message itself."""
    entries = build(
        window(0, 6, "Inbox - jdoe@firm.com - Outlook", "OUTLOOK.EXE"),
        window(6, 4, "RE: Patel - revocable trust - Message (HTML)", "OUTLOOK.EXE"),
        window(10, 5, "Inbox - jdoe@firm.com - Outlook", "OUTLOOK.EXE"),
        window(15, 3, "RE: Patel - revocable trust - Message (HTML)", "OUTLOOK.EXE"),
    )
    (entry,) = [e for e in entries if e.matter == "1004-Patel"]
    assert entry.activity_code == "A106"
    assert entry.description.startswith("Review and respond to correspondence re Patel - revocable trust")


def test_a_page_is_named_without_its_sites_name_and_coded_as_review() -> None:
    """A page the attorney reads for a matter (a patent office record, a prior-art page) is review (A104), not
    'other', and the narrative names the page, the site it is on only in parentheses."""
    patent = Matter("2207-0004", Client("Veltrix Therapeutics, Inc."), "Appl. No. 17/845,221", ("17/845,221",))
    events = [
        tab(0, 12, "https://patentcenter.uspto.gov/applications/17845221/ifw/docs", "Patent Center | USPTO"),
        window(0, 12, "Patent Center | USPTO - Google Chrome", "chrome.exe"),
    ]
    (entry,) = build(*events, matters=(patent,))
    assert entry.matter == "2207-0004" and entry.activity_code == "A104"
    assert entry.description == "Review Patent Center (USPTO)"


def test_an_unsaved_document_between_two_matters_work_asks() -> None:
    """'Document8' in Word straight after Smith's brief and straight before the Patel trust draft is either
    matter's: the nearer one was right only about two times in three on the development weeks, so the draft
    asks between the two, nearer first. Between two stretches of one matter's work it is that matter's."""
    entries = build(
        window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"),
        window(21, 8, "Document8 - Word"),
        window(31, 20, "Patel RLT draft.docx - Word"),
    )
    (asked,) = [e for e in entries if e.candidates]
    assert asked.candidates == ("1001-Smith", "1004-Patel") and asked.worked_seconds == 8 * 60
    entries = build(
        window(0, 20, "Smith v Acme - Motion to Compel.docx - Word"),
        window(21, 8, "Document8 - Word"),
        window(31, 20, "Smith v Acme - Motion to Compel.docx - Word"),
    )
    assert billable(entries) == {"1001-Smith": 48 * 60} and not any(e.candidates for e in entries)
