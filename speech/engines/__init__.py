"""The engines, one instance each per process, and the allow-list."""

from __future__ import annotations

import logging
import threading

from django.conf import settings

from .base import Engine, EngineError, EngineUnavailable, Lexicon, Reading, Transcript
from .google import GoogleEngine
from .moonshine import MoonshineEngine
from .sphinx import SphinxEngine

__all__ = [
    "Engine", "EngineError", "EngineUnavailable", "Lexicon", "Reading", "Transcript",
    "get", "allowed", "load_default_in_background",
]  # fmt: skip

logger = logging.getLogger(__name__)

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


def load_default_in_background() -> None:
    """Load the default engine's model while the server starts, so that the
    first person to press a mic button does not wait for it."""

    def load() -> None:
        try:
            get(settings.SPEECH_DEFAULT_ENGINE).load()
        except (KeyError, EngineError) as error:
            logger.warning("The default speech engine did not load: %s", error)

    threading.Thread(target=load, name="load-speech-engine", daemon=True).start()
