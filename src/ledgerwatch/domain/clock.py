"""Wall time: one Clock type for every service that needs "now" (injected, so tests set the time)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

Clock = Callable[[], datetime]
"""returns an aware UTC instant"""


def utcnow() -> datetime:
    """The current instant, aware UTC."""
    return datetime.now(UTC)
