"""Practice areas: a subject leans to the one matter of its area, and only with that matter's work nearby."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from ledgerwatch.domain import Client, Event, Matter, Source, TimeEntry, WindowPayload
from ledgerwatch.sessionize import SessionizePolicy, build_drafts
from ledgerwatch.sessionize.areas import areas_of, sole_matter
from ledgerwatch.sessionize.matching import MatterIndex
from tests.sessionize_support import amid, seconds_on

DAY = date(2026, 3, 2)
SMITH = Matter("1001-Smith", Client("Smith, Jordan"), "Smith v. Acme Freight - personal injury", ("Acme Freight",))
LICENSE = Matter("1002-Northwind", Client("Northwind Traders Inc."), "Software license agreement review")
PATEL = Matter("1004-Patel", Client("Patel Family"), "Estate plan - revocable trust", ("revocable trust",))
SOLO = (SMITH, LICENSE, PATEL)


def window(start: float, minutes: float, app: str, title: str) -> Event:
    at = datetime(2026, 3, 2, 14, tzinfo=UTC)
    return Event(
        Source.WINDOW, at + timedelta(minutes=start), at + timedelta(minutes=start + minutes), WindowPayload(app, title)
    )


def test_a_subject_names_its_area_in_the_laws_own_terms() -> None:
    assert areas_of("Expert disclosure - accident reconstruction") == {"injury"}
    assert areas_of("Vendor security questionnaire.pdf") == {"contract"}
    assert areas_of("Certification of trust") == {"estate"}
    assert areas_of("Weekly staff lunch") == frozenset()


def test_governance_papers_and_insurance_papers_name_their_areas() -> None:
    """A secretary's certificate, a stock ledger or a D&O questionnaire is a company's corporate paper, a policy's
    declarations page or a tender of defense a coverage paper: one client's corporate and coverage matters were
    asked between on them ("Kestrel - secretary certificate.docx")."""
    for corporate in ("Secretary's certificate", "Kestrel - stock ledger", "D&O questionnaire 2026",
                      "Officers' Certificate - closing", "Directors questionnaire"):
        assert areas_of(corporate) == {"corporate"}, corporate
    for coverage in ("Harbor policy - declarations page.pdf", "Tender of defense to Harbor"):
        assert areas_of(coverage) == {"coverage"}, coverage


def test_a_matters_area_is_read_from_its_practice_area_and_the_common_names_of_its_kind() -> None:
    """A matter whose description names no term of its area still names it: the practice area column
    ("Real Estate"), a patent application's "US Appl.", a hyphenated freedom-to-operate opinion, a defence of a
    products liability or dram shop claim, a DUI. So a research question about quiet title leans to the one
    real estate matter, where before no matter had an area of its own and nothing leaned."""
    purchase = Matter(
        "0969-Quintero", Client("Quintero, Victoria"), "Purchase of 375 Lafayette Street", practice_area="Real Estate"
    )
    assert MatterIndex((purchase,)).own_areas == ({"realty"},)
    assert areas_of("US Appl. - Optical routing system for pumps") == {"patent"}
    assert areas_of("Freedom-to-operate opinion - Timbershire module") == {"patent"}
    assert areas_of("Baldwin v. Aspenfield - products liability defense") == {"injury"}
    assert areas_of("Carter v. Harborpoint - dram shop defense") == {"injury"}
    assert areas_of("Vasquez - DUI / failure to maintain lane") == {"criminal"}
    assert areas_of("Operating agreement amendment & annual minutes") == {"corporate"}
    assert areas_of("Current Outlook rules") == frozenset()  # "rent" inside a word is no lease
    employment = Matter(
        "0886-Tundraport", Client("Tundraport Logistics"), "EEOC charge - Todd Stewart", practice_area="Employment"
    )
    areas = MatterIndex((purchase, employment)).areas
    assert sole_matter("quiet title adverse possession", areas) == 0
    assert sole_matter("Title VII retaliation causation temporal proximity", areas) == 1
    assert areas_of("PERM recruitment requirements") == {"immigration"}
    assert areas_of("H-1B specialty occupation degree") == {"immigration"}
    assert areas_of("Permanent injunction standard") == frozenset()


def test_a_subject_leans_only_where_every_matter_has_an_area_and_one_fits() -> None:
    """The solo practice's three matters each name their area: a subject of one leans to it. Add a matter
    whose text names no area ("Project Halyard") and nothing leans: it could be that one. Two
    injury cases: an injury subject fits both, and leans to neither."""
    areas = MatterIndex(SOLO).areas
    assert sole_matter("Your medical bills", areas) == 0
    assert sole_matter("Vendor security questionnaire", areas) == 1
    assert sole_matter("Quarterly newsletter", areas) is None
    unknown = Matter("2001-Lumen", Client("Lumen Optics LLC"), "Project Halyard - confidential")
    assert MatterIndex((*SOLO, unknown)).areas is None
    second = Matter("1006-Reyes", Client("Reyes, Ana"), "Reyes v. Brightline - slip and fall")
    assert sole_matter("Your medical bills", MatterIndex((*SOLO, second)).areas) is None
    found = MatterIndex(SOLO).by_subject(MatterIndex(SOLO).score("Your medical bills"), "Your medical bills")
    assert found.best is None and found.lean == 0


def test_a_message_about_its_areas_subject_is_the_matter_whose_work_is_next_to_it() -> None:
    """'Your medical bills' names no matter; right after work on the injury case it is that case's
    correspondence. With nothing of the case nearby it stays undecided: a subject alone bills nothing."""
    message = window(20, 12, "OUTLOOK.EXE", "RE: Your medical bills - Message (HTML)")
    near = [window(0, 20, "WINWORD.EXE", "Smith v. Acme - demand letter.docx - Word"), message]
    entries = build_drafts(near, SOLO, DAY, UTC, SessionizePolicy())
    assert seconds_on(entries, SMITH.number) == 32 * 60
    alone = [window(0, 20, "EXCEL.EXE", "Budget 2026.xlsx - Excel"), message]
    entries = build_drafts(alone, SOLO, DAY, UTC, SessionizePolicy())
    assert seconds_on(entries, SMITH.number) == 0


def test_of_one_clients_two_matters_of_an_area_a_document_takes_the_one_of_its_kind() -> None:
    """A company's annual compliance and its board minutes are both corporate, and a document naming only the
    company asked between them. A certificate of good standing is the compliance matter's, its bylaws the
    board's. A document of neither kind (an officer's certificate serves both) still asks, and so does one
    where a matter names no kind of its own."""
    client = Client("Ravenwell Holdings Inc.")
    compliance = Matter("0584-Ravenwell", client, "Annual compliance 2026", ("annual report",))
    board = Matter("0598-Ravenwell", client, "Board minutes and resolutions", ("board minutes",))
    index = MatterIndex((compliance, board))
    assert index.score("Ravenwell certificate of good standing.pdf").best == 0
    assert index.score("Ravenwell Bylaws (amended).pdf").best == 1
    officer = index.score("Ravenwell officer certificate.docx")
    assert officer.best is None and set(officer.candidates) == {0, 1}
    general = Matter("0601-Ravenwell", client, "General corporate", practice_area="Corporate")
    unplaced = MatterIndex((compliance, general)).score("Ravenwell certificate of good standing.pdf")
    assert unplaced.best is None


def test_a_divorce_holds_the_parenting_plan_a_custody_petition_holds_no_financial_affidavit() -> None:
    """A divorce with children settles a parenting plan and child support as a custody modification does: the
    divorce's "Parenting Plan - Hernández" went to the same client's custody petition on its kind alone (blind
    family firm, development weeks: capture +1.0 points, wrong -0.4). A divorce's own papers (a financial
    affidavit) are still no custody petition's."""
    client = Client("Hernández, Chloé")
    custody = Matter("00540-Hernandez", client, "Petition to modify custody (Hernández)", ("Isabella", "custody"))
    divorce = Matter("00521-Hernandez", client, "Divorce - Hernández v. Meredith")
    index = MatterIndex((custody, divorce))
    assert index.kind_against(1, "Parenting Plan - Hernández") is None
    assert index.kind_against(1, "Child Support Worksheet - Hernández") is None
    assert index.kind_against(0, "Hernández - Financial Affidavit") == (1,)
    assert index.score("Petition to Modify Custody - Hernández.docx").best == 0


