from django import forms
from django.conf import settings

from . import engines

PASSWORD_FIELDS = {
    "password",
    "password1",
    "password2",
    "old_password",
    "new_password1",
    "new_password2",
}


class TranscribeForm(forms.Form):
    """What the speech view takes: audio as a file or as base64, and which
    field, engine and language it is for."""

    audio = forms.FileField(required=False)
    record = forms.CharField(required=False, strip=True)
    field = forms.RegexField(r"^[A-Za-z0-9_-]{0,64}$", required=False)
    provider = forms.CharField(required=False, max_length=32)
    language = forms.RegexField(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", required=False)

    def clean_provider(self) -> engines.Engine:
        name = self.cleaned_data["provider"] or settings.SPEECH_DEFAULT_ENGINE
        try:
            engine = engines.get(name)
        except KeyError:
            names = ", ".join(e.name for e in engines.allowed())
            raise forms.ValidationError(
                f"Unknown speech engine {name!r}; this site offers: {names}."
            ) from None
        if engine.needs_network and not settings.SPEECH_ALLOW_NETWORK:
            raise forms.ValidationError(
                f"{engine.label} needs the internet, and this site works offline."
            )
        return engine

    def clean_field(self) -> str:
        name = self.cleaned_data["field"]
        if name in PASSWORD_FIELDS and not settings.SPEECH_DICTATE_PASSWORDS:
            raise forms.ValidationError("Passwords cannot be dictated on this site.")
        return name

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("audio") and not data.get("record"):
            raise forms.ValidationError("Send the recording as `audio` (a file) or `record`.")
        engine, language = data.get("provider"), data.get("language")
        if engine and language and not engine.supports(language):
            raise forms.ValidationError(
                f"{engine.label} does not understand the language {language!r}."
            )
        if engine and not language:
            data["language"] = settings.SPEECH_DEFAULT_LANGUAGE
        return data

    @property
    def is_secret(self) -> bool:
        return self.cleaned_data.get("field") in PASSWORD_FIELDS
