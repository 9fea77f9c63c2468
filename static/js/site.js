// Move focus to the error summary, as the GOV.UK pattern does, so that a
// screen reader announces what went wrong after a failed submit.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});

// Inline validation answers with the field as it was sent. Where the person
// has changed it since (typed on, or picked an alternative), that answer is
// stale: swapped in, it would put the old value back over theirs. Their
// change sends the field again.
(() => {
  const sent = new WeakMap();
  const controlOf = (field) => field.querySelector("input, select, textarea");
  document.addEventListener("htmx:configRequest", (event) => {
    const field = event.detail.elt;
    if (!field.matches || !field.matches(".field[hx-post]")) return;
    const control = controlOf(field);
    if (control) sent.set(field, control.value);
  });
  document.addEventListener("htmx:beforeSwap", (event) => {
    const field = event.detail.elt;
    if (!sent.has(field)) return;
    const control = controlOf(field);
    if (control && control.value !== sent.get(field)) event.detail.shouldSwap = false;
  });
})();
