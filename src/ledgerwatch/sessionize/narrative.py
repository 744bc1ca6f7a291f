"""A draft's narrative: what was done, named from the evidence of its own matter only (never "review file")."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TypeVar

from ledgerwatch.domain import EntryKind, Matter
from ledgerwatch.domain.identifiers import ID_PARTS, bare_form
from ledgerwatch.sessionize.confidential import Confidences
from ledgerwatch.sessionize.reading import Role
from ledgerwatch.sessionize.tally import Item, Sums

_ATTENDANCE = re.compile(
    r"\b(?:deposition|depo|hearing|trial|mediation|oral argument|arraignment|sentencing|"
    r"(?:status|pretrial|pre-trial|settlement|case management) conference)\b",
    re.IGNORECASE,
)
"""calls and events that are attending a proceeding, not communicating (activity A109, not A106)"""
_PREPARING = re.compile(
    r"\b(?:prep|preparation|strategy|outline|brief|statement|summary|digest|notice|exhibits?|debrief)\b", re.IGNORECASE
)
"""what makes a call about a proceeding a conference, not attending it ("deposition prep", "mediation strategy")"""
_ATTEND_PREFIX = re.compile(
    r"^\s*(?:(?:hold|tentative|tbc)\s*[:-]\s*|\[(?:hold|tentative)\]\s*)?"
    r"(?:(?:attend(?:ance)?(?: at)?|appear(?:ance)? (?:at|for)|remote)\s*[:-]?\s*)?",
    re.I,
)
"""what an event's title puts before what was attended: "Attend", "Appearance at", a placeholder's "HOLD -" or
"Tentative:" (the narrative says "Attend" once, and not that the slot was held)"""
_CALL_WORDS = r"call|meeting|conference|zoom|teams call|video call"
"""the words an event or call window names itself a call by"""
_CALL_PREFIX = re.compile(rf"^\s*(?:{_CALL_WORDS})\s*(?:w/|with)\s+", re.I)
_CALL_ABOUT = re.compile(rf"^\s*(?:{_CALL_WORDS}|phone call)\s*(?:re\b:?|regarding|about|[-:])\s*", re.I)
"""a call's own word before what it is about ("Call re: next steps"): the narrative says "Conference re" once"""
_KIND_VERB = {
    "draft": "Draft and revise",
    "review": "Review and analyze",
    "email": "Review and respond to correspondence re",
    "research": "Legal research re",
    "docket": "Review docket and filings:",
    "call": "Conference",
    "chat": "Exchange messages with",
    "files": "Organize matter files:",
    "attend": "Attend",
    "travel": "Travel to and from",
    "web": "Review",
    "other": "Review",
}


def narrative(
    pieces: Sequence[Item],
    matter: Matter | None,
    kind: EntryKind,
    sums: Sums,
    confidences: Confidences | None = None,
) -> tuple[str, str]:
    """A billing narrative from the evidence, and the dominant task kind: only the matter's own facts (a
    name that carries another matter's facts is left out)."""
    if kind is EntryKind.PERSONAL:
        return "Personal time (not billable)", "other"
    by_kind, labels, tools = sums.by_kind, sums.labels, sums.tools
    total = sum(by_kind.values()) or 1.0
    ranked = by_rank(by_kind)
    dominant = ranked[0]
    if kind is EntryKind.UNASSIGNED:
        names = list(dict.fromkeys(_CALL_PREFIX.sub("", name) for name in _top(labels, ranked, 3)))
        names = names or _longest(pieces, 3)
        return ("No matter found: " + ", ".join(names)) if names else "No matter found", dominant
    if kind is EntryKind.NONBILLABLE:
        names = _top(labels, ranked, 3)
        return ("Firm administration: " + ", ".join(names)) if names else "Firm administration", dominant
    parts: list[str] = []
    for task in ranked:
        if task != dominant and by_kind[task] < max(0.15 * total, 240.0):
            continue
        if len(parts) == 3:
            break
        names = by_seconds(labels.get(task, {}))
        if confidences is not None and matter is not None:
            names = [
                name for name in names if not confidences.foreign(name, matter.number, sums.scored.get(name))
            ]
        places = by_seconds(tools.get(task, {}))
        if confidences is not None and matter is not None:
            places = [place for place in places if not confidences.foreign(place, matter.number)]
        if matter is not None:
            names = list(dict.fromkeys(_without_own_number(name, matter.number) for name in names))
        phrase = _phrase(task, names[:2], places[:2], matter)
        if phrase:
            parts.append(phrase)
    if not parts:
        subject = matter.description if matter is not None and matter.description else "matter"
        parts.append(f"{_KIND_VERB.get(dominant, 'Work')} {subject}")
    text = "; ".join(parts[:1] + [_lower_verb(p) for p in parts[1:]])
    if kind is EntryKind.AI_TOOL:
        text = f"{text} (generative-AI tool used)"
    return text, dominant


