"""CMU PocketSphinx through SpeechRecognition: offline, English, weak on open
speech, but able to search a grammar, which makes it useful for choices."""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Mapping
from functools import cache, lru_cache
from pathlib import Path

import numpy as np

from .. import audio
from .base import Engine, EngineUnavailable, Heard


def _data_dir() -> Path:
    import speech_recognition

    return Path(speech_recognition.__file__).parent / "pocketsphinx-data" / "en-US"


@cache
def _dictionary() -> frozenset[str]:
    path = _data_dir() / "pronounciation-dictionary.dict"
    words = set()
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            words.add(line.split(" ", 1)[0].split("(", 1)[0])
    return frozenset(words)


def _words(phrase: str) -> list[str]:
    return re.findall(r"[a-z']+", phrase.lower().replace("&", " and "))


# A few sets: a choice field's choices, and an address's possible endings
# (new for every address, so the oldest go).
@lru_cache(maxsize=8)
def _grammar(choices: tuple[str, ...]) -> tuple[object, dict[str, str], threading.Lock] | None:
    """A decoder that searches only the choices whose words Sphinx can
    pronounce, and the choice each grammar phrase stands for. Built once per
    set of choices (SpeechRecognition's grammar path reloads the model on
    every call, and its cached-grammar branch fails with PocketSphinx 5)."""
    from pocketsphinx import Decoder, Jsgf

    known = _dictionary()
    phrases: dict[str, str] = {}
    for choice in choices:
        words = _words(choice)
        if words and all(word in known for word in words):
            phrases.setdefault(" ".join(words), choice)
    if not phrases:
        return None
    decoder = Decoder(
        hmm=str(_data_dir() / "acoustic-model"),
        dict=str(_data_dir() / "pronounciation-dictionary.dict"),
        lm=None,
        samprate=audio.RATE,
        loglevel="FATAL",
    )
    body = " | ".join(sorted(phrases))
    with tempfile.NamedTemporaryFile("w", suffix=".jsgf") as source:
        source.write(f"#JSGF V1.0;\ngrammar choices;\npublic <choices> = {body};\n")
        source.flush()
        jsgf = Jsgf(source.name)
    fsg = jsgf.build_fsg(jsgf.get_rule("choices.choices"), decoder.get_logmath(), 7.5)
    decoder.add_fsg("choices", fsg)
    decoder.activate_search("choices")
    return decoder, phrases, threading.Lock()


class SphinxEngine(Engine):
    name = "sphinx"
    label = "PocketSphinx (offline)"
    languages = ("en-US", "en")
    needs_network = False

    def recognise(
        self, samples: np.ndarray, language: str, draft: bool = False, wide: bool = False
    ) -> Heard:
        try:
            import speech_recognition as sr
        except ImportError:
            raise EngineUnavailable("SpeechRecognition is not installed.") from None
        data = sr.AudioData(audio.to_pcm16(samples), audio.RATE, 2)
        recognizer = sr.Recognizer()
        try:
            text = recognizer.recognize_sphinx(data, language="en-US")
        except sr.UnknownValueError:
            text = ""
        except sr.RequestError as error:
            raise EngineUnavailable(f"PocketSphinx is not set up: {error}") from None
        return Heard(text)

    def choose(
        self,
        samples: np.ndarray,
        language: str,
        phrases: list[str],
        priors: Mapping[str, float] | None = None,
    ) -> list[str]:
        grammar = _grammar(tuple(phrases))
        if grammar is None:
            return []
        decoder, phrases, lock = grammar
        with lock:
            decoder.start_utt()
            decoder.process_raw(audio.to_pcm16(samples), no_search=False, full_utt=True)
            decoder.end_utt()
            hypotheses = [h.hypstr.strip() for h in decoder.nbest()][:20]
        found = []
        for hypothesis in hypotheses:
            choice = phrases.get(hypothesis)
            if choice and choice not in found:
                found.append(choice)
        return found[:3]
