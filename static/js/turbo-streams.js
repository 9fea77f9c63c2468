// The /ws/ socket, shared by Turbo Stream subscriptions and live audio.
// Adapted from turbo-django's turbo-django.js (MIT), which keeps its socket
// to itself: here the page's other scripts can send on it too (binary audio)
// and hear the messages that are not Turbo Streams ({"type": ...}).
(function () {
  "use strict";

  const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws/";
  const listeners = new Set();
  let socket = null;
  let retry = 500;

  function connect() {
    socket = new WebSocket(url);
    socket.binaryType = "arraybuffer";
    socket.addEventListener("open", () => {
      retry = 500;
      document.querySelectorAll("turbo-channels-stream-source").forEach((source) => source.subscribe());
      listeners.forEach((listener) => listener({ type: "connected" }));
    });
    socket.addEventListener("message", (event) => {
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      if (message.signed_channel_name) {
        document.querySelectorAll("turbo-channels-stream-source").forEach((source) => {
          if (source.channelName === message.signed_channel_name) {
            source.dispatchEvent(new MessageEvent("message", { data: message.data }));
          }
        });
      } else {
        listeners.forEach((listener) => listener(message));
      }
    });
    socket.addEventListener("close", () => {
      listeners.forEach((listener) => listener({ type: "disconnected" }));
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10000);
    });
  }

  class StreamSource extends HTMLElement {
    connectedCallback() {
      Turbo.connectStreamSource(this);
      if (socket && socket.readyState === WebSocket.OPEN) this.subscribe();
    }
    disconnectedCallback() {
      Turbo.disconnectStreamSource(this);
      send({ type: "unsubscribe", signed_channel_name: this.channelName });
    }
    get channelName() { return this.getAttribute("signed-channel-name"); }
    subscribe() {
      send({ type: "subscribe", signed_channel_name: this.channelName });
    }
  }

  function send(data) {
    if (!socket || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(data instanceof ArrayBuffer || ArrayBuffer.isView(data) ? data : JSON.stringify(data));
    return true;
  }

  window.TurboSocket = {
    send,
    listen: (listener) => listeners.add(listener),
    get open() { return Boolean(socket && socket.readyState === WebSocket.OPEN); },
  };
  customElements.define("turbo-channels-stream-source", StreamSource);
  connect();
})();
