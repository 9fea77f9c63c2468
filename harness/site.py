"""The site served for real: daphne in a process of its own, on a free port,
with a database file of its own (or a PostgreSQL server of its own), and
Debian's Chromium driven by Playwright."""

from __future__ import annotations

import glob
import http.cookiejar
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
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
        return self._send(path, data, {"HX-Request": "true"}).status

    def ask(self, path: str, data: dict[str, str]) -> dict:
        """POST as a form and ask for JSON; the answer, parsed."""
        return json.loads(self._send(path, data, {"Accept": "application/json"}).read())

    def _send(self, path: str, data: dict[str, str], headers: dict[str, str]):
        csrf = next(c.value for c in self.jar if c.name == "csrftoken")
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(
            f"http://{self.host}{path}", body, headers={"X-CSRFToken": csrf, **headers}
        )
        return self.opener.open(request)

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


def migrate_with_person(env: dict[str, str], email: str, password: str) -> None:
    """Migrate the site's database and sign up one person, without a profile."""
    manage(env, "migrate", "--no-input", "-v0")
    script = f"from accounts.models import User; User.objects.create_user({email!r}, {password!r})"
    manage(env, "shell", "-v0", "-c", script)


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


def procfile(name: str, env: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """The Procfile's command `name`, run as a platform would (through the
    shell, `python` the one running this), and its environment."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    commands = dict(line.split(": ", 1) for line in lines if ": " in line)
    path = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return ["sh", "-c", f"exec {commands[name]}"], {**env, "PATH": path}


@contextmanager
def served_site(var_dir: Path, extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Migrate a fresh database in var_dir and serve the site; yield its URL."""
    env = site_env(var_dir, extra_env)
    manage(env, "migrate", "--no-input", "-v0")
    port = free_port()
    with running(daphne(port), env, var_dir / "daphne.log", port):
        yield f"http://127.0.0.1:{port}"


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL's {name} is not installed (bin/test installs postgresql)"
    return found[-1]


def _as_postgres(*command: str) -> None:
    # PostgreSQL refuses to run as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


@contextmanager
def postgres() -> Iterator[str]:
    """A PostgreSQL server of its own on a free loopback port, stopped and
    removed afterwards; yields a DATABASE_URL for it."""
    # Not pytest's tmp_path: the postgres user cannot enter root's 0700 folders.
    folder = Path(tempfile.mkdtemp(prefix="voice-pg-"))
    data = folder / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    _as_postgres(_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(folder / "postgres.log")
    _as_postgres(_pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
    try:
        _as_postgres(
            _pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "voice"
        )
        yield f"postgres://postgres@127.0.0.1:{port}/voice"
    finally:
        _as_postgres(_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def redis(log_dir: Path) -> Iterator[str]:
    """A redis-server of its own on a free loopback port, keeping nothing on
    disk; yields a REDIS_URL for it."""
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
    with running(command, {}, log_dir / "redis.log", port):
        yield f"redis://127.0.0.1:{port}/0"
