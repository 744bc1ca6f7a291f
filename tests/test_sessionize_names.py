"""Names: a client who is a person, written "Novak, Kristin" or "Kristin Novak" and in any script, is named by
her surname; words every matter of a kind uses ("Estate of") are no one's name; a thread named only by words any
message uses ("follow up") is no one's identity."""

from __future__ import annotations

from datetime import UTC

from ledgerwatch.domain import (
    CalendarPayload,
    Client,
    Event,
    Matter,
    ProblemCode,
    Source,
)
from ledgerwatch.sessionize import SessionizePolicy, build_drafts
from ledgerwatch.sessionize.matching import MatterIndex
from tests.sessionize_support import DAY, at, away, window

NOVAK = Client("Kristin Novak")
CUSTODY = Matter("00539-Novak", NOVAK, "Custody modification - Novak", identifiers=("2025CV374872",))
DIVORCE = Matter("00534-Novak", NOVAK, "Divorce - Novak v. Laura", identifiers=("2025CV320058",))
NORTHWIND = Matter("1002-Northwind", Client("Northwind Traders"), "Software license agreement review")
IBANEZ = Matter("01008-Ibanez", Client("Ibáñez, Michael"), "State v. Ibáñez - DUI", ("DUI",))
MATTERS = (CUSTODY, DIVORCE, NORTHWIND, IBANEZ)


def test_a_client_written_first_name_first_is_named_by_her_surname() -> None:
    """"Kristin Novak", whose matters are "00539-Novak" and "Divorce - Novak v. Laura": her surname names her
    as the first word of "Novak, Kristin" would, and a letter to Novak asks between her two matters (it was
    thin evidence that named neither). Her given name names her too ("Health Care POA - Kristin": a firm that
    writes its clients first name first titles their papers so). A parenting plan is either matter's: a divorce
    with children settles one as a custody modification does. A company is still named by its first word, not
    its last."""
    index = MatterIndex(MATTERS)
    letter = index.score("Letter to Novak re schedule.docx")
    assert letter.best is None and set(letter.candidates) == {0, 1}
    assert set(index.score("Notes for Kristin re schedule.docx").candidates) == {0, 1}
    assert set(index.score("Kristin Novak - parenting plan.docx").candidates) == {0, 1}
    assert index.score("Northwind - license comments").best == 2
    assert not index.score("Traders weekly").best


def test_a_surname_first_name_in_any_script_knows_her_given_name() -> None:
    """"Ibáñez, Michael" is a person written surname first, accents and all: a call with Kenji Ibáñez is not
    with him, a call with Michael Ibáñez may be."""
    index = MatterIndex(MATTERS)
    assert not index.names_person(3, "Kenji Ibáñez")
    assert index.names_person(3, "Michael Ibáñez")


def test_a_name_is_the_same_with_or_without_its_accents() -> None:
    """"Ibáñez" in the client list is "Ibanez" in a file name and "IBÁÑEZ" in a court's: one name. Read as
    letters a-z alone it was "ib" and "ez", and a file name without the accents named no one."""
    index = MatterIndex(MATTERS)
    assert index.score("Plea offer - Ibanez.docx").best == 3
    assert index.score("STATE V. IBÁÑEZ - discovery.pdf").best == 3


def test_a_letter_that_is_no_accented_letter_is_the_same_name_typed_without_it() -> None:
    """"Sørensen", "Wałęsa", "Strauß" keep letters Unicode does not write as a letter with an accent: read as
    letters a-z they were "s" and "rensen", so "Sorensen" in a file name, as a keyboard without them types it,
    named no one."""
    sorensen = Matter("00338-Sorensen", Client("Sørensen, Kwame"), "Sørensen, Kwame - Dissolution of marriage")
    walesa = Matter("00412-Walesa", Client("Łukasz Wałęsa"), "Wałęsa v. Strauß - lease dispute")
    index = MatterIndex((*MATTERS, sorensen, walesa))
    assert index.score("Sorensen financial affidavit.docx").best == 4
    assert index.score("SØRENSEN - answer and counterclaim.pdf").best == 4
    assert index.score("Walesa v Strauss - reply.docx").best == 5
    assert index.names_person(4, "Kwame Sorensen")


def test_words_every_matter_of_a_kind_uses_are_no_ones_name() -> None:
    """A keyword "Estate of" (every estate's caption begins so) tied "Inventory - Estate of Valdes" between the
    estate it names and another estate listing it: it is a subject, not a party, and Valdes decides."""
    osei = Client("Osei, Aisha")
    valdes = Matter("07080-0009", osei, "Osei - Estate of Tariq Valdes (independent administration)", ("Valdes",))
    other = Matter("02855-0001", Client("O'Connor, Leah"), "Estate of Kristin Thibodeaux - probate", ("Estate of",))
    index = MatterIndex((valdes, other))
    assert index.score("Inventory - Estate of Valdes.xlsx").best == 0
    assert index.score("Estate of Kristin Thibodeaux - inventory.xlsx").best == 1


