"""The optional AI assist beside the rules: matter suggestions for unsure drafts and narrative rewrites.

What may be sent, per draft, to a remote endpoint (anything not on this machine):
  - only drafts whose every client is known (the draft's matter and every matter its evidence points to) and
    has consented for the purpose; time with no matter has no known client, so it is never sent remotely;
  - only the narrative and evidence labels, redacted, and candidate matters of consenting clients;
  - and, as a last check, nothing whose redacted request names a non-consenting client (name, alias, e-mail
    domain, matter number) anywhere.
A local endpoint needs no consent; redaction applies everywhere. Every answer is labelled as an AI suggestion
(ai_suggested, a reason, an `ai_suggestion` problem) until the attorney edits or approves it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ledgerwatch.assist.answers import RewriteNarrative, SuggestMatter
from ledgerwatch.assist.client import ChatClient, Message
from ledgerwatch.assist.consent import ConsentRegistry, Purpose
from ledgerwatch.assist.redact import Redactor, has_placeholder, restore
from ledgerwatch.assist.settings import AssistSettings
from ledgerwatch.domain import (
    Client,
    EntryKind,
    EntryStatus,
    Matter,
    Problem,
    ProblemCode,
    Severity,
    TimeEntry,
    revise,
)

AI_SUGGESTION = ProblemCode.AI_SUGGESTION
ORIGINAL_DESCRIPTION = "ai_original_description"

SUGGEST_PROMPT = (
    "You attribute a lawyer's block of work to one of the candidate client matters. "
    'Answer only with a JSON object: {"matter": "<a candidate matter number, or null if none fits>", '
    '"confidence": <number from 0 to 1>, "reason": "<one short sentence>"}. '
    "Bracketed placeholders such as [NAME] or [EMAIL] stand for redacted personal data."
)
REWRITE_PROMPT = (
    "You rewrite a lawyer's time-entry narrative for a client bill: one or two sentences, past tense, "
    "specific about the task, no invented facts. Keep bracketed placeholders such as [NAME-1] exactly as "
    'they are. Answer only with a JSON object: {"description": "<the narrative>"}.'
)


@dataclass(frozen=True, slots=True)
class Decision:
    """What the assist did with one draft, for logs and `learn status`."""

    entry_id: str
    purpose: Purpose
    outcome: str
    """suggested | rewritten | kept (the model declined) | no_consent | names_withheld_client |
    no_candidates | restored_placeholder | a client Outcome value"""


class Assistant:
    """Asks the AI endpoint about drafts the rules are unsure of; the rules' answer stands on any failure."""

    def __init__(
        self,
        client: ChatClient,
        consent: ConsentRegistry,
        redactor: Redactor,
        settings: AssistSettings | None = None,
    ) -> None:
        self.client = client
        self.consent = consent
        self.redactor = redactor
        self.settings = settings if settings is not None else client.settings
        if self.settings.base_url != client.settings.base_url:
            raise ValueError("the assistant's settings name another endpoint than its client's")
        self.local = client.settings.local
        """consent is decided by where the client actually sends"""
        self.decisions: list[Decision] = []

    # --- matter suggestions ---

    def suggest_matters(
        self, drafts: Sequence[TimeEntry], matters: Sequence[Matter], threshold: Decimal | None = None
    ) -> list[TimeEntry]:
        """The drafts, with an AI-suggested matter on those below the confidence threshold (or with none)."""
        if not self.client.usable:
            return list(drafts)
        below = self.settings.suggest_below if threshold is None else threshold
        by_number = {m.number: m for m in matters}
        return [self._suggest(d, matters, by_number) if _wants_matter(d, below) else d for d in drafts]

    def _suggest(
        self, draft: TimeEntry, matters: Sequence[Matter], by_number: dict[str, Matter]
    ) -> TimeEntry:
        purpose = Purpose.SUGGEST_MATTER
        if not self._may_send(draft, by_number, purpose):
            return self._note(draft, purpose, "no_consent")
        candidates = self._candidates(draft, matters, purpose)
        if not candidates:
            return self._note(draft, purpose, "no_candidates")
        payload = {
            "narrative": self.redactor.redact(draft.description),
            "evidence": [{"kind": e.kind, "label": self.redactor.redact(e.label)} for e in draft.evidence],
            "candidates": [
                {
                    "matter": m.number,
                    "client": self.redactor.redact(m.client.name),
                    "description": self.redactor.redact(m.description),
                    "keywords": [self.redactor.redact(k) for k in m.keywords],
                }
                for m in candidates
            ],
        }
        messages = [Message("system", SUGGEST_PROMPT), Message("user", _dump(payload))]
        if self._names_withheld_client(messages, matters, purpose):
            return self._note(draft, purpose, "names_withheld_client")
        answer = self.client.ask(messages, SuggestMatter)
        if answer is None:
            return self._note(draft, purpose, str(self.client.last_outcome))
        offered = {m.number: m for m in candidates}
        if answer.matter not in offered or answer.confidence < self.settings.accept_confidence:
            return self._note(draft, purpose, "kept")
        matter = offered[answer.matter]
        problems = (
            *(p for p in draft.problems if p.code is not ProblemCode.NO_MATTER),
            Problem(
                AI_SUGGESTION,
                f"Matter {matter.number} was suggested by AI (model {self.client.model}); "
                "check it before approving.",
                Severity.WARNING,
            ),
        )
        reason = _one_line(answer.reason) or "no reason given"
        suggested = revise(
            draft,
            matter=matter.number,
            kind=EntryKind.BILLABLE,
            ai_suggested=True,
            reasons=(
                *draft.reasons,
                f"AI suggestion (model {self.client.model}): {matter.number} "
                f"(confidence {answer.confidence:.2f}): {reason}",
            ),
            problems=problems,
        )
        self._note(draft, purpose, "suggested")
        return suggested

    def _candidates(self, draft: TimeEntry, matters: Sequence[Matter], purpose: Purpose) -> list[Matter]:
        """Open matters the request may name, most likely first: all when local, consenting clients' when remote."""
        usable = [
            m for m in matters if m.is_open and (self.local or self.consent.consents(m.client, purpose))
        ]
        words = _words(" ".join([draft.description, *(e.label for e in draft.evidence)]))
        hinted = {draft.matter, *(e.matter for e in draft.evidence)}

        def rank(matter: Matter) -> tuple[int, int]:
            mine = _words(" ".join([matter.client.name, matter.description, *matter.keywords]))
            return (0 if matter.number in hinted else 1, -len(words & mine))

        return sorted(usable, key=rank)[: self.settings.max_candidates]

    # --- narrative rewrites ---

    def rewrite_narratives(self, drafts: Sequence[TimeEntry], matters: Sequence[Matter]) -> list[TimeEntry]:
        """The drafts, billable ones with a matter getting an AI-rewritten narrative (the original kept in extra)."""
        if not self.client.usable:
            return list(drafts)
        by_number = {m.number: m for m in matters}
        return [self._rewrite(d, matters, by_number) if _wants_rewrite(d) else d for d in drafts]

    def _rewrite(
        self, draft: TimeEntry, matters: Sequence[Matter], by_number: dict[str, Matter]
    ) -> TimeEntry:
        purpose = Purpose.REWRITE_NARRATIVE
        if not self._may_send(draft, by_number, purpose):
            return self._note(draft, purpose, "no_consent")
        matter = by_number.get(draft.matter or "")
        texts = [draft.description, *(e.label for e in draft.evidence)]
        if matter is not None:
            texts.append(matter.description)
        masked = self.redactor.mask(texts)
        narrative, labels = masked.texts[0], masked.texts[1 : 1 + len(draft.evidence)]
        payload: dict[str, object] = {
            "narrative": narrative,
            "evidence": [
                {"kind": e.kind, "label": label} for e, label in zip(draft.evidence, labels, strict=True)
            ],
        }
        if matter is not None:
            payload["matter"] = masked.texts[-1]
        messages = [Message("system", REWRITE_PROMPT), Message("user", _dump(payload))]
        if self._names_withheld_client(messages, matters, purpose):
            return self._note(draft, purpose, "names_withheld_client")
        answer = self.client.ask(messages, RewriteNarrative)
        if answer is None:
            return self._note(draft, purpose, str(self.client.last_outcome))
        description = _one_line(restore(answer.description, masked.table))
        if not description or has_placeholder(description):
            return self._note(draft, purpose, "restored_placeholder")
        rewritten = revise(
            draft,
            description=description,
            ai_suggested=True,
            reasons=(*draft.reasons, f"AI suggestion (model {self.client.model}): narrative rewritten"),
            problems=(
                *draft.problems,
                Problem(
                    AI_SUGGESTION,
                    f"The narrative was rewritten by AI (model {self.client.model}); check it before approving.",
                    Severity.WARNING,
                ),
            ),
            extra=(*draft.extra, (ORIGINAL_DESCRIPTION, draft.description)),
        )
        self._note(draft, purpose, "rewritten")
        return rewritten

    # --- consent ---

    def _may_send(self, draft: TimeEntry, by_number: dict[str, Matter], purpose: Purpose) -> bool:
        """Local endpoints: yes. Remote: only when every client of the draft is known and consents."""
        if self.local:
            return True
        clients = _clients_of(draft, by_number)
        return clients is not None and all(self.consent.consents(c, purpose) for c in clients)

    def _names_withheld_client(
        self, messages: Sequence[Message], matters: Sequence[Matter], purpose: Purpose
    ) -> bool:
        """Last check before a remote request: does it name any client that has not consented?"""
        if self.local:
            return False
        terms: set[str] = set()
        for matter in matters:
            client = matter.client
            if self.consent.consents(client, purpose):
                continue
            terms.add(matter.number)
            terms |= {client.name, *client.aliases, *client.email_domains}
        terms = {t.strip() for t in terms if t.strip()}
        if not terms:
            return False
        pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE,
        )
        return any(pattern.search(m.content) for m in messages)

    def _note(self, draft: TimeEntry, purpose: Purpose, outcome: str) -> TimeEntry:
        self.decisions.append(Decision(draft.id, purpose, outcome))
        return draft


