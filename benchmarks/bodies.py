"""Memory of one daphne process while oversized bodies are refused.

Run by hand from the repository root (loopback only):

    .venv/bin/python benchmarks/bodies.py [--megabytes 60] [--repeat 5]

A real daphne serves the site on its defaults; bodies of --megabytes are
sent --repeat times each way (a declared Content-Length, and chunked with
none) to the speech view and to the log-in form, and the process's resident
memory is read from /proc after each. A body refused before it is read
leaves the memory where it was. Results go in docs/performance.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")

from benchmarks.common import heading, resident_mb  # noqa: E402
from harness.site import daphne, free_port, manage, running, site_env  # noqa: E402

PIECE = b"\0" * (1 << 20)


def send(port: int, path: str, megabytes: int, chunked: bool) -> int | str:
    """POST megabytes of zeros; the status, or how the connection ended."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Content-Type": "application/octet-stream"}
    if not chunked:
        headers["Content-Length"] = str(megabytes << 20)
    try:
        connection.putrequest("POST", path)
        for name, value in headers.items():
            connection.putheader(name, value)
        if chunked:
            connection.putheader("Transfer-Encoding", "chunked")
        connection.endheaders()
        for _ in range(megabytes):
            piece = f"{len(PIECE):x}\r\n".encode() + PIECE + b"\r\n" if chunked else PIECE
            connection.send(piece)
        if chunked:
            connection.send(b"0\r\n\r\n")
        return connection.getresponse().status
    except (BrokenPipeError, ConnectionResetError):
        # The server answered and closed before the body was all sent.
        return "closed early"
    finally:
        connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--megabytes", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    heading("Oversized bodies")
    print(f"\n{args.megabytes} MB bodies, {args.repeat} of each")
    print("\n| path | sent as | answers | resident memory before -> after |")
    print("| --- | --- | --- | --- |")
    with tempfile.TemporaryDirectory() as var:
        env = site_env(Path(var))
        manage(env, "migrate", "--no-input", "-v0")
        port = free_port()
        with running(daphne(port), env, Path(var) / "daphne.log", port) as process:
            send(port, "/accounts/login/", 0, chunked=False)  # warm up
            for path in ["/speech/transcribe/", "/accounts/login/"]:
                for chunked in [False, True]:
                    before = resident_mb(process.pid)
                    answers = {
                        send(port, path, args.megabytes, chunked) for _ in range(args.repeat)
                    }
                    after = resident_mb(process.pid)
                    way = "chunked" if chunked else "Content-Length"
                    shown = ", ".join(str(a) for a in sorted(answers, key=str))
                    print(
                        f"| {path} | {way} | {shown} | {before:.0f} -> {after:.0f} MB |", flush=True
                    )


if __name__ == "__main__":
    main()
