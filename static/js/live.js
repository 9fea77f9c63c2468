// Live captions: microphone -> 16-bit PCM frames over /ws/ after a JSON
// start; the server answers through Turbo Streams (#live-partial updated,
// #live-transcript appended). See docs/protocol.md.
(function () {
  "use strict";

  document.addEventListener("DOMContentLoaded", () => {
    const form = document.getElementById("live-form");
    if (!form) return;
    form.addEventListener("submit", (event) => event.preventDefault());
    const start = document.getElementById("live-start");
    const stop = document.getElementById("live-stop");
    const status = document.getElementById("live-status");
    let recorder = null;

    function say(text) { status.textContent = text; }

    function listening(on) {
      start.disabled = on;
      stop.disabled = !on;
      start.setAttribute("aria-pressed", on ? "true" : "false");
      (on ? stop : start).focus();
    }

    async function begin() {
      if (!window.TurboSocket.open) { say("Not connected to the server yet: try again in a moment."); return; }
      say("Starting…");
      window.TurboSocket.send({
        type: "start",
        provider: document.getElementById("live-provider").value,
        language: document.getElementById("live-language").value.trim(),
      });
    }

    async function record() {
      recorder = new window.VoiceRecorder.Recorder(form.dataset.worklet);
      try {
        await recorder.start((block) => {
          window.TurboSocket.send(window.VoiceRecorder.toPcm16(block).buffer);
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
