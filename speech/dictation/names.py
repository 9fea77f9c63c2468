"""Names: capitalised as names are written, spelled-out letters joined, and
the spelling alphabet for a name the engine keeps mishearing."""

from __future__ import annotations

import re

from doublemetaphone import doublemetaphone

from ..engines import Lexicon
from . import letters
from .census import census, commonness, skeleton
from .kinds import Hints, Kind, Readings
from .spelling import SPELLED, SPELLING_ALPHABET, is_spelled, join_spelled, runs_on, spelled_value
from .words import strip_fillers

RARE = 1000  # past this rank a name gives way to a far commoner one that sounds the same
# Ranked on the audio, a name people have beats one no one has, and a common
# name beats a rare one the audio barely prefers: each word's commonness,
# -log10(1 + rank / 100) (0 for the commonest, -1 at rank 900, -2.3 for a
# word not in the census, as at census.UNKNOWN_RANK), counts this much beside
# the engine's score. Measured on the benchmark's 32 names in four voices
# (128 recordings): heard order 92 right first; on the audio alone 94;
# weights 0.5, 0.75, 1.0, 1.5 gave 101, 102, 101, 96, and none lost a name
# the heard order had right.
COMMONNESS_WEIGHT = 0.75
SPELLING_RANK = 2000  # another spelling of a name's sound is offered next if this common
RECOMBINED = 4  # first names and surnames from different readings, each way
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


def _unknown_first_name(name: str) -> bool:
    """Whether a name starts with a word no one is known to be called. Only
    the first name counts: the surnames are a long tail that holds ordinary
    words ("During", "Large") and leaves out real names ("Turing"); but a
    name of one word, mostly a surname spelled, may be either."""
    words, known = name.lower().split(), census()
    kinds = [known.firsts] if len(words) > 1 else [known.firsts, known.lasts]
    return bool(words) and all(words[0] not in names for names in kinds)


def _split_in_two(name: str) -> str | None:
    """A first name and a surname heard as one word, split where both are
    commonest: "Annalee" -> "Anna Lee", "Annalie" -> "Anna Lie" (not "Ann
    Alie")."""
    known, word = census(), name.lower()
    if " " in word:
        return None
    splits = [(word[:i], word[i:]) for i in range(2, len(word) - 1)]
    found = [(a, b) for a, b in splits if a in known.firsts and b in known.lasts]
    if not found:
        return None
    best = max(found, key=lambda pair: _commonness(" ".join(pair)))
    return name_value(" ".join(best))


def _joined(name: str) -> str | None:
    """A surname heard as two words, joined where that is a surname people
    have: "Ada Love Lace" -> "Ada Lovelace", "Ryan Mc Donald" -> "Ryan
    McDonald" (not after a particle: "van Dyke" stays)."""
    words = name.split()
    if len(words) < 3 or words[-2].lower() in PARTICLES:
        return None
    surname = (words[-2] + words[-1]).lower()
    return name_value(" ".join([*words[:-2], surname])) if surname in census().lasts else None


def _sounding_alike(name: str) -> str | None:
    """The name with its first and last words written as the commonest name
    that sounds the same ("Robert Ging" -> "Robert King", "Lower Hal" ->
    "Laura Hall"), where that differs."""
    known, words = census(), name.lower().split()
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
    wide = True
    spellable = True

    def lexicon_for(self, readings: Readings, hints: Hints) -> Lexicon | None:
        return LEXICON if _spelled(readings) else None

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
        return {name: COMMONNESS_WEIGHT * _commonness(name) for name in names}

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
            values = list(dict.fromkeys([values[0], *_written_otherwise(values[0]), *values]))
        return values or [v for v in [name_value(readings.heard)] if v]


def _said_names(readings: Readings) -> list[str]:
    """The open readings with no word that names never have, those that
    start with a first name people have first, each followed by it in two
    words where it was heard as one and its surname in one word where it
    was heard as two, then by the commonest names that sound like each. A
    reading with no letters ("10.") names no one."""
    heard = [readings.heard, *(readings.constrained or readings.others)]
    said = [name_value(text) for text in heard if _sounds_like_a_name(text)]
    said = [v for v in said if any(c.isalpha() for c in v)]
    said = sorted(dict.fromkeys(said), key=_unknown_first_name)
    found = []
    for one in said:
        forms = [form for form in (one, _split_in_two(one), _joined(one)) if form]
        found += [*forms, *(alike for form in forms if (alike := _sounding_alike(form)))]
    return list(dict.fromkeys(found))


def _written_otherwise(name: str) -> list[str]:
    """The name with its first name, then its surname, spelled as the
    commonest other name of the same sound ("Sophia" -> "Sofia", "Conner"
    -> "Connor"), where that is a common name too: no ranking on the audio
    can tell them apart, so the other is one pick away."""
    known, words = census(), name.split()
    if len(words) < 2:
        return []
    others = []
    first = (0, known.firsts_by_skeleton, known.firsts)
    for i, spellings, ranks in (first, (-1, known.lasts_by_skeleton, known.lasts)):
        word = words[i].lower()
        alike = [a for a in spellings.get(skeleton(word), []) if a != word]
        if alike and ranks[alike[0]] < SPELLING_RANK:
            written = [*words]
            written[i] = alike[0]
            others.append(name_value(" ".join(written)))
    return others


def _recombined(names: list[str]) -> list[str]:
    """Each first name heard with each surname heard (all after the first word)."""
    firsts = dict.fromkeys(name.split(" ", 1)[0] for name in names if " " in name)
    lasts = dict.fromkeys(name.split(" ", 1)[1] for name in names if " " in name)
    return [f"{a} {b}" for a in list(firsts)[:RECOMBINED] for b in list(lasts)[:RECOMBINED]]


def _commonness(name: str) -> float:
    """How common the first and last words are as a first name and a
    surname (a lone word as a first name, counted twice): 0 at best."""
    known, words = census(), name.lower().replace("'", "").split()
    if len(words) < 2:
        return 2 * commonness(words[0], known.firsts)
    return commonness(words[0], known.firsts) + commonness(words[-1], known.lasts)


def _spelled(readings: Readings) -> bool:
    return any(is_spelled(text) for text in [readings.heard, *readings.others])


def _spelled_out(readings: Readings) -> bool:
    """Whether a reading has letters said one by one ("N. G. U. Y. E. N.")."""
    texts = (strip_fillers(text) for text in [readings.heard, *readings.others])
    return any(_spelled_name(text) != text for text in texts)


def _spelled_values(readings: Readings) -> list[str]:
    texts = [*(readings.constrained or readings.others), readings.heard]
    spelled = (spelled_value(text) for text in texts)
    return [name_value(s) for s in spelled if s and not runs_on(s)]
