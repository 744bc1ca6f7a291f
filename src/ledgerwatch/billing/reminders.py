"""The reminder ladder: which reminder, if any, an invoice should get today. Pure; the service sends.

A rung is a number of days relative to the due date (negative: before it). When several rungs are due at
once (the agent was off), only the latest is sent and the earlier ones are recorded as skipped, so a client
never gets a burst of reminders.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal


@dataclass(frozen=True, slots=True)
class Rung:
    name: str
    days: int
    """relative to the due date: -7 is a week before, 30 is thirty days past due"""


DEFAULT_LADDER = (Rung("before-due", -7), Rung("30-days", 30), Rung("60-days", 60), Rung("90-days", 90))


@dataclass(frozen=True, slots=True)
class ReminderFacts:
    invoice_id: int
    due_date: date
    balance: Decimal
    trust_available: Decimal = Decimal(0)
    disputed: bool = False
    do_not_contact: bool = False
    recorded: frozenset[str] = frozenset()
    """rungs already recorded for this invoice (sending, sent, unknown or skipped)"""


@dataclass(frozen=True, slots=True)
class Decision:
    invoice_id: int
    send: Rung | None
    skip: tuple[Rung, ...] = ()
    reason: str = ""


def decide(facts: ReminderFacts, today: date, ladder: Sequence[Rung] = DEFAULT_LADDER) -> Decision:
    """The rung to send today (or why not), and the earlier rungs it supersedes."""
    if facts.balance <= 0:
        return Decision(facts.invoice_id, None, reason="paid")
    if facts.disputed:
        return Decision(facts.invoice_id, None, reason="paused: invoice disputed")
    if facts.do_not_contact:
        return Decision(facts.invoice_id, None, reason="paused: client marked do-not-contact")
    if facts.trust_available >= facts.balance:
        return Decision(facts.invoice_id, None, reason="paused: trust funds cover the balance")
    due = []
    for rung in sorted(ladder, key=lambda r: r.days):
        if facts.due_date + timedelta(days=rung.days) > today:
            continue
        if rung.days < 0 and today > facts.due_date:
            continue
        due.append(rung)
    if not due:
        return Decision(facts.invoice_id, None, reason="nothing due")
    latest = due[-1]
    if latest.name in facts.recorded:
        return Decision(facts.invoice_id, None, reason=f"{latest.name} already recorded")
    skipped = tuple(r for r in due[:-1] if r.name not in facts.recorded)
    return Decision(facts.invoice_id, latest, skipped, reason="due")


def parse_ladder(text: str) -> tuple[Rung, ...]:
    """'before-due:-7,30-days:30' -> rungs (for settings)."""
    rungs = []
    for part in text.split(","):
        name, _, days = part.strip().partition(":")
        if not name or not days:
            raise ValueError(f"reminder rung {part!r}: use name:days")
        rungs.append(Rung(name, int(days)))
    if len({r.name for r in rungs}) != len(rungs):
        raise ValueError("reminder rung names must be unique")
    return tuple(sorted(rungs, key=lambda r: r.days))


@dataclass(frozen=True, slots=True)
class Wording:
    """What one reminder says: its subject and body, in the tone its rung calls for."""

    tone: str
    """friendly (before or on the due date), reminder, firm (from 60 days), final (from 90 days)"""
    subject: str
    body: str


def tone_of(rung: Rung) -> str:
    """Reminders escalate: friendly before the due date, firm at 60 days past due, a final notice at 90."""
    if rung.days <= 0:
        return "friendly"
    if rung.days < 60:
        return "reminder"
    if rung.days < 90:
        return "firm"
    return "final"


def wording(
    rung: Rung,
    *,
    greeting: str,
    number: str,
    due: date,
    today: date,
    balance: str,
    link: str | None,
    firm: str,
) -> Wording:
    """The reminder's subject and body. Subjects never show the ladder's internal rung names."""
    tone = tone_of(rung)
    late = (today - due).days
    pay = f"\n\nYou can pay online at {link}" if link else ""
    if tone == "friendly":
        subject = f"Invoice {number} is due on {due.isoformat()}"
        text = (
            f"This is a friendly reminder that invoice {number} for {balance} is due on {due.isoformat()}."
            f"{pay}\n\nIf you have already paid, thank you, and please disregard this message."
        )
    elif tone == "reminder":
        subject = f"Reminder: invoice {number} is past due"
        text = (
            f"Our records show that invoice {number} is {late} days past due, with {balance} outstanding. "
            f"We would be grateful for your payment.{pay}\n\nIf you have already paid, thank you, and please "
            "disregard this message."
        )
    elif tone == "firm":
        subject = f"Second notice: invoice {number} is {late} days past due"
        text = (
            f"Invoice {number} is now {late} days past due, with {balance} outstanding. Please pay it within "
            f"14 days, or contact us to agree a payment plan.{pay}"
        )
    else:
        subject = f"Final notice: invoice {number}"
        text = (
            f"Despite our earlier reminders, invoice {number} remains unpaid {late} days after its due date, with "
            f"{balance} outstanding. Please see the enclosed letter. Unless we receive payment or hear from "
            f"you within 14 days, we will consider further steps to collect this balance.{pay}"
        )
    return Wording(tone, subject, f"{greeting},\n\n{text}\n\nSincerely,\n{firm}")
