"""Live transcription benchmark, through a real daphne on the embedded set-up.

Run by hand from the repository root:

    .venv/bin/python benchmarks/live.py [--noise KIND:DB] [--sessions 1,2,4,8]
        [--workers M]

Streams recordings at real-time pace (100 ms frames) into /ws/ and measures,
from the moment each piece of speech reaches the server: the time to each
utterance's first partial and between its partials, and from the end of
each utterance (a pause the server's own rule would cut at) to its final;
then the WER of the finals, as the page shows them at the end (where a
paragraph's second reading rewrote some), against a one-shot transcription
of the same audio (through the same noise suppression as a dictation).
With --noise, harness/noise.py's noise goes under the recordings (white,
pink or babble, DB under the speech); the utterances are still timed on
the clean audio. With --sessions, the Piper
sentences are then streamed by N people at once, each signed in on a
socket of their own, through the one daphne process that recognises them
all (as one speech worker would). With --workers, recognition runs in M
speech workers instead (the Procfile's worker line), on a redis-server of
the benchmark's own: the many-process shape on one machine. Results go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import html as html_text
import json
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
import websockets  # noqa: E402

from benchmarks.common import heading  # noqa: E402
from benchmarks.dictation import word_errors  # noqa: E402
from benchmarks.sets import HARVARD_PASSAGES, READ_PASSAGES  # noqa: E402
from harness import noise  # noqa: E402
from harness.site import (  # noqa: E402
    SignedIn,
    daphne,
    free_port,
    manage,
    migrate_with_person,
    procfile,
    redis,
    running,
    site_env,
)
from harness.voices import BECKETT_TEXT, PIPER, VOICE, beckett_path, spoken  # noqa: E402
from speech import audio, denoise, engines, recognition, segments  # noqa: E402

EMAIL, PASSWORD = "live{}@example.com", "a-Long-and-unusual-pass"
FRAME_SECONDS = 0.1


def utterances(samples: np.ndarray) -> list[tuple[float, float]]:
    """(start, end) of each stretch of speech, split where the server would
    cut (a pause of segments.PAUSE_SECONDS)."""
    voiced = audio.speech_frames(samples)
    frame = audio.FRAME / audio.RATE
    spans, start, quiet = [], None, 0
    for i, v in enumerate(voiced):
        if v:
            if start is None:
                start = i * frame
            quiet = 0
        elif start is not None:
            quiet += 1
            if quiet * frame >= segments.PAUSE_SECONDS:
                spans.append((start, (i - quiet + 1) * frame))
                start, quiet = None, 0
    if start is not None:
        spans.append((start, len(voiced) * frame))
    return spans


async def stream(host: str, cookie: str, name: str, samples: np.ndarray) -> dict:
    headers = {"Cookie": cookie, "Origin": f"http://{host}"}
    async with websockets.connect(f"ws://{host}/ws/", additional_headers=headers) as socket:
        await socket.send(json.dumps({"type": "subscribe", "signed_channel_name": name}))
        await socket.send(json.dumps({"type": "start"}))
        assert json.loads(await socket.recv())["type"] == "started"
        partials, finals, rewritten = [], [], []
        where: dict[str, int] = {}  # a segment's id -> its place in finals

        async def read() -> None:
            async for raw in socket:
                message = json.loads(raw)
                now = time.monotonic()
                if message.get("type") == "stopped":
                    return
                html = message.get("data", "")
                text = " ".join(html_text.unescape(re.sub(r"<[^>]+>", " ", html)).split())
                if 'target="live-partial"' in html and text:
                    partials.append((now, text))
                elif 'target="live-transcript"' in html:
                    end = float(re.search(r'data-end="([0-9.]+)"', html)[1])
                    where[re.search(r'id="(segment-\d+)"', html)[1]] = len(finals)
                    finals.append((now, text, end))
                elif 'action="replace"' in html:  # a paragraph's reading rewrote it
                    place = where[re.search(r'target="(segment-\d+)"', html)[1]]
                    arrived, before, end = finals[place]
                    rewritten.append((before, text))
                    finals[place] = (arrived, text, end)

        reader = asyncio.create_task(read())
        pcm = audio.to_pcm16(samples)
        step = int(FRAME_SECONDS * audio.RATE) * 2
        began = time.monotonic()
        for i in range(0, len(pcm), step):
            await socket.send(pcm[i : i + step])
            # Real-time pace: frame k leaves when its audio would have ended.
            await asyncio.sleep(max(0, began + (i + step) / 2 / audio.RATE - time.monotonic()))
        await socket.send(json.dumps({"type": "stop"}))
        await asyncio.wait_for(reader, 120)
    return {"began": began, "partials": partials, "finals": finals, "rewritten": rewritten}


def partial_timings(result: dict, samples: np.ndarray) -> tuple[list, list, list]:
    """For each utterance, how long after its speech started its first
    partial arrived, the gaps between partials while it went on, and those
    of the gaps within one sentence as the site cut it (no final came
    between) across which the speaker did not pause (no quiet of
    segments.GUESS_SECONDS, where the site reads on a guess instead)."""
    firsts, gaps, unbroken = [], [], []
    arrivals = [arrived - result["began"] for arrived, _ in result["partials"]]
    finals = [arrived - result["began"] for arrived, _, _ in result["finals"]]
    voiced = audio.speech_frames(samples)
    frame = audio.FRAME / audio.RATE
    for start, end in utterances(samples):
        during = [t for t in arrivals if start < t <= end]
        if during:
            firsts.append(during[0] - start)
        for earlier, later in zip(during, during[1:], strict=False):
            gaps.append(later - earlier)
            between = voiced[int(earlier / frame) : int(later / frame)]
            one_sentence = not any(earlier < t < later for t in finals)
            if one_sentence and _longest_quiet(between) * frame < segments.GUESS_SECONDS:
                unbroken.append(later - earlier)
    return firsts, gaps, unbroken


def _longest_quiet(voiced: np.ndarray) -> int:
    longest = run = 0
    for v in voiced:
        run = 0 if v else run + 1
        longest = max(longest, run)
    return longest


def final_delays(result: dict, samples: np.ndarray) -> list[float]:
    """How long after the end of its utterance's speech each final arrived
    (the utterance ends at the last speech before the cut)."""
    voiced = audio.speech_frames(samples)
    delays = []
    for arrived, _, end in result["finals"]:
        last = np.flatnonzero(voiced[: int(end * audio.RATE / audio.FRAME)])
        spoken_end = (last[-1] + 1) * audio.FRAME / audio.RATE if len(last) else end
        delays.append(arrived - (result["began"] + spoken_end))
    return delays


class Timings:
    """Every stream's timings and errors, pooled."""

    def __init__(self) -> None:
        self.firsts: list[float] = []
        self.gaps: list[float] = []
        self.unbroken: list[float] = []
        self.finals: list[float] = []
        self.errors = self.words = self.loops = 0

    def add(self, result: dict, samples: np.ndarray, reference: str) -> str:
        """The stream's finals, as one text."""
        firsts, gaps, unbroken = partial_timings(result, samples)
        self.firsts += firsts
        self.gaps += gaps
        self.unbroken += unbroken
        self.finals += final_delays(result, samples)
        text = " ".join(t for _, t, _ in result["finals"])
        self.loops += recognition.is_looping(text)
        errors, words = word_errors(reference, text)
        self.errors, self.words = self.errors + errors, self.words + words
        return text

    def row(self) -> list[str]:
        seconds = [
            statistics.median(self.firsts), max(self.firsts),
            statistics.median(self.gaps), max(self.gaps), max(self.unbroken, default=0),
            statistics.median(self.finals), max(self.finals),
        ]  # fmt: skip
        return [f"{s:.2f} s" for s in seconds] + [f"{100 * self.errors / self.words:.1f}%"]


