"""A live session: PCM frames in, partial text and finished segments out.

Frames are cut into segments at pauses (a segment ends after PAUSE_SECONDS of
quiet following speech, or at MAX_SEGMENT_SECONDS, cut at its quietest
moment). While a segment grows, its text so far is recognised about once a
second as the partial; when it ends, it is recognised as a final. The
recognition runs in the shared pool, never in the socket's thread, and the
session hands results on in order through its callbacks.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

import numpy as np

from . import audio, recognition
from .engines import Engine, EngineError

PAUSE_SECONDS = 0.6
MAX_SEGMENT_SECONDS = 15.0
PARTIAL_EVERY_SECONDS = 0.8
FLOOR_SECONDS = 4.0  # how much recent audio sets the noise floor


@dataclass
class Final:
    index: int
    text: str
    start: float
    end: float


class Session:
    def __init__(
        self,
        engine: Engine,
        language: str,
        on_partial: Callable[[str], None],
        on_final: Callable[[Final], None],
    ) -> None:
        self.engine, self.language = engine, language
        self.on_partial, self.on_final = on_partial, on_final
        self.started = time.monotonic()
        self._odd_byte = b""
        self._segment = np.zeros(0, dtype=np.float32)
        self._segment_start = 0.0  # seconds into the session
        self._received = 0  # samples
        self._levels: list[float] = []  # recent frame levels, for the floor
        self._heard_speech = False
        self._quiet_frames = 0
        self._last_partial = 0.0
        self._partial_job: Future | None = None
        self._next_index = 0
        self._lock = threading.Lock()
        self._done: dict[int, Final | None] = {}
        self._emitted = 0
        self._jobs: list[Future] = []
        self.closed = False

    @property
    def seconds(self) -> float:
        return self._received / audio.RATE

    def feed(self, pcm: bytes) -> None:
        """Take 16-bit little-endian mono PCM at 16 kHz, any number of bytes."""
        data = self._odd_byte + pcm
        self._odd_byte = data[len(data) - len(data) % 2 :]
        samples = audio.from_pcm16(data)
        self._received += len(samples)
        self._segment = np.concatenate([self._segment, samples])
        self._track_pauses(samples)
        if self._heard_speech and self._quiet_frames * audio.FRAME >= PAUSE_SECONDS * audio.RATE:
            self._end_segment(len(self._segment))
        elif audio.seconds(self._segment) >= MAX_SEGMENT_SECONDS:
            self._end_segment(self._quietest_cut())
        elif self._heard_speech:
            self._maybe_partial()

    def finish(self, on_done: Callable[[], None]) -> None:
        """Finalise the last segment; call on_done, in the pool, once every
        final has been handed on. Returns at once."""
        if self._heard_speech:
            self._end_segment(len(self._segment))
        jobs = list(self._jobs)

        def wait_then_close() -> None:
            for job in jobs:
                # Each job reports its own failure; this one only waits.
                with contextlib.suppress(Exception):
                    job.result(timeout=120)
            with self._lock:
                self.closed = True
            on_done()

        recognition.submit(wait_then_close)

    def _track_pauses(self, samples: np.ndarray) -> None:
        levels = audio.frame_levels(samples).tolist()
        self._levels = (self._levels + levels)[-int(FLOOR_SECONDS * audio.RATE / audio.FRAME) :]
        floor = float(np.percentile(self._levels, 10)) if self._levels else -90.0
        threshold = max(floor + 12.0, -50.0)
        for level in levels:
            if level > threshold:
                self._heard_speech = True
                self._quiet_frames = 0
            else:
                self._quiet_frames += 1

    def _quietest_cut(self) -> int:
        pieces = audio.cut_at_pauses(
            self._segment, max_seconds=MAX_SEGMENT_SECONDS, min_seconds=MAX_SEGMENT_SECONDS / 2
        )
        return len(pieces[0])

    def _maybe_partial(self) -> None:
        now = time.monotonic()
        busy = self._partial_job is not None and not self._partial_job.done()
        if busy or now - self._last_partial < PARTIAL_EVERY_SECONDS:
            return
        self._last_partial = now
        index, samples = self._next_index, self._segment.copy()

        def partial() -> None:
            try:
                text = self.engine.recognise(audio.trim(samples), self.language).text
            except EngineError:
                return
            with self._lock:
                # A partial that comes back after its segment's final is stale.
                if self._emitted <= index and not self.closed:
                    self.on_partial(recognition.collapse_repeats(text) if text else "")

        self._partial_job = recognition.submit(partial)

    def _end_segment(self, cut: int) -> None:
        samples, self._segment = self._segment[:cut], self._segment[cut:]
        start = self._segment_start
        self._segment_start += audio.seconds(samples)
        self._heard_speech = bool(len(self._segment)) and audio.has_speech(self._segment)
        self._quiet_frames = 0
        index = self._next_index
        self._next_index += 1

        def final() -> None:
            text = ""
            try:
                if audio.has_speech(samples):
                    text = recognition.recognise(samples, self.engine, self.language).text
            except (recognition.NoSpeech, EngineError):
                text = ""
            self._hand_on(index, Final(index, text, start, start + audio.seconds(samples)))

        self._jobs.append(recognition.submit(final))

    def _hand_on(self, index: int, final: Final) -> None:
        # Finals may finish out of order in the pool; they are handed on in order.
        with self._lock:
            self._done[index] = final
            while self._emitted in self._done:
                ready = self._done.pop(self._emitted)
                self._emitted += 1
                if ready is not None and ready.text:
                    self.on_final(ready)
                    self.on_partial("")
