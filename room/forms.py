from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator

from speech.voice import voice_form

from .models import Message


@voice_form
class MessageForm(forms.ModelForm):
    class Meta:
        model = Message
        fields = ["text"]
        labels = {"text": "Message"}
        widgets = {"text": forms.TextInput(attrs={"autocomplete": "off", "autofocus": True})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.ROOM_MAX_MESSAGE_CHARS
        text = self.fields["text"]
        text.max_length = limit
        text.widget.attrs["maxlength"] = limit
        text.validators.append(MaxLengthValidator(limit))
        text.error_messages = {
            "required": "Write a message first.",
            "max_length": f"Messages are at most {limit:,} characters.",
        }
