// The room: messages arrive on the room's Turbo Stream (turbo-streams.js);
// this shows the reader's own messages' Delete, sends deletes without
// leaving the page, and lets the form's 4xx answers (errors) be shown.
(function () {
  "use strict";

  function csrfToken() {
    try { return JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRFToken"]; }
    catch (error) { return ""; }
  }

  // Messages are broadcast alike to everyone: the Delete of one's own shows here.
  function showOwnDeletes(root) {
    const log = document.querySelector(".room-log");
    if (!log) return;
    root.querySelectorAll(".message").forEach((message) => {
      const form = message.querySelector(".message-delete");
      if (form && message.dataset.author === log.dataset.user) form.hidden = false;
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    const list = document.getElementById("room-messages");
    if (!list) return;
    showOwnDeletes(document);
    new MutationObserver(() => {
      const empty = document.getElementById("room-empty");
      if (empty && list.querySelector(".message")) empty.remove();
      showOwnDeletes(list);
    }).observe(list, { childList: true });
  });

  document.addEventListener("submit", async (event) => {
    const form = event.target.closest(".message-delete");
    if (!form) return;
    event.preventDefault();
    const button = form.querySelector("button");
    button.disabled = true;
    const response = await fetch(form.action, {
      method: "POST",
      headers: { "X-CSRFToken": csrfToken(), "HX-Request": "true" },
    }).catch(() => null);
    if (!response || !response.ok) {
      button.disabled = false;
      button.textContent = "Not deleted: try again";
    }
  });

  // The form answers 422 (a message too long or empty) and 429 (too many):
  // both carry the form with its error, to be shown.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.target && event.detail.target.id === "room-form") {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
})();
