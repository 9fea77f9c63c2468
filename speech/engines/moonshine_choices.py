"""Constrained recognition with Moonshine: which of a field's choices does the
audio say? The same model files the C library transcribes with, run through
onnxruntime: the encoder once, then the decoder scores the choices' token
sequences as a beam search over a trie of them.

Open transcription of a lone word is Moonshine's weak spot (spoken "Nigeria"
came back as "Idea, really"); asked to choose among the field's own choices,
the same model picks "Nigeria" with a wide margin.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

BOS, EOS = 1, 2
SPACE = "\u2581"  # SentencePiece's word-start mark
BEAM = 24
_NEVER = 1 << 30


@dataclass
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)  # choices that end here


class Tokenizer:
    """Moonshine's tokenizer.bin: each piece as a length byte (two bytes,
    7 bits at a time, past 127) and its UTF-8 bytes, in id order."""

    def __init__(self, path: Path) -> None:
        raw = path.read_bytes()
        pieces, i = [], 0
        while i < len(raw):
            length = raw[i]
            i += 1
            if length & 0x80:
                length = (length & 0x7F) | (raw[i] << 7)
                i += 1
            pieces.append(raw[i : i + length])
            i += length
        self.pieces = pieces
        self._ids = {piece: n for n, piece in enumerate(pieces) if n > EOS and piece}
        self.period = self._ids.get(b".")

    def encode(self, text: str) -> list[int]:
        """SentencePiece BPE as the model was trained with: start from
        characters and keep merging the adjacent pair whose merged piece
        came earliest in the vocabulary. The model gives a non-canonical
        segmentation of the same word a far lower probability."""
        data = (SPACE + text.replace(" ", SPACE)).encode()
        parts = [ch.encode() for ch in data.decode()]
        while len(parts) > 1:
            ranked = [
                (self._ids.get(parts[i] + parts[i + 1], _NEVER), i) for i in range(len(parts) - 1)
            ]
            rank, i = min(ranked)
            if rank == _NEVER:
                break
            parts[i : i + 2] = [parts[i] + parts[i + 1]]
        ids = []
        for part in parts:
            if part in self._ids:
                ids.append(self._ids[part])
            else:  # byte fallback: <0xNN> pieces are ids 3..258
                ids.extend(3 + byte for byte in part)
        return ids

    def decode(self, ids: list[int]) -> str:
        data = b"".join(self.pieces[i] for i in ids if i < len(self.pieces))
        return data.decode("utf-8", "replace").replace(SPACE, " ").strip()


class ChoiceScorer:
    def __init__(self, model_dir: Path) -> None:
        import onnxruntime

        options = onnxruntime.SessionOptions()
        options.log_severity_level = 3
        providers = ["CPUExecutionProvider"]
        self.encoder = onnxruntime.InferenceSession(
            str(model_dir / "encoder_model.ort"), options, providers=providers
        )
        self.decoder = onnxruntime.InferenceSession(
            str(model_dir / "decoder_model_merged.ort"), options, providers=providers
        )
        self.tokenizer = Tokenizer(model_dir / "tokenizer.bin")
        self.past_names = [i.name for i in self.decoder.get_inputs() if i.name.startswith("past")]
        self._tries: dict[tuple[str, ...], _Node] = {}
        self._lock = threading.Lock()

    def _trie(self, choices: tuple[str, ...]) -> _Node:
        with self._lock:
            if choices not in self._tries:
                root = _Node()
                for choice in choices:
                    node = root
                    for token in self.tokenizer.encode(choice):
                        node = node.children.setdefault(token, _Node())
                    node.choices.append(choice)
                if len(self._tries) > 16:
                    self._tries.clear()
                self._tries[choices] = root
            return self._tries[choices]

    def rank(self, samples: np.ndarray, choices: list[str]) -> list[tuple[str, float]]:
        """Choices with their log-probabilities, best first (the beam keeps
        the likeliest BEAM prefixes at each step; the rest are not scored)."""
        root = self._trie(tuple(choices))
        hidden, step, encoder_kv = self._start(samples)
        beam: list[tuple[float, _Node]] = [(0.0, root)]
        finished: dict[str, float] = {}
        kv_rows = np.zeros(1, dtype=np.int64)
        while beam:
            logprobs = _log_softmax(step["logits"][:, -1, :])
            expansions: list[tuple[float, _Node, int, int]] = []
            for row, (score, node) in enumerate(beam):
                if node.choices:
                    ending = np.logaddexp(logprobs[row, EOS], self._period(logprobs[row]))
                    for choice in node.choices:
                        finished[choice] = max(finished.get(choice, -np.inf), score + ending)
                for token, child in node.children.items():
                    expansions.append((score + float(logprobs[row, token]), child, row, token))
            expansions.sort(key=lambda e: e[0], reverse=True)
            expansions = expansions[:BEAM]
            if not expansions:
                break
            beam = [(score, child) for score, child, _, _ in expansions]
            kv_rows = np.array([row for _, _, row, _ in expansions], dtype=np.int64)
            tokens = np.array([[token] for _, _, _, token in expansions], dtype=np.int64)
            step = self._next_step(hidden, step, encoder_kv, kv_rows, tokens)
        return sorted(finished.items(), key=lambda item: item[1], reverse=True)

    def spell(self, samples: np.ndarray, words: list[str]) -> str:
        """Transcribe with every word drawn from `words`, in any order and
        number, with commas, hyphens and full stops between: a phone number's
        digits, where open transcription heard "I'm one seven" for "nine one
        seven". Readings are compared by mean log-probability per token, so
        that stopping early does not win."""
        root = self._trie(tuple(words))
        marks = _Node(choices=["<mark>"])
        mark_tokens = {self.tokenizer.encode(p)[-1] for p in (",", ".", "-")}
        hidden, step, encoder_kv = self._start(samples)
        max_tokens = int(len(samples) / 16000 * 6) + 6  # digits said quickly
        beam: list[tuple[float, _Node, list[int]]] = [(0.0, root, [])]
        best: tuple[float, list[int]] = (-np.inf, [])
        for _ in range(max_tokens):
            logprobs = _log_softmax(step["logits"][:, -1, :])
            expansions = []
            for row, (score, node, tokens) in enumerate(beam):
                options = dict(node.children)
                if node.choices:  # a word or mark ends here: stop, or go on
                    final = (score + float(logprobs[row, EOS])) / (len(tokens) + 1)
                    if final > best[0]:
                        best = (final, tokens)
                    options.update(root.children)
                    options.update({token: marks for token in mark_tokens})
                for token, child in options.items():
                    expansions.append((score + float(logprobs[row, token]), child, row, token))
            expansions.sort(key=lambda e: e[0], reverse=True)
            expansions = expansions[:BEAM]
            if not expansions:
                break
            beam = [(sc, child, beam[row][2] + [tok]) for sc, child, row, tok in expansions]
            rows = np.array([row for _, _, row, _ in expansions], dtype=np.int64)
            tokens = np.array([[tok] for _, _, _, tok in expansions], dtype=np.int64)
            step = self._next_step(hidden, step, encoder_kv, rows, tokens)
        return self.tokenizer.decode(best[1])

    def _start(self, samples: np.ndarray):
        """Encode the audio and take the decoder's first step. The cached
        branch passes the encoder's keys and values through without
        returning them: the first step's are kept for every later one."""
        hidden = self.encoder.run(None, {"input_values": samples[None].astype(np.float32)})[0]
        step = self._first_step(hidden)
        encoder_kv = {
            n: step[n.replace("past_key_values", "present")]
            for n in self.past_names
            if ".encoder." in n
        }
        return hidden, step, encoder_kv

    def _period(self, logprobs: np.ndarray) -> float:
        # "Nigeria." and "Nigeria" both end the choice; the model likes the period.
        return float(logprobs[self.tokenizer.period]) if self.tokenizer.period else -np.inf

    def _first_step(self, hidden: np.ndarray) -> dict[str, np.ndarray]:
        feeds = {
            "input_ids": np.array([[BOS]], dtype=np.int64),
            "encoder_hidden_states": hidden,
            "use_cache_branch": np.array([False]),
        }
        for name in self.past_names:
            feeds[name] = np.zeros((1, 8, 0, 52), dtype=np.float32)
        return self._run(feeds)

    def _next_step(self, hidden, previous, encoder_kv, rows: np.ndarray, tokens: np.ndarray):
        feeds = {
            "input_ids": tokens,
            "encoder_hidden_states": np.repeat(hidden, len(rows), axis=0),
            "use_cache_branch": np.array([True]),
        }
        for name in self.past_names:
            if name in encoder_kv:
                feeds[name] = np.repeat(encoder_kv[name], len(rows), axis=0)
            else:
                feeds[name] = previous[name.replace("past_key_values", "present")][rows]
        return self._run(feeds)

    def _run(self, feeds: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        names = [o.name for o in self.decoder.get_outputs()]
        return dict(zip(names, self.decoder.run(names, feeds), strict=True))


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    top = logits.max(axis=-1, keepdims=True)
    return logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))
