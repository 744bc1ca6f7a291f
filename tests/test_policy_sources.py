"""IT's policy from every source: Group Policy in the registry, macOS managed preferences, the policy file.

A broken source (bad TOML, a bad value, a wrong registry type, a file a non-administrator could write) keeps
its last good version and says so; one typo in a policy stops no agent.
"""

from __future__ import annotations

import os
import plistlib
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from ledgerwatch import config, policy
from ledgerwatch.policy.managed_prefs import ManagedPreferences, managed_paths
from ledgerwatch.policy.registry import RegistryPolicy
from ledgerwatch.policy.trust import (
    ADMINISTRATORS,
    SYSTEM,
    Ace,
    posix_trust,
    untrusted_writers,
    windows_trust,
)
from tests.fakes.registry import RecordedRegistry

DATA = Path(__file__).parent / "data" / "policy"
NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 2, 3, 9, 0, tzinfo=UTC)
USERS = "S-1-5-32-545"
FULL, READ_EXECUTE, WRITE_DATA = 0x1F01FF, 0x1200A9, 0x0002

no_system_policy = pytest.mark.skipif(
    config.system_policy_file().exists(),
    reason=f"a system policy exists at {config.system_policy_file()}: LEDGERWATCH_POLICY_FILE is ignored",
)


def trust_all(_path: Path) -> None:
    return None


# --- Windows: Group Policy / Intune in the registry ---


@pytest.fixture
def recorded() -> RecordedRegistry:
    """What Group Policy leaves in HKLM and HKCU after applying the ADMX settings (a regedit export)."""
    return RecordedRegistry.load(DATA / "group-policy.reg")


def test_registry_policy_reads_machine_and_user_keys_and_the_machine_wins(recorded: RecordedRegistry) -> None:
    """HKLM beats HKCU key by key; keys only the user policy sets still apply; `locked` lists add up."""
    sources = policy.system_sources(Path("C:/ProgramData/ledgerwatch/policy.toml"), "win32", registry=recorded)
    assert [s.name for s in sources][:2] == [
        r"HKLM\SOFTWARE\Policies\ledgerwatch",
        r"HKCU\SOFTWARE\Policies\ledgerwatch",
    ]
    managed = policy.read_policy(sources[:2], config.policy_problem, now=NOW)
    assert managed.problems == ()
    assert managed.values["sync.region"] == "eu"
    assert managed.origins["sync.region"] == r"HKLM\SOFTWARE\Policies\ledgerwatch"
    assert managed.values["capture.idle_threshold_seconds"] == 600
    assert managed.origins["capture.idle_threshold_seconds"] == r"HKCU\SOFTWARE\Policies\ledgerwatch"
    assert set(managed.values["locked"]) == {"capture.excluded_title_patterns", "capture.excluded_domains"}
    assert "ai.model" not in managed.values  # Group Policy's **del. markers are not settings


def test_registry_types_become_typed_settings(recorded: RecordedRegistry) -> None:
    """DWORDs become numbers and booleans, REG_MULTI_SZ lists, REG_SZ decimals and URLs, all validated."""
    managed = policy.read_policy(policy.system_sources(Path("x"), "win32", registry=recorded)[:2], config.policy_problem)
    settings = config.Settings.model_validate(config.nest({k: v for k, v in managed.values.items() if k != "locked"}))
    assert settings.capture.retention_days == 30
    assert settings.capture.excluded_apps == ["Signal.exe", "WhatsApp.exe"]
    assert settings.ai.enabled is False and settings.review.require_review is True
    assert str(settings.sessionize.rounding_increment) == "0.25"
    assert settings.sync.api_base_url == "https://clio-proxy.firm.example/api/v4"
    assert settings.timezone == "Europe/London"


def test_a_broken_registry_value_keeps_the_last_good_registry_policy(recorded: RecordedRegistry, tmp_path: Path) -> None:
    """A REG_BINARY where a setting belongs, or a value out of range, breaks only that hive's policy: its last
    good values stay in force and the problem names the key."""
    cache = policy.LastGood(tmp_path / "last-good.json")
    machine = RegistryPolicy(recorded, "HKLM")
    assert policy.read_policy([machine], config.policy_problem, cache, NOW).problems == ()
    recorded.keys[("HKLM", r"software\policies\ledgerwatch\capture")]["retention_days"] = (3, b"\x1e")
    broken = policy.read_policy([machine], config.policy_problem, cache, LATER)
    assert broken.values["capture.retention_days"] == 30 and broken.values["sync.region"] == "eu"
    (problem,) = broken.problems
    assert "capture.retention_days is REG_BINARY" in problem and "last good version from 2026-02-02" in problem
    recorded.keys[("HKLM", r"software\policies\ledgerwatch\capture")]["retention_days"] = (4, 0)
    (problem,) = policy.read_policy([machine], config.policy_problem, cache, LATER).problems
    assert "capture.retention_days" in problem and "greater than or equal to 1" in problem


