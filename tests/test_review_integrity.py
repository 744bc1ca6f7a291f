"""The review's integrity rules against a real store: merges within one matter, edits that never move time,
undo per day, narratives rewritten for a new matter, confirmed away time, the firm's rounding, amounts."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest

from ledgerwatch import config
from ledgerwatch.app import Services
from ledgerwatch.domain import (
    EntryKind,
    EntryStatus,
    Evidence,
    Money,
    Problem,
    ProblemCode,
    RoundingPolicy,
    RoundingScope,
    Severity,
    Span,
    TimeEntry,
    billed_hours_for_day,
)
from ledgerwatch.domain.billing import Rate, RateScope, Timekeeper
from ledgerwatch.runtime import rate_lookup
from ledgerwatch.workday import Workday, parse_duration
from tests.review_support import MONDAY


@pytest.fixture
def workday(review_services: Services) -> Workday:
    return Workday(review_services, rates=rate_lookup(review_services))


def drafts(w: Workday, matter: str | None = None) -> list[TimeEntry]:
    return [
        e
        for e in w.entries.for_day(MONDAY)
        if e.status is EntryStatus.DRAFT and (matter is None or e.matter == matter)
    ]


def at(hh: int, mm: int, ss: int = 0) -> datetime:
    return datetime(2026, 2, 2, hh, mm, ss, tzinfo=UTC)


def add_draft(svc: Services, entry_id: str, start: datetime, seconds: int, **fields: object) -> TimeEntry:
    entry = TimeEntry(
        id=entry_id,
        date=MONDAY,
        spans=(Span(start, start + timedelta(seconds=seconds)),),
        worked_seconds=seconds,
        billed_hours=RoundingPolicy().bill(seconds),
        confidence=Decimal("0.9"),
        **fields,  # type: ignore[arg-type]
    )
    svc.entries.add(entry, "test")
    return entry


# --- 1. merge stays within one matter ---


def test_merge_across_matters_is_refused_and_changes_nothing(workday: Workday) -> None:
    """Merging a Northwind draft with a Patel draft is refused with a message; both stay as they were."""
    northwind, patel = drafts(workday, "1002-Northwind")[0], drafts(workday, "1004-Patel")[0]
    before = workday.entries.for_day(MONDAY)
    outcome = workday.merge([northwind.id, patel.id])
    assert not outcome.ok and "one matter" in outcome.message
    assert workday.entries.for_day(MONDAY) == before
    assert workday.undo_label(MONDAY) is None


def test_merge_within_one_matter_rounds_once(workday: Workday) -> None:
    """Two Northwind drafts merge into one entry whose billed hours round the summed seconds once."""
    a, b = drafts(workday, "1002-Northwind")[:2]
    outcome = workday.merge([a.id, b.id])
    assert outcome.ok
    merged = workday.entries.get(outcome.entry_ids[0])
    assert merged.matter == "1002-Northwind"
    assert merged.worked_seconds == a.worked_seconds + b.worked_seconds
    assert merged.billed_hours == RoundingPolicy().bill(merged.worked_seconds)


# --- 2. edits change only what was changed ---


def test_narrative_only_edit_leaves_worked_seconds_and_billed_identical(
    workday: Workday, review_services: Services
) -> None:
    """66:02 worked, 1.2 h billed: editing the narrative alone keeps 3962 s and 1.2 h."""
    add_draft(review_services, "odd", at(19, 0), 3962, matter="1004-Patel", description="Draft trust")
    outcome = workday.edit("odd", description="Draft and revise revocable trust; note funding steps")
    assert outcome.ok
    after = workday.entries.get("odd")
    assert (after.worked_seconds, after.billed_hours) == (3962, Decimal("1.2"))
    assert after.description.startswith("Draft and revise revocable trust")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("1h12m", 4320),
        ("1:12", 4320),
        ("72m", 4320),
        ("1.2h", 4320),
        ("1h 12m", 4320),
        ("45 min", 2700),
        ("", None),
    ],
)
def test_durations_accept_the_usual_spellings(text: str, seconds: int | None) -> None:
    """1h12m, 1:12, 72m and 1.2h all mean 72 minutes; empty means unchanged."""
    assert parse_duration(text) == seconds


@pytest.mark.parametrize("text", ["72", "abc", "1:75", "h", "-1h"])
def test_bad_durations_say_how_to_write_one(text: str) -> None:
    """A duration that is not one is refused with the spellings that work."""
    with pytest.raises(ValueError, match=r"1h12m, 1:12, 72m or 1\.2h"):
        parse_duration(text)


def test_new_duration_rerounds_billed(workday: Workday, review_services: Services) -> None:
    """Typing 1h12m sets worked to 4320 s and billed follows the rounding (1.2 h)."""
    add_draft(review_services, "odd", at(19, 0), 3962, matter="1004-Patel", description="Draft trust")
    assert workday.edit("odd", worked_seconds=parse_duration("1h12m")).ok
    after = workday.entries.get("odd")
    assert (after.worked_seconds, after.billed_hours) == (4320, Decimal("1.2"))


# --- 3. undo belongs to the day and names what it undoes ---


def test_undo_acts_on_the_shown_day_only_and_selects_the_restored_entry(workday: Workday) -> None:
    """A discard on Monday is not offered on Thursday; undoing it on Monday restores and selects it."""
    target = drafts(workday)[1]
    outcome = workday.discard(target.id)
    assert outcome.ok and "discarded" in outcome.message and target.id not in outcome.message
    thursday = date(2026, 2, 5)
    assert workday.undo_label(thursday) is None
    assert not workday.undo(thursday).ok
    assert workday.entries.get(target.id).status is EntryStatus.DISCARDED
    label = workday.undo_label(MONDAY)
    assert label is not None and target.id not in label and ":" in label
    undone = workday.undo(MONDAY)
    assert undone.ok and undone.entry_ids == (target.id,)
    assert workday.entries.get(target.id).status is EntryStatus.DRAFT


def test_messages_name_matter_and_time_not_ids(workday: Workday) -> None:
    """An approval's message names the matter, the start time and the worked time, never an id."""
    target = drafts(workday, "1005-Blue")[0]
    outcome = workday.approve(target.id)
    assert outcome.ok and "1005-Blue" in outcome.message and "08:55" in outcome.message
    assert target.id not in outcome.message


