"""Weeks of the seed-built firms (bench/corpus/firms): plan.py makes the truth, render.py the recording."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from plan import Event, Memory, Planner, Seg, plan_calendar
from render import Renderer, Stamp, seg_tags
from world import Firm


@dataclass
class Week:
    segs: list[Seg]
    wins: list[Stamp]
    afk: list[tuple[int, int, str]]
    events: list[Event]
    deadlines: list[tuple[int, str]]
    tags: list[set[str]] = field(default_factory=list)


# ---------------------------------------------------------------- the week


def build_week(f: Firm, week: int, monday: date, seed: int, mem: Memory) -> Week:
    rng = random.Random(f"{f.persona}:{seed}:{week}")
    events, deadlines = plan_calendar(f, week, rng)
    planner = Planner(f, rng, mem)
    segs: list[Seg] = []
    wins: list[Stamp] = []
    afk: list[tuple[int, int, str]] = []
    for i in range(5):
        d = monday + timedelta(days=i)
        day = planner.day(d, events)
        r = Renderer(f, rng, mem, d)
        r.render(day)
        segs.extend(day)
        wins.extend(r.wins)
        afk.extend(_afk_events(day[0].start, r.wins[-1][1], r.afk))
    wk = Week(segs, wins, afk, events, deadlines)
    wk.tags = [seg_tags(f, s, wins) for s in segs]
    return wk


def _afk_events(s: int, e: int, away: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    t = s
    for a, b in sorted(away):
        if b <= t:
            continue
        a = max(a, t)
        if a > t:
            out.append((t, a, "not-afk"))
        if out and out[-1][2] == "afk" and out[-1][1] == a:
            out[-1] = (out[-1][0], b, "afk")  # travel, hearing, travel back: one idle stretch
        else:
            out.append((a, b, "afk"))
        t = b
    if t < e:
        out.append((t, e, "not-afk"))
    return out
