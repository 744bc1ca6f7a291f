"""ActivityWatch side of sessionize_vs_aw.py; runs under a Python that has aw-core and aw-client, never ours.

    AW_PYTHON bench/peers/aw_query_runner.py BUCKETS_JSON SPEC_JSON

BUCKETS_JSON is an ActivityWatch export ({"buckets": {id: {"type", "events": [...]}}}). SPEC_JSON names the
slices (each a list of per-day [start, end) periods), the categories (one regex rule per matter), the storage
modes and the repeat count. For each mode the buckets are loaded first (not timed); then, for each slice, the
canonical desktop query that aw-client builds (aw_client.queries.fullDesktopQuery, the same text aw-webui
sends) runs once per day through aw_query.query2.query, as aw-server's /query endpoint does for a list of
timeperiods. Prints one JSON object: seconds per slice and mode, plus totals that show the query did its work.

Modes:
  peewee   aw-server's own storage (peewee over SQLite, WAL) in a temp file: what a running server does.
  memory   the same query over an in-memory store with a sorted index (events decoded from JSON on read, as
           peewee does): the query pipeline without SQLite, the most favourable case for ActivityWatch.
  http     a real aw-server (python, 0.12, peewee storage, --testing, on 127.0.0.1 and a free port, with its
           data and config dirs in a temp dir): the export goes in through POST /api/0/import, then one
           POST /api/0/query/ per day, the JSON answer decoded by the client, as aw-webui does per day.
"""

from __future__ import annotations

import bisect
import gc
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from importlib import metadata
from typing import Any

from aw_client.queries import DesktopQueryParams, default_limit, fullDesktopQuery
from aw_core.models import Event
from aw_datastore import Datastore
from aw_datastore.storages.abstract import AbstractStorage
from aw_datastore.storages.peewee import PeeweeStorage
from aw_query import query2

DAY_LOOKBACK = timedelta(hours=24)  # peewee's own assumption: no event is longer than a day


class IndexedMemoryStorage(AbstractStorage):
    """Read-mostly in-memory store: rows sorted by timestamp, range reads by bisection, JSON decoded per read."""

    sid = "indexed-memory"

    def __init__(self, testing: bool = True) -> None:
        self._meta: dict[str, dict[str, Any]] = {}
        self._rows: dict[str, list[tuple[datetime, float, str]]] = {}
        self._starts: dict[str, list[datetime]] = {}

    def buckets(self) -> dict[str, dict[str, Any]]:
        return dict(self._meta)

    def create_bucket(self, bucket_id, type_id, client, hostname, created, name=None, data=None) -> None:  # type: ignore[no-untyped-def]
        self._meta[bucket_id] = {
            "id": bucket_id,
            "name": name or bucket_id,
            "type": type_id,
            "client": client,
            "hostname": hostname,
            "created": created,
            "data": data or {},
        }
        self._rows[bucket_id] = []
        self._starts[bucket_id] = []

    def update_bucket(self, bucket_id, **kwargs) -> None:  # type: ignore[no-untyped-def]
        self._meta[bucket_id].update({k: v for k, v in kwargs.items() if v})

    def delete_bucket(self, bucket_id: str) -> None:
        del self._meta[bucket_id], self._rows[bucket_id], self._starts[bucket_id]

    def get_metadata(self, bucket_id: str) -> dict[str, Any]:
        return self._meta[bucket_id]

    def get_event(self, bucket_id, event_id):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def insert_one(self, bucket_id: str, event: Event) -> Event:
        self.insert_many(bucket_id, [event])
        return event

    def insert_many(self, bucket_id: str, events: list[Event]) -> None:
        rows = self._rows[bucket_id]
        rows.extend((e.timestamp, e.duration.total_seconds(), json.dumps(e.data)) for e in events)
        rows.sort(key=lambda r: r[0])
        self._starts[bucket_id] = [r[0] for r in rows]

    def delete(self, bucket_id, event_id):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def replace(self, bucket_id, event_id, event):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def replace_last(self, bucket_id, event):  # type: ignore[no-untyped-def]
        raise NotImplementedError

    def get_events(self, bucket_id, limit, starttime=None, endtime=None):  # type: ignore[no-untyped-def]
        """Events overlapping [starttime, endtime], newest first and trimmed to the range, as peewee returns."""
        rows, starts = self._rows[bucket_id], self._starts[bucket_id]
        lo = bisect.bisect_left(starts, starttime - DAY_LOOKBACK) if starttime else 0
        hi = bisect.bisect_right(starts, endtime) if endtime else len(rows)
        out = []
        for ts, seconds, datastr in reversed(rows[lo:hi]):
            end = ts + timedelta(seconds=seconds)
            if starttime and end < starttime:
                continue
            event = Event(timestamp=ts, duration=seconds, data=json.loads(datastr))
            if starttime and event.timestamp < starttime:
                event.timestamp, event.duration = starttime, end - starttime
            if endtime and event.timestamp + event.duration > endtime:
                event.duration = endtime - event.timestamp
            out.append(event)
            if 0 <= limit <= len(out):
                break
        return out

    def get_eventcount(self, bucket_id, starttime=None, endtime=None):  # type: ignore[no-untyped-def]
        return len(self._rows[bucket_id])


def load(datastore: Datastore, export: dict[str, Any]) -> int:
    """Create the exported buckets and insert their events; returns how many events."""
    count = 0
    created = datetime(2025, 1, 1, tzinfo=UTC)
    for bucket_id, bucket in export["buckets"].items():
        datastore.create_bucket(bucket_id, bucket["type"], bucket["client"], bucket["hostname"], created)
        events = [Event(**raw) for raw in bucket["events"]]
        datastore[bucket_id].insert(events)
        count += len(events)
    return count


