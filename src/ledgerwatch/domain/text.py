"""Text from outside made safe to keep and show: no control characters, no bidirectional overrides.

A window title is written by whoever wrote the page or document. A NUL or a U+202E RIGHT-TO-LEFT OVERRIDE in
it would be stored as it is and could make a narrative, an invoice line or the provider's note read other
than it is ("Trojan Source"). Capture and import pass every text through here, and narratives are kept
clean whatever their source, so none of these characters reaches the store, a narrative or an export.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from typing import Any, TypeVar
from urllib.parse import urlsplit

BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
"""embeddings, overrides, isolates and their terminators, and the three direction marks"""
_UNSAFE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029{BIDI_CONTROLS}]")
_LINE_BREAKS = re.compile("[\t\n\r]+")
T = TypeVar("T")


def clean_text(text: str) -> str:
    """text without control characters (tabs and line breaks kept) or bidirectional controls."""
    if _UNSAFE.search(text) is None:
        return text
    return _UNSAFE.sub("", text.replace("\u2028", "\n").replace("\u2029", "\n"))


def clean_line(text: str) -> str:
    """One line: clean_text, with tabs and line breaks as single spaces."""
    text = clean_text(text)
    return _LINE_BREAKS.sub(" ", text) if "\t" in text or "\n" in text or "\r" in text else text


ADDRESS = re.compile(r"(?<![\w.+-])[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
"""an e-mail address in text, its domain the group ("Liam Whitaker <lw@arborlabs.com>"); a match starts only where
a run of address characters starts, so a long run with no "@" is read once, not from each of its characters"""

TITLE_LIMIT = 1024
"""the most of a window title that is kept and read (a URL: twice as much): no title names its matter past it,
and a hostile one costs at most this much to match"""
_WHITESPACE_RUN = re.compile(r"\s{2,}")


def bounded(text: str, limit: int = TITLE_LIMIT) -> str:
    """text with each run of white space one space, cut to limit characters. Apps pad titles ("Damages.xlsx  -
    Read-Only - Excel"), browsers collapse them, and a run of thousands of spaces in a hostile title would make
    a pattern that tries it at every position take seconds. (Only the first 8 x limit characters are looked at:
    a title of megabytes costs no more than one of kilobytes.)"""
    text = text[: 8 * limit]
    if _WHITESPACE_RUN.search(text):
        text = _WHITESPACE_RUN.sub(" ", text)
    return text[:limit]


def url_host(url: str | None) -> str:
    """The lower-case host of a URL, or "" when there is none or it does not parse."""
    if not url:
        return ""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def is_clean(text: str) -> bool:
    """Whether text holds no character clean_text removes."""
    return _UNSAFE.search(text) is None


MULTILINE_FIELDS = frozenset({"description", "note"})
"""fields whose text may run over lines (a calendar event's notes, a narrative)"""


def clean_record(record: T) -> T:
    """A frozen dataclass with every text field (and tuple of texts) cleaned; the same object when clean."""
    changes: dict[str, Any] = {}
    for f in dataclasses.fields(record):  # type: ignore[arg-type]
        value = getattr(record, f.name)
        clean = clean_text if f.name in MULTILINE_FIELDS else clean_line
        if isinstance(value, str):
            cleaned: Any = clean(value)
        elif isinstance(value, tuple) and value and all(isinstance(v, str) for v in value):
            cleaned = tuple(clean(v) for v in value)
        else:
            continue
        if cleaned != value:
            changes[f.name] = cleaned
    return dataclasses.replace(record, **changes) if changes else record  # type: ignore[type-var]


def fold(text: str) -> str:
    """text without its accents: "Ibáñez" is typed "Ibanez" in a file name and "Ibáñez" in the client list, and
    a word of letters a-z alone read "ib" and "ez" of it. Letters that are no accented letter are written as
    they are typed without them ("Sørensen" as Sorensen, "Łukasz" as Lukasz, "Straße" as Strasse), not split
    ("s" and "rensen")."""
    if text.isascii():
        return text
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    return text if text.isascii() else text.translate(_UNACCENTED)


_UNACCENTED = str.maketrans(
    {
        "ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l", "Ł": "L", "đ": "d",
        "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i", "ħ": "h", "Ħ": "H",
    }
)  # fmt: skip
"""Latin letters that are no letter with an accent (NFKD leaves them whole), as a keyboard without them types
them"""
