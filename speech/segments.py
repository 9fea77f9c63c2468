"""Live audio cut into sentences and paragraphs: PCM frames in, recognition
jobs out, their answers in and on to speech.results (which keeps order).

Frames are cut into segments at pauses (PAUSE_SECONDS of quiet after speech,
or MAX_SEGMENT_SECONDS, cut at the quietest moment). While a segment grows
its text so far is asked for as a partial (unless `dispatch` is too busy to
take one), and when it ends, as a final. Segments make up paragraphs: once
one ends (PARAGRAPH_PAUSE_SECONDS of quiet, the next segment would take it
past SPEECH_MAX_PIECE_SECONDS, or stop), its audio is read again in one
piece, as a recording is (speech.paragraphs shares the reading out among
its sentences). Jobs go out through `dispatch` (to this process's pool or
to speech workers, as the live session decides) and their answers come
back through `answer()`."""

from __future__ import annotations

import functools
import itertools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import audio, denoise, recognition
from .paragraphs import Paragraph
from .results import Final, Results, Revise

# A final waits for the pause: 0.4 s put finals 0.39-0.42 s after speech
# (median), 0.5 s 0.48-0.49 s, at the same WER (benchmarks/live.py).
PAUSE_SECONDS = 0.4
# After this much quiet the sentence is read on a guess that it has ended:
# the guess is the final if the quiet lasts, dropped if speech resumes.
GUESS_SECONDS = 0.2
MAX_SEGMENT_SECONDS = 15.0
PARTIAL_EVERY_SECONDS = 0.4  # a partial in 0.5 s (median) with the job's time
FIRST_PARTIAL_SECONDS = 0.35  # of speech: less is too little to read
FLOOR_SECONDS = 4.0  # how much recent audio sets the noise floor
# Quiet this long (from the end of speech) ends a paragraph: longer than
# between sentences (2 s split the benchmark's sentences, 2.0-2.2 s apart,
# into paragraphs of one: 6.4% WER; 2.5, 3 and 4 s all gave 5.0%).
PARAGRAPH_PAUSE_SECONDS = 3.0

PARTIAL, GUESS, FINAL, PARAGRAPH = "partial", "guess", "final", "paragraph"
Dispatch = Callable[[str, int, np.ndarray], bool]  # False: not taken (when busy)


@dataclass
class _Guess:
    index: int
    text: str | None = None
    confirmed: bool = False