def test_no_registry_policy_is_no_policy() -> None:
    """Without the Policies key nothing is locked and nothing is reported."""
    empty = RecordedRegistry({})
    managed = policy.read_policy(policy.system_sources(Path("x"), "win32", registry=empty)[:2], config.policy_problem)
    assert managed.values == {} and managed.problems == ()


def test_windows_acl_is_trusted_only_when_administrators_alone_can_write() -> None:
    """SYSTEM and Administrators with full control and Users reading is trusted; the default ProgramData
    grant of 'create files' to Users, or a user owner, is not; inherit-only and deny entries do not count."""
    locked_down = [Ace(0, 0, FULL, SYSTEM), Ace(0, 0, FULL, ADMINISTRATORS), Ace(0, 0, READ_EXECUTE, USERS)]
    assert untrusted_writers(ADMINISTRATORS, locked_down) == []
    assert untrusted_writers(ADMINISTRATORS, [*locked_down, Ace(0, 0x02, WRITE_DATA, USERS)]) == [USERS]
    assert untrusted_writers("S-1-5-21-1-2-3-1001", locked_down) == ["owner S-1-5-21-1-2-3-1001"]
    creator_owner = Ace(0, 0x08 | 0x02, FULL, "S-1-3-0")
    assert untrusted_writers(ADMINISTRATORS, [*locked_down, creator_owner, Ace(1, 0, FULL, USERS)]) == []
    acls = {"policy.toml": (SYSTEM, locked_down), "folder": (ADMINISTRATORS, [*locked_down, Ace(0, 0, WRITE_DATA, USERS)])}
    check = windows_trust(lambda p: acls["policy.toml" if p.name == "policy.toml" else "folder"])
    reason = check(Path("C:/ProgramData/ledgerwatch/policy.toml"))
    assert reason is not None and USERS in reason and "icacls" in reason


# --- macOS: managed preferences (configuration profiles), read at run time ---


def test_managed_preferences_computer_beats_user_beats_file(tmp_path: Path) -> None:
    """A profile pushed after the install applies when settings load: the computer's managed preferences
    win over the user's, both over policy.toml; profile bookkeeping keys are ignored."""
    machine, own = managed_paths("alice", tmp_path)
    own.parent.mkdir(parents=True)
    machine.write_bytes(plistlib.dumps({"PayloadUUID": "x", "sync": {"region": "eu"}, "ai": {"enabled": False}}))
    own.write_bytes(plistlib.dumps({"sync": {"region": "ca"}, "capture": {"retention_days": 14}}))
    file = tmp_path / "policy.toml"
    file.write_text("[capture]\nretention_days = 30\nexcluded_apps = ['Signal']\n", encoding="utf-8")
    sources = [ManagedPreferences(machine, trust_all), ManagedPreferences(own, trust_all), policy.TomlFile(file, trust_all)]
    managed = policy.read_policy(sources, config.policy_problem)
    assert managed.problems == ()
    assert managed.values == {
        "sync.region": "eu",
        "ai.enabled": False,
        "capture.retention_days": 14,
        "capture.excluded_apps": ["Signal"],
    }
    darwin = policy.system_sources(file, "darwin", managed_root=tmp_path, user="alice")
    assert [s.name for s in darwin] == [str(machine), str(own), str(file)]


def test_a_managed_preferences_file_a_user_owns_is_refused(tmp_path: Path) -> None:
    """Managed preferences are written by root; one owned by anyone else is refused, not obeyed."""
    prefs = tmp_path / "com.ledgerwatch.agent.plist"
    prefs.write_bytes(plistlib.dumps({"sync": {"region": "eu"}}))
    refusing = ManagedPreferences(prefs, lambda p: f"the file {p} belongs to uid 501, not an administrator")
    (problem,) = policy.read_policy([refusing], config.policy_problem).problems
    assert "refused" in problem and "uid 501" in problem


# --- the policy file (Linux, and beside the others on Windows and macOS) ---


