"""The settings model: every setting's type, bounds, unit and whether it is a secret, in one place.

This model is the one validation for every layer: `ledgerwatch config set`, the review page's settings form,
the environment and the managed policy all pass through it, so a value refused in one place is refused in
all. A field's `json_schema_extra` carries what a form needs beyond the type: `unit` (s, h, days, ...),
`secret` (never shown, logged or printed: only "set" or "not set") and `url` (a password or key in it is
masked when shown).
"""

from __future__ import annotations

import os
import re
import string
from datetime import time, tzinfo
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, field_validator

from ledgerwatch.domain import RoundingDirection, RoundingPolicy, RoundingScope
from ledgerwatch.domain.billing import PAYMENT_LINK_FIELDS

MAX_TEXT = 2000
"""the longest text any setting holds"""
MAX_ITEMS = 500
"""the most entries a list setting holds"""
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
PROXY_SCHEMES = frozenset({"http", "https"})

SECONDS: dict[str, Any] = {"unit": "s"}
HOURS: dict[str, Any] = {"unit": "h"}
DAYS: dict[str, Any] = {"unit": "days"}
FRACTION: dict[str, Any] = {"unit": "0-1"}
SECRET: dict[str, Any] = {"secret": True}
URL: dict[str, Any] = {"url": True}


def _port(value: int) -> int:
    """0 (pick one, or off) or an unprivileged port."""
    if value != 0 and not 1024 <= value <= 65535:
        raise ValueError("a port is 0 or between 1024 and 65535")
    return value


def _web_address(value: str) -> str:
    """Empty, or an https:// address (http:// only to this computer): tokens never cross a network in clear."""
    if not value:
        return value
    try:
        parts = urlsplit(value)
        host = parts.hostname or ""
    except ValueError as exc:
        raise ValueError(f"not a web address: {exc}") from None
    if parts.scheme == "https" and host:
        return value
    if parts.scheme == "http" and host in LOOPBACK:
        return value
    raise ValueError("must be an https:// address (http:// only to 127.0.0.1 or localhost)")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_max_length=MAX_TEXT, hide_input_in_errors=True)


def _list(description: str) -> Any:
    return Field(default_factory=list, max_length=MAX_ITEMS, description=description)