# --- 4. a narrative the attorney never wrote follows the matter ---


def test_untouched_narrative_is_rewritten_on_reassignment(
    workday: Workday, review_services: Services
) -> None:
    """'No matter found: inbox' does not survive a move to a client's matter."""
    add_draft(
        review_services,
        "inbox",
        at(19, 0),
        600,
        kind=EntryKind.UNASSIGNED,
        description="No matter found: inbox",
        evidence=(Evidence("window", "inbox", 600, None),),
        problems=(Problem(ProblemCode.NO_MATTER, "no matter"),),
    )
    assert workday.reassign("inbox", "1002-Northwind").ok
    after = workday.entries.get("inbox")
    assert "No matter found" not in after.description
    assert after.description == "Work on Software license agreement review"
    assert not after.problems


def test_attorneys_narrative_survives_reassignment(workday: Workday) -> None:
    """A narrative the attorney wrote stays when the draft moves to another matter."""
    target = drafts(workday, "1002-Northwind")[0]
    assert workday.edit(target.id, description="Call with opposing counsel re schedule").ok
    assert workday.reassign(target.id, "1003-Northwind").ok
    assert workday.entries.get(target.id).description == "Call with opposing counsel re schedule"


def test_ambiguous_draft_takes_one_of_its_candidates(workday: Workday, review_services: Services) -> None:
    """Choosing a candidate reassigns the draft and clears the question."""
    add_draft(
        review_services,
        "ask",
        at(19, 0),
        900,
        kind=EntryKind.UNASSIGNED,
        candidates=("1002-Northwind", "1003-Northwind"),
        description="Northwind Traders Inc.: 1002-Northwind or 1003-Northwind?",
        problems=(Problem(ProblemCode.AMBIGUOUS_MATTER, "close between two matters"),),
    )
    assert workday.reassign("ask", "1003-Northwind").ok
    after = workday.entries.get("ask")
    assert (after.matter, after.candidates, after.problems) == ("1003-Northwind", (), ())
    assert "?" not in after.description


