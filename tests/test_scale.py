"""Beyond one machine: two daphne processes and a Channels worker doing the
recognition, on one real PostgreSQL and one real Redis as the channel layer
(the shape docs/deploy.md and the Procfile describe). Audio streamed into a
socket on one process reaches the same user's socket on the other; a
dictation works through either; a message posted to the room through one
process reaches sockets held by the other."""

import asyncio
import base64
import json
import re
import subprocess
import sys

import pytest
import soundfile
import websockets

from harness.site import (
    ROOT,
    SignedIn,
    daphne,
    free_port,
    manage,
    postgres,
    procfile,
    redis,
    running,
    site_env,
)
from harness.voices import beckett_path, spoken_wav
from speech import audio

pytestmark = pytest.mark.servers

EMAIL, PASSWORD = "scale@example.com", "a-Long-and-unusual-pass"


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    with redis(tmp_path_factory.mktemp("redis")) as url:
        yield url


@pytest.fixture(scope="module")
def var_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("sites")


@pytest.fixture(scope="module")
def database_url():
    with postgres() as url:
        yield url


@pytest.fixture(scope="module")
def two_sites(var_dir, redis_url, database_url):
    tmp_path = var_dir
    env = site_env(tmp_path, {"REDIS_URL": redis_url, "DATABASE_URL": database_url})
    manage(env, "migrate", "--no-input", "-v0")
    script = (
        "from accounts.models import User, Profile; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r}, profile=Profile(fullname='Scale Test'))"
    )
    manage(env, "shell", "-c", script)
    ports = [free_port(), free_port()]
    # Each process started by its Procfile line, as a platform would.
    web, web_env = procfile("web", {**env, "HOST": "127.0.0.1"})
    worker, worker_env = procfile("worker", env)
    with (
        running(web, {**web_env, "PORT": str(ports[0])}, tmp_path / "daphne-a.log", ports[0]),
        running(web, {**web_env, "PORT": str(ports[1])}, tmp_path / "daphne-b.log", ports[1]),
        running(worker, worker_env, tmp_path / "worker.log"),
    ):
        yield [f"127.0.0.1:{port}" for port in ports]


async def socket(host: str, cookie: str):
    headers = {"Cookie": cookie, "Origin": f"http://{host}"}
    return await websockets.connect(f"ws://{host}/ws/", additional_headers=headers)


async def speak_on_one_and_read_on_the_other(hosts: list[str]) -> tuple[list[str], dict]:
    session = SignedIn(hosts[0], EMAIL, PASSWORD)
    cookie, name = session.cookie, session.stream_name("/speech/live/")
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


def test_speech_on_one_process_reaches_the_users_socket_on_another(two_sites, var_dir):
    seen, stopped = asyncio.run(speak_on_one_and_read_on_the_other(two_sites))
    # The worker recognised the sentences, not the web processes.
    # (A sentence's final is its guess when the pause confirms it.)
    assert re.search(r"recognised (final|guess)", (var_dir / "worker.log").read_text())
    appended = [html for html in seen if 'action="append"' in html and "live-transcript" in html]
    text = re.sub(r"<[^>]+>", " ", " ".join(appended)).lower()
    assert len(appended) >= 2
    for phrase in ["ever tried", "no matter", "fail better"]:
        assert phrase in " ".join(re.sub(r"[^a-z ]", " ", text).split()), text
    assert stopped["transcript"]


def test_a_dictation_works_through_either_process_made_by_the_worker(two_sites, var_dir):
    record = base64.b64encode(spoken_wav("five five five one two three four")).decode()
    for host in two_sites:
        session = SignedIn(host, EMAIL, PASSWORD)
        answer = session.ask("/speech/transcribe/", {"field": "phone", "record": record})
        assert answer["value"] == "5551234", (host, answer)
    assert (var_dir / "worker.log").read_text().count("dictated field=phone") == 2


async def post_on_one_and_read_on_the_other(hosts: list[str]) -> str:
    writer = SignedIn(hosts[0], EMAIL, PASSWORD)
    reader = await socket(hosts[1], writer.cookie)
    name = writer.stream_name("/room/")
    await reader.send(json.dumps({"type": "subscribe", "signed_channel_name": name}))
    await asyncio.sleep(0.5)
    status = await asyncio.to_thread(writer.post, "/room/", {"text": "Across the processes"})
    assert status == 200
    html = json.loads(await asyncio.wait_for(reader.recv(), 10))["data"]
    await reader.close()
    return html


