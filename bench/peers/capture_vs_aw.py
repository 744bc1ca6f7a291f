"""Capture resources vs ActivityWatch, side by side in one run under one Xvfb (issue 4).

    python bench/peers/capture_vs_aw.py [--minutes 4] [--switch-every 3] [--aw-python PATH] [--json out.json]

Runs at the same time, on the same display, for the same minutes and the same window switching (xdotool
every few seconds, with a small mouse move so the user counts as present):
  ours  bench/capture_agent.py (the agent of bench/capture_resources.py: 1 sample/s, flush every 10 s).
  AW    a real aw-server 0.12 (python, peewee/SQLite, on 127.0.0.1) fed by stand-ins for aw-watcher-window
        and aw-watcher-afk (bench/peers/aw_standin_watchers.py: aw-client heartbeats at the real watchers'
        rates, 1 s window / 5 s afk). The real watchers are not on PyPI, npm or Debian, so they cannot be
        installed here: the server's figures and its bytes per event are ActivityWatch's own; the watchers'
        CPU and RSS are those of faithful stand-ins, not of the released watchers.
Reports, per process and per side, average CPU (% of one core), peak and average RSS, stored rows and bytes per
stored event. Without DISPLAY it re-runs itself inside .ci/with-desktop.sh. The ActivityWatch venv is the one of
sessionize_vs_aw.py (created on demand, plus python-xlib and pynput for the stand-ins).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))
from capture_resources import db_figures, empty_db_bytes, open_windows, xdotool  # noqa: E402
from sessionize_vs_aw import DEFAULT_AW_PYTHON, ensure_aw_python  # noqa: E402

AGENT = ROOT / "bench" / "capture_agent.py"
STANDIN = HERE / "aw_standin_watchers.py"
TITLES = ["Smith v Jones - brief.docx - Word", "Inbox - Outlook", "Westlaw research - Chromium"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def aw_env(work: Path) -> dict[str, str]:
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = str(work / var.lower())
    return env


def wait_line(proc: subprocess.Popen[str], what: str, seconds: float = 60) -> str:
    """The first stdout line of proc (its ready signal)."""
    assert proc.stdout is not None
    import selectors

    selector = selectors.DefaultSelector()
    selector.register(proc.stdout, selectors.EVENT_READ)
    if not selector.select(seconds):
        raise RuntimeError(f"{what} did not start")
    return proc.stdout.readline()


def aw_db_figures(data_home: Path) -> dict[str, Any]:
    """Rows and bytes per event of aw-server's peewee database (after a checkpoint), and of an emptied copy."""
    found = sorted(data_home.rglob("peewee-sqlite*.db"))
    if not found:
        return {"error": f"no aw-server database under {data_home}"}
    path = found[0]
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        rows = con.execute("SELECT count(*) FROM eventmodel").fetchone()[0]
        by_bucket = dict(
            con.execute(
                "SELECT b.id, count(*) FROM eventmodel e JOIN bucketmodel b ON e.bucket_id = b.key GROUP BY b.id"
            ).fetchall()
        )
        used = con.execute(
            "SELECT sum(pgsize - unused) FROM dbstat WHERE name IN "
            "(SELECT name FROM sqlite_master WHERE tbl_name = 'eventmodel')"
        ).fetchone()[0]
        payload = con.execute("SELECT avg(length(datastr)) FROM eventmodel").fetchone()[0]
    finally:
        con.close()
    size = path.stat().st_size
    empty_path = path.with_name("empty-copy.db")
    shutil.copy(path, empty_path)
    con = sqlite3.connect(empty_path)
    con.execute("DELETE FROM eventmodel")
    con.commit()
    con.execute("VACUUM")
    con.close()
    empty = empty_path.stat().st_size
    return {
        "rows": rows,
        "rows_by_bucket": by_bucket,
        "file_bytes": size,
        "bytes_per_event": size / rows if rows else float("nan"),
        "empty_store_bytes": empty,
        "marginal_bytes_per_event": (size - empty) / rows if rows else float("nan"),
        "events_used_bytes_per_event": used / rows if rows else float("nan"),
        "avg_payload_json_bytes": payload,
    }


def stop(proc: subprocess.Popen[Any]) -> int | None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    return proc.returncode


