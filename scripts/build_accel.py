"""Compile sessionize's hot modules with mypyc, in place: the same code, about a third faster.

  .venv/bin/python scripts/build_accel.py [--ensure | --check | --clean]

Sessionizing is pure Python over hundreds of thousands of pieces a year; mypyc (part of mypy, a dev
dependency) compiles those typed modules to C extensions that Python imports instead of the .py files.
Nothing else changes: the sources stay the reference, and without the build everything runs as
plain Python. A stamp (src/ledgerwatch/sessionize/.accel-stamp) holds the hash of the sources the
extensions were built from: --check fails when they are stale (a test does the same), and --ensure
builds only when there is no build or it is stale.

Needs a C compiler and the Python headers. setup.sh --dev, test.sh and the bundle build run it.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import io
import os
import shutil
import sys
import tempfile
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = SRC / "ledgerwatch" / "sessionize"
MODULES = ("timeline", "attribution", "drafting", "pipeline", "reading", "matching")
"""the modules a year's run spends its time in (policy, memory and learning stay Python)"""
GROUP = "ledgerwatch_accel"
"""the shared runtime library's name (<GROUP>__mypyc): the bundle build names it as a hidden import"""
STAMP = PACKAGE / ".accel-stamp"


def sources() -> list[Path]:
    return [PACKAGE / f"{name}.py" for name in MODULES]


def digest() -> str:
    hashed = hashlib.sha256()
    for path in sources():
        hashed.update(path.name.encode())
        hashed.update(path.read_bytes())
    return hashed.hexdigest()


def built() -> list[Path]:
    """Extension files of a previous build (compiled modules and the shared runtime)."""
    found = [p for name in MODULES for p in PACKAGE.glob(f"{name}.*.so")]
    found += [p for name in MODULES for p in PACKAGE.glob(f"{name}.*.pyd")]
    found += list(SRC.glob(f"{GROUP}__mypyc.*"))
    return found


def clean() -> None:
    for path in built():
        path.unlink()
    STAMP.unlink(missing_ok=True)


def current() -> bool:
    """Whether a build is there and matches the sources."""
    return bool(built()) and STAMP.exists() and STAMP.read_text().strip() == digest()


def check() -> int:
    """0 when there is no build or it matches the sources; 1 when it is stale."""
    if not built():
        print("accel: not built (sessionize runs as plain Python)")
        return 0
    if not current():
        print("accel: compiled sessionize modules are stale: run scripts/build_accel.py", file=sys.stderr)
        return 1
    print("accel: compiled sessionize modules match their sources")
    return 0


def build() -> None:
    from mypyc.build import mypycify  # dev dependency (mypy)
    from setuptools import setup

    clean()
    work = Path(tempfile.mkdtemp(prefix="lw-accel-"))
    here = Path.cwd()
    notes = io.StringIO()
    try:
        os.chdir(SRC)  # module names come from paths relative to the source root
        os.environ["MYPY_CACHE_DIR"] = str(work / "mypy-cache")  # nothing left behind in src/
        try:
            with contextlib.redirect_stdout(
                notes
            ):  # mypyc's notes ("generator as list"): quiet unless it fails
                extensions = mypycify(
                    [str(Path("ledgerwatch") / "sessionize" / f"{name}.py") for name in MODULES],
                    opt_level="3",
                    group_name=GROUP,
                    target_dir=str(work / "c"),
                )
        except BaseException:
            print(notes.getvalue(), file=sys.stderr)
            raise
        setup(
            name=GROUP,
            ext_modules=extensions,
            script_args=[
                "-q",
                "build_ext",
                "--inplace",
                "--build-temp",
                str(work / "tmp"),
                "--build-lib",
                str(work / "lib"),
            ],
        )
    finally:
        os.chdir(here)
        shutil.rmtree(work, ignore_errors=True)
    STAMP.write_text(digest() + "\n")
    print(f"accel: compiled {len(MODULES)} sessionize modules ({len(built())} extension files)")


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clean", action="store_true", help="remove the compiled modules")
    parser.add_argument("--check", action="store_true", help="fail if the compiled modules are stale")
    parser.add_argument("--ensure", action="store_true", help="build unless a current build is there")
    args = parser.parse_args()
    if args.ensure and current():
        print("accel: compiled sessionize modules are current")
        return 0
    if args.clean:
        clean()
        print("accel: removed; sessionize runs as plain Python")
        return 0
    if args.check:
        return check()
    build()
    return 0


if __name__ == "__main__":
    sys.exit(main())