def test_a_room_post_through_one_process_reaches_sockets_on_another(two_sites):
    html = asyncio.run(post_on_one_and_read_on_the_other(two_sites))
    assert 'action="append"' in html and 'target="room-messages"' in html
    assert "Across the processes" in html


@pytest.fixture
def site_with_a_worker(tmp_path, redis_url):
    """One daphne and one speech worker, the worker's process to be killed;
    a Redis database of their own, so that no other worker answers."""
    redis_url = redis_url.rpartition("/")[0] + "/1"
    env = site_env(tmp_path, {"REDIS_URL": redis_url, "LIVE_JOB_SECONDS": "4",
                              "LIVE_FINISH_SECONDS": "6"})  # fmt: skip
    manage(env, "migrate", "--no-input", "-v0")
    script = (
        "from accounts.models import User, Profile; "
        f"User.objects.create_user({EMAIL!r}, {PASSWORD!r}, profile=Profile(fullname='K'))"
    )
    manage(env, "shell", "-c", script)
    port = free_port()
    worker = [sys.executable, "manage.py", "speechworker"]
    with (
        running(daphne(port), env, tmp_path / "daphne.log", port),
        running(worker, env, tmp_path / "worker.log") as process,
    ):
        host = f"127.0.0.1:{port}"
        # The worker loads its models as it starts (5 s and more here); a
        # dictation waits for them, so that the first sentences are not
        # given up after this test's LIVE_JOB_SECONDS.
        record = base64.b64encode(spoken_wav("five five five one two three four")).decode()
        answer = SignedIn(host, EMAIL, PASSWORD).ask(
            "/speech/transcribe/", {"field": "phone", "record": record}
        )
        assert answer["value"] == "5551234", answer
        yield host, process, env


async def speak_while_the_worker_dies(host: str, worker) -> tuple[list[dict], list[str]]:
    session = SignedIn(host, EMAIL, PASSWORD)
    live = await socket(host, session.cookie)
    name = session.stream_name("/speech/live/")
    await live.send(json.dumps({"type": "subscribe", "signed_channel_name": name}))
    await live.send(json.dumps({"type": "start"}))
    speech, rate = soundfile.read(beckett_path(), dtype="float32")
    pcm = audio.to_pcm16(audio.to_rate(speech, rate))
    controls, appended = [], []

    async def read() -> None:
        while True:
            message = json.loads(await asyncio.wait_for(live.recv(), 60))
            if "data" in message:
                if 'action="append"' in message["data"]:
                    appended.append(message["data"])
                continue
            controls.append(message)
            if message.get("type") == "stopped":
                return

    async def send(pcm: bytes) -> None:
        for i in range(0, len(pcm), 3200):
            await live.send(pcm[i : i + 3200])
            await asyncio.sleep(0.1)

    reader = asyncio.create_task(read())
    half = len(pcm) // 2 // 3200 * 3200
    await send(pcm[:half])
    async with asyncio.timeout(60):  # a pause, however long the loaded machine needs
        while not appended:
            await send(bytes(3200))
    worker.kill()  # mid-session: what is said from now on finds no worker
    await send(pcm[half:])
    await live.send(json.dumps({"type": "stop"}))
    await asyncio.wait_for(reader, 60)
    await live.close()
    return controls, appended


def test_a_worker_killed_mid_session_loses_nothing_saved(site_with_a_worker):
    host, worker, env = site_with_a_worker
    controls, appended = asyncio.run(speak_while_the_worker_dies(host, worker))
    assert worker.poll() is not None  # it was killed
    assert appended  # what was recognised before
    assert any(m.get("type") == "missed" for m in controls)  # the user is told
    stopped = controls[-1]
    assert stopped["type"] == "stopped" and stopped["complete"] is False
    script = (
        "from speech.models import Transcript; "
        f"t = Transcript.objects.get(pk={stopped['transcript']}); "
        "print(t.finished is not None, t.segments.count())"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-v", "0", "-c", script],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert out == ["True", str(len(appended))]
