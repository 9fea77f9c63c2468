"""A speech worker's side of a live session's jobs, with the real engine on
real speech and the in-memory channel layer (the trip through Redis and two
daphne processes is in test_scale)."""

import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.conf import settings

from harness.voices import PIPER, spoken
from speech import engines, remote
from speech.workers import RecognitionWorker


def answer_to(kind: str, expires: float | None = None) -> dict:
    """A job sent as a live session sends it, taken and answered by a worker."""
    layer = get_channel_layer()
    reply_to = async_to_sync(layer.new_channel)()
    samples = spoken("Please call me tomorrow morning.", voice=PIPER)
    moonshine = engines.ENGINES["moonshine"]
    remote.send_live_job("a-session", reply_to, kind, 0, moonshine, "en", samples, expires)
    worker = RecognitionWorker()
    worker.channel_layer = layer
    worker.recognise_job(async_to_sync(layer.receive)(settings.SPEECH_WORKER_CHANNEL))
    return async_to_sync(layer.receive)(reply_to)


def letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def test_a_worker_recognises_a_final_a_partial_and_a_paragraph_in_time():
    final = answer_to("final")
    assert final["type"] == "live.result"
    assert letters(final["text"]) == "pleasecallmetomorrowmorning"
    partial = answer_to("partial", expires=time.time() + 5)
    assert letters(partial["text"]) == "pleasecallmetomorrowmorning"
    paragraph = answer_to("paragraph", expires=time.time() + 5)
    assert letters(paragraph["text"]) == "pleasecallmetomorrowmorning"


def test_a_worker_skips_a_partial_that_waited_past_its_time():
    reply = answer_to("partial", expires=time.time() - 0.1)
    assert reply["text"] is None
    assert (reply["session"], reply["kind"], reply["index"]) == ("a-session", "partial", 0)


def test_a_worker_behind_skips_a_paragraphs_reading_for_the_finals():
    reply = answer_to("paragraph", expires=time.time() - 0.1)
    assert reply["text"] is None
