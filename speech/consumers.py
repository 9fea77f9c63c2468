"""The /ws/ socket: turbo-django's TurboStreamsConsumer, plus what it lacks.

turbo-django raises on a bad signature (the socket dies) and admits any
signed stream. This subclass answers bad input with an error message on the
socket, checks each stream's user_passes_test, and carries the live
transcription protocol (docs/protocol.md): a JSON start, binary PCM frames,
a JSON stop. What a live session does lives in speech.live; this class
only reads the socket and writes to it."""

from __future__ import annotations

import asyncio
import json
import logging

from asgiref.sync import async_to_sync
from channels.exceptions import StopConsumer
from django.core.signing import BadSignature
from turbo.consumers import TurboStreamsConsumer, signer
from turbo.registry import stream_for_stream_name

from . import engines, live

logger = logging.getLogger(__name__)

# Every message the protocol has is a short JSON object; longer is not one.
MAX_TEXT_CHARS = 4096


class StreamsConsumer(TurboStreamsConsumer):
    session: live.Session | None = None

    async def __call__(self, scope, receive, send) -> None:
        # The socket's own event loop, for sends from recognition threads.
        self.loop = asyncio.get_running_loop()
        self._send_now = send
        return await super().__call__(scope, receive, send)

    async def dispatch(self, message: dict) -> None:
        """What every socket gets, handled on the event loop: a sync
        consumer takes each message in turn on the process's one thread for
        sync code, shared with every sync view, so that a post to a room of
        1,000 sockets waited for 1,000 turns. The live protocol, which
        touches the database, stays on that thread."""
        kind = message["type"]
        if kind == "websocket.connect":
            await self._send_now({"type": "websocket.accept"})
        elif kind == "notify":
            data = {"signed_channel_name": message["signed_channel_name"]}
            data["data"] = message.get("rendered_template")
            await self._send_now({"type": "websocket.send", "text": json.dumps(data)})
        elif kind == "websocket.disconnect" and self.session is None:
            for group in self.groups:
                await self.channel_layer.group_discard(group, self.channel_name)
            raise StopConsumer
        else:
            await super().dispatch(message)

    def disconnect(self, code: int) -> None:
        self._stop()

    def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs
    ) -> None:
        """Any message that cannot be handled gets an error, and the socket
        stays open: a fault here would otherwise close it (1011) and leave
        its live session running."""
        try:
            if bytes_data is not None:
                return self._audio(bytes_data)
            if len(text_data or "") > MAX_TEXT_CHARS:
                return self._error("That message is too long.")
            try:
                content = json.loads(text_data or "")
            except (ValueError, RecursionError):
                return self._error("Messages must be JSON or binary audio.")
            if not isinstance(content, dict):
                return self._error("Messages must be JSON objects.")
            self.receive_json(content)
        except Exception:
            logger.exception("A socket message failed")
            self._error("That message could not be handled.")

    def receive_json(self, content: dict, **kwargs) -> None:
        kind = content.get("type")
        if kind in ("subscribe", "unsubscribe"):
            self._subscription(kind, content)
        elif kind == "start":
            self._start(content)
        elif kind == "stop":
            if self.session is None:
                return self._error("No live session is running.")
            self._stop()
        else:
            self._error(f"Unknown message type {kind!r}.")

    def _subscription(self, kind: str, content: dict) -> None:
        try:
            name, args, kwargs = signer.unsign_object(content["signed_channel_name"])
            stream_class = stream_for_stream_name(name)
            stream = stream_class(*args, **kwargs) if stream_class else None
        except (BadSignature, KeyError, TypeError, ValueError):
            stream = None
        if stream is None:
            return self._error("That subscription is not valid.")
        if not stream.user_passes_test(self.scope.get("user")):
            return self._error("You may not subscribe to that stream.")
        group = stream.broadcastable_stream_name
        # Kept in self.groups, so that the socket leaves them when it closes.
        if kind == "subscribe":
            async_to_sync(self.channel_layer.group_add)(group, self.channel_name)
            self.groups = [*dict.fromkeys([*self.groups, group])]
        else:
            async_to_sync(self.channel_layer.group_discard)(group, self.channel_name)
            self.groups = [g for g in self.groups if g != group]

    def _start(self, content: dict) -> None:
        user = self.scope.get("user")
        if not (user and user.is_authenticated):
            return self._error("Log in to transcribe.")
        if self.session is not None:
            return self._error("A live session is already running on this socket.")
        try:
            engine, language = engines.pick(content.get("provider"), content.get("language"))
            self.session = live.Session.start(user, engine, language, self.loop, self.channel_name)
        except (engines.UnusableChoice, live.LiveError) as error:
            return self._error(str(error))
        self.send_json({"type": "started", "transcript": self.session.transcript.pk})

    def _audio(self, data: bytes) -> None:
        if self.session is None:
            return self._error("Send a start message before audio.")
        try:
            self.session.feed(data)
        except live.LiveError as error:
            self._error(str(error))
        if self.session.stopping:
            self.session = None

    def _stop(self) -> None:
        session, self.session = self.session, None
        if session is not None:
            session.stop()

    def live_result(self, event: dict) -> None:
        """A speech worker's answer to one of this socket's jobs."""
        live.answer(event["session"], event["kind"], event["index"], event["text"])

    def live_stopped(self, event: dict) -> None:
        self.send_json({"type": "stopped", **{k: v for k, v in event.items() if k != "type"}})

    def live_missed(self, event: dict) -> None:
        """A sentence whose recognition never came back (a worker died): the
        session goes on."""
        self.send_json({"type": "missed", "message": event["message"]})

    def _error(self, message: str) -> None:
        self.send_json({"type": "error", "message": message})
