"""Rate resolution: matter > client > timekeeper > activity > firm default, each effective-dated."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import RATE_PRIORITY, Rate, RateScope


@dataclass(frozen=True, slots=True)
class RateBook:
    """Rates indexed by (scope, key), each list sorted by effective date (latest last)."""

    index: dict[tuple[RateScope, str], tuple[Rate, ...]]

    @classmethod
    def of(cls, rates: Iterable[Rate]) -> RateBook:
        grouped: dict[tuple[RateScope, str], list[Rate]] = {}
        for rate in rates:
            grouped.setdefault((rate.scope, rate.key), []).append(rate)
        return cls({k: tuple(sorted(v, key=lambda r: r.effective_from)) for k, v in grouped.items()})

    def resolve(
        self, *, day: date, matter: str, client: str, timekeeper: str, activity: str | None = None
    ) -> Rate | None:
        """The rate in force on day: the first scope (by priority) that has one wins.

        Within a scope, a rule narrowed to this timekeeper beats a general one.
        """
        keys = {
            RateScope.MATTER: matter,
            RateScope.CLIENT: client,
            RateScope.TIMEKEEPER: timekeeper,
            RateScope.ACTIVITY: activity,
            RateScope.FIRM: "",
        }
        for scope in RATE_PRIORITY:
            key = keys[scope]
            if key is None:
                continue
            rules = self.index.get((scope, key), ())
            specific = general = None
            for rule in rules:
                if rule.effective_from > day:
                    break
                if rule.timekeeper is None or scope is RateScope.TIMEKEEPER:
                    general = rule
                elif rule.timekeeper == timekeeper:
                    specific = rule
            found = specific or general
            if found is not None:
                return found
        return None

    def rate(
        self, *, day: date, matter: str, client: str, timekeeper: str, activity: str | None = None
    ) -> Money | None:
        found = self.resolve(day=day, matter=matter, client=client, timekeeper=timekeeper, activity=activity)
        return found.rate if found else None
