"""Words in a title and a document's name: whether a title says a word of a list (the indexed lookup answers as
looking for each fragment in turn), and what names one document across its versions."""

from __future__ import annotations

import dataclasses
from datetime import UTC

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerwatch.domain import CalendarPayload, Client, Event, Matter, Source, WindowPayload
from ledgerwatch.sessionize import SessionizePolicy, build_drafts
from ledgerwatch.sessionize.memory import document_identity, strip_dms
from ledgerwatch.sessionize.reading import CHAT_VIEWS, clean_document, says, subject_of
from tests.sessionize_support import DAY, window
from tests.sessionize_support import at as minute

LISTS = [
    value
    for field in dataclasses.fields(SessionizePolicy)
    if isinstance(value := getattr(SessionizePolicy(), field.name), tuple)
    and len(value) > 4
    and all(isinstance(item, str) for item in value)
] + [CHAT_VIEWS]


def one_by_one(text: str, fragments: tuple[str, ...]) -> bool:
    """The rule of says written plainly: a fragment's letter or digit ends are word ends (or a plural "s" from
    seven letters)."""
    for fragment in fragments:
        for at in range(len(text) - len(fragment) + 1):
            if not text.startswith(fragment, at):
                continue
            end = at + len(fragment)
            if fragment[0].isalnum() and at > 0 and text[at - 1].isalnum():
                continue
            if not fragment[-1].isalnum() or end == len(text) or not text[end].isalnum():
                return True
            if len(fragment) >= 7 and text[end] == "s" and (end + 1 == len(text) or not text[end + 1].isalnum()):
                return True
    return False


NEIGHBOURS = st.text(alphabet="ab s.-/|é_1'(Ü", max_size=3)


@settings(max_examples=400, deadline=None)
@given(
    which=st.integers(min_value=0),
    pick=st.integers(min_value=0),
    cut=st.integers(min_value=0, max_value=40),
    before=NEIGHBOURS,
    after=NEIGHBOURS,
    upper=st.booleans(),
)
def test_a_long_list_is_looked_up_by_its_words_with_the_same_answers(
    which: int, pick: int, cut: int, before: str, after: str, upper: bool
) -> None:
    fragments = LISTS[which % len(LISTS)]
    fragment = fragments[pick % len(fragments)]
    fragment = fragment[: cut or len(fragment)]
    for text in (before + fragment + after, f" {fragment}s ", f"{fragment}ss", f"x{fragment}"):
        text = text.upper() if upper else text
        assert says(text, fragments) is one_by_one(text, fragments), (text, fragment)


def test_words_plurals_and_parts_of_words() -> None:
    lists = next(fragments for fragments in LISTS if "timesheet" in fragments)
    assert says(" weekly timesheets due ", lists)
    assert not says(" timesheetss ", lists)
    assert not says(" betsy ross estate ", ("etsy", *lists))
    assert says(" etsy order ", ("etsy", *lists))


@pytest.mark.parametrize(
    ("name", "identity"),
    [
        ("Lease Redline v2", "lease"),
        ("Motion to Compel (3)", "motion to compel"),
        ("Motion to Compel_final", "motion to compel"),
        ("Motion to Compel - Clean [v3]", "motion to compel"),
        ("SPA executed copy", "spa"),
        ("Exhibit 12", "exhibit 12"),
        ("Settlement Agreement - Smith", "settlement agreement smith"),
        ("Draft", "draft"),
        ("#4400123v1 - Request for Production", "dms 4400123"),
    ],
)
def test_a_documents_versions_are_one_document(name: str, identity: str) -> None:
    assert document_identity(name) == identity


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Motion to Dismiss.docx - Google Chrome", "Motion to Dismiss"),
        ("Motion to Dismiss.docx - GOOGLE CHROME", "Motion to Dismiss"),
        ("Lease - ſafari", "Lease"),  # the long s: a case-insensitive "s"
        ("Lease and 7 more pages - Work - Microsoft\u00a0Edge", "Lease"),
        ("Lease.pdf (PAGE 3 OF 12) - Adobe Acrobat Reader", "Lease"),
        ("Lease.docx [Read-Only] - Word", "Lease"),
        ("Lease.docx - AutoSaved - Word", "Lease"),
        ("Search operations manual.docx - Word", "Search operations manual"),
        ("Lease.pdf, page 3 of 12", "Lease"),
        ("Lease (Recovered).docx - Word", "Lease"),
        ("Lease.docx \u2022 Saved", "Lease"),
        ("Recovered files.xlsx - Excel", "Recovered files"),
    ],
)
def test_a_document_name_loses_the_browser_and_the_editors_words_in_any_case(title: str, name: str) -> None:
    """The quick looks for a browser's name and an editor's flag words before their patterns are tried fold
    case as the patterns do: a title in capitals, or with a long s, still loses them."""
    clean_document.cache_clear()
    assert clean_document(title) == name


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("33568.1 33568-0001 Remarks - beamforming (4815-6569-2998 v.2)", "33568-0001 Remarks - beamforming"),
        ("#4400123v1 - Request for Production - Second Set", "Request for Production - Second Set"),
        ("Report 2024.12", "Report 2024.12"),
    ],
)
def test_a_document_name_shows_none_of_its_document_management_numbers(name: str, shown: str) -> None:
    """A name may carry two numbers (a folder's "33568.1" and the document's "(4815-6569-2998 v.2)"): the
    narrative shows neither; a name with none keeps its digits."""
    assert strip_dms(name) == shown


