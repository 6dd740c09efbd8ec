// Search and redact: one term for the batch's term list, POST /api/terms (see redact/terms.py).
(function () {
  "use strict";
  const form = document.getElementById("term-form");
  if (!form) return;
  const result = document.getElementById("t-result");
  const value = (id) => document.getElementById(id).value;

  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const body = { ground: value("t-ground") };
    body[document.getElementById("t-pattern").checked ? "pattern" : "term"] = value("t-text");
    if (value("t-motivation").trim()) body.motivation = value("t-motivation");
    const answer = await sendJSON("/api/terms", body);
    if (!answer.ok) {
      result.textContent = notSaved(answer);
      return;
    }
    result.textContent = answer.data.message;
    setTimeout(() => location.reload(), 800);
  });
})();
