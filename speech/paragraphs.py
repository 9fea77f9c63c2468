"""A paragraph of live speech read again in one piece, its words shared out
among the sentences already shown.

Read alone, a sentence lacks the words around it: in Piper's voice "Please
call me tomorrow morning about the meeting." comes back "Police call me..."
when read by itself, and right when read with the sentence after it. Live
captions show each sentence the moment it ends; once a paragraph has ended
(docs/protocol.md says when) its audio is read again as a recording is,
and each sentence takes the words of that reading which line up with its
own. A sentence is rewritten only where the reading hears other words in
it, so that the captions change no more than they must."""

from __future__ import annotations

import difflib
import itertools
import re

import numpy as np
from django.conf import settings

from . import audio
from .recognition import is_looping

# A reading with fewer words than this share of the sentences' is taken to
# have lost some (Moonshine now and then drops a stretch of long audio).
KEPT_WORDS = 0.75


class Paragraph:
    """The sentences of a paragraph being spoken: their segments' indices
    and audio, up to a recording's piece (SPEECH_MAX_PIECE_SECONDS)."""

    def __init__(self) -> None:
        self.indices: list[int] = []
        self._pieces: list[np.ndarray] = []

    def has_room_for(self, samples: np.ndarray) -> bool:
        seconds = sum(map(audio.seconds, self._pieces)) + audio.seconds(samples)
        return seconds <= settings.SPEECH_MAX_PIECE_SECONDS

    def add(self, index: int, samples: np.ndarray) -> None:
        self.indices.append(index)
        self._pieces.append(samples)

    def samples(self) -> np.ndarray:
        return np.concatenate(self._pieces)


def revise(sentences: list[str], reading: str) -> list[str]:
    """Each sentence as the reading of their paragraph has it: the sentence
    itself where the reading's words for it are its own (case and
    punctuation aside), else the reading's words. Every sentence stays as
    it is where the reading is not to be trusted: empty, looping, much
    shorter, or with no words for one of them."""
    old, new = [s.split() for s in sentences], reading.split()
    if not new or is_looping(reading) or len(new) < KEPT_WORDS * sum(map(len, old)):
        return sentences
    shown, heard = _keys(itertools.chain(*old)), _keys(new)
    opcodes = difflib.SequenceMatcher(None, shown, heard, autojunk=False).get_opcodes()
    ends = list(itertools.accumulate(map(len, old)))
    cuts = [0] + [_where(end, opcodes) for end in ends[:-1]] + [len(new)]
    pieces = [new[start:end] for start, end in itertools.pairwise(cuts)]
    if not all(pieces):
        return sentences
    return [
        sentence if _keys(piece) == _keys(words) else _shaped_as(" ".join(piece), sentence)
        for sentence, words, piece in zip(sentences, old, pieces, strict=True)
    ]


def _keys(words) -> list[str]:
    return [re.sub(r"[^\w']", "", word.lower()) for word in words]


def _where(position: int, opcodes: list[tuple[str, int, int, int, int]]) -> int:
    """Where, among the reading's words, the cut before the sentences'
    word `position` falls: after the reading's words matched to those before
    it (words only the reading has, there, go to the next sentence)."""
    for tag, i1, i2, j1, j2 in opcodes:
        if i1 < position < i2:
            if tag == "equal":
                return j1 + position - i1
            return j1 + round((position - i1) * (j2 - j1) / (i2 - i1))
        if i1 < i2 == position:
            return j2
    return 0


def _shaped_as(text: str, sentence: str) -> str:
    """The text begun and ended as the sentence it replaces was: a
    paragraph's reading may run two sentences together ("no matter, try
    again"), where the captions show each as a line of its own."""
    if sentence[:1].isupper():
        text = text[:1].upper() + text[1:]
    end = sentence[-1:]
    if end in ".?!" and text[-1:] not in ".?!":
        text = text.rstrip(",;:") + end
    return text
