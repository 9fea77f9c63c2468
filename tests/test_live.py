"""The /ws/ socket: Turbo Stream subscriptions and live transcription, with
real speech streamed as PCM frames through the real default engine."""

import asyncio
import json
import re

import numpy as np
import pytest
import soundfile
from channels.db import database_sync_to_async

from harness import noise
from harness.voices import PIPER, beckett_path, spoken
from speech import audio
from speech.models import Transcript
from speech.streams import LiveStream

from .sockets import connect, error_from
from .sockets import subscribe as subscribe_to

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]

CHUNK = audio.RATE // 10 * 2  # 100 ms of 16-bit samples


async def stream(communicator, samples: np.ndarray, pace: float = 0.5) -> None:
    """Send PCM in 100 ms frames, `pace` times real time."""
    pcm = audio.to_pcm16(samples)
    for i in range(0, len(pcm), CHUNK):
        await communicator.send_to(bytes_data=pcm[i : i + CHUNK])
        await asyncio.sleep(0.1 * pace)


async def collect_until_stopped(
    communicator, timeout: float = 60, replaced: dict | None = None
) -> tuple[list, list, dict]:
    """The partials shown, and the finals as the page shows them at the end:
    appended, then each replaced where a paragraph's reading rewrote it
    (`replaced` gets each rewritten segment's id and its text before)."""
    partials, finals = [], {}
    while True:
        message = await communicator.receive_json_from(timeout=timeout)
        if message.get("type") == "stopped":
            return partials, list(finals.values()), message
        if message.get("type") == "error":
            raise AssertionError(message)
        html = message["data"]
        text = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        if 'target="live-partial"' in html and 'action="update"' in html:
            partials.append(text)
        elif 'target="live-transcript"' in html and 'action="append"' in html:
            finals[re.search(r'id="(segment-\d+)"', html)[1]] = text
        elif 'action="replace"' in html:
            target = re.search(r'target="(segment-\d+)"', html)[1]
            if replaced is not None:
                replaced[target] = finals[target]
            finals[target] = text


def words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


async def start(communicator, **fields) -> dict:
    """Start a live session and return the server's "started" message."""
    await communicator.send_json_to({"type": "start", **fields})
    started = await communicator.receive_json_from(timeout=5)
    assert started["type"] == "started", started
    return started


async def subscribe(communicator, user_pk: int) -> None:
    await subscribe_to(communicator, LiveStream(user_pk))


async def test_streamed_speech_comes_back_as_partials_and_finals_and_is_saved(owner):
    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    communicator = await connect(owner)
    await subscribe(communicator, owner.pk)
    await start(communicator)
    await stream(communicator, audio.to_rate(speech, rate))
    await communicator.send_json_to({"type": "stop"})
    partials, finals, stopped = await collect_until_stopped(communicator)
    await communicator.disconnect()

    heard = words(" ".join(finals))
    assert len(finals) >= 2  # cut at the pauses
    for phrase in ["ever tried", "ever failed", "no matter", "fail better"]:
        assert phrase in heard, heard
    assert any(words(p) for p in partials)  # the partial line moved while speaking
    saved = await database_sync_to_async(
        lambda: Transcript.objects.get(pk=stopped["transcript"], user=owner)
    )()
    assert words(await database_sync_to_async(lambda: saved.text)()) == heard
    assert saved.finished is not None


async def test_a_sentence_heard_wrong_alone_is_rewritten_once_its_paragraph_is_read(owner):
    # Piper's "Please call me..." is heard "Police call me..." on its own;
    # read with the sentence after it, it is heard right.
    sentences = ["Please call me tomorrow morning about the meeting.", "I will bring them."]
    pause = np.zeros(audio.RATE, dtype=np.float32)
    speech = np.concatenate([p for s in sentences for p in (spoken(s, voice=PIPER), pause)])
    communicator = await connect(owner)
    await subscribe(communicator, owner.pk)
    await start(communicator)
    await stream(communicator, speech)
    await communicator.send_json_to({"type": "stop"})
    replaced = {}
    _, finals, stopped = await collect_until_stopped(communicator, replaced=replaced)
    await communicator.disconnect()

    assert [words(text) for text in replaced.values()] == [
        "police call me tomorrow morning about the meeting"
    ]
    assert [words(text) for text in finals] == [
        "please call me tomorrow morning about the meeting",
        "i will bring them",
    ]
    saved = await database_sync_to_async(
        lambda: Transcript.objects.get(pk=stopped["transcript"]).text
    )()
    assert saved == "\n".join(finals)


