"""Capture settings: every threshold and privacy rule in one frozen record."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Redaction:
    """A pattern whose matches are replaced before anything is stored; luhn=True keeps only card-like matches."""

    name: str
    pattern: str
    replacement: str = "[redacted]"
    luhn: bool = False


DEFAULT_REDACTIONS: tuple[Redaction, ...] = ()
"""the firm's extra patterns; SSNs and card numbers are always redacted (ledgerwatch.domain.sensitive)"""

DEFAULT_CALL_APPS: tuple[str, ...] = (
    "zoom",
    "zoom.us",
    "teams",
    "ms-teams",
    "microsoft teams",
    "webex",
    "ciscowebexstart",
    "atmgr",
    "ringcentral",
    "zoiper",
    "bria",
    "microsip",
    "linphone",
    "3cxphone",
    "3cx",
    "dialpad",
    "vonage",
    "nextiva",
    "8x8 work",
    "goto",
    "gotomeeting",
    "skype",
)


@dataclass(frozen=True, slots=True)
class CaptureSettings:
    """Thresholds (seconds) and privacy rules for the capture agent."""

    sample_interval: float = 1.0
    flush_interval: float = 10.0
    idle_threshold: float = 300.0
    idle_source: str = "auto"
    """auto or os (the OS's idle counter; there is no other source: no input hooks) | none (all present)."""
    max_gap: float | None = None
    """Longest silence between two samples that still counts as continuous; default 2 x sample_interval + 1."""
    origin: str = ""
    """Stored with each event: which capture produced it (e.g. the host name)."""
    excluded_apps: tuple[str, ...] = ()
    """Application or executable names (case-insensitive, exact)."""
    excluded_titles: tuple[str, ...] = ()
    """Regular expressions searched in window titles (case-insensitive)."""
    excluded_domains: tuple[str, ...] = ()
    """URL host names; subdomains are excluded too."""
    record_excluded_time: bool = True
    """Store excluded time as a bare window event (app "(excluded)", empty title) so the day has no hole."""
    redactions: tuple[Redaction, ...] = DEFAULT_REDACTIONS
    call_apps: tuple[str, ...] = DEFAULT_CALL_APPS
    store_process_details: bool = False
    """Store the pid and an executable path that only repeats the application name (about 40 bytes per event)."""
    document_lookup: bool = True
    """Look at the foreground process's open files for a document path (cached per window)."""
    browser_endpoint: bool = False
    browser_port: int = 5607
    browser_token: str = ""
    browser_fresh_seconds: float = 3600.0

    def __post_init__(self) -> None:
        if self.sample_interval <= 0 or self.flush_interval <= 0 or self.idle_threshold <= 0:
            raise ValueError("sample_interval, flush_interval and idle_threshold must be positive")
        if self.idle_source not in {"auto", "os", "none"}:
            raise ValueError(f"idle_source must be auto, os or none, not {self.idle_source!r}")

    @property
    def continuity(self) -> float:
        """The gap (seconds) above which two samples are not continuous (sleep, clock jump, stall)."""
        return self.max_gap if self.max_gap is not None else 2 * self.sample_interval + 1.0

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any]) -> CaptureSettings:
        """Settings from plain JSON-like data; unknown keys are a programmer error."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = set(raw) - names
        if unknown:
            raise ValueError(f"unknown capture settings: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for key, value in raw.items():
            if key == "redactions":
                values[key] = tuple(Redaction(**r) if isinstance(r, Mapping) else r for r in value)
            elif isinstance(value, list):
                values[key] = tuple(value)
            else:
                values[key] = value
        return cls(**values)
