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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import platformdirs
from pydantic import BaseModel, TypeAdapter, ValidationError

from ledgerwatch import permissions
from ledgerwatch.config.display import display_value, field_extra
from ledgerwatch.config.model import (
    AISettings,
    BillingSettings,
    CaptureSettings,
    FirmSettings,
    NetworkSettings,
    ReviewSettings,
    SessionizeSettings,
    Settings,
    SyncSettings,
    system_timezone,
)
from ledgerwatch.domain.errors import LedgerwatchError

if TYPE_CHECKING:
    from ledgerwatch.policy import ManagedPolicy

__all__ = [
    "AISettings",
    "BillingSettings",
    "CaptureSettings",
    "ConfigError",
    "Effective",
    "FirmSettings",
    "NetworkSettings",
    "Paths",
    "PolicyLocked",
    "ReviewSettings",
    "SessionizeSettings",
    "Settings",
    "SyncSettings",
    "display_value",
    "dump_toml",
    "explain",
    "field_extra",
    "flatten",
    "known_keys",
    "load",
    "managed_policy",
    "nest",
    "policy_problem",
    "resolve_paths",
    "set_user_value",
    "system_policy_file",
    "system_timezone",
]

ENV_PREFIX = "LEDGERWATCH_"
APP = "ledgerwatch"


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
        """(key, value as it may be shown, where it came from) for every setting: secrets only "set"/"not set"."""
        return [
            (k, display_value(k, self.value(k)), self.origins.get(k, "default")) for k in sorted(known_keys())
        ]

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
        where, why = explain(exc)
        raise ConfigError(f"setting {where} ({origins.get(where, 'default')}): {why}") from exc
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
        where, why = explain(exc)
        return f"{where}: {why}"
    return None


def explain(exc: ValidationError) -> tuple[str, str]:
    """The first refused key and why, with the setting's unit ("... less than or equal to 7200 s")."""
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"] if not isinstance(p, int))
    why = str(first["msg"]).removeprefix("Value error, ")
    unit = field_extra(where).get("unit") if where in known_keys() else None
    if unit and first["type"] in {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}:
        why += f" {unit}"
    return where, why


def set_user_value(effective: Effective, dotted: str, raw: str) -> Path:
    """Write one setting to the user file (0600), refusing keys that the policy locks.

    The value passes the settings model's own validation (types, bounds, units) before anything is written:
    the same check the page, the environment and the policy meet.
    """
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
            raise ConfigError(f"{dotted}: {explain(exc)[1]}") from exc
    current = _read_toml(effective.paths.user_file, "the user settings file")
    current[dotted] = value
    try:
        Settings.model_validate(nest(current))
    except ValidationError as exc:
        where, why = explain(exc)
        raise ConfigError(f"{where or dotted}: {why}") from exc
    permissions.private_dir(effective.paths.config_dir)
    permissions.write_private(effective.paths.user_file, dump_toml(current))
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
