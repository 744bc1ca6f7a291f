"""On-device learning: a small naive Bayes model of which matter a block belongs to, from approved entries.

The attorney's approvals and corrections are the training data: each approved entry's evidence
(document names, threads, research topics, sites, folders, calendar summaries) with the matter the
attorney finally chose. Features are the words of those labels (and word pairs), the site, the
evidence kind with each word, the time of day and the matters of the neighbouring entries.

It is consulted only for blocks the rules leave weak or ambiguous, and only above a confidence;
strong evidence and memory always come first. Everything is deterministic and the whole model is
plain JSON (export, import, reset).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from itertools import pairwise
from types import MappingProxyType
from typing import TypeVar

from ledgerwatch.domain import EntryKind, EntryStatus, TimeEntry

FORMAT = 1
MIN_SECONDS = 20
"""evidence seen for less than this inside an approved entry teaches nothing"""
FULL_WEIGHT_SECONDS = 300.0
"""evidence seen this long inside an approved entry counts fully; shorter glances count in proportion"""
_WORDS = re.compile(r"[0-9a-z]+")
_NOISE = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "at",
        "by",
        "with",
        "from",
        "re",
        "fw",
        "fwd",
        "v",
        "vs",
        "pdf",
        "docx",
        "doc",
        "xlsx",
        "page",
        "of",
        "draft",
        "final",
        "copy",
        "new",
        "mail",
        "inbox",
        "message",
        "google",
        "chrome",
        "safari",
        "firefox",
        "microsoft",
        "word",
        "excel",
    ]
)
"""words that say nothing about a matter"""

LEARNED_KINDS = frozenset({"document", "email", "research", "site", "folder", "calendar"})
"""evidence kinds whose label names the work (a bare call app or a personal site teaches nothing)"""

CONTENT = ("w:", "p:", "site:")
"""features from what the evidence says (the others only lean: time of day, neighbours)"""
WEIGHTS = {"hour": 0.25, "near": 0.5}
"""how much a non-content feature counts in the score"""


def _hour_bucket(hour: int) -> str:
    return "early" if hour < 10 else "midday" if hour < 14 else "late"


def features(
    kind: str, label: str, hour: int | None = None, neighbours: Iterable[str] = ()
) -> tuple[str, ...]:
    """The features of one piece of evidence: its words and word pairs (or site), time of day, neighbours."""
    if kind not in LEARNED_KINDS:
        return ()
    found: dict[str, None] = {}
    if kind == "site":
        host = label.strip().lower()
        if host:
            found[f"site:{host}"] = None
    else:
        tokens = [
            w for w in _WORDS.findall(label.lower()) if len(w) >= 2 and w not in _NOISE and not w.isdigit()
        ]
        for word in tokens:
            found[f"w:{word}"] = None
        for first, second in pairwise(tokens):
            found[f"p:{first} {second}"] = None
    if not found:
        return ()
    if hour is not None:
        found[f"hour:{_hour_bucket(hour)}"] = None
    for matter in neighbours:
        found[f"near:{matter}"] = None
    return tuple(found)


def describe_feature(feature: str) -> str:
    """A feature as the attorney reads it: "tokens 'privilege log'", "site relativity.com"."""
    prefix, _, value = feature.partition(":")
    if prefix in ("w", "p"):
        return f"'{value}'"
    if prefix == "site":
        return f"site {value}"
    if prefix == "near":
        return f"next to work on {value}"
    if prefix == "hour":
        return f"{value} in the day"
    return f"{prefix} '{value}'"


@dataclass(frozen=True, slots=True)
class Prediction:
    """The model's matter for a block, how sure it is, and why (a sentence the attorney can read)."""

    matter: str
    confidence: float
    reason: str


