"""The shared vocabulary: one error root, one problem-code spelling, one span algebra."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

import ledgerwatch
from ledgerwatch.domain import (
    LedgerwatchError,
    Problem,
    ProblemCode,
    Span,
    day_bounds,
    merge_intervals,
    split_spans,
    subtract_intervals,
    subtract_span,
)

T0 = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)


def _our_exceptions() -> list[type[BaseException]]:
    found: list[type[BaseException]] = []
    for info in pkgutil.walk_packages(ledgerwatch.__path__, "ledgerwatch."):
        if ".backends." in info.name or info.name.endswith(("__main__", ".macos", ".windows")):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and issubclass(cls, Exception) and not cls.__name__.startswith("_"):
                found.append(cls)
    return found


def test_every_public_error_of_ours_derives_from_the_one_root() -> None:
    """Each package's exceptions share LedgerwatchError, so the CLI prints any of them as one line."""
    errors = _our_exceptions()
    assert len(errors) >= 10
    strays = [f"{e.__module__}.{e.__name__}" for e in errors if not issubclass(e, LedgerwatchError)]
    assert strays == []


def test_problem_codes_have_one_spelling_and_old_stores_still_read() -> None:
    """A code is a ProblemCode; the dashed spelling an older store wrote reads as today's code."""
    assert Problem("no-rate", "x").code is ProblemCode.NO_RATE  # type: ignore[arg-type]
    assert Problem(ProblemCode.CLOSED_MATTER, "x").code == "closed_matter"
    with pytest.raises(ValueError):
        Problem("made-up", "x")  # type: ignore[arg-type]


def test_a_dst_day_is_23_hours_long() -> None:
    """Local day bounds follow the zone: the spring-forward day in New York has 23 hours."""
    start, end = day_bounds(date(2026, 3, 8), ZoneInfo("America/New_York"))
    assert end - start == timedelta(hours=23) and start.tzinfo is UTC


intervals = st.lists(
    st.tuples(st.integers(0, 1000), st.integers(0, 200)).map(lambda p: (float(p[0]), float(p[0] + p[1]))),
    max_size=12,
)


@given(intervals, st.integers(0, 1000), st.integers(0, 300))
def test_subtraction_keeps_exactly_the_seconds_not_in_a_hole(holes, start, length) -> None:
    """start..end minus the holes covers each second once, and no second that is in a hole."""
    merged = merge_intervals(holes)
    parts = subtract_intervals(float(start), float(start + length), merged)
    covered = {s for a, b in parts for s in range(int(a), int(b))}
    expected = {
        s for s in range(start, start + length) if not any(a <= s < b for a, b in merged)
    }
    assert covered == expected
    assert sum(b - a for a, b in parts) == len(expected)


def test_span_subtraction_and_split_agree() -> None:
    """Cutting a span around a hole and splitting at a moment keep every second exactly once."""
    day = Span(T0, T0 + timedelta(hours=2))
    hole = Span(T0 + timedelta(minutes=30), T0 + timedelta(minutes=45))
    parts = subtract_span(day, [hole])
    assert [p.seconds for p in parts] == [1800, 4500]
    before, after = split_spans(parts, T0 + timedelta(hours=1))
    assert sum(p.seconds for p in before) + sum(p.seconds for p in after) == 6300
