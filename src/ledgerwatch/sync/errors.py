"""The small error vocabulary every connector speaks; sync.http.StatusClassifier maps HTTP statuses onto it.

SyncError
 +-- Transient ........... try again later (5xx, connection refused, timeout before sending)
 |    +-- RetryAfter ...... the provider said when (429 + Retry-After, or an exhausted rate-limit window)
 |    +-- OutcomeUnknown .. the request left and no answer came back: look before trying again
 +-- AuthExpired ......... the access token was refused; refresh once, then needs attention
 +-- Permanent ........... the provider refused the request as it is (validation): needs attention
      +-- Conflict ........ the entry changed on the provider since we last saw it (412 on IF-MATCH)
      +-- NotFound ........ the record is not there (a delete of a deleted entry counts as done)
"""

from __future__ import annotations

from ledgerwatch.domain.errors import LedgerwatchError


class SyncError(LedgerwatchError):
    """Base of every error a connector raises; message is safe to show (never carries tokens)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


class Transient(SyncError):
    """Worth retrying after a back-off; the request was not applied (unless it is an OutcomeUnknown)."""


class RetryAfter(Transient):
    """Rate limited: wait at least `seconds` before the next request."""

    def __init__(self, message: str, seconds: float, status: int | None = 429) -> None:
        super().__init__(message, status)
        self.seconds = seconds


class OutcomeUnknown(Transient):
    """The request was sent and may have been applied (timeout or dropped connection after sending)."""


class AuthExpired(SyncError):
    """The provider refused the access token (expired or revoked)."""


class Permanent(SyncError):
    """The provider refused the request itself; retrying unchanged will not help."""


class Conflict(Permanent):
    """The remote record changed since our etag (HTTP 412)."""


class NotFound(Permanent):
    """The remote record does not exist."""
