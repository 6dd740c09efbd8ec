// Search and redact: one term for the batch's term list, POST /api/terms (see redact/terms.py).
(function () {
  "use strict";
  const form = document.getElementById("term-form");
  if (!form) return;
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const result = document.getElementById("t-result");
  const value = (id) => document.getElementById(id).value;

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { ground: value("t-ground") };
    body[document.getElementById("t-pattern").checked ? "pattern" : "term"] = value("t-text");
    if (value("t-motivation").trim()) body.motivation = value("t-motivation");
    let response;
    try {
      response = await fetch("/api/terms", {
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
    result.textContent = data.message;
    setTimeout(() => location.reload(), 800);
  });
})();
