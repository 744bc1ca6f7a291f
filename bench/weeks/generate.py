"""Generate weeks for a firm and write them out.

OUTDIR/week1..weekN/ each get aw-export.json, matters.csv, calendar.ics and truth.json.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from . import firms, render
from .firms import World
from .model import Week
from .planner import build_week
from .render import Timelines
from .tasks import State

FILES = ("aw-export.json", "matters.csv", "calendar.ics", "truth.json")


@dataclass
class Generated:
    world: World
    week: Week
    files: dict[str, str]
    timelines: Timelines


def generate(firm: str, seed: int, weeks: int, start: date) -> list[Generated]:
    if start.weekday() != 0:
        raise ValueError(f"{start} is not a Monday")
    if firm not in firms.PROFILES:
        raise ValueError(f"unknown firm {firm!r}; one of {', '.join(firms.PROFILES)}")
    world = firms.build(firm, seed, start)
    st = State()
    out = []
    for n in range(1, weeks + 1):
        monday = start + timedelta(weeks=n - 1)
        week = build_week(world, st, seed, n, monday, start)
        export, tl = render.aw_export(world, week, random.Random(f"{seed}:{firm}:week{n}:render"))
        files = {
            "aw-export.json": render.dumps(export),
            "matters.csv": render.matters_csv(world, world.matters),
            "calendar.ics": render.calendar_ics(world, week),
            "truth.json": render.dumps(render.truth(week)),
        }
        out.append(Generated(world, week, files, tl))
    return out


def write(outdir: Path, generated: list[Generated]) -> list[Path]:
    written = []
    for n, g in enumerate(generated, start=1):
        folder = outdir / f"week{n}"
        folder.mkdir(parents=True, exist_ok=True)
        for name in FILES:
            path = folder / name
            with path.open("w", encoding="utf-8", newline="") as f:
                f.write(g.files[name])
            written.append(path)
    return written


def parse_all(g: Generated) -> dict[str, Any]:
    """The files read back (for checks): JSON documents and CSV rows."""
    import csv
    import io
    import json

    return {
        "aw": json.loads(g.files["aw-export.json"]),
        "truth": json.loads(g.files["truth.json"]),
        "matters": list(csv.DictReader(io.StringIO(g.files["matters.csv"]))),
    }
