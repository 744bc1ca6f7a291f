"""The mypyc build of sessionize (scripts/build_accel.py): current, used under CI, and the same drafts as Python."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ledgerwatch.sessionize import drafting

ROOT = Path(__file__).resolve().parents[1]

PURE = """
import importlib.abc, importlib.util, runpy, sys
from pathlib import Path
SRC = Path(sys.argv[1])

class PurePython(importlib.abc.MetaPathFinder):
    # sessionize's modules from their .py files even where compiled ones sit beside them
    def find_spec(self, name, path, target=None):
        if name.startswith("ledgerwatch.sessionize."):
            source = SRC.joinpath(*name.split(".")).with_suffix(".py")
            if source.exists():
                return importlib.util.spec_from_file_location(name, source)
        return None

sys.meta_path.insert(0, PurePython())
from ledgerwatch.sessionize import drafting, pipeline, timeline
assert all(m.__file__.endswith(".py") for m in (drafting, pipeline, timeline)), "compiled module loaded"
sys.argv = ["sessionize_snapshot.py", "--check"]
runpy.run_path(sys.argv[2] if len(sys.argv) > 2 else "bench/sessionize_snapshot.py", run_name="__main__")
"""


def test_compiled_modules_match_their_sources_and_run_under_ci() -> None:
    """A stale build would test old code: the stamp must match. CI builds it, so CI runs it."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_accel.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    compiled = not drafting.__file__.endswith(".py")
    if os.environ.get("CI"):
        assert compiled, "setup.sh --dev builds the compiled modules: CI must measure and test them"
    assert ("match their sources" in result.stdout) == compiled


def test_plain_python_gives_the_same_drafts_as_the_snapshots() -> None:
    """The sources stay the reference: run as plain Python, they pin the very drafts the suite checks."""
    result = subprocess.run(
        [sys.executable, "-c", PURE, str(ROOT / "src")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "snapshots unchanged" in result.stdout
