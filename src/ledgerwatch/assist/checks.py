"""Answers checked before they touch a draft: each check gives the reason an answer is refused, or None.

- A suggested matter must be one the request offered (an open matter of a client that may be asked about),
  asked with enough confidence; for time the rules attributed, it must be a matter some of the block's
  evidence names (or one the rules found close), and the contradiction is said on the draft. Time with no
  matter takes any offered matter.
- A rewritten narrative may not bring in anything the entry's own texts (its evidence, its rule narrative,
  its matter) do not hold: another matter's facts, a number (hours among them), a name, a placeholder.
- Suggested codes must be UTBMS codes of the right kind.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ledgerwatch.assist.answers import SuggestCodes, SuggestMatter
from ledgerwatch.assist.codes import ACTIVITY_CODES, TASK_CODES
from ledgerwatch.assist.redact import has_placeholder
from ledgerwatch.assist.screen import Screen, words
from ledgerwatch.domain import Matter, TimeEntry

STRONG_SHARE = 0.5
"""the share of a block's evidence seconds naming the rules' matter that the model may not overturn alone"""
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_HOURS_IN_WORDS = re.compile(
    r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|half|several)\s+(?:an?\s+)?hours?\b",
    re.IGNORECASE,
)
_WORDLIKE = re.compile(r"[^\W\d_][\w'-]*")
PLAIN_CAPITALS = frozenset(
    [
        "court",
        "judge",
        "clerk",
        "counsel",
        "client",
        "clients",
        "plaintiff",
        "plaintiffs",
        "defendant",
        "defendants",
        "party",
        "parties",
        "motion",
        "brief",
        "complaint",
        "answer",
        "order",
        "rule",
        "rules",
        "section",
        "article",
        "exhibit",
        "schedule",
        "appendix",
        "agreement",
        "amendment",
        "contract",
        "lease",
        "license",
        "letter",
        "memo",
        "memorandum",
        "notice",
        "petition",
        "reply",
        "opposition",
        "discovery",
        "deposition",
        "hearing",
        "trial",
        "mediation",
        "settlement",
        "arbitration",
        "appeal",
        "board",
        "committee",
        "company",
        "firm",
        "office",
        "state",
        "federal",
        "district",
        "county",
        "city",
        "bankruptcy",
        "tax",
        "estate",
        "trust",
        "will",
        "llc",
        "inc",
        "corp",
        "ltd",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "zoom",
        "teams",
        "webex",
        "outlook",
        "word",
        "excel",
        "powerpoint",
        "acrobat",
        "westlaw",
        "lexis",
        "pacer",
        "uspto",
        "ecf",
        "nda",
        "llc",
        "usa",
        "email",
        "e-mail",
        "ai",
        "draft",
        "drafts",
        "review",
        "reviewed",
        "revised",
        "prepared",
        "drafted",
        "conferred",
        "attended",
        "analyzed",
        "research",
        "researched",
        "telephone",
        "conference",
        "call",
        "calls",
        "correspondence",
    ]
)
"""capitalised words a narrative may use without its evidence naming them"""


@dataclass(frozen=True, slots=True)
class MatterVerdict:
    refused: str | None
    caveat: str | None = None
    """said on the draft when the suggestion goes against some of the rules' evidence"""


def check_matter(
    answer: SuggestMatter, draft: TimeEntry, offered: Mapping[str, Matter], accept: float
) -> MatterVerdict:
    """Whether a suggested matter may replace the rules' one."""
    if answer.matter is None:
        return MatterVerdict("declined: no candidate fits")
    if answer.matter not in offered:
        return MatterVerdict(f"suggested {answer.matter!r}, which was not offered")
    if answer.confidence < accept:
        return MatterVerdict(f"too unsure ({answer.confidence:.2f} < {accept:.2f})")
    if draft.candidates and answer.matter not in draft.candidates:
        return MatterVerdict(f"the rules found the evidence close between {', '.join(draft.candidates)} only")
    if draft.matter is None or answer.matter == draft.matter:
        return MatterVerdict(None)
    total = sum(e.seconds for e in draft.evidence) or 1
    rules = sum(e.seconds for e in draft.evidence if e.matter == draft.matter) / total
    named = any(e.matter == answer.matter for e in draft.evidence) or answer.matter in draft.candidates
    if not named:
        return MatterVerdict(
            f"contradicts the rules' evidence: nothing in the block names {answer.matter}, "
            f"{rules:.0%} names {draft.matter}"
        )
    if rules >= STRONG_SHARE and not named:
        return MatterVerdict(
            f"contradicts the rules' evidence: {rules:.0%} of the block names {draft.matter}, none {answer.matter}"
        )
    if rules > 0:
        return MatterVerdict(None, f"the rules chose {draft.matter} ({rules:.0%} of the evidence names it)")
    return MatterVerdict(None)


def check_narrative(text: str, own: Iterable[str], others: Screen) -> str | None:
    """Why a rewritten narrative may not replace the rules' one, or None."""
    if not text.strip():
        return "empty narrative"
    if has_placeholder(text):
        return "left a redaction placeholder"
    own_text = " \n ".join(own)
    own_words = set(words(own_text))
    foreign = [fact for fact in others.finds(text) if not set(words(fact)) <= own_words]
    if foreign:
        return f"names another matter's facts ({foreign[0]!r})"
    own_numbers = {_number(n) for n in _NUMBER.findall(own_text)}
    new = [n for n in _NUMBER.findall(text) if _number(n) not in own_numbers]
    if new:
        return f"introduces a number absent from the evidence ({new[0]!r})"
    hours = _HOURS_IN_WORDS.search(text)
    if hours and hours.group(0).casefold() not in own_text.casefold():
        return f"states hours ({hours.group(0)!r})"
    for word in _names(text):
        if not set(words(word)) <= own_words and word.casefold() not in PLAIN_CAPITALS:
            return f"introduces a name absent from the evidence ({word!r})"
    return None


def _names(text: str) -> list[str]:
    """Capitalised words of three letters or more that do not begin a sentence."""
    found = []
    for match in _WORDLIKE.finditer(text):
        word = match.group(0)
        if len(word) < 3 or not word[0].isupper():
            continue
        before = text[: match.start()].rstrip()
        if before and before[-1] not in ".!?:;":
            found.append(word)
    return found


def _number(text: str) -> str:
    return re.sub(r"[.,]0+$", "", text.replace(",", "")).lstrip("0") or "0"


def check_codes(answer: SuggestCodes) -> str | None:
    if answer.task_code is not None and answer.task_code.upper() not in TASK_CODES:
        return f"{answer.task_code!r} is not a UTBMS task code"
    if answer.activity_code is not None and answer.activity_code.upper() not in ACTIVITY_CODES:
        return f"{answer.activity_code!r} is not a UTBMS activity code"
    if answer.task_code is None and answer.activity_code is None:
        return "declined: no code fits"
    return None
