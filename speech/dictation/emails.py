"""The email kind: every reading and the mishearings it may hide made into
addresses, the likeliest first; the spelling alphabet for a misheard user
name; a reading in names for a user name heard as no one's; a choice among
real endings where the one heard is none; and the name the form already
holds, which makes an address built from it likelier."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..engines import Lexicon
from . import user_names
from .addresses import (
    EMAIL_WORDS,
    GENERIC_DOMAINS,
    LEXICON,
    SYMBOLS,
    email_value,
    has_real_ending,
    is_whole,
    said_otherwise,
    written_otherwise,
)
from .census import census, commonness
from .context import local_parts, said_user_names, sounds_like_the_name
from .domains import domains_to_rank
from .kinds import Hints, Kind, Readings
from .spelling import from_alphabet, is_spelled, runs_on
from .words import TEENS, TENS, UNITS, plain

# The user names a full name makes, said in place of the one heard, ranked
# on the audio with this head start: "Olivia dot marty" -> "Olivia dot
# Martin", "Men underscore Carter" -> "Ben underscore Carter". Measured on
# the benchmark's 31 named addresses in four voices: a user name built from
# the name scored 0.5 to 3 below the heard one where it was what was said
# and heard otherwise (5 addresses lifted at 2.0, 7 at 2.5, 10 at 3.0), and
# 2.5 or more below where something else was said (2 lost at 3.0:
# "hannah99" to "Hannah", "sarah.connor" to "Sarah Connor").
NAME_PRIOR = 2.0

# The user name as each open reading heard it, and with a mishearing of a
# symbol undone ("Peter Nash Parker" -> "Peter dash Parker"), ranked on the
# audio, each with its words' commonness as names (census.commonness, a
# word no one is called as a rare name) times this as its head start:
# "Robert dot king" over "Rover dot king", "Ben underscore Carter" over
# "Been underscore Carter". Measured offline on the benchmark's 128
# addresses (main and held out, four voices): the user name right in 78 as
# heard first, 80 ranked on the audio alone, 90, 92, 91 with weights 0.5,
# 0.75, 1.0; none lost. The same weight as names' own ranking.
COMMONNESS_WEIGHT = 0.75
_NOT_NAMES = frozenset(SYMBOLS) | frozenset(UNITS) | frozenset(TEENS) | frozenset(TENS)

# An address as heard: before "at" (or "@"), and after.
_AT = re.compile(r"^(?P<head>.+?)(?:\s+(?P<said>at|had)\s+|@)(?P<tail>.+)$", re.S)

# An address as heard up to its last "dot", and the word after it.
_LAST_LABEL = re.compile(
    r"^(?P<head>.*(?:\b(?:dot|not|point)\s+|\.))(?P<last>[a-z]+)[.!?]*$", re.I | re.S
)


@dataclass
class _Candidate:
    heard: str  # the reading it came from
    address: str
    variant: bool  # made by undoing a mishearing, not heard as such

    def trust(self, position: int) -> tuple:
        """Sort key: well-formed before not, real endings first, readings as
        heard before the variants made of them, then the engine's order."""
        return (
            not is_whole(self.address),
            not has_real_ending(self.address),
            self.variant,
            position,
        )


def _spelled(readings: Readings) -> bool:
    return any(is_spelled(text, EMAIL_WORDS) for text in [readings.heard, *readings.others])


def _candidates(readings: Readings) -> list[_Candidate]:
    """Each reading's address followed by its variants, in the order the
    readings are trusted. In a recording that sounds like the spelling
    alphabet, its words are letters, and the readings in the alphabet's
    words only come first (a whole address 10 of 11 times on eSpeak,
    against 4 with the open transcript first). A reading in names comes
    last, and only where no open reading is an address: its domain is
    made of a few providers' words ("Samatha at lampe dot o" for
    sam@example.org)."""
    spelled = _spelled(readings)
    others = readings.constrained or readings.others
    if spelled:
        texts = [t for t in [*others, readings.heard] if not runs_on(_user_part(t))]
    else:
        texts = [readings.heard, *readings.others]
    # The engine's choice among the phrases this kind named leads.
    found = _made(spelled, [*readings.ranked[:1], *texts] or [readings.heard])
    if not spelled and not any(is_whole(c.address) for c in found):
        found += _made(False, readings.constrained)
    return found


def _made(spelled: bool, texts: list[str]) -> list[_Candidate]:
    found: list[_Candidate] = []
    for text in texts:
        said = from_alphabet(text) if spelled else text
        made = [email_value(said), *(email_value(other) for other in said_otherwise(said))]
        made += [other for address in made for other in written_otherwise(address)]
        found += [_Candidate(text, address, variant=i > 0) for i, address in enumerate(made)]
    return found


def _said_addresses(readings: Readings) -> list[re.Match]:
    """Each open reading, and each reading in names, split at its "at" (none
    in an address spelled in the alphabet, whose words rank as noise)."""
    texts = [] if _spelled(readings) else [readings.heard, *readings.others, *readings.constrained]
    return [said for text in texts if (said := _AT.match(text.strip()))]


def _heads(said: list[re.Match], best: str) -> list[str]:
    """The user name as the best address heard it, as each open reading did,
    and each with a mishearing of a symbol undone."""
    heads = [best, *(found["head"] for found in said)]
    heads += [other for head in heads for other in said_otherwise(head)]
    return list(dict.fromkeys(heads))


