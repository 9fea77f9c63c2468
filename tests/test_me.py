import pytest

pytestmark = pytest.mark.django_db

URL = "/accounts/me/"


def test_it_requires_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/accounts/me/"


def test_it_shows_the_users_data(owner_client):
    response = owner_client.get(URL)
    assert "alice@example.com" in response.text
    assert 'value="Alice Liddell"' in response.text


def test_it_saves_the_profile(owner_client, owner):
    response = owner_client.post(
        URL, {"fullname": "Alice P. Liddell", "sex": "female", "phone": "5551234", "country": "FR"}
    )
    assert response.status_code == 302
    owner.profile.refresh_from_db()
    assert owner.profile.fullname == "Alice P. Liddell"
    assert owner.profile.country.code == "FR"
    assert "Your details are saved." in owner_client.get(URL).text


def test_bad_input_is_refused_and_nothing_changes(owner_client, owner):
    response = owner_client.post(URL, {"fullname": "", "sex": "robot", "country": "XX"})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"fullname", "sex", "country"}
    owner.profile.refresh_from_db()
    assert owner.profile.fullname == "Alice Liddell"


def test_an_htmx_request_validates_one_field(owner_client):
    response = owner_client.post(
        URL, {"_validate": "phone", "phone": "not a phone"}, headers={"HX-Request": "true"}
    )
    assert 'id="field-phone"' in response.text
    assert "Enter a phone number" in response.text


def test_it_only_edits_the_signed_in_users_profile(owner_client, owner, stranger):
    owner_client.post(URL, {"fullname": "Changed", "sex": "female", "country": "GB"})
    stranger.profile.refresh_from_db()
    assert stranger.profile.fullname == "Bob Stranger"
