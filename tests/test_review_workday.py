"""Workday: the review actions against a real SQLite store, checked in the database and the outbox."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from ledgerwatch.app import Services
from ledgerwatch.domain import AfkPayload, EntryKind, EntryStatus, Event, Source, away_spans, split_spans
from ledgerwatch.sessionize.memory import Memory
from ledgerwatch.store.schema import memory as memory_table
from ledgerwatch.store.schema import outbox
from ledgerwatch.workday import Workday
from tests.review_support import MONDAY


@pytest.fixture
def workday(review_services: Services) -> Workday:
    """A review session over the sample week, Monday's drafts waiting (a fresh undo stack)."""
    return Workday(review_services)


def outbox_rows(services: Services) -> list[dict[str, object]]:
    with services.db.connect() as conn:
        return [dict(r) for r in conn.execute(select(outbox).order_by(outbox.c.id)).mappings()]


def first_billable(w: Workday) -> str:
    return next(e.id for e in w.day(MONDAY).entries if e.billable)


def test_day_view_totals_add_up(workday: Workday) -> None:
    """The day's totals are the sums of its entries; billed counts only billable time, per matter too."""
    view = workday.day(MONDAY)
    assert view.entries and view.pending == len(view.entries)
    assert view.worked_seconds == sum(e.worked_seconds for e in view.entries)
    assert view.billed_hours == sum(e.billed_hours for e in view.entries if e.billable)
    assert sum(t.worked_seconds for t in view.per_matter) == view.worked_seconds
    assert sum(t.billed_hours for t in view.per_matter) == view.billed_hours
    assert view.window[0] <= min(g.start for g in view.segments)


def test_away_time_is_shaded_and_never_inside_an_entry(workday: Workday) -> None:
    """Away periods show on the timeline and never overlap a draft's spans."""
    view = workday.day(MONDAY)
    away = [g for g in view.segments if g.shade == "away"]
    assert away, "the sample Monday has a lunch break"
    spans = [s for e in view.entries for s in e.spans]
    assert not any(g.start < s.end and s.start < g.end for g in away for s in spans)
    assert view.away_seconds == sum(g.seconds for g in away)


def test_approve_writes_outbox_and_undo_removes_it(workday: Workday, review_services: Services) -> None:
    """Approving queues one outbox row in the same step; undo before any sync attempt takes it back."""
    entry_id = first_billable(workday)
    assert workday.approve(entry_id).ok
    assert review_services.entries.get(entry_id).status is EntryStatus.APPROVED
    rows = outbox_rows(review_services)
    assert [(r["entry_id"], r["op"], r["state"]) for r in rows] == [(entry_id, "create", "pending")]
    undone = workday.undo(MONDAY)
    assert undone.ok, undone.message
    assert review_services.entries.get(entry_id).status is EntryStatus.DRAFT
    assert outbox_rows(review_services) == []


def test_unassigned_and_personal_cannot_be_approved(workday: Workday, review_services: Services) -> None:
    """A draft without a matter, or personal time, is refused approval: nothing leaves by accident."""
    personal = next(e for e in workday.day(MONDAY).entries if e.kind is EntryKind.PERSONAL)
    assert not workday.approve(personal.id).ok
    billable = first_billable(workday)
    review_services.entries.revise(billable, "test", matter=None, kind=EntryKind.UNASSIGNED)
    refused = workday.approve(billable)
    assert not refused.ok and "matter" in refused.message
    assert outbox_rows(review_services) == []


def test_reassign_rerounds_and_teaches_memory(workday: Workday, review_services: Services) -> None:
    """Reassigning moves the draft, records its evidence keys for the new matter, and undo forgets them."""
    entry = next(e for e in workday.day(MONDAY).entries if e.matter == "1002-Northwind" and e.evidence)
    outcome = workday.reassign(entry.id, "1005-Blue")
    assert outcome.ok, outcome.message
    after = review_services.entries.get(entry.id)
    assert after.matter == "1005-Blue" and after.confidence == 1
    assert after.billed_hours == workday.default_policy().bill(after.worked_seconds)
    memory: Memory = workday.attribution_memory()
    key = next(iter(memory.counts))
    assert memory.lookup(key) == "1005-Blue"
    assert workday.undo(MONDAY).ok
    assert review_services.entries.get(entry.id).matter == "1002-Northwind"
    with review_services.db.connect() as conn:
        assert conn.execute(select(memory_table)).all() == []


