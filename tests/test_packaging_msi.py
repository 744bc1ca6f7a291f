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


SETUPTOOLS_PE = Path(importlib.util.find_spec("setuptools").origin).parent / "gui-64.exe"  # type: ignore[union-attr,arg-type]
"""a real Windows executable (setuptools' launcher) standing in for the PyInstaller ones, so they can be signed"""
CAN_SIGN = bool(shutil.which("osslsigncode") and shutil.which("openssl") and SETUPTOOLS_PE.is_file())


@pytest.fixture(scope="module")
def signing(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A throw-away code-signing certificate (self-signed, 2 days) as scripts/sign.sh takes it."""
    if not CAN_SIGN:
        return {}
    work = tmp_path_factory.mktemp("cert")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
         "-keyout", str(work / "key.pem"), "-out", str(work / "cert.pem"),
         "-subj", "/CN=ledgerwatch throw-away signing/O=Test", "-addext", "extendedKeyUsage=codeSigning"],
        check=True, capture_output=True,
    )  # fmt: skip
    return {
        "SIGN_CERT": str(work / "cert.pem"),
        "SIGN_KEY": str(work / "key.pem"),
        "SIGN_VERIFY_CAFILE": str(work / "cert.pem"),
    }


def _payload(root: Path) -> Path:
    """A Windows bundle's layout: real PE executables when available (so they are signed), else text."""
    bundle = root / "ledgerwatch"
    (bundle / "_internal" / "browser-extension").mkdir(parents=True)
    for exe in ("ledgerwatch.exe", "ledgerwatchw.exe"):
        if SETUPTOOLS_PE.is_file():
            shutil.copyfile(SETUPTOOLS_PE, bundle / exe)
        else:
            (bundle / exe).write_text("placeholder\n", encoding="utf-8")
    (bundle / "_internal" / "base_library.zip").write_text("placeholder runtime\n", encoding="utf-8")
    (bundle / "_internal" / "browser-extension" / "manifest.json").write_text("{}\n", encoding="utf-8")
    return bundle


def _build(work: Path, **env: str) -> Path:
    out = work / "ledgerwatch.msi"
    result = subprocess.run(
        ["bash", str(ROOT / "scripts" / "build-msi.sh")],
        env={**os.environ, "OUT": str(out), "WORK": str(work / "build"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def msi(tmp_path_factory: pytest.TempPathFactory, signing: dict[str, str]) -> Path:
    """The MSI built by scripts/build-msi.sh from a stand-in payload, signed with the throw-away certificate."""
    work = tmp_path_factory.mktemp("msi")
    return _build(work, BUNDLE=str(_payload(work)), **signing)


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


def test_msi_starts_the_agent_at_logon_from_a_scheduled_task_it_registers(msi: Path) -> None:
    """No Run key (it cannot restart a crashed agent): the installed exe registers the logon task as SYSTEM
    after the files when the StartAtLogin feature is installed, and removes it before the files go."""
    runs = [row for row in table(msi, "Registry") if row["Key"].endswith(r"CurrentVersion\Run")]
    assert runs == []
    actions = _actions(msi)
    files = {row["File"]: row["FileName"] for row in table(msi, "File")}
    for name, command in (("RegisterTask", "task register"), ("UnregisterTask", "task unregister")):
        kind = int(actions[name]["Type"])
        assert kind & 0x3F == 18 and kind & 0x400 and kind & 0x800  # installed exe, deferred, as SYSTEM
        assert files[actions[name]["Source"]] == "ledgerwatch.exe" and actions[name]["Target"] == command
    sequence = {row["Action"]: row for row in table(msi, "InstallExecuteSequence")}
    order = {name: int(row["Sequence"]) for name, row in sequence.items()}
    assert order["InstallFiles"] < order["RegisterTask"] and order["UnregisterTask"] < order["RemoveFiles"]
    assert sequence["RegisterTask"]["Condition"] == "&StartAtLogin = 3"
    assert actions["SkipStartAtLogin"]["Source"] == "ADDLOCAL"
    assert actions["SkipStartAtLogin"]["Target"] == "Agent"


def test_msi_stops_running_agents_before_replacing_files(msi: Path) -> None:
    """Every running agent (all sessions) is ended as SYSTEM right after InstallInitialize, before the old
    version is removed or files replaced, so files are never in use (no 3010 reboot)."""
    actions = _actions(msi)
    stop = actions["StopAgents"]
    assert int(stop["Type"]) & 0x3F == 50 and int(stop["Type"]) & 0x800
    assert "/IM ledgerwatchw.exe" in stop["Target"]
    assert actions["SetSystemTools1"]["Target"] == "[System64Folder]taskkill.exe"
    order = {row["Action"]: int(row["Sequence"]) for row in table(msi, "InstallExecuteSequence")}
    assert order["SetSystemTools1"] < order["InstallInitialize"] < order["StopAgents"]
    assert order["StopAgents"] < order["RemoveExistingProducts"] < order["InstallFiles"]


def test_msi_policy_folder_is_locked_to_administrators(msi: Path) -> None:
    """The policy folder is created and its ACL replaced (no inheritance: ProgramData lets users create files)
    with SYSTEM and Administrators full control, Users read, before the policy is written."""
    actions = _actions(msi)
    target = actions["LockPolicyFolder"]["Target"]
    assert "/inheritance:r" in target and "*S-1-5-32-545:(OI)(CI)RX" in target and "*S-1-5-18:(OI)(CI)F" in target
    order = {row["Action"]: int(row["Sequence"]) for row in table(msi, "InstallExecuteSequence")}
    assert order["CreateFolders"] < order["LockPolicyFolder"] < order["WritePolicy"]


def test_msi_has_an_icon_in_add_remove_programs_and_on_the_shortcut(msi: Path) -> None:
    """ARPPRODUCTICON names an Icon row, and the Start-menu shortcut uses it."""
    assert properties(msi)["ARPPRODUCTICON"] == "ledgerwatch.ico"
    assert [row["Name"] for row in table(msi, "Icon")] == ["ledgerwatch.ico"]
    (shortcut,) = table(msi, "Shortcut")
    assert shortcut["Icon_"] == "ledgerwatch.ico"


def test_arm64_variant_is_the_same_package_marked_for_arm64(tmp_path: Path) -> None:
    """ARCH=arm64 builds ledgerwatch for ARM64 Windows: platform Arm64 in the summary, 64-bit components."""
    out = _build(tmp_path, ARCH="arm64", BUNDLE=str(_payload(tmp_path)))
    summary = subprocess.run(["msiinfo", "suminfo", str(out)], capture_output=True, text=True).stdout
    assert "Template: Arm64;1033" in summary
    assert all(int(row["Attributes"]) & 0x100 for row in table(out, "Component"))  # msidbComponentAttributes64bit


def test_msi_and_its_executables_carry_verified_signatures(msi: Path, signing: dict[str, str], tmp_path: Path) -> None:
    """With a certificate configured, build-msi signs the payload's executables before packing them and the
    MSI last; osslsigncode verifies each against the throw-away CA, and a changed byte fails verification."""
    if not signing or not shutil.which("msiextract"):
        pytest.skip("needs osslsigncode, openssl, msiextract and setuptools' launcher")
    verify = ["osslsigncode", "verify", "-CAfile", signing["SIGN_CERT"], "-in"]
    result = subprocess.run([*verify, str(msi)], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and "Signature verification: ok" in result.stdout, result.stdout + result.stderr
    assert "ledgerwatch throw-away signing" in result.stdout
    subprocess.run(["msiextract", "-C", str(tmp_path / "x"), str(msi)], capture_output=True, check=True)
    for exe in ("ledgerwatch.exe", "ledgerwatchw.exe"):
        (found,) = (tmp_path / "x").rglob(exe)
        checked = subprocess.run([*verify, str(found)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    tampered = tmp_path / "tampered.exe"
    data = bytearray(found.read_bytes())
    data[0x200] ^= 0xFF
    tampered.write_bytes(bytes(data))
    assert subprocess.run([*verify, str(tampered)], capture_output=True, check=False).returncode != 0


def test_sign_script_signs_nothing_without_a_certificate_unless_required(tmp_path: Path) -> None:
    """No certificate: files are left alone (exit 0, said on stderr); SIGN_REQUIRED=1 makes it an error."""
    exe = tmp_path / "a.exe"
    exe.write_bytes(b"MZ placeholder")
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIGN_")}
    ok = subprocess.run(["bash", str(ROOT / "scripts" / "sign.sh"), str(exe)], env=env, capture_output=True, text=True)
    assert ok.returncode == 0 and "left unsigned" in ok.stderr and exe.read_bytes() == b"MZ placeholder"
    required = subprocess.run(
        ["bash", str(ROOT / "scripts" / "sign.sh"), str(exe)], env={**env, "SIGN_REQUIRED": "1"}, capture_output=True
    )
    assert required.returncode == 3


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
    assert int(older[0]["Attributes"]) & 0x200  # VersionMaxInclusive: a same-version rebuild replaces it
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
    for name in ("SetPolicyArgs1", "SetPolicyArgs2", "SetPolicyArgs3"):
        props[actions[name]["Source"]] = fmt(actions[name]["Target"], given)
    return fmt(actions["WritePolicy"]["Target"], props)


def test_msi_silent_install_properties_are_secure(msi: Path) -> None:
    """Every property the policy actions read reaches the elevated server side (SecureCustomProperties)."""
    secure = set(properties(msi)["SecureCustomProperties"].split(";"))
    actions = _actions(msi)
    targets = " ".join(actions[name]["Target"] for name in ("SetPolicyArgs1", "SetPolicyArgs2", "SetPolicyArgs3"))
    used = set(re.findall(r"\[([A-Z_]+)\]", targets))
    assert set(SILENT_PROPERTIES) <= used
    assert used <= secure
    assert properties(msi)["START_AT_LOGIN"] == "1"
    assert "PROXY" in secure


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
        r'"([a-z_.]+)=\[[A-Z_]+\]"',
        actions["SetPolicyArgs1"]["Target"] + actions["SetPolicyArgs2"]["Target"] + actions["SetPolicyArgs3"]["Target"],
    )
    assert keys and set(keys) - {"locked"} <= set(config.known_keys())
    sequence = {row["Action"]: row for row in table(msi, "InstallExecuteSequence")}
    order = {name: int(row["Sequence"]) for name, row in sequence.items()}
    assert order["SetPolicyArgs1"] < order["SetPolicyArgs2"] < order["SetPolicyArgs3"] < order["InstallInitialize"]
    assert order["InstallInitialize"] < order["WritePolicy"]
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
