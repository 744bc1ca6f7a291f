"""Other matters' facts, found in any text: what consent withholds from a request, and what an answer may
not bring in.

A Screen is built from domain values only (the matters, their clients' fields) and a rule saying which
matters are withheld. Their facts are: the client's name and aliases, whole and word by word; the matter's
aliases, keywords, description and its phrases, the parties of its caption; its number, identifiers and
numbered keywords in any spelling (`3:25-cv-00917`, `325cv917`), and the main digit run of its number;
its contacts (names whole and word by word, e-mail addresses); the client's e-mail domains (an address or
host under one). A fact that a matter not withheld shares (the consenting client's own name, a common
keyword) is not withheld.

`scrub` removes every withheld fact from a text and `finds` lists them: the request is built with `scrub`,
and the check before sending is `finds` over what was built, the same matcher, not a second list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ledgerwatch.domain import Matter
from ledgerwatch.domain.identifiers import ID_PARTS, id_forms, is_identifier
from ledgerwatch.domain.text import ADDRESS
from ledgerwatch.domain.words import ENTITY_WORDS, STOP_WORDS

WITHHELD = "[withheld]"
_WORD = re.compile(r"[^\W_]+")
_HOST = re.compile(r"(?<![\w@.-])((?:[\w-]+\.)+[a-z]{2,})(?![\w-])", re.IGNORECASE)
_CAPTION = re.compile(r"^(.*?)\s+(?:v\.?|vs\.?|versus|adv\.?)\s+(.+?)(?:\s+-\s+.*)?$", re.IGNORECASE)
_IN_RE = re.compile(r"\b(?:in re|in the matter of|matter of|estate of)\s+(?:the\s+)?([^\W\d_][\w'-]*)", re.I)
_SPLIT = re.compile(r"\s+-\s+|[,;:()/]|\s+re\s+|\s+&\s+|\s+and\s+", re.IGNORECASE)

PLAIN = ENTITY_WORDS | STOP_WORDS
"""words that say nothing about whose a text is: never withheld alone"""
_ID_MIN_DIGITS = 3
"""the screen withholds identifiers with fewer digits than attribution needs to recognise one"""


def words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold() for w in _WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Facts:
    """One matter's facts, normalised: word sequences, identifier forms, e-mail addresses and domains."""

    phrases: frozenset[tuple[str, ...]]
    ids: frozenset[str]
    addresses: frozenset[str]
    domains: frozenset[str]


def matter_facts(matter: Matter) -> Facts:
    """Everything in a matter's (and its client's) fields that tells whose it is."""
    client = matter.client
    phrases: set[tuple[str, ...]] = set()
    ids: set[str] = set()
    addresses: set[str] = set()
    domains = {d.casefold().lstrip("@") for d in client.email_domains if d.strip()}

    def name(text: str) -> None:
        """A name, whole and word by word."""
        whole = tuple(w for w in words(text) if w not in PLAIN)
        if whole:
            phrases.add(whole)
        phrases.update((w,) for w in whole if len(w) >= 3)

    def phrase(text: str) -> None:
        found = words(text)
        if found and not (len(found) == 1 and found[0] in PLAIN):
            phrases.add(found)

    def identifier(text: str) -> None:
        if is_identifier(text, _ID_MIN_DIGITS):
            ids.update(id_forms(text))
        phrase(text)

    for text in (client.name, *client.aliases, *matter.aliases):
        name(text)
    for domain in domains:
        label = domain.split(".")[0]
        if len(label) >= 4 and label not in PLAIN:
            phrases.add((label,))
    identifier(matter.number)
    runs = [w for w in words(matter.number) if w.isdigit() and len(w.lstrip("0")) >= 3]
    if runs:
        main = max(runs, key=len)
        phrases.update({(main,), (main.lstrip("0"),)})
    for text in matter.identifiers:
        identifier(text)
    for keyword in matter.keywords:
        if any(ch.isdigit() for ch in keyword):
            identifier(keyword)
        else:
            phrase(keyword)
        _caption(keyword, name)
    for contact in matter.contacts:
        if "@" in contact:
            addresses.add(contact.strip().casefold())
        else:
            name(contact)
    description = matter.description
    if description.strip():
        phrase(description)
        for part in _SPLIT.split(description):
            if len(words(part)) >= 2:
                phrase(part)
        _caption(description, name)
    return Facts(frozenset(phrases), frozenset(ids), frozenset(addresses), frozenset(domains))


