"""Texts made ready for a request: whole first, then redacted, then screened, and only then cut.

The rules' narrative names documents and threads cut to a length with "…"; a pattern cut in half (12 of 16
card digits, `anita.patel@patelhome…`) no longer looks like what it is. So each cut name is put back whole
from the evidence it came from before anything else; a cut that matches no evidence loses its last words
when they hold digits or an address. Titles that read like instructions to a model are data: they are
withheld from the request, never passed on as text the model might obey.
"""

from __future__ import annotations

import re

ELLIPSIS = "…"
_TOKEN_BEFORE_CUT = re.compile(r"\S*$")
_RISKY = re.compile(r"[\d@]")
_SPACE = re.compile(r"\s+")
INSTRUCTION_WITHHELD = "[instruction-like text withheld]"
_INSTRUCTIONS = re.compile(
    r"\b(?:ignore|disregard|forget|override)\b.{0,40}\b(?:instructions?|prompts?|rules?|above|previous|prior)\b"
    r"|\b(?:system|developer)\s*(?:prompt|message|instructions?)\b"
    r"|^\s*(?:system|assistant|user)\s*:"
    r"|\byou\s+(?:are|must|should|will)\s+(?:now\s+)?(?:an?\s+)?(?:assistant|ai|model|chatgpt|llm)\b"
    r"|\b(?:assign|move|bill|attribute)\s+(?:all|every|the\s+whole)\b.{0,30}\b(?:time|hours?|entries)\b"
    r"|\b(?:respond|answer|reply)\s+(?:only\s+)?with\b"
    r"|\bnew\s+instructions?\b",
    re.IGNORECASE,
)


def one_line(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def looks_like_instructions(text: str) -> bool:
    """Whether a title reads like an instruction to a model rather than the name of a piece of work."""
    return _INSTRUCTIONS.search(text) is not None


def uncut(narrative: str, sources: list[str]) -> str:
    """The narrative with each name cut with "…" put back whole from sources (evidence labels); a cut that
    matches none loses the words before it that hold digits or an address."""
    if ELLIPSIS not in narrative:
        return narrative
    whole = [one_line(s) for s in sources if s.strip()]
    out: list[str] = []
    rest = narrative
    while ELLIPSIS in rest:
        head, _, rest = rest.partition(ELLIPSIS)
        out.append(_restored(head, whole))
    out.append(rest)
    return "".join(out)


def _restored(head: str, sources: list[str]) -> str:
    """head (the text before one "…") with its cut end replaced by the whole source it was cut from."""
    best: tuple[int, str] | None = None
    for source in sources:
        for start in _word_starts(source):
            # the longest prefix of source[start:] that head ends with
            piece = source[start:]
            for length in range(min(len(piece), len(head)), 7, -1):
                if head.endswith(piece[:length].rstrip()) and piece[:length].rstrip():
                    cut = len(piece[:length].rstrip())
                    if best is None or cut > best[0]:
                        best = (cut, piece)
                    break
    if best is not None:
        return head[: len(head) - best[0]] + best[1]
    return _drop_risky_tail(head)


def _word_starts(text: str) -> list[int]:
    starts = [0] + [m.end() for m in re.finditer(r"[\s(:\-\"']+", text)]
    return list(dict.fromkeys(s for s in starts if s < len(text)))[:8]


def _drop_risky_tail(head: str) -> str:
    """The cut word, and up to two words before it that hold digits or an address, replaced by [cut]."""
    words = head.rstrip().split(" ")
    dropped = 0
    while words and (dropped == 0 or (dropped < 3 and _RISKY.search(words[-1]))):
        words.pop()
        dropped += 1
    return " ".join([*words, "[cut]"])


def shorten(text: str, limit: int) -> str:
    """text cut at a word boundary to at most limit characters (after redaction, so no pattern is split)."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip() + ELLIPSIS
