"""What one look at the desktop returns, and the small Protocols every OS backend implements."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class WindowSample:
    """The foreground window at one instant; handle identifies it for later look-ups (never stored)."""

    title: str
    app: str
    executable: str | None = None
    pid: int | None = None
    document: str | None = None
    handle: int | None = None
    locked: bool = False
    """The screen is locked or blanked: nobody is looking at this window."""


class WindowBackend(Protocol):
    """Reads the foreground window; None when there is none right now (a transient state)."""

    def active_window(self) -> WindowSample | None: ...

    def window_title(self, handle: int) -> str | None:
        """The current title of a window seen before, or None once it is gone."""
        ...

    def microphone_in_use(self) -> bool | None:
        """Whether any application holds the microphone, where the OS tells; None when unknown."""
        ...

    def close(self) -> None: ...


class IdleBackend(Protocol):
    """Seconds since the last keyboard or mouse input; None when this session cannot tell."""

    def seconds_since_input(self) -> float | None: ...

    def close(self) -> None: ...


class Clock(Protocol):
    """Wall time (aware UTC) and a monotonic reading to tell real elapsed time from clock changes."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clocks."""

    def __init__(self, monotonic: Callable[[], float] | None = None) -> None:
        import time

        self._monotonic = monotonic or time.monotonic

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return self._monotonic()


class NullWindowBackend:
    """Sees nothing: used where no backend works (e.g. native Wayland), so the agent keeps running."""

    def active_window(self) -> WindowSample | None:
        return None

    def window_title(self, handle: int) -> str | None:
        return None

    def microphone_in_use(self) -> bool | None:
        return None

    def close(self) -> None:
        return None


class NullIdleBackend:
    """Cannot tell idle time: everyone counts as present."""

    def seconds_since_input(self) -> float | None:
        return None

    def close(self) -> None:
        return None