@pytest.mark.parametrize(
    ("title", "subject"),
    [
        ("[EXTERNAL] RE: Alder & Finch v. Delacroix - TRO - Message (HTML)", "Alder & Finch v. Delacroix - TRO"),
        ("RE: [EXT] Smith deposition - Message (HTML)", "Smith deposition"),
        ("*EXTERNAL* FW: Smith lease", "Smith lease"),
        ("EXT: RE: Smith lease", "Smith lease"),
        ("External counsel call notes", "External counsel call notes"),
        ("Re: Extension of time", "Extension of time"),
        ("RE: Smith deposition [EXTERNAL] - Message (HTML)", "Smith deposition"),
        ("Accepted: Smith deposition prep - Meeting Response", "Smith deposition prep"),
        ("Automatic reply: Smith deposition - Message (HTML)", "Smith deposition"),
        ("Undeliverable: RE: Smith deposition - Message (HTML)", "Smith deposition"),
        ("Read: Smith deposition - Message (HTML)", "Smith deposition"),
        ("Recall: Smith deposition - Message (HTML)", "Smith deposition"),
        ("Readiness review - Smith - Message (HTML)", "Readiness review - Smith"),
        ("Invitation: Smith prep @ Mon Mar 2, 2026 10am - 11am (EST) (jdoe@firm.com)", "Smith prep"),
        ("RE: Smith @ Monday lunch - Message (HTML)", "Smith @ Monday lunch"),
        ("*** EXTERNAL *** RE: Smith lease - Message (HTML)", "Smith lease"),
        ("**EXTERNAL** RE: Smith lease", "Smith lease"),
        ("[CAUTION] RE: Smith lease", "Smith lease"),
        ("[SPAM] Smith lease", "Smith lease"),
        ("RE: Smith deposition ** EXTERNAL ** - Message (HTML)", "Smith deposition"),
        ("Caution re Smith lease - Message (HTML)", "Caution re Smith lease"),
        ("Smith deposition - Meeting Occurrence", "Smith deposition"),
        ("Smith call back - Task", "Smith call back"),
        ("Completed: Please DocuSign: Smith Settlement Agreement.pdf - Message (HTML)", "Smith Settlement Agreement.pdf"),
        ("Reminder: Smith deposition - Message (HTML)", "Smith deposition"),
        ("RE: Smith lease task list - Message (HTML)", "Smith lease task list"),
    ],
)
def test_a_subject_loses_the_mail_gateways_tags_with_its_reply_prefixes(title: str, subject: str) -> None:
    """A firm's mail gateway tags outside mail ("[EXTERNAL]", "EXT:") before or after "RE:", and the mail system
    marks its own messages of a thread ("Accepted:", "Automatic reply:", "Undeliverable:", a read receipt, a
    recall, Google Calendar's invitation and its time): one thread, and no tag in the narrative; words that only
    begin with "External" or "Read" stay."""
    assert subject_of(title) == subject


