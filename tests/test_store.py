"""The local store: migrations, idempotent event writes, entries with audit and outbox, integrity, backups."""

from __future__ import annotations

import dataclasses
import sqlite3
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from ledgerwatch.domain import (
    AfkPayload,
    CalendarPayload,
    Client,
    EntryStatus,
    Event,
    IllegalTransition,
    Matter,
    Source,
    Span,
    TimeEntry,
    WindowPayload,
)
from ledgerwatch.store import EventLog, StoreError, migrations, open_database, schema
from ledgerwatch.store.entries import EntryRepository
from ledgerwatch.store.matters import MatterRepository
from tests.billing_support import trust_table_of_old

T0 = datetime(2026, 2, 2, 9, tzinfo=UTC)


def clock() -> datetime:
    return T0 + timedelta(hours=9)


def window(start: datetime, seconds: int, title: str = "Brief.docx - Word") -> Event:
    return Event(
        Source.WINDOW, start, start + timedelta(seconds=seconds), WindowPayload("WINWORD.EXE", title), "host"
    )


def draft(entry_id: str, start: datetime, minutes: int, matter: str | None = "1001-Smith") -> TimeEntry:
    return TimeEntry(
        id=entry_id,
        date=start.date(),
        spans=(Span(start, start + timedelta(minutes=minutes)),),
        worked_seconds=minutes * 60,
        billed_hours=Decimal(minutes // 6 + (1 if minutes % 6 else 0)) / 10,
        matter=matter,
        description="Draft motion to compel",
    )


def test_sqlite_store_uses_wal_foreign_keys_and_busy_timeout(tmp_path: Path) -> None:
    """The local store runs in WAL mode with foreign keys on and a busy timeout."""
    db = open_database(tmp_path / "lw.db")
    with db.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 10000
    assert db.revision() == migrations.HEAD


def test_database_from_previous_revision_migrates_without_loss(tmp_path: Path) -> None:
    """A database made at revision 1 opens under HEAD with all its rows."""
    path = tmp_path / "old.db"
    db = open_database(path, migrate=False)
    with db.begin() as conn:
        migrations.upgrade(conn, target=1)
    EventLog(db).add_many([window(T0, 60), window(T0 + timedelta(minutes=1), 30, "Other")])
    EntryRepository(db, clock).add(draft("e1", T0, 7), "test")
    db.dispose()
    assert sqlite3.connect(path).execute("select revision from ledgerwatch_schema").fetchone() == (1,)

    reopened = open_database(path)
    assert reopened.revision() == migrations.HEAD
    assert EventLog(reopened).count() == 2
    assert EntryRepository(reopened, clock).get("e1").worked_seconds == 420
    with reopened.connect() as conn:
        assert conn.execute(select(schema.memory)).all() == []  # a revision-2 table now exists


def test_trust_of_the_previous_version_gains_a_matter_and_keeps_its_deposits(tmp_path: Path) -> None:
    """A store whose bill_trust has no matter_id (revision 8) opens under HEAD with the column; what it held
    is each client's general retainer."""
    path = tmp_path / "old.db"
    db = open_database(path, migrate=False)
    with db.begin() as conn:
        migrations.upgrade(conn, target=8)
        trust_table_of_old(conn)
    db.dispose()

    reopened = open_database(path)
    assert reopened.revision() == migrations.HEAD
    with reopened.begin() as conn:
        assert "matter_id" in {c["name"] for c in inspect(conn).get_columns("bill_trust")}
        assert conn.execute(select(schema.bill_trust.c.matter_id, schema.bill_trust.c.amount)).all() == [
            (None, Decimal("500.00"))
        ]
        migrations.add_trust_matter(conn)  # idempotent: run again, nothing changes
    reopened.dispose()


def test_newer_database_is_refused_clearly(tmp_path: Path) -> None:
    """A database written by a newer ledgerwatch is not opened (and not damaged)."""
    db = open_database(tmp_path / "lw.db")
    with db.begin() as conn:
        conn.execute(text("UPDATE ledgerwatch_schema SET revision = 999"))
    db.dispose()
    with pytest.raises(StoreError, match="newer"):
        open_database(tmp_path / "lw.db")


def test_writing_the_same_events_twice_adds_nothing(tmp_path: Path) -> None:
    """Events are idempotent by source, origin, payload and start; a longer copy extends the stored one."""
    log = EventLog(open_database(tmp_path / "lw.db"))
    batch = [window(T0 + timedelta(seconds=10 * i), 10, f"Doc {i % 3}") for i in range(100)]
    assert log.add_many(batch) == 100
    assert log.add_many(batch) == 0
    assert log.add_many([window(T0, 55, "Doc 0")]) == 0
    first = log.between(T0, T0 + timedelta(seconds=1))[0]
    assert first.end == T0 + timedelta(seconds=55)


def test_an_updated_calendar_export_replaces_the_events_it_changed(tmp_path: Path) -> None:
    """Importing a calendar again after an event was renamed, declined or moved, or a series lost an instance,
    keeps the export's version only: never the old copy beside the new one. Another calendar's event with the
    same UID, events outside the export's span and events without a UID are left alone."""
    log = EventLog(open_database(tmp_path / "lw.db"))

    def meeting(hour: int, summary: str, uid: str, origin: str = "ics", **extra: object) -> Event:
        start = T0 + timedelta(hours=hour)
        payload = CalendarPayload(summary, uid=uid, **extra)  # type: ignore[arg-type]
        return Event(Source.CALENDAR, start, start + timedelta(hours=1), payload, origin)

    first = [
        meeting(0, "Smith - status", "a"),
        meeting(2, "Acme weekly", "w"),
        meeting(26, "Acme weekly", "w"),
        meeting(4, "Lunch", ""),
        meeting(5, "Board prep", "b"),
    ]
    other = meeting(0, "Smith - status", "a", origin="ics:Team")
    outside = meeting(200, "Acme weekly", "w")
    assert log.add_calendar([*first, other, outside]) == 7
    assert log.add_calendar(first) == 0  # the same export again adds nothing
    second = [
        meeting(0, "Smith - status call", "a"),  # renamed
        meeting(2, "Acme weekly", "w"),  # the series lost the instance at hour 26
        meeting(4, "Lunch", ""),
        meeting(6, "Board prep", "b", declined=True),  # moved and declined
        meeting(30, "Smith - filing", "f"),  # new; the export now spans past hour 26
    ]
    assert log.add_calendar(second) == 3
    stored = {
        (e.origin, e.start, e.payload.summary, e.payload.declined)  # type: ignore[union-attr]
        for e in log.between(T0 - timedelta(hours=1), T0 + timedelta(hours=300))
    }
    assert stored == {
        ("ics", T0, "Smith - status call", False),
        ("ics", T0 + timedelta(hours=2), "Acme weekly", False),
        ("ics", T0 + timedelta(hours=4), "Lunch", False),
        ("ics", T0 + timedelta(hours=6), "Board prep", True),
        ("ics", T0 + timedelta(hours=30), "Smith - filing", False),
        ("ics:Team", T0, "Smith - status", False),
        ("ics", T0 + timedelta(hours=200), "Acme weekly", False),
    }


def test_events_round_trip_with_their_payloads(tmp_path: Path) -> None:
    """What goes into the log comes back equal, aware UTC."""
    log = EventLog(open_database(tmp_path / "lw.db"))
    away = Event(Source.AFK, T0, T0 + timedelta(minutes=10), AfkPayload(away=True), "afk")
    win = window(T0, 60, "Smith v. Acme – brief — “draft” 😀")
    log.add_many([away, win])
    back = log.between(T0 - timedelta(hours=1), T0 + timedelta(hours=1))
    assert {(e.source, e.payload) for e in back} == {(away.source, away.payload), (win.source, win.payload)}
    assert all(e.start.tzinfo is UTC for e in back)


def test_columns_read_the_same_events_as_between(tmp_path: Path) -> None:
    """The fast range read hands on exactly what between() reads: same instants, payloads and order."""
    log = EventLog(open_database(tmp_path / "lw.db"))
    batch = [window(T0 + timedelta(milliseconds=7_013 * i), 9, f"Doc {i % 4}") for i in range(60)]
    batch.append(Event(Source.AFK, T0, T0 + timedelta(minutes=5), AfkPayload(away=True), "afk"))
    batch.append(window(T0 + timedelta(milliseconds=7_013 * 5), 3, "Same start, shorter"))  # a tie
    log.add_many(list(reversed(batch)))  # written out of order: the read orders
    lo, hi = T0 + timedelta(seconds=20), T0 + timedelta(minutes=6)
    read = log.between(lo, hi)
    columns = log.columns(lo, hi)
    assert set(columns) == {Source.WINDOW, Source.AFK}
    for source, column in columns.items():
        expected = [(e.start, e.end, e.payload) for e in read if e.source is source]
        assert [(e.start, e.end, e.payload) for e in column.events(source)] == expected
        assert column.starts == [e.start.timestamp() for e in read if e.source is source]
    assert len(columns[Source.WINDOW]) == sum(1 for e in read if e.source is Source.WINDOW) > 40
    assert log.columns(T0 - timedelta(days=2), T0 - timedelta(days=1)) == {}
    assert set(log.columns(lo, hi, [Source.AFK])) == {Source.AFK}


def test_approval_writes_the_outbox_row_in_the_same_transaction(tmp_path: Path) -> None:
    """Approving queues exactly one outbox row; undo removes it; nothing is queued for a draft."""
    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    repo.add(draft("e1", T0, 7), "sessionize")
    with db.connect() as conn:
        assert conn.execute(select(schema.outbox)).all() == []
    repo.approve("e1", "attorney")
    with db.connect() as conn:
        rows = conn.execute(select(schema.outbox.c.op, schema.outbox.c.state)).all()
    assert [tuple(r) for r in rows] == [("create", "pending")]
    repo.unapprove("e1", "attorney")
    with db.connect() as conn:
        assert conn.execute(select(schema.outbox)).all() == []
    assert repo.get("e1").status is EntryStatus.DRAFT


def test_outbox_payload_carries_no_raw_activity(tmp_path: Path) -> None:
    """What is queued for the provider holds the entry's fields, never its spans, evidence or window titles."""
    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    repo.add(draft("e1", T0, 7), "sessionize")
    repo.approve("e1", "attorney")
    with db.connect() as conn:
        payload = conn.execute(select(schema.outbox.c.payload)).scalar_one()
    assert "spans" not in payload and "evidence" not in payload and "WINWORD" not in payload


def test_changes_after_approval_are_new_versions_in_the_audit_log(tmp_path: Path) -> None:
    """Editing an approved entry bumps its version and the audit log keeps every earlier state."""
    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    repo.add(draft("e1", T0, 7), "sessionize")
    repo.approve("e1", "attorney")
    repo.revise("e1", "attorney", description="Draft and revise motion to compel")
    history = repo.history("e1")
    assert [h.action for h in history] == ["create", "approve", "revise"]
    assert [h.version for h in history] == [1, 1, 2]
    assert history[0].snapshot["description"] == "Draft motion to compel"


def test_audit_log_is_append_only(tmp_path: Path) -> None:
    """The database itself refuses to rewrite or delete audit rows."""
    db = open_database(tmp_path / "lw.db")
    EntryRepository(db, clock).add(draft("e1", T0, 7), "sessionize")
    with pytest.raises(Exception, match="append-only"), db.begin() as conn:
        conn.execute(text("UPDATE audit_log SET actor = 'someone else'"))
    with pytest.raises(Exception, match="append-only"), db.begin() as conn:
        conn.execute(text("DELETE FROM audit_log"))


def test_rebuilding_drafts_never_touches_reviewed_entries(tmp_path: Path) -> None:
    """A rebuild replaces unreviewed drafts only, and new drafts never overlap approved time."""
    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    day = date(2026, 2, 2)
    repo.replace_drafts(day, [draft("a", T0, 30), draft("b", T0 + timedelta(hours=1), 12)])
    repo.approve("a", "attorney")
    result = repo.replace_drafts(
        day, [draft("a2", T0 + timedelta(minutes=10), 30), draft("c", T0 + timedelta(hours=2), 6)]
    )
    assert (result.kept, result.replaced, result.written) == (1, 1, 1)
    assert {e.id: e.status for e in repo.for_day(day)} == {"a": EntryStatus.APPROVED, "c": EntryStatus.DRAFT}


def test_undo_is_refused_once_sync_has_tried(tmp_path: Path) -> None:
    """After the outbox has attempted a push, undo is refused (the attorney edits instead)."""
    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    repo.add(draft("e1", T0, 7), "sessionize")
    repo.approve("e1", "attorney")
    with db.begin() as conn:
        conn.execute(schema.outbox.update().values(attempts=1))
    with pytest.raises(IllegalTransition):
        repo.unapprove("e1", "attorney")
    assert repo.get("e1").status is EntryStatus.APPROVED


def test_matters_upsert_by_number(tmp_path: Path) -> None:
    """Importing a matter again updates it instead of duplicating it."""
    repo = MatterRepository(open_database(tmp_path / "lw.db"))
    smith = Client("Smith, Jordan", aliases=("J. Smith",), email_domains=("smith.example",))
    repo.upsert_many([Matter("1001-Smith", smith, "PI", ("Acme",))], clock())
    repo.upsert_many([Matter("1001-Smith", smith, "PI - Smith v. Acme", ("Acme", "3:25-cv-00917"))], clock())
    (only,) = repo.all()
    assert only.description == "PI - Smith v. Acme" and only.keywords == ("Acme", "3:25-cv-00917")
    assert only.client == smith


def test_integrity_check_and_online_backup(tmp_path: Path) -> None:
    """A healthy store checks clean and backs up online to a file that opens with the same rows."""
    db = open_database(tmp_path / "lw.db")
    EventLog(db).add_many([window(T0 + timedelta(seconds=i), 1) for i in range(50)])
    assert db.integrity_check() == []
    db.backup(tmp_path / "copy.db")
    assert EventLog(open_database(tmp_path / "copy.db")).count() == 50
    with pytest.raises(StoreError, match="already exists"):
        db.backup(tmp_path / "copy.db")


def test_a_corrupt_file_is_a_clear_error(tmp_path: Path) -> None:
    """A file that is not a database is reported, not overwritten."""
    bad = tmp_path / "lw.db"
    bad.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="cannot open"):
        open_database(bad)
    assert bad.read_bytes().startswith(b"this is not sqlite")


