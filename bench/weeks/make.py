#!/usr/bin/env python3
"""Second, independent synthetic-week generator for attribution benchmarks.

python3 bench/weeks/make.py OUTDIR --firm NAME --weeks N --start YYYY-MM-DD --seed S [--stats]
python3 bench/weeks/make.py --list
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from weeks.cli import main

if __name__ == "__main__":
    sys.exit(main())