class Segmenter:
    def __init__(
        self,
        dispatch: Dispatch,
        on_partial: Callable[[str], None],
        on_final: Callable[[Final], None],
        on_paragraph: Revise,
    ) -> None:
        """dispatch(kind, index, samples) asks for the text of a "partial",
        a "guess", a "final" or a "paragraph"; the answer comes back through
        answer(). on_paragraph gets a paragraph's reading after its finals."""
        self.dispatch = dispatch
        self.results = Results(on_partial, on_final, on_paragraph)
        self._odd_byte = b""
        self._segment = np.zeros(0, dtype=np.float32)
        self._segment_start = 0.0  # seconds into the session
        self._received = 0  # samples
        self._levels: list[float] = []  # recent frame levels, for the floor
        self._heard_speech = False
        self._speech_frames = self._quiet_frames = 0  # in the current segment
        # Noise out frame by frame, the suppressor's noise estimate kept all session.
        self._suppressor = denoise.Suppressor() if denoise.enabled() else None
        self._last_partial = 0.0
        self._partial_since: float | None = None  # a partial job is out since then
        self._lock = threading.Lock()  # the guesses, which answers reach from other threads
        self._guess_ids = itertools.count()
        self._guesses: dict[int, _Guess] = {}  # guesses whose answer is awaited or held
        self._guess_id: int | None = None  # the current segment's guess
        self._paragraph = Paragraph()  # the one being spoken
        self._paragraph_ids = itertools.count()

    @property
    def seconds(self) -> float:
        return self._received / audio.RATE

    def feed(self, pcm: bytes) -> None:
        """Take 16-bit little-endian mono PCM at 16 kHz, any number of bytes."""
        data = self._odd_byte + pcm
        self._odd_byte = data[len(data) - len(data) % 2 :]
        samples = audio.from_pcm16(data)
        self._received += len(samples)
        if self._suppressor:
            samples = self._suppressor.feed(samples)
        self._segment = np.concatenate([self._segment, samples])
        self._track_pauses(samples)
        quiet = self._quiet_frames * audio.FRAME / audio.RATE
        if self._guess_id is not None and quiet < GUESS_SECONDS:
            self._drop_guess()  # speech resumed: the sentence had not ended
        if self._heard_speech and quiet >= PAUSE_SECONDS:
            self._end_segment(len(self._segment), at_pause=True)
        elif audio.seconds(self._segment) >= MAX_SEGMENT_SECONDS:
            self._end_segment(self._quietest_cut())
        elif self._heard_speech and quiet >= GUESS_SECONDS:
            if self._guess_id is None:
                self._guess()
        elif self._heard_speech:
            self._maybe_partial()
        elif self._paragraph.indices and quiet + PAUSE_SECONDS >= PARAGRAPH_PAUSE_SECONDS:
            self._end_paragraph()

    def finish(self, on_done: Callable[[], None]) -> None:
        """Finalise the last segment and paragraph; on_done is called once
        everything is handed on (at once when nothing is outstanding)."""
        if self._heard_speech:
            # A guess still standing means no speech since it: it is the final.
            self._end_segment(len(self._segment), at_pause=self._guess_id is not None)
        self._end_paragraph()
        self.results.finish(on_done)

    def give_up(self) -> None:
        """End with what is in: the finals and readings still awaited are
        not coming back."""
        with self._lock:
            self._guesses.clear()
        self.results.give_up()

    def answer(self, kind: str, index: int, text: str | None) -> None:
        """A job's text: a partial's (None if skipped), a guess's, a final's
        or a paragraph's."""
        if kind == PARTIAL:
            self._partial_since = None
            if text is not None:  # None: a worker skipped it
                self.results.partial(index, recognition.collapse_repeats(text) if text else "")
        elif kind == GUESS:
            self._guess_result(index, text or "")
        elif kind == PARAGRAPH:
            self.results.reading(index, text or "")
        else:
            self.results.final(index, text or "")

    def is_stale(self, kind: str, index: int) -> bool:
        """A partial whose sentence has ended: its final is what matters."""
        return kind == PARTIAL and index < self.results.segments

    def _track_pauses(self, samples: np.ndarray) -> None:
        levels = audio.frame_levels(samples).tolist()
        self._levels = (self._levels + levels)[-int(FLOOR_SECONDS * audio.RATE / audio.FRAME) :]
        threshold = audio.speech_threshold(self._levels)
        for level in levels:
            if level > threshold:
                self._heard_speech = True
                self._speech_frames += 1
                self._quiet_frames = 0
            else:
                self._quiet_frames += 1

    def _quietest_cut(self) -> int:
        half = MAX_SEGMENT_SECONDS / 2
        return len(audio.cut_at_pauses(self._segment, MAX_SEGMENT_SECONDS, half)[0])

    def _maybe_partial(self) -> None:
        now = time.monotonic()
        # One partial job out at a time (a lost answer frees the slot after 10 s).
        busy = self._partial_since is not None and now - self._partial_since < 10
        enough = self._speech_frames * audio.FRAME >= FIRST_PARTIAL_SECONDS * audio.RATE
        if busy or not enough or now - self._last_partial < PARTIAL_EVERY_SECONDS:
            return
        self._last_partial = self._partial_since = now
        if not self.dispatch(PARTIAL, self.results.segments, self._segment.copy()):
            self._partial_since = None

    def _guess(self) -> None:
        guess_id = next(self._guess_ids)
        with self._lock:
            self._guesses[guess_id] = _Guess(self.results.segments)
        self._guess_id = guess_id
        self.dispatch(GUESS, guess_id, self._segment.copy())

    def _drop_guess(self) -> None:
        with self._lock:
            self._guesses.pop(self._guess_id, None)
        self._guess_id = None

    def _guess_result(self, guess_id: int, text: str) -> None:
        with self._lock:
            guess = self._guesses.get(guess_id)
            if guess is None:
                return  # dropped: speech resumed
            if not guess.confirmed:
                guess.text = text  # held until the pause is long enough
                return
            del self._guesses[guess_id]
        self.results.final(guess.index, text)

    def _end_segment(self, cut: int, at_pause: bool = False) -> None:
        guess_id, self._guess_id = self._guess_id, None
        samples, self._segment = self._segment[:cut], self._segment[cut:]
        spoken = self._heard_speech
        start = self._segment_start
        self._segment_start += audio.seconds(samples)
        self._heard_speech = bool(len(self._segment)) and audio.has_speech(self._segment)
        self._speech_frames = self._quiet_frames = 0
        index = self.results.segment_ended(start, self._segment_start)
        held = None
        with self._lock:
            guess = self._guesses.get(guess_id) if guess_id is not None else None
            if guess is not None and at_pause:
                # The quiet lasted: the guess, made of this audio but for the
                # last stretch of silence, is the final.
                guess.confirmed = True
                if guess.text is not None:
                    held = self._guesses.pop(guess_id).text
            elif guess is not None:
                del self._guesses[guess_id]
                guess = None
        if guess is None and not spoken:
            self.results.final(index, "")  # a quiet stretch, cut at its longest
        elif guess is None:
            self.dispatch(FINAL, index, samples)
        elif held is not None:
            self.results.final(index, held)
        # After the final's job: a paragraph read again must not hold it up.
        self._add_to_paragraph(index, samples, spoken)

    def _add_to_paragraph(self, index: int, samples: np.ndarray, spoken: bool) -> None:
        """A segment with no speech in it (a quiet stretch cut at its
        longest) ends the paragraph instead of joining it."""
        if not spoken or not self._paragraph.has_room_for(samples):
            self._end_paragraph()
        if spoken:
            self._paragraph.add(index, samples)

    def _end_paragraph(self) -> None:
        """Read the paragraph again in one piece: one of a single segment
        has been, as its final."""
        paragraph, self._paragraph = self._paragraph, Paragraph()
        if len(paragraph.indices) < 2:
            return
        paragraph_id = next(self._paragraph_ids)
        ask = functools.partial(self._read_again, paragraph_id, paragraph.samples())
        self.results.reading_due(paragraph_id, paragraph.indices, ask)

    def _read_again(self, paragraph_id: int, samples: np.ndarray) -> None:
        if not self.dispatch(PARAGRAPH, paragraph_id, samples):
            self.results.reading(paragraph_id, "")  # the sentences stay as shown
