"""The sync commands end to end: connect with tokens, pull matters, approve, push exactly once, status."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from ledgerwatch.app import open_services
from ledgerwatch.cli import main
from ledgerwatch.domain import Span, TimeEntry
from tests.fakes.clio import API, FakeClio
from tests.fakes.support import point_cli_at


def test_connect_pull_approve_push_status(
    lw_home: Path, file_keyring: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An approved entry reaches Clio once through the CLI; pushing again sends nothing; tokens stay in the keyring."""
    fake = FakeClio(seed=7)
    fake.add_matters(3)
    with fake.serve() as base:
        point_cli_at(fake.settings(base), monkeypatch)
        monkeypatch.setattr(
            "sys.stdin", __import__("io").StringIO(__import__("json").dumps(fake.issue_tokens()))
        )
        assert main(["connect", "clio", "--token-stdin"]) == 0
        assert "connected to clio" in capsys.readouterr().out
        assert main(["sync", "pull"]) == 0
        assert "3 matters" in capsys.readouterr().out

        svc = open_services()
        number = fake.matters[0]["number"]
        start = datetime(2026, 2, 2, 14, tzinfo=UTC)
        entry = TimeEntry(
            id="cli-e1",
            date=date(2026, 2, 2),
            spans=(Span(start, start + timedelta(minutes=14)),),
            worked_seconds=14 * 60,
            billed_hours=Decimal("0.3"),
            matter=number,
            description="Draft motion to compel discovery responses",
        )
        svc.entries.add(entry, "test")
        svc.entries.approve("cli-e1", "attorney")
        svc.close()

        assert main(["sync", "push"]) == 0
        assert "created 1" in capsys.readouterr().out
        assert main(["sync", "push"]) == 0
        assert "created 0" in capsys.readouterr().out
        held = fake.time_entries()
        assert len(held) == 1 and held[0]["note"].startswith("Draft motion to compel")
        assert main(["sync", "status"]) == 0
        out = capsys.readouterr().out
        assert "provider: clio" in out and "tokens in keyring" in out

    stored = b"".join(p.read_bytes() for p in (lw_home / "data").glob("ledgerwatch.db*"))
    secrets = [*fake.access, *fake.refresh]
    assert secrets and all(s.encode() not in stored for s in secrets)
    assert any(s in file_keyring.read_text() for s in secrets)


def test_policy_pins_the_provider(
    lw_home: Path, managed_policy: Callable[[str], Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """When IT's policy sets the provider, connecting another one is refused with the reason."""
    managed_policy('[sync]\nprovider = "clio"\n')
    assert main(["connect", "mycase", "--token-stdin"]) == 2
    assert "policy sets the provider to clio" in capsys.readouterr().err


def test_status_stays_short_with_a_thousand_queued(
    lw_home: Path, file_keyring: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """`sync status` with 1,000 entries queued and 15 needing attention prints under 20 lines: counts per
    state and the first entries that need the attorney; `--all` lists every queued entry."""
    from tests.fakes.support import approve_all, approved_entry

    fake = FakeClio(seed=7)
    fake.add_matters(3)
    monkeypatch.setenv("LEDGERWATCH_SYNC__API_BASE_URL", f"https://clio.invalid{API}")
    monkeypatch.setattr("sys.stdin", __import__("io").StringIO(__import__("json").dumps(fake.issue_tokens())))
    with fake.serve() as base:
        monkeypatch.setenv("LEDGERWATCH_SYNC__API_BASE_URL", f"{base}{API}")
        assert main(["connect", "clio", "--token-stdin"]) == 0
    svc = open_services()
    now = datetime(2026, 2, 2, 18, tzinfo=UTC)
    approve_all(svc.db, [approved_entry(n, "00001-7001") for n in range(1000)], now)
    approve_all(svc.db, [approved_entry(n, "LOCAL-ONLY") for n in range(1000, 1015)], now)
    from ledgerwatch.store import outbox
    from ledgerwatch.store.schema import outbox as table

    with svc.db.begin() as conn:
        for row_id in conn.execute(table.select().with_only_columns(table.c.id).where(table.c.entry_id >= "e01000")).scalars():
            outbox.park(conn, row_id, now, "matter LOCAL-ONLY is not linked to clio", state="needs_attention", in_doubt=False)
    svc.close()
    capsys.readouterr()
    assert main(["sync", "status"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) < 20
    assert "needs attention 15" in lines[1] and "pending 1000" in lines[1]
    assert any("5 more" in line for line in lines)
    assert main(["sync", "status", "--all"]) == 0
    assert len(capsys.readouterr().out.splitlines()) >= 1015


def test_status_shows_the_firm_ledger_and_names_its_rows(
    lw_home: Path, file_keyring: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """With only the firm ledger connected, `sync status` answers (no 'not connected' error), names the
    ledger, and marks the rows that wait for it."""
    from ledgerwatch.store import outbox, remote
    from ledgerwatch.store.schema import outbox as table
    from ledgerwatch.sync.firm import URL_KEY
    from tests.fakes.support import approve_all, approved_entry

    svc = open_services()
    now = datetime(2026, 2, 2, 18, tzinfo=UTC)
    with svc.db.begin() as conn:
        remote.set_value(conn, URL_KEY, "https://ledger.firm.example")
        remote.set_value(conn, outbox.TARGETS_KEY, "firm")
    approve_all(svc.db, [approved_entry(1, "LOCAL-ONLY")], now)
    with svc.db.begin() as conn:
        row_id = conn.execute(table.select().with_only_columns(table.c.id).where(table.c.provider == "firm")).scalar_one()
        outbox.park(conn, row_id, now, "matter LOCAL-ONLY is not on the ledger", state="needs_attention", in_doubt=False)
    svc.close()
    capsys.readouterr()
    assert main(["sync", "status"]) == 0
    out = capsys.readouterr().out
    assert "firm ledger: https://ledger.firm.example" in out
    assert "! firm 2024-05-06 LOCAL-ONLY create needs_attention: matter LOCAL-ONLY is not on the ledger" in out
