"""Identifiers in any spelling: a docket, application, claim or matter number is recognised by its letters
and digits alone, with and without leading zeros ("1:24-cv-03318" is "124cv3318" in a file name) and without
the label it is listed with ("Case No. 1:24-cv-03318"); a date's digits ("2026-01-12") spell none.

One definition for the two places that must agree on it: attribution (sessionize.matching) finds a matter
by its identifiers, and the AI assist's screen (assist.screen) withholds another client's in every spelling
attribution would recognise."""

from __future__ import annotations

import re
from collections.abc import Iterable

ID_PARTS = re.compile(r"\d+|[^\W\d_]+")
"""an identifier's digit and letter groups (match against lower-cased text)"""
_KIND_CODE = re.compile(r"^[a-z]{1,2}\d$")
"""a patent document's kind code (B2, A1, S1, E): its letters and one digit"""
_LABEL_WORDS = frozenset({
    "case", "no", "nos", "number", "num", "reg", "registration", "serial", "ser", "index", "docket", "dkt", "appl",
    "application", "pat", "patent", "claim", "file", "ref", "reference", "charge", "receipt", "civil", "action",
    "cause", "matter", "inv", "investigation",
})  # fmt: skip
"""words that label a number rather than spell it, when they come before it ("Case No.", "Reg. No.")"""
_ID_MIN_LENGTH = 6
_ID_MIN_DIGITS = 4
_ID_DIGITS_ALONE = 8
"""an identifier with this many digits is recognised by its digits alone"""


def id_forms(text: str) -> tuple[str, ...]:
    """The spelling-independent forms of an identifier: letters and digits only, with every digit group's
    leading zeros dropped ("1:24-cv-03318" -> "124cv03318", "124cv3318"), and its digits alone when there
    are enough of them to tell it apart; a trailing group of letters, or of one or two digits after a long
    number, is optional."""
    parts = ID_PARTS.findall(text.casefold())
    label = 0
    while label < len(parts) and parts[label] in _LABEL_WORDS:
        label += 1
    forms = _id_forms_of(parts)
    if label and is_identifier("".join(parts[label:])):
        # "Case No. 1:24-cv-01234", "Reg. No. 6,123,456" as a matter list or a provider's field holds them:
        # a page or file name shows the number without its label
        parts = parts[label:]
        forms = (*forms, *_id_forms_of(parts))
    forms = (*forms, *_federal_forms(parts))
    if _YEAR_AFTER.fullmatch("/".join(parts)):
        # a state court's index number ends with its year, written with four digits or two ("Index No.
        # 158842/2024" is "158842/24" in a decision's file name)
        forms = (*forms, *_forms([parts[0], parts[1][2:]]))
    year = _other_year(parts)
    if year is not None:
        # a case number that starts with its year is written with two digits of it or four ("25-CV-129829"
        # is filed as "2025CV129829")
        forms = (*forms, *(form for form in _id_forms_of([year, *parts[1:]]) if len(form) >= _ID_MIN_LENGTH))
    return tuple(dict.fromkeys(forms))


_FEDERAL_KINDS = frozenset({"cv", "cr", "mc", "md", "mj", "bk", "ap", "po", "sw", "c", "civ", "crim"})
"""a federal case number's type (civil, criminal, miscellaneous, multidistrict, magistrate, bankruptcy,
adversary...); "c" is civil as the Northern District of Illinois writes it ("No. 25 C 4526"), "Civ." and
"Cr." as the Southern District of New York's captions do ("No. 25 Civ. 4526 (KN)", "24 Cr. 118")"""
_SPELLINGS = {"cv": ("cv", "c", "civ"), "c": ("cv", "c", "civ"), "civ": ("cv", "c", "civ"), "cr": ("cr", "crim"),
              "crim": ("cr", "crim")}  # fmt: skip
"""the spellings of one case type"""


