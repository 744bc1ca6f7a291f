"""The assist's settings as a plain value; app.py builds it from config's `ai` section."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ledgerwatch.assist.consent import is_local


def normalize_url(url: str) -> str:
    """A base URL compared the way the allow-list compares it: trimmed, no trailing slash."""
    return url.strip().rstrip("/")


@dataclass(frozen=True, slots=True)
class AssistSettings:
    """Off by default. IT policy may switch it off or allow-list base URLs; the API key is in the keyring."""

    enabled: bool = False
    base_url: str = ""
    model: str = ""
    allowed_endpoints: tuple[str, ...] = ()
    """IT allow-list of base URLs; empty means any"""
    daily_budget_requests: int = 200
    timeout_seconds: float = 20.0
    redact_names: tuple[str, ...] = ()
    """people's names always redacted (the caller adds client contacts and attendees)"""
    redact_patterns: tuple[str, ...] = ()
    """extra regular expressions redacted as [REDACTED]"""
    suggest_below: Decimal = Decimal("0.6")
    """drafts whose confidence is below this get a matter suggestion"""
    rewrite_narratives: bool = False
    max_candidates: int = 60
    """matters offered to the model per request"""
    accept_confidence: float = 0.5
    """a suggested matter is taken only when the model is at least this sure"""
    suggest_codes: bool = False
    """ask for UTBMS task and activity codes for billable drafts"""
    build_budget_seconds: float = 15.0
    """the most time all requests of one build may take (a down endpoint costs at most this)"""

    def __post_init__(self) -> None:
        object.__setattr__(self, "base_url", normalize_url(self.base_url))
        object.__setattr__(self, "allowed_endpoints", tuple(normalize_url(u) for u in self.allowed_endpoints))
        if self.daily_budget_requests < 0 or self.timeout_seconds <= 0 or self.build_budget_seconds <= 0:
            raise ValueError(
                "daily_budget_requests must be >= 0, timeout_seconds and build_budget_seconds > 0"
            )

    @property
    def local(self) -> bool:
        """The URL names this machine (network.route then pins the connection to it)."""
        return is_local(self.base_url)

    @property
    def endpoint_allowed(self) -> bool:
        """Enabled, configured, and on the IT allow-list (when there is one)."""
        if not (self.enabled and self.base_url and self.model):
            return False
        return not self.allowed_endpoints or self.base_url in self.allowed_endpoints
