// ledgerwatch review: keyboard triage and actions. Served from this package; no network assets.
"use strict";
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const page = location.pathname;
  const toastEl = document.getElementById("toast");
  const store = window.sessionStorage;
  const $ = (id) => document.getElementById(id);

  function toast(text, error) {
    if (!toastEl || !text) return;
    toastEl.textContent = text;
    toastEl.classList.toggle("error", !!error);
    toastEl.classList.add("show");
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => toastEl.classList.remove("show"), error ? 7000 : 4000);
  }

  // Changes go through fetch: a plain form POST carries "Origin: null" under no-referrer, which the guard refuses.
  async function post(fields, url) {
    const body = new URLSearchParams(Object.assign({ csrf: csrf }, fields));
    const response = await fetch(url || "/action", {
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
  async function act(fields, nextId, url) {
    const result = await post(fields, url);
    if (!result.ok) {
      toast(result.message, true);
      focusSelected();
      return result;
    }
    const target = typeof nextId === "function" ? nextId(result) : nextId;
    if (target) store.setItem("lw-sel:" + page, target);
    store.setItem("lw-msg", result.message);
    store.setItem("lw-seq", String(Number(store.getItem("lw-seq") || "0") + 1));
    location.reload();
    return result;
  }

  const pending = store.getItem("lw-msg");
  document.body.dataset.seq = store.getItem("lw-seq") || "0";
  if (pending) {
    store.removeItem("lw-msg");
    toast(pending, false);
  } else if (toastEl && toastEl.textContent.trim()) {
    toast(toastEl.textContent.trim(), false);
  }

  // Every dialog gives focus back to the selected entry (or what opened it) when it closes.
  let focusSelected = () => {};
  document.querySelectorAll("dialog").forEach((d) => d.addEventListener("close", () => setTimeout(() => focusSelected(), 0)));

  const typing = (t) => t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);

  if (document.body.classList.contains("page-activity")) {
    activityPage();
  } else if (document.body.classList.contains("page-day")) {
    dayPage();
  } else {
    document.querySelectorAll('form[method="post"]').forEach((form) => {
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        act(Object.fromEntries(new FormData(form).entries()), null, form.getAttribute("action"));
      });
    });
  }
  document.body.dataset.ready = "1";

  // ---------------------------------------------------------------- the day
  function dayPage() {
    let sel = -1;
    const marked = new Set();
    const entries = () => Array.from(document.querySelectorAll("article.entry"));
    const drafts = () => entries().filter((e) => e.dataset.status === "draft");
    const current = () => entries()[sel] || null;
    const day = page.split("/").pop();

    document.querySelectorAll('form[action="/action"]:not(#approve-above-form)').forEach((form) => {
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        const fields = Object.fromEntries(new FormData(form).entries());
        act(fields, fields.op === "undo" ? (r) => r.ids[0] : current() ? current().dataset.id : null);
      });
    });

    function select(i, focus) {
      const list = entries();
      if (!list.length) return;
      sel = Math.max(0, Math.min(i, list.length - 1));
      list.forEach((e, j) => {
        const on = j === sel;
        e.classList.toggle("selected", on);
        e.tabIndex = on ? 0 : -1;
        if (on) e.setAttribute("aria-current", "true");
        else e.removeAttribute("aria-current");
      });
      const id = list[sel].dataset.id;
      document.querySelectorAll("rect.bar").forEach((b) => b.classList.toggle("selected", b.dataset.entry === id));
      store.setItem("lw-sel:" + page, id);
      if (focus !== false) list[sel].focus({ preventScroll: true });
      list[sel].scrollIntoView({ block: "nearest" });
    }
    focusSelected = () => {
      if (document.querySelector("dialog[open]")) return;
      const el = current();
      if (el) el.focus({ preventScroll: true });
    };

    function selectId(id, focus) {
      const i = entries().findIndex((e) => e.dataset.id === id);
      if (i >= 0) select(i, focus);
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
    if (!(wanted && selectId(wanted, false))) {
      const first = drafts()[0];
      if (first) selectId(first.dataset.id, false);
      else select(0, false);
    }
    if (current() && !document.activeElement.closest("form, dialog")) current().focus({ preventScroll: true });

    // --- matter search (r) ---
    const matters = JSON.parse($("matters-data").textContent);
    const dlgReassign = $("dlg-reassign");
    const search = $("matter-search");
    const results = $("matter-results");
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
          li.id = "hit-" + i;
          li.dataset.number = m.number;
          li.setAttribute("aria-selected", i === active ? "true" : "false");
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
      if (hits.length) search.setAttribute("aria-activedescendant", "hit-" + active);
      else search.removeAttribute("aria-activedescendant");
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

    // --- split (s) ---
    const dlgSplit = $("dlg-split");
    const splitAt = $("split-at");
    function openSplit() {
      const el = current();
      splitAt.value = el.dataset.mid;
      $("split-range").textContent = "Between " + el.dataset.start + " and " + el.dataset.end;
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

    // --- edit (e): only what the attorney changes is sent ---
    const dlgEdit = $("dlg-edit");
    let editing = null;
    function openEdit() {
      const el = current();
      const narrative = el.querySelector(".narrative").textContent;
      const codes = Array.from(el.querySelectorAll(".codes code")).map((c) => c.textContent);
      editing = { id: el.dataset.id, description: narrative === "(no narrative yet)" ? "" : narrative };
      $("edit-description").value = editing.description;
      $("edit-worked").value = "";
      $("edit-worked").placeholder = el.dataset.worked + " (captured; unchanged)";
      $("edit-worked-help").textContent =
        "Leave Worked empty to keep the captured " + el.dataset.worked + ", or type 1h12m, 1:12, 72m or 1.2h.";
      $("edit-billed").value = "";
      $("edit-task").value = codes.find((c) => c.startsWith("L")) || "";
      $("edit-activity").value = codes.find((c) => c.startsWith("A")) || "";
      editing.task = $("edit-task").value;
      editing.activity = $("edit-activity").value;
      const billed = el.querySelector(".billed");
      $("edit-rounding").textContent = "Billed now " + (billed ? billed.textContent : "—") + ". Leave billed empty to follow the rounding, or write it down.";
      dlgEdit.showModal();
      $("edit-description").focus();
    }
    function saveEdit() {
      dlgEdit.close();
      if (!editing) return;
      const fields = { op: "edit", id: editing.id };
      const description = $("edit-description").value;
      if (description.trim() !== editing.description.trim()) fields.description = description;
      if ($("edit-worked").value.trim()) fields.worked = $("edit-worked").value;
      if ($("edit-billed").value.trim()) fields.billed = $("edit-billed").value;
      if ($("edit-task").value !== editing.task) fields.task_code = $("edit-task").value;
      if ($("edit-activity").value !== editing.activity) fields.activity_code = $("edit-activity").value;
      act(fields, editing.id);
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

    // --- approve one (a): away-from-desk time is confirmed in a dialog that shows it ---
    const dlgConfirm = $("dlg-confirm");
    function approve(el) {
      if (el.dataset.refused) return toast(el.dataset.refused, true);
      if (Number(el.dataset.flags) > 0) {
        $("confirm-entry").textContent = el.getAttribute("aria-label");
        $("confirm-flags").replaceChildren(
          ...Array.from(el.querySelectorAll(".detail .flags li")).map((li) => {
            const item = document.createElement("li");
            item.textContent = li.textContent;
            return item;
          })
        );
        dlgConfirm.showModal();
        $("confirm-yes").focus();
        return;
      }
      act({ op: "approve", id: el.dataset.id }, nextDraftId(el));
    }
    dlgConfirm.querySelector("form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const yes = ev.submitter ? ev.submitter.value === "yes" : true;
      dlgConfirm.close();
      const el = current();
      if (yes && el) act({ op: "approve", id: el.dataset.id, confirm: "1" }, nextDraftId(el));
    });

    // --- approve ready (A): a preview of what will be approved, then Enter ---
    const dlgBulk = $("dlg-bulk");
    const bulkForm = $("approve-above-form");
    function openBulk() {
      const ids = bulkForm.querySelector('input[name="ids"]').value;
      if (!ids) return toast("no drafts are ready to approve in bulk: each needs a look", true);
      dlgBulk.showModal();
      $("bulk-yes").focus();
    }
    bulkForm.addEventListener("submit", (ev) => {
      ev.preventDefault();
      openBulk();
    });
    dlgBulk.querySelector("form").addEventListener("submit", (ev) => {
      ev.preventDefault();
      const yes = ev.submitter ? ev.submitter.value === "yes" : true;
      dlgBulk.close();
      if (!yes) return;
      const fields = Object.fromEntries(new FormData(bulkForm).entries());
      const el = current();
      const left = drafts().find((d) => !fields.ids.split(",").includes(d.dataset.id));
      act(fields, left ? left.dataset.id : el ? el.dataset.id : null);
    });

    // --- evidence (v) ---
    const dlgEvidence = $("dlg-evidence");
    async function openEvidence() {
      const el = current();
      const body = $("evidence-body");
      body.textContent = "Loading…";
      dlgEvidence.showModal();
      const response = await fetch("/day/" + day + "/evidence/" + el.dataset.id, { credentials: "same-origin" });
      body.innerHTML = response.ok ? await response.text() : "The evidence could not be read.";
      body.focus();
    }

    // --- the actions menu (Enter, or the ⋯ button) ---
    const dlgMenu = $("dlg-menu");
    function openMenu() {
      const el = current();
      $("menu-entry").textContent = el.getAttribute("aria-label");
      const refused = el.dataset.refused || (el.dataset.status !== "draft" ? "already " + el.dataset.status : "");
      const approveBtn = dlgMenu.querySelector('[data-op="approve"]');
      approveBtn.disabled = !!refused;
      $("menu-refused").textContent = refused ? "Cannot approve: " + refused : "";
      dlgMenu.showModal();
      (refused ? dlgMenu.querySelector('[data-op="reassign"]') : approveBtn).focus();
    }
    dlgMenu.querySelectorAll("button[data-op]").forEach((b) =>
      b.addEventListener("click", () => {
        dlgMenu.close();
        run(b.dataset.op);
      })
    );

    // --- actions on the selected entry ---
    function run(op) {
      const el = current();
      if (op === "undo") return $("undo").disabled ? toast("nothing to undo on this day", true) : act({ op: "undo", day: day }, (r) => r.ids[0]);
      if (op === "approve_all") return openBulk();
      if (op === "help") return $("dlg-help").showModal();
      if (op === "unbilled") return (location.href = "/day/" + day + "/activity");
      if (!el) return;
      const id = el.dataset.id;
      if (op === "menu") return openMenu();
      if (op === "evidence") return openEvidence();
      if (op === "edit") return openEdit();
      if (el.dataset.status !== "draft") return toast("this entry is " + el.dataset.status + ": press e to edit it (a new version is kept), or Reopen", true);
      switch (op) {
        case "approve":
          return approve(el);
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
          return toast(marked.size + " marked for merge", false);
        case "merge": {
          let ids = Array.from(marked);
          if (ids.length < 2) {
            const list = entries();
            const next = drafts().find(
              (d) => list.indexOf(d) > list.indexOf(el) && d.dataset.matter === el.dataset.matter && d.dataset.kind === el.dataset.kind
            );
            if (!next) return toast("no later draft of " + (el.dataset.matter || "this kind") + " to merge with: a merge stays within one matter", true);
            ids = [id, next.dataset.id];
          }
          return act({ op: "merge", ids: ids.join(",") }, (r) => r.ids[0]);
        }
      }
    }

    function candidate(n) {
      const el = current();
      if (!el || el.dataset.status !== "draft") return;
      const options = el.dataset.candidates ? el.dataset.candidates.split(",") : [];
      if (!options[n - 1]) return toast("this draft asks about no matter " + n, true);
      act({ op: "reassign", id: el.dataset.id, matter: options[n - 1] }, el.dataset.id);
    }

    document.querySelectorAll("article.entry button[data-op]").forEach((b) => {
      b.addEventListener("click", (ev) => {
        ev.stopPropagation();
        selectId(b.closest("article.entry").dataset.id);
        run(b.dataset.op);
      });
    });
    document.querySelectorAll("article.entry button.candidate").forEach((b) => {
      b.addEventListener("click", (ev) => {
        ev.stopPropagation();
        const el = b.closest("article.entry");
        selectId(el.dataset.id);
        act({ op: "reassign", id: el.dataset.id, matter: b.dataset.matter }, el.dataset.id);
      });
    });
    document.querySelectorAll("article.entry").forEach((a) => {
      a.addEventListener("click", (ev) => {
        if (ev.target.closest("button, summary, a, form")) return;
        selectId(a.dataset.id);
      });
    });
    document.querySelectorAll("rect.bar").forEach((r) => {
      const pick = () => {
        if (r.dataset.entry) return selectId(r.dataset.entry);
        const reclaim = $("reclaim");
        if (!reclaim) return;
        reclaim.open = true;
        const form = Array.from(reclaim.querySelectorAll("form")).find((f) => f.start.value === r.dataset.awayStart);
        if (form) form.matter.focus();
      };
      r.addEventListener("click", pick);
      r.addEventListener("keydown", (ev) => {
        if (ev.key === "Enter" || ev.key === " ") {
          ev.preventDefault();
          ev.stopPropagation();
          pick();
        }
      });
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
      v: () => run("evidence"),
      g: () => run("unbilled"),
      "?": () => run("help"),
      Enter: () => run("menu"),
      ".": () => run("menu"),
    };
    document.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      const t = ev.target;
      if (typing(t)) return;
      if (t && t.closest && t.closest("button, a, summary, rect.bar") && (ev.key === "Enter" || ev.key === " ")) return;
      if (/^[1-9]$/.test(ev.key)) {
        ev.preventDefault();
        return candidate(Number(ev.key));
      }
      const handler = KEYS[ev.key];
      if (!handler) return;
      ev.preventDefault();
      handler();
    });
  }

  // ---------------------------------------------------------------- find unbilled time
  function activityPage() {
    const rows = () => Array.from(document.querySelectorAll("tr.stretch"));
    const form = $("claim-form");
    let sel = -1;

    function hm(seconds) {
      const m = Math.round(seconds / 60);
      return Math.floor(m / 60) + ":" + String(m % 60).padStart(2, "0");
    }
    function update() {
      const picked = rows().filter((r) => r.querySelector("input.pick:checked"));
      const spans = picked.map((r) => r.dataset.free).filter(Boolean);
      const seconds = picked.reduce((n, r) => n + Number(r.dataset.freeSeconds || 0), 0);
      $("claim-spans").value = spans.join(",");
      $("claim-picked").textContent = picked.length ? picked.length + " selected · " + hm(seconds) + " in no entry" : "Nothing selected";
      $("claim-submit").disabled = !picked.length;
    }
    function select(i) {
      const list = rows();
      if (!list.length) return;
      sel = Math.max(0, Math.min(i, list.length - 1));
      list.forEach((r, j) => {
        r.classList.toggle("selected", j === sel);
        if (j === sel) r.setAttribute("aria-current", "true");
        else r.removeAttribute("aria-current");
      });
      list[sel].focus({ preventScroll: true });
      list[sel].scrollIntoView({ block: "nearest" });
    }
    function toggle() {
      const row = rows()[sel];
      const box = row && row.querySelector("input.pick");
      if (!box) return toast("an entry already holds this time", true);
      box.checked = !box.checked;
      update();
    }
    document.querySelectorAll("input.pick").forEach((b) => b.addEventListener("change", update));
    rows().forEach((r, i) => r.addEventListener("click", (ev) => {
      if (ev.target.closest("input, a")) return select(i);
      select(i);
      toggle();
    }));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      act(Object.fromEntries(new FormData(form).entries()), null);
    });
    focusSelected = () => rows()[sel] && rows()[sel].focus({ preventScroll: true });
    const first = rows().findIndex((r) => r.dataset.state === "unbilled" || r.dataset.state === "away");
    if (first >= 0) select(first);
    document.addEventListener("keydown", (ev) => {
      if (ev.ctrlKey || ev.metaKey || ev.altKey || typing(ev.target)) return;
      const keys = {
        j: () => select(sel + 1),
        k: () => select(sel - 1),
        ArrowDown: () => select(sel + 1),
        ArrowUp: () => select(sel - 1),
        x: toggle,
        " ": toggle,
        Enter: () => $("claim-matter").focus(),
      };
      if (!keys[ev.key]) return;
      ev.preventDefault();
      keys[ev.key]();
    });
    update();
  }
})();