@pytest.mark.parametrize(
    ("summary", "narrative"),
    [
        ("Call re: Smith next steps", "Conference (Microsoft Teams) re Smith next steps"),
        ("Call regarding Smith settlement", "Conference (Microsoft Teams) re Smith settlement"),
        ("Meeting: Smith budget", "Conference (Microsoft Teams) re Smith budget"),
        ("Call with Dana Smith", "Conference (Microsoft Teams) with Dana Smith"),
        ("Call - Smith deposition", "Attend Smith deposition (remotely, Microsoft Teams)"),
        ("Smith deposition prep", "Conference (Microsoft Teams) re Smith deposition prep"),
        ("Smith - mediation strategy", "Conference (Microsoft Teams) re Smith - mediation strategy"),
    ],
)
def test_a_calls_narrative_says_conference_once(summary: str, narrative: str) -> None:
    """A call held in a calendar event "Call re: next steps" is "Conference (Microsoft Teams) re next steps", not
    "... re Call re: next steps"."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme - wrongful termination", ("Smith",))
    meeting = Event(Source.CALENDAR, minute(0), minute(30), CalendarPayload(summary))
    (entry,) = build_drafts([meeting, window(0, 30, "ms-teams.exe", "Meeting | Microsoft Teams")], (smith,), DAY, UTC)
    assert (entry.matter, entry.description) == ("1001-02", narrative)


@pytest.mark.parametrize(
    ("app", "title", "narrative"),
    [
        ("ms-teams.exe", "Dana Whitfield | Microsoft Teams", "Conference (Microsoft Teams) with Dana Whitfield"),
        ("Zoom.exe", "Zoom Meeting - Smith settlement terms", "Conference (Zoom) re Smith settlement terms"),
        ("ms-teams.exe", "Smith deposition prep | Microsoft Teams", "Conference (Microsoft Teams) re Smith deposition"),
        ("RingCentral", "RingCentral Video", "Conference (RingCentral) re Smith v. Acme - wrongful termination"),
    ],
)
def test_a_call_with_no_event_is_named_by_whom_it_was_with_or_what_its_window_says(
    app: str, title: str, narrative: str
) -> None:
    """A call held outside the calendar was "Conference re <the matter's description>" whoever it was with and
    whatever its window said: it names the person on it, or its window's title where that title names the
    matter itself, and the description only when the window names neither (a call app's own window, "RingCentral
    Video", is no person)."""
    smith = Matter(
        "1001-02", Client("Acme Corp"), "Smith v. Acme - wrongful termination", ("Smith",), contacts=("Dana Whitfield",)
    )
    events = [
        window(0, 20, "WINWORD.EXE", "Smith v. Acme - Motion to Compel - Word"),
        window(20, 15, app, title),
        window(35, 20, "WINWORD.EXE", "Smith v. Acme - Motion to Compel - Word"),
    ]
    entries = build_drafts(events, (smith,), DAY, UTC)
    (entry,) = entries  # one matter's work, one task merged: the call is a phrase of its narrative
    assert entry.matter == "1001-02" and narrative.lower() in entry.description.lower()


@pytest.mark.parametrize(
    ("app", "title", "narrative"),
    [
        ("WINWORD.EXE", "Smith_Motion_to_Compel_v2.docx - Word", "Draft and revise Smith Motion to Compel"),
        ("Acrobat.exe", "Smith_Transcript_FINAL.pdf - Adobe Acrobat", "Review and analyze Smith Transcript"),
        ("WINWORD.EXE", "Smith Motion to Compel - Copy (2).docx - Word", "Draft and revise Smith Motion to Compel"),
        ("WINWORD.EXE", "Smith-Motion-to-Compel.docx - Word", "Draft and revise Smith Motion to Compel"),
        ("WINWORD.EXE", "Smith agreement (DRAFT 3).docx - Word", "Draft and revise Smith agreement"),
        ("Microsoft Word", "Microsoft Word - Smith_reply_brief", "Draft and revise Smith reply brief"),
        ("WINWORD.EXE", "Smith agreement - executed.docx - Word", "Draft and revise Smith agreement - executed"),
        ("Acrobat.exe", "3_25-cv-00917 Dkt 79.pdf - Adobe Acrobat", "Review docket and filings (3_25-cv-00917 Dkt 79)"),
        ("Acrobat.exe", "Smith - Dkt. 12 - TRO.pdf - Adobe Acrobat", "Review docket and filings (Smith - Dkt. 12 - TRO)"),
        ("WINWORD.EXE", "ACTIVE_5174055_1 1001-02 Smith v. Acme - Answer - Word", "Draft and revise Smith v. Acme - Answer"),
        ("WINWORD.EXE", "1001.0002 - Smith deposition outline.docx - Word", "Draft and revise Smith deposition outline"),
        ("WINWORD.EXE", "1001-03 Smith letter.docx - Word", "Draft and revise 1001-03 Smith letter"),
        ("Acrobat.exe", "1001-02 as filed.pdf - Adobe Acrobat", "Review and analyze 1001-02 as filed"),
        ("WINWORD.EXE", "ND 4457-4393-1884 v4 - Smith Interview Agenda - Word", "Draft and revise Smith Interview Agenda"),
        ("WINWORD.EXE", "100102 Smith remarks.docx - Word", "Draft and revise Smith remarks"),
        ("OUTLOOK.EXE", "RE: 1001 02 Smith interview request - Message (HTML)", "Review and respond to correspondence re Smith interview request"),
        ("WINWORD.EXE", "1001 2025 Smith budget.docx - Word", "Draft and revise 1001 2025 Smith budget"),
        ("WINWORD.EXE", "1001-02 Draft Specification.docx - Word", "Draft and revise Draft Specification"),
        ("WINWORD.EXE", "10012 Smith Street lease.docx - Word", "Draft and revise 10012 Smith Street lease"),
        ("WINWORD.EXE", "AutoRecovery save of Smith Motion.asd - Word", "Draft and revise Smith Motion"),
        ("WINWORD.EXE", "Copy of Smith Motion to Compel.docx - Word", "Draft and revise Smith Motion to Compel"),
        ("EXCEL.EXE", "Smith damages model (version 2).xlsb - Excel", "Review and analyze Smith damages model"),
        ("WINWORD.EXE", "Smith Motion to Compel - Saving... - Word", "Draft and revise Smith Motion to Compel"),
        ("FoxitPDFEditor.exe", "Foxit PDF Editor - [Smith complaint.pdf]", "Review and analyze Smith complaint"),
        ("POWERPNT.EXE", "Smith deck.pptx - PowerPoint Slide Show - [Smith deck.pptx]", "Draft and revise Smith deck"),
        ("EXCEL.EXE", "Smith damages model.xlsx [Group] - Excel", "Review and analyze Smith damages model"),
        ("Acrobat.exe", "Smith complaint.pdf (SECURED) - Adobe Acrobat Pro DC (64-bit)", "Review and analyze Smith complaint"),
    ],
)
def test_a_document_is_named_in_the_narrative_as_a_person_writes_it(app: str, title: str, narrative: str) -> None:
    """A file name's underscores or joining hyphens are spaces on a bill, and the marks of saving it again
    ("_v2", " - Copy (2)", "(DRAFT 3)", "_FINAL", Word's "AutoRecovery save of", "Copy of", "Saving...", Excel's
    "[Group]", Acrobat's "(SECURED)") are no part of what the work was on, nor a program's own name before the
    document it shows in brackets ("Foxit PDF Editor - [Smith complaint.pdf]"); what says what the
    document is ("executed") stays, and so does a number's underscore (PACER's "3_25-cv-00917"). The entry's
    own matter number in front of a name (a DMS's or a firm's file-naming convention) goes, its parts joined
    ("100102") or apart ("1001 02"): the entry says whose matter it is; another number stays."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme", ("Smith",), identifiers=("3:25-cv-00917",))
    (entry,) = build_drafts([window(0, 20, app, title)], (smith,), DAY, UTC)
    assert (entry.matter, entry.description) == ("1001-02", narrative)


@pytest.mark.parametrize(
    ("title", "named"),
    [
        ("CM/ECF - U.S. District Court:cacd - Docket Report", "CACD Docket Report"),
        ("CM/ECF LIVE - U.S. Bankruptcy Court:nysb - Query", "NYSB Query"),
    ],
)
def test_a_courts_e_filing_page_is_named_by_its_court_and_page(title: str, named: str) -> None:
    """PACER's CM/ECF titles a page "CM/ECF - U.S. District Court:cacd - Docket Report": the narrative says the
    court and the page, "Review docket and filings (CACD Docket Report)"."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme", ("Smith",), identifiers=("3:25-cv-00917",))
    url = "https://ecf.cacd.uscourts.gov/cgi-bin/DktRpt.pl?case=3:25-cv-00917"
    page = Event(Source.WINDOW, minute(0), minute(10), WindowPayload("chrome.exe", f"{title} - Google Chrome", url=url))
    (entry,) = build_drafts([page], (smith,), DAY, UTC)
    assert (entry.matter, entry.description) == ("1001-02", f"Review docket and filings ({named})")


