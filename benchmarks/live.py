"""Live transcription benchmark, through a real daphne on the embedded set-up.

Run by hand from the repository root:

    .venv/bin/python benchmarks/live.py [--noise KIND:DB]

Streams recordings at real-time pace (100 ms frames) into /ws/ and measures,
from the moment each piece of speech reaches the server: the time to each
utterance's first partial and between its partials, and from the end of
each utterance (a pause the server's own rule would cut at) to its final;
then the WER of the finals against a
one-shot transcription of the same audio (through the same noise
suppression as a dictation). With --noise, harness/noise.py's noise goes
under the recordings (white, pink or babble, DB under the speech); the
utterances are still timed on the clean audio. Results go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
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
from benchmarks.sets import READ_PASSAGES  # noqa: E402
from harness import noise  # noqa: E402
from harness.site import (  # noqa: E402
    SignedIn,
    daphne,
    free_port,
    migrate_with_person,
    running,
    site_env,
)
from harness.voices import BECKETT_TEXT, PIPER, VOICE, beckett_path, spoken  # noqa: E402
from speech import audio, denoise, engines, recognition, segments  # noqa: E402

EMAIL, PASSWORD = "bench@example.com", "a-Long-and-unusual-pass"
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
        partials, finals = [], []

        async def read() -> None:
            async for raw in socket:
                message = json.loads(raw)
                now = time.monotonic()
                if message.get("type") == "stopped":
                    return
                html = message.get("data", "")
                text = " ".join(re.sub(r"<[^>]+>|&nbsp;", " ", html).split())
                if 'target="live-partial"' in html and text:
                    partials.append((now, text))
                elif 'target="live-transcript"' in html:
                    end = float(re.search(r'data-end="([0-9.]+)"', html)[1])
                    finals.append((now, text, end))

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
    return {"began": began, "partials": partials, "finals": finals}


def partial_timings(result: dict, spans: list[tuple[float, float]]) -> tuple[list, list]:
    """For each utterance, how long after its speech started its first
    partial arrived, and the gaps between partials while it went on."""
    firsts, gaps = [], []
    arrivals = [arrived - result["began"] for arrived, _ in result["partials"]]
    for start, end in spans:
        during = [t for t in arrivals if start < t <= end]
        if during:
            firsts.append(during[0] - start)
            gaps += [later - earlier for earlier, later in zip(during, during[1:], strict=False)]
    return firsts, gaps


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--noise", help="KIND:DB, noise (white, pink, babble) DB under the speech")
    args = parser.parse_args()
    noisy = noise.named(args.noise or "")
    recordings = [("beckett.wav", *soundfile.read(beckett_path(), dtype="float32"), BECKETT_TEXT)]
    pause = np.zeros(audio.RATE, dtype=np.float32)  # a second between sentences
    sentences = [s.strip() + "." for p in READ_PASSAGES for s in p.split(".") if s.strip()]
    for label, voice in [("eSpeak", VOICE), ("Piper", PIPER)]:
        read = np.concatenate([p for s in sentences for p in (spoken(s, voice=voice), pause)])
        recordings.append((f"{label} sentences", read, audio.RATE, " ".join(sentences)))
    engine = engines.ENGINES["moonshine"]

    with tempfile.TemporaryDirectory() as var:
        env = site_env(Path(var), {"LIVE_SESSIONS_PER_USER": "10"})
        migrate_with_person(env, EMAIL, PASSWORD)
        port = free_port()
        with running(daphne(port), env, Path(var) / "daphne.log", port):
            host = f"127.0.0.1:{port}"
            session = SignedIn(host, EMAIL, PASSWORD)
            cookie, name = session.cookie, session.stream_name("/speech/live/")
            said = f", noise {args.noise} dB under the speech" if noisy else ""
            heading("Live benchmark", said)
            first_partials, partial_gaps, final_delays, loops = [], [], [], 0
            live_errors = oneshot_errors = words = 0
            for label, samples, rate, reference in recordings:
                samples = audio.to_rate(samples, rate)
                # Warm the models once, outside the measurement.
                asyncio.run(stream(host, cookie, name, samples[: audio.RATE]))
                heard = noisy(samples) if noisy else samples
                result = asyncio.run(stream(host, cookie, name, heard))
                spans = utterances(samples)
                began = result["began"]
                firsts, gaps = partial_timings(result, spans)
                first_partials, partial_gaps = first_partials + firsts, partial_gaps + gaps
                voiced = audio.speech_frames(samples)
                for arrived, _, end in result["finals"]:
                    # The utterance ends at the last speech before the cut.
                    last = np.flatnonzero(voiced[: int(end * audio.RATE / audio.FRAME)])
                    spoken_end = (last[-1] + 1) * audio.FRAME / audio.RATE if len(last) else end
                    final_delays.append(arrived - (began + spoken_end))
                text = " ".join(t for _, t, _ in result["finals"])
                loops += recognition.is_looping(text)
                oneshot = recognition.recognise(denoise.suppress(heard), engine, "en").text
                e, n = word_errors(reference, text)
                o, _ = word_errors(reference, oneshot)
                live_errors, oneshot_errors, words = live_errors + e, oneshot_errors + o, words + n
                counts = f"{len(result['finals'])} finals, {len(result['partials'])} partials"
                print(
                    f"\n{label}: {audio.seconds(samples):.1f} s, {len(spans)} utterances, {counts}"
                )
                print(f"  live:     {text}")
                print(f"  one-shot: {oneshot}")
            rows = [
                ("first partial after speech starts (median)", statistics.median(first_partials)),
                ("first partial after speech starts (max)", max(first_partials)),
                ("between partials while speech goes on (median)", statistics.median(partial_gaps)),
                ("between partials while speech goes on (max)", max(partial_gaps)),
                ("final after an utterance ends (median)", statistics.median(final_delays)),
                ("final after an utterance ends (max)", max(final_delays)),
            ]
            print("\n| measure | value |")
            print("| --- | --- |")
            for label, seconds in rows:
                print(f"| {label} | {seconds:.2f} s |")
            print(f"| WER of the finals | {100 * live_errors / words:.1f}% |")
            print(f"| WER one-shot, same audio | {100 * oneshot_errors / words:.1f}% |")
            print(f"| transcripts with a repeated-phrase loop | {loops} |")


if __name__ == "__main__":
    main()
