"""What the review app is handed, each as a Protocol: the attorney's day, the firm's receivables, the agent's switches.

The app reads nothing it was not given: workday.Workday fits AttorneyDay (its settings rows come from the
settings it was built with), billing's service fits Receivables, and runtime's capture fits CaptureControl.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Protocol

from ledgerwatch.domain import EntryKind, Matter, TimeEntry
from ledgerwatch.workday import DayView, Outcome, WeekView

if TYPE_CHECKING:
    from ledgerwatch.billing.aging import AgingReport


class AttorneyDay(Protocol):
    """The attorney's days as the page reads and changes them (workday.Workday fits)."""

    @property
    def zone(self) -> tzinfo: ...

    @property
    def can_undo(self) -> str | None:
        """What undo would revert, or None."""
        ...

    def now(self) -> datetime: ...
    def today(self) -> date: ...
    def matters(self) -> list[Matter]: ...
    def day(self, day: date) -> DayView: ...
    def week(self, day: date) -> WeekView: ...
    def discarded(self, day: date) -> list[TimeEntry]: ...

    def setting_rows(self) -> list[tuple[str, Any, str, bool]]:
        """(key, value, where it came from, locked by policy)"""
        ...

    def editable_settings(self) -> tuple[str, ...]: ...
    def change_setting(self, key: str, value: str) -> Outcome: ...

    def approve(self, entry_id: str) -> Outcome: ...
    def approve_above(self, day: date, confidence: Decimal | None = None) -> Outcome: ...
    def edit(
        self,
        entry_id: str,
        *,
        description: str | None = None,
        worked_minutes: int | None = None,
        billed_hours: Decimal | None = None,
        activity_code: str | None = None,
        task_code: str | None = None,
    ) -> Outcome: ...
    def reassign(self, entry_id: str, matter_number: str) -> Outcome: ...
    def split(self, entry_id: str, at: datetime) -> Outcome: ...
    def merge(self, entry_ids: Sequence[str]) -> Outcome: ...
    def set_kind(self, entry_id: str, kind: EntryKind) -> Outcome: ...
    def discard(self, entry_id: str) -> Outcome: ...
    def undo(self) -> Outcome: ...
    def reopen(self, entry_id: str) -> Outcome: ...
    def reclaim(
        self, day: date, start: datetime, end: datetime, matter_number: str, note: str
    ) -> Outcome: ...


class Receivables(Protocol):
    """The A/R page's source (billing.service.BillingService fits)."""

    def aging(self, as_of: date, by: str) -> AgingReport:
        """Open balances as of a day by client, matter or attorney."""
        ...


class CaptureControl(Protocol):
    """Live capture's switches, as the tray menu, the page header and the scheduler use them."""

    def pause(self, until: datetime | None) -> None: ...
    def resume(self) -> None: ...
    def set_private(self, on: bool) -> None: ...
    def flush(self) -> None: ...
    def status(self) -> str:
        """recording | paused | private"""
        ...


@dataclass(frozen=True)
class AgentControls:
    """The running agent's switches, when `ledgerwatch run` serves the page: the same as the tray menu's.

    Where the tray has no menu (a headless agent, or a Linux desktop without AppIndicator support), the
    page header is where capture is paused, made private or resumed.
    """

    capture: CaptureControl
    sync_now: Callable[[], object] | None = None
    notice: Callable[[], str | None] | None = None
    """what capture cannot see and how to fix it (a missing macOS permission), shown in the page header"""
