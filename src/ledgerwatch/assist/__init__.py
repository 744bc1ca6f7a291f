"""Optional AI assist, off by default: matter suggestions and narrative rewrites from an OpenAI-compatible
endpoint, gated by per-client consent and IT policy, with redaction, a cache and a daily budget.

Imports only ledgerwatch.domain (plus httpx, pydantic, keyring); app.py wires it beside sessionize.
"""

from ledgerwatch.assist.answers import RewriteNarrative, SuggestMatter
from ledgerwatch.assist.client import AnswerCache, ChatClient, DailyBudget, Message, Outcome, keyring_key
from ledgerwatch.assist.consent import ConsentRecord, ConsentRegistry, Purpose, is_local
from ledgerwatch.assist.redact import Masked, Redactor, restore
from ledgerwatch.assist.service import AI_SUGGESTION, ORIGINAL_DESCRIPTION, Assistant, Decision
from ledgerwatch.assist.settings import AssistSettings

__all__ = [
    "AI_SUGGESTION",
    "ORIGINAL_DESCRIPTION",
    "AnswerCache",
    "AssistSettings",
    "Assistant",
    "ChatClient",
    "ConsentRecord",
    "ConsentRegistry",
    "DailyBudget",
    "Decision",
    "Masked",
    "Message",
    "Outcome",
    "Purpose",
    "Redactor",
    "RewriteNarrative",
    "SuggestMatter",
    "is_local",
    "keyring_key",
    "restore",
]
