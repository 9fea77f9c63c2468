import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.models import Profile, User

pytestmark = pytest.mark.django_db

URL = "/accounts/register/"


def valid_data(**changes) -> dict:
    data = {
        "email": "new.person@example.com",
        "password1": "a-Long-and-unusual-pass",
        "password2": "a-Long-and-unusual-pass",
        "fullname": "New Person",
        "sex": "other",
        "phone": "+44 20 7946 0958",
        "country": "GB",
    }
    data.update(changes)
    return data


def test_the_url_names_hold():
    assert reverse("register") == URL
    assert reverse("login") == "/accounts/login/"
    assert reverse("logout") == "/accounts/logout/"
    assert reverse("me") == "/accounts/me/"


def test_it_shows_every_field(client):
    response = client.get(URL)
    assert response.status_code == 200
    for name in ["email", "password1", "password2", "fullname", "sex", "phone", "country"]:
        assert f'name="{name}"' in response.text


def test_every_field_but_the_passwords_has_a_mic_button(client):
    response = client.get(URL)
    for name in ["email", "fullname", "sex", "phone", "country"]:
        assert f'data-dictate="{name}"' in response.text, name
    assert 'data-dictate="password1"' not in response.text
    assert 'data-dictate="password2"' not in response.text


def test_it_tells_how_to_spell_a_misheard_name(client):
    page = client.get(URL).text
    assert "spelling alphabet" in page
    assert "kilo india november golf" in page


@override_settings(SPEECH_DICTATE_PASSWORDS=True)
def test_a_setting_puts_mic_buttons_on_passwords(client):
    assert 'data-dictate="password1"' in client.get(URL).text


def test_it_creates_the_user_and_profile_and_logs_in(client):
    response = client.post(URL, valid_data())
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    user = User.objects.get(email="new.person@example.com")
    assert user.profile.fullname == "New Person"
    assert user.profile.sex == Profile.Sex.OTHER
    assert user.profile.country.code == "GB"
    assert user.profile.phone == "+44 20 7946 0958"
    assert client.get("/accounts/me/").status_code == 200


def test_it_refuses_an_email_taken_in_other_letter_case(client, owner):
    response = client.post(URL, valid_data(email="ALICE@example.COM"))
    assert response.status_code == 200
    assert "An account with this email address already exists." in response.text
    assert User.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "This field is required."),
        ({"fullname": ""}, "fullname", "This field is required."),
        ({"country": ""}, "country", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"password2": "something-else-9"}, "password2", "didn’t match"),
        ({"password1": "123", "password2": "123"}, "password2", "too short"),
        ({"password1": "password", "password2": "password"}, "password2", "too common"),
        ({"fullname": "x" * 151}, "fullname", "at most 150 characters"),
        ({"email": "a" * 250 + "@example.com"}, "email", "at most 254 characters"),
        ({"country": "XX"}, "country", "Select a valid choice"),
        ({"sex": "robot"}, "sex", "Select a valid choice"),
        ({"phone": "call me maybe"}, "phone", "Enter a phone number"),
    ],
)
def test_bad_input_gets_a_form_error_and_saves_nothing(client, changes, field, message):
    response = client.post(URL, valid_data(**changes))
    assert response.status_code == 200
    assert message in str(response.context["form"].errors[field])
    assert 'class="error-summary"' in response.text
    assert not User.objects.exists()


def test_a_post_with_nothing_in_it_gets_errors_not_a_crash(client):
    response = client.post(URL, {})
    assert response.status_code == 200
    assert response.context["form"].errors


def test_an_htmx_request_validates_one_field_and_returns_its_partial(client, owner):
    response = client.post(
        URL, {"_validate": "email", "email": "alice@EXAMPLE.com"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<div")
    assert 'id="field-email"' in response.text
    assert "already exists" in response.text
    assert "<html" not in response.text
    assert User.objects.count() == 1


def test_a_validated_field_does_not_take_the_focus_back(client):
    response = client.post(
        URL, {"_validate": "email", "email": "new@example.com"}, headers={"HX-Request": "true"}
    )
    assert "autofocus" not in response.text
    assert 'hx-post="/accounts/register/"' in response.text  # still validates next time
    assert 'data-dictate="email"' in response.text  # and keeps its mic button


def test_inline_validation_of_a_good_value_shows_no_error(client):
    response = client.post(
        URL, {"_validate": "fullname", "fullname": "Ada Lovelace"}, headers={"HX-Request": "true"}
    )
    assert "error-message" not in response.text
    assert 'value="Ada Lovelace"' in response.text


def test_password_fields_are_not_validated_inline(client):
    # Their inputs come back empty, so a swap would wipe what was typed.
    response = client.get(URL)
    assert '"_validate": "password1"' not in response.text
    assert '"_validate": "email"' in response.text


def test_inline_validation_never_echoes_a_password(client):
    response = client.post(
        URL,
        {"_validate": "password1", "password1": "secret-Value-77", "password2": "x"},
        headers={"HX-Request": "true"},
    )
    assert "secret-Value-77" not in response.text


def test_a_signed_in_user_is_sent_to_their_page(owner_client):
    response = owner_client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"


def test_other_methods_are_refused(client):
    assert client.put(URL).status_code == 405
