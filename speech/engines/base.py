from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np


class EngineError(Exception):
    """The engine could not answer; the message is fit to show the user."""


class EngineUnavailable(EngineError):
    """The engine cannot run here (not installed, needs the network, ...)."""


@dataclass
class Heard:
    """What an engine heard in a recording: its best text and its other
    readings of the same audio (an n-best list), best first."""

    text: str
    alternatives: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Lexicon:
    """Words a constrained reading may use (each also capitalised). The name
    identifies it in engines' caches."""

    name: str
    words: tuple[str, ...]


@dataclass
class Reading:
    text: str
    score: float  # mean log-probability per token


class Engine:
    """One speech recogniser. Subclasses set the class attributes and
    implement recognise(); the registry makes one instance per process."""

    name: str = ""
    label: str = ""
    languages: tuple[str, ...] = ()
    needs_network: bool = False

    def supports(self, language: str) -> bool:
        base = language.lower().split("-")[0]
        return any(code.lower() in (language.lower(), base) for code in self.languages)

    def load(self) -> None:
        """Load what recognition needs (a model), if anything, ahead of use."""

    def prepare(self, lexicon: Lexicon) -> None:
        """Build ahead of use what reading with this lexicon needs, if anything."""

    def recognise(
        self, samples: np.ndarray, language: str, draft: bool = False, wide: bool = False
    ) -> Heard:
        """Transcribe float32 mono 16 kHz samples. A draft (a live partial,
        soon replaced) may trade accuracy for speed; a wide search (a short
        value, whose other readings are offered) may trade speed for more
        readings worth offering."""
        raise NotImplementedError

    def read(self, samples: np.ndarray, language: str, lexicon: Lexicon) -> list[Reading]:
        """Transcribe using only the lexicon's words (any order, any number):
        the likeliest readings, best first. Empty where the engine cannot."""
        return []

    def choose(
        self,
        samples: np.ndarray,
        language: str,
        phrases: list[str],
        priors: Mapping[str, float] | None = None,
    ) -> list[str]:
        """Which of these phrases the audio says, best first: recognition
        constrained to a field's choices. `priors` adds to a phrase's score
        what is known of it beforehand (engines without scores may ignore
        it). Empty where the engine cannot."""
        return []
