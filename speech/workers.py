"""Recognition in Channels worker processes, for set-ups with Redis:

    manage.py speechworker

Any machine that reaches the Redis server can run workers; web processes
then never recognise speech themselves. A job carries its audio and the
channel that wants the answer: a live sentence's socket, which it reaches
on whichever daphne process holds that socket, or a dictation's request."""

from __future__ import annotations

import logging
import math
import time

from asgiref.sync import async_to_sync
from channels.consumer import SyncConsumer

from . import audio, engines, live, remote

logger = logging.getLogger(__name__)


class RecognitionWorker(SyncConsumer):
    def recognise_job(self, message: dict) -> None:
        engine = engines.ENGINES.get(message.get("engine", ""))
        text: str | None = ""
        if (message.get("expires") or math.inf) < time.time():
            # A partial or a paragraph's reading that waited in the queue
            # past its time (the worker is behind): skipped, so that finals
            # catch up.
            text = None
        elif engine is not None:
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

    def dictate_job(self, message: dict) -> None:
        started = time.perf_counter()
        reply = remote.answer(message)
        logger.info(
            "dictated field=%s audio=%.2fs elapsed=%.2fs",
            message.get("field") or "-",
            len(message.get("pcm", b"")) / 2 / audio.RATE,
            time.perf_counter() - started,
        )
        async_to_sync(self.channel_layer.send)(message["reply_to"], reply)
