"""What the attorney approved before: document, thread, site, folder, series or topic -> matter.

Keys look like "doc:<normalised name>", "thread:<subject>", "site:<host>", "folder:<path>",
"series:<calendar summary>", "topic:<research query>". Approvals teach it through learn().
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from ledgerwatch.domain import Evidence, TimeEntry

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


def memory_key(kind: str, label: str) -> str | None:
    """The memory key for one piece of evidence, or None when that kind is not remembered."""
    prefix = KEY_KINDS.get(kind)
    text = label.strip().lower() if prefix == "site" else normalise(label)
    if prefix is None or not text:
        return None
    return f"{prefix}:{text}"


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
    """a key answers only when one matter holds at least this share of its approvals"""

    def lookup(self, key: str) -> str | None:
        """The matter approved for key, if one matter clearly dominates."""
        seen = self.counts.get(key)
        if not seen:
            return None
        total = sum(seen.values())
        best = max(sorted(seen), key=lambda number: seen[number])
        return best if seen[best] >= self.share * total else None

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
    the block) is not learned.
    """
    base = memory if memory is not None else Memory()
    if entry.matter is None:
        return base
    counts = {key: dict(value) for key, value in base.counts.items()}
    agreeing = [item for item in entry.evidence if item.matter in (None, entry.matter)]
    for key in memory_keys(agreeing):
        bucket = counts.setdefault(key, {})
        bucket[entry.matter] = bucket.get(entry.matter, 0) + 1
    return Memory(_frozen(counts), base.share)


def _frozen(counts: dict[str, dict[str, int]]) -> Mapping[str, Mapping[str, int]]:
    return MappingProxyType({key: MappingProxyType(dict(value)) for key, value in counts.items()})
