"""Rendering a planned day of a seed-built firm: the windows, tabs and idle stretches its machine records,
and the phenomenon tags --stats and the tests count."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import replace
from datetime import date

from common import MIN, US
from desktop import Desktop, W
from model import stable_id
from plan import Memory, Seg
from world import Firm, Item, Page

Stamp = tuple[int, int, W]
Detour = tuple[float, Callable[[], W], tuple[int, int]]


# ---------------------------------------------------------------- rendering


class Renderer:
    """Turns a day's plan into window events and idle stretches, the way this machine records them."""

    def __init__(self, f: Firm, rng: random.Random, mem: Memory, d: date) -> None:
        self.f, self.rng, self.mem, self.d = f, rng, mem, d
        self.dt = Desktop(f, rng)
        self.wins: list[Stamp] = []
        self.afk: list[tuple[int, int]] = []
        self.pace = 1.2 if f.conv.aw != "sample" else 1.8
        self.owner = {(m.number, i.name): m for m in f.matters for i in m.items}
        self.by_item = {id(i): m for m in f.matters for i in m.items}

    # -- low level
    def emit(self, s: int, e: int, w: W) -> None:
        if e <= s:
            return
        if self.wins and self.wins[-1][2] == w and self.wins[-1][1] == s:
            self.wins[-1] = (self.wins[-1][0], e, w)
        else:
            self.wins.append((s, e, w))

    def stream(
        self, s: int, e: int, primary: Callable[[], W], detours: list[Detour], prim: tuple[int, int]
    ) -> None:
        """Fill [s, e) with the main window and, now and then, short detours."""
        rng, t, first, last = self.rng, s, True, -1
        lo, hi = int(prim[0] * self.pace), int(prim[1] * self.pace)
        while t < e:
            chosen = -1
            if not first:
                r, acc = rng.random(), 0.0
                for i, (w, _, _) in enumerate(detours):
                    acc += w
                    if r < acc and i != last:
                        chosen = i
                        break
            if chosen >= 0:
                _, pick, (a, b) = detours[chosen]
                dur, win = rng.uniform(a, b), pick()
            else:
                dur, win = min(hi, lo + rng.expovariate(1 / max(1, (hi - lo) / 8))), primary()
            first, last = False, chosen
            end = min(e, t + int(dur * US) + rng.randint(0, 999_999))
            if e - end < 4 * US:
                end = e
            self.emit(t, end, win)
            t = end

    def hold(self, s: int, e: int, w: W) -> None:
        self.emit(s, e, w)

    # -- windows of a matter
    def doc_win(self, item: Item) -> W:
        dt = self.dt
        if item.kind == "pdf":
            return dt.pdf(item.name, item.pages)
        if item.kind == "site":
            return dt.page(item.url, item.name)
        item = self.numbered(item)
        if item.kind == "sheet":
            return dt.excel(item.name)
        if item.kind == "thread":
            return dt.message(item.name)
        return dt.word(dt.doc_title(item, self.version(item)))

    def numbered(self, item: Item) -> Item:
        """The firm's habit of putting the matter number (in some spelling) into names and subjects."""
        m = self.by_item.get(id(item))
        if m is None:
            return item
        rate = self.f.conv.number_in_title * (0.5 if item.dms and self.f.conv.dms != "none" else 1.0)
        h = int(stable_id(m.number, item.name, n=4), 16)
        if h % 1000 >= rate * 1000:
            return item
        variants = m.number_variants[:5]
        form = m.number if h % 2 or not variants else variants[h // 2 % len(variants)]  # half typed as listed
        return replace(item, name=f"{form} {item.name}")

    def version(self, item: Item) -> int:
        """DMS version: a new one on each later day the document is worked on."""
        if not item.dms:
            return 1
        last = self.mem.versions.get(item.dms)
        if last is None:
            v = 1 + int(stable_id(item.dms, n=1), 16) % 3 // 2
        elif last[0] < self.d:
            v = last[1] + 1
        else:
            v = last[1]
        self.mem.versions[item.dms] = (self.d, v)
        return v

    def detours(self, seg: Seg, exclude: Item | None) -> list[Detour]:
        """Brief glances inside a task: other files of the matter, the inbox, a chat ping, a folder."""
        dt, rng, out = self.dt, self.rng, []
        m = self.f.matter(seg.matter) if seg.matter else None
        if m is not None:
            docs = [
                i
                for i in m.items
                if i.kind in ("doc", "sheet", "pdf") and i != exclude and i.tag != "production"
            ]
            if docs:
                out.append((0.08, lambda: self.doc_win(rng.choice(docs)), (8, 100)))
            threads = [i for i in m.of("thread") if i != exclude]
            if threads:
                out.append((0.03, lambda: dt.message(rng.choice(threads).name), (6, 50)))
        out += [
            (0.05, dt.inbox, (4, 40)),
            (0.03, dt.glance_chat, (4, 25)),
            (0.01, dt.reminder, (3, 12)),
            (0.015, lambda: dt.folder(rng.choice(self.f.neutral_folders)), (3, 20)),
        ]
        return out

    # -- segments
    def render(self, segs: list[Seg]) -> None:
        for i, seg in enumerate(segs):
            nxt = segs[i + 1] if i + 1 < len(segs) else None
            handler = getattr(self, f"r_{seg.task}")
            handler(seg, nxt)

    def r_draft(self, seg: Seg, _nxt: Seg | None) -> None:
        item = seg.item
        assert item is not None and seg.matter is not None
        m, dt, rng, t = self.f.matter(seg.matter), self.dt, self.rng, seg.start
        if item.dms and self.f.conv.dms != "none" and item.dms not in self.mem.opened:
            t2 = min(seg.end, t + rng.randint(15, 75) * US)
            self.emit(t, t2, dt.workspace(m))
            self.mem.opened.add(item.dms)
            t = t2
        end = seg.end
        if seg.flavor == "end_ws":
            end = max(t, seg.end - rng.randint(25, 80) * US)
        ex = self.detours(seg, item)
        if item.kind == "doc":
            n = self.mem.generic_n
            ex.append((0.04, lambda: dt.new_doc(n), (10, 150)))
            if rng.random() < 0.2:
                self.mem.generic_n += 1
        self.stream(t, end, lambda: self.doc_win(item), ex, (25, 420))
        if end < seg.end:
            self.emit(
                end,
                seg.end,
                dt.workspace(m) if self.f.conv.dms != "none" else dt.folder(f"{m.number} {m.short}"),
            )

    def r_review(self, seg: Seg, _nxt: Seg | None) -> None:
        item = seg.item
        assert item is not None
        rng, span = self.rng, seg.end - seg.start
        ex = self.detours(seg, item)
        if seg.flavor == "production" and seg.other:
            z = self.f.matter(seg.other)
            zthreads = z.of("thread")
            if zthreads:
                ex.append((0.06, lambda: self.dt.message(rng.choice(zthreads).name), (5, 30)))
        win = self.doc_win(item)
        long_read = item.pages >= 30 and span > 14 * MIN and rng.random() < self.f.conv.read_afk
        if not long_read:
            self.stream(seg.start, seg.end, lambda: win, ex, (40, 480))
            return
        quiet = min(span - 8 * MIN, rng.randint(5 * 60, 25 * 60) * US)
        a = seg.start + rng.randint(2 * 60, max(2 * 60, (span - quiet) // US - 3 * 60)) * US
        self.stream(seg.start, a, lambda: win, ex, (40, 480))
        self.hold(a, a + quiet, win)
        self.afk.append((a, a + quiet))
        self.stream(a + quiet, seg.end, lambda: win, ex, (40, 480))

    def r_email(self, seg: Seg, _nxt: Seg | None) -> None:
        item = seg.item
        assert item is not None
        dt = self.dt
        ex = self.detours(seg, item)
        ex.append((0.2, lambda: dt.compose(self.numbered(item).name), (20, 200)))
        subject = self.numbered(item).name
        self.stream(seg.start, seg.end, lambda: dt.message(subject), ex, (15, 240))

    def r_research(self, seg: Seg, _nxt: Seg | None) -> None:
        item, dt = seg.item, self.dt
        q = item.name if item else "case law"
        cases = item.cases if item else ()
        cid = self.f.matter(seg.matter).client_id if seg.matter else ""
        ex: list[Detour] = [(0.04, dt.inbox, (4, 30))]
        if cases:
            ex.append((0.25, lambda: dt.case(self.rng.choice(cases)), (30, 400)))
        self.stream(seg.start, seg.end, lambda: dt.research(q, cid), ex, (20, 300))

    def r_site(self, seg: Seg, _nxt: Seg | None) -> None:
        """A court docket, the patent office, an agency portal: the page, then the PDFs it gives."""
        item = seg.item
        assert item is not None and seg.matter is not None
        m, rng = self.f.matter(seg.matter), self.rng
        family = [i for i in m.items if i.kind in ("pdf", "doc") and i.tag == item.tag and item.tag]
        ex = self.detours(seg, item)
        if family:
            ex.insert(0, (0.3, lambda: self.doc_win(rng.choice(family)), (30, 360)))
        self.stream(seg.start, seg.end, lambda: self.doc_win(item), ex, (20, 200))

    def r_chat(self, seg: Seg, _nxt: Seg | None) -> None:
        c = seg.contact
        assert c is not None
        ex: list[Detour] = [(0.1, self.dt.inbox, (4, 30))]
        self.stream(seg.start, seg.end, lambda: self.dt.chat(c.name), ex, (20, 180))

    def r_adhoc(self, seg: Seg, _nxt: Seg | None) -> None:
        c = seg.contact
        assert c is not None
        pre, call = self.dt.call_with(c.name)
        t = min(seg.end, seg.start + self.rng.randint(8, 40) * US)
        self.emit(seg.start, t, pre)
        self.listen(t, seg.end, call, self.call_detours(seg))

    def call_detours(self, seg: Seg) -> list[Detour]:
        out: list[Detour] = [(0.04, self.dt.inbox, (4, 30))]
        if seg.matter:
            docs = self.f.matter(seg.matter).of("doc", "sheet", "pdf")
            if docs:
                out.append((0.12, lambda: self.doc_win(self.rng.choice(docs)), (15, 160)))
        return out

    def r_call(self, seg: Seg, _nxt: Seg | None) -> None:
        e = seg.event
        assert e is not None
        app = {"webinar": "zoom"}.get(e.app, e.app)
        wins = self.dt.meeting(app, e.summary)
        t = min(seg.end, seg.start + self.rng.randint(8, 50) * US)
        self.emit(seg.start, t, wins[0])
        self.listen(t, seg.end, wins[-1], self.call_detours(seg))

    def listen(self, s: int, e: int, main: W, detours: list[Detour]) -> None:
        """A call: now and then a long stretch of only listening, which the afk watcher reports as afk."""
        span = e - s
        if span < 20 * MIN or self.rng.random() >= self.f.conv.call_afk:
            self.stream(s, e, lambda: main, detours, (120, 900))
            return
        a = s + self.rng.randint(3 * 60, max(3 * 60, span // US // 3)) * US
        b = min(e - 3 * MIN, a + self.rng.randint(4 * 60, 11 * 60) * US)
        self.stream(s, a, lambda: main, detours, (120, 900))
        self.hold(a, b, main)
        self.afk.append((a, b))
        self.stream(b, e, lambda: main, detours, (120, 900))

    r_meeting = r_call
    r_cle = r_call

    def r_travel(self, seg: Seg, nxt: Seg | None) -> None:
        """Leaving for court or a deposition: the screen locks until the attorney is back."""
        if seg.what.startswith("travel to"):
            self.lock(seg.start, seg.end)
        else:
            self.lock(seg.start, seg.end, extend=True)
        self.afk.append((seg.start, seg.end))

    def r_outing(self, seg: Seg, _nxt: Seg | None) -> None:
        self.lock(seg.start, seg.end, extend=True)
        self.afk.append((seg.start, seg.end))

    def lock(self, s: int, e: int, extend: bool = False) -> None:
        if extend and self.wins and self.wins[-1][2] == self.dt.lock() and self.wins[-1][1] == s:
            self.wins[-1] = (self.wins[-1][0], e, self.wins[-1][2])
        else:
            self.emit(s, e, self.dt.lock())

    def r_lunch(self, seg: Seg, _nxt: Seg | None) -> None:
        self.away(seg, self.f.conv.lunch_lock)

    def r_break(self, seg: Seg, _nxt: Seg | None) -> None:
        self.away(seg, self.f.conv.break_lock)

    def away(self, seg: Seg, lock_rate: float) -> None:
        if not self.wins:
            return
        s, _e, w = self.wins[-1]
        if self.rng.random() < lock_rate:
            t = seg.start + self.rng.randint(5, 90) * US
            self.wins[-1] = (s, t, w)
            self.emit(t, seg.end, self.dt.lock())
        else:
            self.wins[-1] = (s, seg.end, w)
        self.afk.append((seg.start, seg.end))

    def r_admin(self, seg: Seg, _nxt: Seg | None) -> None:
        pages = [p for p in self.f.admin if not seg.flavor or p.tag == seg.flavor] or list(self.f.admin)
        if seg.flavor == "timekeeping":
            pages += [p for p in self.f.phantom if p.tag == "timekeeping"]
        self.browse(seg, pages, 20, 220)

    def r_phantom(self, seg: Seg, _nxt: Seg | None) -> None:
        pages = [p for p in self.f.phantom if p.tag == seg.flavor]
        self.browse(seg, pages, 30, 300)

    def r_personal(self, seg: Seg, _nxt: Seg | None) -> None:
        self.browse(seg, list(self.f.personal), 15, 200, browser=self.f.conv.second_browser)

    def browse(self, seg: Seg, pages: list[Page], lo: int, hi: int, browser: str = "") -> None:
        rng, t = self.rng, seg.start
        order = rng.sample(pages, min(len(pages), 5))
        i = 0
        while t < seg.end:
            p = order[i % len(order)] if rng.random() < 0.8 else rng.choice(pages)
            i += 1
            end = min(seg.end, t + rng.randint(lo, hi) * US + rng.randint(0, 999_999))
            if seg.end - end < 4 * US:
                end = seg.end
            self.emit(t, end, self.dt.show(p, browser))
            t = end


# ---------------------------------------------------------------- phenomenon tags (for --stats and tests)


def window_tags(w: W) -> set[str]:
    t, a, out = w.title, w.app, set()
    if a == "OUTLOOK.EXE":
        out.add("outlook_classic")
    if a == "olk.exe" or (w.url.startswith("https://outlook.office.com")):
        out.add("outlook_new_or_web")
    if a in ("ms-teams.exe", "Microsoft Teams"):
        out.add("teams")
    if a in ("Zoom.exe", "zoom.us"):
        out.add("zoom")
    if a in ("CiscoCollabHost.exe", "Webex"):
        out.add("webex")
    if " more pages - " in t:
        out.add("edge_more_pages")
    if a == "Safari":
        out.add("safari")
    if "iManage Work" in t or "NetDocuments" in t:
        out.add("dms_workspace")
    if t.startswith(("#", "ACTIVE_")) or (" v." in t and ")" in t):
        out.add("dms_document")
    if "CM/ECF" in t or "ecf." in w.url:
        out.add("court_portal")
    if "patentcenter" in w.url or "patents.google" in w.url:
        out.add("patent_portal")
    if a in ("LockApp.exe", "loginwindow"):
        out.add("lock_screen")
    return out


def seg_tags(f: Firm, seg: Seg, wins: list[Stamp]) -> set[str]:
    tags: set[str] = set()
    for s, e, w in wins:
        if s < seg.end and seg.start < e:
            tags |= window_tags(w)
            if seg.matter:
                m = f.matter(seg.matter)
                if any(v in w.title or v in w.url for v in m.number_variants):
                    tags.add("id_spelling")
    if seg.flavor:
        tags.add(seg.flavor)
    if seg.item is not None and seg.item.tag:
        tags.add(seg.item.tag)
    if seg.event is not None:
        tags.update(seg.event.tags)
    tags.add(seg.task)
    return tags