# --- away-from-desk time is confirmed ---


def test_calendar_time_needs_confirmation_and_bulk_leaves_it_out(
    workday: Workday, review_services: Services
) -> None:
    """A draft with time from the calendar is not approved without confirm, nor by bulk approval."""
    flag = Problem(ProblemCode.FROM_CALENDAR, "15 min comes from the calendar: confirm you attended.")
    add_draft(
        review_services,
        "cal",
        at(19, 0),
        900,
        matter="1001-Smith",
        description="Hearing re motion to compel",
        problems=(flag,),
    )
    view = workday.day(MONDAY)
    assert "cal" in view.flagged and "cal" not in view.ready
    refused = workday.approve("cal")
    assert not refused.ok and "confirm you attended" in refused.message
    assert workday.entries.get("cal").status is EntryStatus.DRAFT
    assert workday.approve("cal", confirm=True).ok
    approved = workday.entries.get("cal")
    assert approved.status is EntryStatus.APPROVED and not approved.problems
    assert approved.reasons[0].startswith("confirmed by the attorney")
    assert workday.undo(MONDAY).ok
    assert workday.entries.get("cal").problems == (flag,)


def test_bulk_approval_approves_exactly_the_previewed_drafts(workday: Workday) -> None:
    """approve_many takes the preview's ids and refuses one that is not ready (nothing approved then)."""
    view = workday.day(MONDAY)
    assert view.ready
    personal = next(e for e in view.entries if e.kind is EntryKind.PERSONAL)
    refused = workday.approve_many(MONDAY, [*view.ready, personal.id])
    assert not refused.ok
    assert all(e.status is EntryStatus.DRAFT for e in workday.entries.for_day(MONDAY))
    outcome = workday.approve_many(MONDAY, view.ready)
    assert outcome.ok
    approved = {e.id for e in workday.entries.for_day(MONDAY) if e.status is EntryStatus.APPROVED}
    assert approved == set(view.ready)


# --- 5. the firm's rounding rule ---


def test_grace_rounds_up_only_past_the_grace() -> None:
    """With 60 s of grace, 60:01 bills 1.0 h and 61:01 bills 1.1 h; without it 60:01 bills 1.1 h."""
    graced = RoundingPolicy(grace_seconds=60)
    assert graced.bill(3601) == Decimal("1.0")
    assert graced.bill(3661) == Decimal("1.1")
    assert RoundingPolicy().bill(3601) == Decimal("1.1")


def test_nearest_rounds_to_the_closer_increment() -> None:
    """Nearest: 1:02 bills 1.0 h, 1:04 bills 1.1 h."""
    nearest = RoundingPolicy(direction="nearest", minimum=Decimal(0))  # type: ignore[arg-type]
    assert nearest.bill(3720) == Decimal("1.0")
    assert nearest.bill(3840) == Decimal("1.1")


def test_matter_day_rounds_once_and_shares_it_out() -> None:
    """Three drafts of 1:57 in all bill 2.0 h per matter and day (2.2 h rounded one by one)."""
    worked = [1158, 2882, 2980]
    per_entry = sum((RoundingPolicy().bill(w) for w in worked), Decimal(0))
    day = RoundingPolicy(scope=RoundingScope.MATTER_DAY).share(worked)
    assert sum(day, Decimal(0)) == RoundingPolicy().bill(sum(worked)) == Decimal("2.0")
    assert per_entry == Decimal("2.2")
    increment_seconds = 360
    assert all(b * 3600 <= w + increment_seconds for b, w in zip(day, worked, strict=True))


