"""What the attorney approved before: document, thread, site, folder, series or topic -> matter.

Keys look like "doc:<normalised name>", "thread:<subject>", "site:<host>", "folder:<path>",
"series:<calendar summary>", "topic:<research query>". Approvals teach it through learn().
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from types import MappingProxyType

from ledgerwatch.domain import Evidence, TimeEntry
from ledgerwatch.sessionize.wordlists import MESSAGE_WORDS

KEY_KINDS: dict[str, str] = {
    "document": "doc",
    "email": "thread",
    "site": "site",
    "folder": "folder",
    "calendar": "series",
    "call": "series",
    "research": "topic",
}
"""evidence kind -> memory key prefix"""

_SPACES = re.compile(r"[^0-9a-z]+")


def normalise(text: str) -> str:
    """Lowercase words separated by single spaces: the form every memory key uses."""
    return _SPACES.sub(" ", text.lower()).strip()


_DMS_NUMBER = re.compile(
    r"(?:^|[\s(\[])(?:#\s?(\d{5,10})(?:\s?[vV]\.?\s?\d{1,3})?(?:<[A-Za-z0-9_]{1,12}>)?"  # #4400123v1, #4400123v1<NY>
    r"|(\d{5,10})(?:[._]|\s[vV]\.?\s?)\d{1,3}(?=\s|$|[-–—_)\]]|\.[A-Za-z]{3,4}$)"  # 4400123.1, 4400123_2, 4400123 v.2
    r"|[A-Za-z][A-Za-z0-9_]{0,15}(?:-[A-Za-z][A-Za-z0-9_]{0,15})?-#(\d{5,10})-[vV]\d{1,3}(?=[-_.\s]|$)"  # NY-#4400123-v1-
    r"|[A-Za-z]{2,12}\d{0,2}[_:/-]?(?:DOCS?\d{0,2})?[_:/-]?(\d{5,10})[_.-]\d{1,3}\b"  # ACTIVE_4400123_2, NYDOCS01/1234.1
    r"|(?:(?:ND|NetDocs)\s?)?#?(\d{4}-\d{4}-\d{4})(?:\s?v\.?\s?\d{1,3})?)"  # NetDocuments 4821-5532-1234 v.1, ND ...
)
"""a document-management number as iManage, NetDocuments, eDOCS and Worldox write it in a window's title or a file's
name; iManage names a document sent or saved outside the DMS by its library, number, version and description
("NY-#4400123-v1-Request_for_Production.docx")"""
_DIGIT_RUN = re.compile(r"\d{4}")
"""what every document-management number has (four digits in a row): most names have none, and this is the
quicker search"""
_VERSION_TAIL = re.compile(
    r"(?:[\s_-]{0,4}(?:\(|\[)?(?:v|ver|version|rev|revision)[\s._-]?\d{1,3}(?:\)|\])?"
    r"|[\s_-]{0,4}\(\d{1,2}\)"
    r"|[\s_-]{1,4}(?:final|clean|redline|blackline|draft|copy|signed|executed)(?:[\s_-]?\d{1,2})?)+$",
    re.IGNORECASE,
)
"""version marks at a name's end (" - v2", "_final", " (3)"); at most four separators before each, so a name of
a thousand dashes and underscores is not tried from every dash"""


def dms_number(name: str) -> str | None:
    """The document-management number in a document name (#4400123v1, 4400123.1, ACTIVE_4400123_2,
    4821-5532-1234 v.1), without its version: one document across all its versions."""
    found = _DMS_NUMBER.search(name) if _DIGIT_RUN.search(name) else None
    if found is None:
        return None
    return next(group for group in found.groups() if group)


def strip_dms(name: str) -> str:
    """A document name without its document-management numbers: what a narrative may show (a name may carry
    two: "33568.1 33568-0001 Remarks (4815-6569-2998 v.2)", a folder's and the document's)."""
    rest = name
    for _ in range(3):
        found = _DMS_NUMBER.search(rest) if _DIGIT_RUN.search(rest) else None
        if found is None:
            break
        after = rest[found.end() :]
        if found.group(0).lstrip()[:1] in "([":
            after = re.sub(r"^\s*[)\]]", "", after)
        after = re.sub(r"^\.[A-Za-z]{3,4}$", "", after)  # the file's extension, left alone by the number
        rest = re.sub(r"\s+", " ", (rest[: found.start()] + " " + after).strip(" -–—_#|:"))
    return rest or name


HABIT_APPROVALS = 5
"""approvals of a name for one matter after which it is recalled on any day, not only on a day its matter is
named (rules.approved_before): the hand-written transactional persona's "Disclosure Schedules", approved ten
times, was lost on the one day its deal was not otherwise on the screen; with three, the blind generator's
form names came back (estates +1.1 points of wrong); five keeps its gains"""

SITE_APPROVALS = 2
"""approvals (for one matter) before a site recalls it: a recipe page read for two minutes inside an
afternoon's drafting is approved with the draft, and recalling it would bill the next visit"""