def test_a_document_placed_by_the_work_around_it_takes_the_clients_matter_of_its_kind() -> None:
    """"Complaint for Divorce - filed.pdf" names no one: read between two stretches of the client's custody
    modification, the work around it tells the client, its own words which of her matters (her divorce). A
    document of no kind stays with the work around it."""
    client = Client("Novak, Kristin")
    custody = Matter("00539-Novak", client, "Custody modification - Novak", ("custody modification",))
    divorce = Matter("00534-Novak", client, "Novak v. Novak", practice_area="Family law - divorce")

    def day(title: str) -> list[TimeEntry]:
        events = [
            window(0, 20, "WINWORD.EXE", "Novak custody modification - motion.docx - Word"),
            window(20, 10, "Acrobat.exe", f"{title} - Adobe Acrobat Reader (64-bit)"),
            window(30, 20, "WINWORD.EXE", "Novak custody modification - motion.docx - Word"),
        ]
        return build_drafts(events, (custody, divorce, LICENSE), DAY, UTC, SessionizePolicy())

    kinds = day("Complaint for Divorce - filed.pdf")
    assert seconds_on(kinds, "00534-Novak") == 10 * 60 and seconds_on(kinds, "00539-Novak") == 40 * 60
    plain = day("Scan_2026_0302.pdf")
    assert seconds_on(plain, "00539-Novak") == 50 * 60


