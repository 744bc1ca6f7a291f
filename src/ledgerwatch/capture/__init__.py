"""Live capture: OS backends, classification, privacy filters, heartbeat merging; hands events to a sink.

Imports only the domain. Heavy or OS-specific modules (backends, the browser endpoint) load lazily.

Privacy decisions:
- Excluded apps, titles and URL domains are stored as a bare window event (app "(excluded)", empty title, no
  URL or process) so the day shows where time went without saying what; record_excluded_time=False stores
  nothing instead. Excluded windows never yield call or e-mail events.
- Private mode and pause store nothing (not even presence); open events end at their last sample.
- Private/incognito browsing: the window is stored with an empty title and incognito=True; the endpoint keeps
  no URL or title of incognito reports.
- Redaction (US SSNs, Luhn-valid card numbers by default) runs on titles, URLs and document paths before the
  sink; pids and executable paths that only repeat the app name are not stored (store_process_details).
"""

from ledgerwatch.capture.agent import CaptureAgent, CaptureStatus, Sink
from ledgerwatch.capture.samples import Clock, IdleBackend, SystemClock, WindowBackend, WindowSample
from ledgerwatch.capture.settings import CaptureSettings, Redaction
from ledgerwatch.capture.tabs import BrowserTabs, TabReport

__all__ = [
    "BrowserTabs",
    "CaptureAgent",
    "CaptureSettings",
    "CaptureStatus",
    "Clock",
    "IdleBackend",
    "Redaction",
    "Sink",
    "SystemClock",
    "TabReport",
    "WindowBackend",
    "WindowSample",
]
