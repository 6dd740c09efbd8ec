// The document's judgement (Beoordeling, opgeschort) and withheld pages: POST /api/documents/{id}/judgement.
(function () {
  "use strict";
  const section = document.getElementById("judgement");
  if (!section) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const url = `/api/documents/${section.dataset.document}/judgement`;
  const result = document.getElementById("j-result");
  const value = (id) => document.getElementById(id).value;

  async function send(body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body),
      });
    } catch (err) {
      result.textContent = t("The review server cannot be reached: nothing was saved.");
      return;
    }
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    if (!response.ok) {
      result.textContent = t("Not saved: %(reason)s", { reason: data.message || response.status });
      return;
    }
    result.textContent = t("Saved: %(message)s", { message: data.message });
    const pages = Object.entries(data.withheld_pages || {});
    document.getElementById("j-pages").textContent = pages.length
      ? pages.map(([page, ground]) => t("page %(page)s (%(ground)s)", { page, ground })).join(", ")
      : t("none");
  }

  document.getElementById("judge-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { suspended: document.getElementById("j-suspended").checked };
    if (value("j-judgement")) body.judgement = value("j-judgement");
    if (value("j-ground")) body.ground = value("j-ground");
    if (value("j-link")) body.public_link = value("j-link");
    if (value("j-motivation")) body.motivation = value("j-motivation");
    send(body);
  });
  document.getElementById("page-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const body = { page: Number(value("p-page")), ground: value("p-ground") };
    if (value("p-motivation")) body.motivation = value("p-motivation");
    send(body);
  });
  document.getElementById("p-release").addEventListener("click", () => {
    if (value("p-page")) send({ release_page: Number(value("p-page")) });
  });
})();