def test_reassign_to_unknown_matter_is_a_message(workday: Workday) -> None:
    """A matter that does not exist is refused with a readable message, not an exception."""
    outcome = workday.reassign(first_billable(workday), "9999-Nobody")
    assert not outcome.ok and "9999-Nobody" in outcome.message


def test_split_keeps_worked_time_and_rounds_each_part(workday: Workday, review_services: Services) -> None:
    """Splitting a draft at a moment gives two drafts whose worked seconds add up, each rounded once."""
    entry = max(workday.day(MONDAY).entries, key=lambda e: e.worked_seconds)
    at = entry.spans[0].start + (entry.spans[-1].end - entry.spans[0].start) / 3
    at = at.replace(microsecond=0)
    outcome = workday.split(entry.id, at)
    assert outcome.ok, outcome.message
    parts = [review_services.entries.get(i) for i in outcome.entry_ids]
    assert sum(p.worked_seconds for p in parts) == entry.worked_seconds
    assert parts[0].spans[-1].end == at == parts[1].spans[0].start
    policy = workday.default_policy()
    assert [p.billed_hours for p in parts] == [policy.bill(p.worked_seconds) for p in parts]
    assert review_services.entries.get(entry.id).status is EntryStatus.DISCARDED
    assert workday.undo(MONDAY).ok
    assert review_services.entries.get(entry.id).status is EntryStatus.DRAFT
    assert all(review_services.entries.get(i).status is EntryStatus.DISCARDED for i in outcome.entry_ids)


def test_split_outside_the_entry_is_refused(workday: Workday) -> None:
    """A split time outside the draft's spans is a message, and nothing changes."""
    entry = workday.day(MONDAY).entries[0]
    outcome = workday.split(entry.id, entry.spans[0].start)
    assert not outcome.ok
    assert workday.day(MONDAY).entries[0].id == entry.id


def test_merge_rounds_once(workday: Workday, review_services: Services) -> None:
    """Merging drafts sums worked time and rounds the total once (never per fragment)."""
    same = [e for e in workday.day(MONDAY).entries if e.matter == "1002-Northwind"][:2]
    outcome = workday.merge([e.id for e in same])
    assert outcome.ok, outcome.message
    merged = review_services.entries.get(outcome.entry_ids[0])
    worked = sum(e.worked_seconds for e in same)
    assert merged.worked_seconds == worked
    assert merged.billed_hours == workday.default_policy().bill(worked)
    assert merged.billed_hours <= sum(e.billed_hours for e in same)
    assert len(merged.spans) == 2


def test_edit_hours_shows_rounding_and_refuses_more_than_worked(
    workday: Workday, review_services: Services
) -> None:
    """Worked minutes re-round the billed hours; billed hours above the rounded worked time are refused."""
    entry_id = first_billable(workday)
    assert workday.edit(entry_id, worked_seconds=1500, description="Review and revise license terms").ok
    after = review_services.entries.get(entry_id)
    assert (after.worked_seconds, after.billed_hours) == (1500, Decimal("0.5"))
    refused = workday.edit(entry_id, billed_hours=Decimal("0.6"))
    assert not refused.ok and "0.5" in refused.message
    assert workday.edit(entry_id, billed_hours=Decimal("0.3")).ok
    assert review_services.entries.get(entry_id).billed_hours == Decimal("0.3")


