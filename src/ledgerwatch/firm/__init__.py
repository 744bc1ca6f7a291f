"""The firm ledger: a service of its own (`ledgerwatch firm serve`) on the firm's PostgreSQL.

It holds clients, matters, timekeepers, the approved entries each attorney's agent sends, invoices, payments
and trust, and serves the billing workspace. It never holds raw activity: agents send only approved entries.

    accounts   people (attorneys, billing staff, administrators), argon2 passwords, sessions, device tokens
    intake     approved entries arriving from agents, each under its device's timekeeper
    audited    billing changes made through the ledger, each written to the audit log (who, when, before, after)
    ledger     FirmLedger: the three over one database, with billing
    api        the agents' JSON API (/api/v1)
    workspace  the billing workspace (web pages)
    server     the ASGI app and uvicorn
"""

from ledgerwatch.firm.accounts import AccessDenied, Role
from ledgerwatch.firm.ledger import FirmLedger

__all__ = ["AccessDenied", "FirmLedger", "Role"]
