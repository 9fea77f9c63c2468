"""How a heard name is written (capitals as people write them, letters
spelled out joined), and the other ways it may be written: split in two,
joined, as the commonest name of its sound, or spelled the other common
way."""

from __future__ import annotations

import re

from doublemetaphone import doublemetaphone

from .census import census, commonness, skeleton
from .spelling import SPELLED, join_spelled
from .words import strip_fillers

RARE = 1000  # past this rank a name gives way to a far commoner one that sounds the same
SPELLING_RANK = 2000  # another spelling of a name's sound is offered next if this common
PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le"}


def name_value(text: str) -> str:
    text = spelled_name(strip_fillers(text))
    words = re.sub(r"[^\w\s'\-]", " ", text).split()
    return " ".join(_capitalise(word, first=(i == 0)) for i, word in enumerate(words))


def spelled_name(text: str) -> str:
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


def split_in_two(name: str) -> str | None:
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
    best = max(found, key=lambda pair: name_commonness(" ".join(pair)))
    return name_value(" ".join(best))


def joined(name: str) -> str | None:
    """A surname heard as two words, joined where that is a surname people
    have: "Ada Love Lace" -> "Ada Lovelace", "Ryan Mc Donald" -> "Ryan
    McDonald" (not after a particle: "van Dyke" stays)."""
    words = name.split()
    if len(words) < 3 or words[-2].lower() in PARTICLES:
        return None
    surname = (words[-2] + words[-1]).lower()
    return name_value(" ".join([*words[:-2], surname])) if surname in census().lasts else None


def sounding_alike(name: str) -> str | None:
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


def written_otherwise(name: str) -> list[str]:
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


def name_commonness(name: str) -> float:
    """How common the first and last words are as a first name and a
    surname (a lone word as a first name, counted twice): 0 at best."""
    known, words = census(), name.lower().replace("'", "").split()
    if len(words) < 2:
        return 2 * commonness(words[0], known.firsts)
    return commonness(words[0], known.firsts) + commonness(words[-1], known.lasts)
