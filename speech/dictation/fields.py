"""A form field -> the kind of value it takes, read from the field itself:
an email field is an email; a field whose HTML autocomplete token (the
declaration of a field's purpose that browsers and assistive technology
already read) says "tel" or "name" is a phone number or a name; a field
with choices chooses among its own; anything else is free text."""

from __future__ import annotations

from django import forms

from .choices import choice_kind
from .emails import EmailKind
from .kinds import TEXT, Kind
from .names import NameKind
from .phones import PhoneKind

EMAIL, PHONE, NAME = EmailKind(), PhoneKind(), NameKind()
NAME_PURPOSES = {"name", "given-name", "additional-name", "family-name", "nickname"}


def purpose(widget: forms.Widget) -> str:
    """The widget's autocomplete field name, without the section, billing or
    shipping, and home or mobile parts before it: "shipping tel" -> "tel"."""
    tokens = str(widget.attrs.get("autocomplete", "")).lower().split()
    return tokens[-1] if tokens else ""


def kind_for(field: forms.Field) -> Kind:
    input_type = getattr(field.widget, "input_type", "")
    said = purpose(field.widget)
    if isinstance(field, forms.EmailField) or "email" in (input_type, said):
        return EMAIL
    if input_type == "tel" or said.startswith("tel"):
        return PHONE
    if said in NAME_PURPOSES:
        return NAME
    options = _options(field)
    return choice_kind(options) if options else TEXT


def _options(field: forms.Field) -> tuple[tuple[str, str], ...]:
    """(value, label) of each choice but the empty one, groups flattened."""
    options = []
    for value, label in getattr(field, "choices", None) or ():
        group = label if isinstance(label, list | tuple) else [(value, label)]
        options.extend((str(v), str(text)) for v, text in group if v not in ("", None))
    return tuple(options)


def is_country(field: forms.Field) -> bool:
    """A choice of country whose values are ISO 3166 codes: django-countries'
    field, or a field whose autocomplete token says "country"."""
    from django_countries.fields import LazyTypedChoiceField

    return isinstance(field, LazyTypedChoiceField) or purpose(field.widget) == "country"
