"""A tiny capture runner for tests and the benchmark: `python bench/capture_agent.py DB [SETTINGS_JSON]`.

Capture alone (select_backend, EventLog sink, CaptureAgent.run_forever, optional browser endpoint), for the
desktop tests and bench/peers/capture_vs_aw.py; the agent that ships (`ledgerwatch run`) is measured by
bench/capture_resources.py. Prints one JSON line ("ready") once sampling starts.
SETTINGS_JSON is a JSON object (inline or a file path) of CaptureSettings fields.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

from until_signal import run_until_signal


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    from ledgerwatch.capture import BrowserTabs, CaptureAgent, CaptureSettings
    from ledgerwatch.capture.backends import select_backend
    from ledgerwatch.store import EventLog, open_database

    logging.basicConfig(
        level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s"
    )
    raw = argv[1] if len(argv) == 2 else "{}"
    if not raw.lstrip().startswith("{"):
        raw = Path(raw).read_text(encoding="utf-8")
    settings = CaptureSettings.from_mapping(json.loads(raw))
    db = open_database(argv[0])
    log = EventLog(db)
    backends = select_backend(settings.idle_source)
    tabs = BrowserTabs() if settings.browser_endpoint else None
    port = None
    endpoint = None
    if tabs is not None:
        from ledgerwatch.capture.browser import BrowserEndpoint

        endpoint = BrowserEndpoint(tabs, settings.browser_token, settings.browser_port)
        port = endpoint.start()
    agent = CaptureAgent(
        backends.window, backends.idle, log.add_many, settings, tabs=tabs, notice=backends.notice
    )
    try:
        run_until_signal(
            agent.run_forever,
            lambda: print(
                json.dumps({"ready": True, "backend": backends.name, "notice": backends.notice, "port": port}),
                flush=True,
            ),
            name="capture",
        )
    finally:
        if endpoint is not None:
            endpoint.stop()
        backends.window.close()
        backends.idle.close()
        db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
