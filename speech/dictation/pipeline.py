"""A recording -> the value a field needs, in one pass: recognise, read again
where the kind asks, rank the phrases the kind names, and let the kind make
its values of all that."""

from __future__ import annotations

import time
from dataclasses import dataclass, field

import numpy as np

from .. import audio, denoise, recognition
from ..engines import Engine
from .kinds import Hints, Kind, Readings

MAX_ALTERNATIVES = 4


@dataclass
class Dictation:
    value: str  # the field's value, or "" where the speech gave none
    text: str  # the open transcript, as heard
    alternatives: list[str]  # the next likeliest values, best first
    engine: str
    audio_seconds: float
    elapsed_seconds: float
    notes: list[str] = field(default_factory=list)  # which second looks ran


async def dictate(
    samples: np.ndarray, engine: Engine, language: str, kind: Kind, hints: Hints
) -> Dictation:
    """Dictate float32 mono 16 kHz samples into a value of `kind`, in the
    recognition pool. Raises recognition.Busy when every slot is taken,
    recognition.NoSpeech when nothing was heard, EngineError when the
    engine failed."""
    return await recognition.run(dictate_here, samples, engine, language, kind, hints)


def dictate_here(
    samples: np.ndarray, engine: Engine, language: str, kind: Kind, hints: Hints
) -> Dictation:
    """dictate(), blocking, in this thread (a speech worker's)."""
    started = time.perf_counter()
    samples = denoise.suppress(samples)
    heard = recognition.recognise(samples, engine, language, wide=kind.wide)
    readings = Readings(heard.text, heard.alternatives)
    notes = []
    if lexicon := kind.lexicon_for(readings, hints):
        readings.constrained = recognition.read(samples, engine, language, lexicon)
        notes += ["constrained"] if readings.constrained else []
    if phrases := kind.phrases_to_rank(readings, hints):
        readings.ranked = recognition.rank(samples, engine, language, phrases)
        notes += ["ranked"] if readings.ranked else []
    if not readings.heard and not readings.ranked:
        raise recognition.NoSpeech
    values = kind.values(readings, hints)
    return Dictation(
        value=values[0] if values else "",
        text=heard.text,
        alternatives=values[1 : 1 + MAX_ALTERNATIVES],
        engine=engine.name,
        audio_seconds=audio.seconds(samples),
        elapsed_seconds=time.perf_counter() - started,
        notes=notes,
    )
