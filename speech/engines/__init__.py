"""The engines, one instance each per process, and the allow-list."""

from __future__ import annotations

from django.conf import settings

from .base import Engine, EngineError, EngineUnavailable, Lexicon, Reading, Transcript
from .google import GoogleEngine
from .moonshine import MoonshineEngine
from .sphinx import SphinxEngine

__all__ = [
    "Engine", "EngineError", "EngineUnavailable", "Lexicon", "Reading", "Transcript",
    "get", "allowed",
]  # fmt: skip

ENGINES: dict[str, Engine] = {
    engine.name: engine for engine in (MoonshineEngine(), SphinxEngine(), GoogleEngine())
}


def allowed() -> list[Engine]:
    """The engines the operator allows, in the order SPEECH_ENGINES names them."""
    return [ENGINES[name] for name in settings.SPEECH_ENGINES if name in ENGINES]


def get(name: str) -> Engine:
    """An allowed engine by name; KeyError for any other name."""
    engine = ENGINES[name]
    if engine not in allowed():
        raise KeyError(name)
    return engine
