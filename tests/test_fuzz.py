"""Random input at the speech view, the forms and the socket: always a 4xx
(or, on the socket, an error message), never a 500, an error in the log, or
a dead socket. CI runs FUZZ_EXAMPLES (200) examples a target; more by hand:

    FUZZ_EXAMPLES=5000 bin/test tests/test_fuzz.py
"""

import json
import logging
import os
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .sockets import connect

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
SPEECH = "/speech/transcribe/"


@pytest.fixture
def open_limits(settings):
    """Limits high enough that the fuzzing reaches the decoder and the forms."""
    settings.SPEECH_RATE_LIMIT = 10**6
    settings.SPEECH_ANONYMOUS_AUDIO_SECONDS = 10**6
    settings.REGISTER_CHECKS_PER_HOUR = 10**6
    settings.ROOM_POSTS_PER_MINUTE = 10**6
    settings.AXES_FAILURE_LIMIT = 10**6


def errors_logged(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def refused_cleanly(response, caplog) -> None:
    assert response.status_code < 500, response.content[:300]
    assert not errors_logged(caplog)
    caplog.clear()


@st.composite
def wav_files(draw) -> bytes:
    """A RIFF/WAVE file whose every header field may be anything."""
    tag = draw(st.sampled_from([1, 3, 6, 7, 0xFFFE]) | st.integers(0, 0xFFFF))
    channels = draw(st.integers(0, 12))
    rate = draw(st.sampled_from([8000, 16000, 44100]) | st.integers(0, 2**32 - 1))
    bits = draw(st.sampled_from([8, 16, 24, 32]) | st.integers(0, 0xFFFF))
    align = draw(st.just(channels * bits // 8 % 0x10000) | st.integers(0, 0xFFFF))
    frames = draw(st.binary(max_size=6000))
    size = draw(st.just(len(frames)) | st.integers(0, 2**32 - 1))
    fmt = struct.pack("<HHIIHH", tag, channels, rate % 2**32, rate * align % 2**32, align, bits)
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", size) + frames
    riff = draw(st.just(len(body)) | st.integers(0, 2**32 - 1))
    return b"RIFF" + struct.pack("<I", riff) + body


@pytest.mark.django_db
@FUZZ
@given(data=st.binary(max_size=4096) | wav_files())
def test_any_bytes_as_a_recording_get_a_4xx_or_an_answer(client, open_limits, caplog, data):
    upload = SimpleUploadedFile("a.wav", data, content_type="audio/wav")
    response = client.post(SPEECH, {"audio": upload}, headers={"Accept": "application/json"})
    refused_cleanly(response, caplog)


FIELD_NAMES = [
    "audio", "record", "field", "form", "provider", "language", "hint_name", "hint_region",
    "email", "password", "password1", "password2", "fullname", "sex", "phone", "country",
    "_validate", "text", "csrfmiddlewaretoken", "next",
]  # fmt: skip
form_data = st.dictionaries(
    st.sampled_from(FIELD_NAMES) | st.text(max_size=20),
    st.text(max_size=300)
    | st.sampled_from(["", "email", "country", "accounts.forms.RegisterForm"]),
    max_size=12,
)


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from([SPEECH, "/accounts/register/", "/accounts/login/"]), data=form_data)
def test_any_form_data_gets_a_4xx_or_a_page(client, open_limits, caplog, path, data):
    for headers in ({}, {"HX-Request": "true"}, {"Accept": "application/json"}):
        refused_cleanly(client.post(path, data, headers=headers), caplog)


@pytest.mark.django_db
@FUZZ
@given(path=st.sampled_from(["/accounts/me/", "/room/"]), data=form_data)
def test_any_form_data_from_a_signed_in_user_gets_a_4xx_or_a_page(
    owner_client, open_limits, caplog, path, data
):
    for headers in ({}, {"HX-Request": "true"}):
        refused_cleanly(owner_client.post(path, data, headers=headers), caplog)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=12,
)
messages = st.one_of(
    st.builds(lambda v: {"text_data": json.dumps(v)}, json_values),
    st.builds(
        lambda t, v: {"text_data": json.dumps({"type": t, **v})},
        st.sampled_from(["subscribe", "unsubscribe", "stop", "dance", "start"]) | st.text(),
        st.dictionaries(
            st.sampled_from(["signed_channel_name", "provider", "language"]), json_values
        ),
    ),
    st.builds(lambda t: {"text_data": t}, st.text(max_size=200)),
    st.builds(lambda b: {"bytes_data": b}, st.binary(max_size=2000)),
)


@pytest.mark.asyncio
@pytest.mark.django_db(transaction=True)
@settings(
    max_examples=max(10, EXAMPLES // 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sent=st.lists(messages, min_size=10, max_size=10))
async def test_any_messages_leave_the_socket_open_and_answering(owner, caplog, sent):
    communicator = await connect(owner)
    for message in sent:
        # As the socket receives it (send_to refuses an empty frame, which
        # browsers can send).
        frame = {"text": message["text_data"]} if "text_data" in message else {}
        frame = frame or {"bytes": message["bytes_data"]}
        await communicator.send_input({"type": "websocket.receive", **frame})
    await communicator.send_json_to({"type": "stop"})  # a session a message started
    await communicator.send_json_to({"type": "dance"})
    while True:  # every message is answered in turn: the dance's answer comes last
        answer = await communicator.receive_json_from(timeout=30)
        if answer.get("type") == "error" and "'dance'" in answer["message"]:
            break
    await communicator.disconnect()
    assert not errors_logged(caplog)
    caplog.clear()
