"""The site served for real: daphne in a process of its own, on a free port,
with a database file of its own, and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


class SignedIn:
    """A person signed in through the real log-in form over HTTP: their
    cookies, for pages, posts and sockets."""

    def __init__(self, host: str, email: str, password: str) -> None:
        self.host = host
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
        form = {"email": email, "password": password, "csrfmiddlewaretoken": token}
        self.opener.open(f"http://{host}/accounts/login/", urllib.parse.urlencode(form).encode())

    @property
    def cookie(self) -> str:
        return "; ".join(f"{c.name}={c.value}" for c in self.jar)

    def get(self, path: str) -> str:
        return self.opener.open(f"http://{self.host}{path}").read().decode()

    def post(self, path: str, data: dict[str, str]) -> int:
        """POST as a form with HTMX would; the status answered."""
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        request = urllib.request.Request(
            f"http://{self.host}{path}",
            urllib.parse.urlencode(data).encode(),
            headers={"X-CSRFToken": csrf, "HX-Request": "true"},
        )
        return self.opener.open(request).status

    def stream_name(self, path: str) -> str:
        """The signed name of the Turbo Stream the page at `path` subscribes to."""
        return re.search(r'signed-channel-name="([^"]+)"', self.get(path))[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for_port(port: int, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"daphne exited with {process.returncode}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"nothing listened on port {port} in {timeout} s")


def site_env(var_dir: Path, extra_env: dict[str, str] | None = None) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "VAR_DIR": str(var_dir),
        "DATABASE_URL": f"sqlite:///{var_dir / 'db.sqlite3'}",
        **(extra_env or {}),
    }


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, timeout=120)


@contextmanager
def running(command: list[str], env: dict[str, str], log: Path, port: int | None = None):
    """A process of the site's (daphne, a worker, redis), stopped afterwards."""
    with open(log, "ab") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            if port is not None:
                wait_for_port(port, process)
            yield process
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()


def daphne(port: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "lib.server",  # daphne, bodies bounded before they are read
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "config.asgi:application",
    ]


@contextmanager
def served_site(var_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Migrate a fresh database in var_dir and serve the site; yield its URL."""
    env = site_env(var_dir, extra_env)
    manage(env, "migrate", "--no-input", "-v0")
    port = free_port()
    with running(daphne(port), env, var_dir / "daphne.log", port):
        yield f"http://127.0.0.1:{port}"
