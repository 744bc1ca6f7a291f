"""UTBMS codes for a draft: the activity code of its dominant task kind, the task code its narrative names."""

from __future__ import annotations

import re
from functools import lru_cache

ACTIVITY = {
    "draft": "A103",
    "review": "A104",
    "email": "A106",
    "research": "A102",
    "docket": "A104",
    "call": "A106",
    "chat": "A106",
    "files": "A110",
    "attend": "A109",
    "travel": "A111",
    "web": "A104",
    "other": "A111",
}
_TASK_RULES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("attend hearing", "attend trial", "attend oral argument", "attend motion hearing"), "L450"),
    (("attend deposition", "attend remote deposition", "attend depo"), "L330"),
    (("attend mediation", "attend settlement conference"), "L160"),
    (("attend status conference", "attend case management", "attend pretrial", "attend pre-trial"), "L230"),
    (("appeal", "appellate", "notice of appeal"), "L520"),
    (("trial", "jury", "witness list", "exhibit list", "voir dire", "motion in limine"), "L440"),
    (("motion to compel", "discovery motion", "protective order"), "L350"),
    (("deposition", "depo ", "transcript"), "L330"),
    (("expert",), "L340"),
    (
        (
            "interrogator",
            "request for production",
            "requests for production",
            "requests for admission",
            "rfp",
            "subpoena",
            "discovery",
            "privilege log",
            "production",
        ),
        "L310",
    ),
    (("motion to dismiss", "summary judgment", "msj", "dispositive", "12(b)"), "L240"),
    (("motion", "brief", "opposition", "reply", "memorandum of points"), "L250"),
    (("complaint", "answer", "counterclaim", "cross-claim", "pleading", "amended"), "L210"),
    (("settlement", "mediation", "demand letter", "demand", "release", "adr"), "L160"),
    (("case management", "scheduling conference", "status conference", "rule 26"), "L230"),
    (
        (
            "medical records",
            "police report",
            "investigation",
            "driver log",
            "witness statement",
            "records",
            "photos",
            "incident",
        ),
        "L110",
    ),
    (("docket", "dkt", "cm/ecf", "pacer", "filing"), "L190"),
)


_ATTENDED: tuple[tuple[tuple[str, ...], str], ...] = (
    (("appeal", "appellate"), "L520"),
    (("deposition", "depo"), "L330"),
    (("mediation", "settlement conference", "arbitration"), "L160"),
    (("status conference", "case management", "pretrial", "pre trial", "scheduling conference", "rule 16"), "L230"),
    (("motion to compel", "discovery", "protective order", "sanctions"), "L350"),
    (("summary judgment", "msj", "motion to dismiss", "dispositive"), "L240"),
    (("motion", "oral argument"), "L250"),
    (("hearing", "trial", "arraignment", "sentencing"), "L450"),
)
"""an attended event's task by what it was, in this order: arguing a motion is the motion's phase (UTBMS: "...
preparing and arguing" discovery, dispositive and other motions), a hearing or trial otherwise L450"""

_NOT_TASK_TEXT = re.compile(r"[^0-9a-z()/]+")


def _needles_by_word() -> dict[str, tuple[tuple[int, str], ...]]:
    """First word of each rule's phrases -> (rule position, phrase padded with spaces)."""
    found: dict[str, list[tuple[int, str]]] = {}
    for position, (needles, _code) in enumerate(_TASK_RULES):
        for needle in needles:
            words = needle.split()
            found.setdefault(words[0], []).append((position, f" {' '.join(words)} "))
    return {word: tuple(entries) for word, entries in found.items()}


_TASK_BY_WORD = _needles_by_word()
"""a phrase can only be in a narrative whose words include its first word: only those are tried"""


@lru_cache(maxsize=4096)
def task_code(description: str, dominant: str) -> str:
    """The UTBMS task code a narrative names: the first rule with a phrase in it (cached: narratives recur)."""
    lowered = f" {_NOT_TASK_TEXT.sub(' ', description.lower())} "
    if lowered.startswith(" attend "):
        # what was attended, wherever the event's title names it ("Attend Kestrel v. Harbor - oral argument")
        for words, code in _ATTENDED:
            if any(f" {word} " in lowered for word in words):
                return code
    best = len(_TASK_RULES)
    for word in set(lowered.split()):
        for position, needle in _TASK_BY_WORD.get(word, ()):
            if position < best and needle in lowered:
                best = position
    if best < len(_TASK_RULES):
        return _TASK_RULES[best][1]
    if dominant in ("research", "call", "chat", "email"):
        return "L120"
    return "L190"
