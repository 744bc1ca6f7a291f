"""The settings page: every setting as a typed control built from the settings model's own field metadata.

Types, bounds (ge/le/gt/lt), choices, descriptions and a unit (json_schema_extra={"unit": ...}, else read
from the name) come from config.Settings, so bounds added there appear here without a change. Values are
validated by that same model before anything is written. A setting the model marks secret is shown only as
set or not set, and an address shows no password or key (config.display_value): the page never holds them.
"""

from __future__ import annotations

import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from ledgerwatch import config
from ledgerwatch.workday.views import Outcome

EDITABLE_SETTINGS = (
    "review.reminder_time",
    "start_at_login",
    "sessionize.min_confidence",
    "sessionize.rounding_increment",
    "sessionize.rounding_direction",
    "sessionize.rounding_minimum",
    "sessionize.rounding_grace_seconds",
    "sessionize.rounding_scope",
    "capture.idle_threshold_seconds",
    "capture.retention_days",
    "billing.timekeeper_rate",
    "billing.firm_rate",
)
"""settings the review page may write to the user file"""

GROUPS = {
    "sessionize": "Drafts and rounding",
    "capture": "Capture",
    "review": "Review",
    "billing": "Billing",
    "sync": "Practice-management sync",
    "ai": "AI assist",
    "": "General",
}
UNITS_BY_SUFFIX = {"seconds": "s", "minutes": "min", "days": "days", "hours": "h", "requests": "requests"}


@dataclass(frozen=True, slots=True)
class SettingControl:
    """One setting as the page shows it: a typed control (or a read-only value) with its bounds and origin."""

    key: str
    label: str
    control: str
    """checkbox | number | select | text | list | secret"""
    value: str
    """the value as the control shows it ("" for a secret)"""
    description: str = ""
    unit: str = ""
    minimum: str = ""
    maximum: str = ""
    step: str = ""
    choices: tuple[str, ...] = ()
    origin: str = "default"
    locked: bool = False
    editable: bool = False
    is_set: bool = False
    """for a secret: whether a value is set (the value itself is never shown)"""

    @property
    def checked(self) -> bool:
        return self.value == "true"


@dataclass(frozen=True, slots=True)
class SettingGroup:
    name: str
    title: str
    controls: tuple[SettingControl, ...]

    @property
    def editable(self) -> tuple[SettingControl, ...]:
        return tuple(c for c in self.controls if c.editable)


def is_secret(key: str) -> bool:
    """The settings model marks it secret (json_schema_extra={"secret": True})."""
    return bool(config.field_extra(key).get("secret"))


def _fields() -> dict[str, FieldInfo]:
    out: dict[str, FieldInfo] = {}
    for name, info in config.Settings.model_fields.items():
        annotation = info.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            out.update((f"{name}.{sub}", subinfo) for sub, subinfo in annotation.model_fields.items())
        else:
            out[name] = info
    return out


def _bounds(info: FieldInfo) -> tuple[str, str]:
    """(min, max) from the field's inclusive constraints (ge/le)."""
    low = next((str(m.ge) for m in info.metadata if getattr(m, "ge", None) is not None), "")
    high = next((str(m.le) for m in info.metadata if getattr(m, "le", None) is not None), "")
    return low, high


def _strict(info: FieldInfo) -> dict[str, Any]:
    """The exclusive bounds (gt/lt) a number input cannot say, for the page's hint."""
    found: dict[str, Any] = {}
    for m in info.metadata:
        for attr in ("gt", "lt"):
            if getattr(m, attr, None) is not None:
                found[attr] = getattr(m, attr)
    return found


