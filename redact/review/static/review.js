// redact review: keyboard-driven decisions on one document. No external code, no eval.
// Personal data never goes into a URL: requests carry ids, versions and offsets only.
"use strict";

(() => {
  const stateEl = document.getElementById("state");
  if (!stateEl) return; // the overview needs no script

  const S = JSON.parse(stateEl.textContent);
  const defaultGrounds = JSON.parse(document.getElementById("default-grounds").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const byId = new Map(S.proposals.map((p) => [p.id, p]));
  const order = S.proposals.map((p) => p.id); // page, then position on the page
  const UNDO_KEY = "redact-undo";
  const SELECT_KEY = "redact-select";

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const fPending = $("#f-pending");
  const fEntity = $("#f-entity");
  const fDocument = $("#f-document");
  const undoButton = $("#undo");
  const toastEl = $("#toast");
  let current = null;
  const progressEl = $("#doc-progress");
  const partCounted = S.proposals.filter((p) => p.proposed || p.status !== "pending");
  const baseDecided = Number(progressEl.dataset.decided) - partCounted.filter((p) => p.status !== "pending").length;
  const baseTotal = Number(progressEl.dataset.total) - partCounted.length;

  // -- small helpers -------------------------------------------------------------------------

  let toastTimer = null;
  function toast(message, error = false) {
    toastEl.textContent = message;
    toastEl.className = "show" + (error ? " error" : "");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastEl.className = ""; }, error ? 8000 : 2500);
  }

  function counts(p) { return p.proposed || p.status !== "pending"; }

  function markOf(ids) {
    const ps = ids.map((id) => byId.get(id)).filter(Boolean);
    if (ps.some((p) => p.status === "accepted")) return "accepted";
    if (ps.some((p) => p.status === "pending" && p.proposed)) return "pending";
    if (ps.some((p) => p.status === "pending")) return "kept";
    return "rejected";
  }

  function setStatusClass(el, status) {
    el.classList.remove("s-pending", "s-accepted", "s-rejected", "s-kept");
    el.classList.add("s-" + status);
  }

  function ids(el) { return el.dataset.ids.split(" ").map(Number); }

  function when(ts) { return ts ? ts.slice(0, 19).replace("T", " ") + " UTC" : ""; }

  // -- filters -------------------------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  fPending.checked = params.get("pending") === "1";
  fEntity.value = params.get("entity") || "";
  if (fEntity.value !== (params.get("entity") || "")) fEntity.value = "";

  function visible(p) {
    if (fPending.checked && !(p.status === "pending" && p.proposed)) return false;
    if (fEntity.value && p.entity !== fEntity.value) return false;
    return true;
  }

  function filterQuery(part = S.part) {
    const q = new URLSearchParams();
    if (part > 1) q.set("part", part);
    if (fPending.checked) q.set("pending", "1");
    if (fEntity.value) q.set("entity", fEntity.value);
    const s = q.toString();
    return s ? "?" + s : "";
  }

  function applyFilters() {
    for (const card of $$(".card")) {
      const p = byId.get(Number(card.dataset.id));
      card.classList.toggle("hidden", !visible(p) && p.id !== current);
    }
    for (const m of $$("mark.m")) {
      m.classList.toggle("filtered", !ids(m).some((id) => visible(byId.get(id)) || id === current));
    }
    for (const a of $$("a[data-part]")) a.href = location.pathname + filterQuery(Number(a.dataset.part));
    history.replaceState(null, "", location.pathname + filterQuery() + location.hash);
  }

  fPending.addEventListener("change", () => { applyFilters(); fPending.blur(); });
  fEntity.addEventListener("change", () => { applyFilters(); fEntity.blur(); });
  fDocument.addEventListener("change", () => {
    location.href = "/documents/" + Number(fDocument.value) + filterQuery(1);
  });

  // -- showing state -------------------------------------------------------------------------

  function redactedText(page) {
    const src = $(`pre.pagetext[data-page="${page}"]`);
    const out = $(`pre.redacted[data-page="${page}"]`);
    if (!src || !out) return;
    const text = src.textContent;
    const spans = S.proposals
      .filter((p) => p.page === page && p.status === "accepted" && p.start < p.end)
      .map((p) => [Math.max(0, p.start), Math.min(text.length, p.end), p.ground])
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const merged = [];
    for (const [s, e, g] of spans) {
      const last = merged[merged.length - 1];
      if (last && s <= last[1]) {
        last[1] = Math.max(last[1], e);
        if (!last[2].includes(g)) last[2].push(g);
      } else if (s < e) {
        merged.push([s, e, [g]]);
      }
    }
    out.textContent = "";
    let at = 0;
    for (const [s, e, grounds] of merged) {
      if (at < s) out.append(text.slice(at, s));
      const box = document.createElement("span");
      box.className = "rbox";
      box.textContent = "[" + grounds.sort().join("; ") + "]";
      out.append(box);
      at = e;
    }
    if (at < text.length) out.append(text.slice(at));
  }

  function refresh(p) {
    const card = document.getElementById("p-" + p.id);
    if (card) {
      setStatusClass(card, markOf([p.id]));
      $(".status", card).textContent = p.status;
      $(".by", card).textContent = p.decided_by ? `${p.decided_by}, ${when(p.decided_at)}` : "";
      const ground = $("select.ground", card);
      if (ground) ground.value = p.ground;
    }
    for (const g of $$(`g.box[data-id="${p.id}"]`)) {
      setStatusClass(g, markOf([p.id]));
      $("text", g).textContent = p.ground;
    }
    for (const m of $$("mark.m")) {
      const list = ids(m);
      if (list.includes(p.id)) setStatusClass(m, markOf(list));
    }
  }

  function refreshTotals() {
    const counted = S.proposals.filter(counts);
    const decided = counted.filter((p) => p.status !== "pending").length;
    const progress = $("#doc-progress");
    // Proposals on other parts of a long document are counted by the server at load time.
    const decidedAll = baseDecided + decided;
    const totalAll = baseTotal + counted.length;
    progress.value = decidedAll;
    progress.max = Math.max(1, totalAll);
    $("#doc-progress-text").textContent = `${decidedAll} of ${totalAll} decided`;
    for (const el of $$("[data-entity-counts]")) {
      const e = el.dataset.entityCounts;
      const ps = S.proposals.filter((p) => p.entity === e);
      const n = (f) => ps.filter(f).length;
      const kept = n((p) => !counts(p));
      const pending = n((p) => counts(p) && p.status === "pending");
      const button = $(`button[data-entity-accept="${e}"]`);
      if (button) button.disabled = pending === 0;
      el.textContent = `${pending} pending, ` +
        `${n((p) => p.status === "accepted")} accepted, ${n((p) => p.status === "rejected")} rejected` +
        (kept ? `, ${kept} not proposed` : "");
    }
    undoButton.disabled = undoStack().length === 0;
  }

  function update(changed) {
    const pages = new Set();
    for (const st of changed || []) {
      const p = byId.get(st.id);
      if (!p) continue; // a mention in another document or another part
      Object.assign(p, st);
      refresh(p);
      pages.add(p.page);
    }
    for (const page of pages) redactedText(page);
    refreshTotals();
  }

  // -- selection -----------------------------------------------------------------------------

  function select(id, scroll = true) {
    for (const el of $$(".current")) el.classList.remove("current");
    current = id;
    if (id == null) return;
    const card = document.getElementById("p-" + id);
    if (card) {
      card.classList.remove("hidden");
      card.classList.add("current");
      if (scroll) card.scrollIntoView({ block: "center", behavior: "instant" });
    }
    for (const m of $$("mark.m")) if (ids(m).includes(id)) m.classList.add("current");
    for (const g of $$(`g.box[data-id="${id}"]`)) g.classList.add("current");
    history.replaceState(null, "", location.pathname + location.search + "#p-" + id);
  }

  function step(delta) {
    const list = order.filter((id) => visible(byId.get(id)));
    if (!list.length) { toast("no proposals match the filters"); return; }
    let i = current == null ? -1 : list.indexOf(current);
    if (i < 0 && current != null) {
      // the current one left the filter: continue from its place in document order
      const at = order.indexOf(current);
      i = list.findIndex((id) => order.indexOf(id) > at) - (delta > 0 ? 1 : 0);
      if (i < -1) i = list.length - 1;
    }
    const next = i + delta;
    if (next >= list.length) {
      if (S.part < S.parts) { location.href = location.pathname + filterQuery(S.part + 1); return; }
      toast("last proposal of this document");
      return;
    }
    if (next < 0) {
      if (S.part > 1 && current != null) { location.href = location.pathname + filterQuery(S.part - 1); return; }
      toast("first proposal of this document");
      return;
    }
    select(list[next]);
    applyFilters();
  }

  // -- talking to the server -----------------------------------------------------------------

  async function post(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
      });
    } catch (err) {
      toast("the review server cannot be reached: nothing was saved", true);
      return null;
    }
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    if (response.status === 409) {
      update(data.changed);
      toast(data.message || "conflict: reload the page", true);
      return null;
    }
    if (!response.ok) {
      toast(data.message || `the server refused (${response.status})`, true);
      return null;
    }
    return data;
  }

  function undoStack() {
    try { return JSON.parse(sessionStorage.getItem(UNDO_KEY) || "[]"); } catch (err) { return []; }
  }

  function pushUndo(items) {
    if (!items || !items.length) return;
    const stack = undoStack();
    stack.push(items);
    sessionStorage.setItem(UNDO_KEY, JSON.stringify(stack.slice(-200)));
    undoButton.disabled = false;
  }

  async function done(data) {
    if (!data) return false;
    update(data.changed);
    pushUndo(data.undo);
    toast(data.message);
    applyFilters();
    return true;
  }

  // Keyboard decisions move on at once, before the server answers, so that fast typing
  // never decides a proposal other than the one that was selected when the key went down.
  async function decide(id, decision, advance = false) {
    const p = byId.get(id);
    if (!p) return;
    if (advance) step(1);
    await done(await post(`/api/proposals/${id}/decide`, { decision, version: p.version }));
  }

  async function mentions(id, decision, advance = false) {
    const p = byId.get(id);
    if (!p) return;
    if (advance) step(1);
    await done(await post(`/api/proposals/${id}/mentions`, { decision, version: p.version }));
  }

  const NO_MOTIVATION = ["5.1.1e", "5.1.2e"];  // every other ground needs a motivation

  async function setGround(id, ground) {
    const p = byId.get(id);
    const body = { ground, version: p.version };
    if (!NO_MOTIVATION.includes(ground)) {
      const motivation = window.prompt(`Motivation for ground ${ground} (why it applies here):`, "");
      if (!motivation || !motivation.trim()) { toast(`ground ${ground} needs a motivation`); refresh(p); return; }
      body.motivation = motivation;
    }
    const data = await post(`/api/proposals/${id}/ground`, body);
    if (!data) { refresh(p); return; }
    await done(data);
  }

  async function acceptEntity(entity) {
    await done(await post(`/api/documents/${S.document}/entity`, { entity, decision: "accepted" }));
  }

  async function undo() {
    const stack = undoStack();
    const items = stack.pop();
    sessionStorage.setItem(UNDO_KEY, JSON.stringify(stack));
    if (!items) { toast("nothing to undo"); refreshTotals(); return; }
    const data = await post("/api/revert", { items });
    if (data) { update(data.changed); toast(data.message); applyFilters(); }
    refreshTotals();
  }

  // -- adding redactions: a text selection or a drawn box --------------------------------------

  const dialog = $("#manual");
  const manualEntity = $("#manual-entity");
  const manualGround = $("#manual-ground");
  let pendingManual = null;

  manualEntity.addEventListener("change", () => {
    manualGround.value = defaultGrounds[manualEntity.value] || "5.1.2e";
  });

  function openManual(request, what) {
    pendingManual = request;
    dialog.returnValue = "";
    $("#manual-what").textContent = what;
    manualGround.value = defaultGrounds[manualEntity.value] || "5.1.2e";
    dialog.showModal();
    manualEntity.focus();
  }

  dialog.addEventListener("close", async () => {
    const request = pendingManual;
    pendingManual = null;
    for (const r of $$("rect.drawing")) r.remove();
    if (dialog.returnValue !== "add" || !request) return;
    const body = Object.assign({}, request, { entity: manualEntity.value, ground: manualGround.value });
    const motivation = $("#manual-motivation").value.trim();
    if (motivation) body.motivation = motivation;
    const data = await post(`/api/documents/${S.document}/manual`, body);
    if (!data) return;
    pushUndo(data.undo);
    sessionStorage.setItem(SELECT_KEY, String(data.created));
    location.replace(location.pathname + location.search + "#p-" + data.created);
    location.reload();
  });

  function offsetIn(pre, node, offset) {
    if (node.nodeType === Node.TEXT_NODE) {
      const holder = node.parentElement.closest("[data-o]");
      return holder ? Number(holder.dataset.o) + offset : null;
    }
    if (node === pre) {
      const child = pre.childNodes[offset];
      return child ? Number(child.dataset.o) : pre.textContent.length;
    }
    const holder = node.closest("[data-o]");
    if (!holder) return null;
    return Number(holder.dataset.o) + (offset === 0 ? 0 : holder.textContent.length);
  }

  function selectedSpan() {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || !sel.rangeCount) return null;
    const range = sel.getRangeAt(0);
    const pre = range.commonAncestorContainer.nodeType === Node.TEXT_NODE
      ? range.commonAncestorContainer.parentElement.closest("pre.pagetext")
      : range.commonAncestorContainer.closest("pre.pagetext");
    if (!pre) return null;
    let start = offsetIn(pre, range.startContainer, range.startOffset);
    let end = offsetIn(pre, range.endContainer, range.endOffset);
    if (start == null || end == null) return null;
    const text = pre.textContent;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (start >= end) return null;
    return { page: Number(pre.dataset.page), start, end, text: text.slice(start, end) };
  }

  function redactSelection() {
    const span = selectedSpan();
    if (!span) { toast("select text in the original text first"); return; }
    const shown = span.text.length > 80 ? span.text.slice(0, 77) + "..." : span.text;
    openManual({ page: span.page, start: span.start, end: span.end },
      `Redact ${span.end - span.start} character(s) on page ${span.page}: “${shown}”`);
  }

  const selButton = document.createElement("button");
  selButton.type = "button";
  selButton.id = "redact-selection";
  selButton.className = "primary";
  selButton.textContent = "Redact selection (x)";
  selButton.hidden = true;
  selButton.style.position = "fixed";
  selButton.style.zIndex = "15";
  document.body.append(selButton);
  selButton.addEventListener("mousedown", (e) => e.preventDefault()); // keep the selection
  selButton.addEventListener("click", () => { selButton.hidden = true; redactSelection(); });

  document.addEventListener("selectionchange", () => {
    const span = selectedSpan();
    if (!span) { selButton.hidden = true; return; }
    const rect = window.getSelection().getRangeAt(0).getBoundingClientRect();
    selButton.style.left = Math.max(4, rect.left) + "px";
    selButton.style.top = Math.max(4, rect.bottom + 6) + "px";
    selButton.hidden = false;
  });

  function svgPoint(svg, event) {
    const pt = svg.createSVGPoint();
    pt.x = event.clientX;
    pt.y = event.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  for (const svg of $$("svg.pageimg")) {
    let origin = null;
    let drawing = null;
    svg.addEventListener("pointerdown", (e) => {
      if (e.button !== 0) return;
      const box = e.target.closest("g.box");
      if (box) { select(Number(box.dataset.id)); applyFilters(); return; }
      origin = svgPoint(svg, e);
      drawing = document.createElementNS("http://www.w3.org/2000/svg", "rect");
      drawing.setAttribute("class", "drawing");
      drawing.setAttribute("x", origin.x);
      drawing.setAttribute("y", origin.y);
      drawing.setAttribute("width", 0);
      drawing.setAttribute("height", 0);
      svg.append(drawing);
      svg.setPointerCapture(e.pointerId);
      e.preventDefault();
    });
    svg.addEventListener("pointermove", (e) => {
      if (!drawing) return;
      const p = svgPoint(svg, e);
      drawing.setAttribute("x", Math.min(origin.x, p.x));
      drawing.setAttribute("y", Math.min(origin.y, p.y));
      drawing.setAttribute("width", Math.abs(p.x - origin.x));
      drawing.setAttribute("height", Math.abs(p.y - origin.y));
    });
    svg.addEventListener("pointerup", (e) => {
      if (!drawing) return;
      const p = svgPoint(svg, e);
      const rect = [Math.min(origin.x, p.x), Math.min(origin.y, p.y), Math.max(origin.x, p.x), Math.max(origin.y, p.y)];
      origin = null;
      if (rect[2] - rect[0] < 3 || rect[3] - rect[1] < 3) { drawing.remove(); drawing = null; return; }
      drawing = null;
      const page = Number(svg.dataset.page);
      openManual({ page, rect: rect.map((v) => Math.round(v * 100) / 100) },
        `Redact the box drawn on page ${page} (${Math.round(rect[2] - rect[0])} × ${Math.round(rect[3] - rect[1])} pt)`);
    });
  }

  // -- clicks and keys -----------------------------------------------------------------------

  document.addEventListener("click", (e) => {
    const act = e.target.closest("[data-act]");
    if (act) {
      const id = Number(act.closest(".card").dataset.id);
      select(id, false);
      const kind = act.dataset.act;
      if (kind === "accept") decide(id, "accepted");
      else if (kind === "reject") decide(id, "rejected");
      else if (kind === "mentions-accepted") mentions(id, "accepted");
      else if (kind === "mentions-rejected") mentions(id, "rejected");
      return;
    }
    const entityButton = e.target.closest("[data-entity-accept]");
    if (entityButton) { acceptEntity(entityButton.dataset.entityAccept); return; }
    const mark = e.target.closest("mark.m");
    if (mark && window.getSelection().isCollapsed) {
      const list = ids(mark);
      select(list.find((id) => visible(byId.get(id))) ?? list[0]);
      return;
    }
    const card = e.target.closest(".card");
    if (card && !e.target.closest("select, button, label")) select(Number(card.dataset.id), false);
  });

  for (const sel of $$("select.ground")) {
    sel.addEventListener("change", () => { setGround(Number(sel.dataset.id), sel.value); sel.blur(); });
  }
  undoButton.addEventListener("click", () => undo());

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || dialog.open) return;
    if (e.target.closest && e.target.closest("input, select, textarea")) return;
    const key = e.key;
    const handled = { j: 1, k: 1, a: 1, r: 1, A: 1, R: 1, u: 1, x: 1 };
    if (!(key in handled)) return;
    e.preventDefault();
    if (key === "j") step(1);
    else if (key === "k") step(-1);
    else if (key === "u") undo();
    else if (key === "x") redactSelection();
    else if (current == null) toast("select a proposal first (j)");
    else if (key === "a") decide(current, "accepted", true);
    else if (key === "r") decide(current, "rejected", true);
    else if (key === "A") mentions(current, "accepted", true);
    else if (key === "R") mentions(current, "rejected", true);
  });

  // -- start ---------------------------------------------------------------------------------

  refreshTotals();
  const remembered = Number(sessionStorage.getItem(SELECT_KEY) || (location.hash.match(/^#p-(\d+)$/) || [])[1] || NaN);
  sessionStorage.removeItem(SELECT_KEY);
  applyFilters();
  if (byId.has(remembered)) select(remembered);
  document.body.dataset.ready = "1";
})();