def thread_amid_work(subject: str) -> list[Event]:
    """A thread answered three times between stretches of the Northwind redline, then read alone at 15:00."""
    events: list[Event] = []
    for k in range(3):
        events.append(window(k * 25, 20, "WINWORD.EXE", "Northwind license redline v3.docx - Word"))
        events.append(window(k * 25 + 20, 5, "OUTLOOK.EXE", f"RE: {subject} - Message (HTML)"))
    events.append(window(75, 20, "WINWORD.EXE", "Northwind license redline v3.docx - Word"))
    events.append(window(120, 10, "OUTLOOK.EXE", f"RE: {subject} - Message (HTML)"))
    return events


def test_a_thread_named_only_by_words_any_message_uses_is_carried_nowhere() -> None:
    """"RE: follow up" answered amid the Northwind redline is the redline's there; read alone later it may be
    any client's follow-up, and it asks. A subject of its own ("redline comments") is carried."""
    generic = build_drafts(thread_amid_work("follow up"), MATTERS, DAY, UTC, SessionizePolicy())
    alone = [e for e in generic if e.spans[0].start >= at(120)]
    assert alone and all(e.matter is None for e in alone)
    assert sum(e.worked_seconds for e in generic if e.matter == "1002-Northwind") == (80 + 15) * 60
    own = build_drafts(thread_amid_work("redline comments"), MATTERS, DAY, UTC, SessionizePolicy())
    assert sum(e.worked_seconds for e in own if e.matter == "1002-Northwind") == (80 + 15 + 10) * 60


def test_a_hearing_naming_such_a_client_is_drafted_as_her_matters_question() -> None:
    """Two hours at court, the laptop locked: "Custody hearing - Novak" names the client by her surname, so it is
    drafted from the calendar, flagged, as a question between her custody modification and her divorce (a
    divorce with children has custody hearings too: choosing the modification on the kind's name was wrong as
    often as right at the blind family firm). It was not drafted at all: a given-name-first client's surname was
    too thin to draft an event on."""
    events = [
        window(0, 30, "WINWORD.EXE", "Parenting plan (modified) - Novak.docx - Word"),
        away(0, 30, gone=False),
        window(30, 170, "LockApp.exe", "Windows Default Lock Screen"),
        away(30, 170),
        window(200, 20, "WINWORD.EXE", "Parenting plan (modified) - Novak.docx - Word"),
        away(200, 20, gone=False),
        Event(
            Source.CALENDAR,
            at(60),
            at(150),
            CalendarPayload("Custody hearing - Novak", location="Fulton County Superior Court, 136 Pryor St SW"),
        ),
    ]
    entries = build_drafts(events, MATTERS, DAY, UTC, SessionizePolicy())
    (hearing,) = [e for e in entries if any(p.code is ProblemCode.FROM_CALENDAR for p in e.problems)]
    assert hearing.matter is None and set(hearing.candidates) == {"00539-Novak", "00534-Novak"}
    assert "Custody hearing - Novak" in hearing.description
    assert hearing.worked_seconds >= 90 * 60
    assert not any(e.matter is not None for e in entries)


def test_a_term_of_a_kind_of_matter_names_its_practice_area_too() -> None:
    """"Kristin Novak - financial affidavit" names her and a paper only a divorce has: of her custody
    modification and her divorce, both family law, it is the divorce's (the term is of family law though no
    list of the area's own terms holds it)."""
    index = MatterIndex(MATTERS)
    assert index.score("Kristin Novak - financial affidavit.pdf").best == 1


def test_a_matters_own_number_beats_the_caption_of_the_clients_other_suit() -> None:
    """The folder "MF210/19 Marlowe v. Alder & Finch (DTSA)" is the trade secrets matter MF210/19, though its
    words are the whole caption of the client's earlier suit MF210/07 and only part of MF210/19's: the firm's
    number for a matter is its own, a caption a related suit's too."""
    marlowe = Client("Marlowe Freight L.P.")
    earlier = Matter("MF210/07", marlowe, "Marlowe v. Alder & Finch", identifiers=("1:24-cv-01602",))
    trade = Matter("MF210/19", marlowe, "Marlowe v. Ilse Brandt and Alder & Finch - trade secrets / TRO", ("TRO",))
    index = MatterIndex((earlier, trade))
    assert index.score("MF210/19 Marlowe v. Alder & Finch (DTSA)").best == 1
    assert index.score("Marlowe v. Alder & Finch - answer.docx").best == 0


def test_a_number_made_of_the_clients_number_and_name_names_the_client_not_that_matter() -> None:
    """"00180-Skyline" is the client Skyline Health's number and name. "00180 Skyline Health - RFI response
    520202502924" names the client, and the charge number of its EEOC matter: it is not the other matter's
    for holding "00180 Skyline" (the work around it decides, as before)."""
    skyline = Client("Skyline Health Holdings LLC")
    charge = Matter("00180-Rios", skyline, "Skyline Health adv. Carlos Rios - EEOC charge", ("Rios", "520-2025-02924"))
    handbook = Matter("00180-Skyline", skyline, "Skyline Health - employee handbook update", ("handbook",))
    index = MatterIndex((charge, handbook))
    assert index.score("00180 Skyline Health - RFI response 520202502924").best != 1