def test_matter_day_keeps_reviewed_entries_and_rounds_the_rest() -> None:
    """A reviewed entry keeps its hours; the drafts share what is left of the day's rounding."""
    policy = RoundingPolicy(scope=RoundingScope.MATTER_DAY)
    start = at(9, 0)
    entries = [
        TimeEntry(
            f"e{i}", MONDAY, (Span(start, start + timedelta(seconds=w)),), w, Decimal("0.4"), "1002-Northwind"
        )
        for i, w in enumerate([1158, 2882, 2980])
    ]
    billed = billed_hours_for_day(entries, lambda _m: policy, fixed={"e0"})
    assert "e0" not in billed
    assert sum(billed.values(), Decimal("0.4")) == Decimal("2.0")


def test_review_keeps_the_matter_day_rounding_after_a_change(
    lw_home: object, review_services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under per-matter-and-day rounding, discarding one draft re-shares the matter's day among the rest."""
    settings = review_services.effective.settings
    rounding = settings.sessionize.model_copy(update={"rounding_scope": "matter_day"})
    effective = dataclasses.replace(
        review_services.effective, settings=settings.model_copy(update={"sessionize": rounding})
    )
    monkeypatch.setattr(review_services, "effective", effective)
    w = Workday(review_services)
    northwind = drafts(w, "1002-Northwind")
    assert w.edit(northwind[0].id, description="Review license correspondence and reply").ok
    live = drafts(w, "1002-Northwind")
    assert sum((e.billed_hours for e in live), Decimal(0)) == RoundingPolicy().bill(
        sum(e.worked_seconds for e in live)
    )
    assert w.discard(live[-1].id).ok
    rest = drafts(w, "1002-Northwind")
    assert sum((e.billed_hours for e in rest), Decimal(0)) == RoundingPolicy().bill(
        sum(e.worked_seconds for e in rest)
    )


def test_day_view_shows_worked_and_billed_with_the_difference(workday: Workday) -> None:
    """The day's billed minus billable worked time is what rounding added, in seconds."""
    view = workday.day(MONDAY)
    worked = sum(e.worked_seconds for e in view.entries if e.billable)
    assert view.billable_worked_seconds == worked
    assert view.rounding_seconds == int(view.billed_hours * 3600) - worked


# --- 6. money from the rate hierarchy ---


def test_amounts_follow_the_rate_hierarchy(workday: Workday, review_services: Services) -> None:
    """Matter rate beats client rate beats timekeeper rate beats firm rate; a matter with none says so."""
    billing = review_services.billing()
    since = date(2020, 1, 1)
    billing.add_timekeeper(Timekeeper("ATTY", "Counsel, Ann", "AC", default_rate=Money(Decimal("250"))))
    billing.add_rate(Rate(RateScope.FIRM, "", Money(Decimal("100")), since))
    billing.add_rate(Rate(RateScope.CLIENT, "Northwind Traders Inc.", Money(Decimal("400")), since))
    billing.add_rate(Rate(RateScope.MATTER, "1002-Northwind", Money(Decimal("500")), since))
    view = workday.day(MONDAY)
    rates = {m: r.amount if r else None for m, r in view.rates.items()}
    assert rates["1002-Northwind"] == Decimal("500")
    assert rates["1003-Northwind"] == Decimal("400")
    assert rates["1004-Patel"] == Decimal("250")
    for e in view.entries:
        if e.billable:
            assert view.amounts[e.id] == (view.rates[e.matter or ""].amount * e.billed_hours).quantize(
                Decimal("0.01")
            )  # type: ignore[union-attr]
    assert view.amount_total == sum((a for a in view.amounts.values() if a is not None), Decimal(0))


def test_missing_rate_is_named(workday: Workday) -> None:
    """With no rate anywhere, every billable matter is listed as missing one and no amount is made up."""
    view = workday.day(MONDAY)
    assert view.missing_rates and all(a is None for a in view.amounts.values())
    assert view.amount_total == 0


# --- find unbilled time ---


def test_unbilled_activity_becomes_an_entry(workday: Workday, review_services: Services) -> None:
    """Activity no entry holds can be kept for a matter; time an entry holds is refused."""
    view = workday.day(MONDAY)
    held = view.entries[0].spans[0]
    refused = workday.claim(MONDAY, [held], "1001-Smith", "call")
    assert not refused.ok and "another entry" in refused.message
    free = Span(at(19, 0), at(19, 12))
    outcome = workday.claim(MONDAY, [free], "1001-Smith", "Call with client re deposition dates")
    assert outcome.ok
    kept = workday.entries.get(outcome.entry_ids[0])
    assert (kept.matter, kept.worked_seconds, kept.billed_hours) == ("1001-Smith", 720, Decimal("0.2"))
    assert not workday.claim(MONDAY, [free], "1001-Smith", "").ok


def test_activity_marks_time_in_no_entry(workday: Workday) -> None:
    """The day's activity marks stretches an entry holds and those (or their parts) no entry holds."""
    stretches = workday.activity(MONDAY)
    assert stretches
    states = {s.state for s in stretches}
    assert "away" in states
    held = [s for s in stretches if s.state == "entry"]
    assert held and all(s.entry_id for s in held)
    for s in stretches:
        assert sum(f.seconds for f in s.free) <= s.seconds + 1


# --- 11. settings: typed, bounded, validated together ---


def test_settings_controls_are_typed_with_units_and_bounds(workday: Workday) -> None:
    """Booleans are checkboxes, numbers carry the model's bounds and a unit, secrets never show a value."""
    controls = {c.key: c for g in workday.setting_groups() for c in g.controls}
    assert controls["start_at_login"].control == "checkbox"
    idle = controls["capture.idle_threshold_seconds"]
    assert (idle.control, idle.unit, idle.minimum) == ("number", "s", "10")
    confidence = controls["sessionize.min_confidence"]
    assert (confidence.minimum, confidence.maximum) == ("0", "1")
    assert controls["sessionize.rounding_increment"].unit == "h"
    assert controls["sessionize.rounding_scope"].choices == ("entry", "matter_day")
    assert controls["sync.client_secret"].control == "secret" and controls["sync.client_secret"].value == ""
    assert controls["sync.token_url"].control == "text"


def test_settings_are_validated_together_and_nothing_is_written_on_error(
    workday: Workday, review_services: Services
) -> None:
    """A bad value among good ones is refused with its name; the user file is not written."""
    user_file = review_services.effective.paths.user_file
    before = user_file.read_text() if user_file.exists() else ""
    outcome = workday.change_settings(
        {"sessionize.min_confidence": "0.7", "capture.idle_threshold_seconds": "5"}
    )
    assert (
        not outcome.ok
        and "idle threshold" in outcome.message.lower()
        and "nothing was saved" in outcome.message
    )
    assert (user_file.read_text() if user_file.exists() else "") == before
    grace = workday.change_settings({"sessionize.rounding_grace_seconds": "400"})
    assert not grace.ok and "grace" in grace.message
    ok = workday.change_settings({"sessionize.min_confidence": "0.7", "start_at_login": "true"})
    assert ok.ok
    assert config.load().settings.sessionize.min_confidence == Decimal("0.7")


def test_rounding_rule_survives_the_store(review_services: Services) -> None:
    """A matter's grace and scope are stored and read back with its rounding."""
    matter = review_services.matters.get("1001-Smith")
    assert matter is not None
    rule = RoundingPolicy(Decimal("0.25"), grace_seconds=120, scope=RoundingScope.MATTER_DAY)
    review_services.matters.upsert_many([dataclasses.replace(matter, rounding=rule)], review_services.clock())
    assert review_services.matters.get("1001-Smith").rounding == rule  # type: ignore[union-attr]


def test_passive_reading_stays_out_of_bulk_until_confirmed(workday: Workday, review_services: Services) -> None:
    """Passive reading (an info flag) still keeps a draft out of bulk approval until confirmed."""
    flag = Problem(
        ProblemCode.PASSIVE_READING, "12 min of reading without input: confirm it was work.", Severity.INFO
    )
    add_draft(
        review_services,
        "read",
        at(19, 0),
        720,
        matter="1001-Smith",
        description="Review deposition transcript",
        problems=(flag,),
    )
    view = workday.day(MONDAY)
    assert "read" in view.flagged and "read" not in view.ready
