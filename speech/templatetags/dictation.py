from django import forms, template
from django.conf import settings
from django.forms.widgets import Input

register = template.Library()

TEXT_INPUT_TYPES = {"text", "email", "tel", "url", "number", "search"}


@register.filter
def dictatable(field) -> bool:
    """Whether a bound field gets a mic button: text inputs, text areas and
    single choices; passwords only where SPEECH_DICTATE_PASSWORDS allows."""
    widget = field.field.widget
    if isinstance(widget, forms.PasswordInput):
        return settings.SPEECH_DICTATE_PASSWORDS
    if isinstance(widget, forms.SelectMultiple):
        return False
    if isinstance(widget, forms.Textarea | forms.Select):
        return True
    return isinstance(widget, Input) and widget.input_type in TEXT_INPUT_TYPES
