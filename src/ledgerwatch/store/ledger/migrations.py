"""The ledger's schema revisions, recorded in `ledger_schema` (apart from the agent store's own)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Column, Connection, Integer, MetaData, Table, inspect, select, text

from ledgerwatch.store import schema as store_schema
from ledgerwatch.store.ledger import schema
from ledgerwatch.store.migrations import add_trust_matter

_version_meta = MetaData()
ledger_version = Table("ledger_schema", _version_meta, Column("revision", Integer, nullable=False))

BILLING_TABLES = (
    store_schema.clients,
    store_schema.matters,
    store_schema.entries,
    store_schema.matter_remote,
    store_schema.kv,
    store_schema.bill_timekeepers,
    store_schema.bill_entry_timekeeper,
    store_schema.bill_rates,
    store_schema.bill_terms,
    store_schema.bill_client_settings,
    store_schema.bill_expenses,
    store_schema.bill_counters,
    store_schema.bill_invoices,
    store_schema.bill_invoice_lines,
    store_schema.bill_claims,
    store_schema.bill_adjustments,
    store_schema.bill_payments,
    store_schema.bill_allocations,
    store_schema.bill_credits,
    store_schema.bill_trust,
    store_schema.bill_reminders,
    store_schema.bill_letters,
    store_schema.bill_referrals,
)
"""the agent store's tables the ledger shares, so billing's code runs on it unchanged"""
RAW_TABLES = ("events", "entry_spans", "entry_evidence", "memory", "outbox", "audit_log", "entry_remote")
"""what only an attorney's own machine holds: the ledger never creates these"""


def rev1_ledger(conn: Connection) -> None:
    """Billing's tables, and the ledger's people, devices, sessions, intake and audit log."""
    store_schema.metadata.create_all(conn, tables=list(BILLING_TABLES), checkfirst=True)
    schema.metadata.create_all(conn, checkfirst=True)
    if conn.dialect.name == "postgresql":
        # The audit log is append-only at the database itself.
        conn.execute(
            text(
                "CREATE OR REPLACE FUNCTION ledger_audit_append_only() RETURNS trigger AS $$ "
                "BEGIN RAISE EXCEPTION 'ledger_audit is append-only'; END; $$ LANGUAGE plpgsql"
            )
        )
        conn.execute(text("DROP TRIGGER IF EXISTS ledger_audit_no_change ON ledger_audit"))
        conn.execute(
            text(
                "CREATE TRIGGER ledger_audit_no_change BEFORE UPDATE OR DELETE ON ledger_audit "
                "FOR EACH ROW EXECUTE FUNCTION ledger_audit_append_only()"
            )
        )
    elif conn.dialect.name == "sqlite":
        for op in ("UPDATE", "DELETE"):
            conn.execute(
                text(
                    f"CREATE TRIGGER IF NOT EXISTS ledger_audit_no_{op.lower()} BEFORE {op} ON ledger_audit "
                    "BEGIN SELECT RAISE(ABORT, 'ledger_audit is append-only'); END"
                )
            )


def rev2_trust_matter(conn: Connection) -> None:
    """bill_trust.matter_id: a trust ledger per client-matter (as the agent store's revision 9)."""
    add_trust_matter(conn)


REVISIONS: tuple[Callable[[Connection], None], ...] = (rev1_ledger, rev2_trust_matter)
HEAD = len(REVISIONS)


def current_revision(conn: Connection) -> int:
    if not inspect(conn).has_table("ledger_schema"):
        return 0
    return int(conn.execute(select(ledger_version.c.revision)).scalar() or 0)


def upgrade(conn: Connection) -> int:
    """Apply the ledger revisions the database lacks; its new revision."""
    _version_meta.create_all(conn, checkfirst=True)
    have = current_revision(conn)
    if have > HEAD:
        raise RuntimeError(
            f"ledger schema revision {have} is newer than this ledgerwatch ({HEAD}); upgrade it"
        )
    for number in range(have + 1, HEAD + 1):
        REVISIONS[number - 1](conn)
        if conn.execute(select(ledger_version.c.revision)).first() is None:
            conn.execute(ledger_version.insert().values(revision=number))
        else:
            conn.execute(ledger_version.update().values(revision=number))
    return HEAD
