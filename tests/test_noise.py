"""Speech in noise: the suppression stage, and values heard through it.

Noise is harness/noise.py's (white, pink, babble), put under real speech
at a chosen signal-to-noise ratio; everything goes through the real view
and the real default engine."""

import numpy as np
import pytest
from django.test import override_settings

from harness import noise
from harness.voices import PIPER, spoken, wav_bytes
from speech import audio, denoise

from .test_speech_view import post, words


def test_a_stream_fed_in_pieces_is_cleaned_as_the_whole_recording_is():
    samples = noise.under(spoken("Please call me tomorrow morning."), 5, "babble")
    whole = denoise.suppress(samples)
    suppressor = denoise.Suppressor(gated=False)
    pieces = [suppressor.feed(piece) for piece in np.array_split(samples, 37)]
    streamed = np.concatenate([*pieces, suppressor.flush()])
    assert len(whole) == len(streamed) == len(samples)
    assert np.array_equal(whole, streamed)


def test_suppression_takes_noise_out_and_leaves_speech_in():
    speech = spoken("Please call me tomorrow morning.")
    hiss = noise.alone(len(speech), "white") * 0.02
    cleaned = denoise.suppress(speech + hiss)
    quiet = ~np.repeat(audio.speech_frames(speech), audio.FRAME)
    quiet = np.concatenate([quiet, np.ones(len(speech) - len(quiet), dtype=bool)])
    assert np.std(cleaned[quiet]) < np.std(hiss[quiet]) / 4  # 12 dB down between words
    assert np.std(cleaned[~quiet]) > np.std(speech[~quiet]) / 2  # speech within 6 dB


def test_clean_speech_passes_the_stage_as_it_came():
    speech = spoken("Please call me tomorrow morning.")
    assert denoise.suppress(speech) is speech
    suppressor = denoise.Suppressor()
    pieces = [suppressor.feed(piece) for piece in np.array_split(speech, 20)]
    # Once a stream's floor is known to be clean, its samples pass unchanged.
    out, tail = np.concatenate(pieces), len(speech) // 2
    assert np.array_equal(out[-tail:], speech[: len(out)][-tail:])


@override_settings(SPEECH_NOISE_SUPPRESSION=False)
def test_the_setting_turns_suppression_off():
    samples = noise.under(spoken("hello there"), 10, "white")
    assert denoise.suppress(samples) is samples


# Not babble: a crowd talking, with nobody nearer the microphone, is speech
# to the stage and to the detectors measured (docs/performance.md).
@pytest.mark.parametrize("kind", ["white", "pink"])
def test_steady_noise_alone_is_never_heard_as_speech(client, kind):
    # As loud as it would be 5 dB under a sentence.
    alone = noise.alone_as_under(spoken("Please call me tomorrow morning."), 3.0, 5, kind)
    response = post(client, wav_bytes(alone))
    assert response.status_code == 422, response.content
    assert "No speech heard" in response.json()["error"]


# Piper's voice with white noise 5 dB under it: without suppression the
# view hears no speech in any of these.
@pytest.mark.parametrize(
    ("field", "said", "value", "hints"),
    [
        (
            "email",
            "lucas dot rossi at outlook dot com",
            "lucas.rossi@outlook.com",
            {"hint_name": "Lucas Rossi"},
        ),  # the name in the form: without it "rossie"
        ("fullname", "Benjamin Carter", "Benjamin Carter", {}),
        ("phone", "seven one eight five five five zero one four two", "7185550142", {}),
        ("country", "New Zealand", "NZ", {}),
        ("sex", "female", "female", {}),
    ],
)
def test_values_said_5_db_over_white_noise_fill_their_fields(client, field, said, value, hints):
    samples = noise.under(spoken(said, voice=PIPER), 5, "white")
    body = post(client, wav_bytes(samples), field=field, **hints).json()
    assert body.get("value") == value, body


def test_a_passage_read_5_db_over_white_noise_is_transcribed(client):
    said = "Please call me tomorrow morning about the meeting. I will bring the documents with me."
    samples = noise.under(spoken(said, voice=PIPER), 5, "white")
    body = post(client, wav_bytes(samples)).json()
    # Heard "...I will bring the documents to you": the rest word for word.
    heard = " ".join(words(body.get("text", "")))
    assert heard.startswith(
        "please call me tomorrow morning about the meeting i will bring the documents"
    ), body