def _federal_forms(parts: list[str]) -> tuple[str, ...]:
    """A federal case number's other spellings: without its office ("25-cv-04526" of "1:25-cv-04526", as
    papers and letters cite it) and with civil written "C" or "cv" ("No. 25 C 4526" is "1:25-cv-04526"); the
    judge's initials after it are left out as _id_forms_of leaves them."""
    if len(parts) >= 4 and len(parts[0]) == 1 and parts[0].isdigit():
        core = parts[1:4]  # the office ("1:") and the judge's initials left out
    elif len(parts) >= 3:
        core = parts[:3]
    else:
        return ()
    year, kind, number = core
    if not (len(year) == 2 and year.isdigit() and kind in _FEDERAL_KINDS and number.isdigit()):
        return ()
    kinds = _SPELLINGS.get(kind, (kind,))
    return tuple(form for each in kinds for form in _forms([year, each, number]))


_YEAR_AFTER = re.compile(r"\d{5,7}/(?:19|20)\d\d")
"""a number of five to seven digits and a four-digit year after it (a New York index number, "158842/2024")"""


def _other_year(parts: list[str]) -> str | None:
    """The other spelling of the year that opens a court's case number, before its case type and number
    ("24" for "2024-CA-001234", "2025" for "25-CV-129829"), else None. A number of digits alone ("2024-1234",
    a matter's "2024-0137") is left as it is: with two digits of its year it would be six digits that any
    Bates or invoice number may hold."""
    if (
        len(parts) < 3
        or not parts[0].isdigit()
        or not any(part.isalpha() for part in parts[1:])
        or not parts[-1].isdigit()
    ):
        return None
    first = parts[0]
    if len(first) == 4 and first[:2] in ("19", "20"):
        return first[2:]
    if len(first) == 2:
        return "20" + first
    return None


def _id_forms_of(parts: list[str]) -> tuple[str, ...]:
    if len(parts) >= 3 and _KIND_CODE.match("".join(parts[-2:])) and parts[-3].isdigit() and len(parts[-3]) >= 6:
        # a patent publication's kind code ("US11669140B2", "US20230348308A1") is left out when it is cited
        # ("U.S. Patent No. 11,669,140"): the number is known with and without it
        return tuple(dict.fromkeys((*_forms(parts), *_forms(parts[:-2]))))
    if len(parts) >= 2 and parts[-2].isdigit() and is_identifier("".join(parts[:-1])):
        last = parts[-1]
        if (len(parts) > 2 and last.isalpha()) or (last.isdigit() and len(last) <= 2 and len(parts[-2]) >= 6):
            # a judge's or court's suffix ("1:25-cv-04526-KN", "...-6001234-S") or a claimant's sequence
            # number ("1484896-07") is often left out: the identifier is known with and without it
            return tuple(dict.fromkeys((*_forms(parts), *_forms(parts[:-1]))))
    return _forms(parts)


def bare_form(parts: Iterable[str]) -> str:
    """An identifier's digit and letter groups (ID_PARTS) joined, the digits without leading zeros: "00636-Vega"
    and "636-Vega", "COMET.0001" and "COMET.1" are one number."""
    return "".join(part.lstrip("0") or "0" if part.isdigit() else part for part in parts)


def _forms(parts: list[str]) -> tuple[str, ...]:
    raw = "".join(parts)
    stripped = bare_form(parts)
    digits = "".join(part for part in parts if part.isdigit())
    forms = dict.fromkeys((raw, stripped))
    if len(digits) >= _ID_DIGITS_ALONE and digits != raw:
        forms[digits] = None  # CLM-2025-004417 is 2025004417 in a file name
        bare = "".join(part.lstrip("0") or "0" for part in parts if part.isdigit())
        if len(bare) >= _ID_DIGITS_ALONE:
            forms[bare] = None  # and 20254417 where each group's zeros are dropped too
    return tuple(forms)


_DATE = re.compile(
    r"(?<![0-9])(?:"
    r"(?:19|20)?\d\d[-./_ ](?:0?[1-9]|1[0-2])[-./_ ](?:0?[1-9]|[12]\d|3[01])"  # 2026-01-12, 2026.1.12, 26-01-12
    r"|(?:0?[1-9]|[12]\d|3[01])[-./_ ](?:0?[1-9]|[12]\d|3[01])[-./_ ](?:19|20)?\d\d"  # 01/12/2026, 12.01.26
    r"|20\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 20260112; never 19451231, a patent application's 19/451,231
    r")(?![0-9])"
)


