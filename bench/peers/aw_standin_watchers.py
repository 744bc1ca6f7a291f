"""Stand-ins for aw-watcher-window and aw-watcher-afk (not on PyPI); run under the ActivityWatch venv.

    AW_PYTHON bench/peers/aw_standin_watchers.py window|afk PORT

They do what the real watchers do on X11, at the real watchers' default rates, through the same client
library (aw-client, queued heartbeats to aw-server on 127.0.0.1:PORT):
  window  every 1 s (aw-watcher-window's poll_time): the active window's WM_CLASS and title from python-xlib,
          one heartbeat {"app", "title"} with pulsetime poll_time + 1 into "aw-watcher-window_HOST".
  afk     pynput mouse and keyboard listeners keep the time of the last input; every 5 s (aw-watcher-afk's
          poll_time, timeout 180 s) one heartbeat {"status": "afk"|"not-afk"} with pulsetime poll_time + 1.
Written for this benchmark from the watchers' documented behaviour; their own code is not used or copied.
SIGTERM stops them after the client's queue is flushed.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

from aw_client import ActivityWatchClient
from aw_core.models import Event

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/: until_signal
from until_signal import run_until_signal

WINDOW_POLL = 1.0
AFK_POLL = 5.0
AFK_TIMEOUT = 180.0


def active_window(display, atoms) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """App (WM_CLASS class) and title of the focused window, or unknown."""
    from Xlib import X

    root = display.screen().root
    prop = root.get_full_property(atoms["_NET_ACTIVE_WINDOW"], X.AnyPropertyType)
    if not prop or not prop.value or not prop.value[0]:
        return {"app": "unknown", "title": "unknown"}
    window = display.create_resource_object("window", int(prop.value[0]))
    try:
        name = window.get_full_property(atoms["_NET_WM_NAME"], atoms["UTF8_STRING"])
        title = name.value.decode("utf-8", "replace") if name else (window.get_wm_name() or "")
        cls = window.get_wm_class()
    except Exception:  # the window went away between the two reads
        return {"app": "unknown", "title": "unknown"}
    return {"app": cls[1] if cls else "unknown", "title": str(title)}


def run_window(client: ActivityWatchClient, stop: threading.Event) -> None:
    from Xlib import display as xdisplay

    display = xdisplay.Display()
    atoms = {
        name: display.intern_atom(name) for name in ("_NET_ACTIVE_WINDOW", "_NET_WM_NAME", "UTF8_STRING")
    }
    bucket = f"aw-watcher-window_{socket.gethostname()}"
    while not stop.is_set():
        event = Event(timestamp=datetime.now(UTC), data=active_window(display, atoms))
        client.heartbeat(bucket, event, pulsetime=WINDOW_POLL + 1.0, queued=True)
        stop.wait(WINDOW_POLL)


def run_afk(client: ActivityWatchClient, stop: threading.Event) -> None:
    from pynput import keyboard, mouse

    last = [time.monotonic()]

    def seen(*_: object) -> None:
        last[0] = time.monotonic()

    listeners = [
        mouse.Listener(on_move=seen, on_click=seen, on_scroll=seen),
        keyboard.Listener(on_press=seen, on_release=seen),
    ]
    for listener in listeners:
        listener.start()
    bucket = f"aw-watcher-afk_{socket.gethostname()}"
    while not stop.is_set():
        idle = time.monotonic() - last[0]
        status = "afk" if idle >= AFK_TIMEOUT else "not-afk"
        event = Event(timestamp=datetime.now(UTC), data={"status": status})
        client.heartbeat(bucket, event, pulsetime=AFK_POLL + 1.0, queued=True)
        stop.wait(AFK_POLL)
    for listener in listeners:
        listener.stop()


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("window", "afk"):
        print(__doc__, file=sys.stderr)
        return 2
    client = ActivityWatchClient(f"aw-watcher-{argv[0]}", testing=True, host="127.0.0.1", port=int(argv[1]))
    # Queued buckets are created when the client connects, so register before `with client` (as the watchers do).
    bucket_type = "currentwindow" if argv[0] == "window" else "afkstatus"
    client.create_bucket(f"aw-watcher-{argv[0]}_{socket.gethostname()}", bucket_type, queued=True)
    work = run_window if argv[0] == "window" else run_afk
    with client:
        run_until_signal(lambda stop: work(client, stop), lambda: print("ready", flush=True), name=argv[0])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
