"""Optional AI assist, off by default: matter suggestions, UTBMS codes and narrative rewrites from an
OpenAI-compatible endpoint, gated by per-client consent and IT policy, with redaction, a screen that withholds
every non-consenting client's facts, answer checks, a circuit breaker and a time budget per build.

Imports only ledgerwatch.domain (plus httpx, httpcore, pydantic, keyring); app.py wires it beside sessionize.
"""

from ledgerwatch.assist.answers import RewriteNarrative, SuggestCodes, SuggestMatter
from ledgerwatch.assist.breaker import Breaker, TimeBudget
from ledgerwatch.assist.client import AnswerCache, ChatClient, DailyBudget, Message, Outcome, keyring_key
from ledgerwatch.assist.consent import ConsentRecord, ConsentRegistry, Purpose, is_local
from ledgerwatch.assist.network import LoopbackTransport, Route, route
from ledgerwatch.assist.redact import Masked, Redactor, people_to_redact, restore
from ledgerwatch.assist.report import Decision, Report
from ledgerwatch.assist.screen import Screen
from ledgerwatch.assist.service import AI_SUGGESTION, Assistant
from ledgerwatch.assist.settings import AssistSettings

__all__ = [
    "AI_SUGGESTION",
    "AnswerCache",
    "AssistSettings",
    "Assistant",
    "Breaker",
    "ChatClient",
    "ConsentRecord",
    "ConsentRegistry",
    "DailyBudget",
    "Decision",
    "LoopbackTransport",
    "Masked",
    "Message",
    "Outcome",
    "Purpose",
    "Redactor",
    "Report",
    "RewriteNarrative",
    "Route",
    "Screen",
    "SuggestCodes",
    "SuggestMatter",
    "TimeBudget",
    "is_local",
    "keyring_key",
    "people_to_redact",
    "restore",
    "route",
]