DMS_KEY = "doc:dms "
"""how a document's memory key starts when it is known by its document-management number"""


def document_identity(name: str) -> str:
    """What stays the same across a document's versions: its DMS number, else its name without version
    marks (v2, (3), _final, redline)."""
    number = dms_number(name)
    if number is not None:
        return "dms " + number.replace("-", "")
    return normalise(_without_version(name.strip()) or name)


def _without_version(name: str) -> str:
    """name without its version marks; the search tries every position of the name, so first a look at its
    end, which most names fail, and then only at its last VERSION_TAIL_CHARACTERS (no version mark is longer,
    and a hostile name of a thousand "v1 " is not tried from each of them)."""
    last = name[-1:]
    if last.isdigit() or last in ")]" or name[-9:].lower().endswith(_TAIL_WORDS):
        cut = max(len(name) - VERSION_TAIL_CHARACTERS, 0)
        return name[:cut] + _VERSION_TAIL.sub("", name[cut:])
    return name


VERSION_TAIL_CHARACTERS = 48


_TAIL_WORDS = ("final", "clean", "redline", "blackline", "draft", "copy", "signed", "executed")
"""the words _VERSION_TAIL may end with"""


def memory_key(kind: str, label: str) -> str | None:
    """The memory key for one piece of evidence, or None when that kind is not remembered."""
    prefix = KEY_KINDS.get(kind)
    if prefix is None:
        return None
    if prefix == "site":
        text = label.strip().lower()
    elif prefix == "doc":
        text = document_identity(label)
    else:
        text = normalise(label)
    if not text:
        return None
    return f"{prefix}:{text}"


def distinctive(key: str) -> bool:
    """Whether a memory key names something specific enough to recall: a thread called 'comments', 'prior art',
    'next steps' or 'a few questions' recurs for every matter; one with a reference number, or with three words
    two of which are its own (not words any message uses, nor a claim's number and "amendments"), does not."""
    if key.startswith("thread:"):
        said = key.removeprefix("thread:").split()
        if any(_reference(word) for word in said):
            return True
        own = [word for word in said if word not in _EVERY_APPLICATION and not word.isdigit()]
        return len(said) >= 3 and _own_words(own) >= 2
    return True


_EVERY_APPLICATION = frozenset({"claim", "claims", "amendment", "amendments"})
"""words of threads every patent application has ("Claim 10 amendments"): one approved for an application is
recalled for another client's next week (ip-boutique development weeks, week two: wrong 2.68 -> 1.53 and
2.63 -> 1.79 in the two worst). Within the week such a thread still carries (see generic)."""


def _reference(word: str) -> bool:
    """Whether a word of a subject is a reference number (three digits or more: "invoice 2291", "440-2025-07764"),
    not a claim's or an exhibit's ("claim 1 amendments" is every patent application's thread)."""
    return sum(ch.isdigit() for ch in word) >= 3


@lru_cache(maxsize=4096)
def generic(key: str) -> bool:
    """Whether a key names nothing of its own: a thread whose every word any message uses ('follow up', 'signed
    copy', 'quick question'). Several clients' threads are called that in one week: it is no identity even
    there (a thread 'redline comments' is, for the week, though not for memory: see distinctive)."""
    return key.startswith("thread:") and _own_words(key.removeprefix("thread:").split()) == 0


