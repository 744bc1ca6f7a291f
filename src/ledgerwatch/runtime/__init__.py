"""The one place that starts threads, the review server, the tray and the agent's timers.

capture: live capture in its thread and the switches over it; agent: `ledgerwatch run` (a small process:
capture, tray, timers and the door); door: the agent's loopback address; page: the review page and the
occasional heavy job, each in a process of its own started on demand; launch: `ledgerwatch review` and
`ledgerwatch demo`. The names below load on first use, so reading one does not import the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ledgerwatch.runtime.agent import has_display, run
    from ledgerwatch.runtime.capture import (
        CaptureSwitch,
        LiveCapture,
        browser_token,
        capture_settings,
        status_file,
    )
    from ledgerwatch.runtime.launch import demo, launch_review
    from ledgerwatch.runtime.rates import rate_lookup

__all__ = [
    "CaptureSwitch",
    "LiveCapture",
    "browser_token",
    "capture_settings",
    "demo",
    "has_display",
    "launch_review",
    "rate_lookup",
    "run",
    "status_file",
]

_HOMES = {
    "has_display": "agent",
    "run": "agent",
    "CaptureSwitch": "capture",
    "LiveCapture": "capture",
    "browser_token": "capture",
    "capture_settings": "capture",
    "status_file": "capture",
    "demo": "launch",
    "launch_review": "launch",
    "rate_lookup": "rates",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ledgerwatch.runtime' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ledgerwatch.runtime.{home}"), name)
    globals()[name] = value
    return value
