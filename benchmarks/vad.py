"""Speech detection in noise: today's energy rule against trained detectors.

Run by hand (not part of the test suite), from the repository root:

    .venv/bin/python benchmarks/vad.py [--voices en,piper:joe]

Detectors, each deciding per 30 ms frame whether it holds speech:
- energy: speech/audio.py's rule (12 dB over the recording's quietest tenth);
- energy+ns: the same rule after the site's noise suppression;
- webrtc: the voice flag WebRTC's audio processing gives with each 10 ms
  it cleans (a frame is speech when two of its three 10 ms are);
- ten: TEN VAD (`pip install ten-vad`, needs Debian's libc++1), 10 ms hops;
- silero: Silero VAD's ONNX model (`pip install --no-deps silero-vad`: only
  its model file is used, on onnxruntime), 32 ms windows.
The truth is the energy rule on the clean recording (synthetic speech is
digitally silent between words). Reported per noise: speech frames missed,
quiet frames taken for speech, utterances in which speech was found (of the
field values and passages; "found" is 0.12 s of speech frames, today's
`has_speech` minimum), and noise alone (3 s, at the level it has under the
speech) found to hold speech; and each detector's CPU time per audio second.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import django  # noqa: E402

django.setup()

import numpy as np  # noqa: E402

from benchmarks import sets  # noqa: E402
from benchmarks.common import heading  # noqa: E402
from harness import noise  # noqa: E402
from harness.voices import spoken  # noqa: E402
from speech import audio, denoise  # noqa: E402

STEP = audio.RATE // 100
MIN_FRAMES = int(0.12 * audio.RATE / audio.FRAME)


def energy(samples: np.ndarray) -> np.ndarray:
    return audio.speech_frames(samples)


def energy_ns(samples: np.ndarray) -> np.ndarray:
    return audio.speech_frames(denoise.suppress(samples))


def _per_frame(flags: np.ndarray, hop: int, frames: int) -> np.ndarray:
    """Decisions per `hop` samples -> per 30 ms frame, by the hop at each
    frame's middle and its neighbours' majority."""
    centres = (np.arange(frames) * audio.FRAME + audio.FRAME // 2) // hop
    padded = np.concatenate([flags, [flags[-1] if len(flags) else False]])
    near = [padded[np.clip(centres + d, 0, len(padded) - 1)] for d in (-1, 0, 1)]
    return np.sum(near, axis=0) >= 2


def webrtc(samples: np.ndarray) -> np.ndarray:
    processor = denoise.AudioProcessor(0, denoise.LEVEL)
    pcm = audio.to_pcm16(samples)
    flags = [
        processor.Process10ms(pcm[at : at + 2 * STEP]).is_speech
        for at in range(0, len(pcm) - 2 * STEP + 1, 2 * STEP)
    ]
    return _per_frame(np.array(flags, dtype=bool), STEP, len(samples) // audio.FRAME)


def ten(samples: np.ndarray) -> np.ndarray:
    from ten_vad import TenVad

    detector = TenVad(hop_size=STEP, threshold=0.5)
    pcm = (np.clip(samples, -1, 1) * 32767).astype(np.int16)
    flags = [detector.process(pcm[at : at + STEP])[1] for at in range(0, len(pcm) - STEP + 1, STEP)]
    return _per_frame(np.array(flags, dtype=bool), STEP, len(samples) // audio.FRAME)


class _Silero:
    WINDOW, CONTEXT = 512, 64

    def __init__(self) -> None:
        import onnxruntime

        spec = importlib.util.find_spec("silero_vad")  # not imported: it needs torch
        if spec is None:
            raise ImportError("silero_vad")
        path = Path(spec.submodule_search_locations[0]) / "data" / "silero_vad.onnx"
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options)

    def __call__(self, samples: np.ndarray) -> np.ndarray:
        state = np.zeros((2, 1, 128), dtype=np.float32)
        context = np.zeros((1, self.CONTEXT), dtype=np.float32)
        rate = np.array(audio.RATE, dtype=np.int64)
        flags = []
        for at in range(0, len(samples) - self.WINDOW + 1, self.WINDOW):
            window = np.concatenate([context, samples[None, at : at + self.WINDOW]], axis=1)
            out, state = self.session.run(None, {"input": window, "state": state, "sr": rate})
            context = window[:, -self.CONTEXT :]
            flags.append(float(out[0, 0]) > 0.5)
        return _per_frame(np.array(flags, dtype=bool), self.WINDOW, len(samples) // audio.FRAME)


def _silero_or_none():
    try:
        return _Silero()
    except ImportError:
        return None


def _ten_or_none():
    try:
        from ten_vad import TenVad  # noqa: F401

        return ten
    except (ImportError, OSError):
        return None


def utterances(voice: str) -> list[np.ndarray]:
    said = [s for s, *_ in sets.HELD_OUT_EMAILS[:6]] + sets.HELD_OUT_NAMES[:6]
    said += [s for s, _ in sets.HELD_OUT_PHONES] + sets.READ_PASSAGES
    return [spoken(text, voice=voice) for text in said]


def score(detector, clean: list[np.ndarray], condition: str) -> tuple[float, float, int, int]:
    """(speech frames missed, quiet frames taken for speech, utterances
    found to hold speech, noise alone found to)."""
    kind, _, db = condition.partition(":")
    missed = false = speech = quiet = found = 0
    for samples in clean:
        truth = audio.speech_frames(samples)
        heard = samples if kind == "clean" else noise.under(samples, float(db), kind)
        decided = detector(heard)[: len(truth)]
        missed += int(np.sum(truth & ~decided))
        false += int(np.sum(~truth & decided))
        speech, quiet = speech + int(truth.sum()), quiet + int((~truth).sum())
        found += int(decided.sum()) >= MIN_FRAMES
    in_noise = 0
    if kind != "clean":
        alone = noise.alone_as_under(clean[0], 3.0, float(db), kind)
        in_noise = int(detector(alone).sum()) >= MIN_FRAMES
    return missed / speech, false / quiet, found, in_noise


def cost(detector) -> float:
    samples = noise.under(spoken(sets.READ_PASSAGES[0]), 10, "babble")
    samples = np.tile(samples, 4)
    started = time.process_time()
    detector(samples)
    return (time.process_time() - started) / audio.seconds(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--voices", default="en,piper:joe")
    parser.add_argument("--noises", default="clean,white:10,pink:10,babble:10,white:5,"
                        "pink:5,babble:5,white:0,babble:0")  # fmt: skip
    args = parser.parse_args()
    detectors = {"energy": energy, "energy+ns": energy_ns, "webrtc": webrtc,
                 "ten": _ten_or_none(), "silero": _silero_or_none()}  # fmt: skip
    detectors = {name: d for name, d in detectors.items() if d is not None}
    heading("Speech detection benchmark")
    for voice in args.voices.split(","):
        clean = utterances(voice)
        print(f"\n{voice}, {len(clean)} utterances\n")
        print("| noise | " + " | ".join(detectors) + " |")
        print("| --- |" + " --- |" * len(detectors))
        for condition in args.noises.split(","):
            cells = []
            for detector in detectors.values():
                missed, false, found, in_noise = score(detector, clean, condition)
                alone = "" if condition == "clean" else f", noise {'yes' if in_noise else 'no'}"
                cells.append(f"{100 * missed:.0f}% / {100 * false:.0f}%, {found}{alone}")
            print(f"| {condition} | " + " | ".join(cells) + " |", flush=True)
    print("\n(cells: speech frames missed / quiet frames taken for speech, utterances "
          "found to hold speech, noise alone found to)")  # fmt: skip
    print("\n| detector | CPU s per audio s |\n| --- | --- |")
    for name, detector in detectors.items():
        print(f"| {name} | {cost(detector):.4f} |")


if __name__ == "__main__":
    main()
