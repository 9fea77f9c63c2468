"""The voice layer any Django form can use: a field's kind comes from the
field itself, forms opt in with @voice_form, and {% mic field %} gives their
fields mics that the speech view understands."""

import pytest
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.template import Context, Template
from django_countries.fields import CountryField

from harness.voices import spoken_wav
from speech.dictation import kind_for
from speech.dictation.choices import ChoiceKind
from speech.voice import UnknownForm, form_key, voice_field, voice_form


@voice_form
class DeliveryForm(forms.Form):
    """A form of another app's, opted in like the site's own."""

    recipient = forms.CharField(widget=forms.TextInput(attrs={"autocomplete": "shipping name"}))
    email = forms.EmailField()
    mobile = forms.CharField(widget=forms.TextInput(attrs={"type": "tel"}))
    colour = forms.ChoiceField(choices=[("", "Choose"), ("red", "Red"), ("green", "Green")])
    country = CountryField().formfield()
    notes = forms.CharField(widget=forms.Textarea)
    gift = forms.BooleanField(required=False)
    secret = forms.CharField(widget=forms.PasswordInput)


class UnregisteredForm(forms.Form):
    email = forms.EmailField()


@pytest.mark.parametrize(
    ("field", "kind"),
    [
        ("recipient", "name"),  # autocomplete="shipping name"
        ("email", "email"),
        ("mobile", "phone"),  # <input type="tel">
        ("colour", "choice"),
        ("country", "choice"),
        ("notes", "text"),
    ],
)
def test_a_fields_kind_comes_from_the_field(field, kind):
    assert kind_for(DeliveryForm.base_fields[field]).name == kind


def test_a_choice_field_chooses_among_its_own_choices_not_the_empty_one():
    colour = kind_for(DeliveryForm.base_fields["colour"])
    assert isinstance(colour, ChoiceKind)
    assert colour.choices.options == [("red", "Red"), ("green", "Green")]
    assert colour.label("green") == "Green"


def test_a_country_field_knows_the_names_people_say():
    country = kind_for(DeliveryForm.base_fields["country"])
    assert len(country.choices.options) >= 240
    assert country.choices.phrases["UK"] == "GB"
    assert country.choices.phrases["Holland"] == "NL"


def test_a_field_is_found_by_its_forms_key_or_by_its_name_alone():
    key = form_key(DeliveryForm)
    assert voice_field("colour", key).kind is kind_for(DeliveryForm.base_fields["colour"])
    assert voice_field("mobile").kind.name == "phone"  # the only form with a "mobile"
    assert voice_field("no_such_field", key).kind.name == "text"
    with pytest.raises(UnknownForm):
        voice_field("email", form_key(UnregisteredForm))


def test_password_fields_are_secret():
    assert voice_field("secret", form_key(DeliveryForm)).secret
    assert voice_field("password1").secret  # the register form's
    assert not voice_field("email").secret


def render_mic(form: forms.Form, name: str) -> str:
    return Template("{% load dictation %}{% mic field %}").render(Context({"field": form[name]}))


def test_the_mic_tag_names_the_form_and_the_field():
    html = render_mic(DeliveryForm(), "colour")
    assert 'data-dictate="colour"' in html
    assert f'data-form="{form_key(DeliveryForm)}"' in html
    assert 'id="dictation-status-colour"' in html
    assert "Dictate Colour" in html


@pytest.mark.parametrize("name", ["gift", "secret"])
def test_fields_that_take_no_dictation_get_no_mic(name):
    assert render_mic(DeliveryForm(), name).strip() == ""


def test_a_form_that_did_not_opt_in_is_told_to():
    with pytest.raises(ImproperlyConfigured, match="@voice_form"):
        render_mic(UnregisteredForm(), "email")


@pytest.mark.django_db
def test_the_speech_view_fills_another_forms_choice_field(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("s.wav", spoken_wav("green"), content_type="audio/wav")
    response = client.post(
        "/speech/transcribe/",
        {"audio": upload, "field": "colour", "form": form_key(DeliveryForm)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["value"] == "green"


@pytest.mark.django_db
def test_the_speech_view_refuses_a_form_that_did_not_opt_in(client):
    response = client.post(
        "/speech/transcribe/",
        {"record": "aGVsbG8=", "field": "email", "form": form_key(UnregisteredForm)},
        headers={"Accept": "application/json"},
    )
    assert response.status_code == 400
    assert "takes no dictation" in response.json()["error"]
