"""Phone numbers: spoken digits to the digits of a possible number."""

from __future__ import annotations

import re

import phonenumbers
from django.conf import settings

from ..engines import Lexicon
from .kinds import Hints, Kind, Readings
from .words import REPEATS, TEENS, TENS, UNITS, numbers_to_digits, plain, strip_fillers

# Words the default engine hears for digits said one by one.
HOMOPHONES = {"for": "four", "fore": "four", "to": "two", "too": "two", "won": "one",
              "ate": "eight", "tree": "three", "sex": "six", "nein": "nine"}  # fmt: skip
# In this order: the constrained search walks its words as listed.
PHONE_WORDS = [*UNITS, *TEENS, *TENS, *REPEATS, "plus", "hundred", "thousand"]
LEXICON = Lexicon("phone", tuple(PHONE_WORDS))


def phone_value(text: str) -> str:
    text = strip_fillers(text)
    words = plain(text).replace("-", " ").replace(".", " ").split()
    words = numbers_to_digits([HOMOPHONES.get(w, w) for w in words])
    plus = bool(re.match(r"\s*\+", text)) or (words[:1] == ["plus"])
    digits = "".join(w for w in words if w.isdigit())
    return ("+" if plus and digits else "") + digits


def is_possible(value: str, region: str) -> bool:
    """Whether the digits can be a phone number: of a length some numbering
    plan allows, in `region` unless they start with + and a country."""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_possible_number(number)


def has_other_words(text: str) -> bool:
    # Only the ways people start saying a number: "I'm" is not one of them,
    # and is how the engine heard a leading "nine".
    text = re.sub(r"^\s*(?:my (?:phone |mobile )?number is|it is|it's)\b", "", text, flags=re.I)
    words = plain(text).replace("-", " ").replace(".", " ").split()
    allowed = set(PHONE_WORDS) | set(HOMOPHONES)
    return any(not (word in allowed or word.isdigit()) for word in words)


def runs_on(value: str) -> bool:
    """Longer than any number (E.164 allows 15 digits), or one digit six
    times in a row: a reading that went on past the speech."""
    digits = value.lstrip("+")
    return len(digits) > 15 or bool(re.search(r"(\d)\1{5,}", digits))


class PhoneKind(Kind):
    name = "phone"

    def lexicon_for(self, readings: Readings, hints: Hints) -> Lexicon | None:
        """Number words only, where the open transcript holds other words
        ("I'm one seven five" for "nine one seven five"), or its digits are
        no possible number (a digit dropped or one "zero" too many)."""
        heard, region = readings.heard, hints.region or settings.PHONE_REGION
        if has_other_words(heard) or not is_possible(phone_value(heard), region):
            return LEXICON
        return None

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        """The open transcript's number, or a constrained reading's: where
        the open transcript has other words in it, the first reading that
        does not run on; where it has none but is no possible number, the
        first reading that is one. Then every other possible number the
        readings make."""
        region = hints.region or settings.PHONE_REGION
        heard = phone_value(readings.heard)
        others = [phone_value(text) for text in readings.constrained or readings.others]
        if not others:
            best = heard
        elif has_other_words(readings.heard):
            # In noise the best reading can run on past the number ("zero" 13 times).
            best = next((read for read in others if not runs_on(read)), others[0])
        elif not is_possible(heard, region):
            best = next((read for read in others if is_possible(read, region)), heard)
        else:
            best = heard
        rest = [heard, *others, *(phone_value(text) for text in readings.others)]
        rest = [v for v in rest if is_possible(v, region) and not runs_on(v)]
        return [v for v in dict.fromkeys([best, *rest]) if v]
