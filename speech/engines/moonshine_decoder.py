"""Moonshine's model files run through onnxruntime: the encoder once per
recording, then the decoder step by step in a beam search: open
(transcribe), over a trie of a field's choices (rank), or over a trie of
allowed words in any order (read).

Open transcription of a lone word is Moonshine's weak spot (spoken "Nigeria"
came back as "Idea, really"); asked to choose among the field's own choices,
the same model picks "Nigeria" with a wide margin.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .base import Lexicon, Reading

BOS, EOS = 1, 2
SPACE = "\u2581"  # SentencePiece's word-start mark
OPEN_BEAM = 4  # open transcription: fewer words wrong than greedy, as fast
BEAM = 24  # choice ranking: names are many and similar
READ_BEAM = 8  # readings: as accurate on phone numbers as 24, at half the time
# Measured on the 249 countries spoken by eSpeak: 0 -> 233, 0.3 -> 239,
# 0.5 -> 237, 1 (the mean) -> 232 right.
LENGTH_NORM = 0.3
PATIENCE = 4  # steps without a better reading before a reading search stops
_NEVER = 1 << 30
MIN_SAMPLES = 4000  # a quarter second at 16 kHz; under 1,000 the encoder fails


@dataclass(eq=False)
class _Node:
    children: dict[int, _Node] = field(default_factory=dict)
    choices: list[str] = field(default_factory=list)  # choices that end here
    _tokens: np.ndarray | None = None

    def token_array(self) -> np.ndarray:
        if self._tokens is None:
            self._tokens = np.fromiter(self.children, dtype=np.int64, count=len(self.children))
        return self._tokens


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
        # Punctuation that follows a word directly, without a word-start mark.
        marks = [self._ids[mark] for mark in (b",", b".", b"-") if mark in self._ids]
        self.marks = np.array(marks, dtype=np.int64)

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


class Decoder:
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
        self._tries: dict[object, _Node] = {}
        self._lock = threading.Lock()

    def _trie(self, key: object, phrases: Callable[[], Iterable[str]]) -> _Node:
        """The trie of the phrases' token sequences, built once per key (a
        few are kept: a field's choices, a lexicon's words)."""
        with self._lock:
            if key not in self._tries:
                root = _Node()
                for phrase in phrases():
                    node = root
                    for token in self.tokenizer.encode(phrase):
                        node = node.children.setdefault(token, _Node())
                    node.choices.append(phrase)
                if len(self._tries) > 16:
                    self._tries.clear()
                self._tries[key] = root
            return self._tries[key]

    def transcribe(self, samples: np.ndarray, width: int = OPEN_BEAM, best: int = 5) -> list[str]:
        """Open transcription by beam search, `width` texts wide (1 is greedy,
        for live partials): the `best` likeliest texts, best first, each
        scored by mean log-probability per token.

        A text ends only where the end ranks among the beam's own next
        candidates: an end the model finds unlikely, after the first of two
        sentences, must not win on the mean of the many likely tokens before
        it. The search stops once `width` texts have ended and no unfinished
        one's mean so far beats the last of them."""
        hidden, step, encoder_kv = self._start(samples)
        beam: list[tuple[float, list[int]]] = [(0.0, [])]
        finals: list[tuple[float, list[int]]] = []
        for length in range(int(len(samples) / 16000 * 8) + 8):
            logprobs = _log_softmax(step["logits"][:, -1, :])
            candidates = [
                (score + float(logprobs[row, token]), row, int(token))
                for row, (score, _) in enumerate(beam)
                for token in np.argpartition(-logprobs[row], width)[: width + 1]
            ]
            candidates.sort(key=lambda c: c[0], reverse=True)
            going: list[tuple[float, int, int]] = []
            for value, row, token in candidates:
                if token == EOS:
                    finals.append((value / (length + 1), beam[row][1]))
                else:
                    going.append((value, row, token))
                if len(going) == width:
                    break
            finals.sort(key=lambda f: f[0], reverse=True)
            if not going or (
                len(finals) >= width and going[0][0] / (length + 2) < finals[width - 1][0]
            ):
                break
            beam = [(value, beam[row][1] + [token]) for value, row, token in going]
            rows = np.array([row for _, row, _ in going], dtype=np.int64)
            tokens = np.array([[token] for _, _, token in going], dtype=np.int64)
            step = self._next_step(hidden, step, encoder_kv, rows, tokens)
        if not finals:  # out of length: the likeliest text so far, as greedy decoders give
            finals = [(0.0, beam[0][1])]
        texts: list[str] = []
        for _, tokens in finals:
            text = self.tokenizer.decode(tokens)
            if text not in texts:
                texts.append(text)
        if not texts[0]:  # the likeliest reading is that nothing was said
            return []
        return [text for text in texts if text][:best]

    def rank(self, samples: np.ndarray, choices: list[str]) -> list[tuple[str, float]]:
        """Choices with their scores, best first (the beam keeps the likeliest
        BEAM prefixes at each step; the rest are not scored). A score is the
        log-probability over (tokens + 1) ** LENGTH_NORM: every token costs
        something, and without it "Botswana" lost to "Switzerland"."""
        root = self._trie(tuple(choices), lambda: choices)
        hidden, step, encoder_kv = self._start(samples)
        beam: list[tuple[float, _Node]] = [(0.0, root)]
        finished: dict[str, float] = {}
        depth = 0
        while beam:
            logprobs = _log_softmax(step["logits"][:, -1, :])
            expansions: list[tuple[float, _Node, int, int]] = []
            for row, (score, node) in enumerate(beam):
                if node.choices:
                    ending = np.logaddexp(logprobs[row, EOS], self._period(logprobs[row]))
                    final = float(score + ending) / (depth + 1) ** LENGTH_NORM
                    for choice in node.choices:
                        finished[choice] = max(finished.get(choice, -np.inf), final)
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
            depth += 1
        return sorted(finished.items(), key=lambda item: item[1], reverse=True)

    def read(self, samples: np.ndarray, lexicon: Lexicon, best: int = 5) -> list[Reading]:
        """Transcribe with every word drawn from the lexicon, in any order and
        number, with commas, hyphens and full stops between: a phone number's
        digits where open transcription heard "I'm one seven" for "nine one
        seven". Readings are compared by mean log-probability per token, so
        that stopping early does not win. The `best` likeliest readings come
        back, best first: the best may still miscount a repeated digit."""
        root = self._trie(lexicon.name, lambda: _with_capitals(lexicon.words))
        marks = _Node(choices=["<mark>"])
        mark_tokens = self.tokenizer.marks
        hidden, step, encoder_kv = self._start(samples)
        max_tokens = int(len(samples) / 16000 * 8) + 6
        beam: list[tuple[float, _Node, list[int]]] = [(0.0, root, [])]
        finals: dict[tuple[int, ...], float] = {}
        cutoff, settled = -np.inf, 0
        for _ in range(max_tokens):
            # Once the best readings have stood for a few steps, longer ones
            # are the decoder running on past the speech.
            if settled > PATIENCE:
                break
            settled += 1
            logprobs = _log_softmax(step["logits"][:, -1, :])
            scores, parents, tokens, kids = [], [], [], []
            for row, (score, node, so_far) in enumerate(beam):
                options = [(node, node.token_array())]
                if node.choices:  # a word or mark ends here: stop, or go on
                    final = (score + float(logprobs[row, EOS])) / (len(so_far) + 1)
                    finals[tuple(so_far)] = final
                    if final > cutoff:  # among the best seen: keep searching
                        settled = 0
                        cutoff = sorted(finals.values(), reverse=True)[: best * 2][-1]
                    options.append((root, root.token_array()))
                    options.append((None, mark_tokens))
                for parent, ids in options:
                    if not len(ids):
                        continue
                    values = score + logprobs[row, ids]
                    if len(ids) > READ_BEAM:
                        picked = np.argpartition(-values, READ_BEAM - 1)[:READ_BEAM]
                    else:
                        picked = range(len(ids))
                    for i in picked:
                        token = int(ids[i])
                        scores.append(float(values[i]))
                        parents.append(row)
                        tokens.append(token)
                        kids.append(marks if parent is None else parent.children[token])
            if not scores:
                break
            order = np.argsort(-np.array(scores))[:READ_BEAM]
            beam = [(scores[i], kids[i], beam[parents[i]][2] + [tokens[i]]) for i in order]
            rows = np.array([parents[i] for i in order], dtype=np.int64)
            step_tokens = np.array([[tokens[i]] for i in order], dtype=np.int64)
            step = self._next_step(hidden, step, encoder_kv, rows, step_tokens)
        readings: dict[str, float] = {}
        for ids, score in sorted(finals.items(), key=lambda item: item[1], reverse=True):
            readings.setdefault(self.tokenizer.decode(list(ids)), score)
        return [Reading(text, score) for text, score in list(readings.items())[:best]]

    def _start(self, samples: np.ndarray):
        """Encode the audio and take the decoder's first step. The cached
        branch passes the encoder's keys and values through without
        returning them: the first step's are kept for every later one."""
        if len(samples) < MIN_SAMPLES:  # the encoder's convolutions need this much
            quiet = np.zeros((MIN_SAMPLES - len(samples) + 1) // 2, dtype=np.float32)
            samples = np.concatenate([quiet, samples, quiet])
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


def _with_capitals(words: tuple[str, ...]) -> list[str]:
    """Each word, and the word capitalised as a sentence starts it."""
    variants = dict.fromkeys(v for word in words for v in (word, word[:1].upper() + word[1:]))
    return list(variants)


def _log_softmax(logits: np.ndarray) -> np.ndarray:
    top = logits.max(axis=-1, keepdims=True)
    return logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))
