"""Generate realistic attorney work weeks (ActivityWatch export, matters, calendar, truth) for other firms.

  python bench/corpus/generate.py OUTDIR --persona mac-litigator --weeks 2 --start 2026-03-02 --seed 7

writes OUTDIR/week1 .. OUTDIR/weekN, each with aw-export.json, matters.csv, calendar.ics and truth.json
in the formats of the sample week (src/ledgerwatch/samples). The truth comes from the generator's own day plan (what the
attorney was really doing), never from attribution rules. Stdlib only; the output is a pure function of
(persona, weeks, start, seed).
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import engine
import export
from common import EPOCH, MIN, US, hm, ics_utc, iso_py, iso_rust, iso_truth, us_dst
from common import fold as _fold
from common import ics_text as _ics_text
from firms import FIRMS
from model import Art, Meeting, Persona, Win, stable_id
from personas import PERSONAS

Stamp = tuple[int, int, Win]  # (start µs, end µs, window)


@dataclass(frozen=True)
class Seg:
    """One interval of the attorney's real day: the unit of the truth file."""

    start: int
    end: int
    kind: str  # billable | nonbillable | personal | away
    task: str  # draft | review | email | research | site | ai | call | cle | meeting | admin | personal | lunch | break | gone
    matter: str | None = None
    art: Art | None = None
    meeting: Meeting | None = None
    isolated: bool = False  # a weak artifact with no same-matter context around it
    what: str = ""


@dataclass(frozen=True)
class Week:
    """Everything generated for one week."""

    segs: tuple[Seg, ...]
    wins: tuple[Stamp, ...]
    webs: tuple[tuple[int, int, dict[str, object]], ...]
    afk: tuple[tuple[int, int, str], ...]
    calendar: str
    matters_csv: str


# ---------------------------------------------------------------- time


def utc_offset_h(p: Persona, d: date) -> int:
    """The persona's UTC offset on a date (US daylight-saving rules since 2007)."""
    return p.std_offset_h + (1 if us_dst(d) else 0)


def local_us(p: Persona, d: date, minutes: float) -> int:
    """Epoch microseconds of a local wall-clock time (minutes after local midnight)."""
    days = (d - EPOCH).days
    return days * 86400 * US + int(minutes * MIN) - utc_offset_h(p, d) * 3600 * US


# ---------------------------------------------------------------- planning


def _arts(p: Persona, week: int, matter: str, kinds: tuple[str, ...]) -> list[Art]:
    return [a for a in p.arts if a.matter == matter and a.kind in kinds and a.since <= week]


def _matters_on_list(p: Persona, week: int) -> list[str]:
    return [m.number for m in p.matters if m.since <= week]


TASK_KINDS = {
    "draft": ("doc", "sheet"),
    "review": ("pdf",),
    "email": ("thread",),
    "research": ("research",),
    "site": ("site",),
    "ai": ("ai",),
}


def _pick_art(p: Persona, week: int, arts: list[Art], rng: random.Random, avoid: Art | None) -> Art:
    weights = []
    for a in arts:
        w = 0.5 if a.weak else 1.0
        if a.since == week and week > 1:
            w *= 1.5
        if a == avoid:
            w *= 0.05
        weights.append(w)
    return rng.choices(arts, weights)[0]


@dataclass
class Budget:
    """How much isolated weak work a week has had so far (keeps its share steady across seeds)."""

    seen: frozenset[str]  # artifact names that appeared in earlier weeks' windows (a learner met them)
    billable: int = 0
    isolated: int = 0
    unseen: int = 0

    def isolate(self, week: int, art: Art, dur: int) -> bool:
        """Week 1 ~2% isolated weak work; later weeks ~10% on known artifacts and ~1% on unknown ones."""
        self.billable += dur
        if not art.weak:
            return False
        known = week > 1 and art.name in self.seen
        if known:
            ok = self.isolated + dur <= 0.10 * self.billable
        else:
            ok = self.unseen + dur <= (0.02 if week == 1 else 0.012) * self.billable
        if ok and known:
            self.isolated += dur
        elif ok:
            self.unseen += dur
        return ok


