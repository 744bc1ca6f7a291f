"""The tray: state pictures, and every menu item calling its service through pystray's own menu items.

pystray binds its backend at import, so each backend runs in a child process: the X backend under a
private Xvfb, the dummy backend without a display.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import types
from collections.abc import Iterator
from pathlib import Path

import pytest

from ledgerwatch.tray.icon import Tray, TrayActions, TrayState, draw_state, menu_entries

CHILD = r"""
import json, sys
from ledgerwatch.tray.icon import Tray, TrayActions, TrayState
calls = []
state = {"now": TrayState.RECORDING}
def rec(name):
    return lambda *a: calls.append([name, *a])
def set_private(on):
    calls.append(["private", on]); state["now"] = TrayState.PRIVATE if on else TrayState.RECORDING
actions = TrayActions(
    review_today=rec("review"), pause=rec("pause"), resume=rec("resume"), set_private=set_private,
    sync_now=rec("sync"), settings=rec("settings"), open_data_folder=rec("folder"), quit=rec("quit"),
    state=lambda: state["now"],
)
tray = Tray(actions)
tray.run_detached()
icon = tray.icon
import time
for _ in range(200):
    if getattr(icon, "_running", False):
        break
    time.sleep(0.02)
def walk(menu, prefix=""):
    for item in menu.items:
        if item.submenu:
            walk(item.submenu, prefix + item.text + "/")
        else:
            item(icon)
            calls.append(["clicked", prefix + item.text])
walk(icon.menu)
private_checked = [i.checked for i in icon.menu.items if i.text == "Private mode"]
print(json.dumps({"backend": type(icon).__module__, "calls": calls, "state": tray.state.value,
                  "checked": private_checked}), flush=True)
import os
os._exit(0)  # pystray's X thread does not end without a tray host; the child is done
"""


def run_child(env: dict[str, str]) -> dict[str, object]:
    env = {**env, "PYTHONFAULTHANDLER": "1"}
    child = CHILD.replace("import json, sys\n", "import faulthandler, json, sys\nfaulthandler.dump_traceback_later(45)\n", 1)
    try:
        out = subprocess.run(
            [sys.executable, "-u", "-c", child], env=env, capture_output=True, text=True, timeout=60, check=False
        )
    except subprocess.TimeoutExpired as hung:  # the child's threads, dumped at 45 s, say where it stuck
        stderr = hung.stderr.decode(errors="replace") if isinstance(hung.stderr, bytes) else hung.stderr
        raise AssertionError(f"the tray child hung:\n{stderr}") from None
    assert out.returncode == 0, out.stderr
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


EXPECTED = [
    ["review"], ["clicked", "Review today"],
    ["pause", 15], ["clicked", "Pause/15 minutes"],
    ["pause", 60], ["clicked", "Pause/1 hour"],
    ["pause", None], ["clicked", "Pause/Until resumed"],
    ["resume"], ["clicked", "Pause/Resume"],
    ["private", True], ["clicked", "Private mode"],
    ["sync"], ["clicked", "Sync now"],
    ["settings"], ["clicked", "Settings"],
    ["folder"], ["clicked", "Open data folder"],
    ["quit"], ["clicked", "Quit"],
]  # fmt: skip


@pytest.fixture
def xvfb() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb not installed")
    if os.environ.get("DISPLAY") and os.environ.get("LW_IN_DBUS"):
        yield os.environ["DISPLAY"]
        return
    with tempfile.TemporaryFile() as fd_file:
        read, write = os.pipe()
        proc = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24", "-nolisten", "tcp"],
            pass_fds=(write,),
            stderr=fd_file,
        )
        os.close(write)
        with os.fdopen(read) as r:
            number = r.readline().strip()
        try:
            yield f":{number}"
        finally:
            proc.terminate()
            proc.wait(10)


@pytest.mark.desktop
def test_menu_items_call_their_services_under_xvfb(xvfb: str) -> None:
    """Under X, the icon starts and each menu item (and submenu item) calls its injected service."""
    env = {k: v for k, v in os.environ.items() if k != "PYSTRAY_BACKEND"}
    env["DISPLAY"] = xvfb
    result = run_child(env)
    assert result["backend"] == "pystray._xorg"
    assert result["calls"] == EXPECTED
    assert result["state"] == "private" and result["checked"] == [True]


def test_menu_items_call_their_services_headless() -> None:
    """Without a display the dummy backend is chosen and the menu still calls every service."""
    env = {k: v for k, v in os.environ.items() if k not in {"DISPLAY", "WAYLAND_DISPLAY", "PYSTRAY_BACKEND"}}
    result = run_child(env)
    assert result["backend"] == "pystray._base"  # the dummy backend is the base Icon
    assert result["calls"] == EXPECTED


def test_state_pictures_differ() -> None:
    """Each state has its own picture (the colour of the face tells recording, paused, private, sync problem)."""
    pictures = {state: draw_state(state).getpixel((8, 32)) for state in TrayState}
    assert len(set(pictures.values())) == len(TrayState)
    assert draw_state(TrayState.RECORDING).size == (64, 64)


def test_quit_calls_service_then_stops_icon() -> None:
    """Quit tells the app to stop before the icon's loop ends."""
    order: list[str] = []
    none = lambda *a: None  # noqa: E731
    actions = TrayActions(
        none, none, none, none, none, none, none, lambda: order.append("quit"), lambda: TrayState.PAUSED
    )
    entries = dict(menu_entries(actions, lambda: order.append("stop")))
    entries["Quit"]()
    assert order == ["quit", "stop"]