def _base(annotation: Any) -> tuple[Any, bool]:
    """The annotation without Optional, and whether None is allowed."""
    args = typing.get_args(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        return rest[0], True
    return annotation, False


def _unit(key: str, info: FieldInfo) -> str:
    extra = info.json_schema_extra
    if isinstance(extra, dict) and isinstance(extra.get("unit"), str):
        return str(extra["unit"])
    leaf = key.rsplit(".", 1)[-1]
    if leaf.endswith(("_increment", "_minimum")) and "rounding" in leaf:
        return "h"
    if leaf.endswith("_rate"):
        return "per hour"
    if leaf.endswith("confidence") or leaf in ("suggest_below",):
        return "0–1"
    return next((u for suffix, u in UNITS_BY_SUFFIX.items() if leaf.endswith(suffix)), "")


def _label(key: str) -> str:
    leaf = key.rsplit(".", 1)[-1]
    for suffix in ("_seconds", "_minutes", "_days"):
        leaf = leaf.removesuffix(suffix)
    return leaf.replace("_", " ").capitalize()


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if value is None:
        return ""
    return str(value)


def control_for(key: str, info: FieldInfo, value: Any, origin: str, locked: bool) -> SettingControl:
    """The control a setting gets from its type and constraints."""
    annotation, _ = _base(info.annotation)
    editable = key in EDITABLE_SETTINGS and not locked
    common: dict[str, Any] = {
        "key": key,
        "label": _label(key),
        "description": info.description or "",
        "unit": _unit(key, info),
        "origin": origin,
        "locked": locked,
        "editable": editable,
    }
    if is_secret(key):
        return SettingControl(control="secret", value="", is_set=bool(value), **common)
    if config.field_extra(key).get("url"):
        return SettingControl(control="text", value=_shown(config.display_value(key, value)), **common)
    if annotation is bool:
        return SettingControl(control="checkbox", value=_shown(value), **common)
    if typing.get_origin(annotation) is Literal:
        return SettingControl(
            control="select",
            value=_shown(value),
            choices=tuple(str(a) for a in typing.get_args(annotation)),
            **common,
        )
    if annotation in (int, float, Decimal):
        low, high = _bounds(info)
        strict = _strict(info)
        step = "1" if annotation is int else "any"
        if "gt" in strict and not low:
            low = str(strict["gt"]) if annotation is int else ""
        hint = " ".join(f"{'more than' if k == 'gt' else 'less than'} {v}" for k, v in strict.items())
        if hint:
            common["description"] = f"{common['description']} ({hint})".strip()
        return SettingControl(
            control="number", value=_shown(value), minimum=low, maximum=high, step=step, **common
        )
    if typing.get_origin(annotation) is list:
        return SettingControl(control="list", value=_shown(value), **common)
    return SettingControl(control="text", value=_shown(value), **common)


def setting_groups(effective: config.Effective) -> list[SettingGroup]:
    """Every setting, grouped by area, editable ones first in each group."""
    fields = _fields()
    grouped: dict[str, list[SettingControl]] = {}
    for key, _shown_value, origin in effective.rows():
        info = fields.get(key)
        if info is None:
            continue
        value = effective.value(key)  # control_for shows a secret as set or not, an address masked
        section = key.split(".", 1)[0] if "." in key else ""
        grouped.setdefault(section, []).append(control_for(key, info, value, origin, key in effective.locked))
    order = list(GROUPS)
    return [
        SettingGroup(
            name or "general",
            GROUPS.get(name, name.capitalize()),
            tuple(sorted(c, key=lambda x: not x.editable)),
        )
        for name, c in sorted(grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else 99)
    ]


def editable_settings(effective: config.Effective) -> tuple[str, ...]:
    """The page's settings the policy leaves to the attorney."""
    return tuple(k for k in EDITABLE_SETTINGS if k not in effective.locked)


def change_settings(effective: config.Effective, values: Mapping[str, str]) -> Outcome:
    """Validate the changed values together through the settings model, then write them (all or none)."""
    changed: dict[str, str] = {}
    for key, raw in values.items():
        if key not in EDITABLE_SETTINGS:
            return Outcome(False, f"{key!r} cannot be changed here; use `ledgerwatch config set`")
        if key in effective.locked:
            return Outcome(False, f"{key} is set by your organisation's policy and cannot be changed here")
        if raw.strip() != _shown(effective.value(key)):
            changed[key] = raw.strip()
    if not changed:
        return Outcome(True, "nothing changed")
    cleared = [k for k, v in changed.items() if v == "" and k in _optional()]
    if cleared:
        return Outcome(
            False, f"to clear {cleared[0]}, use `ledgerwatch config set {cleared[0]} ''`; nothing was saved"
        )
    flat: dict[str, Any] = {k: effective.value(k) for k in config.known_keys()}
    flat.update(changed)
    try:
        config.Settings.model_validate(config.nest(flat)).sessionize.rounding_policy()
    except ValidationError as exc:
        where, why = config.explain(exc)
        return Outcome(False, f"{_label(where)} ({where}): {why}; nothing was saved")
    except ValueError as exc:
        return Outcome(False, f"{exc}; nothing was saved")
    path = None
    try:
        for key, raw in changed.items():
            path = config.set_user_value(effective, key, raw)
    except config.ConfigError as exc:
        return Outcome(False, str(exc))
    names = ", ".join(f"{_label(k).lower()} = {config.display_value(k, v) or 'none'}" for k, v in changed.items())
    return Outcome(True, f"saved {names} to {path}; it takes effect at the next start")


def _optional() -> frozenset[str]:
    return frozenset(k for k, info in _fields().items() if _base(info.annotation)[1])
