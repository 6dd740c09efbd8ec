// The page scripts' translations: t("Accepted %(n)s", {n: 3}) and tn("%(num)s proposal",
// "%(num)s proposals", n). Loaded first (base.html); reads the JSON block #i18n-catalog that the
// server fills with the current language's translations of every msgid in static/*.js (English
// msgids; an untranslated one stays English). Placeholders are %(name)s, a literal % is %%.
// Also the language switch in the header: POST /api/language, then reload.
(function () {
  "use strict";
  let catalog = {};
  const block = document.getElementById("i18n-catalog");
  try {
    catalog = block ? JSON.parse(block.textContent) : {};
  } catch (err) {
    catalog = {};
  }

  function format(text, params) {
    return text.replace(/%\((\w+)\)s|%%/g, (match, name) => {
      if (match === "%%") return "%";
      return Object.prototype.hasOwnProperty.call(params, name) ? String(params[name]) : match;
    });
  }

  function t(msgid, params) {
    const text = catalog[msgid];
    return format(typeof text === "string" && text ? text : msgid, params || {});
  }

  // Dutch and English share the plural rule: one form for 1, the other for the rest.
  function tn(singular, plural, n, params) {
    const forms = catalog[singular];
    const index = n === 1 ? 0 : 1;
    const text = Array.isArray(forms) && forms[index] ? forms[index] : (index ? plural : singular);
    return format(text, Object.assign({ num: n }, params || {}));
  }

  window.t = t;
  window.tn = tn;

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("button.lang-switch").forEach((button) => {
      button.addEventListener("click", async () => {
        const answer = await sendJSON("/api/language", { language: button.dataset.language });
        if (answer.ok) location.reload(); // else the page stays as it is
      });
    });
  });
})();
