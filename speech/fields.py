"""Transcript (+ alternatives) -> the value a form field needs.

"john dot smith at example dot com" -> john.smith@example.com,
"five five five one two three four" -> 5551234, a spoken country or sex ->
one of the field's choices, names capitalised as names are.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, cached_property

import phonenumbers
from django.conf import settings
from doublemetaphone import doublemetaphone
from rapidfuzz import fuzz, process

from .engines import Lexicon, Transcript

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
EMAIL_SYMBOLS = {
    # "not" is how the default engine often hears "dot" between names.
    "dot": ".", "not": ".", "period": ".", "point": ".", "full stop": ".",
    "underscore": "_", "under score": "_",
    "dash": "-", "hyphen": "-", "minus": "-",
    "plus": "+",
}  # fmt: skip
_SYMBOL_WORDS = "|".join(EMAIL_SYMBOLS)
NAME_PARTICLES = {"van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le"}
FILLERS = re.compile(
    r"^(?:(?:um+|uh+|er+|erm|so|well|okay|ok)\b[\s,]*)*"
    r"(?:my (?:email(?: address)?|e-mail|phone(?: number)?|number|name|full name|country|sex)"
    r"(?: is|'s)?|it is|it's|i am|i'm|i am from|i'm from|i live in|i come from|this is)?\s*",
    re.IGNORECASE,
)


def _fold_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _plain(text: str) -> str:
    """Lower case, accents folded, punctuation to spaces (keeping @ . ' -)."""
    return re.sub(r"[^a-z0-9@.'\- ]+", " ", _fold_accents(text).lower())


def _strip_fillers(text: str) -> str:
    return FILLERS.sub("", text.strip(), count=1).strip()


def _numbers_to_digits(words: list[str]) -> list[str]:
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
            if nxt in UNITS and UNITS[nxt] > 0 and nxt not in ("oh", "o"):
                out.append(str(TENS[word] + UNITS[nxt]))
                i += 2
            else:
                out.append(str(TENS[word]))
                i += 1
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
    return re.sub(r"[^a-z0-9\- ]+", " ", _fold_accents(text).lower()).split()


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


def _runs_on(spelled: str) -> bool:
    """Letters no name or address has: the reading running on past the
    speech, as it does in noise ("turingturing", "youngggggg")."""
    letters = re.sub(r"[^a-z]", "", spelled.lower())
    repeated = re.fullmatch(r"(.{4,})\1+|(.{1,3})\2{2,}", letters)  # not "lulu" or "anna"
    return bool(repeated or re.search(r"(.)\1{3,}", letters))


def _from_alphabet(text: str) -> str:
    """Each spelling-alphabet word -> its letter, the rest as it was:
    "Kilo, Echo, Victor at gmail dot com" -> "k e v at gmail dot com"."""
    return _SPELLING_WORD.sub(lambda m: f" {SPELLING_ALPHABET[m[1].lower()]} ", text)


# A letter said on its own, as the default engine writes a spelled word:
# "J. O. H. N.", "K-i-n-g", "Double U-T-S-O-N", "j o h n".
_LETTER = r"(?:\bdouble[- ]?(?:u|you)\b|\b[a-z]\b)"
_SPELLED = re.compile(rf"{_LETTER}(?:(?:\.\s*|,\s*|\s*-\s*|\s+){_LETTER})+\.?", re.IGNORECASE)


def _join_spelled(text: str, min_letters: int = 2) -> str:
    """Runs of at least min_letters letters said one by one -> the word they
    spell: "J. O. H. N. at example dot com" -> "JOHN at example dot com"
    (the full stops the engine writes after letters are not "dot")."""

    def joined(match: re.Match) -> str:
        letters = re.findall(_LETTER, match.group(0), re.IGNORECASE)
        if len(letters) < min_letters:
            return match.group(0)
        return "".join("w" if len(letter) > 1 else letter for letter in letters) + " "

    return _SPELLED.sub(joined, text).strip()


# The engine writes "seventy-seven": a number, not a name and a dash.
_COMPOUND_NUMBER = re.compile(rf"\b({'|'.join(TENS)})-({'|'.join(UNITS)})\b", re.IGNORECASE)


def email_value(text: str) -> str:
    text = _strip_fillers(text)
    text = re.sub(r"\bat (?:sign|symbol)\b|\bat the rate(?: of)?\b", " @ ", text, flags=re.I)
    text = _join_spelled(text)
    text = _COMPOUND_NUMBER.sub(r"\1 \2", text)
    # "T. underscore": the engine's full stop after a letter, not a "dot".
    text = re.sub(rf"\b([a-z])\.\s+(?=(?:{_SYMBOL_WORDS}|at)\b)", r"\1 ", text, flags=re.I)
    text = re.sub(r"\bdouble (?:u|you)\b", " w ", text, flags=re.I)
    plain = _plain(text)
    for spoken, symbol in EMAIL_SYMBOLS.items():
        plain = re.sub(rf"\b{spoken}\b", f" {symbol} ", plain)
    words = _numbers_to_digits(plain.split())
    if "@" not in words:
        # The last "at" that is not a top-level domain ("dot at" is Austria).
        for i in range(len(words) - 1, 0, -1):
            if words[i] == "at" and words[i - 1] != ".":
                words[i] = "@"
                break
    value = "".join(words)
    value = re.sub(r"[^a-z0-9@._%+\-]", "", value)
    value = re.sub(r"\.{2,}", ".", value)
    return _known_domain(value.strip(".-"))


ADDRESS = re.compile(r"^[a-z0-9][a-z0-9._%+\-]*@(?:[a-z0-9\-]+\.)+[a-z]{2,}$")


def email_from_readings(transcript: Transcript) -> str:
    """The first of the transcript and its other readings (best first) that
    makes a whole address: the engine's best text can lack the "at" that
    its second ("Into that company not come" / "Info@company.com") has. In
    a transcript that sounds like the spelling alphabet, its words are
    letters."""
    return _best_address(transcript)[1]


def _best_address(transcript: Transcript) -> tuple[str, str]:
    """The reading an address comes from, as heard, and the address: the
    first with a real top-level domain, else the first whole one, else the
    open transcript's value."""
    heard = transcript.text
    spelled = is_spelled(heard, _EMAIL_WORDS)

    def address(text: str) -> str:
        return email_value(_from_alphabet(text) if spelled else text)

    readings = [heard, *transcript.alternatives]
    if spelled:
        # The other readings are then the ones in the alphabet's words only,
        # which read the letters better (a whole address 10 of 11 times on
        # eSpeak, against 4 with the open transcript first).
        readings = [*transcript.alternatives, heard]
        readings = [t for t in readings if not _runs_on(_from_alphabet(t).partition(" at ")[0])]
    made = [(text, address(text)) for text in readings]
    whole = [pair for pair in made if ADDRESS.match(pair[1])]
    known = [pair for pair in whole if pair[1].rpartition(".")[2] in _top_level_domains()]
    return (known or whole or [(heard, address(heard))])[0]


# The generic top-level domains most addresses use, said as words.
GENERIC_DOMAINS = (
    "com", "org", "net", "edu", "gov", "mil", "int", "info", "biz", "name", "pro",
    "io", "ai", "app", "dev", "me", "tv", "co", "uk", "eu", "xyz", "online", "site",
    "tech", "store", "blog", "email", "mail", "cloud", "club", "shop", "website",
)  # fmt: skip


# An address as heard up to its last "dot", and the word after it.
_LAST_LABEL = re.compile(
    r"^(?P<head>.*(?:\b(?:dot|not|point)\s+|\.))(?P<last>[a-z]+)[.!?]*$", re.I | re.S
)


def email_endings(transcript: Transcript) -> list[str]:
    """Where the address heard ends in no real top-level domain ("university
    dot Andrew" for "university dot edu"), its reading with each generic one
    in that place, for the engine to choose among; else nothing. Country
    codes are left out: said as letters, they are not misheard as words, and
    as words ("to", "do", "no") they won over "edu" in two of six addresses."""
    heard, value = _best_address(transcript)
    if "@" not in value or value.rpartition(".")[2] in _top_level_domains():
        return []
    found = _LAST_LABEL.match(heard.strip())
    if not found:
        return []
    return [found["head"] + domain for domain in GENERIC_DOMAINS]


@cache
def _top_level_domains() -> frozenset[str]:
    """The generic domains and the country codes (every ISO 3166 code but GB
    is its own domain; the UK's is uk)."""
    from django_countries import countries

    return frozenset(GENERIC_DOMAINS) | {code.lower() for code, _ in countries}


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
EMAIL_SPELLING_LEXICON = Lexicon(
    "email-spelling",
    tuple(dict.fromkeys([
        *SPELLING_ALPHABET, "at", "dot", "underscore", "dash", "hyphen", "plus", *UNITS,
        *(label for domain in COMMON_DOMAINS for label in domain.split(".")), *GENERIC_DOMAINS,
    ])),
)  # fmt: skip


_EMAIL_WORDS = frozenset(EMAIL_SPELLING_LEXICON.words) - frozenset(SPELLING_ALPHABET)


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


# Words the default engine hears for digits said one by one.
PHONE_HOMOPHONES = {"for": "four", "fore": "four", "to": "two", "too": "two", "won": "one",
                    "ate": "eight", "tree": "three", "sex": "six", "nein": "nine"}  # fmt: skip


def phone_value(text: str) -> str:
    text = _strip_fillers(text)
    plain = _plain(text).replace("-", " ").replace(".", " ")
    words = _numbers_to_digits([PHONE_HOMOPHONES.get(w, w) for w in plain.split()])
    plus = bool(re.match(r"\s*\+", text)) or (words[:1] == ["plus"])
    digits = "".join(w for w in words if w.isdigit())
    return ("+" if plus and digits else "") + digits


def name_value(text: str) -> str:
    text = _spelled_name(_strip_fillers(text))
    text = re.sub(r"[^\w\s'\-]", " ", text)
    words = text.split()
    return " ".join(_capitalise_name(word, first=(i == 0)) for i, word in enumerate(words) if word)


# Words that are in sentences, not in names: a reading with one of them is
# the engine making sense of a name it does not know ("I learned your ring"
# for "Alan Turing").
NOT_IN_NAMES = {
    "i", "i'm", "i'd", "i'll", "you", "your", "you're", "he", "she", "it", "it's", "we",
    "they", "me", "my", "him", "her", "our", "their", "this", "that", "these", "those",
    "is", "are", "was", "were", "be", "been", "am", "do", "does", "did", "don't", "didn't",
    "have", "has", "had", "would", "could", "should", "not", "no", "yes",
    "the", "a", "and", "or", "but", "of", "in", "on", "at", "to", "for", "from",
    "with", "by", "as", "if", "so", "than", "then", "there", "here", "what", "who", "how",
}  # fmt: skip


# "space" parts the words of a name spelled whole ("... alpha space november ...").
NAME_SPELLING_LEXICON = Lexicon("name-spelling", (*SPELLING_ALPHABET, "space"))


def name_from_readings(transcript: Transcript) -> str:
    """A name spelled in the spelling alphabet, from the first reading that
    is all its words; else the first of the transcript and its other
    readings (best first) with no word that names never have; else the
    transcript."""
    readings = [transcript.text, *transcript.alternatives]
    if is_spelled(transcript.text):
        for text in [*transcript.alternatives, transcript.text]:
            if (spelled := spelled_value(text)) and not _runs_on(spelled):
                return name_value(spelled)
    for text in readings:
        words = re.sub(r"[^\w\s']", " ", _spelled_name(_strip_fillers(text)).lower()).split()
        if words and not NOT_IN_NAMES.intersection(words):
            return name_value(text)
    return name_value(transcript.text)


def _spelled_name(text: str) -> str:
    """A name spelled out is one word ("S. M. I. T. H." -> "SMITH"); so is a
    run of four letters or more within one. Shorter runs beside other words
    are initials ("J. R. R. Tolkien")."""
    whole = _SPELLED.fullmatch(text.strip())
    return _join_spelled(text, min_letters=2 if whole else 4)


def _capitalise_name(word: str, first: bool) -> str:
    lower = word.lower()
    if lower in NAME_PARTICLES and not first:
        return lower
    # Jean-Luc, O'Brien; but not the 't of a "don't" heard in a name.
    out = re.sub(r"(^|-|\b[a-z]')([a-z])(?=[a-z])", lambda g: g[1] + g[2].upper(), lower)
    out = out[:1].upper() + out[1:]
    if re.match(r"^(mc)[a-z]", lower):
        out = "Mc" + out[2:3].upper() + out[3:]
    return out


def free_text_value(text: str) -> str:
    return " ".join(text.split())


def _metaphone(text: str) -> str:
    return " ".join(code for word in text.split() for code in doublemetaphone(word)[:1] if code)


@dataclass
class Choices:
    """A field's choices, with the other names people use for them."""

    options: list[tuple[str, str]]  # (value, label)
    aliases: dict[str, str] = field(default_factory=dict)  # spoken name -> value

    @cached_property
    def phrases(self) -> dict[str, str]:
        """Every way of saying a choice (label, label without its bracketed
        part, alias) -> its value. Constrained searches choose among these."""
        phrases: dict[str, str] = {label: value for value, label in self.options}
        shorts: dict[str, set[str]] = {}
        for value, label in self.options:
            short = " ".join(re.sub(r"\(.*?\)", " ", label).split())
            if short and short != label:
                shorts.setdefault(short, set()).add(value)
            # As read aloud: "Virgin Islands U.S.", "Aland Islands".
            read = " ".join(re.sub(r"[()]", " ", _fold_accents(label)).split())
            if read != label:
                phrases.setdefault(read, value)
        for short, values in shorts.items():
            if len(values) == 1:  # "Virgin Islands" alone names two territories
                phrases.setdefault(short, values.pop())
        for alias, value in self.aliases.items():
            phrases.setdefault(alias, value)
        return phrases

    @cached_property
    def names(self) -> list[tuple[str, str]]:
        """(normalised phrase, value), for matching transcripts."""
        names = [(_spoken_choice(phrase), value) for phrase, value in self.phrases.items()]
        return [(name, value) for name, value in names if name]

    @cached_property
    def phonetic(self) -> list[tuple[str, str]]:
        return [(_metaphone(name), value) for name, value in self.names]

    def label_of(self, value: str) -> str:
        return dict(self.options).get(value, "")

    def match(self, transcript: Transcript) -> str | None:
        """The choice the speech names, or None when nothing is close enough.

        A transcript that is just a choice's name ("France", "I'm from
        France") settles it. Otherwise the search constrained to the choices
        (the alternatives, best first) decides: open transcription of a lone
        name is weak (spoken "Nigeria" came back as "The idea rehearsed"),
        choosing among names is not. Without alternatives, spelling and sound
        against the transcript alone."""
        spoken = _spoken_choice(transcript.text)
        scores = self._scores(spoken) if spoken else {}
        exact = next((value for name, value in self.names if name == spoken), None)
        if exact is not None:
            return exact
        heard: list[str] = []
        for phrase in transcript.alternatives:
            value = self.phrases.get(phrase)
            if value is not None and value not in heard:
                heard.append(value)
        if heard:
            # A name said in so many words among a longer transcript, which
            # the constrained search also heard, beats the search's first.
            named = [value for value in heard[:5] if scores.get(value, 0) >= 100]
            return named[0] if named else heard[0]
        best = max(scores, key=scores.__getitem__) if scores else None
        if best is not None and scores[best] >= 85:
            return best
        return None

    def _scores(self, spoken: str) -> dict[str, float]:
        scores: dict[str, float] = {}
        padded = f" {spoken} "
        sound = _metaphone(spoken)
        for name, value in self.names:
            if spoken == name or (len(name) >= 4 and padded.find(f" {name} ") >= 0):
                # Said in so many words ("I'm from France"); longer names win.
                # Short ones must be all that was heard: "ah, man" is not "man".
                score = 100 + len(name) / 100
            else:
                score = fuzz.ratio(spoken, name)
                if len(spoken) >= 4 and len(name) >= 4:
                    score = max(score, fuzz.partial_ratio(spoken, name) * 0.9)
            scores[value] = max(scores.get(value, 0), score)
        for code, value in self.phonetic:
            if sound and code:
                scores[value] = max(scores.get(value, 0), fuzz.ratio(sound, code) * 0.95)
        return scores


def _spoken_choice(text: str) -> str:
    spoken = " ".join(_plain(_strip_fillers(text)).replace(".", " ").split())
    return re.sub(r"^(?:(?:a|an|the)\s+)+", "", spoken)


PHONE_WORDS = [
    *UNITS, *TEENS, *TENS, *REPEATS, "plus", "hundred", "thousand",
]  # fmt: skip
PHONE_LEXICON = Lexicon("phone", tuple(PHONE_WORDS))


def phone_is_possible(value: str) -> bool:
    """Whether the digits can be a phone number: of a length some numbering
    plan allows, in PHONE_REGION unless they start with + and a country."""
    try:
        number = phonenumbers.parse(value, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def _has_other_words(text: str) -> bool:
    # Only the ways people start saying a number: "I'm" is not one of them,
    # and is how the engine heard a leading "nine".
    text = re.sub(r"^\s*(?:my (?:phone |mobile )?number is|it is|it's)\b", "", text, flags=re.I)
    plain = _plain(text).replace("-", " ").replace(".", " ")
    allowed = set(PHONE_WORDS) | set(PHONE_HOMOPHONES)
    return any(not (word in allowed or word.isdigit()) for word in plain.split())


def phone_needs_reading(text: str) -> bool:
    """Whether a reading constrained to number words is worth its time: the
    open transcript holds words that are not numbers ("I'm one seven five"
    for "nine one seven five"), or its digits are no possible number (a
    digit dropped or one "zero" too many)."""
    return _has_other_words(text) or not phone_is_possible(phone_value(text))


def _number_runs_on(value: str) -> bool:
    """Longer than any number (E.164 allows 15 digits), or one digit six
    times in a row: a reading that went on past the speech."""
    digits = value.lstrip("+")
    return len(digits) > 15 or bool(re.search(r"(\d)\1{5,}", digits))


def phone_from_readings(transcript: Transcript) -> str:
    """The number in the open transcript or in the constrained readings (its
    alternatives, best first): where the open transcript has other words in
    it, the first reading that does not run on; where it has none but is no
    possible number, the first reading that is one; else the open
    transcript's."""
    heard = phone_value(transcript.text)
    readings = [phone_value(text) for text in transcript.alternatives]
    if not readings:
        return heard
    if _has_other_words(transcript.text):
        # In noise the best reading can run on past the number ("zero" 13 times).
        return next((read for read in readings if not _number_runs_on(read)), readings[0])
    if not phone_is_possible(heard):
        return next((read for read in readings if phone_is_possible(read)), heard)
    return heard


@dataclass
class FieldKind:
    name: str
    choices: Choices | None = None

    @property
    def lexicon(self) -> Lexicon | None:
        """Words a constrained reading may use, for kinds that have them."""
        lexicons = {
            "phone": PHONE_LEXICON,
            "name": NAME_SPELLING_LEXICON,
            "email": EMAIL_SPELLING_LEXICON,
        }
        return lexicons.get(self.name)

    def needs_reading(self, text: str) -> bool:
        if self.name == "name":
            return is_spelled(text)
        if self.name == "email":
            return is_spelled(text, _EMAIL_WORDS)
        return self.name == "phone" and phone_needs_reading(text)

    def phrases_to_rank(self, transcript: Transcript) -> list[str]:
        """Phrases the audio may say, for the engine to choose among, where
        the transcript gives the field no good value; else nothing."""
        return email_endings(transcript) if self.name == "email" else []

    def value(self, transcript: Transcript) -> str:
        if self.choices is not None:
            return self.choices.match(transcript) or ""
        if self.name == "phone":
            return phone_from_readings(transcript)
        if self.name == "email":
            return email_from_readings(transcript)
        if self.name == "name":
            return name_from_readings(transcript)
        return free_text_value(transcript.text)


def _country_choices() -> Choices:
    from django_countries import countries

    aliases = {
        "UK": "GB", "U K": "GB", "Britain": "GB", "Great Britain": "GB", "England": "GB",
        "Scotland": "GB", "Wales": "GB", "Northern Ireland": "GB",
        "USA": "US", "U S A": "US", "US": "US", "U S": "US", "America": "US",
        "United States": "US", "the States": "US",
        "Russia": "RU", "South Korea": "KR", "Korea": "KR", "North Korea": "KP",
        "Vietnam": "VN", "Iran": "IR", "Syria": "SY", "Laos": "LA", "Bolivia": "BO",
        "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Czech Republic": "CZ",
        "Turkey": "TR", "Holland": "NL", "the Netherlands": "NL", "Ivory Coast": "CI",
        "Swaziland": "SZ", "Burma": "MM", "East Timor": "TL", "Cape Verde": "CV",
        "Vatican": "VA", "Palestine": "PS", "Taiwan": "TW", "Macedonia": "MK",
        "U S Virgin Islands": "VI", "US Virgin Islands": "VI", "British Virgin Islands": "VG",
    }  # fmt: skip
    return Choices([(code, str(name)) for code, name in countries], aliases)


def _sex_choices() -> Choices:
    from accounts.models import Profile

    aliases = {
        "woman": "female", "girl": "female", "lady": "female", "feminine": "female",
        "man": "male", "boy": "male", "gentleman": "male", "masculine": "male",
        "non-binary": "other", "nonbinary": "other", "neither": "other", "intersex": "other",
    }  # fmt: skip
    return Choices([(value, str(label)) for value, label in Profile.Sex.choices], aliases)


@cache
def _known_kinds() -> dict[str, FieldKind]:
    email, phone, name = FieldKind("email"), FieldKind("phone"), FieldKind("name")
    return {
        "email": email,
        "username": email,
        "phone": phone,
        "fullname": name,
        "name": name,
        "country": FieldKind("country", _country_choices()),
        "sex": FieldKind("sex", _sex_choices()),
    }


def kind_for(field_name: str) -> FieldKind:
    """The kind of value a form field takes, by the field's name; free text
    for any other name."""
    return _known_kinds().get(field_name) or FieldKind("text")
