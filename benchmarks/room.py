"""Room delivery benchmark: one post, delivered to N subscribed sockets.

Run by hand from the repository root (loopback only):

    .venv/bin/python benchmarks/room.py [--sockets 100,1000] [--posts 5] [--layers memory,redis]

For each channel layer (the in-memory one, and Redis through a redis-server
of its own on a free port) a real daphne serves the site; N websockets
signed in as one person subscribe to the room's stream; each post is made
through the HTTP view, and the time from sending it to each socket's
receiving the append is the delivery latency. Every wait is bounded
(10 s a message), and N is at most --max. Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import websockets  # noqa: E402

from benchmarks.common import heading, percentile  # noqa: E402
from harness.site import (  # noqa: E402
    SignedIn,
    daphne,
    free_port,
    migrate_with_person,
    redis,
    running,
    site_env,
)

EMAIL, PASSWORD = "room-bench@example.com", "a-Long-and-unusual-pass"
WAIT = 10.0  # seconds, the longest any one message is awaited


async def deliveries(host: str, sockets: int, posts: int) -> tuple[list[float], int]:
    """Latencies of every post's arrival at every socket, and how many
    arrivals were missed within WAIT."""
    session = SignedIn(host, EMAIL, PASSWORD)
    name = session.stream_name("/room/")
    headers = {"Cookie": session.cookie, "Origin": f"http://{host}"}
    opened = []
    for _ in range(sockets):
        socket = await websockets.connect(f"ws://{host}/ws/", additional_headers=headers)
        await socket.send(json.dumps({"type": "subscribe", "signed_channel_name": name}))
        opened.append(socket)
    await asyncio.sleep(1 + sockets / 500)  # every subscription in
    latencies, missed = [], 0
    for n in range(posts):
        marker = f"delivery-{n}-{time.time_ns()}"
        started = time.perf_counter()
        sent = asyncio.create_task(asyncio.to_thread(session.post, "/room/", {"text": marker}))
        results = await asyncio.gather(*(arrival(socket, marker) for socket in opened))
        await sent
        latencies += [at - started for at in results if at is not None]
        missed += sum(at is None for at in results)
    await asyncio.gather(*(socket.close() for socket in opened))
    return latencies, missed


async def arrival(socket, marker: str) -> float | None:
    deadline = time.perf_counter() + WAIT
    while (left := deadline - time.perf_counter()) > 0:
        try:
            message = json.loads(await asyncio.wait_for(socket.recv(), left))
        except TimeoutError:
            return None
        if marker in message.get("data", ""):
            return time.perf_counter()
    return None


def serve(stack: ExitStack, var: Path, layer: str) -> str:
    env_extra = {"ROOM_POSTS_PER_MINUTE": "1000"}
    if layer == "redis":
        env_extra["REDIS_URL"] = stack.enter_context(redis(var))
    env = site_env(var, env_extra)
    migrate_with_person(env, EMAIL, PASSWORD)
    port = free_port()
    stack.enter_context(running(daphne(port), env, var / "daphne.log", port))
    return f"127.0.0.1:{port}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sockets", default="100,1000")
    parser.add_argument("--posts", type=int, default=5)
    parser.add_argument("--layers", default="memory,redis")
    parser.add_argument("--max", type=int, default=2000, help="the most sockets allowed")
    args = parser.parse_args()
    counts = [min(int(n), args.max) for n in args.sockets.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # daphne inherits it
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 4 * max(counts) + 256)), hard))
    heading("Room delivery benchmark")
    print("\n| layer | sockets | deliveries | p50 | p99 | max | missed |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for layer in args.layers.split(","):
        for count in counts:
            with tempfile.TemporaryDirectory() as var, ExitStack() as stack:
                host = serve(stack, Path(var), layer)
                latencies, missed = asyncio.run(deliveries(host, count, args.posts))
            cells = [percentile(latencies, 0.5), percentile(latencies, 0.99), max(latencies)]
            shown = " | ".join(f"{1000 * s:.0f} ms" for s in cells)
            print(f"| {layer} | {count} | {len(latencies)} | {shown} | {missed} |", flush=True)


if __name__ == "__main__":
    main()
