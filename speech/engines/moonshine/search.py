"""The three beam searches over Moonshine's decoder: open (transcribe), over
a trie of a field's choices (rank), or over a trie of allowed words in any
order (read).

Open transcription of a lone word is Moonshine's weak spot (spoken "Nigeria"
came back as "Idea, really"); asked to choose among the field's own choices,
the same model picks "Nigeria" with a wide margin.

transcribe() and read() run longer than the project's 40 lines a function:
each is one beam loop whose scores, stopping rule and bookkeeping belong
together, and cut into pieces they would pass half a dozen values back and
forth every step.
"""

from __future__ import annotations

import re

import numpy as np

from ..base import Lexicon, Reading
from .model import Model, Node, last_logprobs
from .tokenizer import EOS

OPEN_BEAM = 4  # open transcription: fewer words wrong than greedy, as fast
# A short value's alternatives: twice as wide finds the right name or address
# among the readings where the first is wrong ("Grace Hopper" 7th of the
# texts for "Grace Harper", none of them at 4).
WIDE_BEAM = 8
BEAM = 24  # choice ranking: names are many and similar
READ_BEAM = 8  # readings: as accurate on phone numbers as 24, at half the time
# Measured on the 249 countries spoken by eSpeak: 0 -> 233, 0.3 -> 239,
# 0.5 -> 237, 1 (the mean) -> 232 right.
LENGTH_NORM = 0.3
PATIENCE = 4  # steps without a better reading before a reading search stops


def transcribe(
    model: Model, samples: np.ndarray, width: int = OPEN_BEAM, best: int = 5
) -> list[str]:
    """Open transcription by beam search, `width` texts wide (1 is greedy,
    for live partials): the `best` likeliest texts, best first, each
    scored by mean log-probability per token.

    A text ends only where the end ranks among the beam's own next
    candidates: an end the model finds unlikely, after the first of two
    sentences, must not win on the mean of the many likely tokens before
    it. The search stops once `width` texts have ended and no unfinished
    one's mean so far beats the last of them."""
    encoded = model.start(samples)
    beam: list[tuple[float, list[int]]] = [(0.0, [])]
    finals: list[tuple[float, list[int]]] = []
    for length in range(int(len(samples) / 16000 * 8) + 8):
        logprobs = last_logprobs(encoded)
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
        model.next_step(encoded, rows, tokens)
    if not finals:  # out of length: the likeliest text so far, as greedy decoders give
        finals = [(0.0, beam[0][1])]
    texts = [model.tokenizer.decode(tokens) for _, tokens in finals]
    if not texts[0]:  # the likeliest reading is that nothing was said
        return []
    # One of each wording: "John Smith.", "John Smith!" and "john smith" are one.
    distinct: dict[str, str] = {}
    for text in texts:
        if text:
            distinct.setdefault(_wording(text), text)
    return list(distinct.values())[:best]


def rank(model: Model, samples: np.ndarray, choices: list[str]) -> list[tuple[str, float]]:
    """Choices with their scores, best first (the beam keeps the likeliest
    BEAM prefixes at each step; the rest are not scored). A score is the
    log-probability over (tokens + 1) ** LENGTH_NORM: every token costs
    something, and without it "Botswana" lost to "Switzerland"."""
    root = model.trie(tuple(choices), lambda: choices)
    encoded = model.start(samples)
    beam: list[tuple[float, Node]] = [(0.0, root)]
    finished: dict[str, float] = {}
    depth = 0
    while beam:
        logprobs = last_logprobs(encoded)
        expansions: list[tuple[float, Node, int, int]] = []
        for row, (score, node) in enumerate(beam):
            if node.choices:
                ending = np.logaddexp(logprobs[row, EOS], _period(model, logprobs[row]))
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
        rows = np.array([row for _, _, row, _ in expansions], dtype=np.int64)
        tokens = np.array([[token] for _, _, _, token in expansions], dtype=np.int64)
        model.next_step(encoded, rows, tokens)
        depth += 1
    return sorted(finished.items(), key=lambda item: item[1], reverse=True)


def read(model: Model, samples: np.ndarray, lexicon: Lexicon, best: int = 5) -> list[Reading]:
    """Transcribe with every word drawn from the lexicon, in any order and
    number, with commas, hyphens and full stops between: a phone number's
    digits where open transcription heard "I'm one seven" for "nine one
    seven". Readings are compared by mean log-probability per token, so
    that stopping early does not win. The `best` likeliest readings come
    back, best first: the best may still miscount a repeated digit."""
    root = lexicon_trie(model, lexicon)
    marks = Node(choices=["<mark>"])
    encoded = model.start(samples)
    beam: list[tuple[float, Node, list[int]]] = [(0.0, root, [])]
    finals: dict[tuple[int, ...], float] = {}
    cutoff, settled = -np.inf, 0
    for _ in range(int(len(samples) / 16000 * 8) + 6):
        # Once the best readings have stood for a few steps, longer ones
        # are the decoder running on past the speech.
        if settled > PATIENCE:
            break
        settled += 1
        logprobs = last_logprobs(encoded)
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
                options.append((None, model.tokenizer.marks))
            for parent, ids in options:
                values = score + logprobs[row, ids]
                for i in _best_indices(values, READ_BEAM):
                    scores.append(float(values[i]))
                    parents.append(row)
                    tokens.append(int(ids[i]))
                    kids.append(marks if parent is None else parent.children[int(ids[i])])
        if not scores:
            break
        order = np.argsort(-np.array(scores))[:READ_BEAM]
        beam = [(scores[i], kids[i], beam[parents[i]][2] + [tokens[i]]) for i in order]
        rows = np.array([parents[i] for i in order], dtype=np.int64)
        model.next_step(encoded, rows, np.array([[tokens[i]] for i in order], dtype=np.int64))
    readings: dict[str, float] = {}
    for ids, score in sorted(finals.items(), key=lambda item: item[1], reverse=True):
        readings.setdefault(model.tokenizer.decode(list(ids)), score)
    return [Reading(text, score) for text, score in list(readings.items())[:best]]


def lexicon_trie(model: Model, lexicon: Lexicon) -> Node:
    """The trie of a lexicon's words, each also capitalised, built once per
    process (0.35 s for the 14,000 names) and then kept while in use."""
    return model.trie(lexicon.name, lambda: _with_capitals(lexicon.words))


def _wording(text: str) -> str:
    """The words of a text, case and sentence punctuation aside (the dots
    and @ inside an address stay)."""
    return " ".join(re.sub(r"[,;:!?]|\.(?=\s|$)", " ", text.lower()).split())


def _best_indices(values: np.ndarray, count: int):
    if len(values) > count:
        return np.argpartition(-values, count - 1)[:count]
    return range(len(values))


def _period(model: Model, logprobs: np.ndarray) -> float:
    # "Nigeria." and "Nigeria" both end the choice; the model likes the period.
    period = model.tokenizer.period
    return float(logprobs[period]) if period else -np.inf


def _with_capitals(words: tuple[str, ...]) -> list[str]:
    """Each word, and the word capitalised as a sentence starts it."""
    variants = dict.fromkeys(v for word in words for v in (word, word[:1].upper() + word[1:]))
    return list(variants)
