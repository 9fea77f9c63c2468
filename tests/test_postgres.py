"""PostgreSQL through DATABASE_URL: a real server, started for the test, runs
the migrations and the accounts tests (case-insensitive unique emails, the
user and profile written in one transaction)."""

import glob
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from harness.site import ROOT, free_port

pytestmark = pytest.mark.servers


def _pg_bin(name: str) -> str:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    assert found, f"PostgreSQL's {name} is not installed (bin/test installs postgresql)"
    return found[-1]


def _as_postgres(*command: str) -> None:
    # PostgreSQL refuses to run as root.
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, capture_output=True, timeout=120)


@pytest.fixture
def postgres_url():
    # Not pytest's tmp_path: the postgres user cannot enter root's 0700 folders.
    tmp_path = Path(tempfile.mkdtemp(prefix="voice-pg-"))
    data = tmp_path / "pgdata"
    data.mkdir()
    if os.geteuid() == 0:
        shutil.chown(tmp_path, "postgres")
        shutil.chown(data, "postgres")
    port = free_port()
    _as_postgres(_pg_bin("initdb"), "-D", str(data), "-U", "postgres", "--auth=trust")
    options = f"-p {port} -k {tmp_path} -c listen_addresses=127.0.0.1 -c fsync=off"
    log = str(tmp_path / "postgres.log")
    _as_postgres(_pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-l", log, "-w", "start")
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/voice"
    finally:
        _as_postgres(_pg_bin("pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
        shutil.rmtree(tmp_path, ignore_errors=True)


def test_the_accounts_work_on_postgresql(postgres_url):
    env = {**os.environ, "DATABASE_URL": postgres_url}
    env.pop("PYTEST_CURRENT_TEST", None)
    vendor = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.db import connection as c; print(c.vendor)",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert vendor.stdout.split()[-1] == "postgresql", vendor.stderr
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_accounts_models.py",
            "tests/test_register.py",
            "tests/test_login.py",
            "tests/test_admin.py",
            "tests/test_project.py::test_no_migrations_are_missing",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert " passed" in result.stdout and " failed" not in result.stdout
