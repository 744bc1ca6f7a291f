"""Money on the review page: the hourly rate each matter's work is billed at, and what a draft comes to.

The rate comes from billing's hierarchy (matter > client > timekeeper > firm) through a RateFor callable that
runtime hands in; the workday never reaches into billing itself.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class HourlyRate:
    """An hourly rate and where in the hierarchy it came from ("matter rate", "firm rate", ...)."""

    amount: Decimal
    currency: str = "USD"
    source: str = ""

    def times(self, hours: Decimal) -> Decimal:
        """The amount for hours at this rate, to the cent (half up, as invoices round)."""
        return (self.amount * hours).quantize(CENT, rounding=ROUND_HALF_UP)


RateFor = Callable[[str, date], HourlyRate | None]
"""(matter number, day) -> the rate in force, or None when no rate applies"""


def no_rates(matter: str, day: date) -> HourlyRate | None:
    """The lookup where billing is not available: every rate is missing (and the page says so)."""
    return None
