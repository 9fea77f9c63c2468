"""Beyond one machine: a real Redis as the channel layer, two daphne processes
and a Channels worker doing the recognition. Audio streamed into a socket on
one process reaches the same user's socket on the other."""

import asyncio
import json
import re
import shutil
import sys

import pytest
import soundfile
import websockets

from harness.site import daphne, free_port, log_in_over_http, manage, running, site_env
from harness.voices import beckett_path
from speech import audio

pytestmark = pytest.mark.servers

EMAIL, PASSWORD = "scale@example.com", "a-Long-and-unusual-pass"


@pytest.fixture
def redis_url(tmp_path):
    server = shutil.which("redis-server") or "/usr/bin/redis-server"
    port = free_port()
    command = [
        server,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
    ]
    with running(command, {}, tmp_path / "redis.log", port):
        yield f"redis://127.0.0.1:{port}/0"


@pytest.fixture
def two_sites(tmp_path, redis_url):
    env = site_env(tmp_path, {"REDIS_URL": redis_url})
    manage(env, "migrate", "--no-input", "-v0")
    script = (
        "from accounts.models import User, Profile; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r}, profile=Profile(fullname='Scale Test'))"
    )
    manage(env, "shell", "-c", script)
    ports = [free_port(), free_port()]
    with (
        running(daphne(ports[0]), env, tmp_path / "daphne-a.log", ports[0]),
        running(daphne(ports[1]), env, tmp_path / "daphne-b.log", ports[1]),
        running(
            [sys.executable, "manage.py", "runworker", "speech-recognition"],
            env,
            tmp_path / "worker.log",
        ),
    ):
        yield [f"127.0.0.1:{port}" for port in ports]


async def socket(host: str, cookie: str):
    headers = {"Cookie": cookie, "Origin": f"http://{host}"}
    return await websockets.connect(f"ws://{host}/ws/", additional_headers=headers)


async def speak_on_one_and_read_on_the_other(hosts: list[str]) -> tuple[list[str], dict]:
    cookie, name = log_in_over_http(hosts[0], EMAIL, PASSWORD)
    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    pcm = audio.to_pcm16(audio.to_rate(speech, rate))
    speaker, reader = await socket(hosts[0], cookie), await socket(hosts[1], cookie)
    await reader.send(json.dumps({"type": "subscribe", "signed_channel_name": name}))
    await asyncio.sleep(0.5)
    await speaker.send(json.dumps({"type": "start"}))
    assert json.loads(await asyncio.wait_for(speaker.recv(), 10))["type"] == "started"
    for i in range(0, len(pcm), 3200):
        await speaker.send(pcm[i : i + 3200])
        await asyncio.sleep(0.05)
    await speaker.send(json.dumps({"type": "stop"}))
    while True:
        stopped = json.loads(await asyncio.wait_for(speaker.recv(), 120))
        if stopped.get("type") == "stopped":
            break
    seen = []
    try:
        while True:
            seen.append(json.loads(await asyncio.wait_for(reader.recv(), 3))["data"])
    except TimeoutError:
        pass
    await speaker.close()
    await reader.close()
    return seen, stopped


def test_speech_on_one_process_reaches_the_users_socket_on_another(two_sites, tmp_path):
    seen, stopped = asyncio.run(speak_on_one_and_read_on_the_other(two_sites))
    # The worker recognised the sentences, not the web processes.
    assert "recognised final" in (tmp_path / "worker.log").read_text()
    appended = [html for html in seen if 'action="append"' in html and "live-transcript" in html]
    text = re.sub(r"<[^>]+>", " ", " ".join(appended)).lower()
    assert len(appended) >= 2
    for phrase in ["ever tried", "no matter", "fail better"]:
        assert phrase in " ".join(re.sub(r"[^a-z ]", " ", text).split()), text
    assert stopped["transcript"]
