"""A speech worker's side of a live session's jobs, with the real engine on
real speech and the in-memory channel layer (the trip through Redis and two
daphne processes is in test_scale)."""

import time

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

from harness.voices import PIPER, spoken
from speech import audio
from speech.workers import RecognitionWorker


def answer_to(job: dict) -> dict:
    layer = get_channel_layer()
    reply_to = async_to_sync(layer.new_channel)()
    worker = RecognitionWorker()
    worker.channel_layer = layer
    message = {
        "type": "recognise.job",
        "index": 0,
        "session": "a-session",
        "engine": "moonshine",
        "language": "en",
        "pcm": audio.to_pcm16(spoken("Please call me tomorrow morning.", voice=PIPER)),
        "reply_to": reply_to,
        "expires": None,
    }
    worker.recognise_job(message | job)
    return async_to_sync(layer.receive)(reply_to)


def letters(text: str) -> str:
    return "".join(c for c in text.lower() if c.isalpha())


def test_a_worker_recognises_a_final_and_a_partial_in_time():
    final = answer_to({"kind": "final"})
    assert final["type"] == "live.result"
    assert letters(final["text"]) == "pleasecallmetomorrowmorning"
    partial = answer_to({"kind": "partial", "expires": time.time() + 5})
    assert letters(partial["text"]) == "pleasecallmetomorrowmorning"


def test_a_worker_skips_a_partial_that_waited_past_its_time():
    reply = answer_to({"kind": "partial", "expires": time.time() - 0.1})
    assert reply["text"] is None
    assert (reply["session"], reply["kind"], reply["index"]) == ("a-session", "partial", 0)
