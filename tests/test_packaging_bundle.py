"""The PyInstaller bundle and the .deb built from it: contents, a sample-week import, install and removal.

The bundle is built once per session (about 30-40 s) unless LEDGERWATCH_TEST_BUNDLE names a built one.
Installing the .deb changes the machine, so it runs only as root with CI=true or LEDGERWATCH_INSTALL_TESTS=1.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from ledgerwatch import __version__, config

ROOT = Path(__file__).resolve().parent.parent
SRC_PKG = ROOT / "src" / "ledgerwatch"
EXTENSION = ROOT / "packaging" / "browser-extension"

pytestmark = pytest.mark.slow


def _run(args: list[str | Path], env: dict[str, str] | None = None, timeout: float = 300) -> str:
    result = subprocess.run(
        [str(a) for a in args], env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args}: {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env.update(LEDGERWATCH_TIMEZONE="UTC", **extra)
    return env


@pytest.fixture(scope="session")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/ledgerwatch/ as scripts/build-bundle.sh builds it (once per session)."""
    given = os.environ.get("LEDGERWATCH_TEST_BUNDLE")
    if given:
        return Path(given)
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        pytest.skip("PyInstaller is not installed (pip install pyinstaller)")
    work = tmp_path_factory.mktemp("bundle")
    # The release way: a runtime-only environment (made once in build/runtime-venv, reused while pyproject.toml
    # is unchanged), never the development one this test runs in.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHON", "PYTHONPATH")}
    env.update(DIST=str(work / "dist"), WORK=str(work / "build"), BASE_PYTHON=sys.executable)
    _run(["bash", ROOT / "scripts" / "build-bundle.sh"], env=env, timeout=900)
    return work / "dist" / "ledgerwatch"


