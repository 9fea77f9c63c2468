import pytest
from django.test import override_settings

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

URL = "/accounts/login/"


def test_it_logs_in_and_lands_on_me(client, owner):
    response = client.post(URL, {"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/me/"
    assert client.session["_auth_user_id"] == str(owner.pk)


def test_the_email_is_matched_without_regard_to_case(client, owner):
    response = client.post(URL, {"email": "Alice@EXAMPLE.com", "password": PASSWORD})
    assert response.status_code == 302


def test_it_follows_a_safe_next(client, owner):
    response = client.post(
        URL + "?next=/admin/", {"email": "alice@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/admin/"


def test_it_ignores_a_next_to_another_site(client, owner):
    response = client.post(
        URL + "?next=https://evil.example/", {"email": "alice@example.com", "password": PASSWORD}
    )
    assert response["Location"] == "/accounts/me/"


def test_a_wrong_password_gets_a_message(client, owner):
    response = client.post(URL, {"email": "alice@example.com", "password": "nope"})
    assert response.status_code == 200
    assert "do not match an account" in response.text
    assert "_auth_user_id" not in client.session


def test_an_inactive_user_cannot_log_in(client, owner):
    owner.is_active = False
    owner.save()
    response = client.post(URL, {"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    "data", [{}, {"email": "x"}, {"email": "a@b.co"}, {"email": "a" * 500, "password": "p"}]
)
def test_bad_input_gets_form_errors(client, data):
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["form"].errors


@override_settings(AXES_FAILURE_LIMIT=3)
def test_failed_attempts_are_limited(client, owner):
    for _ in range(3):
        client.post(URL, {"email": "alice@example.com", "password": "nope"})
    response = client.post(URL, {"email": "alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post(owner_client):
    assert owner_client.get("/accounts/logout/").status_code == 405
    assert "_auth_user_id" in owner_client.session


def test_logout_logs_out(owner_client):
    response = owner_client.post("/accounts/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in owner_client.session
