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
from tests.fakes.clio import FakeClio
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
