from django import forms, template
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.forms import BoundField
from django.forms.widgets import Input

from ..voice import form_key, hint_sources, is_voice_form

register = template.Library()

TEXT_INPUT_TYPES = {"text", "email", "tel", "url", "number", "search"}


def dictatable(field: BoundField) -> bool:
    """Whether a field takes dictation: text inputs, text areas and single
    choices; passwords only where SPEECH_DICTATE_PASSWORDS allows."""
    widget = field.field.widget
    if isinstance(widget, forms.PasswordInput):
        return settings.SPEECH_DICTATE_PASSWORDS
    if isinstance(widget, forms.SelectMultiple):
        return False
    if isinstance(widget, forms.Textarea | forms.Select):
        return True
    return isinstance(widget, Input) and widget.input_type in TEXT_INPUT_TYPES


@register.inclusion_tag("speech/_mic.html")
def mic(field: BoundField) -> dict:
    """The mic button of a form field, and the line that reports on it;
    nothing for a field that takes no dictation. The form must have opted
    in with @voice_form, so that the speech view knows its fields."""
    if not dictatable(field):
        return {"field": None}
    form_class = type(field.form)
    if not is_voice_form(form_class):
        raise ImproperlyConfigured(f"Decorate {form_class.__qualname__} with @voice_form.")
    hints = hint_sources(field.form, field.name)
    return {"field": field, "form_key": form_key(form_class), "hints": hints}
