from django import template
from django.conf import settings

register = template.Library()

TEXT_LIKE = {"text", "email", "tel", "url", "number", "search", "select", "textarea"}


@register.filter
def dictatable(field) -> bool:
    """Whether a bound field gets a mic button: text-like fields, and
    passwords only where SPEECH_DICTATE_PASSWORDS allows them."""
    kind = field.widget_type
    if kind == "password":
        return settings.SPEECH_DICTATE_PASSWORDS
    return kind in TEXT_LIKE
