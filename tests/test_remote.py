"""A speech worker's side of a dictation (speech/remote.py), with the real
engine on real speech; the trip through Redis is in test_scale."""

import numpy as np

from harness.voices import spoken
from speech import audio, remote


def job(said: str | None, **overrides) -> dict:
    samples = spoken(said) if said else np.zeros(audio.RATE, dtype=np.float32)
    message = {
        "pcm": audio.to_pcm16(samples),
        "engine": "moonshine",
        "language": "en",
        "field": "phone",
        "form": "",
        "hint_name": "",
        "hint_region": "",
        "reply_to": "test",
    }
    return message | overrides


def test_a_worker_answers_a_dictation_as_the_web_process_would():
    answer = remote.answer(job("five five five one two three four"))
    assert answer["dictation"]["value"] == "5551234"
    assert answer["dictation"]["engine"] == "moonshine"


def test_a_worker_uses_the_hints_it_is_sent():
    said = "olivia dot martin at gmail dot com"
    plain = remote.answer(job(said, field="email"))["dictation"]
    hinted = remote.answer(job(said, field="email", hint_name="Olivia Martin"))["dictation"]
    assert plain["value"] == "olivia.marty@gmail.com"
    assert hinted["value"] == "olivia.martin@gmail.com"


def test_a_worker_answers_errors_the_web_process_raises_again():
    assert remote.answer(job(None)) == {"error": remote.NO_SPEECH}
    assert "not available" in remote.answer(job("hello", engine="nothing"))["error"]
    assert "no dictation" in remote.answer(job("hello", form="no.such.Form"))["error"]
