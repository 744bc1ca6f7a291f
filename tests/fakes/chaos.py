"""The soak shared by tests/test_sync_chaos.py (small) and bench/sync_chaos.py (1,000 entries): approved entries
pushed by real `sync push` processes, several at once, through a served fake failing a share of requests at
random, some processes SIGKILLed mid-run; then the provider's entries are compared with the approved ones.

Tokens go through the OS keyring API with the file backend (tests.fakes.keyring_file), as a real process reads
them. The fake's rate limit is off (the faults include 429s); timeouts and back-offs are short.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select

from ledgerwatch.store import open_database, outbox
from ledgerwatch.store.schema import entries
from ledgerwatch.store.schema import outbox as outbox_table
from ledgerwatch.sync.service import SyncService
from tests.fakes.base import FAULTS, FakeProvider
from tests.fakes.clio import FakeClio
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther
from tests.fakes.support import approve_all, approved_entry

ROOT = Path(__file__).resolve().parent.parent.parent
FAKES: dict[str, type[FakeProvider]] = {
    "clio": FakeClio,
    "mycase": FakeMyCase,
    "practicepanther": FakePracticePanther,
}


@dataclass
class Soak:
    provider: str
    approved: int
    held: int = 0
    duplicates: int = 0
    lost: int = 0
    mismatched: int = 0
    """entries whose matter, date, hours or note differ from the approved one"""
    kills: int = 0
    busy: int = 0
    """pushes that found another one draining and left"""
    parked_for_attorney: int = 0
    """rows the provider refused with a validation message (the attorney's `sync retry` sends them)"""
    left_undelivered: int = 0
    """rows not done at the end: parked for authorization, or stuck"""
    requests: int = 0
    faults: dict[str, int] = field(default_factory=dict)
    violations: int = 0
    seconds: float = 0.0
    runs: list[str] = field(default_factory=list)

    @property
    def exact(self) -> bool:
        return (
            self.held == self.approved
            and self.duplicates
            == self.lost
            == self.mismatched
            == self.left_undelivered
            == self.violations
            == 0
        )

    def line(self) -> str:
        return (
            f"{self.provider}: {self.approved} approved, provider holds {self.held}, duplicates {self.duplicates}, "
            f"lost {self.lost}, mismatched {self.mismatched}, SIGKILLs {self.kills}, pushes that found one running "
            f"{self.busy}, parked by validation faults {self.parked_for_attorney} (sent after `sync retry`), "
            f"left undelivered {self.left_undelivered}, requests {self.requests} "
            f"({self.requests / max(1, self.approved):.2f} per entry), faults {self.faults}, "
            f"spec violations {self.violations}, {self.seconds:.1f} s"
        )


def _push(db_path: Path, base: str, provider: str, keyring_file: Path) -> subprocess.Popen[str]:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src"), *sys.path]),  # the tree under test
        "PYTHON_KEYRING_BACKEND": "tests.fakes.keyring_file.FileKeyring",
        "LW_TEST_KEYRING_FILE": str(keyring_file),
    }
    return subprocess.Popen(
        [sys.executable, "-u", "-m", "tests.fakes.sync_runner", str(db_path), base, provider],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _settle(processes: list[subprocess.Popen[str]], soak: Soak, limit: float) -> None:
    """Wait for every push; one that overruns or fails takes the others down with it, so no push outlives the
    fake it talks to."""
    try:
        for p in processes:
            out, err = p.communicate(timeout=limit)
            if p.returncode != 0:
                raise AssertionError(f"a push failed ({p.returncode}): {err[-2000:]}")
            soak.runs.append(out.strip())
            soak.busy += "busy=True" in out
    finally:
        for p in processes:
            if p.poll() is None:
                p.kill()
                p.communicate()


def run(
    provider: str,
    workdir: Path,
    keyring_file: Path,
    *,
    total: int,
    concurrent: int,
    kills: int,
    fault_rate: float = 0.25,
    seed: int = 2024,
    limit: float = 300.0,
) -> Soak:
    """Approve `total` entries, push with `concurrent` processes at once `kills` times (SIGKILLing every one
    still running once the provider holds a share of the entries), then once more to the end."""
    os.environ["LW_TEST_KEYRING_FILE"] = str(keyring_file)
    import keyring

    from tests.fakes.keyring_file import FileKeyring

    if not isinstance(keyring.get_keyring(), FileKeyring):
        keyring.set_keyring(FileKeyring())
    fake = FAKES[provider](seed=seed)
    fake.add_matters(12)
    fake.limit = None
    fake.retry_after = 0.02
    fake.served_drop_after = 0.15
    db_path = workdir / f"{provider}.sqlite"
    db = open_database(db_path)
    soak = Soak(provider, total)
    with fake.serve() as base:
        settings = fake.settings(base, rate_limit=None)  # type: ignore[attr-defined]
        service = SyncService(
            db,
            provider_settings=lambda _p, _r: settings,
            http_client_factory=lambda s: httpx.Client(timeout=s.timeout),
        )
        service.connect_with_tokens(provider, fake.issue_tokens())
        service.pull()
        numbers = [m["number"] for m in fake.matters]
        local = [approved_entry(n, numbers[n % len(numbers)]) for n in range(total)]
        approve_all(db, local, service.clock())
        first = len(fake.log)
        fake.chaos(fault_rate, FAULTS, seed=seed + 1)
        started = time.monotonic()
        for wave in range(kills):
            wave_started = time.monotonic()
            processes = [_push(db_path, base, provider, keyring_file) for _ in range(concurrent)]
            target = total * (wave + 1) // (kills + 1)
            while (
                len(fake.entries) < target
                and any(p.poll() is None for p in processes)
                and time.monotonic() - wave_started < limit
            ):
                time.sleep(0.01)
            for p in processes:
                if p.poll() is None:
                    os.kill(p.pid, signal.SIGKILL)
                    soak.kills += 1
                p.communicate(timeout=30)
        _settle([_push(db_path, base, provider, keyring_file) for _ in range(concurrent)], soak, limit)
        for _ in range(6):  # the attorney retries what the provider refused, then a plain push sends it
            with db.connect() as conn:
                attention = outbox.queue_status(conn).attention
            validation = [i for i in attention if not (i.message or "").startswith(outbox.AUTH_PREFIX)]
            if not validation:
                break
            soak.parked_for_attorney += len(validation)
            service.retry_parked()
            _settle([_push(db_path, base, provider, keyring_file)], soak, limit)
        soak.seconds = time.monotonic() - started
        soak.faults = dict(
            Counter(str(s) for _m, _p, s in fake.log[first:] if str(s) not in ("200", "201", "204"))
        )
        soak.requests = len(fake.log) - first
        soak.violations = len(fake.violations)
    held = fake.time_entries()
    soak.held = len(held)
    by_note = Counter(e["note"] for e in held)
    soak.duplicates = sum(n - 1 for n in by_note.values() if n > 1)
    matter_ids = {m["number"]: m["id"] for m in fake.matters}
    remote = {e["note"]: e for e in held}
    for entry in local:
        r = remote.get(entry.description)
        if r is None:
            soak.lost += 1
            continue
        same = (
            r["matter_id"] == matter_ids[entry.matter]
            and r["date"] == entry.date.isoformat()
            and Decimal(r["hours"]) == entry.billed_hours
        )
        soak.mismatched += not same
    with db.connect() as conn:
        states = Counter(s for (s,) in conn.execute(select(outbox_table.c.state)))
        unsynced = sum(1 for (s,) in conn.execute(select(entries.c.status)) if s != "synced")
    soak.left_undelivered = sum(n for s, n in states.items() if s != "done") + unsynced
    db.dispose()
    return soak


def summary(soak: Soak) -> dict[str, Any]:
    return {k: v for k, v in soak.__dict__.items() if k != "runs"}
