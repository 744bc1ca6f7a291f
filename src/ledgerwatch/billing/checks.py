"""E-billing checks before an invoice is finalised: each client's rule set, problems shown, never fixed."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ledgerwatch.domain import Problem, ProblemCode, Severity
from ledgerwatch.domain.billing import Invoice, ItemKind, Line, Timekeeper

TASK_VERBS = (
    "draft", "review", "revis", "call", "confer", "research", "prepar", "attend", "analy", "email",
    "e-mail", "telephone", "meet", "correspond", "negotiat", "edit", "finaliz", "file", "travel",
)  # fmt: skip
VAGUE_PHRASES = (
    "attention to", "work on", "worked on", "various", "miscellaneous", "misc.", "handle", "follow up",
    "review file", "review documents", "legal research", "file management",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class RuleSet:
    """One client's e-billing guidelines. None switches a limit off."""

    increment: Decimal | None = Decimal("0.1")
    block_billing: bool = False
    """True where the client's guidelines forbid block billing (a warning per lumped entry)"""
    vague_phrases: tuple[str, ...] = VAGUE_PHRASES
    min_words: int = 3
    max_hours_per_entry: Decimal | None = Decimal(10)
    max_hours_per_day: Decimal | None = Decimal(12)
    rate_caps: tuple[tuple[str, Decimal], ...] = ()
    """classification (PT, AS, ...) -> highest hourly rate the client pays"""
    require_task_codes: bool = False
    require_activity_codes: bool = False
    require_expense_codes: bool = False

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> RuleSet:
        """Rules from stored settings (JSON): unknown keys are a programmer error."""
        known = set(cls.__dataclass_fields__)
        unknown = set(data) - known
        if unknown:
            raise ValueError(f"unknown e-billing rules: {sorted(unknown)}")
        values: dict[str, Any] = {}
        for key, value in data.items():
            if key in {"increment", "max_hours_per_entry", "max_hours_per_day"}:
                values[key] = None if value is None else Decimal(str(value))
            elif key == "rate_caps":
                values[key] = tuple((str(k), Decimal(str(v))) for k, v in dict(value).items())
            elif key == "vague_phrases":
                values[key] = tuple(value)
            else:
                values[key] = value
        return cls(**values)


_CLAUSE = re.compile(r";|\.\s+|,\s*(?:and\s+)?|\s+and\s+|\s*/\s*")


def is_block_billed(narrative: str) -> bool:
    """Two or more distinct tasks lumped into one entry ('Draft motion; call client')."""
    starts = 0
    for clause in _CLAUSE.split(narrative.lower()):
        words = clause.strip().split()
        if words and words[0].startswith(TASK_VERBS):
            starts += 1
    return starts >= 2


_WORD = re.compile(r"[a-z0-9][a-z0-9'.-]*")
FILLER = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "on",
        "for",
        "with",
        "in",
        "at",
        "by",
        "from",
        "re",
        "regarding",
        "concerning",
        "about",
        "as",
        "per",
        "matter",
        "matters",
        "file",
        "files",
        "case",
        "issue",
        "issues",
        "item",
        "items",
        "task",
        "tasks",
        "thing",
        "things",
        "stuff",
        "various",
        "misc",
        "miscellaneous",
        "etc",
        "etc.",
        "same",
        "client",
        "work",
    ]
)
"""Words that name nothing specific: a vague phrase followed only by these is still vague."""


def vague_reason(narrative: str, rules: RuleSet) -> str | None:
    """Why a narrative says too little, or None.

    A vague phrase is flagged only when the narrative lacks specifics: the phrase is at least half the words,
    or nothing specific follows it ('Legal research' is vague; 'Legal research (Westlaw) re retaliation prima
    facie case' is not).
    """
    text = narrative.lower()
    words = _WORD.findall(text)
    if len(words) < rules.min_words:
        return "too short to say what was done"
    for phrase in rules.vague_phrases:
        found = re.search(rf"(?<![a-z0-9]){re.escape(phrase.lower())}(?![a-z0-9])", text)
        if found is None:
            continue
        size = len(_WORD.findall(phrase.lower())) or 1
        after = [w for w in _WORD.findall(text[found.end() :]) if w.strip(".") not in FILLER]
        if 2 * size >= len(words) or not after:
            return f"vague wording '{phrase}'"
    return None


