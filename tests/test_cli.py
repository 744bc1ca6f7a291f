"""The `ledgerwatch` command end to end: sample week, idempotent imports, bad input, config, db."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from ledgerwatch.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def db_file(home: Path) -> Path:
    return home / "data" / "ledgerwatch.db"


def test_every_command_has_help(capsys: pytest.CaptureFixture[str]) -> None:
    """Each command and sub-command answers --help."""
    for argv in (
        [],
        ["init"],
        ["import", "activitywatch"],
        ["import", "ics"],
        ["matters", "import"],
        ["matters", "list"],
        ["events", "summary"],
        ["config", "show"],
        ["config", "set"],
        ["db", "check"],
        ["db", "backup"],
    ):
        with pytest.raises(SystemExit) as done:
            main([*argv, "--help"])
        assert done.value.code == 0
        assert "usage: ledgerwatch" in capsys.readouterr().out


def test_sample_week_imports_once_and_summarises(
    lw_home: Path, sample_week: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The sample week imports; importing it again adds 0 events; the summary shows its days."""
    assert run(capsys, "matters", "import", str(sample_week / "matters.csv"))[0] == 0
    code, out, _ = run(capsys, "import", "activitywatch", str(sample_week / "aw-export.json"))
    assert code == 0 and "755 events read, 755 new" in out
    code, out, _ = run(capsys, "import", "activitywatch", str(sample_week / "aw-export.json"))
    assert code == 0 and ", 0 new" in out
    code, out, _ = run(capsys, "import", "ics", str(sample_week / "calendar.ics"))
    assert code == 0 and "0 new" not in out
    for day in ("2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05", "2026-02-06"):
        code, out, _ = run(capsys, "events", "summary", "--date", day)
        assert code == 0 and f"{day}: " in out and "WINWORD.EXE" in out
    code, out, _ = run(capsys, "events", "summary", "--date", "2026-02-07")
    assert "no activity" in out
    code, out, _ = run(capsys, "matters", "list")
    assert "1001-Smith" in out and "Blue Heron Cafe LLC" in out
    assert run(capsys, "db", "check")[0] == 0


