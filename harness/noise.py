"""Noise to put under speech, at a chosen signal-to-noise ratio.

Three kinds, each the same for the same recording (seeded by its length),
so runs repeat:
- white: a fan, a laptop's hiss beside the microphone;
- pink: power falling 3 dB an octave, nearer a room's rumble, traffic, rain;
- babble: several other people talking at once (eSpeak voices reading
  Harvard sentences), a café or an open-plan office, the hardest: it is
  speech itself.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, partial

import numpy as np

from speech import audio

KINDS = ("white", "pink", "babble")
BABBLE_TALKERS = [  # (voice, what they say)
    ("en-us", "The birch canoe slid on the smooth planks. Glue the sheet to the dark blue "
              "background. It's easy to tell the depth of a well."),
    ("en+f3", "Rice is often served in round bowls. The juice of lemons makes fine punch. "
              "The box was thrown beside the parked truck."),
    ("en-gb-x-rp", "Four hours of steady work faced us. A large size in stockings is hard "
                   "to sell. The boy was there when the sun rose."),
    ("en-us+m3", "The source of the huge river is the clear spring. Kick the ball straight "
                 "and follow through. Help the woman get back to her feet."),
    ("en+f2", "Smoky fires lack flame and heat. The soft cushion broke the man's fall. "
              "The salt breeze came across from the sea."),
]  # fmt: skip


def under(samples: np.ndarray, snr_db: float, kind: str = "white") -> np.ndarray:
    """`kind` noise under the whole recording, snr_db below the speech's power
    (taken over its voiced frames)."""
    return (samples + _scaled(alone(len(samples), kind), samples, snr_db)).astype(np.float32)


def named(name: str) -> Callable[[np.ndarray], np.ndarray] | None:
    """What a benchmark's noise names: "babble:10" -> put babble 10 dB under
    a recording ("10" alone is white); "clean" or "" -> None."""
    if name in ("", "clean"):
        return None
    kind, _, db = name.rpartition(":")
    if (kind or "white") not in KINDS:
        raise ValueError(f"no noise called {kind!r}: one of {', '.join(KINDS)}")
    return partial(under, snr_db=float(db), kind=kind or "white")


def alone_as_under(speech: np.ndarray, seconds: float, snr_db: float, kind: str) -> np.ndarray:
    """`seconds` of `kind` noise with nobody speaking, as loud as under()
    would put it under `speech`."""
    noise = alone(int(seconds * audio.RATE), kind)
    return _scaled(noise, speech, snr_db).astype(np.float32)


def _scaled(noise: np.ndarray, speech: np.ndarray, snr_db: float) -> np.ndarray:
    mask = np.repeat(audio.speech_frames(speech), audio.FRAME)
    voiced = speech[: len(mask)][mask]
    power = float(np.mean(voiced**2)) if len(voiced) else float(np.mean(speech**2))
    return noise * np.sqrt(power / 10 ** (snr_db / 10) / float(np.mean(noise**2)))


def alone(length: int, kind: str = "white") -> np.ndarray:
    """`length` samples of `kind` noise, unscaled."""
    rng = np.random.default_rng(length)
    if kind == "white":
        return rng.standard_normal(length).astype(np.float32)
    if kind == "pink":
        spectrum = np.fft.rfft(rng.standard_normal(length))
        frequencies = np.fft.rfftfreq(length, 1 / audio.RATE)
        spectrum /= np.sqrt(np.maximum(frequencies, 20.0))  # 1/f power, flat below 20 Hz
        return np.fft.irfft(spectrum, length).astype(np.float32)
    if kind == "babble":
        crowd = _babble()
        start = int(rng.integers(len(crowd)))
        return np.resize(np.roll(crowd, -start), length).astype(np.float32)
    raise ValueError(f"no noise called {kind!r}: one of {', '.join(KINDS)}")


@cache
def _babble() -> np.ndarray:
    """The talkers at equal loudness, each starting at a different moment."""
    from .voices import spoken

    talkers = [spoken(text, voice=voice) for voice, text in BABBLE_TALKERS]
    length = max(len(t) for t in talkers)
    crowd = np.zeros(length, dtype=np.float64)
    for i, talker in enumerate(talkers):
        talker = np.resize(talker, length) / max(float(np.sqrt(np.mean(talker**2))), 1e-6)
        crowd += np.roll(talker, i * length // len(talkers))
    return crowd.astype(np.float32)
