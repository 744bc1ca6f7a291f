"""Reminders against a real SMTP server (aiosmtpd): 120 frozen-clock days, restarts and crashes, none twice."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from email.message import EmailMessage
from typing import Any

import pytest

from ledgerwatch.billing.dunning import ReminderStatus
from ledgerwatch.billing.mail import NotSent, SmtpMailer
from ledgerwatch.billing.payments import PaymentRecord
from ledgerwatch.domain import Money
from ledgerwatch.domain.billing import ReminderState
from tests.billing_support import Firm, Inbox, free_port

MARCH = date(2026, 3, 31)


class Crash(BaseException):
    """The process dies (power cut, kill -9) at this point."""


class CrashAfterSending:
    """Delivers the message, then the process dies before the outcome is recorded."""

    def __init__(self, real: SmtpMailer) -> None:
        self.real = real

    def send(self, message: EmailMessage) -> None:
        self.real.send(message)
        raise Crash


class CrashBeforeSending:
    def send(self, message: EmailMessage) -> None:
        raise Crash


def test_reminder_ladder_over_120_days_with_restarts_never_twice(firm: Firm, smtp: tuple[Inbox, int]) -> None:
    """Each (invoice, rung) reaches the client at most once: across daily restarts, double runs and crashes."""
    inbox, port = smtp
    real = SmtpMailer("127.0.0.1", port, timeout=10)
    setup = firm.service(real)
    firm.entry("e1", date(2026, 3, 2), "1.5", "1001")
    firm.entry("e2", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    firm.entry("e3", date(2026, 3, 6), "0.5", "1002", "Prepare trademark renewal filing")
    for d in setup.draft_all(through=MARCH):
        assert d.invoice_id is not None
        setup.finalize(d.invoice_id)
    # INV-000001 Acme 1001 due 05-01; INV-000002 Acme 1002 due 05-01 (disputed); INV-000003 Beta due 04-16
    setup.dispute(setup.find("INV-000002"), note="client questions the renewal fee")

    start = date(2026, 4, 1)
    for offset in range(121):
        day = start + timedelta(days=offset)
        firm.clock.set_day(day, 9)
        if day == date(2026, 5, 20):
            setup.record_payment(PaymentRecord("Beta Industries", Money(setup.balance(3)), day))
        mailer: Any = real
        if day == date(2026, 5, 31):
            mailer = CrashAfterSending(real)
        if day == date(2026, 6, 30):
            mailer = CrashBeforeSending()
        with contextlib.suppress(Crash):
            firm.service(mailer).run_reminders()  # a fresh service: the agent restarted
        firm.clock.set_day(day, 15)
        firm.service(real).run_reminders()  # a second run the same day

    got = [(m["X-Ledgerwatch-Reminder"], m["To"]) for m in inbox.messages]
    assert got == [
        ("INV-000003/before-due", "pay@beta.example"),
        ("INV-000001/before-due", "ap@acme.example"),
        ("INV-000003/30-days", "pay@beta.example"),
        ("INV-000001/30-days", "ap@acme.example"),  # delivered just before the crash; never repeated
        ("INV-000001/90-days", "ap@acme.example"),
    ]
    for m in inbox.messages:
        (attachment,) = list(m.iter_attachments())
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_content().startswith(b"%PDF")
        assert "https://pay.example/doebaker?invoice=INV-00000" in m.get_body(("plain",)).get_content()
    log = {(r.invoice_id, r.rung): r.state for r in firm.service().reminder_log()}
    assert log == {
        (3, "before-due"): ReminderState.SENT,
        (1, "before-due"): ReminderState.SENT,
        (3, "30-days"): ReminderState.SENT,
        (1, "30-days"): ReminderState.UNKNOWN,
        (1, "60-days"): ReminderState.UNKNOWN,
        (1, "90-days"): ReminderState.SENT,
    }


def test_unknown_reminder_is_flagged_and_released_only_by_review(firm: Firm, smtp: tuple[Inbox, int]) -> None:
    """A crash mid-send is reported for review; the next run sends only after a person says it did not go out."""
    inbox, port = smtp
    real = SmtpMailer("127.0.0.1", port, timeout=10)
    setup = firm.service(real)
    firm.entry("e2", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    (draft,) = setup.draft_all(through=MARCH)
    assert draft.invoice_id is not None
    setup.finalize(draft.invoice_id)
    firm.clock.set_day(date(2026, 4, 10))
    with pytest.raises(Crash):
        firm.service(CrashBeforeSending()).run_reminders()
    firm.clock.advance(minutes=5)
    quick = firm.service(real).run_reminders()
    assert (
        quick.needs_review == () and quick.sent == ()
    )  # still within the grace period: maybe another process
    firm.clock.advance(hours=1)
    run = firm.service(real).run_reminders()
    assert [(r.rung, r.status) for r in run.needs_review] == [("before-due", "unknown")]
    assert run.sent == () and inbox.messages == []
    firm.service(real).resolve_reminder(draft.invoice_id, "before-due", was_sent=False)
    assert [o.rung for o in firm.service(real).run_reminders().sent] == ["before-due"]
    assert len(inbox.messages) == 1


def test_refused_mail_is_retried_and_dry_run_sends_nothing(firm: Firm, smtp: tuple[Inbox, int]) -> None:
    """A server that surely refused leaves nothing recorded (retried next run); a dry run records nothing."""
    inbox, port = smtp
    setup = firm.service(SmtpMailer("127.0.0.1", port))
    firm.entry("e2", date(2026, 3, 5), "1.0", "2001", "Review supply agreement termination clause")
    (draft,) = setup.draft_all(through=MARCH)
    assert draft.invoice_id is not None
    setup.finalize(draft.invoice_id)
    firm.clock.set_day(date(2026, 4, 10))
    dry = firm.service(SmtpMailer("127.0.0.1", port)).run_reminders(dry_run=True)
    assert [(o.invoice, o.rung, o.status) for o in dry.outcomes] == [
        ("INV-000001", "before-due", "would-send")
    ]
    down = SmtpMailer("127.0.0.1", free_port(), timeout=2)
    with pytest.raises(NotSent):
        down.send(EmailMessage())
    failed = firm.service(down).run_reminders()
    assert [o.status for o in failed.outcomes] == ["failed"]
    assert firm.service().reminder_log() == []
    sent = firm.service(SmtpMailer("127.0.0.1", port)).run_reminders()
    assert [o.status for o in sent.outcomes] == ["sent"]
    assert len(inbox.messages) == 1


def test_trust_held_for_another_matter_does_not_pause_a_reminder(firm: Firm) -> None:
    """Trust held for matter 1002 cannot pay matter 1001's invoice, so it does not pause 1001's reminder; a
    general retainer of the client that covers it does (trust is held per client-matter)."""
    setup = firm.service()
    firm.entry("e1", date(2026, 3, 2), "1.5", "1001")
    (draft,) = [d for d in setup.draft_all(through=MARCH) if d.invoice_id is not None]
    assert draft.invoice_id is not None
    setup.finalize(draft.invoice_id)
    setup.deposit_trust("Acme Corp", Money(setup.balance(draft.invoice_id) * 10), "for the trademark", matter="1002")
    firm.clock.set_day(date(2026, 4, 25), 9)  # a week before it is due: the first rung
    (outcome,) = firm.service().run_reminders(dry_run=True).outcomes
    assert outcome.status is ReminderStatus.WOULD_SEND, outcome
    setup.deposit_trust("Acme Corp", Money(setup.balance(draft.invoice_id)), "general retainer")
    (outcome,) = firm.service().run_reminders(dry_run=True).outcomes
    assert outcome.status is ReminderStatus.PAUSED, outcome
