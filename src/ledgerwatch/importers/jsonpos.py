"""Finding where a value sits in JSON text, to put a line number on a structural error.

Only called after something went wrong, so it re-scans the text; json's C scanner does the work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

_SPACE = re.compile(r"[ \t\n\r]*")
_DECODER = json.JSONDecoder()


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """The offset of the value reached by following keys and indexes from the root, or None."""
    offset = _skip(text, 0)
    for step in path:
        found = _child(text, offset, step)
        if found is None:
            return None
        offset = found
    return offset


def _skip(text: str, offset: int) -> int:
    match = _SPACE.match(text, offset)
    return match.end() if match else offset


def _child(text: str, offset: int, step: str | int) -> int | None:
    """Offset of member step of the object or array starting at offset (the last one for repeated keys)."""
    opener = text[offset : offset + 1]
    if opener not in ("{", "["):
        return None
    is_object = opener == "{"
    if is_object != isinstance(step, str):
        return None
    found: int | None = None
    index = 0
    offset = _skip(text, offset + 1)
    if text[offset : offset + 1] in ("}", "]"):
        return None
    try:
        while True:
            if is_object:
                key, offset = _DECODER.raw_decode(text, offset)
                offset = _skip(text, offset)
                offset = _skip(text, offset + 1)  # the colon
                if key == step:
                    found = offset
            elif index == step:
                return offset
            _, offset = _DECODER.raw_decode(text, offset)
            offset = _skip(text, offset)
            if text[offset : offset + 1] != ",":
                return found
            offset = _skip(text, offset + 1)
            index += 1
    except json.JSONDecodeError:
        return found