def test_a_full_disk_is_a_clear_error_and_loses_nothing(tmp_path: Path) -> None:
    """When the disk fills mid-write the write fails with a clear StoreError and every earlier row survives."""
    from sqlalchemy import event

    db = open_database(tmp_path / "lw.db")
    log = EventLog(db)
    log.add_many([window(T0 + timedelta(seconds=i), 1, f"Early {i}") for i in range(100)])
    with db.connect() as conn:
        pages = int(conn.exec_driver_sql("PRAGMA page_count").scalar_one())
    db.dispose()
    event.listen(db.engine, "connect", lambda c, _r: c.execute(f"PRAGMA max_page_count={pages + 2}"))
    big = [window(T0 + timedelta(hours=1, seconds=i), 1, f"Late {i} " + "x" * 200) for i in range(5000)]
    with pytest.raises(StoreError, match="disk is full"):
        log.add_many(big)
    assert log.count() == 100
    assert db.integrity_check() == []


def test_approved_time_without_a_matter_is_not_queued_for_the_provider(tmp_path: Path) -> None:
    """Approving firm-administration time records it locally; nothing is queued that sync could only park."""
    from ledgerwatch.domain import EntryKind

    db = open_database(tmp_path / "lw.db")
    repo = EntryRepository(db, clock)
    admin = draft("adm", T0, 14, matter=None)
    repo.add(dataclasses.replace(admin, kind=EntryKind.NONBILLABLE, billed_hours=Decimal(0)), "sessionize")
    assert repo.approve("adm", "attorney").status is EntryStatus.APPROVED
    with db.connect() as conn:
        assert conn.execute(select(schema.outbox)).all() == []