@functools.cache
def recordings() -> list[tuple[str, np.ndarray, str]]:
    """(label, 16 kHz samples, text): the read recording, the read
    passages' sentences a second apart in eSpeak's and Piper's voices, and
    the Harvard sentences so in Piper's (the last: --sessions streams it)."""
    samples, rate = soundfile.read(beckett_path(), dtype="float32")
    found = [("beckett.wav", audio.to_rate(samples, rate), BECKETT_TEXT)]
    pause = np.zeros(audio.RATE, dtype=np.float32)
    for label, voice, passages in [
        ("eSpeak sentences", VOICE, READ_PASSAGES),
        ("Piper Harvard sentences", PIPER, HARVARD_PASSAGES),
        ("Piper sentences", PIPER, READ_PASSAGES),
    ]:
        sentences = [s.strip() + "." for p in passages for s in p.split(".") if s.strip()]
        read = np.concatenate([p for s in sentences for p in (spoken(s, voice=voice), pause)])
        found.append((label, read, " ".join(sentences)))
    return found


Session = tuple[str, str]  # a person's cookie and live stream name


def one_at_a_time(host: str, session: Session, noisy) -> None:
    """Each recording streamed alone, against its one-shot transcription."""
    timings, oneshot_errors = Timings(), 0
    engine = engines.ENGINES["moonshine"]
    for label, samples, reference in recordings():
        heard = noisy(samples) if noisy else samples
        result = asyncio.run(stream(host, *session, heard))
        text = timings.add(result, samples, reference)
        oneshot = recognition.recognise(denoise.suppress(heard), engine, "en").text
        oneshot_errors += word_errors(reference, oneshot)[0]
        counts = f"{len(result['finals'])} finals, {len(result['partials'])} partials"
        print(f"\n{label}: {audio.seconds(samples):.1f} s, {counts}")
        print(f"  live:     {text}")
        print(f"  one-shot: {oneshot}")
        for before, after in result["rewritten"]:
            print(f"  rewritten: {before!r} -> {after!r}")
    print("\n| measure | value |")
    print("| --- | --- |")
    for measure, value in zip(MEASURES, timings.row(), strict=True):
        print(f"| {measure} | {value} |")
    print(f"| WER one-shot, same audio | {100 * oneshot_errors / timings.words:.1f}% |")
    print(f"| transcripts with a repeated-phrase loop | {timings.loops} |")


