"""The local review web app: day and week views, keyboard triage, served to this computer only."""

from ledgerwatch.review.app import create_app
from ledgerwatch.review.opening import open_review
from ledgerwatch.review.ports import AgentControls, AttorneyDay, CaptureControl, Receivables
from ledgerwatch.review.server import RunningServer, start_server
from ledgerwatch.review.session import Access, launch_link

__all__ = [
    "Access",
    "AgentControls",
    "AttorneyDay",
    "CaptureControl",
    "Receivables",
    "RunningServer",
    "create_app",
    "launch_link",
    "open_review",
    "start_server",
]
