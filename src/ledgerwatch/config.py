"""Settings, layered: managed policy (locked) > environment LEDGERWATCH_* > the user's TOML file > defaults.

Each effective value remembers where it came from, so `ledgerwatch config show` can say why a setting is what
it is, and a policy-locked key cannot be changed from any lower layer.
"""

from __future__ import annotations

import json
import os
import sys
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import tzinfo
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError, field_validator

from ledgerwatch.domain import RoundingDirection, RoundingPolicy
from ledgerwatch.domain.errors import LedgerwatchError

if TYPE_CHECKING:
    from ledgerwatch.policy import ManagedPolicy

ENV_PREFIX = "LEDGERWATCH_"
APP = "ledgerwatch"


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CaptureSettings(_Section):
    enabled: bool = True
    sample_seconds: float = Field(1.0, gt=0, description="how often the active window is sampled")
    flush_seconds: float = Field(10.0, gt=0, description="how often samples are written to the store")
    idle_threshold_seconds: int = Field(
        300, ge=10, description="no input for this long starts an away period"
    )
    excluded_apps: list[str] = Field(default_factory=list, description="applications never recorded")
    excluded_title_patterns: list[str] = Field(
        default_factory=list, description="regexes; matching windows are not recorded"
    )
    excluded_domains: list[str] = Field(default_factory=list, description="web domains never recorded")
    redact_patterns: list[str] = Field(
        default_factory=list,
        description="extra regexes removed from titles and URLs before storing (US SSNs and card numbers always are)",
    )
    browser_port: int = Field(
        47813, ge=0, le=65535, description="127.0.0.1 port for the browser extension (0: off)"
    )
    retention_days: int = Field(60, ge=1, description="raw activity older than this is purged")


class SessionizeSettings(_Section):
    interruption_seconds: int = Field(
        120, ge=0, description="interruptions up to this long stay in the surrounding block"
    )
    rounding_increment: Decimal = Field(Decimal("0.1"), gt=0, description="billing increment in hours")
    rounding_direction: Literal["up", "nearest", "down"] = "up"
    rounding_minimum: Decimal = Field(Decimal("0.1"), ge=0, description="minimum billed hours per entry")
    min_confidence: Decimal = Field(
        Decimal("0.6"), ge=0, le=1, description="below this a draft is flagged for review"
    )
    learned_confidence: float = Field(
        0.8, ge=0, le=1, description="the learned classifier decides a block only at or above this"
    )
    personal_domains: list[str] = Field(
        default_factory=list, description="extra personal web domains (never billed)"
    )
    personal_apps: list[str] = Field(
        default_factory=list, description="extra personal applications (never billed)"
    )
    admin_patterns: list[str] = Field(
        default_factory=list, description="extra firm-administration title patterns"
    )
    ai_tool_domains: list[str] = Field(
        default_factory=list, description="extra generative-AI tool domains (flagged)"
    )
    admin_sites: list[str] = Field(
        default_factory=list,
        description="extra e-billing, timekeeping, conflicts or intranet sites: administration even when "
        "they name a client",
    )

    def rounding_policy(self) -> RoundingPolicy:
        """The rounding for matters without their own: one place, so drafts and review round alike."""
        return RoundingPolicy(
            self.rounding_increment, RoundingDirection(self.rounding_direction), self.rounding_minimum
        )


class ReviewSettings(_Section):
    host: Literal["127.0.0.1"] = "127.0.0.1"
    port: int = Field(0, ge=0, le=65535, description="0 picks a free port")
    reminder_time: str = Field(
        "17:30", pattern=r"^\d{2}:\d{2}$", description="local time of the end-of-day reminder"
    )
    require_review: bool = Field(
        True, description="entries leave the machine only after the attorney approves them"
    )


class SyncSettings(_Section):
    provider: Literal["", "clio", "mycase", "practicepanther"] = Field(
        "", description="the practice-management system approved entries go to"
    )
    region: Literal["us", "eu", "ca", "au"] = Field("us", description="Clio's data region")
    api_base_url: str = Field("", description="override the provider's API base URL (tests, firm proxies)")
    authorize_url: str = Field("", description="override the OAuth authorization URL")
    token_url: str = Field("", description="override the OAuth token URL")
    revoke_url: str = Field("", description="override the OAuth revocation URL")
    client_id: str = Field("", description="the firm's OAuth client id for the provider")
    client_secret: str = Field("", description="the OAuth client secret, where the provider requires one")
    redirect_port: int = Field(
        0, ge=0, le=65535, description="loopback port registered for the OAuth redirect (0: any)"
    )
    timeout_seconds: float = Field(
        30.0, gt=0, description="a request slower than this has an unknown outcome"
    )


