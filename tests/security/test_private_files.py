"""Finding 1: everything ledgerwatch writes is private to its user (folders 0700, files 0600), from creation on.

The commands run as the CLI runs them (`main()`), with the process umask at the usual 022 so that an
open file would show; after each one every folder and file under the home, and every file it exported, is
checked. Repair at start narrows what was left open and says so.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ledgerwatch import config, permissions
from ledgerwatch.app import open_services
from ledgerwatch.cli import main
from ledgerwatch.domain import AfkPayload, Event, Source, WindowPayload
from tests.security.support import open_modes

MONDAY = date(2026, 2, 2)


@pytest.fixture(autouse=True)
def usual_umask() -> Iterator[None]:
    """The umask most desktops start programs with, so nothing is private by accident."""
    previous = os.umask(0o022)
    yield
    os.umask(previous)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_writing_command_leaves_only_private_files(
    lw_home: Path,
    sample_week: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """init, config set, imports, drafts, backups and every export: 0700 folders and 0600 files, each time."""
    monkeypatch.setenv("LEDGERWATCH_BILLING__FIRM_RATE", "300")
    exports = tmp_path / "exports"
    exports.mkdir()
    commands = [
        ("init",),
        ("config", "set", "review.reminder_time", "18:00"),
        ("config", "set", "sync.client_secret", "s3cr3t"),
        ("matters", "import", str(sample_week / "matters.csv")),
        ("import", "activitywatch", str(sample_week / "aw-export.json")),
        ("import", "ics", str(sample_week / "calendar.ics")),
        ("drafts", "build", "--date", MONDAY.isoformat()),
        (
            "drafts",
            "export",
            "--date",
            MONDAY.isoformat(),
            "--format",
            "csv",
            "-o",
            str(exports / "drafts.csv"),
        ),
        ("drafts", "export", "--date", MONDAY.isoformat(), "-o", str(exports / "drafts.json")),
        ("db", "backup", str(exports / "backup.db")),
        ("learn", "export", str(exports / "learned.json")),
    ]
    for argv in commands:
        code, _out, err = run(capsys, *argv)
        assert code == 0, (argv, err)
        assert open_modes(lw_home) == [], argv
        assert open_modes(exports, files_only=True) == [], argv
    invoice = _approve_and_bill(capsys)
    for form in ("pdf", "ledes", "csv"):
        target = exports / f"invoice.{form}"
        code, _out, err = run(capsys, "invoice", "export", invoice, "--format", form, "-o", str(target))
        assert code == 0, err
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert open_modes(lw_home) == [] and open_modes(exports, files_only=True) == []
    assert stat.S_IMODE((lw_home / "config").stat().st_mode) == 0o700
    assert stat.S_IMODE((lw_home / "data").stat().st_mode) == 0o700


def _approve_and_bill(capsys: pytest.CaptureFixture[str]) -> str:
    """Approve one of Monday's drafts, draft its pre-bill and finalise it through the CLI; the invoice number."""
    with open_services(config.load()) as svc:
        entry = next(e for e in svc.entries.for_day(MONDAY) if e.billable)
        svc.entries.approve(entry.id, "attorney")
    assert entry.matter is not None
    code, out, err = run(
        capsys, "invoice", "draft", "--matter", entry.matter, "--through", MONDAY.isoformat()
    )
    assert code == 0 and "pre-bill #" in out, err
    draft = out.split("pre-bill #", 1)[1].split()[0]
    code, out, err = run(capsys, "invoice", "finalize", draft)
    assert code == 0 and "finalised" in out, (out, err)
    return out.split()[1]


def test_wal_and_shared_memory_files_are_private(lw_home: Path) -> None:
    """The database's write-ahead log and shared-memory file take its 0600, whatever the umask."""
    with open_services(config.load()) as svc:
        start = svc.clock()
        svc.events.add_many([Event(Source.WINDOW, start, start, WindowPayload("app", "title"))])
        svc.events.add_many([Event(Source.AFK, start, start, AfkPayload(False))])
        data = lw_home / "data"
        assert (data / "ledgerwatch.db-wal").exists() and (data / "ledgerwatch.db-shm").exists()
        assert open_modes(data) == []


def test_open_files_are_repaired_at_start_with_a_warning(
    lw_home: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    """A store left 0644 in a 0755 folder (an older version, a restore) is narrowed at start, and says so."""
    assert run(capsys, "init")[0] == 0
    data, db = lw_home / "data", lw_home / "data" / "ledgerwatch.db"
    data.chmod(0o755)
    db.chmod(0o644)
    (lw_home / "config").chmod(0o755)
    with caplog.at_level("WARNING", logger="ledgerwatch"):
        assert run(capsys, "status")[0] == 0
    assert stat.S_IMODE(data.stat().st_mode) == 0o700 and stat.S_IMODE(db.stat().st_mode) == 0o600
    assert stat.S_IMODE((lw_home / "config").stat().st_mode) == 0o700
    warned = [r.getMessage() for r in caplog.records]
    assert f"{db} was open to other users (0644); it is now private (0600)" in warned
    assert f"{data} was open to other users (0755); it is now private (0700)" in warned


def test_a_file_of_another_owner_is_reported_not_changed(tmp_path: Path) -> None:
    """repair names a file it may not change instead of failing (checked through the owner test alone)."""
    from ledgerwatch.permissions import _repair_one

    loose = tmp_path / "loose"
    loose.write_text("x")
    loose.chmod(0o644)
    notes = _repair_one(loose, 0o600, uid=os.getuid() + 1)
    assert notes and "belongs to another user" in notes[0] and stat.S_IMODE(loose.stat().st_mode) == 0o644


def test_windows_acl_check_names_every_other_reader() -> None:
    """On Windows the profile's ACL is read: a grant to Users or Everyone is named; owner, SYSTEM, admins pass."""
    me = "S-1-5-21-1-2-3-1001"
    aces = [
        (me, "FIRM\\ada", 0x1F01FF),
        ("S-1-5-18", "NT AUTHORITY\\SYSTEM", 0x1F01FF),
        ("S-1-5-32-544", "BUILTIN\\Administrators", 0x1F01FF),
        ("S-1-5-32-545", "BUILTIN\\Users", 0x1200A9),
        ("S-1-1-0", "Everyone", permissions.GENERIC_READ),
        ("S-1-5-11", "Authenticated Users", 0x100000),  # synchronize only: cannot read
    ]
    problems = permissions.acl_problems(Path("C:/Users/ada/AppData/Local/ledgerwatch"), me, aces)
    assert len(problems) == 2
    assert "BUILTIN\\Users may read it" in problems[0] and "Everyone may read it" in problems[1]