def test_a_document_of_a_kind_the_work_around_it_is_not_is_left_to_the_attorney() -> None:
    """"Petition for Record Restriction.docx" is a template every record restriction client's file has (three clients' here). Read
    between two stretches of another client's custody modification, it is not that matter's paper, whatever
    the work around it: it asks (no matter found) instead of billing the custody client."""
    custody = Matter("00494-Goldberg", Client("Goldberg, Fatima"), "Goldberg - modification of parenting time")
    records = (
        Matter("00453-Rasmussen", Client("Rasmussen, Yuki"), "Expunction petition - Rasmussen"),
        Matter("00547-Ferreira", Client("Ferreira, Fatima"), "Expunction petition - Ferreira"),
        Matter("00568-Nguyen", Client("Nguyen, Priya"), "Record restriction - Nguyen"),
    )

    matters = (custody, *records, LICENSE)
    work = "Goldberg parenting time - motion.docx"
    template = amid(work, "Petition for Record Restriction.docx", matters)
    assert seconds_on(template, "00494-Goldberg") == 40 * 60 and seconds_on(template, None) == 15 * 60
    assert not any(seconds_on(template, record.number) for record in records)
    assert seconds_on(amid(work, "Letter to the guardian ad litem.docx", matters), "00494-Goldberg") == 55 * 60


def lead(matters: tuple[Matter, Matter], text: str) -> tuple[int | None, tuple[int, ...]]:
    """The matter text is decided for among a client's two matters (and another client's), and the matters of
    the same client still close behind it (a lead the work around it may overturn)."""
    found = MatterIndex((*matters, SMITH)).score(text)
    return found.best, found.siblings


