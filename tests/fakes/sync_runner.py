"""`python -m tests.fakes.sync_runner DB BASE_URL PROVIDER`: one real sync process (push) for the chaos test.

Tokens come from the OS keyring API (the test selects the file backend with PYTHON_KEYRING_BACKEND); timeouts
and back-offs are short so the fake's faults cost milliseconds, not minutes.
"""

from __future__ import annotations

import sys
from typing import Any

from ledgerwatch.store import open_database
from ledgerwatch.sync.drain import RetryPolicy
from tests.fakes.clio import FakeClio
from tests.fakes.mycase import FakeMyCase
from tests.fakes.practicepanther import FakePracticePanther
from tests.fakes.support import sync_service

FAKES: dict[str, Any] = {"clio": FakeClio, "mycase": FakeMyCase, "practicepanther": FakePracticePanther}


def main(argv: list[str]) -> int:
    db_path, base_url, provider = argv[:3]
    fake = FAKES[provider](validate=False) if provider == "clio" else FAKES[provider]()
    service = sync_service(
        open_database(db_path),
        fake,
        fake.settings(base_url, timeout=0.1),
        served=True,
        policy=RetryPolicy(base=0.005, cap=0.05, read_attempts=50),
    )
    report = service.push(wait_limit=None)
    print(
        f"created={report.created} found={report.found} retried={report.retried} parked={report.parked}",
        flush=True,
    )
    return 0 if report.stopped is None else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
