"""Requests tried as an attacker would: bodies too large or too many, broken
recordings, forged forms, speech that would hold every slot; and the headers
that keep pages to their own site's code."""

import logging
import re
import socket
import struct
from urllib.parse import urlsplit

import numpy as np
import pytest
from channels.testing import HttpCommunicator
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from config.asgi import application
from harness.voices import spoken_wav, wav_bytes
from lib import counters
from speech import recognition

pytestmark = pytest.mark.django_db

JSON = {"Accept": "application/json"}
PAGES = ["/", "/accounts/register/", "/accounts/login/", "/accounts/password/reset/"]
SIGNED_IN_PAGES = ["/accounts/me/", "/speech/live/", "/speech/transcripts/", "/room/"]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_keeps_to_its_own_sites_code(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "frame-ancestors 'none'" in policy
    assert "microphone=(self)" in response["Permissions-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("path", PAGES + SIGNED_IN_PAGES)
def test_no_page_needs_inline_script_or_style(owner_client, path):
    html = owner_client.get(path).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\sstyle=", html), "inline style"
    assert not re.search(r"<style", html), "style element"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_a_forged_form_gets_a_page_and_a_json_client_gets_json():
    forged = Client(enforce_csrf_checks=True)
    page = forged.post("/accounts/login/", {"email": "a@b.co", "password": "x"})
    assert page.status_code == 403
    assert "<html" in page.text and "reload the page" in page.text
    api = forged.post("/speech/transcribe/", {"record": "aGVsbG8="}, headers=JSON)
    assert api.status_code == 403
    assert "reload the page" in api.json()["error"]


async def asgi_post(path: str, body: bytes, headers: list[tuple[bytes, bytes]]):
    communicator = HttpCommunicator(application, "POST", path, body=body, headers=headers)
    return await communicator.get_response(timeout=30)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_body_over_the_limit_is_refused_by_its_declared_length_unread():
    # Declares 60 MB and sends a few bytes: refused before anything reads more.
    headers = [(b"content-length", b"62914560"), (b"accept", b"application/json")]
    response = await asgi_post("/speech/transcribe/", b"x" * 10, headers)
    assert response["status"] == 413
    assert b"too large" in response["body"]


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_dictation_while_every_slot_is_taken_is_refused_before_django_runs(monkeypatch):
    monkeypatch.setattr(recognition, "_pool_and_slots", lambda: (None, recognition.Slots(0)))
    # No host, no session and no CSRF token, which Django would refuse
    # first: the 503 comes before Django runs, in the mic's error line.
    response = await asgi_post("/speech/transcribe/", b"x" * 10, [(b"hx-request", b"true")])
    assert response["status"] == 503
    assert b'class="dictation-result dictation-error"' in response["body"]
    assert b"busy" in response["body"]
    monkeypatch.undo()
    response = await asgi_post("/speech/transcribe/", b"x" * 10, [(b"hx-request", b"true")])
    # With room, Django answers: this request names no host, a 400 page.
    assert response["status"] == 400 and b"Bad request" in response["body"]


def address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


def test_the_server_answers_a_60_mb_upload_before_a_byte_of_it_is_sent(live_site):
    # Plain daphne would wait for the whole body, then queue it in memory.
    with socket.create_connection(address(live_site), timeout=10) as connection:
        connection.sendall(
            b"POST /speech/transcribe/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/octet-stream\r\nContent-Length: 62914560\r\n\r\n"
        )
        answer = connection.recv(4096)
    assert answer.startswith(b"HTTP/1.1 413 ")
    assert answer.endswith(b"The request is too large.")


def test_the_server_closes_a_chunked_upload_once_it_passes_the_largest_body(live_site):
    chunk = b"%x\r\n%s\r\n" % (1 << 20, b"\0" * (1 << 20))
    sent = 0
    with socket.create_connection(address(live_site), timeout=10) as connection:
        connection.sendall(
            b"POST /accounts/login/ HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Transfer-Encoding: chunked\r\n\r\n"
        )
        with pytest.raises((BrokenPipeError, ConnectionResetError)):
            while sent < 200:  # megabytes; the bound is under 14
                connection.sendall(chunk)
                sent += 1
    assert sent < 100  # what the socket buffers hold besides


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
async def test_a_form_body_of_20_mb_is_refused_without_a_traceback(caplog):
    body = b"email=" + b"a" * 20_000_000
    headers = [(b"content-type", b"application/x-www-form-urlencoded")]
    response = await asgi_post("/accounts/register/", body, headers)  # no declared length
    assert response["status"] == 413
    assert b"too large" in response["body"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_too_many_fields_get_a_400_without_a_traceback(client, caplog):
    fields = "&".join(f"f{n}=x" for n in range(1500))
    response = client.post(
        "/accounts/register/", fields, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert "too many fields" in response.text
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_a_broken_multipart_body_gets_a_400(client, caplog):
    response = client.post(
        "/speech/transcribe/",
        b"--nope\r\nnot a part",
        content_type="multipart/form-data; boundary=other",
    )
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def post_audio(client, data: bytes, **fields):
    upload = SimpleUploadedFile("a.wav", data, content_type="audio/wav")
    return client.post("/speech/transcribe/", {"audio": upload, **fields}, headers=JSON)


def test_a_wav_cut_short_is_refused_with_a_reason(client):
    whole = spoken_wav("hello there")
    response = post_audio(client, whole[: len(whole) // 2])
    assert response.status_code == 400
    assert "incomplete" in response.json()["error"]


def test_a_wav_whose_header_claims_2_gib_is_refused(client):
    whole = spoken_wav("hello there")
    at = whole.index(b"data")
    claimed = whole[: at + 4] + struct.pack("<I", 2**31) + whole[at + 8 :]
    response = post_audio(client, claimed)
    assert response.status_code == 400
    assert "incomplete" in response.json()["error"]


def silence(seconds: float) -> bytes:
    return wav_bytes(np.zeros(int(16000 * seconds), dtype=np.float32))


def test_anonymous_visitors_have_a_smaller_budget_of_audio_seconds(client, owner, settings):
    settings.SPEECH_ANONYMOUS_AUDIO_SECONDS = 5
    settings.SPEECH_AUDIO_SECONDS = 20
    for _ in range(2):
        assert post_audio(client, silence(2)).status_code == 422  # heard nothing: spent
    response = post_audio(client, silence(2))
    assert response.status_code == 429
    assert "more speech" in response.json()["error"]
    client.force_login(owner)
    for _ in range(4):
        assert post_audio(client, silence(2)).status_code == 422  # a budget of their own


def test_one_anonymous_recognition_at_a_time_and_the_slot_comes_back(client, settings):
    key = "address:127.0.0.1"
    assert counters.claim("speech-jobs", key, 1, 60)  # one under way already
    response = post_audio(client, silence(1))
    assert response.status_code == 429
    assert "still being recognised" in response.json()["error"]
    counters.release("speech-jobs", key)
    assert post_audio(client, silence(1)).status_code == 422
    assert post_audio(client, b"not audio").status_code == 400
    # Every slot taken was given back, whatever the answer was.
    assert counters.claim("speech-jobs", key, 1, 60)
