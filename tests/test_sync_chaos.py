"""Chaos: 1,000 approved entries through a Clio fake failing ~25% of requests, the sync process SIGKILLed twice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from ledgerwatch.store import open_database, outbox
from ledgerwatch.store.schema import entries
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.connector import split_reference
from tests.fakes.base import FAULTS
from tests.fakes.clio import FakeClio
from tests.fakes.support import approve_all, approved_entry, sync_service

ROOT = Path(__file__).resolve().parent.parent
TOTAL = 1000


def _run(db_path: Path, base: str, keyring_file: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), *sys.path]),
        "PYTHON_KEYRING_BACKEND": "tests.fakes.keyring_file.FileKeyring",
        "LW_TEST_KEYRING_FILE": str(keyring_file),
    }
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "tests.fakes.sync_runner", str(db_path), base, "clio"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(process: subprocess.Popen[str], fake: FakeClio, at_least: int, limit: float = 40.0) -> None:
    deadline = time.monotonic() + limit
    while len(fake.entries) < at_least and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    if process.poll() is None:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=10)  # reap it and close its pipes


@pytest.mark.slow
@pytest.mark.timeout(120)
def test_thousand_entries_arrive_exactly_once_through_faults_and_kills(
    tmp_path: Path, file_keyring: Path
) -> None:
    """Through ~25% random faults of every kind and two SIGKILLs, the provider ends with exactly the 1,000
    approved entries, each equal to its local entry (matter, date, duration, note): none lost, none twice."""
    fake = FakeClio(seed=2024)
    fake.add_matters(12)
    fake.retry_after = 0.02
    fake.served_drop_after = 0.15
    db_path = tmp_path / "lw.sqlite"
    db = open_database(db_path)
    with fake.serve() as base:
        service = sync_service(db, fake, fake.settings(base), served=True)
        service.connect_with_tokens("clio", fake.issue_tokens())
        service.pull()
        numbers = [m["number"] for m in fake.matters]
        local = [approved_entry(n, numbers[n % len(numbers)]) for n in range(TOTAL)]
        approve_all(db, local, service.clock())

        fake.chaos(0.25, FAULTS, seed=99)
        started = time.monotonic()
        first = _run(db_path, base, file_keyring)
        _kill_when(first, fake, 300)
        second = _run(db_path, base, file_keyring)
        _kill_when(second, fake, 650)
        assert first.returncode == -signal.SIGKILL and second.returncode == -signal.SIGKILL
        runs = 0
        while True:
            final = _run(db_path, base, file_keyring)
            _out, err = final.communicate(timeout=60)
            assert final.returncode == 0, err[-2000:]
            runs += 1
            with db.connect() as conn:
                parked = outbox.queue_status(conn).counts.get("needs_attention", 0)
            if parked == 0 or runs >= 6:
                break
            service.retry_parked()  # the attorney fixes what the provider refused and retries
        elapsed = time.monotonic() - started
        faults = Counter(str(s) for _m, _p, s in fake.log)

    assert fake.violations == []
    held = fake.time_entries()
    by_reference = Counter(split_reference(e["note"])[1] for e in held)
    assert len(held) == TOTAL, f"provider holds {len(held)} entries"
    assert max(by_reference.values()) == 1, "duplicates on the provider"
    matter_ids = {m["number"]: m["id"] for m in fake.matters}
    remote = {split_reference(e["note"])[1]: e for e in held}
    for entry in local:
        r = remote[outbox.reference_for(entry.id)]
        assert r["matter_id"] == matter_ids[entry.matter]
        assert r["date"] == entry.date.isoformat()
        assert Decimal(r["hours"]) == entry.billed_hours
        assert split_reference(r["note"])[0] == entry.description
    with db.connect() as conn:
        assert {s for (s,) in conn.execute(select(entries.c.status))} == {"synced"}
        assert {s for (s,) in conn.execute(select(outbox_table.c.state))} == {"done"}
    # every fault kind really happened
    assert faults["timeout"] > 0 and faults["reset"] > 0 and faults["429"] > 0 and faults["500"] > 0
    assert faults["401"] > 0 and faults["422"] > 0
    print(f"chaos: {len(fake.log)} requests, faults {dict(faults)}, {elapsed:.1f} s")
    db.dispose()
