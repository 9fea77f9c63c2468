"""The Segmenter's and its Results' bookkeeping, with a dispatcher that
records the jobs instead of recognising them (the recognition itself is
tested with real speech in test_live.py)."""

import threading
import time

import numpy as np

from speech import audio, recognition
from speech.results import Final
from speech.segments import Segmenter


def tone(seconds: float) -> np.ndarray:
    t = np.arange(int(seconds * audio.RATE)) / audio.RATE
    return (0.3 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)


def quiet(seconds: float) -> np.ndarray:
    return np.zeros(int(seconds * audio.RATE), dtype=np.float32)


class Recorder:
    def __init__(self, takes_partials: bool = True, takes_paragraphs: bool = True) -> None:
        self.jobs: list[tuple[str, int, float]] = []
        self.partials: list[str] = []
        self.finals: list[Final] = []
        self.paragraphs: list[tuple[list[int], str]] = []
        self.takes_partials, self.takes_paragraphs = takes_partials, takes_paragraphs

    def session(self) -> Segmenter:
        return Segmenter(self.dispatch, self.partials.append, self.finals.append, self.paragraph)

    def paragraph(self, indices: list[int], reading: str) -> None:
        self.paragraphs.append((indices, reading))

    def dispatch(self, kind: str, index: int, samples: np.ndarray) -> bool:
        self.jobs.append((kind, index, audio.seconds(samples)))
        return {"partial": self.takes_partials, "paragraph": self.takes_paragraphs}.get(kind, True)

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.jobs]


def feed(session: Segmenter, samples: np.ndarray) -> None:
    pcm = audio.to_pcm16(samples)
    for i in range(0, len(pcm), 3200):
        session.feed(pcm[i : i + 3200])


def answer_guesses(out: Recorder, session: Segmenter, *texts: str) -> None:
    """Answer the guesses still standing for the sentences, in order."""
    guesses = [index for kind, index, _ in out.jobs if kind == "guess"]
    for guess_id, text in zip(guesses[-len(texts) :], texts, strict=True):
        session.answer("guess", guess_id, text)


def test_a_guess_confirmed_by_the_pause_is_the_final_without_a_second_job():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.3)]))
    assert out.kinds().count("guess") == 1
    session.answer("guess", out.jobs[-1][1], "hello there")
    assert out.finals == []  # held: the quiet is not yet long enough
    feed(session, quiet(0.4))
    assert [f.text for f in out.finals] == ["hello there"]
    assert "final" not in out.kinds()


def test_a_guess_is_dropped_when_speech_resumes():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.3)]))
    guess_id = out.jobs[-1][1]
    feed(session, np.concatenate([tone(0.5), quiet(0.7)]))
    session.answer("guess", guess_id, "hello")  # too late, and for too little
    assert out.finals == []
    assert out.kinds().count("guess") == 2  # a new guess after the new pause
    session.answer("guess", out.jobs[-1][1], "hello there again")
    assert [f.text for f in out.finals] == ["hello there again"]


def test_finals_are_handed_on_in_order_whatever_order_they_finish_in():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.3), tone(0.1)]))  # guess dropped
    feed(session, np.concatenate([quiet(0.7), tone(1), quiet(0.05)]))
    session.finish(lambda: out.partials.append("<done>"))
    finals = [(kind, index) for kind, index, _ in out.jobs if kind in ("guess", "final")]
    # The first sentence ended at a pause (its second guess is its final);
    # the second ends at stop, with no guess standing: a final job.
    assert finals[-1][0] == "final"
    session.answer("final", finals[-1][1], "second")
    assert out.finals == []  # waits for the first
    session.answer("guess", [i for k, i in finals if k == "guess"][-1], "first")
    assert [f.text for f in out.finals] == ["first", "second"]
    # The two made a paragraph, read again at stop: the session ends with it.
    assert "<done>" not in out.partials
    session.answer("paragraph", out.jobs[-1][1], "first second")
    assert out.partials[-1] == "<done>"


def test_a_partial_waits_for_its_answer_before_the_next_is_asked_for():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(0.5)]))
    time.sleep(0.45)
    feed(session, tone(0.1))
    assert out.kinds().count("partial") == 1


def test_a_partial_refused_by_a_busy_pool_is_asked_for_again_later():
    out = Recorder(takes_partials=False)
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(0.5)]))
    time.sleep(0.45)
    feed(session, tone(0.1))
    assert out.kinds().count("partial") == 2