@pytest.fixture(scope="session")
def deb(bundle: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The .deb that scripts/build-deb.sh makes from the session's bundle."""
    if not shutil.which("dpkg-deb"):
        pytest.skip("dpkg-deb is not installed")
    work = tmp_path_factory.mktemp("deb")
    out = work / "ledgerwatch.deb"
    env = {**os.environ, "BUNDLE": str(bundle), "OUT": str(out), "WORK": str(work / "build")}
    _run(["bash", ROOT / "scripts" / "build-deb.sh"], env=env)
    return out


# --- the bundle ---


def test_bundle_reports_the_package_version(bundle: Path) -> None:
    """The frozen executable runs the CLI: `ledgerwatch --version` prints the package version."""
    assert _run([bundle / "ledgerwatch", "--version"]).strip() == f"ledgerwatch {__version__}"


def test_bundle_imports_the_sample_week(bundle: Path, sample_week: Path, tmp_path: Path) -> None:
    """Matters, an ActivityWatch export and a calendar import from the bundle into a fresh home."""
    env = _clean_env(LEDGERWATCH_HOME=str(tmp_path / "home"))
    exe = bundle / "ledgerwatch"
    assert "5 matters imported" in _run([exe, "matters", "import", sample_week / "matters.csv"], env)
    assert "755 new" in _run([exe, "import", "activitywatch", sample_week / "aw-export.json"], env)
    assert "new" in _run([exe, "import", "ics", sample_week / "calendar.ics"], env)
    again = _run([exe, "import", "activitywatch", sample_week / "aw-export.json"], env)
    assert "0 new" in again
    summary = _run([exe, "events", "summary", "--date", "2026-02-03", "--limit", "5"], env)
    assert "active (away time excluded)" in summary and "WINWORD.EXE" in summary


def test_bundle_builds_drafts_with_the_sessionize_it_was_built_from(
    bundle: Path, sample_week: Path, tmp_path: Path
) -> None:
    """Drafts come out of the frozen executable, built by the plain-Python sessionize it was frozen from."""
    env = _clean_env(LEDGERWATCH_HOME=str(tmp_path / "home"))
    exe = bundle / "ledgerwatch"
    _run([exe, "matters", "import", sample_week / "matters.csv"], env)
    _run([exe, "import", "activitywatch", sample_week / "aw-export.json"], env)
    assert "15 drafts written" in _run([exe, "drafts", "build", "--date", "2026-02-03"], env)
    assert "1001-Smith" in _run([exe, "drafts", "list", "--date", "2026-02-03"], env)
    assert not list((bundle / "_internal").rglob("*__mypyc*")), "no compiled build ships"


def test_bundle_carries_every_package_data_file_and_the_browser_extension(bundle: Path) -> None:
    """Review templates and static files (whatever exists under src/) and the extension are bundled."""
    internal = bundle / "_internal"
    data = [
        p
        for p in SRC_PKG.rglob("*")
        if p.is_file() and p.suffix not in {".py", ".pyc"} and "__pycache__" not in p.parts
    ]
    missing = [str(p) for p in data if not (internal / p.relative_to(SRC_PKG.parent)).is_file()]
    assert missing == []
    if EXTENSION.is_dir():
        assert (internal / "browser-extension" / "manifest.json").is_file()


def test_bundle_leaves_out_gtk_tk_and_plaintext_keyrings(bundle: Path) -> None:
    """PyGObject, tkinter and keyrings.alt never ship (size, tray backend choice, plaintext secrets)."""
    internal = bundle / "_internal"
    for unwanted in ("gi", "tkinter", "_tkinter", "keyrings"):
        assert not (internal / unwanted).exists()
        assert not list(internal.glob(f"lib-dynload/{unwanted}.*"))


DEVELOPMENT_PACKAGES = (
    "pytest", "_pytest", "hypothesis", "mypy", "ruff", "playwright", "importlinter", "grimp",
    "openapi_core", "aiosmtpd", "pypdf", "PyInstaller",
)  # fmt: skip


def test_bundle_holds_no_development_packages_and_the_firm_mode_driver(bundle: Path) -> None:
    """Built from the runtime-only environment: no test, lint or build tool in the archive or beside it, and
    the PostgreSQL driver (the `firm` extra) is there for firm mode."""
    toc = bundle.parent.parent / "build" / "ledgerwatch" / "PYZ-00.toc"
    if not toc.is_file():
        pytest.skip("a given bundle (LEDGERWATCH_TEST_BUNDLE) has no build record to read")
    import re

    modules = {name.split(".")[0] for name in re.findall(r"\('([A-Za-z0-9_.]+)',", toc.read_text())}
    assert sorted(modules & set(DEVELOPMENT_PACKAGES)) == []
    beside = {p.name.split("-")[0].lower() for p in (bundle / "_internal").iterdir()}
    assert sorted(beside & {p.lower() for p in DEVELOPMENT_PACKAGES}) == []
    assert "psycopg" in modules and (bundle / "_internal" / "psycopg_binary").is_dir()


def test_bundle_checks_a_policy_file_for_the_installers(bundle: Path, tmp_path: Path) -> None:
    """`ledgerwatch policy check` (the deb's postinst) accepts a valid policy and names a broken one's key."""
    good = tmp_path / "policy.toml"
    good.write_text('[sync]\nregion = "eu"\n', encoding="utf-8")
    assert "is valid (1 keys locked)" in _run([bundle / "ledgerwatch", "policy", "check", good])
    bad = tmp_path / "bad.toml"
    bad.write_text('[sync]\nregion = "mars"\n', encoding="utf-8")
    result = subprocess.run([bundle / "ledgerwatch", "policy", "check", bad], capture_output=True, text=True)
    assert result.returncode == 2 and "sync.region" in result.stderr


def test_bundle_answers_the_browsers_native_messaging_call(bundle: Path, tmp_path: Path) -> None:
    """Started by a browser (first argument the extension's origin) the executable is the native messaging
    host: a length-prefixed JSON request gets this session's endpoint, or why there is none."""
    import json
    import struct

    home = tmp_path / "home"
    (home / "data").mkdir(parents=True)
    (home / "data" / "browser-endpoint.json").write_text('{"port": 49152, "token": "t0k", "pid": 1}')
    body = json.dumps({"type": "endpoint"}).encode()
    result = subprocess.run(
        [bundle / "ledgerwatch", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/"],
        input=struct.pack("=I", len(body)) + body,
        env=_clean_env(LEDGERWATCH_HOME=str(home)),
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    (length,) = struct.unpack("=I", result.stdout[:4])
    assert json.loads(result.stdout[4 : 4 + length]) == {"port": 49152, "token": "t0k"}


def test_bundle_writes_an_installer_policy(bundle: Path, tmp_path: Path) -> None:
    """`ledgerwatch policy write` (what the MSI and pkg call) works from the frozen executable."""
    out = tmp_path / "policy.toml"
    _run([bundle / "ledgerwatch", "policy", "write", out, "sync.region=eu", "ai.enabled=0"])
    assert tomllib.loads(out.read_text(encoding="utf-8")) == {
        "sync": {"region": "eu"},
        "ai": {"enabled": False},
    }


# --- the .deb ---


def test_deb_metadata_names_package_version_and_dependencies(deb: Path) -> None:
    """dpkg-deb --info shows the package, its version, the X11 dependencies and the maintainer scripts."""
    info = _run(["dpkg-deb", "--info", deb])
    assert "Package: ledgerwatch" in info
    assert f"Version: {__version__}" in info
    assert "x11-xserver-utils" not in info  # pywinctl (which needed xrandr) is not used on Linux
    assert "gnome-keyring | kwalletmanager | keepassxc" in info  # a Secret Service for the tokens
    for script in ("postinst", "prerm", "postrm", "conffiles", "md5sums"):
        assert script in info
    assert _run(["dpkg-deb", "--field", deb, "Installed-Size"]).strip().isdigit()


def test_deb_contents_have_the_bundle_symlink_autostart_and_policy(deb: Path) -> None:
    """/opt/ledgerwatch, the /usr/bin symlink, XDG autostart and /etc/ledgerwatch/policy.toml, owned by root."""
    lines = _run(["dpkg-deb", "--contents", deb]).splitlines()
    entries = {line.split()[-1] if "->" not in line else line.split()[-3]: line for line in lines}
    assert "./opt/ledgerwatch/ledgerwatch" in entries
    assert entries["./usr/bin/ledgerwatch"].rstrip().endswith("-> /opt/ledgerwatch/ledgerwatch")
    assert "./etc/xdg/autostart/ledgerwatch.desktop" in entries
    assert "./etc/ledgerwatch/policy.toml" in entries
    assert all(" root/root " in line for line in lines)


def test_deb_policy_is_a_conffile_that_locks_nothing(deb: Path, tmp_path: Path) -> None:
    """The packaged policy survives upgrades (conffile) and, as shipped, locks no setting."""
    control = tmp_path / "control"
    _run(["dpkg-deb", "--control", deb, control])
    conffiles = (control / "conffiles").read_text().split()
    assert "/etc/ledgerwatch/policy.toml" in conffiles and "/etc/xdg/autostart/ledgerwatch.desktop" in conffiles
    root = tmp_path / "root"
    _run(["dpkg-deb", "-x", deb, root])
    policy = root / "etc" / "ledgerwatch" / "policy.toml"
    env = _clean_env(LEDGERWATCH_HOME=str(tmp_path / "home"), LEDGERWATCH_POLICY_FILE=str(policy))
    assert config.load(env).locked == frozenset()


def test_deb_autostart_entry_starts_the_agent(deb: Path, tmp_path: Path) -> None:
    """The XDG autostart entry runs `/usr/bin/ledgerwatch run --at-login` in every desktop session, which hands
    the agent to the packaged systemd user unit (Restart=on-failure); the icon it names is shipped."""
    root = tmp_path / "root"
    _run(["dpkg-deb", "-x", deb, root])
    entry = configparser.ConfigParser(interpolation=None)
    entry.optionxform = str  # type: ignore[assignment,method-assign]
    entry.read(root / "etc" / "xdg" / "autostart" / "ledgerwatch.desktop")
    desktop = entry["Desktop Entry"]
    assert desktop["Type"] == "Application"
    assert desktop["Exec"] == "/usr/bin/ledgerwatch run --at-login"
    assert desktop["X-GNOME-Autostart-enabled"] == "true"
    unit = (root / "usr" / "lib" / "systemd" / "user" / "ledgerwatch.service").read_text()
    assert "ExecStart=/usr/bin/ledgerwatch run\n" in unit and "Restart=on-failure" in unit
    assert (root / "usr" / "share" / "icons" / "hicolor" / "256x256" / "apps" / f"{desktop['Icon']}.png").is_file()
    for browser in ("etc/opt/chrome", "etc/chromium", "etc/opt/edge", "usr/lib/mozilla"):
        host = root / browser / "native-messaging-hosts" / "com.ledgerwatch.agent.json"
        assert json.loads(host.read_text())["path"] == "/opt/ledgerwatch/ledgerwatch"


@pytest.mark.skipif(not shutil.which("lintian"), reason="lintian not installed (scripts/setup.sh --dev)")
def test_deb_passes_lintian_without_errors_or_warnings(deb: Path) -> None:
    """lintian reports no error and no warning (the bundled runtime's tags are overridden with reasons)."""
    result = subprocess.run(["lintian", "--fail-on", "error,warning", str(deb)], capture_output=True, text=True)
    shown = [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")]
    assert result.returncode == 0 and shown == [], result.stdout + result.stderr


def test_deb_maintainer_scripts_are_valid_posix_sh(deb: Path, tmp_path: Path) -> None:
    """postinst, prerm and postrm parse with sh -n and pass shellcheck (when installed)."""
    control = tmp_path / "control"
    _run(["dpkg-deb", "--control", deb, control])
    scripts = [control / name for name in ("postinst", "prerm", "postrm")]
    root = tmp_path / "root"
    _run(["dpkg-deb", "-x", deb, root])
    scripts.append(root / "usr" / "lib" / "ledgerwatch" / "ledgerwatch-agents")
    for script in scripts:
        assert os.access(script, os.X_OK)
        _run(["sh", "-n", script])
    if shutil.which("shellcheck"):
        _run(["shellcheck", "-s", "sh", *scripts])


# --- installing on this machine (CI only) ---


def _may_install() -> str | None:
    """Why the install test must not run here, or None."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return "needs root"
    if os.environ.get("CI") != "true" and os.environ.get("LEDGERWATCH_INSTALL_TESTS") != "1":
        return "changes the machine: set CI=true or LEDGERWATCH_INSTALL_TESTS=1"
    if not shutil.which("dpkg"):
        return "needs dpkg"
    if Path("/opt/ledgerwatch").exists() or Path("/etc/ledgerwatch").exists():
        return "ledgerwatch is already installed on this machine"
    return None


CAPTURE_SCRIPT = r"""
set -eu
xterm -T "Smith v Jones - Demand Letter.docx" -e sleep 120 &
term=$!
for _ in $(seq 100); do
  xdotool getactivewindow getwindowname 2>/dev/null | grep -q "Smith v Jones" && break
  sleep 0.1
done
timeout -s INT 8 /usr/bin/ledgerwatch run --headless || true
kill "$term" 2>/dev/null || true
/usr/bin/ledgerwatch events summary --date "$(date -u +%F)"
"""


def _has_run_command(env: dict[str, str]) -> bool:
    result = subprocess.run(
        ["/usr/bin/ledgerwatch", "run", "--help"], env=env, capture_output=True, text=True, check=False
    )
    return result.returncode == 0 and "--headless" in result.stdout


@contextmanager
def _installed(deb: Path) -> Iterator[None]:
    """The package installed with dpkg for the duration, purged afterwards whatever happened."""
    reason = _may_install()
    if reason:
        pytest.skip(reason)
    try:
        _run(["dpkg", "-i", deb])
        yield
    finally:
        subprocess.run(["dpkg", "--purge", "ledgerwatch"], capture_output=True, check=False)


def test_installed_deb_runs_a_short_headless_capture_under_xvfb(deb: Path, tmp_path: Path) -> None:
    """The installed `ledgerwatch run --headless` records the focused X11 window into the user's store."""
    env = _clean_env(
        LEDGERWATCH_HOME=str(tmp_path / "home"),
        TZ="UTC",
        LEDGERWATCH_CAPTURE__FLUSH_SECONDS="1",  # written within the 8 s run, not only at shutdown
        LEDGERWATCH_CAPTURE__BROWSER_PORT="0",  # no clash with an agent already on this machine
    )
    with _installed(deb):
        if not _has_run_command(env):
            pytest.skip("the installed ledgerwatch has no `run --headless` command")
        if not (shutil.which("xterm") and shutil.which("xdotool") and shutil.which("Xvfb")):
            pytest.skip("needs xterm, xdotool and Xvfb")
        summary = _run(["bash", ROOT / ".ci" / "with-desktop.sh", "bash", "-c", CAPTURE_SCRIPT], env)
    assert "Smith v Jones" in summary, summary


def test_deb_installs_upgrades_keeping_policy_and_data_then_removes_and_purges(
    deb: Path, tmp_path: Path
) -> None:
    """dpkg install works; an upgrade keeps the edited policy and user data; remove keeps the policy and
    user data; purge removes the policy and still keeps user data."""
    home = tmp_path / "home"
    env = _clean_env(LEDGERWATCH_HOME=str(home), TZ="UTC")
    database = home / "data" / "ledgerwatch.db"
    policy = Path("/etc/ledgerwatch/policy.toml")
    with _installed(deb):
        assert _run(["/usr/bin/ledgerwatch", "--version"], env).strip() == f"ledgerwatch {__version__}"
        assert Path("/etc/xdg/autostart/ledgerwatch.desktop").is_file()
        _run(["/usr/bin/ledgerwatch", "init"], env)
        assert database.is_file()

        # An administrator's policy edit survives an upgrade (conffile), and so does user data.
        shipped = policy.read_text()
        assert '\n# region = "us"' in shipped
        policy.write_text(shipped.replace('\n# region = "us"', '\nregion = "eu"'))
        before = database.stat().st_size
        _run(["dpkg", "-i", "--force-confold", deb])
        assert '\nregion = "eu"' in policy.read_text()
        assert database.stat().st_size >= before
        shown = _run(["/usr/bin/ledgerwatch", "config", "show"], env)
        assert any(
            line.startswith("sync.region = eu") and "[locked by policy]" in line
            for line in shown.splitlines()
        )

        _run(["dpkg", "-r", "ledgerwatch"])
        assert not Path("/usr/bin/ledgerwatch").exists() and not Path("/opt/ledgerwatch").exists()
        assert policy.exists()
        assert database.is_file()
    assert not Path("/etc/ledgerwatch").exists()
    assert database.is_file()


def test_install_test_guard_is_explicit() -> None:
    """The install test never runs by accident: without root and CI/opt-in it gives a reason to skip."""
    reason = _may_install()
    if os.environ.get("CI") != "true" and os.environ.get("LEDGERWATCH_INSTALL_TESTS") != "1":
        assert reason is not None
