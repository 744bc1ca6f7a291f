"""The sync soak, per provider fake: 1,000 approved entries, ~25% of requests failing at random (429 with
Retry-After, 500s, timeouts and resets before and after the change is applied, expired tokens, validation
refusals), four `sync push` processes started at once, every one still running SIGKILLed twice mid-run, then
four more to the end (the attorney's `sync retry` for what the provider refused as invalid).

Run: .venv/bin/python bench/sync_chaos.py [--entries 1000] [--concurrent 4] [--kills 2] [--providers clio,...]
Prints one line per provider; exit 0 only when every provider ends with exactly the approved entries: none
twice, none lost, none different, nothing left parked or queued, no request its documentation forbids.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fakes import chaos  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--concurrent", type=int, default=4)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--faults", type=float, default=0.25)
    parser.add_argument("--providers", default=",".join(sorted(chaos.FAKES)))
    args = parser.parse_args()
    ok = True
    for provider in args.providers.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            soak = chaos.run(
                provider,
                Path(tmp),
                Path(tmp) / "keyring.json",
                total=args.entries,
                concurrent=args.concurrent,
                kills=args.kills,
                fault_rate=args.faults,
                limit=900.0,
            )
        print(soak.line(), flush=True)
        ok &= soak.exact and soak.kills == args.kills
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
