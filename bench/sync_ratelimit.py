"""Push 1,000 approved entries to the Clio fake enforcing Clio's documented 50 requests a minute, with no fault,
scaled down in time (the fake's window and the connector's pacing both use --window for the minute).

Run: .venv/bin/python bench/sync_ratelimit.py [--entries 1000] [--limit 50] [--window 0.6]
Reports the request rate achieved against the allowed rate and the number of 429s (throttled replies) received;
exit 0 only when every entry arrived once and no reply was a 429.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes.clio import FakeClio  # noqa: E402
from tests.fakes.support import MemoryTokenStore, approve_all, approved_entry  # noqa: E402

from ledgerwatch.store import open_database  # noqa: E402
from ledgerwatch.sync.service import SyncService  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--limit", type=int, default=50)
    parser.add_argument("--window", type=float, default=0.6, help="seconds standing in for Clio's minute")
    parser.add_argument("--no-validate", action="store_true", help="skip the OpenAPI checks in the fake")
    args = parser.parse_args()

    fake = FakeClio(validate=not args.no_validate)
    fake.add_matters(10)
    with tempfile.TemporaryDirectory() as tmp:
        db = open_database(Path(tmp) / "bench.sqlite")

        def client(_s: Any) -> httpx.Client:
            return httpx.Client(transport=fake.transport())

        service = SyncService(
            db,
            provider_settings=lambda _p, _r: fake.settings(
                "https://clio.bench", rate_limit=(args.limit, args.window)
            ),
            token_store=MemoryTokenStore(),
            http_client_factory=client,
        )
        service.connect_with_tokens("clio", fake.issue_tokens())
        service.pull()
        numbers = [m["number"] for m in fake.matters]
        approve_all(
            db, [approved_entry(n, numbers[n % len(numbers)]) for n in range(args.entries)], datetime.now(UTC)
        )
        fake.rate_limit(args.limit, args.window)
        first = len(fake.log)
        started = time.monotonic()
        report = service.push(wait_limit=None)
        elapsed = time.monotonic() - started
        db.dispose()
    log = fake.log[first:]
    statuses = Counter(str(s) for _m, _p, s in log)
    allowed = args.limit / args.window
    achieved = len(log) / elapsed
    print(f"entries pushed:    {report.created} (provider holds {len(fake.entries)})")
    print(f"requests:          {len(log)} in {elapsed:.2f} s  ({dict(statuses)})")
    print(f"allowed rate:      {allowed:.1f} req/s  ({args.limit} per {args.window} s; Clio: 50/min)")
    print(f"achieved rate:     {achieved:.1f} req/s  ({achieved / allowed:.1%} of allowed)")
    print(f"429s received:     {statuses.get('429', 0)}")
    exact = report.created == args.entries and len(fake.entries) == args.entries
    return 0 if exact and statuses.get("429", 0) == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
