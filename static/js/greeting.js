// The spoken welcome on /accounts/me/: say it once, and show a "Play
// greeting" button where the browser refuses to play sound by itself.
document.addEventListener("DOMContentLoaded", () => {
  const audio = document.getElementById("greeting-audio");
  if (!audio) return;
  const text = document.getElementById("greeting-text");
  const button = document.getElementById("play-greeting");
  // A live region announces changes, not what was there at load: set it again.
  const words = text.textContent;
  text.textContent = "";
  setTimeout(() => {
    text.textContent = words;
    text.dataset.announced = "";
  }, 100);
  button.addEventListener("click", () => audio.play());
  audio.play().then(
    () => { audio.dataset.played = "auto"; },
    () => { button.hidden = false; },
  );
});
