"""The settings the review page shows and the few it may write to the user's file."""

from __future__ import annotations

from typing import Any

from ledgerwatch import config
from ledgerwatch.workday.views import Outcome

EDITABLE_SETTINGS = (
    "review.reminder_time",
    "start_at_login",
    "sessionize.min_confidence",
    "sessionize.rounding_increment",
    "sessionize.rounding_direction",
    "sessionize.rounding_minimum",
    "capture.idle_threshold_seconds",
)
"""settings the review page may write to the user file"""


def setting_rows(effective: config.Effective) -> list[tuple[str, Any, str, bool]]:
    """(key, value as it may be shown, where it came from, locked by policy) for the settings page.

    A secret's value is only "set" or "not set", and an address shows no password: the page never holds them.
    """
    return [(k, v, origin, k in effective.locked) for k, v, origin in effective.rows()]


def editable_settings(effective: config.Effective) -> tuple[str, ...]:
    """The page's settings the policy leaves to the attorney."""
    return tuple(k for k in EDITABLE_SETTINGS if k not in effective.locked)


def change_setting(effective: config.Effective, key: str, value: str) -> Outcome:
    """Write one of the page's settings to the user file (refused when the policy locks it)."""
    if key not in EDITABLE_SETTINGS:
        return Outcome(False, f"{key!r} cannot be changed here; use `ledgerwatch config set`")
    try:
        path = config.set_user_value(effective, key, value.strip())
    except config.ConfigError as exc:
        return Outcome(False, str(exc))
    shown = config.display_value(key, value.strip())
    return Outcome(True, f"{key} = {shown} saved to {path}; it takes effect at the next start")
