"""Managed policy: locked keys beat every user layer, the installers' policy writer, and the documented keys."""

from __future__ import annotations

import importlib.util
import os
import plistlib
import re
import subprocess
import sys
import tomllib
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest

from ledgerwatch import config

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "packaging" / "policy.example.toml"
NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)

pytestmark = pytest.mark.skipif(
    config.system_policy_file().exists(),
    reason=f"a system policy exists at {config.system_policy_file()}: LEDGERWATCH_POLICY_FILE is ignored",
)


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "policy_writer", ROOT / "packaging" / "pyinstaller" / "policy_writer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


writer = _load_writer()


def _env(home: Path, policy: Path, **extra: str) -> dict[str, str]:
    """The process environment without any LEDGERWATCH_* of the caller, plus an isolated home and policy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env.update(LEDGERWATCH_HOME=str(home), LEDGERWATCH_POLICY_FILE=str(policy), LEDGERWATCH_TIMEZONE="UTC")
    env.update(extra)
    return env


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ledgerwatch", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def managed(tmp_path: Path) -> tuple[Path, Path]:
    """A home whose user file sets the region to us, under a policy that locks it to eu."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text('[sync]\nregion = "us"\n', encoding="utf-8")
    policy = tmp_path / "policy.toml"
    policy.write_text(
        '[sync]\nprovider = "clio"\nregion = "eu"\n\n[capture]\nretention_days = 30\n\n[ai]\nenabled = false\n',
        encoding="utf-8",
    )
    return home, policy


# --- the layers ---


def test_policy_value_beats_user_file_environment_and_command_line(managed: tuple[Path, Path]) -> None:
    """A policy-locked key keeps the policy's value whatever the user file, environment or CLI say."""
    home, policy = managed
    env = _env(home, policy, LEDGERWATCH_SYNC__REGION="ca", LEDGERWATCH_AI__ENABLED="true")
    effective = config.load(env, overrides={"sync.region": "au", "capture.retention_days": 365})
    assert effective.settings.sync.region == "eu"
    assert effective.settings.ai.enabled is False
    assert effective.settings.capture.retention_days == 30
    assert {"sync.region", "sync.provider", "ai.enabled", "capture.retention_days"} <= effective.locked
    assert effective.origins["sync.region"].startswith(f"policy {policy}")


def test_unlocked_keys_still_follow_the_user_layers(managed: tuple[Path, Path]) -> None:
    """Keys the policy does not name are the user's: the environment beats the user file as usual."""
    home, policy = managed
    effective = config.load(_env(home, policy, LEDGERWATCH_CAPTURE__IDLE_THRESHOLD_SECONDS="900"))
    assert effective.settings.capture.idle_threshold_seconds == 900
    assert "capture.idle_threshold_seconds" not in effective.locked


def test_locked_list_locks_a_key_without_choosing_its_value(tmp_path: Path) -> None:
    """`locked = [...]` locks a key at its default: the user file's value for it is ignored."""
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    (home / "config" / "config.toml").write_text(
        '[review]\nrequire_review = false\n[capture]\nexcluded_apps = ["x"]\n', encoding="utf-8"
    )
    policy = tmp_path / "policy.toml"
    policy.write_text('locked = ["review.require_review"]\n', encoding="utf-8")
    effective = config.load(_env(home, policy))
    assert effective.settings.review.require_review is True
    assert "review.require_review" in effective.locked
    assert effective.settings.capture.excluded_apps == ["x"]


# --- the CLI ---


def test_config_set_refuses_a_locked_key_and_leaves_the_user_file_alone(managed: tuple[Path, Path]) -> None:
    """`ledgerwatch config set` on a locked key fails, names the policy, and writes nothing."""
    home, policy = managed
    user_file = home / "config" / "config.toml"
    before = user_file.read_text(encoding="utf-8")
    result = _cli(_env(home, policy), "config", "set", "sync.region", "au")
    assert result.returncode == 2
    assert "policy" in result.stderr and str(policy) in result.stderr
    assert user_file.read_text(encoding="utf-8") == before


def test_config_set_accepts_an_unlocked_key(managed: tuple[Path, Path]) -> None:
    """The refusal is specific: an unlocked key is written to the user file."""
    home, policy = managed
    result = _cli(_env(home, policy), "config", "set", "capture.idle_threshold_seconds", "600")
    assert result.returncode == 0, result.stderr
    assert config.load(_env(home, policy)).settings.capture.idle_threshold_seconds == 600


def test_config_show_says_which_keys_the_policy_locks_and_why(managed: tuple[Path, Path]) -> None:
    """`config show` marks locked keys with the policy file as their origin, and only those."""
    home, policy = managed
    result = _cli(_env(home, policy, LEDGERWATCH_SYNC__REGION="ca"), "config", "show")
    assert result.returncode == 0, result.stderr
    lines = {line.split(" = ", 1)[0]: line for line in result.stdout.splitlines() if " = " in line}
    for key in ("sync.region", "sync.provider", "capture.retention_days", "ai.enabled"):
        assert "[locked by policy]" in lines[key] and str(policy) in lines[key], lines[key]
    assert lines["sync.region"].startswith("sync.region = eu")
    assert "[locked by policy]" not in lines["capture.idle_threshold_seconds"]


