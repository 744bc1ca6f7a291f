"""The local review web app: day and week views, keyboard triage, served on 127.0.0.1 only."""

from ledgerwatch.review.app import create_app
from ledgerwatch.review.guard import csrf_for
from ledgerwatch.review.ports import AgentControls, AttorneyDay, CaptureControl, Receivables
from ledgerwatch.review.server import RunningServer, open_review, start_server

__all__ = [
    "AgentControls",
    "AttorneyDay",
    "CaptureControl",
    "Receivables",
    "RunningServer",
    "create_app",
    "csrf_for",
    "open_review",
    "start_server",
]
