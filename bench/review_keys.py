"""Benchmark: command keys to review the sample Monday, from loading the page to every draft decided.

The sample week's Monday is sessionized into a throw-away store and reviewed in headless Chromium the way an
attorney does it: for the selected draft, the truth file says what it was; a wrong matter is fixed with r
(the typed matter number is text, not a command key) and Enter, a candidate with its number key, personal
time is discarded with d, firm administration marked n; once every draft left is right and ready, A and
Enter approve them after the preview; anything left is approved with a (Enter confirms calendar or reading
time). The database is read after every key. Target: <= 30 command keys.

    .venv/bin/python bench/review_keys.py
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

from ledgerwatch import samples

ROOT = Path(__file__).resolve().parent.parent
TARGET = 30


def truth_of(entry: Any, truth: dict[str, Any]) -> tuple[str | None, str]:
    """The true matter and kind with the largest overlap with the entry's spans."""
    best: tuple[float, str | None, str] = (0.0, None, "away")
    for item in truth["intervals"]:
        start, end = datetime.fromisoformat(item["start"]), datetime.fromisoformat(item["end"])
        overlap = sum(max(0.0, (min(end, s.end) - max(start, s.start)).total_seconds()) for s in entry.spans)
        if overlap > best[0]:
            best = (overlap, item["matter"], item["kind"])
    return best[1], best[2]


def main() -> int:
    week = samples.week()
    os.environ["LEDGERWATCH_HOME"] = tempfile.mkdtemp(prefix="lw-bench-keys-")
    os.environ["LEDGERWATCH_TIMEZONE"] = "UTC"
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import sync_playwright
    from tests.review_support import CHROMIUM, CHROMIUM_ARGS, MONDAY, open_sample_week

    from ledgerwatch.domain import EntryKind, EntryStatus
    from ledgerwatch.review.server import start_server
    from ledgerwatch.runtime import rate_lookup
    from ledgerwatch.workday import Workday

    svc = open_sample_week(week)
    workday = Workday(svc, rates=rate_lookup(svc))
    workday.rebuild(MONDAY)
    truth = json.loads((week / "truth.json").read_text(encoding="utf-8"))
    running = start_server(workday, billing=svc.billing)
    keys: list[str] = []

    def drafts() -> list[Any]:
        return [e for e in svc.entries.for_day(MONDAY) if e.status is EntryStatus.DRAFT]

    def right(e: Any) -> bool:
        matter, kind = truth_of(e, truth)
        if kind == "nonbillable":
            return e.kind is EntryKind.NONBILLABLE
        return kind == "billable" and e.matter == matter and e.kind is EntryKind.BILLABLE

    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 900, "height": 650})

            def press(key: str, reload: bool = True) -> None:
                keys.append(key)
                if reload:
                    with page.expect_navigation():
                        page.keyboard.press(key)
                    page.wait_for_selector("body[data-ready]")
                else:
                    page.keyboard.press(key)

            page.goto(running.day_url(MONDAY))
            page.wait_for_selector("body[data-ready]")
            for _ in range(100):
                left = drafts()
                if not left:
                    break
                ready = set(
                    str(i)
                    for i in page.locator("#approve-above-form input[name=ids]").input_value().split(",")
                    if i
                )
                if (
                    ready
                    and all(right(e) for e in left if e.id in ready)
                    and all(e.id in ready for e in left if right(e) and not e.problems)
                ):
                    press("A", reload=False)
                    page.wait_for_selector("#dlg-bulk[open]")
                    press("Enter")
                    continue
                entry = svc.entries.get(str(page.locator("article.entry.selected").get_attribute("data-id")))
                matter, kind = truth_of(entry, truth)
                if entry.kind is EntryKind.PERSONAL or kind in {"personal", "away"}:
                    press("d")
                elif kind == "nonbillable" and entry.kind is not EntryKind.NONBILLABLE:
                    press("n")
                elif kind == "billable" and entry.matter != matter and matter in entry.candidates:
                    press(str(entry.candidates.index(matter) + 1))
                elif kind == "billable" and entry.matter != matter and matter is not None:
                    press("r", reload=False)
                    page.keyboard.type(matter.split("-")[0])
                    press("Enter")
                elif any(p.code.value in ("from_calendar", "passive_reading") for p in entry.problems):
                    press("a", reload=False)
                    page.wait_for_selector("#dlg-confirm[open]")
                    press("Enter")
                else:
                    press("a")
            browser.close()
    finally:
        running.stop()
    remaining = drafts()
    reviewed = [e for e in svc.entries.for_day(MONDAY) if e.status is not EntryStatus.DRAFT]
    wrong = [e for e in reviewed if e.status is EntryStatus.APPROVED and not right(e)]
    svc.close()
    print(
        f"sample Monday: {len(reviewed)} drafts decided, {len(remaining)} left, {len(wrong)} approved wrongly"
    )
    print(f"command keys: {len(keys)} (typed text not counted; target <= {TARGET}): {' '.join(keys)}")
    return 0 if not remaining and not wrong and len(keys) <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
