"""Redaction before anything goes to an AI endpoint."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerwatch.assist.redact import Redactor, has_placeholder, restore

R = Redactor(names=("Jane Q. Doe", "Bob Smith"))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("mail jane.doe+x@acme-corp.co.uk today", "mail [EMAIL] today"),
        ("SSN 123-45-6789.", "SSN [SSN]."),
        ("ssn 123456789 on file", "ssn [SSN] on file"),
        ("card 4111 1111 1111 1111 exp", "card [CARD] exp"),
        ("card 4111-1111-1111-1111", "card [CARD]"),
        ("call (555) 123-4567 now", "call [PHONE] now"),
        ("call 555.123.4567", "call [PHONE]"),
        ("call +1 555 123 4567", "call [PHONE]"),
        ("ring +44 20 7946 0958", "ring [PHONE]"),
        ("met Bob Smith and BOB SMITH", "met [NAME] and [NAME]"),
        ("letter to Jane Q. Doe", "letter to [NAME]"),
        ("Ms. Doe called; Smith too", "Ms. [NAME] called; [NAME] too"),
    ],
)
def test_each_kind_is_replaced_by_its_placeholder(text: str, expected: str) -> None:
    """E-mails, SSNs, card numbers, phone numbers and listed names become [EMAIL], [SSN], [CARD], [PHONE], [NAME]."""
    assert R.redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Hearing on 2025-03-04 at 10:30",
        "Matter 2023-0142 and 00012-7001",
        "Invoice 20250304 paid",
        "the doe and a smith-style clause",
        "Section 1.6(c) of Rule 512",
    ],
)
def test_dates_matter_numbers_and_common_words_survive(text: str) -> None:
    """Dates, matter numbers, 8-digit ids and lower-case common words are not personal data."""
    assert R.redact(text) == text


def test_extra_patterns_from_settings() -> None:
    """A configured pattern (an employee id here) is redacted as [REDACTED]."""
    redactor = Redactor(patterns=(r"\bEMP-\d{5}\b",))
    assert redactor.redact("badge EMP-12345 used") == "badge [REDACTED] used"


def test_with_names_adds_attendees() -> None:
    """Names added for one draft (its attendees) are redacted too; the original redactor is unchanged."""
    more = R.with_names(["Carla Diaz"])
    assert more.redact("call with Carla Diaz") == "call with [NAME]"
    assert R.redact("call with Carla Diaz") == "call with Carla Diaz"


def test_mask_numbers_placeholders_consistently_and_restore_puts_them_back() -> None:
    """The same person gets the same number in every text; restore() undoes the mask locally."""
    masked = R.mask(["Bob Smith called Jane Q. Doe", "again bob smith at 555-123-4567"])
    assert masked.texts == ("[NAME-1] called [NAME-2]", "again [NAME-1] at [PHONE-1]")
    assert restore("Calls with [NAME-1] and [NAME-2] ([PHONE-1])", masked.table) == (
        "Calls with Bob Smith and Jane Q. Doe (555-123-4567)"
    )
    assert restore("unknown [NAME-9]", masked.table) == "unknown [NAME-9]"


def test_placeholders_are_not_redacted_again() -> None:
    """Redacting twice changes nothing (a placeholder is never read as a number or a name)."""
    once = R.redact("Bob Smith 555-123-4567 123-45-6789 b@x.io 4111111111111111")
    assert R.redact(once) == once
    assert has_placeholder(once)


secrets = st.one_of(
    st.from_regex(r"\A\d{3}-\d{2}-\d{4}\Z"),
    st.from_regex(r"\A[a-z]{1,8}@[a-z]{1,8}\.(com|org|law)\Z"),
    st.from_regex(r"\A\(\d{3}\) \d{3}-\d{4}\Z"),
    st.sampled_from(["Bob Smith", "Jane Q. Doe", "bob smith"]),
)
filler = st.text(st.sampled_from("abcdefghij ,.;:"), max_size=15)


@given(filler, secrets, filler)
def test_no_secret_survives_redaction(before: str, secret: str, after: str) -> None:
    """Whatever surrounds it, an SSN, e-mail, phone number or listed name never survives."""
    redacted = R.redact(f"{before} {secret} {after}")
    assert secret not in redacted
