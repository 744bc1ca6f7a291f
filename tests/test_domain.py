"""Domain rules: rounding, money, entry transitions."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ledgerwatch.domain import (
    EntryStatus,
    Event,
    IllegalTransition,
    Money,
    RoundingDirection,
    RoundingPolicy,
    Source,
    Span,
    TimeEntry,
    WindowPayload,
    approve,
    discard,
    lock,
    mark_synced,
    restore,
    revise,
    unapprove,
)

T0 = datetime(2026, 2, 2, 9, tzinfo=UTC)


def entry(**kw: object) -> TimeEntry:
    base: dict[str, object] = {
        "id": "e1",
        "date": date(2026, 2, 2),
        "spans": (Span(T0, T0 + timedelta(minutes=7)),),
        "worked_seconds": 420,
        "billed_hours": Decimal("0.2"),
        "matter": "1001",
    }
    base.update(kw)
    return TimeEntry(**base)  # type: ignore[arg-type]


def test_seven_minute_call_rounds_up_to_two_tenths() -> None:
    """A 7-minute call rounds up to 0.2 h."""
    assert RoundingPolicy().bill(7 * 60) == Decimal("0.2")


def test_exact_tenth_is_not_rounded_further() -> None:
    """Exactly six minutes bills 0.1 h, one second more bills 0.2 h."""
    assert RoundingPolicy().bill(360) == Decimal("0.1")
    assert RoundingPolicy().bill(361) == Decimal("0.2")


def test_minimum_applies_and_zero_bills_zero() -> None:
    """A 20-second email bills the 0.1 h minimum; no work bills nothing."""
    assert RoundingPolicy().bill(20) == Decimal("0.1")
    assert RoundingPolicy().bill(0) == Decimal("0")


def test_nearest_and_down_directions() -> None:
    """Nearest rounds 8 minutes to 0.1 h and 9 minutes to 0.2 h; down never adds time."""
    nearest = RoundingPolicy(direction=RoundingDirection.NEAREST, minimum=Decimal(0))
    assert nearest.bill(8 * 60) == Decimal("0.1")
    assert nearest.bill(9 * 60) == Decimal("0.2")
    down = RoundingPolicy(direction=RoundingDirection.DOWN, minimum=Decimal(0))
    assert down.bill(11 * 60 + 59) == Decimal("0.1")


@given(st.integers(min_value=1, max_value=24 * 3600))
def test_round_up_adds_less_than_one_increment(seconds: int) -> None:
    """Rounding up bills at least the work and never more than one increment above it (above the minimum)."""
    billed = RoundingPolicy(minimum=Decimal(0)).bill(seconds)
    worked = Decimal(seconds) / 3600
    assert worked <= billed < worked + Decimal("0.1")


def test_money_is_decimal_and_currency_safe() -> None:
    """Money refuses floats and mixed currencies and keeps cents."""
    with pytest.raises(TypeError):
        Money(1.5)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Money(Decimal(1)) + Money(Decimal(1), "EUR")
    assert Money(Decimal("250")).times(Decimal("0.3")).amount == Decimal("75.00")


def test_events_refuse_naive_times_and_wrong_payloads() -> None:
    """Inside, every time is aware UTC and every payload matches its source."""
    with pytest.raises(ValueError):
        Event(Source.WINDOW, datetime(2026, 1, 1), datetime(2026, 1, 1, 1), WindowPayload("a", "b"))
    with pytest.raises(TypeError):
        Event(Source.AFK, T0, T0, WindowPayload("a", "b"))
    with pytest.raises(ValueError):
        Event(Source.WINDOW, T0, T0 - timedelta(seconds=1), WindowPayload("a", "b"))


def test_entry_life_cycle() -> None:
    """draft -> approved -> synced; undo before sync; discard and restore; illegal moves refused."""
    draft = entry()
    approved = approve(draft, T0)
    assert approved.status is EntryStatus.APPROVED and approved.approved_at == T0
    assert unapprove(approved).status is EntryStatus.DRAFT
    synced = mark_synced(approved)
    with pytest.raises(IllegalTransition):
        discard(synced)
    with pytest.raises(IllegalTransition):
        mark_synced(draft)
    assert restore(discard(draft)).status is EntryStatus.DRAFT
    with pytest.raises(IllegalTransition):
        approve(approved, T0)


def test_revising_an_approved_entry_makes_a_new_version() -> None:
    """Changes after approval create a new version and, once synced, go back to approved for re-sync."""
    synced = mark_synced(approve(entry(), T0))
    changed = revise(synced, description="Draft motion to compel")
    assert changed.version == 2 and changed.status is EntryStatus.APPROVED
    assert revise(entry(), description="x").version == 1


def test_locked_entries_cannot_change() -> None:
    """An entry billed on the provider is locked locally."""
    locked = lock(mark_synced(approve(entry(), T0)))
    with pytest.raises(IllegalTransition):
        revise(locked, description="late edit")
