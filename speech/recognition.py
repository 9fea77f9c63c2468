"""Recognition: the bounded pool every recognition runs in, a recording
recognised with recovery from the default engine's known failures, and the
searches constrained to a field's words (read) or phrases (rank).

Recognition runs in worker threads, never in the request's event loop; when
every slot is taken the caller gets Busy at once instead of a queue that
grows without bound."""

from __future__ import annotations

import asyncio
import logging
import re
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import numpy as np
from django.conf import settings

from . import audio, engines
from .engines import Engine, EngineError, Heard, Lexicon

logger = logging.getLogger(__name__)

PAD = np.zeros(int(0.25 * audio.RATE), dtype=np.float32)  # each side of every piece read


def _padded(samples: np.ndarray) -> np.ndarray:
    return np.concatenate([PAD, samples, PAD])


class Busy(Exception):
    """Every recognition slot is taken."""


class NoSpeech(Exception):
    """The audio holds no speech, or nothing any engine could make out."""


class Slots:
    """So many jobs at once: taken without waiting, or not at all. (A
    semaphore that also says whether one is free, so that a request can be
    refused before any work is done for it.)"""

    def __init__(self, count: int) -> None:
        self.count, self.taken = count, 0
        self._lock = threading.Lock()

    def take(self) -> bool:
        with self._lock:
            if self.taken >= self.count:
                return False
            self.taken += 1
            return True

    def give_back(self) -> None:
        with self._lock:
            self.taken -= 1

    def any_free(self) -> bool:
        return self.taken < self.count


_pool: ThreadPoolExecutor | None = None
_slots: Slots | None = None
_setup_lock = threading.Lock()


def _pool_and_slots() -> tuple[ThreadPoolExecutor, Slots]:
    global _pool, _slots
    with _setup_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=settings.SPEECH_WORKERS, thread_name_prefix="recognise"
            )
            _slots = Slots(settings.SPEECH_MAX_JOBS)
        return _pool, _slots


def slots() -> Slots:
    """The SPEECH_MAX_JOBS slots every recognition of this process takes,
    here or awaited from a speech worker."""
    return _pool_and_slots()[1]


@contextmanager
def a_slot() -> Iterator[None]:
    """One of the slots, for the block; Busy at once when none is free."""
    taken = slots()
    if not taken.take():
        raise Busy
    try:
        yield
    finally:
        taken.give_back()


def busy() -> bool:
    """Every slot taken now: a request may be refused before it is decoded
    (whoever takes the slot still decides, for one that gets that far)."""
    return not slots().any_free()


_queued = 0  # live jobs submitted and not yet started
_queued_lock = threading.Lock()


def submit(job: Callable[[], None], urgent: bool = True) -> Future | None:
    """Run a job of the live path in the pool (live sessions are capped
    per user instead of per job). A job that is not urgent (a partial,
    soon replaced) is not queued behind others: while any job waits for a
    thread it is refused (None), so that sentences' finals never wait
    behind partials."""
    global _queued
    with _queued_lock:
        if not urgent and _queued:
            return None
        _queued += 1

    def started() -> None:
        global _queued
        with _queued_lock:
            _queued -= 1
        job()

    return _pool_and_slots()[0].submit(started)


async def run(function: Callable[..., Any], *args: Any) -> Any:
    """Run a blocking recognition in the pool, off the event loop; raise Busy
    at once when SPEECH_MAX_JOBS are under way."""
    with a_slot():
        pool = _pool_and_slots()[0]
        return await asyncio.get_running_loop().run_in_executor(pool, function, *args)


def recognise(samples: np.ndarray, engine: Engine, language: str, wide: bool = False) -> Heard:
    """Recognise speech in float32 mono 16 kHz samples (blocking): long audio
    cut at pauses, each piece padded with quiet; `wide` as Engine.recognise
    takes it. Raises NoSpeech where the audio holds none; the text may still
    be empty where no engine made any out."""
    if not audio.has_speech(samples):
        raise NoSpeech
    pieces = audio.cut_at_pauses(audio.trim(samples), settings.SPEECH_MAX_PIECE_SECONDS)
    heard = [_recognise_piece(engine, piece, language, wide) for piece in pieces]
    text = " ".join(h.text for h in heard if h.text)
    # Other readings (an engine's n-best) make sense for audio read in one piece.
    return Heard(text, heard[0].alternatives if len(heard) == 1 else [])


def recognise_at_once(samples: np.ndarray, engine: Engine, language: str) -> str:
    """One reading of audio no longer than a piece, padded as a piece is,
    with no recovery from an empty or looping text: for a caller who holds
    another reading of the audio already."""
    if not audio.has_speech(samples):
        return ""
    return engine.recognise(_padded(audio.trim(samples)), language).text


def _recognise_piece(engine: Engine, piece: np.ndarray, language: str, wide: bool) -> Heard:
    heard = engine.recognise(_padded(piece), language, wide=wide)
    text = heard.text
    if text and not is_looping(text):
        return heard
    # The default engine returns nothing, or loops on a phrase, for some
    # inputs; a different cut of the same audio usually reads fine.
    logger.info("recognition recovering from %s text", "looping" if text else "empty")
    halves = audio.cut_at_pauses(
        piece, max_seconds=max(1.0, audio.seconds(piece) * 0.6), min_seconds=0.4
    )
    if len(halves) > 1:
        retried = " ".join(
            engine.recognise(_padded(half), language).text for half in halves
        ).strip()
    else:
        longer_pad = np.zeros(audio.RATE, dtype=np.float32)
        retried = engine.recognise(np.concatenate([longer_pad, piece, longer_pad]), language).text
    if retried and not is_looping(retried):
        return Heard(retried)
    if retried or text:
        return Heard(collapse_repeats(retried or text))
    return Heard(_fallback(engine, piece, language))


def _fallback(engine: Engine, piece: np.ndarray, language: str) -> str:
    """Another allowed offline engine, when the chosen one heard nothing."""
    for other in engines.allowed():
        if other is engine or other.needs_network or not other.supports(language):
            continue
        try:
            text = other.recognise(piece, language).text
        except EngineError:
            continue
        if text:
            logger.info("recognition fell back to %s", other.name)
            return text
    return ""


def read(samples: np.ndarray, engine: Engine, language: str, lexicon: Lexicon) -> list[str]:
    """Readings with only the lexicon's words, best first (blocking); empty
    where the engine cannot."""
    try:
        readings = engine.read(audio.trim(samples), language, lexicon)
    except EngineError:
        return []
    return [reading.text for reading in readings if reading.text]


def rank(
    samples: np.ndarray, engine: Engine, language: str, phrases: Mapping[str, float]
) -> list[str]:
    """The phrases (each with its prior, as Engine.choose takes them) that a
    search constrained to them hears, best first (blocking): the engine's
    own search, else PocketSphinx's grammar search; empty where neither
    can. Quiet each side, as open recognition's pieces get: cut tight, the
    first sound of a choice is misheard (233 of the 249 countries right
    instead of 230)."""
    padded = _padded(audio.trim(samples))
    for searcher in (engine, engines.ENGINES["sphinx"]):
        if not searcher.supports(language):
            continue
        try:
            found = searcher.choose(padded, language, list(phrases), phrases)
        except EngineError:
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