def start_aw(aw_python: Path, work: Path, suffix: str = "") -> dict[str, subprocess.Popen[str]]:
    """ActivityWatch's real server on a free port, with the window and afk watchers (stand-ins) reporting
    to it; each process by name (the watchers' names end with suffix)."""
    env = aw_env(work)
    port = free_port()
    procs: dict[str, subprocess.Popen[str]] = {}
    with open(work / "aw-server.log", "w") as server_log:  # the server keeps its own copy of the file
        procs["aw-server"] = subprocess.Popen(
            [str(aw_python), "-m", "aw_server", "--testing", "--host", "127.0.0.1", "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=server_log,
            text=True,
        )
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/0/info", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if time.monotonic() > deadline or procs["aw-server"].poll() is not None:
            raise RuntimeError("aw-server did not start: " + (work / "aw-server.log").read_text()[-2000:])
        time.sleep(0.2)
    for kind in ("window", "afk"):
        name = f"aw-watcher-{kind}{suffix}"
        procs[name] = subprocess.Popen(
            [str(aw_python), str(STANDIN), kind, str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
        )
        wait_line(procs[name], name)
    return procs


def run(minutes: float, switch_every: float, aw_python: Path) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="lw-capvsaw-"))
    windows, ids = open_windows(TITLES)
    xdotool("windowactivate", ids[0])
    procs: dict[str, subprocess.Popen[str]] = {}
    try:
        procs.update(start_aw(aw_python, work, " (stand-in)"))
        settings = {
            "sample_interval": 1.0,
            "flush_interval": 10.0,
            "idle_threshold": 300.0,
            "idle_source": "auto",
        }
        db_path = work / "ours.db"
        procs["ledgerwatch agent"] = subprocess.Popen(
            [sys.executable, "-u", str(AGENT), str(db_path), json.dumps(settings)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        ready = json.loads(wait_line(procs["ledgerwatch agent"], "our agent"))
        watched = {name: psutil.Process(p.pid) for name, p in procs.items()}
        time.sleep(2)  # listeners, first heartbeats and first flush settle
        cpu0 = {name: sum(p.cpu_times()[:2]) for name, p in watched.items()}
        rss: dict[str, list[float]] = {name: [] for name in watched}
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
            for name, p in watched.items():
                rss[name].append(p.memory_info().rss / 2**20)
            time.sleep(min(1.0, max(0.0, next_switch - time.monotonic())))
        elapsed = time.monotonic() - t0
        cpu = {name: sum(p.cpu_times()[:2]) - cpu0[name] for name, p in watched.items()}
        # Watchers first (their queues flush into the server), then the server, then ours.
        exits = {}
        for name in (
            "aw-watcher-window (stand-in)",
            "aw-watcher-afk (stand-in)",
            "aw-server",
            "ledgerwatch agent",
        ):
            exits[name] = stop(procs[name])
        per_process = {
            name: {
                "cpu_percent": round(100 * cpu[name] / elapsed, 3),
                "rss_peak_mib": round(max(rss[name]), 1),
                "rss_avg_mib": round(sum(rss[name]) / len(rss[name]), 1),
                "exit": exits[name],
            }
            for name in watched
        }
        aw_names = [n for n in watched if n != "ledgerwatch agent"]
        sides = {
            "ours": {
                "cpu_percent": per_process["ledgerwatch agent"]["cpu_percent"],
                "rss_peak_mib": per_process["ledgerwatch agent"]["rss_peak_mib"],
                **db_figures(db_path, empty_db_bytes(work)),
            },
            "aw": {
                "cpu_percent": round(sum(per_process[n]["cpu_percent"] for n in aw_names), 3),
                "rss_peak_mib": round(sum(per_process[n]["rss_peak_mib"] for n in aw_names), 1),
                **aw_db_figures(work / "xdg_data_home"),
            },
        }
        return {
            "minutes": minutes,
            "switch_every_s": switch_every,
            "window_switches": switches,
            "our_backend": ready.get("backend"),
            "processes": per_process,
            "sides": sides,
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


def ensure_standin_deps(aw_python: Path) -> None:
    probe = subprocess.run(
        [str(aw_python), "-c", "import Xlib, pynput, aw_server"], capture_output=True, check=False
    )
    if probe.returncode != 0:
        subprocess.run([str(aw_python), "-m", "pip", "install", "-q", "python-xlib", "pynput"], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--minutes", type=float, default=4.0)
    parser.add_argument("--switch-every", type=float, default=3.0, help="seconds between window switches")
    parser.add_argument("--aw-python", type=Path, default=DEFAULT_AW_PYTHON)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    if not os.environ.get("DISPLAY"):
        return subprocess.call([str(ROOT / ".ci" / "with-desktop.sh"), sys.executable, *sys.argv])
    aw_python = ensure_aw_python(args.aw_python)
    ensure_standin_deps(aw_python)
    result = run(args.minutes, args.switch_every, aw_python)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, default=str))
    print(
        f"\n{result['minutes']} min under one Xvfb, window switch every {result['switch_every_s']} s "
        f"({result['window_switches']} switches), same display and input for both sides"
    )
    print(f"{'process':<30} {'CPU %':>7} {'RSS peak':>9} {'RSS avg':>8}")
    for name, p in result["processes"].items():
        print(f"{name:<30} {p['cpu_percent']:>7.3f} {p['rss_peak_mib']:>8.1f}M {p['rss_avg_mib']:>7.1f}M")
    o, a = result["sides"]["ours"], result["sides"]["aw"]
    print(f"\n{'':<34} {'ours':>10} {'ActivityWatch':>14}")
    rows = [
        ("CPU % of one core (whole side)", "cpu_percent", "{:.3f}"),
        ("RSS peak MiB (sum of processes)", "rss_peak_mib", "{:.1f}"),
        ("stored rows", "rows", "{:,}"),
        ("file bytes / row", "bytes_per_event", "{:.0f}"),
        ("(file - empty store) / row", "marginal_bytes_per_event", "{:.0f}"),
        ("event table+index bytes / row", "events_used_bytes_per_event", "{:.0f}"),
        ("payload JSON bytes / row", "avg_payload_json_bytes", "{:.0f}"),
    ]

    def cell(side: dict[str, Any], key: str, fmt: str) -> str:
        value = side.get(key)
        return fmt.format(value) if isinstance(value, int | float) else "n/a"

    for label, key, fmt in rows:
        print(f"{label:<34} {cell(o, key, fmt):>10} {cell(a, key, fmt):>14}")
    print(f"rows by kind: ours {o.get('rows_by_source')}, AW {a.get('rows_by_bucket')}")
    print("AW side = aw-server (real) + stand-in watchers (see the module docstring).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