def _env(home: Path, policy_file: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env.update(LEDGERWATCH_HOME=str(home), LEDGERWATCH_POLICY_FILE=str(policy_file), LEDGERWATCH_TIMEZONE="UTC")
    return env


@pytest.fixture
def agent_home(tmp_path: Path) -> tuple[Path, Path]:
    """A user's home (its data folder exists, as after the first run) and a policy locking sync.region = eu."""
    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    policy_file = tmp_path / "etc" / "policy.toml"
    policy_file.parent.mkdir()
    policy_file.write_text('[sync]\nregion = "eu"\n[capture]\nretention_days = 30\n', encoding="utf-8")
    policy_file.chmod(0o644)
    return home, policy_file


@no_system_policy
@pytest.mark.parametrize(
    ("breakage", "named"),
    [
        ('[sync]\nregion = "eu"\nretention_days = = 3\n', "not valid TOML"),
        ('[sync]\nregion = "mars"\n', "sync.region"),
        ('[sync]\ncolour = "red"\n', "unknown setting(s): sync.colour"),
        ('locked = ["sync.regoin"]\n', "locked names unknown setting(s): sync.regoin"),
    ],
)
def test_a_broken_policy_file_keeps_the_last_good_policy(
    agent_home: tuple[Path, Path], breakage: str, named: str
) -> None:
    """After a good read, a hand-broken policy file loads without error: the last good values stay locked and
    the problem names the file and what is wrong with it."""
    home, policy_file = agent_home
    good = config.load(_env(home, policy_file))
    assert good.settings.sync.region == "eu" and good.policy_problems == ()
    policy_file.write_text(breakage, encoding="utf-8")
    effective = config.load(_env(home, policy_file))
    assert effective.settings.sync.region == "eu"
    assert effective.settings.capture.retention_days == 30
    assert {"sync.region", "capture.retention_days"} <= effective.locked
    (problem,) = effective.policy_problems
    assert str(policy_file) in problem and named in problem and "last good version" in problem


@no_system_policy
def test_a_broken_policy_without_a_last_good_one_is_ignored_and_reported(agent_home: tuple[Path, Path]) -> None:
    """Broken before any good read: the agent still starts (defaults, nothing locked) and says why."""
    home, policy_file = agent_home
    policy_file.write_text("[sync\n", encoding="utf-8")
    effective = config.load(_env(home, policy_file))
    assert effective.locked == frozenset() and effective.settings.sync.region == "us"
    (problem,) = effective.policy_problems
    assert "no earlier good version" in problem


@no_system_policy
def test_removing_the_policy_unlocks_rather_than_replaying_it(agent_home: tuple[Path, Path]) -> None:
    """The last good version stands in only for a broken source, never for one IT removed."""
    home, policy_file = agent_home
    config.load(_env(home, policy_file))
    policy_file.unlink()
    effective = config.load(_env(home, policy_file))
    assert effective.locked == frozenset() and effective.policy_problems == ()


@no_system_policy
def test_a_policy_file_every_user_can_write_is_refused(agent_home: tuple[Path, Path]) -> None:
    """A world-writable policy file (or folder) is refused with the fix in the message; the last good stays."""
    home, policy_file = agent_home
    config.load(_env(home, policy_file))
    policy_file.write_text('[sync]\nregion = "au"\n', encoding="utf-8")
    policy_file.chmod(0o666)
    effective = config.load(_env(home, policy_file))
    assert effective.settings.sync.region == "eu"
    (problem,) = effective.policy_problems
    assert "refused" in problem and "writable by every user" in problem and "chmod o-w" in problem
    policy_file.chmod(0o644)
    policy_file.parent.chmod(0o777)
    (problem,) = config.load(_env(home, policy_file)).policy_problems
    assert f"folder {policy_file.parent} is writable by every user" in problem


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="chown needs root")
def test_the_system_policy_must_belong_to_root(tmp_path: Path) -> None:
    """Owned by an ordinary user (uid 1234) or writable by a non-root group, the system policy is refused."""
    check = posix_trust()
    file = tmp_path / "policy.toml"
    file.write_text("", encoding="utf-8")
    assert check(file) is None
    os.chown(file, 1234, 0)
    assert "belongs to uid 1234" in (check(file) or "")
    os.chown(file, 0, 1234)
    file.chmod(0o664)
    assert "writable by group 1234" in (check(file) or "")


@no_system_policy
def test_status_reports_a_broken_policy_and_still_succeeds(agent_home: tuple[Path, Path]) -> None:
    """`ledgerwatch status` with a hand-broken policy exits 0, prints the problem, and logs it on stderr."""
    home, policy_file = agent_home
    config.load(_env(home, policy_file))
    policy_file.write_text("[sync\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ledgerwatch", "status"],
        env=_env(home, policy_file),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"policy: PROBLEM: policy {policy_file} is broken (not valid TOML")
    assert "keeping its last good version" in result.stderr
