"""Recognition in Channels worker processes, for set-ups with Redis:

    manage.py runworker speech-recognition

Any machine that reaches the Redis server can run workers; web processes
then never recognise live audio themselves. A job carries its audio and the
channel of the socket that wants the answer, which reaches it on whichever
daphne process holds that socket."""

from __future__ import annotations

import logging
import time

from asgiref.sync import async_to_sync
from channels.consumer import SyncConsumer

from . import audio, engines, live

logger = logging.getLogger(__name__)


class RecognitionWorker(SyncConsumer):
    def recognise_job(self, message: dict) -> None:
        engine = engines.ENGINES.get(message.get("engine", ""))
        text = ""
        if engine is not None:
            started = time.perf_counter()
            samples = audio.from_pcm16(message["pcm"])
            text = live.recognise_job(message["kind"], engine, message["language"], samples)
            logger.info(
                "recognised %s audio=%.2fs elapsed=%.2fs",
                message["kind"],
                audio.seconds(samples),
                time.perf_counter() - started,
            )
        else:
            logger.warning("recognition job for unknown engine %r", message.get("engine"))
        reply = {
            "type": "live.result",
            "session": message["session"],
            "kind": message["kind"],
            "index": message["index"],
            "text": text,
        }
        async_to_sync(self.channel_layer.send)(message["reply_to"], reply)
