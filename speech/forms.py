from django import forms
from django.conf import settings

from . import audio, engines, voice
from .dictation import Hints


class TooLarge(Exception):
    """The recording is over SPEECH_MAX_UPLOAD_BYTES."""


class TranscribeForm(forms.Form):
    """What the speech view takes: audio as a file or as base64, the form and
    field it is for, and the engine (`provider`) and language."""

    audio = forms.FileField(required=False)
    record = forms.CharField(required=False, strip=True)
    field = forms.RegexField(r"^[A-Za-z0-9_-]{0,64}$", required=False)
    form = forms.RegexField(r"^[A-Za-z_][A-Za-z0-9_.]{0,199}$", required=False)
    provider = forms.CharField(required=False, max_length=32)
    language = forms.RegexField(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$", required=False)
    # What the rest of the form holds, as hints: a full name, a country.
    hint_name = forms.CharField(required=False, max_length=150)
    hint_region = forms.RegexField(r"^[A-Za-z]{2}$", required=False)

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("audio") and not data.get("record"):
            raise forms.ValidationError("Send the recording as `audio` (a file) or `record`.")
        if "provider" in data and "language" in data:
            try:
                data["engine"], data["language"] = engines.pick(data["provider"], data["language"])
            except engines.UnusableChoice as error:
                self.add_error("provider", str(error))
        if "field" in data and "form" in data:
            self._clean_voice(data)
        return data

    def _clean_voice(self, data: dict) -> None:
        try:
            data["voice"] = voice.voice_field(data["field"], data["form"])
        except voice.UnknownForm:
            self.add_error("form", "That form takes no dictation.")
            return
        if data["voice"].secret and not settings.SPEECH_DICTATE_PASSWORDS:
            self.add_error("field", "Passwords cannot be dictated on this site.")

    @property
    def hints(self) -> Hints:
        data = self.cleaned_data
        return Hints(name=data["hint_name"], region=data["hint_region"].upper())

    @property
    def message(self) -> str:
        return " ".join(str(e) for errors in self.errors.values() for e in errors)

    def recording(self) -> bytes:
        """The recording's bytes; TooLarge past SPEECH_MAX_UPLOAD_BYTES, an
        AudioError for base64 that is not."""
        upload = self.cleaned_data.get("audio")
        if upload is not None and upload.size > settings.SPEECH_MAX_UPLOAD_BYTES:
            raise TooLarge
        data = upload.read() if upload is not None else self._decoded_record()
        if len(data) > settings.SPEECH_MAX_UPLOAD_BYTES:
            raise TooLarge
        return data

    def _decoded_record(self) -> bytes:
        return audio.decode_base64(self.cleaned_data["record"])
