"""A day on the desktop: run the agent, its status, the review page, the demo and the browser extension."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from ledgerwatch.cli.arguments import Subparsers, command, day, group, input_folder, services
from ledgerwatch.cli.errors import CommandError

TITLE = "a day on the desktop"
SAMPLE_WEEK = Path(__file__).resolve().parent.parent / "samples" / "week1"
SAMPLE_FILES = ("matters.csv", "aw-export.json")
"""what a sample week folder must hold (calendar.ics and truth.json are optional)"""
STATUS_FILE = "capture-status.json"
"""runtime.capture.STATUS_FILE, named here so `status` imports no capture code"""


def register(sub: Subparsers) -> None:
    p = command(sub, "run", cmd_run, "run the agent: capture, scheduler, review server and tray")
    p.add_argument(
        "--headless", action="store_true", help="no tray (servers, tests, machines without a tray host)"
    )
    p.add_argument(
        "--supervise", action="store_true", help="restart the agent when it crashes (the Windows logon task)"
    )
    p.add_argument(
        "--at-login",
        action="store_true",
        help="started at login: hand over to the systemd user unit where there is one, else --supervise",
    )
    # The agent's own helpers (runtime.page): the review page and the heavy jobs, each in its own process.
    p.add_argument("--part", choices=("prepare", "page", "remind", "sync", "purge"), help=argparse.SUPPRESS)
    p.add_argument("--door", help=argparse.SUPPRESS)
    command(sub, "status", cmd_status, "what is being captured now, today's drafts and the sync queue")
    command(sub, "review", cmd_review, "open the review page for a day (default today)").add_argument(
        "--date", type=day, help="local day, YYYY-MM-DD"
    )
    p = command(sub, "demo", cmd_demo, "load the sample week into a throw-away home and open review")
    p.add_argument(
        "--samples",
        type=input_folder,
        default=SAMPLE_WEEK,
        help="a week folder (aw-export.json, matters.csv, calendar.ics)",
    )
    p.add_argument(
        "--no-open",
        action="store_true",
        help="print a one-time link (good for 30 s) instead of opening a browser: the demo holds sample data only",
    )
    br = group(sub, "browser", "the browser extension that reports the active tab to this machine only")
    command(
        br, "pair", cmd_browser_pair, "print the endpoint and pairing token for the extension's options page"
    )


def cmd_run(args: argparse.Namespace) -> int:
    import os
    import sys

    if args.at_login and sys.platform.startswith("linux"):
        from ledgerwatch.tray.autostart import start_user_unit

        if start_user_unit(os.environ):
            return 0  # systemd runs it now, and restarts it after a crash
    if args.at_login or args.supervise:
        from ledgerwatch.runtime.supervisor import supervise_command
        from ledgerwatch.tray.autostart import agent_command

        return supervise_command(agent_command() + (["--headless"] if args.headless else []))

    if args.part:
        from ledgerwatch import config
        from ledgerwatch.runtime.page import run_part

        return run_part(args.part, config.load(), door=args.door)
    from ledgerwatch.runtime.agent import run

    return run(headless=args.headless)  # the settings are read by its prepare part: no pydantic in the agent


def cmd_status(args: argparse.Namespace) -> int:
    from ledgerwatch import config
    from ledgerwatch.app import open_services

    effective = config.load()
    for problem in effective.policy_problems:
        print(f"policy: PROBLEM: {problem}")
    for line in _capture_lines(effective.paths.data_dir / STATUS_FILE):
        print(line)
    with open_services(effective) as svc:
        today = svc.clock().astimezone(effective.settings.zone()).date()
        entries = svc.drafts_between(today, today)
        drafts = sum(1 for e in entries if e.status.value == "draft")
        print(f"today {today}: {len(entries)} entries, {drafts} not yet reviewed")
        provider, queue = svc.sync_queue()
        counts = dict(queue.counts)
        print(f"sync: {provider or 'not connected'}; outbox {counts if sum(counts.values()) else 'empty'}")
        if svc.settings.ai.enabled and svc.assist_settings().endpoint_allowed:
            report = svc.assist_report()
            print(report.summary() if report is not None else "AI assist: on, not run yet (`drafts build`)")
        else:
            print("AI assist: off")
    return 0


def _capture_lines(path: Path) -> list[str]:
    """What the running agent's status file (written after each flush) says it captures, and what it lacks."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return ["capture: not running (`ledgerwatch run` starts it)"]
    except (OSError, ValueError):
        data = None
    if not isinstance(data, dict):
        return [f"capture: unknown ({path} cannot be read)"]
    state = data.get("state", "?")
    window = data.get("window") or {}
    what = f" {window.get('app', '')}" + (f" — {window['title']}" if window.get("title") else "")
    dropped = data.get("browser_dropped")
    flood = f"; {dropped} browser report(s) dropped (too many too fast)" if isinstance(dropped, int) and dropped else ""
    lines = [f"capture: {state}{what if state == 'capturing' else ''} (as of {data.get('written_at', '?')}){flood}"]
    if data.get("notice"):
        lines.append(f"capture: NOTE: {data['notice']}")
    return lines


def cmd_review(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime.launch import launch_review

    with services(args) as svc:
        what = launch_review(svc, args.date)
    print(what)
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    import shutil
    import tempfile

    from ledgerwatch.app import open_services
    from ledgerwatch.runtime.launch import demo

    samples: Path = args.samples
    missing = [name for name in SAMPLE_FILES if not (samples / name).is_file()]
    if missing:
        raise CommandError(f"{samples}: not a sample week (no {', '.join(missing)})")
    home = Path(tempfile.mkdtemp(prefix="ledgerwatch-demo-"))
    opener = (lambda link: print(f"open within 30 s (once): {link}", flush=True)) if args.no_open else None
    try:
        demo(home, samples, open_services, opener=opener, block=True)
    except Exception:
        shutil.rmtree(home, ignore_errors=True)  # a week that would not load leaves no home behind
        raise
    return 0


def cmd_browser_pair(args: argparse.Namespace) -> int:
    from ledgerwatch.runtime.capture import browser_token

    with services(args) as svc:
        token = browser_token(svc)
        port = svc.settings.capture.browser_port
    if port == 0:
        raise CommandError("the browser endpoint is off (capture.browser_port = 0)")
    print(f"endpoint: http://127.0.0.1:{port}")
    print(f"token:    {token}")
    print("paste both into the ledgerwatch extension's options page")
    return 0
