"""Readers that turn files into domain values: all of a file, or an ImportFailed.

They never touch the database; the store wraps each batch in one transaction and dedupes.
"""

from ledgerwatch.importers.activitywatch import read_activitywatch
from ledgerwatch.importers.batch import ImportBatch
from ledgerwatch.importers.calls import read_call_log
from ledgerwatch.importers.errors import ImportFailed
from ledgerwatch.importers.ics import read_ics
from ledgerwatch.importers.matters import read_matters

__all__ = ["ImportBatch", "ImportFailed", "read_activitywatch", "read_call_log", "read_ics", "read_matters"]
