"""Names: capitalised as names are written, spelled-out letters joined, and
the spelling alphabet for a name the engine keeps mishearing."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from doublemetaphone import doublemetaphone

from ..engines import Lexicon
from .kinds import Hints, Kind, Readings
from .spelling import SPELLED, SPELLING_ALPHABET, is_spelled, join_spelled, runs_on, spelled_value
from .words import strip_fillers

RARE = 1000  # past this rank a name gives way to a far commoner one that sounds the same
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


# After an apostrophe a name goes on in capitals (O'Connor, D'Angelo); a
# contraction does not (I'll, don't).
_CONTRACTION = re.compile(r"'(?:ll|re|ve|s|t|d|m)$")


def _capitalise(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in PARTICLES and not first:
        return lower
    if _CONTRACTION.search(lower):
        return lower[:1].upper() + lower[1:]
    # Jean-Luc, O'Brien.
    out = re.sub(r"(^|-|\b[a-z]')([a-z])(?=[a-z])", lambda g: g[1] + g[2].upper(), lower)
    out = out[:1].upper() + out[1:]
    if re.match(r"^(mc)[a-z]", lower):
        out = "Mc" + out[2:3].upper() + out[3:]
    return out


def _sounds_like_a_name(text: str) -> bool:
    words = re.sub(r"[^\w\s']", " ", _spelled_name(strip_fillers(text)).lower()).split()
    return bool(words) and not NOT_IN_NAMES.intersection(words)


@dataclass(frozen=True)
class _Known:
    """Names people have (the US census's, from the `names` package: 5,494
    first names and 88,799 surnames, in lower case), and for each sound (a
    Double Metaphone code) the commonest name of each kind that has it."""

    firsts: dict[str, int]  # name -> its rank, 0 the commonest
    lasts: dict[str, int]
    first_by_sound: dict[str, str]
    last_by_sound: dict[str, str]


@cache
def _known() -> _Known:
    import names

    firsts = _read(names.FILES["first:female"], names.FILES["first:male"])
    lasts = _read(names.FILES["last"])
    ranks = [{name: rank for rank, name in enumerate(found)} for found in (firsts, lasts)]
    return _Known(*ranks, _by_sound(firsts), _by_sound(lasts))


def _read(*paths: str) -> list[str]:
    """The names in the files, commonest first (each file is in order of how
    many people have the name; its second column is their percentage)."""
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows += [
                (float(line.split()[1]), line.split()[0].lower()) for line in lines if line.strip()
            ]
    return [name for _, name in sorted(rows, key=lambda row: -row[0])]


def _by_sound(names: list[str]) -> dict[str, str]:
    by_sound: dict[str, str] = {}
    for name in names:
        by_sound.setdefault(doublemetaphone(name)[0], name)
    return by_sound


def _unknown_first_name(name: str) -> bool:
    """Whether a name starts with a word no one is known to be called. Only
    the first name counts: the surnames are a long tail that holds ordinary
    words ("During", "Large") and leaves out real names ("Turing")."""
    words = name.lower().split()
    return bool(words) and words[0] not in _known().firsts


def _split_in_two(name: str) -> str | None:
    """A first name and a surname heard as one word: "Annalee" -> "Anna Lee"."""
    known, word = _known(), name.lower()
    if " " in word:
        return None
    splits = [(word[:i], word[i:]) for i in range(2, len(word) - 1)]
    found = [(a, b) for a, b in splits if a in known.firsts and b in known.lasts]
    return name_value(" ".join(found[0])) if found else None


def _sounding_alike(name: str) -> str | None:
    """The name with its first and last words written as the commonest name
    that sounds the same ("Robert Ging" -> "Robert King", "Lower Hal" ->
    "Laura Hall"), where that differs."""
    known, words = _known(), name.lower().split()
    if len(words) < 2:
        return None
    first = _commonest(words[0], known.first_by_sound, known.firsts)
    last = _commonest(words[-1], known.last_by_sound, known.lasts)
    alike = name_value(" ".join([first, *words[1:-1], last]))
    return alike if alike != name else None


def _commonest(word: str, by_sound: dict[str, str], ranks: dict[str, int]) -> str:
    """The commonest name with the word's sound, where the word is no name
    or a rare one beside it ("Ging", 20 times rarer than "King"); a name
    as common as the other stays ("Grace", not "Chris")."""
    if not word.isalpha() or word in PARTICLES:  # "O'Connor", "van" stay as heard
        return word
    alike = by_sound.get(doublemetaphone(word)[0], word)
    rank = ranks.get(word)
    if rank is None or (rank > RARE and rank > 20 * ranks[alike]):
        return alike
    return word


class NameKind(Kind):
    name = "name"
    lexicon = LEXICON
    wide = True
    spellable = True

    def needs_reading(self, readings: Readings, hints: Hints) -> bool:
        return _spelled(readings)

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        """A name spelled in the spelling alphabet, from the readings that
        are all its words; then the open readings with no word that names
        never have, those that start with a first name people have first,
        each followed by it in two words where it was heard as one, and by
        the commonest names that sound the same; else the transcript."""
        spelled = _spelled_values(readings) if _spelled(readings) else []
        heard = [readings.heard, *(readings.constrained or readings.others)]
        said = [name_value(text) for text in heard if _sounds_like_a_name(text)]
        said = sorted(dict.fromkeys(v for v in said if v), key=_unknown_first_name)
        said = [v for one in said for v in (one, _split_in_two(one), _sounding_alike(one)) if v]
        values = list(dict.fromkeys([*spelled, *said]))
        return values or [v for v in [name_value(readings.heard)] if v]


def _spelled(readings: Readings) -> bool:
    return any(is_spelled(text) for text in [readings.heard, *readings.others])


def _spelled_values(readings: Readings) -> list[str]:
    texts = [*(readings.constrained or readings.others), readings.heard]
    spelled = (spelled_value(text) for text in texts)
    return [name_value(s) for s in spelled if s and not runs_on(s)]