def test_private_mode_toggles_from_state() -> None:
    """Private mode turns on when off and off when on."""
    seen: list[bool] = []
    none = lambda *a: None  # noqa: E731
    state = [TrayState.PRIVATE]
    actions = TrayActions(none, none, none, seen.append, none, none, none, none, lambda: state[0])
    toggle = dict(menu_entries(actions, none))["Private mode"]
    toggle()
    state[0] = TrayState.RECORDING
    toggle()
    assert seen == [False, True]


def test_package_imports_without_display() -> None:
    """Importing the tray package never imports pystray (whose X backend needs a display at import)."""
    code = "import sys, ledgerwatch.tray, ledgerwatch.tray.autostart; print('pystray' in sys.modules)"
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_child_script_is_the_real_package() -> None:
    """The child runs the installed package (guards against testing a stale copy)."""
    import ledgerwatch.tray.icon as icon

    assert Path(icon.__file__).resolve().is_relative_to(Path(__file__).resolve().parent.parent / "src")


class _StuckIcon:
    """pystray's Icon interface (pystray.readthedocs.io, "Reference"), with the X backend's failure when its
    loop runs on another thread and has lost its window: stop() waits for an answer that never comes."""

    def __init__(self, name: str, icon: object, title: str, menu: object) -> None:
        self.stop_called = threading.Event()

    def stop(self) -> None:
        self.stop_called.set()
        threading.Event().wait()  # never answered

    def update_menu(self) -> None:
        pass


def _fake_pystray() -> types.ModuleType:
    module = types.ModuleType("fake_pystray")
    module.Icon = _StuckIcon  # type: ignore[attr-defined]
    module.Menu = lambda *items: list(items)  # type: ignore[attr-defined]
    module.MenuItem = lambda text, action, **kw: (text, action)  # type: ignore[attr-defined]
    return module


def test_a_stop_pystray_never_answers_does_not_hang_quit() -> None:
    """Quit returns, and the agent goes on to flush what it captured, even when pystray never answers the stop."""
    quits: list[str] = []
    none = lambda *a: None  # noqa: E731
    actions = TrayActions(
        none, none, none, none, none, none, none, lambda: quits.append("quit"), lambda: TrayState.RECORDING
    )
    tray = Tray(actions, pystray=_fake_pystray())
    quit_item = dict(menu_entries(actions, lambda: tray.stop(wait=0.2)))["Quit"]
    worker = threading.Thread(target=quit_item, daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert quits == ["quit"] and tray.icon.stop_called.is_set()