def test_a_partial_a_worker_skipped_shows_nothing_and_the_next_is_asked_for():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(0.5)]))
    session.answer("partial", out.jobs[-1][1], None)
    assert out.partials == []
    time.sleep(0.45)
    feed(session, tone(0.1))
    assert out.kinds().count("partial") == 2


def test_partials_are_not_queued_behind_other_jobs_but_finals_are(settings):
    release, started = threading.Event(), []

    def blocker() -> None:
        started.append(1)
        release.wait(10)

    running = [recognition.submit(blocker) for _ in range(settings.SPEECH_WORKERS + 1)]
    try:
        deadline = time.monotonic() + 10
        while len(started) < settings.SPEECH_WORKERS and time.monotonic() < deadline:
            time.sleep(0.01)
        assert recognition.submit(lambda: None, urgent=False) is None  # one job waits
        running.append(recognition.submit(lambda: None))
    finally:
        release.set()
    for job in running:
        job.result(timeout=10)
    assert recognition.submit(lambda: None, urgent=False) is not None  # none waits now


def test_two_sentences_and_a_long_pause_are_read_again_as_one_paragraph():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.5), tone(1.5), quiet(1.0)]))
    assert "paragraph" not in out.kinds()  # a pause of 1 s does not end it
    feed(session, quiet(2.5))
    # Asked for once the sentences' finals are in: beside them, it would
    # hold them up.
    assert "paragraph" not in out.kinds()
    answer_guesses(out, session, "hello there", "general can Obi")
    assert [f.text for f in out.finals] == ["hello there", "general can Obi"]
    paragraphs = [(index, seconds) for kind, index, seconds in out.jobs if kind == "paragraph"]
    assert len(paragraphs) == 1
    # Both sentences' audio, from the session's start to the second one's cut.
    assert 4.2 <= paragraphs[0][1] <= 4.6
    session.answer("paragraph", paragraphs[0][0], "Hello there. General Kenobi.")
    assert out.paragraphs == [([0, 1], "Hello there. General Kenobi.")]


def test_a_sentence_alone_is_not_read_again():
    out = Recorder()
    session = out.session()
    feed(session, np.concatenate([quiet(1), tone(1), quiet(3)]))
    session.finish(lambda: None)
    assert "paragraph" not in out.kinds()


def test_a_paragraph_ends_before_it_would_pass_a_pieces_length(settings):
    settings.SPEECH_MAX_PIECE_SECONDS = 3.0
    out = Recorder()
    session = out.session()
    feed(session, quiet(0.5))
    for said in ["one", "two", "three", "four"]:
        feed(session, np.concatenate([tone(0.8), quiet(0.6)]))
        answer_guesses(out, session, said)
    paragraphs = [seconds for kind, _, seconds in out.jobs if kind == "paragraph"]
    assert len(paragraphs) == 1 and paragraphs[0] <= 3.0  # the first two sentences


def test_stop_waits_for_the_last_paragraphs_reading_and_gives_it_up_when_told():
    out = Recorder()
    session = out.session()
    done = []
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.5), tone(1), quiet(0.5)]))
    session.finish(lambda: done.append(True))
    answer_guesses(out, session, "one", "two")
    assert "paragraph" in out.kinds() and done == []  # its reading is still out
    session.give_up()
    assert done == [True] and out.paragraphs == []
    assert [f.text for f in out.finals] == ["one", "two"]


def test_a_long_quiet_stretch_is_cut_without_asking_for_its_text():
    out = Recorder()
    session = out.session()
    feed(session, quiet(16))
    assert out.jobs == []
    feed(session, np.concatenate([tone(1), quiet(0.5)]))
    answer_guesses(out, session, "after the quiet")
    assert [f.text for f in out.finals] == ["after the quiet"]


def test_a_reading_refused_by_a_busy_pool_leaves_the_sentences_and_holds_up_nothing():
    out = Recorder(takes_paragraphs=False)
    session = out.session()
    done = []
    feed(session, np.concatenate([quiet(1), tone(1), quiet(0.5), tone(1), quiet(0.5)]))
    session.finish(lambda: done.append(True))
    answer_guesses(out, session, "one", "two")
    assert "paragraph" in out.kinds()  # asked for, and refused
    assert done == [True] and out.paragraphs == []