BAD_INPUTS = {
    "truncated.json": '{"buckets": {"w": {"id": "w", "type": "currentwindow", "events": [{"timestamp": ',
    "wrong-shape.json": json.dumps(
        {"buckets": {"w": {"id": "w", "type": "currentwindow", "events": {"a": 1}}}}
    ),
    "negative.json": json.dumps(
        {
            "buckets": {
                "w": {
                    "id": "w",
                    "type": "currentwindow",
                    "events": [
                        {
                            "timestamp": "2026-02-02T09:00:00Z",
                            "duration": -5,
                            "data": {"app": "a", "title": "t"},
                        }
                    ],
                }
            }
        }
    ),
    "huge-title.json": json.dumps(
        {
            "buckets": {
                "w": {
                    "id": "w",
                    "type": "currentwindow",
                    "events": [
                        {
                            "timestamp": "2026-02-02T09:00:00Z",
                            "duration": 5,
                            "data": {"app": "a", "title": "x" * 10_000_000},
                        }
                    ],
                }
            }
        }
    ),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_activitywatch_files_fail_clearly_and_change_nothing(
    name: str, lw_home: Path, sample_week: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Malformed exports give a one-line error naming the file and exit non-zero, leaving the store as it was."""
    run(capsys, "import", "activitywatch", str(sample_week / "aw-export.json"))
    before = db_file(lw_home).stat().st_size, _count(lw_home)
    bad = tmp_path / name
    bad.write_text(BAD_INPUTS[name], encoding="utf-8")
    code, _, err = run(capsys, "import", "activitywatch", str(bad))
    assert code == 2
    assert err.startswith("ledgerwatch: error: ") and str(bad) in err and err.count("\n") == 1
    assert _count(lw_home) == before[1]


def test_bad_ics_and_csv_fail_clearly(
    lw_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """ICS that is not UTF-8, CSV missing a column and a missing file are each one clear error."""
    latin = tmp_path / "cal.ics"
    latin.write_bytes(
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Réunion\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".encode(
            "latin-1"
        )
    )
    code, _, err = run(capsys, "import", "ics", str(latin))
    assert code == 2 and str(latin) in err and "UTF-8" in err
    csv = tmp_path / "matters.csv"
    csv.write_text("matter_number,client,description,status\n1,A,B,Open\n", encoding="utf-8")
    code, _, err = run(capsys, "matters", "import", str(csv))
    assert code == 2 and "keywords" in err
    code, _, err = run(capsys, "import", "activitywatch", str(tmp_path / "missing.json"))
    assert code == 2 and "missing.json" in err
    assert run(capsys, "matters", "list")[1].startswith("no matters")


def _count(home: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db_file(home))
    try:
        return int(con.execute("select count(*) from events").fetchone()[0])
    finally:
        con.close()


def test_config_show_names_each_source(
    lw_home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """config show prints effective values with where each came from; config set writes the user file."""
    monkeypatch.setenv("LEDGERWATCH_CAPTURE__IDLE_THRESHOLD_SECONDS", "120")
    assert run(capsys, "config", "set", "sessionize.interruption_seconds", "90")[0] == 0
    code, out, _ = run(capsys, "config", "show")
    assert code == 0
    assert (
        "capture.idle_threshold_seconds = 120    # environment LEDGERWATCH_CAPTURE__IDLE_THRESHOLD_SECONDS"
        in out
    )
    assert "sessionize.interruption_seconds = 90    # user file" in out
    assert "capture.flush_seconds = 10.0    # default" in out
    code, _, err = run(capsys, "config", "set", "capture.nope", "1")
    assert code == 2 and "unknown setting" in err


def test_policy_locks_settings_against_every_lower_layer(
    lw_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A policy key wins over the user file and the environment, config set refuses it, and config show says why."""
    policy = tmp_path / "policy.toml"
    policy.write_text('[capture]\nretention_days = 30\n[sync]\nprovider = "clio"\n', encoding="utf-8")
    monkeypatch.setenv("LEDGERWATCH_POLICY_FILE", str(policy))
    monkeypatch.setenv("LEDGERWATCH_CAPTURE__RETENTION_DAYS", "365")
    code, _, err = run(capsys, "config", "set", "capture.retention_days", "400")
    assert code == 2 and "policy" in err
    code, out, _ = run(capsys, "config", "show")
    assert f"capture.retention_days = 30    # policy {policy} (locked) [locked by policy]" in out
    assert "sync.provider = clio" in out


def test_db_backup_writes_a_usable_copy(
    lw_home: Path, sample_week: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """db backup copies the live store online."""
    run(capsys, "import", "activitywatch", str(sample_week / "aw-export.json"))
    target = tmp_path / "backup.db"
    assert run(capsys, "db", "backup", str(target))[0] == 0
    import sqlite3

    assert sqlite3.connect(target).execute("select count(*) from events").fetchone()[0] == 755


def _big_export(path: Path, count: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(
            '{"buckets": {"aw-watcher-window_big": {"id": "aw-watcher-window_big", "type": "currentwindow", '
            '"client": "aw-watcher-window", "hostname": "big", "created": "2026-01-01T00:00:00Z", "events": ['
        )
        for i in range(count):
            ts = 1_770_000_000 + i * 3
            stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))
            f.write(
                ("," if i else "")
                + json.dumps(
                    {
                        "id": i + 1,
                        "timestamp": stamp,
                        "duration": 3.0,
                        "data": {"app": "WINWORD.EXE", "title": f"Doc {i % 97} - Word"},
                    }
                )
            )
        f.write("]}}}")


def _import(env: dict[str, str], export: Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "ledgerwatch", "import", "activitywatch", str(export)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _events(home: Path) -> int:
    import sqlite3

    con = sqlite3.connect(db_file(home))
    try:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        return int(con.execute("select count(*) from events").fetchone()[0])
    finally:
        con.close()


@pytest.mark.slow
def test_sigkill_during_a_large_import_leaves_all_or_nothing(lw_home: Path, tmp_path: Path) -> None:
    """Killing the importer at any point leaves a consistent store holding none or all of that import."""
    export = tmp_path / "big.json"
    count = 60_000
    _big_export(export, count)
    env = {**os.environ, "LEDGERWATCH_HOME": str(lw_home)}
    started = time.monotonic()
    full_home = tmp_path / "full"
    assert _import({**env, "LEDGERWATCH_HOME": str(full_home)}, export).wait() == 0
    duration = time.monotonic() - started
    assert _events(full_home) == count

    killed_while_running = 0
    for fraction in (0.35, 0.6, 0.8, 0.9, 0.97):
        delay = duration * fraction
        for attempt in range(8):  # a loaded machine runs the import at another pace: kill earlier until it is running
            home = tmp_path / f"kill-{fraction}-{attempt}"
            proc = _import({**env, "LEDGERWATCH_HOME": str(home)}, export)
            time.sleep(delay)
            running = proc.poll() is None
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if db_file(home).exists():
                assert _events(home) in (0, count)
            if running:
                killed_while_running += 1
                break
            delay /= 2
    assert killed_while_running >= 3


def test_learning_can_be_shown_exported_reset_and_imported(
    lw_home: Path, sample_week: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Approvals teach the memory; learn status shows it; export/import carries it to a new machine; reset forgets."""
    from ledgerwatch.app import open_services
    from ledgerwatch.workday import Workday

    run(capsys, "matters", "import", str(sample_week / "matters.csv"))
    run(capsys, "import", "activitywatch", str(sample_week / "aw-export.json"))
    run(capsys, "drafts", "build", "--date", "2026-02-02")
    svc = open_services()
    workday = Workday(svc)
    approved = [e for e in svc.entries.for_day(date(2026, 2, 2)) if e.matter]
    for entry in approved:
        assert workday.approve(entry.id).ok
    svc.close()
    code, out, _ = run(capsys, "learn", "status")
    assert code == 0 and "associations" in out and "->" in out
    assert "suggests a matter" in out and "sessionize.learned_decides = false" in out
    export = tmp_path / "learned.json"
    assert run(capsys, "learn", "export", str(export))[0] == 0
    document = json.loads(export.read_text(encoding="utf-8"))
    assert document["memory"] and "WINWORD" not in export.read_text(encoding="utf-8")
    assert run(capsys, "learn", "reset")[0] == 0
    assert "0 associations" in run(capsys, "learn", "status")[1]
    code, out, _ = run(capsys, "learn", "import", str(export))
    assert code == 0 and f"imported {len(document['memory'])} memory keys" in out


def test_clients_set_stores_billing_details(
    lw_home: Path, sample_week: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """clients set records a client's billing e-mail and terms; an unknown client is a clear error."""
    from ledgerwatch.app import open_services

    run(capsys, "matters", "import", str(sample_week / "matters.csv"))
    code, out, _ = run(
        capsys, "clients", "set", "Patel Family", "--email", "ap@patel.example", "--terms-days", "15"
    )
    assert code == 0 and "email = ap@patel.example" in out
    svc = open_services()
    details = svc.billing().client_billing("Patel Family")
    svc.close()
    assert (details.email, details.terms_days) == ("ap@patel.example", 15)
    code, _, err = run(capsys, "clients", "set", "Nobody LLC", "--email", "x@y.z")
    assert code == 2 and "Nobody LLC" in err
