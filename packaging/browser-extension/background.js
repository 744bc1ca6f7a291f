// ledgerwatch browser extension: reports the active tab (URL, title) to the local agent on 127.0.0.1.
// Chrome/Edge run this as an MV3 service worker, Firefox as a background script; both expose `chrome.*`.
// Private/incognito tabs are reported only as {"incognito": true}: never their URL or title.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const DEFAULT_PORT = 5607;
let lastSent = "";

async function settings() {
  const stored = await api.storage.local.get({ port: DEFAULT_PORT, token: "" });
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
    return response.status;
  } catch (error) {
    return "offline"; // the agent is not running; try again on the next change
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

globalThis.ledgerwatch = { reportFor, send, reportActiveTab, settings };
