"""What the rest of the form tells a kind: the user names a full name makes,
how a person says them, and whether a user name heard sounds like one of
them."""

from __future__ import annotations

import re
from functools import lru_cache

from doublemetaphone import doublemetaphone

from .words import fold_accents


@lru_cache(maxsize=64)
def local_parts(name: str) -> frozenset[str]:
    """The user names people build from their name: "Maria Lopez" ->
    maria.lopez, marialopez, maria_lopez, maria-lopez, mlopez, m.lopez,
    lopez.maria, lopezmaria, maria, lopez."""
    words = re.sub(r"[^a-z ]", "", fold_accents(name).lower()).split()
    if not words:
        return frozenset()
    first, last = words[0], words[-1]
    forms = {first, last}
    if len(words) > 1:
        for one, other in ((first, last), (last, first)):
            forms |= {one + other, *(one + mark + other for mark in "._-")}
        forms |= {first[0] + last, f"{first[0]}.{last}"}
    return frozenset(forms)


@lru_cache(maxsize=64)
def said_user_names(name: str) -> tuple[str, ...]:
    """The user names of local_parts as a person says them, for the engine
    to rank on the audio: "Maria Lopez" -> "Maria dot Lopez", "Maria Lopez",
    "M underscore Lopez"... (the name's words as the form writes them)."""
    words = re.sub(r"[^\w' -]", "", name).split()
    if not words:
        return ()
    first, last = words[0], words[-1]
    said = [first, last]
    if len(words) > 1:
        for one, other in ((first, last), (last, first)):
            said += [f"{one} {other}", *(f"{one} {mark} {other}" for mark in _SAID_MARKS)]
        said += [f"{first[0].upper()} {last}", f"{first[0].upper()} dot {last}"]
    return tuple(dict.fromkeys(said))


_SAID_MARKS = ("dot", "underscore", "dash")


def sounds_like_the_name(local: str, forms: frozenset[str]) -> str | None:
    """The user name with each word that sounds like a form of the name
    written as the name writes it ("ellis.brown" -> "alice.brown" for Alice
    Brown, "enosmith" -> "annasmith" for Anna Smith); None where no word
    does."""
    parts = re.split(r"([._\-+]|\d+)", local)
    changed = False
    for i, part in enumerate(parts):
        if len(part) >= 3 and part.isalpha():
            like = next((form for form in forms if _sounds_alike(part, form)), None)
            if like is not None:
                parts[i], changed = like, True
    return "".join(parts) if changed else None


def _sounds_alike(heard: str, form: str) -> bool:
    """The same sounds, by Double Metaphone: spelling alone says too little
    ("peternashparker" is 85% "peterparker", and a word was said between)."""
    if not form.isalpha():
        return False
    codes = {code for code in doublemetaphone(heard) if code}
    return bool(codes & {code for code in doublemetaphone(form) if code})
