"""The billing workspace (web pages served by the ledger)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from starlette.routing import Route

if TYPE_CHECKING:
    from ledgerwatch.firm.ledger import FirmLedger


def routes(ledger: FirmLedger, secure_cookies: bool = True) -> list[Route]:
    return []
