"""Spoken words as text: number words to digits, the fillers people start
with, and text folded to plain lower-case letters for matching."""

from __future__ import annotations

import re
import unicodedata

UNITS = {
    "zero": 0, "oh": 0, "o": 0, "nought": 0, "nil": 0,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9,
}  # fmt: skip
TEENS = {
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
REPEATS = {"double": 2, "triple": 3}

FILLERS = re.compile(
    r"^(?:(?:um+|uh+|er+|erm|so|well|okay|ok)\b[\s,]*)*"
    r"(?:my (?:email(?: address)?|e-mail|phone(?: number)?|number|name|full name|country|sex)"
    r"(?: is|'s)?|it is|it's|i am|i'm|i am from|i'm from|i live in|i come from|this is)?\s*",
    re.IGNORECASE,
)

# The engine writes "seventy-seven": a number, not a name and a dash.
COMPOUND_NUMBER = re.compile(rf"\b({'|'.join(TENS)})-({'|'.join(UNITS)})\b", re.IGNORECASE)


def fold_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def plain(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (keeping @ . ' -)."""
    return re.sub(r"[^a-z0-9@.'\- ]+", " ", fold_accents(text).lower())


def strip_fillers(text: str) -> str:
    return FILLERS.sub("", text.strip(), count=1).strip()


def numbers_to_digits(words: list[str]) -> list[str]:
    """Number words -> digit strings, word by word as people say them:
    "double five" -> 55, "twenty four" -> 24, "oh" -> 0, "five hundred" -> 500."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        nxt = words[i + 1] if i + 1 < len(words) else ""
        if word in REPEATS and (nxt in UNITS or nxt.isdigit()):
            digit = str(UNITS[nxt]) if nxt in UNITS else nxt
            out.append(digit * REPEATS[word])
            i += 2
            continue
        if word in TENS:
            joined = nxt in UNITS and UNITS[nxt] > 0 and nxt not in ("oh", "o")
            out.append(str(TENS[word] + (UNITS[nxt] if joined else 0)))
            i += 2 if joined else 1
            continue
        if word in TEENS:
            out.append(str(TEENS[word]))
        elif word in UNITS and not (word == "o" and not _near_digits(words, i)):
            out.append(str(UNITS[word]))
        elif word == "hundred" and out and out[-1].isdigit():
            out[-1] += "00"
        elif word == "thousand" and out and out[-1].isdigit():
            out[-1] += "000"
        else:
            out.append(word)
        i += 1
    return out


def _near_digits(words: list[str], i: int) -> bool:
    # "o" is zero only among numbers ("five o two"), a letter otherwise.
    around = words[max(0, i - 1) : i] + words[i + 1 : i + 2]
    return any(w in UNITS or w in TEENS or w in TENS or w.isdigit() for w in around if w != "o")
