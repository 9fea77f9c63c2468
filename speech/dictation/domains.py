"""The domains an address may have, for the engine to rank on the audio: the
one heard, the ones the other readings heard, and the providers most
addresses use, each with a head start for how likely it is before a word
of it is heard."""

from __future__ import annotations

import math
from functools import cache

from .addresses import COMMON_DOMAINS, email_value, has_real_ending

# Where "gmail" is heard as "mail" (Festival's and Flite's voices lose its
# "g"), the engine ranks "... at gmail dot com" against "... at mail dot
# com" on the audio, gmail with this head start: most addresses are at gmail
# and few at mail.com. Measured on 34 addresses in four voices, mail led by
# 0.1 to 5.0 where gmail was said and by 1.9 to 9 where mail was: 22 of 22
# gmail and 10 of 12 mail.com addresses right (on eSpeak and Piper's
# voices, as on people's, the two are 6 to 10 apart either way).
GMAIL_PRIOR = 5.5
HEARD_FOR_GMAIL = {"mail.com", "nail.com", "male.com"}

# A domain heard that is no common provider's is ranked on the audio against
# the providers, each with this head start: "lahu dot com" -> "yahoo dot
# com", "Progundotme" -> "proton dot me". Measured on the 52 of 128
# benchmark addresses (four voices) heard with such a domain: the provider
# scored 2.2 to 3.3 below the heard domain where it was what was said, and
# 5.4 or more below where a domain of the address's own was (example.com,
# skynet.com); 3.5 lifts the two and loses none. mail.com is left to the
# gmail ranking above: it stood 1.1 below a gmail heard otherwise.
PROVIDER_PRIOR = 3.5
RANKED_PROVIDERS = tuple(p.replace(".", " dot ") for p in COMMON_DOMAINS if p != "mail.com")

# Against such a domain, each other domain the readings heard is ranked too,
# with its name's commonness on the web (web_commonness) beside the heard
# one's, times this: "grainfield" (17 thousand times in a trillion words)
# gives way to "greenfield" (2.2 million), "mazilla" (in no count) to
# "mozilla", "baycurry" to "bakery". Measured offline on the benchmark's 128
# addresses (main and held out, four voices): 81 right first, 84 with
# weight 0.1, 87 from 0.2 to 0.5, 86 at 0.75; none lost below 0.75.
WEB_WEIGHT = 0.35


def domains_to_rank(domain: str, heard: str, others: list[str]) -> dict[str, float]:
    """The likeliest address's domain as heard ("skylit dot com" for
    skylit.com) and, where it is no common provider's, the providers and
    the other domains the readings heard (`others`, as they said them), each
    with its head start beside the heard one."""
    if domain in HEARD_FOR_GMAIL:
        return {"gmail dot com": GMAIL_PRIOR, "mail dot com": 0.0}
    if domain in COMMON_DOMAINS:
        return {heard: 0.0}
    ranked = {heard: 0.0, **dict.fromkeys(RANKED_PROVIDERS, PROVIDER_PRIOR)}
    seen, heard_commonness = {domain, *COMMON_DOMAINS}, _name_commonness(domain)
    for other in others:
        if (found := domain_of(other)) not in seen and has_real_ending(found):
            seen.add(found)
            ranked[other] = WEB_WEIGHT * (_name_commonness(found) - heard_commonness)
    return ranked


def domain_of(said: str) -> str:
    """The domain a spoken one writes: "skylit dot com" -> skylit.com."""
    return email_value(f"x at {said}").rpartition("@")[2]


def _name_commonness(domain: str) -> float:
    """The web commonness of a domain's name: its labels but the top-level
    domain's ("bakery" of bakery.co.uk)."""
    labels = domain.split(".")[:-1]
    if len(labels) > 1 and labels[-1] in {"co", "ac", "org", "com", "gov"}:
        labels = labels[:-1]
    return sum(web_commonness(label) for label in labels)


def web_commonness(name: str) -> float:
    """log10 of how often the name's words come up on the web, the name
    split into the words it likeliest is: "greenfield" -5.7 (a word of its
    own), "baycurry" -9.5 ("bay curry"), "mazilla" -10.8 ("ma zilla")."""
    words = _words()
    return sum(math.log10(words.score(word)) for word in words.segment(name))


@cache
def _words():
    """wordsegment's counts of the 333,333 commonest words in Google's
    trillion-word web corpus (the words only: its pairs of words would
    cost another 39 MB, and split the benchmark's domains no better)."""
    import wordsegment

    words = wordsegment.Segmenter()
    words.unigrams.update(words.parse(words.UNIGRAMS_FILENAME))
    words.total, words.limit = words.TOTAL, words.LIMIT
    return words


def load() -> None:
    """Read the word counts now (0.3 s, about 50 MB), not when an address needs them."""
    _words()
