"""The spoken welcome: text on /accounts/me/, audio only its user may fetch."""

import io
import re

import numpy as np
import pytest
import soundfile

from speech import audio, engines, recognition

from .conftest import PASSWORD

pytestmark = pytest.mark.django_db


def log_in(client, email="alice@example.com"):
    return client.post("/accounts/login/", {"email": email, "password": PASSWORD})


def audio_url(html: str) -> str:
    return re.search(r'<audio id="greeting-audio" src="([^"]+)"', html)[1]


def test_logging_in_greets_the_user_back_by_first_name(client, owner):
    log_in(client)
    page = client.get("/accounts/me/").text
    assert "Welcome back, Alice." in page
    assert 'aria-live="polite"' in page
    assert audio_url(page).endswith(".wav")


def test_registering_says_welcome(client):
    client.post(
        "/accounts/register/",
        {
            "email": "grace@example.com",
            "password1": "a-Long-and-unusual-pass",
            "password2": "a-Long-and-unusual-pass",
            "fullname": "Grace Hopper",
            "sex": "female",
            "country": "US",
        },
    )
    assert "Welcome, Grace." in client.get("/accounts/me/").text


def test_the_greeting_shows_once(client, owner):
    log_in(client)
    client.get("/accounts/me/")
    assert "Welcome back" not in client.get("/accounts/me/").text


def test_the_greeting_audio_speaks_the_users_name(client, owner):
    log_in(client)
    response = client.get(audio_url(client.get("/accounts/me/").text))
    assert response.status_code == 200
    assert response["Content-Type"] == "audio/wav"
    samples, rate = soundfile.read(io.BytesIO(response.content), dtype="float32")
    assert 0.8 < len(samples) / rate < 5
    assert np.sqrt(np.mean(samples**2)) > 0.01  # not silent
    speech = audio.to_rate(samples, rate)
    heard = recognition.recognise(speech, engines.ENGINES["moonshine"], "en").text
    assert "alice" in heard.lower()


def test_another_user_gets_404_for_the_greeting(client, owner, stranger):
    log_in(client)
    url = audio_url(client.get("/accounts/me/").text)
    client.post("/accounts/logout/")
    assert client.get(url).status_code == 404
    client.force_login(stranger)
    assert client.get(url).status_code == 404


def test_a_made_up_greeting_url_gets_404(owner_client):
    assert owner_client.get("/accounts/me/greeting/0123456789abcdef01234567.wav").status_code == 404


def test_turning_greetings_off_removes_the_greeting(client, owner):
    log_in(client)
    client.post(
        "/accounts/me/",
        {"fullname": "Alice Liddell", "sex": "female", "country": "GB"},  # box unticked
    )
    owner.profile.refresh_from_db()
    assert owner.profile.greet_with_voice is False
    client.post("/accounts/logout/")
    log_in(client)
    page = client.get("/accounts/me/").text
    assert "Welcome back" not in page
    assert "<audio" not in page


def test_the_setting_is_on_the_me_page(owner_client):
    page = owner_client.get("/accounts/me/").text
    assert 'name="greet_with_voice"' in page
    assert "checked" in page
