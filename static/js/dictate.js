// Mic buttons: press (or Alt+M inside the field), speak, press again. The
// WAV goes to the speech view through HTMX; the answer fills the field and
// offers the other likely values under it: one click, a digit key, or the
// arrow keys and Enter put one in the field; Escape or typing dismisses them.
(function () {
  "use strict";

  const MAX_SECONDS = 60;
  let active = null; // { button, recorder, started, timer }
  const attempts = new Map(); // field name -> dictations so far

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

  function buttonFor(name) {
    return document.querySelector('button[data-dictate="' + name + '"]');
  }

  function statusFor(button) {
    return document.getElementById("dictation-status-" + button.dataset.dictate);
  }

  function labelOf(button) {
    return button.dataset.label || button.dataset.dictate;
  }

  function showStatus(button, text, isError, working) {
    const status = statusFor(button);
    if (!status) return;
    status.textContent = text;
    status.classList.toggle("dictation-error", Boolean(isError));
    status.classList.toggle("working", Boolean(working));
  }

  // Mics show only where the browser can record; with JavaScript off they
  // stay hidden, and the form is typed.
  function canRecord() {
    return window.isSecureContext && Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)
      && typeof window.AudioWorkletNode === "function";
  }

  if (canRecord()) document.documentElement.classList.add("can-record");

  function setRecording(button, recording) {
    button.setAttribute("aria-pressed", recording ? "true" : "false");
    button.classList.toggle("recording", recording);
    const timer = button.querySelector(".mic-timer");
    if (timer) timer.textContent = "";
    button.style.setProperty("--level", "0");
  }

  // What the rest of the form holds (a name, a country), by the ids the
  // mic lists: hints, never the value of any other field.
  function hint(button, kind) {
    const ids = (button.dataset["hint" + kind] || "").split(" ").filter(Boolean);
    return ids.map((id) => document.getElementById(id)).filter(Boolean)
      .map((field) => field.value.trim()).filter(Boolean).join(" ");
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
    showStatus(button, "Transcribing…", false, true);
    announce("Transcribing.");
    button.setAttribute("aria-busy", "true");
    attempts.set(button.dataset.dictate, (attempts.get(button.dataset.dictate) || 0) + 1);
    const values = {
      field: button.dataset.dictate,
      form: button.dataset.form,
      hint_name: hint(button, "Name"),
      hint_region: hint(button, "Region"),
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

  // --- the other possibilities under a field ---

  function alternativesOf(status) {
    return status ? [...status.querySelectorAll("button.alternative")] : [];
  }

  function statusOfField(field) {
    const control = field.closest && field.closest(".control");
    return control && control.querySelector(".dictation-status");
  }

  // One tab stop for the list: the choice last moved to.
  function focusChoice(choices, i) {
    choices.forEach((choice, j) => { choice.tabIndex = j === i ? 0 : -1; });
    choices[i].focus();
  }

  function dismiss(status) {
    const list = status && status.querySelector(".alternatives");
    if (list) list.remove();
  }

  function showSpellTip(status) {
    const tip = status && status.querySelector(".spell-tip");
    if (tip) tip.hidden = false;
  }

  // The chosen value goes into the field; the one it replaces takes its
  // place in the list, so that going back is one pick away too.
  function pick(choice) {
    const status = choice.closest(".dictation-status");
    const result = status.querySelector(".dictation-result");
    const button = buttonFor(result.dataset.field);
    const field = button && fieldFor(button);
    if (!field || !fill(field, choice.dataset.value)) return;
    const previous = { value: result.dataset.value, label: result.dataset.label };
    result.dataset.value = choice.dataset.value;
    result.dataset.label = choice.dataset.label;
    result.textContent = "Filled in: " + choice.dataset.label;
    choice.dataset.value = previous.value;
    choice.dataset.label = previous.label;
    choice.lastChild.textContent = " " + previous.label;
    field.focus();
    announce(labelOf(button) + ": filled in " + result.dataset.label + ".");
  }

  document.addEventListener("click", (event) => {
    const mic = event.target.closest("button[data-dictate]");
    if (mic) return toggle(mic);
    const choice = event.target.closest("button.alternative");
    if (choice) pick(choice);
  });

  document.addEventListener("keydown", (event) => {
    // Alt+M from inside a field toggles its mic (Option+M on a Mac).
    if (event.altKey && event.code === "KeyM") {
      const control = event.target.closest && event.target.closest(".control");
      const button = control && control.querySelector("button[data-dictate]");
      if (!button) return;
      event.preventDefault();
      return toggle(button);
    }
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const target = event.target;
    const inList = target.matches && target.matches("button.alternative");
    const inField = target.matches && target.matches("input, select, textarea");
    if (!inList && !inField) return;
    const status = inList ? target.closest(".dictation-status") : statusOfField(target);
    const choices = alternativesOf(status);
    if (!choices.length) return;
    const field = inList ? fieldFor(buttonFor(status.querySelector(".dictation-result").dataset.field)) : target;
    const digit = /^[1-9]$/.test(event.key) ? Number(event.key) : 0;
    const at = choices.indexOf(target);
    if (digit && digit <= choices.length) {
      event.preventDefault();
      pick(choices[digit - 1]);
    } else if (event.key === "ArrowDown" || (event.key === "ArrowRight" && inList)) {
      event.preventDefault();
      focusChoice(choices, Math.min(at + 1, choices.length - 1));
    } else if ((event.key === "ArrowUp" || event.key === "ArrowLeft") && inList) {
      event.preventDefault();
      if (at > 0) focusChoice(choices, at - 1);
      else field.focus();
    } else if (event.key === "Escape") {
      event.preventDefault();
      dismiss(status);
      field.focus();
      announce("Other possibilities dismissed.");
    }
  });

  // Typing in a field that was just dictated dismisses what was offered,
  // and is a sign that the dictation missed: say how to spell.
  document.addEventListener("input", (event) => {
    if (!event.isTrusted) return;
    const status = statusOfField(event.target);
    if (status && alternativesOf(status).length) {
      dismiss(status);
      showSpellTip(status);
    }
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
      showStatus(button, "The server could not be reached.", true, false);
      announce("The server could not be reached.");
    }
  });

  document.addEventListener("htmx:afterSwap", (event) => {
    // Only a dictation's own answer; a field morphed by inline validation
    // also holds the status, but must not fill the field again.
    const status = event.detail.target;
    if (!status || !status.classList.contains("dictation-status")) return;
    const result = status.querySelector(".dictation-result");
    if (!result) return;
    status.classList.remove("working");
    const button = buttonFor(result.dataset.field);
    const field = button && fieldFor(button);
    if ((attempts.get(result.dataset.field) || 0) > 1) showSpellTip(status);
    if (result.dataset.status === "ok" && field && fill(field, result.dataset.value)) {
      status.classList.remove("dictation-error");
      field.focus();
      const count = alternativesOf(status).length;
      const how = count ? " Press the down arrow to hear them, or 1 to " + count + " to pick one." : "";
      announce(labelOf(button) + ": " + result.textContent.trim().replace(/\s+/g, " ") + "." + how);
    } else {
      status.classList.add("dictation-error");
      announce(result.textContent.trim());
    }
  });
})();