class CaptureSettings(_Section):
    enabled: bool = True
    sample_seconds: float = Field(
        1.0, ge=0.2, le=60, description="how often the active window is sampled", json_schema_extra=SECONDS
    )
    flush_seconds: float = Field(
        10.0,
        ge=1,
        le=600,
        description="how often samples are written to the store",
        json_schema_extra=SECONDS,
    )
    idle_threshold_seconds: int = Field(
        300,
        ge=60,
        le=7200,
        description="no input for this long starts an away period",
        json_schema_extra=SECONDS,
    )
    excluded_apps: list[str] = _list("applications never recorded")
    excluded_title_patterns: list[str] = _list("regexes; matching windows are not recorded")
    excluded_domains: list[str] = _list("web domains never recorded")
    redact_patterns: list[str] = _list(
        "extra regexes removed from titles and URLs before storing (US SSNs and card numbers always are)"
    )
    browser_port: int = Field(
        47813, ge=0, le=65535, description="127.0.0.1 port for the browser extension (0: off)"
    )
    retention_days: int = Field(
        60, ge=1, le=3650, description="raw activity older than this is purged", json_schema_extra=DAYS
    )

    @field_validator("browser_port")
    @classmethod
    def _unprivileged(cls, value: int) -> int:
        return _port(value)

    @field_validator("excluded_title_patterns", "redact_patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return _regexes(value)


class SessionizeSettings(_Section):
    interruption_seconds: int = Field(
        120,
        ge=0,
        le=1800,
        description="interruptions up to this long stay in the surrounding block",
        json_schema_extra=SECONDS,
    )
    rounding_increment: Decimal = Field(
        Decimal("0.1"), ge=Decimal("0.01"), le=1, description="billing increment", json_schema_extra=HOURS
    )
    rounding_direction: Literal["up", "nearest", "down"] = "up"
    rounding_minimum: Decimal = Field(
        Decimal("0.1"), ge=0, le=1, description="minimum billed per entry", json_schema_extra=HOURS
    )
    rounding_grace_seconds: int = Field(
        0,
        ge=0,
        le=3600,
        description="rounding up forgives this much time past a whole increment (0: none)",
        json_schema_extra=SECONDS,
    )
    rounding_scope: Literal["entry", "matter_day"] = Field(
        "entry", description="round each entry, or a matter's whole day once (shared out among its entries)"
    )
    min_confidence: Decimal = Field(
        Decimal("0.6"),
        ge=Decimal("0.1"),
        le=1,
        description="below this a draft is flagged for review",
        json_schema_extra=FRACTION,
    )
    learned_confidence: float = Field(
        0.8,
        ge=0.5,
        le=1,
        description="the learned classifier speaks for a block only at or above this",
        json_schema_extra=FRACTION,
    )
    learned_decides: bool = Field(
        False,
        description="the learned classifier drafts an undecided block to its matter; off, it only suggests the "
        "matter and the draft asks",
    )
    passive_reading_seconds: int = Field(
        1800,
        ge=0,
        le=3600,
        description="a document, filing or research page in front with no input up to this long, the same window "
        "before and after, is kept as reading and flagged (0: never)",
        json_schema_extra=SECONDS,
    )
    calendar_away: bool = Field(
        True,
        description="away time at an attended event (a hearing, a deposition, a meeting at a place) becomes a "
        "draft from the calendar, flagged for confirmation",
    )
    bill_travel: bool = Field(False, description="travel to and from an attended event is drafted too")
    guess_busiest_matter: bool = Field(
        False,
        description="where nothing tells a client's matters apart, draft to its most active one instead of asking",
    )
    personal_domains: list[str] = _list("extra personal web domains (never billed)")
    personal_apps: list[str] = _list("extra personal applications (never billed)")
    admin_patterns: list[str] = _list("extra firm-administration title patterns")
    ai_tool_domains: list[str] = _list("extra generative-AI tool domains (flagged)")
    admin_sites: list[str] = _list(
        "extra e-billing, timekeeping, conflicts or intranet sites: administration even when they name a client"
    )

    def rounding_policy(self) -> RoundingPolicy:
        """The rounding for matters without their own: one place, so drafts and review round alike."""
        return RoundingPolicy(
            self.rounding_increment,
            RoundingDirection(self.rounding_direction),
            self.rounding_minimum,
            self.rounding_grace_seconds,
            RoundingScope(self.rounding_scope),
        )


class ReviewSettings(_Section):
    host: Literal["127.0.0.1"] = "127.0.0.1"
    port: int = Field(0, ge=0, le=65535, description="0 picks a free port")
    reminder_time: str = Field("17:30", description="local time of the end-of-day reminder (HH:MM)")
    require_review: bool = Field(
        True, description="entries leave the machine only after the attorney approves them"
    )

    @field_validator("port")
    @classmethod
    def _unprivileged(cls, value: int) -> int:
        return _port(value)

    @field_validator("reminder_time")
    @classmethod
    def _clock_time(cls, value: str) -> str:
        if not re.fullmatch(r"\d{2}:\d{2}", value):
            raise ValueError("a time of day as HH:MM, e.g. 17:30")
        try:
            time.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value} is not a time of day (00:00 to 23:59)") from None
        return value


class SyncSettings(_Section):
    provider: Literal["", "clio", "mycase", "practicepanther"] = Field(
        "", description="the practice-management system approved entries go to"
    )
    region: Literal["us", "eu", "ca", "au"] = Field("us", description="Clio's data region")
    api_base_url: str = Field(
        "", description="override the provider's API base URL (tests, firm proxies)", json_schema_extra=URL
    )
    authorize_url: str = Field("", description="override the OAuth authorization URL", json_schema_extra=URL)
    token_url: str = Field("", description="override the OAuth token URL", json_schema_extra=URL)
    revoke_url: str = Field("", description="override the OAuth revocation URL", json_schema_extra=URL)
    client_id: str = Field("", max_length=500, description="the firm's OAuth client id for the provider")
    client_secret: str = Field(
        "",
        max_length=500,
        description="the OAuth client secret, where the provider requires one",
        json_schema_extra=SECRET,
    )
    redirect_port: int = Field(
        47820,
        ge=0,
        le=65535,
        description="loopback port of the OAuth redirect registered with the provider, "
        "http://127.0.0.1:PORT/callback (0: any free port)",
    )
    timeout_seconds: float = Field(
        30.0,
        ge=1,
        le=300,
        description="a request slower than this has an unknown outcome",
        json_schema_extra=SECONDS,
    )

    @field_validator("api_base_url", "authorize_url", "token_url", "revoke_url")
    @classmethod
    def _not_in_clear(cls, value: str) -> str:
        return _web_address(value)

    @field_validator("redirect_port")
    @classmethod
    def _unprivileged(cls, value: int) -> int:
        return _port(value)