def _lower_verb(phrase: str) -> str:
    first, _, rest = phrase.partition(" ")
    if first in ("Draft", "Review", "Legal", "Organize", "Conference"):
        return f"{first.lower()} {rest}"
    return phrase


def _longest(pieces: Sequence[Item], count: int) -> list[str]:
    """The windows an undecided draft spent most time in, by their labels (a call with no event: its title),
    the inbox and unsaved windows only when nothing else is there."""
    named: dict[str, float] = {}
    plain: dict[str, float] = {}
    for item in pieces:
        reading = item.piece.reading
        if reading.label:
            bucket = plain if reading.role in (Role.NEUTRAL, Role.GENERIC) else named
            bucket[reading.label] = bucket.get(reading.label, 0.0) + item.seconds
    return by_seconds(named)[:count] or by_seconds(plain)[:count]


def _top(labels: dict[str, dict[str, float]], ranked: Sequence[str], count: int) -> list[str]:
    found: list[str] = []
    for task in ranked:
        for name in by_seconds(labels.get(task, {})):
            if name not in found:
                found.append(name)
    return found[:count]


def _phrase(task: str, names: Sequence[str], tools: Sequence[str], matter: Matter | None) -> str:
    short = [_shorten(n) for n in names]
    subject = " and ".join(short)
    fallback = matter.description if matter is not None and matter.description else ""
    if task == "attend":
        what = _ATTEND_PREFIX.sub("", subject) or fallback
        # the place, unless the event's own title already says it ("Mediation - Smith v. Acme (JAMS)" at JAMS)
        where = f" ({tools[0]})" if tools and tools[0].lower() not in what.lower() else ""
        return f"Attend {what}{where}"
    if task == "travel":
        return f"Travel to and from {_ATTEND_PREFIX.sub('', subject) or fallback}"
    if task == "call":
        tool = tools[0] if tools else "telephone"
        # what the calls were about (their events, their titles) before whom they were with
        topics = [name for name in short if not _CALL_PREFIX.match(name)]
        if topics and len(topics) < len(short):
            subject = " and ".join(topics)
        about = _CALL_PREFIX.sub("", subject).strip(" :-") if subject else fallback
        about = _CALL_ABOUT.sub("", about) or about
        if subject and _ATTENDANCE.search(subject) and not _PREPARING.search(subject):
            return f"Attend {_ATTEND_PREFIX.sub('', about)} (remotely, {tool})"
        if subject and _CALL_PREFIX.match(subject):
            return f"Conference ({tool}) with {about}"
        return f"Conference ({tool}) re {about}" if about else f"Conference ({tool})"
    if task == "chat":
        where = f" ({tools[0]})" if tools else ""
        if subject.startswith("#"):  # a channel, not a person
            return f"Exchange messages{where} in {subject}"
        return f"Exchange messages{where} with {subject}" if subject else ""
    if task == "research":
        where = f" ({', '.join(tools)})" if tools else ""
        about = subject or fallback
        return f"Legal research re {about}{where}" if about else ""
    if task == "email":
        about = subject or fallback
        return f"Review and respond to correspondence re {about}" if about else ""
    if task == "docket":
        return f"Review docket and filings ({subject})" if subject else "Review docket and recent filings"
    if task == "files":
        return f"Organize and review matter files ({subject})" if subject else ""
    if task in ("draft", "review"):
        verb = _KIND_VERB[task]
        if subject:
            return f"{verb} {subject}"
        return f"{verb} working draft re {fallback}" if fallback else ""
    # the service one page is on: "Review Project Orchard (Datasite)"
    where = f" ({tools[0]})" if task == "web" and len(tools) == 1 and len(names) == 1 else ""
    return f"Review {subject}{where}" if subject else ""