def test_edit_after_approval_is_a_new_version(workday: Workday, review_services: Services) -> None:
    """Changing an approved entry writes version 2 to the audit log and updates the pending outbox row."""
    entry_id = first_billable(workday)
    workday.approve(entry_id)
    outcome = workday.edit(entry_id, description="Revise license agreement per client comments")
    assert outcome.ok and "version 2" in outcome.message
    history = review_services.entries.history(entry_id)
    assert [h.version for h in history][-1] == 2
    rows = outbox_rows(review_services)
    assert len(rows) == 1 and rows[0]["entry_version"] == 2


def test_approve_above_skips_low_confidence_and_problems(workday: Workday, review_services: Services) -> None:
    """Approve-all takes only drafts at or above the confidence that have a matter and no warnings."""
    outcome = workday.approve_above(MONDAY, Decimal("0.8"))
    assert outcome.ok
    view = workday.day(MONDAY)
    for e in view.entries:
        expected = e.confidence >= Decimal("0.8") and e.billable
        assert (e.status is EntryStatus.APPROVED) == expected, e
    assert len(outbox_rows(review_services)) == len(outcome.entry_ids)
    assert workday.undo(MONDAY).ok
    assert outbox_rows(review_services) == []


def test_reclaim_away_needs_a_note_and_only_away_time(workday: Workday, review_services: Services) -> None:
    """Away time becomes a draft only when the attorney keeps it with a note, and only time shown as away."""
    away = next(g for g in workday.day(MONDAY).segments if g.shade == "away")
    assert not workday.reclaim(MONDAY, away.start, away.end, "1001-Smith", "  ").ok
    busy = workday.day(MONDAY).entries[0].spans[0]
    assert not workday.reclaim(MONDAY, busy.start, busy.end, "1001-Smith", "call").ok
    outcome = workday.reclaim(
        MONDAY, away.start, away.end, "1001-Smith", "Call with opposing counsel from car"
    )
    assert outcome.ok, outcome.message
    kept = review_services.entries.get(outcome.entry_ids[0])
    assert kept.matter == "1001-Smith" and kept.worked_seconds == away.seconds
    assert kept.note == "Call with opposing counsel from car"
    assert all(
        g.shade != "away" or g.end <= away.start or g.start >= away.end for g in workday.day(MONDAY).segments
    )


def test_discard_and_undo(workday: Workday, review_services: Services) -> None:
    """Discard hides a draft from the day; undo brings it back as a draft."""
    entry_id = first_billable(workday)
    assert workday.discard(entry_id).ok
    assert entry_id not in {e.id for e in workday.day(MONDAY).entries}
    assert workday.undo(MONDAY).ok
    assert review_services.entries.get(entry_id).status is EntryStatus.DRAFT
    assert not workday.undo(MONDAY).ok


def test_mark_personal_clears_matter(workday: Workday, review_services: Services) -> None:
    """Marking a draft personal drops its matter so it can never be billed."""
    entry_id = first_billable(workday)
    assert workday.set_kind(entry_id, EntryKind.PERSONAL).ok
    after = review_services.entries.get(entry_id)
    assert after.kind is EntryKind.PERSONAL and after.matter is None and not after.billable


def test_week_counts_captured_and_approved(workday: Workday) -> None:
    """The week view puts Monday's hours in the first column; approved follows approvals."""
    week = workday.week(MONDAY)
    assert week.days[0] == MONDAY and week.captured[0] > 0 and week.approved[0] == 0
    workday.approve(first_billable(workday))
    assert workday.week(MONDAY).approved[0] > 0
    assert sum(r.hours[0] for r in week.rows) == workday.day(MONDAY).billed_hours


def test_reminder_only_when_drafts_wait(workday: Workday) -> None:
    """The end-of-day reminder has text while drafts wait and none once all are reviewed."""
    assert "waiting for review" in (workday.reminder(MONDAY) or "")
    for e in workday.day(MONDAY).entries:
        if not workday.approve(e.id).ok:
            workday.discard(e.id)
    assert workday.reminder(MONDAY) is None


