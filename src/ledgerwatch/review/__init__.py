"""The local review web app: day and week views, keyboard triage, served to this computer only.

The names below load on first use, so the running agent can read review.session (launch codes) and
review.opening without importing the web framework.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

_HOMES = {
    "create_app": "app",
    "open_review": "opening",
    "AgentControls": "ports",
    "AttorneyDay": "ports",
    "CaptureControl": "ports",
    "Receivables": "ports",
    "RunningServer": "server",
    "start_server": "server",
    "Access": "session",
    "launch_link": "session",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'ledgerwatch.review' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"ledgerwatch.review.{home}"), name)
    globals()[name] = value
    return value
