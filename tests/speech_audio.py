"""Real speech for the tests: eSpeak NG (from PyPI's espeakng-loader) speaking
offline, and the read recording shipped inside moonshine-cpp."""

from __future__ import annotations

import io
import subprocess
import sys
from functools import cache
from pathlib import Path

import numpy as np
import soundfile

from speech import audio

ROOT = Path(__file__).resolve().parent.parent

# Of eSpeak's English voices, the default British one is read best by the
# default engine (measured in benchmarks/dictation.py).
VOICE = "en"
RATE_WPM = 150

BECKETT_TEXT = "Ever tried. Ever failed. No matter. Try again. Fail again. Fail better."


def beckett_path() -> Path:
    import moonshine_cpp

    return Path(moonshine_cpp.__file__).parent / "test-data" / "beckett.wav"


@cache
def spoken(text: str, voice: str = VOICE, rate: int = RATE_WPM) -> np.ndarray:
    """float32 mono 16 kHz speech of text, with half a second of silence around it.

    Each utterance is made in a process of its own: eSpeak carries state from
    one utterance into the next, and the same words must make the same audio
    whichever tests ran before."""
    wav = subprocess.run(
        [sys.executable, "-m", "speech.tts", text, voice, str(rate)],
        cwd=ROOT,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    samples, sample_rate = soundfile.read(io.BytesIO(wav), dtype="float32")
    speech = audio.to_rate(samples, sample_rate)
    pad = np.zeros(audio.RATE // 2, dtype=np.float32)
    return np.concatenate([pad, speech, pad])


def wav_bytes(
    samples: np.ndarray, rate: int = audio.RATE, subtype: str = "PCM_16", channels: int = 1
) -> bytes:
    if rate != audio.RATE:
        import soxr

        samples = soxr.resample(samples, audio.RATE, rate)
    data = np.repeat(samples[:, None], channels, axis=1) if channels > 1 else samples
    buffer = io.BytesIO()
    soundfile.write(buffer, data, rate, format="WAV", subtype=subtype)
    return buffer.getvalue()


def encoded(samples: np.ndarray, container: str, subtype: str = "PCM_16") -> bytes:
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, audio.RATE, format=container, subtype=subtype)
    return buffer.getvalue()


def spoken_wav(text: str, **kwargs) -> bytes:
    return wav_bytes(spoken(text, **kwargs))
