"""An OpenAI-compatible chat-completions client that never raises for the endpoint's failures.

    POST {base_url}/chat/completions  {model, messages, response_format: {"type": "json_object"}}

Every failure is an Outcome and a None answer, so the caller keeps the rules' answer:

    DISABLED / NOT_ALLOWED   IT policy (enabled false, or base URL not on the allow-list): no request
    NO_KEY                   a remote endpoint and no API key in the keyring: no request
    BUDGET / COOLING_DOWN    the daily request budget is spent, or a 429's Retry-After has not passed
    CIRCUIT_OPEN             the endpoint failed lately and its back-off has not passed (breaker.py)
    TIME_BUDGET              this build's time for requests is spent
    TIMEOUT / TRANSPORT      no answer (httpx.TimeoutException / any other httpx.RequestError)
    RATE_LIMITED / SERVER_ERROR / HTTP_ERROR   429, 5xx, any other non-2xx
    MALFORMED / SCHEMA       not JSON, or JSON that is not the asked-for shape

The caller sends only redacted messages; answers are cached under a hash of that redacted request.
Whether the client is `local` (may send without consent) is decided by how it connects (network.py).
Every failure is logged (logger "ledgerwatch.assist") and counted.
"""

from __future__ import annotations

import contextlib
import enum
import hashlib
import json
import logging
import re
from collections import Counter, OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, TypeVar

import httpx
from pydantic import BaseModel, ValidationError

from ledgerwatch.assist.breaker import Breaker, TimeBudget
from ledgerwatch.assist.settings import AssistSettings, normalize_url
from ledgerwatch.domain.clock import Clock, utcnow

SERVICE = "ledgerwatch"
DEFAULT_COOLDOWN = timedelta(seconds=60)
MAX_COOLDOWN = timedelta(hours=1)
CONNECT_SECONDS = 5.0
"""a connection that takes longer than this is not coming (a blackholed host)"""
log = logging.getLogger("ledgerwatch.assist")

A = TypeVar("A", bound=BaseModel)
KeyGetter = Callable[[str], str | None]


class Outcome(enum.StrEnum):
    ANSWERED = "answered"
    CACHED = "cached"
    DISABLED = "disabled"
    NOT_ALLOWED = "not_allowed"
    NO_KEY = "no_key"
    BUDGET = "budget"
    COOLING_DOWN = "cooling_down"
    CIRCUIT_OPEN = "circuit_open"
    TIME_BUDGET = "time_budget"
    TIMEOUT = "timeout"
    TRANSPORT = "transport"
    RATE_LIMITED = "rate_limited"
    SERVER_ERROR = "server_error"
    HTTP_ERROR = "http_error"
    MALFORMED = "malformed"
    SCHEMA = "schema"


@dataclass(frozen=True, slots=True)
class Message:
    role: str
    content: str


def keyring_username(base_url: str) -> str:
    """The keyring username of a base URL, however it was written (trailing slash, spaces)."""
    return f"ai:{normalize_url(base_url)}"


def keyring_key(base_url: str) -> str | None:
    """The API key for this base URL from the OS keyring (service "ledgerwatch", username "ai:<base_url>");
    a key stored by an earlier version under the URL with its trailing slash is found too."""
    try:
        import keyring

        url = normalize_url(base_url)
        return keyring.get_password(SERVICE, f"ai:{url}") or keyring.get_password(SERVICE, f"ai:{url}/")
    except Exception:  # no backend, locked keyring, D-Bus gone: no key, so no remote request
        return None


@dataclass
class DailyBudget:
    """At most `limit` requests per UTC day."""

    limit: int
    used: dict[date, int] = field(default_factory=dict)

    def spend(self, day: date) -> bool:
        """Take one request from the day's budget; False when it is spent."""
        if self.used.get(day, 0) >= self.limit:
            return False
        self.used = {day: self.used.get(day, 0) + 1}
        return True

    def left(self, day: date) -> int:
        return max(0, self.limit - self.used.get(day, 0))


@dataclass
class AnswerCache:
    """Validated answers (their JSON text) by request hash; least recently used go first."""

    size: int = 512
    items: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def get(self, key: str) -> str | None:
        if key in self.items:
            self.items.move_to_end(key)
            return self.items[key]
        return None

    def put(self, key: str, value: str) -> None:
        self.items[key] = value
        self.items.move_to_end(key)
        while len(self.items) > self.size:
            self.items.popitem(last=False)


