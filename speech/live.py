"""A user's live session over /ws/, from start to end: the slot it holds, its
transcript row, the Segmenter its audio goes through, where its recognition
runs (this process's pool, or speech workers through the channel layer), and
its end.

The socket hands a session frames and workers' answers; the session saves
each final as a Segment and broadcasts partials and finals on the user's
LiveStream, and rewrites the sentences a paragraph's second reading hears
otherwise. Once the last final is in after stop, it finishes the transcript
(or deletes it when nothing was said), releases the slot and tells the
socket through the channel layer ("live.stopped")."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
import uuid
from datetime import timedelta

import numpy as np
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.utils import timezone

from lib import counters
from lib.threads import run_in_loop

from . import audio, paragraphs, recognition, remote
from .engines import Engine, EngineError
from .models import Transcript
from .results import Final
from .segments import PARAGRAPH, PARTIAL, PARTIAL_EVERY_SECONDS, Segmenter
from .streams import LiveStream

logger = logging.getLogger(__name__)

SLOTS = "live-sessions"
LEASE_SECONDS = 120  # a session's slot lapses this long after its last audio
# A partial a speech worker reaches later than this is skipped (the session
# has asked for the next one by then), and so is a paragraph's reading (the
# worker is behind, and finals come first): answered None.
WORKER_WAITS = {PARTIAL: PARTIAL_EVERY_SECONDS, PARAGRAPH: 1.0}

# Sessions of this process by id, from start until their last final is in:
# workers' answers find their session here.
_sessions: dict[str, Session] = {}


class LiveError(Exception):
    """What the socket should tell the user; the message is fit to show."""


def recognise_job(kind: str, engine: Engine, language: str, samples: np.ndarray) -> str:
    """A job's text, wherever the job runs: a partial, soon replaced, is
    decoded greedily; a guess or a final as a whole recording is; a
    paragraph, whose sentences are read already, in one go or not at all."""
    try:
        if kind == PARTIAL:
            return engine.recognise(audio.trim(samples), language, draft=True).text
        if kind == PARAGRAPH:
            return recognition.recognise_at_once(samples, engine, language)
        return recognition.recognise(samples, engine, language).text
    except (recognition.NoSpeech, EngineError):
        return ""


def answer(session_id: str, kind: str, index: int, text: str | None) -> None:
    """A speech worker's answer to one of a session's jobs (None for a
    partial it skipped)."""
    session = _sessions.get(session_id)
    if session is not None:
        session.answer(kind, index, text)


def sweep_abandoned() -> None:
    """Transcripts whose session died with its process (never stopped, and
    older than any session runs): finished with what was saved, or deleted
    where nothing was."""
    cutoff = timezone.now() - timedelta(seconds=settings.LIVE_MAX_SECONDS + 2 * LEASE_SECONDS)
    for transcript in Transcript.objects.filter(finished=None, created__lt=cutoff):
        _close(transcript)


def _close(transcript: Transcript) -> None:
    if transcript.segments.exists():
        transcript.finish()
    else:
        transcript.delete()


class Session:
    def __init__(
        self, transcript: Transcript, engine: Engine, loop: asyncio.AbstractEventLoop, reply: str
    ) -> None:
        self.id = uuid.uuid4().hex
        self.transcript, self.engine, self.language = transcript, engine, transcript.language
        self.loop, self.reply_channel = loop, reply
        self.stream = LiveStream(transcript.user_id, loop)
        dispatch = self._to_workers if settings.SPEECH_USE_WORKERS else self._in_pool
        self.segmenter = Segmenter(
            dispatch, self.stream.show_partial, self._save_final, self._revise
        )
        self.stopping = False
        self._lock = threading.Lock()
        self._waiting: dict[tuple[str, int], float] = {}  # workers' jobs -> deadline
        self._missed = 0  # sentences whose recognition never came back
        self._renewed = time.monotonic()
        self._finish_timer: threading.Timer | None = None
        _sessions[self.id] = self

    @classmethod
    def start(
        cls,
        user: AbstractBaseUser,
        engine: Engine,
        language: str,
        loop: asyncio.AbstractEventLoop,
        reply: str,
    ) -> Session:
        """Claim one of the user's LIVE_SESSIONS_PER_USER slots and open the
        transcript; answers and "live.stopped" go to the `reply` channel."""
        sweep_abandoned()
        if not counters.claim(SLOTS, str(user.pk), settings.LIVE_SESSIONS_PER_USER, LEASE_SECONDS):
            raise LiveError("Too many live sessions are open: stop one first.")
        try:
            transcript = Transcript.objects.create(user=user, engine=engine.name, language=language)
        except BaseException:
            counters.release(SLOTS, str(user.pk))
            raise
        return cls(transcript, engine, loop, reply)

    def feed(self, pcm: bytes) -> None:
        """Take a frame of 16-bit PCM; LiveError for one too large, and at
        LIVE_MAX_SECONDS, when the session stops."""
        if len(pcm) > settings.LIVE_MAX_FRAME_BYTES:
            raise LiveError(f"Audio frames must be at most {settings.LIVE_MAX_FRAME_BYTES} bytes.")
        if self.segmenter.seconds >= settings.LIVE_MAX_SECONDS:
            self.stop()
            raise LiveError(f"Live sessions stop after {settings.LIVE_MAX_SECONDS} seconds.")
        self._keep_up()
        self.segmenter.feed(pcm)

    def answer(self, kind: str, index: int, text: str | None) -> None:
        """A worker's answer; one that comes after its deadline was given up."""
        with self._lock:
            late = kind != PARTIAL and self._waiting.pop((kind, index), None) is None
        if not late:
            self.segmenter.answer(kind, index, text)

    def stop(self) -> None:
        """Finalise the last sentence; the session ends once every final is
        in, or LIVE_FINISH_SECONDS after stop with what is in by then."""
        if not self.stopping:
            self.stopping = True
            self._finish_timer = threading.Timer(settings.LIVE_FINISH_SECONDS, self._give_up)
            self._finish_timer.daemon = True
            self._finish_timer.start()
            self.segmenter.finish(self._end)

    def _keep_up(self) -> None:
        """Renew the slot's lease now and then, and give up the workers'
        jobs that are past their deadline."""
        now = time.monotonic()
        if now - self._renewed > LEASE_SECONDS / 4:
            self._renewed = now
            counters.renew(SLOTS, str(self.transcript.user_id), LEASE_SECONDS)
        with self._lock:
            overdue = [job for job, deadline in self._waiting.items() if deadline < now]
            for job in overdue:
                del self._waiting[job]
        for kind, index in overdue:
            if kind != PARAGRAPH:  # a paragraph's sentences are in without it
                self._missing()
            self.segmenter.answer(kind, index, "")

    def _give_up(self) -> None:
        with self._lock:
            missed = sum(kind != PARAGRAPH for kind, _ in self._waiting)
            self._waiting = {}
        for _ in range(missed):
            self._missing()
        self.segmenter.give_up()

    def _missing(self) -> None:
        self._missed += 1
        message = {
            "type": "live.missed",
            "message": "A sentence could not be transcribed: the speech service did not answer.",
        }
        run_in_loop(self.loop, get_channel_layer().send(self.reply_channel, message))

    def _save_final(self, final: Final) -> None:
        segment = self.transcript.add_segment(final.index, final.text, final.start, final.end)
        self.stream.append_segment(segment)

    def _revise(self, indices: list[int], reading: str) -> None:
        """A paragraph read again: each of its sentences the reading hears
        otherwise is saved and shown as it does."""
        segments = list(self.transcript.segments.filter(index__in=indices))
        revised = paragraphs.revise([segment.text for segment in segments], reading)
        for segment, text in zip(segments, revised, strict=True):
            if text != segment.text:
                segment.text = text
                segment.save(update_fields=["text"])
                self.stream.replace_segment(segment)

    def _end(self) -> None:
        # Runs where the last final was handed on: the pool, the socket, or
        # the finish timer.
        _sessions.pop(self.id, None)
        if self._finish_timer is not None:
            self._finish_timer.cancel()
        try:
            _close(self.transcript)
        finally:
            counters.release(SLOTS, str(self.transcript.user_id))
        message = {
            "type": "live.stopped",
            "transcript": self.transcript.pk,
            "complete": self._missed == 0,
        }
        run_in_loop(self.loop, get_channel_layer().send(self.reply_channel, message))

    def _in_pool(self, kind: str, index: int, samples: np.ndarray) -> bool:
        def job() -> None:
            stale = self.segmenter.is_stale(kind, index)
            text = "" if stale else recognise_job(kind, self.engine, self.language, samples)
            self.segmenter.answer(kind, index, text)

        # A partial, soon replaced, and a paragraph, read already, give way
        # to finals: refused while any job waits for a thread.
        return recognition.submit(job, urgent=kind not in (PARTIAL, PARAGRAPH)) is not None

    def _to_workers(self, kind: str, index: int, samples: np.ndarray) -> bool:
        if kind != PARTIAL:
            with self._lock:
                self._waiting[(kind, index)] = time.monotonic() + settings.LIVE_JOB_SECONDS
        wait = WORKER_WAITS.get(kind)
        expires = time.time() + wait if wait else None
        remote.send_live_job(
            self.id, self.reply_channel, kind, index, self.engine, self.language, samples, expires
        )
        return True
