"""Write (or check) the drafts snapshots that pin sessionize's output on the sample and corpus weeks.

  python bench/sessionize_snapshot.py [--check]

Each snapshot is the drafts document of one week, built without memory or model. The regression test
tests/test_sessionize_snapshot.py compares fresh drafts with them: a speed change must leave them
byte for byte; an accuracy change rewrites them on purpose (run this script and review the diff).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from sessionize_accuracy import SAMPLE, load

from ledgerwatch.sessionize import build_range, drafts_document

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "sessionize"
CORPUS = ROOT / "tests" / "data" / "corpus"


def weeks() -> dict[str, Path]:
    """Snapshot name -> week directory: the corpus weeks and the packaged sample week."""
    found = {
        f"{persona.name}-{week.name}": week
        for persona in sorted(CORPUS.iterdir())
        for week in sorted(persona.iterdir())
    }
    found["sample-week1"] = SAMPLE
    return found


def document(week: Path) -> str:
    """The drafts document of a week as stable, indented JSON."""
    _truth, tz, events, matters, first, last = load(week)
    entries = build_range(events, matters, first, last, tz)
    return json.dumps(drafts_document(entries, tz, matters), indent=1, sort_keys=True) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    changed = []
    for name, week in weeks().items():
        path = OUT / f"{name}.json"
        text = document(week)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                changed.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check:
        print("snapshots unchanged" if not changed else f"changed: {', '.join(changed)}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main())
