"""One status classifier for every connector: each provider adds only how it spells an error."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from ledgerwatch.sync.connectors.clio import ClioConnector
from ledgerwatch.sync.connectors.mycase import MyCaseConnector
from ledgerwatch.sync.connectors.practicepanther import PracticePantherConnector
from ledgerwatch.sync.errors import (
    AuthExpired,
    Conflict,
    NotFound,
    Permanent,
    RetryAfter,
    SyncError,
    Transient,
)
from ledgerwatch.sync.http import DEFAULT_WAIT, StatusClassifier

NOW = datetime(2026, 2, 2, 9, 0, tzinfo=UTC)
CONNECTORS = {"clio": ClioConnector, "mycase": MyCaseConnector, "practicepanther": PracticePantherConnector}
ERROR_BODIES: dict[str, tuple[Any, str]] = {
    "clio": ({"error": {"type": "UnprocessableEntity", "message": "Note can't be blank"}}, "Note can't be blank"),
    "mycase": (
        {"errors": [{"description": "can't be blank", "source": "description"}, {"description": "bad date"}]},
        "description: can't be blank; bad date",
    ),
    "practicepanther": ({"message": "Hours must be positive"}, "Hours must be positive"),
}


def answer(status: int, body: Any = None, headers: dict[str, str] | None = None) -> httpx.Response:
    request = httpx.Request("POST", "https://provider.test/entries")
    if body is None:
        return httpx.Response(status, headers=headers, request=request)
    return httpx.Response(status, json=body, headers=headers, request=request)


def classify(provider: str, response: httpx.Response) -> SyncError | None:
    statuses: StatusClassifier = CONNECTORS[provider].statuses
    return statuses(response, NOW)


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
@pytest.mark.parametrize(
    ("status", "kind"),
    [
        (401, AuthExpired),
        (404, NotFound),
        (412, Conflict),
        (422, Permanent),
        (400, Permanent),
        (500, Transient),
        (503, Transient),
    ],
)
def test_every_provider_maps_statuses_to_the_same_errors(provider: str, status: int, kind: type) -> None:
    """A status means the same error whichever provider answered it, and the error carries the status."""
    body, _text = ERROR_BODIES[provider]
    error = classify(provider, answer(status, body))
    assert type(error) is kind
    assert error is not None and error.status == status


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
def test_each_provider_message_is_read_from_its_own_error_shape(provider: str) -> None:
    """The provider's own error text reaches the message, after the provider's name."""
    body, text = ERROR_BODIES[provider]
    error = classify(provider, answer(422, body))
    assert error is not None and text in error.message
    assert error.message.startswith(CONNECTORS[provider].statuses.provider)


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
def test_a_body_that_is_not_json_falls_back_to_the_reason_phrase(provider: str) -> None:
    """An error page that is not JSON still gives a readable message (the HTTP reason phrase)."""
    error = classify(provider, answer(502))
    assert isinstance(error, Transient) and "Bad Gateway" in error.message


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": "2.5"}, 2.5),
        ({"X-RateLimit-Reset": str(NOW.timestamp() + 40)}, 40.0),
        ({}, DEFAULT_WAIT),
    ],
)
def test_a_429_waits_as_long_as_the_provider_says(provider: str, headers: dict[str, str], seconds: float) -> None:
    """Rate limited: Retry-After first, else until the window resets, else the default wait."""
    error = classify(provider, answer(429, None, headers))
    assert isinstance(error, RetryAfter) and error.seconds == pytest.approx(seconds)


def test_practicepanther_invalid_grant_is_an_expired_token_whatever_the_status() -> None:
    """PracticePanther answers an expired access token with 400 invalid_grant: that is AuthExpired."""
    body = {"error": "invalid_grant", "error_description": "The access token expired"}
    error = classify("practicepanther", answer(400, body))
    assert isinstance(error, AuthExpired) and "The access token expired" in error.message
    assert isinstance(classify("clio", answer(400, body)), Permanent)


@pytest.mark.parametrize("provider", sorted(CONNECTORS))
def test_success_is_no_error(provider: str) -> None:
    """Statuses below 400 are not errors."""
    assert classify(provider, answer(200, {})) is None
    assert classify(provider, answer(204)) is None