def _task_seg(
    p: Persona, week: int, start: int, end: int, rng: random.Random, prev: Seg | None, budget: Budget
) -> Seg:
    """A billable task on a matter, its main artifact chosen by the persona's habits."""
    numbers = [m for m in p.matters if m.since <= week and m.weight > 0]
    weights = [m.weight * (0.4 if prev is not None and prev.matter == m.number else 1.0) for m in numbers]
    matter = rng.choices(numbers, weights)[0].number
    options = [(t, w) for t, w in p.task_weights.items() if _arts(p, week, matter, TASK_KINDS[t])]
    task = rng.choices([t for t, _ in options], [w for _, w in options])[0]
    art = _pick_art(p, week, _arts(p, week, matter, TASK_KINDS[task]), rng, prev.art if prev else None)
    # a weak artifact met without same-matter context: rare in week 1 and for unknown ones, common once known
    isolated = budget.isolate(week, art, end - start)
    return Seg(start, end, "billable", task, matter, art, None, isolated, _what(task, art))


def _what(task: str, art: Art) -> str:
    return {
        "draft": f"draft/revise {art.name}",
        "review": f"review {art.name}",
        "email": f"correspondence: {art.name}",
        "research": f"legal research: {art.name}",
        "site": f"online: {art.name}",
        "ai": f"AI tool: {art.name}",
    }[task]


def _overlaps(s: int, e: int, segs: list[Seg]) -> bool:
    return any(s < x.end and x.start < e for x in segs)


