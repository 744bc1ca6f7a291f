"""FirmLedger: the ledger's services over one database (people, intake, audited billing)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from ledgerwatch.billing import BillingService, BillingSettings
from ledgerwatch.billing.mail import Mailer
from ledgerwatch.domain.billing import Timekeeper
from ledgerwatch.domain.clock import Clock, utcnow
from ledgerwatch.firm.accounts import Accounts, Role
from ledgerwatch.firm.audited import AuditedBilling
from ledgerwatch.firm.intake import Intake
from ledgerwatch.importers import read_matters
from ledgerwatch.store.db import Database
from ledgerwatch.store.ledger import LedgerStore, User
from ledgerwatch.store.matters import MatterRepository


def ledger_settings(settings: BillingSettings) -> BillingSettings:
    """A firm bills every entry under the timekeeper who sent it: no solo attorney stands in for anyone."""
    return dataclasses.replace(settings, default_timekeeper=None, attorney=None)


class FirmLedger:
    def __init__(
        self, db: Database, settings: BillingSettings, clock: Clock = utcnow, mailer: Mailer | None = None
    ) -> None:
        self.db = db
        self.clock = clock
        self.store = LedgerStore(db)
        self.accounts = Accounts(self.store, clock)
        self.billing = BillingService(db, ledger_settings(settings), clock, mailer)
        self.audited = AuditedBilling(self.billing, self.store, clock)
        self.intake = Intake(db, self.store, self.accounts, clock)

    def add_timekeeper_user(
        self, login: str, timekeeper: Timekeeper, role: Role = Role.ATTORNEY, password: str | None = None
    ) -> User:
        """A timekeeper (their name, classification and rate for billing) and their account."""
        self.billing.add_timekeeper(timekeeper)
        return self.accounts.add_user(login, timekeeper.name, role, timekeeper.id, password)

    def import_matters(self, path: Path) -> int:
        """The firm's matters and clients from a matters CSV (the same columns as the agent's)."""
        return MatterRepository(self.db).upsert_many(read_matters(path), self.clock())

    def close(self) -> None:
        self.db.dispose()
