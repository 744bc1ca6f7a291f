"""Calls while the keyboard is idle, and meetings among the firm only."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from ledgerwatch.domain import (
    AfkPayload,
    CalendarPayload,
    CallPayload,
    Client,
    EntryKind,
    Event,
    Matter,
    ProblemCode,
    Source,
    TimeEntry,
    WindowPayload,
)
from ledgerwatch.sessionize import SessionizePolicy, build_drafts
from ledgerwatch.sessionize.pipeline import reader_for
from ledgerwatch.sessionize.reading import Role
from tests.sessionize_support import seconds_on

DAY = date(2026, 2, 2)
SMITH = Matter(
    "1001-Smith", Client("Smith, Jordan", email_domains=("smithco.com",)), "Smith v. Acme Freight", ("Smith",)
)
MATTERS = (SMITH,)


def at(minute: float) -> datetime:
    return datetime(2026, 2, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=minute)


def event(source: Source, start: float, minutes: float, payload: object) -> Event:
    return Event(source, at(start), at(start + minutes), payload)  # type: ignore[arg-type]


def zoom_with_idle_middle() -> list[Event]:
    return [
        event(Source.WINDOW, 0, 40, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.AFK, 0, 10, AfkPayload(False)),
        event(Source.AFK, 10, 20, AfkPayload(True)),
        event(Source.AFK, 30, 10, AfkPayload(False)),
    ]


def test_call_window_during_a_calendar_event_keeps_idle_time_and_says_so() -> None:
    """A call window overlapping a calendar event counts while idle, and the draft names the idle minutes."""
    events = [
        *zoom_with_idle_middle(),
        event(Source.CALENDAR, 0, 40, CalendarPayload("Call w/ Jordan Smith re Acme Freight")),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    smith = [e for e in entries if e.matter == "1001-Smith"]
    assert sum(e.worked_seconds for e in smith) == 40 * 60
    assert any(r.startswith("call continued while keyboard idle (20 min)") for e in smith for r in e.reasons)


def test_call_window_without_calendar_drops_idle_time_beyond_the_listening_limit() -> None:
    """Without a calendar event or call event, a 'Zoom Meeting' window's idle minutes count only up to the
    passive-listening limit: here the limit is off, so they are dropped."""
    policy = SessionizePolicy(passive_reading_seconds=0)
    entries = build_drafts(zoom_with_idle_middle(), MATTERS, DAY, UTC, policy)
    covered = sum(e.worked_seconds for e in entries if e.kind is not EntryKind.PERSONAL)
    assert covered == 20 * 60
    assert not any("keyboard idle" in r for e in entries for r in e.reasons)


def test_call_window_idle_within_the_limit_is_kept_as_listening_and_flagged() -> None:
    """The same call window before and after 20 idle minutes (limit 20): kept, with the reason and a problem."""
    entries = build_drafts(zoom_with_idle_middle(), MATTERS, DAY, UTC, SessionizePolicy())
    kept = [e for e in entries if e.kind is not EntryKind.PERSONAL]
    assert sum(e.worked_seconds for e in kept) == 40 * 60
    assert any(p.code is ProblemCode.PASSIVE_READING for e in kept for p in e.problems)
    assert any("without keyboard or mouse input" in r for e in kept for r in e.reasons)


def test_call_event_is_positive_evidence_on_its_own() -> None:
    """A call event (from the call log or the microphone) keeps the idle minutes and shows them."""
    events = [
        event(Source.WINDOW, 0, 30, WindowPayload("WINWORD.EXE", "Smith v Acme - Motion.docx - Word")),
        event(Source.AFK, 0, 10, AfkPayload(False)),
        event(Source.AFK, 10, 20, AfkPayload(True)),
        event(Source.CALL, 10, 20, CallPayload("RingCentral", "Call with Jordan Smith re Acme Freight")),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60
    assert any(
        r.startswith("call continued while keyboard idle (20 min)") for e in entries for r in e.reasons
    )


def test_meeting_among_the_firm_naming_no_matter_is_administration() -> None:
    """A meeting whose attendees all share the firm's domain and that names no matter is not billed."""
    events = [
        event(Source.WINDOW, 0, 30, WindowPayload("Teams.exe", "Microsoft Teams")),
        event(
            Source.CALENDAR,
            0,
            30,
            CalendarPayload(
                "Team meeting", attendees=("ana@ourfirm.com", "raj@ourfirm.com", "me@ourfirm.com")
            ),
        ),
        event(Source.WINDOW, 30, 20, WindowPayload("WINWORD.EXE", "Smith v Acme - Motion.docx - Word")),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    admin = [e for e in entries if e.kind is EntryKind.NONBILLABLE]
    assert sum(e.worked_seconds for e in admin) == 30 * 60
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 20 * 60


def test_meeting_with_a_client_attendee_is_not_administration() -> None:
    """A meeting with an attendee at a client's domain takes that client's matter."""
    events = [
        event(Source.WINDOW, 0, 30, WindowPayload("Teams.exe", "Microsoft Teams")),
        event(
            Source.CALENDAR,
            0,
            30,
            CalendarPayload("Catch-up", attendees=("jordan@smithco.com", "me@ourfirm.com")),
        ),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60


def test_a_call_in_focus_time_is_the_busy_meeting_it_falls_in() -> None:
    """A two-hour focus-time block (shown as free) starts before a client call: the call is the call's event,
    even where it overlaps the block as much, and away time in the block alone is never drafted."""
    events = [
        event(Source.CALENDAR, 0, 120, CalendarPayload("Focus time", free=True)),
        event(Source.CALENDAR, 75, 45, CalendarPayload("Call w/ Jordan Smith re Acme Freight")),
        event(Source.WINDOW, 77, 43, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.AFK, 77, 43, AfkPayload(False)),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 43 * 60
    assert not [e for e in entries if e.matter is None and e.kind is not EntryKind.PERSONAL]


@pytest.mark.parametrize("block", ["Focus time", "Focus Time (via Clockwise)", "Do not book", "Hold"])
def test_a_block_held_for_desk_work_is_no_meeting_even_shown_as_busy(block: str) -> None:
    """Viva Insights books "Focus time" shown as busy, and a lawyer's "Hold" or "Do not book" is busy too. A
    block held for desk work is no meeting: a call in it is the call's own event, the block's words never name
    a matter (the parenting-time matter took "Focus time" by its word "time"), and time away in it is not
    drafted from the calendar."""
    tran = Matter("2025-0986", Client("Tran, Renee"), "Tran - modification of parenting time", ("Liam",))
    events = [
        event(Source.CALENDAR, 0, 120, CalendarPayload(block)),
        event(Source.CALENDAR, 60, 30, CalendarPayload("Call w/ Jordan Smith re Acme Freight")),
        event(Source.WINDOW, 0, 20, WindowPayload("WINWORD.EXE", "Liam parenting plan.docx - Word")),
        event(Source.AFK, 0, 20, AfkPayload(False)),
        event(Source.AFK, 20, 40, AfkPayload(True)),
        event(Source.WINDOW, 60, 30, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.AFK, 60, 30, AfkPayload(False)),
    ]
    entries = build_drafts(events, (SMITH, tran), DAY, UTC)
    assert seconds_on(entries, "1001-Smith") == 30 * 60
    assert seconds_on(entries, "2025-0986") == 20 * 60
    assert not any(block in e.description for e in entries)


def test_time_away_in_an_event_shown_as_free_is_not_drafted() -> None:
    """An event shown as free that names the matter ("hold") does not account for the attorney's absence."""
    events = [
        event(Source.WINDOW, 0, 10, WindowPayload("WINWORD.EXE", "Smith v Acme - Motion.docx - Word")),
        event(Source.AFK, 0, 10, AfkPayload(False)),
        event(Source.AFK, 10, 60, AfkPayload(True)),
        event(Source.CALENDAR, 10, 60, CalendarPayload("Hold: Smith v. Acme hearing", "Courtroom 4", free=True)),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 10 * 60


def test_a_call_is_the_event_it_is_held_in_when_the_event_names_its_matter_outright() -> None:
    """"Meeting with Eugene Marsh" shares a surname with another client's plaintiff; the event the call is
    held in, with Marsh invited, says "Our file: 2207-01": the event's file number decides, not the surname."""
    marsh = Matter("1450-03", Client("Harbor Mutual"), "Marsh v. Pacificlight - trucking accident defense", ("Marsh",))
    winters = Matter("2207-01", Client("Heronpoint Insurance"), "Winters v. Lakeport - dog bite defense", ("Winters",))
    events = [
        event(
            Source.CALENDAR,
            0,
            30,
            CalendarPayload(
                "Heronpoint - status",
                description="Agenda: responses to interrogatories. Our file: 2207-01",
                attendees=("eugene.marsh@heronpointgroup.com",),
            ),
        ),
        event(Source.WINDOW, 1, 28, WindowPayload("ms-teams.exe", "Meeting with Eugene Marsh | Microsoft Teams")),
    ]
    entries = build_drafts(events, (marsh, winters), DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "2207-01") == 28 * 60
    assert not [e for e in entries if e.matter == "1450-03"]


def test_a_call_back_in_front_after_a_look_at_a_document_is_the_same_call() -> None:
    """A Smith call set 9:00-9:30 runs past a firm CLE webinar's start at 9:15; the attorney glances at an
    exhibit for two minutes and returns to the call, which now overlaps the webinar more: still the Smith call.
    Through the call app's lobby instead, the attorney joined the webinar."""
    calendar = [
        event(Source.CALENDAR, 0, 30, CalendarPayload("Call w/ Jordan Smith re Acme Freight")),
        event(Source.CALENDAR, 15, 60, CalendarPayload("CLE: Practical ethics for small firms (1.0)")),
    ]

    def day(between: WindowPayload) -> list[TimeEntry]:
        return build_drafts(
            [
                *calendar,
                event(Source.WINDOW, 0, 20, WindowPayload("zoom.us", "Zoom Meeting")),
                event(Source.WINDOW, 20, 2, between),
                event(Source.WINDOW, 22, 40, WindowPayload("zoom.us", "Zoom Meeting")),
                event(Source.AFK, 0, 62, AfkPayload(False)),
            ],
            MATTERS,
            DAY,
            UTC,
        )

    glance = WindowPayload("Preview", "Exhibit 12.pdf")
    assert sum(e.worked_seconds for e in day(glance) if e.matter == "1001-Smith") >= 60 * 60
    lobby = WindowPayload("zoom.us", "Zoom Workplace")
    assert sum(e.worked_seconds for e in day(lobby) if e.matter == "1001-Smith") <= 22 * 60


def test_a_call_resumed_after_a_toss_up_is_matched_again() -> None:
    """Two events set for the same slot overlap the first stretch of a call alike; the call goes on in the
    longer one. Back in front after a glance, the call is matched again, not held to the toss-up."""
    patel = Matter("1004-Patel", Client("Patel Family"), "Estate plan - revocable trust", ("Patel",))
    events = [
        event(Source.CALENDAR, 0, 30, CalendarPayload("Call w/ Jordan Smith re Acme Freight")),
        event(Source.CALENDAR, 0, 45, CalendarPayload("Patel - status")),
        event(Source.WINDOW, 2, 15, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.WINDOW, 17, 2, WindowPayload("Preview", "Exhibit 12.pdf")),
        event(Source.WINDOW, 19, 26, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.AFK, 2, 43, AfkPayload(False)),
    ]
    entries = build_drafts(events, (SMITH, patel), DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1004-Patel") >= 26 * 60


def test_a_meeting_links_host_names_no_matter() -> None:
    """The firm's own Webex site is goodwin.webex.com and a client's matter lists the party "Goodwin": a pro
    bono committee meeting among the firm held there is administration, not that matter's."""
    goodwin = Matter(
        "2026-268858", Client("Sandstoneport Fitness LLC"), "Separation agreement - Isabel Goodwin", ("Goodwin",)
    )
    meeting = CalendarPayload(
        "Pro bono committee",
        location="https://goodwin.webex.com/meet/tamaralynch",
        attendees=("t.lynch@goodwinhale.com", "j.gardner@goodwinhale.com", "me@goodwinhale.com"),
    )
    events = [
        event(Source.CALENDAR, 0, 30, meeting),
        event(Source.WINDOW, 0, 30, WindowPayload("CiscoCollabHost.exe", "Tamara Lynch's Personal Room")),
        event(Source.AFK, 0, 30, AfkPayload(False)),
    ]
    entries = build_drafts(events, (goodwin, SMITH), DAY, UTC)
    assert not [e for e in entries if e.matter == "2026-268858"]
    assert sum(e.worked_seconds for e in entries if e.kind is EntryKind.NONBILLABLE) == 30 * 60


@pytest.mark.parametrize(
    "title", ["Meeting with Caroline Chatterjee", "Caroline Chatterjee's Personal Room", "Smith v. Homeland - Webex"]
)
def test_a_call_whose_names_contain_a_view_of_the_app_is_still_a_call(title: str) -> None:
    """The Webex window of a call with Caroline Chatterjee is a call, not Webex's chat view ("chat" in her
    name), nor is "Smith v. Homeland" its home screen: the call is held to the calendar event it falls in
    (its notes name the matter), idle minutes included, as any call."""
    meeting = CalendarPayload(
        "Catch up",
        location="https://kennedy.webex.com/meet/rahulcaldwell",
        attendees=("cchatterjee@tundrapointgroup.com",),
        description="Re: Smith v. Acme (1001-Smith)",
    )
    events = [
        event(Source.CALENDAR, 0, 30, meeting),
        event(Source.WINDOW, 0, 30, WindowPayload("CiscoCollabHost.exe", title)),
        event(Source.AFK, 0, 12, AfkPayload(False)),
        event(Source.AFK, 12, 14, AfkPayload(True)),
        event(Source.AFK, 26, 4, AfkPayload(False)),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60


@pytest.mark.parametrize(
    ("app", "title", "tool"),
    [
        ("CiscoCollabHost.exe", "Meeting with Brian Cho", "Webex"),
        ("CiscoCollabHost.exe", "Meeting controls", "Webex"),
        ("ms-teams.exe", "Brian Cho | Microsoft Teams", "Microsoft Teams"),
        ("Zoom.exe", "Zoom Meeting", "Zoom"),
        ("Zoiper5.exe", "Zoiper", "telephone"),
        ("chrome.exe", "Meet - abc-defg-hij - Google Chrome", "Google Meet"),
    ],
)
def test_a_calls_narrative_names_its_tool_by_the_app_not_by_letters_of_its_title(
    app: str, title: str, tool: str
) -> None:
    """Webex on Windows runs as CiscoCollabHost.exe: its "Meeting with Brian Cho" was "Google Meet" ("meet" in
    "Meeting") or a bare "video conference" in the narrative the attorney signs, and a call with Brian would
    have been the Bria softphone."""
    reading = reader_for(MATTERS, SessionizePolicy()).read(app, title, None, False)
    assert reading.role is Role.CALL
    assert reading.tool == tool


@pytest.mark.parametrize(
    ("app", "title", "tool", "label"),
    [
        ("CiscoCollabHost.exe", "Smith strategy call - Webex", "Webex", "Smith strategy call"),
        ("Webex", "Meeting | Webex", "Webex", "Meeting"),
        ("Zoom.exe", "Zoom Phone - Call with Brian Cho", "Zoom", "Call with Brian Cho"),
        ("Dialpad.exe", "Dialpad - Brian Cho", "Dialpad", "Brian Cho"),
        ("RingCentral.exe", "RingCentral - Call with Brian Cho", "RingCentral", "Call with Brian Cho"),
        ("ms-teams.exe", "Smith strategy call | Microsoft Teams", "Microsoft Teams", "Smith strategy call"),
        ("Zoom.exe", "Zoom Meeting", "Zoom", "Zoom Meeting"),  # nothing but the service: kept as it is
        # Teams' views beside the meeting: its chat pane, its compact view, its chat listed under Chat
        ("ms-teams.exe", "Smith strategy call | Meeting chat | Microsoft Teams", "Microsoft Teams", "Smith strategy call"),
        ("ms-teams.exe", "Meeting compact view | Smith strategy call | Microsoft Teams", "Microsoft Teams", "Smith strategy call"),
        ("ms-teams.exe", "Chat | Smith strategy call | Microsoft Teams", "Microsoft Teams", "Smith strategy call"),
        # GoTo Meeting's own processes (g2mui.exe on Windows, "GoTo" on a Mac)
        ("g2mui.exe", "GoTo Meeting - Smith strategy call", "GoTo Meeting", "Smith strategy call"),
        ("GoTo", "GoTo Meeting - Smith strategy call", "GoTo Meeting", "Smith strategy call"),
    ],
)
def test_a_call_is_named_by_its_meeting_or_person_not_by_its_service(
    app: str, title: str, tool: str, label: str
) -> None:
    """A call app puts its own name before or after the meeting's ("Smith strategy call - Webex", "Zoom Phone -
    Call with ..."): the narrative the attorney signs says which tool in its parentheses and names the meeting
    or the person, without the app's name again."""
    reading = reader_for(MATTERS, SessionizePolicy()).read(app, title, None, False)
    assert (reading.role, reading.tool, reading.label) == (Role.CALL, tool, label)


MEET_URL = "https://meet.google.com/abc-defg-hij"


@pytest.mark.parametrize(
    ("title", "url", "tool", "label"),
    [
        ("Smith strategy call - Google Chrome", MEET_URL, "Google Meet", "Smith strategy call"),
        ("Meet \u2013 Smith strategy call - Google Chrome", MEET_URL, "Google Meet", "Smith strategy call"),
        ("Smith deposition prep - Google Chrome", "https://acme.webex.com/meet/jdoe", "Webex", "Smith deposition prep"),
        ("Zoom - Google Chrome", "https://app.zoom.us/wc/81234567890/join", "Zoom", "Zoom"),
    ],
)
def test_a_browser_tab_is_a_call_when_its_address_is_a_meeting(title: str, url: str, tool: str, label: str) -> None:
    """A meeting joined in the browser is titled as the meeting's host pleases ("Smith strategy call", the
    Meet code, "Meet \u2013 ..."); its address says it is one (meet.google.com/abc-defg-hij, a Webex room, Zoom's
    web client), as capture already knew. The draft names the meeting, not the service; a service's own pages
    (Meet's home, Webex's dashboard) are no call."""
    reader = reader_for(MATTERS, SessionizePolicy())
    reading = reader.read("chrome.exe", title, url, False)
    assert (reading.role, reading.tool, reading.label) == (Role.CALL, tool, label)
    for home in ("https://meet.google.com/", "https://acme.webex.com/webappng/sites/acme/dashboard"):
        assert reader.read("chrome.exe", "Smith strategy call - Google Chrome", home, False).role is not Role.CALL


@pytest.mark.parametrize(
    ("title", "role"),
    [
        ("Meet \u2013 Smith strategy call - Google Chrome", Role.CALL),
        ("Meet \u2014 Smith strategy call - Google Chrome", Role.CALL),
        ("Meet - abc-defg-hij - Google Chrome", Role.CALL),
        ("Meet the team - Acme Corp - Google Chrome", Role.WEB),
    ],
)
def test_a_meet_tab_without_its_address_is_a_call_by_its_title(title: str, role: Role) -> None:
    """Where the browser's address is not captured, Google Meet's tab says so by its title, "Meet \u2013 <the
    meeting>" with the en dash Meet writes (only a hyphen was known); a page about meeting someone is no call."""
    assert reader_for(MATTERS, SessionizePolicy()).read("chrome.exe", title, None, False).role is role


@pytest.mark.parametrize(
    ("summary", "kind"),
    [
        ("Call with Sarah McLean", EntryKind.UNASSIGNED),
        ("Augusto Reyes - catch up", EntryKind.UNASSIGNED),
        ("Personal injury intake call", EntryKind.UNASSIGNED),
        ("MCLE webinar: ethics", EntryKind.NONBILLABLE),
        ("Dentist", EntryKind.PERSONAL),
    ],
)
def test_an_event_is_firm_administration_or_personal_by_words_of_its_own(summary: str, kind: EntryKind) -> None:
    """A call during an event that names no matter takes the event's class only where its words say it:
    McLean is no MCLE programme, Augusto no Gusto payroll, and a personal injury intake is no personal time."""
    events = [
        event(Source.CALENDAR, 0, 30, CalendarPayload(summary)),
        event(Source.WINDOW, 0, 30, WindowPayload("Zoom.exe", "Zoom Meeting")),
        event(Source.AFK, 0, 30, AfkPayload(False)),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert [e.kind for e in entries if e.worked_seconds] == [kind]


def test_a_call_is_held_to_the_event_that_names_its_person_as_a_word() -> None:
    """A Teams call with Ann Lee while two events share the slot: "Annual budget review" does not name her ("ann"
    inside "Annual"), the catch-up whose attendee is alee@gmail.com does. The call is that event's, and so
    Smith's."""
    events = [
        event(Source.CALENDAR, 0, 30, CalendarPayload("Annual budget review")),
        event(
            Source.CALENDAR,
            0,
            30,
            CalendarPayload("Catch up", attendees=("alee@gmail.com",), description="Smith v. Acme Freight"),
        ),
        event(Source.WINDOW, 0, 30, WindowPayload("ms-teams.exe", "Ann Lee | Microsoft Teams")),
        event(Source.AFK, 0, 30, AfkPayload(False)),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60


def _busy_day(*extra: Event) -> list[Event]:
    """A day with a calendar: a firm meeting later on, far from the calls below."""
    return [event(Source.CALENDAR, 300, 30, CalendarPayload("Firm lunch", attendees=("a@firm.com", "b@firm.com"))), *extra]


def test_an_unscheduled_call_keeps_its_listening_on_a_day_with_meetings() -> None:
    """An unscheduled Teams call with the client, idle in the middle, the same window before and after: the
    idle minutes are listening even when the day has calendar events elsewhere (they once counted only
    inside an event), and the draft asks the attorney to confirm them."""
    events = _busy_day(
        event(Source.WINDOW, 0, 40, WindowPayload("ms-teams.exe", "Jordan Smith | Microsoft Teams")),
        event(Source.AFK, 0, 10, AfkPayload(False)),
        event(Source.AFK, 10, 15, AfkPayload(True)),
        event(Source.AFK, 25, 15, AfkPayload(False)),
    )
    smith = [e for e in build_drafts(events, MATTERS, DAY, UTC) if e.matter == "1001-Smith"]
    assert sum(e.worked_seconds for e in smith) == 40 * 60
    assert any(p.code is ProblemCode.PASSIVE_READING for e in smith for p in e.problems)


def test_a_break_after_a_call_is_not_listening_because_a_meeting_began_meanwhile() -> None:
    """The call ends and the attorney steps away with its window still in front, coming back to another
    window: the break is not listening, even though an event began while away (its start does not end the
    break). Only the break's last five minutes, inside the event, count as a call while a meeting runs."""
    events = [
        event(Source.WINDOW, 0, 45, WindowPayload("ms-teams.exe", "Jordan Smith | Microsoft Teams")),
        event(Source.AFK, 0, 20, AfkPayload(False)),
        event(Source.AFK, 20, 25, AfkPayload(True)),
        event(Source.AFK, 45, 30, AfkPayload(False)),
        event(Source.WINDOW, 45, 30, WindowPayload("WINWORD.EXE", "Budget 2026.docx - Word")),
        event(Source.CALENDAR, 40, 30, CalendarPayload("Firm lunch", attendees=("a@firm.com", "b@firm.com"))),
    ]
    smith = [e for e in build_drafts(events, MATTERS, DAY, UTC) if e.matter == "1001-Smith"]
    assert sum(e.worked_seconds for e in smith) == (20 + 5) * 60
    assert not any(p.code is ProblemCode.PASSIVE_READING for e in smith for p in e.problems)


BLUE = Matter("1005-Blue", Client("Blue Heron Cafe LLC"), "Commercial lease negotiation", ("Blue Heron",))


def test_a_meeting_moved_to_a_personal_room_stays_that_meeting() -> None:
    """The firm's weekly review, held earlier than booked, starts under its own title in Webex, then carries
    on in the host's personal room: that room is the same (unbilled) meeting, not the Smith work before it."""
    internal = CalendarPayload("Weekly case review", attendees=("kate@firm.com", "me@firm.com"))
    events = [
        event(Source.WINDOW, 0, 30, WindowPayload("WINWORD.EXE", "Smith v Acme - Motion.docx - Word")),
        event(Source.CALENDAR, 80, 30, internal),
        event(Source.WINDOW, 30, 2, WindowPayload("Webex", "Weekly case review")),
        event(Source.WINDOW, 32, 38, WindowPayload("Webex", "Kate Ashworth's Personal Room")),
    ]
    entries = build_drafts(events, (SMITH, BLUE), DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60
    assert sum(e.worked_seconds for e in entries if e.kind is EntryKind.NONBILLABLE) == 40 * 60


def test_a_call_in_another_app_after_a_meeting_is_not_that_meetings_matter() -> None:
    """A Teams meeting on Smith, then at once a Zoom meeting no event names: the Zoom call is another
    meeting, so the Smith meeting before it does not bill it (the draft asks instead)."""
    events = [
        event(Source.CALENDAR, 0, 30, CalendarPayload("Deposition prep", description="Smith v Acme Freight")),
        event(Source.WINDOW, 0, 30, WindowPayload("ms-teams.exe", "Deposition prep | Microsoft Teams")),
        event(Source.WINDOW, 30, 30, WindowPayload("zoom.us", "Zoom Meeting")),
    ]
    entries = build_drafts(_busy_day(*events), (SMITH, BLUE), DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == "1001-Smith") == 30 * 60


COMET = Client("Comet Specialty Insurance Company", email_domains=("cometins.com",))
DUNBAR = Matter("23893.0001", COMET, "Dunbar v. Bayside Optics - product liability", ("Dunbar", "Bayside Optics"))
VALDEZ = Matter("23893.0002", COMET, "Valdez v. Harbor Brewing - premises liability", ("Valdez", "Harbor Brewing"))


def adjuster_call(exhibit_at: float) -> list[Event]:
    """The half-hour event with the insurer's adjuster, who handles both suits, its call in front, and one
    suit's exhibit in front for a minute at exhibit_at (inside the call, or after it)."""
    call = WindowPayload("ms-teams.exe", "Call w/ Lila | Microsoft Teams")
    exhibit = WindowPayload("Acrobat.exe", "Ex. 8 - Bayside Optics failed component photos.pdf - Adobe Acrobat Pro")
    events = [event(Source.CALENDAR, 0, 30, CalendarPayload("Call w/ Lila", attendees=("lila.bui@cometins.com",)))]
    if exhibit_at >= 30:
        return [*events, event(Source.WINDOW, 0, 30, call), event(Source.WINDOW, exhibit_at, 1, exhibit)]
    return [
        *events,
        event(Source.WINDOW, 0, exhibit_at, call),
        event(Source.WINDOW, exhibit_at, 1, exhibit),
        event(Source.WINDOW, exhibit_at + 1, 29 - exhibit_at, call),
    ]


def test_a_call_naming_only_the_client_is_the_suit_whose_papers_are_opened_during_it() -> None:
    """The event names the insurer alone, so the call was a question between its two suits. The exhibit of
    one suit, opened in the middle of the call, says which: the whole call is that suit's. Opened a quarter
    of an hour after the call ended, it says nothing of the call, which still asks."""
    during = build_drafts(adjuster_call(12), (DUNBAR, VALDEZ), DAY, UTC)
    assert sum(e.worked_seconds for e in during if e.matter == DUNBAR.number) == 30 * 60
    assert not [e for e in during if e.matter == VALDEZ.number]
    after = build_drafts(adjuster_call(45), (DUNBAR, VALDEZ), DAY, UTC)
    asked = [e for e in after if e.kind is EntryKind.UNASSIGNED and e.candidates]
    assert asked and set(asked[0].candidates) == {DUNBAR.number, VALDEZ.number}
    assert sum(e.worked_seconds for e in asked) == 30 * 60


NORTHWIND = Client("Northwind Traders Inc.")
LICENCE = Matter("1002-Northwind", NORTHWIND, "Software license agreement review", ("Northwind", "license"))
SEPARATION = Matter("1003-Northwind", NORTHWIND, "Employment - Garcia separation", ("Garcia", "separation"))


def test_a_meeting_naming_the_client_and_a_paper_leaning_to_one_of_its_matters_settle_each_other() -> None:
    """The meeting names only the client (its licence or its employee's separation?); two minutes into it the
    attorney opens "OWBPA disclosure - decisional unit", which names no matter but leans to the client's one
    employment matter by its subject, too thin to bill on its own. Together they say which: the meeting and the
    paper are the separation's. Opened outside the meeting, the paper leaves the meeting asking."""
    zoom = WindowPayload("zoom.us", "Zoom Meeting")
    paper = WindowPayload("Microsoft Word", "OWBPA disclosure - decisional unit.docx")
    invitation = CalendarPayload("Northwind - document review", location="Zoom")
    inside = [
        event(Source.CALENDAR, 0, 60, invitation),
        event(Source.WINDOW, 0, 40, zoom),
        event(Source.WINDOW, 40, 2, paper),
        event(Source.WINDOW, 42, 18, zoom),
    ]
    entries = build_drafts(inside, (LICENCE, SEPARATION), DAY, UTC)
    assert sum(e.worked_seconds for e in entries if e.matter == SEPARATION.number) == 60 * 60
    outside = [event(Source.CALENDAR, 0, 60, invitation), event(Source.WINDOW, 0, 60, zoom)]
    outside.append(event(Source.WINDOW, 90, 2, paper))
    asked = build_drafts(outside, (LICENCE, SEPARATION), DAY, UTC)
    assert not [e for e in asked if e.matter is not None and e.kind is EntryKind.BILLABLE and e.worked_seconds > 120]


INSURER = Client("Arborwell Fire & Casualty Ins. Co.")
NGUYEN = Matter("29825-0062", INSURER, "Nguyen v. Mueller - negligent security defense", ("Nguyen", "Mueller"))
DELGADO = Matter("29825-0134", INSURER, "Delgado v. Meadowmont - premises defense", ("Delgado", "Meadowmont"))


@pytest.mark.parametrize("person", ["Aisha Nguyen", "Gabriel Nguyen"])
def test_a_call_with_a_namesake_of_a_party_right_after_other_work_asks(person: str) -> None:
    """A Teams call with someone whose surname is a party's in another suit, straight after the e-mail it
    answers: the surname alone does not put the call on that suit (a namesake is no evidence against the work
    just before), nor does the e-mail settle it against the name. The draft asks between the two."""
    events = [
        event(Source.WINDOW, 0, 6, WindowPayload("olk.exe", "RE: Delgado v. Meadowmont - IME scheduling - Outlook")),
        event(Source.WINDOW, 6, 10, WindowPayload("ms-teams.exe", f"{person} | Microsoft Teams")),
        event(Source.AFK, 0, 16, AfkPayload(False)),
    ]
    entries = build_drafts(events, (NGUYEN, DELGADO), DAY, UTC)
    assert not [e for e in entries if e.matter == "29825-0062"]
    asked = [e for e in entries if e.kind is EntryKind.UNASSIGNED]
    assert [set(e.candidates) for e in asked] == [{"29825-0062", "29825-0134"}]
    assert sum(e.worked_seconds for e in asked) == 10 * 60
    assert sum(e.worked_seconds for e in entries if e.matter == "29825-0134") == 6 * 60


def test_a_call_with_a_partys_namesake_after_work_on_that_suit_keeps_it() -> None:
    """The same call after work on the suit the surname names (or with nothing before it) stays on that suit."""
    for before in ("RE: Nguyen v. Mueller - mediation statement - Outlook", "Inbox - me@firm.com - Outlook"):
        events = [
            event(Source.WINDOW, 0, 6, WindowPayload("olk.exe", before)),
            event(Source.WINDOW, 6, 10, WindowPayload("ms-teams.exe", "Aisha Nguyen | Microsoft Teams")),
            event(Source.AFK, 0, 16, AfkPayload(False)),
        ]
        entries = build_drafts(events, (NGUYEN, DELGADO), DAY, UTC)
        assert sum(e.worked_seconds for e in entries if e.matter == "29825-0062") >= 10 * 60, before


SPRUCE = Matter(
    "SPRUC.0003", Client("Spruce Devices Inc."), "Spruce Devices - timber connector application", ("Spruce",)
)
INDIGO = Matter("INDIG.0001", Client("Indigo Devices LLC"), "Indigo Devices - cell sorting application", ("Indigo",))


def double_booked(*windows: tuple[float, float, str]) -> list[Event]:
    """Two clients' Zoom calls booked for the same half hour, the attorney at the keyboard, and windows
    (start, minutes, title) of the Zoom app."""
    return [
        event(Source.CALENDAR, 0, 30, CalendarPayload("Spruce Devices / weekly", location="Zoom")),
        event(Source.CALENDAR, 0, 30, CalendarPayload("Indigo Devices - office action strategy", location="Zoom")),
        *(event(Source.WINDOW, start, minutes, WindowPayload("zoom.us", title)) for start, minutes, title in windows),
        event(Source.AFK, 0, 60, AfkPayload(False)),
    ]


def test_a_second_call_joined_from_the_lobby_is_the_other_event_booked_for_the_slot() -> None:
    """The weekly with one client runs on, then the attorney goes back to the lobby and joins the other
    client's call. The second call is the event nobody has joined yet, not the first again because it comes
    first in the calendar."""
    events = double_booked((0, 26, "Zoom Meeting"), (26, 0.25, "Zoom Workplace"), (26.25, 30, "Zoom Meeting"))
    entries = build_drafts(events, (SPRUCE, INDIGO), DAY, UTC)
    assert abs(seconds_on(entries, "SPRUC.0003") - 26 * 60) <= 60
    assert abs(seconds_on(entries, "INDIG.0001") - 30 * 60) <= 60


def test_a_look_at_the_lobby_early_in_a_double_booked_slot_keeps_the_call() -> None:
    """Ten minutes into the first call the attorney looks at the Zoom lobby for a few seconds and goes back:
    one call, still the first event's."""
    events = double_booked((0, 10, "Zoom Meeting"), (10, 0.1, "Zoom Workplace"), (10.1, 19.9, "Zoom Meeting"))
    entries = build_drafts(events, (SPRUCE, INDIGO), DAY, UTC)
    assert seconds_on(entries, "INDIG.0001") == 0
    assert seconds_on(entries, "SPRUC.0003") >= 29 * 60


def test_a_call_joined_anew_into_a_double_booked_slot_nobody_has_joined_takes_one_of_its_events() -> None:
    """A call held earlier in the day in another event, the lobby, then a call in a slot two events share and
    neither was joined yet: matched as before (the first that fits), no error."""
    events = [
        event(Source.CALENDAR, 0, 20, CalendarPayload("Spruce Devices / kickoff", location="Zoom")),
        event(Source.CALENDAR, 60, 30, CalendarPayload("Spruce Devices / weekly", location="Zoom")),
        event(Source.CALENDAR, 60, 30, CalendarPayload("Indigo Devices - office action strategy", location="Zoom")),
        event(Source.WINDOW, 0, 20, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.WINDOW, 20, 0.25, WindowPayload("zoom.us", "Zoom Workplace")),
        event(Source.WINDOW, 60, 30, WindowPayload("zoom.us", "Zoom Meeting")),
        event(Source.AFK, 0, 90, AfkPayload(False)),
    ]
    entries = build_drafts(events, (SPRUCE, INDIGO), DAY, UTC)
    assert seconds_on(entries, "SPRUC.0003") + seconds_on(entries, "INDIG.0001") >= 49 * 60
