import re

import pytest
from django.core import mail

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_reset_mail_carries_a_link_that_sets_a_new_password(client, owner):
    response = client.post("/accounts/password/reset/", {"email": "ALICE@example.com"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/accounts/password/reset/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link, follow=True).redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "brand-New-pass-42", "new_password2": "brand-New-pass-42"}
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("brand-New-pass-42")


def test_a_reset_for_an_unknown_address_says_the_same_and_sends_nothing(client):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.com"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_signed_in_user_changes_their_password(owner_client, owner):
    response = owner_client.post(
        "/accounts/password/change/",
        {
            "old_password": PASSWORD,
            "new_password1": "brand-New-pass-42",
            "new_password2": "brand-New-pass-42",
        },
    )
    assert response.status_code == 302
    owner.refresh_from_db()
    assert owner.check_password("brand-New-pass-42")


def test_password_change_requires_login(client):
    assert client.get("/accounts/password/change/").status_code == 302


def test_each_password_page_says_what_it_is_for(client, owner):
    assert "<h1>Reset your password</h1>" in client.get("/accounts/password/reset/").text
    bad_link = client.get("/accounts/password/reset/MQ/bad-token/").text
    assert "<h1>Choose a new password</h1>" in bad_link
    assert "expired or was already used" in bad_link
    client.force_login(owner)
    assert "<h1>Change your password</h1>" in client.get("/accounts/password/change/").text
