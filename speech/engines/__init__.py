"""The engines, one instance each per process, the allow-list, and the one
place that picks an engine and a language for a request or a live session."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterable

from django.conf import settings
from django.utils.translation import get_language_info

from .base import Engine, EngineError, EngineUnavailable, Heard, Lexicon, Reading
from .google import GoogleEngine
from .moonshine import MoonshineEngine
from .sphinx import SphinxEngine

__all__ = [
    "Engine", "EngineError", "EngineUnavailable", "Heard", "Lexicon", "Reading",
    "ENGINES", "UnusableChoice", "allowed", "languages", "pick", "load_default_in_background",
    "prepare_default",
]  # fmt: skip

logger = logging.getLogger(__name__)

ENGINES: dict[str, Engine] = {
    engine.name: engine for engine in (MoonshineEngine(), SphinxEngine(), GoogleEngine())
}


class UnusableChoice(ValueError):
    """An engine or language the site does not offer; the message is fit to
    show the user."""


def allowed() -> list[Engine]:
    """The engines the operator allows, in the order SPEECH_ENGINES names them."""
    return [ENGINES[name] for name in settings.SPEECH_ENGINES if name in ENGINES]


def languages() -> list[tuple[str, str]]:
    """(code, name) of every language an allowed engine understands."""
    codes = dict.fromkeys(code for engine in allowed() for code in engine.languages)
    return [(code, _language_name(code)) for code in codes]


def _language_name(code: str) -> str:
    base, _, region = code.partition("-")
    try:
        name = get_language_info(base.lower())["name"]
    except KeyError:
        return code
    return f"{name} ({region.upper()})" if region else name


def pick(name: object = None, language: object = None) -> tuple[Engine, str]:
    """The engine a request or a live session names (by its user-facing
    `provider`) and the language, each defaulting to the site's; raises
    UnusableChoice for anything outside the allow-list."""
    name = name or settings.SPEECH_DEFAULT_ENGINE
    engine = ENGINES.get(name) if isinstance(name, str) else None
    if engine is None or engine not in allowed():
        offered = ", ".join(e.name for e in allowed())
        raise UnusableChoice(
            f"Unknown speech engine {str(name)[:32]!r}; this site offers: {offered}."
        )
    if engine.needs_network and not settings.SPEECH_ALLOW_NETWORK:
        raise UnusableChoice(f"{engine.label} needs the internet, and this site works offline.")
    language = language or settings.SPEECH_DEFAULT_LANGUAGE
    if not isinstance(language, str) or not engine.supports(language):
        shown = str(language)[:32]
        raise UnusableChoice(f"{engine.label} does not understand the language {shown!r}.")
    return engine, language


def prepare_default(lexicons: Iterable[Lexicon]) -> None:
    """Make the default engine ready to read with these lexicons (blocking:
    for a loader's own thread); a warning, not an error, where it cannot."""
    try:
        engine = ENGINES[settings.SPEECH_DEFAULT_ENGINE]
        for lexicon in lexicons:
            engine.prepare(lexicon)
    except (KeyError, EngineError) as error:
        logger.warning("The default speech engine could not prepare its lexicons: %s", error)


def load_default_in_background() -> None:
    """Load the default engine's model while the server starts, so that the
    first person to press a mic button does not wait for it."""

    def load() -> None:
        try:
            ENGINES[settings.SPEECH_DEFAULT_ENGINE].load()
        except (KeyError, EngineError) as error:
            logger.warning("The default speech engine did not load: %s", error)

    threading.Thread(target=load, name="load-speech-engine", daemon=True).start()
