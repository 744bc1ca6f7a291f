"""The review web app: an ASGI factory over the attorney's day, for this computer only.

Every request first meets the Guard (review.guard): this launch's host name, a session opened with a
one-time launch code (review.session), our own origin for a change; a change also carries the CSRF token.
Pages ship with a strict CSP and no network assets: everything is in this package. Errors are small pages
(4xx for what the request got wrong, with the same headers). What the app reads and changes is handed in
(review.ports). The routes live by page: day_pages (day, evidence, activity), other_pages (week, settings,
A/R), actions (POST /action).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ledgerwatch.review.actions import Actions
from ledgerwatch.review.day_pages import DayPages
from ledgerwatch.review.guard import ASGIApp, Guard
from ledgerwatch.review.other_pages import OtherPages
from ledgerwatch.review.ports import AgentControls, AttorneyDay, Receivables
from ledgerwatch.review.presentation import HERE
from ledgerwatch.review.rendering import http_error
from ledgerwatch.review.session import Access


class ReviewApp(DayPages, OtherPages, Actions):
    """Every route over the attorney's day; changes answer JSON (fetch) or redirect back (plain forms).

    agent is the running agent's switches and billing the A/R page's source, each None where there is none
    (`ledgerwatch review` alone captures nothing; without billing /ar is not found).
    """


def create_app(
    workday: AttorneyDay,
    access: Access,
    agent: AgentControls | None = None,
    billing: Callable[[], Receivables] | None = None,
) -> ASGIApp:
    """The review app for one launch: access says whom it admits (its host name, launch key, sessions),
    agent the running agent's switches (capture, sync) when there is one, billing the A/R page's source."""
    review = ReviewApp(workday, access.csrf, agent, billing)
    inner = Starlette(
        exception_handlers={HTTPException: http_error, Exception: http_error},
        routes=[
            Route("/", review.home),
            Route("/day/{day}", review.day),
            Route("/day/{day}/evidence/{entry}", review.evidence),
            Route("/day/{day}/activity", review.activity),
            Route("/week/{day}", review.week),
            Route("/settings", review.settings, methods=["GET"]),
            Route("/settings", review.change_settings, methods=["POST"]),
            Route("/ar", review.receivables, methods=["GET"]),
            Route("/action", review.action, methods=["POST"]),
            Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"),
        ],
    )
    return Guard(inner, access)
