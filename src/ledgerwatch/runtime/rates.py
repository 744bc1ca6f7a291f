"""The review page's rate lookup: billing's rate hierarchy as the small callable the workday is handed."""

from __future__ import annotations

from datetime import date

from ledgerwatch.app import Services
from ledgerwatch.workday import HourlyRate, RateFor


def rate_lookup(services: Services) -> RateFor:
    """(matter, day) -> the hourly rate an invoice would charge (matter > client > timekeeper > firm), or None."""

    def rate_for(matter: str, day: date) -> HourlyRate | None:
        found = services.billing().rate_for(matter, day)
        if found is None:
            return None
        return HourlyRate(found.rate.amount, found.rate.currency, f"{found.scope.value} rate")

    return rate_for
