"""Names people have (the US census's, from the `names` package: 5,494 first
names and 88,799 surnames), how common each is, the commonest name of each
sound, and the ways of spelling one sound (Sophia and Sofia)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from doublemetaphone import doublemetaphone

# A word in neither list counts as a name at this rank.
UNKNOWN_RANK = 20_000
# A reading in names only takes every first name and this many of the
# commonest surnames: the engine builds a trie of them once per process
# (0.35 s and 13 MB for the 14,000 words of an address's reading).
SURNAMES_READ = 10_000


@dataclass(frozen=True)
class Census:
    """The names in lower case, each with its rank (0 the commonest); for
    each sound (a Double Metaphone code) the commonest name of each kind
    that has it; and the names of each kind by their spelling skeleton,
    commonest first."""

    firsts: dict[str, int]
    lasts: dict[str, int]
    first_by_sound: dict[str, str]
    last_by_sound: dict[str, str]
    firsts_by_skeleton: dict[str, list[str]]
    lasts_by_skeleton: dict[str, list[str]]


@cache
def census() -> Census:
    import names

    firsts = _read(names.FILES["first:female"], names.FILES["first:male"])
    lasts = _read(names.FILES["last"])
    ranks = [{name: rank for rank, name in enumerate(found)} for found in (firsts, lasts)]
    by_skeleton = _by_skeleton(firsts), _by_skeleton(lasts)
    return Census(*ranks, _by_sound(firsts), _by_sound(lasts), *by_skeleton)


def commonness(word: str, *kinds: dict[str, int]) -> float:
    """-log10(1 + rank / 100) for the word's best rank among the kinds of
    name given: 0 for the commonest, -1 at rank 900, -2.3 for a word in
    none of them."""
    rank = min(ranks.get(word, UNKNOWN_RANK) for ranks in kinds)
    return -math.log10(1 + rank / 100)


@cache
def names_to_read() -> tuple[str, ...]:
    """Every first name and the SURNAMES_READ commonest surnames, for the
    engine to read a name with no other words (a name heard as words: "Chloe
    managed" for Chloe Bennett, "AlistottBrom" for Alice Brown)."""
    known = census()
    firsts = sorted(known.firsts, key=known.firsts.get)
    lasts = sorted(known.lasts, key=known.lasts.get)[:SURNAMES_READ]
    return tuple(dict.fromkeys([*firsts, *lasts]))


def _read(*paths: str) -> list[str]:
    """The names in the files, commonest first (each file is in order of how
    many people have the name; its second column is their percentage)."""
    rows = []
    for path in paths:
        with open(path, encoding="utf-8") as lines:
            rows += [
                (float(line.split()[1]), line.split()[0].lower()) for line in lines if line.strip()
            ]
    # A name in both files (John is a woman's name too) at its commoner rank.
    return list(dict.fromkeys(name for _, name in sorted(rows, key=lambda row: -row[0])))


def _by_sound(names: list[str]) -> dict[str, str]:
    by_sound: dict[str, str] = {}
    for name in names:
        by_sound.setdefault(doublemetaphone(name)[0], name)
    return by_sound


def skeleton(name: str) -> str:
    """What is left of a name's spelling once the ways of writing one sound
    are made one: Sophia and Sofia, Sarah and Sara, Isabelle and Isabel,
    Connor and Conner, Clarke and Clark, Smyth and Smith, Catherine and
    Katherine (and not Sophie and Sofia, Laura and Larry, John and Juan:
    Double Metaphone's codes are too coarse for that)."""
    word = name.lower().replace("ph", "f").replace("ck", "k")
    word = re.sub(r"c(?=[aou]|$)", "k", word)  # a hard c
    word = re.sub(r"(?<=[aeiou])h$", "", word)  # Sarah
    word = re.sub(r"or$", "er", word)  # Connor
    word = re.sub(r"(?<=[^aeiou]{2})e$|(?<=ee[^aeiou])e$", "", word)  # Clarke, Greene
    word = word.replace("y", "i")  # Smyth
    return re.sub(r"([^aeiou])\1+", r"\1", word)  # Isabell


def _by_skeleton(names: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for name in names:
        found.setdefault(skeleton(name), []).append(name)
    return found
