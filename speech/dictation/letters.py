"""A name spelled letter by letter, as the engine hears letters: those that
rhyme ("bee", "pee", "tee", "zee"; "em" and "en"; "ay" and "kay") are
heard for one another, so each word spelled is matched to the census's
names spelled with letters that sound the same, one for one (in a word of
five letters or more, also with a letter lost or put in), and the
likeliest of them goes first: "Hobber" -> Hopper, "Smidh" -> Smith,
"Nguytn" -> Nguyen, "Snith" -> Smith, "Cmpbell" -> Campbell. Names and
user names spelled so use it (names.py, emails.py; context.py for the
form's name).

Chosen on the benchmark's ten spelled names in four voices (40
recordings), offline from what was heard: right first 21 -> 31; then ten
other names, held out: 10 -> 19. A letter lost or put in, too, at 1.5 a
letter, made 31 and 21 (at 1.0, 27 and 22: commoner names took the place
of right ones); a letter heard as one it does not rhyme with turned "Kafor"
into Jason: left out. Through the site (benchmarks/dictation.py): spelled
names right first 52% -> 82%, within five 70% -> 92%; held out 25% -> 52%
and 30% -> 65% (with names.py's order of one-word names)."""

from __future__ import annotations

from functools import cache

from .census import census, commonness

RHYMING = ("bcdegptvz", "ahjk", "mn", "fsx", "iy", "qu")
_SOUND = {letter: letters[0] for letters in RHYMING for letter in letters}
_SOUNDS = sorted({_SOUND.get(letter, letter) for letter in "abcdefghijklmnopqrstuvwxyz"})
# A letter taken for another costs this much commonness (log10 of rank, as
# census.commonness), and a spelling that is a name already has this much
# head start: Gabel (rank 5,273) stays Gabel, not Patel (590).
HEARD_OTHERWISE = 0.2
ALREADY_A_NAME = 0.5
# A letter lost or heard that was not said ("Cmpbell", "Lovlacd") costs this.
LETTER_LOST_OR_ADDED = 1.5


def as_heard(word: str) -> str:
    """The word with each letter made the first of the letters it rhymes with."""
    return "".join(_SOUND.get(letter, letter) for letter in word.lower())


def likeliest(word: str) -> str:
    """The name a word spelled letter by letter most likely is: the word,
    or (in lower case) a commoner name whose letters rhyme with its own,
    or, in a word of five letters or more, with one letter more or less."""
    heard, word, known = word, word.lower(), census()

    def likelihood(name: str, edits: int = 0) -> float:
        otherwise = 0 if edits else sum(a != b for a, b in zip(word, name, strict=True))
        found = commonness(name, known.firsts, known.lasts)
        return found - HEARD_OTHERWISE * otherwise - LETTER_LOST_OR_ADDED * edits

    by_sound, sound = _names_by_sound(), as_heard(word)
    found = [(likelihood(name), name) for name in by_sound.get(sound, ())]
    if len(word) >= 5:
        near = {sound[:i] + s + sound[i:] for i in range(len(sound) + 1) for s in _SOUNDS}
        near |= {sound[:i] + sound[i + 1 :] for i in range(len(sound))}
        found += [(likelihood(n, 1), n) for other in near for n in by_sound.get(other, ())]
    own = likelihood(word) + (ALREADY_A_NAME if word in known.firsts or word in known.lasts else 0)
    best = max(found, default=(own, heard))
    return best[1] if best[0] > own else heard


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
