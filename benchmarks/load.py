"""Load on one web process: idle sockets, log-in pages, concurrent dictations.

Run by hand from the repository root (loopback only):

    .venv/bin/python benchmarks/load.py [--sockets 1000,5000,10000] [--seconds 5]
        [--clients 1,2,4,8] [--requests 4] [--workers N]

One daphne (lib.server) serves the site on its embedded defaults. Measured:
- idle signed-in `/ws/` connections, 1,000, 5,000 and 10,000 held at
  once: the process's resident memory before the first and with
  N open, per connection, and the time to open them;
- log-in page GETs from 8 threads for --seconds: requests a second, p50/p95;
- dictations of a 3-second recording from C clients at once, --requests
  each: audio seconds recognised per wall second, p50/p95 of those answered,
  and how fast the ones refused past SPEECH_MAX_JOBS got their 503;
- the process's resident memory before and after its first dictation (it
  loads its models in the background as it starts, unless --workers N
  speech workers on a Redis of their own recognise instead).
Every loop is bounded in count, and every wait in time. Results go in
docs/performance.md.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import io
import os
import resource
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

import soundfile  # noqa: E402
import websockets  # noqa: E402

from benchmarks.common import heading, percentile, resident_mb, settled_mb  # noqa: E402
from harness.site import (  # noqa: E402
    SignedIn,
    daphne,
    free_port,
    migrate_with_person,
    procfile,
    redis,
    running,
    site_env,
)
from harness.voices import spoken_wav  # noqa: E402

EMAIL, PASSWORD = "load-bench@example.com", "a-Long-and-unusual-pass"
SAID = "two zero two five five five zero one four three"  # about 3 s in eSpeak


async def open_idle(host: str, cookie: str, count: int) -> list:
    headers = {"Cookie": cookie, "Origin": f"http://{host}"}
    opened = []
    for _ in range(count):
        connect = websockets.connect(f"ws://{host}/ws/", additional_headers=headers)
        opened.append(await asyncio.wait_for(connect, 10))
    return opened


def idle_sockets(host: str, pid: int, session: SignedIn, counts: list[int]) -> None:
    """A row for each of `counts` sockets held at once, opened in turn on one
    client, its memory per socket since before the first was opened (memory
    freed by sockets closed earlier would hide the cost of new ones)."""
    before = settled_mb(pid)

    async def measure() -> None:
        opened, started = [], time.perf_counter()
        try:
            for count in sorted(counts):
                opened += await open_idle(host, session.cookie, count - len(opened))
                took = time.perf_counter() - started
                await asyncio.sleep(2)
                after = resident_mb(pid)
                per = (after - before) * 1024 / count
                row = f"{before:.0f} -> {after:.0f} MB | {per:.0f} KB | {took:.1f} s"
                print(f"| {count} | {row} |", flush=True)
        finally:
            await asyncio.gather(*(socket.close() for socket in opened))

    asyncio.run(measure())


def login_pages(host: str, seconds: float, threads: int = 8) -> str:
    deadline = time.perf_counter() + seconds
    times: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            urllib.request.urlopen(f"http://{host}/accounts/login/", timeout=10).read()
            with lock:
                times.append(time.perf_counter() - started)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(lambda _: client(), range(threads)))
    rate = len(times) / seconds
    p50, p95 = percentile(times, 0.5) * 1000, percentile(times, 0.95) * 1000
    return f"| {threads} | {rate:.0f} | {p50:.0f} ms | {p95:.0f} ms |"


def dictations(session: SignedIn, record: str, seconds: float, clients: int, each: int) -> str:
    answered: list[float] = []
    refused: list[float] = []
    lock = threading.Lock()

    def client() -> None:
        for _ in range(each):
            started = time.perf_counter()
            try:
                session.ask("/speech/transcribe/", {"field": "phone", "record": record})
                into = answered
            except urllib.error.HTTPError as error:
                if error.code != 503:
                    raise
                into = refused
            with lock:
                into.append(time.perf_counter() - started)

    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        list(pool.map(lambda _: client(), range(clients)))
    wall = time.perf_counter() - started
    rate = len(answered) * seconds / wall
    p50, p95 = percentile(answered, 0.5), percentile(answered, 0.95)
    refusals = (
        f"{percentile(refused, 0.5) * 1000:.0f} / {max(refused) * 1000:.0f} ms" if refused else "-"
    )
    return (
        f"| {clients} | {len(answered)} | {rate:.2f} | {p50:.2f} s | {p95:.2f} s "
        f"| {len(refused)} | {refusals} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sockets", default="1000,5000,10000")
    parser.add_argument("--seconds", type=float, default=5.0)
    parser.add_argument("--clients", default="1,2,4,8")
    parser.add_argument("--requests", type=int, default=4)
    parser.add_argument("--workers", type=int, default=0, help="speech workers, on Redis")
    args = parser.parse_args()
    counts = [min(int(n), 20000) for n in args.sockets.split(",")]
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)  # daphne inherits it
    resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 2 * max(counts) + 256)), hard))
    shape = f", {args.workers} speech workers on Redis" if args.workers else ""
    heading(f"Load on one web process{shape}")
    wav = spoken_wav(SAID)
    record = base64.b64encode(wav).decode()
    seconds = soundfile.info(io.BytesIO(wav)).duration
    lifted = {
        name: "1000000"
        for name in [
            "SPEECH_RATE_LIMIT",
            "SPEECH_AUDIO_SECONDS",
            "SPEECH_JOBS_PER_CLIENT",
            "LOGIN_ATTEMPTS",
        ]
    }
    with tempfile.TemporaryDirectory() as var, ExitStack() as stack:
        if args.workers:
            lifted["REDIS_URL"] = stack.enter_context(redis(Path(var)))
        env = site_env(Path(var), lifted)
        migrate_with_person(env, EMAIL, PASSWORD)
        for n in range(args.workers):
            worker, worker_env = procfile("worker", env)
            stack.enter_context(running(worker, worker_env, Path(var) / f"worker-{n}.log"))
        port = free_port()
        host = f"127.0.0.1:{port}"
        with running(daphne(port), env, Path(var) / "daphne.log", port) as process:
            session = SignedIn(host, EMAIL, PASSWORD)
            print("\n| idle sockets | resident memory | per socket | time to open |")
            print("| --- | --- | --- | --- |")
            idle_sockets(host, process.pid, session, counts)

            print("\n| threads | log-in pages a second | p50 | p95 |")
            print("| --- | --- | --- | --- |")
            print(login_pages(host, args.seconds), flush=True)

            before = resident_mb(process.pid)
            session.ask("/speech/transcribe/", {"field": "phone", "record": record})
            print(f"\nfirst dictation: resident memory {before:.0f} -> "
                  f"{resident_mb(process.pid):.0f} MB")  # fmt: skip
            print(f"\ndictations of {seconds:.1f} s of speech, {args.requests} per client")
            columns = "answered | audio s per s | p50 | p95 | refused (503) | 503 p50 / max"
            print(f"\n| clients | {columns} |")
            print("| --- | --- | --- | --- | --- | --- | --- |")
            for clients in [int(n) for n in args.clients.split(",")]:
                print(dictations(session, record, seconds, clients, args.requests), flush=True)
            print(f"\nafter: resident memory {resident_mb(process.pid):.0f} MB")


if __name__ == "__main__":
    main()