def test_split_spans_cuts_the_containing_span() -> None:
    """split_spans cuts the span that contains the moment and keeps the others whole."""
    from ledgerwatch.domain import Span

    a = Span(datetime(2026, 2, 2, 9, tzinfo=UTC), datetime(2026, 2, 2, 10, tzinfo=UTC))
    b = Span(datetime(2026, 2, 2, 11, tzinfo=UTC), datetime(2026, 2, 2, 12, tzinfo=UTC))
    before, after = split_spans([a, b], datetime(2026, 2, 2, 9, 30, tzinfo=UTC))
    assert [s.seconds for s in before] == [1800] and [s.seconds for s in after] == [1800, 3600]


def test_away_spans_merge_overlaps(review_services: Services) -> None:
    """Overlapping AFK events become one away period."""
    t = lambda h, m=0: datetime(2026, 2, 3, h, m, tzinfo=UTC)  # noqa: E731
    evs = [
        Event(Source.AFK, t(12), t(12, 30), AfkPayload(True)),
        Event(Source.AFK, t(12, 20), t(13), AfkPayload(True)),
        Event(Source.AFK, t(13), t(14), AfkPayload(False)),
    ]
    spans = away_spans(evs, (t(0), t(23)))
    assert [(s.start, s.end) for s in spans] == [(t(12), t(13))]


def test_reopen_an_approval_in_a_later_session_until_sync_tries(
    workday: Workday, review_services: Services
) -> None:
    """Reopen works after the undo stack is gone (a new session), and only while nothing was sent."""
    first, second = [e.id for e in workday.day(MONDAY).entries if e.billable][:2]
    assert workday.approve(first).ok and workday.approve(second).ok
    later = Workday(review_services)  # the review page reopened tomorrow: no undo stack
    assert later.undo_label(MONDAY) is None
    outcome = later.reopen(first)
    assert outcome.ok, outcome.message
    assert review_services.entries.get(first).status is EntryStatus.DRAFT
    assert [r["entry_id"] for r in outbox_rows(review_services)] == [second]
    assert [a.action for a in review_services.entries.history(first)][-1] == "unapprove"
    with review_services.db.begin() as conn:
        conn.execute(outbox.update().values(attempts=1))  # the sync job has tried the other one
    refused = later.reopen(second)
    assert not refused.ok and "on its way" in refused.message
    assert review_services.entries.get(second).status is EntryStatus.APPROVED
    assert later.undo(MONDAY).ok  # undoing the reopen approves again
    assert review_services.entries.get(first).status is EntryStatus.APPROVED
    assert not later.reopen(next(e.id for e in later.day(MONDAY).entries if e.status is EntryStatus.DRAFT)).ok


def test_restore_a_discard_but_never_time_other_entries_cover(
    workday: Workday, review_services: Services
) -> None:
    """A discarded draft comes back in a later session; a split's original and covered time do not."""
    drafts = [e for e in workday.day(MONDAY).entries if e.billable]
    gone, longest = drafts[0], max(drafts[1:], key=lambda e: e.worked_seconds)
    assert workday.discard(gone.id).ok
    at = (longest.spans[0].start + (longest.spans[-1].end - longest.spans[0].start) / 2).replace(
        microsecond=0
    )
    assert workday.split(longest.id, at).ok
    later = Workday(review_services)
    assert [e.id for e in later.discarded(MONDAY)] == [gone.id]  # the split original is not offered
    assert not later.reopen(longest.id).ok
    assert review_services.entries.get(longest.id).status is EntryStatus.DISCARDED
    restored = later.reopen(gone.id)
    assert restored.ok, restored.message
    assert review_services.entries.get(gone.id).status is EntryStatus.DRAFT
    assert gone.id in {e.id for e in later.day(MONDAY).entries}
    # Discard it again and let another entry cover its time: restoring would put a second in two entries.
    assert later.discard(gone.id).ok
    cover = dataclasses.replace(gone, id="cover0000000000a", spans=gone.spans[:1], status=EntryStatus.DRAFT)
    review_services.entries.add(cover, "test")
    refused = later.reopen(gone.id)
    assert not refused.ok and "cover" in refused.message
    assert review_services.entries.get(gone.id).status is EntryStatus.DISCARDED
