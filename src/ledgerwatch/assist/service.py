"""The optional AI assist beside the rules: matters for unsure or unassigned time, UTBMS codes, narratives.

For each purpose the request is built by construction (request.py: only clients in scope, redaction first,
then screening, then shaping) and checked by the same screen before it is sent; each answer is checked
(checks.py) before it touches a draft. Whatever fails, the rules' answer stands, and every draft's outcome
is recorded (report.py): sent or not and why, answered, applied, refused and why, failed and why.

Every answer applied is labelled as an AI suggestion naming the model (ai_suggested, a reason, an
`ai_suggestion` problem); a rewritten narrative keeps the rules' one beside it (`rule_description`), so
review can switch back.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import TypeVar

from pydantic import BaseModel

from ledgerwatch.assist.answers import RewriteNarrative, SuggestCodes, SuggestMatter
from ledgerwatch.assist.checks import check_codes, check_matter, check_narrative
from ledgerwatch.assist.client import ChatClient, Message
from ledgerwatch.assist.codes import code_list
from ledgerwatch.assist.consent import ConsentRegistry, Purpose
from ledgerwatch.assist.redact import Redactor, restore
from ledgerwatch.assist.report import REFUSED, Decision, Report
from ledgerwatch.assist.request import (
    Scope,
    candidate_payload,
    candidates,
    draft_texts,
    messages,
    payload,
    withheld_in,
)
from ledgerwatch.assist.screen import Screen
from ledgerwatch.assist.settings import AssistSettings
from ledgerwatch.assist.shaping import one_line
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Matter,
    Problem,
    ProblemCode,
    Severity,
    TimeEntry,
    revise,
)

A = TypeVar("A", bound=BaseModel)
AI_SUGGESTION = ProblemCode.AI_SUGGESTION
NO_MATTER_PREFIX = "No matter found"

SUGGEST_PROMPT = (
    "You attribute a lawyer's block of work to one of the candidate client matters. "
    'Answer only with a JSON object: {"matter": "<a candidate matter number, or null if none fits>", '
    '"confidence": <number from 0 to 1>, "reason": "<one short sentence>"}.'
)
CODES_PROMPT = (
    "You choose the UTBMS codes for a lawyer's block of work. "
    f"{code_list()} "
    'Answer only with a JSON object: {"task_code": "<a task code or null>", '
    '"activity_code": "<an activity code or null>", "reason": "<one short sentence>"}.'
)
REWRITE_PROMPT = (
    "You rewrite a lawyer's time-entry narrative for a client bill: one or two sentences, past tense, "
    "specific about the task, no invented facts, no names, numbers or hours that the data does not hold. "
    "Keep bracketed placeholders such as [NAME-1] exactly as they are. "
    'Answer only with a JSON object: {"description": "<the narrative>"}.'
)


class Assistant:
    """Asks the AI endpoint about drafts; the rules' answer stands on any failure or refusal."""

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
        self.local = client.local
        """consent is decided by how the client connects, not by the URL's text"""
        self.decisions: list[Decision] = []

    def run(self, drafts: Sequence[TimeEntry], matters: Sequence[Matter]) -> list[TimeEntry]:
        """Matters, then codes, then narratives, as the settings ask."""
        found = self.suggest_matters(drafts, matters)
        if self.settings.suggest_codes:
            found = self.suggest_codes(found, matters)
        if self.settings.rewrite_narratives:
            found = self.rewrite_narratives(found, matters)
        return found

    def report(self) -> Report:
        return Report(self.client.model, self.local, tuple(self.decisions))

    # --- matter suggestions ---

    def suggest_matters(
        self, drafts: Sequence[TimeEntry], matters: Sequence[Matter], threshold: Decimal | None = None
    ) -> list[TimeEntry]:
        """The drafts, with an AI-suggested matter on unassigned ones and those below the threshold."""
        if not self.client.usable:
            return list(drafts)
        below = self.settings.suggest_below if threshold is None else threshold
        scope = Scope.build(Purpose.SUGGEST_MATTER, matters, self.consent, self.local)
        by_number = {m.number: m for m in matters}
        return [self._suggest(d, matters, by_number, scope) if _wants_matter(d, below) else d for d in drafts]

    def _suggest(
        self, draft: TimeEntry, matters: Sequence[Matter], by_number: dict[str, Matter], scope: Scope
    ) -> TimeEntry:
        purpose = Purpose.SUGGEST_MATTER
        refusal = scope.refusal(draft, by_number)
        if refusal:
            return self._note(draft, purpose, "no_consent", refusal)
        offered = candidates(draft, matters, scope, self.settings.max_candidates)
        if not offered:
            return self._note(draft, purpose, "no_candidates")
        texts = draft_texts(
            draft,
            scope.evidence(draft, by_number),
            by_number.get(draft.matter or ""),
            self.redactor,
            scope.screen,
        )
        body = payload(texts) | {"candidates": candidate_payload(offered, self.redactor, scope.screen)}
        answer = self._ask(draft, purpose, messages(SUGGEST_PROMPT, body), scope.screen, SuggestMatter)
        if answer is None:
            return draft
        verdict = check_matter(answer, draft, {m.number: m for m in offered}, self.settings.accept_confidence)
        if verdict.refused:
            outcome = "kept" if verdict.refused.startswith(("declined", "too unsure")) else REFUSED
            return self._note(draft, purpose, outcome, verdict.refused, sent=True)
        matter = by_number[answer.matter or ""]
        if matter.number == draft.matter:
            return self._note(draft, purpose, "kept", "the model agreed with the rules", sent=True)
        model = self.client.model
        said = f" ({verdict.caveat})" if verdict.caveat else ""
        problems = (
            *(p for p in draft.problems if p.code is not ProblemCode.NO_MATTER),
            Problem(
                AI_SUGGESTION,
                f"Matter {matter.number} was suggested by AI (model {model}){said}; check it before approving.",
                Severity.WARNING,
            ),
        )
        changes: dict[str, object] = {}
        if draft.matter is None and draft.description.startswith(NO_MATTER_PREFIX):
            names = draft.description.removeprefix(NO_MATTER_PREFIX).lstrip(": ").strip()
            changes = {
                "description": f"Work on {names}"
                if names
                else f"Work on {matter.description or matter.number}",
                "rule_description": draft.rule_description or draft.description,
            }
        suggested = revise(
            draft,
            matter=matter.number,
            kind=EntryKind.BILLABLE,
            ai_suggested=True,
            reasons=(
                *draft.reasons,
                f"AI suggestion (model {model}): {matter.number} (confidence {answer.confidence:.2f}): "
                f"{one_line(answer.reason) or 'no reason given'}{said}",
            ),
            problems=problems,
            **changes,
        )
        self._note(
            draft, purpose, "suggested", f"{draft.matter or 'no matter'} -> {matter.number}", sent=True
        )
        return suggested

    # --- UTBMS codes ---

    def suggest_codes(self, drafts: Sequence[TimeEntry], matters: Sequence[Matter]) -> list[TimeEntry]:
        """The drafts, billable ones with a matter getting AI-suggested UTBMS task and activity codes."""
        if not self.client.usable:
            return list(drafts)
        scope = Scope.build(Purpose.SUGGEST_CODES, matters, self.consent, self.local)
        by_number = {m.number: m for m in matters}
        return [self._codes(d, by_number, scope) if _wants_edit(d) else d for d in drafts]

    def _codes(self, draft: TimeEntry, by_number: dict[str, Matter], scope: Scope) -> TimeEntry:
        purpose = Purpose.SUGGEST_CODES
        refusal = scope.refusal(draft, by_number)
        if refusal:
            return self._note(draft, purpose, "no_consent", refusal)
        texts = draft_texts(
            draft,
            scope.evidence(draft, by_number),
            by_number.get(draft.matter or ""),
            self.redactor,
            scope.screen,
        )
        answer = self._ask(draft, purpose, messages(CODES_PROMPT, payload(texts)), scope.screen, SuggestCodes)
        if answer is None:
            return draft
        refused = check_codes(answer)
        if refused:
            outcome = "kept" if refused.startswith("declined") else REFUSED
            return self._note(draft, purpose, outcome, refused, sent=True)
        task = answer.task_code.upper() if answer.task_code else draft.task_code
        activity = answer.activity_code.upper() if answer.activity_code else draft.activity_code
        if (task, activity) == (draft.task_code, draft.activity_code):
            return self._note(draft, purpose, "kept", "the model agreed with the rules", sent=True)
        model = self.client.model
        coded = revise(
            draft,
            task_code=task,
            activity_code=activity,
            ai_suggested=True,
            reasons=(
                *draft.reasons,
                f"AI suggestion (model {model}): codes {task}/{activity} "
                f"(the rules gave {draft.task_code}/{draft.activity_code}): {one_line(answer.reason)}".rstrip(
                    ": "
                ),
            ),
            problems=(
                *draft.problems,
                Problem(
                    AI_SUGGESTION,
                    f"Codes {task}/{activity} were suggested by AI (model {model}); check them before approving.",
                    Severity.WARNING,
                ),
            ),
        )
        self._note(
            draft,
            purpose,
            "coded",
            f"{draft.task_code}/{draft.activity_code} -> {task}/{activity}",
            sent=True,
        )
        return coded

    # --- narrative rewrites ---

    def rewrite_narratives(self, drafts: Sequence[TimeEntry], matters: Sequence[Matter]) -> list[TimeEntry]:
        """The drafts, billable ones with a matter getting an AI-rewritten narrative (the rules' one kept)."""
        if not self.client.usable:
            return list(drafts)
        scope = Scope.build(Purpose.REWRITE_NARRATIVE, matters, self.consent, self.local)
        by_number = {m.number: m for m in matters}
        return [
            self._rewrite(d, matters, by_number, scope) if _wants_edit(d) and not _rewritten(d) else d
            for d in drafts
        ]

    def _rewrite(
        self, draft: TimeEntry, matters: Sequence[Matter], by_number: dict[str, Matter], scope: Scope
    ) -> TimeEntry:
        purpose = Purpose.REWRITE_NARRATIVE
        refusal = scope.refusal(draft, by_number)
        if refusal:
            return self._note(draft, purpose, "no_consent", refusal)
        matter = by_number.get(draft.matter or "")
        texts = draft_texts(draft, scope.evidence(draft, by_number), matter, self.redactor, scope.screen)
        answer = self._ask(
            draft, purpose, messages(REWRITE_PROMPT, payload(texts)), scope.screen, RewriteNarrative
        )
        if answer is None:
            return draft
        description = one_line(restore(answer.description, texts.masked.table))
        own = [*texts.whole, *(e.label for e in draft.evidence)]
        if matter is not None:
            own += [matter.client.name, matter.number]
        others = Screen(matters, lambda m: m.number != draft.matter)
        refused = check_narrative(description, own, others)
        if refused:
            return self._note(draft, purpose, REFUSED, refused, sent=True)
        model = self.client.model
        rewritten = revise(
            draft,
            description=description,
            rule_description=draft.rule_description or draft.description,
            ai_suggested=True,
            reasons=(*draft.reasons, f"AI suggestion (model {model}): narrative rewritten"),
            problems=(
                *draft.problems,
                Problem(
                    AI_SUGGESTION,
                    f"The narrative was rewritten by AI (model {model}); check it before approving "
                    "(the rules' narrative is kept and can be restored).",
                    Severity.WARNING,
                ),
            ),
        )
        self._note(draft, purpose, "rewritten", sent=True)
        return rewritten

    # --- asking and recording ---

    def _ask(
        self, draft: TimeEntry, purpose: Purpose, request: list[Message], screen: Screen, answer: type[A]
    ) -> A | None:
        """The client's answer, or None with the reason recorded; nothing is sent that the screen finds."""
        found = withheld_in(request, screen)
        if found:
            self._note(draft, purpose, "withheld_fact", f"{found} fact(s) of a client out of scope")
            return None
        result = self.client.ask(request, answer)
        if result is None:
            outcome = self.client.last_outcome
            self._note(draft, purpose, outcome.value if outcome else "failed", sent=self.client.sent)
        return result

    def _note(
        self, draft: TimeEntry, purpose: Purpose, outcome: str, detail: str = "", *, sent: bool = False
    ) -> TimeEntry:
        self.decisions.append(Decision(draft.id, purpose.value, outcome, detail, sent))
        return draft


def _wants_matter(draft: TimeEntry, below: Decimal) -> bool:
    return (
        draft.status is EntryStatus.DRAFT
        and not draft.locked
        and draft.kind in (EntryKind.BILLABLE, EntryKind.UNASSIGNED)
        and (draft.matter is None or draft.confidence < below)
        and not any(p.code is AI_SUGGESTION and "Matter" in p.message for p in draft.problems)
    )


def _wants_edit(draft: TimeEntry) -> bool:
    return (
        draft.status is EntryStatus.DRAFT
        and not draft.locked
        and draft.kind is EntryKind.BILLABLE
        and draft.matter is not None
        and bool(draft.description.strip())
    )


def _rewritten(draft: TimeEntry) -> bool:
    return any(p.code is AI_SUGGESTION and "narrative" in p.message for p in draft.problems)
