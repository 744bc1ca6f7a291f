"""`python -m tests.fakes.firm_runner DB URL TOKEN SEED RATE`: one agent pushing to the firm ledger.

The device token comes as an argument (each agent has its own, as each laptop has its own keyring); about RATE
of the requests fail (tests/fakes/faulty.py); back-offs are milliseconds.
"""

from __future__ import annotations

import sys

import httpx

from ledgerwatch.store import open_database
from ledgerwatch.sync.connector import TokenSet
from ledgerwatch.sync.drain import RetryPolicy
from ledgerwatch.sync.firm import FirmSync
from tests.fakes.faulty import FaultyTransport
from tests.fakes.support import MemoryTokenStore


def main(argv: list[str]) -> int:
    db_path, _url, token, seed, rate = argv[:5]
    tokens = MemoryTokenStore()
    tokens.save("firm", TokenSet(token, None, None))
    transport = FaultyTransport(httpx.HTTPTransport(), float(rate), int(seed))
    db = open_database(db_path)
    sync = FirmSync(
        db,
        token_store=tokens,
        http_client_factory=lambda s: httpx.Client(transport=transport, timeout=s.timeout),
        policy=RetryPolicy(base=0.005, cap=0.05, read_attempts=50),
    )
    report = sync.push(wait_limit=None)
    faults = sum(1 for f in transport.log if f != "ok")
    print(f"created={report.created} found={report.found} retried={report.retried} parked={report.parked} "
          f"requests={len(transport.log)} faults={faults}", flush=True)
    return 0 if report.stopped is None else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