# --- the installers' policy writer ---


def test_writer_output_locks_exactly_the_chosen_keys_with_typed_values(tmp_path: Path) -> None:
    """Installer choices become a policy that locks those keys with typed values (30, false, lists)."""
    out = tmp_path / "pd" / "ledgerwatch" / "policy.toml"
    args = [
        str(out),
        "sync.provider=clio",
        "sync.region=eu",
        "capture.retention_days=30",
        "ai.enabled=0",
        "capture.excluded_apps=Signal, WhatsApp",
        "sync.api_base_url=",
    ]
    assert writer.main(args, now=NOW) == 0
    data = tomllib.loads(out.read_text(encoding="utf-8"))
    assert data == {
        "sync": {"provider": "clio", "region": "eu"},
        "capture": {"retention_days": 30, "excluded_apps": ["Signal", "WhatsApp"]},
        "ai": {"enabled": False},
    }
    effective = config.load(_env(tmp_path / "home", out))
    assert effective.locked == {
        "sync.provider",
        "sync.region",
        "capture.retention_days",
        "ai.enabled",
        "capture.excluded_apps",
    }


def test_writer_keeps_the_existing_policy_when_nothing_is_chosen(tmp_path: Path) -> None:
    """An upgrade or repair without choices (all properties empty) leaves the current policy as it is."""
    out = tmp_path / "policy.toml"
    out.write_text('[sync]\nregion = "ca"\n', encoding="utf-8")
    assert writer.main([str(out), "--from", "", "sync.provider=", "sync.region="], now=NOW) == 0
    assert out.read_text(encoding="utf-8") == '[sync]\nregion = "ca"\n'


@pytest.mark.parametrize(
    "choice", ["sync.region=mars", "ai.enabled=maybe", "capture.retention_days=0", "sync.colour=red", "oops"]
)
def test_writer_rejects_bad_choices_without_touching_the_policy(tmp_path: Path, choice: str) -> None:
    """A bad value or unknown key fails (the installer then fails) and the old policy survives."""
    out = tmp_path / "policy.toml"
    out.write_text('[sync]\nregion = "ca"\n', encoding="utf-8")
    assert writer.main([str(out), "sync.provider=clio", choice], now=NOW) == 2
    assert out.read_text(encoding="utf-8") == '[sync]\nregion = "ca"\n'
    assert not out.with_name("policy.toml.tmp").exists()


def test_writer_locked_list_is_checked_against_known_keys(tmp_path: Path) -> None:
    """`locked=` names settings; a typo is an error, not a silently unlocked key."""
    out = tmp_path / "policy.toml"
    assert writer.main([str(out), "locked=capture.excluded_apps,capture.excluded_titles"], now=NOW) == 2
    assert writer.main([str(out), "locked=capture.excluded_apps, review.require_review"], now=NOW) == 0
    effective = config.load(_env(tmp_path / "home", out))
    assert effective.locked == {"capture.excluded_apps", "review.require_review"}


def test_writer_reads_a_macos_configuration_profile_payload(tmp_path: Path) -> None:
    """The example MDM profile's payload, as macOS materialises it, becomes a valid locked policy."""
    profile = plistlib.loads((ROOT / "packaging" / "macos" / "ledgerwatch-policy.mobileconfig").read_bytes())
    payload = profile["PayloadContent"][0]
    managed_prefs = tmp_path / "com.ledgerwatch.agent.plist"
    managed_prefs.write_bytes(plistlib.dumps(payload))
    out = tmp_path / "policy.toml"
    assert writer.main([str(out), "--from", str(managed_prefs)], now=NOW) == 0
    effective = config.load(_env(tmp_path / "home", out))
    assert effective.settings.sync.region == "eu"
    assert effective.settings.capture.excluded_apps == ["Signal", "WhatsApp"]
    assert "sync.provider" in effective.locked
    assert not any(key.startswith("Payload") for key in effective.locked)


# --- the shipped example and the documentation ---


def _example_assignments() -> list[str]:
    """Every commented `key = value` line of the example, with its section, as TOML text."""
    lines: list[str] = []
    for line in EXAMPLE.read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            lines.append(line)
        elif m := re.match(r"^# ([a-z_]+ = .*?)(\s+# .*)?$", line):
            lines.append(m.group(1))
    return lines


def test_shipped_example_policy_locks_nothing(tmp_path: Path) -> None:
    """The default policy installed by the packages is all comments: nothing is locked until IT says so."""
    effective = config.load(_env(tmp_path / "home", EXAMPLE))
    assert effective.locked == frozenset()


def test_example_policy_documents_every_setting_with_a_valid_value(tmp_path: Path) -> None:
    """Uncommenting the example gives a valid policy that names every setting (and nothing unknown)."""
    text = "\n".join(_example_assignments())
    policy = tmp_path / "policy.toml"
    policy.write_text(text, encoding="utf-8")
    effective = config.load(_env(tmp_path / "home", policy))
    assert set(config.known_keys()) - effective.locked == set()


def test_deploying_doc_names_every_policy_key() -> None:
    """docs/deploying.md lists every setting IT can lock."""
    doc = (ROOT / "docs" / "deploying.md").read_text(encoding="utf-8")
    missing = [key for key in config.known_keys() if f"`{key}`" not in doc]
    assert missing == []
