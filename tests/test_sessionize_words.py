"""Words in a title and a document's name: whether a title says a word of a list (the indexed lookup answers as
looking for each fragment in turn), and what names one document across its versions."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ledgerwatch.sessionize import SessionizePolicy
from ledgerwatch.sessionize.memory import document_identity
from ledgerwatch.sessionize.reading import CHAT_VIEWS, clean_document, says

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
    ],
)
def test_a_document_name_loses_the_browser_and_the_editors_words_in_any_case(title: str, name: str) -> None:
    """The quick looks for a browser's name and an editor's flag words before their patterns are tried fold
    case as the patterns do: a title in capitals, or with a long s, still loses them."""
    clean_document.cache_clear()
    assert clean_document(title) == name
