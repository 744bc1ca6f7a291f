// Options page: store the pairing token and port, then test the connection to the agent.
"use strict";

const api = globalThis.browser ?? globalThis.chrome;
const $ = (id) => document.getElementById(id);

async function load() {
  const stored = await api.storage.local.get({ port: 47813, token: "" });
  $("token").value = stored.token;
  $("port").value = stored.port;
}

async function saveAndTest() {
  const token = $("token").value.trim();
  const port = Number($("port").value) || 47813;
  await api.storage.local.set({ token, port });
  try {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/ping`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    $("status").textContent = response.ok ? "Paired: the agent accepted the token." : `The agent refused the token (${response.status}).`;
  } catch (error) {
    $("status").textContent = "The ledgerwatch agent is not running on this port.";
  }
}

document.addEventListener("DOMContentLoaded", load);
$("save").addEventListener("click", saveAndTest);