def _wants_matter(draft: TimeEntry, below: Decimal) -> bool:
    return (
        draft.status is EntryStatus.DRAFT
        and not draft.locked
        and not draft.ai_suggested
        and draft.kind in (EntryKind.BILLABLE, EntryKind.UNASSIGNED)
        and (draft.matter is None or draft.confidence < below)
    )


def _wants_rewrite(draft: TimeEntry) -> bool:
    return (
        draft.status is EntryStatus.DRAFT
        and not draft.locked
        and draft.kind is EntryKind.BILLABLE
        and draft.matter is not None
        and bool(draft.description.strip())
        and all(key != ORIGINAL_DESCRIPTION for key, _ in draft.extra)
    )


def _clients_of(draft: TimeEntry, by_number: dict[str, Matter]) -> list[Client] | None:
    """Every client the draft's data may belong to; None when any is unknown (or there is none)."""
    numbers = {n for n in (draft.matter, *(e.matter for e in draft.evidence)) if n}
    if not numbers or any(n not in by_number for n in numbers):
        return None
    return [by_number[n].client for n in sorted(numbers)]


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.casefold()) if len(w) >= 4}


def _one_line(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _dump(payload: Mapping[str, object]) -> str:
    return json.dumps(payload, ensure_ascii=False, sort_keys=True)
