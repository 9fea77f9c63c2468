// Live captions: microphone -> 16-bit PCM frames over /ws/ after a JSON
// start; the server answers through Turbo Streams (#live-partial updated,
// #live-transcript appended). See docs/protocol.md.
(function () {
  "use strict";

  const canRecord = () => window.isSecureContext && Boolean(navigator.mediaDevices && navigator.mediaDevices.getUserMedia)
    && typeof window.AudioWorkletNode === "function";

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("live-form");
    if (!form) return;
    form.addEventListener("submit", (event) => event.preventDefault());
    const start = document.getElementById("live-start");
    const stop = document.getElementById("live-stop");
    const status = document.getElementById("live-status");
    const meter = document.getElementById("live-meter");
    const elapsed = document.getElementById("live-elapsed");
    const engine = document.getElementById("live-provider");
    const language = document.getElementById("live-language");
    const transcript = document.getElementById("live-transcript");
    const tools = document.getElementById("live-tools");
    let recorder = null;
    let started = 0;
    let clock = null;

    function say(text) { status.textContent = text; }

    if (!canRecord()) {
      say(window.isSecureContext ? "This browser cannot record audio here." : "The microphone only works on a secure (https) address.");
      return;
    }
    start.hidden = stop.hidden = false;
    say("Not listening.");

    // Only the languages the chosen engine understands.
    function offerLanguages() {
      const known = (engine.selectedOptions[0].dataset.languages || "").toLowerCase().split(" ");
      [...language.options].forEach((option) => {
        const code = option.value.toLowerCase();
        option.hidden = option.disabled = !known.includes(code) && !known.includes(code.split("-")[0]);
      });
      if (language.selectedOptions[0].disabled) {
        const first = [...language.options].find((option) => !option.disabled);
        if (first) language.value = first.value;
      }
    }
    engine.addEventListener("change", offerLanguages);
    offerLanguages();

    function listening(on) {
      start.disabled = on;
      stop.disabled = !on;
      engine.disabled = language.disabled = on;
      status.classList.toggle("listening", on);
      meter.hidden = !on;
      clearInterval(clock);
      if (on) {
        started = Date.now();
        clock = setInterval(() => {
          const seconds = Math.floor((Date.now() - started) / 1000);
          elapsed.textContent = Math.floor(seconds / 60) + ":" + String(seconds % 60).padStart(2, "0");
        }, 250);
      }
      (on ? stop : start).focus();
    }

    async function begin() {
      if (!window.TurboSocket.open) { say("Not connected to the server yet: try again in a moment."); return; }
      say("Starting…");
      window.TurboSocket.send({ type: "start", provider: engine.value, language: language.value });
    }

    async function record() {
      recorder = new window.VoiceRecorder.Recorder(form.dataset.worklet);
      try {
        await recorder.start((block, level) => {
          window.TurboSocket.send(window.VoiceRecorder.toPcm16(block).buffer);
          meter.style.setProperty("--level", Math.min(1, level * 8).toFixed(2));
        });
      } catch (error) {
        recorder = null;
        window.TurboSocket.send({ type: "stop" });
        say(error.message);
        listening(false);
        return;
      }
      listening(true);
      say("Listening: speak now. Press Stop when you are done.");
    }

    function end() {
      if (recorder) { recorder.close(); recorder = null; }
      window.TurboSocket.send({ type: "stop" });
      say("Finishing the last sentence…");
      stop.disabled = true;
    }

    function text() {
      return [...transcript.querySelectorAll(".segment")].map((p) => p.textContent.trim()).join("\n");
    }

    new MutationObserver(() => { tools.hidden = !text(); }).observe(transcript, { childList: true });

    document.getElementById("live-copy").addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text());
        say("The transcript so far is copied.");
      } catch (error) {
        say("This browser would not copy: select the transcript and copy it instead.");
      }
    });

    document.getElementById("live-download").addEventListener("click", () => {
      const link = document.createElement("a");
      link.href = URL.createObjectURL(new Blob([text() + "\n"], { type: "text/plain" }));
      link.download = "transcript.txt";
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    });

    window.TurboSocket.listen((message) => {
      if (message.type === "started") record();
      else if (message.type === "stopped") {
        listening(false);
        if (message.transcript === null) say("Stopped. Nothing was said, so nothing was kept.");
        else if (message.complete === false) say("Stopped. Some words could not be transcribed; the rest is saved in your history.");
        else say("Stopped. The transcript is saved in your history.");
      } else if (message.type === "missed") {
        say(message.message);
      } else if (message.type === "error") {
        if (recorder) { recorder.close(); recorder = null; listening(false); }
        say(message.message);
      } else if (message.type === "disconnected" && recorder) {
        recorder.close(); recorder = null; listening(false);
        say("The connection to the server was lost.");
      }
    });

    start.addEventListener("click", begin);
    stop.addEventListener("click", end);
  });
})();
