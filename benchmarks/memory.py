"""Resident memory of each kind of process, in the many-process shape.

Run by hand from the repository root (loopback only):

    .venv/bin/python benchmarks/memory.py [--dictations 5]

A redis-server of its own, one `web` and one `worker` process started from
the Procfile (SQLite here: the database does not change what a process
holds). The memory of each is read from /proc when started, after a log-in,
and after --dictations dictations sent through the web process (recognised
by the worker). Then the same web process alone, recognising itself, for
comparison. Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from benchmarks.common import heading, resident_mb  # noqa: E402
from harness.site import (  # noqa: E402
    SignedIn,
    free_port,
    migrate_with_person,
    procfile,
    redis,
    running,
    site_env,
)
from harness.voices import spoken_wav  # noqa: E402

EMAIL, PASSWORD = "memory-bench@example.com", "a-Long-and-unusual-pass"


def measure(var: Path, with_workers: bool, dictations: int) -> None:
    with ExitStack() as stack:
        extra = {"SPEECH_USE_WORKERS": "false"}
        if with_workers:
            extra = {"REDIS_URL": stack.enter_context(redis(var))}
        env = site_env(var, extra)
        migrate_with_person(env, EMAIL, PASSWORD)
        port = free_port()
        web, web_env = procfile("web", {**env, "HOST": "127.0.0.1", "PORT": str(port)})
        processes = {"web": stack.enter_context(running(web, web_env, var / "web.log", port))}
        if with_workers:
            worker, worker_env = procfile("worker", env)
            processes["worker"] = stack.enter_context(running(worker, worker_env, var / "w.log"))
            time.sleep(3)  # the worker's start-up
        shape = "web + worker" if with_workers else "web alone"

        def show(moment: str) -> None:
            for name, process in processes.items():
                print(f"| {shape} | {name} | {moment} | {resident_mb(process.pid):.0f} MB |")

        show("started")
        session = SignedIn(f"127.0.0.1:{port}", EMAIL, PASSWORD)
        show("after a log-in")
        record = base64.b64encode(spoken_wav("five five five one two three four")).decode()
        for _ in range(dictations):
            answer = session.ask("/speech/transcribe/", {"field": "phone", "record": record})
            assert answer["value"] == "5551234", answer
        show(f"after {dictations} dictations")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dictations", type=int, default=5)
    args = parser.parse_args()
    heading("Memory of each kind of process")
    print("\n| shape | process | when | resident memory |")
    print("| --- | --- | --- | --- |")
    for with_workers in [True, False]:
        with tempfile.TemporaryDirectory() as var:
            measure(Path(var), with_workers, args.dictations)


if __name__ == "__main__":
    main()
