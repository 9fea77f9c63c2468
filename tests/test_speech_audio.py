"""Decoding, voice-activity detection and cutting, on real speech."""

import numpy as np
import pytest

from harness.voices import beckett_path, encoded, spoken, wav_bytes
from speech import audio
from speech.recognition import collapse_repeats, is_looping

LIMITS = audio.Limits(max_seconds=60)


def test_a_16_khz_wav_decodes_to_the_same_samples():
    speech = spoken("hello there")
    decoded = audio.decode(wav_bytes(speech), LIMITS)
    assert len(decoded) == len(speech)
    assert np.abs(decoded - speech).max() < 1e-3


@pytest.mark.parametrize(
    ("rate", "subtype", "channels"),
    [
        (8000, "PCM_U8", 1),
        (16000, "PCM_24", 1),
        (22050, "PCM_32", 1),
        (44100, "FLOAT", 2),
        (48000, "PCM_16", 2),
    ],
)
def test_any_common_wav_is_resampled_to_16_khz_mono(rate, subtype, channels):
    speech = spoken("hello there")
    decoded = audio.decode(wav_bytes(speech, rate, subtype, channels), LIMITS)
    assert abs(len(decoded) - len(speech)) <= 16000 // rate + 2
    assert decoded.dtype == np.float32
    assert audio.has_speech(decoded)


@pytest.mark.parametrize("container", ["FLAC", "AIFF"])
def test_flac_and_aiff_decode(container):
    speech = spoken("hello there")
    decoded = audio.decode(encoded(speech, container), LIMITS)
    assert np.abs(decoded - speech).max() < 1e-3


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"this is not audio at all, just some text" * 10, "not audio"),
        (b"RIFF\x24\x00\x00\x00WAVEfmt ", "not audio"),
    ],
)
def test_bad_bytes_get_a_clear_error(data, message):
    with pytest.raises(audio.AudioError, match=message):
        audio.decode(data, LIMITS)


def test_audio_longer_than_the_limit_is_refused_by_its_header():
    with pytest.raises(audio.AudioError, match="longer than 2 seconds"):
        audio.decode(wav_bytes(np.zeros(audio.RATE * 3, dtype=np.float32)), audio.Limits(2))


def test_a_wav_without_samples_is_refused():
    with pytest.raises(audio.AudioError, match="no audio"):
        audio.decode(wav_bytes(np.zeros(0, dtype=np.float32)), LIMITS)


def test_base64_with_or_without_a_data_prefix_decodes():
    assert audio.decode_base64("aGVsbG8=") == b"hello"
    assert audio.decode_base64("data:audio/wav;base64,aGVsbG8=") == b"hello"
    with pytest.raises(audio.AudioError, match="base64"):
        audio.decode_base64("not base64 at all!")


def test_silence_and_steady_noise_hold_no_speech():
    rng = np.random.default_rng(1)
    assert not audio.has_speech(np.zeros(audio.RATE * 2, dtype=np.float32))
    noise = (rng.standard_normal(audio.RATE * 2) * 0.05).astype(np.float32)
    assert not audio.has_speech(noise)
    assert audio.has_speech(spoken("hello there"))


def test_long_audio_is_cut_at_pauses_into_pieces_the_engine_handles():
    import soundfile

    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    long = np.concatenate([speech, speech, speech])  # about 30 s
    pieces = audio.cut_at_pauses(long, max_seconds=8, min_seconds=3)
    assert sum(len(p) for p in pieces) == len(long)
    assert all(audio.seconds(p) <= 8 for p in pieces)
    levels = [audio.frame_levels(p[-audio.FRAME * 3 :]).mean() for p in pieces[:-1]]
    assert max(levels) < audio.frame_levels(long).mean()  # every cut falls in a quiet spot


def test_a_phrase_said_over_and_over_is_a_loop_and_collapses():
    looping = "Ah, that's a good story. " * 12
    assert is_looping(looping)
    assert collapse_repeats(looping) == "Ah that's a good story"
    assert not is_looping("five five five one two three four")
    assert not is_looping("Ever tried. Ever failed. No matter. Try again. Fail again.")
