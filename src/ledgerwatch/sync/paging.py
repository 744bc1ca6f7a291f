"""Every list a connector reads ends: on an empty page, a short page, or the provider's own end marker; a cursor
or a page seen twice, or more pages than any store holds, is an error with a plain message, never a hang.

A provider that ignores the page size and answers everything at once ends the loop too (the page is longer
than asked for); one that ignores the offset would answer the same page again, which is caught as a repeat.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from typing import Any, TypeVar

from ledgerwatch.sync.errors import Permanent

T = TypeVar("T")
C = TypeVar("C", bound=Hashable)

PAGE_CAP = 1000
"""pages read from one list at most (a firm with 200,000 time entries fits at 200 a page)"""


class PagingError(Permanent):
    """A provider's paging did not end as documented."""


def by_cursor(
    fetch: Callable[[C | None], tuple[list[T], C | None]], what: str, cap: int = PAGE_CAP
) -> Iterator[T]:
    """Pages chained by a cursor (a next URL or a page token): fetch(cursor) -> (items, next cursor or None)."""
    seen: set[C] = set()
    cursor: C | None = None
    for _ in range(cap):
        items, following = fetch(cursor)
        yield from items
        if following is None or not items:
            return
        if following in seen or following == cursor:
            raise PagingError(
                f"{what}: the provider sent the same page link twice; the list was not read to its end"
            )
        seen.add(following)
        cursor = following
    raise PagingError(f"{what}: still more after {cap} pages; the list was not read to its end")


def by_offset(
    fetch: Callable[[int, int], list[T]],
    size: int,
    what: str,
    key: Callable[[T], Any] = id,
    cap: int = PAGE_CAP,
) -> Iterator[T]:
    """Pages by offset and size: fetch(offset, size) -> items; key names an item (to catch a repeated page)."""
    offset = 0
    previous: list[Any] | None = None
    for _ in range(cap):
        items = fetch(offset, size)
        names = [key(item) for item in items]
        if previous is not None and names and names == previous:
            raise PagingError(
                f"{what}: the provider answered the same page for the next offset (it does not page this list)"
            )
        yield from items
        if len(items) < size or len(items) > size:  # the end, or everything at once
            return
        previous = names
        offset += size
    raise PagingError(f"{what}: still more after {cap} pages; the list was not read to its end")
