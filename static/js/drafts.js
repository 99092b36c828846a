/* Autosaved drafts of long texts: a form marked data-autosave posts its text fields to
   the draft endpoint about 10 s after a change and says "Sparat kl. 14.32". A draft kept
   for this page (autosaved, or kept when the session had expired) is filled in again.
   Progressive: without this script the forms work as before. */
(function () {
  "use strict";
  var body = document.body;
  var saveUrl = body.dataset.draftUrl;
  var discardUrl = body.dataset.draftDiscardUrl;
  if (!saveUrl || !window.fetch || !window.FormData) return;
  var DELAY = 10000;
  var path = window.location.pathname;

  function csrfToken(form) {
    var input = (form || document).querySelector("input[name=csrfmiddlewaretoken]") ||
      document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function activity() { document.dispatchEvent(new CustomEvent("iop:activity")); }
  function isText(el) {
    if (el.disabled || el.readOnly) return false;
    if (el.tagName === "TEXTAREA") return true;
    return el.tagName === "INPUT" && ["text", "search", "email", "tel", "url"].indexOf(el.type) >= 0;
  }
  function restorable(el) {
    if (el.disabled || el.readOnly || !el.name || el.name === "csrfmiddlewaretoken") return false;
    if (el.type === "password" || el.type === "file" || el.type === "submit") return false;
    // A hidden field only when it is the version the text was written against: saving
    // then answers "somebody else saved meanwhile" instead of overwriting their change.
    if (el.type === "hidden") return /(^|-)version$/.test(el.name);
    return true;
  }
  function post(url, data, form) {
    data.append("draft_path", path);
    return fetch(url, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(form) }
    });
  }

  function autosave(form) {
    var status = document.createElement("p");
    status.className = "autosave-status muted";
    status.setAttribute("aria-live", "polite");
    form.appendChild(status);
    var timer = null;
    function save() {
      timer = null;
      var data = new FormData();
      Array.prototype.forEach.call(form.elements, function (el) {
        if (isText(el) || (el.type === "hidden" && restorable(el))) data.append(el.name, el.value);
      });
      post(saveUrl, data, form).then(function (response) {
        return response.json().then(function (answer) {
          if (response.ok) {
            status.textContent = "Sparat kl. " + answer.savedAt;
            activity();
          } else {
            status.textContent = "Utkastet kunde inte sparas: " + (answer.error || response.status);
          }
        });
      }, function () { status.textContent = "Utkastet kunde inte sparas just nu (ingen anslutning)."; });
    }
    form.addEventListener("input", function () { if (!timer) timer = window.setTimeout(save, DELAY); });
    form.addEventListener("submit", function () { if (timer) window.clearTimeout(timer); timer = null; });
  }

  function fill(form, fields) {
    var filled = 0;
    Object.keys(fields).forEach(function (name) {
      var values = fields[name];
      var els = form.querySelectorAll("[name='" + name.replace(/['\\]/g, "") + "']");
      Array.prototype.forEach.call(els, function (el) {
        if (!restorable(el)) return;
        if (el.type === "checkbox" || el.type === "radio") {
          el.checked = values.indexOf(el.value) >= 0;
        } else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = values.indexOf(o.value) >= 0; });
        } else if (el.value !== values[0]) {
          el.value = values[0];
          filled += 1;
        }
      });
    });
    return filled;
  }

  function restore() {
    var script = document.getElementById("draft-restore");
    if (!script) return;
    var draft = JSON.parse(script.textContent);
    var forms = document.querySelectorAll("main form[method=post]");
    for (var i = 0; i < forms.length; i += 1) {
      var form = forms[i];
      var savedAt = form.dataset.savedAt;
      if (savedAt && new Date(savedAt) >= new Date(draft.updated)) return;  // saved since
      if (!fill(form, draft.fields)) continue;
      var notice = document.createElement("div");
      notice.className = "notice notice--warning";
      notice.setAttribute("role", "status");
      var p = document.createElement("p");
      p.textContent = (draft.kind === "kept"
        ? "Det du skrev innan du loggades ut (kl. " + draft.savedAt + ") är ifyllt igen."
        : "Ditt osparade utkast från kl. " + draft.savedAt + " är ifyllt.") +
        " Granska texten och spara.";
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button--secondary";
      button.textContent = "Kasta utkastet och visa det sparade";
      button.addEventListener("click", function () {
        post(discardUrl, new FormData(), null).then(function () { window.location.reload(); });
      });
      notice.appendChild(p);
      notice.appendChild(button);
      form.parentNode.insertBefore(notice, form);
      return;  // the draft belongs to one form of the page
    }
  }

  restore();
  Array.prototype.forEach.call(document.querySelectorAll("form[data-autosave]"), autosave);
})();
