// ledgerwatch review: keyboard triage and actions. Served from this package; no network assets.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const page = location.pathname;
  const toastEl = document.getElementById("toast");
  const store = window.sessionStorage;
  let sel = -1;
  const marked = new Set();

  function toast(text, error) {
    if (!toastEl || !text) return;
    toastEl.textContent = text;
    toastEl.classList.toggle("error", !!error);
    toastEl.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => toastEl.classList.remove("show"), error ? 6000 : 3000);
  }

  async function post(fields) {
    const body = new URLSearchParams(Object.assign({ csrf: csrf }, fields));
    const response = await fetch("/action", {
      method: "POST",
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf },
      body: body,
    });
    try {
      return await response.json();
    } catch (e) {
      return { ok: false, message: "the server refused the change (" + response.status + ")" };
    }
  }

  // After a change the page reloads; the selection and the message survive in sessionStorage.
  async function act(fields, nextId) {
    const result = await post(fields);
    if (!result.ok) {
      toast(result.message, true);
      return result;
    }
    let target = typeof nextId === "function" ? nextId(result) : nextId;
    if (target) store.setItem("lw-sel:" + page, target);
    store.setItem("lw-msg", result.message);
    store.setItem("lw-seq", String(Number(store.getItem("lw-seq") || "0") + 1));
    location.reload();
    return result;
  }

  // Page-level forms (undo, approve all, reclaim, settings) also go through fetch when JS is on.
  document.querySelectorAll('form[action="/action"]').forEach((form) => {
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const fields = Object.fromEntries(new FormData(form).entries());
      act(fields, current() ? current().dataset.id : null);
    });
  });

  const restoredSeq = store.getItem("lw-seq") || "0";
  document.body.dataset.seq = restoredSeq;
  const pending = store.getItem("lw-msg");
  if (pending) {
    store.removeItem("lw-msg");
    toast(pending, false);
  } else if (toastEl && toastEl.textContent.trim()) {
    toast(toastEl.textContent.trim(), false);
  }

  if (!document.body.classList.contains("page-day")) {
    document.body.dataset.ready = "1";
    return;
  }

  const entries = () => Array.from(document.querySelectorAll("article.entry"));
  const drafts = () => entries().filter((e) => e.dataset.status === "draft");
  const current = () => entries()[sel] || null;
  const day = page.split("/").pop();

  function select(i, scroll) {
    const list = entries();
    if (!list.length) return;
    sel = Math.max(0, Math.min(i, list.length - 1));
    list.forEach((e, j) => e.classList.toggle("selected", j === sel));
    const id = list[sel].dataset.id;
    document.querySelectorAll("rect.bar").forEach((b) => b.classList.toggle("selected", b.dataset.entry === id));
    store.setItem("lw-sel:" + page, id);
    if (scroll !== false) list[sel].scrollIntoView({ block: "nearest" });
  }

  function selectId(id) {
    const i = entries().findIndex((e) => e.dataset.id === id);
    if (i >= 0) select(i);
    return i >= 0;
  }

  // The draft to land on after the current one is dealt with: the next draft below, else the one above.
  function nextDraftId(el) {
    const list = entries();
    const at = list.indexOf(el);
    for (let j = at + 1; j < list.length; j++) if (list[j].dataset.status === "draft") return list[j].dataset.id;
    for (let j = at - 1; j >= 0; j--) if (list[j].dataset.status === "draft") return list[j].dataset.id;
    return el.dataset.id;
  }

  const wanted = store.getItem("lw-sel:" + page);
  if (!(wanted && selectId(wanted))) {
    const first = drafts()[0];
    if (first) selectId(first.dataset.id);
    else select(0, false);
  }

  // --- dialogs ---
  const matters = JSON.parse(document.getElementById("matters-data").textContent);
  const dlgReassign = document.getElementById("dlg-reassign");
  const search = document.getElementById("matter-search");
  const results = document.getElementById("matter-results");
  let hits = [];
  let active = 0;

  function rank(query) {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const scored = [];
    for (const m of matters) {
      const hay = (m.number + " " + m.client + " " + m.description).toLowerCase();
      if (!words.every((w) => hay.includes(w))) continue;
      let score = m.open ? 0 : 10;
      if (words.length && m.number.toLowerCase().startsWith(words[0])) score -= 5;
      scored.push([score, m]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].number.localeCompare(b[1].number));
    return scored.slice(0, 12).map((s) => s[1]);
  }

  function showHits() {
    hits = rank(search.value);
    active = Math.min(active, Math.max(hits.length - 1, 0));
    results.replaceChildren(
      ...hits.map((m, i) => {
        const li = document.createElement("li");
        li.setAttribute("role", "option");
        li.dataset.number = m.number;
        if (i === active) li.classList.add("active");
        const b = document.createElement("b");
        b.textContent = m.number;
        const c = document.createElement("span");
        c.className = "client";
        c.textContent = m.client + " — " + m.description + (m.open ? "" : " (closed)");
        li.append(b, c);
        li.addEventListener("mousedown", (ev) => {
          ev.preventDefault();
          chooseMatter(m.number);
        });
        return li;
      })
    );
  }

  function chooseMatter(number) {
    const el = current();
    dlgReassign.close();
    if (el) act({ op: "reassign", id: el.dataset.id, matter: number }, el.dataset.id);
  }

  search.addEventListener("input", () => {
    active = 0;
    showHits();
  });
  search.addEventListener("keydown", (ev) => {
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      active = (active + (ev.key === "ArrowDown" ? 1 : hits.length - 1)) % Math.max(hits.length, 1);
      showHits();
    } else if (ev.key === "Enter") {
      ev.preventDefault();
      if (hits[active]) chooseMatter(hits[active].number);
    }
  });

  function openReassign() {
    search.value = "";
    active = 0;
    showHits();
    dlgReassign.showModal();
    search.focus();
  }

  const dlgSplit = document.getElementById("dlg-split");
  const splitAt = document.getElementById("split-at");
  function openSplit() {
    const el = current();
    if (!el) return;
    splitAt.type = "text";
    splitAt.value = el.dataset.mid;
    document.getElementById("split-range").textContent = "Between " + el.dataset.start + " and " + el.dataset.end + " (HH:MM)";
    dlgSplit.showModal();
    splitAt.focus();
    splitAt.select();
  }
  splitAt.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter") return;
    ev.preventDefault();
    const el = current();
    dlgSplit.close();
    if (el) act({ op: "split", id: el.dataset.id, day: day, at: splitAt.value }, (r) => r.ids[0]);
  });

  const dlgEdit = document.getElementById("dlg-edit");
  function openEdit() {
    const el = current();
    if (!el) return;
    document.getElementById("edit-description").value = el.querySelector(".narrative").textContent.replace("(no narrative yet)", "");
    document.getElementById("edit-worked").value = el.querySelector(".worked").textContent.trim();
    document.getElementById("edit-billed").value = "";
    const codes = Array.from(el.querySelectorAll(".codes code")).map((c) => c.textContent);
    document.getElementById("edit-task").value = codes.find((c) => c.startsWith("L")) || "";
    document.getElementById("edit-activity").value = codes.find((c) => c.startsWith("A")) || "";
    document.getElementById("edit-rounding").textContent = "Billed now " + el.querySelector(".billed").textContent + "; rounding " + el.querySelector(".rounding").textContent + ". Leave billed empty to follow the rounding, or write it down.";
    dlgEdit.showModal();
    document.getElementById("edit-description").focus();
  }
  function saveEdit() {
    const el = current();
    dlgEdit.close();
    if (!el) return;
    act(
      {
        op: "edit",
        id: el.dataset.id,
        description: document.getElementById("edit-description").value,
        worked: document.getElementById("edit-worked").value,
        billed: document.getElementById("edit-billed").value,
        task_code: document.getElementById("edit-task").value,
        activity_code: document.getElementById("edit-activity").value,
      },
      el.dataset.id
    );
  }
  dlgEdit.querySelector("form").addEventListener("submit", (ev) => {
    ev.preventDefault();
    saveEdit();
  });
  dlgEdit.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      saveEdit();
    }
  });

  // --- actions on the selected entry ---
  function run(op) {
    const el = current();
    if (op === "undo") return act({ op: "undo" }, el ? el.dataset.id : null);
    if (op === "approve_all") {
      const form = document.getElementById("approve-above-form");
      return act(Object.fromEntries(new FormData(form).entries()), el ? el.dataset.id : null);
    }
    if (!el) return;
    const id = el.dataset.id;
    const isDraft = el.dataset.status === "draft";
    if (op === "edit") return openEdit();
    if (!isDraft) return toast("only drafts can be changed that way; press e to edit (a new version is kept)", true);
    switch (op) {
      case "approve":
        return act({ op: "approve", id: id }, nextDraftId(el));
      case "discard":
        return act({ op: "discard", id: id }, nextDraftId(el));
      case "personal":
        return act({ op: "kind", id: id, kind: "personal" }, id);
      case "nonbillable":
        return act({ op: "kind", id: id, kind: "nonbillable" }, id);
      case "reassign":
        return openReassign();
      case "split":
        return openSplit();
      case "mark":
        if (marked.has(id)) marked.delete(id);
        else marked.add(id);
        el.classList.toggle("marked", marked.has(id));
        return;
      case "merge": {
        let ids = Array.from(marked);
        if (ids.length < 2) {
          const next = drafts().find((d) => entries().indexOf(d) > entries().indexOf(el));
          if (!next) return toast("no draft after this one to merge with; mark drafts with x", true);
          ids = [id, next.dataset.id];
        }
        return act({ op: "merge", ids: ids.join(",") }, (r) => r.ids[0]);
      }
    }
  }

  document.querySelectorAll("article.entry button[data-op]").forEach((b) => {
    b.addEventListener("click", () => {
      selectId(b.closest("article.entry").dataset.id);
      run(b.dataset.op);
    });
  });
  document.querySelectorAll("article.entry").forEach((a) => {
    a.addEventListener("click", (ev) => {
      if (ev.target.closest("button, summary, a")) return;
      selectId(a.dataset.id);
    });
  });
  document.querySelectorAll("rect.bar[data-entry]").forEach((r) => {
    r.addEventListener("click", () => selectId(r.dataset.entry));
  });

  const KEYS = {
    j: () => select(sel + 1),
    k: () => select(sel - 1),
    ArrowDown: () => select(sel + 1),
    ArrowUp: () => select(sel - 1),
    a: () => run("approve"),
    A: () => run("approve_all"),
    r: () => run("reassign"),
    e: () => run("edit"),
    s: () => run("split"),
    x: () => run("mark"),
    m: () => run("merge"),
    n: () => run("nonbillable"),
    p: () => run("personal"),
    d: () => run("discard"),
    u: () => run("undo"),
  };
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    if (document.querySelector("dialog[open]")) return;
    const t = ev.target;
    if (t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable)) return;
    const handler = KEYS[ev.key];
    if (!handler) return;
    ev.preventDefault();
    handler();
  });
  document.body.dataset.ready = "1";
})();
