"""The agents' JSON API under /api/v1 (the shape is documented in sync/connectors/firm.py).

Every request carries its device token (Authorization: Bearer); the token says whose time it is.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ledgerwatch.domain.billing import Timekeeper
from ledgerwatch.domain.errors import LedgerwatchError
from ledgerwatch.firm.intake import Agent, Intake, IntakeError, as_json


def _bearer(request: Request) -> str:
    value = request.headers.get("authorization", "")
    return value[7:].strip() if value.lower().startswith("bearer ") else ""


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _body(request_body: bytes) -> Any:
    try:
        return json.loads(request_body or b"null")
    except ValueError:
        raise IntakeError(400, "the body is not JSON") from None


def routes(intake: Intake, timekeepers: Callable[[], Mapping[str, Timekeeper]]) -> list[Route]:
    """The API's routes over an Intake (the database work runs in Starlette's thread pool)."""

    def endpoint(handler: Callable[[Request, Agent], Response]) -> Callable[[Request], Response]:
        def run(request: Request) -> Response:
            try:
                agent = intake.agent(_bearer(request))
                return handler(request, agent)
            except IntakeError as exc:
                return _error(exc.status, str(exc))
            except LedgerwatchError as exc:
                return _error(503 if "busy" in str(exc) else 422, str(exc))

        return run

    async def with_body(request: Request) -> Request:
        request.state.body = await request.body()
        return request

    def me(_request: Request, agent: Agent) -> Response:
        tk = timekeepers().get(agent.timekeeper)
        rate = str(tk.default_rate.amount) if tk is not None and tk.default_rate is not None else None
        return JSONResponse({"id": agent.timekeeper, "name": agent.name, "email": "", "rate": rate})

    def matters(_request: Request, _agent: Agent) -> Response:
        return JSONResponse(intake.matters())

    def entries(request: Request, agent: Agent) -> Response:
        if request.method == "POST":
            created = intake.create(agent, _body(request.state.body))
            return JSONResponse(as_json(created), status_code=201)
        q = request.query_params
        found = intake.find(agent, q.get("day", ""), q.get("matter", ""), q.get("user", ""))
        return JSONResponse([as_json(e) for e in found])

    def entry(request: Request, agent: Agent) -> Response:
        entry_id = request.path_params["entry_id"]
        if request.method == "PUT":
            body = _body(request.state.body)
            return JSONResponse(
                as_json(intake.update(agent, entry_id, body, request.headers.get("if-match")))
            )
        if request.method == "DELETE":
            intake.delete(agent, entry_id)
            return Response(status_code=204)
        return JSONResponse(as_json(intake.get(agent, entry_id)))

    def billed(_request: Request, agent: Agent) -> Response:
        return JSONResponse(intake.billed(agent))

    def revoke(_request: Request, agent: Agent) -> Response:
        intake.give_up(agent)
        return JSONResponse({})

    def reading(handler: Callable[[Request, Agent], Response]) -> Any:
        run = endpoint(handler)

        async def call(request: Request) -> Response:
            from starlette.concurrency import run_in_threadpool

            await with_body(request)
            return await run_in_threadpool(run, request)

        return call

    return [
        Route("/api/v1/me", reading(me)),
        Route("/api/v1/matters", reading(matters)),
        Route("/api/v1/entries/billed", reading(billed)),
        Route("/api/v1/entries", reading(entries), methods=["GET", "POST"]),
        Route("/api/v1/entries/{entry_id}", reading(entry), methods=["GET", "PUT", "DELETE"]),
        Route("/api/v1/device/revoke", reading(revoke), methods=["POST"]),
    ]
