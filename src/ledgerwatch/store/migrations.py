"""Versioned schema migrations: each revision is a function over a connection, applied once, in order.

The applied revision lives in `ledgerwatch_schema`; a database made by one version opens under the next.
Revisions must be idempotent on fresh databases (create tables with checkfirst, add columns only if missing),
because later revisions see tables that the current schema module already defines in full.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, Integer, MetaData, Table, inspect, select, text

from ledgerwatch.store import schema

_version_meta = MetaData()
schema_version = Table("ledgerwatch_schema", _version_meta, Column("revision", Integer, nullable=False))


def _create(conn: Connection, *tables: Table) -> None:
    schema.metadata.create_all(conn, tables=list(tables), checkfirst=True)


def rev1_initial(conn: Connection) -> None:
    """clients, matters, events, entries with spans and evidence, the audit log, the outbox."""
    _create(
        conn,
        schema.clients,
        schema.matters,
        schema.events,
        schema.entries,
        schema.entry_spans,
        schema.entry_evidence,
        schema.audit_log,
        schema.outbox,
    )
    if conn.dialect.name == "sqlite":
        # The audit log is append-only: refuse updates and deletes at the database itself.
        conn.execute(
            text(
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_update BEFORE UPDATE ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
        )
        conn.execute(
            text(
                "CREATE TRIGGER IF NOT EXISTS audit_log_no_delete BEFORE DELETE ON audit_log "
                "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            )
        )


def rev2_links_and_memory(conn: Connection) -> None:
    """Provider links for entries and matters, attribution memory, and a small key-value table."""
    _create(conn, schema.entry_remote, schema.matter_remote, schema.memory, schema.kv)


def rev3_sync(conn: Connection) -> None:
    """outbox.in_doubt: a request may have reached the provider without an answer (exactly-once sync)."""
    have = {c["name"] for c in inspect(conn).get_columns("outbox")}
    if "in_doubt" not in have:
        conn.execute(text("ALTER TABLE outbox ADD COLUMN in_doubt BOOLEAN NOT NULL DEFAULT FALSE"))


def rev4_billing(conn: Connection) -> None:
    """Billing: timekeepers, rates, fee terms, invoices and lines, payments, credits, trust, reminders, letters."""
    _create(
        conn,
        schema.bill_timekeepers,
        schema.bill_entry_timekeeper,
        schema.bill_rates,
        schema.bill_terms,
        schema.bill_client_settings,
        schema.bill_expenses,
        schema.bill_counters,
        schema.bill_invoices,
        schema.bill_invoice_lines,
        schema.bill_claims,
        schema.bill_adjustments,
        schema.bill_payments,
        schema.bill_allocations,
        schema.bill_credits,
        schema.bill_trust,
        schema.bill_reminders,
        schema.bill_letters,
        schema.bill_referrals,
    )


def rev5_matter_details(conn: Connection) -> None:
    """matters.details: aliases, identifiers, contacts and the responsible attorney (JSON); entries.candidates:
    the matters an ambiguous draft asks between."""
    have = {c["name"] for c in inspect(conn).get_columns("matters")}
    if "details" not in have:
        conn.execute(text("ALTER TABLE matters ADD COLUMN details TEXT NOT NULL DEFAULT '{}'"))
    have = {c["name"] for c in inspect(conn).get_columns("entries")}
    if "candidates" not in have:
        conn.execute(text("ALTER TABLE entries ADD COLUMN candidates TEXT NOT NULL DEFAULT '[]'"))


def rev6_rule_narrative(conn: Connection) -> None:
    """entries.rule_description: the rules' narrative kept beside one the AI assist wrote, so review can
    switch back."""
    have = {c["name"] for c in inspect(conn).get_columns("entries")}
    if "rule_description" not in have:
        conn.execute(text("ALTER TABLE entries ADD COLUMN rule_description TEXT NOT NULL DEFAULT ''"))


def rev7_firm_billing(conn: Connection) -> None:
    """A client's salutation for letters and reminders; who approved a pre-bill, and when."""
    have = {c["name"] for c in inspect(conn).get_columns("bill_client_settings")}
    if "salutation" not in have:
        conn.execute(
            text("ALTER TABLE bill_client_settings ADD COLUMN salutation VARCHAR(200) NOT NULL DEFAULT ''")
        )
    have = {c["name"] for c in inspect(conn).get_columns("bill_invoices")}
    if "approved_by" not in have:
        conn.execute(text("ALTER TABLE bill_invoices ADD COLUMN approved_by VARCHAR(100)"))
    if "approved_ms" not in have:
        conn.execute(text("ALTER TABLE bill_invoices ADD COLUMN approved_ms BIGINT"))


def rev8_outbox_claims(conn: Connection) -> None:
    """outbox.claimed_by and lease_until_ms: each row is claimed by one drain at a time, for a lease;
    first_sent_ms: when its first request left."""
    have = {c["name"] for c in inspect(conn).get_columns("outbox")}
    if "claimed_by" not in have:
        conn.execute(text("ALTER TABLE outbox ADD COLUMN claimed_by VARCHAR(120)"))
    if "lease_until_ms" not in have:
        conn.execute(text("ALTER TABLE outbox ADD COLUMN lease_until_ms BIGINT NOT NULL DEFAULT 0"))
    if "first_sent_ms" not in have:
        conn.execute(text("ALTER TABLE outbox ADD COLUMN first_sent_ms BIGINT"))


def add_trust_matter(conn: Connection) -> None:
    """bill_trust.matter_id: trust is held per client-matter (None: the client's general retainer). Shared
    with the firm ledger's migrations, which reuse this table."""
    have = {c["name"] for c in inspect(conn).get_columns("bill_trust")}
    if "matter_id" not in have:
        conn.execute(text("ALTER TABLE bill_trust ADD COLUMN matter_id INTEGER REFERENCES matters (id)"))


def rev9_trust_matter(conn: Connection) -> None:
    """bill_trust.matter_id: a trust ledger per client-matter."""
    add_trust_matter(conn)


REVISIONS: tuple[Callable[[Connection], None], ...] = (
    rev1_initial,
    rev2_links_and_memory,
    rev3_sync,
    rev4_billing,
    rev5_matter_details,
    rev6_rule_narrative,
    rev7_firm_billing,
    rev8_outbox_claims,
    rev9_trust_matter,
)
HEAD = len(REVISIONS)


def current_revision(conn: Connection) -> int:
    if not inspect(conn).has_table("ledgerwatch_schema"):
        return 0
    value = conn.execute(select(schema_version.c.revision)).scalar()
    return int(value or 0)


def upgrade(conn: Connection, target: int = HEAD) -> int:
    """Apply the revisions after the database's own up to target; returns the new revision."""
    _version_meta.create_all(conn, checkfirst=True)
    have = current_revision(conn)
    if have > HEAD:
        raise RuntimeError(
            f"database schema revision {have} is newer than this ledgerwatch ({HEAD}); upgrade ledgerwatch"
        )
    for number in range(have + 1, target + 1):
        REVISIONS[number - 1](conn)
        if conn.execute(select(schema_version.c.revision)).first() is None:
            conn.execute(schema_version.insert().values(revision=number))
        else:
            conn.execute(schema_version.update().values(revision=number))
    return max(have, target)