@pytest.mark.postgres
def test_event_log_round_trips_on_postgresql() -> None:
    """Firm mode: the same event log writes idempotently and reads back equal on a real PostgreSQL server."""
    import os
    import uuid

    url = os.environ.get("LEDGERWATCH_TEST_PG_URL")
    if not url:
        pytest.skip("LEDGERWATCH_TEST_PG_URL not set")
    origin = f"pg-{uuid.uuid4().hex}"
    start = datetime(2031, 1, 1, tzinfo=UTC) + timedelta(days=uuid.uuid4().int % 3000)
    db = open_database(url)
    log = EventLog(db)
    batch = [
        Event(
            Source.WINDOW,
            start + timedelta(seconds=5 * i),
            start + timedelta(seconds=5 * i + 5),
            WindowPayload("WINWORD.EXE", f"Doc {i % 3}"),
            origin,
        )
        for i in range(40)
    ]
    assert log.add_many(batch) == 40
    assert log.add_many(batch) == 0
    back = [e for e in log.between(start, start + timedelta(hours=1)) if e.origin == origin]
    column = log.columns(start, start + timedelta(hours=1))[Source.WINDOW]
    db.dispose()
    assert len(column) >= 40
    read = [(e.start, e.end, e.payload) for e in column.events(Source.WINDOW)]
    assert [row for row in read if row in {(e.start, e.end, e.payload) for e in batch}] == [
        (e.start, e.end, e.payload) for e in batch
    ]
    assert [(e.start, e.end, e.payload) for e in back] == [(e.start, e.end, e.payload) for e in batch]
