"""The session's undo stack: each action pushes how to revert itself; undo reverts the last one."""

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


class UndoStack:
    """Per session: a later session (the page opened tomorrow) starts empty and reopens instead."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    @property
    def label(self) -> str | None:
        """What undo would revert, or None."""
        return self._steps[-1].label if self._steps else None

    def push(self, label: str, revert: Callable[[], None]) -> None:
        self._steps.append(Step(label, revert))

    def extend_last(self, revert: Callable[[], None]) -> None:
        """Revert more with the last step, after its own revert (a reassignment forgets what it taught)."""
        last = self._steps[-1]

        def both() -> None:
            last.revert()
            revert()

        self._steps[-1] = Step(last.label, both)

    def undo(self) -> Outcome:
        """Revert the last step; a step that can no longer be reverted stays and says why."""
        if not self._steps:
            return Outcome(False, "nothing to undo")
        step = self._steps[-1]
        try:
            step.revert()
        except (IllegalTransition, EntryNotFound) as exc:
            return Outcome(False, f"cannot undo {step.label}: {exc}")
        self._steps.pop()
        return Outcome(True, f"undid {step.label}")
