"""The OpenAI-compatible client: policy, key, budget, cache, and failures that never raise."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import httpx
import pytest

from ledgerwatch.assist.answers import RewriteNarrative, SuggestMatter
from ledgerwatch.assist.client import ChatClient, DailyBudget, Message, Outcome, keyring_username
from ledgerwatch.assist.settings import AssistSettings
from tests.fakes.openai_compat import FakeOpenAI

REMOTE = "https://api.example.test/v1"
PROMPT = json.dumps(
    {
        "narrative": "Revised supply agreement",
        "evidence": [{"kind": "document", "label": "Supply agreement v2.docx"}],
        "candidates": [
            {"matter": "ACM-001", "description": "Supply agreement dispute", "keywords": []},
            {"matter": "ACM-002", "description": "Trademark registration", "keywords": []},
        ],
    }
)
MESSAGES = [Message("system", "pick a matter"), Message("user", PROMPT)]


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2025, 3, 3, 15, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


class Keys:
    def __init__(self, key: str | None = "sk-test") -> None:
        self.key = key
        self.asked: list[str] = []

    def __call__(self, base_url: str) -> str | None:
        self.asked.append(base_url)
        return self.key


def make(
    fake: FakeOpenAI,
    clock: Clock | None = None,
    keys: Keys | None = None,
    local: bool = False,
    **settings: object,
) -> ChatClient:
    options: dict[str, object] = {"enabled": True, "base_url": REMOTE, "model": "gpt-test"} | settings
    return ChatClient(
        AssistSettings(**options),  # type: ignore[arg-type]
        httpx.Client(transport=fake.transport()),
        key=keys or Keys(),
        clock=clock or Clock(),
        local=local,
    )


def test_a_good_answer_is_parsed_and_the_request_is_openai_shaped() -> None:
    """POST {base_url}/chat/completions with model, messages, json_object format and the Bearer key."""
    fake = FakeOpenAI()
    keys = Keys()
    client = make(fake, keys=keys, base_url=REMOTE + "/")
    answer = client.ask(MESSAGES, SuggestMatter)
    assert answer == SuggestMatter(matter="ACM-001", confidence=0.9, reason="2 words in common")
    assert client.last_outcome is Outcome.ANSWERED
    [logged] = fake.log
    assert logged.url == "https://api.example.test/v1/chat/completions"
    assert logged.headers["authorization"] == "Bearer sk-test"
    body = json.loads(logged.body)
    assert body["model"] == "gpt-test"
    assert body["response_format"] == {"type": "json_object"}
    assert body["messages"] == [
        {"role": "system", "content": "pick a matter"},
        {"role": "user", "content": PROMPT},
    ]
    assert keys.asked == [REMOTE]
    assert keyring_username(REMOTE) == keyring_username(REMOTE + "/ ") == "ai:https://api.example.test/v1"


@pytest.mark.parametrize(
    ("settings", "outcome"),
    [
        ({"enabled": False}, Outcome.DISABLED),
        ({"model": ""}, Outcome.DISABLED),
        ({"allowed_endpoints": ("http://127.0.0.1:11434/v1",)}, Outcome.NOT_ALLOWED),
    ],
)
def test_policy_stops_every_request(settings: dict[str, object], outcome: Outcome) -> None:
    """Disabled, unconfigured, or not on the IT allow-list: zero requests, no answer."""
    fake = FakeOpenAI()
    client = make(fake, **settings)
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is outcome
    assert not client.usable
    assert fake.log == []


def test_an_allow_listed_endpoint_is_called() -> None:
    """On the allow-list (trailing slash or not), the endpoint is used."""
    fake = FakeOpenAI()
    client = make(fake, allowed_endpoints=("http://127.0.0.1:11434/v1", REMOTE + "/"))
    assert client.ask(MESSAGES, SuggestMatter) is not None
    assert len(fake.log) == 1


def test_a_remote_endpoint_without_a_key_gets_nothing() -> None:
    """No API key in the keyring: no request to a remote endpoint (data would go out for a sure 401)."""
    fake = FakeOpenAI()
    client = make(fake, keys=Keys(None))
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is Outcome.NO_KEY
    assert fake.log == []


def test_a_local_endpoint_needs_no_key() -> None:
    """A local server (Ollama, llama.cpp) is asked without an Authorization header; a URL that only names
    this machine, through a client not pinned to it, is remote and needs a key."""
    fake = FakeOpenAI(api_key=None)
    client = make(fake, keys=Keys(None), base_url="http://localhost:11434/v1", local=True)
    assert client.ask(MESSAGES, SuggestMatter) is not None
    assert "authorization" not in fake.log[0].headers
    unpinned = make(fake, keys=Keys(None), base_url="http://localhost:11434/v1")
    assert unpinned.ask([Message("user", PROMPT + " ")], SuggestMatter) is None
    assert unpinned.last_outcome is Outcome.NO_KEY and len(fake.log) == 1


@pytest.mark.parametrize(
    ("mode", "outcome"),
    [
        ("timeout", Outcome.TIMEOUT),
        ("429", Outcome.RATE_LIMITED),
        ("500", Outcome.SERVER_ERROR),
        ("malformed", Outcome.MALFORMED),
        ("envelope", Outcome.MALFORMED),
        ("schema", Outcome.SCHEMA),
    ],
)
def test_failures_are_none_never_exceptions(mode: str, outcome: Outcome) -> None:
    """Timeouts, 429, 5xx, malformed JSON and wrong shapes give None and say why."""
    fake = FakeOpenAI(mode=mode)
    client = make(fake)
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is outcome
    assert len(fake.log) == 1


def test_a_wrong_key_is_an_http_error() -> None:
    """401 from the endpoint is a failure like any other."""
    fake = FakeOpenAI(api_key="sk-other")
    client = make(fake)
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is Outcome.HTTP_ERROR


def test_a_connection_error_is_a_transport_failure() -> None:
    """Nobody listening: None, not an exception."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    client = ChatClient(
        AssistSettings(enabled=True, base_url=REMOTE, model="m"),
        httpx.Client(transport=httpx.MockTransport(refuse)),
        key=Keys(),
        clock=Clock(),
    )
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is Outcome.TRANSPORT


