"""Names: capitalised as names are written, spelled-out letters joined, and
the spelling alphabet for a name the engine keeps mishearing."""

from __future__ import annotations

import re

from ..engines import Lexicon
from .kinds import Hints, Kind, Readings
from .spelling import SPELLED, SPELLING_ALPHABET, is_spelled, join_spelled, runs_on, spelled_value
from .words import strip_fillers

PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le"}

# Words that are in sentences, not in names: a reading with one of them is
# the engine making sense of a name it does not know ("I learned your ring"
# for "Alan Turing").
NOT_IN_NAMES = {
    "i", "i'm", "i'd", "i'll", "you", "your", "you're", "he", "she", "it", "it's", "we",
    "they", "me", "my", "him", "her", "our", "their", "this", "that", "these", "those",
    "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "don't", "didn't",
    "have", "has", "had", "would", "could", "should", "not", "no", "yes",
    "the", "a", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from",
    "with", "by", "as", "if", "so", "than", "then", "there", "here", "what", "who", "how",
}  # fmt: skip

# "space" parts the words of a name spelled whole ("... alpha space november ...").
LEXICON = Lexicon("name-spelling", (*SPELLING_ALPHABET, "space"))


def name_value(text: str) -> str:
    text = _spelled_name(strip_fillers(text))
    words = re.sub(r"[^\w\s'\-]", " ", text).split()
    return " ".join(_capitalise(word, first=(i == 0)) for i, word in enumerate(words))


def _spelled_name(text: str) -> str:
    """A name spelled out is one word ("S. M. I. T. H." -> "SMITH"); so is a
    run of four letters or more within one. Shorter runs beside other words
    are initials ("J. R. R. Tolkien")."""
    whole = SPELLED.fullmatch(text.strip())
    return join_spelled(text, min_letters=2 if whole else 4)


def _capitalise(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in PARTICLES and not first:
        return lower
    # Jean-Luc, O'Brien; but not the 't of a "don't" heard in a name.
    out = re.sub(r"(^|-|\b[a-z]')([a-z])(?=[a-z])", lambda g: g[1] + g[2].upper(), lower)
    out = out[:1].upper() + out[1:]
    if re.match(r"^(mc)[a-z]", lower):
        out = "Mc" + out[2:3].upper() + out[3:]
    return out


def _sounds_like_a_name(text: str) -> bool:
    words = re.sub(r"[^\w\s']", " ", _spelled_name(strip_fillers(text)).lower()).split()
    return bool(words) and not NOT_IN_NAMES.intersection(words)


class NameKind(Kind):
    name = "name"
    lexicon = LEXICON

    def needs_reading(self, heard: str, hints: Hints) -> bool:
        return is_spelled(heard)

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        """A name spelled in the spelling alphabet, from the first reading
        that is all its words; else the first of the open readings (best
        first) with no word that names never have; else the transcript."""
        others = readings.constrained or readings.others
        if is_spelled(readings.heard):
            for text in [*others, readings.heard]:
                if (spelled := spelled_value(text)) and not runs_on(spelled):
                    return [name_value(spelled)]
        heard = [readings.heard, *others]
        best = next((text for text in heard if _sounds_like_a_name(text)), readings.heard)
        value = name_value(best)
        return [value] if value else []
