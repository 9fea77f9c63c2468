"""A name spelled letter by letter, as the engine hears letters: those that
rhyme ("bee", "pee", "tee", "zee"; "em" and "en"; "ay" and "kay") are
heard for one another, so each word spelled is matched to the census's
names spelled with letters that sound the same, one for one, and the
likeliest of them goes first: "Hobber" -> Hopper, "Smidh" -> Smith,
"Nguytn" -> Nguyen, "Snith" -> Smith. Names and user names spelled so
use it (names.py, emails.py; context.py for the form's name).

Chosen on the benchmark's ten spelled names in four voices (40
recordings), offline from what was heard: right first 21 -> 31; then ten
other names, held out: 10 -> 19. Also matching a letter left out or put
in (at 1.5 a letter) made 31 and 21: two held-out recordings for a search
of every place a letter may have gone, left out for now; also matching a
letter heard as one it does not rhyme with lost names to commoner ones
("Kafor" -> Jason). Through the site (benchmarks/dictation.py): spelled
names right first 52% -> 78%, within five 70% -> 92%; held out 25% -> 48%
and 30% -> 60%."""

from __future__ import annotations

from functools import cache

from .census import census, commonness

RHYMING = ("bcdegptvz", "ahjk", "mn", "fsx", "iy", "qu")
_SOUND = {letter: letters[0] for letters in RHYMING for letter in letters}
# A letter taken for another costs this much commonness (log10 of rank, as
# census.commonness), and a spelling that is a name already has this much
# head start: Gabel (rank 5,273) stays Gabel, not Patel (590).
HEARD_OTHERWISE = 0.2
ALREADY_A_NAME = 0.5


def as_heard(word: str) -> str:
    """The word with each letter made the first of the letters it rhymes with."""
    return "".join(_SOUND.get(letter, letter) for letter in word.lower())


def likeliest(word: str) -> str:
    """The name a word spelled letter by letter most likely is: the word,
    or (in lower case) a commoner name whose letters rhyme with its own."""
    heard, word, known = word, word.lower(), census()

    def likelihood(name: str) -> float:
        otherwise = sum(a != b for a, b in zip(word, name, strict=True))
        return commonness(name, known.firsts, known.lasts) - HEARD_OTHERWISE * otherwise

    best = max(_names_by_sound().get(as_heard(word), ()), key=likelihood, default=word)
    own = likelihood(word) + (ALREADY_A_NAME if word in known.firsts or word in known.lasts else 0)
    return best if likelihood(best) > own else heard


def likeliest_first(values: list[str]) -> list[str]:
    """Each one-word value spelled letter by letter, after the likeliest
    name it spells where that is another (so the spelling heard stays one
    pick away). Values of several words are left as they are: their words
    are mostly letters heard as words ("Garc Aya"), no name's spelling."""
    found = []
    for value in values:
        found += [likeliest(value), value] if value.isalpha() else [value]
    return list(dict.fromkeys(found))


@cache
def _names_by_sound() -> dict[str, tuple[str, ...]]:
    """The census's first names and surnames by how their letters sound."""
    known, found = census(), {}
    for name in (*known.firsts, *known.lasts):
        found.setdefault(as_heard(name), set()).add(name)
    return {sound: tuple(sorted(names)) for sound, names in found.items()}


def load() -> None:
    _names_by_sound()
