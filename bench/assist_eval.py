"""The AI assist against the rules alone, on labelled weeks, answered by a fake model that sees only what was
sent (tests/fakes/openai_compat.py: the candidate sharing most words with the request, codes by the
narrative's words, a rewrite of the narrative), never the truth.

  python bench/assist_eval.py DIR [DIR ...] [--json]

Each DIR is a week (aw-export.json, matters.csv, calendar.ics, truth.json) or a folder of weeks. Per week:
capture and wrong (bench/score.py's figures) with the rules alone, with the assist on a local endpoint (the
fake served on 127.0.0.1: every client may be asked about, unassigned time included), and with a remote
endpoint where only the first client of the matter list consented; then the share of drafts whose
narrative, codes or matter the assist changed, and the requests sent.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from attribution_eval import weeks_under  # noqa: E402
from sessionize_accuracy import load  # noqa: E402
from tests.fakes.openai_compat import FakeOpenAI  # noqa: E402

from ledgerwatch.assist import Assistant, AssistSettings, ChatClient, ConsentRegistry, Redactor, route  # noqa: E402
from ledgerwatch.assist.redact import people_to_redact  # noqa: E402
from ledgerwatch.domain import Matter, TimeEntry  # noqa: E402
from ledgerwatch.sessionize import build_range, drafts_document  # noqa: E402

NOW = datetime(2026, 3, 1, tzinfo=UTC)
SETTINGS = {
    "enabled": True,
    "model": "fake",
    "rewrite_narratives": True,
    "suggest_codes": True,
    "daily_budget_requests": 100_000,
    "build_budget_seconds": 600.0,
}


def _scorer() -> Any:
    """The scorer (bench/score.py) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("lw_score", HERE / "score.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def assisted(drafts: list[TimeEntry], matters: list[Matter], local: bool) -> tuple[list[TimeEntry], int]:
    """The drafts after the assist, and how many requests were sent."""
    fake = FakeOpenAI(api_key=None if local else "sk-test")
    redactor = Redactor(people_to_redact((), matters, ()))
    if local:
        with fake.serve() as base:
            settings = AssistSettings(base_url=base, **SETTINGS)  # type: ignore[arg-type]
            connection = route(base, 10.0)
            client = ChatClient(settings, connection.http, key=lambda _u: None, clock=lambda: NOW, local=True)
            out = Assistant(client, ConsentRegistry(), redactor, settings).run(drafts, matters)
        return out, len(fake.log)
    settings = AssistSettings(base_url="https://ai.example.test/v1", **SETTINGS)  # type: ignore[arg-type]
    first = matters[0].client.name
    client = ChatClient(
        settings, httpx.Client(transport=fake.transport()), key=lambda _u: "sk-test", clock=lambda: NOW
    )
    out = Assistant(client, ConsentRegistry().grant(first, NOW), redactor, settings).run(drafts, matters)
    return out, len(fake.log)


def changed(before: list[TimeEntry], after: list[TimeEntry]) -> dict[str, float]:
    pairs = list(zip(before, after, strict=True))
    n = len(pairs) or 1
    return {
        "narratives": sum(a.description != b.description for b, a in pairs) / n,
        "codes": sum((a.task_code, a.activity_code) != (b.task_code, b.activity_code) for b, a in pairs) / n,
        "matters": sum(a.matter != b.matter for b, a in pairs) / n,
    }


def score_week(week: Path, score: Any) -> dict[str, Any]:
    truth, tz, events, matters, first, last = load(week)
    rules = build_range(events, matters, first, last, tz)

    def figures(entries: list[TimeEntry]) -> dict[str, float]:
        document = json.loads(json.dumps(drafts_document(entries, tz, matters)))
        found = score.score(truth, document["drafts"])
        return {"capture": found["capture"], "wrong": found["wrong"]}

    row: dict[str, Any] = {"rules": figures(rules), "drafts": len(rules)}
    for name, local in (("local", True), ("remote_one_client", False)):
        after, sent = assisted(rules, matters, local)
        row[name] = figures(after) | changed(rules, after) | {"sent": sent}
    return row


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("dirs", nargs="+", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    score = _scorer()
    rows = {f"{w.parent.name}/{w.name}": score_week(w, score) for w in weeks_under(args.dirs)}
    if args.json:
        print(json.dumps(rows, indent=1))
        return 0
    head = f"{'week':<30} {'rules cap/wrong':>16} {'local cap/wrong':>16} {'narr':>5} {'codes':>6} {'matter':>6} {'sent':>5}"
    print(head + f"  {'1-client cap/wrong':>18} {'narr':>5} {'sent':>5}")
    for name, r in rows.items():
        lo, re_ = r["local"], r["remote_one_client"]
        print(
            f"{name:<30} {r['rules']['capture']:7.1%}/{r['rules']['wrong']:5.1%}   "
            f"{lo['capture']:7.1%}/{lo['wrong']:5.1%}   {lo['narratives']:5.0%} {lo['codes']:6.0%} "
            f"{lo['matters']:6.0%} {lo['sent']:5d}  {re_['capture']:10.1%}/{re_['wrong']:5.1%}   "
            f"{re_['narratives']:5.0%} {re_['sent']:5d}"
        )
    mean = {
        key: statistics.fmean(r[part][metric] for r in rows.values())
        for key, part, metric in (
            ("rules capture", "rules", "capture"),
            ("rules wrong", "rules", "wrong"),
            ("local capture", "local", "capture"),
            ("local wrong", "local", "wrong"),
            ("local narratives changed", "local", "narratives"),
            ("one-client capture", "remote_one_client", "capture"),
            ("one-client wrong", "remote_one_client", "wrong"),
        )
    }
    print("mean: " + ", ".join(f"{k} {v:.1%}" for k, v in mean.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
