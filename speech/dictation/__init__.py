"""Dictation: a recording -> the value a form field needs.

    dictate(samples, engine, language, kind, hints) -> Dictation

`kind_for(form_field)` gives the kind of value a field takes; the kinds
(emails, phones, names, choices, free text) each live in a module of their
own, beside the topics they share (spoken words, the spelling alphabet)."""

import threading

from .. import engines
from . import domains, letters, user_names
from .census import census
from .fields import kind_for
from .kinds import Hints, Kind, Readings
from .names import names_only
from .pipeline import Dictation, dictate

__all__ = ["Dictation", "Hints", "Kind", "Readings", "dictate", "kind_for", "load_in_background"]


def load_in_background() -> None:
    """Read the census of names and the web's word counts while the server
    starts, beside the model, and build the engine's search over the names
    a name or address is read again with: the first name or address
    dictated would wait 0.7 s, 0.3 s and 0.6 s for them."""
    threading.Thread(target=_load, name="load-dictation", daemon=True).start()


def _load() -> None:
    census()
    letters.load()
    domains.load()
    engines.prepare_default([names_only(), user_names.lexicon()])
