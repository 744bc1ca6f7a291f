"""The drafts export document: exactly the JSON shape bench/score.py (the shared scorer) reads."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo
from typing import Any

from ledgerwatch.domain import Matter, TimeEntry


def drafts_document(
    entries: Sequence[TimeEntry], tz: tzinfo, matters: Sequence[Matter] = ()
) -> dict[str, Any]:
    """{"drafts": [...]} with spans in ISO-8601 UTC and hours as Decimal strings."""
    clients = {m.number: m.client.name for m in matters}
    return {
        "timezone": str(tz),
        "drafts": [
            {
                "id": entry.id,
                "matter": entry.matter,
                "client": clients.get(entry.matter) if entry.matter else None,
                "kind": entry.kind.value,
                "date": entry.date.isoformat(),
                "spans": [
                    {
                        "start": span.start.astimezone(UTC).isoformat(),
                        "end": span.end.astimezone(UTC).isoformat(),
                    }
                    for span in entry.spans
                ],
                "worked_seconds": entry.worked_seconds,
                "billed_hours": str(entry.billed_hours),
                "activity_code": entry.activity_code,
                "task_code": entry.task_code,
                "description": entry.description,
                "confidence": str(entry.confidence),
                "reasons": list(entry.reasons),
                "problems": [
                    {"code": p.code, "message": p.message, "severity": p.severity.value}
                    for p in entry.problems
                ],
                "status": entry.status.value,
            }
            for entry in entries
        ],
    }
