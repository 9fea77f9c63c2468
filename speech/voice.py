"""The voice layer: forms opt in with @voice_form, `{% mic field %}` gives
their fields mic buttons, and the speech view learns from the field a
recording is for what kind of value to make of it.

    @voice_form
    class ContactForm(forms.Form):
        email = forms.EmailField()
        ...
"""

from __future__ import annotations

from dataclasses import dataclass

from django import forms

from .dictation import Kind, kind_for
from .dictation.fields import is_country
from .dictation.kinds import TEXT

_forms: dict[str, type[forms.BaseForm]] = {}


class UnknownForm(ValueError):
    """A form that did not opt in to the voice layer."""


@dataclass(frozen=True)
class VoiceField:
    kind: Kind
    secret: bool  # a password: its transcript is never echoed, logged or stored


def voice_form(form_class: type[forms.BaseForm]) -> type[forms.BaseForm]:
    """Class decorator: the form's fields may have mics."""
    _forms[form_key(form_class)] = form_class
    return form_class


def form_key(form_class: type[forms.BaseForm]) -> str:
    return f"{form_class.__module__}.{form_class.__qualname__}"


def is_voice_form(form_class: type[forms.BaseForm]) -> bool:
    return _forms.get(form_key(form_class)) is form_class


def voice_field(field_name: str, form: str = "") -> VoiceField:
    """What a field of a registered form takes, by its name and the form's
    key; without a key, the first registered form with a field of that name
    (the speech view's JSON clients name only the field). Free text for any
    other name; UnknownForm for a key no form registered."""
    if form and form not in _forms:
        raise UnknownForm(form)
    for form_class in [_forms[form]] if form else _forms.values():
        field = form_class.base_fields.get(field_name)
        if field is not None:
            return VoiceField(kind_for(field), isinstance(field.widget, forms.PasswordInput))
    return VoiceField(TEXT, secret=False)


def hint_sources(form: forms.BaseForm, field_name: str) -> dict[str, list[str]]:
    """The ids of the form's other fields whose values are hints to this
    one's dictation: names (for addresses built from them) and countries
    (for phone numbers said without a country code). Chosen by the fields'
    kinds, so that a password is never one."""
    sources: dict[str, list[str]] = {"name": [], "region": []}
    for bound in form:
        if bound.name == field_name:
            continue
        if kind_for(bound.field).name == "name":
            sources["name"].append(bound.auto_id)
        elif is_country(bound.field):
            sources["region"].append(bound.auto_id)
    return sources
