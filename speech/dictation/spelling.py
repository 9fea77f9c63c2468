"""Words spelled out: in the spelling alphabet ("kilo india november golf"),
or letter by letter as the engine writes them ("J. O. H. N.", "K-i-n-g")."""

from __future__ import annotations

import re

from rapidfuzz import fuzz, process

from .words import fold_accents

# The ICAO spelling alphabet, for a name or address the engine mishears:
# letters said one by one are confused (B, D, E, P, T, V and Z rhyme), these
# words are not.
SPELLING_ALPHABET = {
    "alpha": "a", "alfa": "a", "bravo": "b", "charlie": "c", "delta": "d", "echo": "e",
    "foxtrot": "f", "golf": "g", "hotel": "h", "india": "i", "juliet": "j", "juliett": "j",
    "kilo": "k", "lima": "l", "mike": "m", "november": "n", "oscar": "o", "papa": "p",
    "quebec": "q", "romeo": "r", "sierra": "s", "tango": "t", "uniform": "u",
    "victor": "v", "whiskey": "w", "whisky": "w", "x-ray": "x", "xray": "x",
    "yankee": "y", "zulu": "z",
}  # fmt: skip
_SPELLING_WORDS = list(SPELLING_ALPHABET)
_SPELLING_WORD = re.compile(rf"\b({'|'.join(_SPELLING_WORDS)})\b[.,]?", re.IGNORECASE)


def _spelling_words(text: str) -> list[str]:
    # Digits stay words: "Kilo India November 12" is not all the alphabet's.
    return re.sub(r"[^a-z0-9\- ]+", " ", fold_accents(text).lower()).split()


def is_spelled(text: str, besides: frozenset[str] = frozenset()) -> bool:
    """Whether the transcript sounds like the spelling alphabet: three words
    or more near its words ("Killow, Indiana, Vemper Golf" for K I N G),
    and at least half of the words heard that are not digits or `besides`
    (an address's "at", "dot", "gmail"). Worth a reading with its words only."""
    words = [w for w in _spelling_words(text) if w not in besides and not w.isdigit()]
    near = [w for w in words if process.extractOne(w, _SPELLING_WORDS, scorer=fuzz.ratio,
                                                   score_cutoff=75)]  # fmt: skip
    return len(near) >= 3 and len(near) * 2 >= len(words)


def spelled_value(text: str) -> str | None:
    """The words a reading in the spelling alphabet spells ("sierra mike
    india tango hotel" -> "smith"), or None where it has other words."""
    words = _spelling_words(text)
    if not words or any(w not in SPELLING_ALPHABET and w != "space" for w in words):
        return None
    spelled = "".join(" " if w == "space" else SPELLING_ALPHABET[w] for w in words)
    return " ".join(spelled.split()) or None


def runs_on(spelled: str) -> bool:
    """Letters no name or address has: the reading running on past the
    speech, as it does in noise ("turingturing", "youngggggg")."""
    letters = re.sub(r"[^a-z]", "", spelled.lower())
    repeated = re.fullmatch(r"(.{4,})\1+|(.{1,3})\2{2,}", letters)  # not "lulu" or "anna"
    return bool(repeated or re.search(r"(.)\1{3,}", letters))


def from_alphabet(text: str) -> str:
    """Each spelling-alphabet word -> its letter, the rest as it was:
    "Kilo, Echo, Victor at gmail dot com" -> "k e v at gmail dot com"."""
    return _SPELLING_WORD.sub(lambda m: f" {SPELLING_ALPHABET[m[1].lower()]} ", text)


# A letter said on its own, as the default engine writes a spelled word:
# "J. O. H. N.", "K-i-n-g", "Double U-T-S-O-N", "j o h n"; and digits among
# the letters ("M-I-K-E-2-0", "D-A-V-I-D-77").
_LETTER = r"(?:\bdouble[- ]?(?:u|you)\b|\b[a-z]\b|\b\d+\b)"
SPELLED = re.compile(rf"{_LETTER}(?:(?:\.\s*|,\s*|\s*-\s*|\s+){_LETTER})+\.?", re.IGNORECASE)


def join_spelled(text: str, min_letters: int = 2) -> str:
    """Runs of at least min_letters letters said one by one (with any digits
    among them) -> the word they spell: "J. O. H. N. at example dot com" ->
    "JOHN at example dot com" (the full stops the engine writes after
    letters are not "dot")."""

    def joined(match: re.Match) -> str:
        letters = re.findall(_LETTER, match.group(0), re.IGNORECASE)
        if sum(not letter.isdigit() for letter in letters) < min_letters:
            return match.group(0)
        spelled = ("w" if letter.lower().startswith("double") else letter for letter in letters)
        return "".join(spelled) + " "

    return SPELLED.sub(joined, text).strip()
