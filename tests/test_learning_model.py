"""The learned model: trained from approvals, consulted only where the rules are weak, always with a reason."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from ledgerwatch.domain import (
    Client,
    EntryKind,
    Event,
    Evidence,
    Matter,
    ProblemCode,
    Source,
    Span,
    TimeEntry,
    WindowPayload,
    approve,
)
from ledgerwatch.sessionize import Learner, Model, SessionizePolicy, build_drafts
from ledgerwatch.sessionize.learning import features

DAY = date(2026, 2, 2)
NOW = datetime(2026, 2, 2, 18, 0, tzinfo=UTC)
SMITH = Matter("1001-Smith", Client("Smith, Jordan"), "Smith v. Acme Freight", ("Smith",))
LICENSE = Matter("1002-Northwind", Client("Northwind Traders Inc."), "Software license", ("Northwind",))
GARCIA = Matter("1003-Northwind", Client("Northwind Traders Inc."), "Garcia separation", ("Garcia",))
MATTERS = (SMITH, LICENSE, GARCIA)


def entry(matter: str, hour: int, *labels: str, approved: bool = True, kind: str = "document") -> TimeEntry:
    start = datetime(2026, 1, 26 + hour % 5, 9 + hour // 5, 0, tzinfo=UTC)
    draft = TimeEntry(
        id=f"{matter}-{hour}",
        date=start.date(),
        spans=(Span(start, start + timedelta(minutes=30)),),
        worked_seconds=1800,
        billed_hours=Decimal("0.5"),
        matter=matter,
        evidence=tuple(Evidence(kind, label, 600) for label in labels),
    )
    return approve(draft, NOW) if approved else draft


APPROVED = [
    entry("1003-Northwind", 0, "Exit interview summary - HR notes"),
    entry("1003-Northwind", 1, "Exit interview summary - HR notes v2"),
    entry("1002-Northwind", 2, "Escrow release schedule"),
    entry("1002-Northwind", 3, "Escrow release schedule - comments"),
    entry("1001-Smith", 4, "Deposition outline - driver"),
]


def test_model_learns_the_matter_of_familiar_words_with_a_reason() -> None:
    """Words seen in approved entries of one matter point a new document to that matter, saying why."""
    model = Learner().train(APPROVED)
    found = model.predict(features("document", "Exit interview summary - HR notes v3", 10))
    assert found is not None
    assert found.matter == "1003-Northwind"
    assert found.confidence >= 0.8
    assert found.reason.startswith("learned from 2 approvals: ")
    assert "exit" in found.reason or "interview" in found.reason


def test_one_familiar_word_or_words_of_two_matters_decide_nothing() -> None:
    """A lone familiar word, or familiar words of two different matters, give no prediction."""
    model = Learner().train(APPROVED)
    assert model.predict(features("document", "Interview", 10)) is None
    assert model.predict(features("document", "Escrow interview", 10)) is None
    assert model.predict(features("document", "Completely unrelated memo", 10)) is None


def test_only_reviewed_billable_entries_teach() -> None:
    """Drafts not yet approved, and entries without a matter, teach the model nothing."""
    drafts = [dataclasses.replace(e, status=e.status.DRAFT) for e in APPROVED]
    assert len(Learner().train(drafts)) == 0
    unassigned = approve(
        dataclasses.replace(
            APPROVED[0], matter=None, kind=EntryKind.NONBILLABLE, status=APPROVED[0].status.DRAFT
        ),
        NOW,
    )
    assert len(Learner().train([unassigned])) == 0


def test_training_is_deterministic_and_survives_json() -> None:
    """The same approvals in any order give the same model, and JSON export/import changes nothing."""
    one = Learner().train(APPROVED)
    two = Learner().train(list(reversed(APPROVED)))
    assert one.to_json() == two.to_json()
    again = Model.from_json(one.to_json())
    assert again.to_json() == one.to_json()
    block = features("document", "Escrow release schedule v4", 9)
    assert again.predict(block) == one.predict(block)
    assert len(Model.from_json(None)) == 0 and Model.from_json("").predict(block) is None


def test_training_adds_to_a_base_model() -> None:
    """Training with a base model adds the new approvals to the old ones."""
    base = Learner().train(APPROVED[:2])
    grown = Learner().train(APPROVED[2:], base=base)
    assert grown.approvals == Learner().train(APPROVED).approvals


def _window(minute: int, minutes: int, title: str) -> Event:
    start = datetime(2026, 2, 2, 9, 0, tzinfo=UTC) + timedelta(minutes=minute)
    return Event(
        Source.WINDOW, start, start + timedelta(minutes=minutes), WindowPayload("WINWORD.EXE", title)
    )


def test_by_default_the_model_suggests_and_the_draft_asks() -> None:
    """An undecided document is not drafted to the learned matter: the draft asks, offering that matter with
    what it learned from. Own evidence is untouched."""
    model = Learner().train(APPROVED)
    events = [
        _window(0, 30, "Exit interview summary - HR notes v3.docx - Word"),
        _window(120, 30, "Smith v Acme - exit interview summary HR notes.docx - Word"),
    ]
    suggested = build_drafts(events, MATTERS, DAY, UTC, model=model)
    assert not any(e.matter == "1003-Northwind" for e in suggested)
    (asked,) = [e for e in suggested if e.kind is EntryKind.UNASSIGNED]
    assert asked.candidates == ("1003-Northwind",) and asked.worked_seconds == 30 * 60
    assert any(r.startswith("suggested: learned from 2 approvals") for r in asked.reasons)
    assert any(p.code is ProblemCode.AMBIGUOUS_MATTER and "1003-Northwind" in p.message for p in asked.problems)
    assert sum(e.worked_seconds for e in suggested if e.matter == "1001-Smith") == 30 * 60


def test_build_uses_the_model_only_where_the_rules_are_weak() -> None:
    """Where the firm lets the model decide, an undecided document takes the learned matter (with the
    reason); own evidence still wins."""
    model = Learner().train(APPROVED)
    events = [
        _window(0, 30, "Exit interview summary - HR notes v3.docx - Word"),
        _window(120, 30, "Smith v Acme - exit interview summary HR notes.docx - Word"),
    ]
    without = build_drafts(events, MATTERS, DAY, UTC)
    assert not any(e.matter == "1003-Northwind" for e in without)
    learned = build_drafts(events, MATTERS, DAY, UTC, SessionizePolicy(learned_decides=True), model=model)
    garcia = [e for e in learned if e.matter == "1003-Northwind"]
    assert sum(e.worked_seconds for e in garcia) == 30 * 60
    assert any(r.startswith("learned from 2 approvals") for e in garcia for r in e.reasons)
    assert sum(e.worked_seconds for e in learned if e.matter == "1001-Smith") == 30 * 60


def test_model_below_its_confidence_threshold_is_ignored() -> None:
    """With the threshold above any confidence, the model changes no draft."""
    model = Learner().train(APPROVED)
    events = [_window(0, 30, "Exit interview summary - HR notes v3.docx - Word")]
    strict = SessionizePolicy(learned_confidence=1.01, learned_decides=True)
    assert build_drafts(events, MATTERS, DAY, UTC, strict, model=model) == build_drafts(
        events, MATTERS, DAY, UTC
    )
