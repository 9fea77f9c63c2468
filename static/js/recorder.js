// Microphone -> 16 kHz mono samples, in the browser, with no library: an
// AudioWorklet captures, this file resamples and encodes WAV (16-bit PCM).
(function () {
  "use strict";

  const TARGET_RATE = 16000;

  class RecorderError extends Error {
    constructor(kind, message) {
      super(message);
      this.kind = kind;
    }
  }

  function explain(error) {
    if (error instanceof RecorderError) return error;
    switch (error && error.name) {
      case "NotAllowedError":
      case "SecurityError":
        return new RecorderError("denied", "Microphone access was refused. Allow it in your browser's site settings, or type instead.");
      case "NotFoundError":
      case "OverconstrainedError":
        return new RecorderError("missing", "No microphone was found. Connect one, or type instead.");
      case "NotReadableError":
        return new RecorderError("busy", "The microphone is in use by another program.");
      default:
        return new RecorderError("failed", "The microphone could not be started: " + (error && error.message ? error.message : error));
    }
  }

  // Average each output sample's span of input: a box low-pass filter and
  // decimation in one pass, enough for speech.
  function resample(input, fromRate, toRate) {
    if (fromRate === toRate) return input;
    const ratio = fromRate / toRate;
    const length = Math.floor(input.length / ratio);
    const output = new Float32Array(length);
    for (let i = 0; i < length; i++) {
      const start = Math.floor(i * ratio);
      const end = Math.min(input.length, Math.max(start + 1, Math.floor((i + 1) * ratio)));
      let sum = 0;
      for (let j = start; j < end; j++) sum += input[j];
      output[i] = sum / (end - start);
    }
    return output;
  }

  function toPcm16(samples) {
    const pcm = new Int16Array(samples.length);
    for (let i = 0; i < samples.length; i++) {
      const s = Math.max(-1, Math.min(1, samples[i]));
      pcm[i] = s < 0 ? s * 0x8000 : s * 0x7fff;
    }
    return pcm;
  }

  function encodeWav(samples, rate) {
    const pcm = toPcm16(samples);
    const buffer = new ArrayBuffer(44 + pcm.byteLength);
    const view = new DataView(buffer);
    const text = (offset, s) => { for (let i = 0; i < s.length; i++) view.setUint8(offset + i, s.charCodeAt(i)); };
    text(0, "RIFF");
    view.setUint32(4, 36 + pcm.byteLength, true);
    text(8, "WAVE");
    text(12, "fmt ");
    view.setUint32(16, 16, true);
    view.setUint16(20, 1, true); // PCM
    view.setUint16(22, 1, true); // mono
    view.setUint32(24, rate, true);
    view.setUint32(28, rate * 2, true);
    view.setUint16(32, 2, true);
    view.setUint16(34, 16, true);
    text(36, "data");
    view.setUint32(40, pcm.byteLength, true);
    new Int16Array(buffer, 44).set(pcm);
    return new Blob([buffer], { type: "audio/wav" });
  }

  class Recorder {
    constructor(workletUrl) {
      this.workletUrl = workletUrl;
      this.blocks = [];
    }

    // onBlock(samples16k, level) is called as audio arrives.
    async start(onBlock) {
      if (!window.isSecureContext || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
        throw new RecorderError("insecure", "The microphone only works on a secure (https) address.");
      }
      try {
        this.stream = await navigator.mediaDevices.getUserMedia({
          audio: { channelCount: 1, echoCancellation: false, noiseSuppression: false, autoGainControl: true },
        });
        this.context = new AudioContext();
        await this.context.audioWorklet.addModule(this.workletUrl);
      } catch (error) {
        this.close();
        throw explain(error);
      }
      const source = this.context.createMediaStreamSource(this.stream);
      this.node = new AudioWorkletNode(this.context, "pcm-capture");
      this.node.port.onmessage = (event) => {
        if (event.data === "flushed") {
          if (this.onFlushed) this.onFlushed();
          return;
        }
        const block = resample(event.data, this.context.sampleRate, TARGET_RATE);
        this.blocks.push(block);
        let sum = 0;
        for (let i = 0; i < block.length; i++) sum += block[i] * block[i];
        if (onBlock) onBlock(block, Math.sqrt(sum / Math.max(1, block.length)));
      };
      // A muted path to the output keeps the graph pulling audio through.
      const mute = this.context.createGain();
      mute.gain.value = 0;
      source.connect(this.node).connect(mute).connect(this.context.destination);
    }

    samples() {
      const length = this.blocks.reduce((n, b) => n + b.length, 0);
      const all = new Float32Array(length);
      let offset = 0;
      for (const block of this.blocks) { all.set(block, offset); offset += block.length; }
      return all;
    }

    async stop() {
      // Take the worklet's last, part-filled block before closing.
      await new Promise((resolve) => {
        this.onFlushed = resolve;
        this.node.port.postMessage("flush");
        setTimeout(resolve, 500);
      });
      const wav = encodeWav(this.samples(), TARGET_RATE);
      this.close();
      return wav;
    }

    close() {
      if (this.stream) this.stream.getTracks().forEach((track) => track.stop());
      if (this.context && this.context.state !== "closed") this.context.close();
      this.stream = this.context = this.node = null;
    }
  }

  window.VoiceRecorder = { Recorder, RecorderError, encodeWav, resample, toPcm16, TARGET_RATE };
})();
