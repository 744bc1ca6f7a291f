"""The blind third generator (bench/thirdfirm): reproducible, self-consistent, readable by the product, scorable."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
MAKE = ROOT / "bench" / "thirdfirm" / "make.py"
FIRMS = ("commlit", "estates", "family", "ip")
FILES = ("aw-export.json", "matters.csv", "calendar.ics", "truth.json")


def _module(path: Path, *folders: Path) -> ModuleType:
    """A bench script as a module; sys.path is restored (bench scripts import their neighbours)."""
    saved = list(sys.path)
    sys.path[:0] = [str(folder) for folder in folders]
    try:
        spec = importlib.util.spec_from_file_location(f"_thirdfirm_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path[:] = saved
    return module


def make(out: Path, firm: str, seed: int) -> None:
    subprocess.run(
        [sys.executable, str(MAKE), str(out), "--firm", firm, "--weeks", "2", "--start", "2026-05-04",
         "--seed", str(seed)],
        check=True, capture_output=True,
    )  # fmt: skip


@pytest.mark.parametrize("firm", FIRMS)
def test_a_firms_weeks_are_reproducible_consistent_and_read_by_the_product(firm: str, tmp_path: Path) -> None:
    """Same seed, same bytes; another seed, another firm; every week passes the generator's own checks (no
    overlaps, truth inside the day, input records covering the windows, plausible billable hours); the
    product's importers read it and the team's scorer scores the drafts."""
    from ledgerwatch.sessionize import build_range, drafts_document

    bench = ROOT / "bench"
    check: Any = _module(bench / "thirdfirm" / "check.py")
    accuracy: Any = _module(bench / "sessionize_accuracy.py", bench)
    evaluation: Any = _module(bench / "attribution_eval.py", bench)
    make(tmp_path / "a", firm, 7)
    make(tmp_path / "b", firm, 7)
    make(tmp_path / "c", firm, 8)
    for week in ("week1", "week2"):
        for name in FILES:
            assert (tmp_path / "a" / week / name).read_bytes() == (tmp_path / "b" / week / name).read_bytes()
        errors, stats = check.check_week(str(tmp_path / "a" / week))
        assert errors == [] and stats["days"] == 5 and stats["matters_worked"] >= 3
    matters_a = (tmp_path / "a" / "week1" / "matters.csv").read_text(encoding="utf-8")
    matters_c = (tmp_path / "c" / "week1" / "matters.csv").read_text(encoding="utf-8")
    assert matters_a != matters_c  # every seed is another firm of that kind

    truth, tz, events, matters, start, end = accuracy.load(tmp_path / "a" / "week1")
    entries = build_range(events, matters, start, end, tz)
    assert any(entry.matter is not None for entry in entries)
    drafts = json.loads(json.dumps(drafts_document(entries, tz, matters)))["drafts"]
    figures = evaluation._scorer().score(truth, drafts)
    assert figures["capture"] > 0.0 and figures["capture"] + figures["wrong"] <= 1.0
