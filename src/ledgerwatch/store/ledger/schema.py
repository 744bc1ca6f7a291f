"""The firm ledger's own tables: people, their devices and sessions, what each device sent, the audit log.

The ledger keeps billing's tables (clients, matters, approved entries, bill_*) from the store's schema and adds
these; it never has the agent's raw-activity tables (events, spans, evidence, memory, outbox).
"""

from __future__ import annotations

from sqlalchemy import BigInteger, Boolean, Column, Index, Integer, MetaData, String, Table, Text

metadata = MetaData()

ledger_users = Table(
    "ledger_users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("login", String(100), nullable=False, unique=True),
    Column("name", String(200), nullable=False),
    Column("role", String(12), nullable=False),
    # attorney | billing | admin
    Column("timekeeper_id", String(20), nullable=True),
    Column("password_hash", String(200), nullable=True),
    # argon2id; None: no password sign-in (OpenID Connect only, or not yet set)
    Column("active", Boolean, nullable=False, default=True),
    Column("created_ms", BigInteger, nullable=False),
)

ledger_devices = Table(
    "ledger_devices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, nullable=False, index=True),
    Column("name", String(200), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    # sha256 of the device token: the token itself is shown once and never stored
    Column("created_ms", BigInteger, nullable=False),
    Column("revoked_ms", BigInteger, nullable=True),
    Column("last_seen_ms", BigInteger, nullable=True),
)

ledger_sessions = Table(
    "ledger_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("user_id", Integer, nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("expires_ms", BigInteger, nullable=False),
)

ledger_intake = Table(
    "ledger_intake",
    metadata,
    Column("entry_id", String(40), primary_key=True),
    Column("timekeeper_id", String(20), nullable=False),
    Column("device_id", Integer, nullable=False),
    Column("reference", String(40), nullable=False),
    Column("received_ms", BigInteger, nullable=False),
    Column("updated_ms", BigInteger, nullable=False),
)
Index("ix_ledger_intake_reference", ledger_intake.c.timekeeper_id, ledger_intake.c.reference)

ledger_audit = Table(
    "ledger_audit",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("at_ms", BigInteger, nullable=False, index=True),
    Column("actor", String(100), nullable=False),
    Column("action", String(40), nullable=False),
    Column("subject", String(100), nullable=False, default=""),
    Column("before", Text, nullable=False, default="{}"),
    Column("after", Text, nullable=False, default="{}"),
)
