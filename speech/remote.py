"""Recognition in speech workers, for set-ups with Redis (SPEECH_USE_WORKERS).

Dictation: the web process sends the recording and which field it is for,
and awaits the worker's answer on a channel of its own, so that it never
loads a model itself; the worker makes the same Dictation the web process
would have. A live session's job: sent with its audio and the socket's
channel, where the worker's answer comes as "live.result".

    web:    views -> remote.dictate -> channel layer -> (reply channel)
    worker: workers.RecognitionWorker.dictate_job -> remote.answer
    web:    live.Session -> remote.send_live_job -> channel layer
    worker: workers.RecognitionWorker.recognise_job -> the socket's channel
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging

import numpy as np
from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from . import audio, engines, recognition, voice
from .dictation import Dictation, Hints
from .dictation.pipeline import dictate_here
from .engines import Engine, EngineError

logger = logging.getLogger(__name__)
NO_SPEECH = "no-speech"


async def dictate(
    samples: np.ndarray, engine: Engine, language: str, field: str, form: str, hints: Hints
) -> Dictation:
    """pipeline.dictate, in a speech worker. Raises what it raises, and
    EngineError when no worker answers within DICTATION_WORKER_SECONDS.
    The recognition slots bound the dictations this process awaits."""
    with recognition.a_slot():
        layer = get_channel_layer()
        reply_to = await layer.new_channel()
        job = {
            "type": "dictate.job",
            "pcm": audio.to_pcm16(samples),
            "engine": engine.name,
            "language": language,
            "field": field,
            "form": form,
            "hint_name": hints.name,
            "hint_region": hints.region,
            "reply_to": reply_to,
        }
        await layer.send(settings.SPEECH_WORKER_CHANNEL, job)
        try:
            reply = await asyncio.wait_for(
                layer.receive(reply_to), settings.DICTATION_WORKER_SECONDS
            )
        except TimeoutError:
            raise EngineError("No speech worker answered in time: try again.") from None
    if reply.get("error") == NO_SPEECH:
        raise recognition.NoSpeech
    if reply.get("error"):
        raise EngineError(reply["error"])
    return Dictation(**reply["dictation"])


def send_live_job(
    session: str, reply_to: str, kind: str, index: int, engine: Engine, language: str,
    samples: np.ndarray, expires: float | None,
) -> None:  # fmt: skip
    """One of a live session's jobs, for the first worker free; one that a
    worker reaches after `expires` (a time.time()) is answered None."""
    job = {
        "type": "recognise.job",
        "kind": kind,
        "index": index,
        "session": session,
        "engine": engine.name,
        "language": language,
        "pcm": audio.to_pcm16(samples),
        "reply_to": reply_to,
        "expires": expires,
    }
    async_to_sync(get_channel_layer().send)(settings.SPEECH_WORKER_CHANNEL, job)


def answer(job: dict) -> dict:
    """A worker's answer to a dictation job: the Dictation as a dict, or the
    error the web process raises again."""
    engine = engines.ENGINES.get(job.get("engine", ""))
    if engine is None:
        return {"error": "This speech engine is not available."}
    try:
        kind = voice.voice_field(job["field"], job["form"]).kind
        hints = Hints(name=job["hint_name"], region=job["hint_region"])
        samples = audio.from_pcm16(job["pcm"])
        dictation = dictate_here(samples, engine, job["language"], kind, hints)
    except voice.UnknownForm:
        return {"error": "That form takes no dictation."}
    except recognition.NoSpeech:
        return {"error": NO_SPEECH}
    except EngineError as error:
        return {"error": str(error)}
    except Exception:
        # A fault of ours: the request is answered all the same, and the
        # worker lives on for the next job.
        logger.exception("dictation job failed")
        return {"error": "The speech engine failed on this recording."}
    return {"dictation": dataclasses.asdict(dictation)}