def _where(line: Line) -> str:
    who = f", {line.timekeeper}" if line.timekeeper else ""
    return f"{line.item or 'line'} ({line.day.isoformat()}{who})"


def check_invoice(
    invoice: Invoice, rules: RuleSet, timekeepers: Mapping[str, Timekeeper]
) -> tuple[Problem, ...]:
    """Everything in the invoice an e-billing system would reject (errors) or reduce on appeal (warnings).

    Errors also cover what drafting could not settle (no timekeeper, no rate, a line below zero): the
    stored invoice is checked again at finalisation, so those stop it however old the pre-bill is.
    """
    problems: list[Problem] = []
    per_day: dict[tuple[str, str], Decimal] = {}
    for line in invoice.lines:
        where = _where(line)
        if line.kind is ItemKind.FEE and line.entry_id is not None and line.units is not None:
            hours = line.units
            if not line.timekeeper:
                problems.append(Problem(ProblemCode.NO_TIMEKEEPER, f"{where}: no timekeeper", Severity.ERROR))
            if hours > 0 and (line.worked_value is None or line.worked_value.amount == 0):
                if line.note:  # time recorded at no charge: only its worked value is unknown
                    problems.append(Problem(ProblemCode.NO_RATE, f"{where}: no hourly rate, worked value unknown"))
                else:
                    problems.append(
                        Problem(ProblemCode.NO_RATE, f"{where}: no hourly rate (billed at 0.00)", Severity.ERROR)
                    )
            if rules.increment is not None and hours % rules.increment != 0:
                problems.append(
                    Problem(
                        ProblemCode.INCREMENT, f"{where}: {hours} h is not in {rules.increment} h steps", Severity.ERROR
                    )
                )
            if rules.max_hours_per_entry is not None and hours > rules.max_hours_per_entry:
                problems.append(
                    Problem(
                        ProblemCode.MAX_HOURS_ENTRY,
                        f"{where}: {hours} h exceeds {rules.max_hours_per_entry} h per entry",
                    )
                )
            if line.timekeeper:
                key = (line.timekeeper, line.day.isoformat())
                per_day[key] = per_day.get(key, Decimal(0)) + hours
            if rules.block_billing and is_block_billed(line.narrative):
                problems.append(Problem(ProblemCode.BLOCK_BILLING, f"{where}: several tasks in one entry; split it"))
            vague = vague_reason(line.narrative, rules)
            if vague:
                problems.append(Problem(ProblemCode.VAGUE, f"{where}: {vague}"))
            if rules.require_task_codes and not line.task_code:
                problems.append(Problem(ProblemCode.TASK_CODE, f"{where}: UTBMS task code required", Severity.ERROR))
            if rules.require_activity_codes and not line.activity_code:
                problems.append(
                    Problem(ProblemCode.ACTIVITY_CODE, f"{where}: UTBMS activity code required", Severity.ERROR)
                )
            tk = timekeepers.get(line.timekeeper or "")
            caps = dict(rules.rate_caps)
            if tk is not None and tk.classification.value in caps and line.unit_cost is not None:
                cap = caps[tk.classification.value]
                if line.unit_cost.amount > cap:
                    problems.append(
                        Problem(
                            ProblemCode.RATE_CAP,
                            f"{where}: rate {line.unit_cost.amount} above the {tk.classification.value} cap {cap}",
                            Severity.ERROR,
                        )
                    )
        if line.kind in (ItemKind.FEE, ItemKind.EXPENSE) and line.total.amount < 0:
            problems.append(
                Problem(ProblemCode.NEGATIVE_LINE, f"{where}: adjustments exceed the amount", Severity.ERROR)
            )
        if line.kind is ItemKind.EXPENSE and rules.require_expense_codes and not line.expense_code:
            problems.append(Problem(ProblemCode.EXPENSE_CODE, f"{where}: UTBMS expense code required", Severity.ERROR))
    if rules.max_hours_per_day is not None:
        for (tk_id, day), hours in sorted(per_day.items()):
            if hours > rules.max_hours_per_day:
                problems.append(
                    Problem(
                        ProblemCode.MAX_HOURS_DAY,
                        f"{tk_id} on {day}: {hours} h exceeds {rules.max_hours_per_day} h a day",
                    )
                )
    return tuple(problems)


def blocking(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """The problems that stop finalisation (errors); warnings are shown but do not block."""
    return tuple(p for p in problems if p.severity is Severity.ERROR)
