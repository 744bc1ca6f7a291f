"""Idle time from pynput input listeners (keyboard and mouse), with an OS idle query as the fallback."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from ledgerwatch.capture.samples import IdleBackend

log = logging.getLogger(__name__)


class ListenerIdle:
    """Remembers the monotonic time of the last input event; asks the fallback until the listeners have seen one.

    The callbacks only store a float, so input costs next to nothing; if the listener threads die (display lost),
    the fallback answers.
    """

    def __init__(
        self, fallback: IdleBackend | None = None, monotonic: Callable[[], float] = time.monotonic
    ) -> None:
        from pynput import keyboard, mouse

        self._fallback = fallback
        self._monotonic = monotonic
        self._last: float | None = None
        self._lock = threading.Lock()
        self._listeners: list[Any] = [
            mouse.Listener(on_move=self._seen, on_click=self._seen, on_scroll=self._seen),
            keyboard.Listener(on_press=self._seen, on_release=self._seen),
        ]
        for listener in self._listeners:
            listener.daemon = True
            listener.start()
        for listener in self._listeners:
            listener.wait()

    def _seen(self, *_args: object) -> None:
        self._last = self._monotonic()

    def alive(self) -> bool:
        return all(listener.is_alive() for listener in self._listeners)

    def seconds_since_input(self) -> float | None:
        last = self._last
        if last is not None and self.alive():
            return max(0.0, self._monotonic() - last)
        return self._fallback.seconds_since_input() if self._fallback is not None else None

    def close(self) -> None:
        for listener in self._listeners:
            listener.stop()
        if self._fallback is not None:
            self._fallback.close()
