"""A choice among a field's own choices: said in so many words, or found by a
search constrained to them, or near one in spelling or sound."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from doublemetaphone import doublemetaphone
from rapidfuzz import fuzz

from .kinds import Hints, Kind, Readings
from .said_as import SAID_AS
from .words import fold_accents, plain, strip_fillers


def _metaphone(text: str) -> str:
    return " ".join(code for word in text.split() for code in doublemetaphone(word)[:1] if code)


def _spoken_choice(text: str) -> str:
    spoken = " ".join(plain(strip_fillers(text)).replace(".", " ").split())
    return re.sub(r"^(?:(?:a|an|the)\s+)+", "", spoken)


# A choice the constrained search heard after its first is taken where its
# name is written at least this like the transcript (rapidfuzz's ratio,
# 0-100), and this much more than the first's. Measured on the benchmark's
# 257 countries in four voices (1,028 recordings): 989 right first before;
# 994 with 80 and 10, none lost anywhere from 75 to 80 and 5 to 20; at 70,
# "Shelley" went to Seychelles instead of Chile.
NEAR = 80
NEARER = 10


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
            read = " ".join(re.sub(r"[()]", " ", fold_accents(label)).split())
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

    def alternatives(self, readings: Readings, value: str | None) -> list[str]:
        """Other choices the speech may name, likeliest first: the next the
        constrained search heard, then the nearest in spelling and sound."""
        ranked = (v for p in readings.ranked if (v := self.phrases.get(p)))
        spoken = _spoken_choice(readings.heard)
        scores = self._scores(spoken) if spoken else {}
        near = sorted((v for v, score in scores.items() if score >= 60), key=scores.__getitem__)
        found = dict.fromkeys([*ranked, *reversed(near)])
        found.pop(value, None)
        return list(found)

    def match(self, readings: Readings) -> str | None:
        """The choice the speech names, or None when nothing is close enough.

        A transcript that is just a choice's name ("France", "I'm from
        France") settles it. Otherwise the search constrained to the choices
        (readings.ranked, best first) decides: open transcription of a lone
        name is weak (spoken "Nigeria" came back as "The idea rehearsed"),
        choosing among names is not. Without it, spelling and sound against
        the transcript alone."""
        spoken = _spoken_choice(readings.heard)
        scores = self._scores(spoken) if spoken else {}
        exact = next((value for name, value in self.names if name == spoken), None)
        if exact is not None:
            return exact
        heard = list(dict.fromkeys(v for p in readings.ranked if (v := self.phrases.get(p))))
        if heard:
            return self._heard_best(spoken, scores, heard)
        best = max(scores, key=scores.__getitem__) if scores else None
        if best is not None and scores[best] >= 85:
            return best
        return None

    def _heard_best(self, spoken: str, scores: dict[str, float], heard: list[str]) -> str:
        """The choice the constrained search heard first, unless one it heard
        next is said in so many words in the transcript (and the first's
        name is no nearer the whole transcript: "Saint Martin Dutch Park" is
        Sint Maarten (Dutch part), not Saint Martin), or is written far more
        like it ("S. Waitini" is Eswatini, not Sweden; "Grenade" Grenada,
        not Brunei)."""
        first = heard[0]
        near_first = self._nearness(spoken, first)
        named = (v for v in heard[:5] if scores.get(v, 0) >= 100)
        if said := next((v for v in named if self._nearness(spoken, v) >= near_first), None):
            return said
        nearness = {v: self._nearness(spoken, v) for v in heard[1:5]}
        near = [v for v, n in nearness.items() if n >= NEAR and n - near_first >= NEARER]
        return near[0] if near else first

    def _nearness(self, spoken: str, value: str) -> float:
        """How like the transcript a choice's nearest name is written, 0-100."""
        return max(fuzz.ratio(spoken, name) for name in self._names_of[value])

    @cached_property
    def _names_of(self) -> dict[str, list[str]]:
        """Each choice's value -> its normalised names."""
        found: dict[str, list[str]] = {}
        for name, value in self.names:
            found.setdefault(value, []).append(name)
        return found

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


class ChoiceKind(Kind):
    name = "choice"
    has_choices = True

    def __init__(self, options: list[tuple[str, str]]) -> None:
        value_of = {label: value for value, label in options}
        aliases = {
            alias: value_of[label]
            for label, said in SAID_AS.items()
            if label in value_of
            for alias in said
        }
        self.choices = Choices(options, aliases)

    def phrases_to_rank(self, readings: Readings, hints: Hints) -> dict[str, float]:
        return dict.fromkeys(self.choices.phrases, 0.0)

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        value = self.choices.match(readings)
        rest = self.choices.alternatives(readings, value)
        return [value, *rest] if value else []

    def label(self, value: str) -> str:
        return self.choices.label_of(value)


@lru_cache(maxsize=64)
def choice_kind(options: tuple[tuple[str, str], ...]) -> ChoiceKind:
    """One kind per set of choices, shared by every field that has them (the
    phrases and their sounds are worked out once)."""
    return ChoiceKind(list(options))
