"""The shipped agent's CPU and memory beside ActivityWatch's, in the same run under one Xvfb.

    python bench/capture_resources.py [--minutes 4] [--runs 3] [--switch-every 3] [--bundle dist/ledgerwatch]
                                      [--source] [--aw-python PYTHON] [--json out.json]

Each run starts, at the same time and on the same display, with one switching loop (xdotool windowactivate among
three xterm windows every few seconds, plus a small mouse move so the user counts as present):
  ledgerwatch headless  the PyInstaller bundle (scripts/build-bundle.sh) as shipped: `ledgerwatch run --headless`
  ledgerwatch tray      the same bundle: `ledgerwatch run` (the pystray icon on the X display)
  ActivityWatch         a real aw-server 0.12 fed by stand-ins for aw-watcher-window and aw-watcher-afk
                        (bench/peers/aw_standin_watchers.py; the real watchers are not on PyPI: bench/peers/README.md)
Each ledgerwatch is a whole process tree (the agent and any process it started: the page, a job), summed; the
ActivityWatch side is the sum of its three processes. CPU is user+system time over the measured minutes (children
included) as % of one core; RSS is sampled every second (peak and median). Figures are printed per run and as
medians over the runs; targets: CPU <= 0.25 % of a core, RSS <= 60 MiB (issue 18). --source runs
`python -m ledgerwatch` from this tree instead of the bundle. Without DISPLAY it re-runs itself inside
.ci/with-desktop.sh.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"cpu_percent": 0.25, "rss_peak_mib": 60.0, "bytes_per_event": 150.0}
TITLES = ["Smith v Jones - brief.docx - Word", "Inbox - Outlook", "Westlaw research - Chromium"]
OURS = ("ledgerwatch headless", "ledgerwatch tray")
AW = "ActivityWatch"


def xdotool(*args: str) -> str:
    return subprocess.run(["xdotool", *args], capture_output=True, text=True, timeout=10).stdout.strip()


def open_windows(titles: list[str]) -> tuple[list[subprocess.Popen[bytes]], list[str]]:
    procs, ids = [], []
    for title in titles:
        procs.append(
            subprocess.Popen(
                ["xterm", "-T", title, "-e", "sleep", "100000"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        deadline = time.monotonic() + 15
        while not (found := xdotool("search", "--name", f"^{title}$")):
            if time.monotonic() > deadline:
                raise RuntimeError(f"window {title} did not appear")
            time.sleep(0.05)
        ids.append(found.split()[0])
    return procs, ids


def empty_db_bytes(work: Path) -> int:
    """Size of a freshly migrated, empty store: the fixed cost of the schema (every table and index)."""
    from ledgerwatch.store import open_database

    path = work / "empty.db"
    open_database(path).dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    return path.stat().st_size


def db_figures(path: Path, empty: int) -> dict[str, Any]:
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = con.execute("SELECT count(*) FROM events").fetchone()[0]
        by_source = dict(con.execute("SELECT source, count(*) FROM events GROUP BY source").fetchall())
        used_bytes = con.execute(
            "SELECT sum(pgsize - unused) FROM dbstat WHERE name IN "
            "(SELECT name FROM sqlite_master WHERE tbl_name = 'events')"
        ).fetchone()[0]
        payload = con.execute("SELECT avg(length(data)) FROM events").fetchone()[0]
    finally:
        con.close()
    size = path.stat().st_size
    return {
        "rows": rows,
        "rows_by_source": by_source,
        "file_bytes": size,
        "bytes_per_event": size / rows if rows else float("nan"),
        "marginal_bytes_per_event": (size - empty) / rows if rows else float("nan"),
        "events_used_bytes_per_event": used_bytes / rows if rows else float("nan"),
        "avg_payload_json_bytes": payload,
    }


class Tree:
    """A process and everything it starts: RSS summed each sample; CPU including children that ended."""

    def __init__(self, pid: int) -> None:
        self.root = psutil.Process(pid)
        self.rss: list[float] = []
        self.peak_processes = 1
        self.cpu0 = self.cpu()

    def members(self) -> list[psutil.Process]:
        try:
            return [self.root, *self.root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def cpu(self) -> float:
        total = 0.0
        for proc in self.members():
            try:
                t = proc.cpu_times()
                total += (
                    t.user + t.system + (t.children_user + t.children_system if proc is self.root else 0.0)
                )
            except psutil.NoSuchProcess:
                pass
        return total

    def sample(self) -> None:
        members = self.members()
        rss = 0
        for proc in members:
            with contextlib.suppress(psutil.NoSuchProcess):
                rss += proc.memory_info().rss
        self.rss.append(rss / 2**20)
        self.peak_processes = max(self.peak_processes, len(members))


def ledgerwatch_command(bundle: Path | None) -> list[str]:
    if bundle is not None:
        return [str(bundle / "ledgerwatch")]
    return [sys.executable, "-m", "ledgerwatch"]


def start_ours(command: list[str], home: Path, headless: bool) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("LEDGERWATCH_")}
    env["LEDGERWATCH_HOME"] = str(home)
    if command[0] == sys.executable:
        env["PYTHONPATH"] = str(ROOT / "src")
    log = open(home.parent / f"{home.name}.log", "wb")  # noqa: SIM115 - closed with the process
    proc = subprocess.Popen(
        [*command, "run", *(["--headless"] if headless else [])],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
    )
    log.close()
    return proc


def wait_ready(homes: list[Path], procs: list[subprocess.Popen[bytes]], seconds: float = 90) -> None:
    """Each agent has published how to open its review (its door is up and capture runs)."""
    deadline = time.monotonic() + seconds
    for home, proc in zip(homes, procs, strict=True):
        while not list(home.rglob("review.json")):
            if proc.poll() is not None or time.monotonic() > deadline:
                log = (home.parent / f"{home.name}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"the agent in {home} did not start: {log}")
            time.sleep(0.1)


def start_aw(aw_python: Path, work: Path) -> dict[str, subprocess.Popen[Any]]:
    sys.path.insert(0, str(ROOT / "bench" / "peers"))
    from capture_vs_aw import start_aw as start

    return dict(start(aw_python, work))


def stop(proc: subprocess.Popen[Any]) -> int | None:
    from capture_vs_aw import stop as stop_process

    return stop_process(proc)


def one_run(
    minutes: float, switch_every: float, command: list[str], aw_python: Path | None
) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="lw-capres-"))
    windows, ids = open_windows(TITLES)
    xdotool("windowactivate", ids[0])
    procs: dict[str, subprocess.Popen[Any]] = {}
    try:
        homes = [work / "headless", work / "tray"]
        procs[OURS[0]] = start_ours(command, homes[0], headless=True)
        procs[OURS[1]] = start_ours(command, homes[1], headless=False)
        aw = start_aw(aw_python, work) if aw_python is not None else {}
        procs.update(aw)
        wait_ready(homes, [procs[OURS[0]], procs[OURS[1]]])
        time.sleep(3)  # the prepare step has ended, the first samples are in
        trees = {name: Tree(p.pid) for name, p in procs.items()}
        t0 = time.monotonic()
        switches = 0
        next_switch = t0 + switch_every
        end = t0 + minutes * 60
        while (now := time.monotonic()) < end:
            if now >= next_switch:
                switches += 1
                xdotool("windowactivate", ids[switches % len(ids)])
                xdotool("mousemove", str(100 + switches % 50), "100")
                next_switch += switch_every
            for tree in trees.values():
                tree.sample()
            time.sleep(min(1.0, max(0.0, next_switch - time.monotonic())))
        elapsed = time.monotonic() - t0
        cpu = {name: tree.cpu() - tree.cpu0 for name, tree in trees.items()}
        exits = {name: stop(procs[name]) for name in [*aw, *OURS]}
        per_process = {
            name: {
                "cpu_percent": round(100 * cpu[name] / elapsed, 4),
                "rss_peak_mib": round(max(tree.rss), 1),
                "rss_median_mib": round(statistics.median(tree.rss), 1),
                "processes_peak": tree.peak_processes,
                "exit": exits[name],
            }
            for name, tree in trees.items()
        }
        sides: dict[str, dict[str, Any]] = {name: per_process[name] for name in OURS}
        if aw:
            sides[AW] = {
                "cpu_percent": round(sum(per_process[n]["cpu_percent"] for n in aw), 4),
                "rss_peak_mib": round(sum(per_process[n]["rss_peak_mib"] for n in aw), 1),
                "rss_median_mib": round(sum(per_process[n]["rss_median_mib"] for n in aw), 1),
            }
        db = next(iter(homes[0].rglob("ledgerwatch.db")), None)
        return {
            "window_switches": switches,
            "processes": per_process,
            "sides": sides,
            "headless_store": db_figures(db, empty_db_bytes(work)) if db else {},
        }
    finally:
        for proc in procs.values():
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        for p in windows:
            p.terminate()
            p.wait()
        shutil.rmtree(work, ignore_errors=True)


def medians(runs: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    out: dict[str, dict[str, float]] = {}
    for side in runs[0]["sides"]:
        out[side] = {
            key: round(statistics.median(run["sides"][side][key] for run in runs), 4)
            for key in ("cpu_percent", "rss_peak_mib", "rss_median_mib")
        }
    return out


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--switch-every", type=float, default=3.0, help="seconds between window switches")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "ledgerwatch")
    parser.add_argument(
        "--source", action="store_true", help="run `python -m ledgerwatch` instead of the bundle"
    )
    parser.add_argument(
        "--aw-python",
        type=Path,
        default=Path(tempfile.gettempdir()) / "awvenv" / "bin" / "python",
        help="ActivityWatch's interpreter (default: awvenv in the temporary folder, made on demand)",
    )
    parser.add_argument("--no-aw", action="store_true", help="leave ActivityWatch out")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        return subprocess.call([str(ROOT / ".ci" / "with-desktop.sh"), sys.executable, *sys.argv])
    bundle = None if args.source else args.bundle
    if bundle is not None and not (bundle / "ledgerwatch").exists():
        print(f"no bundle at {bundle}: run scripts/build-bundle.sh first (or pass --source)", file=sys.stderr)
        return 2
    aw_python = None
    if not args.no_aw:
        sys.path.insert(0, str(ROOT / "bench" / "peers"))
        from capture_vs_aw import ensure_standin_deps
        from sessionize_vs_aw import ensure_aw_python

        aw_python = ensure_aw_python(args.aw_python)
        ensure_standin_deps(aw_python)
    command = ledgerwatch_command(bundle)
    runs = []
    for i in range(args.runs):
        run = one_run(args.minutes, args.switch_every, command, aw_python)
        runs.append(run)
        print(f"run {i + 1}/{args.runs} ({run['window_switches']} switches):", file=sys.stderr)
        for name, p in run["processes"].items():
            print(
                f"  {name:<22} CPU {p['cpu_percent']:.3f} %  RSS peak {p['rss_peak_mib']:.1f} MiB"
                f"  median {p['rss_median_mib']:.1f} MiB  processes {p['processes_peak']}  exit {p['exit']}",
                file=sys.stderr,
            )
    summary = medians(runs)
    result = {
        "what": "bundle" if bundle is not None else "source",
        "minutes": args.minutes,
        "runs": runs,
        "medians": summary,
        "targets": TARGETS,
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    print(
        f"\nmedians over {args.runs} runs of {args.minutes} min, side by side under one Xvfb ({result['what']})"
    )
    print(f"{'':<22} {'CPU % of a core':>16} {'RSS peak MiB':>13} {'RSS median MiB':>15}")
    for side, figures in summary.items():
        print(
            f"{side:<22} {figures['cpu_percent']:>16.3f} {figures['rss_peak_mib']:>13.1f} "
            f"{figures['rss_median_mib']:>15.1f}"
        )
    store = runs[-1]["headless_store"]
    if store:
        print(
            f"headless store: {store['rows']} rows, {store['events_used_bytes_per_event']:.0f} bytes per event"
        )
    ok = all(
        summary[side]["cpu_percent"] <= TARGETS["cpu_percent"]
        and summary[side]["rss_peak_mib"] <= TARGETS["rss_peak_mib"]
        for side in OURS
    )
    print("targets (CPU <= 0.25 %, RSS <= 60 MiB): " + ("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
