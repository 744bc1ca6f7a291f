"""The Windows MSI, built with wixl from packaging/windows/ledgerwatch.wxs and read back with msiinfo."""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

from ledgerwatch import __version__, config

ROOT = Path(__file__).resolve().parent.parent
WXS = ROOT / "packaging" / "windows" / "ledgerwatch.wxs"
SILENT_PROPERTIES = ("PROVIDER", "REGION", "RETENTION_DAYS", "AI_ENABLED")

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("wixl", "wixl-heat", "msiinfo", "msibuild")),
    reason="wixl/msitools not installed (apt-get install wixl msitools)",
)

Table = list[dict[str, str]]


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The MSI built by scripts/build-msi.sh (placeholder payload unless a Windows bundle is given)."""
    work = tmp_path_factory.mktemp("msi")
    out = work / "ledgerwatch.msi"
    env = {**os.environ, "OUT": str(out), "WORK": str(work / "build"), "BUNDLE": str(work / "no-bundle")}
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-msi.sh")],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


def table(msi: Path, name: str) -> Table:
    """One MSI table as rows of column -> value (msiinfo's IDT export: names, types, key, rows)."""
    text = subprocess.run(
        ["msiinfo", "export", str(msi), name], capture_output=True, text=True, check=True
    ).stdout
    lines = text.split("\r\n") if "\r\n" in text else text.split("\n")
    columns = lines[0].split("\t")
    return [dict(zip(columns, line.split("\t"), strict=False)) for line in lines[3:] if line]


def properties(msi: Path) -> dict[str, str]:
    return {row["Property"]: row["Value"] for row in table(msi, "Property")}


def test_msi_has_the_tables_an_administrator_relies_on(msi: Path) -> None:
    """The package has File, Registry, Shortcut, Property, Upgrade and CustomAction tables."""
    names = set(
        subprocess.run(["msiinfo", "tables", str(msi)], capture_output=True, text=True).stdout.split()
    )
    assert {"File", "Registry", "Shortcut", "Property", "Upgrade", "CustomAction", "Component"} <= names


def test_msi_installs_per_machine_under_program_files(msi: Path) -> None:
    """A 64-bit package with ALLUSERS=1, and INSTALLDIR is ProgramFiles64Folder\\ledgerwatch."""
    assert properties(msi)["ALLUSERS"] == "1"
    summary = subprocess.run(["msiinfo", "suminfo", str(msi)], capture_output=True, text=True).stdout
    assert "Template: x64;1033" in summary
    dirs = {row["Directory"]: row for row in table(msi, "Directory")}
    assert dirs["INSTALLDIR"]["Directory_Parent"] == "ProgramFiles64Folder"
    assert dirs["INSTALLDIR"]["DefaultDir"] == "ledgerwatch"


def test_msi_file_table_has_both_executables_and_the_harvested_bundle(msi: Path) -> None:
    """ledgerwatch.exe (console), ledgerwatchw.exe (windowless) and the bundle's files are all installed."""
    names = {row["FileName"] for row in table(msi, "File")}
    assert {"ledgerwatch.exe", "ledgerwatchw.exe", "base_library.zip", "manifest.json"} <= names
    components = {row["Component"]: row for row in table(msi, "Component")}
    exe = next(row for row in table(msi, "File") if row["FileName"] == "ledgerwatch.exe")
    assert components[exe["Component_"]]["KeyPath"] == exe["File"]


def test_msi_starts_the_agent_at_login_from_the_hklm_run_key(msi: Path) -> None:
    """A per-machine Run value starts the windowless agent for every user at login."""
    runs = [
        row
        for row in table(msi, "Registry")
        if row["Key"] == r"Software\Microsoft\Windows\CurrentVersion\Run"
    ]
    assert len(runs) == 1
    assert runs[0]["Root"] == "2"  # HKEY_LOCAL_MACHINE
    assert runs[0]["Name"] == "ledgerwatch"
    assert runs[0]["Value"] == '"[INSTALLDIR]ledgerwatchw.exe" run'
    features = {(row["Feature_"], row["Component_"]) for row in table(msi, "FeatureComponents")}
    assert ("StartAtLogin", runs[0]["Component_"]) in features
    actions = {row["Action"]: row for row in table(msi, "CustomAction")}
    assert actions["SkipStartAtLogin"]["Source"] == "ADDLOCAL"
    assert actions["SkipStartAtLogin"]["Target"] == "Agent"


def test_msi_has_a_start_menu_shortcut(msi: Path) -> None:
    """The Start menu gets a ledgerwatch folder with a shortcut to the windowless agent."""
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Target"] == "[INSTALLDIR]ledgerwatchw.exe"
    assert shortcut["Arguments"] == "run"
    dirs = {row["Directory"]: row for row in table(msi, "Directory")}
    assert dirs[shortcut["Directory_"]]["Directory_Parent"] == "ProgramMenuFolder"


def test_msi_major_upgrade_uses_the_fixed_upgrade_code_and_removes_the_old_version_first(msi: Path) -> None:
    """One UpgradeCode forever; older versions are found and removed before files are installed."""
    upgrade_code = re.search(r'UpgradeCode="([0-9A-F-]+)"', WXS.read_text(encoding="utf-8"))
    assert upgrade_code is not None
    code = "{" + upgrade_code.group(1) + "}"
    assert properties(msi)["UpgradeCode"] == code
    rows = table(msi, "Upgrade")
    older = [r for r in rows if r["ActionProperty"] == "WIX_UPGRADE_DETECTED"]
    newer = [r for r in rows if r["ActionProperty"] == "WIX_DOWNGRADE_DETECTED"]
    assert older and older[0]["UpgradeCode"] == code and older[0]["VersionMax"] == __version__
    assert newer and newer[0]["VersionMin"] == __version__
    sequence = {row["Action"]: int(row["Sequence"]) for row in table(msi, "InstallExecuteSequence")}
    assert sequence["InstallInitialize"] < sequence["RemoveExistingProducts"] < sequence["InstallFiles"]
    assert properties(msi)["ProductVersion"] == __version__


def _actions(msi: Path) -> dict[str, dict[str, str]]:
    return {row["Action"]: row for row in table(msi, "CustomAction")}


def _policy_command(msi: Path, given: dict[str, str]) -> str:
    """The policy action's command line as Windows Installer formats it: the argument properties first
    (immediate actions), then the deferred EXE's Target; unset properties format as empty strings."""

    def fmt(text: str, props: dict[str, str]) -> str:
        return re.sub(r"\[([A-Za-z_][A-Za-z0-9_]*)\]", lambda m: props.get(m.group(1), ""), text)

    actions = _actions(msi)
    props = dict(given)
    for name in ("SetPolicyArgs1", "SetPolicyArgs2"):
        props[actions[name]["Source"]] = fmt(actions[name]["Target"], given)
    return fmt(actions["WritePolicy"]["Target"], props)


def test_msi_silent_install_properties_are_secure(msi: Path) -> None:
    """Every property the policy actions read reaches the elevated server side (SecureCustomProperties)."""
    secure = set(properties(msi)["SecureCustomProperties"].split(";"))
    actions = _actions(msi)
    targets = " ".join(actions[name]["Target"] for name in ("SetPolicyArgs1", "SetPolicyArgs2"))
    used = set(re.findall(r"\[([A-Z_]+)\]", targets))
    assert set(SILENT_PROPERTIES) <= used
    assert used <= secure
    assert properties(msi)["START_AT_LOGIN"] == "1"


def test_msi_custom_action_targets_fit_the_column(msi: Path) -> None:
    """No CustomAction Target exceeds the 255 characters Windows Installer allows (ICE03)."""
    assert all(len(row["Target"]) <= 255 for row in table(msi, "CustomAction"))


def test_msi_policy_action_runs_elevated_after_files_and_maps_properties_to_settings(msi: Path) -> None:
    """WritePolicy runs the installed exe deferred, not impersonated, after InstallFiles, on known keys;
    its arguments are formatted before it is scheduled."""
    actions = _actions(msi)
    action = actions["WritePolicy"]
    kind = int(action["Type"])
    assert kind & 0x3F == 18  # an EXE from the File table
    assert kind & 0x400 and kind & 0x800  # deferred, no impersonation (runs as LocalSystem)
    files = {row["File"]: row["FileName"] for row in table(msi, "File")}
    assert files[action["Source"]] == "ledgerwatch.exe"
    assert action["Target"].startswith('policy write "[CommonAppDataFolder]ledgerwatch\\policy.toml"')
    keys = re.findall(
        r'"([a-z_.]+)=\[[A-Z_]+\]"', actions["SetPolicyArgs1"]["Target"] + actions["SetPolicyArgs2"]["Target"]
    )
    assert keys and set(keys) - {"locked"} <= set(config.known_keys())
    sequence = {row["Action"]: row for row in table(msi, "InstallExecuteSequence")}
    order = {name: int(row["Sequence"]) for name, row in sequence.items()}
    assert order["SetPolicyArgs1"] < order["SetPolicyArgs2"] < order["WritePolicy"]
    assert order["WritePolicy"] > order["InstallFiles"]
    assert sequence["WritePolicy"]["Condition"] == 'NOT (REMOVE ~= "ALL")'


def _load_writer() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "policy_writer", ROOT / "packaging" / "pyinstaller" / "policy_writer.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_documented_silent_install_command_line_writes_the_intended_policy(msi: Path, tmp_path: Path) -> None:
    """`msiexec /qn PROVIDER=clio REGION=eu RETENTION_DAYS=30 AI_ENABLED=0` yields exactly that locked policy.

    The action's command line is formatted as Windows Installer would (unset properties become empty) and
    handed to the policy writer that the installed ledgerwatch.exe runs.
    """
    out = tmp_path / "ProgramData" / "ledgerwatch" / "policy.toml"
    given = {"PROVIDER": "clio", "REGION": "eu", "RETENTION_DAYS": "30", "AI_ENABLED": "0"}
    formatted = _policy_command(msi, {**given, "CommonAppDataFolder": "C:\\ProgramData\\"})
    formatted = formatted.replace("C:\\ProgramData\\ledgerwatch\\policy.toml", str(out))
    argv = shlex.split(formatted)
    assert argv[:2] == ["policy", "write"]
    assert _load_writer().main(argv[2:]) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8")) == {
        "sync": {"provider": "clio", "region": "eu"},
        "capture": {"retention_days": 30},
        "ai": {"enabled": False},
    }


