"""The /ws/ socket tried as an attacker would, and faults on the live path:
whatever happens, the socket stays open, the session's slot comes back, and
nothing saved is lost."""

import asyncio
import json
from datetime import timedelta

import numpy as np
import pytest
from channels.db import database_sync_to_async
from django.utils import timezone

from harness.voices import spoken
from speech import audio
from speech.models import Transcript

from .sockets import connect, error_from

pytestmark = [pytest.mark.asyncio, pytest.mark.django_db(transaction=True)]


async def start(communicator) -> dict:
    await communicator.send_json_to({"type": "start"})
    started = await communicator.receive_json_from(timeout=5)
    assert started["type"] == "started", started
    return started


async def still_answering(communicator) -> None:
    await communicator.send_json_to({"type": "dance"})
    assert "Unknown message type" in await error_from(communicator)


async def test_json_nested_100000_deep_gets_an_error_not_a_crash(owner):
    communicator = await connect(owner)
    await communicator.send_to(text_data="[" * 100_000 + "]" * 100_000)
    assert await error_from(communicator)
    await communicator.send_to(text_data='{"a":' * 2000 + "1" + "}" * 2000)
    assert await error_from(communicator)
    await still_answering(communicator)
    await communicator.disconnect()


async def test_a_socket_that_drops_gives_its_session_slot_back(owner, settings):
    settings.LIVE_SESSIONS_PER_USER = 1
    first = await connect(owner)
    await start(first)
    await first.disconnect()  # no stop: the tab was closed
    await asyncio.sleep(0.5)
    second = await connect(owner)
    await start(second)
    await second.send_json_to({"type": "stop"})
    assert (await second.receive_json_from(timeout=30))["type"] == "stopped"
    await second.disconnect()


async def test_a_session_whose_recognition_never_answers_ends_with_what_was_saved(owner, settings):
    # Recognition in speech workers, and no worker running: no answer comes.
    settings.SPEECH_USE_WORKERS = True
    settings.LIVE_JOB_SECONDS = 1
    settings.LIVE_FINISH_SECONDS = 2
    communicator = await connect(owner)
    await start(communicator)
    pcm = audio.to_pcm16(np.concatenate([spoken("hello there"), np.zeros(16000, np.float32)]))
    for i in range(0, len(pcm), 3200):
        await communicator.send_to(bytes_data=pcm[i : i + 3200])
        await asyncio.sleep(0.02)
    await communicator.send_json_to({"type": "stop"})
    seen = []
    while True:
        message = await communicator.receive_json_from(timeout=10)
        seen.append(message)
        if message["type"] == "stopped":
            break
    assert any(m["type"] == "missed" for m in seen)
    assert seen[-1] == {"type": "stopped", "transcript": None, "complete": False}
    assert not await database_sync_to_async(Transcript.objects.exists)()  # nothing was saved
    await start(communicator)  # the slot came back
    await communicator.disconnect()


async def test_an_abandoned_transcript_is_finished_with_what_was_saved(owner):
    @database_sync_to_async
    def abandoned() -> tuple[Transcript, Transcript]:
        long_ago = timezone.now() - timedelta(hours=2)
        kept = Transcript.objects.create(user=owner, engine="moonshine", language="en")
        kept.add_segment(0, "Words that were saved.", 0.0, 1.5)
        empty = Transcript.objects.create(user=owner, engine="moonshine", language="en")
        Transcript.objects.filter(pk__in=[kept.pk, empty.pk]).update(created=long_ago)
        return kept, empty

    kept, empty = await abandoned()
    communicator = await connect(owner)
    await start(communicator)  # a new session sweeps the old ones
    await communicator.disconnect()
    kept = await database_sync_to_async(Transcript.objects.get)(pk=kept.pk)
    assert kept.finished is not None
    assert await database_sync_to_async(lambda: kept.text)() == "Words that were saved."
    exists = Transcript.objects.filter(pk=empty.pk).exists
    assert not await database_sync_to_async(exists)()


async def test_a_text_message_too_long_for_the_protocol_is_refused(owner):
    communicator = await connect(owner)
    await communicator.send_to(text_data=json.dumps({"type": "start", "pad": "x" * 10_000}))
    assert "too long" in await error_from(communicator)
    await still_answering(communicator)
    await communicator.disconnect()
