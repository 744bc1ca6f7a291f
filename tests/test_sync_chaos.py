"""Chaos, small enough for CI: for each provider's fake, 150 approved entries pushed by two `sync push`
processes at once through ~25% random faults of every kind, one SIGKILL mid-run, then a push to the end.
bench/sync_chaos.py runs the full soak (1,000 entries, 4 pushes at once, 2 SIGKILLs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.fakes import chaos


@pytest.mark.slow
@pytest.mark.timeout(300)
@pytest.mark.parametrize("provider", sorted(chaos.FAKES))
def test_entries_arrive_exactly_once_through_faults_kills_and_concurrent_pushes(
    provider: str, tmp_path: Path, file_keyring: Path
) -> None:
    """Through random faults, two pushes at once and a SIGKILL, the provider ends with exactly the approved
    entries (matter, date, duration, note), none twice, none lost, none left parked or queued, and no
    request the provider's documentation forbids."""
    soak = chaos.run(provider, tmp_path, file_keyring, total=150, concurrent=2, kills=1, seed=99)
    print(soak.line())
    assert soak.kills == 1
    assert soak.held == soak.approved == 150
    assert soak.duplicates == 0 and soak.lost == 0 and soak.mismatched == 0
    assert soak.left_undelivered == 0
    assert soak.violations == 0
    for kind in ("timeout", "reset", "429", "500"):
        assert soak.faults.get(kind, 0) > 0, f"no {kind} fault happened"
