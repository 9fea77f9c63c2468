"""Real speech for the tests and the benchmarks: eSpeak NG (from PyPI's
espeakng-loader), Piper's neural "joe" voice (harness/piper.py), Debian's
Flite and Festival voices, and the read recording shipped inside
moonshine-cpp (noise to put under them: harness/noise.py).

A voice is named as the benchmark's --voice takes it: an eSpeak NG voice
("en"), "piper:joe", "flite:slt" or "festival:cmu_us_slt_arctic_hts"."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

import numpy as np
import soundfile

from speech import audio
from speech.dictation.words import fold_accents

ROOT = Path(__file__).resolve().parent.parent

# Of eSpeak's English voices, the default British one is read best by the
# default engine (measured in benchmarks/dictation.py).
VOICE = "en"
PIPER = "piper:joe"
VOICES = (VOICE, "festival:cmu_us_slt_arctic_hts", "flite:slt", PIPER)
RATE_WPM = 150
PAD_SECONDS = 0.5

BECKETT_TEXT = "Ever tried. Ever failed. No matter. Try again. Fail again. Fail better."


def beckett_path() -> Path:
    import moonshine_cpp

    return Path(moonshine_cpp.__file__).parent / "test-data" / "beckett.wav"


@cache
def spoken(text: str, voice: str = VOICE, rate: int = RATE_WPM) -> np.ndarray:
    """float32 mono 16 kHz speech of text in the named voice, with half a
    second of silence around it (`rate`, in words a minute, is eSpeak's).

    eSpeak and Piper speak in a process of their own: eSpeak carries state
    from one utterance into the next, and the same words must make the same
    audio whichever tests ran before."""
    synthesiser, _, name = voice.rpartition(":")
    if synthesiser in ("flite", "festival"):
        return _padded(*_debian(text, synthesiser, name))
    if synthesiser == "piper":
        command = [sys.executable, "-m", "harness.piper", text]
    else:
        command = [sys.executable, "-m", "speech.tts", text, voice, str(rate)]
    wav = subprocess.run(command, cwd=ROOT, capture_output=True, check=True, timeout=60).stdout
    return _padded(*soundfile.read(io.BytesIO(wav), dtype="float32"))


def _padded(samples: np.ndarray, rate: int) -> np.ndarray:
    pad = np.zeros(int(audio.RATE * PAD_SECONDS), dtype=np.float32)
    return np.concatenate([pad, audio.to_rate(samples, rate), pad])


def wav_bytes(
    samples: np.ndarray, rate: int = audio.RATE, subtype: str = "PCM_16", channels: int = 1
) -> bytes:
    """16 kHz samples as a WAV of any rate, width and channel count."""
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


def _debian(text: str, synthesiser: str, voice: str) -> tuple[np.ndarray, int]:
    """Debian's Flite or Festival (apt-get install flite festival
    festvox-us-slt-hts), whose voices are recorded people cut and joined or
    modelled, unlike eSpeak's formant synthesis. Both read ASCII only and
    spell out a word with another letter ("Côte" as "C. T. E.", "Türkiye"
    as "D. R. K. I."), which no one does: they get it as an English speaker
    reads it, accents dropped ("Cote", "Turkiye")."""
    text = fold_accents(text)
    with tempfile.NamedTemporaryFile(suffix=".wav") as out:
        if synthesiser == "flite":
            command = ["flite", "-voice", voice, "-t", text, "-o", out.name]
        else:
            command = ["text2wave", "-eval", f"(voice_{voice})", "-o", out.name]
        subprocess.run(command, input=text.encode(), check=True, capture_output=True)
        return soundfile.read(out.name, dtype="float32")
