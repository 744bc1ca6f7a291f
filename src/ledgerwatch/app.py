"""The composition root: builds the services from settings and wires them together."""

from __future__ import annotations

import dataclasses
import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ledgerwatch import config, permissions
from ledgerwatch.domain import (
    CalendarPayload,
    Clock,
    EntryStatus,
    Event,
    Matter,
    Money,
    RoundingScope,
    Source,
    TimeEntry,
    billed_hours_for_day,
    day_bounds,
    utcnow,
)
from ledgerwatch.store import Database, EventLog, open_database
from ledgerwatch.store.entries import EntryRepository, Rebuild
from ledgerwatch.store.kv import KeyValue
from ledgerwatch.store.matters import MatterRepository
from ledgerwatch.store.memory import MemoryRepository

# Billing, sync, the AI assist, sessionize and the importers are imported where they are used, so that
# `ledgerwatch status` and the running agent's helpers do not pay for PDF fonts, HTTP clients and models.
if TYPE_CHECKING:
    from ledgerwatch import assist
    from ledgerwatch.assist.report import Report as AssistReport
    from ledgerwatch.billing import BillingService, BillingSettings, PaymentOutcome
    from ledgerwatch.billing.mail import Mailer, SmtpMailer
    from ledgerwatch.sessionize import Memory, SessionizePolicy
    from ledgerwatch.sessionize.learning import Model
    from ledgerwatch.sessionize.summary import SummaryRow
    from ledgerwatch.store.outbox import QueueStatus
    from ledgerwatch.sync.firm import FirmSync
    from ledgerwatch.sync.service import SyncService

Progress = Callable[[int, int], None]
log = logging.getLogger("ledgerwatch")


CONSENT_KEY = "ai_consent"
AI_BREAKER_KEY = "ai_breaker"
AI_REPORT_KEY = "ai_last_report"
LEARN_MODEL_KEY = "learned_model"
LEARN_RESET_KEY = "learned_reset_at"
LEARN_DAYS = 180
CONTEXT_DAYS = 6
"""days before a rebuilt range read as context for documents, threads and topics (the rest of the week)"""


def secret(service: str, username: str) -> str | None:
    """A secret from the OS keyring (never from settings files), or None."""
    import keyring

    try:
        return keyring.get_password("ledgerwatch", f"{service}:{username}")
    except Exception:  # no keyring backend: no secret
        return None


@dataclass(frozen=True, slots=True)
class ImportReport:
    path: Path
    read: int
    new: int
    skipped: dict[str, int] = field(default_factory=dict)


def sessionize_policy(settings: config.Settings) -> SessionizePolicy:
    """The sessionize policy for these settings: thresholds, rounding and the attorney's extra word lists."""
    from ledgerwatch.sessionize import SessionizePolicy

    s = settings.sessionize
    base = SessionizePolicy()
    return dataclasses.replace(
        base,
        interruption_seconds=s.interruption_seconds,
        rounding=s.rounding_policy(),
        min_confidence=s.min_confidence,
        learned_confidence=s.learned_confidence,
        learned_decides=s.learned_decides,
        passive_reading_seconds=s.passive_reading_seconds,
        calendar_away=s.calendar_away,
        bill_travel=s.bill_travel,
        guess_busiest_sibling=s.guess_busiest_matter,
        personal_domains=base.personal_domains + tuple(d.lower() for d in s.personal_domains),
        personal_apps=base.personal_apps + tuple(a.lower() for a in s.personal_apps),
        admin_patterns=base.admin_patterns + tuple(p.lower() for p in s.admin_patterns),
        ai_tool_domains=base.ai_tool_domains + tuple(d.lower() for d in s.ai_tool_domains),
        admin_sites=base.admin_sites + tuple(d.lower() for d in s.admin_sites),
    )


def days(first: date, last: date) -> list[date]:
    if last < first:
        raise ValueError(f"--to {last} is before --from {first}")
    return [first + timedelta(days=i) for i in range((last - first).days + 1)]


