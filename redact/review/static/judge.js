// The document's judgement (Beoordeling, opgeschort) and withheld pages: POST /api/documents/{id}/judgement.
(function () {
  "use strict";
  const section = document.getElementById("judgement");
  if (!section) return;
  const url = `/api/documents/${section.dataset.document}/judgement`;
  const result = document.getElementById("j-result");
  const value = (id) => document.getElementById(id).value;

  async function send(body) {
    const answer = await sendJSON(url, body);
    if (!answer.ok) {
      result.textContent = notSaved(answer);
      return;
    }
    const data = answer.data;
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
