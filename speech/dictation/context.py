"""What the rest of the form tells a kind: the user names a full name makes,
how a person says them, and whether a user name heard sounds like one of
them."""

from __future__ import annotations

import re
from functools import lru_cache

from doublemetaphone import doublemetaphone

from .letters import as_heard
from .words import fold_accents

# The marks people put between the words of a user name, and how they say them.
_MARKS = {"": "", ".": "dot", "_": "underscore", "-": "dash"}


def _shapes(words: list[str]) -> list[tuple[str, ...]]:
    """The user names people build from a name's first and last words, as
    pieces: (maria,), (maria, ".", lopez), (lopez, "", maria), (m, "", lopez)."""
    first, last = words[0], words[-1]
    shapes: list[tuple[str, ...]] = [(first,), (last,)]
    if len(words) > 1:
        for one, other in ((first, last), (last, first)):
            shapes += [(one, mark, other) for mark in _MARKS]
        shapes += [(first[0], mark, last) for mark in _MARKS]
    return shapes


@lru_cache(maxsize=64)
def local_parts(name: str) -> frozenset[str]:
    """The user names people build from their name: "Maria Lopez" ->
    maria.lopez, marialopez, maria_lopez, maria-lopez, mlopez, m.lopez,
    m_lopez, m-lopez, lopez.maria, lopezmaria, maria, lopez."""
    words = re.sub(r"[^a-z ]", "", fold_accents(name).lower()).split()
    return frozenset("".join(shape) for shape in _shapes(words)) if words else frozenset()


@lru_cache(maxsize=64)
def said_user_names(name: str) -> tuple[str, ...]:
    """The same user names as a person says them, for the engine to rank on
    the audio: "Maria Lopez" -> "Maria dot Lopez", "Maria Lopez", "M
    underscore Lopez"... (the name's words as the form writes them)."""
    words = re.sub(r"[^\w' -]", "", name).split()
    if not words:
        return ()
    said = (_said(shape) for shape in _shapes(words))
    return tuple(dict.fromkeys(said))


def _said(shape: tuple[str, ...]) -> str:
    # A word said alone as a letter is its capital ("M Lopez").
    words = (_MARKS.get(piece, piece.upper() if len(piece) == 1 else piece) for piece in shape)
    return " ".join(word for word in words if word)


def user_name_parts(local: str) -> list[str]:
    """A user name's words with what stands between them, marks and digits
    kept as parts: "ellis.brown77" -> ["ellis", ".", "brown", "77", ""]."""
    return re.split(r"([._\-+]|\d+)", local)


def sounds_like_the_name(local: str, forms: frozenset[str]) -> str | None:
    """The user name with each word that sounds like a form of the name
    written as the name writes it ("ellis.brown" -> "alice.brown" for Alice
    Brown, "enosmith" -> "annasmith" for Anna Smith); None where no word
    does."""
    parts = user_name_parts(local)
    changed = False
    # Shortest first, then alphabetical: "whatson" is "watson", not
    # "ewatson", the same sound, whatever order the set iterates in.
    ordered = sorted(forms, key=lambda form: (len(form), form))
    for i, part in enumerate(parts):
        if len(part) >= 3 and part.isalpha() and part not in forms:
            like = next((form for form in ordered if _sounds_alike(part, form)), None)
            if like is not None:
                parts[i], changed = like, True
    return "".join(parts) if changed else None


def _sounds_alike(heard: str, form: str) -> bool:
    """The same sounds, by Double Metaphone: spelling alone says too little
    ("peternashparker" is 85% "peterparker", and a word was said between);
    or, spelled letter by letter, letters that rhyme ("tavid" for david)."""
    if not form.isalpha():
        return False
    if as_heard(heard) == as_heard(form):
        return True
    codes = {code for code in doublemetaphone(heard) if code}
    return bool(codes & {code for code in doublemetaphone(form) if code})
