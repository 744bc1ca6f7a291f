"""Money, hours and rounding: Decimal everywhere, never float.

Hours are billed in increments (0.1 h by default). The firm chooses the rule: up, nearest or down, an optional
grace (up only after N seconds past an increment), and whether each entry or a matter's whole day is rounded once.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
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


class RoundingScope(enum.StrEnum):
    """What one rounding applies to."""

    ENTRY = "entry"
    """each entry is rounded on its own (the common rule)"""
    MATTER_DAY = "matter_day"
    """a matter's work of one day is rounded once and shared out among its entries (where the firm allows it)"""


@dataclass(frozen=True, slots=True)
class RoundingPolicy:
    """How worked seconds become billed hours: an increment, a direction, a minimum, a grace and a scope.

    The default (0.1 h, up, minimum 0.1 h, no grace, per entry) is the common US practice of 6-minute
    increments. With a grace of N seconds, up-rounding forgives up to N seconds past a whole increment
    (60:01 with a 60 s grace bills 1.0 h, not 1.1 h).
    """

    increment: Decimal = Decimal("0.1")
    direction: RoundingDirection = RoundingDirection.UP
    minimum: Decimal = Decimal("0.1")
    grace_seconds: int = 0
    scope: RoundingScope = RoundingScope.ENTRY

    def __post_init__(self) -> None:
        if self.increment <= 0:
            raise ValueError("rounding increment must be positive")
        if self.minimum < 0:
            raise ValueError("rounding minimum must not be negative")
        if self.grace_seconds < 0 or self.grace_seconds >= self.increment_seconds:
            raise ValueError("the rounding grace must be at least 0 s and shorter than one increment")
        object.__setattr__(self, "direction", RoundingDirection(self.direction))
        object.__setattr__(self, "scope", RoundingScope(self.scope))

    def steps(self, worked_seconds: int) -> int:
        """Whole increments for worked_seconds by the direction and the grace (before the minimum)."""
        exact = hours_from_seconds(worked_seconds) / self.increment
        if self.grace_seconds and self.direction is RoundingDirection.UP:
            whole = exact.to_integral_value(rounding=ROUND_FLOOR)
            if (exact - whole) * self.increment_seconds <= self.grace_seconds:
                return int(whole)
        return int(exact.to_integral_value(rounding=_MODES[self.direction]))

    def bill(self, worked_seconds: int) -> Decimal:
        """Billed hours for an entry that took worked_seconds; zero work bills zero."""
        if worked_seconds < 0:
            raise ValueError("worked seconds must not be negative")
        if worked_seconds == 0:
            return Decimal("0.0")
        billed = self.steps(worked_seconds) * self.increment
        if billed < self.minimum:
            billed = self.minimum
        return billed.quantize(self.increment)

    def share(self, worked: Sequence[int]) -> list[Decimal]:
        """Billed hours for the pieces of one matter's day, rounded once and shared out by largest remainder.

        The pieces add up to bill(sum(worked)); each gets the whole increments of its own exact time, and those
        left over go to the pieces with the largest remainders (ties to the earlier piece). No piece bills more
        than its worked time plus one increment.
        """
        if any(w < 0 for w in worked):
            raise ValueError("worked seconds must not be negative")
        total = int(self.bill(sum(worked)) / self.increment)
        exact = [hours_from_seconds(w) / self.increment for w in worked]
        steps = [int(x.to_integral_value(rounding=ROUND_FLOOR)) for x in exact]
        by_remainder = sorted(range(len(worked)), key=lambda i: (-(exact[i] - steps[i]), i))
        left = total - sum(steps)
        for i in by_remainder * max(left, 0):
            if left <= 0:
                break
            if worked[i]:
                steps[i] += 1
                left -= 1
        for i in reversed(by_remainder * max(-left, 0)):
            if left >= 0:
                break
            if steps[i]:
                steps[i] -= 1
                left += 1
        return [(Decimal(s) * self.increment).quantize(self.increment) for s in steps]

    @property
    def increment_seconds(self) -> Decimal:
        return self.increment * SECONDS_PER_HOUR
