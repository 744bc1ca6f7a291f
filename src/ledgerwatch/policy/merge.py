"""Reading every policy source into one managed policy, falling back to last good values where one is broken."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from ledgerwatch.policy.cache import LastGood
from ledgerwatch.policy.sources import PolicyBroken, PolicySource, Reading

log = logging.getLogger("ledgerwatch.policy")

Validate = Callable[[Mapping[str, Any]], str | None]
"""a source's values -> why they are invalid (unknown key, bad value), or None; config.py supplies it"""


@dataclass(frozen=True)
class ManagedPolicy:
    """The merged policy: values by dotted key (plus ``locked``), where each came from, and what went wrong."""

    values: Mapping[str, Any] = field(default_factory=dict)
    origins: Mapping[str, str] = field(default_factory=dict)
    problems: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def locked(self) -> frozenset[str]:
        return frozenset(k for k in self.values if k != "locked") | frozenset(self.values.get("locked", ()))


def _read_one(source: PolicySource, validate: Validate, cache: LastGood, now: datetime) -> tuple[Reading, str | None]:
    try:
        reading = source.read()
        if reading.present:
            reason = validate(reading.values)
            if reason:
                raise PolicyBroken(reason)
    except PolicyBroken as exc:
        last = cache.get(source.name)
        if last is None:
            return Reading(source.name), (
                f"policy {source.name} is broken ({exc}); no earlier good version is known on this machine, "
                "so it is ignored until IT repairs it"
            )
        return Reading(source.name, last.values, present=True), (
            f"policy {source.name} is broken ({exc}); keeping its last good version from {last.read_at}"
        )
    cache.put(source.name, reading.values if reading.present else None, now.isoformat(timespec="seconds"))
    return reading, None


def read_policy(
    sources: Sequence[PolicySource],
    validate: Validate,
    cache: LastGood | None = None,
    now: datetime | None = None,
) -> ManagedPolicy:
    """Every source, in priority order (the first that names a key wins; ``locked`` lists add up)."""
    cache = cache or LastGood(None)
    now = now or datetime.now(UTC)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}
    locked: list[str] = []
    problems: list[str] = []
    for source in sources:
        reading, problem = _read_one(source, validate, cache, now)
        if problem:
            log.error("%s", problem)
            problems.append(problem)
        for key, value in reading.values.items():
            if key == "locked":
                locked += [str(k) for k in value if str(k) not in locked]
            elif key not in values:
                values[key], origins[key] = value, source.name
    if locked:
        values["locked"] = locked
    return ManagedPolicy(values, origins, tuple(problems), tuple(s.name for s in sources))
