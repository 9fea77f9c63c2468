"""Audio in: bytes of any common container -> float32 mono samples at 16 kHz.

Also the voice-activity detection every path shares: is there speech at all,
and where are the pauses to cut long audio at (engines loop or go silent on
fixed-length windows that cut a sentence).
"""

from __future__ import annotations

import base64
import binascii
import io
import re
from dataclasses import dataclass

import numpy as np
import soundfile
import soxr

RATE = 16_000
FRAME = 480  # 30 ms at 16 kHz: the unit of voice-activity decisions
ACCEPTED_FORMATS = {"WAV", "WAVEX", "RF64", "FLAC", "AIFF"}


class AudioError(ValueError):
    """Audio that cannot be used; the message is fit to show the user."""


@dataclass(frozen=True)
class Limits:
    max_seconds: float


def decode_base64(text: str) -> bytes:
    """Decode the base64 `record` older clients send, with or without a data: prefix."""
    if text.startswith("data:") and "," in text:
        text = text.split(",", 1)[1]
    try:
        return base64.b64decode(text.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise AudioError("The recording is not valid base64.") from None


def decode(data: bytes, limits: Limits) -> np.ndarray:
    """Decode WAV, FLAC or AIFF of any rate, width and channel count."""
    if not data:
        raise AudioError("The recording is empty.")
    try:
        with soundfile.SoundFile(io.BytesIO(data)) as sound:
            if sound.format not in ACCEPTED_FORMATS:
                raise AudioError("Send WAV, FLAC or AIFF audio.")
            if sound.samplerate <= 0 or sound.channels <= 0:
                raise AudioError("The recording's header is damaged.")
            # Refuse by the header before decoding, so a long file costs nothing.
            if sound.frames / sound.samplerate > limits.max_seconds:
                raise AudioError(f"The recording is longer than {limits.max_seconds:g} seconds.")
            samples = sound.read(dtype="float32", always_2d=True)
            rate = sound.samplerate
            if len(samples) < sound.frames or _cut_short(sound.extra_info):
                raise AudioError(
                    "The recording is incomplete: part of it is missing. Record it again."
                )
    except AudioError:
        raise
    except (soundfile.LibsndfileError, RuntimeError, TypeError, ValueError):
        raise AudioError("That is not audio this site can read: send WAV, FLAC or AIFF.") from None
    if samples.shape[0] == 0:
        raise AudioError("The recording holds no audio.")
    mono = samples.mean(axis=1)
    return to_rate(mono, rate)


# libsndfile reads what a file holds and notes a data chunk that claims more:
# "data : 2147483648 (should be 64000)". Streaming writers put 0 or
# 0xFFFFFFFF there for "not known": those are not a claim.
_CLAIM = re.compile(r"^\s*(?:data|SSND)\s*:\s*(\d+) \(should be (\d+)\)", re.MULTILINE)
_UNKNOWN_LENGTHS = {0, 0xFFFFFFFF}


def _cut_short(log: str) -> bool:
    """Whether the file's header claims more audio than the file holds."""
    return any(
        int(claimed) not in _UNKNOWN_LENGTHS and int(claimed) > int(held)
        for claimed, held in _CLAIM.findall(log)
    )


def to_rate(samples: np.ndarray, rate: int) -> np.ndarray:
    samples = np.asarray(samples, dtype=np.float32)
    if rate != RATE:
        samples = soxr.resample(samples, rate, RATE, quality="HQ").astype(np.float32)
    return np.ascontiguousarray(samples)


def from_pcm16(data: bytes) -> np.ndarray:
    """16-bit little-endian mono PCM at 16 kHz (the live socket's frames)."""
    usable = len(data) - len(data) % 2
    return np.frombuffer(data[:usable], dtype="<i2").astype(np.float32) / 32768.0


def to_pcm16(samples: np.ndarray) -> bytes:
    clipped = np.clip(samples, -1.0, 1.0)
    return (clipped * 32767).astype("<i2").tobytes()


def seconds(samples: np.ndarray) -> float:
    return len(samples) / RATE


def frame_levels(samples: np.ndarray) -> np.ndarray:
    """RMS level of each 30 ms frame, in dBFS."""
    count = len(samples) // FRAME
    if count == 0:
        return np.zeros(0, dtype=np.float32)
    frames = samples[: count * FRAME].reshape(count, FRAME).astype(np.float64)
    rms = np.sqrt(np.mean(frames**2, axis=1))
    return (20 * np.log10(np.maximum(rms, 1e-7))).astype(np.float32)


def speech_frames(samples: np.ndarray) -> np.ndarray:
    """A boolean per 30 ms frame: speech or not.

    Energy against the recording's own noise floor: a frame is speech when it
    is well above the quietest tenth of the recording and not near-silent.
    """
    levels = frame_levels(samples)
    if len(levels) == 0:
        return np.zeros(0, dtype=bool)
    return levels > speech_threshold(levels)


def speech_threshold(levels) -> float:
    """The level (dBFS) above which a frame is speech, given the levels of
    the audio around it: 12 dB over the quietest tenth, and over -50 dBFS."""
    floor = float(np.percentile(levels, 10)) if len(levels) else -90.0
    return max(floor + 12.0, -50.0)


def has_speech(samples: np.ndarray, min_seconds: float = 0.12) -> bool:
    voiced = speech_frames(samples)
    needed = int(min_seconds * RATE / FRAME)
    if len(voiced) == 0 or voiced.sum() < needed:
        return False
    # Whole-recording noise (a hum, a hiss) is loud everywhere, so its floor is
    # high and nothing stands above it; speech has a dynamic range.
    levels = frame_levels(samples)
    return float(levels.max() - np.percentile(levels, 10)) > 15.0


def trim(samples: np.ndarray, pad_seconds: float = 0.3) -> np.ndarray:
    """Drop leading and trailing silence, keeping a little around the speech."""
    voiced = np.flatnonzero(speech_frames(samples))
    if len(voiced) == 0:
        return samples
    pad = int(pad_seconds * RATE)
    start = max(0, voiced[0] * FRAME - pad)
    end = min(len(samples), (voiced[-1] + 1) * FRAME + pad)
    return samples[start:end]


def cut_at_pauses(
    samples: np.ndarray, max_seconds: float = 15.0, min_seconds: float = 4.0
) -> list[np.ndarray]:
    """Cut audio into pieces no longer than max_seconds, each cut at the
    quietest moment between min_seconds and max_seconds into the piece."""
    max_len = int(max_seconds * RATE)
    min_len = int(min_seconds * RATE)
    pieces = []
    start = 0
    while len(samples) - start > max_len:
        window = samples[start + min_len : start + max_len]
        levels = frame_levels(window)
        # Prefer the middle of the longest quiet run: a pause between words.
        quiet = levels <= np.percentile(levels, 15)
        best, best_len, run_start = int(np.argmin(levels)), 0, None
        for i, q in enumerate([*quiet, False]):
            if q and run_start is None:
                run_start = i
            elif not q and run_start is not None:
                if i - run_start > best_len:
                    best, best_len = (run_start + i) // 2, i - run_start
                run_start = None
        cut = start + min_len + best * FRAME + FRAME // 2
        pieces.append(samples[start:cut])
        start = cut
    pieces.append(samples[start:])
    return [piece for piece in pieces if len(piece)]


def to_wav(samples: np.ndarray, rate: int = RATE) -> bytes:
    """16-bit mono WAV of float samples (-1..1) or int16 ones."""
    buffer = io.BytesIO()
    soundfile.write(buffer, samples, rate, format="WAV", subtype="PCM_16")
    return buffer.getvalue()
