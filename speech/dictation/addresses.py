"""Spoken addresses as written: "john dot smith at example dot com" ->
john.smith@example.com, and the other addresses a text may have meant, for
the ways the default engine mishears them ("Peter Nash Parker" for "peter
dash parker", "mail" for "gmail", "Greenette Proton" for "green at
proton")."""

from __future__ import annotations

import re
from functools import cache

from rapidfuzz import fuzz

from ..engines import Lexicon
from .spelling import SPELLING_ALPHABET, join_spelled
from .words import COMPOUND_NUMBER, TENS, UNITS, numbers_to_digits, plain, strip_fillers

SYMBOLS = {
    # "not" is how the default engine often hears "dot" between names.
    "dot": ".", "not": ".", "period": ".", "point": ".", "full stop": ".",
    "underscore": "_", "under score": "_",
    "dash": "-", "hyphen": "-", "minus": "-",
    "plus": "+",
}  # fmt: skip
_SYMBOL_WORDS = "|".join(SYMBOLS)
# A local part starts and ends with a letter or digit (no one's ends in "-"
# or "."), with no two symbols in a row; each domain label likewise.
ADDRESS = re.compile(r"^[a-z0-9](?:[._%+\-]?[a-z0-9_])*@(?:[a-z0-9](?:-?[a-z0-9])*\.)+[a-z]{2,}$")

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


# A digit heard as a word after a tens word: "twenty for" is 24.
DIGIT_HOMOPHONES = {"for": "four", "fore": "four", "to": "two", "too": "two",
                    "won": "one", "ate": "eight"}  # fmt: skip
_NUMBER_HEARD = re.compile(rf"\b({'|'.join(TENS)})[\s-]+({'|'.join(DIGIT_HOMOPHONES)})\b-?", re.I)


# A user name spelled letter by letter that ends in N, said before "at":
# "W-A-T-S-O and at gmail" (watson), "B-R-O-W and at hotmail" (brown).
_LETTER_N_HEARD = re.compile(r"(\b[a-z]\b[.,]?\s*-?\s*)\band\b(?=[\s,.]+(?:at|dot)\b)", re.I)


def email_value(text: str) -> str:
    text = strip_fillers(text)
    text = re.sub(r"\bat (?:sign|symbol)\b|\bat the rate(?: of)?\b", " @ ", text, flags=re.I)
    text = _LETTER_N_HEARD.sub(r"\1n", text)
    text = join_spelled(text)
    text = _NUMBER_HEARD.sub(lambda m: f"{m[1]} {DIGIT_HOMOPHONES[m[2].lower()]} ", text)
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


def is_whole(address: str) -> bool:
    return bool(ADDRESS.match(address))


def has_real_ending(address: str) -> bool:
    return address.rpartition(".")[2] in top_level_domains()


# Words the default engine hears for a symbol said between two names.
_HEARD_FOR_DASH = r"nash|cash|mash"
_SYMBOL_HEARD = re.compile(rf"\b(\w+) (?:{_HEARD_FOR_DASH}) (?!at\b)(\w+)", re.I)
# A symbol run into the word after it: "Dashparker", "Dotley", "Cashparker".
_SYMBOL_RUN_ON = re.compile(rf"\b(dash|dot|{_HEARD_FOR_DASH})([a-z]{{3,}})\b", re.I)
_RUN_ON_AS = {"dot": "dot"}  # the rest were heard for "dash"


def said_otherwise(text: str) -> list[str]:
    """The heard text with one of the default engine's mishearings of an
    address undone: a word heard for "dash" ("Peter Nash Parker"), a symbol
    run into the next word ("Dashparker", "Dotley"), "underscore" heard as
    two words ("Enders scored"), a name heard as its possessive ("David's
    seventy-seven")."""
    variants = [
        _SYMBOL_HEARD.sub(r"\1 dash \2", text),
        _SYMBOL_RUN_ON.sub(lambda m: f"{_RUN_ON_AS.get(m[1].lower(), 'dash')} {m[2]}", text),
        _underscore_heard(text),
        re.sub(r"(?<=[a-z])'s\b", "", text, flags=re.I),
    ]
    return [variant for variant in dict.fromkeys(variants) if variant != text]


def _underscore_heard(text: str) -> str:
    words = text.split()
    for i in range(len(words) - 1):
        pair = re.sub(r"[^a-z]", "", (words[i] + words[i + 1]).lower())
        if fuzz.ratio(pair, "underscore") >= 80:
            return " ".join([*words[:i], "underscore", *words[i + 2 :]])
    return text


# Providers heard for another one: the "g" of gmail is lost on some voices.
SOUNDALIKE_PROVIDERS = {"mail.com": "gmail.com", "nail.com": "gmail.com",
                        "male.com": "gmail.com", "gmail.com": "mail.com"}  # fmt: skip
# What is left of "at" run into a provider's name: "Greenette Proton".
_AT_LEFT = re.compile(r"[-._]?(?:ette|ett|et|at|it|ad|ed)$")


def written_otherwise(address: str) -> list[str]:
    """Other addresses the written one may be: a provider that sounds like
    another ("mail.com" for "gmail.com"), or an "at" run into the provider's
    name ("linda.greenetteproton.me" -> "linda.green@proton.me") or heard as
    "dot" ("lucas.rossy.outlook.com")."""
    local, at, domain = address.rpartition("@")
    if at:
        other = SOUNDALIKE_PROVIDERS.get(domain)
        return [f"{local}@{other}"] if other else []
    for provider in COMMON_DOMAINS:
        head = address.removesuffix(provider)
        if head != address and len(head) > 1:
            # "at" heard as "dot" leaves the symbol: "lucas.rossy.outlook.com".
            return [f"{_AT_LEFT.sub('', head).rstrip('.-_')}@{provider}", f"{head}@{provider}"]
    return []
