"""Names: capitalised as names are written, spelled-out letters joined, and
the spelling alphabet for a name the engine keeps mishearing."""

from __future__ import annotations

import re
from functools import cache

from ..engines import Lexicon
from . import letters
from .census import census, names_to_read
from .kinds import Hints, Kind, Readings
from .name_forms import (
    PARTICLES,
    joined,
    name_commonness,
    name_value,
    sounding_alike,
    spelled_name,
    split_in_two,
    written_otherwise,
)
from .spelling import SPELLING_ALPHABET, is_spelled, runs_on, spelled_value
from .words import strip_fillers

# Ranked on the audio, a name people have beats one no one has, and a common
# name beats a rare one the audio barely prefers: each word's commonness,
# -log10(1 + rank / 100) (0 for the commonest, -1 at rank 900, -2.3 for a
# word not in the census, as at census.UNKNOWN_RANK), counts this much beside
# the engine's score. Measured on the benchmark's 32 names in four voices
# (128 recordings): heard order 92 right first; on the audio alone 94;
# weights 0.5, 0.75, 1.0, 1.5 gave 101, 102, 101, 96, and none lost a name
# the heard order had right.
COMMONNESS_WEIGHT = 0.75
RECOMBINED = 4  # first names and surnames from different readings, each way

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


@cache
def names_only() -> Lexicon:
    """The census's names (and the particles between them): a reading that
    hears a name where the open one heard words ("Chloe Bennett" for "Chloe
    managed", "Hannah Schmidt" for "Hamish met")."""
    return Lexicon("names", tuple(dict.fromkeys([*names_to_read(), *PARTICLES])))


def _sounds_like_a_name(text: str) -> bool:
    words = re.sub(r"[^\w\s']", " ", spelled_name(strip_fillers(text)).lower()).split()
    return bool(words) and not NOT_IN_NAMES.intersection(words)


def _unknown_first_name(name: str) -> bool:
    """Whether a name starts with a word no one is known to be called. Only
    the first name counts: the surnames are a long tail that holds ordinary
    words ("During", "Large") and leaves out real names ("Turing"); but a
    name of one word, mostly a surname spelled, may be either."""
    words, known = name.lower().split(), census()
    kinds = [known.firsts] if len(words) > 1 else [known.firsts, known.lasts]
    return bool(words) and all(words[0] not in names for names in kinds)


class NameKind(Kind):
    name = "name"
    wide = True
    spellable = True

    def lexicon_for(self, readings: Readings, hints: Hints) -> Lexicon | None:
        """The spelling alphabet's words for a name spelled in it; none for
        letters said one by one (letters.py reads them); else names only,
        whose reading joins the ranking: a name said is a name, however the
        open reading heard it. 0.2 s more for every name; run only where
        the open reading heard a word that is no one's name, it lost one
        name of 128 one pick away ("Lingo Patel": Lingo is a name)."""
        if _spelled(readings):
            return LEXICON
        return None if _spelled_out(readings) else names_only()

    def phrases_to_rank(self, readings: Readings, hints: Hints) -> dict[str, float]:
        """The names heard, and their first names and surnames recombined
        ("Laura Howe" and "Larry Hall" make "Laura Hall"), each with its
        commonness as the head start; none for a name spelled in the
        alphabet or letter by letter (as words, its letters rank as noise)."""
        if _spelled(readings) or _spelled_out(readings):
            return {}
        said = _said_names(readings)
        names = list(dict.fromkeys([*said, *_recombined(said)]))
        if len(names) < 2:
            return {}
        return {name: COMMONNESS_WEIGHT * name_commonness(name) for name in names}

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        """A name spelled in the spelling alphabet, from the readings that
        are all its words; then the names as ranked on the audio; then the
        names heard, in _said_names's order; else the transcript. Letters
        said one by one are read as letters that rhyme may be (letters.py)."""
        spelled = _spelled_values(readings) if _spelled(readings) else []
        values = list(dict.fromkeys([*spelled, *readings.ranked, *_said_names(readings)]))
        if _spelled_out(readings):
            values = list(dict.fromkeys(map(name_value, letters.likeliest_first(values))))
        if values and not spelled:
            values = list(dict.fromkeys([values[0], *written_otherwise(values[0]), *values]))
        return values or [v for v in [name_value(readings.heard)] if v]


def _said_names(readings: Readings) -> list[str]:
    """The open readings with no word that names never have, those that
    start with a first name people have first, each followed by it in two
    words where it was heard as one and its surname in one word where it
    was heard as two, then by the commonest names that sound like each. A
    reading with no letters ("10.") names no one."""
    if _spelled(readings):  # the readings in the alphabet's words, where there are
        heard = [readings.heard, *(readings.constrained or readings.others)]
    else:
        heard = [readings.heard, *readings.others, *readings.constrained]
    said = [name_value(text) for text in heard if _sounds_like_a_name(text)]
    said = [v for v in said if any(c.isalpha() for c in v)]
    said = sorted(dict.fromkeys(said), key=_unknown_first_name)
    found = []
    for one in said:
        forms = [form for form in (one, split_in_two(one), joined(one)) if form]
        found += [*forms, *(alike for form in forms if (alike := sounding_alike(form)))]
    return list(dict.fromkeys(found))


def _recombined(names: list[str]) -> list[str]:
    """Each first name heard with each surname heard (all after the first word)."""
    firsts = dict.fromkeys(name.split(" ", 1)[0] for name in names if " " in name)
    lasts = dict.fromkeys(name.split(" ", 1)[1] for name in names if " " in name)
    return [f"{a} {b}" for a in list(firsts)[:RECOMBINED] for b in list(lasts)[:RECOMBINED]]


def _spelled(readings: Readings) -> bool:
    return any(is_spelled(text) for text in [readings.heard, *readings.others])


def _spelled_out(readings: Readings) -> bool:
    """Whether a reading has letters said one by one ("N. G. U. Y. E. N.")."""
    texts = (strip_fillers(text) for text in [readings.heard, *readings.others])
    return any(spelled_name(text) != text for text in texts)


def _spelled_values(readings: Readings) -> list[str]:
    texts = [*(readings.constrained or readings.others), readings.heard]
    spelled = (spelled_value(text) for text in texts)
    return [name_value(s) for s in spelled if s and not runs_on(s)]