class BillingSettings(_Section):
    firm_name: str = Field("Your Law Firm", description="letterhead: the firm's name")
    firm_address: list[str] = Field(default_factory=list, description="letterhead: address lines")
    firm_contact: str = Field("", description="letterhead: phone / e-mail / web line")
    law_firm_id: str = Field("", description="LEDES LAW_FIRM_ID (e.g. the firm's tax id)")
    invoice_prefix: str = Field("INV-", description="invoice numbers are this prefix and a sequence")
    default_timekeeper: str = Field(
        "ATTY", description="timekeeper id for entries without one (the solo attorney; empty: none)"
    )
    timekeeper_name: str = Field(
        "", description="the default timekeeper's name, 'Surname, First' (empty: the firm name)"
    )
    timekeeper_initials: str = Field("", description="the default timekeeper's initials")
    timekeeper_classification: Literal["PT", "AS", "OC", "LA", "OT"] = Field(
        "PT", description="the default timekeeper's LEDES classification"
    )
    timekeeper_rate: Decimal | None = Field(None, ge=0, description="the default timekeeper's hourly rate")
    firm_rate: Decimal | None = Field(
        None, ge=0, description="the firm's default hourly rate (used when no other rate applies)"
    )
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$", description="currency of the rates above")
    payment_link_template: str = Field(
        "",
        description="payment link, e.g. https://secure.lawpay.com/pages/{account}/pay?amount={amount}&reference={invoice}",
    )
    payment_account: str = Field("", description="the account id the payment link template uses")
    smtp_host: str = Field("127.0.0.1", description="SMTP server for reminders")
    smtp_port: int = Field(25, ge=1, le=65535)
    smtp_username: str = Field("", description="SMTP login (the password is read from the keyring)")
    smtp_starttls: bool = False
    sender: str = Field("billing@localhost", description="From: address of reminders and letters")
    reminder_ladder: str = Field(
        "before-due:-7,30-days:30,60-days:60,90-days:90", description="name:days relative to the due date"
    )
    letter_signer: str = Field("Accounts receivable", description="who signs collection letters")


class AISettings(_Section):
    enabled: bool = False
    base_url: str = ""
    model: str = ""
    allowed_endpoints: list[str] = Field(
        default_factory=list, description="IT allow-list of base URLs ([] = any)"
    )
    daily_budget_requests: int = Field(200, ge=0)
    timeout_seconds: float = Field(20.0, gt=0)
    redact_names: list[str] = Field(
        default_factory=list, description="people's names always redacted before sending"
    )
    redact_patterns: list[str] = Field(
        default_factory=list, description="extra regexes redacted before sending"
    )
    suggest_below: Decimal = Field(
        Decimal("0.6"), ge=0, le=1, description="drafts below this confidence get a suggestion"
    )
    rewrite_narratives: bool = False
    max_candidates: int = Field(60, ge=1)
    accept_confidence: float = Field(0.5, ge=0, le=1)
    suggest_codes: bool = Field(False, description="ask the AI for UTBMS task and activity codes")
    build_budget_seconds: float = Field(
        15.0, gt=0, description="the most time one build spends waiting on the AI endpoint"
    )


class NetworkSettings(_Section):
    proxy: str = Field(
        "",
        description='proxy for the provider and AI: "" the system\'s (HTTPS_PROXY, Windows/macOS settings), '
        '"direct" none, or http://host:port',
    )
    system_trust_store: bool = Field(
        True, description="verify TLS with the OS trust store (where TLS-inspecting proxies' roots are); false: certifi"
    )


class Settings(_Section):
    timezone: str = Field("", description="the attorney's IANA timezone; empty means the system's")
    database_url: str = Field(
        "", description="empty: the local SQLite file; or a PostgreSQL URL for firm mode"
    )
    start_at_login: bool = False
    capture: CaptureSettings = CaptureSettings()
    sessionize: SessionizeSettings = SessionizeSettings()
    review: ReviewSettings = ReviewSettings()
    sync: SyncSettings = SyncSettings()
    billing: BillingSettings = BillingSettings()
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


class ConfigError(LedgerwatchError):
    """A settings file or value is wrong; the message says which and why."""


class PolicyLocked(ConfigError):
    pass


