"""Numbers no source may store: US social security numbers and payment card numbers.

Live capture and every importer call `redact_payload` (or `redact_sensitive`) before an event is made, so
the same rule holds whichever way activity arrives. Card numbers are recognised by how cards are written
(contiguous, or grouped 4-4-4-4, 4-6-5, 4-6-4), an issuer's leading digit and the Luhn checksum, so
matter, docket and document numbers survive.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TypeVar

REDACTED = "[redacted]"

SSN = re.compile(r"(?<![\w-])\d{3}([- ])\d{2}\1\d{4}(?![\w-])")
"""a US social security number written with dashes or spaces: 123-45-6789, 123 45 6789"""
CARD = re.compile(
    r"(?<![\w-])(?:"
    r"\d{13,19}"  # contiguous
    r"|\d{4}([ -])\d{4}\1\d{4}\1\d{1,4}(?:\1\d{3})?"  # 4-4-4-4 (13 to 19 digits)
    r"|\d{4}([ -])\d{6}\2\d{4,5}"  # 4-6-5 (American Express), 4-6-4 (Diners Club)
    r")(?![\w-])"
)
ISSUER_DIGITS = frozenset("23456")
"""payment cards begin with 2 (Mastercard), 3 (Amex, Diners, JCB), 4 (Visa), 5 (Mastercard) or 6 (Discover,
UnionPay); a run beginning otherwise is an identifier"""
_THREE_DIGITS = re.compile(r"\d\d\d")


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum that every payment card number satisfies."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2 == 1:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return len(digits) >= 12 and total % 10 == 0


def is_card_number(text: str) -> bool:
    """Whether text (digits, maybe grouped) is a payment card number: 13-19 digits, an issuer's first digit,
    Luhn-valid."""
    digits = re.sub(r"\D", "", text)
    return 13 <= len(digits) <= 19 and digits[0] in ISSUER_DIGITS and luhn_valid(digits)


def _card(match: re.Match[str]) -> str:
    return REDACTED if is_card_number(match.group(0)) else match.group(0)


def redact_sensitive(text: str) -> str:
    """text with every SSN and payment card number replaced by [redacted]."""
    if not _THREE_DIGITS.search(text):
        return text  # both need digits: most titles have none worth a second look
    return CARD.sub(_card, SSN.sub(REDACTED, text))


P = TypeVar("P")


def redact_payload(payload: P) -> P:
    """The payload with `redact_sensitive` applied to each of its texts (and lists of texts)."""
    changes: dict[str, object] = {}
    for field in dataclasses.fields(payload):  # type: ignore[arg-type]
        value = getattr(payload, field.name)
        if isinstance(value, str):
            clean: object = redact_sensitive(value)
        elif isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            clean = tuple(redact_sensitive(v) for v in value)
        else:
            continue
        if clean != value:
            changes[field.name] = clean
    return dataclasses.replace(payload, **changes) if changes else payload  # type: ignore[type-var]
