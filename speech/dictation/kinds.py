"""The kinds of value a field takes, as the dictation pipeline sees them.

A kind owns three decisions: whether a second, constrained reading is worth
its time and which words it may use (its lexicon); which phrases
the engine should rank on the audio; and how the readings become values for
the field, best first. Every kind answers through the same path: the
pipeline reads, ranks, and asks the kind for its values.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..engines import Lexicon


@dataclass
class Readings:
    """What the engine made of one recording, for a kind to make values of."""

    heard: str  # the open transcript
    others: list[str] = field(default_factory=list)  # its other open readings, best first
    constrained: list[str] = field(default_factory=list)  # in the lexicon the kind chose
    ranked: list[str] = field(default_factory=list)  # the kind's phrases, as the engine ranked them


@dataclass(frozen=True)
class Hints:
    """What the rest of the form already holds. A hint may make a value the
    audio supports likelier; it never makes one up."""

    name: str = ""  # a full name entered in the form
    region: str = ""  # ISO 3166 code of the country chosen in the form


class Kind:
    """Free text: the words as heard. Subclasses are the other kinds."""

    name = "text"
    has_choices = False
    wide = False  # search wider for other readings (costs time; short values)
    spellable = False  # may be spelled in the spelling alphabet

    def lexicon_for(self, readings: Readings, hints: Hints) -> Lexicon | None:
        """The words to read the audio again with, where the open readings
        leave that worth its time; None by default."""
        return None

    def phrases_to_rank(self, readings: Readings, hints: Hints) -> dict[str, float]:
        """Phrases the audio may say, for the engine to rank, each with a
        bonus to its score for what is known of it beforehand (0 for
        nothing); none by default."""
        return {}

    def values(self, readings: Readings, hints: Hints) -> list[str]:
        """The field's values the readings support, best first, each once."""
        texts = (" ".join(text.split()) for text in [readings.heard, *readings.others])
        return list(dict.fromkeys(text for text in texts if text))

    def label(self, value: str) -> str:
        """The value as the person reads it (a choice's label)."""
        return value


TEXT = Kind()