@dataclass(frozen=True, slots=True)
class Model:
    """Multinomial naive Bayes over evidence features, with per-feature approval counts for reasons."""

    counts: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: MappingProxyType({}))
    """matter -> feature -> weight seen in approved entries"""
    approvals: Mapping[str, int] = field(default_factory=lambda: MappingProxyType({}))
    """matter -> approved entries learned from"""
    support: Mapping[str, Mapping[str, int]] = field(default_factory=lambda: MappingProxyType({}))
    """feature -> matter -> approved entries in which it was seen"""
    alpha: float = 0.2
    """additive smoothing"""

    def __len__(self) -> int:
        return sum(self.approvals.values())

    @property
    def matters(self) -> tuple[str, ...]:
        return tuple(sorted(self.counts))

    def predict(self, block: Sequence[str], among: Sequence[str] = ()) -> Prediction | None:
        """The most likely matter for a block's features (restricted to among when given), or None.

        None unless most of the block's words were seen in approved entries (at least two of them, or
        a known word pair or site) and at least two thirds of those were seen with the chosen matter:
        one familiar word ("brief", "letter") proves nothing, and words of two matters decide nothing.
        """
        classes = [m for m in (among or self.matters) if m in self.counts]
        block = tuple(dict.fromkeys(block))
        words = [f for f in block if f.startswith("w:")]
        known_words = [f for f in words if f in self.support]
        known = [f for f in block if f.startswith(CONTENT) and f in self.support]
        if not classes or not known:
            return None
        specific = any(f.startswith(("p:", "site:")) for f in known)
        if words and (2 * len(known_words) < len(words) or (len(known_words) < 2 and not specific)):
            return None
        used = [f for f in block if f in self.support]
        vocabulary = len(self.support)
        total_approvals = sum(self.approvals[m] for m in classes)
        scores: dict[str, float] = {}
        for matter in classes:
            seen = self.counts[matter]
            denominator = math.log(sum(seen.values()) + self.alpha * vocabulary)
            score = math.log(self.approvals[matter] / total_approvals)
            for feature in used:
                weight = WEIGHTS.get(feature.partition(":")[0], 1.0)
                score += weight * (math.log(seen.get(feature, 0.0) + self.alpha) - denominator)
            scores[matter] = score
        ranked = sorted(classes, key=lambda m: (-scores[m], m))
        best = ranked[0]
        top = scores[best]
        confidence = 1.0 / sum(math.exp(scores[m] - top) for m in ranked)
        agreeing = sum(1 for f in known if self.support[f].get(best, 0))
        if 3 * agreeing < 2 * len(known):
            return None  # the familiar words point to different matters
        return Prediction(best, confidence, self._reason(best, ranked[1] if len(ranked) > 1 else None, known))

    def _reason(self, matter: str, runner: str | None, known: Sequence[str]) -> str:
        """The features that speak most for matter (against the runner-up), in words."""
        mine = self.counts[matter]
        theirs = self.counts.get(runner, {}) if runner else {}
        mass = sum(mine.values()) or 1.0
        other_mass = sum(theirs.values()) or 1.0

        def lift(feature: str) -> float:
            return math.log((mine.get(feature, 0.0) + self.alpha) / mass) - math.log(
                (theirs.get(feature, 0.0) + self.alpha) / other_mass
            )

        strong = sorted((f for f in known if mine.get(f, 0.0) > 0), key=lambda f: (-lift(f), f))
        shown: list[str] = []
        texts: list[str] = []
        for feature in strong:
            text = describe_feature(feature.replace("p:", "w:", 1) if feature.startswith("p:") else feature)
            if text in texts or any(text.strip("'") in t for t in texts):
                continue
            shown.append(feature)
            texts.append(text)
            if len(shown) == 3:
                break
        approvals = max((self.support[f].get(matter, 0) for f in shown), default=0)
        plural = "approval" if approvals == 1 else "approvals"
        return f"learned from {approvals} {plural}: {', '.join(texts)}"

    # --- serialisation ---

    def to_json(self) -> str:
        """The model as JSON (stable: sorted keys), for export and storage."""
        return json.dumps(
            {
                "format": FORMAT,
                "alpha": self.alpha,
                "approvals": dict(self.approvals),
                "counts": {m: dict(c) for m, c in self.counts.items()},
                "support": {f: dict(s) for f, s in self.support.items()},
            },
            sort_keys=True,
            separators=(",", ":"),
        )

    @classmethod
    def from_json(cls, text: str | None) -> Model:
        """A model from to_json's output; an empty model for None or an empty string."""
        if not text:
            return cls()
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a learned model (not a JSON object)")
        if data.get("format") != FORMAT:
            raise ValueError(f"unknown learned-model format {data.get('format')!r}")
        try:
            return cls(
                _frozen({m: {f: float(v) for f, v in c.items()} for m, c in data["counts"].items()}),
                MappingProxyType({m: int(n) for m, n in data["approvals"].items()}),
                _frozen({f: {m: int(n) for m, n in s.items()} for f, s in data["support"].items()}),
                float(data.get("alpha", 0.2)),
            )
        except (AttributeError, KeyError, TypeError) as exc:
            raise ValueError("not a learned model: counts, approvals and support must be objects") from exc

    def summary(self) -> list[tuple[str, int, tuple[str, ...]]]:
        """Per matter: approvals learned from and its most telling words (for `learn status`)."""
        rows = []
        for matter in self.matters:
            seen = self.counts[matter]
            words = sorted((f for f in seen if f.startswith(("w:", "site:"))), key=lambda f: (-seen[f], f))[
                :5
            ]
            rows.append((matter, self.approvals.get(matter, 0), tuple(describe_feature(f) for f in words)))
        return rows