async def test_the_last_sentence_is_finalised_on_stop(owner):
    communicator = await connect(owner)
    await subscribe(communicator, owner.pk)
    await start(communicator, provider="moonshine", language="en")
    # No pause after the speech: only stop can end the segment.
    await stream(communicator, spoken("please call me tomorrow morning")[: -audio.RATE // 4])
    await communicator.send_json_to({"type": "stop"})
    _, finals, _ = await collect_until_stopped(communicator)
    await communicator.disconnect()
    assert "call me tomorrow morning" in words(" ".join(finals))


async def test_another_socket_of_the_same_user_sees_the_words(owner):
    speaker, reader = await connect(owner), await connect(owner)
    await subscribe(reader, owner.pk)
    await start(speaker)
    await stream(speaker, spoken("please call me tomorrow morning"), pace=0.2)
    await speaker.send_json_to({"type": "stop"})
    await speaker.receive_json_from(timeout=60)  # stopped
    seen = []
    while not await reader.receive_nothing(timeout=1):
        seen.append((await reader.receive_json_from())["data"])
    await speaker.disconnect()
    await reader.disconnect()
    assert "call me tomorrow morning" in words(" ".join(seen))


async def test_anonymous_sockets_can_neither_subscribe_nor_send_audio(owner):
    communicator = await connect()
    await subscribe(communicator, owner.pk)
    assert "may not subscribe" in await error_from(communicator)
    await communicator.send_json_to({"type": "start"})
    assert "Log in" in await error_from(communicator)
    await communicator.send_to(bytes_data=b"\0" * 3200)
    assert "start message before audio" in await error_from(communicator)
    await communicator.disconnect()


async def test_a_user_cannot_subscribe_to_anothers_stream(owner, stranger):
    communicator = await connect(stranger)
    await subscribe(communicator, owner.pk)
    assert "may not subscribe" in await error_from(communicator)
    await subscribe(communicator, stranger.pk)
    assert await communicator.receive_nothing(timeout=0.5)
    await communicator.disconnect()


@pytest.mark.parametrize(
    ("message", "error"),
    [
        ({"text_data": "not json"}, "must be JSON"),
        ({"text_data": "[1, 2]"}, "JSON objects"),
        ({"text_data": json.dumps({"type": "dance"})}, "Unknown message type"),
        ({"text_data": json.dumps({"type": "stop"})}, "No live session"),
        ({"bytes_data": b"\1\2" * 100}, "start message before audio"),
        (
            {"text_data": json.dumps({"type": "subscribe", "signed_channel_name": "forged:x"})},
            "not valid",
        ),
        ({"text_data": json.dumps({"type": "subscribe"})}, "not valid"),
        ({"text_data": json.dumps({"type": "start", "provider": "whisper"})}, "Unknown speech"),
        ({"text_data": json.dumps({"type": "start", "language": "xx"})}, "does not understand"),
    ],
)
async def test_bad_messages_get_an_error_and_the_socket_stays_open(owner, message, error):
    communicator = await connect(owner)
    await communicator.send_to(**message)
    assert error in await error_from(communicator)
    await communicator.send_json_to({"type": "dance"})  # still answering
    assert "Unknown message type" in await error_from(communicator)
    await communicator.disconnect()


async def test_oversized_frames_and_second_starts_are_refused(owner, settings):
    settings.LIVE_MAX_FRAME_BYTES = 1000
    communicator = await connect(owner)
    await start(communicator)
    await communicator.send_json_to({"type": "start"})
    assert "already running" in await error_from(communicator)
    await communicator.send_to(bytes_data=b"\0" * 2000)
    assert "at most 1000 bytes" in await error_from(communicator)
    await communicator.send_json_to({"type": "stop"})
    assert (await communicator.receive_json_from(timeout=30))["type"] == "stopped"
    await communicator.disconnect()


async def test_live_sessions_per_user_are_capped(owner, settings):
    settings.LIVE_SESSIONS_PER_USER = 1
    first, second = await connect(owner), await connect(owner)
    await start(first)
    await second.send_json_to({"type": "start"})
    assert "Too many live sessions" in await error_from(second)
    await first.send_json_to({"type": "stop"})
    await first.receive_json_from(timeout=30)
    await start(second)
    await first.disconnect()
    await second.disconnect()


async def test_a_session_stops_at_its_length_limit(owner, settings):
    settings.LIVE_MAX_SECONDS = 1
    communicator = await connect(owner)
    await start(communicator)
    await stream(communicator, np.zeros(audio.RATE * 2, dtype=np.float32), pace=0)
    assert "stop after 1 seconds" in await error_from(communicator)
    await communicator.disconnect()


async def test_a_silent_session_saves_no_transcript(owner):
    communicator = await connect(owner)
    await start(communicator)
    await stream(communicator, np.zeros(audio.RATE, dtype=np.float32), pace=0)
    await communicator.send_json_to({"type": "stop"})
    stopped = await communicator.receive_json_from(timeout=30)
    assert stopped == {"type": "stopped", "transcript": None, "complete": True}
    await communicator.disconnect()
    assert not await database_sync_to_async(Transcript.objects.exists)()


async def test_speech_in_noise_is_captioned_through_the_sessions_suppressor(owner):
    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    noisy = noise.under(audio.to_rate(speech, rate), 5, "white")
    communicator = await connect(owner)
    await subscribe(communicator, owner.pk)
    await start(communicator)
    await stream(communicator, noisy)
    await communicator.send_json_to({"type": "stop"})
    _, finals, _ = await collect_until_stopped(communicator)
    await communicator.disconnect()

    # Without suppression nothing at all is heard at 5 dB. Cut at each pause,
    # two words at a time, some are still misheard ("ever tried" as "ever
    # fly"); these are heard right.
    heard = words(" ".join(finals))
    assert len(finals) >= 4
    for phrase in ["no matter", "fail again"]:
        assert phrase in heard, heard
