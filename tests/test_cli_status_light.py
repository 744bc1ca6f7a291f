"""`ledgerwatch status` reads the settings and the store, and imports nothing it does not show."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STATUS = """
import contextlib, io, json, sys
from ledgerwatch.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    main(["status"])
print(json.dumps(sorted(sys.modules)))
"""
NOT_NEEDED = (
    "ledgerwatch.billing",
    "ledgerwatch.sync",
    "ledgerwatch.assist",
    "ledgerwatch.sessionize",
    "ledgerwatch.importers",
    "ledgerwatch.review",
    "ledgerwatch.workday",
    "ledgerwatch.capture",
    "httpx",
    "fpdf",
    "starlette",
    "keyring",
    "sqlalchemy.orm",
    "sqlalchemy.dialects.postgresql",
)


def test_status_imports_no_billing_sync_assist_or_orm(lw_home: Path) -> None:
    """status pays for the settings and the store's core only: no PDF fonts, HTTP client, AI assist or ORM."""
    done = subprocess.run([sys.executable, "-c", STATUS], capture_output=True, text=True, timeout=60, check=True)
    loaded = json.loads(done.stdout.splitlines()[-1])
    assert [m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_NEEDED)] == []
    assert "ledgerwatch.store.entries" in loaded  # it did read today's entries