def plan_day(p: Persona, week: int, d: date, rng: random.Random, budget: Budget) -> list[Seg]:
    """The attorney's real day: fixed items (calls, lunch, breaks, admin, personal), tasks in between."""
    phase = (week - 1) % 2 + 1
    day0 = local_us(p, d, hm(p.day_start) + rng.randint(-20, 20))
    day1 = local_us(p, d, hm(p.day_end) + rng.randint(-30, 35))
    fixed: list[Seg] = []
    for m in p.meetings:
        if m.weekday != d.weekday() or m.status in ("cancelled", "declined"):
            continue
        if not m.rrule and phase not in m.weeks:
            continue
        jitter = rng.randint(0, 50) if m.status == "adhoc" else rng.randint(-60, 300)
        s = local_us(p, d, hm(m.at)) + jitter * US
        e = s + max(5 * MIN, m.minutes * MIN + rng.randint(-240, 420) * US)
        for x in fixed:  # a call that starts while another runs waits for it
            if s < x.end and x.start < e:
                s, e = x.end, x.end + (e - s)
        task = {"zoom_webinar": "cle"}.get(m.app, "call" if m.kind == "billable" else "meeting")
        what = m.what or (f"call: {m.summary}" if m.kind == "billable" else m.summary)
        fixed.append(Seg(s, e, m.kind, task, m.matter, None, m, False, what))
    for fw, wd, at, minutes, matter, name in p.forced:
        if fw == week and wd == d.weekday():
            art = next(a for a in p.arts if a.name == name)
            task = next(t for t, kinds in TASK_KINDS.items() if art.kind in kinds)
            s = local_us(p, d, hm(at))
            fixed.append(
                Seg(s, s + minutes * MIN, "billable", task, matter, art, None, False, _what(task, art))
            )
    day0 = min(day0, *(x.start - 20 * MIN for x in fixed)) if fixed else day0
    day1 = max(day1, *(x.end + 15 * MIN for x in fixed)) if fixed else day1

    def place(kind: str, task: str, what: str, lo: int, hi: int, minutes: tuple[int, int]) -> None:
        for _ in range(40):
            dur = rng.randint(minutes[0] * 60, minutes[1] * 60) * US
            s = rng.randint(lo, max(lo, hi - dur))
            if (
                s >= day0 + 10 * MIN
                and s + dur <= day1 - 5 * MIN
                and not _overlaps(s - 8 * MIN, s + dur + 8 * MIN, fixed)
            ):
                fixed.append(Seg(s, s + dur, kind, task, None, None, None, False, what))
                return

    eod = rng.randint(5 * 60, 14 * 60) * US
    fixed.append(
        Seg(day1 - eod, day1, "nonbillable", "admin", None, None, None, False, "firm admin: timesheet")
    )
    place("away", "lunch", "lunch", local_us(p, d, 11 * 60 + 50), local_us(p, d, 13 * 60 + 30), (28, 58))
    place("nonbillable", "admin", "firm admin", day0 + 10 * MIN, day0 + 120 * MIN, (4, 12))
    for _ in range(rng.choice([1, 2, 2, 3])):
        place("away", "break", "break", day0 + 60 * MIN, day1 - 60 * MIN, (5, 17))
    for _ in range(rng.choice([1, 2, 2, 3])):
        place("personal", "personal", "personal browsing", day0 + 30 * MIN, day1 - 30 * MIN, (4, 14))
    fixed.sort(key=lambda x: x.start)

    segs: list[Seg] = []
    t = day0
    for x in fixed:
        gap = x.start - t
        if 0 < gap < 8 * MIN and segs:
            segs[-1] = replace(segs[-1], end=x.start)  # the previous item ran over
        elif 0 < gap < 8 * MIN and not segs:
            pass  # the day starts with this item
        elif gap > 0:
            segs.extend(_fill(p, week, t, x.start, rng, segs[-1] if segs else None, budget))
        start = max(x.start, t) if segs else x.start
        if start < x.end:
            segs.append(replace(x, start=start))
            t = x.end
    if segs and segs[0].kind == "away":
        segs = segs[1:]
    if rng.random() < p.leave_window_on:
        midnight = (segs[-1].end // (86400 * US) + 1) * 86400 * US - 5 * MIN  # stay inside the UTC date
        gone = min(segs[-1].end + rng.randint(15, 45) * MIN, midnight)
        segs.append(Seg(segs[-1].end, gone, "away", "gone", None, None, None, False, "left for the day"))
    return segs


def _fill(
    p: Persona, week: int, a: int, b: int, rng: random.Random, prev: Seg | None, budget: Budget
) -> list[Seg]:
    out: list[Seg] = []
    t = a
    while t < b:
        dur = int(rng.triangular(12, 80, 30) * MIN)
        if b - (t + dur) < 10 * MIN:
            dur = b - t
        seg = _task_seg(p, week, t, t + dur, rng, out[-1] if out else prev, budget)
        if out and seg.matter == out[-1].matter and seg.art == out[-1].art:
            out[-1] = replace(out[-1], end=seg.end)
        else:
            out.append(seg)
        t += dur
    return out


# ---------------------------------------------------------------- rendering


Pick = Callable[[], Win]


class Renderer:
    """Turns the plan into window events the way this persona's machine would record them."""

    def __init__(self, p: Persona, week: int, rng: random.Random) -> None:
        self.p, self.week, self.rng, self.skin = p, week, rng, p.skin
        self.wins: list[Stamp] = []
        self.afk: list[tuple[int, int]] = []
        self.generic_n = rng.randint(1, 4)

    # -- low level
    def emit(self, s: int, e: int, w: Win) -> None:
        if e <= s:
            return
        if self.wins and self.wins[-1][2] == w and self.wins[-1][1] == s:
            self.wins[-1] = (self.wins[-1][0], e, w)
        else:
            self.wins.append((s, e, w))

    def stream(
        self,
        s: int,
        e: int,
        primary: Pick,
        extras: list[tuple[float, Pick, tuple[int, int]]],
        prim: tuple[int, int],
    ) -> None:
        """Fill [s, e) with the primary window and, now and then, short detours."""
        rng, t, last_extra = self.rng, s, -1
        first = True
        while t < e:
            r = rng.random()
            acc, chosen = 0.0, -1
            if not first:
                for i, (w, _, _) in enumerate(extras):
                    acc += w
                    if r < acc and i != last_extra:
                        chosen = i
                        break
            if chosen >= 0:
                _, pick, (lo, hi) = extras[chosen]
                dur = rng.uniform(lo, hi)
                win = pick()
            else:
                dur = min(prim[1], prim[0] + rng.expovariate(1 / max(1, (prim[1] - prim[0]) / 10)))
                win = primary()
            last_extra = chosen
            first = False
            end = min(e, t + int(dur * US) + rng.randint(0, 999_999))
            if e - end < 4 * US:
                end = e
            self.emit(t, end, win)
            t = end

    # -- helpers for same-matter context
    def same(self, seg: Seg, kinds: tuple[str, ...], exclude: Art | None) -> list[Art]:
        arts = [a for a in _arts(self.p, self.week, seg.matter or "", kinds) if a != exclude]
        if seg.isolated:
            arts = [a for a in arts if a.weak]
        return arts

    def doc_pick(self, arts: list[Art]) -> Pick:
        return lambda: self.skin.doc(self.rng.choice(arts), self.rng)

    def neutral(self) -> list[tuple[float, Pick, tuple[int, int]]]:
        rng, skin = self.rng, self.skin
        folders = self.p.neutral_folders
        return [
            (0.05, lambda: skin.inbox(rng), (4, 45)),
            (0.03, lambda: skin.chat(rng), (4, 30)),
            (0.015, lambda: skin.folder(rng.choice(folders)), (3, 25)),
        ]

    def context(self, seg: Seg, exclude: Art | None) -> list[tuple[float, Pick, tuple[int, int]]]:
        """Detours that belong to the task's matter: other files, threads, its folder, research, AI."""
        rng, skin, out = self.rng, self.skin, []
        docs = self.same(seg, ("doc", "sheet", "pdf"), exclude)
        if docs:
            out.append((0.10, self.doc_pick(docs), (8, 120)))
        threads = self.same(seg, ("thread",), exclude)
        if threads:
            out.append((0.03, lambda: skin.thread(rng.choice(threads).name, rng), (6, 60)))
        research = self.same(seg, ("research",), exclude)
        if research and seg.task in ("draft", "email", "review"):
            out.append((0.03, lambda: skin.research(rng.choice(research), rng), (15, 150)))
        folders = self.p.folders.get(seg.matter or "", ())
        if folders and not seg.isolated:
            out.append((0.025, lambda: skin.folder(rng.choice(folders)), (3, 40)))
        ais = self.same(seg, ("ai",), exclude)
        if ais and seg.task in ("draft", "research") and self.rng.random() < self.p.ai_rate:
            out.append((0.05, lambda: skin.ai(rng.choice(ais), rng), (40, 300)))
        return out

    # -- segments
    def task(self, seg: Seg) -> None:
        rng, skin, art = self.rng, self.skin, seg.art
        assert art is not None
        extras = self.context(seg, art) + self.neutral()
        if seg.task == "draft":
            self.generic_n += 1 if rng.random() < 0.3 else 0
            n = self.generic_n
            extras.append((0.06, lambda: skin.generic_doc(n), (10, 200)))
            self.stream(seg.start, seg.end, lambda: skin.doc(art, rng), extras, (20, 420))
        elif seg.task == "review":
            self.reading(seg, art, extras)
        elif seg.task == "email":
            threads = [art, *self.same(seg, ("thread",), art)[:1]]
            extras.append((0.18, lambda: skin.compose(art.name, rng), (20, 240)))
            self.stream(
                seg.start,
                seg.end,
                lambda: skin.thread(rng.choice([*threads, art]).name, rng),
                extras,
                (10, 240),
            )
        elif seg.task == "research":
            cases = art.cases

            def case() -> Win:
                return skin.case(rng.choice(cases), rng) if cases else skin.research(art, rng)

            extras.append((0.22, case, (30, 420)))
            self.stream(seg.start, seg.end, lambda: skin.research(art, rng), extras, (20, 360))
        elif seg.task == "site":
            self.stream(seg.start, seg.end, lambda: skin.site(art, rng), extras, (10, 200))
        elif seg.task == "ai":
            self.stream(seg.start, seg.end, lambda: skin.ai(art, rng), extras, (30, 400))
        else:
            raise ValueError(seg.task)

    def reading(self, seg: Seg, art: Art, extras: list[tuple[float, Pick, tuple[int, int]]]) -> None:
        """Reading a PDF; on some machines long enough without input to look idle."""
        rng, skin = self.rng, self.skin
        span = seg.end - seg.start
        if span > 20 * MIN and rng.random() < self.p.read_afk:
            a = seg.start + span // 3
            b = a + rng.randint(200, 420) * US
            self.stream(seg.start, a, lambda: skin.doc(art, rng), extras, (30, 400))
            win = skin.doc(art, rng)
            self.hold(a, b, win)
            self.afk.append((a, b))
            self.stream(b, seg.end, lambda: skin.doc(art, rng), extras, (30, 400))
        else:
            self.stream(seg.start, seg.end, lambda: skin.doc(art, rng), extras, (30, 400))

    def hold(self, s: int, e: int, w: Win) -> None:
        """One window for the whole interval (no input: the watcher just extends it)."""
        self.emit(s, e, w)

    def call(self, seg: Seg) -> None:
        rng, skin, m = self.rng, self.skin, seg.meeting
        assert m is not None
        wins = skin.call(m, rng)
        t = seg.start
        if len(wins) > 1:  # the launcher window before the meeting window
            t2 = min(seg.end, t + rng.randint(8, 40) * US)
            self.emit(t, t2, wins[0])
            t = t2
        main = wins[-1]
        extras: list[tuple[float, Pick, tuple[int, int]]] = []
        if seg.matter:
            docs = [a for a in _arts(self.p, self.week, seg.matter, ("doc", "sheet", "pdf"))]
            if docs:
                extras.append((0.12, self.doc_pick(docs), (15, 180)))
        extras += [(0.04, lambda: skin.inbox(rng), (4, 40)), (0.02, lambda: skin.chat(rng), (4, 20))]
        span = seg.end - t
        if seg.task == "call" and span > 25 * MIN and rng.random() < self.p.call_afk:
            a = t + span // 4
            b = min(seg.end - 3 * MIN, a + rng.randint(6 * 60, 14 * 60) * US)
            self.stream(t, a, lambda: main, extras, (120, 900))
            self.hold(a, b, main)
            self.afk.append((a, b))
            self.stream(b, seg.end, lambda: main, extras, (120, 900))
        else:
            self.stream(t, seg.end, lambda: main, extras, (120, 900))

    def away(self, seg: Seg) -> None:
        """Lunch or a break: the last window stays on screen (or the screen locks)."""
        s, _e, w = self.wins[-1]
        lock = self.skin.lock()
        if seg.task == "lunch" and lock is not None and self.rng.random() < self.p.lock_on_lunch:
            t = seg.start + self.rng.randint(120, 300) * US
            self.wins[-1] = (s, t, w)
            self.emit(t, seg.end, lock)
        else:
            self.wins[-1] = (s, seg.end, w)
        self.afk.append((seg.start, seg.end))

    def browse(self, seg: Seg, pool: tuple[Win, ...], lo: int, hi: int) -> None:
        rng = self.rng
        order = rng.sample(pool, min(len(pool), 6))
        t, i = seg.start, 0
        while t < seg.end:
            w = order[i % len(order)] if rng.random() < 0.8 else rng.choice(pool)
            i += 1
            end = min(seg.end, t + rng.randint(lo, hi) * US + rng.randint(0, 999_999))
            if seg.end - end < 4 * US:
                end = seg.end
            self.emit(t, end, w)
            t = end

    def render(self, segs: list[Seg]) -> None:
        for seg in segs:
            if seg.kind == "away":
                self.away(seg)
            elif seg.task in ("call", "cle", "meeting"):
                self.call(seg)
            elif seg.task == "personal":
                self.browse(seg, self.p.personal, 15, 200)
            elif seg.task == "admin":
                self.browse(seg, self.p.admin, 20, 240)
            else:
                self.task(seg)


# ---------------------------------------------------------------- week


def build_week(p: Persona, week: int, monday: date, seed: int, seen: frozenset[str] = frozenset()) -> Week:
    """Plan and render the five workdays of one week; seen: artifact names earlier weeks showed."""
    rng = random.Random(f"{p.name}:{seed}:{week}")
    budget = Budget(seen)
    segs: list[Seg] = []
    wins: list[Stamp] = []
    afk: list[tuple[int, int, str]] = []
    for i in range(5):
        d = monday + timedelta(days=i)
        day = plan_day(p, week, d, rng, budget)
        r = Renderer(p, week, rng)
        r.render(day)
        segs.extend(day)
        wins.extend(r.wins)
        afk.extend(_afk_events(day[0].start, r.wins[-1][1], r.afk))
    webs = _web_events(wins, rng)
    return Week(
        tuple(segs), tuple(wins), tuple(webs), tuple(afk), calendar_ics(p, week, monday), matters_csv(p, week)
    )


def _afk_events(s: int, e: int, away: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    t = s
    for a, b in sorted(away):
        if a > t:
            out.append((t, a, "not-afk"))
        out.append((a, b, "afk"))
        t = b
    if t < e:
        out.append((t, e, "not-afk"))
    return out


def _web_events(wins: list[Stamp], rng: random.Random) -> list[tuple[int, int, dict[str, object]]]:
    """What the browser extension reports: the active tab while the browser is in front."""
    out: list[tuple[int, int, dict[str, object]]] = []
    tabs = rng.randint(7, 14)
    for s, e, w in wins:
        if not w.web or e - s < 2 * US:
            continue
        tabs = max(3, min(40, tabs + rng.choice([-1, 0, 0, 0, 1, 1])))
        lag = rng.randint(20_000, 900_000)
        data: dict[str, object] = {
            "url": w.url,
            "title": w.web_title or w.title,
            "audible": w.audible,
            "incognito": w.incognito,
            "tabCount": tabs,
        }
        out.append((s + lag, e, data))
    return out


# ---------------------------------------------------------------- files


def matters_csv(p: Persona, week: int) -> str:
    buf = io.StringIO()
    cols = ["matter_number", "client", "description", "keywords", "status"]
    if p.csv_extra_columns:
        cols += ["client_aliases", "email_domains", "practice_area"]
    w = csv.writer(buf, lineterminator=p.csv_newline)
    w.writerow(cols)
    for m in p.matters:
        if m.since > week:
            continue
        row = [m.number, m.client, m.description, ";".join(m.keywords), m.status]
        if p.csv_extra_columns:
            row += [";".join(m.aliases), ";".join(m.domains), m.practice]
        w.writerow(row)
    return buf.getvalue()


def _vtimezone(p: Persona) -> list[str]:
    std, dst = p.std_offset_h, p.std_offset_h + 1
    names = {-5: ("EST", "EDT"), -6: ("CST", "CDT"), -7: ("MST", "MDT"), -8: ("PST", "PDT")}[std]
    return [
        "BEGIN:VTIMEZONE",
        f"TZID:{p.tz_name}",
        f"X-LIC-LOCATION:{p.tz_name}",
        "BEGIN:DAYLIGHT",
        f"TZOFFSETFROM:{std:+03d}00",
        f"TZOFFSETTO:{dst:+03d}00",
        f"TZNAME:{names[1]}",
        "DTSTART:19700308T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "END:DAYLIGHT",
        "BEGIN:STANDARD",
        f"TZOFFSETFROM:{dst:+03d}00",
        f"TZOFFSETTO:{std:+03d}00",
        f"TZNAME:{names[0]}",
        "DTSTART:19701101T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
    ]


def _join_link(m: Meeting, uid: str) -> str:
    digits = str(int(uid[:10], 16))[:11]
    return {
        "zoom": f"https://us02web.zoom.us/j/{digits}",
        "zoom_webinar": f"https://us06web.zoom.us/w/{digits}",
        "webex": f"https://meetings.webex.com/meet/j.php?MTID=m{uid}",
        "teams": f"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{uid}%40thread.v2/0",
        "ringcentral": f"https://v.ringcentral.com/join/{digits}",
    }[m.app]


def calendar_ics(p: Persona, week: int, monday: date) -> str:
    """The week's calendar as the persona's calendar app exports it."""
    phase = (week - 1) % 2 + 1
    google = p.calendar_style == "google"
    lines = ["BEGIN:VCALENDAR"]
    if google:
        lines += [
            "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "VERSION:2.0",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            f"X-WR-CALNAME:{p.email}",
            f"X-WR-TIMEZONE:{p.tz_name}",
        ]
    else:
        lines += ["PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN", "VERSION:2.0"]
    lines += _vtimezone(p)
    stamp = ics_utc(local_us(p, monday - timedelta(days=3), 9 * 60))
    for m in p.meetings:
        if m.status == "adhoc":
            continue
        uid = stable_id(p.name, m.summary, m.weekday, m.at, "series" if m.rrule else week)
        if m.rrule:
            first = date.fromisoformat(p.series_start)
            first += timedelta(days=(m.weekday - first.weekday()) % 7)
            s_local = first.strftime("%Y%m%d") + "T" + m.at.replace(":", "") + "00"
            e_min = hm(m.at) + m.minutes
            e_local = first.strftime("%Y%m%d") + f"T{e_min // 60:02d}{e_min % 60:02d}00"
            when = [
                f"DTSTART;TZID={p.tz_name}:{s_local}",
                f"DTEND;TZID={p.tz_name}:{e_local}",
                f"RRULE:{m.rrule}",
            ]
        else:
            if phase not in m.weeks:
                continue
            d = monday + timedelta(days=m.weekday)
            s = local_us(p, d, hm(m.at))
            e = s + m.minutes * MIN
            if google:
                when = [f"DTSTART:{ics_utc(s)}", f"DTEND:{ics_utc(e)}"]
            else:
                fmt = "%Y%m%dT%H%M%S"
                sl = datetime.fromtimestamp(s // US + utc_offset_h(p, d) * 3600, UTC).strftime(fmt)
                el = datetime.fromtimestamp(e // US + utc_offset_h(p, d) * 3600, UTC).strftime(fmt)
                when = [f"DTSTART;TZID={p.tz_name}:{sl}", f"DTEND;TZID={p.tz_name}:{el}"]
        link = _join_link(m, uid)
        location = m.location or link
        desc = {
            "zoom": f"Join Zoom Meeting\n{link}",
            "zoom_webinar": f"Webinar link: {link}",
            "webex": f"Join from the meeting link\n{link}",
            "teams": f"Microsoft Teams meeting\nJoin on your computer, mobile app or room device\n{link}",
            "ringcentral": f"Join RingCentral Video: {link}",
        }[m.app]
        partstat = "DECLINED" if m.status == "declined" else "ACCEPTED"
        ev = ["BEGIN:VEVENT", *when]
        if google:
            ev += [f"DTSTAMP:{stamp}", f"UID:{uid}@google.com"]
        else:
            ev += [f"CREATED:{stamp}", f"LAST-MODIFIED:{stamp}", f"DTSTAMP:{stamp}", f"UID:{uid}"]
        organizer = m.attendees[0] if m.attendees else p.email
        ev.append(f"ORGANIZER;CN={_cn(p, organizer)}:mailto:{organizer}")
        for a in (*m.attendees, p.email):
            stat = partstat if a == p.email else "ACCEPTED"
            ev.append(
                f"ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT={stat};CN={_cn(p, a)}:mailto:{a}"
            )
        ev += [
            f"DESCRIPTION:{_ics_text(desc)}",
            f"LOCATION:{_ics_text(location)}",
            f"STATUS:{'CANCELLED' if m.status == 'cancelled' else 'CONFIRMED'}",
            f"SUMMARY:{_ics_text(m.summary)}",
            "TRANSP:OPAQUE",
            "END:VEVENT",
        ]
        lines += ev
    for w, wd, summary in p.deadlines:
        if w != phase:
            continue
        d = monday + timedelta(days=wd)
        uid = stable_id(p.name, summary, week)
        lines += [
            "BEGIN:VEVENT",
            f"DTSTART;VALUE=DATE:{d.strftime('%Y%m%d')}",
            f"DTEND;VALUE=DATE:{(d + timedelta(days=1)).strftime('%Y%m%d')}",
            f"DTSTAMP:{stamp}",
            f"UID:{uid}" + ("@google.com" if google else ""),
            f"SUMMARY:{_ics_text(summary)}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)


def _cn(p: Persona, addr: str) -> str:
    if addr == p.email:
        return p.attorney
    local = addr.split("@")[0]
    parts = local.replace("_", ".").split(".")
    return " ".join(x.capitalize() for x in parts if x)


def aw_export(p: Persona, week: int, wk: Week) -> str:
    """The ActivityWatch export, in the persona's server variant."""
    rust = p.aw_variant == "rust"
    iso = iso_rust if rust else iso_py
    base = 40_000 + 7_919 * week
    browser = "chrome" if rust else "firefox"
    buckets: list[tuple[str, str, str, list[tuple[int, int, dict[str, object]]]]] = [
        (
            f"aw-watcher-window_{p.host}",
            "currentwindow",
            "aw-watcher-window",
            [(s, e, _win_data(w)) for s, e, w in wk.wins],
        ),
        (
            f"aw-watcher-afk_{p.host}",
            "afkstatus",
            "aw-watcher-afk",
            [(s, e, {"status": st}) for s, e, st in wk.afk],
        ),
        (f"aw-watcher-web-{browser}_{p.host}", "web.tab.current", "aw-client-web", list(wk.webs)),
    ]
    created = iso(local_us(p, date.fromisoformat(p.series_start), 8 * 60))
    out: dict[str, object] = {}
    for n, (bid, btype, client, evs) in enumerate(buckets):
        events = []
        for i, (s, e, data) in enumerate(evs):
            dur = (e - s) / US
            ev = {"id": base + n * 2_500 + i, "timestamp": iso(s), "duration": dur, "data": data}
            events.append(ev)
        events.reverse()  # both servers return the newest event first
        if rust:
            meta = {"start": iso(evs[0][0]), "end": iso(evs[-1][1])} if evs else {"start": None, "end": None}
            out[bid] = {
                "id": bid,
                "type": btype,
                "client": client,
                "hostname": p.host,
                "created": created,
                "data": {},
                "metadata": meta,
                "events": events,
                "last_updated": iso(evs[-1][1]) if evs else None,
            }
        else:
            out[bid] = {
                "id": bid,
                "created": created,
                "name": None,
                "type": btype,
                "client": client,
                "hostname": p.host,
                "data": {},
                "events": events,
            }
    if rust:
        out["aw-stopwatch"] = export.stopwatch_bucket(created)
        return json.dumps({"buckets": out}, ensure_ascii=False, separators=(",", ":"))
    return json.dumps({"buckets": out}, indent=1)


def _win_data(w: Win) -> dict[str, object]:
    data: dict[str, object] = {"app": w.app, "title": w.title}
    if w.url_in_window and w.url:
        data["url"] = w.url
        if w.incognito:
            data["incognito"] = True
    return data


def truth_json(p: Persona, wk: Week) -> str:
    intervals = [
        {
            "start": iso_truth(s.start),
            "end": iso_truth(s.end),
            "matter": s.matter,
            "kind": s.kind,
            "what": s.what,
        }
        for s in wk.segs
    ]
    return json.dumps({"timezone": p.tz_name, "intervals": intervals}, indent=1, ensure_ascii=False)


def write_week(p: Persona, week: int, wk: Week, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "aw-export.json").write_text(aw_export(p, week, wk) + "\n", encoding="utf-8")
    (out / "matters.csv").write_bytes(wk.matters_csv.encode("utf-8"))
    (out / "calendar.ics").write_bytes(wk.calendar.encode("utf-8"))
    (out / "truth.json").write_text(truth_json(p, wk) + "\n", encoding="utf-8")


def shown_artifacts(p: Persona, wk: Week) -> frozenset[str]:
    """Names of the artifacts whose names appeared in some window title this week."""
    titles = {w.title for _, _, w in wk.wins}
    return frozenset(a.name for a in p.arts if any(a.name in t for t in titles))


def stats(wk: Week) -> str:
    """A one-line summary: hours by kind, events per day, share of isolated weak work."""
    by: dict[str, float] = {}
    for s in wk.segs:
        by[s.kind] = by.get(s.kind, 0) + (s.end - s.start) / US / 3600
    bill = by.get("billable", 0.0)
    iso = sum((s.end - s.start) / US / 3600 for s in wk.segs if s.isolated)
    new = iso - sum(
        (s.end - s.start) / US / 3600 for s in wk.segs if s.isolated and s.art and s.art.since < 2
    )
    days = len({s.start // (86400 * US) for s in wk.segs})
    return (
        f"billable {bill:.1f} h ({bill / days:.1f}/day), nonbillable {by.get('nonbillable', 0):.1f} h, "
        f"personal {by.get('personal', 0):.1f} h, away {by.get('away', 0):.1f} h, "
        f"window events/day {len(wk.wins) / days:.0f}, web events {len(wk.webs)}, "
        f"isolated weak work {iso:.1f} h ({iso / max(bill, 1e-9):.1%}; on new artifacts {new:.1f} h)"
    )


def _run_firm(name: str, outdir: Path, weeks: int, monday: date, seed: int, show: bool) -> None:
    """A seed-built firm (bench/corpus/firms): the seed draws the firm itself, then its weeks."""
    f = FIRMS[name][0](seed)
    mem = engine.Memory()
    for k in range(1, weeks + 1):
        d = monday + timedelta(weeks=k - 1)
        wk = engine.build_week(f, k, d, seed, mem)
        export.write_week(f, k, d, wk, outdir / f"week{k}")
        if show:
            print(f"{name} week{k}: {export.stats(f, wk)}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("outdir", type=Path, nargs="?")
    ap.add_argument("--persona", choices=sorted([*PERSONAS, *FIRMS]))
    ap.add_argument("--weeks", type=int, default=2)
    ap.add_argument("--start", default="2026-03-02", help="the Monday of week 1 (YYYY-MM-DD)")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--stats", action="store_true", help="print a summary line per week")
    ap.add_argument("--list", action="store_true", help="print the personas and exit")
    a = ap.parse_args(argv)
    if a.list:
        for name, p in sorted(PERSONAS.items()):
            print(f"{name:28} {p.firm} ({p.attorney}): fixed firm, two hand-written weeks")
        for name, (_, desc) in sorted(FIRMS.items()):
            print(f"{name:28} seed-built firm: {desc}")
        return 0
    if a.outdir is None or a.persona is None:
        ap.error("OUTDIR and --persona are required (or --list)")
    monday = date.fromisoformat(a.start)
    if monday.weekday() != 0:
        ap.error("--start must be a Monday")
    if a.persona in FIRMS:
        _run_firm(a.persona, a.outdir, a.weeks, monday, a.seed, a.stats)
        return 0
    p = PERSONAS[a.persona]
    seen: frozenset[str] = frozenset()
    for k in range(1, a.weeks + 1):
        wk = build_week(p, k, monday + timedelta(weeks=k - 1), a.seed, seen)
        seen |= shown_artifacts(p, wk)
        write_week(p, k, wk, a.outdir / f"week{k}")
        if a.stats:
            print(f"{p.name} week{k}: {stats(wk)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
