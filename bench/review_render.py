"""Benchmark: server time to render the review day view for a day with 2,000 events.

A generated day (8:00-18:00 local, 2,000 window events across five matters, with away periods) is stored
in a throw-away SQLite store with drafts made from it (sessionize when it can build them, else one draft
per run of same-matter events, keeping every event as a span: the worst case for the timeline). The
figure is the server's own time (the Server-Timing header: load + build the view + render), median and
worst over 30 requests to the real server, with money on the page (a firm rate through billing's rate
hierarchy). Target: <= 100 ms.

    .venv/bin/python bench/review_render.py [--every-span]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

DAY = date(2026, 3, 4)
EVENTS = 2000
MATTERS = ["2001-Alder", "2002-Birch", "2003-Cedar", "2004-Dogwood", "2005-Elm"]


def main() -> int:
    home = tempfile.mkdtemp(prefix="lw-bench-review-")
    os.environ["LEDGERWATCH_HOME"] = home
    os.environ["LEDGERWATCH_TIMEZONE"] = "UTC"
    from ledgerwatch import config
    from ledgerwatch.app import open_services
    from ledgerwatch.domain import (
        AfkPayload,
        Client,
        EntryKind,
        Event,
        Evidence,
        Matter,
        Money,
        RoundingPolicy,
        Source,
        Span,
        TimeEntry,
        WindowPayload,
    )
    from ledgerwatch.domain.billing import Rate, RateScope
    from ledgerwatch.review import start_server
    from ledgerwatch.runtime import rate_lookup
    from ledgerwatch.workday import Workday

    svc = open_services(config.load(), clock=lambda: datetime(2026, 3, 4, 19, tzinfo=UTC))
    svc.matters.upsert_many(
        [Matter(n, Client(f"{n.split('-')[1]} Holdings"), f"{n} litigation") for n in MATTERS], svc.clock()
    )
    rng = random.Random(7)
    t = datetime(2026, 3, 4, 8, tzinfo=UTC)
    events: list[Event] = []
    runs: list[tuple[str, list[Span], list[str]]] = []
    matter = MATTERS[0]
    while len(events) < EVENTS:
        if rng.random() < 0.02:
            away = timedelta(minutes=rng.randint(5, 20))
            events.append(Event(Source.AFK, t, t + away, AfkPayload(True)))
            t += away
            continue
        if rng.random() < 0.08:
            matter = rng.choice(MATTERS)
        length = timedelta(seconds=rng.randint(5, 30))
        doc = f"{matter} brief v{rng.randint(1, 4)}.docx"
        events.append(
            Event(Source.WINDOW, t, t + length, WindowPayload("WINWORD.EXE", f"{doc} - Word", document=doc))
        )
        if not runs or runs[-1][0] != matter:
            runs.append((matter, [], []))
        runs[-1][1].append(Span(t, t + length))
        runs[-1][2].append(doc)
        t += length
    svc.events.add_many(events)
    svc.billing().add_rate(Rate(RateScope.FIRM, "", Money(Decimal("300")), date(2020, 1, 1)))
    workday = Workday(svc, rates=rate_lookup(svc))
    how = "one draft per run of events, every event a span"
    try:
        if "--every-span" in sys.argv:
            raise RuntimeError("worst case asked for")
        workday.rebuild(DAY)
        how = "sessionize"
    except Exception:
        policy = RoundingPolicy()
        drafts = []
        for i, (m, spans, docs) in enumerate(runs):
            worked = sum(s.seconds for s in spans)
            drafts.append(
                TimeEntry(
                    id=f"b{i:04d}",
                    date=DAY,
                    spans=tuple(spans),
                    worked_seconds=worked,
                    billed_hours=policy.bill(worked),
                    matter=m,
                    kind=EntryKind.BILLABLE,
                    description=f"Draft and revise {docs[0]}",
                    confidence=Decimal("0.85"),
                    reasons=(f"document '{docs[0]}' names {m}",),
                    evidence=tuple(Evidence("document", d, 30, m) for d in dict.fromkeys(docs)),
                )
            )
        svc.entries.replace_drafts(DAY, drafts)
    entries = svc.entries.for_day(DAY)
    spans = sum(len(e.spans) for e in entries)
    server = start_server(workday)
    try:
        with server.client(timeout=30) as client:
            client.get(server.url(f"/day/{DAY.isoformat()}"))
            totals: list[float] = []
            wall: list[float] = []
            for _ in range(30):
                started = time.perf_counter()
                r = client.get(f"/day/{DAY.isoformat()}")
                wall.append((time.perf_counter() - started) * 1000)
                r.raise_for_status()
                timing = dict(part.strip().split(";dur=") for part in r.headers["server-timing"].split(","))
                totals.append(float(timing["total"]))
    finally:
        server.stop()
        svc.close()
    median, worst = statistics.median(totals), max(totals)
    print(f"day with {len(events)} events, {len(entries)} entries ({how}), {spans} timeline spans")
    print(f"server time: median {median:.1f} ms, worst {worst:.1f} ms (target <= 100 ms)")
    print(f"round trip:  median {statistics.median(wall):.1f} ms")
    return 0 if median <= 100 else 1


if __name__ == "__main__":
    sys.exit(main())
