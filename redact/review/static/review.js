// redact review: the page-first document view. One page at a time: its image with every box,
// its proposals as JSON from /api/documents/{id}/pages/{n}; the document itself is only a
// compact index (ids, pages, statuses). Everything works from the keyboard (press ?).
// No external code, no eval; personal data never goes into a URL: requests carry ids, page
// numbers, versions and offsets only.
"use strict";

(() => {
  const stateEl = document.getElementById("state");
  if (!stateEl) return; // the overview needs no script

  const t = window.t || ((msgid, params) => msgid.replace(/%\((\w+)\)s/g, (m, k) => String((params || {})[k])));
  const tn = window.tn || ((one, many, n, params) => t(n === 1 ? one : many, Object.assign({ num: n }, params || {})));

  const S = JSON.parse(stateEl.textContent);
  const LABELS = JSON.parse(document.getElementById("labels").textContent);
  const defaultGrounds = JSON.parse(document.getElementById("default-grounds").textContent);
  const DOC = S.document;
  const PAGES = S.pages.length;
  const STATUS = { p: "pending", a: "accepted", r: "rejected" };
  const NO_MOTIVATION = ["5.1.1e", "5.1.2e"]; // every other ground needs a motivation
  const UNDO_KEY = "redact-undo";
  const ZOOMS = [0.5, 0.67, 0.8, 1, 1.25, 1.5, 2, 2.5, 3, 4];
  const SVGNS = "http://www.w3.org/2000/svg";
  const REASONS = {
    recogniser: t("recogniser"), pattern: t("pattern"), context: t("context"),
    validation: t("validation"), mentions: t("mentions"),
  };

  const $ = (sel, root = document) => root.querySelector(sel);
  const $$ = (sel, root = document) => Array.from(root.querySelectorAll(sel));
  const svg = $("#pagesvg");
  const boxes = $("#boxes");
  const image = $("#pageimage");
  const stage = $("#stage");
  const textview = $("#textview");
  const pagetext = $("pre.pagetext");
  const redactedEl = $("pre.redacted");
  const toastEl = $("#toast");
  const undoButton = $("#undo");
  const fPending = $("#f-pending");
  const fEntity = $("#f-entity");
  const pageInput = $("#page-number");

  // -- the document's index, the loaded pages --------------------------------------------------

  const idx = new Map(); // id -> {id, page, status, proposed, entity}
  let order = []; // ids in reading order
  function setIndex(state) {
    idx.clear();
    order = state.index.map(([id, page, s, proposed, e]) => {
      idx.set(id, { id, page, status: STATUS[s], proposed: Boolean(proposed), entity: state.entities[e] });
      return id;
    });
  }
  setIndex(S);

  const pageCache = new Map(); // page number -> its JSON
  const loading = new Map(); // page number -> promise
  const details = new Map(); // proposal id -> its details (from a loaded page)

  function remember(data) {
    pageCache.set(data.page, data);
    for (const p of data.proposals) details.set(p.id, p);
    return data;
  }

  function loadPage(n) {
    if (pageCache.has(n)) return Promise.resolve(pageCache.get(n));
    if (loading.has(n)) return loading.get(n);
    const promise = fetch(`/api/documents/${DOC}/pages/${n}`, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
      .then(remember)
      .finally(() => loading.delete(n));
    loading.set(n, promise);
    return promise;
  }

  let view = "page";
  let zoom = 1;
  let currentPage = 0;
  let wantedPage = 0; // the page asked for last (currentPage: the one on screen)
  let current = null; // the selected proposal's id

  // -- small helpers -------------------------------------------------------------------------

  let toastTimer = null;
  function toast(message, error = false) {
    toastEl.textContent = message;
    toastEl.className = "show" + (error ? " error" : "");
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastEl.className = ""; }, error ? 8000 : 2500);
  }

  function counts(p) { return p.proposed || p.status !== "pending"; }
  function isOpen(p) { return p.proposed && p.status === "pending"; }

  function markOf(p) {
    if (p.status === "accepted") return "accepted";
    if (p.status === "rejected") return "rejected";
    return p.proposed ? "pending" : "kept";
  }

  function markOfAll(list) {
    const ps = list.map((id) => details.get(id) || idx.get(id)).filter(Boolean);
    if (ps.some((p) => p.status === "accepted")) return "accepted";
    if (ps.some((p) => p.status === "pending" && p.proposed)) return "pending";
    if (ps.some((p) => p.status === "pending")) return "kept";
    return "rejected";
  }

  function statusLabel(p) { return LABELS[p.proposed || p.status !== "pending" ? p.status : "not proposed"] || p.status; }

  function setStatusClass(el, status) {
    el.classList.remove("s-pending", "s-accepted", "s-rejected", "s-kept");
    el.classList.add("s-" + status);
  }

  // Other panels (comments, workflow) follow the page and the selection through
  // body[data-current-page] / [data-current-proposal] and this event.
  function announce() {
    document.dispatchEvent(new CustomEvent("redact:selection", {
      detail: { document: DOC, page: currentPage, proposal: current },
    }));
  }

  // Scroll ``frame`` (and nothing around it) so that ``el`` is in view, centred if it was not.
  function reveal(el, frame) {
    const r = el.getBoundingClientRect();
    const f = frame.getBoundingClientRect();
    if (r.top < f.top || r.bottom > f.bottom) frame.scrollTop += r.top - f.top - (f.height - r.height) / 2;
    if (r.left < f.left || r.right > f.right) frame.scrollLeft += r.left - f.left - (f.width - r.width) / 2;
  }

  function when(ts) { return ts ? ts.slice(0, 19).replace("T", " ") + " UTC" : ""; }

  function boxLabel(p) {
    return t("proposal %(id)s: %(entity)s, %(status)s", { id: p.id, entity: p.entity, status: statusLabel(p) });
  }

  // -- filters and the address -----------------------------------------------------------------

  const params = new URLSearchParams(location.search);
  fPending.checked = params.get("pending") === "1";
  fEntity.value = params.get("entity") || "";
  if (fEntity.value !== (params.get("entity") || "")) fEntity.value = "";

  function visible(p) {
    if (fPending.checked && !isOpen(p)) return false;
    if (fEntity.value && p.entity !== fEntity.value) return false;
    return true;
  }

  function query(page = currentPage) {
    const q = new URLSearchParams();
    if (page) q.set("page", page);
    if (fPending.checked) q.set("pending", "1");
    if (fEntity.value) q.set("entity", fEntity.value);
    return "?" + q.toString();
  }

  function remember_address() {
    history.replaceState(null, "", location.pathname + query() + (current != null ? "#p-" + current : ""));
  }

  function applyFilters() {
    for (const g of $$("g.box", boxes)) {
      const p = idx.get(Number(g.dataset.id));
      g.classList.toggle("filtered", Boolean(p) && !visible(p) && p.id !== current);
    }
    for (const li of $$("#page-proposals li")) {
      const p = idx.get(Number(li.dataset.id));
      li.hidden = Boolean(p) && !visible(p) && p.id !== current;
    }
    remember_address();
  }

  fPending.addEventListener("change", () => applyFilters());
  fEntity.addEventListener("change", () => applyFilters());
  $("#f-document").addEventListener("change", (e) => {
    location.href = "/documents/" + Number(e.target.value) + query(0).replace(/^\?$/, "");
  });

  // -- drawing one page ------------------------------------------------------------------------

  function imageSize() {
    const [w] = S.pages[currentPage - 1] || [595, 842];
    const shown = svg.getBoundingClientRect().width * (window.devicePixelRatio || 1);
    return shown > (w / 72) * 150 * 1.1 ? "large" : "page";
  }

  function setImage() {
    const href = `/documents/${DOC}/pages/${currentPage}.png?size=${imageSize()}`;
    if (image.getAttribute("href") !== href) image.setAttribute("href", href);
  }

  function drawBoxes(data) {
    boxes.textContent = "";
    for (const p of data.proposals) {
      const g = document.createElementNS(SVGNS, "g");
      g.setAttribute("class", "box s-" + markOf(p));
      g.dataset.id = p.id;
      g.setAttribute("tabindex", "0");
      g.setAttribute("role", "button");
      g.setAttribute("aria-label", boxLabel(p));
      for (const [x0, y0, x1, y1] of p.rects) {
        const w = x1 - x0;
        const h = y1 - y0;
        const rect = document.createElementNS(SVGNS, "rect");
        rect.setAttribute("x", x0);
        rect.setAttribute("y", y0);
        rect.setAttribute("width", w);
        rect.setAttribute("height", h);
        g.append(rect);
        const label = document.createElementNS(SVGNS, "text");
        label.setAttribute("x", x0 + w / 2);
        label.setAttribute("y", y0 + h * 0.78);
        label.setAttribute("font-size", Math.max(1, Math.min(h * 0.75, w / (p.ground.length * 0.6 + 0.5))));
        label.setAttribute("text-anchor", "middle");
        label.textContent = p.ground;
        g.append(label);
      }
      boxes.append(g);
    }
  }

  function drawText(data) {
    pagetext.dataset.page = data.page;
    redactedEl.dataset.page = data.page;
    pagetext.textContent = "";
    for (const [start, end, ids] of data.segments) {
      const el = document.createElement(ids.length ? "mark" : "span");
      el.dataset.o = start;
      el.textContent = data.text.slice(start, end);
      if (ids.length) {
        el.className = "m s-" + markOfAll(ids);
        el.dataset.ids = ids.join(" ");
      }
      pagetext.append(el);
    }
    redactedText(data);
  }

  function redactedText(data) {
    const text = data.text;
    const spans = data.proposals
      .filter((p) => p.status === "accepted" && p.start < p.end)
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
    redactedEl.textContent = "";
    let at = 0;
    for (const [s, e, grounds] of merged) {
      if (at < s) redactedEl.append(text.slice(at, s));
      const box = document.createElement("span");
      box.className = "rbox";
      box.textContent = "[" + grounds.sort().join("; ") + "]";
      redactedEl.append(box);
      at = e;
    }
    if (at < text.length) redactedEl.append(text.slice(at));
  }

  function drawList(data) {
    const list = $("#page-proposals");
    list.textContent = "";
    if (!data.proposals.length) {
      const li = document.createElement("li");
      li.className = "none";
      li.textContent = t("No proposals on this page.");
      list.append(li);
      return;
    }
    for (const p of data.proposals) {
      const li = document.createElement("li");
      li.dataset.id = p.id;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "pitem s-" + markOf(p);
      button.dataset.select = p.id;
      const st = document.createElement("span");
      st.className = "st";
      st.textContent = statusLabel(p);
      const entity = document.createElement("span");
      entity.className = "entity";
      entity.textContent = p.entity;
      const value = document.createElement("span");
      value.className = "value";
      value.textContent = p.text || t("(no text under the box)");
      button.append(st, " ", entity, " ", value);
      li.append(button);
      list.append(li);
    }
  }

  function pageOpenText(n) {
    let open = 0;
    for (const p of idx.values()) if (p.page === n && isOpen(p)) open++;
    return open ? tn("%(num)s open on this page", "%(num)s open on this page", open) : t("nothing open on this page");
  }

  async function showPage(n, keepSelection = false) {
    n = Math.min(Math.max(1, Number(n) || 1), PAGES);
    wantedPage = n; // set at once: fast paging counts from the page asked for last
    const data = await loadPage(n);
    if (wantedPage !== n) return null; // another page was asked for meanwhile
    const changed = n !== currentPage;
    currentPage = n;
    document.body.dataset.currentPage = String(n);
    svg.dataset.page = n;
    svg.setAttribute("viewBox", `0 0 ${data.width} ${data.height}`);
    svg.setAttribute("aria-label", t("Page %(n)s", { n }));
    image.setAttribute("width", data.width);
    image.setAttribute("height", data.height);
    if (changed) { image.removeAttribute("href"); stage.scrollTop = 0; }
    setZoom(zoom);
    drawBoxes(data);
    drawText(data);
    drawList(data);
    pageInput.value = n;
    $("#page-prev").disabled = n <= 1;
    $("#page-next").disabled = n >= PAGES;
    $("#page-open").textContent = pageOpenText(n);
    const thumb = markThumb(n);
    if (thumb && changed) reveal(thumb, $("#thumbs-nav"));
    if (!keepSelection && current != null && idx.get(current)?.page !== n) select(null);
    else if (current != null) markCurrent();
    applyFilters();
    if (changed) announce();
    if (changed && n < PAGES) {
      // The next page is likely wanted: its data, and its image rendered into the server's cache.
      loadPage(n + 1).catch(() => {});
      fetch(`/documents/${DOC}/pages/${n + 1}.png?size=${imageSize()}`, { credentials: "same-origin" }).catch(() => {});
    }
    return data;
  }

  async function gotoPage(n) {
    n = Math.min(Math.max(1, Number(n) || 1), PAGES);
    try { await showPage(n); } catch (err) { toast(t("page %(n)s cannot be loaded", { n }), true); }
  }

  // -- zoom and views ------------------------------------------------------------------------

  function setZoom(z) {
    zoom = Math.min(4, Math.max(0.5, z));
    const fit = Math.max(200, stage.clientWidth - 24);
    svg.style.width = Math.round(fit * zoom) + "px";
    $("#zoom-level").textContent = Math.round(zoom * 100) + "%";
    document.body.dataset.zoom = String(zoom);
    if (currentPage) setImage();
  }

  function zoomStep(direction) {
    const i = ZOOMS.findIndex((z) => z >= zoom - 1e-6);
    const next = direction > 0 ? ZOOMS[Math.min(ZOOMS.length - 1, (ZOOMS[i] > zoom + 1e-6 ? i : i + 1))]
      : ZOOMS[Math.max(0, i - 1)];
    setZoom(next);
  }

  $("#zoom-in").addEventListener("click", () => zoomStep(1));
  $("#zoom-out").addEventListener("click", () => zoomStep(-1));
  $("#zoom-fit").addEventListener("click", () => setZoom(1));
  window.addEventListener("resize", () => setZoom(zoom));

  const VIEWS = ["page", "text", "after"];
  function setView(v) {
    view = v;
    document.body.dataset.view = v;
    for (const tab of $$("[role=tab][data-view]")) tab.setAttribute("aria-selected", String(tab.dataset.view === v));
    stage.hidden = v === "text";
    textview.hidden = v !== "text";
    svg.classList.toggle("after", v === "after");
    $("#legend-page").hidden = v === "after";
    $("#legend-after").hidden = v !== "after";
    if (v !== "text") setZoom(zoom);
  }
  for (const tab of $$("[role=tab][data-view]")) tab.addEventListener("click", () => setView(tab.dataset.view));

  // -- thumbnails: one per page, its image only when scrolled into view -------------------------
  // The strip is one stop for Tab (the current page's thumbnail); arrow keys move within it.

  const thumbList = $("#thumbs");
  const thumbs = new Map(); // page -> li
  const shown = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    for (const entry of entries) {
      if (entry.isIntersecting) { showThumb(entry.target); shown.unobserve(entry.target); }
    }
  }, { root: $("#thumbs-nav"), rootMargin: "300px 0px" }) : null;

  function buildThumbs() {
    const fragment = document.createDocumentFragment();
    S.pages.forEach(([w, h], i) => {
      const n = i + 1;
      const li = document.createElement("li");
      li.dataset.page = n;
      const a = document.createElement("a");
      a.href = "?page=" + n;
      a.dataset.page = n;
      a.tabIndex = -1;
      const img = document.createElement("img");
      img.alt = "";
      img.width = Math.round(h > w ? 96 * w / h : 96);
      img.height = Math.round(h > w ? 96 : 96 * h / w);
      img.dataset.src = `${thumbList.dataset.src}${n}.png?size=thumb`;
      const number = document.createElement("span");
      number.className = "tnum";
      number.textContent = n;
      const badge = document.createElement("span");
      badge.className = "tbadge";
      badge.setAttribute("aria-hidden", "true");
      a.append(img, number, badge);
      li.append(a);
      fragment.append(li);
      thumbs.set(n, li);
      if (shown) shown.observe(li);
    });
    thumbList.append(fragment);
    if (!shown) for (const li of thumbs.values()) showThumb(li);
    refreshThumbs(thumbs.keys());
  }

  function showThumb(li) {
    const img = $("img", li);
    if (img && !img.getAttribute("src")) img.setAttribute("src", img.dataset.src);
  }

  function markThumb(n) {
    for (const a of $$("a[aria-current]", thumbList)) { a.removeAttribute("aria-current"); a.tabIndex = -1; }
    const li = thumbs.get(n);
    if (!li) return null;
    const a = $("a", li);
    a.setAttribute("aria-current", "page");
    a.tabIndex = 0;
    showThumb(li);
    return a;
  }

  thumbList.addEventListener("click", (e) => {
    const a = e.target.closest("a[data-page]");
    if (!a) return;
    e.preventDefault();
    gotoPage(Number(a.dataset.page));
  });

  thumbList.addEventListener("keydown", (e) => {
    const a = e.target.closest("a[data-page]");
    if (!a) return;
    const n = Number(a.dataset.page);
    const to = { ArrowDown: n + 1, ArrowRight: n + 1, ArrowUp: n - 1, ArrowLeft: n - 1, Home: 1, End: PAGES }[e.key];
    if (to == null) return;
    e.preventDefault();
    const li = thumbs.get(Math.min(Math.max(1, to), PAGES));
    if (!li) return;
    const target = $("a", li);
    a.tabIndex = -1;
    target.tabIndex = 0;
    target.focus();
    showThumb(li);
  });

  function refreshThumbs(pages) {
    const open = new Map();
    for (const p of idx.values()) if (isOpen(p)) open.set(p.page, (open.get(p.page) || 0) + 1);
    for (const n of pages) {
      const li = thumbs.get(n);
      if (!li) continue;
      const count = open.get(n) || 0;
      li.classList.toggle("open", count > 0);
      $(".tbadge", li).textContent = count ? String(count) : "";
      $("a", li).setAttribute("aria-label", count
        ? tn("Page %(page)s, %(num)s open", "Page %(page)s, %(num)s open", count, { page: n })
        : t("Page %(n)s", { n }));
    }
  }

  // -- selection and the decision panel --------------------------------------------------------

  function markCurrent() {
    for (const el of $$(".current")) el.classList.remove("current");
    if (current == null) return;
    for (const el of $$(`g.box[data-id="${current}"], #page-proposals li[data-id="${current}"] button`)) el.classList.add("current");
    for (const m of $$("mark.m", pagetext)) if (m.dataset.ids.split(" ").map(Number).includes(current)) m.classList.add("current");
  }

  function fillPanel() {
    const p = current == null ? null : details.get(current);
    $("#panel-empty").hidden = Boolean(p);
    $("#panel-body").hidden = !p;
    if (!p) return;
    $("#panel-body").dataset.id = p.id;
    setStatusClass($("#panel"), markOf(p));
    $("#pv-entity").textContent = p.entity;
    $("#pv-entity").title = LABELS[p.entity] || p.entity;
    $("#pv-value").textContent = p.text || t("(no text under the box)");
    $("#pv-score").textContent = Number(p.score).toFixed(2);
    $("#pv-status").textContent = statusLabel(p);
    $("#pv-by").textContent = p.decided_by ? `${p.decided_by}, ${when(p.decided_at)}` : "";
    const why = $("#pv-why");
    why.textContent = "";
    const rows = p.reason.slice();
    if (p.mentions > 1) rows.push(["mentions", tn("%(num)s in %(docs)s document", "%(num)s in %(docs)s documents", p.mention_documents, { num: p.mentions, docs: p.mention_documents })]);
    for (const [label, value] of rows) {
      const dt = document.createElement("dt");
      dt.textContent = REASONS[label] || label;
      const dd = document.createElement("dd");
      dd.textContent = value;
      why.append(dt, dd);
    }
    $("#pv-explain").hidden = !p.explain;
    $("#pv-explain").textContent = p.explain || "";
    $("#pv-note").hidden = p.proposed;
    $("#pv-note").textContent = p.proposed ? "" : t("Not proposed") + (p.note ? ": " + p.note : "") + ". " + t("It stays readable unless you accept it.");
    $("#pv-ground").value = p.ground;
    const several = p.mentions > 1;
    for (const [id, text] of [["#act-mentions-accepted", t("Accept all %(n)s mentions", { n: p.mentions })],
      ["#act-mentions-rejected", t("Reject all %(n)s mentions", { n: p.mentions })]]) {
      const button = $(id);
      button.hidden = !several;
      button.textContent = text + " ";
      const kbd = document.createElement("kbd");
      kbd.textContent = id.endsWith("accepted") ? "A" : "R";
      button.append(kbd);
    }
  }

  // Select a proposal (null: none). Its page is shown first when it is on another page; the
  // selection itself changes at once, so that fast typing acts on the proposal chosen last.
  async function select(id, focus = false) {
    current = id;
    document.body.dataset.currentProposal = id == null ? "" : String(id);
    if (id != null) {
      const p = idx.get(id);
      if (p && p.page !== currentPage) {
        try { await showPage(p.page, true); } catch (err) { toast(t("page %(n)s cannot be loaded", { n: p.page }), true); return; }
        if (current !== id) return; // another key was faster
      }
    }
    markCurrent();
    fillPanel();
    applyFilters();
    announce();
    if (id == null) return;
    const box = $(`g.box[data-id="${id}"]`, boxes);
    if (view === "text") {
      const mark = $$("mark.m", pagetext).find((m) => m.dataset.ids.split(" ").map(Number).includes(id));
      if (mark) mark.scrollIntoView({ block: "center" });
    } else if (box && focus) {
      box.focus({ preventScroll: true });
      reveal(box, stage);
    }
  }

  function step(delta) {
    const list = order.filter((id) => visible(idx.get(id)));
    if (!list.length) { toast(t("no proposals match the filters")); return; }
    let i = current == null ? -1 : list.indexOf(current);
    if (current == null) {
      // start from the page on screen
      const at = list.findIndex((id) => idx.get(id).page >= currentPage);
      i = delta > 0 ? (at < 0 ? list.length : at) - 1 : (at < 0 ? list.length : at);
    } else if (i < 0) {
      // the current one left the filter: continue from its place in reading order
      const at = order.indexOf(current);
      i = list.findIndex((id) => order.indexOf(id) > at) - (delta > 0 ? 1 : 0);
      if (i < -1) i = list.length - 1;
    }
    const next = i + delta;
    if (next >= list.length) { toast(t("last proposal of this document")); return; }
    if (next < 0) { toast(t("first proposal of this document")); return; }
    select(list[next], true);
  }

  // -- talking to the server -----------------------------------------------------------------

  async function post(url, body) {
    const answer = await sendJSON(url, body);
    if (!answer.reached) {
      toast(notSaved(answer), true);
      return null;
    }
    const data = answer.data;
    if (answer.status === 409) {
      update(data.changed);
      toast(data.message || t("conflict: reload the page"), true);
      return null;
    }
    if (!answer.ok) {
      toast(data.message || t("the server refused (%(status)s)", { status: answer.status }), true);
      return null;
    }
    return data;
  }

  // Changed proposals as the server reports them: the index, the loaded pages and what is on
  // screen follow.
  function update(changed) {
    const pages = new Set();
    for (const st of changed || []) {
      if (st.document !== DOC) continue; // a mention in another document
      const entry = idx.get(st.id);
      if (entry) Object.assign(entry, { status: st.status, proposed: st.proposed, entity: st.entity });
      const p = details.get(st.id);
      if (p) Object.assign(p, st);
      pages.add(st.page);
    }
    for (const n of pages) {
      if (n !== currentPage || !pageCache.has(n)) continue;
      const data = pageCache.get(n);
      for (const p of data.proposals) {
        const g = $(`g.box[data-id="${p.id}"]`, boxes);
        if (g) {
          setStatusClass(g, markOf(p));
          g.setAttribute("aria-label", boxLabel(p));
          for (const label of $$("text", g)) label.textContent = p.ground;
        }
        const item = $(`#page-proposals li[data-id="${p.id}"] button`);
        if (item) { setStatusClass(item, markOf(p)); $(".st", item).textContent = statusLabel(p); }
      }
      for (const m of $$("mark.m", pagetext)) setStatusClass(m, markOfAll(m.dataset.ids.split(" ").map(Number)));
      redactedText(data);
      $("#page-open").textContent = pageOpenText(n);
    }
    refreshThumbs(pages);
    refreshTotals();
    fillPanel();
    applyFilters();
  }

  function refreshTotals() {
    const all = Array.from(idx.values());
    const counted = all.filter(counts);
    const decided = counted.filter((p) => p.status !== "pending").length;
    const progress = $("#doc-progress");
    progress.value = decided;
    progress.max = Math.max(1, counted.length);
    $("#doc-progress-text").textContent = t("%(n)s of %(total)s decided", { n: decided, total: counted.length });
    for (const el of $$("[data-entity-counts]")) {
      const e = el.dataset.entityCounts;
      const ps = all.filter((p) => p.entity === e);
      const n = (f) => ps.filter(f).length;
      const kept = n((p) => !counts(p));
      const pending = n((p) => counts(p) && p.status === "pending");
      const button = $(`button[data-entity-accept="${e}"]`);
      if (button) button.disabled = pending === 0;
      el.textContent = t("%(pending)s pending, %(accepted)s accepted, %(rejected)s rejected", {
        pending, accepted: n((p) => p.status === "accepted"), rejected: n((p) => p.status === "rejected"),
      }) + (kept ? t(", %(n)s not proposed", { n: kept }) : "");
    }
    undoButton.disabled = undoStack().length === 0;
    $("#act-undo").disabled = undoButton.disabled;
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
    $("#act-undo").disabled = false;
  }

  function done(data) {
    if (!data) return false;
    update(data.changed);
    pushUndo(data.undo);
    toast(data.message);
    return true;
  }

  async function version(id) {
    if (!details.has(id) && idx.has(id)) await loadPage(idx.get(id).page);
    const p = details.get(id);
    return p ? p.version : null;
  }

  // Keyboard decisions move on at once, before the server answers, so that fast typing never
  // decides a proposal other than the one that was selected when the key went down.
  async function decide(id, decision, advance = false) {
    const v = await version(id);
    if (v == null) return;
    if (advance) step(1);
    done(await post(`/api/proposals/${id}/decide`, { decision, version: v }));
  }

  async function mentions(id, decision, advance = false) {
    const v = await version(id);
    if (v == null) return;
    if (advance) step(1);
    done(await post(`/api/proposals/${id}/mentions`, { decision, version: v }));
  }

  async function acceptEntity(entity) {
    done(await post(`/api/documents/${DOC}/entity`, { entity, decision: "accepted" }));
  }

  async function undo() {
    const stack = undoStack();
    const items = stack.pop();
    sessionStorage.setItem(UNDO_KEY, JSON.stringify(stack));
    if (!items) { toast(t("nothing to undo")); refreshTotals(); return; }
    const data = await post("/api/revert", { items });
    if (data) { update(data.changed); toast(data.message); }
    refreshTotals();
  }

  // -- the ground: the panel's list, or g for the dialog ---------------------------------------

  const groundDialog = $("#ground-dialog");
  const groundSelect = $("#ground-select");
  const groundMotivation = $("#ground-motivation");
  let groundFor = null;

  function openGround(id, ground) {
    const p = details.get(id);
    if (!p) return;
    groundFor = id;
    groundDialog.returnValue = "";
    groundSelect.value = ground || p.ground;
    groundMotivation.value = p.motivation || "";
    $("#ground-what").textContent = t("proposal %(id)s: %(entity)s, now %(ground)s", { id: p.id, entity: p.entity, ground: p.ground });
    groundDialog.showModal();
    (ground ? groundMotivation : groundSelect).focus();
  }

  async function setGround(id, ground, motivation) {
    const p = details.get(id);
    if (!p) return;
    const body = { ground, version: p.version };
    if (motivation) body.motivation = motivation;
    const data = await post(`/api/proposals/${id}/ground`, body);
    if (!data) { fillPanel(); return; }
    done(data);
  }

  groundDialog.addEventListener("close", () => {
    const id = groundFor;
    groundFor = null;
    if (groundDialog.returnValue !== "save" || id == null) { fillPanel(); return; }
    const ground = groundSelect.value;
    const motivation = groundMotivation.value.trim();
    if (!NO_MOTIVATION.includes(ground) && !motivation) {
      toast(t("ground %(ground)s needs a motivation", { ground }), true);
      fillPanel();
      return;
    }
    setGround(id, ground, motivation);
    const box = $(`g.box[data-id="${id}"]`, boxes);
    if (box && view !== "text") box.focus({ preventScroll: true });
  });

  $("#pv-ground").addEventListener("change", (e) => {
    if (current == null) return;
    const ground = e.target.value;
    if (NO_MOTIVATION.includes(ground)) setGround(current, ground);
    else openGround(current, ground);
  });

  // -- adding redactions: a drawn box or a text selection --------------------------------------

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
    const finding = Boolean(request.find);
    $("#manual-find-label").hidden = !finding;
    $("#manual-find").required = finding;
    $("#manual-find").value = "";
    dialog.showModal();
    (finding ? $("#manual-find") : manualEntity).focus();
  }

  // Without a mouse: the text typed in the dialog, every occurrence of it on the page.
  async function spansOf(request) {
    if (!request.find) return [request];
    const wanted = $("#manual-find").value.trim();
    const data = await loadPage(request.page);
    const spans = [];
    for (let at = wanted ? data.text.indexOf(wanted) : -1; at >= 0;
      at = data.text.indexOf(wanted, at + wanted.length)) {
      spans.push({ page: request.page, start: at, end: at + wanted.length });
    }
    if (!spans.length) {
      toast(t("“%(text)s” does not occur on page %(page)s", { text: wanted, page: request.page }), true);
    }
    return spans;
  }

  dialog.addEventListener("close", async () => {
    const request = pendingManual;
    pendingManual = null;
    for (const r of $$("rect.drawing")) r.remove();
    if (dialog.returnValue !== "add" || !request) return;
    const motivation = $("#manual-motivation").value.trim();
    let data = null;
    const undone = [];
    for (const span of await spansOf(request)) {
      const body = Object.assign({}, span, { entity: manualEntity.value, ground: manualGround.value });
      if (motivation) body.motivation = motivation;
      const answer = await post(`/api/documents/${DOC}/manual`, body);
      if (!answer) break;
      data = answer;
      undone.push(...answer.undo);
    }
    if (!data) return;
    pushUndo(undone);
    toast(data.message);
    // The new proposal joins the index and its page is loaded again.
    const response = await fetch(`/api/documents/${DOC}/index`, { credentials: "same-origin" });
    if (response.ok) setIndex(await response.json());
    pageCache.delete(request.page);
    await showPage(request.page, true);
    refreshThumbs([request.page]);
    refreshTotals();
    if (data.created != null) await select(data.created, view !== "text");
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
    if (!span) {
      const page = currentPage || 1;
      openManual({ page, find: true },
        t("Type the text to redact on page %(page)s, or select it in the Text tab.", { page }));
      return;
    }
    const shown = span.text.length > 80 ? span.text.slice(0, 77) + "..." : span.text;
    openManual({ page: span.page, start: span.start, end: span.end },
      t("Redact %(n)s character(s) on page %(page)s: “%(text)s”", { n: span.end - span.start, page: span.page, text: shown }));
  }

  const selButton = document.createElement("button");
  selButton.type = "button";
  selButton.id = "redact-selection";
  selButton.className = "primary floating";
  selButton.textContent = t("Redact selection (x)");
  selButton.hidden = true;
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

  function svgPoint(event) {
    const pt = svg.createSVGPoint();
    pt.x = event.clientX;
    pt.y = event.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse());
  }

  let origin = null;
  let drawing = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    const box = e.target.closest("g.box");
    if (box) { select(Number(box.dataset.id)); return; }
    origin = svgPoint(e);
    drawing = document.createElementNS(SVGNS, "rect");
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
    const p = svgPoint(e);
    drawing.setAttribute("x", Math.min(origin.x, p.x));
    drawing.setAttribute("y", Math.min(origin.y, p.y));
    drawing.setAttribute("width", Math.abs(p.x - origin.x));
    drawing.setAttribute("height", Math.abs(p.y - origin.y));
  });
  svg.addEventListener("pointerup", (e) => {
    if (!drawing) return;
    const p = svgPoint(e);
    const rect = [Math.min(origin.x, p.x), Math.min(origin.y, p.y), Math.max(origin.x, p.x), Math.max(origin.y, p.y)];
    origin = null;
    if (rect[2] - rect[0] < 3 || rect[3] - rect[1] < 3) { drawing.remove(); drawing = null; return; }
    drawing = null;
    const page = currentPage;
    openManual({ page, rect: rect.map((v) => Math.round(v * 100) / 100) },
      t("Redact the box drawn on page %(page)s (%(w)s × %(h)s pt)", { page, w: Math.round(rect[2] - rect[0]), h: Math.round(rect[3] - rect[1]) }));
  });

  // A box that gets the focus (Tab) is the selected one.
  boxes.addEventListener("focusin", (e) => {
    const box = e.target.closest("g.box");
    if (box && Number(box.dataset.id) !== current) select(Number(box.dataset.id));
  });

  // -- clicks and keys -----------------------------------------------------------------------

  document.addEventListener("click", (e) => {
    const act = e.target.closest("[data-act]");
    if (act && act.dataset.act === "undo") { undo(); return; }
    if (act && current != null) {
      const kind = act.dataset.act;
      if (kind === "accept") decide(current, "accepted");
      else if (kind === "reject") decide(current, "rejected");
      else if (kind === "mentions-accepted") mentions(current, "accepted");
      else if (kind === "mentions-rejected") mentions(current, "rejected");
      return;
    }
    const item = e.target.closest("[data-select]");
    if (item) { select(Number(item.dataset.select), view !== "text"); return; }
    const entityButton = e.target.closest("[data-entity-accept]");
    if (entityButton) { acceptEntity(entityButton.dataset.entityAccept); return; }
    const mark = e.target.closest("mark.m");
    if (mark && window.getSelection().isCollapsed) {
      const list = mark.dataset.ids.split(" ").map(Number);
      select(list.find((id) => visible(idx.get(id))) ?? list[0]);
    }
  });

  $("#page-prev").addEventListener("click", () => gotoPage(wantedPage - 1));
  $("#page-next").addEventListener("click", () => gotoPage(wantedPage + 1));
  pageInput.addEventListener("change", () => gotoPage(pageInput.value));
  undoButton.addEventListener("click", () => undo());
  const help = $("#help");
  $("#help-open").addEventListener("click", () => help.showModal());

  const KEYS = new Set(["j", "k", "a", "r", "A", "R", "u", "g", "x", "t", "?", "+", "=", "-", "0",
    "[", "]", "PageUp", "PageDown", "Enter", " "]);

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey || $("dialog[open]")) return;
    const key = e.key;
    if (!KEYS.has(key)) return;
    // Typing goes to text fields and lists; a checkbox or a button keeps the review's keys.
    const inField = e.target.closest && e.target.closest(
      "input:not([type=checkbox]):not([type=radio]), select, textarea, [contenteditable]");
    if (inField) {
      if (key === "Enter" && e.target === pageInput) {
        e.preventDefault();
        pageInput.blur(); // the review's keys work again at once
        gotoPage(pageInput.value);
      }
      return;
    }
    if (key === "Enter" || key === " ") {
      const box = e.target.closest && e.target.closest("g.box");
      if (!box) return; // buttons and links keep their own Enter and Space
      e.preventDefault();
      select(Number(box.dataset.id));
      return;
    }
    e.preventDefault();
    if (key === "j") step(1);
    else if (key === "k") step(-1);
    else if (key === "u") undo();
    else if (key === "x") redactSelection();
    else if (key === "?") help.showModal();
    else if (key === "t") setView(VIEWS[(VIEWS.indexOf(view) + 1) % VIEWS.length]);
    else if (key === "+" || key === "=") zoomStep(1);
    else if (key === "-") zoomStep(-1);
    else if (key === "0") setZoom(1);
    else if (key === "[" || key === "PageUp") gotoPage(wantedPage - 1);
    else if (key === "]" || key === "PageDown") gotoPage(wantedPage + 1);
    else if (current == null) toast(t("select a proposal first (j)"));
    else if (key === "a") decide(current, "accepted", true);
    else if (key === "r") decide(current, "rejected", true);
    else if (key === "A") mentions(current, "accepted", true);
    else if (key === "R") mentions(current, "rejected", true);
    else if (key === "g") openGround(current);
  });

  // -- start ---------------------------------------------------------------------------------

  (async () => {
    const first = remember(JSON.parse(document.getElementById("first-page").textContent));
    const wanted = Number((location.hash.match(/^#p-(\d+)$/) || [])[1] || NaN);
    buildThumbs();
    setView("page");
    refreshTotals();
    if (idx.has(wanted)) {
      await showPage(idx.get(wanted).page, true);
      await select(wanted, true);
    } else {
      await showPage(first.page);
    }
    document.body.dataset.ready = "1";
  })();
})();
