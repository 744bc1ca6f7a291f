"""Redaction of personal data before text goes to an AI endpoint: e-mail addresses, phone numbers, US SSNs,
payment card numbers, names of people the caller lists, and extra patterns from settings.

`redact` puts plain placeholders ([EMAIL], [NAME]); `mask` numbers them ([NAME-1]) and returns the table that
`restore` uses to put the originals back into an answer. The table never leaves the machine.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ledgerwatch.domain import Matter

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
SSN = re.compile(r"(?<![\d-])\d{3}[- ]\d{2}[- ]\d{4}(?![\d-])|(?<![\w-])\d{9}(?![\w-])")
CARD = re.compile(r"(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])")
PHONE = re.compile(
    r"(?<![\w+-])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\w-])"  # North American
    r"|(?<![\w+-])\+\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){2,5}(?![\w-])"  # international, written with +
)
PLACEHOLDER = re.compile(r"\[(?:EMAIL|PHONE|SSN|CARD|NAME|REDACTED)(?:-\d+)?\]")

_BUILTIN: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("EMAIL", EMAIL),
    ("SSN", SSN),
    ("CARD", CARD),
    ("PHONE", PHONE),
)


@dataclass(frozen=True, slots=True)
class Masked:
    """Texts with numbered placeholders, and the placeholder -> original table to restore them."""

    texts: tuple[str, ...]
    table: tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True)
class Redactor:
    """What to redact: the built-in patterns, these people's names, and extra regular expressions."""

    names: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    """extra regular expressions, replaced by [REDACTED]"""
    name_parts: bool = True
    """also redact each capitalised part (3+ letters) of a multi-word name, e.g. a surname used alone"""
    _compiled: tuple[tuple[str, re.Pattern[str]], ...] = field(
        default=(), init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        rules = list(_BUILTIN)
        rules += [("REDACTED", re.compile(p)) for p in self.patterns]
        name_rule = _names_pattern(self.names, self.name_parts)
        if name_rule is not None:
            rules.append(("NAME", name_rule))
        object.__setattr__(self, "_compiled", tuple(rules))

    def with_names(self, names: Iterable[str]) -> Redactor:
        """A redactor that also redacts these names (e.g. a draft's attendees)."""
        more = tuple(n for n in names if n.strip() and n not in self.names)
        return Redactor(self.names + more, self.patterns, self.name_parts) if more else self

    def redact(self, text: str) -> str:
        """The text with each match replaced by its plain placeholder, e.g. [EMAIL]."""
        for label, pattern in self._compiled:
            text = _sub_outside_placeholders(pattern, text, _constant(f"[{label}]"))
        return text

    def mask(self, texts: Sequence[str]) -> Masked:
        """The texts with numbered placeholders, the same original getting the same number in every text."""
        seen: dict[tuple[str, str], str] = {}
        counts: dict[str, int] = {}

        def number(label: str, original: str) -> str:
            key = (label, original.casefold() if label in ("NAME", "EMAIL") else original)
            if key not in seen:
                counts[label] = counts.get(label, 0) + 1
                seen[key] = f"[{label}-{counts[label]}]"
            return seen[key]

        out = []
        table: dict[str, str] = {}
        for text in texts:
            for label, pattern in self._compiled:

                def repl(m: re.Match[str], label: str = label) -> str:
                    placeholder = number(label, m.group(0))
                    table.setdefault(placeholder, m.group(0))
                    return placeholder

                text = _sub_outside_placeholders(pattern, text, repl)
            out.append(text)
        return Masked(tuple(out), tuple(table.items()))


def people_to_redact(
    names: Iterable[str], matters: Iterable[Matter], attendees: Iterable[str]
) -> tuple[str, ...]:
    """The people whose names are redacted: the settings' names, every matter's contacts and every meeting's
    attendees (an address's local part read as a name too: anita.patel@x -> Anita Patel)."""
    found: dict[str, None] = {}
    for person in (*names, *(c for m in matters for c in m.contacts), *attendees):
        person = person.strip()
        if not person:
            continue
        if "@" in person:
            local = person.split("@", 1)[0]
            parts = [p for p in re.split(r"[._-]+", local) if len(p) >= 2 and p.isalpha()]
            if len(parts) >= 2:
                found[" ".join(p.capitalize() for p in parts)] = None
            continue
        found[person] = None
    return tuple(found)


def restore(text: str, table: Sequence[tuple[str, str]]) -> str:
    """Put the originals back for the numbered placeholders of a mask table."""
    originals = dict(table)
    return re.sub(r"\[[A-Z]+-\d+\]", lambda m: originals.get(m.group(0), m.group(0)), text)


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER.search(text) is not None


def _names_pattern(names: Sequence[str], parts: bool) -> re.Pattern[str] | None:
    whole = {re.sub(r"\s+", " ", n).strip() for n in names}
    whole.discard("")
    alternatives = [r"\s+".join(map(re.escape, n.split(" "))) for n in whole]
    pieces: set[str] = set()
    if parts:
        for n in whole:
            words = n.split(" ")
            if len(words) > 1:
                pieces |= {w.strip(".,") for w in words if len(w.strip(".,")) >= 3 and w[:1].isupper()}
    if not alternatives:
        return None
    # longest first, so "Jane Q. Doe" wins over "Jane"; whole names ignore case, single parts need the capital
    ordered = sorted(alternatives, key=len, reverse=True)
    pattern = r"(?i:" + "|".join(ordered) + r")"
    if pieces:
        pattern += "|" + "|".join(re.escape(p) for p in sorted(pieces, key=len, reverse=True))
    return re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)")


def _constant(placeholder: str) -> Callable[[re.Match[str]], str]:
    return lambda _match: placeholder


def _sub_outside_placeholders(
    pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]
) -> str:
    """re.sub that leaves earlier placeholders alone (so [PHONE-1] is never re-read as a number)."""
    out, last = [], 0
    for hole in PLACEHOLDER.finditer(text):
        out.append(pattern.sub(repl, text[last : hole.start()]))
        out.append(hole.group(0))
        last = hole.end()
    out.append(pattern.sub(repl, text[last:]))
    return "".join(out)