@dataclass
class Services:
    """Everything the CLI, review app, tray and jobs call into."""

    effective: config.Effective
    db: Database
    clock: Clock = utcnow

    def __post_init__(self) -> None:
        self.events = EventLog(self.db)
        self.matters = MatterRepository(self.db)
        self.entries = EntryRepository(self.db, self.clock)
        self.memory = MemoryRepository(self.db, self.clock)
        self.kv = KeyValue(self.db)

    @property
    def settings(self) -> config.Settings:
        return self.effective.settings

    def close(self) -> None:
        self.db.dispose()

    def __enter__(self) -> Services:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- imports: each file is one transaction, all or nothing ---

    def import_activitywatch(self, path: Path, progress: Progress | None = None) -> ImportReport:
        from ledgerwatch.importers import read_activitywatch

        batch = read_activitywatch(path, progress)
        new = self.events.add_many(batch.events)
        return ImportReport(path, len(batch.events), new, dict(batch.skipped))

    def import_ics(self, path: Path) -> ImportReport:
        from ledgerwatch.importers import read_ics

        batch = read_ics(path, self.settings.zone())
        new = self.events.add_calendar(batch.events)
        return ImportReport(path, len(batch.events), new, dict(batch.skipped))

    def import_calls(self, path: Path) -> ImportReport:
        from ledgerwatch.importers import read_call_log

        batch = read_call_log(path, self.settings.zone())
        new = self.events.add_many(batch.events)
        return ImportReport(path, len(batch.events), new, dict(batch.skipped))

    def import_matters(self, path: Path) -> int:
        from ledgerwatch.importers import read_matters

        return self.matters.upsert_many(read_matters(path), self.clock())

    def all_matters(self) -> list[Matter]:
        return self.matters.all()

    # --- reading the log ---

    def events_for_day(self, day: date, margin: timedelta = timedelta(0)) -> list[Event]:
        start, end = day_bounds(day, self.settings.zone())
        return self.events.between(start - margin, end + margin)

    def summary(self, day: date) -> list[SummaryRow]:
        from ledgerwatch.sessionize.summary import summarize

        return summarize(self.events_for_day(day), day, self.settings.zone())

    # --- drafts ---

    def draft_range(self, first: date, last: date) -> list[TimeEntry]:
        """Fresh drafts for local days first..last (not stored); one pass, so research topics carry across days."""
        from ledgerwatch.sessionize import build_range

        tz = self.settings.zone()
        since = first - timedelta(days=CONTEXT_DAYS)
        start, _ = day_bounds(since, tz)
        _, end = day_bounds(last, tz)
        # Calendar events and calls that began before midnight still shape the day; the days of the week
        # before first are read as context (a document bound to a matter on Monday is still its on Thursday).
        events = self.events.columns(start - timedelta(hours=12), end + timedelta(hours=12))
        matters = self.matters.all()
        policy = sessionize_policy(self.settings)
        model = self.learned_model()
        drafts = build_range(
            events, matters, first, last, tz, policy, self.attribution_memory(), model, since=since
        )
        return self.assist(drafts, matters, self._attendees(start, end))

    def _attendees(self, start: datetime, end: datetime) -> tuple[str, ...]:
        """Everyone invited to the range's calendar events: their names are redacted before the AI sees text."""
        if not self.assist_settings().endpoint_allowed:
            return ()
        found: dict[str, None] = {}
        for event in self.events.between(start, end, sources=[Source.CALENDAR]):
            if isinstance(event.payload, CalendarPayload):
                found.update(dict.fromkeys(event.payload.attendees))
        return tuple(found)

    # --- learning from the attorney's approvals and corrections (on this machine only) ---

    def attribution_memory(self) -> Memory:
        from ledgerwatch.sessionize import Memory

        return Memory(self.memory.counts())

    def learned_model(self, days_back: int = LEARN_DAYS) -> Model:
        """The local classifier: an imported base model plus what approvals since the last reset teach."""
        from ledgerwatch.sessionize.learning import Learner, Model

        today = self.clock().astimezone(self.settings.zone()).date()
        cutoff = self.kv.get(LEARN_RESET_KEY)
        since = datetime.fromisoformat(cutoff) if cutoff else None
        approved = [
            e
            for e in self.entries.between(today - timedelta(days=days_back), today)
            if e.status in (EntryStatus.APPROVED, EntryStatus.SYNCED)
            and (since is None or (e.approved_at is not None and e.approved_at > since))
        ]
        base = Model.from_json(self.kv.get(LEARN_MODEL_KEY) or None)
        return Learner(self.settings.zone()).train(approved, base)

    def reset_learning(self) -> None:
        """Forget what was learned: the memory, the imported model, and approvals before now."""
        self.memory.clear()
        self.kv.set(LEARN_MODEL_KEY, "")
        self.kv.set(LEARN_RESET_KEY, self.clock().isoformat())

    def export_learning(self) -> dict[str, object]:
        return {
            "format": "ledgerwatch-learning/1",
            "memory": self.memory.counts(),
            "model": json.loads(self.learned_model().to_json()),
        }

    def import_learning(self, document: dict[str, object]) -> tuple[int, int]:
        """Add an exported memory and model (from another machine); returns (memory keys, matters in model)."""
        from ledgerwatch.sessionize.learning import Model

        if document.get("format") != "ledgerwatch-learning/1":
            raise ValueError("not a ledgerwatch learning export (format ledgerwatch-learning/1)")
        memory = document.get("memory") or {}
        if not isinstance(memory, dict) or not all(
            isinstance(seen, dict) and all(isinstance(n, int) for n in seen.values())
            for seen in memory.values()
        ):
            raise ValueError("memory must be an object of key -> {matter: count}")
        model = Model.from_json(json.dumps(document.get("model") or {}))
        for key, seen in memory.items():
            for matter, count in seen.items():
                self.memory.learn([str(key)], str(matter), "import", count)
        self.kv.set(LEARN_MODEL_KEY, model.to_json())
        return len(memory), len(model.matters)

    def draft_day(self, day: date) -> list[TimeEntry]:
        return self.draft_range(day, day)

    def build_drafts(self, first: date, last: date) -> list[tuple[date, Rebuild]]:
        """Rebuild drafts for each day of the range; reviewed entries are never touched."""
        drafts = self.draft_range(first, last)
        return [
            (day, self.entries.replace_drafts(day, self.rounded(day, [d for d in drafts if d.date == day])))
            for day in days(first, last)
        ]

    def rounded(self, day: date, drafts: list[TimeEntry]) -> list[TimeEntry]:
        """Drafts billed by the firm's rounding rule, counting the day's reviewed entries (review rounds alike)."""
        default = self.settings.sessionize.rounding_policy()
        rules = {m.number: m.rounding for m in self.matters.all() if m.rounding is not None}
        if default.scope is RoundingScope.ENTRY and all(
            r.scope is RoundingScope.ENTRY for r in rules.values()
        ):
            return drafts  # sessionize rounded each draft on its own already
        reviewed = [e for e in self.entries.for_day(day) if e.status is not EntryStatus.DRAFT]
        live = [e for e in reviewed if e.status is not EntryStatus.DISCARDED]
        billed = billed_hours_for_day(
            [*live, *drafts], lambda m: rules.get(m or "", default), {e.id for e in live}
        )
        return [replace(d, billed_hours=billed[d.id]) if d.id in billed else d for d in drafts]

    def drafts_between(self, first: date, last: date) -> list[TimeEntry]:
        return self.entries.between(first, last)

    def export_drafts(self, first: date, last: date) -> dict[str, object]:
        """The drafts of a date range in the documented JSON shape (the one score.py reads)."""
        from ledgerwatch.sessionize import drafts_document

        return drafts_document(self.drafts_between(first, last), self.settings.zone(), self.matters.all())

    # --- sync ---

    def sync(self) -> SyncService:
        """The sync service, with every URL and credential the settings override."""
        from ledgerwatch.sync.service import SyncService
        from ledgerwatch.sync.settings import ProviderSettings, provider_settings

        sync = self.settings.sync
        overrides: dict[str, object] = {
            name: value
            for name, value in (
                ("api_base", sync.api_base_url.rstrip("/")),
                ("authorize_url", sync.authorize_url),
                ("token_url", sync.token_url),
                ("revoke_url", sync.revoke_url),
                ("client_id", sync.client_id),
                ("client_secret", sync.client_secret),
            )
            if value
        }
        overrides["redirect_port"] = sync.redirect_port
        overrides["timeout"] = sync.timeout_seconds
        overrides["proxy"] = self.settings.network.proxy
        overrides["system_trust_store"] = self.settings.network.system_trust_store

        def settings_for(provider: str, region: str) -> ProviderSettings:
            return provider_settings(provider, region, **overrides)

        from ledgerwatch import handoff

        folder = self.effective.paths.data_dir / "launch"
        return SyncService(
            self.db,
            settings_for,
            clock=self.clock,
            open_browser=lambda url: handoff.open_in_browser(url, folder),  # the OAuth state off command lines
        )

    def firm_sync(self) -> FirmSync:
        """The firm ledger as a target of its own (`connect firm`), beside any connected provider."""
        from ledgerwatch.sync.firm import FirmSync

        network = self.settings.network
        return FirmSync(
            self.db,
            clock=self.clock,
            timeout=self.settings.sync.timeout_seconds,
            proxy=network.proxy,
            system_trust_store=network.system_trust_store,
        )

    def sync_queue(self) -> tuple[str | None, QueueStatus]:
        """The connected provider and the outbox's queue, from the store alone (no HTTP client is loaded)."""
        from ledgerwatch.store import outbox, remote

        with self.db.connect() as conn:
            return remote.get_value(conn, "sync.provider") or None, outbox.queue_status(conn)

    # --- billing ---

    def billing(self, mailer: Mailer | None = None) -> BillingService:
        from ledgerwatch.billing import BillingService

        if mailer is None:
            mailer = smtp_mailer(self.settings)
        return BillingService(self.db, billing_settings(self.settings), self.clock, mailer)

    def pull_payments(self, full: bool = False) -> tuple[str, list[PaymentOutcome]]:
        """Payments from the connected provider into billing, each recorded once (source + external id)."""
        from ledgerwatch.billing.payments import PaymentRecord

        sync = self.sync()
        pull = sync.pull_payments(full=full)
        records = [
            PaymentRecord(
                client=p.client_name,
                amount=Money(p.amount, p.currency),
                received_on=p.received_on,
                source=pull.provider,
                external_id=p.id,
                invoice_number=p.bill_number,
                method=p.method or pull.provider,
                reference=p.reference,
            )
            for p in pull.payments
        ]
        outcomes = self.billing().accept_payments(records)
        if not any(o.problem for o in outcomes):
            sync.payments_recorded(pull)  # else the next pull asks for the refused ones again
        return pull.provider, outcomes

    # --- optional AI assist (off by default; consent and IT policy decide) ---

    def consent(self) -> assist.ConsentRegistry:
        from ledgerwatch import assist

        return assist.ConsentRegistry.from_json(self.kv.get(CONSENT_KEY))

    def save_consent(self, registry: assist.ConsentRegistry) -> None:
        self.kv.set(CONSENT_KEY, registry.to_json())

    def assist_settings(self) -> assist.AssistSettings:
        from ledgerwatch import assist

        ai = self.settings.ai
        return assist.AssistSettings(
            enabled=ai.enabled,
            base_url=ai.base_url,
            model=ai.model,
            allowed_endpoints=tuple(ai.allowed_endpoints),
            daily_budget_requests=ai.daily_budget_requests,
            timeout_seconds=ai.timeout_seconds,
            redact_names=tuple(ai.redact_names),
            redact_patterns=tuple(ai.redact_patterns),
            suggest_below=ai.suggest_below,
            rewrite_narratives=ai.rewrite_narratives,
            max_candidates=ai.max_candidates,
            accept_confidence=ai.accept_confidence,
            suggest_codes=ai.suggest_codes,
            build_budget_seconds=ai.build_budget_seconds,
        )

    def assist(
        self, drafts: list[TimeEntry], matters: list[Matter], attendees: Sequence[str] = ()
    ) -> list[TimeEntry]:
        """Drafts with AI suggestions where allowed; exactly the rules' drafts when AI is off or fails.

        What it did is kept (`assist_report`), and so is the circuit breaker's state between builds.
        """
        from ledgerwatch import assist
        from ledgerwatch.sync.http import client_options

        settings = self.assist_settings()
        if not settings.endpoint_allowed:
            return drafts
        breaker = assist.Breaker.from_json(self.kv.get(AI_BREAKER_KEY))
        network = self.settings.network
        connection = assist.route(
            settings.base_url,
            settings.timeout_seconds,
            remote=client_options(network.proxy, network.system_trust_store),
        )
        with connection.http as http:
            client = assist.ChatClient(
                settings,
                http,
                clock=self.clock,
                local=connection.local,
                breaker=breaker,
                time_budget=assist.TimeBudget(settings.build_budget_seconds),
            )
            people = assist.people_to_redact(settings.redact_names, matters, attendees)
            assistant = assist.Assistant(
                client, self.consent(), assist.Redactor(people, settings.redact_patterns), settings
            )
            drafts = assistant.run(drafts, matters)
        self.kv.set(AI_BREAKER_KEY, breaker.to_json())
        report = assistant.report()
        if not breaker.closed(self.clock()) and breaker.open_until is not None:
            report = dataclasses.replace(
                report,
                breaker=f"endpoint paused until {breaker.open_until:%H:%M} UTC after {breaker.last_failure}",
            )
        self.kv.set(AI_REPORT_KEY, report.to_json())
        return list(drafts)

    def assist_report(self) -> AssistReport | None:
        """What the assist did in the last build (None when it has not run)."""
        from ledgerwatch import assist

        return assist.Report.from_json(self.kv.get(AI_REPORT_KEY))