def date_parts(lowered: str) -> frozenset[int]:
    """The positions, among text's ID_PARTS groups, of the groups that spell a calendar date ("Minutes
    2026-01-12", "Scan_20251203", a USPTO paper's mail date "18268351-2026-01-12-00030"). Joined, a date's
    digits spell a year-and-sequence number ("2026-0112"): a date is read as no identifier unless the
    identifier is written with the same groups."""
    found: set[int] = set()
    for match in _DATE.finditer(lowered):
        first = len(ID_PARTS.findall(lowered, 0, match.start()))
        found.update(range(first, first + len(ID_PARTS.findall(match.group()))))
    return frozenset(found)


_NUMBER_MIN_DIGITS = 2
"""the fewest digits a short matter number keeps in a spelling: "CRY-53-US" is CRY-053US, "Jones 1" no
matter's Jones-001"""


def number_forms(number: str) -> tuple[str, ...]:
    """A matter number's spelling-independent forms: an identifier's (id_forms) when it is one, else, for a
    short number with letters ("CRY-053US", "526-Kennedy"), its letter and digit groups joined, with and
    without the digits' leading zeros ("CRY-53-US", "CRY053US"), while two digits are left."""
    if is_identifier(number):
        return id_forms(number)
    parts = ID_PARTS.findall(number.casefold())
    if len("".join(parts)) < _ID_MIN_LENGTH:
        return ()
    return tuple(form for form in _forms(parts) if sum(ch.isdigit() for ch in form) >= _NUMBER_MIN_DIGITS)


def is_identifier(text: str, min_digits: int = _ID_MIN_DIGITS) -> bool:
    """Long enough and digit-rich enough to be matched in any spelling without false hits (the assist's
    screen, which withholds rather than attributes, accepts fewer digits)."""
    raw = "".join(ID_PARTS.findall(text.casefold()))
    return len(raw) >= _ID_MIN_LENGTH and sum(ch.isdigit() for ch in raw) >= min_digits


_REFERENCE_FIELDS = (
    "identifier", "claim", "docket", "case", "application", "appl", "patent", "serial", "charge", "receipt",
    "index", "reference", "ref", "policy", "bates", "a_number", "alien", "file_no", "number", "_no", "_id",
)  # fmt: skip
"""words of a field's (a column's, a provider's custom field's) name saying it holds reference numbers"""
_CONTACT_FIELDS = ("contact", "adjuster", "email", "inventor", "attendee", "claimant", "insured", "counsel")
"""words of a field's name saying it holds people on the matter"""
_STAFF_FIELDS = ("attorney", "partner", "timekeeper", "originat", "responsible", "billing", "paralegal", "staff")
"""the firm's own people: on every matter, so they tell none apart"""


def field_holds(name: str) -> frozenset[str]:
    """What a field beyond the known ones holds, by its name: "identifier" (a claim_no, a "Court Case
    Number"), "contact" (an adjuster, an insured), both (a "Claimant" may be a number or a person) or
    neither (anything else, and the firm's own staff)."""
    key = re.sub(r"[^a-z0-9]+", "_", name.casefold()).strip("_")
    if any(word in key for word in _STAFF_FIELDS):
        return frozenset()
    kinds = set()
    if any(word in key for word in _REFERENCE_FIELDS):
        kinds.add("identifier")
    if any(word in key for word in _CONTACT_FIELDS):
        kinds.add("contact")
    return frozenset(kinds)


def is_reference(value: str) -> bool:
    """A reference number: at least four digits (a claim, docket, application or charge number)."""
    return sum(ch.isdigit() for ch in value) >= 4


def sort_fields(fields: Iterable[tuple[str, str]]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(identifiers, contacts) among (field name, value) pairs beyond the known fields (a matter list's extra
    columns, a provider's custom fields): by field_holds, a value kept as an identifier when it is a reference."""
    identifiers: list[str] = []
    contacts: list[str] = []
    for name, value in fields:
        holds = field_holds(name)
        if "identifier" in holds and is_reference(value):
            identifiers.append(value)
        if "contact" in holds and value:
            contacts.append(value)
    return tuple(identifiers), tuple(contacts)
