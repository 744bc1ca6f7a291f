"""The SQLAlchemy 2 schema: one MetaData, Core tables, compact columns.

Times are integer epoch milliseconds (UTC) to keep the event log small; money and hours are Numeric.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

clients = Table(
    "clients",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(300), nullable=False, unique=True),
    Column("aliases", Text, nullable=False, default="[]"),
    Column("email_domains", Text, nullable=False, default="[]"),
    Column("do_not_contact", Boolean, nullable=False, default=False),
)

matters = Table(
    "matters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(100), nullable=False, unique=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("keywords", Text, nullable=False, default="[]"),
    Column("status", String(20), nullable=False, default="open"),
    Column("billing_method", String(20), nullable=False, default="hourly"),
    Column("rate", Numeric(12, 2), nullable=True),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("practice_area", String(100), nullable=False, default=""),
    Column("rounding", String(40), nullable=True),
    Column("updated_ms", BigInteger, nullable=False, default=0),
    Column("details", Text, nullable=False, default="{}"),
    # aliases, identifiers, contacts, responsible attorney: attribution metadata, as one JSON object
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source", String(10), nullable=False),
    Column("start_ms", BigInteger, nullable=False),
    Column("end_ms", BigInteger, nullable=False),
    Column("key", BigInteger, nullable=False),
    Column("origin", String(200), nullable=False, default=""),
    Column("data", Text, nullable=False),
    UniqueConstraint("start_ms", "key", name="uq_events_natural"),
)
Index("ix_events_end", events.c.end_ms)

entries = Table(
    "entries",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("day", Date, nullable=False, index=True),
    Column("matter", String(100), nullable=True, index=True),
    Column("kind", String(20), nullable=False),
    Column("worked_seconds", Integer, nullable=False),
    Column("billed_hours", Numeric(10, 2), nullable=False),
    Column("activity_code", String(10), nullable=True),
    Column("task_code", String(10), nullable=True),
    Column("description", Text, nullable=False, default=""),
    Column("confidence", Numeric(5, 3), nullable=False, default=0),
    Column("reasons", Text, nullable=False, default="[]"),
    Column("problems", Text, nullable=False, default="[]"),
    Column("status", String(20), nullable=False, index=True),
    Column("version", Integer, nullable=False, default=1),
    Column("approved_ms", BigInteger, nullable=True),
    Column("locked", Boolean, nullable=False, default=False),
    Column("ai_suggested", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Column("candidates", Text, nullable=False, default="[]"),
    Column("rule_description", Text, nullable=False, default=""),
)

entry_spans = Table(
    "entry_spans",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", String(40), ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("start_ms", BigInteger, nullable=False),
    Column("end_ms", BigInteger, nullable=False),
)

entry_evidence = Table(
    "entry_evidence",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", String(40), ForeignKey("entries.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("kind", String(30), nullable=False),
    Column("label", Text, nullable=False),
    Column("seconds", Integer, nullable=False, default=0),
    Column("matter", String(100), nullable=True),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", String(40), nullable=False, index=True),
    Column("version", Integer, nullable=False),
    Column("action", String(30), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("at_ms", BigInteger, nullable=False),
    Column("snapshot", Text, nullable=False),
)

outbox = Table(
    "outbox",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("entry_id", String(40), nullable=False, index=True),
    Column("entry_version", Integer, nullable=False),
    Column("provider", String(30), nullable=False),
    Column("op", String(10), nullable=False),
    Column("reference", String(40), nullable=False),
    Column("payload", Text, nullable=False),
    Column("state", String(20), nullable=False, default="pending", index=True),
    Column("attempts", Integer, nullable=False, default=0),
    Column("last_error", Text, nullable=True),
    Column("remote_id", String(100), nullable=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("updated_ms", BigInteger, nullable=False),
    Column("not_before_ms", BigInteger, nullable=False, default=0),
)

# --- revision 2 ---

entry_remote = Table(
    "entry_remote",
    metadata,
    Column("entry_id", String(40), ForeignKey("entries.id"), primary_key=True),
    Column("provider", String(30), primary_key=True),
    Column("remote_id", String(100), nullable=False),
    Column("etag", String(200), nullable=True),
    Column("synced_version", Integer, nullable=False, default=1),
    Column("locked", Boolean, nullable=False, default=False),
)

matter_remote = Table(
    "matter_remote",
    metadata,
    Column("matter_id", Integer, ForeignKey("matters.id", ondelete="CASCADE"), primary_key=True),
    Column("provider", String(30), primary_key=True),
    Column("remote_id", String(100), nullable=False),
    UniqueConstraint("provider", "remote_id", name="uq_matter_remote"),
)

memory = Table(
    "memory",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("matter", String(100), primary_key=True),
    Column("weight", Integer, nullable=False, default=1),
    Column("source", Text, nullable=False, default=""),
    Column("updated_ms", BigInteger, nullable=False, default=0),
)

kv = Table(
    "kv",
    metadata,
    Column("key", String(200), primary_key=True),
    Column("value", Text, nullable=False),
)

# --- revision 3 (sync) ---

outbox.append_column(Column("in_doubt", Boolean, nullable=False, default=False, server_default="0"))
"""True from the moment a request is about to leave until a definite answer: a retry must look first."""

# --- revision 4 (billing) ---
# Money is Numeric(14, 2), hours Numeric(10, 2), rates Numeric(12, 2); calendar days are Date, moments epoch ms.

bill_timekeepers = Table(
    "bill_timekeepers",
    metadata,
    Column("id", String(20), primary_key=True),
    Column("name", String(200), nullable=False),
    # 'Surname, First' as LEDES wants it
    Column("initials", String(10), nullable=False, default=""),
    Column("classification", String(2), nullable=False, default="OT"),
    Column("code_2014", String(6), nullable=True),
    Column("default_rate", Numeric(12, 2), nullable=True),
    Column("email", String(200), nullable=True),
)

bill_entry_timekeeper = Table(
    "bill_entry_timekeeper",
    metadata,
    Column("entry_id", String(40), ForeignKey("entries.id", ondelete="CASCADE"), primary_key=True),
    Column("timekeeper_id", String(20), ForeignKey("bill_timekeepers.id"), nullable=False),
)

bill_rates = Table(
    "bill_rates",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("scope", String(12), nullable=False),
    Column("key", String(100), nullable=False, default=""),
    Column("timekeeper_id", String(20), nullable=True),
    Column("rate", Numeric(12, 2), nullable=False),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("effective_from", Date, nullable=False),
)

bill_terms = Table(
    "bill_terms",
    metadata,
    Column("matter", String(100), primary_key=True),
    Column("arrangement", String(20), nullable=False, default="hourly"),
    Column("flat_amount", Numeric(14, 2), nullable=True),
    Column("task_fees", Text, nullable=False, default="{}"),
    Column("cap_amount", Numeric(14, 2), nullable=True),
    Column("retainer_minimum", Numeric(14, 2), nullable=True),
    Column("retainer_target", Numeric(14, 2), nullable=True),
    Column("responsible", String(20), nullable=True),
    Column("client_matter_id", String(40), nullable=False, default=""),
)

bill_client_settings = Table(
    "bill_client_settings",
    metadata,
    Column("client_id", Integer, ForeignKey("clients.id", ondelete="CASCADE"), primary_key=True),
    Column("email", String(300), nullable=False, default=""),
    Column("address", Text, nullable=False, default=""),
    Column("cycle", String(12), nullable=False, default="monthly"),
    Column("terms_days", Integer, nullable=False, default=30),
    Column("ledes_client_id", String(40), nullable=False, default=""),
    Column("timekeeper_codes", String(6), nullable=False, default="1998B"),
    Column("rules", Text, nullable=False, default="{}"),
    Column("last_cycle_on", Date, nullable=True),
)

bill_expenses = Table(
    "bill_expenses",
    metadata,
    Column("id", String(40), primary_key=True),
    Column("matter", String(100), nullable=False, index=True),
    Column("day", Date, nullable=False),
    Column("quantity", Numeric(10, 2), nullable=False, default=1),
    Column("unit_cost", Numeric(14, 2), nullable=False),
    Column("code", String(10), nullable=False, default=""),
    Column("description", Text, nullable=False, default=""),
    Column("timekeeper_id", String(20), nullable=True),
)

bill_counters = Table(
    "bill_counters",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", BigInteger, nullable=False, default=0),
)

bill_invoices = Table(
    "bill_invoices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("number", String(20), nullable=True, unique=True),
    Column("state", String(10), nullable=False, index=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False, index=True),
    Column("matter", String(100), nullable=False, index=True),
    Column("responsible", String(20), nullable=True),
    Column("arrangement", String(20), nullable=False),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("period_start", Date, nullable=False),
    Column("period_end", Date, nullable=False),
    Column("issue_date", Date, nullable=True),
    Column("due_date", Date, nullable=True),
    Column("fees", Numeric(14, 2), nullable=False, default=0),
    Column("expenses", Numeric(14, 2), nullable=False, default=0),
    Column("adjustments", Numeric(14, 2), nullable=False, default=0),
    Column("total", Numeric(14, 2), nullable=False, default=0),
    Column("worked_value", Numeric(14, 2), nullable=False, default=0),
    Column("replenish", Numeric(14, 2), nullable=False, default=0),
    Column("disputed", Boolean, nullable=False, default=False),
    Column("note", Text, nullable=False, default=""),
    Column("created_ms", BigInteger, nullable=False),
    Column("updated_ms", BigInteger, nullable=False),
    Column("sent_ms", BigInteger, nullable=True),
)

bill_invoice_lines = Table(
    "bill_invoice_lines",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "invoice_id", Integer, ForeignKey("bill_invoices.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("seq", Integer, nullable=False),
    Column("kind", String(2), nullable=False),
    Column("entry_id", String(40), nullable=True),
    Column("expense_id", String(40), nullable=True),
    Column("day", Date, nullable=False),
    Column("timekeeper_id", String(20), nullable=True),
    Column("units", Numeric(10, 2), nullable=True),
    Column("unit_cost", Numeric(14, 2), nullable=True),
    Column("adjustment", Numeric(14, 2), nullable=False, default=0),
    Column("total", Numeric(14, 2), nullable=False),
    Column("worked_value", Numeric(14, 2), nullable=False, default=0),
    Column("task_code", String(10), nullable=True),
    Column("activity_code", String(10), nullable=True),
    Column("expense_code", String(10), nullable=True),
    Column("narrative", Text, nullable=False, default=""),
    Column("reason", String(40), nullable=False, default=""),
    Column("note", Text, nullable=False, default=""),
)

bill_claims = Table(
    "bill_claims",
    metadata,
    Column("item", String(50), primary_key=True),
    # 'entry:<id>' or 'expense:<id>' — one live invoice per item, enforced by the key
    Column(
        "invoice_id", Integer, ForeignKey("bill_invoices.id", ondelete="CASCADE"), nullable=False, index=True
    ),
)

bill_adjustments = Table(
    "bill_adjustments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "invoice_id", Integer, ForeignKey("bill_invoices.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("item", String(50), nullable=True),
    Column("target", String(1), nullable=False, default="F"),
    Column("kind", String(20), nullable=False),
    Column("value", Numeric(14, 4), nullable=False),
    Column("reason", String(40), nullable=False, default=""),
    Column("memo", Text, nullable=False, default=""),
)

bill_payments = Table(
    "bill_payments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False, index=True),
    Column("received_on", Date, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    Column("currency", String(3), nullable=False, default="USD"),
    Column("method", String(20), nullable=False, default="manual"),
    Column("reference", String(200), nullable=False, default=""),
    Column("source", String(30), nullable=False, default="manual"),
    Column("external_id", String(100), nullable=True),
    Column("recorded_ms", BigInteger, nullable=False),
    UniqueConstraint("source", "external_id", name="uq_bill_payments_external"),
)

bill_allocations = Table(
    "bill_allocations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "payment_id", Integer, ForeignKey("bill_payments.id", ondelete="CASCADE"), nullable=False, index=True
    ),
    Column("invoice_id", Integer, ForeignKey("bill_invoices.id"), nullable=False, index=True),
    Column("amount", Numeric(14, 2), nullable=False),
)

bill_credits = Table(
    "bill_credits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("invoice_id", Integer, ForeignKey("bill_invoices.id"), nullable=False, index=True),
    Column("kind", String(12), nullable=False),
    # credit_note | write_off | trust
    Column("amount", Numeric(14, 2), nullable=False),
    Column("reason", String(40), nullable=False, default=""),
    Column("memo", Text, nullable=False, default=""),
    Column("day", Date, nullable=False),
    Column("created_ms", BigInteger, nullable=False),
)

bill_trust = Table(
    "bill_trust",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False, index=True),
    Column("day", Date, nullable=False),
    Column("amount", Numeric(14, 2), nullable=False),
    # signed: deposits positive, amounts applied to invoices negative
    Column("memo", Text, nullable=False, default=""),
    Column("invoice_id", Integer, ForeignKey("bill_invoices.id"), nullable=True),
    Column("created_ms", BigInteger, nullable=False),
    Column("matter_id", Integer, ForeignKey("matters.id"), nullable=True),
    # the client-matter whose funds these are; None: the client's general retainer
)

bill_reminders = Table(
    "bill_reminders",
    metadata,
    Column("invoice_id", Integer, ForeignKey("bill_invoices.id"), primary_key=True),
    Column("rung", String(20), primary_key=True),
    Column("state", String(10), nullable=False),
    # sending | sent | unknown | skipped
    Column("at_ms", BigInteger, nullable=False),
    Column("detail", Text, nullable=False, default=""),
)

bill_letters = Table(
    "bill_letters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False, index=True),
    Column("invoices", Text, nullable=False),
    Column("state", String(10), nullable=False),
    # draft | approved | sent
    Column("created_ms", BigInteger, nullable=False),
    Column("approved_by", String(100), nullable=True),
    Column("approved_ms", BigInteger, nullable=True),
    Column("sent_ms", BigInteger, nullable=True),
)

bill_referrals = Table(
    "bill_referrals",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("client_id", Integer, ForeignKey("clients.id"), nullable=False, index=True),
    Column("invoices", Text, nullable=False),
    Column("approved_by", String(100), nullable=False),
    Column("approved_ms", BigInteger, nullable=False),
    Column("exported_ms", BigInteger, nullable=True),
)

# --- revision 7 (firm billing) ---

bill_client_settings.append_column(
    Column("salutation", String(200), nullable=False, default="", server_default="")
)
"""how letters and reminders greet the client ('Ms. Smith')"""
bill_invoices.append_column(Column("approved_by", String(100), nullable=True))
bill_invoices.append_column(Column("approved_ms", BigInteger, nullable=True))
"""pre-bill approval: who approved it for finalising, and when"""

# --- revision 8 (sync claims) ---

outbox.append_column(Column("claimed_by", String(120), nullable=True))
"""the drain working on this row now (host:pid:token), or None; see store.outbox.claim_next"""
outbox.append_column(Column("lease_until_ms", BigInteger, nullable=False, default=0, server_default="0"))
"""until when that claim holds: a drain that was killed gives the row up when its lease runs out"""
outbox.append_column(Column("first_sent_ms", BigInteger, nullable=True))
"""when a request for this row first left (a look-up after an unanswered one asks for nothing older)"""