def run_slice(datastore: Datastore, query: str, periods: list[list[str]]) -> tuple[float, dict[str, float]]:
    """Seconds for the per-day queries of one slice, and totals of their results."""
    gc.collect()
    began = time.perf_counter()
    results = []
    for start, end in periods:
        results.append(
            query2.query(
                "bench", query, datetime.fromisoformat(start), datetime.fromisoformat(end), datastore
            )
        )
    seconds = time.perf_counter() - began
    active = categorized = 0.0
    rows = 0
    for result in results:
        active += result["window"]["duration"].total_seconds()
        for cat in result["window"]["cat_events"]:
            rows += 1
            if cat.data["$category"] != ["Uncategorized"]:
                categorized += cat.duration.total_seconds()
    totals = {"active_hours": active / 3600, "categorized_hours": categorized / 3600, "category_rows": rows}
    return seconds, totals


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(workdir: str) -> tuple[subprocess.Popen[bytes], str]:
    """aw-server on 127.0.0.1 with its data, config and logs under workdir; returns it and its API base URL."""
    import requests

    port = free_port()
    env = dict(os.environ)
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[var] = os.path.join(workdir, var.lower())
    server = subprocess.Popen(
        [sys.executable, "-m", "aw_server", "--testing", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(os.path.join(workdir, "server.log"), "wb"),  # noqa: SIM115  (closed with the process)
    )
    base = f"http://127.0.0.1:{port}/api/0"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("aw-server exited at start")
        try:
            if requests.get(f"{base}/info", timeout=2).ok:
                return server, base
        except requests.ConnectionError:
            time.sleep(0.2)
    server.kill()
    raise RuntimeError("aw-server did not answer within 60 s")


def run_http(base: str, query: str, export: dict[str, Any], spec: dict[str, Any]) -> dict[str, Any]:
    """Import the export into a running aw-server, then time one query request per day for each slice."""
    import requests

    session = requests.Session()
    began = time.perf_counter()
    session.post(f"{base}/import", json=export, timeout=600).raise_for_status()
    figures: dict[str, Any] = {
        "stored_events": sum(len(b["events"]) for b in export["buckets"].values()),
        "load_s": time.perf_counter() - began,
    }
    lines = [line + ";" for line in query.split(";") if line.strip()]
    for piece in spec["slices"]:
        best = float("inf")
        active = categorized = 0.0
        rows = 0
        for _ in range(spec["repeat"]):
            gc.collect()
            began = time.perf_counter()
            answers = []
            for start, end in piece["periods"]:
                reply = session.post(
                    f"{base}/query/", json={"query": lines, "timeperiods": [f"{start}/{end}"]}, timeout=600
                )
                reply.raise_for_status()
                answers.append(reply.json()[0])
            best = min(best, time.perf_counter() - began)
            active = sum(a["window"]["duration"] for a in answers)
            cats = [c for a in answers for c in a["window"]["cat_events"]]
            rows = len(cats)
            categorized = sum(c["duration"] for c in cats if c["data"]["$category"] != ["Uncategorized"])
        figures[piece["name"]] = {
            "seconds": best,
            "active_hours": active / 3600,
            "categorized_hours": categorized / 3600,
            "category_rows": rows,
        }
    return figures


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[0], encoding="utf-8") as fh:
        export = json.load(fh)
    with open(argv[1], encoding="utf-8") as fh:
        spec = json.load(fh)
    ids = list(export["buckets"])
    params = DesktopQueryParams(
        bid_window=next(b for b in ids if b.startswith("aw-watcher-window")),
        bid_afk=next(b for b in ids if b.startswith("aw-watcher-afk")),
        bid_browsers=[b for b in ids if b.startswith("aw-watcher-web")],
        classes=[(rule["name"], rule["rule"]) for rule in spec["classes"]],
    )
    # aw-client 0.5.15 leaves "{default_limit}" unformatted in the browser part of fullDesktopQuery (that
    # block is not an f-string), which the query parser rejects; put in the value it names, as aw-webui does.
    query = fullDesktopQuery(params).replace("{default_limit}", str(default_limit))
    versions = {name: metadata.version(name) for name in ("aw-core", "aw-client")}
    out: dict[str, Any] = {
        "query": query,
        "versions": versions,
        "python": sys.version.split()[0],
        "modes": {},
    }
    workdir = tempfile.mkdtemp(prefix="aw-bench-")
    try:
        for mode in spec["modes"]:
            if mode == "http":
                server, base = start_server(workdir)
                try:
                    out["modes"][mode] = run_http(base, query, export, spec)
                except Exception:
                    with open(os.path.join(workdir, "server.log"), encoding="utf-8", errors="replace") as log:
                        print(log.read()[-3000:], file=sys.stderr)
                    raise
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                continue
            if mode == "peewee":
                datastore = Datastore(PeeweeStorage, testing=True, filepath=os.path.join(workdir, "aw.db"))
            elif mode == "memory":
                datastore = Datastore(IndexedMemoryStorage, testing=True)
            else:
                raise ValueError(f"unknown mode {mode}")
            began = time.perf_counter()
            stored = load(datastore, export)
            figures: dict[str, Any] = {"stored_events": stored, "load_s": time.perf_counter() - began}
            for piece in spec["slices"]:
                best, totals = float("inf"), {}
                for _ in range(spec["repeat"]):
                    seconds, totals = run_slice(datastore, query, piece["periods"])
                    best = min(best, seconds)
                figures[piece["name"]] = {"seconds": best, **totals}
            out["modes"][mode] = figures
            if mode == "peewee":
                datastore.storage_strategy.db.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
