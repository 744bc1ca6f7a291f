"""What a down AI endpoint costs a build: the sample week's drafts built with the assist off, then on with the
endpoint (on this machine, so every draft may be asked about) down in two ways, side by side in one run.

  python bench/assist_down.py [WEEK_DIR] [--timeout 20]

  refused      nothing listens on the port: each connection is refused at once
  blackhole    a socket that accepts and never answers: each request waits out its timeout

Target (issue 21): a week with the endpoint down costs <= 30 s more than with the assist off. Each build is
a fresh home (`drafts build` through app.Services), so the circuit breaker starts closed every time; with
the default time budget per build (ai.build_budget_seconds, 15 s) the first timeout opens it.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from ledgerwatch import config, samples
from ledgerwatch.app import open_services

SAMPLE = samples.week()


@contextmanager
def refused_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yield port  # closed: nothing listens there now


@contextmanager
def blackhole_port() -> Iterator[int]:
    """A listening socket that never accepts: connections complete, requests are never answered."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(128)
        yield sock.getsockname()[1]


def build(week: Path, ai: dict[str, object]) -> tuple[float, int, str]:
    """Seconds to build the week's drafts, how many drafts, and the assist's summary line."""
    truth = json.loads((week / "truth.json").read_text(encoding="utf-8"))
    days = sorted({datetime.fromisoformat(i["start"]).date() for i in truth["intervals"]})
    with tempfile.TemporaryDirectory() as home:
        Path(home, "config").mkdir()
        lines = [f'timezone = "{truth.get("timezone", "UTC")}"', "[ai]"]
        lines += [f"{key} = {json.dumps(value)}" for key, value in ai.items()]
        Path(home, "config", "config.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
        env["LEDGERWATCH_HOME"] = home
        with open_services(config.load(env=env)) as svc:
            svc.import_matters(week / "matters.csv")
            svc.import_activitywatch(week / "aw-export.json")
            if (week / "calendar.ics").exists():
                svc.import_ics(week / "calendar.ics")
            began = time.perf_counter()
            results = svc.build_drafts(days[0], days[-1])
            elapsed = time.perf_counter() - began
            report = svc.assist_report()
    return elapsed, sum(r.written for _, r in results), report.summary() if report else "assist off"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("week", nargs="?", type=Path, default=SAMPLE)
    parser.add_argument("--timeout", type=float, default=20.0, help="ai.timeout_seconds (default 20)")
    args = parser.parse_args()
    on = {
        "enabled": True,
        "model": "local-model",
        "timeout_seconds": args.timeout,
        "rewrite_narratives": True,
        "suggest_codes": True,
    }
    off_seconds, drafts, _ = build(args.week, {})
    print(f"assist off          {off_seconds:6.2f} s  ({drafts} drafts)")
    worst = 0.0
    for name, port_of in (("refused", refused_port), ("blackhole", blackhole_port)):
        with port_of() as port:
            seconds, _, summary = build(args.week, on | {"base_url": f"http://127.0.0.1:{port}/v1"})
        extra = seconds - off_seconds
        worst = max(worst, extra)
        print(f"endpoint {name:<10} {seconds:6.2f} s  (+{extra:.2f} s)  {summary}")
    verdict = "met" if worst <= 30 else "NOT met"
    print(f"target: <= 30 s more than the assist off: {verdict} (worst +{worst:.2f} s)")
    return 0 if worst <= 30 else 1


if __name__ == "__main__":
    sys.exit(main())
