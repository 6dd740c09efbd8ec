// The one way the review's scripts send a change: a JSON POST with the page's CSRF token
// (redact/review/security.py refuses a state change without it). Every script uses it.
(function () {
  "use strict";
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.content : "";

  // Resolves to {reached, ok, status, data}: data is the server's JSON answer ({} when none);
  // reached is false when the server could not be reached (then nothing was saved).
  async function sendJSON(url, body) {
    let response;
    try {
      response = await fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
        body: JSON.stringify(body === undefined ? {} : body),
      });
    } catch (err) {
      return { reached: false, ok: false, status: 0, data: {} };
    }
    let data = {};
    try { data = await response.json(); } catch (err) { data = {}; }
    return { reached: true, ok: response.ok, status: response.status, data: data };
  }

  // What to tell the reviewer when a change was not saved.
  function notSaved(answer) {
    if (!answer.reached) return t("The review server cannot be reached: nothing was saved.");
    return t("Not saved: %(reason)s", { reason: answer.data.message || answer.status });
  }

  window.sendJSON = sendJSON;
  window.notSaved = notSaved;
})();