def test_a_fenced_json_answer_is_accepted() -> None:
    """Some local models wrap the JSON in a Markdown fence; the content inside is used."""

    def fenced(request: httpx.Request) -> httpx.Response:
        content = '```json\n{"description": "Revised the supply agreement."}\n```'
        return httpx.Response(200, json={"choices": [{"message": {"role": "assistant", "content": content}}]})

    client = ChatClient(
        AssistSettings(enabled=True, base_url=REMOTE, model="m"),
        httpx.Client(transport=httpx.MockTransport(fenced)),
        key=Keys(),
        clock=Clock(),
    )
    assert client.ask(MESSAGES, RewriteNarrative) == RewriteNarrative(
        description="Revised the supply agreement."
    )


def test_429_retry_after_seconds_is_obeyed() -> None:
    """After a 429 with Retry-After: 30, nothing is sent for 30 seconds; then requests resume."""
    fake = FakeOpenAI()
    clock = Clock()
    client = make(fake, clock=clock)
    fake.fail_next("429")
    assert client.ask(MESSAGES, SuggestMatter) is None
    clock.now += timedelta(seconds=29)
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.last_outcome is Outcome.COOLING_DOWN
    assert len(fake.log) == 1
    clock.now += timedelta(seconds=2)
    assert client.ask(MESSAGES, SuggestMatter) is not None
    assert len(fake.log) == 2


def test_429_retry_after_http_date_is_obeyed() -> None:
    """Retry-After may be an HTTP date."""
    fake = FakeOpenAI()
    clock = Clock()
    fake.retry_after = format_datetime(clock.now + timedelta(minutes=5), usegmt=True)
    client = make(fake, clock=clock)
    fake.fail_next("429")
    client.ask(MESSAGES, SuggestMatter)
    clock.now += timedelta(minutes=4)
    assert client.ask(MESSAGES, SuggestMatter) is None
    clock.now += timedelta(minutes=2)
    assert client.ask(MESSAGES, SuggestMatter) is not None


def test_the_daily_budget_caps_requests_and_renews_the_next_day() -> None:
    """With a budget of 2, the third request that day is not sent; the next UTC day it is."""
    fake = FakeOpenAI()
    clock = Clock()
    client = make(fake, clock=clock, daily_budget_requests=2)
    for i in range(3):
        client.ask([Message("user", PROMPT.replace("Revised", f"Revised {i}"))], SuggestMatter)
    assert client.last_outcome is Outcome.BUDGET
    assert len(fake.log) == 2
    assert client.budget.left(clock.now.date()) == 0
    clock.now += timedelta(hours=9)  # 00:00 UTC next day
    assert client.ask([Message("user", PROMPT.replace("Revised", "Revised 9"))], SuggestMatter) is not None
    assert len(fake.log) == 3


def test_failed_requests_spend_budget() -> None:
    """A request that failed still went out, so it counts."""
    fake = FakeOpenAI(mode="500")
    client = make(fake, daily_budget_requests=1)
    client.ask(MESSAGES, SuggestMatter)
    client.ask(MESSAGES, SuggestMatter)
    assert client.last_outcome is Outcome.BUDGET
    assert len(fake.log) == 1


def test_the_same_redacted_request_is_answered_from_the_cache() -> None:
    """An identical request is not sent again and spends no budget; a different one is sent."""
    fake = FakeOpenAI()
    client = make(fake, daily_budget_requests=2)
    first = client.ask(MESSAGES, SuggestMatter)
    again = client.ask(list(MESSAGES), SuggestMatter)
    assert again == first
    assert client.last_outcome is Outcome.CACHED
    assert len(fake.log) == 1
    assert client.budget.left(Clock().now.date()) == 1
    client.ask([Message("user", PROMPT + " ")], SuggestMatter)
    assert len(fake.log) == 2


def test_failures_are_not_cached() -> None:
    """A malformed answer is not remembered: the next identical request is sent."""
    fake = FakeOpenAI()
    client = make(fake)
    fake.fail_next("malformed")
    assert client.ask(MESSAGES, SuggestMatter) is None
    assert client.ask(MESSAGES, SuggestMatter) is not None
    assert len(fake.log) == 2


def test_the_cache_is_per_answer_type_and_model() -> None:
    """The same messages asked for a different answer type, or of another model, are not cache hits."""
    fake = FakeOpenAI()
    client = make(fake)
    key = client.request_key(MESSAGES, SuggestMatter)
    assert key != client.request_key(MESSAGES, RewriteNarrative)
    other = make(fake, model="other-model")
    assert key != other.request_key(MESSAGES, SuggestMatter)


def test_budget_is_a_plain_counter() -> None:
    """DailyBudget allows exactly `limit` per day."""
    budget = DailyBudget(1)
    day = datetime(2025, 3, 3, tzinfo=UTC).date()
    assert budget.spend(day) and not budget.spend(day)
    assert budget.spend(day + timedelta(days=1))