def test_a_word_of_one_matters_description_that_names_its_area_decides_between_the_clients_matters() -> None:
    """"Quarry Hill - coverage call w/ broker": the client has an insurance coverage matter and a code-named
    project. "coverage" is a word of the coverage matter's description and a term of its area: it decides, as
    a phrase of the description would (it did not, and the call asked between the two). A word of the
    description that names no area ("insurance" alone) still leaves the choice to the attorney."""
    client = Client("Quarry Hill Construction Co.")
    coverage = Matter("41409-0005", client, "Quarry Hill - insurance coverage (Crescent)", ("Crescent",))
    project = Matter("41409-0016", client, "Project Lantern - privileged", ("Project Lantern",))
    assert lead((coverage, project), "Quarry Hill - coverage call w/ broker") == (0, ())
    assert lead((coverage, project), "Quarry Hill - insurance call w/ broker") == (0, (1,))


def test_a_document_of_another_practice_area_than_the_work_around_it_is_left_to_the_attorney() -> None:
    """An immigration matter names no kind of its own, only its area: "Officer certificate.docx" (corporate, of
    a client with two corporate matters) read between two stretches of its H-1B support letter is not its paper,
    whatever the work around it. It asks, instead of billing the immigration client for another client's
    corporate filing; a paper of no area (a cover letter) still goes with the work around it."""
    petition = Matter(
        "0482-Hollowridge", Client("Hollowridge Devices Group, Inc."), "H-1B petition - Bianca Bradford", ("Bradford",)
    )
    echobank = Client("Echobank Partners Holdings, Inc.")
    corporate = (
        Matter("0441-Echobank", echobank, "Annual compliance 2026"),
        Matter("0471-Echobank", echobank, "Board minutes and resolutions"),
    )
    matters = (petition, *corporate, LICENSE)
    certificate = amid("Bradford H-1B support letter.docx", "Officer certificate.docx", matters)
    assert seconds_on(certificate, petition.number) == 40 * 60 and seconds_on(certificate, None) == 15 * 60
    cover = amid("Bradford H-1B support letter.docx", "Cover letter.docx", matters)
    assert seconds_on(cover, petition.number) == 55 * 60


def test_research_questions_name_their_area_in_the_terms_of_the_law() -> None:
    """A research question names its area by a doctrine of it, not only by the area's name: the same lexicon
    a casebook's index would give, not any firm's words."""
    assert areas_of("spousal maintenance duration") == {"family"}
    assert areas_of("hostile work environment severe or pervasive") == {"employment"}
    assert areas_of("non compete enforceability reasonableness") == {"employment"}
    assert areas_of("res ipsa loquitur control instrumentality") == {"injury"}
    assert areas_of("inherent anticipation prior art") == {"patent"}
    assert areas_of("rule against perpetuities savings clause") == {"estate"}
    assert areas_of("quiet title adverse possession") == {"realty"}
    assert areas_of("letter to ada re schedule") == frozenset()  # a first name, not the statute
    # a coverage question arises in every defence file an insurer sends: no area of its own
    assert areas_of("duty to defend allegations complaint") == frozenset()
    assert areas_of("late notice prejudice insurer") == frozenset()


def test_a_research_session_on_a_doctrine_of_one_matters_area_is_that_matters() -> None:
    """Searches on "spousal maintenance duration" with no client ID and no matter's work around them, in a
    practice with one family matter: research for it. Before the lexicon named the doctrine, nothing did."""
    divorce = Matter("1007-Gallagher", Client("Gallagher, Ben"), "Dissolution of marriage - Gallagher", ())
    matters = (*SOLO, divorce)
    events = [
        window(0, 20, "WINWORD.EXE", "Smith v Acme Freight - Answer.docx - Word"),
        window(25, 9, "chrome.exe", "spousal maintenance duration - Google Scholar - Google Chrome"),
        window(34, 7, "chrome.exe", "In re Marriage of Lowe - Google Scholar - Google Chrome"),
        window(41, 8, "chrome.exe", "spousal maintenance duration - Westlaw Precision - Google Chrome"),
        window(54, 20, "WINWORD.EXE", "Patel - revocable trust draft.docx - Word"),
    ]
    entries = build_drafts(events, matters, DAY, UTC, SessionizePolicy())
    assert seconds_on(entries, "1007-Gallagher") == 24 * 60
    assert seconds_on(entries, "1001-Smith") == 20 * 60
