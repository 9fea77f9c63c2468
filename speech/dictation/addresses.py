"""Email addresses: "john dot smith at example dot com" ->
john.smith@example.com, the spelling alphabet for a misheard user name, and
a choice among real endings where the one heard is none."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from ..engines import Lexicon
from .kinds import Hints, Kind, Readings
from .spelling import SPELLING_ALPHABET, from_alphabet, is_spelled, join_spelled, runs_on
from .words import COMPOUND_NUMBER, UNITS, numbers_to_digits, plain, strip_fillers

SYMBOLS = {
    # "not" is how the default engine often hears "dot" between names.
    "dot": ".", "not": ".", "period": ".", "point": ".", "full stop": ".",
    "underscore": "_", "under score": "_",
    "dash": "-", "hyphen": "-", "minus": "-",
    "plus": "+",
}  # fmt: skip
_SYMBOL_WORDS = "|".join(SYMBOLS)
ADDRESS = re.compile(r"^[a-z0-9][a-z0-9._%+\-]*@(?:[a-z0-9\-]+\.)+[a-z]{2,}$")

# The generic top-level domains most addresses use, said as words.
GENERIC_DOMAINS = (
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro",
    "io", "ai", "app", "dev", "me", "tv", "co", "uk", "eu", "xyz", "online", "site",
    "tech", "store", "blog", "email", "mail", "cloud", "club", "shop", "website",
)  # fmt: skip

# Mail providers most addresses use. A domain heard as a near miss of one
# ("heartmail.com", "gmial.com") is that one; any other domain is kept, and
# so are short names, which are near too many others.
COMMON_DOMAINS = (
    "gmail.com", "googlemail.com", "yahoo.com", "yahoo.co.uk", "outlook.com", "hotmail.com",
    "hotmail.co.uk", "live.com", "msn.com", "icloud.com", "me.com", "aol.com", "proton.me",
    "protonmail.com", "gmx.com", "gmx.de", "mail.com", "yandex.com", "zoho.com",
)  # fmt: skip

# An address spelled in the alphabet, its provider's name said as a word:
# "kilo echo victor india november at gmail dot com".
LEXICON = Lexicon(
    "email-spelling",
    tuple(dict.fromkeys([
        *SPELLING_ALPHABET, "at", "dot", "underscore", "dash", "hyphen", "plus", *UNITS,
        *(label for domain in COMMON_DOMAINS for label in domain.split(".")), *GENERIC_DOMAINS,
    ])),
)  # fmt: skip
# An address's words that are not the alphabet's.
EMAIL_WORDS = frozenset(LEXICON.words) - frozenset(SPELLING_ALPHABET)

# An address as heard up to its last "dot", and the word after it.
_LAST_LABEL = re.compile(
    r"^(?P<head>.*(?:\b(?:dot|not|point)\s+|\.))(?P<last>[a-z]+)[.!?]*$", re.I | re.S
)


def email_value(text: str) -> str:
    text = strip_fillers(text)
    text = re.sub(r"\bat (?:sign|symbol)\b|\bat the rate(?: of)?\b", " @ ", text, flags=re.I)
    text = join_spelled(text)
    text = COMPOUND_NUMBER.sub(r"\1 \2", text)
    # "T. underscore": the engine's full stop after a letter, not a "dot".
    text = re.sub(rf"\b([a-z])\.\s+(?=(?:{_SYMBOL_WORDS}|at)\b)", r"\1 ", text, flags=re.I)
    text = re.sub(r"\bdouble (?:u|you)\b", " w ", text, flags=re.I)
    said = plain(text)
    for spoken, symbol in SYMBOLS.items():
        said = re.sub(rf"\b{spoken}\b", f" {symbol} ", said)
    words = numbers_to_digits(said.split())
    if "@" not in words:
        # The last "at" that is not a top-level domain ("dot at" is Austria).
        for i in range(len(words) - 1, 0, -1):
            if words[i] == "at" and words[i - 1] != ".":
                words[i] = "@"
                break
    value = re.sub(r"[^a-z0-9@._%+\-]", "", "".join(words))
    value = re.sub(r"\.{2,}", ".", value)
    return _known_domain(value.strip(".-"))


def _known_domain(address: str) -> str:
    local, at, domain = address.rpartition("@")
    name, dot, ending = domain.partition(".")
    if not at or not dot or domain in COMMON_DOMAINS or len(name) < 5:
        return address  # short names are too easily near something
    candidates = [known for known in COMMON_DOMAINS if known.partition(".")[2] == ending]
    if not candidates:
        return address
    best = max(candidates, key=lambda known: fuzz.ratio(name, known.partition(".")[0]))
    if fuzz.ratio(name, best.partition(".")[0]) >= 75:
        return f"{local}@{best}"
    return address


@cache
def top_level_domains() -> frozenset[str]:
    """The generic domains and the country codes (every ISO 3166 code but GB
    is its own domain; the UK's is uk)."""
    from django_countries import countries

    return frozenset(GENERIC_DOMAINS) | {code.lower() for code, _ in countries}


def _best_address(readings: Readings) -> tuple[str, str]:
    """The reading an address comes from, as heard, and the address: the
    first with a real top-level domain, else the first whole one, else the
    open transcript's value. The engine's best text can lack the "at" that
    its second ("Into that company not come" / "Info@company.com") has. In
    a transcript that sounds like the spelling alphabet, its words are
    letters, and the readings in the alphabet's words only come first (a
    whole address 10 of 11 times on eSpeak, against 4 with the open
    transcript first)."""
    heard = readings.heard
    spelled = is_spelled(heard, EMAIL_WORDS)
    others = [*readings.ranked[:1], *(readings.constrained or readings.others)]
    if spelled:
        candidates = [*others, heard]
        candidates = [t for t in candidates if not runs_on(from_alphabet(t).partition(" at ")[0])]
    else:
        candidates = [heard, *others]
    made = [(text, email_value(from_alphabet(text) if spelled else text)) for text in candidates]
    whole = [pair for pair in made if ADDRESS.match(pair[1])]
    known = [pair for pair in whole if pair[1].rpartition(".")[2] in top_level_domains()]
    fallback = (heard, email_value(from_alphabet(heard) if spelled else heard))
    return (known or whole or [fallback])[0]


class EmailKind(Kind):
    name = "email"
    lexicon = LEXICON

    def needs_reading(self, heard: str, hints: Hints) -> bool:
        return is_spelled(heard, EMAIL_WORDS)

    def phrases_to_rank(self, readings: Readings) -> list[str]:
        """Where the address heard ends in no real top-level domain
        ("university dot Andrew" for "university dot edu"), its reading with
        each generic one in that place. Country codes are left out: said as
        letters, they are not misheard as words, and as words ("to", "do",
        "no") they won over "edu" in two of six addresses."""
        heard, value = _best_address(readings)
        if "@" not in value or value.rpartition(".")[2] in top_level_domains():
            return []
        found = _LAST_LABEL.match(heard.strip())
        if not found:
            return []
        return [found["head"] + domain for domain in GENERIC_DOMAINS]

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        value = _best_address(readings)[1]
        return [value] if value else []