def smtp_mailer(settings: config.Settings) -> SmtpMailer:
    """The SMTP mailer of the billing settings (the password from the OS keyring)."""
    from ledgerwatch.billing.mail import SmtpMailer

    b = settings.billing
    password = secret("smtp:" + b.smtp_host, b.smtp_username) if b.smtp_username else None
    return SmtpMailer(
        b.smtp_host, b.smtp_port, username=b.smtp_username or None, password=password, starttls=b.smtp_starttls
    )


def billing_settings(settings: config.Settings) -> BillingSettings:
    """Billing's settings from the user's (the letterhead, numbers, rates, the solo attorney, reminders)."""
    from ledgerwatch.billing import BillingSettings
    from ledgerwatch.billing.pdf import Letterhead
    from ledgerwatch.billing.reminders import parse_ladder
    from ledgerwatch.domain.billing import Classification, Timekeeper

    b = settings.billing
    attorney = None
    if b.default_timekeeper:
        attorney = Timekeeper(
            id=b.default_timekeeper,
            name=b.timekeeper_name or b.firm_name,
            initials=b.timekeeper_initials,
            classification=Classification(b.timekeeper_classification),
            default_rate=Money(b.timekeeper_rate, b.currency) if b.timekeeper_rate is not None else None,
        )
    return BillingSettings(
        letterhead=Letterhead(b.firm_name, tuple(b.firm_address), b.firm_contact),
        law_firm_id=b.law_firm_id,
        invoice_prefix=b.invoice_prefix,
        default_timekeeper=b.default_timekeeper or None,
        attorney=attorney,
        firm_rate=Money(b.firm_rate, b.currency) if b.firm_rate is not None else None,
        payment_link_template=b.payment_link_template or None,
        payment_account=b.payment_account,
        sender=b.sender,
        timezone=str(settings.zone()),
        ladder=parse_ladder(b.reminder_ladder),
        letter_signer=b.letter_signer,
        apply_credit=b.apply_credit,
        reminders_attach_invoice=b.reminders_attach_invoice,
    )


def open_services(
    effective: config.Effective | None = None, clock: Clock = utcnow, *, create: bool = True
) -> Services:
    """Open the configured store (creating the local folders when create) and build the services.

    The config and data folders are made private first: anything in them another user could read is
    narrowed to this user, with a warning that names it.
    """
    effective = effective or config.load()
    for note in permissions.repair((effective.paths.config_dir, effective.paths.data_dir)):
        log.warning("%s", note)
    if create and not effective.settings.database_url:
        permissions.private_dir(effective.paths.data_dir)
    return Services(effective, open_database(effective.database_target), clock)