def _caption(text: str, name: Callable[[str], None]) -> None:
    """The parties of a caption ("Smith v. Acme Freight", "Estate of Garcia") as names."""
    found = _CAPTION.match(text.strip())
    if found:
        name(found.group(1))
        name(found.group(2))
    for party in _IN_RE.finditer(text):
        name(party.group(1))


class Screen:
    """Finds and removes the facts of withheld matters that no other matter shares."""

    def __init__(self, matters: Sequence[Matter], withheld: Callable[[Matter], bool]) -> None:
        held = [matter_facts(m) for m in matters if withheld(m)]
        kept = [matter_facts(m) for m in matters if not withheld(m)]
        shared_phrases = frozenset().union(*(f.phrases for f in kept))
        shared_ids = frozenset().union(*(f.ids for f in kept))
        self.phrases: dict[str, list[tuple[str, ...]]] = {}
        for found in sorted({p for f in held for p in f.phrases} - shared_phrases, key=len, reverse=True):
            self.phrases.setdefault(found[0], []).append(found)
        self.ids = frozenset().union(*(f.ids for f in held)) - shared_ids
        self.id_longest = max((len(i) for i in self.ids), default=0)
        self.addresses = frozenset().union(*(f.addresses for f in held)) - frozenset().union(
            *(f.addresses for f in kept)
        )
        self.domains = frozenset().union(*(f.domains for f in held)) - frozenset().union(
            *(f.domains for f in kept)
        )

    @property
    def empty(self) -> bool:
        return not (self.phrases or self.ids or self.addresses or self.domains)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where withheld facts are in text, as (start, end), merged and in order."""
        if self.empty or not text:
            return []
        found = self._phrase_spans(text) + self._id_spans(text) + self._address_spans(text)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def finds(self, text: str) -> list[str]:
        """The withheld facts in text, as written there."""
        return [text[start:end] for start, end in self.spans(text)]

    def scrub(self, text: str) -> str:
        """text with every withheld fact replaced by [withheld]."""
        out, last = [], 0
        for start, end in self.spans(text):
            out += [text[last:start], WITHHELD]
            last = end
        out.append(text[last:])
        return "".join(out)

    def finds_in(self, texts: Iterable[str]) -> list[str]:
        return [fact for text in texts for fact in self.finds(text)]

    # --- matching ---

    def _phrase_spans(self, text: str) -> list[tuple[int, int]]:
        tokens = [(m.group(0).casefold(), m.start(), m.end()) for m in _WORD.finditer(text)]
        spans = []
        for i, (token, start, _) in enumerate(tokens):
            for candidate in self.phrases.get(token, ()):
                n = len(candidate)
                if tuple(t for t, _, _ in tokens[i : i + n]) == candidate:
                    spans.append((start, tokens[i + n - 1][2]))
                    break
        return spans

    def _id_spans(self, text: str) -> list[tuple[int, int]]:
        if not self.ids:
            return []
        parts = [(m.group(0).casefold(), m.start(), m.end()) for m in ID_PARTS.finditer(text)]
        spans = []
        for i, (part, start, _) in enumerate(parts):
            if not (part.isdigit() or any(p.isdigit() for p, _, _ in parts[i + 1 : i + 3])):
                continue
            raw = zero = ""
            for j in range(i, len(parts)):
                piece = parts[j][0]
                raw += piece
                zero += piece.lstrip("0") or "0" if piece.isdigit() else piece
                if len(zero) > self.id_longest:
                    break
                if raw in self.ids or zero in self.ids:
                    spans.append((start, parts[j][2]))
        return spans

    def _address_spans(self, text: str) -> list[tuple[int, int]]:
        if not (self.addresses or self.domains) or "." not in text:
            return []
        spans = []
        for found in ADDRESS.finditer(text):
            if found.group(0).casefold() in self.addresses or self._held_domain(found.group(1)):
                spans.append(found.span())
        for found in _HOST.finditer(text):
            if self._held_domain(found.group(1)):
                spans.append(found.span())
        return spans

    def _held_domain(self, domain: str) -> bool:
        domain = domain.casefold()
        return any(domain == d or domain.endswith("." + d) for d in self.domains)