class BillingSettings(_Section):
    firm_name: str = Field("Your Law Firm", max_length=200, description="letterhead: the firm's name")
    firm_address: list[str] = Field(
        default_factory=list, max_length=8, description="letterhead: address lines"
    )
    firm_contact: str = Field("", max_length=300, description="letterhead: phone / e-mail / web line")
    law_firm_id: str = Field("", max_length=50, description="LEDES LAW_FIRM_ID (e.g. the firm's tax id)")
    invoice_prefix: str = Field(
        "INV-", max_length=20, description="invoice numbers are this prefix and a sequence"
    )
    default_timekeeper: str = Field(
        "ATTY",
        max_length=20,
        description="timekeeper id for entries without one (the solo attorney; empty: none)",
    )
    timekeeper_name: str = Field(
        "",
        max_length=200,
        description="the default timekeeper's name, 'Surname, First' (empty: the firm name)",
    )
    timekeeper_initials: str = Field("", max_length=10, description="the default timekeeper's initials")
    timekeeper_classification: Literal["PT", "AS", "OC", "LA", "OT"] = Field(
        "PT", description="the default timekeeper's LEDES classification"
    )
    timekeeper_rate: Decimal | None = Field(
        None,
        ge=0,
        le=100000,
        description="the default timekeeper's hourly rate",
        json_schema_extra={"unit": "per hour"},
    )
    firm_rate: Decimal | None = Field(
        None,
        ge=0,
        le=100000,
        description="the firm's default hourly rate (used when no other rate applies)",
        json_schema_extra={"unit": "per hour"},
    )
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$", description="currency of the rates above")
    payment_link_template: str = Field(
        "",
        description="payment link, e.g. https://secure.lawpay.com/pages/{account}/pay?amount={amount}&reference={number}"
        " (placeholders: {number} {amount} {currency} {account})",
    )
    payment_account: str = Field(
        "", max_length=200, description="the account id the payment link template uses"
    )
    smtp_host: str = Field("127.0.0.1", max_length=253, description="SMTP server for reminders")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_username: str = Field(
        "", max_length=200, description="SMTP login (the password is read from the keyring)"
    )
    smtp_starttls: bool = False
    sender: str = Field(
        "billing@localhost", max_length=254, description="From: address of reminders and letters"
    )
    reminder_ladder: str = Field(
        "before-due:-7,30-days:30,60-days:60,90-days:90", description="name:days relative to the due date"
    )
    letter_signer: str = Field(
        "Accounts receivable", max_length=200, description="who signs collection letters"
    )
    apply_credit: bool = Field(
        True, description="apply a client's credit on account to its oldest open invoices on finalising"
    )
    reminders_attach_invoice: bool = Field(
        False, description="attach the full invoice (with work descriptions) to reminders, not only a statement"
    )

    @field_validator("payment_link_template")
    @classmethod
    def _known_placeholders(cls, value: str) -> str:
        """A template with an unknown placeholder ({invoice}) is refused when set, not when an invoice is drafted."""
        try:
            names = {name for _, name, _, _ in string.Formatter().parse(value) if name is not None}
        except ValueError as exc:
            raise ValueError(f"not a link template: {exc}") from exc
        unknown = names - PAYMENT_LINK_FIELDS
        if unknown:
            raise ValueError(
                f"unknown placeholder(s) {', '.join('{' + n + '}' for n in sorted(unknown))}; "
                f"use {', '.join('{' + n + '}' for n in sorted(PAYMENT_LINK_FIELDS))}"
            )
        return value


class FirmSettings(_Section):
    database_url: str = Field(
        "",
        description="the firm ledger's PostgreSQL URL (on the ledger's server; agents never need it)",
        json_schema_extra=URL,
    )
    host: str = Field("127.0.0.1", max_length=253, description="address `ledgerwatch firm serve` listens on")
    port: int = Field(8600, ge=1, le=65535, description="port `ledgerwatch firm serve` listens on")
    certfile: str = Field(
        "", max_length=1000, description="TLS certificate (PEM) for the ledger; empty: plain HTTP behind a proxy"
    )
    keyfile: str = Field("", max_length=1000, description="the certificate's private key (PEM)")