MEASURES = [
    "first partial after speech starts (median)", "first partial after speech starts (max)",
    "between partials while speech goes on (median)", "between partials while speech goes on (max)",
    "between partials of a sentence, no pause between (max)",
    "final after an utterance ends (median)", "final after an utterance ends (max)",
    "WER of the finals",
]  # fmt: skip


def at_once(host: str, sessions: list[Session], counts: list[int]) -> None:
    """The Piper sentences streamed by N people at once, for each N."""
    label, samples, reference = recordings()[-1]
    print(f"\n{label} ({audio.seconds(samples):.1f} s), streamed by N people at once:\n")
    print("| sessions | " + " | ".join(MEASURES) + " |")
    print("| --- |" + " --- |" * len(MEASURES))

    async def together(count: int) -> list[dict]:
        return await asyncio.gather(*(stream(host, *s, samples) for s in sessions[:count]))

    for count in counts:
        timings = Timings()
        for result in asyncio.run(together(count)):
            timings.add(result, samples, reference)
        print(f"| {count} | " + " | ".join(timings.row()) + " |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--noise", help="KIND:DB, noise (white, pink, babble) DB under the speech")
    parser.add_argument("--sessions", help="N,M,...: also stream to N sessions at once")
    parser.add_argument("--workers", type=int, default=0, help="M speech workers, with Redis")
    args = parser.parse_args()
    noisy = noise.named(args.noise or "")
    counts = [int(n) for n in args.sessions.split(",")] if args.sessions else []
    emails = [EMAIL.format(i) for i in range(max(counts, default=1))]
    with tempfile.TemporaryDirectory() as var, contextlib.ExitStack() as processes:
        extra = {"LIVE_SESSIONS_PER_USER": "10"}
        if args.workers:
            extra["REDIS_URL"] = processes.enter_context(redis(Path(var)))
        env = site_env(Path(var), extra)
        migrate_with_people(env, emails, PASSWORD)
        for i in range(args.workers):
            processes.enter_context(running(*procfile("worker", env), Path(var) / f"w{i}.log"))
        port = free_port()
        with running(daphne(port), env, Path(var) / "daphne.log", port):
            host = f"127.0.0.1:{port}"
            people = [SignedIn(host, email, PASSWORD) for email in emails]
            sessions = [(p.cookie, p.stream_name("/speech/live/")) for p in people]
            # Warm the models once, outside the measurement.
            asyncio.run(stream(host, *sessions[0], recordings()[0][1][: audio.RATE]))
            said = f", noise {args.noise} dB under the speech" if noisy else ""
            said += f", {args.workers} speech workers" if args.workers else ""
            heading("Live benchmark", said)
            one_at_a_time(host, sessions[0], noisy)
            if counts:
                at_once(host, sessions, counts)


def migrate_with_people(env: dict[str, str], emails: list[str], password: str) -> None:
    migrate_with_person(env, emails[0], password)
    if emails[1:]:
        script = "from accounts.models import User\n" + "".join(
            f"User.objects.create_user({email!r}, {password!r})\n" for email in emails[1:]
        )
        manage(env, "shell", "-v0", "-c", script)


if __name__ == "__main__":
    main()
