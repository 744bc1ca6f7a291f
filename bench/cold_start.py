"""Cold start: CPU seconds of `ledgerwatch --help` and `ledgerwatch status`, the bundle's and this tree's.

    python bench/cold_start.py [--runs 7] [--bundle dist/ledgerwatch] [--json out.json]

Each command runs in a fresh process against a throw-away LEDGERWATCH_HOME (a store made once first, as after
install); CPU is the child's user + system time (resource.getrusage), the median over the runs. Targets
(issue 18): --help <= 0.35 s, status <= 0.5 s.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"--help": 0.35, "status": 0.5}


def cpu_of(argv: list[str], env: dict[str, str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(command: list[str], runs: int, home: Path, source: bool) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env["LEDGERWATCH_HOME"] = str(home)
    if source:
        env["PYTHONPATH"] = str(ROOT / "src")
    subprocess.run([*command, "status"], env=env, stdout=subprocess.DEVNULL, check=True)  # the store exists
    return {
        name: round(statistics.median(cpu_of([*command, name], env) for _ in range(runs)), 3)
        for name in TARGETS
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ledgerwatch")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    commands = {"source": [sys.executable, "-m", "ledgerwatch"]}
    if (args.bundle / "ledgerwatch").exists():
        commands = {"bundle": [str(args.bundle / "ledgerwatch")], **commands}
    else:
        print(
            f"no bundle at {args.bundle} (scripts/build-bundle.sh): measuring the source only",
            file=sys.stderr,
        )
    result = {}
    for what, command in commands.items():
        with tempfile.TemporaryDirectory(prefix="lw-cold-") as home:
            result[what] = measure(command, args.runs, Path(home), source=what == "source")
    print(f"CPU seconds (user + system), median of {args.runs} runs")
    print(f"{'':<8} {'--help':>8} {'status':>8}")
    for what, figures in result.items():
        print(f"{what:<8} {figures['--help']:>8.3f} {figures['status']:>8.3f}")
    print(f"targets: --help <= {TARGETS['--help']} s, status <= {TARGETS['status']} s")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2))
    first = next(iter(result.values()))
    return 0 if all(first[name] <= limit for name, limit in TARGETS.items()) else 1


if __name__ == "__main__":
    sys.exit(main())