@dataclass(frozen=True)
class Paths:
    home: Path | None
    config_dir: Path
    data_dir: Path
    policy_file: Path

    @property
    def user_file(self) -> Path:
        return self.config_dir / "config.toml"

    @property
    def database(self) -> Path:
        return self.data_dir / "ledgerwatch.db"

    @property
    def backups(self) -> Path:
        return self.data_dir / "backups"


def system_policy_file() -> Path:
    if sys.platform == "win32":
        return Path(os.environ.get("PROGRAMDATA", r"C:\ProgramData")) / APP / "policy.toml"
    if sys.platform == "darwin":
        return Path("/Library/Application Support") / APP / "policy.toml"
    return Path("/etc") / APP / "policy.toml"


def resolve_paths(env: Mapping[str, str] | None = None) -> Paths:
    """Config and data folders from platformdirs, or all under LEDGERWATCH_HOME when set.

    The policy file is the system one; LEDGERWATCH_POLICY_FILE names another only when no system policy
    exists (development and tests), so a user cannot step around IT's policy.
    """
    env = os.environ if env is None else env
    policy = system_policy_file()
    if not policy.exists() and env.get(f"{ENV_PREFIX}POLICY_FILE"):
        policy = Path(env[f"{ENV_PREFIX}POLICY_FILE"])
    home = env.get(f"{ENV_PREFIX}HOME")
    if home:
        root = Path(home).expanduser()
        return Paths(root, root / "config", root / "data", policy)
    return Paths(
        None,
        Path(platformdirs.user_config_dir(APP, appauthor=False)),
        Path(platformdirs.user_data_dir(APP, appauthor=False)),
        policy,
    )


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


def flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested tables (TOML, plist) to dotted keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, dotted + "."))
        else:
            out[dotted] = value
    return out


def nest(flat: Mapping[str, Any]) -> dict[str, Any]:
    """Dotted keys to nested tables."""
    out: dict[str, Any] = {}
    for dotted, value in flat.items():
        node = out
        *parents, leaf = dotted.split(".")
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = value
    return out


def known_keys() -> dict[str, Any]:
    """Every setting's dotted key with its field annotation."""
    keys: dict[str, Any] = {}
    for name, info in Settings.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subinfo in annotation.model_fields.items():
                keys[f"{name}.{sub}"] = subinfo.annotation
        else:
            keys[name] = annotation
    return keys


def _read_toml(path: Path, what: str) -> dict[str, Any]:
    if not path.exists():
        return {}
    try:
        with path.open("rb") as f:
            data = tomllib.load(f)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: {what} is not valid TOML: {exc}") from exc
    flat = flatten(data)
    unknown = sorted(set(flat) - set(known_keys()) - {"locked"})
    if unknown:
        raise ConfigError(f"{path}: unknown setting(s) in {what}: {', '.join(unknown)}")
    return flat