class AISettings(_Section):
    enabled: bool = False
    base_url: str = Field("", description="the OpenAI-compatible endpoint", json_schema_extra=URL)
    model: str = Field("", max_length=200)
    allowed_endpoints: list[str] = _list("IT allow-list of base URLs ([] = any)")
    daily_budget_requests: int = Field(200, ge=0, le=100000, json_schema_extra={"unit": "requests/day"})
    timeout_seconds: float = Field(20.0, ge=1, le=300, json_schema_extra=SECONDS)
    redact_names: list[str] = _list("people's names always redacted before sending")
    redact_patterns: list[str] = _list("extra regexes redacted before sending")
    suggest_below: Decimal = Field(
        Decimal("0.6"),
        ge=0,
        le=1,
        description="drafts below this confidence get a suggestion",
        json_schema_extra=FRACTION,
    )
    rewrite_narratives: bool = False
    max_candidates: int = Field(60, ge=1, le=1000)
    accept_confidence: float = Field(0.5, ge=0, le=1, json_schema_extra=FRACTION)
    suggest_codes: bool = Field(False, description="ask the AI for UTBMS task and activity codes")
    build_budget_seconds: float = Field(
        15.0,
        ge=1,
        le=600,
        description="the most time one build spends waiting on the AI endpoint",
        json_schema_extra=SECONDS,
    )

    @field_validator("redact_patterns")
    @classmethod
    def _compiles(cls, value: list[str]) -> list[str]:
        return _regexes(value)


class NetworkSettings(_Section):
    proxy: str = Field(
        "",
        description='proxy for the provider and AI: "" the system\'s (HTTPS_PROXY, Windows/macOS settings), '
        '"direct" none, or http://host:port',
        json_schema_extra=URL,
    )
    system_trust_store: bool = Field(
        True, description="verify TLS with the OS trust store (where TLS-inspecting proxies' roots are); false: certifi"
    )

    @field_validator("proxy")
    @classmethod
    def _proxy_address(cls, value: str) -> str:
        if value in ("", "direct"):
            return value
        try:
            parts = urlsplit(value)
            host = parts.hostname or ""
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError as exc:
            raise ValueError(f"not a proxy address: {exc}") from None
        if parts.scheme in PROXY_SCHEMES and host:
            return value
        raise ValueError('"" (the system\'s), "direct", or a proxy address such as http://proxy.firm.example:3128')


class Settings(_Section):
    timezone: str = Field("", description="the attorney's IANA timezone; empty means the system's")
    database_url: str = Field(
        "",
        description="empty: the local SQLite file; or a PostgreSQL URL for firm mode",
        json_schema_extra=URL,
    )
    start_at_login: bool = False
    capture: CaptureSettings = CaptureSettings()
    sessionize: SessionizeSettings = SessionizeSettings()
    review: ReviewSettings = ReviewSettings()
    sync: SyncSettings = SyncSettings()
    billing: BillingSettings = BillingSettings()
    firm: FirmSettings = FirmSettings()
    ai: AISettings = AISettings()
    network: NetworkSettings = NetworkSettings()

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        if value:
            try:
                ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise ValueError(f"unknown timezone {value!r}") from exc
        return value

    def zone(self) -> tzinfo:
        return ZoneInfo(self.timezone or system_timezone())


def _regexes(patterns: list[str]) -> list[str]:
    for pattern in patterns:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a regular expression: {exc}") from None
    return patterns


def system_timezone() -> str:
    """The system's IANA zone name (TZ, /etc/timezone, /etc/localtime), or UTC when unknown."""
    tz = os.environ.get("TZ", "").lstrip(":")
    if tz and _valid_zone(tz):
        return tz
    etc = Path("/etc/timezone")
    if etc.exists():
        name = etc.read_text(encoding="utf-8", errors="replace").strip()
        if _valid_zone(name):
            return name
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            name = target.split("zoneinfo/", 1)[1]
            if _valid_zone(name):
                return name
    return "UTC"


def _valid_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True
