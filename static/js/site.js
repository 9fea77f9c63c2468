// Move focus to the error summary, as the GOV.UK pattern does, so that a
// screen reader announces what went wrong after a failed submit.
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector("[data-autofocus]");
  if (summary) summary.focus();
});
