"""Undo for one day of one session: each action pushes how to revert itself; undo reverts the last one.

The stack belongs to the day shown, so Thursday's page never offers to undo Monday's approvals, and each step
names the entry to select once it is undone (the restored entry, not whatever came next).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ledgerwatch.domain import IllegalTransition
from ledgerwatch.store.entries import EntryNotFound
from ledgerwatch.workday.views import Outcome


@dataclass(frozen=True, slots=True)
class Step:
    label: str
    revert: Callable[[], None] = field(compare=False)
    select: tuple[str, ...] = ()
    """the entries the page selects after undoing this step (the first is selected)"""


class UndoStack:
    """Per day and session: a later session (the page opened tomorrow) starts empty and reopens instead."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    @property
    def label(self) -> str | None:
        """What undo would revert, or None."""
        return self._steps[-1].label if self._steps else None

    def push(self, label: str, revert: Callable[[], None], select: tuple[str, ...] = ()) -> None:
        self._steps.append(Step(label, revert, select))

    def extend_last(self, revert: Callable[[], None]) -> None:
        """Revert more with the last step, after its own revert (a reassignment forgets what it taught)."""
        last = self._steps[-1]

        def both() -> None:
            last.revert()
            revert()

        self._steps[-1] = Step(last.label, both, last.select)

    def undo(self) -> Outcome:
        """Revert the last step; a step that can no longer be reverted stays and says why."""
        if not self._steps:
            return Outcome(False, "nothing to undo on this day")
        step = self._steps[-1]
        try:
            step.revert()
        except (IllegalTransition, EntryNotFound) as exc:
            return Outcome(False, f"cannot undo {step.label}: {exc}")
        self._steps.pop()
        return Outcome(True, f"undid {step.label}", step.select)
