"""Write the managed policy TOML from installer choices: `ledgerwatch policy write OUT [KEY=VALUE ...]`.

Installers cannot write TOML themselves (wixl has no IniFile or script actions, a macOS postinstall gets its
choices from a configuration profile), so they call the installed executable with what IT chose. Every value is
validated against ledgerwatch.config.Settings before anything is written, and the file is replaced atomically.
Empty values (an MSI property left unset) are skipped; with no values at all the existing policy is kept.
"""

from __future__ import annotations

import argparse
import os
import plistlib
import sys
import tomllib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ledgerwatch import config

HEADER = (
    "# ledgerwatch managed policy, written by the installer on {when}.\n"
    "# Every key below is locked: users cannot change it (see `ledgerwatch config show`).\n"
    "# Keys: docs/deploying.md. Re-run the installer (or edit this file as an administrator) to change it.\n\n"
)


class PolicyError(Exception):
    """A policy value or source file is wrong; the message names the key or file."""


def read_source(path: Path) -> dict[str, Any]:
    """Policy values from a TOML file or a macOS property list (a configuration profile's payload)."""
    try:
        if path.suffix == ".plist":
            with path.open("rb") as f:
                data = plistlib.load(f)
        else:
            with path.open("rb") as f:
                data = tomllib.load(f)
    except (OSError, tomllib.TOMLDecodeError, plistlib.InvalidFileException, ValueError) as exc:
        raise PolicyError(f"{path}: cannot read policy source: {exc}") from exc
    # A configuration profile adds its own bookkeeping keys (PayloadUUID, ...): they are not settings.
    return {k: v for k, v in config.flatten(data).items() if not k.startswith("Payload")}


def parse_assignments(pairs: Sequence[str]) -> dict[str, Any]:
    """KEY=VALUE strings to raw values; lists are comma-separated; empty values are dropped."""
    keys = config.known_keys()
    out: dict[str, Any] = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        key = key.strip()
        if not sep:
            raise PolicyError(f"{pair!r}: expected KEY=VALUE")
        if raw.strip() == "":
            continue
        if key == "locked" or "list" in str(keys.get(key, "")):
            out[key] = [v.strip() for v in raw.split(",") if v.strip()]
        else:
            out[key] = raw.strip()
    return out


def build_policy(values: Mapping[str, Any]) -> dict[str, Any]:
    """Validate raw policy values against Settings and return them typed, as dotted keys."""
    keys = config.known_keys()
    unknown = sorted(set(values) - set(keys) - {"locked"})
    if unknown:
        raise PolicyError(f"unknown setting(s): {', '.join(unknown)}")
    locked = list(values.get("locked", []))
    bad_locks = sorted(set(locked) - set(keys))
    if bad_locks:
        raise PolicyError(f"locked names unknown setting(s): {', '.join(bad_locks)}")
    plain = {k: v for k, v in values.items() if k != "locked"}
    try:
        settings = config.Settings.model_validate(config.nest(plain))
    except ValidationError as exc:
        first = exc.errors()[0]
        raise PolicyError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from exc
    typed: dict[str, Any] = {}
    for dotted in plain:
        node: Any = settings
        for part in dotted.split("."):
            node = getattr(node, part)
        typed[dotted] = node
    if locked:
        typed["locked"] = locked
    return typed


def render(policy: Mapping[str, Any], now: datetime) -> str:
    """The policy file's text: a header, then TOML."""
    body = config.dump_toml(policy) if policy else ""
    return HEADER.format(when=now.strftime("%Y-%m-%d %H:%M UTC")) + body


def write_policy(out: Path, policy: Mapping[str, Any], now: datetime) -> None:
    """Replace the policy file atomically (readable by every user, writable by administrators only)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(render(policy, now), encoding="utf-8")
    if os.name == "posix":
        tmp.chmod(0o644)
    tmp.replace(out)


def main(argv: Sequence[str] | None = None, now: datetime | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="ledgerwatch policy write",
        description="Write the managed policy file from installer choices (every key written is locked).",
    )
    parser.add_argument("out", type=Path, help="the policy file to write")
    parser.add_argument(
        "--from",
        dest="source",
        default="",
        help="start from this TOML or .plist (configuration profile); empty: none",
    )
    parser.add_argument("--keep-existing", action="store_true", help="do nothing when OUT already exists")
    parser.add_argument("values", nargs="*", metavar="KEY=VALUE", help="e.g. sync.provider=clio")
    args = parser.parse_intermixed_args(argv)  # OUT, then options and KEY=VALUE in any order
    try:
        if args.keep_existing and args.out.exists():
            print(f"ledgerwatch policy: {args.out} exists, kept")
            return 0
        values: dict[str, Any] = {}
        if args.source.strip():
            values.update(read_source(Path(args.source.strip())))
        values.update(parse_assignments(args.values))
        if not values:
            print(f"ledgerwatch policy: nothing chosen, {args.out} left as it is")
            return 0
        policy = build_policy(values)
        write_policy(args.out, policy, now or datetime.now(UTC))
    except (PolicyError, OSError) as exc:
        print(f"ledgerwatch policy: error: {exc}", file=sys.stderr)
        return 2
    locked = (set(policy) - {"locked"}) | set(policy.get("locked", []))
    print(f"ledgerwatch policy: {args.out} written ({len(locked)} keys locked)")
    return 0


def check(argv: Sequence[str] | None = None) -> int:
    """`ledgerwatch policy check FILE`: is this policy valid, and writable by administrators only? (exit 0/2)

    Installers run it to warn while IT is looking (a broken policy no longer stops agents: they keep its last
    good version, so the warning is the moment to fix it).
    """
    parser = argparse.ArgumentParser(prog="ledgerwatch policy check", description=check.__doc__)
    parser.add_argument("file", type=Path, help="a policy TOML file or a managed-preferences .plist")
    args = parser.parse_args(argv)
    from ledgerwatch.policy.trust import file_trust

    try:
        if not args.file.exists():
            print(f"ledgerwatch policy: {args.file} does not exist (no policy: nothing locked)")
            return 0
        refusal = file_trust()(args.file)
        if refusal:
            raise PolicyError(f"{args.file} would be refused: {refusal}")
        policy = build_policy(read_source(args.file))
    except PolicyError as exc:
        print(f"ledgerwatch policy: error: {exc}", file=sys.stderr)
        return 2
    locked = (set(policy) - {"locked"}) | set(policy.get("locked", []))
    print(f"ledgerwatch policy: {args.file} is valid ({len(locked)} keys locked)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
