"""Dictation: a recording -> the value a form field needs.

    dictate(samples, engine, language, kind, hints) -> Dictation

`kind_for(form_field)` gives the kind of value a field takes; the kinds
(emails, phones, names, choices, free text) each live in a module of their
own, beside the topics they share (spoken words, the spelling alphabet)."""

from .fields import kind_for
from .kinds import Hints, Kind, Readings
from .pipeline import Dictation, dictate

__all__ = ["Dictation", "Hints", "Kind", "Readings", "dictate", "kind_for"]
