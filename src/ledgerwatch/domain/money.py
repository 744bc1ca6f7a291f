"""Money, hours and rounding: Decimal everywhere, never float.

Hours are billed in increments (0.1 h by default); rounding happens once per entry.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
SECONDS_PER_HOUR = Decimal(3600)


@dataclass(frozen=True, slots=True)
class Money:
    """An amount in one currency, kept to the cent."""

    amount: Decimal
    currency: str = "USD"

    def __post_init__(self) -> None:
        if not isinstance(self.amount, Decimal):
            raise TypeError(f"Money needs a Decimal, got {type(self.amount).__name__}")
        object.__setattr__(self, "amount", self.amount.quantize(CENT, rounding=ROUND_HALF_UP))

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount + other.amount, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.amount - other.amount, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.amount, self.currency)

    def times(self, factor: Decimal) -> Money:
        """This amount multiplied by a Decimal (hours, a percentage), rounded half-up to the cent."""
        return Money(self.amount * factor, self.currency)

    def _same(self, other: Money) -> None:
        if self.currency != other.currency:
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")

    @classmethod
    def zero(cls, currency: str = "USD") -> Money:
        return cls(Decimal(0), currency)

    def __str__(self) -> str:
        return f"{self.amount:,.2f} {self.currency}"


def hours_from_seconds(seconds: int | Decimal) -> Decimal:
    """Exact hours for a number of seconds (no rounding)."""
    return Decimal(seconds) / SECONDS_PER_HOUR


class RoundingDirection(enum.StrEnum):
    UP = "up"
    NEAREST = "nearest"
    DOWN = "down"


_MODES = {
    RoundingDirection.UP: ROUND_CEILING,
    RoundingDirection.NEAREST: ROUND_HALF_UP,
    RoundingDirection.DOWN: ROUND_FLOOR,
}


@dataclass(frozen=True, slots=True)
class RoundingPolicy:
    """How worked seconds become billed hours: an increment, a direction and a minimum per entry.

    The default (0.1 h, up, minimum 0.1 h) is the common US practice of 6-minute increments.
    """

    increment: Decimal = Decimal("0.1")
    direction: RoundingDirection = RoundingDirection.UP
    minimum: Decimal = Decimal("0.1")

    def __post_init__(self) -> None:
        if self.increment <= 0:
            raise ValueError("rounding increment must be positive")
        if self.minimum < 0:
            raise ValueError("rounding minimum must not be negative")

    def bill(self, worked_seconds: int) -> Decimal:
        """Billed hours for an entry that took worked_seconds; zero work bills zero."""
        if worked_seconds < 0:
            raise ValueError("worked seconds must not be negative")
        if worked_seconds == 0:
            return Decimal("0.0")
        steps = (hours_from_seconds(worked_seconds) / self.increment).to_integral_value(
            rounding=_MODES[self.direction]
        )
        billed = steps * self.increment
        if billed < self.minimum:
            billed = self.minimum
        return billed.quantize(self.increment)

    @property
    def increment_seconds(self) -> Decimal:
        return self.increment * SECONDS_PER_HOUR
