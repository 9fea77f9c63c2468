"""Noise suppression in front of the engine: WebRTC's, from the
webrtc-noise-gain wheel (the compiled WebRTC audio processing module).

Chosen by measurement (benchmarks/noise.py, docs/performance.md): against
RNNoise and none, it kept clean speech as it was and did the most for
speech in noise. It works on 10 ms frames of 16-bit PCM and carries state
from frame to frame (its estimate of the noise), so a live session keeps
one Suppressor for its whole stream, and a recording gets one of its own.
"""

from __future__ import annotations

import numpy as np
from django.conf import settings
from webrtc_noise_gain import AudioProcessor

from . import audio

STEP = audio.RATE // 100  # 10 ms: the unit WebRTC's processing takes
LEVEL = 3  # suppression, 0-4; chosen in benchmarks/noise.py
# Where the floor is this quiet, or the speech stands this far above it,
# there is no noise worth taking out, and suppression would only cost clean
# speech a little (measured: eSpeak's read-speech WER 2.6% -> 6.5%).
QUIET_FLOOR_DBFS = -70.0
CLEAN_DB = 40.0
RECENT_FRAMES = 4 * audio.RATE // audio.FRAME  # what a stream's floor is judged on


def is_clean(levels: np.ndarray) -> bool:
    """Whether frame levels (dBFS) have their quiet tenth under
    QUIET_FLOOR_DBFS, or their loud tenth CLEAN_DB or more above it."""
    if not len(levels):
        return False
    floor = np.percentile(levels, 10)
    return floor < QUIET_FLOOR_DBFS or np.percentile(levels, 90) - floor >= CLEAN_DB


class Suppressor:
    """One stream's suppression: samples in, as many cleaned samples out
    (the last partial 10 ms is held until more comes, or flush()). While
    the last few seconds are clean (is_clean), the samples pass as they
    came; the suppressor still hears them, to know the noise when it comes.
    `gated=False` cleans everything (for measuring)."""

    def __init__(self, level: int = LEVEL, gated: bool = True) -> None:
        self._processor = AudioProcessor(0, level)  # no automatic gain
        self._held = np.zeros(0, dtype=np.float32)
        self._gated = gated
        self._levels = np.zeros(0, dtype=np.float32)

    def feed(self, samples: np.ndarray) -> np.ndarray:
        samples = np.concatenate([self._held, samples])
        whole = len(samples) - len(samples) % STEP
        samples, self._held = samples[:whole], samples[whole:]
        pcm = audio.to_pcm16(samples)
        cleaned = b"".join(
            self._processor.Process10ms(pcm[at : at + 2 * STEP]).audio
            for at in range(0, len(pcm), 2 * STEP)
        )
        if self._gated:
            recent = np.concatenate([self._levels, audio.frame_levels(samples)])
            self._levels = recent[-RECENT_FRAMES:]
            if is_clean(self._levels):
                return samples  # WebRTC's output lags 6 ms: a switch skips that little
        return audio.from_pcm16(cleaned)

    def flush(self) -> np.ndarray:
        """What is held, padded with quiet to a whole frame and cleaned,
        cut back to its own length."""
        held = len(self._held)
        if not held:
            return self._held
        return self.feed(np.zeros(STEP - held, dtype=np.float32))[:held]


def enabled() -> bool:
    return settings.SPEECH_NOISE_SUPPRESSION


def suppress(samples: np.ndarray) -> np.ndarray:
    """A whole recording cleaned, the same length; as it was where it is
    clean, or where the setting turns suppression off."""
    if not enabled() or is_clean(audio.frame_levels(samples)):
        return samples
    return cleaned(samples)


def cleaned(samples: np.ndarray, level: int = LEVEL) -> np.ndarray:
    """A whole recording through the suppressor, clean or not."""
    suppressor = Suppressor(level, gated=False)
    return np.concatenate([suppressor.feed(samples), suppressor.flush()])
