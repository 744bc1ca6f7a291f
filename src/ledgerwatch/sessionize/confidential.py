"""A narrative names only its own matter's facts (Model Rule 1.6, invariant 9).

A name (a document, a thread, a call, a research topic) that carries evidence of another matter which its
own matter does not share (another client's name, a party, a claim or docket number, a contact, a
keyword) never reaches that matter's narrative.
"""

from __future__ import annotations

from ledgerwatch.sessionize.matching import COMMON_WORDS, ENTITY_WORDS, STOP_WORDS, MatterIndex, words

FOREIGN_KINDS = frozenset(
    {"number", "docket", "identifier", "caption", "keyword", "client", "alias", "contact", "domain", "client-id"}
)
"""evidence that identifies a matter or its client (one word of a description does not)"""


class Confidences:
    """Tells, for a matter, which texts name another matter's facts (cached: names recur all week)."""

    def __init__(self, index: MatterIndex) -> None:
        self.index = index
        self.position = {matter.number: i for i, matter in enumerate(index.matters)}
        self._cache: dict[tuple[str, str | None], bool] = {}

    def foreign(self, text: str, matter: str | None) -> bool:
        """Whether text names a fact of a matter other than matter that matter does not share."""
        key = (text, matter)
        found = self._cache.get(key)
        if found is None:
            if len(self._cache) > 50_000:
                self._cache.clear()
            found = self._cache[key] = self._foreign(text, matter)
        return found

    def _foreign(self, text: str, matter: str | None) -> bool:
        scores = self.index.score(text)
        if not scores.reasons:
            return False
        own = self.position.get(matter) if matter is not None else None
        shared = {(kind, value.lower()) for index, kind, value in scores.reasons if index == own}
        for index, kind, value in scores.reasons:
            if index == own or kind not in FOREIGN_KINDS:
                continue
            if (kind, value.lower()) in shared:
                continue
            if self._clients_own_name(index, own, kind, value):
                continue
            if kind in ("client", "keyword", "alias") and not _telling(value, text):
                continue
            return True
        return False

    def _clients_own_name(self, index: int, own: int | None, kind: str, value: str) -> bool:
        """The client's own name, however a sibling matter lists it (as the client or as a keyword)."""
        if own is None or self.index.matters[index].client != self.index.matters[own].client:
            return False
        return kind == "client" or set(words(value)) <= self.index.client_words[own]


_PLAIN = COMMON_WORDS | ENTITY_WORDS | STOP_WORDS


def _telling(name: str, text: str) -> bool:
    """Whether text holds a word of name that tells who it is (not "blue", "license" or "group")."""
    telling = {w for w in words(name) if w not in _PLAIN and len(w) >= 3}
    return bool(telling & set(words(text)))
