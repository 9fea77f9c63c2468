// Mic buttons: press (or Alt+M inside the field), speak, press again. The
// WAV goes to the speech view through HTMX; the answer fills the field.
(function () {
  "use strict";

  const MAX_SECONDS = 60;
  let active = null; // { button, recorder, started, timer }

  function announce(text) {
    const region = document.getElementById("dictation-announcer");
    if (!region) return;
    region.textContent = "";
    // A fresh text node makes screen readers announce a repeated message too.
    setTimeout(() => { region.textContent = text; }, 50);
  }

  function fieldFor(button) {
    return document.getElementById(button.dataset.target);
  }

  function statusFor(button) {
    return document.getElementById("dictation-status-" + button.dataset.dictate);
  }

  function labelOf(button) {
    return button.dataset.label || button.dataset.dictate;
  }

  function showStatus(button, text, isError) {
    const status = statusFor(button);
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("dictation-error", Boolean(isError));
  }

  function setRecording(button, recording) {
    button.setAttribute("aria-pressed", recording ? "true" : "false");
    button.classList.toggle("recording", recording);
    const timer = button.querySelector(".mic-timer");
    if (timer) timer.textContent = "";
    button.style.setProperty("--level", "0");
  }

  async function start(button) {
    if (active) await stop(active.button);
    const recorder = new window.VoiceRecorder.Recorder(button.dataset.worklet);
    active = { button, recorder, started: Date.now() };
    setRecording(button, true);
    showStatus(button, "Starting the microphone…");
    try {
      await recorder.start((block, level) => {
        button.style.setProperty("--level", Math.min(1, level * 8).toFixed(2));
      });
    } catch (error) {
      active = null;
      setRecording(button, false);
      showStatus(button, error.message, true);
      announce(error.message);
      return;
    }
    if (!active || active.recorder !== recorder) return; // stopped while starting
    showStatus(button, "Recording: speak now, then press the button again.");
    announce("Recording " + labelOf(button) + ". Press again to stop.");
    active.timer = setInterval(() => {
      const seconds = Math.floor((Date.now() - active.started) / 1000);
      const timer = button.querySelector(".mic-timer");
      if (timer) timer.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
      if (seconds >= MAX_SECONDS) stop(button);
    }, 250);
  }

  async function stop(button) {
    if (!active || active.button !== button) return;
    const { recorder, timer } = active;
    active = null;
    clearInterval(timer);
    setRecording(button, false);
    if (!recorder.context) { recorder.close(); return; }
    const wav = await recorder.stop();
    showStatus(button, "Transcribing…");
    announce("Transcribing.");
    button.setAttribute("aria-busy", "true");
    const values = {
      field: button.dataset.dictate,
      form: button.dataset.form,
      audio: new File([wav], "speech.wav", { type: "audio/wav" }),
    };
    htmx.ajax("POST", button.dataset.url, {
      source: button,
      target: "#dictation-status-" + button.dataset.dictate,
      swap: "innerHTML",
      values: values,
    }).finally(() => button.removeAttribute("aria-busy"));
  }

  function toggle(button) {
    if (active && active.button === button) stop(button);
    else start(button);
  }

  function fill(field, value) {
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) return false;
    field.value = value;
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.dispatchEvent(new Event("change", { bubbles: true }));
    return true;
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-dictate]");
    if (button) toggle(button);
  });

  // Alt+M from inside a field toggles its mic (Option+M on a Mac).
  document.addEventListener("keydown", (event) => {
    if (!(event.altKey && event.code === "KeyM")) return;
    const control = event.target.closest && event.target.closest(".control");
    const button = control && control.querySelector("button[data-dictate]");
    if (!button) return;
    event.preventDefault();
    toggle(button);
  });

  // The speech view answers 4xx/503 with a message worth showing.
  document.addEventListener("htmx:beforeSwap", (event) => {
    if (event.detail.target && event.detail.target.classList.contains("dictation-status")) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });

  document.addEventListener("htmx:sendError", (event) => {
    const button = event.detail.elt && event.detail.elt.closest("button[data-dictate]");
    if (button) {
      showStatus(button, "The server could not be reached.", true);
      announce("The server could not be reached.");
    }
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    const result = event.detail.target && event.detail.target.querySelector(".dictation-result");
    if (!result) return;
    const button = document.querySelector('button[data-dictate="' + result.dataset.field + '"]');
    const field = button && fieldFor(button);
    if (result.dataset.status === "ok" && field && fill(field, result.dataset.value)) {
      field.focus();
      announce(labelOf(button) + ": " + result.textContent.trim());
    } else {
      result.closest(".dictation-status").classList.add("dictation-error");
      announce(result.textContent.trim());
    }
  });
})();
