// The team's review on the document page (_workflow.html, _comments.html): mark ready, approve,
// send back with a comment, assign, and comments on the page or proposal in view. Every action
// is a JSON POST with the page's CSRF token (redact/review/work.py); afterwards the server
// renders the part anew and it is swapped in place, so the rules live in one place (Python).
(function () {
  "use strict";
  if (window.redactWorkflow) return; // both partials load this script
  window.redactWorkflow = true;
  async function call(url, body) {
    const answer = await sendJSON(url, body);
    if (!answer.ok) return { ok: false, message: notSaved(answer) };
    return { ok: true, message: answer.data.message || "", data: answer.data };
  }

  // Render one part (#workflow or #comments) anew from the server and put it in place.
  async function refresh(id, path, focusId, message, resultId) {
    const old = document.getElementById(id);
    if (!old) return;
    try {
      const response = await fetch(path, { credentials: "same-origin" });
      if (response.ok) {
        const holder = document.createElement("div");
        holder.innerHTML = await response.text();
        const fresh = holder.querySelector("#" + id);
        if (fresh) old.replaceWith(fresh);
      }
    } catch (err) { /* keep the old part; the message below still says what happened */ }
    const result = document.getElementById(resultId);
    if (result) result.textContent = message;
    // Focus stays where the person was; a button that is now disabled hands it to the state.
    const target = document.getElementById(focusId);
    const fallback = document.getElementById(id === "workflow" ? "wf-state" : "comment-text");
    if (target && !target.disabled) target.focus();
    else if (fallback) fallback.focus();
    filterComments();
  }

  function say(resultId, message) {
    const result = document.getElementById(resultId);
    if (result) result.textContent = message;
  }

  // -- the review state and assignment ----------------------------------------------------------

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-wf]");
    if (!button || button.disabled) return;
    const box = document.getElementById("workflow");
    if (!box) return;
    const doc = box.dataset.document;
    const action = button.dataset.wf;
    let url = "/api/documents/" + doc + "/" + action;
    let body;
    if (action === "send-back") {
      const comment = document.getElementById("wf-comment");
      if (!comment.value.trim()) {
        say("wf-result", t("Say in a comment why the document goes back."));
        comment.focus();
        return;
      }
      body = { comment: comment.value };
    } else if (action === "assign" || action === "take") {
      url = "/api/documents/" + doc + "/assign";
      const field = document.getElementById("wf-assignee");
      const name = action === "take" ? button.dataset.name : field.value.trim();
      body = { assignee: name || null };
    }
    button.disabled = true;
    const result = await call(url, body);
    if (!result.ok) {
      button.disabled = false;
      say("wf-result", result.message);
      return;
    }
    await refresh("workflow", "/documents/" + doc + "/workflow", button.id, result.message, "wf-result");
  });

  // -- comments -----------------------------------------------------------------------------------

  function here() {
    const data = document.body.dataset;
    return {
      page: data.currentPage ? parseInt(data.currentPage, 10) : null,
      proposal: data.currentProposal ? parseInt(data.currentProposal, 10) : null,
    };
  }

  // "Only this page": hide the others; the comments on the selected proposal stand out.
  function filterComments() {
    const only = document.getElementById("comments-here");
    const now = here();
    document.querySelectorAll("#comment-list li.comment[data-comment]").forEach((item) => {
      const page = item.dataset.page ? parseInt(item.dataset.page, 10) : null;
      item.hidden = Boolean(only && only.checked && now.page !== null && page !== now.page);
      const proposal = item.dataset.proposal ? parseInt(item.dataset.proposal, 10) : null;
      item.classList.toggle("current", proposal !== null && proposal === now.proposal);
    });
  }

  document.addEventListener("change", (event) => {
    if (event.target.id === "comments-here") filterComments();
  });

  document.addEventListener("submit", async (event) => {
    if (event.target.id !== "comment-form") return;
    event.preventDefault();
    const box = document.getElementById("comments");
    const text = document.getElementById("comment-text");
    if (!text.value.trim()) {
      say("comment-result", t("Write a comment first."));
      text.focus();
      return;
    }
    const on = (event.target.querySelector('input[name="comment-on"]:checked') || {}).value;
    const now = here();
    const body = { text: text.value };
    if (on === "proposal") {
      if (now.proposal === null) {
        say("comment-result", t("Select a proposal first."));
        return;
      }
      body.proposal = now.proposal;
    } else if (on === "page" && now.page !== null) {
      body.page = now.page;
    }
    const result = await call("/api/documents/" + box.dataset.document + "/comments", body);
    if (!result.ok) {
      say("comment-result", result.message);
      return;
    }
    await refresh("comments", "/documents/" + box.dataset.document + "/comments", "comment-text",
                  result.message, "comment-result");
  });

  // The page script says which page and proposal are in view on <body>; follow it.
  new MutationObserver(filterComments).observe(document.body, {
    attributes: true, attributeFilter: ["data-current-page", "data-current-proposal"],
  });
  document.addEventListener("DOMContentLoaded", filterComments);
  filterComments();
})();
