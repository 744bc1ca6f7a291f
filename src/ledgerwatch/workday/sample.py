"""The sample week's drafts (the demo, tests and benchmarks): sessionize when it can, else the truth file."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ledgerwatch.domain import EntryKind, Evidence, RoundingPolicy, Span, TimeEntry
from ledgerwatch.workday.service import Workday
from ledgerwatch.workday.views import Outcome

SAMPLE_EVIDENCE = (
    ("draft/review ", "document", "A103"),
    ("correspondence re ", "email", "A106"),
    ("call: ", "calendar", "A106"),
)


def sample_drafts(truth: Mapping[str, Any], day: date, policy: RoundingPolicy) -> list[TimeEntry]:
    """Drafts made from a sample week's truth file: a stand-in while sessionize cannot build them."""
    out: list[TimeEntry] = []
    for i, item in enumerate(truth["intervals"]):
        start = datetime.fromisoformat(item["start"]).astimezone(UTC)
        end = datetime.fromisoformat(item["end"]).astimezone(UTC)
        if start.date() != day or item["kind"] == "away":
            continue
        span = Span(start.replace(microsecond=0), end.replace(microsecond=0))
        what: str = item["what"]
        kind = {"billable": EntryKind.BILLABLE, "personal": EntryKind.PERSONAL}.get(
            item["kind"], EntryKind.NONBILLABLE
        )
        evidence_kind, label, code = "window", what, None
        for prefix, ev_kind, activity in SAMPLE_EVIDENCE:
            if what.startswith(prefix):
                evidence_kind, label, code = ev_kind, what[len(prefix) :], activity
        narrative = {
            "document": f"Draft and revise {label}",
            "email": f"Correspondence regarding {label}",
            "calendar": f"Conference call: {label}",
        }.get(evidence_kind, what.capitalize())
        out.append(
            TimeEntry(
                id=f"{day:%Y%m%d}-{i:03d}",
                date=day,
                spans=(span,),
                worked_seconds=span.seconds,
                billed_hours=policy.bill(span.seconds) if kind is EntryKind.BILLABLE else Decimal("0.0"),
                matter=item["matter"],
                kind=kind,
                activity_code=code if kind is EntryKind.BILLABLE else None,
                description=narrative,
                confidence=Decimal("0.9") if item["matter"] else Decimal("0.7"),
                reasons=(f"{evidence_kind} '{label}' names the matter" if item["matter"] else f"{what}",),
                evidence=(Evidence(evidence_kind, label, span.seconds, item["matter"]),),
            )
        )
    return out


def build_sample_day(workday: Workday, samples: Any, day: date, *, prefer_sessionize: bool = True) -> Outcome:
    """Drafts for one sample day: sessionize when it can build them, else the sample's truth file."""
    try:
        if not prefer_sessionize:
            raise ImportError("sample drafts asked for")
        return workday.rebuild(day)
    except ImportError:
        truth = json.loads((Path(samples) / "truth.json").read_text(encoding="utf-8"))
        drafts = sample_drafts(truth, day, workday.default_policy())
        result = workday.entries.replace_drafts(day, drafts, actor="sample")
        return Outcome(True, f"{result.written} sample drafts (sessionize not available)")
