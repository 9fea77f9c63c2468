"""The /ws/ socket: turbo-django's TurboStreamsConsumer, plus what it lacks.

turbo-django raises on a bad signature (the socket dies) and admits any
signed stream. This subclass answers bad input with an error message on the
socket, checks each stream's user_passes_test, and carries the live
transcription protocol (docs/protocol.md): a JSON start, binary PCM frames,
a JSON stop."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import uuid

from asgiref.sync import async_to_sync
from django.conf import settings
from django.core.cache import cache
from django.core.signing import BadSignature
from turbo.consumers import TurboStreamsConsumer, signer
from turbo.registry import stream_for_stream_name

from . import audio, engines, live
from .models import Transcript
from .streams import LiveStream

logger = logging.getLogger(__name__)


class StreamsConsumer(TurboStreamsConsumer):
    session: live.Session | None = None
    session_id: str = ""
    transcript: Transcript | None = None
    _slot_key: str | None = None

    async def __call__(self, scope, receive, send):
        # The socket's own event loop, for sends from recognition threads.
        self.loop = asyncio.get_running_loop()
        return await super().__call__(scope, receive, send)

    def connect(self) -> None:
        # Sessions still waiting for their last finals from workers, by id.
        self.finishing: dict[str, live.Session] = {}
        self.accept()

    def disconnect(self, code) -> None:
        self._stop()

    # --- incoming ---

    def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        if bytes_data is not None:
            return self._audio(bytes_data)
        try:
            content = json.loads(text_data or "")
        except ValueError:
            return self._error("Messages must be JSON or binary audio.")
        if not isinstance(content, dict):
            return self._error("Messages must be JSON objects.")
        self.receive_json(content)

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
        if kind == "subscribe":
            async_to_sync(self.channel_layer.group_add)(group, self.channel_name)
        else:
            async_to_sync(self.channel_layer.group_discard)(group, self.channel_name)

    # --- live transcription ---

    def _start(self, content: dict) -> None:
        user = self.scope.get("user")
        if not (user and user.is_authenticated):
            return self._error("Log in to transcribe.")
        if self.session is not None:
            return self._error("A live session is already running on this socket.")
        try:
            engine = engines.get(content.get("provider") or settings.SPEECH_DEFAULT_ENGINE)
        except (KeyError, TypeError):
            return self._error("Unknown speech engine.")
        language = content.get("language") or settings.SPEECH_DEFAULT_LANGUAGE
        if not isinstance(language, str) or not engine.supports(language):
            return self._error(f"{engine.label} does not understand that language.")
        if engine.needs_network and not settings.SPEECH_ALLOW_NETWORK:
            return self._error(f"{engine.label} needs the internet, and this site works offline.")
        if not self._claim_session_slot(user):
            return self._error("Too many live sessions are open: stop one first.")
        stream = LiveStream(user.pk, self.loop)
        self.transcript = Transcript.objects.create(
            user=user, provider=engine.name, language=language
        )
        transcript = self.transcript

        def on_final(final: live.Final) -> None:
            segment = transcript.add_segment(final.index, final.text, final.start, final.end)
            stream.append_segment(segment)

        self.session_id = uuid.uuid4().hex
        dispatch = self._dispatcher(engine, language) if settings.LIVE_USE_WORKERS else None
        self.session = live.Session(engine, language, stream.show_partial, on_final, dispatch)
        self.send_json({"type": "started", "transcript": transcript.pk})

    def _dispatcher(self, engine, language):
        session_id = self.session_id

        def dispatch(kind: str, index: int, samples) -> None:
            job = {
                "type": "recognise.job",
                "kind": kind,
                "index": index,
                "session": session_id,
                "engine": engine.name,
                "language": language,
                "pcm": audio.to_pcm16(samples),
                "reply_to": self.channel_name,
            }
            async_to_sync(self.channel_layer.send)(settings.SPEECH_WORKER_CHANNEL, job)

        return dispatch

    def live_result(self, event: dict) -> None:
        """A worker's answer to one of this socket's jobs."""
        session = self.finishing.get(event["session"])
        if session is None and event["session"] == self.session_id:
            session = self.session
        if session is None:
            return
        if event["kind"] == "partial":
            session.partial_result(event["index"], event["text"])
        elif event["kind"] == "guess":
            session.guess_result(event["index"], event["text"])
        else:
            session.final_result(event["index"], event["text"])

    def _audio(self, data: bytes) -> None:
        if self.session is None:
            return self._error("Send a start message before audio.")
        if len(data) > settings.LIVE_MAX_FRAME_BYTES:
            return self._error(
                f"Audio frames must be at most {settings.LIVE_MAX_FRAME_BYTES} bytes."
            )
        if self.session.seconds >= settings.LIVE_MAX_SECONDS:
            self._stop()
            return self._error(f"Live sessions stop after {settings.LIVE_MAX_SECONDS} seconds.")
        self.session.feed(data)

    def _stop(self) -> None:
        session, transcript, session_id = self.session, self.transcript, self.session_id
        self.session = self.transcript = None
        if session is None:
            return
        self.finishing[session_id] = session
        slot_key, self._slot_key = self._slot_key, None
        channel_layer, channel_name, loop = self.channel_layer, self.channel_name, self.loop

        transcript_pk = transcript.pk

        def done() -> None:
            # Runs in the recognition pool once the last final is saved.
            if transcript.segments.exists():
                transcript.finish()
            else:
                transcript.delete()
            _release_session_slot(slot_key)
            message = {"type": "live.stopped", "transcript": transcript_pk, "session": session_id}
            send = channel_layer.send(channel_name, message)
            asyncio.run_coroutine_threadsafe(send, loop).result(timeout=30)

        session.finish(done)

    def live_stopped(self, event: dict) -> None:
        self.finishing.pop(event["session"], None)
        self.send_json({"type": "stopped", "transcript": event["transcript"]})

    def _claim_session_slot(self, user) -> bool:
        key = f"live-sessions:{user.pk}"
        cache.add(key, 0, timeout=settings.LIVE_MAX_SECONDS + 60)
        if cache.incr(key) > settings.LIVE_SESSIONS_PER_USER:
            cache.decr(key)
            return False
        self._slot_key = key
        return True

    def _error(self, message: str) -> None:
        self.send_json({"type": "error", "message": message})


def _release_session_slot(key: str | None) -> None:
    if key:
        with contextlib.suppress(ValueError):  # expired meanwhile
            cache.decr(key)
