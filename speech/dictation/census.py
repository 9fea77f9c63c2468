"""Names people have (the US census's, from the `names` package: 5,494 first
names and 88,799 surnames), how common each is, and for each sound the
commonest name that has it."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from doublemetaphone import doublemetaphone

# A word in neither list counts as a name at this rank.
UNKNOWN_RANK = 20_000


@dataclass(frozen=True)
class Census:
    """The names in lower case, each with its rank (0 the commonest), and
    for each sound (a Double Metaphone code) the commonest name of each kind
    that has it."""

    firsts: dict[str, int]
    lasts: dict[str, int]
    first_by_sound: dict[str, str]
    last_by_sound: dict[str, str]


@cache
def census() -> Census:
    import names

    firsts = _read(names.FILES["first:female"], names.FILES["first:male"])
    lasts = _read(names.FILES["last"])
    ranks = [{name: rank for rank, name in enumerate(found)} for found in (firsts, lasts)]
    return Census(*ranks, _by_sound(firsts), _by_sound(lasts))


def commonness(word: str, *kinds: dict[str, int]) -> float:
    """-log10(1 + rank / 100) for the word's best rank among the kinds of
    name given: 0 for the commonest, -1 at rank 900, -2.3 for a word in
    none of them."""
    rank = min(ranks.get(word, UNKNOWN_RANK) for ranks in kinds)
    return -math.log10(1 + rank / 100)


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
