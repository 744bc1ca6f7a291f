"""`ledgerwatch --help` starts cold: building the parser imports none of the application."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = (
    "ledgerwatch.app",
    "ledgerwatch.config",
    "ledgerwatch.store",
    "ledgerwatch.billing",
    "ledgerwatch.sync",
    "ledgerwatch.sessionize",
    "ledgerwatch.importers",
    "ledgerwatch.review",
    "ledgerwatch.runtime",
    "ledgerwatch.workday",
    "sqlalchemy",
    "httpx",
    "pydantic",
    "starlette",
    "fpdf",
    "keyring",
)

LOADED = """
import json, sys
from ledgerwatch.cli import build_parser
build_parser().format_help()
print(json.dumps(sorted(sys.modules)))
"""


def test_building_the_parser_imports_no_application_module() -> None:
    """The parser and every group's help come from the standard library and the domain alone."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(done.stdout)
    heavy = [m for m in loaded if any(m == h or m.startswith(h + ".") for h in HEAVY)]
    assert heavy == []
    assert "ledgerwatch.cli.billing" in loaded  # the parser really holds every group
