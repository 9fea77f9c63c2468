"""A live session's results, handed on in the order they were spoken
whatever order their jobs come back in: each segment's final, then each
paragraph's second reading once its finals are handed on, and after stop
the session's end, once nothing is outstanding. Partial text is shown
until its segment's final is handed on. A paragraph's reading is only
asked for once every final asked before it is in: a second of reading
beside a final on the same cores would hold the final up.

Answers come from recognition threads and workers at once: every method
takes the lock, and the callbacks run under it, so that what is saved and
shown keeps that order."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class Final:
    index: int
    text: str
    start: float
    end: float


Revise = Callable[[list[int], str], None]  # a paragraph's segments' indices, its reading


class Results:
    def __init__(
        self,
        on_partial: Callable[[str], None],
        on_final: Callable[[Final], None],
        on_paragraph: Revise,
    ) -> None:
        self.on_partial, self.on_final, self.on_paragraph = on_partial, on_final, on_paragraph
        self._lock = threading.Lock()
        self.segments = 0  # ended so far: the next one's index
        self._bounds: dict[int, tuple[float, float]] = {}
        self._done: dict[int, Final] = {}  # come back, not yet handed on
        self._emitted = 0  # handed on: every index below this
        self._readings: dict[int, tuple[list[int], str | None]] = {}  # paragraphs read again
        self._unasked: list[Callable[[], None]] = []  # readings to ask for
        self._on_done: Callable[[], None] | None = None
        self.closed = False

    def segment_ended(self, start: float, end: float) -> int:
        """A segment whose final is to come (seconds into the session); its index."""
        with self._lock:
            index = self.segments
            self.segments += 1
            self._bounds[index] = (start, end)
            return index

    def final(self, index: int, text: str) -> None:
        with self._lock:
            start, end = self._bounds.pop(index, (0.0, 0.0))
            self._done[index] = Final(index, text, start, end)
            then = self._hand_on()
        _run(then)

    def partial(self, index: int, text: str) -> None:
        with self._lock:
            if self._emitted <= index and not self.closed:
                self.on_partial(text)

    def reading_due(self, paragraph_id: int, indices: list[int], ask: Callable[[], None]) -> None:
        """A paragraph of these segments is to be read again: ask() sends
        its job, once the finals asked for before it are in."""
        with self._lock:
            self._readings[paragraph_id] = (indices, None)
            self._unasked.append(ask)
            then = self._hand_on()
        _run(then)

    def reading(self, paragraph_id: int, text: str) -> None:
        with self._lock:
            if paragraph_id not in self._readings:
                return  # given up
            self._readings[paragraph_id] = (self._readings[paragraph_id][0], text)
            then = self._hand_on()
        _run(then)

    def finish(self, on_done: Callable[[], None]) -> None:
        """on_done is called once everything is handed on (at once when
        nothing is outstanding)."""
        with self._lock:
            self._on_done = on_done
            then = self._hand_on()
        _run(then)

    def give_up(self) -> None:
        """Hand on every final still awaited as empty (its recognition is not
        coming back) and drop the paragraphs not yet read again."""
        with self._lock:
            self._readings = {p: r for p, r in self._readings.items() if r[1] is not None}
            self._unasked = []
            for index in range(self._emitted, self.segments):
                if index not in self._done:
                    self._bounds.pop(index, None)
                    self._done[index] = Final(index, "", 0.0, 0.0)
            then = self._hand_on()
        _run(then)

    def _hand_on(self) -> list[Callable[[], None]]:
        """Under the lock: the finals next in order, then the readings whose
        finals are all handed on. Returns what to call outside it: the
        readings to ask for now, and on_done once all is in."""
        then = []
        if self._unasked and self._emitted + len(self._done) == self.segments:
            then, self._unasked = self._unasked, []
        while self._emitted in self._done:
            ready = self._done.pop(self._emitted)
            self._emitted += 1
            if ready.text:
                self.on_final(ready)
                self.on_partial("")
        for paragraph_id, (indices, text) in list(self._readings.items()):
            if text is not None and indices[-1] < self._emitted:
                del self._readings[paragraph_id]
                if text:
                    self.on_paragraph(indices, text)
        finished = self._emitted == self.segments and not self._readings
        if self._on_done and not self.closed and finished:
            self.closed = True
            then.append(self._on_done)
        return then


def _run(then: list[Callable[[], None]]) -> None:
    # Outside the lock: a job sent, or the session's end, which sends and releases.
    for call in then:
        call()
