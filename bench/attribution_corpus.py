"""Attribution on weeks nobody tuned to: fresh weeks from both generators, scored as the issue measures them.

  python bench/attribution_corpus.py [--seeds 31 32] [--out DIR] [--json]

For each seed it generates two weeks of every persona of bench/corpus (the firm of the shared sample on
Windows and macOS, and the other firms) and of bench/weeks (three more firms by an independent generator),
then prints capture / wrong / phantom / time_err as the mean and the worst week for:

- another firm's weeks (every persona that is not the sample's firm), rules alone;
- the sample firm's unseen weeks (Windows and macOS), rules alone;
- week two after week one was reviewed (drafts corrected to the truth and approved), rules + memory;
- the same for four firms of bench/thirdfirm, a third generator written blind, on lines of their own.

Pick seeds never used while developing (the default ones were held out).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from attribution_eval import _scorer, score_week
from sessionize_accuracy import teach

HERE = Path(__file__).resolve().parent
SAMPLE_FIRM = ("colebrandt-win", "colebrandt-mac")
CORPUS_A = (
    "win-insurance-defense",
    "mac-patent-prosecution",
    "win-employment-immigration",
    *SAMPLE_FIRM,
)
CORPUS_B = ("insurance-defense", "ip-boutique", "main-street")
CORPUS_C = ("commlit", "estates", "family", "ip")
"""bench/thirdfirm: a third generator, written blind (from the issue and the sample's formats, without reading the
product or the other generators); reported on its own lines so the first two stay comparable across stops"""


GENERATORS = (
    ("corpus/generate.py", "--persona", CORPUS_A, ""),
    ("weeks/make.py", "--firm", CORPUS_B, ""),
    ("thirdfirm/make.py", "--firm", CORPUS_C, "tf-"),
)
"""(script, its persona option, the personas it makes, the folder prefix)"""


def generate(out: Path, seeds: list[int]) -> list[Path]:
    """Persona folders (each holding week1, week2) for every seed."""
    folders: list[Path] = []
    for seed in seeds:
        for script, option, personas, prefix in GENERATORS:
            for persona in personas:
                folder = out / f"{prefix}{persona}-s{seed}"
                subprocess.run(
                    [sys.executable, str(HERE / script), str(folder), option, persona,
                     "--weeks", "2", "--start", "2026-05-04", "--seed", str(seed)],
                    check=True, capture_output=True,
                )  # fmt: skip
                folders.append(folder)
    return folders


def summary(rows: list[dict[str, float]]) -> dict[str, dict[str, float]]:
    keys = ("capture", "wrong", "phantom", "time_err")
    return {
        "mean": {k: statistics.fmean(r[k] for r in rows) for k in keys},
        "worst": {
            "capture": min(r["capture"] for r in rows),
            "wrong": max(r["wrong"] for r in rows),
            "phantom": max(r["phantom"] for r in rows),
            "time_err": max(r["time_err"] for r in rows),
        },
        "weeks": {"count": float(len(rows))},
    }


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seeds", type=int, nargs="+", default=[31, 32])
    parser.add_argument("--out", type=Path, default=None, help="keep the generated weeks here")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    score = _scorer()
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        folders = generate(out, args.seeds)
        other, sample, taught, third, third_taught = [], [], [], [], []
        by_generator: dict[str, list[dict[str, float]]] = {"bench/corpus": [], "bench/weeks": []}
        for folder in folders:
            weeks = sorted(p for p in folder.iterdir() if (p / "truth.json").exists())
            persona = folder.name.rsplit("-s", 1)[0]
            blind = persona.startswith("tf-")
            group = third if blind else sample if persona in SAMPLE_FIRM else other
            for week in weeks:
                figures = score_week(week, None, score)
                group.append(figures)
                if persona not in SAMPLE_FIRM and not blind:
                    by_generator["bench/corpus" if persona in CORPUS_A else "bench/weeks"].append(figures)
            memory = teach(weeks[0], None)
            second = score_week(weeks[1], memory, score)
            if blind:
                third_taught.append(second)
            else:
                taught.append({**second, "sample": folder.name.startswith("colebrandt")})
    report = {
        "another firm, rules": summary(other),
        "  of which bench/corpus firms": summary(by_generator["bench/corpus"]),
        "  of which bench/weeks firms": summary(by_generator["bench/weeks"]),
        "sample firm, rules": summary(sample),
        "week two after review, other firms": summary([r for r in taught if not r["sample"]]),
        "week two after review, sample firm": summary([r for r in taught if r["sample"]]),
        "blind generator (bench/thirdfirm), rules": summary(third),
        "blind generator, week two after review": summary(third_taught),
    }
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"seeds {args.seeds}: {len(folders)} persona folders, 2 weeks each")
    for title, figures in report.items():
        for which in ("mean", "worst"):
            f = figures[which]
            print(
                f"{title + ' (' + which + ')':<52} capture {f['capture']:6.1%}  wrong {f['wrong']:5.1%}  "
                f"phantom {f['phantom']:5.1%}  time_err {f['time_err']:5.1%}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