def _head_start(head: str) -> float:
    """A user name's head start in the ranking: how common its words are as
    names, times COMMONNESS_WEIGHT (symbols, numbers and letters count for
    nothing). Words are split at a dot or underscore written between them
    too: "Lucas.Rossie" is two words, not one that counts for nothing (and
    so beat "Lucas dot Rossi"); letters spelled ("J-O-H-N", "J.O.H.N")
    are no names either way."""
    known = census()
    said = re.split(r"[\s._]+", plain(head).replace("'", ""))
    words = [w for w in said if len(w) > 1 and w.isalpha() and w not in _NOT_NAMES]
    return COMMONNESS_WEIGHT * sum(commonness(w, known.firsts, known.lasts) for w in words)


def _user_part(text: str) -> str:
    return from_alphabet(text).partition(" at ")[0]


class EmailKind(Kind):
    name = "email"
    wide = True
    spellable = True

    def lexicon_for(self, readings: Readings, hints: Hints) -> Lexicon | None:
        """The alphabet's words for an address spelled in it; names and an
        address's words where the user name heard is no one's."""
        if _spelled(readings):
            return LEXICON
        texts, heard = [readings.heard, *readings.others], _best(_candidates(readings))
        return user_names.lexicon() if user_names.worth_reading(heard.address, texts) else None

    def phrases_to_rank(self, readings: Readings, hints: Hints) -> dict[str, float]:
        """Where the likeliest address ends in no real top-level domain
        ("university dot Andrew" for "university dot edu"), its reading with
        each generic one in that place. Country codes are left out: said as
        letters, they are not misheard as words, and as words ("to", "do",
        "no") they won over "edu" in two of six addresses. Otherwise the
        reading with each user name heard (_heads), and those the form's
        name makes, in its place, each weighed by how common its words are
        as names; and with each domain domains_to_rank offers in its place."""
        best = _best(_candidates(readings))
        local, at, domain = best.address.rpartition("@")
        if not at:
            return {}
        found = _LAST_LABEL.match(best.heard.strip())
        if found and not has_real_ending(best.address):
            return dict.fromkeys((found["head"] + d for d in GENERIC_DOMAINS), 0.0)
        split = _AT.match(best.heard.strip())
        if not split:
            return {}
        said = _said_addresses(readings)
        heads = {head: _head_start(head) for head in _heads(said, split["head"])}
        # Measured only where "at" was heard as a word, as people say it.
        if hints.name and split["said"] and _near_the_name(local, hints.name):
            heads |= {head: NAME_PRIOR + _head_start(head) for head in said_user_names(hints.name)}
        tails = domains_to_rank(domain, split["tail"], [found["tail"] for found in said])
        if len(heads) == 1 and len(tails) == 1:
            return {}
        return {f"{h} at {t}": heads[h] + tails[t] for h in heads for t in tails}

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        candidates = _candidates(readings)
        best = _best(candidates)
        # Every alternative is an address someone could have: well formed,
        # with a real top-level domain.
        rest = [c for c in candidates if is_whole(c.address) and has_real_ending(c.address)]
        addresses = list(dict.fromkeys([best.address, *(c.address for c in rest)]))
        if user_names.spelled_out([readings.heard, *readings.others]):
            addresses = [a for one in addresses for a in (user_names.spelled_as_names(one), one)]
            addresses = list(dict.fromkeys(addresses))
        if hints.name:
            addresses = _with_the_name(addresses, hints.name)
        return [address for address in addresses if address]


def _best(candidates: list[_Candidate]) -> _Candidate:
    return min(enumerate(candidates), key=lambda pair: pair[1].trust(pair[0]))[1]


def _with_the_name(addresses: list[str], name: str) -> list[str]:
    """The name the form holds, where an address's user name sounds like it:
    "ellis.brown@..." with "Alice Brown" is followed by "alice.brown@...";
    and an address that is the name written out comes first where the first
    is not and sounds near it ("robert.king" before "robert.queuing" with
    "Robert King"), never before one that sounds unlike it ("info@...")."""
    forms = local_parts(name)
    written = []
    for address in addresses:
        local, _, domain = address.partition("@")
        rewritten = sounds_like_the_name(local, forms) if is_whole(address) else None
        written += [address] + ([f"{rewritten}@{domain}"] if rewritten else [])
    written = list(dict.fromkeys(written))
    first = written[0]
    if first.partition("@")[0] in forms:
        return written
    named = (
        address
        for address in written
        if address.partition("@")[0] in forms
        and address.partition("@")[2] == first.partition("@")[2]
        and is_whole(address)
        and has_real_ending(address)
        and _near(address, first)
    )
    lifted = next(named, None)
    return [lifted, *(a for a in written if a != lifted)] if lifted else written


def _near_the_name(local: str, name: str) -> bool:
    """A user name near one the name makes but not one of them: worth the
    engine's ranking (about 0.7 s), which "info" or "john.smith" for John
    Smith are not."""
    forms = local_parts(name)
    return local not in forms and any(fuzz.ratio(local, form) >= 60 for form in forms)


def _near(one: str, other: str) -> bool:
    return fuzz.ratio(one.partition("@")[0], other.partition("@")[0]) >= 60
