/* The idle session timeout, said before it happens (WCAG 2.2.1): a notice a few minutes
   before the server signs the session out, with a button that keeps it. No build step. */
(function () {
  "use strict";
  var body = document.body;
  var idle = parseInt(body.dataset.sessionIdle || "0", 10) * 1000;
  var warn = parseInt(body.dataset.sessionWarn || "0", 10) * 1000;
  var box = document.getElementById("session-warning");
  if (!idle || !box || !window.fetch) return;
  var KEY = "iop-last-activity";  // shared by the user's tabs: activity in one counts for all
  var timer = null;

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  function lastActivity() {
    var stored = 0;
    try { stored = parseInt(window.localStorage.getItem(KEY) || "0", 10); } catch (e) {}
    return Math.max(stored, started);
  }
  function noteActivity() {
    started = Date.now();
    try { window.localStorage.setItem(KEY, String(started)); } catch (e) {}
    hide();
    schedule();
  }
  function hide() { box.hidden = true; box.textContent = ""; }
  function minutes(ms) { return Math.max(1, Math.round(ms / 60000)); }

  function showWarning(left) {
    box.textContent = "";
    box.className = "session-warning notice notice--warning";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = "Du loggas ut om " + minutes(left) + " minuter eftersom inget har hänt på " +
      "ett tag. Det du har skrivit och inte sparat går förlorat om du inte fortsätter.";
    var button = document.createElement("button");
    button.type = "button";
    button.textContent = "Fortsätt vara inloggad";
    button.addEventListener("click", stayIn);
    box.appendChild(p);
    box.appendChild(button);
    box.hidden = false;
    button.focus();
  }
  function showExpired() {
    box.textContent = "";
    box.className = "session-warning notice notice--danger";
    box.setAttribute("role", "alert");
    var p = document.createElement("p");
    p.textContent = "Du har loggats ut eftersom inget hände på " + minutes(idle) + " minuter. " +
      "Det du har skrivit finns kvar: när du skickar formuläret sparas det och du får logga " +
      "in igen och kommer tillbaka hit med texten ifylld.";
    box.appendChild(p);
    box.hidden = false;
  }
  function stayIn() {
    var data = new FormData();
    fetch(body.dataset.keepaliveUrl, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken() }
    }).then(function (response) {
      if (response.ok) { noteActivity(); } else { showExpired(); }
    }, function () { /* offline: keep the warning, the user can try again */ });
  }
  function tick() {
    var left = lastActivity() + idle - Date.now();
    if (left <= 0) { showExpired(); return; }
    if (left <= warn) {
      if (box.hidden) showWarning(left);
      timer = window.setTimeout(tick, Math.min(left, 30000));
      return;
    }
    if (!box.hidden) hide();  // another tab kept the session
    timer = window.setTimeout(tick, Math.min(left - warn, 60000));
  }
  function schedule() { if (timer) window.clearTimeout(timer); tick(); }

  var started = Date.now();
  try { window.localStorage.setItem(KEY, String(started)); } catch (e) {}
  document.addEventListener("iop:activity", noteActivity);
  schedule();
})();
