"""The macOS pkg sources, checked where pkgbuild does not exist: plists, staged layout, scripts, distribution."""

from __future__ import annotations

import os
import plistlib
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from ledgerwatch import __version__

ROOT = Path(__file__).resolve().parent.parent
MACOS = ROOT / "packaging" / "macos"
AGENT = MACOS / "com.ledgerwatch.agent.plist"


@pytest.fixture(scope="module")
def staged(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The work folder of `scripts/build-pkg.sh --stage-only`: root/ (payload), scripts/, distribution.xml."""
    work = tmp_path_factory.mktemp("pkg") / "build"
    env = {**os.environ, "WORK": str(work), "APP": str(work.parent / "no-app")}
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-pkg.sh"), "--stage-only"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return work


def test_launch_agent_plist_starts_the_app_at_login_in_gui_sessions() -> None:
    """The LaunchAgent is a valid plist that runs the app's executable with `run` at load, in Aqua sessions."""
    agent = plistlib.loads(AGENT.read_bytes())
    assert agent["Label"] == AGENT.stem == "com.ledgerwatch.agent"
    assert agent["ProgramArguments"] == ["/Applications/ledgerwatch.app/Contents/MacOS/ledgerwatch", "run"]
    assert agent["RunAtLoad"] is True
    assert agent["KeepAlive"] == {"SuccessfulExit": False}  # restarted after a crash, not after a quit
    assert agent["LimitLoadToSessionType"] == "Aqua"


def test_every_shipped_plist_parses() -> None:
    """Entitlements, the LaunchAgent and the example configuration profile are well-formed plists."""
    for path in sorted(MACOS.glob("*.plist")) + sorted(MACOS.glob("*.mobileconfig")):
        assert isinstance(plistlib.loads(path.read_bytes()), dict), path
    entitlements = plistlib.loads((MACOS / "entitlements.plist").read_bytes())
    assert entitlements["com.apple.security.cs.disable-library-validation"] is True


def test_example_profile_targets_the_agent_preference_domain() -> None:
    """The profile's custom payload is for com.ledgerwatch.agent (the plist postinstall reads)."""
    profile = plistlib.loads((MACOS / "ledgerwatch-policy.mobileconfig").read_bytes())
    assert profile["PayloadType"] == "Configuration"
    (payload,) = profile["PayloadContent"]
    assert payload["PayloadType"] == "com.ledgerwatch.agent"
    postinstall = (MACOS / "scripts" / "postinstall").read_text(encoding="utf-8")
    assert "/Library/Managed Preferences/com.ledgerwatch.agent.plist" in postinstall


def test_staged_payload_has_the_app_agent_and_example_policy(staged: Path) -> None:
    """The pkg payload puts the app in /Applications, the agent in /Library/LaunchAgents, the example policy
    in /Library/Application Support/ledgerwatch, and the app's Info.plist names the executable it runs."""
    root = staged / "root"
    app = root / "Applications" / "ledgerwatch.app"
    info = plistlib.loads((app / "Contents" / "Info.plist").read_bytes())
    assert info["CFBundleIdentifier"] == "com.ledgerwatch.agent"
    assert (app / "Contents" / "MacOS" / info["CFBundleExecutable"]).is_file()
    agent = plistlib.loads((root / "Library" / "LaunchAgents" / "com.ledgerwatch.agent.plist").read_bytes())
    assert (root / agent["ProgramArguments"][0].lstrip("/")).is_file()
    assert (root / "Library" / "Application Support" / "ledgerwatch" / "policy.example.toml").is_file()
    assert not (root / "Library" / "Application Support" / "ledgerwatch" / "policy.toml").exists()


def test_staged_scripts_are_executable_posix_sh(staged: Path) -> None:
    """preinstall and postinstall are executable, parse with sh -n and pass shellcheck when installed."""
    scripts = [staged / "scripts" / name for name in ("preinstall", "postinstall")]
    for script in scripts:
        assert os.access(script, os.X_OK)
        subprocess.run(["sh", "-n", str(script)], check=True)
    if shutil.which("shellcheck"):
        result = subprocess.run(
            ["shellcheck", "-s", "sh", *map(str, scripts)], capture_output=True, text=True
        )
        assert result.returncode == 0, result.stdout


def test_distribution_references_the_component_package_at_this_version(staged: Path) -> None:
    """distribution.xml is well formed, installs to the system domain only, and names the component pkg."""
    tree = ET.parse(staged / "distribution.xml")
    domains = tree.find("domains")
    assert domains is not None and domains.get("enable_localSystem") == "true"
    assert domains.get("enable_currentUserHome") == "false"
    refs = [r for r in tree.iter("pkg-ref") if r.text]
    assert [(r.get("id"), r.get("version"), r.text) for r in refs] == [
        ("com.ledgerwatch.agent.pkg", __version__, "ledgerwatch-component.pkg")
    ]


@pytest.mark.skipif(not shutil.which("bsdtar"), reason="bsdtar (libarchive-tools) not installed")
def test_staged_payload_archives_as_cpio_with_the_app_path(staged: Path, tmp_path: Path) -> None:
    """The payload packs as pkgbuild would (cpio, odc) with ./Applications/ledgerwatch.app at its root."""
    archive = tmp_path / "Payload.cpio"
    subprocess.run(
        ["bsdtar", "--format", "cpio", "-cf", str(archive), "-C", str(staged / "root"), "."], check=True
    )
    listing = subprocess.run(["bsdtar", "-tf", str(archive)], capture_output=True, text=True, check=True)
    names = set(listing.stdout.split("\n"))
    assert "./Applications/ledgerwatch.app/Contents/Info.plist" in names
    assert "./Library/LaunchAgents/com.ledgerwatch.agent.plist" in names
