// ledgerwatch browser extension: reports the active tab (URL, title) to the local agent on 127.0.0.1.
// Chrome/Edge run this as an MV3 service worker, Firefox as a background script; both expose `chrome.*`.
// Private/incognito tabs are reported only as {"incognito": true}: never their URL or title.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const DEFAULT_PORT = 47813; // capture.browser_port's default
const NATIVE_HOST = "com.ledgerwatch.agent";
let lastSent = "";

// Ask the native messaging host (installed with ledgerwatch) where this session's agent listens: on a
// terminal server each session's agent has its own port. Pairs the extension without copying a token.
async function discover() {
  try {
    const found = await api.runtime.sendNativeMessage(NATIVE_HOST, { type: "endpoint" });
    if (found && found.port && found.token) {
      await api.storage.local.set({ port: found.port, token: found.token, discovered: true });
      return { port: Number(found.port), token: String(found.token) };
    }
  } catch (error) {
    // No host installed (or not allowed for this extension id): the options page's manual pairing stands.
  }
  return null;
}

async function settings() {
  const stored = await api.storage.local.get({ port: DEFAULT_PORT, token: "" });
  if (!stored.token) return (await discover()) ?? { port: DEFAULT_PORT, token: "" };
  return { port: Number(stored.port) || DEFAULT_PORT, token: String(stored.token || "") };
}

function reportFor(tab, tabCount) {
  if (!tab) return null;
  if (tab.incognito) return { incognito: true };
  const url = tab.url || tab.pendingUrl || "";
  if (!/^https?:|^file:/.test(url)) return null; // browser pages (chrome://, about:) say nothing useful
  return { url, title: tab.title || "", incognito: false, audible: Boolean(tab.audible), tabCount };
}

async function send(report) {
  const body = JSON.stringify(report);
  if (body === lastSent) return "unchanged";
  const { port, token } = await settings();
  if (!token) return "unpaired";
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/tab`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
      body,
    });
    if (response.ok) lastSent = body;
    if (response.status === 401 || response.status === 403) await discover(); // the agent was re-paired
    return response.status;
  } catch (error) {
    await discover(); // not running, or restarted on another port: look again for the next change
    return "offline";
  }
}

async function reportActiveTab() {
  const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
  const all = await api.tabs.query({});
  const report = reportFor(tab, all.length);
  return report ? send(report) : "skipped";
}

api.tabs.onActivated.addListener(() => reportActiveTab());
api.tabs.onUpdated.addListener((_id, change, tab) => {
  if (tab.active && (change.url !== undefined || change.title !== undefined || change.audible !== undefined)) {
    reportActiveTab();
  }
});
api.windows.onFocusChanged.addListener((windowId) => {
  if (windowId !== api.windows.WINDOW_ID_NONE) reportActiveTab();
});

globalThis.ledgerwatch = { reportFor, send, reportActiveTab, settings, discover };