class ChatClient:
    """Asks the configured endpoint for one structured answer; None (with an Outcome) on any failure."""

    def __init__(
        self,
        settings: AssistSettings,
        http: httpx.Client,
        key: KeyGetter = keyring_key,
        clock: Clock = utcnow,
        budget: DailyBudget | None = None,
        cache: AnswerCache | None = None,
        *,
        local: bool = False,
        breaker: Breaker | None = None,
        time_budget: TimeBudget | None = None,
    ) -> None:
        self.settings = settings
        self.http = http
        self.local = local
        """True only for a client that can reach nothing but this machine (network.route)"""
        self.breaker = breaker if breaker is not None else Breaker()
        self.time_budget = time_budget
        self.key = key
        self.clock = clock
        self.budget = budget if budget is not None else DailyBudget(settings.daily_budget_requests)
        self.cache = cache if cache is not None else AnswerCache()
        self.quiet_until: datetime | None = None
        self.last_outcome: Outcome | None = None
        self.outcomes: Counter[Outcome] = Counter()

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def usable(self) -> bool:
        """Policy lets this client call its endpoint at all."""
        return self.settings.endpoint_allowed

    def ask(self, messages: Sequence[Message], answer: type[A]) -> A | None:
        """The endpoint's answer as `answer`, or None when anything at all goes wrong."""
        outcome, result = self._ask(messages, answer)
        self.last_outcome = outcome
        self.outcomes[outcome] += 1
        if result is None:
            level = logging.WARNING if self.sent or outcome is Outcome.NO_KEY else logging.DEBUG
            log.log(level, "AI assist: no answer from %s (%s)", self.settings.base_url, outcome.value)
        return result

    @property
    def sent(self) -> bool:
        """Whether the last ask put a request on the wire."""
        return self.last_outcome not in _NOT_SENT

    def request_key(self, messages: Sequence[Message], answer: type[BaseModel]) -> str:
        """The cache key: a hash of the (already redacted) request."""
        body = {
            "base_url": self.settings.base_url,
            "model": self.settings.model,
            "answer": answer.__name__,
            "messages": [[m.role, m.content] for m in messages],
        }
        return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()

    def _ask(self, messages: Sequence[Message], answer: type[A]) -> tuple[Outcome, A | None]:
        settings = self.settings
        if not (settings.enabled and settings.base_url and settings.model):
            return Outcome.DISABLED, None
        if not settings.endpoint_allowed:
            return Outcome.NOT_ALLOWED, None
        cache_key = self.request_key(messages, answer)
        cached = self.cache.get(cache_key)
        if cached is not None:
            return Outcome.CACHED, answer.model_validate_json(cached)
        headers = {"Accept": "application/json"}
        api_key = self.key(settings.base_url)
        if api_key:
            headers["Authorization"] = f"Bearer {api_key}"
        elif not self.local:
            return Outcome.NO_KEY, None
        now = self.clock()
        if self.quiet_until is not None and now < self.quiet_until:
            return Outcome.COOLING_DOWN, None
        if not self.breaker.closed(now):
            return Outcome.CIRCUIT_OPEN, None
        seconds = settings.timeout_seconds
        if self.time_budget is not None:
            seconds = min(seconds, self.time_budget.left())
            if seconds < 0.05:
                return Outcome.TIME_BUDGET, None
        if not self.budget.spend(now.astimezone(UTC).date()):
            return Outcome.BUDGET, None
        outcome, parsed = self._post(messages, answer, headers, seconds, now)
        self.breaker.record(outcome.value, self.clock())
        if parsed is not None:
            self.cache.put(cache_key, parsed.model_dump_json())
        return outcome, parsed

    def _post(
        self,
        messages: Sequence[Message],
        answer: type[A],
        headers: dict[str, str],
        seconds: float,
        now: datetime,
    ) -> tuple[Outcome, A | None]:
        settings = self.settings
        body = {
            "model": settings.model,
            "messages": [{"role": m.role, "content": m.content} for m in messages],
            "response_format": {"type": "json_object"},
            "temperature": 0,
        }
        try:
            response = self.http.post(
                f"{settings.base_url}/chat/completions",
                json=body,
                headers=headers,
                timeout=httpx.Timeout(seconds, connect=min(seconds, CONNECT_SECONDS)),
            )
        except httpx.TimeoutException:
            return Outcome.TIMEOUT, None
        except (httpx.RequestError, httpx.InvalidURL):
            return Outcome.TRANSPORT, None
        if response.status_code == 429:
            self.quiet_until = now + _retry_after(response.headers.get("Retry-After"), now)
            return Outcome.RATE_LIMITED, None
        if response.status_code >= 500:
            return Outcome.SERVER_ERROR, None
        if not 200 <= response.status_code < 300:
            return Outcome.HTTP_ERROR, None
        content = _content(response)
        if content is None:
            return Outcome.MALFORMED, None
        try:
            parsed = answer.model_validate_json(content)
        except ValidationError as error:
            malformed = any(e["type"] == "json_invalid" for e in error.errors())
            return (Outcome.MALFORMED if malformed else Outcome.SCHEMA), None
        return Outcome.ANSWERED, parsed


_NOT_SENT = frozenset(
    {
        None,
        Outcome.CACHED,
        Outcome.DISABLED,
        Outcome.NOT_ALLOWED,
        Outcome.NO_KEY,
        Outcome.BUDGET,
        Outcome.COOLING_DOWN,
        Outcome.CIRCUIT_OPEN,
        Outcome.TIME_BUDGET,
    }
)


def _content(response: httpx.Response) -> str | None:
    """The first choice's message content, without a Markdown code fence some local models add."""
    try:
        data: Any = response.json()
        content = data["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError):
        return None
    if not isinstance(content, str):
        return None
    fenced = re.fullmatch(r"\s*```(?:json)?\s*(.*?)\s*```\s*", content, re.DOTALL)
    return fenced.group(1) if fenced else content


def _retry_after(value: str | None, now: datetime) -> timedelta:
    """How long a 429 asks us to wait: seconds or an HTTP date; a minute when it does not say."""
    if not value:
        return DEFAULT_COOLDOWN
    wait: timedelta | None = None
    try:
        wait = timedelta(seconds=float(value))
    except ValueError:
        with contextlib.suppress(TypeError, ValueError, IndexError):
            wait = parsedate_to_datetime(value) - now
    if wait is None:
        return DEFAULT_COOLDOWN
    return min(max(wait, timedelta(0)), MAX_COOLDOWN)