@dataclass(frozen=True, slots=True)
class Learner:
    """Trains a Model from approved (or synced) entries: their evidence and their final matter."""

    tz: tzinfo = UTC
    """the attorney's zone, for the time-of-day feature"""

    def examples(self, entries: Sequence[TimeEntry]) -> list[tuple[str, list[tuple[tuple[str, ...], float]]]]:
        """Per approved billable entry: its matter and (features, weight) of each evidence item agreeing with it.

        A glance of a few seconds inside an entry is often another matter's: it weighs little.
        """
        reviewed = [
            e
            for e in entries
            if e.status in (EntryStatus.APPROVED, EntryStatus.SYNCED)
            and e.matter is not None
            and e.kind in (EntryKind.BILLABLE, EntryKind.AI_TOOL)
            and e.spans
        ]
        by_day: dict[object, list[TimeEntry]] = {}
        for entry in sorted(reviewed, key=lambda e: (e.date, e.spans[0].start, e.id)):
            by_day.setdefault(entry.date, []).append(entry)
        found: list[tuple[str, list[tuple[tuple[str, ...], float]]]] = []
        for day_entries in by_day.values():
            for position, entry in enumerate(day_entries):
                assert entry.matter is not None
                around = [
                    day_entries[i].matter for i in (position - 1, position + 1) if 0 <= i < len(day_entries)
                ]
                neighbours = sorted({m for m in around if m and m != entry.matter})
                hour = entry.spans[0].start.astimezone(self.tz).hour
                blocks = [
                    (block, min(1.0, item.seconds / FULL_WEIGHT_SECONDS))
                    for item in entry.evidence
                    if item.matter in (None, entry.matter) and item.seconds >= MIN_SECONDS
                    for block in (features(item.kind, item.label, hour, neighbours),)
                    if block
                ]
                if blocks:
                    found.append((entry.matter, blocks))
        return found

    def train(self, entries: Sequence[TimeEntry], base: Model | None = None) -> Model:
        """A model from approved entries (added to base, if given)."""
        counts = {m: dict(c) for m, c in (base.counts.items() if base else ())}
        approvals = dict(base.approvals) if base else {}
        support = {f: dict(s) for f, s in (base.support.items() if base else ())}
        for matter, blocks in self.examples(entries):
            bucket = counts.setdefault(matter, {})
            approvals[matter] = approvals.get(matter, 0) + 1
            for block, weight in blocks:
                for feature in block:
                    bucket[feature] = bucket.get(feature, 0.0) + weight
            for feature in sorted({f for block, weight in blocks if weight >= 0.5 for f in block}):
                row = support.setdefault(feature, {})
                row[matter] = row.get(matter, 0) + 1
        return Model(
            _frozen(counts),
            MappingProxyType(dict(sorted(approvals.items()))),
            _frozen(support),
            base.alpha if base else 0.2,
        )


_V = TypeVar("_V", int, float)


def _frozen(data: Mapping[str, Mapping[str, _V]]) -> Mapping[str, Mapping[str, _V]]:
    return MappingProxyType({k: MappingProxyType(dict(v)) for k, v in sorted(data.items())})