def _own_words(said: list[str]) -> int:
    """How many of a subject's words are its own: not words any message uses (MESSAGE_WORDS)."""
    return sum(word not in MESSAGE_WORDS for word in said)


GLANCE_SECONDS = 30
"""evidence that named no matter of its own and was in front for less than this inside an approved entry is a
glance (an admin e-mail, a page, another client's file opened by mistake) and teaches nothing"""


def taught_keys(evidence: Iterable[Evidence], matters: Container[str | None]) -> tuple[str, ...]:
    """The memory keys approving evidence teaches: items that pointed to one of matters, or to none and were
    worked on for GLANCE_SECONDS at least, naming something specific."""
    return tuple(
        key
        for key in memory_keys(
            e for e in evidence if e.matter in matters and (e.matter is not None or e.seconds >= GLANCE_SECONDS)
        )
        if distinctive(key)
    )


def memory_keys(evidence: Iterable[Evidence]) -> tuple[str, ...]:
    """Memory keys of a draft's evidence, in order, without repeats."""
    keys: dict[str, None] = {}
    for item in evidence:
        key = memory_key(item.kind, item.label)
        if key is not None:
            keys.setdefault(key)
    return tuple(keys)


@dataclass(frozen=True, slots=True)
class Memory:
    """Approved associations: key -> {matter number: times approved}."""

    counts: Mapping[str, Mapping[str, int]] = field(default_factory=lambda: MappingProxyType({}))
    share: float = 0.75
    """a document-management number answers only when one matter holds at least this share of its approvals"""

    def lookup(self, key: str) -> str | None:
        """The matter approved for key: its only one. A name, thread, site or question the attorney approved on
        two matters is shared ("Expert report", a county clerk's docket site, a research question asked for
        each application) and answers nothing; a document-management number is one document, so a stray
        approval elsewhere is outvoted when one matter clearly dominates (share). A site answers only after
        SITE_APPROVALS approvals: a page glanced at inside other work is approved with it once."""
        seen = self.counts.get(key)
        if not seen:
            return None
        if len(seen) > 1 and not key.startswith(DMS_KEY):
            return None
        total = sum(seen.values())
        if key.startswith("site:") and total < SITE_APPROVALS:
            return None
        best = max(sorted(seen), key=lambda number: seen[number])
        return best if seen[best] >= self.share * total else None

    def recall(self, keys: Iterable[str], known: Container[str]) -> str | None:
        """The matter approved for the first of keys that has one, among the known matters."""
        return next(
            (m for m in map(self.lookup, filter(distinctive, keys)) if m is not None and m in known), None
        )

    def habit(self, keys: Iterable[str], matter: str) -> bool:
        """Whether one of keys was approved for matter at least HABIT_APPROVALS times: a habit, not a name the
        attorney happened to approve once (a form's name written for several clients)."""
        return any(self.counts.get(key, {}).get(matter, 0) >= HABIT_APPROVALS for key in keys)

    def __len__(self) -> int:
        return len(self.counts)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, str]]) -> Memory:
        """A memory from (key, matter) pairs, each counted once."""
        counts: dict[str, dict[str, int]] = {}
        for key, matter in pairs:
            bucket = counts.setdefault(key, {})
            bucket[matter] = bucket.get(matter, 0) + 1
        return cls(_frozen(counts))


def learn(memory: Memory | None, entry: TimeEntry) -> Memory:
    """The memory after the attorney approved entry: each of its evidence keys counts once more.

    Evidence that pointed to another matter on its own (a glance at another client's e-mail inside
    the block), or a generic thread, is not learned (taught_keys).
    """
    base = memory if memory is not None else Memory()
    if entry.matter is None:
        return base
    counts = {key: dict(value) for key, value in base.counts.items()}
    for key in taught_keys(entry.evidence, (None, entry.matter)):
        bucket = counts.setdefault(key, {})
        bucket[entry.matter] = bucket.get(entry.matter, 0) + 1
    return Memory(_frozen(counts), base.share)


def _frozen(counts: dict[str, dict[str, int]]) -> Mapping[str, Mapping[str, int]]:
    return MappingProxyType({key: MappingProxyType(dict(value)) for key, value in counts.items()})