_SPACE_RUNS = re.compile(r"\s+")
_LEADING_TOKENS = (
    re.compile(r"^\s*([^\s]+)(?:\s+-\s+|\s+)(?=\S)"),
    re.compile(r"^\s*([^\s]+\s+\d+)(?:\s+-\s+|\s+)(?=\S)"),
)
"""a leading number of one token ("M8645001 Remarks") or of two, its digits apart ("M8637 001 Interview")"""
_JOINING = frozenset(
    (
        "a", "an", "and", "or", "the", "of", "to", "in", "into", "on", "at", "by", "for", "from", "with", "over",
        "under", "per", "via", "about", "re", "v", "vs", "versus", "as", "is", "was", "were", "are", "be",
    )
)  # fmt: skip
"""words that join a phrase to what comes before it ("P2024-336-US as filed", "1001-02 re motion"): after a
number, they say the number is what is named. Not the matching's stop words, which hold the words documents are
named by ("RAI-069USC1 Draft Specification" kept its own number in front of "Draft")"""


@lru_cache(maxsize=4096)
def _without_own_number(name: str, number: str) -> str:
    """name without the entry's own matter number in front of it: a DMS or a firm's file-naming convention puts
    the client-matter number before the name ("ACTIVE_5174055_1 636-Vega Vega v. Sparrow Clinics - Answer",
    "00611-Mariner Mariner Markets Employee Handbook", "00531 Declaration of ...", "M8645001 Remarks" of
    M8645-001), and the entry already says whose matter it is."""
    own = ID_PARTS.findall(number.casefold())
    digits = own
    while digits and not digits[-1].isdigit():
        digits = digits[:-1]  # "00531" of "00531-Ortiz": the number without the client's name after it
    if not digits:
        return name
    # group by group without leading zeros ("COMET.1" of "COMET.0001"), or as written without separators
    # ("M8645001" of "M8645-001"); never the groups run together without their zeros ("10012" is no 1001-02)
    forms = {_groups(own), _groups(digits), "".join(own), "".join(digits)}
    for leading in _LEADING_TOKENS:
        found = leading.match(name)
        if found is None:
            continue
        rest = name[found.end() :]
        if rest.split(maxsplit=1)[0].lower().strip(":,.;") in _JOINING:
            return name  # the number begins a phrase ("P2024-336-US as filed"): without it nothing is named
        parts = ID_PARTS.findall(found.group(1).casefold())
        if _groups(parts) in forms or "".join(parts) in forms:
            return rest  # a number, not a name
    return name


def _groups(parts: list[str]) -> str:
    """An identifier's groups each in its bare form (domain.identifiers.bare_form), their boundaries kept."""
    return "|".join(bare_form((part,)) for part in parts)


@lru_cache(maxsize=4096)
def _shorten(name: str, limit: int = 80) -> str:
    """name on one line, cut at limit characters (cached: the same documents and threads recur)."""
    name = _SPACE_RUNS.sub(" ", name).strip()
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "…"


def question(candidates: Sequence[str], matters: Mapping[str, Matter]) -> str:
    """'Kestrel Logistics: 2024-0137 or 2025-0021?': which of a client's matters, asked in one line."""
    clients = {matters[number].client.name for number in candidates if number in matters}
    who = f"{clients.pop()}: " if len(clients) == 1 else ""
    options = list(candidates)
    listed = " or ".join(options) if len(options) <= 2 else ", ".join(options[:-1]) + f" or {options[-1]}"
    return f"{who}{listed}?"


_Key = TypeVar("_Key", str, tuple[str, str])


def by_rank(seconds: Mapping[_Key, float]) -> list[_Key]:
    """Keys by seconds, most first; ties in key order (a stable sort by seconds over the sorted keys)."""
    keys = sorted(seconds)
    keys.sort(key=seconds.__getitem__, reverse=True)  # reverse keeps a sort stable: ties stay in key order
    return keys


def by_seconds(seconds: Mapping[str, float]) -> list[str]:
    """Keys by seconds, most first; ties in the mapping's own order."""
    return sorted(seconds, key=seconds.__getitem__, reverse=True)
