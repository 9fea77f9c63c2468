"""Doors tried as an attacker would: log-in guessing, address spoofing,
account enumeration and mail flooding."""

import pytest
from django.core import mail
from django.test import Client, RequestFactory, override_settings

from lib.clients import client_address

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def from_address(address: str, **headers) -> Client:
    return Client(REMOTE_ADDR=address, headers=headers)


def log_in(client: Client, path: str = LOGIN, field: str = "email"):
    return client.post(path, {field: "alice@example.com", "password": PASSWORD})


def fail(client: Client, email: str, times: int) -> None:
    for _ in range(times):
        response = client.post(LOGIN, {"email": email, "password": "wrong"})
        assert response.status_code in (200, 429)


@override_settings(AXES_FAILURE_LIMIT=5)
def test_spelling_the_address_otherwise_does_not_start_a_fresh_count(owner):
    attacker = from_address("198.51.100.7")
    for typed in ["alice@example.com", "  alice@example.com", "ALICE@Example.com  "]:
        fail(attacker, typed, 2)
    response = attacker.post(LOGIN, {"email": " Alice@example.com", "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.text
    assert "_auth_user_id" not in attacker.session


@override_settings(AXES_FAILURE_LIMIT=5)
def test_failures_from_one_address_do_not_lock_the_owner_out_elsewhere(owner):
    fail(from_address("198.51.100.7"), "alice@example.com", 10)
    owner_client = from_address("203.0.113.20")
    assert log_in(owner_client).status_code == 302


@override_settings(AXES_FAILURE_LIMIT=5)
def test_the_admin_log_in_is_limited_too(owner):
    owner.is_staff = True
    owner.save()
    attacker = from_address("198.51.100.7")
    for _ in range(5):
        attacker.post("/admin/login/", {"username": "alice@example.com", "password": "wrong"})
    response = attacker.post(
        "/admin/login/", {"username": "alice@example.com", "password": PASSWORD}
    )
    assert response.status_code == 429
    assert "_auth_user_id" not in attacker.session


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_success_starts_the_count_again(owner):
    client = from_address("203.0.113.20")
    fail(client, "alice@example.com", 2)
    assert (
        client.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}).status_code == 302
    )
    client.post("/accounts/logout/")
    fail(client, "alice@example.com", 2)
    assert (
        client.post(LOGIN, {"email": "alice@example.com", "password": PASSWORD}).status_code == 302
    )


def request_from(peer: str, forwarded: str = ""):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=peer, **headers)


@pytest.mark.parametrize(
    ("peer", "forwarded", "client"),
    [
        ("203.0.113.9", "", "203.0.113.9"),
        # Not a trusted proxy: what it forwards is not believed.
        ("203.0.113.9", "198.51.100.1", "203.0.113.9"),
        # A trusted proxy: the last address it did not add itself.
        ("10.0.0.2", "198.51.100.1", "198.51.100.1"),
        ("10.0.0.2", "6.6.6.6, 198.51.100.1", "198.51.100.1"),  # the client wrote the first
        ("10.0.0.2", "198.51.100.1, 10.0.0.3", "198.51.100.1"),  # two proxies of ours
        ("10.0.0.2", "not-an-address", "10.0.0.2"),
        ("10.0.0.2", "", "10.0.0.2"),
    ],
)
def test_the_client_address_is_forwarded_only_by_trusted_proxies(settings, peer, forwarded, client):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_address(request_from(peer, forwarded)) == client


@override_settings(AXES_FAILURE_LIMIT=3, TRUSTED_PROXIES=["10.0.0.2"])
def test_people_behind_the_proxy_are_counted_apart(owner):
    proxy = "10.0.0.2"
    fail(from_address(proxy, **{"X-Forwarded-For": "198.51.100.7"}), "alice@example.com", 5)
    owner_client = from_address(proxy, **{"X-Forwarded-For": "203.0.113.20"})
    assert log_in(owner_client).status_code == 302


@override_settings(REGISTER_CHECKS_PER_HOUR=3)
def test_registration_stops_telling_whether_an_address_has_an_account(owner):
    probe = from_address("198.51.100.7")
    data = {"email": "alice@example.com", "_validate": "email"}
    headers = {"HX-Request": "true"}
    for _ in range(3):
        response = probe.post("/accounts/register/", data, headers=headers)
        assert "already exists" in response.text
    response = probe.post("/accounts/register/", data, headers=headers)
    assert "already exists" not in response.text
    assert "Too many attempts" in response.text
    full = probe.post("/accounts/register/", {"email": "alice@example.com"})
    assert full.status_code == 429
    assert "already exists" not in full.text
    elsewhere = from_address("203.0.113.20").post("/accounts/register/", data, headers=headers)
    assert "already exists" in elsewhere.text


@override_settings(PASSWORD_RESETS_PER_ADDRESS=3)
def test_password_reset_mails_one_address_a_few_times_an_hour(owner):
    for n in range(6):
        client = from_address(f"198.51.100.{n}")
        response = client.post("/accounts/password/reset/", {"email": " Alice@example.com"})
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 3


@override_settings(PASSWORD_RESET_REQUESTS=4)
def test_password_reset_requests_from_one_client_are_limited(owner):
    client = from_address("198.51.100.7")
    for n in range(4):
        client.post("/accounts/password/reset/", {"email": f"nobody{n}@example.com"})
    response = client.post("/accounts/password/reset/", {"email": "alice@example.com"})
    assert response.status_code == 429
    assert "Too many requests" in response.text
    assert not mail.outbox