def test_a_matter_number_of_letters_and_digits_is_dropped_in_front_of_a_name_too() -> None:
    """A patent firm's docket number mixes letters and digits ("EAG-00029US"): in front of the document's name
    it goes like any other own number, after the DMS number in front of both."""
    patent = Matter("EAG-00029US", Client("Eagleton Labs"), "Adaptive encryption for implants", ("encryption",))
    title = "4161786 v.1 - EAG-00029US Response to Non-Final Office Action - Word"
    (entry,) = build_drafts([window(0, 20, "WINWORD.EXE", title)], (patent,), DAY, UTC)
    assert (entry.matter, entry.description) == ("EAG-00029US", "Draft and revise Response to Non-Final Office Action")


def test_research_is_named_by_its_case_not_by_the_services_own_pages() -> None:
    """Bloomberg Law titles a case "..., Court Opinion" and its results page "Search Results | Bloomberg Law":
    the narrative names the case, and the service once, in parentheses."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme", ("Smith",))
    events = [
        window(0, 20, "WINWORD.EXE", "Smith memo.docx - Word"),
        window(20, 4, "chrome.exe", "Search Results | Bloomberg Law - Google Chrome"),
        window(24, 12, "chrome.exe", "Upjohn Co. v. United States, 449 U.S. 383 (1981), Court Opinion - Bloomberg Law"),
        window(36, 10, "WINWORD.EXE", "Smith memo.docx - Word"),
    ]
    (entry,) = build_drafts(events, (smith,), DAY, UTC)
    assert entry.description == (
        "Draft and revise Smith memo; legal research re Upjohn Co. v. United States, 449 U.S. 383 (1981)"
        " (Bloomberg Law)"
    )


@pytest.mark.parametrize("reminder", ["1 Reminder(s)", "2 Reminder(s)", "2 Reminders", "Reminder"])
def test_outlooks_reminder_window_is_a_glance_not_a_message(reminder: str) -> None:
    """Outlook's reminder window pops up over a message ("2 Reminder(s)"): a glance inside the work, not a
    thread the narrative names ("correspondence re ... and 1 Reminder(s)")."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme", ("Smith",))
    events = [
        window(0, 10, "OUTLOOK.EXE", "RE: Smith deposition dates - Message (HTML)"),
        window(10, 0.2, "OUTLOOK.EXE", reminder),
        window(10.2, 10, "OUTLOOK.EXE", "RE: Smith deposition dates - Message (HTML)"),
    ]
    (entry,) = build_drafts(events, (smith,), DAY, UTC)
    assert entry.description == "Review and respond to correspondence re Smith deposition dates"


@pytest.mark.parametrize(
    ("app", "title"),
    [
        ("thunderbird", "RE: Smith deposition dates - Inbox - Mozilla Thunderbird"),
        ("Mail", "Smith deposition dates \u2014 Inbox"),
        ("Microsoft Outlook", "RE: Smith deposition dates \u2022 jdoe@firm.com"),
        ("Superhuman", "RE: Smith deposition dates"),
        ("Mimestream", "Re: Smith deposition dates"),
    ],
)
def test_a_desktop_mail_clients_message_is_its_subject(app: str, title: str) -> None:
    """A desktop client shows the folder (Thunderbird, Apple Mail) or the account (Outlook for Mac) after a
    selected message's subject, and Superhuman and Mimestream are mail clients too: the thread is its subject."""
    smith = Matter("1001-02", Client("Acme Corp"), "Smith v. Acme", ("Smith",))
    (entry,) = build_drafts([window(0, 20, app, title)], (smith,), DAY, UTC)
    assert (entry.matter, entry.description) == (
        "1001-02",
        "Review and respond to correspondence re Smith deposition dates",
    )
