"""The one place that starts threads, the review server, the tray and the scheduler.

capture: live capture in its thread and the switches over it; agent: `ledgerwatch run`; launch:
`ledgerwatch review` and `ledgerwatch demo`.
"""

from ledgerwatch.runtime.agent import has_display, run, run_app
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
    "run_app",
    "status_file",
]