def test_every_silent_install_property_lands_in_the_policy_on_top_of_policy_source(
    msi: Path, tmp_path: Path
) -> None:
    """Each public property becomes its documented key; POLICY_SOURCE supplies the rest and loses ties."""
    source = tmp_path / "firm-policy.toml"
    source.write_text('[billing]\nfirm_name = "Smith LLP"\n[sync]\nregion = "us"\n', encoding="utf-8")
    out = tmp_path / "policy.toml"
    given = {
        "POLICY_SOURCE": str(source),
        "PROVIDER": "practicepanther",
        "REGION": "ca",
        "API_BASE_URL": "https://pp-proxy.firm.example/api/v2",
        "RETENTION_DAYS": "14",
        "AI_ENABLED": "1",
        "AI_ALLOWED_ENDPOINTS": "https://ai.firm.example/v1",
        "REQUIRE_REVIEW": "1",
        "EXCLUDED_APPS": "Signal.exe,WhatsApp.exe",
        "EXCLUDED_DOMAINS": "mybank.example",
        "LOCKED": "capture.excluded_title_patterns",
        "CommonAppDataFolder": "C:\\ProgramData\\",
    }
    formatted = _policy_command(msi, given).replace("C:\\ProgramData\\ledgerwatch\\policy.toml", str(out))
    assert _load_writer().main(shlex.split(formatted)[2:]) == 0
    assert tomllib.loads(out.read_text(encoding="utf-8")) == {
        "locked": ["capture.excluded_title_patterns"],
        "billing": {"firm_name": "Smith LLP"},
        "sync": {
            "provider": "practicepanther",
            "region": "ca",
            "api_base_url": "https://pp-proxy.firm.example/api/v2",
        },
        "capture": {
            "retention_days": 14,
            "excluded_apps": ["Signal.exe", "WhatsApp.exe"],
            "excluded_domains": ["mybank.example"],
        },
        "ai": {"enabled": True, "allowed_endpoints": ["https://ai.firm.example/v1"]},
        "review": {"require_review": True},
    }
