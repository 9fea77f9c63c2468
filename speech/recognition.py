"""The one way to recognise speech: a bounded pool, recovery from the default
engine's known failures, and the constrained search for choice fields.

Recognition runs in worker threads, never in the request's event loop; when
every slot is taken the caller gets Busy at once instead of a queue that
grows without bound."""

from __future__ import annotations

import asyncio
import re
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

from . import audio, engines
from .engines import Engine, Lexicon, Transcript

PAD = np.zeros(int(0.25 * audio.RATE), dtype=np.float32)


class Busy(Exception):
    """Every recognition slot is taken."""


class NoSpeech(Exception):
    """The audio holds no speech, or nothing any engine could make out."""


@dataclass
class Result:
    transcript: Transcript
    provider: str
    audio_seconds: float
    elapsed_seconds: float = 0.0
    notes: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.transcript.text


_pool: ThreadPoolExecutor | None = None
_slots: threading.BoundedSemaphore | None = None
_setup_lock = threading.Lock()


def _pool_and_slots() -> tuple[ThreadPoolExecutor, threading.BoundedSemaphore]:
    global _pool, _slots
    with _setup_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.SPEECH_WORKERS, thread_name_prefix="recognise"
            )
            _slots = threading.BoundedSemaphore(settings.SPEECH_MAX_JOBS)
        return _pool, _slots


def submit(job: Callable[[], None]) -> Future:
    """Run a job of the live path in the pool (live sessions are capped
    per user instead of per job)."""
    pool, _ = _pool_and_slots()
    return pool.submit(job)


async def run(
    samples: np.ndarray, engine: Engine, language: str, choices: list[str] | None = None
) -> Result:
    """Recognise in the pool; raise Busy when SPEECH_MAX_JOBS are under way."""
    return await _in_pool(recognise, samples, engine, language, choices)


async def read(samples: np.ndarray, engine: Engine, language: str, lexicon: Lexicon) -> list[str]:
    """Readings with only the lexicon's words, best first, in the pool (Busy
    as for run); empty where the engine cannot."""
    readings = await _in_pool(engine.read, audio.trim(samples), language, lexicon)
    return [reading.text for reading in readings if reading.text]


async def choose(
    samples: np.ndarray, engine: Engine, language: str, phrases: list[str]
) -> list[str]:
    """The phrases the engine's search constrained to them hears, best first,
    in the pool (Busy as for run); empty where the engine cannot."""
    padded = np.concatenate([PAD, audio.trim(samples), PAD])
    return await _in_pool(engine.choose, padded, language, phrases)


async def _in_pool(function, *args):
    pool, slots = _pool_and_slots()
    if not slots.acquire(blocking=False):
        raise Busy
    try:
        return await asyncio.get_running_loop().run_in_executor(pool, function, *args)
    finally:
        slots.release()


def recognise(
    samples: np.ndarray, engine: Engine, language: str, choices: list[str] | None = None
) -> Result:
    """Recognise speech in float32 mono 16 kHz samples (blocking). With
    choices (phrases), also rank them by a search constrained to them."""
    started = time.perf_counter()
    result = Result(Transcript(""), engine.name, audio.seconds(samples))
    if not audio.has_speech(samples):
        raise NoSpeech
    speech = audio.trim(samples)
    pieces = audio.cut_at_pauses(speech, max_seconds=settings.SPEECH_MAX_PIECE_SECONDS)
    heard = [_recognise_piece(engine, piece, language, result) for piece in pieces]
    text = " ".join(t.text for t in heard if t.text)
    # Other readings (an engine's n-best) make sense for audio read in one piece.
    others = heard[0].alternatives if len(heard) == 1 else []
    # Quiet each side, as the pieces get: cut tight, the first sound of a
    # choice is misheard (233 of the 249 countries right instead of 230).
    padded = np.concatenate([PAD, speech, PAD])
    alternatives = _choose(engine, padded, language, choices) if choices else others
    result.transcript = Transcript(text, alternatives)
    result.elapsed_seconds = time.perf_counter() - started
    if not text and not alternatives:
        raise NoSpeech
    return result


def _recognise_piece(
    engine: Engine, piece: np.ndarray, language: str, result: Result
) -> Transcript:
    heard = engine.recognise(np.concatenate([PAD, piece, PAD]), language)
    text = heard.text
    if text and not is_looping(text):
        return heard
    # The default engine returns nothing, or loops on a phrase, for some
    # inputs; a different cut of the same audio usually reads fine.
    result.notes.append("looping" if text else "empty")
    halves = audio.cut_at_pauses(
        piece, max_seconds=max(1.0, audio.seconds(piece) * 0.6), min_seconds=0.4
    )
    if len(halves) > 1:
        retried = " ".join(
            engine.recognise(np.concatenate([PAD, half, PAD]), language).text for half in halves
        ).strip()
    else:
        longer_pad = np.zeros(audio.RATE, dtype=np.float32)
        retried = engine.recognise(np.concatenate([longer_pad, piece, longer_pad]), language).text
    if retried and not is_looping(retried):
        return Transcript(retried)
    if retried or text:
        return Transcript(collapse_repeats(retried or text))
    return Transcript(_fallback(engine, piece, language, result))


def _fallback(engine: Engine, piece: np.ndarray, language: str, result: Result) -> str:
    """Another allowed offline engine, when the chosen one heard nothing."""
    for other in engines.allowed():
        if other is engine or other.needs_network or not other.supports(language):
            continue
        try:
            text = other.recognise(piece, language).text
        except engines.EngineError:
            continue
        if text:
            result.notes.append(f"fallback:{other.name}")
            return text
    return ""


def _choose(engine: Engine, samples: np.ndarray, language: str, phrases: list[str]) -> list[str]:
    """The phrases a search constrained to them hears, best first: the chosen
    engine's own search, else PocketSphinx's grammar search."""
    for searcher in (engine, engines.ENGINES["sphinx"]):
        if not searcher.supports(language):
            continue
        try:
            found = searcher.choose(samples, language, phrases)
        except engines.EngineError:
            continue
        if found:
            return found
    return []


# Two to six words: single words repeat legitimately ("five five five").
_REPEAT = re.compile(r"\b((?:\w+\W+){2,6}?)\1{2,}", re.IGNORECASE)


def is_looping(text: str) -> bool:
    """A phrase of two to six words said three or more times in a row."""
    words = re.sub(r"[^\w\s']", " ", text.lower()).split()
    normalised = " ".join(words) + " "
    return bool(_REPEAT.search(normalised))


def collapse_repeats(text: str) -> str:
    words = re.sub(r"[^\w\s']", " ", text).split()
    normalised = " ".join(words) + " "
    collapsed = _REPEAT.sub(r"\1", normalised)
    return " ".join(collapsed.split())
