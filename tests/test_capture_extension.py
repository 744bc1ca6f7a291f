"""The WebExtension in packaging/browser-extension: manifest shape and the background script's behaviour (node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

EXT = Path(__file__).resolve().parent.parent / "packaging" / "browser-extension"

HARNESS = r"""
const fs = require("fs"), vm = require("vm");
const listeners = {};
const calls = [];
const tabs = JSON.parse(process.argv[3]);
const chrome = {
  storage: { local: { get: async (d) => ({ ...d, token: "tok123", port: 6001 }) } },
  tabs: {
    query: async (q) => (q.active ? [tabs[0]] : tabs),
    onActivated: { addListener: (f) => (listeners.activated = f) },
    onUpdated: { addListener: (f) => (listeners.updated = f) },
  },
  windows: { WINDOW_ID_NONE: -1, onFocusChanged: { addListener: (f) => (listeners.focus = f) } },
};
const fetch = async (url, init) => { calls.push({ url, init }); return { ok: true, status: 204 }; };
const ctx = { chrome, fetch, console };
ctx.globalThis = ctx;
vm.runInNewContext(fs.readFileSync(process.argv[2], "utf8"), ctx);
(async () => {
  const first = await ctx.ledgerwatch.reportActiveTab();
  const again = await ctx.ledgerwatch.reportActiveTab();
  console.log(JSON.stringify({ first, again, calls, hooked: Object.keys(listeners).sort() }));
})();
"""


def test_manifest_is_mv3_for_chrome_edge_and_firefox():
    """The manifest is MV3 with a service worker (Chrome/Edge), background scripts and a gecko id (Firefox)."""
    manifest = json.loads((EXT / "manifest.json").read_text())
    assert manifest["manifest_version"] == 3
    assert manifest["background"]["service_worker"] == "background.js"
    assert manifest["background"]["scripts"] == ["background.js"]
    assert manifest["browser_specific_settings"]["gecko"]["id"]
    assert manifest["host_permissions"] == ["http://127.0.0.1/*"]
    assert manifest["incognito"] == "not_allowed"
    for name in ("background.js", manifest["options_ui"]["page"], "options.js"):
        assert (EXT / name).is_file()


def run_background(tmp_path: Path, tabs: list[dict[str, object]]) -> dict[str, object]:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    harness = tmp_path / "harness.js"
    harness.write_text(HARNESS)
    out = subprocess.run(
        [node, str(harness), str(EXT / "background.js"), json.dumps(tabs)],
        capture_output=True,
        text=True,
        timeout=30,
        check=True,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def test_background_posts_the_active_tab_with_the_token(tmp_path: Path):
    """The active tab's URL and title go to 127.0.0.1:<port>/api/v1/tab with the bearer token, once per change."""
    tabs = [
        {"url": "https://law.example/a", "title": "A", "incognito": False, "audible": False},
        {"url": "x"},
    ]
    result = run_background(tmp_path, tabs)
    assert result["hooked"] == ["activated", "focus", "updated"]
    assert result["first"] == 204 and result["again"] == "unchanged"
    (call,) = result["calls"]  # type: ignore[misc]
    assert call["url"] == "http://127.0.0.1:6001/api/v1/tab"
    assert call["init"]["headers"]["Authorization"] == "Bearer tok123"
    body = json.loads(call["init"]["body"])
    assert body == {
        "url": "https://law.example/a",
        "title": "A",
        "incognito": False,
        "audible": False,
        "tabCount": 2,
    }


def test_background_never_sends_incognito_url_or_title(tmp_path: Path):
    """For a private tab only {"incognito": true} is sent."""
    result = run_background(
        tmp_path, [{"url": "https://secret.example", "title": "Secret", "incognito": True}]
    )
    (call,) = result["calls"]  # type: ignore[misc]
    assert json.loads(call["init"]["body"]) == {"incognito": True}
