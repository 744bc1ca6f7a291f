"""The firm's rounding rule over one day's entries: per entry, or once per matter and day.

Drafts (when they are built) and review (after every change) both call billed_hours_for_day, so a draft
bills the same whichever of them rounded it last.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import Decimal

from ledgerwatch.domain.entries import EntryKind, TimeEntry
from ledgerwatch.domain.money import RoundingPolicy, RoundingScope


def billed_hours_for_day(
    entries: Sequence[TimeEntry],
    policy_of: Callable[[str | None], RoundingPolicy],
    fixed: Collection[str] = (),
) -> dict[str, Decimal]:
    """What the rule bills each billable entry of one day that is not fixed, by id.

    fixed names entries whose billed hours stay as they are (reviewed ones, hours the attorney wrote down);
    in a matter-and-day scope they still count toward the day's time, and the others share what is left of
    the day's rounding (never less than nothing).
    """
    out: dict[str, Decimal] = {}
    by_matter: dict[str, list[TimeEntry]] = {}
    for e in entries:
        if e.kind is EntryKind.BILLABLE and e.matter is not None:
            by_matter.setdefault(e.matter, []).append(e)
    for matter, group in by_matter.items():
        policy = policy_of(matter)
        free = [e for e in group if e.id not in fixed]
        if policy.scope is RoundingScope.ENTRY:
            out.update((e.id, policy.bill(e.worked_seconds)) for e in free)
            continue
        if not free:
            continue
        kept = [e for e in group if e.id in fixed]
        target = policy.bill(sum(e.worked_seconds for e in group))
        left = max(target - sum((e.billed_hours for e in kept), Decimal(0)), Decimal(0))
        shares = _share(policy, [e.worked_seconds for e in free], left)
        out.update(zip((e.id for e in free), shares, strict=True))
    return out


def _share(policy: RoundingPolicy, worked: Sequence[int], hours: Decimal) -> list[Decimal]:
    """hours (whole increments) shared among pieces by largest remainder of their exact time."""
    whole = policy.share(worked)
    steps = [int(h / policy.increment) for h in whole]
    goal = int(hours / policy.increment)
    order = sorted(range(len(steps)), key=lambda i: (-worked[i], i))
    while sum(steps) > goal:
        i = next(j for j in reversed(order) if steps[j] > 0)
        steps[i] -= 1
    while sum(steps) < goal and order:
        i = min(order, key=lambda j: (steps[j] * policy.increment_seconds - worked[j], j))
        steps[i] += 1
    return [(Decimal(s) * policy.increment).quantize(policy.increment) for s in steps]
