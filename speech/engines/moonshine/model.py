"""Moonshine base's model files run through onnxruntime: the encoder once per
recording, the decoder one token step at a time for any number of texts
side by side, and the tries of phrases the constrained searches walk."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .tokenizer import BOS, Tokenizer

logger = logging.getLogger(__name__)

MIN_SAMPLES = 4000  # a quarter second at 16 kHz; under 1,000 the encoder fails
STARTS_KEPT = 4  # recordings whose encoding is kept for the next search of them
# Tries kept, the one least recently used dropped first: a lexicon's (the
# 14,000 names take 0.35 s to build) outlives the many phrase sets ranked
# once each. Dropping all at once, as before, rebuilt it every 17 rankings.
TRIES_KEPT = 16
Step = dict[str, np.ndarray]


@dataclass(eq=False)
class Node:
    """A trie node: the tokens that may come next, and the phrases that end here."""

    children: dict[int, Node] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)
    _tokens: np.ndarray | None = None

    def token_array(self) -> np.ndarray:
        if self._tokens is None:
            self._tokens = np.fromiter(self.children, dtype=np.int64, count=len(self.children))
        return self._tokens


@dataclass
class Encoded:
    """A recording encoded, and the decoder's state after its first step."""

    hidden: np.ndarray
    step: Step
    encoder_kv: dict[str, np.ndarray]
    # The encoder's part of the decoder's inputs, one copy a text, by the
    # number of texts: the same at every step of a search (copied anew at
    # each, they took 2 ms of a 12 ms step for four texts of 5.6 s of audio).
    side_by_side: dict[int, dict[str, np.ndarray]] = field(default_factory=dict)

    def for_texts(self, count: int) -> dict[str, np.ndarray]:
        inputs = self.side_by_side.get(count)
        if inputs is None:
            inputs = {name: np.repeat(kv, count, axis=0) for name, kv in self.encoder_kv.items()}
            inputs["encoder_hidden_states"] = np.repeat(self.hidden, count, axis=0)
            self.side_by_side[count] = inputs
        return inputs


class Model:
    def __init__(self, model_dir: Path) -> None:
        self.encoder = session(model_dir / "encoder_model.ort")
        self.decoder = session(model_dir / "decoder_model_merged.ort")
        self.tokenizer = Tokenizer(model_dir / "tokenizer.bin")
        self.past_names = [i.name for i in self.decoder.get_inputs() if i.name.startswith("past")]
        self._output_names = [o.name for o in self.decoder.get_outputs()]
        self._tries: OrderedDict[object, Node] = OrderedDict()
        self._started: dict[bytes, Encoded] = {}  # by a hash of the samples, oldest first
        self._lock = threading.Lock()

    def trie(self, key: object, phrases: Callable[[], Iterable[str]]) -> Node:
        """The trie of the phrases' token sequences, built once per key (a
        few are kept: a field's choices, a lexicon's words)."""
        with self._lock:
            if key not in self._tries:
                root = Node()
                for phrase in phrases():
                    node = root
                    for token in self.tokenizer.encode(phrase):
                        node = node.children.setdefault(token, Node())
                    node.choices.append(phrase)
                self._tries[key] = root
                while len(self._tries) > TRIES_KEPT:
                    self._tries.popitem(last=False)
            self._tries.move_to_end(key)
            return self._tries[key]

    def start(self, samples: np.ndarray) -> Encoded:
        """Encode the audio and take the decoder's first step, or reuse them
        for audio searched a moment ago: a choice's open reading and its
        ranking search the same samples, and the encoder and first step cost
        about 0.2 s of the 0.5 s of a short recording's search."""
        key = hashlib.blake2b(np.ascontiguousarray(samples).tobytes(), digest_size=16).digest()
        with self._lock:
            started = self._started.get(key)
        if started is None:
            started = self._encode(samples)
            with self._lock:
                self._started[key] = started
                while len(self._started) > STARTS_KEPT:
                    self._started.pop(next(iter(self._started)))
        # Each search steps on from the same first step (next_step replaces
        # encoded.step; it never changes the arrays in place).
        return Encoded(started.hidden, started.step, started.encoder_kv, started.side_by_side)

    def _encode(self, samples: np.ndarray) -> Encoded:
        """The cached branch passes the encoder's keys and values through
        without returning them: the first step's are kept for every later one."""
        if len(samples) < MIN_SAMPLES:  # the encoder's convolutions need this much
            quiet = np.zeros((MIN_SAMPLES - len(samples) + 1) // 2, dtype=np.float32)
            samples = np.concatenate([quiet, samples, quiet])
        hidden = self.encoder.run(None, {"input_values": samples[None].astype(np.float32)})[0]
        feeds = {
            "input_ids": np.array([[BOS]], dtype=np.int64),
            "encoder_hidden_states": hidden,
            "use_cache_branch": np.array([False]),
        }
        for name in self.past_names:
            feeds[name] = np.zeros((1, 8, 0, 52), dtype=np.float32)
        step = self._run(feeds)
        encoder_kv = {
            n: step[n.replace("past_key_values", "present")]
            for n in self.past_names
            if ".encoder." in n
        }
        return Encoded(hidden, step, encoder_kv)

    def next_step(self, encoded: Encoded, rows: np.ndarray, tokens: np.ndarray) -> None:
        """One token more for each text: rows[i] is the text (row of the last
        step) that tokens[i] continues."""
        feeds = {"input_ids": tokens, "use_cache_branch": np.array([True])}
        feeds.update(encoded.for_texts(len(rows)))
        for name in self.past_names:
            if name not in encoded.encoder_kv:
                feeds[name] = encoded.step[name.replace("past_key_values", "present")][rows]
        encoded.step = self._run(feeds)

    def _run(self, feeds: dict[str, np.ndarray]) -> Step:
        outputs = self.decoder.run(self._output_names, feeds)
        return dict(zip(self._output_names, outputs, strict=True))


def session(path: Path):
    """An onnxruntime session of the model, its weights unpacked once
    (unpacked.py); of the file as shipped where that fails, slower but
    the same."""
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.log_severity_level = 3
    try:
        from . import unpacked

        model: bytes | str = unpacked.onnx_bytes(path)
    except Exception:  # a format this reader does not know: the shipped file still runs
        logger.warning(
            "Moonshine's %s runs as shipped, its weights unpacked at every step",
            path.name,
            exc_info=True,
        )
        model = str(path)
    return onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])


def log_softmax(logits: np.ndarray) -> np.ndarray:
    top = logits.max(axis=-1, keepdims=True)
    return logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))


def last_logprobs(encoded: Encoded) -> np.ndarray:
    """Each text's log-probabilities for its next token."""
    return log_softmax(encoded.step["logits"][:, -1, :])