def _from_env(env: Mapping[str, str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    keys = known_keys()
    for dotted, annotation in keys.items():
        name = ENV_PREFIX + dotted.upper().replace(".", "__")
        if name not in env:
            continue
        raw = env[name]
        if "list" in str(annotation):
            raw_value: Any = (
                json.loads(raw) if raw.strip().startswith("[") else [v for v in raw.split(",") if v]
            )
        else:
            raw_value = raw
        out[dotted] = raw_value
    return out


@dataclass(frozen=True)
class Effective:
    """The effective settings and, per dotted key, where its value came from."""

    settings: Settings
    origins: dict[str, str]
    locked: frozenset[str]
    paths: Paths
    policy: dict[str, Any] = field(default_factory=dict)
    policy_problems: tuple[str, ...] = ()
    """broken policy sources (each kept at its last good version): say so in status, the tray and the log"""

    def value(self, dotted: str) -> Any:
        node: Any = self.settings
        for part in dotted.split("."):
            node = getattr(node, part)
        return node

    def rows(self) -> list[tuple[str, Any, str]]:
        return [(k, self.value(k), self.origins.get(k, "default")) for k in sorted(known_keys())]

    @property
    def database_target(self) -> str:
        return self.settings.database_url or str(self.paths.database)


def load(env: Mapping[str, str] | None = None, overrides: Mapping[str, Any] | None = None) -> Effective:
    """Read every layer and validate the result. overrides come from the command line (below policy)."""
    env = os.environ if env is None else env
    paths = resolve_paths(env)
    managed = managed_policy(paths)
    policy = dict(managed.values)
    user = _read_toml(paths.user_file, "the user settings file")
    environment = _from_env(env)
    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    layers = (
        (user, f"user file {paths.user_file}"),
        (environment, "environment"),
        (dict(overrides or {}), "command line"),
        (policy, f"policy {paths.policy_file} (locked)"),
    )
    locked = {k for k in policy if k != "locked"} | set(policy.get("locked", []))
    for layer, origin in layers:
        is_policy = layer is policy
        for key, value in layer.items():
            if key == "locked" or (key in locked and not is_policy):
                continue  # a locked key takes the policy's value, or the default when the policy names it only
            merged[key] = value
            origins[key] = (
                origin
                if origin != "environment"
                else f"environment {ENV_PREFIX}{key.upper().replace('.', '__')}"
            )
    for key, source in managed.origins.items():
        origins[key] = f"policy {source} (locked)"
    for key in locked - set(origins):
        origins[key] = f"default, locked by policy {paths.policy_file}"
    try:
        settings = Settings.model_validate(nest(merged))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"setting {where} ({origins.get(where, 'default')}): {first['msg']}") from exc
    return Effective(settings, origins, frozenset(locked), paths, policy, managed.problems)


def managed_policy(paths: Paths) -> ManagedPolicy:
    """IT's policy from every source of this platform (registry, managed preferences, the policy file).

    A broken source keeps its last good values (remembered per user) and is reported, so one typo in a policy
    stops no agent. A development override (LEDGERWATCH_POLICY_FILE) may belong to the user running it.
    """
    from ledgerwatch import policy

    override = paths.policy_file != system_policy_file()
    uid = os.geteuid() if override and hasattr(os, "geteuid") else None
    sources = policy.system_sources(paths.policy_file, trusted_uids=() if uid is None else (uid,))
    cache = policy.LastGood(paths.data_dir / "policy-last-good.json")
    return policy.read_policy(sources, policy_problem, cache)


def policy_problem(values: Mapping[str, Any]) -> str | None:
    """Why a policy source's values are invalid on their own (unknown key, bad value, bad lock), or None."""
    keys = known_keys()
    unknown = sorted(set(values) - set(keys) - {"locked"})
    if unknown:
        return f"unknown setting(s): {', '.join(unknown)}"
    locked = values.get("locked", [])
    if not isinstance(locked, list):
        return "locked must be a list of setting names"
    bad = sorted({str(k) for k in locked} - set(keys))
    if bad:
        return f"locked names unknown setting(s): {', '.join(bad)}"
    try:
        Settings.model_validate(nest({k: v for k, v in values.items() if k != "locked"}))
    except ValidationError as exc:
        first = exc.errors()[0]
        return f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}"
    return None


def set_user_value(effective: Effective, dotted: str, raw: str) -> Path:
    """Write one setting to the user file, refusing keys that the policy locks."""
    keys = known_keys()
    if dotted not in keys:
        raise ConfigError(f"unknown setting {dotted!r}; see `ledgerwatch config show`")
    if dotted in effective.locked:
        raise PolicyLocked(
            f"{dotted} is set by your organisation's policy ({effective.paths.policy_file}) and cannot be changed"
        )
    value: Any = raw
    annotation = keys[dotted]
    if "list" in str(annotation):
        value = [v.strip() for v in raw.split(",") if v.strip()]
    elif annotation in (bool, int, float):
        try:
            value = TypeAdapter(annotation).validate_python(raw)
        except ValidationError as exc:
            raise ConfigError(f"{dotted}: {exc.errors()[0]['msg']}") from exc
    current = _read_toml(effective.paths.user_file, "the user settings file")
    current[dotted] = value
    try:
        Settings.model_validate(nest({k: v for k, v in current.items()}))
    except ValidationError as exc:
        raise ConfigError(f"{dotted}: {exc.errors()[0]['msg']}") from exc
    effective.paths.user_file.parent.mkdir(parents=True, exist_ok=True)
    effective.paths.user_file.write_text(dump_toml(current), encoding="utf-8")
    return effective.paths.user_file


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return json.dumps(str(value))


def dump_toml(flat: Mapping[str, Any]) -> str:
    """A small TOML writer for flat dotted settings (scalars and lists)."""
    top = {k: v for k, v in flat.items() if "." not in k}
    sections: dict[str, dict[str, Any]] = {}
    for k, v in flat.items():
        if "." in k:
            section, leaf = k.split(".", 1)
            sections.setdefault(section, {})[leaf] = v
    lines = [f"{k} = {_toml_value(v)}" for k, v in sorted(top.items())]
    for section, values in sorted(sections.items()):
        lines.append(f"\n[{section}]")
        lines += [f"{k} = {_toml_value(v)}" for k, v in sorted(values.items())]
    return "\n".join(lines).strip() + "\n"
